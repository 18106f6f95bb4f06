//! JSON Web Keys (RFC 7517) and JWK Sets (§5), parsed with this crate's
//! strict JSON.
//!
//! Files: this one reads one JWK's common members (`kty`, `kid`, `alg`,
//! `use`, `key_ops`); each key type's members have a file of their own
//! (`oct.rs` today: RFC 7518 §6.4); `set.rs` is the set and the choice of
//! a key by `kid`.
//!
//! Supported today: `kty: "oct"` (RFC 7518 §6.4), an HMAC secret in `k`,
//! which must be canonical base64url. `alg` (§4.4), `use` (§4.2) and
//! `key_ops` (§4.3) are honoured when present: a JWK with `alg: "HS512"`
//! never verifies an HS256 token, and a key whose `use` is not `sig` or whose
//! `key_ops` lack `verify` never verifies anything. An `oct` key without
//! `alg` serves any HMAC algorithm the verifier allows, each with the
//! length rule of RFC 7518 §3.2; its HMAC states are computed once, here.
//!
//! In a set, keys of a type this crate does not support, or with missing or
//! malformed members, are skipped (RFC 7517 §5: "Implementations SHOULD
//! ignore JWKs within a JWK Set that use "kty" (key type) values that are
//! not understood by them, that are missing required members, or for which
//! values are out of the supported ranges"). The token's `kid` picks the key,
//! by exact comparison. A token without `kid` uses the set's key only when
//! the set holds exactly one usable key; with several, guessing would let
//! the token choose its key, so it is [`ErrorKind::UnknownKey`].

mod oct;
mod set;

use crate::alg::Algorithm;
use crate::error::{quote, Error, ErrorKind};
use crate::json::parse_object;
use crate::json::{self, Object, Value};
use crate::keys::{Key, KeyResolver};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
pub use oct::oct_jwk_json;
use oct::{oct_keys, OctKeys};
pub use set::JwkSet;

/// The default maximum number of keys in a JWK Set (more is
/// [`ErrorKind::Malformed`]): far more than any real set, small enough that
/// precomputing every key's state stays cheap.
pub const DEFAULT_MAX_KEYS: usize = 256;

/// How keys from JWKs are made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct KeyPolicy {
    /// Accept HMAC secrets shorter than the hash output (RFC 7518 §3.2
    /// forbids them; legacy tokens need them). Default `false`. An empty
    /// secret is never accepted.
    pub allow_short_hmac_secret: bool,
    /// The most keys a set may hold. Default [`DEFAULT_MAX_KEYS`].
    pub max_keys: usize,
}

impl Default for KeyPolicy {
    fn default() -> Self {
        KeyPolicy {
            allow_short_hmac_secret: false,
            max_keys: DEFAULT_MAX_KEYS,
        }
    }
}

impl KeyPolicy {
    /// The defaults: short HMAC secrets refused, at most
    /// [`DEFAULT_MAX_KEYS`] keys per set.
    pub fn new() -> Self {
        KeyPolicy::default()
    }

    /// The same policy, accepting short (non-empty) HMAC secrets.
    pub fn allowing_short_hmac_secret(mut self) -> Self {
        self.allow_short_hmac_secret = true;
        self
    }
}

#[derive(Debug, Clone)]
enum Material {
    Oct(alloc::boxed::Box<OctKeys>),
    /// A key type this crate does not support yet (`RSA`, `EC`, `OKP`, ...).
    Unsupported,
}

/// One JSON Web Key (RFC 7517 §4).
#[derive(Debug, Clone)]
pub struct Jwk {
    kty: String,
    kid: Option<String>,
    alg: Option<String>,
    usable_for_signatures: bool,
    material: Material,
}

