//! The JOSE header of a JWS (RFC 7515 §4.1) and its `crit` rule
//! (§4.1.11).
//!
//! Parsing checks only what every token must satisfy: the decoded header
//! is a JSON object (RFC 7515 §5.2 step 3), `alg` is present and a string
//! (§4.1.1), and `typ`, `cty` and `kid` are strings when present (§4.1.9,
//! §4.1.10, §4.1.4). Whether `alg` is allowed, and whether `crit` is
//! acceptable, are later steps of verification, run in the order the
//! command line contract fixes.
//!
//! `jwk`, `jku`, `x5u`, `x5c`, `x5t` and `x5t#S256` are kept like any other
//! member and never read by this crate: a key is never taken from the token
//! it is meant to check (RFC 8725 §3.10; CVE-2018-0114).

use crate::error::{quote, Error, ErrorKind};
use crate::json::{self, Object, Value};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// Header parameter names registered for JWS by RFC 7515 §4.1 and RFC 7518:
/// `crit` may not list them (RFC 7515 §4.1.11: "Producers MUST NOT include
/// Header Parameter names defined by this specification or \[JWA\] for use
/// with JWS").
pub const REGISTERED_HEADER_NAMES: [&str; 11] = [
    "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit",
];

/// A parsed JOSE header. Every member stays reachable through
/// [`Header::members`]; the registered ones this crate uses have accessors.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    members: Object,
}

impl Header {
    /// Parses the decoded header octets (RFC 7515 §5.2 steps 2–3).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Malformed`] when the octets are not a JSON object under
    /// `limits`, when `alg` is absent or not a string, or when `typ`, `cty`
    /// or `kid` is present and not a string.
    pub fn parse(decoded: &[u8], limits: &json::Limits) -> Result<Header, Error> {
        Header::from_object(crate::json::parse_object(decoded, limits, "the header")?)
    }

    /// Checks the registered members' types and wraps the object.
    ///
    /// # Errors
    ///
    /// As [`Header::parse`], for an object already parsed.
    pub fn from_object(members: Object) -> Result<Header, Error> {
        // One pass finds the four (names are unique in an Object); the
        // checks then run in a fixed order: alg, typ, cty, kid.
        let mut found: [Option<&Value>; 4] = [None; 4];
        for (name, value) in members.members() {
            let slot = match name.as_bytes() {
                b"alg" => 0,
                b"typ" => 1,
                b"cty" => 2,
                b"kid" => 3,
                _ => continue,
            };
            if let Some(entry) = found.get_mut(slot) {
                *entry = Some(value);
            }
        }
        check_member_types(found.map(|v| {
            v.map(|v| match v {
                Value::String(_) => None,
                other => Some(other.type_name_with_article()),
            })
        }))?;
        Ok(Header { members })
    }

    /// `alg` exactly as received (RFC 7515 §4.1.1).
    pub fn alg(&self) -> &str {
        self.str_member("alg").unwrap_or_default()
    }

    /// `typ`, the media type of the whole JWS (RFC 7515 §4.1.9).
    pub fn typ(&self) -> Option<&str> {
        self.str_member("typ")
    }

    /// `cty`, the media type of the payload (RFC 7515 §4.1.10).
    pub fn cty(&self) -> Option<&str> {
        self.str_member("cty")
    }

    /// `kid`, the key ID (RFC 7515 §4.1.4): an opaque, case-sensitive
    /// string, used only as an exact lookup key in a key set.
    pub fn kid(&self) -> Option<&str> {
        self.str_member("kid")
    }

    /// Every member, in the order received.
    pub fn members(&self) -> &Object {
        &self.members
    }

    /// The member `name`, if present.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.members.get(name)
    }

    /// The header as an object, giving up the wrapper.
    pub fn into_object(self) -> Object {
        self.members
    }

    fn str_member(&self, name: &str) -> Option<&str> {
        self.members.get(name).and_then(Value::as_str)
    }

    /// RFC 7515 §4.1.11: when `crit` is present it must be a non-empty array
    /// of distinct strings, each naming a parameter that is present in this
    /// header, is not registered, and is in `understood`. Every failure is
    /// [`ErrorKind::UnsupportedCriticalHeader`].
    pub(crate) fn check_crit(&self, understood: &[String]) -> Result<(), Error> {
        check_crit_members(&self.members, Some(understood))
    }
}

/// The `crit` rule of [`Header::check_crit`] on a header's members. With
/// `understood` `None`, every name is taken as understood: what a signer
/// checks, since which extensions a verifier understands is the verifier's
/// choice; everything else about `crit` is refused as a verifier refuses it.
pub(crate) fn check_crit_members(
    members: &Object,
    understood: Option<&[String]>,
) -> Result<(), Error> {
    let Some(crit) = members.get("crit") else {
        return Ok(());
    };
    let fail = |reason: String| {
        Err(Error::new(ErrorKind::UnsupportedCriticalHeader, reason).with_parameter("crit"))
    };
    let Some(names) = crit.as_array() else {
        return fail(format!(
            "\"crit\" is {}, not an array",
            crit.type_name_with_article()
        ));
    };
    if names.is_empty() {
        return fail("\"crit\" is an empty array (RFC 7515 §4.1.11 forbids it)".into());
    }
    let mut seen: Vec<&str> = Vec::with_capacity(names.len());
    for value in names {
        let Some(name) = value.as_str() else {
            return fail(format!(
                "\"crit\" lists a {}, not a string",
                value.type_name()
            ));
        };
        if seen.contains(&name) {
            return fail(format!("\"crit\" lists {} twice", quote(name)));
        }
        seen.push(name);
        if REGISTERED_HEADER_NAMES.contains(&name) {
            return fail(format!(
                "\"crit\" lists the registered parameter {}",
                quote(name)
            ));
        }
        if !members.contains_key(name) {
            return fail(format!(
                "\"crit\" lists {}, which is not in the header",
                quote(name)
            ));
        }
        if understood.is_some_and(|understood| !understood.iter().any(|u| u == name)) {
            return fail(format!(
                "\"crit\" lists {}, an extension this verifier does not understand",
                quote(name)
            ));
        }
    }
    Ok(())
}

