//! Keys bound to algorithms, and how the verifier finds one (RFC 8725 §3.1:
//! "each key MUST be used with exactly one algorithm").
//!
//! A [`Key`] is one algorithm and the material for it. Each family's
//! material has a file of its own beside this one, with the same shape
//! (made once, checked at the door, used by `verify_signature` and `sign`):
//! today `hmac.rs`, HMAC secrets for HS256, HS384 and HS512.
//!
//! **The one rule** that an algorithm fits a key is [`Key::fits`]. The
//! verifier applies it at step 5 of [`crate::verify()`] (through
//! [`KeyResolver::check_algorithm`]) and once more to the key a resolver
//! hands back at step 7, so a resolver written elsewhere can never make a
//! key verify a token of another algorithm.
//!
//! The verifier asks a [`KeyResolver`] for the key. Implementations here:
//! one [`Key`], and [`crate::JwkSet`], which picks by `kid`.
//! A resolver only ever sees the algorithm (already checked against the
//! allow-list) and the `kid`: never `jwk`, `jku`, `x5u` or `x5c`.

mod hmac;

use crate::alg::Algorithm;
use crate::error::{Error, ErrorKind};
use alloc::format;
use core::fmt;
pub(crate) use hmac::short_secret;
use hmac::HmacKey;

/// The key material of one family.
#[derive(Clone)]
enum Material {
    /// An HMAC secret's precomputed state (`hmac.rs`).
    Hmac(HmacKey),
}

/// A key bound to one algorithm. Today: an HMAC secret for HS256, HS384 or
/// HS512, with its HMAC state precomputed. `Debug` shows the algorithm,
/// never the secret.
///
/// ```
/// use barejwt::{Algorithm, Key};
/// let key = Key::hmac(Algorithm::Hs256, &[7u8; 32]).unwrap();
/// assert_eq!(key.algorithm(), Algorithm::Hs256);
/// // 19 bytes is shorter than SHA-256's 32-byte output: refused by default.
/// assert!(Key::hmac(Algorithm::Hs256, b"your-256-bit-secret").is_err());
/// ```
#[derive(Clone)]
pub struct Key {
    alg: Algorithm,
    material: Material,
}

impl Key {
    /// A key for `alg` (an HMAC algorithm) from `secret`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`] when the secret is shorter than the hash
    /// output (32, 48 or 64 bytes; RFC 7518 §3.2), and
    /// [`ErrorKind::AlgorithmNotAllowed`] when `alg` is not HS256/384/512.
    pub fn hmac(alg: Algorithm, secret: &[u8]) -> Result<Key, Error> {
        Ok(Key {
            alg,
            material: Material::Hmac(HmacKey::new(alg, secret, false)?),
        })
    }

    /// An HS256 key; see [`Key::hmac`].
    ///
    /// # Errors
    ///
    /// As [`Key::hmac`].
    pub fn hs256(secret: &[u8]) -> Result<Key, Error> {
        Key::hmac(Algorithm::Hs256, secret)
    }

    /// An HS384 key; see [`Key::hmac`].
    ///
    /// # Errors
    ///
    /// As [`Key::hmac`].
    pub fn hs384(secret: &[u8]) -> Result<Key, Error> {
        Key::hmac(Algorithm::Hs384, secret)
    }

    /// An HS512 key; see [`Key::hmac`].
    ///
    /// # Errors
    ///
    /// As [`Key::hmac`].
    pub fn hs512(secret: &[u8]) -> Result<Key, Error> {
        Key::hmac(Algorithm::Hs512, secret)
    }

    /// A key that may be shorter than the hash output, for legacy tokens
    /// only: RFC 7518 §3.2 forbids such keys, and a short human-chosen
    /// secret can be brute-forced offline from any token it signed
    /// (RFC 8725 §2.2).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`] for an empty secret (never usable), and
    /// [`ErrorKind::AlgorithmNotAllowed`] when `alg` is not an HMAC
    /// algorithm.
    pub fn hmac_allowing_short_secret(alg: Algorithm, secret: &[u8]) -> Result<Key, Error> {
        Ok(Key {
            alg,
            material: Material::Hmac(HmacKey::new(alg, secret, true)?),
        })
    }

