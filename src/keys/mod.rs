//! Keys bound to algorithms, and how the verifier finds one (RFC 8725 §3.1:
//! "each key MUST be used with exactly one algorithm").
//!
//! A [`Key`] is one algorithm and the material for it. Each family's
//! material has a file of its own beside this one, with the same shape
//! (made once, checked at the door, used by `verify_signature` and `sign`):
//! `hmac.rs` (HS256/384/512), `rsa.rs` (RS*, PS*), `ec.rs` (ES256, ES384,
//! ES512, ES256K) and `eddsa.rs` (EdDSA, Ed25519); `asymmetric.rs` is the
//! public-key pair a key file or JWK makes, before it is bound to one
//! algorithm.
//!
//! **The one rule** that an algorithm fits a key is [`Key::fits`]. The
//! verifier applies it at step 5 of [`crate::verify()`] (through
//! [`KeyResolver::check_algorithm`]) and once more to the key a resolver
//! hands back at step 7, so a resolver written elsewhere can never make a
//! key verify a token of another algorithm.
//!
//! The verifier asks a [`KeyResolver`] for the key. Implementations here:
//! one [`Key`], [`crate::Jwk`], and [`crate::JwkSet`], which picks by
//! `kid`; any of them behind an [`Arc`]. A resolver hands back a
//! [`ResolvedKey`]: a key it lends, or a shared one it clones out of a
//! store behind a lock. A key set that is replaced while other threads
//! verify (rotation) is a [`SharedKeys`]: each verification reads one
//! immutable snapshot.
//! A resolver only ever sees the algorithm (already checked against the
//! allow-list) and the `kid`: never `jwk`, `jku`, `x5u` or `x5c`.

mod asymmetric;
mod ec;
mod eddsa;
mod hmac;
mod rsa;

use crate::alg::Algorithm;
use crate::error::{Error, ErrorKind};
use alloc::format;
use alloc::sync::Arc;
pub use asymmetric::AsymmetricKey;
use core::fmt;
pub(crate) use ec::{algorithm_of as ec_algorithm, curve_of as ec_curve, EcKey};
pub(crate) use eddsa::EdKey;
pub(crate) use hmac::short_secret;
use hmac::HmacKey;
pub(crate) use rsa::RsaKey;

/// The key material of one family. Public-key material is shared between
/// the keys one JWK or key file makes for each algorithm it serves.
// The HMAC states stay inline (no pointer to chase on the HS256 hot path);
// keys are made once, so their size costs nothing per token.
#[allow(clippy::large_enum_variant)]
#[derive(Clone)]
enum Material {
    /// An HMAC secret's precomputed state (`hmac.rs`).
    Hmac(HmacKey),
    /// An Ed25519 public or private key (`eddsa.rs`).
    Ed25519(Arc<EdKey>),
    /// An EC public or private key on one of the four curves (`ec.rs`).
    Ec(Arc<EcKey>),
    /// An RSA public or private key (`rsa.rs`).
    Rsa(Arc<RsaKey>),
}

