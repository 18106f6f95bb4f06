//! PKCS #8 private keys: PrivateKeyInfo ([RFC 5208 §5]) and its successor
//! OneAsymmetricKey ([RFC 5958 §2]).
//!
//! ```text
//! OneAsymmetricKey ::= SEQUENCE {
//!     version                   Version,              -- 0 (v1) or 1 (v2)
//!     privateKeyAlgorithm       AlgorithmIdentifier,
//!     privateKey                OCTET STRING,         -- DER of the key, below
//!     attributes            [0] IMPLICIT Attributes OPTIONAL,
//!     ...,
//!     [[2: publicKey        [1] IMPLICIT BIT STRING OPTIONAL ]],  -- v2 only
//!     ... }
//!
//! rsaEncryption    privateKey holds RSAPrivateKey    RFC 8017 A.1.2
//! id-ecPublicKey   privateKey holds ECPrivateKey     RFC 5915 §3 (curve from the AlgorithmIdentifier)
//! id-Ed25519       privateKey holds CurvePrivateKey  RFC 8410 §7: an OCTET STRING of 32 octets
//! ```
//!
//! The version must match the content (RFC 5958 §2: "If publicKey is
//! present, then version is set to v2 else version is set to v1"), in both
//! directions. `attributes` are skipped unread (no key property lives
//! there); fields after `publicKey`, which the extension marker allows in
//! future versions, are refused as trailing data. Encrypted PKCS #8
//! (EncryptedPrivateKeyInfo) is refused by its PEM label before reaching
//! here.
//!
//! A publicKey is returned with the key (Ed25519, EC) or compared with the
//! key's own (RSA: `n` and `e`; EC: SEC 1's `[1]` when both are present);
//! checking that it belongs to the private value needs arithmetic and is
//! the caller's.
//!
//! [RFC 5208 §5]: https://www.rfc-editor.org/rfc/rfc5208#section-5
//! [RFC 5958 §2]: https://www.rfc-editor.org/rfc/rfc5958#section-2

use super::algorithm::{key_algorithm, read_algorithm_identifier, KeyAlgorithm};
use super::error::{InvalidKeyProblem, StructureProblem};
use super::pkcs1::{read_rsa_private_key, read_rsa_public_key, write_rsa_private_key_into};
use super::sec1::{read_ec_private_key, write_ec_private_key_into};
use super::{ed25519_octets, oid, KeyError, PrivateKeyInfo};
use crate::crypto::der::{context_constructed, context_primitive, Reader, Writer};
use alloc::vec::Vec;

/// `attributes [0] IMPLICIT SET OF Attribute`: constructed.
const ATTRIBUTES: u8 = context_constructed(0);
/// `publicKey [1] IMPLICIT BIT STRING`: primitive.
const PUBLIC_KEY: u8 = context_primitive(1);