    /// The one algorithm this key is used with.
    pub fn algorithm(&self) -> Algorithm {
        self.alg
    }

    /// The rule that `alg` fits this key: it is the key's own algorithm
    /// (RFC 8725 §3.1). The verifier's only algorithm-against-key check.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::AlgorithmNotAllowed`] naming both algorithms.
    pub fn fits(&self, alg: Algorithm) -> Result<(), Error> {
        if alg == self.alg {
            Ok(())
        } else {
            Err(Error::new(
                ErrorKind::AlgorithmNotAllowed,
                format!("the token says {alg}, but the key is bound to {}", self.alg),
            ))
        }
    }

    /// The MAC of `message`, written into `out`; returns its length (32, 48
    /// or 64). `out` of 64 bytes fits every HMAC algorithm.
    pub(crate) fn mac_into(&self, message: &[u8], out: &mut [u8; 64]) -> usize {
        match &self.material {
            Material::Hmac(k) => k.mac_into(message, out),
        }
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Key")
            .field("alg", &self.alg.as_str())
            .finish_non_exhaustive()
    }
}

impl Key {
    /// Step 8 of [`crate::verify()`]: the signature over the exact signing
    /// input. `alg` has passed [`Key::fits`] (CVE-2026-48523 verified with
    /// the key's algorithm instead of the header's); it is not checked again
    /// here.
    ///
    /// `signature` is the encoded signature part. Text that is not
    /// canonical base64url is [`ErrorKind::Malformed`]; canonical text of
    /// the wrong length for `alg` (an empty part included) and a MAC that
    /// differs are both [`ErrorKind::InvalidSignature`]. The comparison is
    /// constant time (see [`crate::crypto::ct::eq`]).
    pub(crate) fn verify_signature(
        &self,
        alg: Algorithm,
        signing_input: &[u8],
        signature: &[u8],
    ) -> Result<(), Error> {
        let Material::Hmac(hmac) = &self.material;
        let expected_len = hmac.tag_len();
        let mut decoded = [0u8; 64];
        let decoded = match crate::base64url::decode_to_slice(signature, &mut decoded) {
            Ok(n) => decoded.get(..n).unwrap_or_default(),
            Err(e) if e.kind() == crate::base64url::DecodeErrorKind::OutputTooSmall => {
                // Longer than any HMAC tag: classify the text (malformed or
                // merely the wrong length) on this failure path only. The
                // token size limit bounds the allocation.
                return Err(match crate::base64url::decode(signature) {
                    Ok(_) => wrong_signature_length(alg, expected_len),
                    Err(e) => bad_signature_text(e),
                });
            }
            Err(e) => return Err(bad_signature_text(e)),
        };
        if decoded.len() != expected_len {
            return Err(wrong_signature_length(alg, expected_len));
        }
        if hmac.verify(signing_input, decoded) {
            Ok(())
        } else {
            Err(Error::new(
                ErrorKind::InvalidSignature,
                "the signature does not match",
            ))
        }
    }
}

fn bad_signature_text(e: crate::base64url::DecodeError) -> Error {
    Error::malformed(alloc::format!(
        "the signature part is not canonical base64url: {e}"
    ))
    .with_offset(e.offset())
}

fn wrong_signature_length(alg: Algorithm, expected: usize) -> Error {
    Error::new(
        ErrorKind::InvalidSignature,
        format!("the signature has the wrong length for {alg} (expected {expected} bytes)"),
    )
}

