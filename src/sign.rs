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
use crate::sign_checks;
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
        self.insert("typ", typ)
    }

    /// Removes `typ`.
    pub fn without_typ(mut self) -> Self {
        self.fields.remove("typ");
        self
    }

    /// Sets `cty` (RFC 7515 §4.1.10).
    pub fn cty(self, cty: &str) -> Self {
        self.insert("cty", cty)
    }

    /// Sets `kid` (RFC 7515 §4.1.4).
    pub fn kid(self, kid: &str) -> Self {
        self.insert("kid", kid)
    }

    /// Sets any field; an existing one of that name is replaced. `alg`
    /// is refused when signing, as are non-string `typ`, `cty` or `kid`.
    pub fn insert(mut self, name: &str, value: impl Into<Value>) -> Self {
        self.fields.insert(name, value.into());
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
    sign_checks::check_signable(key, None, claims)?;
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
    sign_parts(
        key,
        header.get(..len).unwrap_or_default(),
        claims,
        Checks::Verifiable,
    )
}

/// Whether [`sign_parts`] refuses a token verify would refuse for its
/// claims' shape and its size (`sign_checks.rs`), or signs it as given.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Checks {
    Verifiable,
    None,
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
    sign_checks::check_signable(key, Some(header), claims)?;
    sign_with_header_checked(key, header, claims, Checks::Verifiable)
}

/// [`sign_with_header`] without the checks of `src/sign_checks.rs` (only
/// [`HeaderFields::check`]): for [`crate::dangerous::sign_unchecked`].
pub(crate) fn sign_with_header_unchecked(
    key: &Key,
    header: &HeaderFields,
    claims: &Object,
) -> Result<String, Error> {
    sign_with_header_checked(key, header, claims, Checks::None)
}

fn sign_with_header_checked(
    key: &Key,
    header: &HeaderFields,
    claims: &Object,
    checks: Checks,
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
    sign_parts(key, text.as_bytes(), claims, checks)
}

/// Writes the token into one buffer: the encoded header and `.`, then the
/// claims JSON, which is moved to the end of the room its encoding needs
/// and encoded forward over itself, then `.` and the encoded signature.
/// With [`Checks::Verifiable`], the claims' shape is judged as they are
/// written and the token's size before the key signs.
fn sign_parts(
    key: &Key,
    header_json: &[u8],
    claims: &Object,
    checks: Checks,
) -> Result<String, Error> {
    let signature_len = base64url::encoded_len(64);
    let mut token =
        String::with_capacity(base64url::encoded_len(header_json.len()) + 2 + signature_len + 384);
    base64url::encode_into(header_json, &mut token);
    token.push('.');
    let at = token.len();
    if checks == Checks::Verifiable {
        json::write_object_within(claims, &mut token, sign_checks::CLAIMS_SHAPE)
            .map_err(sign_checks::claims_shape_error)?;
    } else {
        json::write_object(claims, &mut token);
    }
    let mut bytes = token.into_bytes();
    let json_len = bytes.len() - at;
    let encoded = base64url::encoded_len(json_len);
    if checks == Checks::Verifiable {
        let signature_text = base64url::encoded_len(key.signature_len());
        sign_checks::check_token_len(at + encoded + 1 + signature_text)?;
    }
    bytes.reserve(encoded - json_len + 1 + signature_len);
    bytes.resize(at + encoded, 0);
    let from = at + encoded - json_len;
    bytes.copy_within(at..at + json_len, from);
    // Forward, through a stack chunk: the encoding of chunk i ends at
    // `at + 1024 (i + 1)`, never past the start of chunk i + 1 (which is at
    // `from + 768 (i + 1)`, and `from - at` is a third of the JSON), so
    // every chunk is read before it is written over.
    let mut chunk = [0u8; 768];
    let mut done = 0;
    while done < json_len {
        let n = (json_len - done).min(chunk.len());
        let (Some(src), Some(piece)) =
            (bytes.get(from + done..from + done + n), chunk.get_mut(..n))
        else {
            break;
        };
        piece.copy_from_slice(src);
        let out = at + done / 3 * 4;
        if let (Some(dst), Some(piece)) = (bytes.get_mut(out..), chunk.get(..n)) {
            base64url::encode_to_slice(piece, dst).map_err(|e| Error::malformed(e.to_string()))?;
        }
        done += n;
    }
    let signature = key.sign(&bytes)?;
    let signature = signature.as_bytes();
    bytes.push(b'.');
    let sig_at = bytes.len();
    bytes.resize(sig_at + base64url::encoded_len(signature.len()), 0);
    if let Some(dst) = bytes.get_mut(sig_at..) {
        base64url::encode_to_slice(signature, dst).map_err(|e| Error::malformed(e.to_string()))?;
    }
    // Every byte written is ASCII (the base64url alphabet and `.`).
    String::from_utf8(bytes).map_err(|e| Error::malformed(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alg::Algorithm;

    /// The one-buffer writer gives the token built part by part, for
    /// claims around every chunk boundary of its in-place encoding.
    #[test]
    fn the_token_is_the_parts_encoded_one_by_one() {
        let key = Key::hs256(&[9u8; 32]).unwrap();
        let header = br#"{"alg":"HS256","typ":"JWT"}"#;
        for len in (0..40)
            .chain(740..800)
            .chain(1500..1560)
            .chain([3000, 5000])
        {
            let mut claims = Object::new();
            claims.insert("d", Value::String("x".repeat(len)));
            let mut json = String::new();
            json::write_object(&claims, &mut json);
            let input = alloc::format!(
                "{}.{}",
                base64url::encode(header),
                base64url::encode(json.as_bytes())
            );
            let tag = crate::hmac::HmacSha256::new(&[9u8; 32]).mac(input.as_bytes());
            let expected = alloc::format!("{input}.{}", base64url::encode(&tag));
            assert_eq!(sign(&key, &claims).unwrap(), expected, "{len}");
        }
    }

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
