//! JSON Web Keys (RFC 7517) and JWK Sets (§5), parsed with this crate's
//! strict JSON.
//!
//! Files: this one reads one JWK's common members (`kty`, `kid`, `alg`,
//! `use`, `key_ops`) and judges whether it fits an algorithm; each key
//! type's members have a file of their own (`oct.rs` today: RFC 7518
//! §6.4); `set.rs` is the set and the choice of a key by `kid`;
//! `write.rs` makes the public JWK of a signing key and writes a set to
//! publish (public members only).
//!
//! Supported today: `kty: "oct"`, an HMAC secret in `k`, which must be
//! canonical base64url. A JWK is bound by its members, as the command line
//! contract fixes (`docs/cli.md`, "Public-key algorithms"):
//!
//! - its `alg` (RFC 7517 §4.4), when present, is the only algorithm it fits;
//!   without `alg` an `oct` key serves any HMAC algorithm the verifier
//!   allows, each with the length rule of RFC 7518 §3.2;
//! - its `use` (§4.2), when present, must be `sig`;
//! - its `key_ops` (§4.3), when present, must list the operation: `verify`
//!   or `sign` to verify (a private key's public half is used), `sign` to
//!   sign.
//!
//! A key of another type, a JWK bound to another `alg`, or a `use` or
//! `key_ops` that forbids the operation is
//! [`ErrorKind::AlgorithmNotAllowed`], judged at the `alg` step. A JWK
//! whose members are missing, of the wrong JSON type or not canonical
//! base64url is [`ErrorKind::InvalidKey`] when it is used; in a set, only
//! when that key is picked. A JWK that is not an object with a string
//! `kty` is [`ErrorKind::Malformed`].
//!
//! Every key a JWK can make is made once, when it is read: the HMAC states
//! of an `oct` key for each algorithm it may serve.

mod ec;
mod oct;
mod okp;
mod rsa;
mod set;
mod write;

use crate::alg::Algorithm;
use crate::error::{quote, Error, ErrorKind};
use crate::json::parse_object;
use crate::json::{self, Object, Value};
use crate::keys::{AsymmetricKey, Key, KeyResolver, ResolvedKey};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
pub use oct::oct_jwk_json;
pub use set::{JwkSet, SkippedKey};

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

/// What a JWK is used for, as `key_ops` names it (RFC 7517 §4.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    /// Verifying a signature or MAC. A key whose `key_ops` lists `verify`
    /// or `sign` may do it: a private key's public half is used.
    Verify,
    /// Computing a signature or MAC: `key_ops` must list `sign`.
    Sign,
}

/// One key per algorithm a JWK may serve, or why that one could not be
/// made (a secret too short for HS512).
type KeysPerAlg = Vec<(Algorithm, Result<Key, Error>)>;

/// The keys one JWK makes, each made once, and for a public-key type the
/// key before it was bound to each algorithm.
#[derive(Debug, Clone)]
struct AlgKeys {
    bound: KeysPerAlg,
    asymmetric: Option<AsymmetricKey>,
}

impl AlgKeys {
    fn get(&self, alg: Algorithm) -> Option<&Result<Key, Error>> {
        self.bound.iter().find(|(a, _)| *a == alg).map(|(_, k)| k)
    }
}

/// The key types this crate reads, and which algorithms each fits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyType {
    /// `oct` (RFC 7518 §6.4): HS256, HS384, HS512.
    Oct,
    /// `OKP` with `crv` `Ed25519` (RFC 8037 §2): EdDSA, Ed25519.
    Ed25519,
    /// `EC` (RFC 7518 §6.2) on its curve's one algorithm; `None` when `crv`
    /// could not be read (the key is then unusable, and fits every ES*).
    Ec(Option<crate::crypto::ec::Curve>),
    /// `RSA` (RFC 7518 §6.3): RS256 ... PS512.
    Rsa,
}

impl KeyType {
    fn fits(self, alg: Algorithm) -> bool {
        match self {
            KeyType::Oct => alg.is_hmac(),
            KeyType::Ed25519 => alg.is_eddsa(),
            KeyType::Ec(Some(curve)) => crate::keys::ec_curve(alg) == Some(curve),
            KeyType::Ec(None) => crate::keys::ec_curve(alg).is_some(),
            KeyType::Rsa => alg.is_rsa(),
        }
    }

