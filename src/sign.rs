//! Signing: the reverse path of verification (RFC 7515 §5.1).
//!
//! The header and claims are written by this crate's JSON writer, each is
//! base64url-encoded, and the MAC is computed over `header.payload` with a
//! key bound to its algorithm. `alg` always comes from the key: no header
//! field can set or override it.

use crate::base64url;
use crate::error::{quote, Error};
use crate::json::{self, Object, Value};
use crate::keys::Key;
use alloc::format;
use alloc::string::{String, ToString};

/// The protected header's fields other than `alg`. By default it holds
/// `typ: "JWT"` (RFC 7519 §5.1).
///
/// ```
/// use barejwt::HeaderFields;
/// let header = HeaderFields::new().kid("2026-01").typ("at+jwt");
/// # let _ = header;
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct HeaderFields {
    fields: Object,
}

impl Default for HeaderFields {
    fn default() -> Self {
        HeaderFields::new()
    }
}

impl HeaderFields {
    /// `{"typ":"JWT"}`.
    pub fn new() -> Self {
        let mut fields = Object::new();
        fields.insert("typ", Value::String("JWT".to_string()));
        HeaderFields { fields }
    }

    /// No fields at all (the header will hold only `alg`).
    pub fn empty() -> Self {
        HeaderFields {
            fields: Object::new(),
        }
    }

    /// Sets `typ` (RFC 7515 §4.1.9).
    pub fn typ(self, typ: &str) -> Self {
        self.insert("typ", Value::String(typ.to_string()))
    }

    /// Removes `typ`.
    pub fn without_typ(mut self) -> Self {
        self.fields.remove("typ");
        self
    }

    /// Sets `cty` (RFC 7515 §4.1.10).
    pub fn cty(self, cty: &str) -> Self {
        self.insert("cty", Value::String(cty.to_string()))
    }

    /// Sets `kid` (RFC 7515 §4.1.4).
    pub fn kid(self, kid: &str) -> Self {
        self.insert("kid", Value::String(kid.to_string()))
    }

    /// Sets any field; an existing one of that name is replaced. `alg`
    /// is refused when signing, as are non-string `typ`, `cty` or `kid`.
    pub fn insert(mut self, name: &str, value: Value) -> Self {
        self.fields.insert(name, value);
        self
    }

    /// Adds every member of `object` (replacing fields of the same names).
    pub fn extend(mut self, object: &Object) -> Self {
        for (name, value) in object.iter() {
            self.fields.insert(name, value.clone());
        }
        self
    }

    /// The fields as they stand.
    pub fn as_object(&self) -> &Object {
        &self.fields
    }

