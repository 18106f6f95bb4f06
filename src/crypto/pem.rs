//! PEM armour for keys: the textual encoding of [RFC 7468], one key block
//! per text.
//!
//! ```text
//! anything (ignored)
//! -----BEGIN PUBLIC KEY-----            pre-encapsulation boundary, RFC 7468 §2
//! MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7  base64, RFC 4648 §4, with padding
//! lshQhqowtrbLDFw4rXAxZuE=
//! -----END PUBLIC KEY-----              post-encapsulation boundary, same label
//! anything (ignored)
//! ```
//!
//! [`decode`] takes a text holding exactly one block labelled with one of
//! the six key [`Label`]s, and returns the label and the DER inside. It
//! follows the command line contract (spec/cli.md, "PEM files"):
//!
//! - text outside blocks is ignored (RFC 7468 §2 allows it), and so are
//!   blocks labelled `EC PARAMETERS` (OpenSSL writes one before an
//!   `EC PRIVATE KEY`; the key names its curve itself);
//! - a second key block, a block of any other label, a BEGIN line without
//!   its END or an END whose label differs are errors;
//! - `ENCRYPTED PRIVATE KEY` blocks (RFC 5958 §3) and blocks with RFC 1421
//!   headers `Proc-Type: 4,ENCRYPTED` / `DEK-Info:` are refused with the
//!   advice to decrypt the key first; other RFC 1421 headers are refused
//!   too, since RFC 7468 §2 does not permit headers;
//! - the base64 is that of RFC 4648 §4 with its padding: white space (space,
//!   tab, CR, LF, VT, FF: RFC 7468 §3's `W`) is ignored anywhere in it, so
//!   lines may be of any length and end in LF or CRLF, but every other
//!   character outside the alphabet, missing or misplaced `=` padding, and
//!   non-zero unused bits in the last character (RFC 4648 §3.5, so that one
//!   key has one armour) are errors.
//!
//! Boundary lines must start at the beginning of a line; white space after
//! the closing dashes is allowed (RFC 7468 §3, `WSP* eol`). Texts longer
//! than [`MAX_TEXT`] are refused before any work.
//!
//! [`encode`] writes the form RFC 7468 §2 says generators use: 64-character
//! lines ending in LF.
//!
//! [RFC 7468]: https://www.rfc-editor.org/rfc/rfc7468

use super::der;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// The longest PEM text read: 1 MiB (a key block of [`der::MAX_LEN`]
/// octets is under 90 KiB of base64; the rest leaves room for comments).
pub const MAX_TEXT: usize = 1 << 20;

/// The labels of key blocks (RFC 7468 §5 to §13 and their OpenSSL
/// forerunners), each naming the DER structure inside.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Label {
    /// `PUBLIC KEY`: SubjectPublicKeyInfo (RFC 5280 §4.1.2.7, RFC 7468 §13).
    PublicKey,
    /// `RSA PUBLIC KEY`: PKCS #1 RSAPublicKey (RFC 8017 A.1.1).
    RsaPublicKey,
    /// `CERTIFICATE`: an X.509 certificate (RFC 5280 §4.1, RFC 7468 §5).
    Certificate,
    /// `PRIVATE KEY`: PKCS #8 PrivateKeyInfo / OneAsymmetricKey (RFC 5208,
    /// RFC 5958, RFC 7468 §10).
    PrivateKey,
    /// `RSA PRIVATE KEY`: PKCS #1 RSAPrivateKey (RFC 8017 A.1.2).
    RsaPrivateKey,
    /// `EC PRIVATE KEY`: SEC 1 ECPrivateKey (RFC 5915 §3).
    EcPrivateKey,
}

impl Label {
    /// Every key label.
    pub const ALL: [Label; 6] = [
        Label::PublicKey,
        Label::RsaPublicKey,
        Label::Certificate,
        Label::PrivateKey,
        Label::RsaPrivateKey,
        Label::EcPrivateKey,
    ];

