//! JWK Sets (RFC 7517 §5) and the choice of one key for a token, as the
//! command line contract fixes it (`docs/cli.md`, "Key sets"):
//!
//! - keys of a type this crate does not support, and keys whose `use` is
//!   present and not `sig`, are skipped (RFC 7517 §5); each skipped key
//!   keeps its `kid` and the reason, and an error about the set names the
//!   skipped keys that bear the token's `kid`;
//! - unusable keys of a supported type (a malformed or empty secret) are
//!   not skipped: they count, and are [`ErrorKind::InvalidKey`] when picked;
//! - a token with `kid` uses the key with exactly that `kid`
//!   ([`ErrorKind::UnknownKey`] if none); if several have it, the one of
//!   them that fits `alg` ([`ErrorKind::AlgorithmNotAllowed`] if none fits,
//!   `UnknownKey` if more than one does);
//! - a token without `kid` uses the one key that fits its `alg` (type and
//!   the key's own `alg`); none, or more than one, is `UnknownKey`:
//!   guessing would let the token choose its key.

use super::{Jwk, KeyPolicy, Operation};
use crate::alg::Algorithm;
use crate::error::{quote, Error, ErrorKind};
use crate::json::parse_object;
use crate::json::{self, Value};
use crate::keys::{Key, KeyResolver, ResolvedKey};
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// A key a set skipped (RFC 7517 §5), with its `kid` and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedKey {
    kid: Option<String>,
    reason: String,
}

