//! JSON strings, RFC 8259 §7: finding the end of a string, checking its
//! escapes, and unescaping it only when it has escapes.
//!
//! ```text
//! string = quotation-mark *char quotation-mark
//! char   = unescaped / escape ( %x22 / %x5C / %x2F / %x62 / %x66 /
//!                               %x6E / %x72 / %x74 / %x75 4HEXDIG )
//! unescaped = %x20-21 / %x23-5B / %x5D-10FFFF
//! ```
//!
//! The whole input has already been checked to be UTF-8 (RFC 8259 §8.1) by
//! [`parse`](super::parse), so a string without escapes is a slice of the
//! input and needs no copy here. `\u` escapes of UTF-16 surrogates must come
//! as a high-low pair, which decodes to one code point; a lone or reversed
//! surrogate escape is rejected (RFC 8259 §8.2 calls its behaviour
//! unpredictable, so a verifier and an issuer could disagree on it).

use alloc::string::String;

use super::error::{Error, ErrorKind};

const CT: bool = true; // control character U+0000..U+001F: must be escaped
const QU: bool = true; // quotation mark: ends the string
const BS: bool = true; // reverse solidus: starts an escape
const __: bool = false; // may appear as is

/// Bytes that cannot appear unescaped inside a JSON string (RFC 8259 §7).
/// Bytes of multi-byte UTF-8 sequences are all 0x80 or above, so they never
/// collide with these.
#[rustfmt::skip]
pub(crate) static NEEDS_ESCAPE: [bool; 256] = [
    //  1   2   3   4   5   6   7   8   9   A   B   C   D   E   F
    CT, CT, CT, CT, CT, CT, CT, CT, CT, CT, CT, CT, CT, CT, CT, CT, // 0
    CT, CT, CT, CT, CT, CT, CT, CT, CT, CT, CT, CT, CT, CT, CT, CT, // 1
    __, __, QU, __, __, __, __, __, __, __, __, __, __, __, __, __, // 2
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // 3
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // 4
    __, __, __, __, __, __, __, __, __, __, __, __, BS, __, __, __, // 5
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // 6
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // 7
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // 8
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // 9
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // A
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // B
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // C
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // D
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // E
    __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, __, // F
];

/// Whether `byte` must be escaped in a JSON string.
#[inline]
pub(crate) fn needs_escape(byte: u8) -> bool {
    NEEDS_ESCAPE
        .get(usize::from(byte))
        .copied()
        .unwrap_or(false)
}

/// A decoded string: either a slice of the input (no escapes) or the
/// unescaped text in the parser's scratch buffer.
pub(crate) enum Str<'a, 's> {
    /// The string had no escapes; this is its content in the input.
    Raw(&'a str),
    /// The string had escapes: the unescaped content, and the string as
    /// written, quotes included (for a view that unescapes on demand).
    Unescaped {
        /// The unescaped content, in the parser's scratch buffer.
        text: &'s str,
        /// The string in the input, from its opening to its closing quote.
        quoted: &'a str,
    },
}

impl Str<'_, '_> {
    /// The string's content.
    #[inline]
    pub(crate) fn as_str(&self) -> &str {
        match self {
            Str::Raw(s) | Str::Unescaped { text: s, .. } => s,
        }
    }
}

/// Flags the bytes of the eight at `pos` that must be escaped, or `None`
/// when fewer than eight bytes remain.
///
/// The classic "has a zero byte" trick, `(x - 0x01..01) & !x & 0x80..80`,
/// flags a byte of `x` that is zero; the lowest flag is always exact (a
/// false flag needs a borrow from a true one below it).
#[inline]
fn escape_flags(bytes: &[u8], pos: usize) -> Option<u64> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let word = bytes.get(pos..pos.wrapping_add(8))?;
    let x = u64::from_le_bytes(<[u8; 8]>::try_from(word).ok()?);
    let quote = x ^ (ONES * u64::from(b'"'));
    let backslash = x ^ (ONES * u64::from(b'\\'));
    let flags = (quote.wrapping_sub(ONES) & !quote)
        | (backslash.wrapping_sub(ONES) & !backslash)
        // below 0x20: subtracting 0x20 borrows into the high bit
        | (x.wrapping_sub(ONES * 0x20) & !x);
    Some(flags & HIGHS)
}

