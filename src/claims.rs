//! The JWT Claims Set (RFC 7519 §4): registered claims, typed, and every
//! other claim as JSON.
//!
//! Each registered claim is one of three things: absent, present with the
//! right type, or present with the wrong type. The last is always
//! [`ErrorKind::InvalidClaim`] naming the claim, whether or not any check
//! asks about it: CVE-2026-25537 was a verifier that treated an `exp` of
//! the wrong type as absent, and skipped the check.
//!
//! | claim | RFC 7519 | type here |
//! | --- | --- | --- |
//! | `iss` | §4.1.1 | string |
//! | `sub` | §4.1.2 | string |
//! | `aud` | §4.1.3 | string, or array of strings |
//! | `exp` | §4.1.4 | NumericDate |
//! | `nbf` | §4.1.5 | NumericDate |
//! | `iat` | §4.1.6 | NumericDate |
//! | `jti` | §4.1.7 | string |
//!
//! A `null` value is present, and of the wrong type.

use crate::error::{Error, ErrorKind};
use crate::json::{Number, Object, Value};
use alloc::format;
use alloc::string::String;
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

/// The claims of a token: the JSON object, with the registered claims'
/// types checked.
#[derive(Debug, Clone, PartialEq)]
pub struct Claims {
    object: Object,
    exp: Option<NumericDate>,
    nbf: Option<NumericDate>,
    iat: Option<NumericDate>,
}

impl Claims {
    /// Checks the registered claims' types (in the order `iss`, `sub`,
    /// `aud`, `exp`, `nbf`, `iat`, `jti`) and wraps the object.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidClaim`], naming the first claim of the wrong
    /// type.
    pub fn from_object(object: Object) -> Result<Claims, Error> {
        // One pass finds the registered claims (names are unique in an
        // Object); the checks then run in the documented order, so the
        // first claim reported is the same whatever the member order.
        let mut registered: [Option<&Value>; 7] = [None; 7];
        for (name, value) in object.members() {
            let slot = match name.as_bytes() {
                b"iss" => 0,
                b"sub" => 1,
                b"aud" => 2,
                b"exp" => 3,
                b"nbf" => 4,
                b"iat" => 5,
                b"jti" => 6,
                _ => continue,
            };
            if let Some(entry) = registered.get_mut(slot) {
                *entry = Some(value);
            }
        }
        let [iss, sub, aud, exp, nbf, iat, jti] = registered;
        check_string(iss, "iss")?;
        check_string(sub, "sub")?;
        if let Some(aud) = aud {
            let ok = match aud {
                Value::String(_) => true,
                Value::Array(items) => items.iter().all(|v| matches!(v, Value::String(_))),
                _ => false,
            };
            if !ok {
                return Err(wrong_type("aud", aud, "a string or an array of strings"));
            }
        }
        let exp = date(exp, "exp")?;
        let nbf = date(nbf, "nbf")?;
        let iat = date(iat, "iat")?;
        check_string(jti, "jti")?;
        Ok(Claims {
            object,
            exp,
            nbf,
            iat,
        })
    }

    /// `iss`, the issuer (RFC 7519 §4.1.1).
    pub fn iss(&self) -> Option<&str> {
        self.object.get("iss").and_then(Value::as_str)
    }

    /// `sub`, the subject (RFC 7519 §4.1.2).
    pub fn sub(&self) -> Option<&str> {
        self.object.get("sub").and_then(Value::as_str)
    }

    /// `jti`, the JWT ID (RFC 7519 §4.1.7).
    pub fn jti(&self) -> Option<&str> {
        self.object.get("jti").and_then(Value::as_str)
    }

    /// `aud`, the audiences (RFC 7519 §4.1.3): one for a string, each
    /// member for an array; nothing when absent.
    pub fn aud(&self) -> impl Iterator<Item = &str> {
        let items: &[Value] = match self.object.get("aud") {
            Some(Value::Array(items)) => items,
            Some(one @ Value::String(_)) => core::slice::from_ref(one),
            _ => &[],
        };
        items.iter().filter_map(Value::as_str)
    }

    /// `exp`, the expiration time (RFC 7519 §4.1.4).
    pub fn exp(&self) -> Option<NumericDate> {
        self.exp
    }

    /// `nbf`, the not-before time (RFC 7519 §4.1.5).
    pub fn nbf(&self) -> Option<NumericDate> {
        self.nbf
    }

    /// `iat`, the issued-at time (RFC 7519 §4.1.6).
    pub fn iat(&self) -> Option<NumericDate> {
        self.iat
    }

    /// Any claim, registered or not, as JSON.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.object.get(name)
    }

    /// Whether the claim is present (a `null` value counts as present).
    pub fn contains(&self, name: &str) -> bool {
        self.object.contains_key(name)
    }

    /// The whole claims object.
    pub fn as_object(&self) -> &Object {
        &self.object
    }

    /// The claims object, giving up the typed view.
    pub fn into_object(self) -> Object {
        self.object
    }

    /// The claims as compact JSON; numbers keep the text they had.
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        crate::json::write_object(&self.object, &mut out);
        out
    }

    /// Reads the claims into an application type (see [`FromClaims`]).
    ///
    /// # Errors
    ///
    /// Whatever `T::from_claims` returns.
    pub fn read<T: FromClaims>(&self) -> Result<T, Error> {
        T::from_claims(self)
    }
}

