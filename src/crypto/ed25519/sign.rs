//! The Ed25519 private key and signing (RFC 8032 §5.1.5, §5.1.6).
//!
//! The private key object holds the 32-octet seed and what RFC 8032
//! §5.1.5 derives from it once: the clamped scalar s (reduced mod L), the
//! prefix (the upper half of SHA-512(seed)) and the public key A = \[s\]B.
//! The public key used in signing is always that derived one, never one
//! given by a caller: signing with a mismatched A would reveal s
//! (RUSTSEC-2022-0093).
//!
//! Signing is constant time in the secret values: \[r\]B uses
//! [`super::mul::mul_base`] (full-row table scans, masks for signs), the
//! reductions and S = (r + k·s) mod L are branch-free Montgomery
//! arithmetic. The seed, scalar and prefix are overwritten when the key is
//! dropped, and the nonce after each signature (best effort: the SHA-512
//! state that hashed the prefix is not reachable from here).

use super::error::Ed25519Error;
use super::mul::mul_base;
use super::scalar::{wipe_bytes, Scalar};
use super::verify::Ed25519PublicKey;
use crate::crypto::rand::{RandomError, RandomSource};
use crate::crypto::sha2::Sha512;
use core::fmt;

/// An Ed25519 private key: the 32-octet seed of RFC 8032 §5.1.5 and what
/// it determines. `Debug` shows only the public key.
///
/// ```
/// use barejwt::crypto::ed25519::Ed25519PrivateKey;
///
/// // RFC 8032 §7.1, TEST 1: the empty message.
/// let seed = [
///     0x9d, 0x61, 0xb1, 0x9d, 0xef, 0xfd, 0x5a, 0x60, 0xba, 0x84, 0x4a, 0xf4, 0x92, 0xec, 0x2c, 0xc4,
///     0x44, 0x49, 0xc5, 0x69, 0x7b, 0x32, 0x69, 0x19, 0x70, 0x3b, 0xac, 0x03, 0x1c, 0xae, 0x7f, 0x60,
/// ];
/// let key = Ed25519PrivateKey::from_seed(&seed)?;
/// let signature = key.sign(b"");
/// assert_eq!(signature[..4], [0xe5, 0x56, 0x43, 0x00]);
/// assert_eq!(key.public_key().verify(b"", &signature), Ok(()));
/// # Ok::<(), barejwt::crypto::ed25519::Ed25519Error>(())
/// ```
#[derive(Clone)]
pub struct Ed25519PrivateKey {
    seed: [u8; 32],
    /// s: the clamped lower half of SHA-512(seed), reduced mod L.
    scalar: Scalar,
    /// The upper half of SHA-512(seed), hashed with the message for r.
    prefix: [u8; 32],
    /// A = \[s\]B.
    public: Ed25519PublicKey,
}

impl Ed25519PrivateKey {
    /// The key of a 32-octet seed (RFC 8032 §5.1.5).
    ///
    /// # Errors
    ///
    /// [`Ed25519Error::SeedLength`] when `seed` is not 32 octets.
    pub fn from_seed(seed: &[u8]) -> Result<Ed25519PrivateKey, Ed25519Error> {
        let mut array: [u8; 32] = seed
            .try_into()
            .map_err(|_| Ed25519Error::SeedLength(seed.len()))?;
        let key = Ed25519PrivateKey::expand(&array);
        wipe_bytes(&mut array);
        Ok(key)
    }

    /// A fresh key from 32 random octets of `rng`.
    ///
    /// # Errors
    ///
    /// [`RandomError`] when the source fails; no key is made.
    pub fn generate(rng: &mut impl RandomSource) -> Result<Ed25519PrivateKey, RandomError> {
        let mut seed = [0u8; 32];
        let filled = rng.fill_bytes(&mut seed);
        let key = filled.map(|()| Ed25519PrivateKey::expand(&seed));
        wipe_bytes(&mut seed);
        key
    }

    /// RFC 8032 §5.1.5 steps 1–4.
    fn expand(seed: &[u8; 32]) -> Ed25519PrivateKey {
        // 1. h = SHA-512(seed).
        let mut h = Sha512::digest(seed);
        let (mut lower, mut prefix) = ([0u8; 32], [0u8; 32]);
        lower.iter_mut().zip(h.iter()).for_each(|(d, b)| *d = *b);
        prefix
            .iter_mut()
            .zip(h.iter().skip(32))
            .for_each(|(d, b)| *d = *b);
        // 2. Clamp: clear the three lowest bits and the highest, set the
        //    second highest.
        lower[0] &= 0b1111_1000;
        lower[31] &= 0b0111_1111;
        lower[31] |= 0b0100_0000;
        // 3. s, as an integer; [s]B = [s mod L]B and S = r + k·s mod L, so
        //    keeping it reduced changes nothing.
        let scalar = Scalar::from_bytes_mod_order(&lower);
        // 4. A = [s]B.
        let public = Ed25519PublicKey::from_point(&mul_base(&scalar));
        wipe_bytes(&mut h);
        wipe_bytes(&mut lower);
        Ed25519PrivateKey {
            seed: *seed,
            scalar,
            prefix,
            public,
        }
    }

    /// The 32-octet seed.
    pub fn seed(&self) -> &[u8; 32] {
        &self.seed
    }

    /// The public key, derived from the seed.
    pub fn public_key(&self) -> &Ed25519PublicKey {
        &self.public
    }

    /// The signature R ‖ S of `message` (RFC 8032 §5.1.6); deterministic.
    pub fn sign(&self, message: &[u8]) -> [u8; 64] {
        // 2. r = SHA-512(prefix ‖ M) mod L.
        let mut h = Sha512::new();
        h.update(&self.prefix);
        h.update(message);
        let mut digest = h.finalize();
        let mut r = Scalar::from_hash(&digest);
        wipe_bytes(&mut digest);
        // 3. R = [r]B.
        let big_r = mul_base(&r).encode();
        // 4. k = SHA-512(R ‖ A ‖ M) mod L.
        let mut h = Sha512::new();
        h.update(&big_r);
        h.update(self.public.as_bytes());
        h.update(message);
        let k = Scalar::from_hash(&h.finalize());
        // 5. S = (r + k·s) mod L.
        let s = Scalar::mul_add(&k, &self.scalar, &r);
        r.wipe();
        // 6. R ‖ S.
        let mut signature = [0u8; 64];
        let (left, right) = signature.split_at_mut(32);
        left.copy_from_slice(&big_r);
        right.copy_from_slice(&s.to_bytes());
        signature
    }
}

impl Drop for Ed25519PrivateKey {
    fn drop(&mut self) {
        wipe_bytes(&mut self.seed);
        wipe_bytes(&mut self.prefix);
        self.scalar.wipe();
    }
}

impl fmt::Debug for Ed25519PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Ed25519PrivateKey")
            .field("public_key", &self.public)
            .finish_non_exhaustive()
    }
}
