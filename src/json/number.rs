//! JSON numbers, RFC 8259 §6: the grammar, and a [`Number`] that keeps the
//! exact text it was written with.
//!
//! ```text
//! number = [ minus ] int [ frac ] [ exp ]
//! int    = zero / ( digit1-9 *DIGIT )
//! frac   = decimal-point 1*DIGIT
//! exp    = e [ minus / plus ] 1*DIGIT
//! ```
//!
//! No `+` sign in front, no leading zeros, no `.5` or `5.`, no `NaN` or
//! `Infinity`. A number is never converted while parsing: `1e400` and a
//! hundred-digit integer are kept as written, and judged only when read
//! (RFC 8259 §6 lets implementations limit range and precision; we limit
//! only the conversions). Reading never rounds an integer silently: `as_i64`
//! and `as_u64` answer only for integer text that fits exactly.

use alloc::format;
use core::fmt;

use super::error::Error;
use super::text::ShortText;

/// A JSON number, kept as its exact text.
///
/// Equality compares the text: `1`, `1.0` and `1e0` are three different
/// numbers here, because a signer and a verifier must agree on bytes, not on
/// an interpretation.
///
/// ```
/// use barejwt::json::Number;
///
/// let n = Number::parse_text("1700000000").unwrap();
/// assert_eq!(n.as_i64(), Some(1_700_000_000));
/// assert_eq!(Number::parse_text("1.0").unwrap().as_i64(), None); // not integer text
/// assert_eq!(Number::parse_text("1e400").unwrap().as_f64(), None); // beyond f64
/// assert!(Number::parse_text("01").is_none()); // leading zero
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Number {
    text: ShortText,
}

/// Reads the number that starts at `start` (RFC 8259 §6) and returns the
/// offset just past it. The caller has seen `-` or a digit at `start`.
///
/// A digit after a leading `0` is an error here rather than the start of the
/// next token, so that `01` is reported as a leading zero.
pub(crate) fn scan(input: &[u8], start: usize) -> Result<usize, Error> {
    let digits_from = |mut pos: usize| {
        while input.get(pos).is_some_and(u8::is_ascii_digit) {
            pos += 1;
        }
        pos
    };
    let mut pos = start;
    // 1. [ minus ]
    if input.get(pos) == Some(&b'-') {
        pos += 1;
    }
    // 2. int = zero / ( digit1-9 *DIGIT )
    match input.get(pos) {
        Some(b'0') => {
            pos += 1;
            if input.get(pos).is_some_and(u8::is_ascii_digit) {
                return Err(Error::expected(
                    input,
                    pos,
                    "'.', 'e' or the end of a number (no leading zeros)",
                ));
            }
        }
        Some(b'1'..=b'9') => pos = digits_from(pos + 1),
        _ => return Err(Error::expected(input, pos, "a digit")),
    }
    // 3. [ frac ] = decimal-point 1*DIGIT
    if input.get(pos) == Some(&b'.') {
        pos += 1;
        if !input.get(pos).is_some_and(u8::is_ascii_digit) {
            return Err(Error::expected(input, pos, "a digit after '.'"));
        }
        pos = digits_from(pos + 1);
    }
    // 4. [ exp ] = e [ minus / plus ] 1*DIGIT
    if matches!(input.get(pos), Some(b'e' | b'E')) {
        pos += 1;
        if matches!(input.get(pos), Some(b'-' | b'+')) {
            pos += 1;
        }
        if !input.get(pos).is_some_and(u8::is_ascii_digit) {
            return Err(Error::expected(input, pos, "a digit in the exponent"));
        }
        pos = digits_from(pos + 1);
    }
    Ok(pos)
}

impl Number {
    /// A number from text already checked against the grammar by [`scan`].
    #[inline]
    pub(crate) fn from_checked_text(text: &str) -> Number {
        Number {
            text: ShortText::new(text),
        }
    }

