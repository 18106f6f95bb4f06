//! Base64url without padding: [RFC 4648 §5], as JWS uses it ([RFC 7515 §2]).
//!
//! The decoder is strict and canonical, because a JWT verifier must see each
//! token in exactly one spelling:
//!
//! - no `=` padding at all (RFC 7515 §2 omits it);
//! - no byte outside the 64-character URL-safe alphabet: `+`, `/`, space,
//!   CR, LF and every other byte are refused (RFC 4648 §3.3 lets a profile
//!   ignore nothing; this one ignores nothing);
//! - no encoded length of the form 4n+1, which cannot carry whole bytes;
//! - no non-zero unused bits in the last character ([RFC 4648 §3.5]: decoders
//!   MAY reject them; this one does, so `Zh` is not a second spelling of `Zg`).
//!
//! Every error is a [`DecodeError`] with its [`DecodeErrorKind`] and the byte
//! offset of the offending input. The standard alphabet (`+`, `/`) and padded
//! input are deliberately unsupported.
//!
//! Decoding looks each character up in one of four 256-entry tables, one per
//! position in a group of four, whose entries are pre-shifted into place and
//! carry an invalid-character flag above bit 24: OR-ing a group's four
//! entries gives its 24 bits and its validity at once. The main loop takes
//! 32 characters to 24 bytes per step (four groups of eight, one branch for
//! all 32), then groups of eight, then the left-over characters; never bit
//! by bit. Encoding writes two characters per lookup of a 4,096-entry table.
//!
//! [RFC 4648 §5]: https://www.rfc-editor.org/rfc/rfc4648#section-5
//! [RFC 4648 §3.5]: https://www.rfc-editor.org/rfc/rfc4648#section-3.5
//! [RFC 7515 §2]: https://www.rfc-editor.org/rfc/rfc7515#section-2

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::fmt;

/// The URL and filename safe alphabet, RFC 4648 §5 Table 2: value `i` is
/// written as `ALPHABET[i]`.
const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Every 12-bit value as its two characters: `ENCODE_PAIRS[v]` is
/// `[ALPHABET[v >> 6], ALPHABET[v & 63]]`. One lookup writes two
/// characters, halving the lookups of the encoder's main loop (8 KiB).
static ENCODE_PAIRS: [[u8; 2]; 4096] = pair_table();

/// Builds [`ENCODE_PAIRS`] from [`ALPHABET`] at compile time.
#[allow(clippy::indexing_slicing)] // `v < 4096` indexes 4096 entries; `v >> 6` and `v & 63` are below 64
const fn pair_table() -> [[u8; 2]; 4096] {
    let mut table = [[0u8; 2]; 4096];
    let mut v = 0;
    while v < 4096 {
        table[v] = [ALPHABET[v >> 6], ALPHABET[v & 63]];
        v += 1;
    }
    table
}

/// The two characters for the low twelve bits of `value`.
#[inline(always)]
#[allow(clippy::indexing_slicing)] // `value & 0xfff` always indexes a 4096-entry table
fn pair(value: u64) -> [u8; 2] {
    ENCODE_PAIRS[(value & 0xfff) as usize]
}

/// Marks a byte outside the alphabet in [`DECODE`]. Its top bits are set,
/// while every valid value is below 64, so OR-ing a group's table entries
/// and testing `& !63` finds any invalid byte with one branch.
const INVALID: u8 = 0xff;

/// Byte -> 6-bit value, or [`INVALID`]; the inverse of [`ALPHABET`].
static DECODE: [u8; 256] = decode_table();

