//! `oct` JWKs (RFC 7518 §6.4): an HMAC secret in `k`, which must be
//! canonical base64url. One key is made per HMAC algorithm the JWK may
//! serve (only its `alg` when it names one), each once, when the JWK is
//! read.

use super::{invalid, optional_string, KeyPolicy, KeysPerAlg};
use crate::alg::Algorithm;
use crate::base64url;
use crate::error::Error;
use crate::json::{Object, Value};
use crate::keys::{short_secret, Key};
use alloc::format;
use alloc::string::{String, ToString};

/// The HMAC algorithms an `oct` key may serve.
const HMAC_ALGS: [Algorithm; 3] = [Algorithm::Hs256, Algorithm::Hs384, Algorithm::Hs512];

/// RFC 7518 §6.4.1: `k` is the secret, base64url. One key per HMAC
/// algorithm the JWK may serve (only its `alg` when it names one), or why
/// that key cannot be made (too short for that hash).
///
/// # Errors
///
/// [`crate::ErrorKind::InvalidKey`]: `k` absent, not a string, not
/// canonical base64url, or empty.
pub(super) fn oct_keys(
    object: &Object,
    alg: Option<&str>,
    policy: &KeyPolicy,
) -> Result<KeysPerAlg, Error> {
    let k = optional_string(object, "k")?
        .ok_or_else(|| invalid("JWK of type \"oct\" has no \"k\" (RFC 7518 §6.4.1)"))?;
    // The secret: decoded in constant time (no table indexed by its
    // characters).
    let secret = base64url::decode_secret(k.as_bytes())
        .map_err(|e| invalid(format!("JWK \"k\" is not canonical base64url: {e}")))?;
    if secret.is_empty() {
        return Err(short_secret(Algorithm::Hs256, 0, 32));
    }
    Ok(HMAC_ALGS
        .into_iter()
        .filter(|a| alg.map_or(true, |bound| bound == a.as_str()))
        .map(|a| {
            let key = if policy.allow_short_hmac_secret {
                Key::hmac_allowing_short_secret(a, &secret)
            } else {
                Key::hmac(a, &secret)
            };
            (a, key)
        })
        .collect())
}

/// Writes an `oct` JWK for `secret` (used by `keygen`-style tools and
/// tests): `{"kty":"oct","alg":...,"k":...}` plus `kid` when given.
pub fn oct_jwk_json(alg: Algorithm, secret: &[u8], kid: Option<&str>) -> String {
    let mut object = Object::new();
    object.insert("kty", Value::String("oct".to_string()));
    if let Some(kid) = kid {
        object.insert("kid", Value::String(kid.to_string()));
    }
    object.insert("alg", Value::String(alg.as_str().to_string()));
    object.insert("k", Value::String(base64url::encode_secret(secret)));
    Value::Object(object).to_json()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwk::Jwk;
    use crate::keys::KeyResolver;

    #[test]
    fn oct_jwk_json_parses_back() {
        let text = oct_jwk_json(Algorithm::Hs384, &[9u8; 48], Some("k1"));
        let jwk = Jwk::parse(text.as_bytes()).unwrap();
        assert_eq!((jwk.kid(), jwk.alg()), (Some("k1"), Some("HS384")));
        assert!(jwk.resolve(Algorithm::Hs384, None).is_ok());
    }
}