/// An application's own claims type, read from verified [`Claims`].
///
/// The crate has no serde; this trait is the small bridge instead.
///
/// ```
/// use barejwt::{Claims, Error, ErrorKind, FromClaims};
///
/// struct Session { user: String, admin: bool }
///
/// impl FromClaims for Session {
///     fn from_claims(claims: &Claims) -> Result<Self, Error> {
///         let user = claims.sub().ok_or_else(|| Error::new(ErrorKind::MissingClaim, "no sub"))?;
///         let admin = claims.get("admin").and_then(|v| v.as_bool()).unwrap_or(false);
///         Ok(Session { user: user.to_string(), admin })
///     }
/// }
/// # let claims = Claims::from_object(barejwt::json::parse(br#"{"sub":"alice","admin":true}"#).unwrap().as_object().unwrap().clone()).unwrap();
/// let session: Session = claims.read()?;
/// assert!(session.admin && session.user == "alice");
/// # Ok::<(), Error>(())
/// ```
pub trait FromClaims: Sized {
    /// Builds the value from the claims.
    ///
    /// # Errors
    ///
    /// Whatever the application decides; [`ErrorKind::MissingClaim`] and
    /// [`ErrorKind::InvalidClaim`] fit most cases.
    fn from_claims(claims: &Claims) -> Result<Self, Error>;
}

fn wrong_type(name: &'static str, value: &Value, expected: &str) -> Error {
    Error::new(
        ErrorKind::InvalidClaim,
        format!(
            "claim \"{name}\" is a {}, not {expected}",
            value.type_name()
        ),
    )
    .with_claim(name)
}

fn check_string(value: Option<&Value>, name: &'static str) -> Result<(), Error> {
    match value {
        None | Some(Value::String(_)) => Ok(()),
        Some(other) => Err(wrong_type(name, other, "a string")),
    }
}

fn date(value: Option<&Value>, name: &'static str) -> Result<Option<NumericDate>, Error> {
    match value {
        None => Ok(None),
        Some(Value::Number(n)) => NumericDate::from_number(n).map(Some).map_err(|why| {
            Error::new(
                ErrorKind::InvalidClaim,
                format!(
                    "claim \"{name}\" ({}) {why}",
                    crate::error::quote(n.as_str())
                ),
            )
            .with_claim(name)
        }),
        Some(other) => Err(wrong_type(name, other, "a number (NumericDate)")),
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

    fn claims(json: &str) -> Result<Claims, Error> {
        let v = crate::json::parse(json.as_bytes()).unwrap();
        Claims::from_object(v.as_object().unwrap().clone())
    }

    #[test]
    fn registered_claims_of_the_wrong_type_are_invalid() {
        for (json, name) in [
            (r#"{"exp":"1700000000"}"#, "exp"),
            (r#"{"exp":null}"#, "exp"),
            (r#"{"exp":true}"#, "exp"),
            (r#"{"exp":[1]}"#, "exp"),
            (r#"{"exp":1e400}"#, "exp"),
            (r#"{"nbf":{}}"#, "nbf"),
            (r#"{"iat":"x"}"#, "iat"),
            (r#"{"iss":1}"#, "iss"),
            (r#"{"iss":["a"]}"#, "iss"),
            (r#"{"sub":null}"#, "sub"),
            (r#"{"jti":2}"#, "jti"),
            (r#"{"aud":1}"#, "aud"),
            (r#"{"aud":[1]}"#, "aud"),
            (r#"{"aud":["a",null]}"#, "aud"),
            (r#"{"aud":{"a":1}}"#, "aud"),
            (r#"{"aud":null}"#, "aud"),
        ] {
            let err = claims(json).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidClaim, "{json}");
            assert_eq!(err.claim(), Some(name), "{json}");
        }
    }

    #[test]
    fn the_first_wrong_claim_in_the_documented_order_is_reported() {
        for (json, name) in [
            (
                r#"{"jti":1,"iat":"x","nbf":"x","exp":"x","aud":1,"sub":1,"iss":1}"#,
                "iss",
            ),
            (
                r#"{"jti":1,"iat":"x","nbf":"x","exp":"x","aud":1,"sub":1}"#,
                "sub",
            ),
            (r#"{"jti":1,"iat":"x","nbf":"x","exp":"x","aud":1}"#, "aud"),
            (
                r#"{"jti":1,"iat":"x","nbf":"x","exp":"x","aud":"a"}"#,
                "exp",
            ),
            (r#"{"jti":1,"iat":"x","nbf":"x","exp":1}"#, "nbf"),
            (r#"{"jti":1,"iat":"x","nbf":1}"#, "iat"),
            (r#"{"jti":1,"iat":1,"x":"y"}"#, "jti"),
        ] {
            assert_eq!(claims(json).unwrap_err().claim(), Some(name), "{json}");
        }
    }

    #[test]
    fn accessors_read_the_registered_claims() {
        let c = claims(
            r#"{"iss":"i","sub":"s","aud":["a","b"],"exp":2,"nbf":1,"iat":1.5,"jti":"j","x":null}"#,
        )
        .unwrap();
        assert_eq!(
            (c.iss(), c.sub(), c.jti()),
            (Some("i"), Some("s"), Some("j"))
        );
        assert_eq!(c.aud().collect::<alloc::vec::Vec<_>>(), ["a", "b"]);
        assert_eq!(c.exp(), Some(NumericDate::from_secs(2)));
        assert!(c.iat().unwrap().is_fractional());
        assert!(c.contains("x"));
        let one = claims(r#"{"aud":"a"}"#).unwrap();
        assert_eq!(one.aud().collect::<alloc::vec::Vec<_>>(), ["a"]);
        assert_eq!(claims("{}").unwrap().aud().count(), 0);
    }
}