    /// The label as written between the dashes.
    pub const fn as_str(self) -> &'static str {
        match self {
            Label::PublicKey => "PUBLIC KEY",
            Label::RsaPublicKey => "RSA PUBLIC KEY",
            Label::Certificate => "CERTIFICATE",
            Label::PrivateKey => "PRIVATE KEY",
            Label::RsaPrivateKey => "RSA PRIVATE KEY",
            Label::EcPrivateKey => "EC PRIVATE KEY",
        }
    }

    /// The key label spelled exactly `text`, if any.
    pub fn from_text(text: &[u8]) -> Option<Label> {
        Label::ALL
            .into_iter()
            .find(|label| label.as_str().as_bytes() == text)
    }
}

/// The label of the block that is skipped (RFC 5915 §4 shows it beside an
/// `EC PRIVATE KEY`).
const EC_PARAMETERS: &[u8] = b"EC PARAMETERS";
/// The label of an encrypted PKCS #8 key (RFC 5958 §3, RFC 7468 §11).
const ENCRYPTED_PRIVATE_KEY: &[u8] = b"ENCRYPTED PRIVATE KEY";

/// One decoded key block.
#[derive(Clone, PartialEq, Eq)]
pub struct Block {
    /// What the DER holds.
    pub label: Label,
    /// The DER octets (of a private key, for private labels).
    pub der: Vec<u8>,
}

impl fmt::Debug for Block {
    /// The label and length only: the octets may be a private key.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Block")
            .field("label", &self.label)
            .field("der_len", &self.der.len())
            .finish()
    }
}

/// What was wrong with a PEM text, and on which line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PemError {
    /// What rule the text broke.
    pub kind: PemErrorKind,
    /// The 1-based line of the text at fault (0 for the text as a whole).
    pub line: usize,
}

/// The rule a PEM text broke.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PemErrorKind {
    /// The text is longer than [`MAX_TEXT`], or the block's DER than
    /// [`der::MAX_LEN`].
    TooLarge,
    /// No `-----BEGIN` line.
    NoBlock,
    /// A second key block.
    TwoKeyBlocks,
    /// A block of a label that holds no key this crate reads.
    UnsupportedLabel(String),
    /// An encrypted key: `ENCRYPTED PRIVATE KEY`, or RFC 1421 headers
    /// `Proc-Type: 4,ENCRYPTED` / `DEK-Info`.
    Encrypted,
    /// RFC 1421 headers (`Name: value` lines) in a block.
    Headers,
    /// A `-----BEGIN` or `-----END` line not of the form
    /// `-----BEGIN LABEL-----`.
    MalformedBoundary,
    /// A `-----BEGIN` line without its `-----END`.
    MissingEnd,
    /// A `-----END` line outside a block.
    EndWithoutBegin,
    /// The END line's label differs from the BEGIN line's.
    MismatchedEnd {
        /// The label of the BEGIN line.
        begin: String,
        /// The label of the END line.
        end: String,
    },
    /// A character outside the base64 alphabet (RFC 4648 §4) that is not
    /// white space.
    Base64Character,
    /// A base64 text whose length, white space left out, is not a multiple
    /// of four: its `=` padding is missing (RFC 4648 §4).
    Base64Length,
    /// `=` elsewhere than as the last one or two characters (RFC 4648 §4).
    Base64Padding,
    /// Non-zero unused bits in the last character before the padding
    /// (RFC 4648 §3.5).
    Base64TrailingBits,
}

impl PemError {
    const fn new(kind: PemErrorKind, line: usize) -> PemError {
        PemError { kind, line }
    }
}