    /// A number from `text`, if `text` is exactly one RFC 8259 §6 number (no
    /// white space around it).
    pub fn parse_text(text: &str) -> Option<Number> {
        let bytes = text.as_bytes();
        match bytes.first() {
            Some(b'-' | b'0'..=b'9') => {}
            _ => return None,
        }
        match scan(bytes, 0) {
            Ok(end) if end == bytes.len() => Some(Number::from_checked_text(text)),
            _ => None,
        }
    }

    /// The number `value`, written in decimal.
    pub fn from_i64(value: i64) -> Number {
        Number::from_checked_text(&format!("{value}"))
    }

    /// The number `value`, written in decimal.
    pub fn from_u64(value: u64) -> Number {
        Number::from_checked_text(&format!("{value}"))
    }

    /// The number `value` in its shortest text that reads back to the same
    /// `f64` (the shorter of plain and exponent form); `None` for NaN and the
    /// infinities, which JSON cannot write. Integral values come out as
    /// integer text (`1.0` gives `1`).
    pub fn from_f64(value: f64) -> Option<Number> {
        if !value.is_finite() {
            return None;
        }
        // Both of core's forms print the shortest digits that round-trip, and
        // both are RFC 8259 number text: "0.001", "1e-7", "-0", "1.5e300".
        let plain = format!("{value}");
        let exponent = format!("{value:e}");
        let text = if exponent.len() < plain.len() {
            exponent
        } else {
            plain
        };
        Some(Number::from_checked_text(&text))
    }

    /// The exact text of the number, as it was written.
    pub fn as_str(&self) -> &str {
        self.text.as_str()
    }

    /// The text's bytes (ASCII), without the UTF-8 check `as_str` makes.
    pub(crate) fn text_bytes(&self) -> &[u8] {
        self.text.as_bytes()
    }

    /// The digits of integer text (`-?digits`), with its sign; `None` when
    /// the text has a fraction or an exponent.
    fn integer_digits(&self) -> Option<(bool, &[u8])> {
        let bytes = self.text.as_bytes();
        let (negative, digits) = match bytes.split_first() {
            Some((b'-', rest)) => (true, rest),
            _ => (false, bytes),
        };
        if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        Some((negative, digits))
    }

    /// The magnitude of integer text, if it fits in a `u64`.
    fn integer_magnitude(&self) -> Option<(bool, u64)> {
        let (negative, digits) = self.integer_digits()?;
        let mut magnitude: u64 = 0;
        for &d in digits {
            magnitude = magnitude
                .checked_mul(10)?
                .checked_add(u64::from(d - b'0'))?;
        }
        Some((negative, magnitude))
    }

    /// The value as an `i64`, only when the text is an integer (no fraction,
    /// no exponent: `1.0` and `1e2` give `None`) that fits exactly. `-0` is 0.
    pub fn as_i64(&self) -> Option<i64> {
        match self.integer_magnitude()? {
            (false, magnitude) => i64::try_from(magnitude).ok(),
            // -9223372036854775808 has a magnitude one above i64::MAX.
            (true, magnitude) => 0i64.checked_sub_unsigned(magnitude),
        }
    }

    /// The value as a `u64`, only when the text is a non-negative integer (no
    /// fraction, no exponent) that fits exactly. `-0` is 0.
    pub fn as_u64(&self) -> Option<u64> {
        match self.integer_magnitude()? {
            (false, magnitude) | (true, magnitude @ 0) => Some(magnitude),
            (true, _) => None,
        }
    }

    /// The value as the nearest `f64`, or `None` when it is beyond the finite
    /// `f64` range (`1e400`). Tiny values round to zero (`1e-400` gives 0.0),
    /// and integers above 2^53 may round: use [`as_i64`](Number::as_i64) or
    /// [`as_u64`](Number::as_u64) when exactness matters.
    pub fn as_f64(&self) -> Option<f64> {
        // RFC 8259 number text is a subset of what core's parser accepts, and
        // core rounds correctly whatever the number of digits.
        let value: f64 = self.text.as_str().parse().ok()?;
        value.is_finite().then_some(value)
    }
}

