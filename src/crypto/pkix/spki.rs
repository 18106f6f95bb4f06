//! SubjectPublicKeyInfo, [RFC 5280 §4.1.2.7]: an AlgorithmIdentifier and
//! the key as a BIT STRING.
//!
//! ```text
//! SubjectPublicKeyInfo ::= SEQUENCE {
//!     algorithm         AlgorithmIdentifier,
//!     subjectPublicKey  BIT STRING }
//!
//! RSA      the BIT STRING holds the DER of RSAPublicKey   RFC 3279 §2.3.1
//! EC       the BIT STRING is the point, 04‖X‖Y or 02/03‖X  RFC 5480 §2.2
//! Ed25519  the BIT STRING is the 32-octet key              RFC 8410 §4
//! ```
//!
//! [RFC 5280 §4.1.2.7]: https://www.rfc-editor.org/rfc/rfc5280#section-4.1.2.7

use super::algorithm::{key_algorithm, read_algorithm_identifier, KeyAlgorithm};
use super::pkcs1::{read_rsa_public_key, write_rsa_public_key_into};
use super::{ed25519_octets, oid, KeyError, PublicKeyInfo};
use crate::crypto::der::{Reader, Writer};
use alloc::vec::Vec;

/// Parses a DER SubjectPublicKeyInfo (the `PUBLIC KEY` PEM label).
///
/// # Errors
///
/// [`KeyError::Der`] for DER that is not strict or not of the structure's
/// types; [`KeyError::Structure`] for parameters the algorithm forbids;
/// [`KeyError::UnsupportedAlgorithm`], [`KeyError::ExplicitCurve`];
/// [`KeyError::UnsupportedCurve`] and [`KeyError::InvalidKey`] (an Ed25519
/// key not of 32 octets).
pub fn parse_spki(der: &[u8]) -> Result<PublicKeyInfo, KeyError> {
    let mut outer = Reader::new(der)?;
    let mut fields = outer.sequence()?;
    outer.finish()?;
    read_spki_fields(&mut fields)
}

/// Reads the fields of a SubjectPublicKeyInfo SEQUENCE, to its end.
pub(super) fn read_spki_fields(fields: &mut Reader<'_>) -> Result<PublicKeyInfo, KeyError> {
    let algorithm = read_algorithm_identifier(fields)?;
    let key = fields.bit_string()?;
    fields.finish()?;
    match key_algorithm(&algorithm)? {
        KeyAlgorithm::Rsa => {
            let mut inner = fields.enter(&key)?;
            let (n, e) = read_rsa_public_key(&mut inner)?;
            inner.finish()?;
            Ok(PublicKeyInfo::Rsa { n, e })
        }
        KeyAlgorithm::Ec(curve) => Ok(PublicKeyInfo::Ec {
            curve,
            point: key.content.to_vec(),
        }),
        KeyAlgorithm::Ed25519 => Ok(PublicKeyInfo::Ed25519 {
            key: ed25519_octets(key.content, key.content_offset)?,
        }),
    }
}

/// Writes a SubjectPublicKeyInfo in DER: RSA with NULL parameters, EC with
/// its named curve and the point as given, Ed25519 without parameters.
///
/// ```
/// use barejwt::crypto::pkix::{parse_spki, write_spki, PublicKeyInfo};
///
/// let key = PublicKeyInfo::Ed25519 { key: [7; 32] };
/// let der = write_spki(&key);
/// assert_eq!(der[..12], [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);
/// assert_eq!(parse_spki(&der).unwrap(), key);
/// ```
pub fn write_spki(key: &PublicKeyInfo) -> Vec<u8> {
    let mut w = Writer::new();
    w.sequence(|w| match key {
        PublicKeyInfo::Rsa { n, e } => {
            w.sequence(|w| {
                w.oid(oid::RSA_ENCRYPTION);
                w.null();
            });
            w.bit_string_with(|w| write_rsa_public_key_into(w, n, e));
        }
        PublicKeyInfo::Ec { curve, point } => {
            w.sequence(|w| {
                w.oid(oid::EC_PUBLIC_KEY);
                w.oid(curve.oid());
            });
            w.bit_string(point);
        }
        PublicKeyInfo::Ed25519 { key } => {
            w.sequence(|w| w.oid(oid::ED25519));
            w.bit_string(key);
        }
    });
    w.into_vec()
}
