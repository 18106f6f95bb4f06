//! RSA keys for RS256, RS384, RS512 (RSASSA-PKCS1-v1_5, RFC 7518 §3.3)
//! and PS256, PS384, PS512 (RSASSA-PSS, RFC 7518 §3.5): the JOSE side of
//! [`crate::crypto::rsa`].
//!
//! One RSA key fits all six algorithms (the contract: "RS* and PS*: an RSA
//! key"); a JWK's own `alg` narrows that to one. The key rules (modulus of
//! 2048 to 8192 bits and odd, exponent odd in 3..2^33, private values that
//! fit together) and the signature rules (exactly the modulus length, below
//! the modulus, the one encoding built and compared whole) are the
//! primitive's. Signing blinds the private operation with randomness from
//! the operating system's source (feature `std`), and PSS draws its salt
//! there.

use crate::alg::Algorithm;
use crate::crypto::rsa::{RsaError, RsaHash, RsaPrivateKey, RsaPublicKey};
use crate::error::{Error, ErrorKind};
use alloc::format;
use alloc::vec::Vec;

/// An RSA public key, or a private key with its public key.
#[derive(Clone)]
pub(crate) enum RsaKey {
    Public(RsaPublicKey),
    Private(RsaPrivateKey),
}

/// The padding and hash `alg` names, for the six RSA algorithms.
pub(crate) fn scheme_of(alg: Algorithm) -> Option<(Padding, RsaHash)> {
    Some(match alg {
        Algorithm::Rs256 => (Padding::Pkcs1v15, RsaHash::Sha256),
        Algorithm::Rs384 => (Padding::Pkcs1v15, RsaHash::Sha384),
        Algorithm::Rs512 => (Padding::Pkcs1v15, RsaHash::Sha512),
        Algorithm::Ps256 => (Padding::Pss, RsaHash::Sha256),
        Algorithm::Ps384 => (Padding::Pss, RsaHash::Sha384),
        Algorithm::Ps512 => (Padding::Pss, RsaHash::Sha512),
        _ => return None,
    })
}

/// RSASSA-PKCS1-v1_5 (RS*) or RSASSA-PSS (PS*).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Padding {
    Pkcs1v15,
    Pss,
}

impl RsaKey {
    /// A public key from `n` and `e` (big-endian; leading zero octets
    /// accepted).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`] naming the rule broken.
    pub(crate) fn public(n: &[u8], e: &[u8]) -> Result<RsaKey, Error> {
        RsaPublicKey::from_be_bytes(n, e)
            .map(RsaKey::Public)
            .map_err(key_error)
    }

    /// A private key from its eight components, every consistency rule of
    /// the contract checked.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`] naming the first rule broken.
    #[allow(clippy::too_many_arguments)] // the eight values of RFC 8017 §3.2
    pub(crate) fn private(
        n: &[u8],
        e: &[u8],
        d: &[u8],
        p: &[u8],
        q: &[u8],
        dp: &[u8],
        dq: &[u8],
        qi: &[u8],
    ) -> Result<RsaKey, Error> {
        RsaPrivateKey::from_components(n, e, d, p, q, dp, dq, qi)
            .map(RsaKey::Private)
            .map_err(key_error)
    }

    /// The public key.
    pub(crate) fn public_key(&self) -> &RsaPublicKey {
        match self {
            RsaKey::Public(public) => public,
            RsaKey::Private(private) => private.public_key(),
        }
    }

    /// The private key, if this is one.
    pub(crate) fn private_key(&self) -> Option<&RsaPrivateKey> {
        match self {
            RsaKey::Public(_) => None,
            RsaKey::Private(private) => Some(private),
        }
    }

    /// Verifies `signature` (the decoded octets) over `message` under
    /// `alg`'s padding and hash.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidSignature`] naming the rule that failed.
    pub(crate) fn verify(
        &self,
        alg: Algorithm,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), Error> {
        let Some((padding, hash)) = scheme_of(alg) else {
            return Err(not_rsa(alg));
        };
        let public = self.public_key();
        let checked = match padding {
            Padding::Pkcs1v15 => public.verify_pkcs1v15(hash, message, signature),
            Padding::Pss => public.verify_pss(hash, message, signature),
        };
        checked.map_err(|e| Error::new(ErrorKind::InvalidSignature, format!("{e}")))
    }

    /// The signature of `message` under `alg`, with the private key.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`] for a public key, or when randomness for
    /// blinding or the PSS salt cannot be had.
    pub(crate) fn sign(&self, alg: Algorithm, message: &[u8]) -> Result<Vec<u8>, Error> {
        let Some((padding, hash)) = scheme_of(alg) else {
            return Err(not_rsa(alg));
        };
        let Some(private) = self.private_key() else {
            return Err(Error::new(
                ErrorKind::InvalidKey,
                format!("the key is a public key; signing {alg} needs the private key"),
            ));
        };
        #[cfg(feature = "std")]
        {
            let mut rng = crate::crypto::rand::OsRandom;
            let signed = match padding {
                Padding::Pkcs1v15 => private.sign_pkcs1v15(hash, message, &mut rng),
                Padding::Pss => private.sign_pss(hash, message, &mut rng),
            };
            signed.map_err(|e| Error::new(ErrorKind::InvalidKey, format!("{e}")))
        }
        #[cfg(not(feature = "std"))]
        {
            let _ = (padding, hash, private, message);
            Err(Error::new(
                ErrorKind::InvalidKey,
                format!("signing {alg} needs randomness (blinding, and the PSS salt); without the std feature there is no random source"),
            ))
        }
    }
}

fn not_rsa(alg: Algorithm) -> Error {
    Error::new(
        ErrorKind::AlgorithmNotAllowed,
        format!("{alg} is not an RSA algorithm"),
    )
}

/// The error for a key the primitive refused.
fn key_error(e: RsaError) -> Error {
    Error::new(ErrorKind::InvalidKey, format!("{e}"))
}
