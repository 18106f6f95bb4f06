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
use crate::json::{Object, Value};
pub use crate::numeric_date::NumericDate;
use alloc::format;
use alloc::string::String;

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
        let dates = registered_types(&object)?;
        Ok(Claims::from_parts(object, dates))
    }

    /// The claims of an object whose registered claims' types were checked
    /// by [`check_registered`], giving `dates`.
    pub(crate) fn from_parts(object: Object, dates: Dates) -> Claims {
        Claims {
            object,
            exp: dates.exp,
            nbf: dates.nbf,
            iat: dates.iat,
        }
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

/// The registered claims' types (in the order `iss`, `sub`, `aud`, `exp`,
/// `nbf`, `iat`, `jti`), and the three dates. Shared by
/// [`Claims::from_object`] and the checks of [`sign`](crate::sign()), so
/// that a signer refuses exactly what a verifier refuses; the borrowed
/// view runs the same [`check_registered`].
pub(crate) fn registered_types(object: &Object) -> Result<Dates, Error> {
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
    check_registered(registered.map(|v| v.map(ClaimType::of_value)))
}

/// An application's own claims type, read from verified [`Claims`].
///
/// The crate has no serde; this trait is the small bridge instead. A struct
/// declared with [`typed_claims!`](crate::typed_claims) implements it (and
/// writes itself as claims too); a hand-written impl looks like this:
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

/// A registered claim's value, as much of it as the type checks need: the
/// common ground of the owned [`Claims`] and the borrowed
/// [`ClaimsView`](crate::view::ClaimsView), so both check alike.
pub(crate) enum ClaimType<'v> {
    /// A string.
    String,
    /// An array whose elements are all strings.
    StringArray,
    /// A number: its text (for messages) and what it reads as a date.
    /// (The text as bytes: read as `str` only for a message.)
    Number(&'v [u8], Result<NumericDate, &'static str>),
    /// Anything else, as its type name with article (`"an array"`).
    Other(&'static str),
}

impl ClaimType<'_> {
    fn of_value(value: &Value) -> ClaimType<'_> {
        match value {
            Value::String(_) => ClaimType::String,
            Value::Array(items) if items.iter().all(|v| matches!(v, Value::String(_))) => {
                ClaimType::StringArray
            }
            Value::Number(n) => ClaimType::Number(n.text_bytes(), NumericDate::from_number(n)),
            other => ClaimType::Other(other.type_name_with_article()),
        }
    }

    fn type_name_with_article(&self) -> &'static str {
        match self {
            ClaimType::String => "a string",
            ClaimType::StringArray => "an array",
            ClaimType::Number(..) => "a number",
            ClaimType::Other(name) => name,
        }
    }
}

/// The date claims, once typed.
pub(crate) struct Dates {
    pub(crate) exp: Option<NumericDate>,
    pub(crate) nbf: Option<NumericDate>,
    pub(crate) iat: Option<NumericDate>,
}

/// Checks the registered claims' types, given in the order `iss`, `sub`,
/// `aud`, `exp`, `nbf`, `iat`, `jti`, and in that order: the first claim of
/// the wrong type is the one reported.
pub(crate) fn check_registered(found: [Option<ClaimType<'_>>; 7]) -> Result<Dates, Error> {
    let [iss, sub, aud, exp, nbf, iat, jti] = found;
    check_string(iss.as_ref(), "iss")?;
    check_string(sub.as_ref(), "sub")?;
    match &aud {
        None | Some(ClaimType::String | ClaimType::StringArray) => {}
        Some(other) => return Err(wrong_type("aud", other, "a string or an array of strings")),
    }
    let exp = date(exp.as_ref(), "exp")?;
    let nbf = date(nbf.as_ref(), "nbf")?;
    let iat = date(iat.as_ref(), "iat")?;
    check_string(jti.as_ref(), "jti")?;
    Ok(Dates { exp, nbf, iat })
}

fn wrong_type(name: &'static str, value: &ClaimType<'_>, expected: &str) -> Error {
    Error::new(
        ErrorKind::InvalidClaim,
        format!(
            "claim \"{name}\" is {}, not {expected}",
            value.type_name_with_article()
        ),
    )
    .with_claim(name)
}

fn check_string(value: Option<&ClaimType<'_>>, name: &'static str) -> Result<(), Error> {
    match value {
        None | Some(ClaimType::String) => Ok(()),
        Some(other) => Err(wrong_type(name, other, "a string")),
    }
}

fn date(value: Option<&ClaimType<'_>>, name: &'static str) -> Result<Option<NumericDate>, Error> {
    match value {
        None => Ok(None),
        Some(ClaimType::Number(text, date)) => date.map(Some).map_err(|why| {
            Error::new(
                ErrorKind::InvalidClaim,
                format!(
                    "claim \"{name}\" ({}) {why}",
                    // A JSON number's text is ASCII (RFC 8259 §6).
                    crate::error::quote(core::str::from_utf8(text).unwrap_or_default())
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