/// A key bound to one algorithm: an HMAC secret (its HMAC state
/// precomputed), or an RSA, EC or Ed25519 public or private key. `Debug`
/// shows the algorithm, never the secret.
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

    /// A key for `alg` (EdDSA or Ed25519) over Ed25519 material.
    pub(crate) fn ed25519(alg: Algorithm, key: Arc<EdKey>) -> Key {
        Key {
            alg,
            material: Material::Ed25519(key),
        }
    }

    /// A key for `alg` (ES256, ES384, ES512 or ES256K) over EC material.
    pub(crate) fn ec(alg: Algorithm, key: Arc<EcKey>) -> Key {
        Key {
            alg,
            material: Material::Ec(key),
        }
    }

    /// A key for `alg` (RS256 ... PS512) over RSA material.
    pub(crate) fn rsa(alg: Algorithm, key: Arc<RsaKey>) -> Key {
        Key {
            alg,
            material: Material::Rsa(key),
        }
    }

    /// Whether the key can sign: an HMAC secret or a private key.
    pub fn can_sign(&self) -> bool {
        match &self.material {
            Material::Hmac(_) => true,
            Material::Ed25519(ed) => ed.private_key().is_some(),
            Material::Ec(ec) => ec.private_key().is_some(),
            Material::Rsa(rsa) => rsa.private_key().is_some(),
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
        // The decoded signature fits on the stack for every family but RSA.
        let mut buffer = [0u8; SHORT_SIGNATURE_MAX];
        let decoded = decode_signature(signature, alg, self.signature_len(), &mut buffer)?;
        match &self.material {
            Material::Hmac(hmac) => {
                if hmac.verify(signing_input, &decoded) {
                    Ok(())
                } else {
                    Err(Error::new(
                        ErrorKind::InvalidSignature,
                        "the signature does not match",
                    ))
                }
            }
            Material::Ed25519(ed) => ed.verify(signing_input, &decoded),
            Material::Ec(ec) => ec.verify(signing_input, &decoded),
            Material::Rsa(rsa) => rsa.verify(alg, signing_input, &decoded),
        }
    }

    /// The signature length `alg` has with this key, in octets.
    pub(crate) fn signature_len(&self) -> usize {
        match &self.material {
            Material::Hmac(hmac) => hmac.tag_len(),
            Material::Ed25519(_) => crate::crypto::ed25519::SIGNATURE_LEN,
            Material::Ec(ec) => ec.curve().signature_len(),
            Material::Rsa(rsa) => rsa.public_key().modulus_len(),
        }
    }

    /// The signature over `signing_input` (step 3 of RFC 7515 §5.1), on
    /// the stack for HMAC and Ed25519.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`] when the key is a public key: it cannot
    /// sign.
    pub(crate) fn sign(&self, signing_input: &[u8]) -> Result<Signature, Error> {
        let mut out = Signature {
            bytes: [0u8; SHORT_SIGNATURE_MAX],
            len: 0,
            long: None,
        };
        let short = |out: &mut Signature, bytes: &[u8]| {
            for (o, b) in out.bytes.iter_mut().zip(bytes) {
                *o = *b;
            }
            out.len = bytes.len().min(SHORT_SIGNATURE_MAX);
        };
        match &self.material {
            Material::Hmac(hmac) => {
                let mut tag = [0u8; 64];
                let n = hmac.mac_into(signing_input, &mut tag);
                short(&mut out, tag.get(..n).unwrap_or_default());
            }
            Material::Ed25519(ed) => match ed.private_key() {
                Some(private) => short(&mut out, &private.sign(signing_input)),
                None => return Err(public_key_cannot_sign(self.alg)),
            },
            Material::Ec(ec) => match ec.private_key() {
                Some(private) => short(&mut out, &private.sign(signing_input)),
                None => return Err(public_key_cannot_sign(self.alg)),
            },
            Material::Rsa(rsa) => out.long = Some(rsa.sign(self.alg, signing_input)?),
        }
        Ok(out)
    }
}

/// A signature's octets, as [`Key::sign`] computes them: on the stack up
/// to [`SHORT_SIGNATURE_MAX`] octets, an RSA signature on the heap.
pub(crate) struct Signature {
    bytes: [u8; SHORT_SIGNATURE_MAX],
    len: usize,
    long: Option<alloc::vec::Vec<u8>>,
}

impl Signature {
    /// The octets.
    pub(crate) fn as_bytes(&self) -> &[u8] {
        match &self.long {
            Some(long) => long,
            None => self.bytes.get(..self.len).unwrap_or_default(),
        }
    }
}

/// The longest signature decoded on the stack: HMAC-SHA-512's 64 octets,
/// Ed25519's 64, ES512's 132.
const SHORT_SIGNATURE_MAX: usize = 132;

/// Decodes the signature part: strict base64url, then exactly `expected`
/// octets (the contract, "The signature part"). Signatures that fit go in
/// `buffer`; an RSA signature is decoded to the heap (bounded by the token
/// size limit).
fn decode_signature<'b>(
    signature: &[u8],
    alg: Algorithm,
    expected: usize,
    buffer: &'b mut [u8; SHORT_SIGNATURE_MAX],
) -> Result<alloc::borrow::Cow<'b, [u8]>, Error> {
    let decoded = match crate::base64url::decode_to_slice(signature, buffer) {
        Ok(n) => alloc::borrow::Cow::Borrowed(buffer.get(..n).unwrap_or_default()),
        Err(e) if e.kind() == crate::base64url::DecodeErrorKind::OutputTooSmall => {
            // Longer than the stack buffer: an RSA signature, or text to
            // classify (malformed or merely the wrong length).
            match crate::base64url::decode(signature) {
                Ok(bytes) => alloc::borrow::Cow::Owned(bytes),
                Err(e) => return Err(bad_signature_text(e)),
            }
        }
        Err(e) => return Err(bad_signature_text(e)),
    };
    if decoded.len() != expected {
        return Err(wrong_signature_length(alg, expected));
    }
    Ok(decoded)
}

