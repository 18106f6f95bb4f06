//! Keys bound to algorithms, and how the verifier finds one (RFC 8725 §3.1:
//! "each key MUST be used with exactly one algorithm").
//!
//! A [`Key`] is made from a secret for one of HS256, HS384, HS512. Its
//! HMAC state (the hash states after absorbing key⊕ipad and key⊕opad,
//! RFC 2104 §2) is computed once, when the key is made, so each MAC costs
//! only the message blocks and one outer compression. The secret must be at
//! least as long as the hash output (RFC 7518 §3.2: "A key of the same size
//! as the hash output ... or larger MUST be used"); a shorter one is
//! accepted only through the plainly named
//! [`Key::hmac_allowing_short_secret`], and an empty one never.
//!
//! The verifier asks a [`KeyResolver`] for the key. Implementations here:
//! one [`Key`], and [`crate::JwkSet`], which picks by `kid`.
//! A resolver only ever sees the algorithm (already checked against the
//! allow-list) and the `kid`: never `jwk`, `jku`, `x5u` or `x5c`.

use crate::alg::Algorithm;
use crate::crypto::hmac::{HmacSha256, HmacSha384, HmacSha512};
use crate::error::{Error, ErrorKind};
use alloc::format;
use core::fmt;

/// The precomputed HMAC state for one hash.
#[derive(Clone)]
enum HmacState {
    Sha256(HmacSha256),
    Sha384(HmacSha384),
    Sha512(HmacSha512),
}

/// A key bound to one algorithm. Today: an HMAC secret for HS256, HS384 or
/// HS512, with its HMAC state precomputed; RSA, EC and OKP keys come later.
/// `Debug` shows the algorithm, never the secret.
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
    state: HmacState,
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
        let min = hmac_min_len(alg)?;
        if secret.len() < min {
            return Err(short_secret(alg, secret.len(), min));
        }
        Key::hmac_allowing_short_secret(alg, secret)
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
        hmac_min_len(alg)?;
        if secret.is_empty() {
            return Err(Error::new(
                ErrorKind::InvalidKey,
                "the HMAC secret is empty; an empty secret is never a usable key",
            ));
        }
        let state = match alg {
            Algorithm::Hs384 => HmacState::Sha384(HmacSha384::new(secret)),
            Algorithm::Hs512 => HmacState::Sha512(HmacSha512::new(secret)),
            _ => HmacState::Sha256(HmacSha256::new(secret)),
        };
        Ok(Key { alg, state })
    }

    /// The one algorithm this key is used with.
    pub fn algorithm(&self) -> Algorithm {
        self.alg
    }

    /// The MAC of `message`, written into `out`; returns its length (32, 48
    /// or 64). `out` of 64 bytes fits every HMAC algorithm.
    pub(crate) fn mac_into(&self, message: &[u8], out: &mut [u8; 64]) -> usize {
        fn copy(out: &mut [u8; 64], tag: &[u8]) -> usize {
            for (o, t) in out.iter_mut().zip(tag) {
                *o = *t;
            }
            tag.len()
        }
        match &self.state {
            HmacState::Sha256(k) => copy(out, &k.mac(message)),
            HmacState::Sha384(k) => copy(out, &k.mac(message)),
            HmacState::Sha512(k) => copy(out, &k.mac(message)),
        }
    }

    /// Checks `tag` against the MAC of `message` in constant time.
    pub(crate) fn verify_tag(&self, message: &[u8], tag: &[u8]) -> bool {
        match &self.state {
            HmacState::Sha256(k) => k.verify(message, tag),
            HmacState::Sha384(k) => k.verify(message, tag),
            HmacState::Sha512(k) => k.verify(message, tag),
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

fn hmac_min_len(alg: Algorithm) -> Result<usize, Error> {
    alg.hmac_output_len().ok_or_else(|| {
        Error::new(
            ErrorKind::AlgorithmNotAllowed,
            format!("{alg} is not an HMAC algorithm; an HMAC key is for HS256, HS384 or HS512"),
        )
    })
}

pub(crate) fn short_secret(alg: Algorithm, len: usize, min: usize) -> Error {
    let reason = if len == 0 {
        alloc::string::String::from(
            "the HMAC secret is empty; an empty secret is never a usable key",
        )
    } else {
        format!(
            "the HMAC secret is {len} bytes; {alg} needs at least {min} (RFC 7518 §3.2) unless short keys are explicitly allowed"
        )
    };
    Error::new(ErrorKind::InvalidKey, reason)
}

impl Key {
    /// Step 7 of verification: the signature over the exact signing input,
    /// with `alg`, which must be the key's own algorithm (RFC 8725 §3.1;
    /// CVE-2026-48523 verified with the key's algorithm instead of the
    /// header's).
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
        if alg != self.algorithm() {
            return Err(alg_does_not_fit(alg, self.algorithm()));
        }
        let expected_len = alg.hmac_output_len().unwrap_or(0);
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
        if self.verify_tag(signing_input, decoded) {
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

pub(crate) fn alg_does_not_fit(alg: Algorithm, key_alg: Algorithm) -> Error {
    Error::new(
        ErrorKind::AlgorithmNotAllowed,
        format!("the token says {alg}, but the key is bound to {key_alg}"),
    )
}

/// Where the verifier finds the key for a token.
///
/// The verifier calls [`KeyResolver::check_algorithm`] right after checking
/// `alg` against the allow-list, and [`KeyResolver::resolve`] after the
/// `crit` check, as the contract's order of checks says. The key returned
/// must be bound to `alg`; the verifier checks that again before it computes
/// any MAC.
///
/// Implement it to look keys up elsewhere (a database, a rotating set),
/// using `kid` only as an exact lookup key (RFC 8725 §3.10: never as a
/// path, a query or a URL).
pub trait KeyResolver {
    /// Whether these keys can verify `alg` at all; `Err` with
    /// [`ErrorKind::AlgorithmNotAllowed`] when the token's algorithm does not
    /// fit the key (an HMAC key asked for RS256, a key bound to HS512 asked
    /// for HS256).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::AlgorithmNotAllowed`].
    fn check_algorithm(&self, alg: Algorithm) -> Result<(), Error>;

    /// The key for a token with this `alg` and `kid`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::UnknownKey`] when no key matches,
    /// [`ErrorKind::InvalidKey`] when the matching key cannot be used,
    /// [`ErrorKind::AlgorithmNotAllowed`] when it is bound to another
    /// algorithm.
    fn resolve(&self, alg: Algorithm, kid: Option<&str>) -> Result<&Key, Error>;
}

impl KeyResolver for Key {
    fn check_algorithm(&self, alg: Algorithm) -> Result<(), Error> {
        if alg == self.algorithm() {
            Ok(())
        } else {
            Err(alg_does_not_fit(alg, self.algorithm()))
        }
    }

    /// A single key ignores `kid`: it is the key.
    fn resolve(&self, alg: Algorithm, _kid: Option<&str>) -> Result<&Key, Error> {
        self.check_algorithm(alg)?;
        Ok(self)
    }
}

impl<R: KeyResolver + ?Sized> KeyResolver for &R {
    fn check_algorithm(&self, alg: Algorithm) -> Result<(), Error> {
        (**self).check_algorithm(alg)
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
    fn a_key_resolves_only_for_its_own_algorithm() {
        let key = Key::hs512(&[3u8; 64]).unwrap();
        assert!(key.resolve(Algorithm::Hs512, Some("any")).is_ok());
        assert_eq!(
            key.resolve(Algorithm::Hs256, None).unwrap_err().kind(),
            ErrorKind::AlgorithmNotAllowed
        );
    }
}
