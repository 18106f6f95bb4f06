//! PKCS #1 RSA keys, [RFC 8017 Appendix A.1]: RSAPublicKey and the
//! two-prime RSAPrivateKey.
//!
//! ```text
//! RSAPublicKey ::= SEQUENCE {            RSAPrivateKey ::= SEQUENCE {
//!     modulus         INTEGER,  -- n         version          Version,  -- 0
//!     publicExponent  INTEGER } -- e         modulus          INTEGER,  -- n
//!                                            publicExponent   INTEGER,  -- e
//!                                            privateExponent  INTEGER,  -- d
//!                                            prime1           INTEGER,  -- p
//!                                            prime2           INTEGER,  -- q
//!                                            exponent1        INTEGER,  -- d mod (p-1)
//!                                            exponent2        INTEGER,  -- d mod (q-1)
//!                                            coefficient      INTEGER,  -- q^-1 mod p
//!                                            otherPrimeInfos  OtherPrimeInfos OPTIONAL }
//! ```
//!
//! Every INTEGER must be positive (RFC 8017 §3.1, §3.2 define them as
//! positive integers): zero and negative values are refused as not the
//! structure. Version 1 (multi-prime, with otherPrimeInfos) is refused:
//! JWS RSA keys are two-prime (RFC 7518 §6.3.2.7 marks `oth` as rare, and
//! the command line contract names the five CRT values only).
//!
//! [RFC 8017 Appendix A.1]: https://www.rfc-editor.org/rfc/rfc8017#appendix-A.1

use super::error::StructureProblem;
use super::{KeyError, PrivateKeyInfo, PublicKeyInfo, RsaPrivateComponents};
use crate::crypto::der::{Reader, Writer};
use alloc::vec::Vec;

/// Parses a DER RSAPublicKey (the `RSA PUBLIC KEY` PEM label).
///
/// # Errors
///
/// [`KeyError::Der`] for DER that is not strict, not two INTEGERs, or an
/// INTEGER that is not positive.
pub fn parse_rsa_public_key(der: &[u8]) -> Result<PublicKeyInfo, KeyError> {
    let mut outer = Reader::new(der)?;
    let (n, e) = read_rsa_public_key(&mut outer)?;
    outer.finish()?;
    Ok(PublicKeyInfo::Rsa { n, e })
}

/// Reads one RSAPublicKey SEQUENCE: `(n, e)`.
pub(super) fn read_rsa_public_key(r: &mut Reader<'_>) -> Result<(Vec<u8>, Vec<u8>), KeyError> {
    let mut fields = r.sequence()?;
    let n = fields.positive_integer()?.to_vec();
    let e = fields.positive_integer()?.to_vec();
    fields.finish()?;
    Ok((n, e))
}

/// Parses a DER two-prime RSAPrivateKey (the `RSA PRIVATE KEY` PEM label).
///
/// # Errors
///
/// [`KeyError::Der`] as for [`parse_rsa_public_key`] (otherPrimeInfos in a
/// version 0 key are trailing data); [`KeyError::Structure`] with
/// [`StructureProblem::RsaMultiPrime`] for version 1 and
/// [`StructureProblem::RsaVersion`] for any other.
pub fn parse_rsa_private_key(der: &[u8]) -> Result<PrivateKeyInfo, KeyError> {
    let mut outer = Reader::new(der)?;
    let key = read_rsa_private_key(&mut outer)?;
    outer.finish()?;
    Ok(PrivateKeyInfo::Rsa(key))
}

/// Reads one RSAPrivateKey SEQUENCE.
pub(super) fn read_rsa_private_key(r: &mut Reader<'_>) -> Result<RsaPrivateComponents, KeyError> {
    let mut fields = r.sequence()?;
    let version_offset = fields.offset();
    match fields.small_unsigned()? {
        0 => {}
        1 => {
            return Err(KeyError::structure(
                StructureProblem::RsaMultiPrime,
                version_offset,
            ))
        }
        v => {
            return Err(KeyError::structure(
                StructureProblem::RsaVersion(v),
                version_offset,
            ))
        }
    }
    let mut next = || fields.positive_integer().map(<[u8]>::to_vec);
    let key = RsaPrivateComponents {
        n: next()?,
        e: next()?,
        d: next()?,
        p: next()?,
        q: next()?,
        dp: next()?,
        dq: next()?,
        qi: next()?,
    };
    fields.finish()?;
    Ok(key)
}

/// Writes an RSAPublicKey in DER from the big-endian `n` and `e`.
///
/// ```
/// use barejwt::crypto::pkix::{parse_rsa_public_key, write_rsa_public_key, PublicKeyInfo};
///
/// let der = write_rsa_public_key(&[0xc5, 0x01], &[0x01, 0x00, 0x01]);
/// assert_eq!(der, [0x30, 0x0a, 0x02, 0x03, 0x00, 0xc5, 0x01, 0x02, 0x03, 0x01, 0x00, 0x01]);
/// let PublicKeyInfo::Rsa { n, e } = parse_rsa_public_key(&der).unwrap() else { panic!() };
/// assert_eq!((&n[..], &e[..]), (&[0xc5, 0x01][..], &[0x01, 0x00, 0x01][..]));
/// ```
pub fn write_rsa_public_key(n: &[u8], e: &[u8]) -> Vec<u8> {
    let mut w = Writer::new();
    write_rsa_public_key_into(&mut w, n, e);
    w.into_vec()
}

/// Appends an RSAPublicKey.
pub(super) fn write_rsa_public_key_into(w: &mut Writer, n: &[u8], e: &[u8]) {
    w.sequence(|w| {
        w.integer(n);
        w.integer(e);
    });
}

/// Writes a two-prime RSAPrivateKey (version 0) in DER.
pub fn write_rsa_private_key(key: &RsaPrivateComponents) -> Vec<u8> {
    let mut w = Writer::new();
    write_rsa_private_key_into(&mut w, key);
    w.into_vec()
}

/// Appends a two-prime RSAPrivateKey.
pub(super) fn write_rsa_private_key_into(w: &mut Writer, key: &RsaPrivateComponents) {
    w.sequence(|w| {
        w.small_integer(0);
        for value in [
            &key.n, &key.e, &key.d, &key.p, &key.q, &key.dp, &key.dq, &key.qi,
        ] {
            w.integer(value);
        }
    });
}