fn public_key_cannot_sign(alg: Algorithm) -> Error {
    Error::new(
        ErrorKind::InvalidKey,
        format!("the key is a public key; signing {alg} needs the private key"),
    )
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
    fn resolve(&self, alg: Algorithm, kid: Option<&str>) -> Result<ResolvedKey<'_>, Error>;
}

impl KeyResolver for Key {
    fn check_algorithm(&self, alg: Algorithm, _kid: Option<&str>) -> Result<(), Error> {
        self.fits(alg)
    }

    /// A single key ignores `kid`: it is the key (the verifier has checked
    /// that it fits at step 5, and checks the key returned again).
    fn resolve(&self, _alg: Algorithm, _kid: Option<&str>) -> Result<ResolvedKey<'_>, Error> {
        Ok(ResolvedKey::Borrowed(self))
    }
}

impl<R: KeyResolver + ?Sized> KeyResolver for &R {
    fn check_algorithm(&self, alg: Algorithm, kid: Option<&str>) -> Result<(), Error> {
        (**self).check_algorithm(alg, kid)
    }

    fn resolve(&self, alg: Algorithm, kid: Option<&str>) -> Result<ResolvedKey<'_>, Error> {
        (**self).resolve(alg, kid)
    }
}

/// A snapshot is a resolver: `verify(token, &keys.snapshot(), &validation)`.
impl<R: KeyResolver + ?Sized> KeyResolver for Arc<R> {
    fn check_algorithm(&self, alg: Algorithm, kid: Option<&str>) -> Result<(), Error> {
        (**self).check_algorithm(alg, kid)
    }

    fn resolve(&self, alg: Algorithm, kid: Option<&str>) -> Result<ResolvedKey<'_>, Error> {
        (**self).resolve(alg, kid)
    }
}

/// The key a [`KeyResolver`] hands to the verifier: lent by the resolver,
/// or shared with it. It dereferences to the [`Key`].
///
/// A resolver that owns its keys lends them ([`ResolvedKey::Borrowed`]);
/// one that keeps them in a store behind a lock cannot lend past the
/// lock's guard, so it clones the key's [`Arc`] out and releases the lock
/// before any signature work ([`ResolvedKey::Shared`]):
///
/// ```
/// use std::collections::BTreeMap;
/// use std::sync::{Arc, RwLock};
/// use barejwt::{sign_with_header, verify, Algorithm, Error, ErrorKind, HeaderFields};
/// use barejwt::{Key, KeyResolver, ResolvedKey, Validation};
///
/// /// Keys by `kid`, added and removed while other threads verify.
/// struct KeyStore(RwLock<BTreeMap<String, Arc<Key>>>);
///
/// impl KeyStore {
///     fn find(&self, kid: Option<&str>) -> Result<Arc<Key>, Error> {
///         let keys = self.0.read().map_err(|_| Error::new(ErrorKind::UnknownKey, "the key store is poisoned"))?;
///         kid.and_then(|kid| keys.get(kid))
///             .cloned()
///             .ok_or_else(|| Error::new(ErrorKind::UnknownKey, "no key has that kid"))
///     }
/// }
///
/// impl KeyResolver for KeyStore {
///     fn check_algorithm(&self, alg: Algorithm, kid: Option<&str>) -> Result<(), Error> {
///         // An unknown kid is reported by `resolve`, the next step.
///         self.find(kid).map_or(Ok(()), |key| key.fits(alg))
///     }
///     fn resolve(&self, _alg: Algorithm, kid: Option<&str>) -> Result<ResolvedKey<'_>, Error> {
///         self.find(kid).map(ResolvedKey::Shared)
///     }
/// }
///
/// let key = Key::hs256(&[7u8; 32])?;
/// let store = KeyStore(RwLock::new(BTreeMap::new()));
/// store.0.write().unwrap().insert("2026-12".into(), Arc::new(key.clone()));
///
/// let mut claims = barejwt::json::Object::new();
/// claims.insert("exp", barejwt::json::Value::Number(barejwt::json::Number::from_u64(4_102_444_800)));
/// let token = sign_with_header(&key, &HeaderFields::new().kid("2026-12"), &claims)?;
/// let validation = Validation::new(&[Algorithm::Hs256]);
/// assert!(verify(&token, &store, &validation).is_ok());
///
/// store.0.write().unwrap().clear(); // the key is withdrawn
/// assert_eq!(verify(&token, &store, &validation).unwrap_err().kind(), ErrorKind::UnknownKey);
/// # Ok::<(), Error>(())
/// ```
#[derive(Debug, Clone)]
pub enum ResolvedKey<'a> {
    /// A key the resolver owns and lends for the verification.
    Borrowed(&'a Key),
    /// A key shared with a store, kept alive by this handle for the
    /// verification even if the store drops it meanwhile.
    Shared(Arc<Key>),
}

