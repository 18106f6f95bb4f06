//! Why an EC key or signature was refused.

use super::Curve;
use core::fmt;

/// A refused EC public key, private key or signature. `Display` names the
/// rule and the section that sets it; nothing secret is ever shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum EcError {
    /// A SEC 1 point encoding of the wrong length or first octet: only
    /// `04 ‖ X ‖ Y` and `02/03 ‖ X` of the curve's sizes are accepted.
    PointEncoding {
        /// The curve.
        curve: Curve,
        /// The encoding's length in octets.
        len: usize,
        /// Its first octet, if any.
        prefix: Option<u8>,
    },
    /// The one-octet encoding `00` of the point at infinity, which is no
    /// public key.
    PointAtInfinity {
        /// The curve.
        curve: Curve,
    },
    /// A coordinate (JWK `x` or `y`) not exactly the field's size.
    CoordinateLength {
        /// The curve.
        curve: Curve,
        /// The coordinate's length in octets.
        len: usize,
    },
    /// A coordinate not below the field prime p.
    CoordinateRange {
        /// The curve.
        curve: Curve,
    },
    /// A point not on the curve (for a compressed point: no point has
    /// this x).
    NotOnCurve {
        /// The curve.
        curve: Curve,
    },
    /// A private scalar d not exactly the order's size.
    ScalarLength {
        /// The curve.
        curve: Curve,
        /// Its length in octets.
        len: usize,
    },
    /// A private scalar d outside 1..n−1.
    ScalarRange {
        /// The curve.
        curve: Curve,
    },
    /// A signature that is not exactly R ‖ S of the order's size each.
    SignatureLength {
        /// The curve.
        curve: Curve,
        /// The signature's length in octets.
        len: usize,
    },
    /// r or s outside 1..n−1.
    SignatureRange {
        /// The curve.
        curve: Curve,
        /// `"r"` or `"s"`.
        part: &'static str,
    },
    /// A well-formed signature that does not verify under the key.
    SignatureMismatch {
        /// The curve.
        curve: Curve,
    },
}

impl EcError {
    /// Whether the error is about a key (public or private): the JOSE layer
    /// reports these as an unusable key.
    pub fn is_key_error(&self) -> bool {
        !self.is_signature_error()
    }

    /// Whether the error is about a signature: the JOSE layer reports
    /// these as an invalid signature.
    pub fn is_signature_error(&self) -> bool {
        matches!(
            self,
            EcError::SignatureLength { .. }
                | EcError::SignatureRange { .. }
                | EcError::SignatureMismatch { .. }
        )
    }

    /// The curve the key or signature was for.
    pub fn curve(&self) -> Curve {
        match *self {
            EcError::PointEncoding { curve, .. }
            | EcError::PointAtInfinity { curve }
            | EcError::CoordinateLength { curve, .. }
            | EcError::CoordinateRange { curve }
            | EcError::NotOnCurve { curve }
            | EcError::ScalarLength { curve, .. }
            | EcError::ScalarRange { curve }
            | EcError::SignatureLength { curve, .. }
            | EcError::SignatureRange { curve, .. }
            | EcError::SignatureMismatch { curve } => curve,
        }
    }
}

impl fmt::Display for EcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            EcError::PointEncoding { curve, len, prefix } => {
                write!(f, "the {} public key is {len} octets", curve.name())?;
                if let Some(prefix) = prefix {
                    write!(f, " starting {prefix:#04x}")?;
                }
                write!(
                    f,
                    "; SEC 1 §2.3.4 accepts 04‖X‖Y ({} octets) or 02/03‖X ({} octets)",
                    1 + 2 * curve.field_len(),
                    1 + curve.field_len()
                )
            }
            EcError::PointAtInfinity { curve } => write!(
                f,
                "the {} public key is the point at infinity, which is no public key (SEC 1 §3.2.2.1)",
                curve.name()
            ),
            EcError::CoordinateLength { curve, len } => write!(
                f,
                "a {} coordinate is {len} octets; exactly {} are required (RFC 7518 §6.2.1.2)",
                curve.name(),
                curve.field_len()
            ),
            EcError::CoordinateRange { curve } => write!(
                f,
                "a coordinate of the {} public key is not below the field prime p (SEC 1 §2.3.4, §3.2.2.1)",
                curve.name()
            ),
            EcError::NotOnCurve { curve } => write!(
                f,
                "the public key is not a point of {} (SEC 1 §3.2.2.1)",
                curve.name()
            ),
            EcError::ScalarLength { curve, len } => write!(
                f,
                "the {} private scalar d is {len} octets; exactly {} are required (RFC 7518 §6.2.2.1)",
                curve.name(),
                curve.scalar_len()
            ),
            EcError::ScalarRange { curve } => write!(
                f,
                "the {} private scalar d is not in 1 to n−1 (SEC 1 §3.2.1)",
                curve.name()
            ),
            EcError::SignatureLength { curve, len } => write!(
                f,
                "the {} signature is {len} octets; R ‖ S is exactly {} (RFC 7518 §3.4)",
                curve.jws_algorithm(),
                curve.signature_len()
            ),
            EcError::SignatureRange { curve, part } => write!(
                f,
                "{part} of the {} signature is not in 1 to n−1 (FIPS 186-5 §6.4.2 step 1)",
                curve.jws_algorithm()
            ),
            EcError::SignatureMismatch { curve } => write!(
                f,
                "the {} signature does not verify under this key (FIPS 186-5 §6.4.2)",
                curve.jws_algorithm()
            ),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for EcError {}
