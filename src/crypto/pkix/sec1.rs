//! SEC 1 EC private keys, [RFC 5915 §3] (SEC 1 v2 §C.4).
//!
//! ```text
//! ECPrivateKey ::= SEQUENCE {
//!     version        INTEGER { ecPrivkeyVer1(1) },
//!     privateKey     OCTET STRING,                   -- d, big-endian
//!     parameters [0] ECParameters {{ NamedCurve }} OPTIONAL,
//!     publicKey  [1] BIT STRING OPTIONAL }           -- the point
//! ```
//!
//! Both tags are EXPLICIT (`a0`, `a1`). Standing alone (`EC PRIVATE KEY`)
//! the key must name its curve in `[0]`: RFC 5915 §3 says implementations
//! "MUST always include the parameters field". Inside PKCS #8 the curve is
//! the AlgorithmIdentifier's, and a `[0]`, if present, must name the same
//! one. The private value and the point are returned as written: a `d`
//! shorter than the order, as older encoders wrote it, is for the EC code
//! to accept or not.
//!
//! [RFC 5915 §3]: https://www.rfc-editor.org/rfc/rfc5915#section-3

use super::algorithm::ec_parameters;
use super::error::StructureProblem;
use super::{KeyError, NamedCurve, PrivateKeyInfo};
use crate::crypto::der::{DerError, Oid, Reader, Writer, OBJECT_IDENTIFIER};
use alloc::vec::Vec;

/// An ECPrivateKey as read.
pub(super) struct EcPrivateKey {
    pub curve: NamedCurve,
    pub d: Vec<u8>,
    pub public: Option<Vec<u8>>,
}

/// Parses a DER ECPrivateKey that names its curve (the `EC PRIVATE KEY`
/// PEM label).
///
/// # Errors
///
/// [`KeyError::Der`] for DER that is not strict or not of the structure's
/// types; [`KeyError::Structure`] for a version other than 1 or missing
/// `[0]` parameters; [`KeyError::ExplicitCurve`];
/// [`KeyError::UnsupportedCurve`].
pub fn parse_ec_private_key(der: &[u8]) -> Result<PrivateKeyInfo, KeyError> {
    let mut outer = Reader::new(der)?;
    let key = read_ec_private_key(&mut outer, None)?;
    outer.finish()?;
    Ok(PrivateKeyInfo::Ec {
        curve: key.curve,
        d: key.d,
        public: key.public,
    })
}

/// Reads one ECPrivateKey SEQUENCE; `algorithm_curve` is the curve of the
/// enclosing PKCS #8 AlgorithmIdentifier, if any.
pub(super) fn read_ec_private_key(
    r: &mut Reader<'_>,
    algorithm_curve: Option<NamedCurve>,
) -> Result<EcPrivateKey, KeyError> {
    let mut fields = r.sequence()?;
    let version_offset = fields.offset();
    let version = fields.small_unsigned()?;
    if version != 1 {
        return Err(KeyError::structure(
            StructureProblem::EcVersion(version),
            version_offset,
        ));
    }
    let d = fields.octet_string()?.content.to_vec();
    let parameters_offset = fields.offset();
    let named = match fields.explicit(0)? {
        Some(mut inner) => {
            let parameters = inner.read_any()?;
            inner.finish()?;
            match algorithm_curve {
                Some(curve) if parameters.tag == OBJECT_IDENTIFIER => {
                    let oid = Oid::new(parameters.content)
                        .map_err(|kind| DerError::new(kind, parameters.offset))?;
                    if oid.as_bytes() != curve.oid() {
                        return Err(KeyError::structure(
                            StructureProblem::EcCurveMismatch,
                            parameters.offset,
                        ));
                    }
                    Some(curve)
                }
                _ => Some(ec_parameters(&parameters)?),
            }
        }
        None => None,
    };
    let public = match fields.explicit(1)? {
        Some(mut inner) => {
            let point = inner.bit_string()?;
            inner.finish()?;
            Some(point.content.to_vec())
        }
        None => None,
    };
    fields.finish()?;
    let curve = match algorithm_curve.or(named) {
        Some(curve) => curve,
        None => {
            return Err(KeyError::structure(
                StructureProblem::EcCurveMissing,
                parameters_offset,
            ))
        }
    };
    Ok(EcPrivateKey { curve, d, public })
}

/// Writes an ECPrivateKey in DER as it stands alone, the way OpenSSL
/// writes an `EC PRIVATE KEY`: version 1, `d` as given, `[0]` naming the
/// curve, and `[1]` with the point when one is given.
pub fn write_ec_private_key(curve: NamedCurve, d: &[u8], public: Option<&[u8]>) -> Vec<u8> {
    let mut w = Writer::new();
    write_ec_private_key_into(&mut w, Some(curve), d, public);
    w.into_vec()
}

/// Appends an ECPrivateKey; `[0]` only when `curve` is given (PKCS #8
/// leaves it out: the AlgorithmIdentifier names the curve).
pub(super) fn write_ec_private_key_into(
    w: &mut Writer,
    curve: Option<NamedCurve>,
    d: &[u8],
    public: Option<&[u8]>,
) {
    w.sequence(|w| {
        w.small_integer(1);
        w.octet_string(d);
        if let Some(curve) = curve {
            w.explicit(0, |w| w.oid(curve.oid()));
        }
        if let Some(point) = public {
            w.explicit(1, |w| w.bit_string(point));
        }
    });
}