/// The type checks of [`Header::from_object`], shared with the borrowed
/// [`HeaderView`](crate::view::HeaderView): `alg`, `typ`, `cty`, `kid` in
/// that order, each absent (`None`), a string (`Some(None)`) or of another
/// type (`Some(Some(type name with article))`).
pub(crate) fn check_member_types(found: [Option<Option<&'static str>>; 4]) -> Result<(), Error> {
    let [alg, typ, cty, kid] = found;
    match alg {
        Some(None) => {}
        Some(Some(other)) => {
            return Err(Error::malformed(format!(
                "header parameter \"alg\" is {other}, not a string"
            ))
            .with_parameter("alg"))
        }
        None => return Err(Error::malformed("header has no \"alg\"").with_parameter("alg")),
    }
    for (name, value) in [("typ", typ), ("cty", cty), ("kid", kid)] {
        if let Some(Some(other)) = value {
            return Err(Error::malformed(format!(
                "header parameter \"{name}\" is {other}, not a string"
            ))
            .with_parameter(name));
        }
    }
    Ok(())
}

/// Compares two `typ` values as media types (RFC 7515 §4.1.9): ASCII
/// case-insensitive, and a value without `/` stands for
/// `application/<value>`. So `JWT`, `jwt` and `application/jwt` are equal;
/// `at+jwt` is not `jwt`.
pub fn typ_matches(expected: &str, found: &str) -> bool {
    fn parts(t: &str) -> (&str, &str) {
        match t.split_once('/') {
            Some((kind, sub)) => (kind, sub),
            None => ("application", t),
        }
    }
    let (ek, es) = parts(expected);
    let (fk, fs) = parts(found);
    ek.eq_ignore_ascii_case(fk) && es.eq_ignore_ascii_case(fs)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    fn header(json: &str) -> Result<Header, Error> {
        Header::parse(json.as_bytes(), &json::Limits::default())
    }

    #[test]
    fn alg_must_be_a_present_string() {
        assert_eq!(header(r#"{"alg":"HS256"}"#).unwrap().alg(), "HS256");
        for bad in [
            r#"{}"#,
            r#"{"alg":1}"#,
            r#"{"alg":null}"#,
            r#"[]"#,
            r#""HS256""#,
            r#"{"alg":"HS256""#,
        ] {
            assert_eq!(
                header(bad).unwrap_err().kind(),
                ErrorKind::Malformed,
                "{bad}"
            );
        }
    }

    #[test]
    fn typ_cty_kid_must_be_strings_when_present() {
        for name in ["typ", "cty", "kid"] {
            let bad = format!(r#"{{"alg":"HS256","{name}":7}}"#);
            let err = header(&bad).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Malformed);
            assert_eq!(err.parameter(), Some(name));
        }
        let h = header(r#"{"alg":"HS256","typ":"JWT","cty":"x","kid":"k1"}"#).unwrap();
        assert_eq!(
            (h.typ(), h.cty(), h.kid()),
            (Some("JWT"), Some("x"), Some("k1"))
        );
    }

    #[test]
    fn duplicate_alg_is_malformed() {
        let err = header(r#"{"alg":"none","alg":"HS256"}"#).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Malformed);
    }

    #[test]
    fn crit_rules_of_rfc7515_4_1_11() {
        let understood = ["ext".to_string()];
        let ok = header(r#"{"alg":"HS256","crit":["ext"],"ext":1}"#).unwrap();
        assert!(ok.check_crit(&understood).is_ok());
        assert!(ok.check_crit(&[]).is_err(), "nothing understood by default");
        for bad in [
            r#"{"alg":"HS256","crit":[]}"#,
            r#"{"alg":"HS256","crit":"ext","ext":1}"#,
            r#"{"alg":"HS256","crit":[1]}"#,
            r#"{"alg":"HS256","crit":["ext","ext"],"ext":1}"#,
            r#"{"alg":"HS256","crit":["ext"]}"#,
            r#"{"alg":"HS256","crit":["alg"]}"#,
            r#"{"alg":"HS256","crit":["exp"],"exp":1}"#,
            r#"{"alg":"HS256","crit":null}"#,
        ] {
            let err = header(bad).unwrap().check_crit(&understood).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::UnsupportedCriticalHeader, "{bad}");
        }
    }

    #[test]
    fn typ_compares_as_a_media_type() {
        assert!(typ_matches("JWT", "jwt"));
        assert!(typ_matches("JWT", "application/jwt"));
        assert!(typ_matches("application/JWT", "JwT"));
        assert!(typ_matches("at+jwt", "application/AT+JWT"));
        assert!(!typ_matches("jwt", "at+jwt"));
        assert!(!typ_matches("jwt", "text/jwt"));
        assert!(!typ_matches("jwt", ""));
    }
}