/// Parses a DER PKCS #8 PrivateKeyInfo or OneAsymmetricKey (the
/// `PRIVATE KEY` PEM label): RSA, EC on a named curve, Ed25519.
///
/// # Errors
///
/// [`KeyError::Der`] for DER that is not strict or not of the structures'
/// types (the outer one and the key inside); [`KeyError::Structure`] for a
/// version that is unknown or does not match the publicKey, and the
/// problems of the inner key; [`KeyError::UnsupportedAlgorithm`],
/// [`KeyError::ExplicitCurve`], [`KeyError::UnsupportedCurve`];
/// [`KeyError::InvalidKey`] for an Ed25519 value not of 32 octets or a
/// publicKey that differs from the key's own.
pub fn parse_pkcs8(der: &[u8]) -> Result<PrivateKeyInfo, KeyError> {
    let mut outer = Reader::new(der)?;
    let mut fields = outer.sequence()?;
    outer.finish()?;
    let version_offset = fields.offset();
    let version = fields.small_unsigned()?;
    let algorithm = read_algorithm_identifier(&mut fields)?;
    let private = fields.octet_string()?;
    let _attributes = fields.read_optional(ATTRIBUTES)?;
    let public = match fields.peek_tag() {
        Some(PUBLIC_KEY) => Some(fields.bit_string_tagged(PUBLIC_KEY)?),
        _ => None,
    };
    fields.finish()?;
    match (version, &public) {
        (0, None) | (1, Some(_)) => {}
        (0, Some(p)) => {
            return Err(KeyError::structure(
                StructureProblem::Pkcs8PublicKeyInV1,
                p.offset,
            ))
        }
        (1, None) => {
            return Err(KeyError::structure(
                StructureProblem::Pkcs8V2WithoutPublicKey,
                version_offset,
            ))
        }
        (v, _) => {
            return Err(KeyError::structure(
                StructureProblem::Pkcs8Version(v),
                version_offset,
            ))
        }
    }

    let mut inner = fields.enter(&private)?;
    let key = match key_algorithm(&algorithm)? {
        KeyAlgorithm::Rsa => {
            let key = read_rsa_private_key(&mut inner)?;
            if let Some(p) = &public {
                let mut r = fields.enter(p)?;
                let (n, e) = read_rsa_public_key(&mut r)?;
                r.finish()?;
                if n != key.n || e != key.e {
                    return Err(mismatch(p.offset));
                }
            }
            PrivateKeyInfo::Rsa(key)
        }
        KeyAlgorithm::Ec(curve) => {
            let key = read_ec_private_key(&mut inner, Some(curve))?;
            let outer_public = public.map(|p| (p.content.to_vec(), p.offset));
            let public = match (key.public, outer_public) {
                (Some(sec1), Some((p, offset))) if sec1 != p => return Err(mismatch(offset)),
                (sec1, outer) => sec1.or(outer.map(|(p, _)| p)),
            };
            PrivateKeyInfo::Ec {
                curve: key.curve,
                d: key.d,
                public,
            }
        }
        KeyAlgorithm::Ed25519 => {
            // RFC 8410 §7: CurvePrivateKey ::= OCTET STRING.
            let seed = inner.octet_string()?;
            let seed = ed25519_octets(seed.content, seed.content_offset)?;
            let public = match public {
                Some(p) => Some(ed25519_octets(p.content, p.content_offset)?),
                None => None,
            };
            PrivateKeyInfo::Ed25519 { seed, public }
        }
    };
    inner.finish()?;
    Ok(key)
}

/// The error for a publicKey that differs from the key's own.
fn mismatch(offset: usize) -> KeyError {
    KeyError::InvalidKey {
        problem: InvalidKeyProblem::PublicKeyMismatch,
        offset,
    }
}

/// Writes a PKCS #8 v1 PrivateKeyInfo in DER, as OpenSSL writes one: RSA
/// with the PKCS #1 RSAPrivateKey inside; EC with the curve in the
/// AlgorithmIdentifier and an ECPrivateKey without `[0]` but with `[1]`
/// when the point is given; Ed25519 with the seed only (the public key is
/// the seed's to derive).
///
/// ```
/// use barejwt::crypto::pkix::{parse_pkcs8, write_pkcs8, PrivateKeyInfo};
///
/// let key = PrivateKeyInfo::Ed25519 { seed: [9; 32], public: None };
/// let der = write_pkcs8(&key);
/// assert_eq!(der[..16], [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);
/// assert_eq!(parse_pkcs8(&der).unwrap(), key);
/// ```
pub fn write_pkcs8(key: &PrivateKeyInfo) -> Vec<u8> {
    let mut w = Writer::new();
    w.sequence(|w| {
        w.small_integer(0);
        match key {
            PrivateKeyInfo::Rsa(rsa) => {
                w.sequence(|w| {
                    w.oid(oid::RSA_ENCRYPTION);
                    w.null();
                });
                w.octet_string_with(|w| write_rsa_private_key_into(w, rsa));
            }
            PrivateKeyInfo::Ec { curve, d, public } => {
                w.sequence(|w| {
                    w.oid(oid::EC_PUBLIC_KEY);
                    w.oid(curve.oid());
                });
                w.octet_string_with(|w| write_ec_private_key_into(w, None, d, public.as_deref()));
            }
            PrivateKeyInfo::Ed25519 { seed, .. } => {
                w.sequence(|w| w.oid(oid::ED25519));
                w.octet_string_with(|w| w.octet_string(seed));
            }
        }
    });
    w.into_vec()
}