impl Jwk {
    /// Parses one JWK with the default [`KeyPolicy`].
    ///
    /// ```
    /// use barejwt::Jwk;
    /// let jwk = Jwk::parse(br#"{"kty":"oct","alg":"HS256","k":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"}"#).unwrap();
    /// assert_eq!(jwk.kty(), "oct");
    /// ```
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Malformed`] when the text is not a JSON object;
    /// [`ErrorKind::InvalidKey`] when a member has the wrong type or the key
    /// material is malformed (`k` absent, not canonical base64url, empty).
    pub fn parse(json_text: &[u8]) -> Result<Jwk, Error> {
        Jwk::parse_with_policy(json_text, &KeyPolicy::default())
    }

    /// Parses one JWK under `policy`.
    ///
    /// # Errors
    ///
    /// As [`Jwk::parse`].
    pub fn parse_with_policy(json_text: &[u8], policy: &KeyPolicy) -> Result<Jwk, Error> {
        let object = parse_object(json_text, &json::Limits::default(), "the JWK")?;
        Jwk::from_object(&object, policy)
    }

    /// Reads a JWK from a parsed object (one member of a set's `keys`).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`], as [`Jwk::parse`].
    pub fn from_object(object: &Object, policy: &KeyPolicy) -> Result<Jwk, Error> {
        let kty = optional_string(object, "kty")?
            .ok_or_else(|| invalid("JWK has no \"kty\" (RFC 7517 §4.1)"))?;
        let kid = optional_string(object, "kid")?;
        let alg = optional_string(object, "alg")?;
        let use_ = optional_string(object, "use")?;
        let key_ops = match object.get("key_ops") {
            None => None,
            Some(Value::Array(ops)) => {
                let mut names: Vec<&str> = Vec::with_capacity(ops.len());
                for op in ops {
                    let name = op.as_str().ok_or_else(|| {
                        invalid("JWK \"key_ops\" lists a value that is not a string")
                    })?;
                    if names.contains(&name) {
                        // RFC 7517 §4.3: "Duplicate key operation values MUST NOT be present".
                        return Err(invalid("JWK \"key_ops\" lists a value twice"));
                    }
                    names.push(name);
                }
                Some(names)
            }
            Some(other) => {
                return Err(invalid(format!(
                    "JWK \"key_ops\" is a {}, not an array",
                    other.type_name()
                )))
            }
        };
        let usable_for_signatures = use_.as_deref().map_or(true, |u| u == "sig")
            && key_ops.as_ref().map_or(true, |ops| ops.contains(&"verify"));
        let material = match kty.as_str() {
            "oct" => Material::Oct(alloc::boxed::Box::new(oct_keys(
                object,
                alg.as_deref(),
                policy,
            )?)),
            _ => Material::Unsupported,
        };
        Ok(Jwk {
            kty,
            kid,
            alg,
            usable_for_signatures,
            material,
        })
    }

    /// `kty`, the key type (RFC 7517 §4.1).
    pub fn kty(&self) -> &str {
        &self.kty
    }

    /// `kid`, the key ID (RFC 7517 §4.5).
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// `alg`, the one algorithm the key is meant for (RFC 7517 §4.4).
    pub fn alg(&self) -> Option<&str> {
        self.alg.as_deref()
    }

    /// Whether this crate supports the key type (today: `oct`).
    pub fn is_supported(&self) -> bool {
        matches!(self.material, Material::Oct(_))
    }

    /// Whether `use` and `key_ops` allow verifying signatures with it.
    pub fn is_for_signatures(&self) -> bool {
        self.usable_for_signatures
    }

    /// Whether the key can verify `alg`: its type, and its `alg` when it
    /// names one.
    fn fits(&self, alg: Algorithm) -> Result<(), Error> {
        match &self.material {
            Material::Unsupported => Err(Error::new(
                ErrorKind::AlgorithmNotAllowed,
                format!(
                    "the key is of type {}, which is not supported yet; it cannot verify {alg}",
                    quote(&self.kty)
                ),
            )),
            Material::Oct(_) if !alg.is_hmac() => Err(Error::new(
                ErrorKind::AlgorithmNotAllowed,
                format!("the token says {alg}, but the key is an HMAC secret (kty \"oct\")"),
            )),
            Material::Oct(_) => match self.alg.as_deref() {
                Some(bound) if bound != alg.as_str() => Err(Error::new(
                    ErrorKind::AlgorithmNotAllowed,
                    format!(
                        "the token says {alg}, but the JWK is bound to {}",
                        quote(bound)
                    ),
                )),
                _ => Ok(()),
            },
        }
    }

    fn key_for(&self, alg: Algorithm) -> Result<&Key, Error> {
        self.fits(alg)?;
        if !self.usable_for_signatures {
            return Err(Error::new(
                ErrorKind::InvalidKey,
                "the JWK's \"use\" or \"key_ops\" does not allow verifying signatures",
            ));
        }
        let slot = match &self.material {
            Material::Oct(oct) => oct.key_for(alg),
            Material::Unsupported => None,
        };
        match slot {
            Some(Ok(key)) => Ok(key),
            Some(Err(e)) => Err(e.clone()),
            None => Err(Error::new(
                ErrorKind::AlgorithmNotAllowed,
                format!("the key cannot verify {alg}"),
            )),
        }
    }
}

