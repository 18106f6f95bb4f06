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
//! # Constant time
//!
//! A private key's DER is secret, and so is the base64 that carries it:
//! no branch and no memory address of [`decode`] depends on the value of a
//! base64 character of a block (the crate's rule for code that touches a
//! private key). A table lookup per character would leak through the cache
//! (Sieck et al., "Util::Lookup: Exploiting key decoding in cryptographic
//! libraries", ACM CCS 2021, recovered RSA keys from the base64 decoding of
//! PEM files). What is public and what is secret:
//!
//! - **The layout is public.** First the class of every byte (a base64
//!   character, `=`, LF, other white space, `-`, `:`, anything else) is
//!   computed for the whole text by arithmetic, without a branch or a
//!   table (`class_of`). Everything that finds the structure (the lines,
//!   the boundaries and their labels, the white space to skip, the count
//!   and place of the `=` padding, the headers) then reads only these
//!   classes, and the bytes of lines that begin with `-`. This is public
//!   by nature: where the lines break, how long they are and how much
//!   padding there is tell nothing about the key but its length, which is
//!   public anyway; and the class of a byte of a valid body tells only
//!   that it is a base64 character, as they all are.
//! - **The values of the base64 characters are secret.** They are decoded
//!   by arithmetic on the alphabet's ranges (`sextet_secret`); the one
//!   rule that depends on them (zero unused bits, RFC 4648 §3.5) is
//!   gathered in a mask that becomes a branch once, at the end.
//! - **A text that breaks a rule is public**: it is malformed key text, to
//!   be fixed by its holder. Its exact error comes from the plain decoder
//!   (`decode_base64`), which runs on a copy made public first.
//!
//! The cost is about twice that of the table-driven decoder it replaced
//! (15 µs against 8 µs for a 2048-bit RSA key in PKCS #8 on the
//! development machine; the ignored test `decode_speed_against_the_old_decoder`).
//!
//! [`decode_declassifying`] hands these declassification points (the
//! class map; the "broke a rule" flag; a malformed body) to a caller's
//! function. The repository's constant-time check (`ct/`) passes one that
//! tells valgrind's memcheck they are public, marks every byte between the
//! boundary lines secret, and finds no other branch or address that
//! depends on them.
//!
//! [RFC 7468]: https://www.rfc-editor.org/rfc/rfc7468

use super::ct;
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
    decode_declassifying(text, &mut |_| {})
}

