//! JWK Sets (RFC 7517 §5) and the choice of one key for a token.

use super::{Jwk, KeyPolicy};
use crate::alg::Algorithm;
use crate::error::{quote, Error, ErrorKind};
use crate::json::parse_object;
use crate::json::{self, Value};
use crate::keys::{Key, KeyResolver};
use alloc::format;
use alloc::vec::Vec;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::jwk::DEFAULT_MAX_KEYS;
    use alloc::format;

    const K32: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

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
}