/// The offset of the first byte at or after `pos` that must be escaped in a
/// string (quote, backslash or control character), or `bytes.len()`.
///
/// Three speeds: one word of eight bytes first (most names and values are
/// short); then 32-byte blocks written so that the compiler turns them into
/// vector compares (a 4 KiB claim); then words again to find the exact byte,
/// and [`NEEDS_ESCAPE`] for the last few bytes.
#[inline(always)]
pub(crate) fn plain_run_end(bytes: &[u8], pos: usize) -> usize {
    match escape_flags(bytes, pos) {
        Some(0) => plain_run_end_long(bytes, pos + 8),
        Some(flags) => pos + (flags.trailing_zeros() / 8) as usize,
        None => plain_run_end_long(bytes, pos),
    }
}

/// [`plain_run_end`] past its first word: out of line, so that the first
/// word's test stays small where it is inlined.
#[inline(never)]
fn plain_run_end_long(bytes: &[u8], mut pos: usize) -> usize {
    while let Some(block) = bytes.get(pos..pos.wrapping_add(32)) {
        let Ok(block) = <&[u8; 32]>::try_from(block) else {
            break;
        };
        let any = block.iter().fold(false, |any, &b| {
            any | (b < 0x20) | (b == b'"') | (b == b'\\')
        });
        if any {
            break;
        }
        pos += 32;
    }
    while let Some(flags) = escape_flags(bytes, pos) {
        if flags != 0 {
            return pos + (flags.trailing_zeros() / 8) as usize;
        }
        pos += 8;
    }
    while let Some(&byte) = bytes.get(pos) {
        if needs_escape(byte) {
            return pos;
        }
        pos += 1;
    }
    pos
}

/// `text[from..to]`; both ends are always at ASCII bytes, so the fallback
/// error is never produced.
#[inline]
fn slice(text: &str, from: usize, to: usize) -> Result<&str, Error> {
    text.get(from..to)
        .ok_or_else(|| Error::at(ErrorKind::InvalidUtf8, from))
}

/// Reads the string whose opening quote is at `quote` in `text` (RFC 8259
/// §7), and returns its content and the offset just past the closing quote.
/// Escaped strings are unescaped into `scratch`.
#[inline(always)]
pub(crate) fn scan<'a, 's>(
    text: &'a str,
    quote: usize,
    scratch: &'s mut String,
) -> Result<(Str<'a, 's>, usize), Error> {
    let bytes = text.as_bytes();
    let start = quote + 1;
    // 1. The common case: a run of plain characters, then the closing quote.
    let pos = plain_run_end(bytes, start);
    match bytes.get(pos) {
        Some(b'"') => Ok((Str::Raw(slice(text, start, pos)?), pos + 1)),
        _ => scan_rest(text, start, pos, scratch),
    }
}

/// The rest of [`scan`] when the first run of plain characters ends at
/// `pos` without the closing quote: out of line, as escapes are rare.
#[inline(never)]
fn scan_rest<'a, 's>(
    text: &'a str,
    start: usize,
    mut pos: usize,
    scratch: &'s mut String,
) -> Result<(Str<'a, 's>, usize), Error> {
    let bytes = text.as_bytes();
    match bytes.get(pos) {
        Some(b'\\') => {}
        Some(_) => return Err(Error::at(ErrorKind::ControlCharacter, pos)),
        None => return Err(Error::expected(bytes, pos, "'\"' to end the string")),
    }
    // 2. An escape: copy what came before, then alternate escapes and runs.
    scratch.clear();
    scratch.push_str(slice(text, start, pos)?);
    loop {
        // Here `bytes[pos]` is a backslash.
        pos = unescape(bytes, pos, scratch)?;
        let run_end = plain_run_end(bytes, pos);
        scratch.push_str(slice(text, pos, run_end)?);
        pos = run_end;
        match bytes.get(pos) {
            Some(b'"') => {
                let quoted = slice(text, start - 1, pos + 1)?;
                return Ok((
                    Str::Unescaped {
                        text: scratch.as_str(),
                        quoted,
                    },
                    pos + 1,
                ));
            }
            Some(b'\\') => {}
            Some(_) => return Err(Error::at(ErrorKind::ControlCharacter, pos)),
            None => return Err(Error::expected(bytes, pos, "'\"' to end the string")),
        }
    }
}

