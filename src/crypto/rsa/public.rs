//! [`RsaPublicKey`]: `(n, e)` checked at the door, and the RSA verification
//! primitive RSAVP1 (RFC 8017 §5.2.2).
//!
//! Everything here handles public data and may be variable time; the one
//! exponentiation is [`Modulus::pow_public_vartime`].

use alloc::boxed::Box;
use alloc::vec::Vec;
use core::fmt;

use super::RsaError;
use crate::crypto::bignum::{Modulus, Uint};

/// The smallest modulus accepted, in bits (RFC 7518 §3.3: "A key of size
/// 2048 bits or larger MUST be used").
pub const MIN_MODULUS_BITS: usize = 2048;

/// The largest modulus accepted, in bits (the contract's limit).
pub const MAX_MODULUS_BITS: usize = 8192;

/// The largest modulus in octets.
pub(crate) const MAX_MODULUS_LEN: usize = MAX_MODULUS_BITS / 8;

/// Public exponents must be below this (as ring's `src/rsa/public_exponent.rs`).
pub const MAX_EXPONENT_EXCLUSIVE: u64 = 1 << 33;

/// An RSA public key: a modulus of 2048 to 8192 bits and an odd exponent
/// `3 ≤ e < 2^33`, with the modulus's Montgomery constants computed once.
///
/// ```
/// use barejwt::crypto::rsa::{RsaError, RsaPublicKey};
///
/// // A 1024-bit modulus is refused (RFC 7518 §3.3).
/// let n = [0xc5u8; 128];
/// assert_eq!(
///     RsaPublicKey::from_be_bytes(&n, &[1, 0, 1]).unwrap_err(),
///     RsaError::ModulusSize { bits: 1024 }
/// );
/// ```
#[derive(Clone)]
pub struct RsaPublicKey {
    n: Box<Modulus>,
    e: u64,
}

/// `bytes` without leading zero octets.
pub(crate) fn strip_zeros(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    bytes.get(start..).unwrap_or(&[])
}

/// The bit length of a big-endian integer without leading zeros.
fn bit_length(bytes: &[u8]) -> usize {
    match bytes.first() {
        None => 0,
        Some(&top) => 8 * (bytes.len() - 1) + (8 - top.leading_zeros() as usize),
    }
}

impl RsaPublicKey {
    /// The key with modulus `n` and public exponent `e`, both big-endian
    /// (leading zero octets accepted).
    ///
    /// # Errors
    ///
    /// The contract's unusable RSA keys: [`RsaError::ModulusSize`] (outside
    /// 2048 to 8192 bits), [`RsaError::ModulusEven`],
    /// [`RsaError::ExponentEven`], [`RsaError::ExponentRange`] (below 3 or
    /// at least 2^33).
    pub fn from_be_bytes(n: &[u8], e: &[u8]) -> Result<RsaPublicKey, RsaError> {
        let n = strip_zeros(n);
        let bits = bit_length(n);
        if !(MIN_MODULUS_BITS..=MAX_MODULUS_BITS).contains(&bits) {
            return Err(RsaError::ModulusSize { bits });
        }
        if n.last().is_some_and(|&b| b & 1 == 0) {
            return Err(RsaError::ModulusEven);
        }
        let e = strip_zeros(e);
        if e.len() > 8 {
            return Err(RsaError::ExponentRange);
        }
        let e = e.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
        if e & 1 == 0 {
            return Err(RsaError::ExponentEven);
        }
        if !(3..MAX_EXPONENT_EXCLUSIVE).contains(&e) {
            return Err(RsaError::ExponentRange);
        }
        let modulus = Uint::from_be_bytes(n)
            .and_then(|n| Modulus::new(&n))
            .ok_or(RsaError::ModulusSize { bits })?; // not reached: odd, 2048..=8192 bits
        Ok(RsaPublicKey {
            n: Box::new(modulus),
            e,
        })
    }

    /// The modulus's bit length.
    pub fn bits(&self) -> usize {
        self.n.bits()
    }

    /// The modulus's length in octets, k: the length of every signature.
    pub fn modulus_len(&self) -> usize {
        self.bits().div_ceil(8)
    }

    /// The modulus, big-endian, without leading zeros.
    pub fn n_be(&self) -> Vec<u8> {
        self.n.value().to_be_bytes_minimal_vartime()
    }

    /// The public exponent.
    pub fn e(&self) -> u64 {
        self.e
    }

    /// The modulus with its Montgomery constants.
    pub(crate) fn modulus(&self) -> &Modulus {
        &self.n
    }

    /// `x^e mod n`, plain values, for `x < n` (constant time in `x`).
    pub(crate) fn raw_public(&self, x: &Uint) -> Uint {
        let n = self.modulus();
        n.from_montgomery(&n.pow_public_vartime(&n.to_montgomery(x), self.e))
    }

    /// RSAVP1 (RFC 8017 §5.2.2) with the length check of §8.1.2 / §8.2.2
    /// step 1: `signature` must be exactly k octets and, as an integer,
    /// below n; writes `m = s^e mod n` as k octets into `em` (which must
    /// be k octets).
    pub(crate) fn rsavp1(&self, signature: &[u8], em: &mut [u8]) -> Result<(), RsaError> {
        let k = self.modulus_len();
        if signature.len() != k {
            return Err(RsaError::SignatureLength {
                expected: k,
                actual: signature.len(),
            });
        }
        let n = self.modulus();
        // §8.2.2 step 2a: s = OS2IP(S); k ≤ 8·len octets always fit.
        let s = Uint::from_be_bytes_len(signature, n.len()).ok_or(RsaError::SignatureRange)?;
        // §5.2.2 step 1: "If the signature representative s is not between 0 and n − 1".
        if !s.ct_lt(n.value()).declassify() {
            return Err(RsaError::SignatureRange);
        }
        // §5.2.2 step 2: m = s^e mod n.
        let m = self.raw_public(&s);
        m.to_be_bytes(em);
        Ok(())
    }
}

impl PartialEq for RsaPublicKey {
    /// The same modulus and exponent (public values: variable time).
    fn eq(&self, other: &RsaPublicKey) -> bool {
        self.e == other.e && self.n.value().limbs() == other.n.value().limbs()
    }
}

impl Eq for RsaPublicKey {}

impl fmt::Debug for RsaPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RsaPublicKey")
            .field("bits", &self.bits())
            .field("e", &self.e)
            .finish_non_exhaustive()
    }
}