    fn describe(self) -> String {
        match self {
            KeyType::Oct => String::from("an HMAC secret (kty \"oct\")"),
            KeyType::Ed25519 => String::from("an Ed25519 key (kty \"OKP\")"),
            KeyType::Ec(Some(curve)) => format!(
                "an EC key on {} ({})",
                curve.name(),
                crate::keys::ec_algorithm(curve)
            ),
            KeyType::Ec(None) => String::from("an EC key"),
            KeyType::Rsa => String::from("an RSA key (RS256 ... PS512)"),
        }
    }
}

/// Whether this crate can use a JWK's key type at all.
#[derive(Debug, Clone)]
enum Support {
    /// A supported type: its keys, or why its members are unusable
    /// ([`ErrorKind::InvalidKey`] when it is used).
    Supported(KeyType, Result<AlgKeys, Error>),
    /// A supported key type on a curve this crate does not support (`OKP`
    /// with Ed448, X25519, X448): skipped in a set, [`ErrorKind::InvalidKey`]
    /// for every algorithm when used alone.
    UnsupportedCurve(String),
    /// A key type this crate does not know or does not build (skipped in a
    /// set, RFC 7517 §5).
    UnsupportedType,
}

/// One JSON Web Key (RFC 7517 §4).
#[derive(Debug, Clone)]
pub struct Jwk {
    kty: String,
    kid: Option<String>,
    alg: Option<String>,
    use_: Option<String>,
    key_ops: Option<Vec<String>>,
    support: Support,
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
    /// [`ErrorKind::Malformed`] when the text is not a JSON object with a
    /// string `kty`; [`ErrorKind::InvalidKey`] when a member has the wrong
    /// type or the key material is malformed (`k` absent, not canonical
    /// base64url, empty).
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

    /// Reads a JWK from a parsed object.
    ///
    /// # Errors
    ///
    /// As [`Jwk::parse`].
    pub fn from_object(object: &Object, policy: &KeyPolicy) -> Result<Jwk, Error> {
        let jwk = Jwk::read(object, policy)?;
        if let Support::Supported(_, Err(e)) = &jwk.support {
            return Err(e.clone());
        }
        Ok(jwk)
    }

    /// Parses one JWK as the verifier uses it: a key whose members are
    /// unusable is kept, with its type and its own `alg`, `use` and
    /// `key_ops`, so that the `alg` step judges it first (an HS256 token and
    /// an RSA JWK is `algorithm_not_allowed` whatever the modulus), and its
    /// [`ErrorKind::InvalidKey`] comes at key selection, as the command line
    /// contract orders the checks.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Malformed`] when the text is not a JSON object with a
    /// string `kty`.
    pub fn parse_deferring_key_errors(json_text: &[u8], policy: &KeyPolicy) -> Result<Jwk, Error> {
        let object = parse_object(json_text, &json::Limits::default(), "the JWK")?;
        Jwk::read(&object, policy)
    }

