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
//! Those tables make the addresses read depend on the text, which is fine
//! for tokens (public) but not for key text (a JWK's `k` or `d`, an HMAC
//! secret): [`decode_secret`] decodes that under the same rules and with
//! the same errors in constant time, computing each character's value by
//! arithmetic on the alphabet's ranges instead.
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
    encode_to_slice_with(Backend::detect(), input, out)
}

/// [`encode_to_slice`] on `backend`: whole blocks of 24 bytes on the
/// accelerated one when it is chosen, the rest on the portable code.
pub(crate) fn encode_to_slice_with(
    backend: Backend,
    input: &[u8],
    out: &mut [u8],
) -> Result<usize, DecodeError> {
    let needed = encoded_len(input.len());
    let out = out
        .get_mut(..needed)
        .ok_or(DecodeError::output_too_small(needed))?;
    let blocks = backend.encode_blocks(input, out);
    // 24 bytes are four of the six-byte steps below, 32 characters four of
    // their eight: the portable code goes on where the blocks stopped.
    let (Some(input), Some(out)) = (input.get(blocks * 24..), out.get_mut(blocks * 32..)) else {
        return Ok(needed);
    };

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
    encode_groups(rest, out, character);
}

/// Encodes `input` into exactly `encoded_len(input.len())` characters of
/// `out`, writing each sextet with `character`: three bytes -> four
/// characters, then one or two left-over bytes -> 2 or 3 characters, the
/// unused low bits zero (RFC 4648 §3.5) and no padding (RFC 7515 §2).
/// Which branch runs depends on the length only.
#[inline(always)]
fn encode_groups(rest: &[u8], out: &mut [u8], character: impl Fn(u64) -> u8) {
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

/// Encodes `input`, a secret (an HMAC key, a private key's `d`), as
/// unpadded base64url, in constant time: each character is computed by
/// arithmetic ([`crate::crypto::ct::base64_char`]), never looked up at an
/// index the secret chooses, as [`encode`]'s tables are. The text is the
/// same.
///
/// The last step, making a `String` of the characters, checks that they
/// are ASCII; they always are, so that check learns nothing (it is where
/// the text leaves for the caller). [`encode_secret_to_slice`] stops before
/// it.
///
/// ```
/// use barejwt::base64url::{encode, encode_secret};
/// assert_eq!(encode_secret(&[3, 236, 255, 224, 193]), encode(&[3, 236, 255, 224, 193]));
/// ```
pub fn encode_secret(input: &[u8]) -> String {
    let mut out = vec![0u8; encoded_len(input.len())];
    let written = encode_secret_to_slice(input, &mut out).unwrap_or(0);
    out.truncate(written);
    String::from_utf8(out).unwrap_or_default()
}

/// [`encode_secret`] into `out`: returns the number of bytes written,
/// [`encoded_len`]`(input.len())`.
///
/// # Errors
///
/// [`DecodeErrorKind::OutputTooSmall`] when `out` is shorter than
/// `encoded_len(input.len())`; nothing is written then.
#[inline(never)]
pub fn encode_secret_to_slice(input: &[u8], out: &mut [u8]) -> Result<usize, DecodeError> {
    let needed = encoded_len(input.len());
    let out = out
        .get_mut(..needed)
        .ok_or(DecodeError::output_too_small(needed))?;
    encode_groups(input, out, |n| {
        crate::crypto::ct::base64_char((n & 63) as u32, b'-', b'_')
    });
    Ok(needed)
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
    decode_to_slice_with(Backend::detect(), input, out)
}

/// [`decode_to_slice`] on `backend`: the accelerated one, when chosen,
/// decodes the whole 32-character blocks up to the first that holds a
/// byte outside the alphabet; the portable code goes on from there, so
/// every error and its offset are the portable code's.
pub(crate) fn decode_to_slice_with(
    backend: Backend,
    input: &[u8],
    out: &mut [u8],
) -> Result<usize, DecodeError> {
    let Some(needed) = decoded_len(input.len()) else {
        return Err(bad_length_error(input));
    };
    let out = out
        .get_mut(..needed)
        .ok_or(DecodeError::output_too_small(needed))?;
    let skip = backend.decode_blocks(input, out);

    // Main loop: 32 characters -> 24 bytes per step, as four groups of
    // eight characters (48 bits each) packed into three 64-bit words; one
    // branch checks all 32 table entries. Then groups of eight, then the
    // 0..=7 left-over characters in `decode_tail`.
    let blocks = input.chunks_exact(32);
    let rest = blocks.remainder();
    let mut dst = out.chunks_exact_mut(24);
    for (index, (src, dst)) in blocks.zip(&mut dst).enumerate().skip(skip) {
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

/// Which code decodes and encodes the whole blocks: the portable loops
/// below, or `src/cpu/x86_base64url.rs` on AVX2 (chosen by
/// [`Backend::detect`]; never under `--cfg barejwt_portable`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Backend {
    /// The portable code of this file alone.
    Portable,
    /// AVX2 for whole blocks; the witness proves the CPU has it.
    #[cfg(target_arch = "x86_64")]
    Avx2(crate::cpu::Avx2Base64),
}

impl Backend {
    /// AVX2 when the CPU has it, else the portable code.
    #[inline]
    pub(crate) fn detect() -> Backend {
        #[cfg(target_arch = "x86_64")]
        if let Some(avx2) = crate::cpu::Avx2Base64::detect() {
            return Backend::Avx2(avx2);
        }
        Backend::Portable
    }

    /// Every backend this CPU can run, portable first.
    #[cfg(test)]
    pub(crate) fn available() -> Vec<Backend> {
        let mut backends = alloc::vec![Backend::Portable];
        let detected = Backend::detect();
        if detected != Backend::Portable {
            backends.push(detected);
        }
        backends
    }

    /// How many whole 32-character blocks of `input` this backend decoded
    /// into `out` (24 bytes each): 0 for the portable code, which does them
    /// itself.
    #[inline]
    fn decode_blocks(self, input: &[u8], out: &mut [u8]) -> usize {
        match self {
            Backend::Portable => {
                let _ = (input, out);
                0
            }
            #[cfg(target_arch = "x86_64")]
            Backend::Avx2(avx2) => avx2.decode_blocks(input, out),
        }
    }

    /// How many whole 24-byte blocks of `input` this backend encoded into
    /// `out` (32 characters each).
    #[inline]
    fn encode_blocks(self, input: &[u8], out: &mut [u8]) -> usize {
        match self {
            Backend::Portable => {
                let _ = (input, out);
                0
            }
            #[cfg(target_arch = "x86_64")]
            Backend::Avx2(avx2) => avx2.encode_blocks(input, out),
        }
    }
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

// ---------------------------------------------------------------------------
// Decoding secrets in constant time
// ---------------------------------------------------------------------------

/// All ones when `lo <= c <= hi`, else 0, for `c`, `lo` and `hi` below 256,
/// without a branch: `c - lo` and `hi - c` wrap to a value with bit 31 set
/// exactly when `c` lies below `lo` or above `hi` (libsodium's `GE`/`LE` in
/// `sodium_base642bin`; Sieck, "Util::Lookup", 2021, §5).
#[inline(always)]
fn in_range_mask(c: u32, lo: u8, hi: u8) -> u32 {
    let outside = (c.wrapping_sub(u32::from(lo)) | u32::from(hi).wrapping_sub(c)) >> 31; // 0 or 1
    outside.wrapping_sub(1) // 1 -> 0, 0 -> all ones
}

/// The 6-bit value of `byte` in the URL-safe alphabet (0 when it is not in
/// it) and a mask that is all ones exactly when it is, computed by
/// arithmetic on the five ranges of RFC 4648 §5 Table 2: no branch, no
/// table, so neither the time nor the addresses read depend on `byte`.
#[inline(always)]
fn sextet_secret(byte: u8) -> (u32, u32) {
    let c = u32::from(byte);
    let upper = in_range_mask(c, b'A', b'Z'); // 'A'..='Z' -> 0..=25
    let lower = in_range_mask(c, b'a', b'z'); // 'a'..='z' -> 26..=51
    let digit = in_range_mask(c, b'0', b'9'); // '0'..='9' -> 52..=61
    let minus = in_range_mask(c, b'-', b'-'); // '-' -> 62
    let underscore = in_range_mask(c, b'_', b'_'); // '_' -> 63
    let value = (upper & c.wrapping_sub(u32::from(b'A')))
        | (lower & c.wrapping_sub(u32::from(b'a') - 26))
        | (digit & c.wrapping_add(52 - u32::from(b'0')))
        | (minus & 62)
        | (underscore & 63); // < 64
    (value, upper | lower | digit | minus | underscore)
}

/// Four characters (`src.len() == 4`) -> their 24 bits and a mask that is
/// all ones exactly when all four are in the alphabet.
#[inline(always)]
fn quad_secret(src: &[u8]) -> (u32, u32) {
    let &[c0, c1, c2, c3] = src else {
        return (0, 0); // unreachable: callers pass four bytes
    };
    let ((v0, m0), (v1, m1), (v2, m2), (v3, m3)) = (
        sextet_secret(c0),
        sextet_secret(c1),
        sextet_secret(c2),
        sextet_secret(c3),
    );
    (v0 << 18 | v1 << 12 | v2 << 6 | v3, m0 & m1 & m2 & m3) // < 2^24
}

/// Decodes unpadded base64url that holds a secret (a JWK's `k` or `d`, an
/// HMAC secret given as base64url text) in constant time: the same strict,
/// canonical rules and the same errors as [`decode`].
///
/// ```
/// use barejwt::base64url::{decode_secret, DecodeErrorKind};
///
/// assert_eq!(decode_secret(b"A-z_4ME").unwrap(), [3, 236, 255, 224, 193]);
/// assert_eq!(decode_secret(b"Zh").unwrap_err().kind(), DecodeErrorKind::NonCanonical);
/// ```
///
/// **What it protects.** [`decode`] looks every character up in a table, so
/// which memory it reads depends on the characters: an attacker who can
/// watch the addresses a process touches (a cache side channel on a shared
/// machine; the page accesses of an SGX enclave) learns bits of the key.
/// Sieck, Berndt, Wichelmann and Eisenbarth ("Util::Lookup: Exploiting key
/// decoding in cryptographic libraries", ACM CCS 2021) recovered RSA
/// private keys from exactly such lookups in the base64 decoding of PEM
/// files. Here each character's value and validity come from arithmetic on
/// the alphabet's five ranges (`sextet_secret`); the validity of the whole
/// input is gathered in a mask with no early exit, and made a branch only
/// once, at the end. Lengths are public.
///
/// **Errors.** An input that breaks a rule is malformed key text, which
/// its holder has to fix anyway, so it is public: only then is the input
/// handed to [`decode`], whose slow path finds the exact error and offset.
///
/// **Cost.** About six to eight times slower than [`decode`] (1 KiB of
/// text: 3 µs against 0.5 µs on the development machine; the ignored test
/// `decode_secret_speed_against_decode` measures it), because [`decode`]
/// reads one table entry per character and tests 32 characters at once,
/// while this spends some 40 arithmetic operations on each character.
/// Keys are decoded once, and are short; tokens, which are public, keep
/// the fast path.
///
/// # Errors
///
/// As [`decode`].
pub fn decode_secret(input: &[u8]) -> Result<Vec<u8>, DecodeError> {
    let mut out = vec![0u8; decoded_len(input.len()).unwrap_or(0)];
    let written = decode_secret_to_slice(input, &mut out)?;
    out.truncate(written);
    Ok(out)
}

/// [`decode_secret`] into `out`: returns the number of bytes written,
/// [`decoded_len`]`(input.len())`. Allocates nothing unless the input is
/// malformed (then a copy of it, for the error).
///
/// # Errors
///
/// As [`decode_to_slice`], with the same kinds and offsets.
pub fn decode_secret_to_slice(input: &[u8], out: &mut [u8]) -> Result<usize, DecodeError> {
    decode_secret_declassifying(input, out, &mut |_| {})
}

/// [`decode_secret_to_slice`], which it is, with its declassification
/// made visible: `declassify` is called on every value
/// the function is about to branch on although it was computed from the
/// input, just before the branch. These are the one-byte flag saying
/// whether the input broke a rule and, when it did, a copy of the input
/// that the error is then computed from (malformed input is public).
/// [`decode_secret_to_slice`] passes a closure that does nothing.
///
/// This is for constant-time checkers (the repository's `ct/` harness
/// passes one that marks the value defined for valgrind's memcheck, as
/// BoringSSL's `CONSTTIME_DECLASSIFY` does), so that they check the same
/// machine code that callers run: the function is never inlined, and the
/// closure is taken as `dyn`, not as a generic that would be compiled
/// anew for each caller.
///
/// # Errors
///
/// As [`decode_secret_to_slice`].
#[inline(never)]
pub fn decode_secret_declassifying(
    input: &[u8],
    out: &mut [u8],
    declassify: &mut dyn FnMut(&mut [u8]),
) -> Result<usize, DecodeError> {
    let Some(needed) = decoded_len(input.len()) else {
        return public_error(input, out, declassify);
    };
    let out = out
        .get_mut(..needed)
        .ok_or(DecodeError::output_too_small(needed))?;
    // All ones while every rule holds, then 0.
    let mut valid = u32::MAX;
    // Eight characters -> six bytes per step, then one group of four.
    let blocks = input.chunks_exact(8);
    let rest = blocks.remainder();
    let mut dst = out.chunks_exact_mut(6);
    for (src, dst) in blocks.zip(&mut dst) {
        let (src0, src1) = src.split_at(4);
        let ((n0, m0), (n1, m1)) = (quad_secret(src0), quad_secret(src1));
        valid &= m0 & m1;
        let n = u64::from(n0) << 24 | u64::from(n1); // < 2^48
        dst.copy_from_slice(&n.to_be_bytes()[2..]);
    }
    let groups = rest.chunks_exact(4);
    let tail = groups.remainder();
    let mut dst = dst.into_remainder().chunks_exact_mut(3);
    for (src, dst) in groups.zip(&mut dst) {
        let (n, m) = quad_secret(src);
        valid &= m;
        dst.copy_from_slice(&n.to_be_bytes()[1..]);
    }
    // The last 0, 2 or 3 characters (1 was refused with the length).
    let mut bits = 0u32; // < 2^18
    for &c in tail {
        let (v, m) = sextet_secret(c);
        valid &= m;
        bits = bits << 6 | v;
    }
    // RFC 4648 §3.5: the bits below the last whole byte must be zero.
    let unused = (tail.len() * 6) % 8; // 0, 4 or 2: public
    let low = bits & ((1 << unused) - 1);
    valid &= ((low | low.wrapping_neg()) >> 31).wrapping_sub(1); // all ones iff low == 0
    let bits = bits >> unused;
    let rest = dst.into_remainder();
    let count = rest.len(); // 0, 1 or 2: public
    for (i, byte) in rest.iter_mut().enumerate() {
        *byte = (bits >> (8 * (count - 1 - i))) as u8;
    }
    // The one branch on the input: whether it broke a rule.
    let mut broken = [(!valid & 1) as u8];
    declassify(&mut broken);
    if broken != [0] {
        return public_error(input, out, declassify);
    }
    Ok(needed)
}

/// The error of an input known to break a rule, which makes it public:
/// [`decode_to_slice`] on a copy declassified first, so that its
/// table-driven search for the first bad byte reads public data only.
#[cold]
fn public_error(
    input: &[u8],
    out: &mut [u8],
    declassify: &mut dyn FnMut(&mut [u8]),
) -> Result<usize, DecodeError> {
    let mut public = input.to_vec();
    declassify(&mut public);
    decode_to_slice(&public, out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::rand::TestRng;
    use alloc::string::ToString;

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

    // -- backends: the accelerated code answers as the portable code --

    /// Every backend's answer (value, or the error with kind, offset and
    /// byte) equals the portable code's, for `input` and an exact buffer.
    fn assert_backends_agree(input: &[u8]) {
        let len = decoded_len(input.len()).unwrap_or(0);
        let mut want = vec![0u8; len];
        let portable = decode_to_slice_with(Backend::Portable, input, &mut want);
        for backend in Backend::available() {
            let mut got = vec![0u8; len];
            let result = decode_to_slice_with(backend, input, &mut got);
            assert_eq!(result, portable, "{backend:?} on {input:x?}");
            if result.is_ok() {
                assert_eq!(got, want, "{backend:?} on {input:x?}");
            }
        }
    }

    /// One line on stderr (written directly, so the test harness does not
    /// swallow it) when the AVX2 backend is absent: never a silent pass.
    fn note_when_avx2_is_absent() {
        #[cfg(feature = "std")]
        if Backend::available().len() == 1 {
            use std::io::Write as _;
            let why = if cfg!(barejwt_portable) {
                "--cfg barejwt_portable forces the portable path"
            } else {
                "this CPU lacks AVX2, or the target is not x86_64"
            };
            let _ = writeln!(
                std::io::stderr(),
                "AVX2 base64url absent ({why}): the backend tests ran on the portable code only"
            );
        }
    }

    #[test]
    fn every_vector_decodes_alike_on_every_backend_bare_and_after_whole_blocks() {
        note_when_avx2_is_absent();
        let mut checked = 0;
        for record in records(VECTORS) {
            let id = field(&record, "Id").unwrap();
            let input = match field(&record, "Encoded") {
                Some(text) => text.as_bytes().to_vec(),
                None => hex(field(&record, "Encoded_hex").unwrap()),
            };
            // Bare, and after 64 and 96 'A's (whole blocks of zero bytes), so
            // that the vector falls where the AVX2 code reads it.
            for prefix in [0, 64, 96] {
                let mut text = vec![b'A'; prefix];
                text.extend_from_slice(&input);
                assert_backends_agree(&text);
                let result = decode(&text);
                match field(&record, "Encoded") {
                    Some(_) => {
                        let mut raw = vec![0u8; prefix / 4 * 3];
                        raw.extend(hex(field(&record, "Input").unwrap()));
                        assert_eq!(result.unwrap(), raw, "{id} after {prefix}");
                        for backend in Backend::available() {
                            let mut out = vec![0u8; encoded_len(raw.len())];
                            let n = encode_to_slice_with(backend, &raw, &mut out).unwrap();
                            assert_eq!(&out[..n], &text[..], "{id} {backend:?}");
                        }
                    }
                    None => {
                        let err = result.unwrap_err();
                        assert_eq!(
                            (alloc::format!("{:?}", err.kind()), err.offset() - prefix),
                            (
                                field(&record, "Kind").unwrap().into(),
                                field(&record, "Offset").unwrap().parse().unwrap()
                            ),
                            "{id} after {prefix}"
                        );
                    }
                }
                checked += 1;
            }
        }
        assert_eq!(checked, 31 * 3, "vector file changed shape");
    }

    #[test]
    fn backends_agree_on_random_text_and_bytes_of_every_length_to_300() {
        note_when_avx2_is_absent();
        let mut rng = TestRng(0x0ba5_e640);
        const BAD: &[u8] = b"=+/ \n\r.\x00\x7f\x80\xff@[`{";
        for len in 0..300 {
            for round in 0..8 {
                let mut text: Vec<u8> = (0..len)
                    .map(|_| ALPHABET[(rng.next_u64() >> 8) as usize % 64])
                    .collect();
                // Rounds 1..: one or two bytes outside the alphabet, anywhere.
                for _ in 0..(round % 3) {
                    if len > 0 {
                        let at = (rng.next_u64() % len as u64) as usize;
                        text[at] = BAD[(rng.next_u64() % BAD.len() as u64) as usize];
                    }
                }
                assert_backends_agree(&text);
            }
            let bytes: Vec<u8> = (0..len).map(|_| rng.next_u64() as u8).collect();
            let mut want = vec![0u8; encoded_len(len)];
            encode_to_slice_with(Backend::Portable, &bytes, &mut want).unwrap();
            for backend in Backend::available() {
                let mut got = vec![0u8; encoded_len(len)];
                encode_to_slice_with(backend, &bytes, &mut got).unwrap();
                assert_eq!(got, want, "{backend:?} encoding {len} bytes");
                assert_eq!(decode(&got).unwrap(), bytes);
            }
        }
    }

    #[test]
    fn backends_agree_on_every_byte_at_every_position_of_a_block() {
        note_when_avx2_is_absent();
        let base: Vec<u8> = (0..96).map(|i| ALPHABET[(i * 7 + 3) % 64]).collect();
        for byte in 0..=255u8 {
            for at in 0..64 {
                let mut text = base.clone();
                text[at] = byte;
                assert_backends_agree(&text);
            }
        }
    }

    // -- decode_secret: the same answers as decode, in constant time --

    const VECTORS: &str = include_str!("../vectors/base64url.txt");

    /// The `Name = value` fields of each record of a vector file.
    fn records(file: &str) -> Vec<Vec<(&str, &str)>> {
        let mut out = Vec::new();
        let mut fields = Vec::new();
        for line in file.lines().chain(core::iter::once("")) {
            if line.starts_with('#') {
                continue;
            }
            if line.trim().is_empty() {
                if !fields.is_empty() {
                    out.push(core::mem::take(&mut fields));
                }
                continue;
            }
            let (name, value) = line.split_once('=').unwrap();
            fields.push((name.trim(), value.trim()));
        }
        out
    }

    fn field<'a>(record: &[(&'a str, &'a str)], name: &str) -> Option<&'a str> {
        record.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }

    fn hex(text: &str) -> Vec<u8> {
        (0..text.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
            .collect()
    }

    /// `decode_secret` and `decode_secret_to_slice` give exactly what
    /// `decode` and `decode_to_slice` give (value, or error kind, offset
    /// and byte), with exact, short and long buffers.
    fn assert_same(input: &[u8]) {
        let fast = decode(input);
        assert_eq!(decode_secret(input), fast, "{input:x?}");
        let len = decoded_len(input.len()).unwrap_or(0);
        for size in [len, len + 5, len.saturating_sub(1)] {
            let (mut a, mut b) = (vec![0u8; size], vec![0u8; size]);
            let (ra, rb) = (
                decode_to_slice(input, &mut a),
                decode_secret_to_slice(input, &mut b),
            );
            assert_eq!(rb, ra, "{input:x?} into {size}");
            if ra.is_ok() {
                assert_eq!(b, a, "{input:x?} into {size}");
            }
        }
    }

    #[test]
    fn the_arithmetic_sextet_equals_the_table_on_every_byte() {
        for byte in 0..=255u8 {
            let (value, mask) = sextet_secret(byte);
            if sextet(byte) == INVALID {
                assert_eq!((value, mask), (0, 0), "{byte:#04x}");
            } else {
                assert_eq!((value, mask), (u32::from(sextet(byte)), u32::MAX));
            }
        }
    }

    #[test]
    fn decode_secret_agrees_with_decode_on_every_vector_of_the_file() {
        let (mut pairs, mut rejections) = (0, 0);
        for record in records(VECTORS) {
            let id = field(&record, "Id").unwrap();
            if let Some(text) = field(&record, "Encoded") {
                let raw = hex(field(&record, "Input").unwrap());
                assert_eq!(decode_secret(text.as_bytes()).unwrap(), raw, "{id}");
                assert_same(text.as_bytes());
                pairs += 1;
            } else {
                let input = hex(field(&record, "Encoded_hex").unwrap());
                let err = decode_secret(&input).unwrap_err();
                assert_eq!(
                    (alloc::format!("{:?}", err.kind()), err.offset().to_string()),
                    (
                        field(&record, "Kind").unwrap().into(),
                        field(&record, "Offset").unwrap().into()
                    ),
                    "{id}"
                );
                assert_same(&input);
                rejections += 1;
            }
        }
        assert_eq!((pairs, rejections), (19, 12), "vector file changed shape");
    }

    /// A random byte, most often from the alphabet, else one of the bytes
    /// the rules are about, else any byte.
    fn random_character(rng: &mut TestRng) -> u8 {
        let r = rng.next_u64();
        match r % 8 {
            0 => b"=+/ \n.*\x00\x7f\x80\xff-_AZaz09"[(r >> 8) as usize % 19],
            1 => (r >> 8) as u8,
            _ => ALPHABET[(r >> 8) as usize % 64],
        }
    }

    #[test]
    fn decode_secret_agrees_with_decode_on_random_text_of_every_length_below_300() {
        let mut rng = TestRng(0x6465_636f_6465);
        for len in 0..300 {
            // A real encoding, then single-byte mutations of it.
            let raw: Vec<u8> = (0..len).map(|_| rng.next_u64() as u8).collect();
            let text = encode(&raw).into_bytes();
            assert_eq!(decode_secret(&text).unwrap(), raw, "{len}");
            assert_same(&text);
            for _ in 0..8 {
                if text.is_empty() {
                    break;
                }
                let mut mutated = text.clone();
                let at = rng.next_u64() as usize % text.len();
                mutated[at] = random_character(&mut rng);
                assert_same(&mutated);
                // The last character, where the unused bits are.
                let mut last = text.clone();
                *last.last_mut().unwrap() = random_character(&mut rng);
                assert_same(&last);
            }
            // Text of this length that need not be an encoding at all.
            let any: Vec<u8> = (0..len).map(|_| random_character(&mut rng)).collect();
            assert_same(&any);
        }
    }

    #[test]
    fn encode_secret_writes_what_encode_writes_for_every_length_below_300() {
        // RFC 4648 §10's vectors, in the URL-safe alphabet without padding.
        for (raw, text) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(encode_secret(raw.as_bytes()), text);
        }
        // Every value of every sextet position, and random bytes.
        let every: Vec<u8> = (0..=255u8).collect();
        assert_eq!(encode_secret(&every), encode(&every));
        let mut rng = TestRng(0x656e_636f_6465);
        for len in 0..300 {
            let raw: Vec<u8> = (0..len).map(|_| rng.next_u64() as u8).collect();
            assert_eq!(encode_secret(&raw), encode(&raw), "{len}");
        }
        let mut short = [0u8; 3];
        assert_eq!(
            encode_secret_to_slice(b"foo", &mut short)
                .unwrap_err()
                .kind(),
            DecodeErrorKind::OutputTooSmall
        );
    }

    #[test]
    fn decode_secret_agrees_with_decode_on_every_byte_in_every_position_kind() {
        // A whole group then a tail of three; a tail of two; a tail of one.
        for base in [&b"Zm9vYmE"[..], b"Zm9vYg", b"Zm9vY"] {
            for at in 0..base.len() {
                for byte in 0..=255u8 {
                    let mut text = base.to_vec();
                    text[at] = byte;
                    assert_same(&text);
                }
            }
        }
    }

    #[test]
    fn decode_secret_hands_the_declassifier_the_flag_and_only_on_error_the_input() {
        let mut seen: Vec<Vec<u8>> = Vec::new();
        let mut out = [0u8; 8];
        let mut record = |v: &mut [u8]| seen.push(v.to_vec());
        assert_eq!(
            decode_secret_declassifying(b"Zm9v", &mut out, &mut record),
            Ok(3)
        );
        assert_eq!(seen, [vec![0u8]]);
        seen.clear();
        let mut record = |v: &mut [u8]| seen.push(v.to_vec());
        let err = decode_secret_declassifying(b"Zm9=", &mut out, &mut record).unwrap_err();
        assert_eq!((err.kind(), err.offset()), (DecodeErrorKind::Padding, 3));
        assert_eq!(seen, [vec![1u8], b"Zm9=".to_vec()]);
        seen.clear();
        let mut record = |v: &mut [u8]| seen.push(v.to_vec());
        let err = decode_secret_declassifying(b"Zm9vY", &mut out, &mut record).unwrap_err();
        assert_eq!(err.kind(), DecodeErrorKind::InvalidLength);
        assert_eq!(seen, [b"Zm9vY".to_vec()]);
    }

    /// `cargo test --release --lib decode_secret_speed -- --ignored --nocapture`
    #[cfg(feature = "std")]
    #[test]
    #[ignore = "a timing, meaningful only in release: see the doc comment"]
    fn decode_secret_speed_against_decode() {
        use std::hint::black_box;
        use std::time::Instant;
        let raw: Vec<u8> = (0..768u32).map(|i| (i * 131 + 7) as u8).collect();
        let text = encode(&raw).into_bytes(); // 1024 characters
        let mut out = [0u8; 768];
        let rounds = 200_000u32;
        type Decoder = fn(&[u8], &mut [u8]) -> Result<usize, DecodeError>;
        let time = |f: Decoder, out: &mut [u8]| {
            let start = Instant::now();
            for _ in 0..rounds {
                black_box(f(black_box(&text), out).unwrap());
            }
            start.elapsed().as_secs_f64() * 1e9 / f64::from(rounds)
        };
        let mut best = (f64::MAX, f64::MAX);
        for _ in 0..5 {
            best.0 = best.0.min(time(decode_to_slice, &mut out));
            best.1 = best.1.min(time(decode_secret_to_slice, &mut out));
        }
        assert_eq!(out[..], raw[..]);
        std::println!(
            "1 KiB of base64url: decode {:.0} ns, decode_secret {:.0} ns: {:.1} times slower",
            best.0,
            best.1,
            best.1 / best.0
        );
    }
}