/// [`decode`], which it is, with its points of declassification made
/// visible (see "Constant time" in the module documentation):
/// `declassify` is called on each value computed from the text that the
/// function is about to use as public, just before it does: the class of
/// every byte (one per byte of `text`, made public as the layout); for
/// each key block, a one-byte flag saying whether its base64 broke a rule;
/// and, when a block's base64 or headers are malformed, a copy of its body
/// that the error is then computed from. [`decode`] passes a closure that
/// does nothing.
///
/// This is for constant-time checkers (the repository's `ct/` passes one
/// that marks the value defined for valgrind's memcheck, as BoringSSL's
/// `CONSTTIME_DECLASSIFY` does), so that they check the machine code that
/// callers of [`decode`] run: the function is never inlined, and the
/// closure is taken as `dyn`, not as a generic compiled anew for each
/// caller.
///
/// # Errors
///
/// As [`decode`].
#[inline(never)]
pub fn decode_declassifying(
    text: &[u8],
    declassify: &mut dyn FnMut(&mut [u8]),
) -> Result<Block, PemError> {
    if text.len() > MAX_TEXT {
        return Err(PemError::new(PemErrorKind::TooLarge, 0));
    }
    // The layout, made public here: from now on the text is read through
    // `classes`, and as bytes only on lines that begin with '-'.
    let mut classes: Vec<u8> = text.iter().map(|&b| class_of(b)).collect();
    declassify(&mut classes);
    let mut found: Option<Block> = None;
    // Inside a block: its label, its BEGIN line, the offset of its first
    // body octet.
    let mut open: Option<(&[u8], usize, usize)> = None;
    let mut offset = 0usize;
    for (index, raw) in classes.split(|&c| c == NEWLINE).enumerate() {
        let number = index + 1;
        let line_start = offset;
        offset += raw.len() + 1;
        // The line without its trailing white space (`WSP* eol`), as text
        // only if it may be a boundary: every boundary begins with '-'.
        let kept = raw.iter().rposition(|&c| c != SPACE).map_or(0, |i| i + 1);
        let line = if raw.first() == Some(&DASH) {
            text.get(line_start..line_start + kept).unwrap_or_default()
        } else {
            &[]
        };
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
                let body_classes = classes.get(body_start..line_start).unwrap_or_default();
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
                if body_classes.contains(&COLON) {
                    // Header lines: an error, so the body is public.
                    let mut public = body.to_vec();
                    declassify(&mut public);
                    let kind = if headers_say_encrypted(&public) {
                        PemErrorKind::Encrypted
                    } else {
                        PemErrorKind::Headers
                    };
                    return Err(PemError::new(kind, begin_line + 1));
                }
                if found.is_some() {
                    return Err(PemError::new(PemErrorKind::TwoKeyBlocks, begin_line));
                }
                let der = decode_base64_secret(body, body_classes, begin_line + 1, declassify)?;
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

/// The standard alphabet, RFC 4648 §4 Table 1: value `i` is `ALPHABET[i]`
/// (the tests' random text; the encoder computes it, `ct::base64_char`).
#[cfg(test)]
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
/// `first_line`: RFC 4648 §4 with padding, white space ignored. Variable
/// time: it branches on every character. [`decode`] calls it only for the
/// error of a body known to be malformed; it is also the reference that
/// [`decode_base64_secret`] is tested against.
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

/// The classes of bytes (see "Constant time" in the module documentation):
/// what the layout of a text is read from. A base64 character of RFC 4648
/// §4 (`A`-`Z`, `a`-`z`, `0`-`9`, `+`, `/`).
const ALPHA: u8 = 0;
/// `=`, the padding.
const PAD: u8 = 1;
/// LF, which ends a line.
const NEWLINE: u8 = 2;
/// The rest of RFC 7468 §3's white space: space, tab, CR, VT, FF.
const SPACE: u8 = 3;
/// `-`, which begins every boundary line.
const DASH: u8 = 4;
/// `:`, found in RFC 1421 header lines.
const COLON: u8 = 5;
/// Any other byte.
const OTHER: u8 = 6;

/// All ones when `lo <= c <= hi`, else 0, for `c`, `lo` and `hi` below 256,
/// without a branch: `c - lo` and `hi - c` wrap to a value with bit 31 set
/// exactly when `c` lies below `lo` or above `hi` (libsodium's `GE`/`LE` in
/// `sodium_base642bin`; Sieck et al. 2021).
#[inline(always)]
fn in_range_mask(c: u32, lo: u8, hi: u8) -> u32 {
    let outside = (c.wrapping_sub(u32::from(lo)) | u32::from(hi).wrapping_sub(c)) >> 31; // 0 or 1
    outside.wrapping_sub(1) // 1 -> 0, 0 -> all ones
}

/// The 6-bit value of `byte` in the standard alphabet (0 when it is not in
/// it) and a mask that is all ones exactly when it is, by arithmetic on the
/// five ranges of RFC 4648 §4 Table 1: no branch, no table.
#[inline(always)]
fn sextet_secret(byte: u8) -> (u32, u32) {
    let c = u32::from(byte);
    let upper = in_range_mask(c, b'A', b'Z'); // 'A'..='Z' -> 0..=25
    let lower = in_range_mask(c, b'a', b'z'); // 'a'..='z' -> 26..=51
    let digit = in_range_mask(c, b'0', b'9'); // '0'..='9' -> 52..=61
    let plus = in_range_mask(c, b'+', b'+'); // '+' -> 62
    let slash = in_range_mask(c, b'/', b'/'); // '/' -> 63
    let value = (upper & c.wrapping_sub(u32::from(b'A')))
        | (lower & c.wrapping_sub(u32::from(b'a') - 26))
        | (digit & c.wrapping_add(52 - u32::from(b'0')))
        | (plus & 62)
        | (slash & 63); // < 64
    (value, upper | lower | digit | plus | slash)
}

/// The class of `byte` ([`ALPHA`] ... [`OTHER`]), by arithmetic: no branch,
/// no table, so computing it does not depend on the byte's value.
#[inline(always)]
fn class_of(byte: u8) -> u8 {
    let c = u32::from(byte);
    let (_, alphabet) = sextet_secret(byte);
    let pad = in_range_mask(c, b'=', b'=');
    let newline = in_range_mask(c, b'\n', b'\n');
    // Tab, LF, VT, FF and CR are 0x09..=0x0d; LF has its own class.
    let space = (in_range_mask(c, b'\t', b'\r') & !newline) | in_range_mask(c, b' ', b' ');
    let dash = in_range_mask(c, b'-', b'-');
    let colon = in_range_mask(c, b':', b':');
    let other = !(alphabet | pad | newline | space | dash | colon);
    let class = (pad & u32::from(PAD))
        | (newline & u32::from(NEWLINE))
        | (space & u32::from(SPACE))
        | (dash & u32::from(DASH))
        | (colon & u32::from(COLON))
        | (other & u32::from(OTHER)); // ALPHA is 0; at most one mask is set
    class as u8
}

/// Decodes the base64 body of a key block, `classes` its byte classes,
/// `first_line` its first line: what [`decode_base64`] does, with the
/// same errors, but with no branch or address depending on the values of
/// its base64 characters (see "Constant time" in the module
/// documentation).
fn decode_base64_secret(
    body: &[u8],
    classes: &[u8],
    first_line: usize,
    declassify: &mut dyn FnMut(&mut [u8]),
) -> Result<Vec<u8>, PemError> {
    let characters = classes
        .iter()
        .filter(|&&c| c != SPACE && c != NEWLINE)
        .count();
    if characters / 4 * 3 > der::MAX_LEN {
        return Err(PemError::new(PemErrorKind::TooLarge, first_line));
    }
    // The layout of RFC 4648 §4 with padding, from the classes alone: base64
    // characters, then at most two '=', white space anywhere, a whole number
    // of groups of four.
    let letters = classes.iter().filter(|&&c| c == ALPHA).count();
    let well_formed = classes
        .iter()
        .all(|&c| matches!(c, ALPHA | PAD | SPACE | NEWLINE))
        && classes
            .iter()
            .skip_while(|&&c| c != PAD)
            .all(|&c| c != ALPHA)
        && characters - letters <= 2
        && characters % 4 == 0;
    if !well_formed {
        return public_error(body, first_line, declassify);
    }
    let mut out = Vec::with_capacity(letters / 4 * 3 + 2);
    let mut valid = u32::MAX; // all ones while every rule holds, then 0
    let mut group = 0u32; // the sextets of the current group, < 2^24
    let mut in_group = 0usize; // characters of the current group, 0..=3
    for (&byte, &class) in body.iter().zip(classes) {
        if class != ALPHA {
            continue; // white space or padding: the layout, public
        }
        let (value, mask) = sextet_secret(byte);
        valid &= mask; // all ones, as the class says; checked again here
        group = (group << 6) | value;
        in_group += 1;
        if in_group == 4 {
            let [_, a, b, c] = group.to_be_bytes();
            out.extend_from_slice(&[a, b, c]);
            group = 0;
            in_group = 0;
        }
    }
    // RFC 4648 §3.5: the unused bits of the last character must be zero.
    let unused = match in_group {
        2 => group & 0x0f, // 8 bits of the 12 are used
        3 => group & 0x03, // 16 bits of the 18 are used
        _ => 0,
    };
    valid &= ((unused | unused.wrapping_neg()) >> 31).wrapping_sub(1); // all ones iff unused == 0
    match in_group {
        2 => out.push((group >> 4) as u8),
        3 => {
            let bits = group >> 2;
            out.extend_from_slice(&[(bits >> 8) as u8, bits as u8]);
        }
        _ => {}
    }
    // The one branch on the values: whether they broke a rule.
    let mut broken = [(!valid & 1) as u8];
    declassify(&mut broken);
    if broken != [0] {
        return public_error(body, first_line, declassify);
    }
    Ok(out)
}

/// The error of a body known to break a rule, which makes it public:
/// [`decode_base64`] on a copy declassified first.
#[cold]
fn public_error(
    body: &[u8],
    first_line: usize,
    declassify: &mut dyn FnMut(&mut [u8]),
) -> Result<Vec<u8>, PemError> {
    let mut public = body.to_vec();
    declassify(&mut public);
    decode_base64(&public, first_line)
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
///
/// The body is written in constant time (a private key's DER is secret):
/// each character by arithmetic ([`ct::base64_char`]), never a table
/// lookup at a secret index; where the padding and line breaks go depends
/// on the length only. The final `String` checks that the text is ASCII,
/// which it always is: that is where the text leaves for the caller.
pub fn encode(label: Label, der: &[u8]) -> String {
    String::from_utf8(encode_bytes(label, der)).unwrap_or_default()
}

/// [`encode`], as bytes: the constant-time part, which the repository's
/// constant-time check runs with the DER marked secret.
#[inline(never)]
pub fn encode_bytes(label: Label, der: &[u8]) -> Vec<u8> {
    let mut text = Vec::with_capacity(der.len() / 3 * 4 + der.len() / 48 + 64);
    text.extend_from_slice(b"-----BEGIN ");
    text.extend_from_slice(label.as_str().as_bytes());
    text.extend_from_slice(b"-----\n");
    for line in der.chunks(48) {
        for chunk in line.chunks(3) {
            let mut bytes = [0u8; 3];
            for (slot, &b) in bytes.iter_mut().zip(chunk) {
                *slot = b;
            }
            let [b0, b1, b2] = bytes;
            let bits = u32::from_be_bytes([0, b0, b1, b2]);
            let characters =
                [18u32, 12, 6, 0].map(|shift| ct::base64_char(bits >> shift, b'+', b'/'));
            let kept = chunk.len() + 1; // 2, 3 or 4 characters carry data
            for (i, c) in characters.into_iter().enumerate() {
                text.push(if i < kept { c } else { b'=' });
            }
        }
        text.push(b'\n');
    }
    text.extend_from_slice(b"-----END ");
    text.extend_from_slice(label.as_str().as_bytes());
    text.extend_from_slice(b"-----\n");
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::rand::TestRng;
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

    // -- decode against the decoder it replaced --

    /// `decode` as it was before the layout and the base64 were separated
    /// (variable time, reading every byte): the reference for the errors.
    fn decode_reference(text: &[u8]) -> Result<Block, PemError> {
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

    /// Key files of `vectors/keys/` (see its README): valid keys of each
    /// label and each way of being malformed.
    const KEY_FILES: [&str; 20] = [
        include_str!("../../vectors/keys/ed25519-pkcs8.pem"),
        include_str!("../../vectors/keys/ec-p256-pkcs8.pem"),
        include_str!("../../vectors/keys/ec-p384-sec1-params.pem"),
        include_str!("../../vectors/keys/rsa2048-pkcs8.pem"),
        include_str!("../../vectors/keys/rsa2048-spki.pem"),
        include_str!("../../vectors/keys/ed25519-cert.pem"),
        include_str!("../../vectors/keys/base64-bad-character.pem"),
        include_str!("../../vectors/keys/base64-no-padding.pem"),
        include_str!("../../vectors/keys/base64-nonzero-bits.pem"),
        include_str!("../../vectors/keys/base64-padding-inside.pem"),
        include_str!("../../vectors/keys/comment-header.pem"),
        include_str!("../../vectors/keys/crlf-and-spaces.pem"),
        include_str!("../../vectors/keys/text-around-blocks.pem"),
        include_str!("../../vectors/keys/two-key-blocks.pem"),
        include_str!("../../vectors/keys/missing-end.pem"),
        include_str!("../../vectors/keys/mismatched-labels.pem"),
        include_str!("../../vectors/keys/no-block.pem"),
        include_str!("../../vectors/keys/rsa2048-pkcs1-encrypted.pem"),
        include_str!("../../vectors/keys/rsa2048-pkcs8-encrypted.pem"),
        include_str!("../../vectors/keys/dsa-traditional.pem"),
    ];

    /// A byte that matters to PEM, or any byte.
    fn random_byte(rng: &mut TestRng) -> u8 {
        let r = rng.next_u64();
        match r % 4 {
            0 => b"=+/-:\n\r\t \x0b\x0c\x00\x7f\x80\xffAZaz09_"[(r >> 8) as usize % 21],
            1 => (r >> 8) as u8,
            _ => ALPHABET[(r >> 8) as usize % 64],
        }
    }

    /// `decode` and the old decoder give the same block or the same error.
    fn assert_same(text: &[u8]) {
        assert_eq!(
            decode(text),
            decode_reference(text),
            "{:?}",
            String::from_utf8_lossy(text)
        );
    }

    #[test]
    fn decode_agrees_with_the_old_decoder_on_key_files_and_their_mutations() {
        let mut rng = TestRng(0x0070_656d);
        for file in KEY_FILES {
            let text = file.as_bytes();
            assert_same(text);
            for _ in 0..300 {
                let mut changed = text.to_vec();
                let at = rng.next_u64() as usize % text.len();
                match rng.next_u64() % 3 {
                    0 => changed[at] = random_byte(&mut rng),
                    1 => {
                        changed.remove(at);
                    }
                    _ => changed.insert(at, random_byte(&mut rng)),
                }
                assert_same(&changed);
            }
        }
    }

    /// The body decoder alone, its classes computed as `decode` does.
    fn decode_body(body: &[u8]) -> Result<Vec<u8>, PemError> {
        let classes: Vec<u8> = body.iter().map(|&b| class_of(b)).collect();
        decode_base64_secret(body, &classes, 1, &mut |_| {})
    }

    #[test]
    fn the_arithmetic_sextet_and_classes_equal_the_plain_ones_on_every_byte() {
        for byte in 0..=255u8 {
            let (value, mask) = sextet_secret(byte);
            match sextet(byte) {
                Some(v) => assert_eq!((value, mask), (u32::from(v), u32::MAX)),
                None => assert_eq!((value, mask), (0, 0), "{byte:#04x}"),
            }
            let class = match byte {
                b'\n' => NEWLINE,
                b'=' => PAD,
                b'-' => DASH,
                b':' => COLON,
                _ if is_space(byte) => SPACE,
                _ if sextet(byte).is_some() => ALPHA,
                _ => OTHER,
            };
            assert_eq!(class_of(byte), class, "{byte:#04x}");
        }
    }

    #[test]
    fn the_body_decoder_agrees_with_the_old_one_on_random_bodies_of_every_length_below_300() {
        let mut rng = TestRng(0x6261_7365_3634);
        for len in 0..300 {
            let raw: Vec<u8> = (0..len).map(|_| rng.next_u64() as u8).collect();
            let text = encode(Label::PrivateKey, &raw);
            // The body as `encode` writes it, and on lines of random widths
            // ending in LF or CRLF, with spaces and tabs.
            let body: String = text
                .lines()
                .skip(1)
                .filter(|l| !l.starts_with("-----"))
                .collect();
            let mut wrapped = Vec::new();
            for (i, c) in body.bytes().enumerate() {
                wrapped.push(c);
                match rng.next_u64() % 40 {
                    0 => wrapped.push(b'\n'),
                    1 => wrapped.extend_from_slice(b"\r\n"),
                    2 => wrapped.push(if i % 2 == 0 { b' ' } else { b'\t' }),
                    _ => {}
                }
            }
            for body in [body.as_bytes(), &wrapped] {
                assert_eq!(decode_body(body), Ok(raw.clone()), "{len}");
                assert_eq!(decode_body(body), decode_base64(body, 1));
                for _ in 0..8 {
                    if body.is_empty() {
                        break;
                    }
                    let mut changed = body.to_vec();
                    let at = rng.next_u64() as usize % body.len();
                    changed[at] = random_byte(&mut rng);
                    assert_eq!(decode_body(&changed), decode_base64(&changed, 1));
                    let mut last = body.to_vec();
                    let at = last.iter().rposition(|&b| b != b'=').unwrap();
                    last[at] = random_byte(&mut rng);
                    assert_eq!(decode_body(&last), decode_base64(&last, 1));
                }
            }
            let any: Vec<u8> = (0..len).map(|_| random_byte(&mut rng)).collect();
            assert_eq!(decode_body(&any), decode_base64(&any, 1));
        }
    }

    #[test]
    fn the_body_decoder_agrees_with_the_old_one_on_every_byte_in_every_position_kind() {
        // No padding; one '='; two; and white space inside.
        for base in [&b"Zm9vYmFy"[..], b"Zm9vYmE=", b"Zm9vYg==", b"Zm9v\r\nYg=="] {
            for at in 0..base.len() {
                for byte in 0..=255u8 {
                    let mut body = base.to_vec();
                    body[at] = byte;
                    assert_eq!(decode_body(&body), decode_base64(&body, 1), "{body:?}");
                }
            }
        }
    }

    #[test]
    fn decode_hands_the_declassifier_the_layout_the_flag_and_only_on_error_the_body() {
        let mut seen: Vec<usize> = Vec::new();
        let text = RFC8410_SPKI.as_bytes();
        let mut record = |v: &mut [u8]| seen.push(v.len());
        assert!(decode_declassifying(text, &mut record).is_ok());
        assert_eq!(seen, [text.len(), 1]);
        seen.clear();
        let bad = RFC8410_SPKI.replace("ZuE=", "ZuF=");
        let mut record = |v: &mut [u8]| seen.push(v.len());
        let err = decode_declassifying(bad.as_bytes(), &mut record).unwrap_err();
        assert_eq!(err.kind, PemErrorKind::Base64TrailingBits);
        let body = bad.lines().nth(1).unwrap().len() + 1;
        assert_eq!(seen, [bad.len(), 1, body]);
    }

    /// `cargo test --release --lib crypto::pem::tests::decode_speed -- --ignored --nocapture`
    #[cfg(feature = "std")]
    #[test]
    #[ignore = "a timing, meaningful only in release"]
    fn decode_speed_against_the_old_decoder() {
        use std::hint::black_box;
        use std::time::Instant;
        let text = include_str!("../../vectors/keys/rsa2048-pkcs8.pem").as_bytes();
        let rounds = 20_000u32;
        let time = |f: fn(&[u8]) -> Result<Block, PemError>| {
            let start = Instant::now();
            for _ in 0..rounds {
                black_box(f(black_box(text)).unwrap());
            }
            start.elapsed().as_secs_f64() * 1e9 / f64::from(rounds)
        };
        let mut best = (f64::MAX, f64::MAX);
        for _ in 0..5 {
            best.0 = best.0.min(time(decode_reference));
            best.1 = best.1.min(time(decode));
        }
        std::println!(
            "rsa2048-pkcs8.pem ({} characters): the old decoder {:.0} ns, decode {:.0} ns: {:.1} times",
            text.len(),
            best.0,
            best.1,
            best.1 / best.0
        );
    }
}
