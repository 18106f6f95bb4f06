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
    // 32 bytes at a time (written so that the compiler compares them as
    // one vector), then eight: a block with no `.` (most of them) is
    // skipped with one test; one that may hold one is walked byte by byte.
    let mut pos = 0;
    while pos < token.len() {
        if let Some(block) = token
            .get(pos..pos + 32)
            .and_then(|b| <&[u8; 32]>::try_from(b).ok())
        {
            if !block.iter().fold(false, |any, &b| any | (b == b'.')) {
                pos += 32;
                continue;
            }
        }
        let end = match token.get(pos..pos + 8) {
            Some(word) if !may_hold_dot(word) => {
                pos += 8;
                continue;
            }
            Some(_) => pos + 8,
            None => token.len(),
        };
        for (i, &b) in (pos..).zip(token.get(pos..end).unwrap_or_default()) {
            if b == b'.' {
                match dots.get_mut(count) {
                    Some(slot) => *slot = i,
                    None => {
                        return Err(Error::malformed(
                            "token has more than three dot-separated parts",
                        )
                        .with_offset(i))
                    }
                }
                count += 1;
            }
        }
        pos = end;
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

/// Whether the eight bytes of `word` may include a `.`: never false when
/// one does (the "has a zero byte" test on `word ^ "........"`; it may
/// flag a word without one, which the byte walk then finds empty).
#[inline]
fn may_hold_dot(word: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let Ok(bytes) = <[u8; 8]>::try_from(word) else {
        return true;
    };
    let x = u64::from_le_bytes(bytes) ^ (ONES * u64::from(b'.'));
    x.wrapping_sub(ONES) & !x & HIGHS != 0
}

/// Headers up to this many decoded bytes are decoded on the stack (a JWT
/// header is typically 20–100 bytes); longer ones go to the heap.
pub(crate) const INLINE_HEADER_LEN: usize = 192;

/// Payloads up to this many decoded bytes are decoded on the stack (typical
/// claims are a few hundred bytes); longer ones go to the heap.
pub(crate) const INLINE_PAYLOAD_LEN: usize = 1024;

/// Decodes the header or payload part like [`decode_part`]: into `stack`
/// when it is long enough, else into `heap`; returns the decoded bytes.
pub(crate) fn decode_part_buffered<'b>(
    encoded: &[u8],
    what: &'static str,
    stack: &'b mut [u8],
    heap: &'b mut Vec<u8>,
) -> Result<&'b [u8], Error> {
    // A 4n+1 length has no decoded length: both paths report it alike.
    let len = base64url::decoded_len(encoded.len()).unwrap_or(0);
    if len > stack.len() {
        // Into `heap`, whose capacity is kept: a caller that reuses it
        // (a reused `verify::Scratch`) allocates only for a longer part.
        heap.clear();
        heap.resize(len, 0);
        let len = decode_part_into(encoded, what, heap)?;
        return Ok(heap.get(..len).unwrap_or_default());
    }
    let len = decode_part_into(encoded, what, stack)?;
    Ok(stack.get(..len).unwrap_or_default())
}

/// Decodes the header part within `max_len` decoded bytes. The length is
/// judged from the encoded length alone, before anything is allocated.
pub(crate) fn decode_header<'b>(
    encoded: &[u8],
    max_len: usize,
    stack: &'b mut [u8],
    heap: &'b mut Vec<u8>,
) -> Result<&'b [u8], Error> {
    // A 4n+1 length has no decoded length: `decode_part` reports it.
    let decoded_len = base64url::decoded_len(encoded.len()).unwrap_or(0);
    if decoded_len > max_len {
        return Err(Error::malformed(format!(
            "the header part decodes to {decoded_len} bytes, over the limit of {max_len}"
        )));
    }
    decode_part_buffered(encoded, "header", stack, heap)
}

