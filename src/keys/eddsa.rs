//! Ed25519 keys for `EdDSA` (RFC 8037 §3.1) and `Ed25519` (RFC 9864 §2.2):
//! the JOSE side of [`crate::crypto::ed25519`].
//!
//! A key is a public key, or a private key (its seed) whose public key is
//! always derived from the seed, never taken from the caller (the API that
//! RUSTSEC-2022-0093 was about); a public key carried beside a seed (JWK
//! `x`, RFC 5958 `publicKey`) must equal the derived one. The strict
//! verification rules are the primitive's (the command line contract,
//! "Signatures"): S < L, R and A canonical and not of small order,
//! cofactorless, R compared by its encoding.

use crate::crypto::ed25519::{Ed25519Error, Ed25519PrivateKey, Ed25519PublicKey};
use crate::error::{Error, ErrorKind};
use alloc::format;

/// An Ed25519 public key, or a private key with its derived public key.
#[derive(Clone)]
pub(crate) enum EdKey {
    Public(Ed25519PublicKey),
    Private(Ed25519PrivateKey),
}

impl EdKey {
    /// A public key from its 32-octet encoding (JWK `x`, SPKI).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`]: not 32 octets, not canonical, not a
    /// point, or of small order.
    pub(crate) fn public(x: &[u8]) -> Result<EdKey, Error> {
        Ed25519PublicKey::from_bytes(x)
            .map(EdKey::Public)
            .map_err(key_error)
    }

    /// A private key from its 32-octet seed (JWK `d`, PKCS #8). `public`,
    /// when the source carries one, must equal the key the seed gives.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`]: a seed not of 32 octets, or a carried
    /// public key that differs.
    pub(crate) fn private(seed: &[u8], public: Option<&[u8]>) -> Result<EdKey, Error> {
        let key = Ed25519PrivateKey::from_seed(seed).map_err(key_error)?;
        if let Some(carried) = public {
            if carried != key.public_key().as_bytes() {
                return Err(Error::new(
                    ErrorKind::InvalidKey,
                    "the Ed25519 public key carried with the private key is not the one its seed gives",
                ));
            }
        }
        Ok(EdKey::Private(key))
    }

    /// The public key (derived from the seed for a private key).
    pub(crate) fn public_key(&self) -> &Ed25519PublicKey {
        match self {
            EdKey::Public(public) => public,
            EdKey::Private(private) => private.public_key(),
        }
    }

    /// The private key, if this is one.
    pub(crate) fn private_key(&self) -> Option<&Ed25519PrivateKey> {
        match self {
            EdKey::Public(_) => None,
            EdKey::Private(private) => Some(private),
        }
    }

    /// Verifies `signature` (the decoded octets) over `message`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidSignature`] naming the rule that failed.
    pub(crate) fn verify(&self, message: &[u8], signature: &[u8]) -> Result<(), Error> {
        self.public_key()
            .verify(message, signature)
            .map_err(|e| Error::new(ErrorKind::InvalidSignature, format!("{e}")))
    }
}

/// The error for a key the primitive refused.
fn key_error(e: Ed25519Error) -> Error {
    Error::new(ErrorKind::InvalidKey, format!("{e}"))
}
