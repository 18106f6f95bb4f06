//! NumericDate (RFC 7519 §2): "A JSON numeric value representing the
//! number of seconds from 1970-01-01T00:00:00Z UTC until the specified
//! UTC date/time, ignoring leap seconds", read exactly from its decimal
//! text.
//!
//! `exp`, `nbf` and `iat` are compared with the clock by their exact value,
//! fractions included, and no arithmetic on them may overflow (the command
//! line contract, "Numbers"). So the JSON text is read as a decimal — never
//! through a rounding cast to a float or an integer — into whole seconds
//! plus a flag for a fractional part, clamped far beyond any clock.

use crate::json::Number;
use core::cmp::Ordering;

/// A NumericDate (RFC 7519 §2): seconds since 1970-01-01T00:00:00Z UTC,
/// integer or not, compared exactly.
///
/// The JSON text is read as a decimal, never through a rounding cast:
/// `1750000000.5` is after `1750000000` and before `1750000001`. Values
/// whose magnitude exceeds 2^100 seconds (far beyond any clock) are
/// clamped there, which keeps every comparison with a 64-bit time exact.
/// A value beyond the range of a finite 64-bit float (such as `1e400`) is
/// not a date at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NumericDate {
    /// The value rounded down to whole seconds (clamped to ±2^100).
    floor: i128,
    /// Whether the value has a non-zero fractional part above `floor`.
    fractional: bool,
}

/// Magnitudes are clamped here: far above any `now ± leeway` (< 2^65).
const CLAMP: i128 = 1 << 100;
/// Decimal digits that certainly exceed [`CLAMP`] (10^31 > 2^100).
const CLAMP_DIGITS: i64 = 31;

impl NumericDate {
    /// A whole number of seconds.
    pub fn from_secs(secs: i64) -> NumericDate {
        NumericDate {
            floor: i128::from(secs),
            fractional: false,
        }
    }

    /// Reads a JSON number exactly.
    ///
    /// # Errors
    ///
    /// A short reason when the number is beyond the range of a finite
    /// 64-bit float.
    pub fn from_number(number: &Number) -> Result<NumericDate, &'static str> {
        if let Some(date) = NumericDate::from_plain_integer(number.text_bytes()) {
            return Ok(date);
        }
        if number.as_f64().is_none() {
            return Err("is beyond the range of a finite 64-bit number");
        }
        Ok(NumericDate::from_decimal_text(number.as_str()))
    }

    /// Reads a JSON number, given as its text (already checked against
    /// RFC 8259 §6), exactly as [`NumericDate::from_number`] does.
    pub(crate) fn from_number_text(text: &str) -> Result<NumericDate, &'static str> {
        match NumericDate::from_plain_integer(text.as_bytes()) {
            Some(date) => Ok(date),
            None => NumericDate::from_number(&Number::from_checked_text(text)),
        }
    }

    /// The common case, read without the float check and the general walk:
    /// 1 to 18 ASCII digits (no sign, fraction or exponent) are an exact
    /// integer below 10^18, finite as a float, so both would agree.
    fn from_plain_integer(text: &[u8]) -> Option<NumericDate> {
        if !(1..=18).contains(&text.len()) {
            return None;
        }
        // At most 18 digits: below 10^18, so a `u64` never overflows.
        let mut floor = 0u64;
        for &byte in text {
            let digit = byte.wrapping_sub(b'0');
            if digit > 9 {
                return None;
            }
            floor = floor * 10 + u64::from(digit);
        }
        Some(NumericDate {
            floor: i128::from(floor),
            fractional: false,
        })
    }

    /// The exact value of RFC 8259 number text, floored and clamped. The
    /// text is known to be valid number grammar; anything else reads as 0.
    fn from_decimal_text(text: &str) -> NumericDate {
        let (negative, unsigned) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
            Some(i) => (
                unsigned.get(..i).unwrap_or(""),
                unsigned.get(i + 1..).unwrap_or(""),
            ),
            None => (unsigned, ""),
        };
        let (int_digits, frac_digits) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let exponent = parse_exponent(exponent);
        // value = 0.DIGITS × 10^point, DIGITS without leading zeros.
        let digits_all = int_digits.bytes().chain(frac_digits.bytes());
        let leading_zeros = digits_all.clone().take_while(|&d| d == b'0').count();
        let total = int_digits.len() + frac_digits.len();
        if leading_zeros == total {
            return NumericDate {
                floor: 0,
                fractional: false,
            };
        }
        let digits = digits_all.skip(leading_zeros);
        let significant = total - leading_zeros;
        // Both lengths are bounded by the input size, far below i64::MAX.
        let point = (int_digits.len() as i64 - leading_zeros as i64).saturating_add(exponent);

        let (magnitude, fractional) = if point > CLAMP_DIGITS {
            (CLAMP, false)
        } else if point <= 0 {
            (0, true)
        } else {
            let whole = point as usize; // 1..=31
            let mut value: i128 = 0;
            for d in digits.clone().take(whole) {
                value = value * 10 + i128::from(d - b'0');
            }
            for _ in significant..whole {
                value *= 10;
            }
            let fractional = digits.skip(whole).any(|d| d != b'0');
            (value, fractional)
        };
        if negative {
            NumericDate {
                floor: -magnitude - i128::from(fractional),
                fractional,
            }
        } else {
            NumericDate {
                floor: magnitude,
                fractional,
            }
        }
    }

    /// The value rounded down to whole seconds, saturated to `i64`.
    pub fn floor_secs(&self) -> i64 {
        i64::try_from(self.floor).unwrap_or(if self.floor < 0 { i64::MIN } else { i64::MAX })
    }

    /// Whether the value has a fractional part.
    pub fn is_fractional(&self) -> bool {
        self.fractional
    }

    /// Compares the value with a whole number of seconds, exactly.
    pub fn cmp_secs(&self, secs: i128) -> Ordering {
        match self.floor.cmp(&secs) {
            Ordering::Equal if self.fractional => Ordering::Greater,
            other => other,
        }
    }
}