/// Builds [`DECODE`] from [`ALPHABET`] at compile time.
#[allow(clippy::indexing_slicing)] // `i < 64` indexes a 64-entry array; a u8 indexes a 256-entry one
const fn decode_table() -> [u8; 256] {
    let mut table = [INVALID; 256];
    let mut i = 0;
    while i < 64 {
        table[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    table
}

/// In [`DECODE_SHIFTED`], the entry of a byte outside the alphabet: the
/// bits above the 24 a group of four characters fills.
const INVALID_QUAD: u32 = 0xff00_0000;

/// [`DECODE`] pre-shifted for the four positions of a group of four
/// characters (value << 18, << 12, << 6, << 0), invalid bytes mapped to
/// [`INVALID_QUAD`]: OR-ing four entries decodes the group.
static DECODE_SHIFTED: [[u32; 256]; 4] = shifted_tables();

/// Builds [`DECODE_SHIFTED`] from [`DECODE`]'s table at compile time.
#[allow(clippy::indexing_slicing)] // `position < 4` and `byte < 256` index arrays of 4 and 256
const fn shifted_tables() -> [[u32; 256]; 4] {
    let plain = decode_table();
    let mut tables = [[INVALID_QUAD; 256]; 4];
    let mut position = 0;
    while position < 4 {
        let mut byte = 0;
        while byte < 256 {
            if plain[byte] != INVALID {
                tables[position][byte] = (plain[byte] as u32) << (18 - 6 * position);
            }
            byte += 1;
        }
        position += 1;
    }
    tables
}

/// The 6-bit value of an encoded byte, or [`INVALID`].
#[inline(always)]
#[allow(clippy::indexing_slicing)] // a u8 always indexes a 256-entry table
fn sextet(byte: u8) -> u8 {
    DECODE[usize::from(byte)]
}

/// The character for the low six bits of `value`.
#[inline(always)]
#[allow(clippy::indexing_slicing)] // `value & 63` always indexes a 64-entry table
fn character(value: u64) -> u8 {
    ALPHABET[(value & 63) as usize]
}

/// What was wrong with base64url input (or with the caller's buffer).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DecodeErrorKind {
    /// A `=` padding character; base64url in JWS has none (RFC 7515 §2).
    Padding,
    /// A byte outside the URL-safe alphabet (RFC 4648 §5), including `+`,
    /// `/` and all whitespace.
    InvalidByte,
    /// The encoded length is 4n+1: the last character cannot complete a byte.
    InvalidLength,
    /// The last character has non-zero unused bits (RFC 4648 §3.5), so the
    /// text is not the canonical encoding of any bytes.
    NonCanonical,
    /// The output buffer is shorter than the result.
    OutputTooSmall,
}

impl DecodeErrorKind {
    /// A stable snake_case name for the kind, e.g. `"invalid_byte"`.
    pub fn as_str(self) -> &'static str {
        match self {
            DecodeErrorKind::Padding => "padding",
            DecodeErrorKind::InvalidByte => "invalid_byte",
            DecodeErrorKind::InvalidLength => "invalid_length",
            DecodeErrorKind::NonCanonical => "non_canonical",
            DecodeErrorKind::OutputTooSmall => "output_too_small",
        }
    }
}

/// A base64url error: its kind and the byte offset in the input.
///
/// For [`DecodeErrorKind::OutputTooSmall`] the offset is 0 (nothing was
/// decoded) and the message says how many bytes were needed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct DecodeError {
    kind: DecodeErrorKind,
    offset: usize,
    /// The offending byte, or for `OutputTooSmall` the length needed.
    detail: usize,
}

impl DecodeError {
    fn new(kind: DecodeErrorKind, offset: usize, detail: usize) -> Self {
        DecodeError {
            kind,
            offset,
            detail,
        }
    }

    fn output_too_small(needed: usize) -> Self {
        DecodeError::new(DecodeErrorKind::OutputTooSmall, 0, needed)
    }

    /// What was wrong.
    pub fn kind(&self) -> DecodeErrorKind {
        self.kind
    }

