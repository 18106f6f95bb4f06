//! Why an Ed25519 key or signature was refused: one variant per rule.

use core::fmt;

/// An Ed25519 key that cannot be used, or a signature that does not hold.
///
/// Each variant names one rule; [`Ed25519Error::is_key_error`] tells the
/// two families apart (a caller maps key errors to "unusable key" and the
/// rest to "invalid signature").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Ed25519Error {
    /// The public key is not 32 octets (the length it has).
    PublicKeyLength(usize),
    /// The public key is not the canonical encoding of a point: y ≥ p, or
    /// x = 0 with the sign bit set.
    PublicKeyNotCanonical,
    /// The public key's y has no x on the curve.
    PublicKeyNotOnCurve,
    /// The public key is a point of small order (its order divides 8).
    PublicKeySmallOrder,
    /// The private key (seed) is not 32 octets (the length it has).
    SeedLength(usize),
    /// The signature is not 64 octets (the length it has).
    SignatureLength(usize),
    /// The signature's S is not below the group order L.
    SignatureSNotReduced,
    /// The signature's R is not the canonical encoding of a point.
    SignatureRNotCanonical,
    /// The signature's R is a point of small order.
    SignatureRSmallOrder,
    /// The signature is well formed but \[S\]B ≠ R + \[k\]A.
    SignatureMismatch,
}

impl Ed25519Error {
    /// Whether the key is at fault (length, encoding, curve, order of the
    /// public key; length of the seed) rather than the signature.
    pub fn is_key_error(self) -> bool {
        matches!(
            self,
            Ed25519Error::PublicKeyLength(_)
                | Ed25519Error::PublicKeyNotCanonical
                | Ed25519Error::PublicKeyNotOnCurve
                | Ed25519Error::PublicKeySmallOrder
                | Ed25519Error::SeedLength(_)
        )
    }

    /// Whether the signature is at fault: the complement of
    /// [`Ed25519Error::is_key_error`].
    pub fn is_signature_error(self) -> bool {
        !self.is_key_error()
    }
}

impl fmt::Display for Ed25519Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ed25519Error::PublicKeyLength(len) => write!(
                f,
                "the Ed25519 public key is {len} octets; it must be exactly 32 (RFC 8032 §5.1.5)"
            ),
            Ed25519Error::PublicKeyNotCanonical => f.write_str(
                "the Ed25519 public key is not the canonical encoding of a point: \
                 y is not below p, or x is 0 with the sign bit set (RFC 8032 §5.1.3)",
            ),
            Ed25519Error::PublicKeyNotOnCurve => f.write_str(
                "the Ed25519 public key is not a point of the curve: no x satisfies \
                 x² = (y² − 1)/(d·y² + 1) (RFC 8032 §5.1.3)",
            ),
            Ed25519Error::PublicKeySmallOrder => f.write_str(
                "the Ed25519 public key is a point of small order (dividing 8), for which \
                 signatures prove nothing; such keys are refused, as libsodium refuses them",
            ),
            Ed25519Error::SeedLength(len) => write!(
                f,
                "the Ed25519 private key is {len} octets; it must be a 32-octet seed (RFC 8032 §5.1.5)"
            ),
            Ed25519Error::SignatureLength(len) => write!(
                f,
                "the Ed25519 signature is {len} octets; it must be exactly 64 (RFC 8032 §5.1.6)"
            ),
            Ed25519Error::SignatureSNotReduced => f.write_str(
                "the signature's S is not below the group order L (RFC 8032 §5.1.7)",
            ),
            Ed25519Error::SignatureRNotCanonical => f.write_str(
                "the signature's R is not the canonical encoding of a point: y is not below p, \
                 or x is 0 with the sign bit set (RFC 8032 §5.1.3, §5.1.7)",
            ),
            Ed25519Error::SignatureRSmallOrder => f.write_str(
                "the signature's R is a point of small order (dividing 8); such signatures \
                 are refused, as libsodium refuses them",
            ),
            Ed25519Error::SignatureMismatch => f.write_str(
                "the signature does not verify: [S]B is not R + [k]A, compared by encoding \
                 (RFC 8032 §5.1.7, cofactorless)",
            ),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for Ed25519Error {}