/// Reads an exponent's digits (with optional sign), saturating far outside
/// any range that matters (the number's finiteness was checked before).
fn parse_exponent(text: &str) -> i64 {
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, text.get(1..).unwrap_or("")),
        Some(b'+') => (false, text.get(1..).unwrap_or("")),
        _ => (false, text),
    };
    let mut value: i64 = 0;
    for d in digits.bytes() {
        value = value
            .saturating_mul(10)
            .saturating_add(i64::from(d.wrapping_sub(b'0')));
    }
    if negative {
        -value
    } else {
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn plain_integer_shortcut_agrees_with_the_general_reading() {
        let mut texts = alloc::vec![alloc::string::String::from("0")];
        let mut x: u64 = 1;
        for _ in 0..62 {
            // Powers of two, their neighbours and 10^k - 1: every length.
            texts.extend([x - 1, x, x + 1].map(|v| alloc::format!("{v}")));
            x <<= 1;
        }
        texts.extend((1..=19).map(|k| "9".repeat(k)));
        for text in texts {
            let general = NumericDate::from_decimal_text(&text);
            match NumericDate::from_plain_integer(text.as_bytes()) {
                Some(fast) => assert_eq!(fast, general, "{text}"),
                None => assert!(text.len() > 18, "{text} should take the shortcut"),
            }
        }
        for not_plain in ["-1", "1.5", "1e3", "", "12345678901234567890"] {
            assert_eq!(
                NumericDate::from_plain_integer(not_plain.as_bytes()),
                None,
                "{not_plain}"
            );
        }
    }

    fn date_of(text: &str) -> NumericDate {
        let n = Number::parse_text(text).unwrap();
        NumericDate::from_number(&n).unwrap()
    }

    #[test]
    fn numeric_dates_are_read_exactly() {
        let cases: &[(&str, i128, bool)] = &[
            ("0", 0, false),
            ("-0", 0, false),
            ("0.0", 0, false),
            ("1700000000", 1_700_000_000, false),
            ("1750000000.5", 1_750_000_000, true),
            ("1750000000.000", 1_750_000_000, false),
            ("1.75e9", 1_750_000_000, false),
            ("17500000005e-1", 1_750_000_000, true),
            ("1E+3", 1000, false),
            ("0.001", 0, true),
            ("1e-400", 0, true),
            ("-1", -1, false),
            ("-1.5", -2, true),
            ("-0.5", -1, true),
            ("9223372036854775807", 9_223_372_036_854_775_807, false),
            ("9223372036854775808", 9_223_372_036_854_775_808, false),
            ("1e300", CLAMP, false),
            ("-1e300", -CLAMP, false),
            ("12345678901234567890123456789012345", CLAMP, false),
        ];
        for &(text, floor, fractional) in cases {
            assert_eq!(date_of(text), NumericDate { floor, fractional }, "{text}");
        }
    }

    #[test]
    fn infinite_dates_are_refused() {
        for text in ["1e400", "-1e400", "1e99999999999999999999"] {
            let n = Number::parse_text(text).unwrap();
            assert!(NumericDate::from_number(&n).is_err(), "{text}");
        }
    }

    #[test]
    fn comparison_with_whole_seconds_is_exact() {
        let d = date_of("1750000000.5");
        assert_eq!(d.cmp_secs(1_750_000_000), Ordering::Greater);
        assert_eq!(d.cmp_secs(1_750_000_001), Ordering::Less);
        assert_eq!(
            date_of("1750000000").cmp_secs(1_750_000_000),
            Ordering::Equal
        );
        assert_eq!(date_of("-0.5").cmp_secs(0), Ordering::Less);
        assert_eq!(date_of("-0.5").cmp_secs(-1), Ordering::Greater);
    }
}
