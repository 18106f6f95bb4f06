//! AlgorithmIdentifier (RFC 5280 §4.1.1.2) and the one table deciding which
//! key algorithms and curves are read:
//!
//! ```text
//! AlgorithmIdentifier ::= SEQUENCE {
//!     algorithm   OBJECT IDENTIFIER,
//!     parameters  ANY DEFINED BY algorithm OPTIONAL }
//!
//! rsaEncryption    parameters NULL                RFC 3279 §2.3.1, RFC 8017 A.1
//! id-ecPublicKey   parameters ECParameters        RFC 5480 §2.1.1
//!                    namedCurve OID    -> one of the four, else unsupported curve
//!                    implicitCurve NULL -> refused (MUST NOT be used)
//!                    specifiedCurve    -> refused (explicit parameters)
//! id-Ed25519       parameters absent              RFC 8410 §3
//! id-Ed448, id-X25519, id-X448                    unsupported curve (RFC 8410)
//! anything else                                   unsupported algorithm
//! ```
//!
//! The absent-NULL form for rsaEncryption is refused: RFC 3279 §2.3.1 says
//! the parameters "SHALL be the ASN.1 type NULL", every current encoder
//! writes it, and reading one spelling keeps a key to one encoding.

use super::error::{KeyError, StructureProblem};
use super::oid;
use super::NamedCurve;
use crate::crypto::der::{check_null, DerError, DerErrorKind, Element, Oid, Reader};
use crate::crypto::der::{NULL, OBJECT_IDENTIFIER, SEQUENCE};
use alloc::format;
use alloc::string::{String, ToString};

/// An AlgorithmIdentifier as read: the OID and the parameters element.
#[derive(Debug, Clone, Copy)]
pub(super) struct AlgorithmIdentifier<'a> {
    pub oid: Oid<'a>,
    /// Offset of the OID element.
    pub oid_offset: usize,
    pub parameters: Option<Element<'a>>,
}

/// The key families read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum KeyAlgorithm {
    Rsa,
    Ec(NamedCurve),
    Ed25519,
}

/// Reads `SEQUENCE { algorithm OID, parameters ANY OPTIONAL }`.
pub(super) fn read_algorithm_identifier<'a>(
    r: &mut Reader<'a>,
) -> Result<AlgorithmIdentifier<'a>, KeyError> {
    let mut fields = r.sequence()?;
    let oid_offset = fields.offset();
    let oid = fields.oid()?;
    let parameters = if fields.is_empty() {
        None
    } else {
        Some(fields.read_any()?)
    };
    fields.finish()?;
    Ok(AlgorithmIdentifier {
        oid,
        oid_offset,
        parameters,
    })
}

/// The key family of an AlgorithmIdentifier, its parameters checked.
pub(super) fn key_algorithm(alg: &AlgorithmIdentifier<'_>) -> Result<KeyAlgorithm, KeyError> {
    let oid = alg.oid.as_bytes();
    if oid == oid::RSA_ENCRYPTION {
        match &alg.parameters {
            Some(p) if p.tag == NULL => check_null(p)?,
            Some(p) => {
                return Err(KeyError::structure(
                    StructureProblem::RsaParametersNotNull,
                    p.offset,
                ))
            }
            None => {
                return Err(KeyError::structure(
                    StructureProblem::RsaParametersNotNull,
                    alg.oid_offset,
                ))
            }
        }
        Ok(KeyAlgorithm::Rsa)
    } else if oid == oid::EC_PUBLIC_KEY {
        match &alg.parameters {
            Some(p) => ec_parameters(p).map(KeyAlgorithm::Ec),
            None => Err(KeyError::structure(
                StructureProblem::EcParametersMissing,
                alg.oid_offset,
            )),
        }
    } else if oid == oid::ED25519 {
        match &alg.parameters {
            None => Ok(KeyAlgorithm::Ed25519),
            Some(p) => Err(KeyError::structure(
                StructureProblem::Ed25519Parameters,
                p.offset,
            )),
        }
    } else if let Some(name) = unsupported_curve_name(oid) {
        Err(KeyError::UnsupportedCurve {
            curve: format!("{name} ({})", alg.oid),
            offset: alg.oid_offset,
        })
    } else {
        let algorithm = match algorithm_name(oid) {
            Some(name) => format!("{} ({name})", alg.oid),
            None => alg.oid.to_string(),
        };
        Err(KeyError::UnsupportedAlgorithm {
            algorithm,
            offset: alg.oid_offset,
        })
    }
}

/// The curve of RFC 5480 ECParameters, given as the parameters element:
/// `namedCurve` (an OID) is read; `implicitCurve` (NULL) and
/// `specifiedCurve` (a SEQUENCE) are refused.
pub(super) fn ec_parameters(parameters: &Element<'_>) -> Result<NamedCurve, KeyError> {
    match parameters.tag {
        OBJECT_IDENTIFIER => {
            let oid = Oid::new(parameters.content)
                .map_err(|kind| DerError::new(kind, parameters.offset))?;
            NamedCurve::from_oid(oid.as_bytes()).ok_or_else(|| KeyError::UnsupportedCurve {
                curve: curve_text(oid),
                offset: parameters.offset,
            })
        }
        NULL => {
            check_null(parameters)?;
            Err(KeyError::structure(
                StructureProblem::EcImplicitCurve,
                parameters.offset,
            ))
        }
        SEQUENCE => Err(KeyError::ExplicitCurve {
            offset: parameters.offset,
        }),
        found => Err(DerError::new(
            DerErrorKind::UnexpectedTag {
                expected: OBJECT_IDENTIFIER,
                found,
            },
            parameters.offset,
        )
        .into()),
    }
}

/// `name (dotted OID)` for a named curve that is not supported, or the OID.
fn curve_text(oid: Oid<'_>) -> String {
    match unsupported_curve_name(oid.as_bytes()) {
        Some(name) => format!("{name} ({oid})"),
        None => oid.to_string(),
    }
}

/// Names of curves that keys are commonly made on and that are not read.
fn unsupported_curve_name(oid: &[u8]) -> Option<&'static str> {
    [
        (oid::ED448, "Ed448"),
        (oid::X25519, "X25519"),
        (oid::X448, "X448"),
        (oid::PRIME192V1, "P-192"),
        (oid::SECP224R1, "P-224"),
        (oid::BRAINPOOL_P256R1, "brainpoolP256r1"),
        (oid::BRAINPOOL_P384R1, "brainpoolP384r1"),
        (oid::BRAINPOOL_P512R1, "brainpoolP512r1"),
        (oid::SM2, "SM2"),
    ]
    .into_iter()
    .find(|(o, _)| *o == oid)
    .map(|(_, name)| name)
}

/// Names of key algorithms that are not read, for error sentences.
fn algorithm_name(oid: &[u8]) -> Option<&'static str> {
    [
        (oid::RSASSA_PSS, "RSASSA-PSS"),
        (oid::RSAES_OAEP, "RSAES-OAEP"),
        (oid::DSA, "DSA"),
        (oid::DH_PUBLIC_NUMBER, "Diffie-Hellman"),
        (oid::DH_KEY_AGREEMENT, "PKCS #3 Diffie-Hellman"),
        (oid::EC_DH, "id-ecDH"),
        (oid::EC_MQV, "id-ecMQV"),
    ]
    .into_iter()
    .find(|(o, _)| *o == oid)
    .map(|(_, name)| name)
}