pub(super) fn invalid(reason: impl Into<alloc::borrow::Cow<'static, str>>) -> Error {
    Error::new(ErrorKind::InvalidKey, reason)
}

pub(super) fn optional_string(
    object: &Object,
    name: &'static str,
) -> Result<Option<String>, Error> {
    match object.get(name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(invalid(format!(
            "JWK member \"{name}\" is a {}, not a string",
            other.type_name()
        ))),
    }
}

impl KeyResolver for Jwk {
    fn check_algorithm(&self, alg: Algorithm) -> Result<(), Error> {
        self.fits(alg)
    }

    /// A single JWK ignores the token's `kid`: it is the key.
    fn resolve(&self, alg: Algorithm, _kid: Option<&str>) -> Result<&Key, Error> {
        self.key_for(alg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const K32: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

    fn jwk(extra: &str) -> Result<Jwk, Error> {
        Jwk::parse(format!(r#"{{"kty":"oct","k":"{K32}"{extra}}}"#).as_bytes())
    }

    #[test]
    fn alg_use_and_key_ops_are_honoured() {
        let bound = jwk(r#","alg":"HS512""#).unwrap();
        assert_eq!(
            bound.resolve(Algorithm::Hs256, None).unwrap_err().kind(),
            ErrorKind::AlgorithmNotAllowed
        );
        // 32 bytes are too short for HS512.
        assert_eq!(
            bound.resolve(Algorithm::Hs512, None).unwrap_err().kind(),
            ErrorKind::InvalidKey
        );
        let free = jwk("").unwrap();
        assert!(free.resolve(Algorithm::Hs256, None).is_ok());
        assert_eq!(
            free.resolve(Algorithm::Hs384, None).unwrap_err().kind(),
            ErrorKind::InvalidKey
        );
        let enc = jwk(r#","use":"enc""#).unwrap();
        assert_eq!(
            enc.resolve(Algorithm::Hs256, None).unwrap_err().kind(),
            ErrorKind::InvalidKey
        );
        let sign_only = jwk(r#","key_ops":["sign"]"#).unwrap();
        assert_eq!(
            sign_only
                .resolve(Algorithm::Hs256, None)
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidKey
        );
        assert!(jwk(r#","key_ops":["sign","verify"]"#)
            .unwrap()
            .resolve(Algorithm::Hs256, None)
            .is_ok());
        assert_eq!(
            jwk(r#","key_ops":["verify","verify"]"#).unwrap_err().kind(),
            ErrorKind::InvalidKey
        );
        assert_eq!(
            free.resolve(Algorithm::Rs256, None).unwrap_err().kind(),
            ErrorKind::AlgorithmNotAllowed
        );
    }

    #[test]
    fn malformed_key_material_is_invalid_key() {
        for bad in [
            r#"{"kty":"oct"}"#,
            r#"{"kty":"oct","k":""}"#,
            r#"{"kty":"oct","k":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="}"#,
            r#"{"kty":"oct","k":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh+"}"#,
            r#"{"kty":"oct","k":7}"#,
            r#"{"k":"AAEC"}"#,
            r#"{"kty":"oct","kid":1,"k":"AAEC"}"#,
        ] {
            assert_eq!(
                Jwk::parse(bad.as_bytes()).unwrap_err().kind(),
                ErrorKind::InvalidKey,
                "{bad}"
            );
        }
        for bad in [r#"[]"#, r#"{"kty":"oct","kty":"oct"}"#, "{"] {
            assert_eq!(
                Jwk::parse(bad.as_bytes()).unwrap_err().kind(),
                ErrorKind::Malformed,
                "{bad}"
            );
        }
    }

    #[test]
    fn short_secrets_need_the_policy() {
        let short = r#"{"kty":"oct","k":"AAEC"}"#;
        let strict = Jwk::parse(short.as_bytes()).unwrap();
        assert_eq!(
            strict.resolve(Algorithm::Hs256, None).unwrap_err().kind(),
            ErrorKind::InvalidKey
        );
        let lax = Jwk::parse_with_policy(
            short.as_bytes(),
            &KeyPolicy::new().allowing_short_hmac_secret(),
        )
        .unwrap();
        assert!(lax.resolve(Algorithm::Hs256, None).is_ok());
    }
}