impl fmt::Debug for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Number({})", self.as_str())
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(text: &str) -> Number {
        Number::parse_text(text).unwrap_or_else(|| panic!("{text:?} should be a number"))
    }

    #[test]
    fn rfc8259_section_6_grammar() {
        for ok in [
            "0",
            "-0",
            "1",
            "-1",
            "10",
            "0.5",
            "-0.5",
            "1e5",
            "1E5",
            "1e+5",
            "1e-5",
            "1.25e-07",
            "123456789012345678901234567890",
        ] {
            assert!(Number::parse_text(ok).is_some(), "{ok}");
        }
        for bad in [
            "",
            "-",
            "+1",
            "01",
            "-01",
            "00",
            ".5",
            "5.",
            "1e",
            "1e+",
            "1.e5",
            "1.5e",
            "NaN",
            "Infinity",
            "-Infinity",
            "0x10",
            " 1",
            "1 ",
            "1.0.0",
            "--1",
            "1_000",
        ] {
            assert!(Number::parse_text(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn integers_convert_only_when_exact() {
        assert_eq!(n("9223372036854775807").as_i64(), Some(i64::MAX));
        assert_eq!(n("-9223372036854775808").as_i64(), Some(i64::MIN));
        assert_eq!(n("9223372036854775808").as_i64(), None);
        assert_eq!(n("-9223372036854775809").as_i64(), None);
        assert_eq!(n("18446744073709551615").as_u64(), Some(u64::MAX));
        assert_eq!(n("18446744073709551616").as_u64(), None);
        assert_eq!(n("-1").as_u64(), None);
        assert_eq!(n("-0").as_u64(), Some(0));
        assert_eq!(n("-0").as_i64(), Some(0));
        for not_integer in ["1.0", "1e2", "1E0", "0.0", "-1.5"] {
            assert_eq!(n(not_integer).as_i64(), None, "{not_integer}");
            assert_eq!(n(not_integer).as_u64(), None, "{not_integer}");
        }
    }

    #[test]
    fn floats_are_none_beyond_the_finite_range() {
        assert_eq!(n("1.5").as_f64(), Some(1.5));
        assert_eq!(n("1e400").as_f64(), None);
        assert_eq!(n("-1e400").as_f64(), None);
        assert_eq!(n("1e-400").as_f64(), Some(0.0));
        assert_eq!(n("1.7976931348623157e308").as_f64(), Some(f64::MAX));
    }

    #[test]
    fn from_f64_gives_valid_shortest_text() {
        for (value, text) in [
            (1.0, "1"),
            (-0.0, "-0"),
            (0.5, "0.5"),
            (1e300, "1e300"),
            (1e-7, "1e-7"),
            (123.456, "123.456"),
            (f64::MIN_POSITIVE, "2.2250738585072014e-308"),
        ] {
            let number = Number::from_f64(value).unwrap();
            assert_eq!(number.as_str(), text);
            assert!(Number::parse_text(number.as_str()).is_some());
            assert_eq!(number.as_f64().map(f64::to_bits), Some(value.to_bits()));
        }
        assert!(Number::from_f64(f64::NAN).is_none());
        assert!(Number::from_f64(f64::INFINITY).is_none());
        assert!(Number::from_f64(f64::NEG_INFINITY).is_none());
    }

    #[test]
    fn integer_constructors_write_decimal() {
        assert_eq!(Number::from_i64(i64::MIN).as_str(), "-9223372036854775808");
        assert_eq!(Number::from_u64(u64::MAX).as_str(), "18446744073709551615");
        assert_eq!(Number::from_u64(u64::MAX).as_u64(), Some(u64::MAX));
    }
}
