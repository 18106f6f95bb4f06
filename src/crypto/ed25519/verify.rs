//! The Ed25519 public key and verification (RFC 8032 §5.1.7), with the
//! strict rules of barejwt's contract, those of libsodium's
//! `crypto_sign_verify_detached`:
//!
//! ```text
//!  signature = R ‖ S, exactly 64 octets
//!  1  S < L                                    else SignatureSNotReduced
//!  1  R: y < p, and not x = 0 with the sign bit    else SignatureRNotCanonical
//!     R not of small order                      else SignatureRSmallOrder
//!     A: checked once, when the key is made (canonical, on the curve,
//!        not of small order)
//!  2  k = SHA-512(R ‖ A ‖ M) mod L
//!  3  encode(\[S\]B − \[k\]A) = R, octet for octet  else SignatureMismatch
//! ```
//!
//! The check is cofactorless (\[S\]B = R + \[k\]A, not \[8\]\[S\]B = \[8\]R +
//! \[8\]\[k\]A), so signatures that only a cofactored or ZIP-215 verifier
//! accepts are refused; the point compared is recomputed and encoded, so R
//! must be the one canonical encoding. R is not decoded: a y < p with no x
//! on the curve cannot equal the encoding of a computed point, and is
//! refused by the comparison.
//!
//! Everything here works on public data and may take variable time.

use super::error::Ed25519Error;
use super::field::Fe;
use super::mul::mul_base_and_point_vartime;
use super::point::{small_order_y_vartime, DecodeError, EdwardsPoint};
use super::scalar::Scalar;
use crate::crypto::sha2::Sha512;
use core::fmt;

/// An Ed25519 public key: 32 octets that encode a point of the curve,
/// canonically, of order larger than 8 (RFC 8032 §5.1.5; the order rule
/// is barejwt's, as libsodium's). The decoded point is kept, so
/// verification does not decode again.
///
/// ```
/// use barejwt::crypto::ed25519::{Ed25519Error, Ed25519PublicKey};
///
/// // RFC 8032 §7.1, TEST 1.
/// let key = [
///     0xd7, 0x5a, 0x98, 0x01, 0x82, 0xb1, 0x0a, 0xb7, 0xd5, 0x4b, 0xfe, 0xd3, 0xc9, 0x64, 0x07, 0x3a,
///     0x0e, 0xe1, 0x72, 0xf3, 0xda, 0xa6, 0x23, 0x25, 0xaf, 0x02, 0x1a, 0x68, 0xf7, 0x07, 0x51, 0x1a,
/// ];
/// let public = Ed25519PublicKey::from_bytes(&key)?;
/// assert_eq!(public.verify(b"", &[0u8; 64]), Err(Ed25519Error::SignatureRSmallOrder));
/// assert!(Ed25519PublicKey::from_bytes(&[0u8; 32]).is_err()); // small order
/// # Ok::<(), Ed25519Error>(())
/// ```
#[derive(Clone)]
pub struct Ed25519PublicKey {
    bytes: [u8; 32],
    /// −A: verification computes \[S\]B + \[k\](−A).
    minus_a: EdwardsPoint,
}

impl Ed25519PublicKey {
    /// Reads a public key: exactly 32 octets, the canonical encoding of a
    /// point of the curve (RFC 8032 §5.1.3), not of small order.
    ///
    /// # Errors
    ///
    /// [`Ed25519Error::PublicKeyLength`], [`Ed25519Error::PublicKeyNotCanonical`],
    /// [`Ed25519Error::PublicKeyNotOnCurve`] or [`Ed25519Error::PublicKeySmallOrder`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Ed25519PublicKey, Ed25519Error> {
        let bytes: [u8; 32] = bytes
            .try_into()
            .map_err(|_| Ed25519Error::PublicKeyLength(bytes.len()))?;
        let a = EdwardsPoint::decode_vartime(&bytes).map_err(|e| match e {
            DecodeError::NotCanonical => Ed25519Error::PublicKeyNotCanonical,
            DecodeError::NotOnCurve => Ed25519Error::PublicKeyNotOnCurve,
        })?;
        if a.is_small_order_vartime() {
            return Err(Ed25519Error::PublicKeySmallOrder);
        }
        Ok(Ed25519PublicKey {
            bytes,
            minus_a: a.neg(),
        })
    }

    /// The key of a point computed from a private scalar (never of small
    /// order: it lies in the subgroup of order L and is not the identity).
    pub(crate) fn from_point(a: &EdwardsPoint) -> Ed25519PublicKey {
        Ed25519PublicKey {
            bytes: a.encode(),
            minus_a: a.neg(),
        }
    }

    /// The 32-octet encoding.
    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.bytes
    }

    /// Verifies `signature` (R ‖ S, 64 octets) over `message` (RFC 8032
    /// §5.1.7, cofactorless, with the strict rules of the module header).
    ///
    /// # Errors
    ///
    /// [`Ed25519Error::SignatureLength`], [`Ed25519Error::SignatureSNotReduced`],
    /// [`Ed25519Error::SignatureRNotCanonical`], [`Ed25519Error::SignatureRSmallOrder`]
    /// or [`Ed25519Error::SignatureMismatch`].
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> Result<(), Ed25519Error> {
        let signature: &[u8; 64] = signature
            .try_into()
            .map_err(|_| Ed25519Error::SignatureLength(signature.len()))?;
        let (mut r, mut s) = ([0u8; 32], [0u8; 32]);
        r.iter_mut()
            .zip(signature.iter())
            .for_each(|(d, b)| *d = *b);
        s.iter_mut()
            .zip(signature.iter().skip(32))
            .for_each(|(d, b)| *d = *b);

        // Step 1: S in range; R canonical and not of small order.
        let s =
            Scalar::from_canonical_bytes_vartime(&s).ok_or(Ed25519Error::SignatureSNotReduced)?;
        let (_, r_canonical) = Fe::decode(&r);
        if !r_canonical {
            return Err(Ed25519Error::SignatureRNotCanonical);
        }
        let (small, x_is_zero) = small_order_y_vartime(&r);
        if x_is_zero && r[31] >> 7 == 1 {
            return Err(Ed25519Error::SignatureRNotCanonical);
        }
        if small {
            return Err(Ed25519Error::SignatureRSmallOrder);
        }

        // Step 2: k = SHA-512(dom2(F, C) ‖ R ‖ A ‖ PH(M)), dom2 empty and
        // PH the identity for Ed25519.
        let mut h = Sha512::new();
        h.update(&r);
        h.update(&self.bytes);
        h.update(message);
        let k = Scalar::from_hash(&h.finalize());

        // Step 3: [S]B = R + [k]A, checked as encode([S]B − [k]A) = R.
        let check = mul_base_and_point_vartime(&k, &self.minus_a, &s).encode();
        if check == r {
            Ok(())
        } else {
            Err(Ed25519Error::SignatureMismatch)
        }
    }
}

impl PartialEq for Ed25519PublicKey {
    fn eq(&self, other: &Ed25519PublicKey) -> bool {
        self.bytes == other.bytes
    }
}

impl Eq for Ed25519PublicKey {}

impl fmt::Debug for Ed25519PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Ed25519PublicKey(")?;
        for b in &self.bytes {
            write!(f, "{b:02x}")?;
        }
        f.write_str(")")
    }
}