/// [`decode_part`] into `out`, which holds the decoded part (else the
/// decoder's "output too small" error); returns the decoded length.
fn decode_part_into(encoded: &[u8], what: &'static str, out: &mut [u8]) -> Result<usize, Error> {
    if encoded.is_empty() {
        return Err(Error::malformed(format!("the {what} part is empty")));
    }
    base64url::decode_to_slice(encoded, out).map_err(|e| part_error(what, e))
}

/// Decodes the header or payload part with strict base64url (RFC 7515 §2;
/// RFC 4648 §5 without padding, canonical). `what` names the part in the
/// error message.
pub(crate) fn decode_part(encoded: &[u8], what: &'static str) -> Result<Vec<u8>, Error> {
    if encoded.is_empty() {
        return Err(Error::malformed(format!("the {what} part is empty")));
    }
    base64url::decode(encoded).map_err(|e| part_error(what, e))
}

/// The error for a part that is not canonical base64url.
fn part_error(what: &'static str, e: base64url::DecodeError) -> Error {
    Error::malformed(format!("the {what} part is not canonical base64url: {e}"))
        .with_offset(e.offset())
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;
    use alloc::vec::Vec;

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
    fn dots_are_found_at_every_position() {
        for len in 3..40 {
            for first in 0..len {
                for second in first + 1..len {
                    let mut token = alloc::vec![b'a'; len];
                    token[first] = b'.';
                    token[second] = b'.';
                    let p = split(&token, 100).unwrap();
                    assert_eq!(p.header.len(), first);
                    assert_eq!(p.signing_input.len(), second);
                    assert_eq!(p.signature.len(), len - second - 1);
                    for third in 0..len {
                        if third != first && third != second {
                            let mut more = token.clone();
                            more[third] = b'.';
                            let err = split(&more, 100).unwrap_err();
                            assert_eq!(err.kind(), ErrorKind::Malformed);
                            assert_eq!(err.offset(), Some(third.max(second)));
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn header_decodes_alike_on_the_stack_and_on_the_heap() {
        for len in [
            0, 1, 2, 3, 100, 191, 192, 193, 194, 300, 1023, 1024, 1025, 2000,
        ] {
            let data: alloc::vec::Vec<u8> = (0..len).map(|i| (i * 7) as u8).collect();
            let encoded = base64url::encode(&data);
            let (mut stack, mut heap) = ([0u8; INLINE_HEADER_LEN], Vec::new());
            match decode_header(encoded.as_bytes(), 16_384, &mut stack, &mut heap) {
                Ok(decoded) => assert_eq!(decoded, &data[..], "{len}"),
                Err(e) => assert_eq!(
                    e.to_string(),
                    decode_part(encoded.as_bytes(), "header")
                        .unwrap_err()
                        .to_string()
                ),
            }
            let (mut stack, mut heap) = ([0u8; INLINE_PAYLOAD_LEN], Vec::new());
            let payload =
                decode_part_buffered(encoded.as_bytes(), "payload", &mut stack, &mut heap);
            let from_heap = decode_part(encoded.as_bytes(), "payload");
            assert_eq!(
                payload.map_err(|e| e.to_string()),
                from_heap.as_deref().map_err(ToString::to_string)
            );
            // A bad byte or a bad length fails the same way on both paths.
            for bad in [
                alloc::format!("{encoded}*"),
                alloc::format!("*{encoded}"),
                alloc::format!("{encoded}A"),
            ] {
                let (mut stack, mut heap) = ([0u8; INLINE_HEADER_LEN], Vec::new());
                let inline = decode_header(bad.as_bytes(), 16_384, &mut stack, &mut heap)
                    .map(<[u8]>::to_vec);
                let heap = decode_part(bad.as_bytes(), "header");
                assert_eq!(
                    inline.as_ref().map_err(ToString::to_string),
                    heap.as_ref().map_err(ToString::to_string),
                    "{bad}"
                );
                assert_eq!(
                    inline.err().and_then(|e| e.offset()),
                    heap.err().and_then(|e| e.offset())
                );
            }
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
