//! HMAC keys for HS256, HS384 and HS512 (RFC 7518 §3.2): a secret made
//! into its precomputed HMAC state once, when the key is made.
//!
//! The state is the two hash states after absorbing key⊕ipad and key⊕opad
//! (RFC 2104 §4, [`crate::crypto::hmac`]), so each MAC costs only the
//! message blocks and one outer compression. The secret must be at least as
//! long as the hash output (RFC 7518 §3.2: "A key of the same size as the
//! hash output ... or larger MUST be used"); a shorter one is accepted only
//! when the caller asks for it by name, and an empty one never.

use crate::alg::Algorithm;
use crate::crypto::hmac::{HmacSha256, HmacSha384, HmacSha512};
use crate::error::{Error, ErrorKind};
use alloc::format;
use alloc::string::String;

/// The precomputed HMAC state of one secret, for one hash.
#[derive(Clone)]
pub(crate) enum HmacKey {
    Sha256(HmacSha256),
    Sha384(HmacSha384),
    Sha512(HmacSha512),
}

impl HmacKey {
    /// The state of `secret` for `alg`. `allow_short`: accept a non-empty
    /// secret shorter than the hash output (legacy tokens only).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::AlgorithmNotAllowed`] when `alg` is not HS256/384/512;
    /// [`ErrorKind::InvalidKey`] for an empty secret, or a short one without
    /// `allow_short`.
    pub(crate) fn new(alg: Algorithm, secret: &[u8], allow_short: bool) -> Result<HmacKey, Error> {
        let min = min_secret_len(alg)?;
        if secret.is_empty() || (secret.len() < min && !allow_short) {
            return Err(short_secret(alg, secret.len(), min));
        }
        Ok(match alg {
            Algorithm::Hs384 => HmacKey::Sha384(HmacSha384::new(secret)),
            Algorithm::Hs512 => HmacKey::Sha512(HmacSha512::new(secret)),
            _ => HmacKey::Sha256(HmacSha256::new(secret)),
        })
    }

    /// The tag length: the hash output, 32, 48 or 64 bytes.
    pub(crate) fn tag_len(&self) -> usize {
        match self {
            HmacKey::Sha256(_) => 32,
            HmacKey::Sha384(_) => 48,
            HmacKey::Sha512(_) => 64,
        }
    }

    /// The MAC of `message`, written into `out`; returns its length.
    pub(crate) fn mac_into(&self, message: &[u8], out: &mut [u8; 64]) -> usize {
        fn copy(out: &mut [u8; 64], tag: &[u8]) -> usize {
            for (o, t) in out.iter_mut().zip(tag) {
                *o = *t;
            }
            tag.len()
        }
        match self {
            HmacKey::Sha256(k) => copy(out, &k.mac(message)),
            HmacKey::Sha384(k) => copy(out, &k.mac(message)),
            HmacKey::Sha512(k) => copy(out, &k.mac(message)),
        }
    }

    /// Whether `tag` is the MAC of `message`, compared in constant time
    /// ([`crate::crypto::ct::eq`]).
    pub(crate) fn verify(&self, message: &[u8], tag: &[u8]) -> bool {
        match self {
            HmacKey::Sha256(k) => k.verify(message, tag),
            HmacKey::Sha384(k) => k.verify(message, tag),
            HmacKey::Sha512(k) => k.verify(message, tag),
        }
    }
}

/// The shortest secret `alg` accepts: its hash output (RFC 7518 §3.2).
///
/// # Errors
///
/// [`ErrorKind::AlgorithmNotAllowed`] when `alg` is not an HMAC algorithm.
pub(crate) fn min_secret_len(alg: Algorithm) -> Result<usize, Error> {
    alg.hmac_output_len().ok_or_else(|| {
        Error::new(
            ErrorKind::AlgorithmNotAllowed,
            format!("{alg} is not an HMAC algorithm; an HMAC key is for HS256, HS384 or HS512"),
        )
    })
}

/// The error for an empty secret, or one of `len` bytes where `alg` needs
/// `min`.
pub(crate) fn short_secret(alg: Algorithm, len: usize, min: usize) -> Error {
    let reason = if len == 0 {
        String::from("the HMAC secret is empty; an empty secret is never a usable key")
    } else {
        format!(
            "the HMAC secret is {len} bytes; {alg} needs at least {min} (RFC 7518 §3.2) unless short keys are explicitly allowed"
        )
    };
    Error::new(ErrorKind::InvalidKey, reason)
}