    /// Byte offset in the input of the offending character (for
    /// `InvalidLength` and `NonCanonical`, the last character).
    pub fn offset(&self) -> usize {
        self.offset
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let offset = self.offset;
        match self.kind {
            DecodeErrorKind::Padding => {
                write!(f, "base64url padding '=' at offset {offset} (padding is not allowed)")
            }
            DecodeErrorKind::InvalidByte => {
                write!(f, "invalid base64url byte {:#04x} at offset {offset}", self.detail)
            }
            DecodeErrorKind::InvalidLength => write!(
                f,
                "invalid base64url length: the lone last character at offset {offset} cannot encode a byte"
            ),
            DecodeErrorKind::NonCanonical => write!(
                f,
                "non-canonical base64url: non-zero unused bits in the last character at offset {offset}"
            ),
            DecodeErrorKind::OutputTooSmall => {
                write!(f, "base64url output buffer too small: {} bytes needed", self.detail)
            }
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for DecodeError {}

/// Length of the unpadded encoding of `input_len` bytes: four characters per
/// three bytes, then two for one left-over byte and three for two.
/// Saturates at `usize::MAX` (no slice is that long).
pub fn encoded_len(input_len: usize) -> usize {
    let tail = match input_len % 3 {
        0 => 0,
        1 => 2,
        _ => 3,
    };
    (input_len / 3).saturating_mul(4).saturating_add(tail)
}

/// Number of bytes that `encoded_len` characters decode to, or `None` when
/// `encoded_len % 4 == 1` (no valid encoding has that length).
pub fn decoded_len(encoded_len: usize) -> Option<usize> {
    let tail = match encoded_len % 4 {
        0 => 0,
        1 => return None,
        2 => 1,
        _ => 2,
    };
    Some(encoded_len / 4 * 3 + tail)
}

/// Encodes `input` as unpadded base64url.
///
/// ```
/// assert_eq!(barejwt::base64url::encode(&[3, 236, 255, 224, 193]), "A-z_4ME");
/// ```
pub fn encode(input: &[u8]) -> String {
    let mut out = vec![0u8; encoded_len(input.len())];
    let written = encode_to_slice(input, &mut out).unwrap_or(0);
    out.truncate(written);
    // The alphabet is ASCII, so the conversion cannot fail; `unwrap_or_default`
    // only keeps this free of a panic path.
    String::from_utf8(out).unwrap_or_default()
}

/// Appends the unpadded base64url encoding of `input` to `out`.
pub fn encode_into(input: &[u8], out: &mut String) {
    out.reserve(encoded_len(input.len()));
    // Encode through a stack buffer: 768 input bytes -> exactly 1024
    // characters, so chunks other than the last need no tail handling.
    let mut buffer = [0u8; 1024];
    for chunk in input.chunks(768) {
        let Ok(written) = encode_to_slice(chunk, &mut buffer) else {
            continue; // cannot happen: 768 bytes need exactly 1024 characters
        };
        let text = buffer.get(..written).unwrap_or_default();
        // The alphabet is ASCII, so this conversion always succeeds.
        if let Ok(text) = core::str::from_utf8(text) {
            out.push_str(text);
        }
    }
}

/// Encodes `input` into `out` and returns the number of bytes written,
/// [`encoded_len`]`(input.len())`.
///
/// # Errors
///
/// [`DecodeErrorKind::OutputTooSmall`] when `out` is shorter than
/// `encoded_len(input.len())`; nothing is written then.
pub fn encode_to_slice(input: &[u8], out: &mut [u8]) -> Result<usize, DecodeError> {
    let needed = encoded_len(input.len());
    let out = out
        .get_mut(..needed)
        .ok_or(DecodeError::output_too_small(needed))?;

    // Main loop: six bytes (48 bits) -> eight characters per step.
    let blocks = input.chunks_exact(6);
    let rest = blocks.remainder();
    let mut dst = out.chunks_exact_mut(8);
    for (src, dst) in blocks.zip(&mut dst) {
        let &[b0, b1, b2, b3, b4, b5] = src else {
            continue; // unreachable: chunks_exact(6) yields 6 bytes
        };
        let n = u64::from_be_bytes([0, 0, b0, b1, b2, b3, b4, b5]);
        let ([c0, c1], [c2, c3], [c4, c5], [c6, c7]) =
            (pair(n >> 36), pair(n >> 24), pair(n >> 12), pair(n));
        dst.copy_from_slice(&[c0, c1, c2, c3, c4, c5, c6, c7]);
    }
    encode_rest(rest, dst.into_remainder());
    Ok(needed)
}

/// Encodes the last 0..=5 bytes into exactly `encoded_len(rest.len())`
/// characters: three bytes -> four characters, then one or two left-over
/// bytes -> 2 or 3 characters, the unused low bits zero (RFC 4648 §3.5) and
/// no padding (RFC 7515 §2).
fn encode_rest(rest: &[u8], out: &mut [u8]) {
    let groups = rest.chunks_exact(3);
    let tail = groups.remainder();
    let mut dst = out.chunks_exact_mut(4);
    for (src, dst) in groups.zip(&mut dst) {
        if let (&[b0, b1, b2], [c0, c1, c2, c3]) = (src, dst) {
            let n = u64::from(b0) << 16 | u64::from(b1) << 8 | u64::from(b2);
            *c0 = character(n >> 18);
            *c1 = character(n >> 12);
            *c2 = character(n >> 6);
            *c3 = character(n);
        }
    }
    match (tail, dst.into_remainder()) {
        (&[b0], [c0, c1]) => {
            let n = u64::from(b0) << 16;
            *c0 = character(n >> 18);
            *c1 = character(n >> 12);
        }
        (&[b0, b1], [c0, c1, c2]) => {
            let n = u64::from(b0) << 16 | u64::from(b1) << 8;
            *c0 = character(n >> 18);
            *c1 = character(n >> 12);
            *c2 = character(n >> 6);
        }
        _ => {}
    }
}

/// Decodes strict, unpadded base64url.
///
/// ```
/// use barejwt::base64url::{decode, DecodeErrorKind};
///
/// assert_eq!(decode(b"A-z_4ME").unwrap(), [3, 236, 255, 224, 193]);
/// assert_eq!(decode(b"Zg==").unwrap_err().kind(), DecodeErrorKind::Padding);
/// assert_eq!(decode(b"Zh").unwrap_err().kind(), DecodeErrorKind::NonCanonical);
/// ```
///
/// # Errors
///
/// As [`decode_to_slice`], except never `OutputTooSmall`.
pub fn decode(input: &[u8]) -> Result<Vec<u8>, DecodeError> {
    let Some(len) = decoded_len(input.len()) else {
        return Err(bad_length_error(input));
    };
    let mut out = vec![0u8; len];
    let written = decode_to_slice(input, &mut out)?;
    out.truncate(written);
    Ok(out)
}

/// Decodes strict, unpadded base64url into `out` and returns the number of
/// bytes written, [`decoded_len`]`(input.len())`. Allocates nothing.
///
/// Errors about the input are reported in input order: the first byte
/// outside the alphabet, else a 4n+1 length, else non-zero unused bits in
/// the last character. A too-short `out` is reported before anything is
/// decoded (for input of a valid length). On error `out` may hold partial
/// output.
///
/// # Errors
///
/// - [`DecodeErrorKind::InvalidLength`]: `input.len() % 4 == 1`;
/// - [`DecodeErrorKind::OutputTooSmall`]: `out` is too short;
/// - [`DecodeErrorKind::Padding`]: a `=` (at its offset);
/// - [`DecodeErrorKind::InvalidByte`]: any other byte outside the alphabet;
/// - [`DecodeErrorKind::NonCanonical`]: non-zero unused bits at the end.
pub fn decode_to_slice(input: &[u8], out: &mut [u8]) -> Result<usize, DecodeError> {
    let Some(needed) = decoded_len(input.len()) else {
        return Err(bad_length_error(input));
    };
    let out = out
        .get_mut(..needed)
        .ok_or(DecodeError::output_too_small(needed))?;

    // Main loop: 32 characters -> 24 bytes per step, as four groups of
    // eight characters (48 bits each) packed into three 64-bit words; one
    // branch checks all 32 table entries. Then groups of eight, then the
    // 0..=7 left-over characters in `decode_tail`.
    let blocks = input.chunks_exact(32);
    let rest = blocks.remainder();
    let mut dst = out.chunks_exact_mut(24);
    for (index, (src, dst)) in blocks.zip(&mut dst).enumerate() {
        let (s0, s) = src.split_at(8);
        let (s1, s) = s.split_at(8);
        let (s2, s3) = s.split_at(8);
        let ((n0, v0), (n1, v1), (n2, v2), (n3, v3)) =
            (decode8(s0), decode8(s1), decode8(s2), decode8(s3));
        if v0 | v1 | v2 | v3 != 0 {
            return Err(group_error(src, index * 32));
        }
        let (d0, d) = dst.split_at_mut(8);
        let (d1, d2) = d.split_at_mut(8);
        d0.copy_from_slice(&(n0 << 16 | n1 >> 32).to_be_bytes());
        d1.copy_from_slice(&(n1 << 32 | n2 >> 16).to_be_bytes());
        d2.copy_from_slice(&(n2 << 48 | n3).to_be_bytes());
    }
    let done = input.len() - rest.len();
    let groups = rest.chunks_exact(8);
    let tail = groups.remainder();
    let mut dst = dst.into_remainder().chunks_exact_mut(6);
    for (index, (src, dst)) in groups.zip(&mut dst).enumerate() {
        let (n, v) = decode8(src);
        if v != 0 {
            return Err(group_error(src, done + index * 8));
        }
        dst.copy_from_slice(&n.to_be_bytes()[2..]);
    }
    decode_tail(tail, input.len() - tail.len(), dst.into_remainder())?;
    Ok(needed)
}

/// Eight characters (`src.len() == 8`) -> their 48 bits in the low bits of
/// a u64, and a flag that is non-zero if any character is invalid.
#[inline(always)]
fn decode8(src: &[u8]) -> (u64, u32) {
    let &[c0, c1, c2, c3, c4, c5, c6, c7] = src else {
        return (0, INVALID_QUAD); // unreachable: callers pass eight bytes
    };
    let (q0, q1) = (quad(c0, c1, c2, c3), quad(c4, c5, c6, c7));
    (
        u64::from(q0) << 24 | u64::from(q1),
        (q0 | q1) & INVALID_QUAD,
    )
}

/// Four characters -> their 24 bits, with bits 24..32 set if any is invalid:
/// one lookup per character in its pre-shifted table, no shifts.
#[inline(always)]
#[allow(clippy::indexing_slicing)] // a u8 always indexes a 256-entry table
fn quad(c0: u8, c1: u8, c2: u8, c3: u8) -> u32 {
    DECODE_SHIFTED[0][usize::from(c0)]
        | DECODE_SHIFTED[1][usize::from(c1)]
        | DECODE_SHIFTED[2][usize::from(c2)]
        | DECODE_SHIFTED[3][usize::from(c3)]
}

/// The error for a group of characters known to hold an invalid one.
#[cold]
fn group_error(group: &[u8], offset: usize) -> DecodeError {
    first_invalid_byte(group, offset).unwrap_or(DecodeError::new(
        DecodeErrorKind::InvalidByte,
        offset,
        0,
    ))
}

/// Decodes the last 0, 2, 3, 4, 6 or 7 characters (never 1 or 5: the length
/// was checked) that start at `offset`, into exactly as many bytes as `out`
/// holds.
fn decode_tail(tail: &[u8], offset: usize, out: &mut [u8]) -> Result<(), DecodeError> {
    // At most 7 characters = 42 bits: they fit one u64, most significant first.
    let mut bits: u64 = 0;
    for (i, &c) in tail.iter().enumerate() {
        let v = sextet(c);
        if v == INVALID {
            return Err(classify(c, offset + i));
        }
        bits = bits << 6 | u64::from(v);
    }
    // RFC 4648 §3.5: the bits below the last whole byte must be zero.
    let unused = (tail.len() * 6) % 8;
    if bits & ((1 << unused) - 1) != 0 {
        return Err(DecodeError::new(
            DecodeErrorKind::NonCanonical,
            offset + tail.len() - 1,
            0,
        ));
    }
    let bits = bits >> unused;
    let count = out.len();
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = (bits >> (8 * (count - 1 - i))) as u8;
    }
    Ok(())
}

/// The error for an input whose length is 4n+1: its first byte outside the
/// alphabet if it has one (errors come in input order), else the length, at
/// the lone last character.
fn bad_length_error(input: &[u8]) -> DecodeError {
    first_invalid_byte(input, 0).unwrap_or(DecodeError::new(
        DecodeErrorKind::InvalidLength,
        input.len().saturating_sub(1),
        0,
    ))
}

/// The slow path, run only once input is known to be bad: the first byte of
/// `bytes` outside the alphabet, with `bytes` starting at `offset` in the
/// input.
fn first_invalid_byte(bytes: &[u8], offset: usize) -> Option<DecodeError> {
    bytes
        .iter()
        .position(|&c| sextet(c) == INVALID)
        .and_then(|i| Some(classify(*bytes.get(i)?, offset + i)))
}

/// The error for byte `c`, known to be outside the alphabet, at `offset`.
fn classify(c: u8, offset: usize) -> DecodeError {
    let kind = if c == b'=' {
        DecodeErrorKind::Padding
    } else {
        DecodeErrorKind::InvalidByte
    };
    DecodeError::new(kind, offset, usize::from(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4648 §10, with padding removed as RFC 7515 §2 requires.
    #[test]
    fn rfc4648_section10_examples_encode_and_decode() {
        let cases: [(&[u8], &str); 7] = [
            (b"", ""),
            (b"f", "Zg"),
            (b"fo", "Zm8"),
            (b"foo", "Zm9v"),
            (b"foob", "Zm9vYg"),
            (b"fooba", "Zm9vYmE"),
            (b"foobar", "Zm9vYmFy"),
        ];
        for (raw, text) in cases {
            assert_eq!(encode(raw), text);
            assert_eq!(decode(text.as_bytes()).unwrap(), raw);
        }
    }

    #[test]
    fn tables_are_inverse() {
        for (i, &c) in ALPHABET.iter().enumerate() {
            assert_eq!(usize::from(sextet(c)), i);
        }
        let valid = (0..=255u8).filter(|&b| sextet(b) != INVALID).count();
        assert_eq!(valid, 64);
        for v in 0..4096u64 {
            assert_eq!(pair(v), [character(v >> 6), character(v)], "{v}");
        }
    }

    #[test]
    fn lengths_agree_with_each_other() {
        for n in 0..100 {
            assert_eq!(decoded_len(encoded_len(n)), Some(n));
        }
        assert_eq!(decoded_len(5), None);
    }

    #[test]
    fn error_display_names_byte_and_offset() {
        let err = decode(b"Zm9vYmFy+mFy").unwrap_err();
        assert_eq!(
            alloc::format!("{err}"),
            "invalid base64url byte 0x2b at offset 8"
        );
    }

    #[test]
    fn short_output_buffer_is_an_error_not_a_panic() {
        let mut out = [0u8; 2];
        let err = decode_to_slice(b"Zm9v", &mut out).unwrap_err();
        assert_eq!(err.kind(), DecodeErrorKind::OutputTooSmall);
        let err = encode_to_slice(b"foo", &mut out).unwrap_err();
        assert_eq!(err.kind(), DecodeErrorKind::OutputTooSmall);
    }
}
