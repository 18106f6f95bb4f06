//! Why a key file was refused, in two classes: the file is not a key file
//! this crate reads ([`ErrorClass::Usage`]), or it is one, of a known type,
//! but the key in it cannot be used ([`ErrorClass::InvalidKey`]).

use crate::crypto::der::DerError;
use crate::crypto::pem::PemError;
use alloc::string::String;
use core::fmt;

/// Why a key file, PEM or DER, was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyError {
    /// The PEM text is not one well-formed key block (RFC 7468), or the key
    /// is encrypted.
    Pem(PemError),
    /// The DER is not strict DER (X.690 §10), or not of the ASN.1 types the
    /// structure has at some place.
    Der(DerError),
    /// Strict DER of the right types, but not the structure the label names
    /// (a wrong version, parameters that must be absent, ...).
    Structure {
        /// What rule of the structure's RFC the input broke.
        problem: StructureProblem,
        /// Offset in the DER of the element at fault.
        offset: usize,
    },
    /// A key algorithm other than rsaEncryption, id-ecPublicKey and the
    /// RFC 8410 curves: id-RSASSA-PSS, DSA, Diffie-Hellman, anything else.
    UnsupportedAlgorithm {
        /// The algorithm's OBJECT IDENTIFIER in dotted decimal, and its
        /// name when known (`1.2.840.10040.4.1 (DSA)`).
        algorithm: String,
        /// Offset in the DER of the AlgorithmIdentifier's OID.
        offset: usize,
    },
    /// EC curve parameters given explicitly (RFC 5480 `specifiedCurve`),
    /// refused even when they equal a named curve's.
    ExplicitCurve {
        /// Offset in the DER of the parameters.
        offset: usize,
    },
    /// A key of a known family on a curve this crate does not support: an
    /// EC named curve other than P-256, P-384, P-521 and secp256k1, or
    /// Ed448, X25519, X448.
    UnsupportedCurve {
        /// The curve's name and OBJECT IDENTIFIER (`secp224r1
        /// (1.3.132.0.33)`, `Ed448 (1.3.101.113)`), or the OID alone.
        curve: String,
        /// Offset in the DER of the OID naming it.
        offset: usize,
    },
    /// A well-formed file whose key value cannot be a key: an Ed25519 key
    /// not of 32 octets, an embedded public key that differs from another
    /// copy in the same file.
    InvalidKey {
        /// What is wrong with the value.
        problem: InvalidKeyProblem,
        /// Offset in the DER of the value.
        offset: usize,
    },
}

/// How a caller reports a [`KeyError`]: the command line contract gives
/// usage errors (exit 2) for files that are not key files it reads, and
/// `invalid_key` (exit 1) for keys of a known type that cannot be used.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorClass {
    /// Bad PEM, bad DER, the wrong structure, an encrypted key, an
    /// unsupported key algorithm, explicit curve parameters.
    Usage,
    /// An unsupported curve of a known key type, or a key value that
    /// cannot be a key (spec/cli.md: "Unusable keys are `invalid_key`").
    InvalidKey,
}

/// A rule of a key structure's RFC that the input broke.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum StructureProblem {
    /// An RSAPrivateKey version other than 0 and 1 (RFC 8017 A.1.2).
    RsaVersion(u64),
    /// A multi-prime RSAPrivateKey (version 1, RFC 8017 A.1.2).
    RsaMultiPrime,
    /// rsaEncryption parameters absent or other than NULL (RFC 3279
    /// §2.3.1, RFC 8017 A.1).
    RsaParametersNotNull,
    /// id-Ed25519 with parameters (RFC 8410 §3: they MUST be absent).
    Ed25519Parameters,
    /// id-ecPublicKey without parameters (RFC 5480 §2.1.1: they MUST be
    /// present).
    EcParametersMissing,
    /// EC parameters `implicitCurve` (NULL), which name no curve (RFC 5480
    /// §2.1.1: MUST NOT be used).
    EcImplicitCurve,
    /// An ECPrivateKey version other than 1 (RFC 5915 §3).
    EcVersion(u64),
    /// An `EC PRIVATE KEY` without its `[0]` parameters (RFC 5915 §3: MUST
    /// be present).
    EcCurveMissing,
    /// ECPrivateKey `[0]` parameters naming another curve than the PKCS #8
    /// AlgorithmIdentifier.
    EcCurveMismatch,
    /// A PKCS #8 version other than 0 (v1) and 1 (v2) (RFC 5958 §2).
    Pkcs8Version(u64),
    /// A publicKey `[1]` in a v1 PrivateKeyInfo (RFC 5958 §2: v2 then).
    Pkcs8PublicKeyInV1,
    /// A v2 OneAsymmetricKey without publicKey (RFC 5958 §2: v1 then).
    Pkcs8V2WithoutPublicKey,
    /// A certificate version `[0]` other than v2 (1) and v3 (2): v1 is the
    /// DEFAULT, which DER leaves out (X.690 §11.5, RFC 5280 §4.1.2.1).
    CertificateVersion(u64),
}

/// What is wrong with a key value that is well formed as DER.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum InvalidKeyProblem {
    /// An Ed25519 public key or private seed not of 32 octets (RFC 8410
    /// §3, §7; RFC 8032 §5.1.5).
    Ed25519Length(usize),
    /// The public key carried twice in one private key file, and the two
    /// differ (RFC 5958 `publicKey` against the key itself or SEC 1's).
    PublicKeyMismatch,
}

