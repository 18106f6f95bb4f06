//! JSON Web Keys (RFC 7517) and JWK Sets (§5), parsed with this crate's
//! strict JSON.
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

use crate::alg::Algorithm;
use crate::base64url;
use crate::error::{quote, Error, ErrorKind};
use crate::json::{self, Object, Value};
use crate::keys::{short_secret, Key, KeyResolver};
use crate::token::parse_object;
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

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

/// The HMAC algorithms, in the order of [`OctKeys::keys`].
const HMAC_ALGS: [Algorithm; 3] = [Algorithm::Hs256, Algorithm::Hs384, Algorithm::Hs512];

/// The keys made from one `oct` JWK: one per HMAC algorithm it may serve
/// (only its `alg` when it names one), each made once.
#[derive(Debug, Clone)]
struct OctKeys {
    keys: [Option<Result<Key, Error>>; 3],
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
            Material::Oct(oct) => HMAC_ALGS
                .iter()
                .zip(&oct.keys)
                .find(|(a, _)| **a == alg)
                .and_then(|(_, k)| k.as_ref()),
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

fn invalid(reason: impl Into<alloc::borrow::Cow<'static, str>>) -> Error {
    Error::new(ErrorKind::InvalidKey, reason)
}

fn optional_string(object: &Object, name: &'static str) -> Result<Option<String>, Error> {
    match object.get(name) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(invalid(format!(
            "JWK member \"{name}\" is a {}, not a string",
            other.type_name()
        ))),
    }
}