/// Decodes the escape whose backslash is at `backslash`, appends the
/// character to `out` and returns the offset just past the escape.
fn unescape(bytes: &[u8], backslash: usize, out: &mut String) -> Result<usize, Error> {
    let c = match bytes.get(backslash + 1) {
        Some(b'"') => '"',
        Some(b'\\') => '\\',
        Some(b'/') => '/',
        Some(b'b') => '\u{8}',
        Some(b'f') => '\u{c}',
        Some(b'n') => '\n',
        Some(b'r') => '\r',
        Some(b't') => '\t',
        Some(b'u') => return unescape_unicode(bytes, backslash, out),
        Some(_) => return Err(Error::at(ErrorKind::InvalidEscape, backslash)),
        None => return Err(Error::expected(bytes, backslash + 1, "an escape character")),
    };
    out.push(c);
    Ok(backslash + 2)
}

/// Decodes `\uXXXX` at `backslash`, or a surrogate pair `\uD8xx\uDCxx`
/// (RFC 8259 §7: "the character is represented as a 12-character sequence,
/// encoding the UTF-16 surrogate pair").
fn unescape_unicode(bytes: &[u8], backslash: usize, out: &mut String) -> Result<usize, Error> {
    let unit = hex4(bytes, backslash)?;
    let (code_point, end) = match unit {
        0xD800..=0xDBFF => {
            // A high surrogate must be followed at once by a low one.
            let next = backslash + 6;
            if bytes.get(next) != Some(&b'\\') || bytes.get(next + 1) != Some(&b'u') {
                return Err(Error::at(ErrorKind::LoneSurrogate, backslash));
            }
            let low = hex4(bytes, next)?;
            if !(0xDC00..=0xDFFF).contains(&low) {
                return Err(Error::at(ErrorKind::LoneSurrogate, backslash));
            }
            let code_point =
                0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
            (code_point, next + 6)
        }
        0xDC00..=0xDFFF => return Err(Error::at(ErrorKind::LoneSurrogate, backslash)),
        _ => (u32::from(unit), backslash + 6),
    };
    // Never fails: surrogates were excluded and a pair gives at most U+10FFFF.
    let c =
        char::from_u32(code_point).ok_or_else(|| Error::at(ErrorKind::LoneSurrogate, backslash))?;
    out.push(c);
    Ok(end)
}

/// The four hex digits after the `\u` at `backslash`.
fn hex4(bytes: &[u8], backslash: usize) -> Result<u16, Error> {
    let mut unit: u16 = 0;
    for pos in backslash + 2..backslash + 6 {
        let digit = match bytes.get(pos) {
            Some(&b @ b'0'..=b'9') => b - b'0',
            Some(&b @ b'a'..=b'f') => b - b'a' + 10,
            Some(&b @ b'A'..=b'F') => b - b'A' + 10,
            Some(_) => return Err(Error::at(ErrorKind::InvalidEscape, backslash)),
            None => return Err(Error::expected(bytes, pos, "four hex digits after \\u")),
        };
        unit = (unit << 4) | u16::from(digit);
    }
    Ok(unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_run_end_matches_the_table_at_every_alignment() {
        let mut data = alloc::vec![b'a'; 40];
        for special in [b'"', b'\\', 0x00, 0x1f, b'\n'] {
            for at in 0..40 {
                data.fill(b'a');
                // non-ASCII bytes and bytes just above the classes never stop a run
                if at > 0 {
                    data[at - 1] = 0xff;
                }
                if at > 1 {
                    data[at - 2] = b' ';
                }
                data[at] = special;
                for start in 0..=at {
                    assert_eq!(
                        plain_run_end(&data, start),
                        at,
                        "special {special:#x} at {at} from {start}"
                    );
                }
            }
        }
        data.fill(0x80);
        assert_eq!(plain_run_end(&data, 3), 40);
    }

    #[test]
    fn table_marks_exactly_quote_backslash_and_controls() {
        for b in 0..=255u8 {
            assert_eq!(
                needs_escape(b),
                b < 0x20 || b == b'"' || b == b'\\',
                "{b:#x}"
            );
        }
    }
}