impl KeyError {
    /// Which kind of failure this is for the command line contract.
    pub fn class(&self) -> ErrorClass {
        match self {
            KeyError::UnsupportedCurve { .. } | KeyError::InvalidKey { .. } => {
                ErrorClass::InvalidKey
            }
            _ => ErrorClass::Usage,
        }
    }

    /// Whether the key was refused for being encrypted.
    pub fn is_encrypted(&self) -> bool {
        matches!(self, KeyError::Pem(e) if e.kind == crate::crypto::pem::PemErrorKind::Encrypted)
    }

    pub(super) fn structure(problem: StructureProblem, offset: usize) -> KeyError {
        KeyError::Structure { problem, offset }
    }
}

impl From<DerError> for KeyError {
    fn from(e: DerError) -> KeyError {
        KeyError::Der(e)
    }
}

impl From<PemError> for KeyError {
    fn from(e: PemError) -> KeyError {
        KeyError::Pem(e)
    }
}

impl fmt::Display for KeyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            KeyError::Pem(e) => e.fmt(f),
            KeyError::Der(e) => write!(f, "the key is not strict DER of its structure: {e}"),
            KeyError::Structure { problem, offset } => {
                write!(f, "key structure at DER offset {offset}: {problem}")
            }
            KeyError::UnsupportedAlgorithm { algorithm, .. } => write!(
                f,
                "the key algorithm {algorithm} is not supported; RSA (rsaEncryption), EC \
                 (id-ecPublicKey) and Ed25519 keys are (RFC 5280 §4.1.2.7)"
            ),
            KeyError::ExplicitCurve { .. } => f.write_str(
                "explicit EC curve parameters (RFC 5480 specifiedCurve) are not accepted, \
                 even when they equal a named curve's; RFC 5480 §2.1.1 requires namedCurve \
                 (openssl ec -param_enc named_curve writes it)",
            ),
            KeyError::UnsupportedCurve { curve, .. } => write!(
                f,
                "the curve {curve} is not supported; EC keys on P-256, P-384, P-521 and \
                 secp256k1 and Ed25519 keys are"
            ),
            KeyError::InvalidKey { problem, .. } => problem.fmt(f),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for KeyError {}

impl fmt::Display for StructureProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StructureProblem::RsaVersion(v) => write!(
                f,
                "the RSAPrivateKey version is {v}; 0 (two-prime) is read (RFC 8017 A.1.2)"
            ),
            StructureProblem::RsaMultiPrime => f.write_str(
                "multi-prime RSA private keys (version 1) are not supported; two-prime keys \
                 (version 0) are (RFC 8017 A.1.2)",
            ),
            StructureProblem::RsaParametersNotNull => f.write_str(
                "the rsaEncryption parameters must be NULL (RFC 3279 §2.3.1, RFC 8017 A.1)",
            ),
            StructureProblem::Ed25519Parameters => {
                f.write_str("the id-Ed25519 parameters must be absent (RFC 8410 §3)")
            }
            StructureProblem::EcParametersMissing => {
                f.write_str("id-ecPublicKey needs parameters naming the curve (RFC 5480 §2.1.1)")
            }
            StructureProblem::EcImplicitCurve => f.write_str(
                "implicitCurve (NULL) parameters name no curve; RFC 5480 §2.1.1 requires \
                 namedCurve",
            ),
            StructureProblem::EcVersion(v) => write!(
                f,
                "the ECPrivateKey version is {v}; it must be 1 (RFC 5915 §3)"
            ),
            StructureProblem::EcCurveMissing => f.write_str(
                "the EC PRIVATE KEY does not name its curve in [0] parameters, which \
                 RFC 5915 §3 requires",
            ),
            StructureProblem::EcCurveMismatch => f.write_str(
                "the ECPrivateKey [0] parameters name another curve than the PKCS #8 \
                 AlgorithmIdentifier (RFC 5915 §3)",
            ),
            StructureProblem::Pkcs8Version(v) => write!(
                f,
                "the PKCS #8 version is {v}; 0 (v1) and 1 (v2) are defined (RFC 5958 §2)"
            ),
            StructureProblem::Pkcs8PublicKeyInV1 => f.write_str(
                "a PKCS #8 v1 key carries publicKey [1], which needs version v2 (RFC 5958 §2)",
            ),
            StructureProblem::Pkcs8V2WithoutPublicKey => f.write_str(
                "a PKCS #8 v2 key lacks publicKey [1]; without it the version is v1 \
                 (RFC 5958 §2)",
            ),
            StructureProblem::CertificateVersion(v) => write!(
                f,
                "the certificate's version field is {v}; only v2 (1) and v3 (2) are written, \
                 v1 is left out as the DEFAULT (RFC 5280 §4.1.2.1, X.690 §11.5)"
            ),
        }
    }
}

impl fmt::Display for InvalidKeyProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InvalidKeyProblem::Ed25519Length(n) => write!(
                f,
                "the Ed25519 key is {n} octets; it must be 32 (RFC 8410 §3, §7)"
            ),
            InvalidKeyProblem::PublicKeyMismatch => f.write_str(
                "the private key file carries two different public keys (RFC 5958 §2, \
                 RFC 5915 §3)",
            ),
        }
    }
}