impl SkippedKey {
    /// The skipped key's `kid`, when it had one.
    pub fn kid(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// Why it was skipped, as a phrase (`its "use" is "enc", not "sig"`).
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

/// A JWK Set (RFC 7517 §5): the keys of a `{"keys":[...]}` document that
/// this crate can use, and those it skipped.
///
/// ```
/// use barejwt::{Algorithm, JwkSet, KeyResolver};
/// let set = JwkSet::parse(br#"{"keys":[
///     {"kty":"oct","kid":"2026-01","alg":"HS256","k":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"},
///     {"kty":"oct","kid":"2025-12","use":"enc","k":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"}]}"#).unwrap();
/// assert_eq!(set.len(), 1);        // the "enc" key is skipped
/// assert_eq!(set.skipped(), 1);
/// assert!(set.resolve(Algorithm::Hs256, Some("2026-01")).is_ok());
/// let err = set.resolve(Algorithm::Hs256, Some("2025-12")).unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     r#"unknown_key: no usable key in the set has kid "2025-12": the key with that kid was skipped because its "use" is "enc", not "sig""#
/// );
/// ```
#[derive(Debug, Clone, Default)]
pub struct JwkSet {
    keys: Vec<Jwk>,
    skipped: Vec<SkippedKey>,
}

impl JwkSet {
    /// Parses a JWK Set with the default [`KeyPolicy`].
    ///
    /// # Errors
    ///
    /// [`ErrorKind::Malformed`] when the text is not a JSON object with a
    /// `keys` array of objects each with a string `kty`, or holds more keys
    /// than the policy allows. Keys that cannot be used are never an error
    /// here: skipped, or counted and refused when picked.
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
        for (index, entry) in entries.iter().enumerate() {
            let Value::Object(entry) = entry else {
                return Err(Error::malformed(
                    "JWK Set \"keys\" holds a value that is not an object",
                ));
            };
            let jwk = Jwk::read(entry, policy)
                .map_err(|e| Error::malformed(format!("JWK Set key {index}: {}", e.reason())))?;
            set.push(jwk);
        }
        Ok(set)
    }

    /// A set of the given keys, skipping those a set skips (unsupported
    /// type, `use` other than `sig`).
    pub fn from_keys(keys: impl IntoIterator<Item = Jwk>) -> JwkSet {
        let mut set = JwkSet::default();
        for jwk in keys {
            set.push(jwk);
        }
        set
    }

    fn push(&mut self, jwk: Jwk) {
        match jwk.skip_reason() {
            Some(reason) => self.skipped.push(SkippedKey {
                kid: jwk.kid,
                reason,
            }),
            None => self.keys.push(jwk),
        }
    }

    /// How many keys the set holds (usable or not; skipped ones aside).
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether the set holds no key.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// How many entries were skipped (unsupported type, `use` not `sig`).
    pub fn skipped(&self) -> usize {
        self.skipped.len()
    }

    /// The skipped entries, in document order, each with its `kid` and why.
    pub fn skipped_keys(&self) -> &[SkippedKey] {
        &self.skipped
    }

    /// The keys, in document order.
    pub fn keys(&self) -> &[Jwk] {
        &self.keys
    }

    /// The one key for a token with this `alg` and `kid` (see the module
    /// docs), not yet checked for `use` and `key_ops`. Its callers name the
    /// skipped keys of the same `kid` in any error.
    fn choose(&self, alg: Algorithm, kid: Option<&str>) -> Result<&Jwk, Error> {
        let Some(kid) = kid else {
            return match fitting(self.keys.iter(), alg) {
                (Some(only), false) => Ok(only),
                (Some(_), true) => Err(Error::new(
                    ErrorKind::UnknownKey,
                    format!("the token has no \"kid\" and several keys in the set fit {alg}; which one is meant is unknown"),
                )),
                (None, _) if self.keys.is_empty() => Err(Error::new(
                    ErrorKind::UnknownKey,
                    "the key set holds no usable key",
                )),
                (None, _) => Err(Error::new(
                    ErrorKind::UnknownKey,
                    format!("the token has no \"kid\" and no key in the set fits {alg}"),
                )),
            };
        };
        let mut named = self.keys.iter().filter(|k| k.kid() == Some(kid));
        let (Some(first), second) = (named.next(), named.next()) else {
            return Err(Error::new(
                ErrorKind::UnknownKey,
                format!("no usable key in the set has kid {}", quote(kid)),
            ));
        };
        if second.is_none() {
            return Ok(first);
        }
        // Several keys share this kid (RFC 7517 §4.5 allows it across key
        // types): take the one that fits the algorithm, if exactly one does.
        let chosen = match fitting(self.keys.iter().filter(|k| k.kid() == Some(kid)), alg) {
            (Some(only), false) => Ok(only),
            (None, _) => Err(Error::new(
                ErrorKind::AlgorithmNotAllowed,
                format!(
                    "several keys in the set have kid {} and none fits {alg}",
                    quote(kid)
                ),
            )),
            (Some(_), true) => Err(Error::new(
                ErrorKind::UnknownKey,
                format!(
                    "several keys in the set have kid {} and fit {alg}",
                    quote(kid)
                ),
            )),
        };
        chosen
    }

    /// The key for `alg` and `op` that `kid` chooses; an error about it
    /// names the skipped keys that bear the same `kid`.
    fn key_for(&self, alg: Algorithm, kid: Option<&str>, op: Operation) -> Result<&Key, Error> {
        let key = self.choose(alg, kid).and_then(|jwk| {
            jwk.key(alg, op).map_err(|e| match (e.kind(), jwk.kid()) {
                // Name the key, so the cause is tied to the token's kid.
                (ErrorKind::InvalidKey, Some(kid)) => Error::new(
                    ErrorKind::InvalidKey,
                    format!(
                        "the key with kid {} cannot be used: {}",
                        quote(kid),
                        e.reason()
                    ),
                ),
                _ => e,
            })
        });
        match kid {
            Some(kid) => key.map_err(|e| self.naming_skipped(kid, e)),
            None => key,
        }
    }

    /// `error`, with the skipped keys that bear `kid` and why each was
    /// skipped appended, so the real cause is shown.
    fn naming_skipped(&self, kid: &str, error: Error) -> Error {
        let mut reason = String::from(error.reason());
        let skipped: Vec<&SkippedKey> = self
            .skipped
            .iter()
            .filter(|s| s.kid() == Some(kid))
            .collect();
        match skipped.as_slice() {
            [] => return error,
            [only] => {
                reason.push_str(": the key with that kid was skipped because ");
                reason.push_str(only.reason());
            }
            several => {
                reason.push_str(&format!(
                    ": {} keys with that kid were skipped, because ",
                    several.len()
                ));
                for (i, s) in several.iter().enumerate() {
                    if i > 0 {
                        reason.push_str(if i + 1 == several.len() {
                            " and "
                        } else {
                            ", "
                        });
                    }
                    reason.push_str(s.reason());
                }
            }
        }
        Error::new(error.kind(), reason)
    }

    /// The key `encode` signs with for `alg`: chosen as for a token with
    /// this `kid`, and its `key_ops` must allow `sign`.
    ///
    /// # Errors
    ///
    /// As [`KeyResolver::resolve`], for [`Operation::Sign`].
    pub fn signing_key(&self, alg: Algorithm, kid: Option<&str>) -> Result<&Key, Error> {
        self.key_for(alg, kid, Operation::Sign)
    }
}

/// The first of `keys` that fits `alg`, and whether another one does too.
fn fitting<'k>(keys: impl Iterator<Item = &'k Jwk>, alg: Algorithm) -> (Option<&'k Jwk>, bool) {
    let mut fit = keys.filter(|k| k.fits_type_and_alg(alg).is_ok());
    let first = fit.next();
    (first, fit.next().is_some())
}

