//! The subject public key of an X.509 certificate, [RFC 5280 §4.1].
//!
//! ```text
//! Certificate ::= SEQUENCE {
//!     tbsCertificate       TBSCertificate,
//!     signatureAlgorithm   AlgorithmIdentifier,    -- skipped
//!     signatureValue       BIT STRING }            -- skipped
//!
//! TBSCertificate ::= SEQUENCE {
//!     version         [0]  EXPLICIT Version DEFAULT v1,   -- v2 (1) or v3 (2) when present
//!     serialNumber         INTEGER,                       -- minimal, any sign
//!     signature            AlgorithmIdentifier,           -- skipped
//!     issuer               Name,                          -- skipped
//!     validity             Validity,                      -- skipped
//!     subject              Name,                          -- skipped
//!     subjectPublicKeyInfo SubjectPublicKeyInfo,          -- read: spki.rs
//!     issuerUniqueID  [1]  IMPLICIT UniqueIdentifier OPTIONAL,  -- skipped
//!     subjectUniqueID [2]  IMPLICIT UniqueIdentifier OPTIONAL,  -- skipped
//!     extensions      [3]  EXPLICIT Extensions OPTIONAL }       -- skipped
//! ```
//!
//! **The certificate is not validated.** Its signature is not verified and
//! its issuer, validity, extensions and chain are not looked at: only the
//! subject public key is taken. "Skipped" fields are checked as one DER
//! element of the right tag and a strict length, and their insides are not
//! read. The serial number may be negative (RFC 5280 §4.1.2.2 forbids it but
//! asks users to cope with it); as a number it means nothing here.
//!
//! [RFC 5280 §4.1]: https://www.rfc-editor.org/rfc/rfc5280#section-4.1

use super::error::StructureProblem;
use super::spki::read_spki_fields;
use super::{KeyError, PublicKeyInfo};
use crate::crypto::der::{context_constructed, context_primitive, Reader, SEQUENCE};

/// Reads the subject public key of a DER X.509 certificate (the
/// `CERTIFICATE` PEM label), without validating the certificate.
///
/// # Errors
///
/// [`KeyError::Der`] for DER that is not strict or not of the structure's
/// types where it is read; [`KeyError::Structure`] for a version field
/// holding v1 or an unknown version; and the errors of
/// [`parse_spki`](super::parse_spki) for the key.
pub fn parse_certificate(der: &[u8]) -> Result<PublicKeyInfo, KeyError> {
    let mut outer = Reader::new(der)?;
    let mut certificate = outer.sequence()?;
    outer.finish()?;
    let mut tbs = certificate.sequence()?;
    let _signature_algorithm = certificate.read(SEQUENCE)?;
    let _signature_value = certificate.bit_string()?;
    certificate.finish()?;

    if let Some(mut version) = tbs.explicit(0)? {
        let offset = version.offset();
        let v = version.small_unsigned()?;
        version.finish()?;
        if v != 1 && v != 2 {
            return Err(KeyError::structure(
                StructureProblem::CertificateVersion(v),
                offset,
            ));
        }
    }
    let _serial_number = tbs.integer()?;
    let _signature = tbs.read(SEQUENCE)?;
    let _issuer = tbs.read(SEQUENCE)?;
    let _validity = tbs.read(SEQUENCE)?;
    let _subject = tbs.read(SEQUENCE)?;
    let spki = tbs.read(SEQUENCE)?;
    let _issuer_unique_id = tbs.read_optional(context_primitive(1))?;
    let _subject_unique_id = tbs.read_optional(context_primitive(2))?;
    let _extensions = tbs.read_optional(context_constructed(3))?;
    tbs.finish()?;

    let mut fields = tbs.enter(&spki)?;
    read_spki_fields(&mut fields)
}