impl core::ops::Deref for ResolvedKey<'_> {
    type Target = Key;

    fn deref(&self) -> &Key {
        match self {
            ResolvedKey::Borrowed(key) => key,
            ResolvedKey::Shared(key) => key,
        }
    }
}

impl<'a> From<&'a Key> for ResolvedKey<'a> {
    fn from(key: &'a Key) -> ResolvedKey<'a> {
        ResolvedKey::Borrowed(key)
    }
}

impl From<Arc<Key>> for ResolvedKey<'_> {
    fn from(key: Arc<Key>) -> Self {
        ResolvedKey::Shared(key)
    }
}

/// A key set that can be replaced while other threads verify with it: key
/// rotation, or a JWK Set refetched from an issuer.
///
/// Each verification reads one immutable snapshot ([`SharedKeys::snapshot`],
/// an [`Arc`] of the set). [`SharedKeys::replace`] swaps in a new set at
/// once; verifications already running finish with the set they started
/// with, so a token is never checked half against one set and half against
/// another. The lock is held only to clone or swap the [`Arc`], never
/// during signature work.
///
/// ```
/// use barejwt::{sign_with_header, verify, Algorithm, ErrorKind, HeaderFields};
/// use barejwt::{Jwk, JwkSet, SharedKeys, Validation};
/// # use barejwt::json::{Number, Object, Value};
/// let old = Jwk::parse(br#"{"kty":"oct","kid":"a","k":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"}"#)?;
/// let new = Jwk::parse(br#"{"kty":"oct","kid":"b","k":"HxweHRwbGhkYFxYVFBMSERAPDg0MCwoJCAcGBQQDAgE"}"#)?;
/// let keys = SharedKeys::new(JwkSet::from_keys(vec![old.clone()]));
///
/// # let mut claims = Object::new();
/// # claims.insert("exp", Value::Number(Number::from_u64(4_102_444_800)));
/// let signing_key = old.key(Algorithm::Hs256, barejwt::jwk::Operation::Sign)?;
/// let token = sign_with_header(signing_key, &HeaderFields::new().kid("a"), &claims)?;
/// let validation = Validation::new(&[Algorithm::Hs256]);
/// assert!(verify(&token, &keys.snapshot(), &validation).is_ok());
///
/// keys.replace(JwkSet::from_keys(vec![new])); // "a" is retired
/// let refused = verify(&token, &keys.snapshot(), &validation).unwrap_err();
/// assert_eq!(refused.kind(), ErrorKind::UnknownKey);
/// # Ok::<(), barejwt::Error>(())
/// ```
#[cfg(feature = "std")]
pub struct SharedKeys<R> {
    current: std::sync::RwLock<Arc<R>>,
}

#[cfg(feature = "std")]
impl<R> SharedKeys<R> {
    /// Keys that start as `keys`.
    pub fn new(keys: R) -> SharedKeys<R> {
        SharedKeys {
            current: std::sync::RwLock::new(Arc::new(keys)),
        }
    }

    /// The current set, to verify one or more tokens with. Cheap: one
    /// reference count.
    pub fn snapshot(&self) -> Arc<R> {
        // A thread that panicked while swapping cannot have left a torn
        // value: the guarded value is one `Arc`, replaced whole.
        match self.current.read() {
            Ok(guard) => Arc::clone(&guard),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Puts `keys` in place for every verification that starts from now
    /// on, and hands back the set it replaces.
    pub fn replace(&self, keys: R) -> Arc<R> {
        let keys = Arc::new(keys);
        let mut guard = match self.current.write() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        core::mem::replace(&mut *guard, keys)
    }
}

#[cfg(feature = "std")]
impl<R> fmt::Debug for SharedKeys<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SharedKeys(..)")
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