impl KeyResolver for JwkSet {
    /// The key `kid` chooses must fit `alg` (type, its own `alg`, `use`,
    /// `key_ops`): judged here, at the `alg` step. A `kid` that names no
    /// key is reported later, at key selection.
    fn check_algorithm(&self, alg: Algorithm, kid: Option<&str>) -> Result<(), Error> {
        if !alg.is_supported() {
            return Err(Error::new(
                ErrorKind::AlgorithmNotAllowed,
                format!("{alg} is not supported yet"),
            ));
        }
        let fits = match self.choose(alg, kid) {
            Ok(jwk) => jwk.fits(alg, Operation::Verify),
            Err(e) if e.kind() == ErrorKind::AlgorithmNotAllowed => Err(e),
            Err(_) => Ok(()),
        };
        match kid {
            Some(kid) => fits.map_err(|e| self.naming_skipped(kid, e)),
            None => fits,
        }
    }

    fn resolve(&self, alg: Algorithm, kid: Option<&str>) -> Result<ResolvedKey<'_>, Error> {
        self.key_for(alg, kid, Operation::Verify)
            .map(ResolvedKey::Borrowed)
    }
}

impl From<Vec<Jwk>> for JwkSet {
    fn from(keys: Vec<Jwk>) -> JwkSet {
        JwkSet::from_keys(keys)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwk::DEFAULT_MAX_KEYS;
    use alloc::format;

    const K32: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";
    /// 48 and 64 zero bytes, base64url.
    const K48: &str = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
    const K64: &str =
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    #[test]
    fn set_selection_by_kid() {
        let set = JwkSet::parse(
            format!(
                r#"{{"keys":[{{"kty":"oct","kid":"a","k":"{K32}"}},{{"kty":"oct","kid":"b","alg":"HS256","k":"{K32}"}},{{"kty":"OKP","crv":"X448","kid":"c","x":"AA"}},{{"kty":"oct","kid":"d","k":"!!"}}]}}"#
            )
            .as_bytes(),
        )
        .unwrap();
        // The X448 key is skipped (not supported); the malformed secret "d"
        // counts, and is invalid_key when picked (the contract).
        assert_eq!((set.len(), set.skipped()), (3, 1));
        assert!(set.resolve(Algorithm::Hs256, Some("a")).is_ok());
        assert!(set.resolve(Algorithm::Hs256, Some("b")).is_ok());
        assert_eq!(
            set.resolve(Algorithm::Hs256, Some("d")).unwrap_err().kind(),
            ErrorKind::InvalidKey
        );
        for kid in ["c", "A", "", "../../dev/null"] {
            assert_eq!(
                set.resolve(Algorithm::Hs256, Some(kid)).unwrap_err().kind(),
                ErrorKind::UnknownKey
            );
        }
        let err = set.resolve(Algorithm::Hs256, Some("c")).unwrap_err();
        assert!(
            err.reason().ends_with(
                r#"the key with that kid was skipped because its "crv" "X448" is not supported"#
            ),
            "{err}"
        );
        // No kid: "a", "b" and "d" all fit HS256, so which one is unknown.
        assert_eq!(
            set.resolve(Algorithm::Hs256, None).unwrap_err().kind(),
            ErrorKind::UnknownKey
        );
    }

    #[test]
    fn a_token_without_kid_uses_the_one_key_that_fits_its_alg() {
        let set = JwkSet::parse(
            format!(r#"{{"keys":[{{"kty":"oct","alg":"HS256","k":"{K32}"}},{{"kty":"oct","alg":"HS512","k":"{K64}"}}]}}"#).as_bytes(),
        )
        .unwrap();
        assert!(set.resolve(Algorithm::Hs256, None).is_ok());
        assert_eq!(
            set.resolve(Algorithm::Hs384, None).unwrap_err().kind(),
            ErrorKind::UnknownKey
        );
        // A lone key that does not fit is not used for a token without kid.
        let lone = JwkSet::parse(
            format!(r#"{{"keys":[{{"kty":"oct","alg":"HS512","k":"{K32}"}}]}}"#).as_bytes(),
        )
        .unwrap();
        assert_eq!(
            lone.resolve(Algorithm::Hs256, None).unwrap_err().kind(),
            ErrorKind::UnknownKey
        );
    }

    #[test]
    fn several_keys_with_one_kid_pick_the_one_that_fits() {
        let set = JwkSet::parse(
            format!(r#"{{"keys":[{{"kty":"oct","kid":"k","alg":"HS256","k":"{K32}"}},{{"kty":"oct","kid":"k","alg":"HS384","k":"{K48}"}}]}}"#).as_bytes(),
        )
        .unwrap();
        assert!(set.resolve(Algorithm::Hs256, Some("k")).is_ok());
        assert!(set.resolve(Algorithm::Hs384, Some("k")).is_ok());
        assert_eq!(
            set.resolve(Algorithm::Hs512, Some("k")).unwrap_err().kind(),
            ErrorKind::AlgorithmNotAllowed
        );
        // Judged at the alg step too, before crit and key selection.
        assert_eq!(
            set.check_algorithm(Algorithm::Hs512, Some("k"))
                .unwrap_err()
                .kind(),
            ErrorKind::AlgorithmNotAllowed
        );
        let twice = JwkSet::parse(
            format!(r#"{{"keys":[{{"kty":"oct","kid":"k","k":"{K32}"}},{{"kty":"oct","kid":"k","k":"{K32}"}}]}}"#).as_bytes(),
        )
        .unwrap();
        assert_eq!(
            twice
                .resolve(Algorithm::Hs256, Some("k"))
                .unwrap_err()
                .kind(),
            ErrorKind::UnknownKey
        );
    }

    #[test]
    fn only_unsupported_types_and_non_sig_use_are_skipped() {
        let set = JwkSet::parse(
            format!(r#"{{"keys":[{{"kty":"oct","kid":"e","use":"enc","k":"{K32}"}},{{"kty":"oct","kid":"o","key_ops":["encrypt"],"k":"{K32}"}},{{"kty":"oct","kid":"p","k":"{K32}="}},{{"kty":"foo","kid":"f"}}]}}"#).as_bytes(),
        )
        .unwrap();
        assert_eq!((set.len(), set.skipped()), (2, 2));
        let skipped: alloc::vec::Vec<_> = set
            .skipped_keys()
            .iter()
            .map(|s| (s.kid(), s.reason()))
            .collect();
        assert_eq!(
            skipped,
            [
                (Some("e"), r#"its "use" is "enc", not "sig""#),
                (Some("f"), r#"its "kty" "foo" is not supported"#)
            ]
        );
        // key_ops without verify or sign: counted, and refused at the alg step.
        assert_eq!(
            set.check_algorithm(Algorithm::Hs256, Some("o"))
                .unwrap_err()
                .kind(),
            ErrorKind::AlgorithmNotAllowed
        );
        // Padding in "k": counted, invalid_key when picked.
        assert_eq!(
            set.resolve(Algorithm::Hs256, Some("p")).unwrap_err().kind(),
            ErrorKind::InvalidKey
        );
        // An entry without a string kty is not a JWK: the set is malformed.
        assert_eq!(
            JwkSet::parse(br#"{"keys":[{"k":"AAEC"}]}"#)
                .unwrap_err()
                .kind(),
            ErrorKind::Malformed
        );
    }

    #[test]
    fn a_token_without_kid_uses_a_lone_key_skipping_unsupported_types() {
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
}
