//! Step 1 of verification: the JWS Compact Serialization (RFC 7515 §7.1).
//!
//! ```text
//!   BASE64URL(header) . BASE64URL(payload) . BASE64URL(signature)
//!   \______________ signing input ________/
//! ```
//!
//! The size limit is checked before anything else is looked at, and the
//! separators are counted in one pass that stops at the third `.`, so a
//! megabyte of dots costs no allocation (CVE-2025-30204). The signing input
//! is kept as the exact bytes received: the signature is checked over them,
//! never over re-serialised JSON (RFC 7515 §5.2 step 8).

use crate::base64url;
use crate::error::{Error, ErrorKind};
use alloc::format;
use alloc::vec::Vec;

/// The default limit on the token's length, in bytes of token text
/// (64 KiB, as the command line contract fixes it).
pub const DEFAULT_MAX_TOKEN_LEN: usize = 65_536;

/// The default limit on the decoded header, in bytes (16 KiB).
///
/// Real headers are tens of bytes; the largest legitimate ones carry an
/// `x5c` certificate chain (which this crate never uses, but must not
/// refuse), three or four certificates of 1–2 KiB each. 16 KiB is twice
/// that, so no real token is refused, while a 64 KiB token cannot make the
/// header parser read 48 KiB of JSON before the signature is checked. Over
/// the limit is [`ErrorKind::Malformed`]: a token within the size limit is
/// never [`ErrorKind::TooLarge`] (the command line contract).
pub const DEFAULT_MAX_HEADER_LEN: usize = 16_384;

/// The three parts of a compact token, borrowed from the received text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Parts<'a> {
    /// `header . payload`, exactly as received: what the signature covers.
    pub signing_input: &'a [u8],
    /// The encoded header.
    pub header: &'a [u8],
    /// The encoded payload.
    pub payload: &'a [u8],
    /// The encoded signature.
    pub signature: &'a [u8],
}

/// Checks the size, then splits at exactly two `.` (RFC 7515 §7.1).
pub(crate) fn split(token: &[u8], max_len: usize) -> Result<Parts<'_>, Error> {
    if token.len() > max_len {
        return Err(Error::new(
            ErrorKind::TooLarge,
            format!(
                "token is {} bytes, over the limit of {max_len}",
                token.len()
            ),
        ));
    }
    let mut dots = [0usize; 2];
    let mut count = 0usize;
    for (i, &b) in token.iter().enumerate() {
        if b == b'.' {
            match dots.get_mut(count) {
                Some(slot) => *slot = i,
                None => {
                    return Err(
                        Error::malformed("token has more than three dot-separated parts")
                            .with_offset(i),
                    )
                }
            }
            count += 1;
        }
    }
    if count != 2 {
        return Err(Error::malformed(format!(
            "token has {} dot-separated part{}, expected three (header.payload.signature)",
            count + 1,
            if count == 0 { "" } else { "s" }
        )));
    }
    let [first, second] = dots;
    let (signing_input, dot_and_signature) = token.split_at(second);
    let (header, dot_and_payload) = signing_input.split_at(first);
    Ok(Parts {
        signing_input,
        header,
        payload: dot_and_payload.get(1..).unwrap_or_default(),
        signature: dot_and_signature.get(1..).unwrap_or_default(),
    })
}

/// Decodes the header part within `max_len` decoded bytes. The length is
/// judged from the encoded length alone, before anything is allocated.
pub(crate) fn decode_header(encoded: &[u8], max_len: usize) -> Result<Vec<u8>, Error> {
    // A 4n+1 length has no decoded length: `decode_part` reports it.
    let decoded_len = base64url::decoded_len(encoded.len()).unwrap_or(0);
    if decoded_len > max_len {
        return Err(Error::malformed(format!(
            "the header part decodes to {decoded_len} bytes, over the limit of {max_len}"
        )));
    }
    decode_part(encoded, "header")
}

/// Decodes the header or payload part with strict base64url (RFC 7515 §2;
/// RFC 4648 §5 without padding, canonical). `what` names the part in the
/// error message.
pub(crate) fn decode_part(encoded: &[u8], what: &'static str) -> Result<Vec<u8>, Error> {
    if encoded.is_empty() {
        return Err(Error::malformed(format!("the {what} part is empty")));
    }
    base64url::decode(encoded).map_err(|e| {
        Error::malformed(format!("the {what} part is not canonical base64url: {e}"))
            .with_offset(e.offset())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_into_three_parts_keeping_the_signing_input() {
        let p = split(b"aa.bbb.cccc", 100).unwrap();
        assert_eq!(p.signing_input, b"aa.bbb");
        assert_eq!(p.header, b"aa");
        assert_eq!(p.payload, b"bbb");
        assert_eq!(p.signature, b"cccc");
        let p = split(b"..", 100).unwrap();
        assert_eq!(
            (p.header, p.payload, p.signature),
            (&b""[..], &b""[..], &b""[..])
        );
    }

    #[test]
    fn wrong_part_counts_are_malformed() {
        for t in [&b""[..], b"a", b"a.b", b"a.b.c.d", b"....", b"a.b.c."] {
            assert_eq!(
                split(t, 100).unwrap_err().kind(),
                ErrorKind::Malformed,
                "{t:?}"
            );
        }
    }

    #[test]
    fn size_is_checked_before_structure() {
        let dots = alloc::vec![b'.'; 1 << 20];
        assert_eq!(
            split(&dots, 65_536).unwrap_err().kind(),
            ErrorKind::TooLarge
        );
        assert_eq!(
            split(&dots, 1 << 20).unwrap_err().kind(),
            ErrorKind::Malformed
        );
        let exact = [b'a'; 10];
        assert_eq!(split(&exact, 10).unwrap_err().kind(), ErrorKind::Malformed);
        assert_eq!(split(&exact, 9).unwrap_err().kind(), ErrorKind::TooLarge);
    }
}