impl fmt::Display for PemError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "PEM line {}: ", self.line)?;
        } else {
            f.write_str("PEM: ")?;
        }
        match &self.kind {
            PemErrorKind::TooLarge => write!(
                f,
                "the text is longer than {MAX_TEXT} characters, or its key longer than {} octets",
                der::MAX_LEN
            ),
            PemErrorKind::NoBlock => f.write_str(
                "no \"-----BEGIN ...-----\" line: the text holds no PEM block (RFC 7468 §2)",
            ),
            PemErrorKind::TwoKeyBlocks => {
                f.write_str("a second key block; a PEM file must hold exactly one key")
            }
            PemErrorKind::UnsupportedLabel(label) => write!(
                f,
                "a block labelled \"{label}\"; the labels read are PUBLIC KEY, RSA PUBLIC KEY, \
                 CERTIFICATE, PRIVATE KEY, RSA PRIVATE KEY and EC PRIVATE KEY"
            ),
            PemErrorKind::Encrypted => f.write_str(
                "the key is encrypted; decrypt it first, e.g. \
                 `openssl pkey -in key.pem -out plain.pem`",
            ),
            PemErrorKind::Headers => f.write_str(
                "a header line (\"Name: value\", RFC 1421) inside the block; RFC 7468 §2 \
                 permits none",
            ),
            PemErrorKind::MalformedBoundary => f.write_str(
                "a boundary line not of the form \"-----BEGIN LABEL-----\" or \
                 \"-----END LABEL-----\" (RFC 7468 §3)",
            ),
            PemErrorKind::MissingEnd => {
                f.write_str("the block that begins here has no matching END line (RFC 7468 §2)")
            }
            PemErrorKind::EndWithoutBegin => {
                f.write_str("an END line outside any block (RFC 7468 §2)")
            }
            PemErrorKind::MismatchedEnd { begin, end } => write!(
                f,
                "the block begins with \"{begin}\" and ends with \"{end}\"; the labels must \
                 match (RFC 7468 §2)"
            ),
            PemErrorKind::Base64Character => {
                f.write_str("a character that is neither base64 (RFC 4648 §4) nor white space")
            }
            PemErrorKind::Base64Length => f.write_str(
                "the base64 is not a whole number of 4-character groups: its \"=\" padding \
                 is missing (RFC 4648 §4)",
            ),
            PemErrorKind::Base64Padding => f.write_str(
                "\"=\" padding where it does not belong: only the last one or two characters \
                 may be \"=\" (RFC 4648 §4)",
            ),
            PemErrorKind::Base64TrailingBits => f.write_str(
                "the last base64 character before the padding has non-zero unused bits \
                 (RFC 4648 §3.5)",
            ),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for PemError {}

/// RFC 7468 §3 `W`: white space ignored inside the base64 text.
fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r' | b'\n' | 0x0b | 0x0c)
}

/// A line without its trailing white space (`WSP* eol`, and the CR of CRLF).
fn trim_end(line: &[u8]) -> &[u8] {
    let end = line
        .iter()
        .rposition(|&b| !is_space(b))
        .map_or(0, |i| i + 1);
    line.get(..end).unwrap_or_default()
}

/// The label of a boundary line `-----{keyword} LABEL-----`, if the line is
/// one; RFC 7468 §3 `label`: printable characters other than `-`, with
/// single spaces or hyphens between them.
fn boundary_label<'t>(line: &'t [u8], keyword: &[u8]) -> Option<&'t [u8]> {
    let rest = line.strip_prefix(b"-----")?.strip_prefix(keyword)?;
    let label = rest.strip_suffix(b"-----")?;
    let label = match label {
        [] => label,
        [b' ', inner @ ..] => inner,
        _ => return None,
    };
    let mut previous_separator = true;
    for &byte in label {
        let separator = byte == b' ' || byte == b'-';
        if !(separator || (0x21..=0x7e).contains(&byte)) || (separator && previous_separator) {
            return None;
        }
        previous_separator = separator;
    }
    if previous_separator && !label.is_empty() {
        return None;
    }
    Some(label)
}

/// A label as text for an error: printable ASCII only, at most 64
/// characters.
fn label_text(label: &[u8]) -> String {
    label
        .iter()
        .take(64)
        .map(|&b| {
            if (0x20..=0x7e).contains(&b) {
                char::from(b)
            } else {
                '?'
            }
        })
        .collect()
}

/// Whether the header lines of a block say it is encrypted (RFC 1421
/// §4.6.1.1 `Proc-Type: 4,ENCRYPTED`, §4.6.1.3 `DEK-Info`).
fn headers_say_encrypted(body: &[u8]) -> bool {
    body.split(|&b| b == b'\n').any(|line| {
        let line = trim_end(line);
        let starts = |name: &[u8]| {
            line.get(..name.len())
                .is_some_and(|start| start.eq_ignore_ascii_case(name))
        };
        (starts(b"Proc-Type:") && line.windows(9).any(|w| w == b"ENCRYPTED"))
            || starts(b"DEK-Info:")
    })
}