    /// Checks the fields as [`sign_with_header`] will: no `alg` (it comes
    /// from the key), and `typ`, `cty`, `kid` strings when present. For
    /// callers that take header fields from a user and want to refuse them
    /// before choosing a key (the command line's `encode --header`).
    ///
    /// ```
    /// use barejwt::HeaderFields;
    /// use barejwt::json::Value;
    /// assert!(HeaderFields::new().kid("k1").check().is_ok());
    /// assert!(HeaderFields::new().insert("alg", Value::String("none".into())).check().is_err());
    /// assert!(HeaderFields::new().insert("kid", Value::Bool(true)).check().is_err());
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Malformed`](crate::ErrorKind::Malformed), naming the
    /// field.
    pub fn check(&self) -> Result<(), Error> {
        if self.fields.contains_key("alg") {
            return Err(Error::malformed(
                "header fields may not set \"alg\": it comes from the key",
            )
            .with_parameter("alg"));
        }
        for name in ["typ", "cty", "kid"] {
            if let Some(v) = self.fields.get(name) {
                if v.as_str().is_none() {
                    return Err(Error::malformed(format!(
                        "header field {} must be a string, not {}",
                        quote(name),
                        v.type_name_with_article()
                    ))
                    .with_parameter(name));
                }
            }
        }
        Ok(())
    }
}

/// Signs `claims` with `key`, under the header `{"alg":...,"typ":"JWT"}`.
///
/// # Errors
///
/// Before any signing work, what [`verify`](crate::verify()) would refuse
/// (`src/sign_checks.rs`): [`ErrorKind::InvalidClaim`](crate::ErrorKind::InvalidClaim)
/// for a registered claim of the wrong type (`exp` a string) or over 256
/// `aud` entries, [`ErrorKind::Malformed`](crate::ErrorKind::Malformed) for
/// JSON nested deeper than 64 levels or an object of over 1,024 members,
/// [`ErrorKind::TooLarge`](crate::ErrorKind::TooLarge) for a token over
/// 65,536 bytes. Then [`ErrorKind::InvalidKey`](crate::ErrorKind::InvalidKey)
/// when the key is a public key.
///
/// ```
/// use barejwt::{sign, Key};
/// use barejwt::json::{Object, Value};
/// let key = Key::hs256(&[0u8; 32]).unwrap();
/// let mut claims = Object::new();
/// claims.insert("sub", Value::String("alice".into()));
/// let token = sign(&key, &claims)?;
/// assert!(token.starts_with("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."));
/// # Ok::<(), barejwt::Error>(())
/// ```
pub fn sign(key: &Key, claims: &Object) -> Result<String, Error> {
    crate::sign_checks::check_signable(key, None, claims)?;
    // `{"alg":"<name>","typ":"JWT"}`, on the stack: 22 bytes around a
    // name of at most 6 (`ES256K`), so 40 bytes always hold it.
    let pieces = [
        &b"{\"alg\":\""[..],
        key.algorithm().as_str().as_bytes(),
        b"\",\"typ\":\"JWT\"}",
    ];
    let mut header = [0u8; 40];
    let mut len = 0;
    for piece in pieces {
        if let Some(to) = header.get_mut(len..len + piece.len()) {
            to.copy_from_slice(piece);
        }
        len += piece.len();
    }
    sign_parts(key, header.get(..len).unwrap_or_default(), claims)
}

/// Signs `claims` with `key` under `header` (plus `alg`, first).
///
/// # Errors
///
/// As [`sign()`], and: [`ErrorKind::Malformed`](crate::ErrorKind::Malformed)
/// when the header fields set `alg`, give `typ`, `cty` or `kid` a value
/// that is not a string, or make a header over 16,384 bytes;
/// [`ErrorKind::UnsupportedCriticalHeader`](crate::ErrorKind::UnsupportedCriticalHeader)
/// for a `crit` a verifier refuses whatever it understands (not an array,
/// empty, not strings, duplicates, registered names, names absent from
/// the header).
pub fn sign_with_header(
    key: &Key,
    header: &HeaderFields,
    claims: &Object,
) -> Result<String, Error> {
    crate::sign_checks::check_signable(key, Some(header), claims)?;
    sign_with_header_unchecked(key, header, claims)
}

/// [`sign_with_header`] without the checks of `src/sign_checks.rs` (only
/// [`HeaderFields::check`]): for [`crate::dangerous::sign_unchecked`].
pub(crate) fn sign_with_header_unchecked(
    key: &Key,
    header: &HeaderFields,
    claims: &Object,
) -> Result<String, Error> {
    header.check()?;
    let mut text = String::with_capacity(64);
    text.push_str("{\"alg\":\"");
    text.push_str(key.algorithm().as_str());
    text.push('"');
    for (name, value) in header.fields.iter() {
        text.push(',');
        json::write_str(name, &mut text);
        text.push(':');
        json::write(value, &mut text);
    }
    text.push('}');
    sign_parts(key, text.as_bytes(), claims)
}

fn sign_parts(key: &Key, header_json: &[u8], claims: &Object) -> Result<String, Error> {
    let mut claims_json = String::with_capacity(256);
    json::write_object(claims, &mut claims_json);
    let len = base64url::encoded_len(header_json.len())
        + base64url::encoded_len(claims_json.len())
        + base64url::encoded_len(64)
        + 2;
    let mut token = String::with_capacity(len);
    base64url::encode_into(header_json, &mut token);
    token.push('.');
    base64url::encode_into(claims_json.as_bytes(), &mut token);
    let signature = key.sign(token.as_bytes())?;
    token.push('.');
    base64url::encode_into(signature.as_bytes(), &mut token);
    Ok(token)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alg::Algorithm;

    #[test]
    fn sign_writes_the_fixed_header_for_each_algorithm() {
        for (alg, name) in [
            (Algorithm::Hs256, "HS256"),
            (Algorithm::Hs384, "HS384"),
            (Algorithm::Hs512, "HS512"),
        ] {
            let key = Key::hmac(alg, &[7u8; 64]).unwrap();
            let token = sign(&key, &Object::new()).unwrap();
            let header = token.split('.').next().unwrap();
            let expected = alloc::format!(r#"{{"alg":"{name}","typ":"JWT"}}"#);
            assert_eq!(
                base64url::decode(header.as_bytes()).unwrap(),
                expected.as_bytes()
            );
        }
    }
}