    /// Reads a JWK, keeping an unusable one with the reason it will be
    /// refused for when it is used (a member of a set counts, and is
    /// [`ErrorKind::InvalidKey`] only when picked).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Malformed`] when `kty` is absent or not a string.
    fn read(object: &Object, policy: &KeyPolicy) -> Result<Jwk, Error> {
        let kty = match object.get("kty") {
            Some(Value::String(kty)) => kty.clone(),
            Some(other) => {
                return Err(Error::malformed(format!(
                    "JWK member \"kty\" is of JSON type {}, not a string (RFC 7517 §4.1)",
                    other.type_name()
                )))
            }
            None => return Err(Error::malformed("JWK has no \"kty\" (RFC 7517 §4.1)")),
        };
        // The common members: a wrong type makes the key unusable, but the
        // well-typed ones still take part in choosing it.
        let mut problem = None;
        let mut string = |name: &'static str| match optional_string(object, name) {
            Ok(value) => value,
            Err(e) => {
                problem.get_or_insert(e);
                None
            }
        };
        let (kid, alg, use_) = (string("kid"), string("alg"), string("use"));
        let key_ops = match key_ops(object) {
            Ok(ops) => ops,
            Err(e) => {
                problem.get_or_insert(e);
                None
            }
        };
        let support = match (kty.as_str(), problem) {
            ("oct", Some(e)) => Support::Supported(KeyType::Oct, Err(e)),
            ("oct", None) => Support::Supported(
                KeyType::Oct,
                oct::oct_keys(object, alg.as_deref(), policy).map(|bound| AlgKeys {
                    bound,
                    asymmetric: None,
                }),
            ),
            ("OKP", problem) => match okp::okp_key(object, alg.as_deref()) {
                Ok(okp::Curve::Unsupported(crv)) => Support::UnsupportedCurve(crv),
                Ok(okp::Curve::Ed25519(keys)) => Support::Supported(
                    KeyType::Ed25519,
                    match problem {
                        Some(e) => Err(e),
                        None => keys.map(|(key, bound)| AlgKeys {
                            bound,
                            asymmetric: Some(key),
                        }),
                    },
                ),
                Err(e) => Support::Supported(KeyType::Ed25519, Err(problem.unwrap_or(e))),
            },
            ("RSA", problem) => Support::Supported(
                KeyType::Rsa,
                match problem {
                    Some(e) => Err(e),
                    None => rsa::rsa_key(object, alg.as_deref()).map(|(key, bound)| AlgKeys {
                        bound,
                        asymmetric: Some(key),
                    }),
                },
            ),
            ("EC", problem) => match ec::ec_key(object, alg.as_deref()) {
                ec::Read::Unsupported(crv) => Support::UnsupportedCurve(crv),
                ec::Read::NoCurve(e) => {
                    Support::Supported(KeyType::Ec(None), Err(problem.unwrap_or(e)))
                }
                ec::Read::Supported(curve, keys) => Support::Supported(
                    KeyType::Ec(Some(curve)),
                    match problem {
                        Some(e) => Err(e),
                        None => keys.map(|(key, bound)| AlgKeys {
                            bound,
                            asymmetric: Some(key),
                        }),
                    },
                ),
            },
            _ => Support::UnsupportedType,
        };
        Ok(Jwk {
            kty,
            kid,
            alg,
            use_,
            key_ops,
            support,
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

    /// Whether this crate supports the key type and curve (today: `oct`,
    /// and `OKP` with `Ed25519`).
    pub fn is_supported(&self) -> bool {
        matches!(self.support, Support::Supported(..))
    }

    /// `use`, the intended use (RFC 7517 §4.2), when a string.
    pub fn use_(&self) -> Option<&str> {
        self.use_.as_deref()
    }

    /// The public-key half of this JWK, before it is bound to an algorithm
    /// (`pubkey`, JWK Set export): `None` for an `oct` secret or a type or
    /// curve this crate does not support.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`] when the key's members are unusable, or its
    /// curve is not supported.
    pub fn asymmetric_key(&self) -> Option<Result<&AsymmetricKey, Error>> {
        match &self.support {
            Support::Supported(_, Ok(keys)) => keys.asymmetric.as_ref().map(Ok),
            Support::Supported(KeyType::Oct, Err(_)) => None,
            Support::Supported(_, Err(e)) => Some(Err(e.clone())),
            Support::UnsupportedCurve(crv) => Some(Err(invalid(format!(
                "the JWK's curve {} is not supported (this build reads OKP keys on Ed25519, EC keys on P-256, P-384, P-521 and secp256k1)",
                quote(crv)
            )))),
            Support::UnsupportedType => None,
        }
    }

    /// Whether `use` allows signatures: absent, or `sig` (RFC 7517 §4.2).
    pub fn is_for_signatures(&self) -> bool {
        self.use_.as_deref().map_or(true, |u| u == "sig")
    }

    /// Why a set skips this key (RFC 7517 §5), if it does: a key type this
    /// crate does not support, or a `use` other than `sig`.
    fn skip_reason(&self) -> Option<String> {
        match &self.support {
            Support::UnsupportedType => {
                // RFC 7517 §4.1: kty values are case-sensitive; "OCT" is a
                // common slip for "oct".
                let near = ["oct", "RSA", "EC", "OKP"]
                    .into_iter()
                    .find(|known| known.eq_ignore_ascii_case(&self.kty));
                return Some(match near {
                    Some(known) => format!(
                        "its \"kty\" {} is not supported (kty is case-sensitive: did you mean \"{known}\"?)",
                        quote(&self.kty)
                    ),
                    None => format!("its \"kty\" {} is not supported", quote(&self.kty)),
                });
            }
            Support::UnsupportedCurve(crv) => {
                return Some(format!("its \"crv\" {} is not supported", quote(crv)))
            }
            Support::Supported(..) => {}
        }
        match self.use_.as_deref() {
            Some(u) if u != "sig" => Some(format!("its \"use\" is {}, not \"sig\"", quote(u))),
            _ => None,
        }
    }

    /// Whether the key's type and its own `alg` fit `alg`: what a set uses
    /// to choose among keys.
    fn fits_type_and_alg(&self, alg: Algorithm) -> Result<(), Error> {
        let refuse = |reason: String| Err(Error::new(ErrorKind::AlgorithmNotAllowed, reason));
        match &self.support {
            Support::UnsupportedType => {
                return refuse(format!(
                    "the key is of type {}, which is not supported; it cannot verify {alg}",
                    quote(&self.kty)
                ))
            }
            Support::Supported(key_type, _) if !key_type.fits(alg) => {
                return refuse(format!(
                    "the token says {alg}, but the key is {}",
                    key_type.describe()
                ))
            }
            // A curve this crate does not support is judged at key
            // selection, as invalid_key for every algorithm.
            Support::Supported(..) | Support::UnsupportedCurve(_) => {}
        }
        match self.alg.as_deref() {
            Some(bound) if bound != alg.as_str() => refuse(format!(
                "the token says {alg}, but the JWK is bound to {}",
                quote(bound)
            )),
            _ => Ok(()),
        }
    }

    /// Whether the key may be used for `alg` and `op`: its type, its own
    /// `alg`, its `use` and its `key_ops`. All are the `alg` step's
    /// question ([`ErrorKind::AlgorithmNotAllowed`]).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::AlgorithmNotAllowed`] naming the member that refuses.
    pub fn fits(&self, alg: Algorithm, op: Operation) -> Result<(), Error> {
        self.fits_type_and_alg(alg)?;
        if let Some(u) = self.use_.as_deref().filter(|u| *u != "sig") {
            return Err(Error::new(
                ErrorKind::AlgorithmNotAllowed,
                format!(
                    "the JWK's \"use\" is {}; only \"sig\" keys sign or verify (RFC 7517 §4.2)",
                    quote(u)
                ),
            ));
        }
        if let Some(ops) = &self.key_ops {
            let allowed = match op {
                Operation::Verify => ops.iter().any(|o| o == "verify" || o == "sign"),
                Operation::Sign => ops.iter().any(|o| o == "sign"),
            };
            if !allowed {
                let needed = match op {
                    Operation::Verify => "\"verify\" or \"sign\"",
                    Operation::Sign => "\"sign\"",
                };
                return Err(Error::new(
                    ErrorKind::AlgorithmNotAllowed,
                    format!(
                        "the JWK's \"key_ops\" does not list {needed}, so it cannot {} (RFC 7517 §4.3)",
                        match op {
                            Operation::Verify => "verify",
                            Operation::Sign => "sign",
                        }
                    ),
                ));
            }
        }
        Ok(())
    }

    /// The key for `alg` and `op`, after [`Jwk::fits`].
    ///
    /// # Errors
    ///
    /// [`ErrorKind::AlgorithmNotAllowed`] as [`Jwk::fits`];
    /// [`ErrorKind::InvalidKey`] when the key's members are unusable or it
    /// cannot serve `alg` (an HMAC secret too short for it).
    pub fn key(&self, alg: Algorithm, op: Operation) -> Result<&Key, Error> {
        self.fits(alg, op)?;
        let keys = match &self.support {
            Support::Supported(_, Ok(keys)) => keys,
            Support::Supported(_, Err(e)) => return Err(e.clone()),
            Support::UnsupportedCurve(crv) => {
                return Err(invalid(format!(
                "the JWK's curve {} is not supported (this build reads OKP keys on Ed25519, EC keys on P-256, P-384, P-521 and secp256k1)",
                quote(crv)
            )))
            }
            // `fits` refused it already; kept for a complete match.
            Support::UnsupportedType => {
                return Err(Error::new(
                    ErrorKind::AlgorithmNotAllowed,
                    format!("the key type {} is not supported", quote(&self.kty)),
                ))
            }
        };
        match keys.get(alg) {
            Some(Ok(key)) => Ok(key),
            Some(Err(e)) => Err(e.clone()),
            None => Err(Error::new(
                ErrorKind::AlgorithmNotAllowed,
                format!("the key cannot be used with {alg}"),
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
            "JWK member \"{name}\" is of JSON type {}, not a string",
            other.type_name()
        ))),
    }
}

/// `key_ops` (RFC 7517 §4.3): an array of distinct strings.
fn key_ops(object: &Object) -> Result<Option<Vec<String>>, Error> {
    let ops = match object.get("key_ops") {
        None => return Ok(None),
        Some(Value::Array(ops)) => ops,
        Some(other) => {
            return Err(invalid(format!(
                "JWK \"key_ops\" is of JSON type {}, not an array",
                other.type_name()
            )))
        }
    };
    let mut names: Vec<String> = Vec::with_capacity(ops.len());
    for op in ops {
        let name = op
            .as_str()
            .ok_or_else(|| invalid("JWK \"key_ops\" lists a value that is not a string"))?;
        if names.iter().any(|n| n == name) {
            // RFC 7517 §4.3: "Duplicate key operation values MUST NOT be present".
            return Err(invalid("JWK \"key_ops\" lists a value twice"));
        }
        names.push(name.to_string());
    }
    Ok(Some(names))
}

impl KeyResolver for Jwk {
    fn check_algorithm(&self, alg: Algorithm, _kid: Option<&str>) -> Result<(), Error> {
        self.fits(alg, Operation::Verify)
    }

    /// A single JWK ignores the token's `kid`: it is the key.
    fn resolve(&self, alg: Algorithm, _kid: Option<&str>) -> Result<ResolvedKey<'_>, Error> {
        self.key(alg, Operation::Verify).map(ResolvedKey::Borrowed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const K32: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

    fn jwk(extra: &str) -> Result<Jwk, Error> {
        Jwk::parse(format!(r#"{{"kty":"oct","k":"{K32}"{extra}}}"#).as_bytes())
    }

    fn kind<T>(result: Result<T, Error>) -> Result<(), ErrorKind> {
        result.map(|_| ()).map_err(|e| e.kind())
    }

    #[test]
    fn alg_use_and_key_ops_are_honoured() {
        use Algorithm::{Hs256, Hs384, Hs512, Rs256};
        use ErrorKind::{AlgorithmNotAllowed, InvalidKey};
        let bound = jwk(r#","alg":"HS512""#).unwrap();
        assert_eq!(kind(bound.resolve(Hs256, None)), Err(AlgorithmNotAllowed));
        // 32 bytes are too short for HS512.
        assert_eq!(kind(bound.resolve(Hs512, None)), Err(InvalidKey));
        let free = jwk("").unwrap();
        assert_eq!(kind(free.resolve(Hs256, None)), Ok(()));
        assert_eq!(kind(free.resolve(Hs384, None)), Err(InvalidKey));
        assert_eq!(kind(free.resolve(Rs256, None)), Err(AlgorithmNotAllowed));
        // `use` other than "sig", and `key_ops` without the operation, are
        // the alg step's refusal (the contract), for verify and for sign.
        let enc = jwk(r#","use":"enc""#).unwrap();
        assert_eq!(kind(enc.resolve(Hs256, None)), Err(AlgorithmNotAllowed));
        assert_eq!(
            enc.check_algorithm(Hs256, None).unwrap_err().kind(),
            AlgorithmNotAllowed
        );
        assert_eq!(
            kind(enc.key(Hs256, Operation::Sign)),
            Err(AlgorithmNotAllowed)
        );
        // RFC 7517 §4.3: a private key's "sign" also verifies (its public
        // half is used); "verify" alone never signs.
        let sign_only = jwk(r#","key_ops":["sign"]"#).unwrap();
        assert_eq!(kind(sign_only.resolve(Hs256, None)), Ok(()));
        assert_eq!(kind(sign_only.key(Hs256, Operation::Sign)), Ok(()));
        let verify_only = jwk(r#","key_ops":["verify"]"#).unwrap();
        assert_eq!(kind(verify_only.resolve(Hs256, None)), Ok(()));
        assert_eq!(
            kind(verify_only.key(Hs256, Operation::Sign)),
            Err(AlgorithmNotAllowed)
        );
        let neither = jwk(r#","key_ops":["encrypt"]"#).unwrap();
        assert_eq!(kind(neither.resolve(Hs256, None)), Err(AlgorithmNotAllowed));
        assert_eq!(
            jwk(r#","key_ops":["verify","verify"]"#).unwrap_err().kind(),
            InvalidKey
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
            r#"{"kty":"oct","kid":1,"k":"AAEC"}"#,
            r#"{"kty":"oct","alg":["HS256"],"k":"AAEC"}"#,
            r#"{"kty":"oct","use":1,"k":"AAEC"}"#,
            r#"{"kty":"oct","key_ops":"sign","k":"AAEC"}"#,
        ] {
            assert_eq!(
                Jwk::parse(bad.as_bytes()).unwrap_err().kind(),
                ErrorKind::InvalidKey,
                "{bad}"
            );
        }
        // Not an object with a string `kty`: not a JWK at all.
        for bad in [
            r#"[]"#,
            r#"{"kty":"oct","kty":"oct"}"#,
            "{",
            r#"{"k":"AAEC"}"#,
            r#"{"kty":7}"#,
        ] {
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