/// Reads the one key block of a PEM text.
///
/// # Errors
///
/// A [`PemError`] naming the problem and its line; see the module
/// documentation for the rules.
///
/// ```
/// use barejwt::crypto::pem::{decode, Label};
///
/// let text = "RFC 8410 §10.1\n\
///             -----BEGIN PUBLIC KEY-----\n\
///             MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n\
///             -----END PUBLIC KEY-----\n";
/// let block = decode(text.as_bytes())?;
/// assert_eq!(block.label, Label::PublicKey);
/// assert_eq!(block.der.len(), 44);
/// # Ok::<(), barejwt::crypto::pem::PemError>(())
/// ```
pub fn decode(text: &[u8]) -> Result<Block, PemError> {
    if text.len() > MAX_TEXT {
        return Err(PemError::new(PemErrorKind::TooLarge, 0));
    }
    let mut found: Option<Block> = None;
    // Inside a block: its label, its BEGIN line, the offset of its first
    // body octet.
    let mut open: Option<(&[u8], usize, usize)> = None;
    let mut offset = 0usize;
    for (index, raw) in text.split(|&b| b == b'\n').enumerate() {
        let number = index + 1;
        let line_start = offset;
        offset += raw.len() + 1;
        let line = trim_end(raw);
        match open {
            None => {
                if line.starts_with(b"-----BEGIN") {
                    let label = boundary_label(line, b"BEGIN")
                        .ok_or(PemError::new(PemErrorKind::MalformedBoundary, number))?;
                    open = Some((label, number, offset.min(text.len())));
                } else if line.starts_with(b"-----END") {
                    return Err(PemError::new(PemErrorKind::EndWithoutBegin, number));
                }
            }
            Some((label, begin_line, body_start)) => {
                if line.starts_with(b"-----BEGIN") {
                    return Err(PemError::new(PemErrorKind::MissingEnd, begin_line));
                }
                if !line.starts_with(b"-----END") {
                    continue;
                }
                let end = boundary_label(line, b"END")
                    .ok_or(PemError::new(PemErrorKind::MalformedBoundary, number))?;
                if end != label {
                    return Err(PemError::new(
                        PemErrorKind::MismatchedEnd {
                            begin: label_text(label),
                            end: label_text(end),
                        },
                        number,
                    ));
                }
                open = None;
                let body = text.get(body_start..line_start).unwrap_or_default();
                if label == EC_PARAMETERS {
                    continue;
                }
                if label == ENCRYPTED_PRIVATE_KEY {
                    return Err(PemError::new(PemErrorKind::Encrypted, begin_line));
                }
                let Some(key_label) = Label::from_text(label) else {
                    return Err(PemError::new(
                        PemErrorKind::UnsupportedLabel(label_text(label)),
                        begin_line,
                    ));
                };
                if body.contains(&b':') {
                    let kind = if headers_say_encrypted(body) {
                        PemErrorKind::Encrypted
                    } else {
                        PemErrorKind::Headers
                    };
                    return Err(PemError::new(kind, begin_line + 1));
                }
                if found.is_some() {
                    return Err(PemError::new(PemErrorKind::TwoKeyBlocks, begin_line));
                }
                let der = decode_base64(body, begin_line + 1)?;
                found = Some(Block {
                    label: key_label,
                    der,
                });
            }
        }
    }
    if let Some((_, begin_line, _)) = open {
        return Err(PemError::new(PemErrorKind::MissingEnd, begin_line));
    }
    found.ok_or(PemError::new(PemErrorKind::NoBlock, 0))
}