/// RFC 7518 §6.4.1: `k` is the secret, base64url. One key per HMAC
/// algorithm the JWK may serve.
fn oct_keys(object: &Object, alg: Option<&str>, policy: &KeyPolicy) -> Result<OctKeys, Error> {
    let k = optional_string(object, "k")?
        .ok_or_else(|| invalid("JWK of type \"oct\" has no \"k\" (RFC 7518 §6.4.1)"))?;
    let secret = base64url::decode(k.as_bytes())
        .map_err(|e| invalid(format!("JWK \"k\" is not canonical base64url: {e}")))?;
    if secret.is_empty() {
        return Err(short_secret(Algorithm::Hs256, 0, 32));
    }
    let keys = HMAC_ALGS.map(|a| {
        let wanted = alg.map_or(true, |bound| bound == a.as_str());
        wanted.then(|| {
            if policy.allow_short_hmac_secret {
                Key::hmac_allowing_short_secret(a, &secret)
            } else {
                Key::hmac(a, &secret)
            }
        })
    });
    Ok(OctKeys { keys })
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

/// A JWK Set (RFC 7517 §5): the keys of a `{"keys":[...]}` document that
/// this crate can use.
///
/// ```
/// use barejwt::{Algorithm, JwkSet, KeyResolver};
/// let set = JwkSet::parse(br#"{"keys":[
///     {"kty":"oct","kid":"2026-01","alg":"HS256","k":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"},
///     {"kty":"RSA","kid":"rsa-1","n":"...","e":"AQAB"}]}"#).unwrap();
/// assert_eq!(set.len(), 1);        // the RSA key is skipped (not supported yet)
/// assert_eq!(set.skipped(), 1);
/// assert!(set.resolve(Algorithm::Hs256, Some("2026-01")).is_ok());
/// assert!(set.resolve(Algorithm::Hs256, Some("2026-02")).is_err());
/// ```
#[derive(Debug, Clone, Default)]
pub struct JwkSet {
    keys: Vec<Jwk>,
    skipped: usize,
}

impl JwkSet {
    /// Parses a JWK Set with the default [`KeyPolicy`].
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Malformed`] when the text is not a JSON object with a
    /// `keys` array of objects, or holds more keys than the policy allows.
    /// Keys that cannot be used are skipped, never an error.
    pub fn parse(json_text: &[u8]) -> Result<JwkSet, Error> {
        JwkSet::parse_with_policy(json_text, &KeyPolicy::default())
    }

    /// Parses a JWK Set under `policy`.
    ///
    /// # Errors
    ///
    /// As [`JwkSet::parse`].
    pub fn parse_with_policy(json_text: &[u8], policy: &KeyPolicy) -> Result<JwkSet, Error> {
        let object = parse_object(json_text, &json::Limits::default(), "the JWK Set")?;
        let Some(Value::Array(entries)) = object.get("keys") else {
            return Err(Error::malformed(
                "JWK Set has no \"keys\" array (RFC 7517 §5.1)",
            ));
        };
        if entries.len() > policy.max_keys {
            return Err(Error::malformed(format!(
                "JWK Set holds {} keys, over the limit of {}",
                entries.len(),
                policy.max_keys
            )));
        }
        let mut set = JwkSet::default();
        for entry in entries {
            let Value::Object(entry) = entry else {
                return Err(Error::malformed(
                    "JWK Set \"keys\" holds a value that is not an object",
                ));
            };
            match Jwk::from_object(entry, policy) {
                Ok(jwk) if jwk.is_supported() && jwk.is_for_signatures() => set.keys.push(jwk),
                _ => set.skipped += 1,
            }
        }
        Ok(set)
    }

    /// A set of the given keys, keeping only those this crate can use for
    /// signatures.
    pub fn from_keys(keys: impl IntoIterator<Item = Jwk>) -> JwkSet {
        let mut set = JwkSet::default();
        for jwk in keys {
            if jwk.is_supported() && jwk.is_for_signatures() {
                set.keys.push(jwk);
            } else {
                set.skipped += 1;
            }
        }
        set
    }

    /// How many usable keys the set holds.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the set holds no usable key.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// How many entries were skipped (unsupported type, malformed, not for
    /// signatures).
    pub fn skipped(&self) -> usize {
        self.skipped
    }

    /// The usable keys, in document order.
    pub fn keys(&self) -> &[Jwk] {
        &self.keys
    }
}

impl KeyResolver for JwkSet {
    /// Which key is meant is known only from `kid`, at key selection; here
    /// only the algorithm's family is checked.
    fn check_algorithm(&self, alg: Algorithm) -> Result<(), Error> {
        if alg.is_supported() {
            Ok(())
        } else {
            Err(Error::new(
                ErrorKind::AlgorithmNotAllowed,
                format!("{alg} is not supported yet"),
            ))
        }
    }

    fn resolve(&self, alg: Algorithm, kid: Option<&str>) -> Result<&Key, Error> {
        let Some(kid) = kid else {
            return match self.keys.as_slice() {
                [only] => only.key_for(alg),
                [] => Err(Error::new(ErrorKind::UnknownKey, "the key set holds no usable key")),
                _ => Err(Error::new(
                    ErrorKind::UnknownKey,
                    format!(
                        "the token has no \"kid\" and the key set holds {} keys; which one is meant is unknown",
                        self.keys.len()
                    ),
                )),
            };
        };
        let mut matches = self.keys.iter().filter(|k| k.kid() == Some(kid));
        let (Some(first), second) = (matches.next(), matches.next()) else {
            return Err(Error::new(
                ErrorKind::UnknownKey,
                format!("no key in the set has kid {}", quote(kid)),
            ));
        };
        let Some(second) = second else {
            return first.key_for(alg);
        };
        // Several keys share this kid (RFC 7517 §4.5 allows it across key
        // types): take the one that fits the algorithm, if exactly one does.
        let mut fitting = [first, second]
            .into_iter()
            .chain(matches)
            .filter(|k| k.fits(alg).is_ok());
        match (fitting.next(), fitting.next()) {
            (Some(only), None) => only.key_for(alg),
            (None, _) => first.key_for(alg),
            (Some(_), Some(_)) => Err(Error::new(
                ErrorKind::UnknownKey,
                format!(
                    "several keys in the set have kid {} and fit {alg}",
                    quote(kid)
                ),
            )),
        }
    }
}

impl From<Vec<Jwk>> for JwkSet {
    fn from(keys: Vec<Jwk>) -> JwkSet {
        JwkSet::from_keys(keys)
    }
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
    object.insert("k", Value::String(base64url::encode(secret)));
    Value::Object(object).to_json()
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

    #[test]
    fn set_selection_by_kid() {
        let set = JwkSet::parse(
            format!(
                r#"{{"keys":[{{"kty":"oct","kid":"a","k":"{K32}"}},{{"kty":"oct","kid":"b","alg":"HS256","k":"{K32}"}},{{"kty":"EC","kid":"c"}},{{"kty":"oct","kid":"d","k":"!!"}}]}}"#
            )
            .as_bytes(),
        )
        .unwrap();
        assert_eq!((set.len(), set.skipped()), (2, 2));
        assert!(set.resolve(Algorithm::Hs256, Some("a")).is_ok());
        assert!(set.resolve(Algorithm::Hs256, Some("b")).is_ok());
        for kid in ["c", "d", "A", "", "../../dev/null"] {
            assert_eq!(
                set.resolve(Algorithm::Hs256, Some(kid)).unwrap_err().kind(),
                ErrorKind::UnknownKey
            );
        }
        assert_eq!(
            set.resolve(Algorithm::Hs256, None).unwrap_err().kind(),
            ErrorKind::UnknownKey
        );
    }

    #[test]
    fn a_token_without_kid_uses_a_lone_key() {
        let set = JwkSet::parse(
            format!(r#"{{"keys":[{{"kty":"oct","k":"{K32}"}},{{"kty":"RSA"}}]}}"#).as_bytes(),
        )
        .unwrap();
        assert!(set.resolve(Algorithm::Hs256, None).is_ok());
        let empty = JwkSet::parse(br#"{"keys":[]}"#).unwrap();
        assert_eq!(
            empty.resolve(Algorithm::Hs256, None).unwrap_err().kind(),
            ErrorKind::UnknownKey
        );
    }

    #[test]
    fn set_documents_must_have_a_keys_array_within_the_limit() {
        for bad in [r#"{}"#, r#"{"keys":{}}"#, r#"[]"#, r#"{"keys":[1]}"#] {
            assert_eq!(
                JwkSet::parse(bad.as_bytes()).unwrap_err().kind(),
                ErrorKind::Malformed,
                "{bad}"
            );
        }
        let many = format!(
            r#"{{"keys":[{}]}}"#,
            alloc::vec!["{}"; DEFAULT_MAX_KEYS + 1].join(",")
        );
        assert_eq!(
            JwkSet::parse(many.as_bytes()).unwrap_err().kind(),
            ErrorKind::Malformed
        );
    }

    #[test]
    fn oct_jwk_json_parses_back() {
        let text = oct_jwk_json(Algorithm::Hs384, &[9u8; 48], Some("k1"));
        let jwk = Jwk::parse(text.as_bytes()).unwrap();
        assert_eq!((jwk.kid(), jwk.alg()), (Some("k1"), Some("HS384")));
        assert!(jwk.resolve(Algorithm::Hs384, None).is_ok());
    }
}