/// Where the verifier finds the key for a token.
///
/// The verifier calls [`KeyResolver::check_algorithm`] right after checking
/// `alg` against the allow-list, and [`KeyResolver::resolve`] after the
/// `crit` check, as the contract's order of checks says. The key returned
/// must be bound to `alg`; the verifier applies [`Key::fits`] to it before
/// it computes any MAC.
///
/// Implement it to look keys up elsewhere (a database, a rotating set),
/// using `kid` only as an exact lookup key (RFC 8725 §3.10: never as a
/// path, a query or a URL).
pub trait KeyResolver {
    /// Whether the key for a token with this `alg` and `kid` can verify
    /// `alg` at all; `Err` with [`ErrorKind::AlgorithmNotAllowed`] when the
    /// token's algorithm does not fit the key (an HMAC key asked for RS256,
    /// a key bound to HS512 asked for HS256). `kid` lets a set judge the
    /// key it names at this step; a `kid` that names nothing is reported by
    /// [`KeyResolver::resolve`].
    ///
    /// # Errors
    ///
    /// [`ErrorKind::AlgorithmNotAllowed`].
    fn check_algorithm(&self, alg: Algorithm, kid: Option<&str>) -> Result<(), Error>;

    /// The key for a token with this `alg` and `kid`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::UnknownKey`] when no key matches,
    /// [`ErrorKind::InvalidKey`] when the matching key cannot be used,
    /// [`ErrorKind::AlgorithmNotAllowed`] when the keys that match do not
    /// fit `alg`. Whatever key is returned, the verifier applies
    /// [`Key::fits`] to it.
    fn resolve(&self, alg: Algorithm, kid: Option<&str>) -> Result<&Key, Error>;
}

impl KeyResolver for Key {
    fn check_algorithm(&self, alg: Algorithm, _kid: Option<&str>) -> Result<(), Error> {
        self.fits(alg)
    }

    /// A single key ignores `kid`: it is the key (the verifier has checked
    /// that it fits at step 5, and checks the key returned again).
    fn resolve(&self, _alg: Algorithm, _kid: Option<&str>) -> Result<&Key, Error> {
        Ok(self)
    }
}

impl<R: KeyResolver + ?Sized> KeyResolver for &R {
    fn check_algorithm(&self, alg: Algorithm, kid: Option<&str>) -> Result<(), Error> {
        (**self).check_algorithm(alg, kid)
    }

    fn resolve(&self, alg: Algorithm, kid: Option<&str>) -> Result<&Key, Error> {
        (**self).resolve(alg, kid)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_empty_secrets_are_refused() {
        for (alg, min) in [
            (Algorithm::Hs256, 32),
            (Algorithm::Hs384, 48),
            (Algorithm::Hs512, 64),
        ] {
            assert!(Key::hmac(alg, &alloc::vec![1u8; min]).is_ok());
            let err = Key::hmac(alg, &alloc::vec![1u8; min - 1]).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidKey);
            assert!(Key::hmac_allowing_short_secret(alg, &[1u8]).is_ok());
            assert_eq!(
                Key::hmac(alg, b"").unwrap_err().kind(),
                ErrorKind::InvalidKey
            );
            assert_eq!(
                Key::hmac_allowing_short_secret(alg, b"")
                    .unwrap_err()
                    .kind(),
                ErrorKind::InvalidKey
            );
        }
    }

    #[test]
    fn an_hmac_key_is_only_for_hmac_algorithms() {
        for alg in Algorithm::ALL.into_iter().filter(|a| !a.is_hmac()) {
            assert_eq!(
                Key::hmac(alg, &[1u8; 64]).unwrap_err().kind(),
                ErrorKind::AlgorithmNotAllowed
            );
        }
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let key = Key::hs256(b"a secret of thirty-two bytes!!!!").unwrap();
        let shown = alloc::format!("{key:?}");
        assert!(!shown.contains("secret"), "{shown}");
        assert!(shown.contains("HS256"));
    }

    #[test]
    fn a_key_fits_only_its_own_algorithm() {
        let key = Key::hs512(&[3u8; 64]).unwrap();
        assert!(key.check_algorithm(Algorithm::Hs512, None).is_ok());
        assert!(key.resolve(Algorithm::Hs512, Some("any")).is_ok());
        assert_eq!(
            key.check_algorithm(Algorithm::Hs256, None)
                .unwrap_err()
                .kind(),
            ErrorKind::AlgorithmNotAllowed
        );
        assert_eq!(
            key.fits(Algorithm::Hs256).unwrap_err().kind(),
            ErrorKind::AlgorithmNotAllowed
        );
    }
}
