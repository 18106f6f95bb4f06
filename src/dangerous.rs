//! Reading a token WITHOUT verifying it, and signing one that verifiers
//! refuse.
//!
//! **Nothing here checks a signature, an algorithm, a key or a claim.**
//! Anyone can write a token that reads however they like. Use these
//! functions only to look at a token (debugging, logs) or, at most, to read
//! a header field such as `kid` before calling [`crate::verify()`], which
//! checks everything again from the start. Never make an access decision on
//! what they return.
//!
//! They check only the structure, as the command line's `decode` does:
//! the size limit, three parts, strict base64url in each, and header and
//! claims JSON objects.

use crate::error::Error;
use crate::json::{self, Object, Value};
use crate::token::{self, DEFAULT_MAX_TOKEN_LEN};
use alloc::format;
use alloc::vec::Vec;

/// A token's parts, decoded but NOT verified.
#[derive(Debug, Clone, PartialEq)]
pub struct UnverifiedToken {
    header: Object,
    claims: Object,
    signature: Vec<u8>,
}

impl UnverifiedToken {
    /// The header, unverified.
    pub fn header(&self) -> &Object {
        &self.header
    }

    /// The claims, unverified.
    pub fn claims(&self) -> &Object {
        &self.claims
    }

    /// The decoded signature bytes, unchecked.
    pub fn signature(&self) -> &[u8] {
        &self.signature
    }
}

/// Decodes a token's header and claims WITHOUT verifying anything but its
/// structure (see the module docs).
///
/// ```
/// let token = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";
/// let unverified = barejwt::dangerous::decode_unverified(token).unwrap();
/// assert_eq!(unverified.claims().get("sub").and_then(|v| v.as_str()), Some("alice"));
/// ```
///
/// # Errors
///
/// [`ErrorKind::TooLarge`](crate::ErrorKind::TooLarge) over [`DEFAULT_MAX_TOKEN_LEN`];
/// [`ErrorKind::Malformed`](crate::ErrorKind::Malformed) for anything
/// structurally wrong.
pub fn decode_unverified(token: impl AsRef<[u8]>) -> Result<UnverifiedToken, Error> {
    let parts = token::split(token.as_ref(), DEFAULT_MAX_TOKEN_LEN)?;
    let header = object_part(parts.header, "header")?;
    let claims = object_part(parts.payload, "payload")?;
    let signature = crate::base64url::decode(parts.signature).map_err(|e| {
        Error::malformed(format!(
            "the signature part is not canonical base64url: {e}"
        ))
        .with_offset(e.offset())
    })?;
    Ok(UnverifiedToken {
        header,
        claims,
        signature,
    })
}

/// The `kid` of a token's header, WITHOUT verifying anything (see the
/// module docs): for choosing a key before [`crate::verify()`].
///
/// # Errors
///
/// As [`decode_unverified`].
pub fn kid_unverified(token: impl AsRef<[u8]>) -> Result<Option<alloc::string::String>, Error> {
    let parts = token::split(token.as_ref(), DEFAULT_MAX_TOKEN_LEN)?;
    let header = object_part(parts.header, "header")?;
    Ok(header
        .get("kid")
        .and_then(Value::as_str)
        .map(alloc::string::ToString::to_string))
}

/// Signs `claims` under `header` WITHOUT the checks [`crate::sign_with_header`]
/// makes first: the token may be one that every verifier refuses (`exp` a
/// string, a malformed `crit`, JSON nested too deep). For testing
/// verifiers only. `alg` still comes from the key, and the header fields
/// still may not set it, nor give `typ`, `cty` or `kid` a non-string value.
///
/// ```
/// use barejwt::json::Object;
/// use barejwt::{Algorithm, ErrorKind, HeaderFields, Key, Validation};
///
/// let key = Key::hs256(&[7u8; 32])?;
/// let mut claims = Object::new();
/// claims.insert("exp", "tomorrow");
/// assert!(barejwt::sign(&key, &claims).is_err());
/// let token = barejwt::dangerous::sign_unchecked(&key, &HeaderFields::new(), &claims)?;
/// let err = barejwt::verify(&token, &key, &Validation::new(&[Algorithm::Hs256])).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::InvalidClaim);
/// # Ok::<(), barejwt::Error>(())
/// ```
///
/// # Errors
///
/// [`ErrorKind::Malformed`](crate::ErrorKind::Malformed) for the header
/// fields above; [`ErrorKind::InvalidKey`](crate::ErrorKind::InvalidKey)
/// for a public key.
pub fn sign_unchecked(
    key: &crate::Key,
    header: &crate::HeaderFields,
    claims: &Object,
) -> Result<alloc::string::String, Error> {
    crate::sign::sign_with_header_unchecked(key, header, claims)
}

/// Decodes one part and parses it as a JSON object; `what` is `"header"`
/// or `"payload"`.
fn object_part(encoded: &[u8], what: &'static str) -> Result<Object, Error> {
    let decoded = token::decode_part(encoded, what)?;
    let name = if what == "header" {
        "the header"
    } else {
        "the claims set"
    };
    json::parse_object(&decoded, &json::Limits::default(), name)
}
