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
        let [exp, nbf, iat] = registered_types(&object)?;
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

/// The registered claims' types (in the order `iss`, `sub`, `aud`, `exp`,
/// `nbf`, `iat`, `jti`), and the three dates. Shared by
/// [`Claims::from_object`] and the checks of [`sign`](crate::sign()), so
/// that a signer refuses exactly what a verifier refuses.
pub(crate) fn registered_types(object: &Object) -> Result<[Option<NumericDate>; 3], Error> {
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
    Ok([exp, nbf, iat])
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

fn wrong_type(name: &'static str, value: &Value, expected: &str) -> Error {
    Error::new(
        ErrorKind::InvalidClaim,
        format!(
            "claim \"{name}\" is {}, not {expected}",
            value.type_name_with_article()
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