/// The standard alphabet, RFC 4648 §4 Table 1: value `i` is `ALPHABET[i]`.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The 6-bit value of a base64 character, or `None`.
fn sextet(byte: u8) -> Option<u8> {
    match byte {
        b'A'..=b'Z' => Some(byte - b'A'),
        b'a'..=b'z' => Some(byte - b'a' + 26),
        b'0'..=b'9' => Some(byte - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// Decodes the base64 body of a block whose first body line is
/// `first_line`: RFC 4648 §4 with padding, white space ignored.
fn decode_base64(body: &[u8], first_line: usize) -> Result<Vec<u8>, PemError> {
    let characters = body.iter().filter(|&&b| !is_space(b)).count();
    if characters / 4 * 3 > der::MAX_LEN {
        return Err(PemError::new(PemErrorKind::TooLarge, first_line));
    }
    let mut out = Vec::with_capacity(characters / 4 * 3);
    let mut line = first_line;
    let mut group = 0u32; // the sextets of the current group, < 2^24
    let mut in_group = 0usize; // characters of the current group, 0..=3
    let mut padding = 0usize; // '=' seen, 0..=2
    let mut last_line = first_line; // the line of the last character
    let mut last_value = 0u8; // the last sextet before the padding
    let mut count = 0usize;
    for &byte in body {
        if byte == b'\n' {
            line += 1;
            continue;
        }
        if is_space(byte) {
            continue;
        }
        count += 1;
        last_line = line;
        if byte == b'=' {
            // RFC 4648 §4: one '=' after three characters of a final
            // group, two after two.
            padding += 1;
            if in_group + padding > 4 || in_group < 2 {
                return Err(PemError::new(PemErrorKind::Base64Padding, line));
            }
            continue;
        }
        let value = sextet(byte).ok_or(PemError::new(PemErrorKind::Base64Character, line))?;
        if padding > 0 {
            return Err(PemError::new(PemErrorKind::Base64Padding, line));
        }
        last_value = value;
        group = (group << 6) | u32::from(value);
        in_group += 1;
        if in_group == 4 {
            let [_, a, b, c] = group.to_be_bytes();
            out.extend_from_slice(&[a, b, c]);
            group = 0;
            in_group = 0;
        }
    }
    if count % 4 != 0 {
        return Err(PemError::new(PemErrorKind::Base64Length, last_line));
    }
    // Here `in_group + padding` is 0 or 4.
    match in_group {
        2 => {
            if last_value & 0x0f != 0 {
                return Err(PemError::new(PemErrorKind::Base64TrailingBits, last_line));
            }
            out.push((group >> 4) as u8); // 8 bits of the 12
        }
        3 => {
            if last_value & 0x03 != 0 {
                return Err(PemError::new(PemErrorKind::Base64TrailingBits, last_line));
            }
            let bits = group >> 2; // 16 bits of the 18
            out.extend_from_slice(&[(bits >> 8) as u8, bits as u8]);
        }
        _ => {}
    }
    Ok(out)
}

/// Writes `der` as a PEM block: `-----BEGIN LABEL-----`, the base64 in
/// lines of 64 characters, `-----END LABEL-----`, each line ended by LF
/// (RFC 7468 §2 and §3, the strict form generators use).
///
/// ```
/// use barejwt::crypto::pem::{decode, encode, Label};
///
/// let text = encode(Label::PublicKey, &[0x30, 0x00]);
/// assert_eq!(text, "-----BEGIN PUBLIC KEY-----\nMAA=\n-----END PUBLIC KEY-----\n");
/// assert_eq!(decode(text.as_bytes()).unwrap().der, [0x30, 0x00]);
/// ```
pub fn encode(label: Label, der: &[u8]) -> String {
    let mut text = String::with_capacity(der.len() / 3 * 4 + der.len() / 48 + 64);
    text.push_str("-----BEGIN ");
    text.push_str(label.as_str());
    text.push_str("-----\n");
    for line in der.chunks(48) {
        for chunk in line.chunks(3) {
            let mut bytes = [0u8; 3];
            for (slot, &b) in bytes.iter_mut().zip(chunk) {
                *slot = b;
            }
            let [b0, b1, b2] = bytes;
            let bits = u32::from_be_bytes([0, b0, b1, b2]);
            let characters = [18u32, 12, 6, 0].map(|shift| char_of(bits >> shift));
            let kept = chunk.len() + 1; // 2, 3 or 4 characters carry data
            for (i, c) in characters.into_iter().enumerate() {
                text.push(if i < kept { c } else { '=' });
            }
        }
        text.push('\n');
    }
    text.push_str("-----END ");
    text.push_str(label.as_str());
    text.push_str("-----\n");
    text
}

/// The base64 character of the low six bits of `value`.
fn char_of(value: u32) -> char {
    ALPHABET
        .get((value & 63) as usize)
        .map_or('A', |&b| char::from(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::ToString;

    const RFC8410_SPKI: &str = "-----BEGIN PUBLIC KEY-----\n\
        MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n\
        -----END PUBLIC KEY-----\n";

    fn kind(text: &str) -> PemErrorKind {
        decode(text.as_bytes()).expect_err(text).kind
    }

    #[test]
    fn rfc4648_section_10_vectors_decode_and_encode() {
        // RFC 4648 §10, standard alphabet with padding.
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(
                decode_base64(encoded.as_bytes(), 1).unwrap(),
                plain.as_bytes()
            );
            let text = encode(Label::PublicKey, plain.as_bytes());
            let body = text.lines().nth(1).unwrap();
            if plain.is_empty() {
                assert_eq!(body, "-----END PUBLIC KEY-----");
            } else {
                assert_eq!(body, encoded);
            }
        }
    }

    #[test]
    fn every_byte_value_and_length_round_trips_in_64_character_lines() {
        let data: Vec<u8> = (0..=255u8).chain(0..=255u8).collect();
        for len in [0, 1, 2, 3, 47, 48, 49, 95, 96, 97, 512] {
            let text = encode(Label::PrivateKey, &data[..len]);
            for line in text.lines() {
                assert!(line.len() <= 64 || line.starts_with("-----"), "{line}");
            }
            assert!(text.ends_with("-----END PRIVATE KEY-----\n"));
            let block = decode(text.as_bytes()).unwrap();
            assert_eq!(
                (block.label, &block.der[..]),
                (Label::PrivateKey, &data[..len])
            );
        }
    }

    #[test]
    fn rfc8410_key_decodes_amid_text_with_crlf_and_white_space() {
        let plain = decode(RFC8410_SPKI.as_bytes()).unwrap();
        let noisy = format!(
            "Subject: an example\r\n\r\n{}\r\ntrailing words\r\n",
            RFC8410_SPKI
                .replace("MCowBQYD", "MCow BQYD\t")
                .replace("-----\n", "-----  \r\n")
                .replace("\n", "\r\n")
        );
        assert_eq!(decode(noisy.as_bytes()).unwrap(), plain);
        let one_char_lines: String = RFC8410_SPKI
            .lines()
            .nth(1)
            .unwrap()
            .chars()
            .map(|c| format!("{c}\n"))
            .collect();
        let split =
            format!("-----BEGIN PUBLIC KEY-----\n{one_char_lines}-----END PUBLIC KEY-----\n");
        assert_eq!(decode(split.as_bytes()).unwrap(), plain);
    }

    #[test]
    fn ec_parameters_blocks_are_skipped_and_other_labels_refused() {
        let text = format!(
            "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n{RFC8410_SPKI}"
        );
        assert_eq!(decode(text.as_bytes()).unwrap().label, Label::PublicKey);
        let other = RFC8410_SPKI.replace("PUBLIC KEY", "DSA PRIVATE KEY");
        assert_eq!(
            kind(&other),
            PemErrorKind::UnsupportedLabel("DSA PRIVATE KEY".into())
        );
        let lower = RFC8410_SPKI.replace("PUBLIC KEY", "public key");
        assert_eq!(
            kind(&lower),
            PemErrorKind::UnsupportedLabel("public key".into())
        );
    }

    #[test]
    fn encrypted_keys_are_refused_with_advice_to_decrypt() {
        let p8 = RFC8410_SPKI.replace("PUBLIC KEY", "ENCRYPTED PRIVATE KEY");
        assert_eq!(kind(&p8), PemErrorKind::Encrypted);
        let legacy = RFC8410_SPKI.replace(
            "-----\nMCow",
            "-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00112233445566778899AABBCCDDEEFF\n\nMCow",
        );
        let err = decode(legacy.as_bytes()).unwrap_err();
        assert_eq!((err.kind.clone(), err.line), (PemErrorKind::Encrypted, 2));
        assert!(err.to_string().contains("openssl pkey -in"), "{err}");
        let comment = RFC8410_SPKI.replace("-----\nMCow", "-----\nComment: hello\n\nMCow");
        assert_eq!(kind(&comment), PemErrorKind::Headers);
    }

    #[test]
    fn boundaries_must_be_well_formed_and_paired() {
        assert_eq!(kind(""), PemErrorKind::NoBlock);
        assert_eq!(kind("just text\n"), PemErrorKind::NoBlock);
        assert_eq!(
            kind(&format!("{RFC8410_SPKI}{RFC8410_SPKI}")),
            PemErrorKind::TwoKeyBlocks
        );
        let end = RFC8410_SPKI.replace("END PUBLIC", "END PRIVATE");
        assert_eq!(
            kind(&end),
            PemErrorKind::MismatchedEnd {
                begin: "PUBLIC KEY".into(),
                end: "PRIVATE KEY".into()
            }
        );
        assert_eq!(
            kind(RFC8410_SPKI.split("-----END").next().unwrap()),
            PemErrorKind::MissingEnd
        );
        assert_eq!(
            kind("-----END PUBLIC KEY-----\n"),
            PemErrorKind::EndWithoutBegin
        );
        for bad in [
            "-----BEGIN PUBLIC KEY----",
            "-----BEGINPUBLIC KEY-----",
            "-----BEGIN PUBLIC  KEY-----",
            "-----BEGIN PUBLIC KEY -----",
            "-----BEGIN PUBLIC KEY-----MCow",
        ] {
            let text = RFC8410_SPKI.replace("-----BEGIN PUBLIC KEY-----", bad);
            assert_eq!(kind(&text), PemErrorKind::MalformedBoundary, "{bad}");
        }
        let nested = RFC8410_SPKI.replace("-----END", "-----BEGIN PUBLIC KEY-----\n-----END");
        assert_eq!(kind(&nested), PemErrorKind::MissingEnd);
    }

    #[test]
    fn base64_outside_rfc4648_section_4_is_refused_with_its_line() {
        let body = "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=";
        let with = |b: &str| RFC8410_SPKI.replace(body, b);
        let cases = [
            (body.replace('=', ""), PemErrorKind::Base64Length),
            (body.replace("ZuE=", "ZuE"), PemErrorKind::Base64Length),
            (format!("{body}="), PemErrorKind::Base64Padding),
            (body.replacen('M', "*", 1), PemErrorKind::Base64Character),
            (body.replacen('M', "-", 1), PemErrorKind::Base64Character),
            (format!("MC=={}", &body[4..]), PemErrorKind::Base64Padding),
            (
                format!("{}=A=", &body[..body.len() - 1]),
                PemErrorKind::Base64Padding,
            ),
            ("Zg=A".into(), PemErrorKind::Base64Padding),
            ("Z===".into(), PemErrorKind::Base64Padding),
            ("====".into(), PemErrorKind::Base64Padding),
            (
                body.replace("ZuE=", "ZuF="),
                PemErrorKind::Base64TrailingBits,
            ),
            ("Zh==".into(), PemErrorKind::Base64TrailingBits),
        ];
        for (b, expected) in cases {
            let err = decode(with(&b).as_bytes()).unwrap_err();
            assert_eq!((err.kind, err.line), (expected, 2), "{b}");
        }
    }

    #[test]
    fn oversized_texts_are_refused_before_decoding() {
        let big = alloc::vec![b' '; MAX_TEXT + 1];
        assert_eq!(decode(&big).unwrap_err().kind, PemErrorKind::TooLarge);
        let body = "A".repeat((der::MAX_LEN / 3 + 1) * 4);
        let text = format!("-----BEGIN PUBLIC KEY-----\n{body}\n-----END PUBLIC KEY-----\n");
        assert_eq!(kind(&text), PemErrorKind::TooLarge);
    }

    #[test]
    fn block_debug_output_hides_the_key() {
        let block = Block {
            label: Label::PrivateKey,
            der: alloc::vec![0x42; 3],
        };
        assert_eq!(
            format!("{block:?}"),
            "Block { label: PrivateKey, der_len: 3 }"
        );
    }
}
