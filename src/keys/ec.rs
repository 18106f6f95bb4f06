//! ECDSA keys for ES256, ES384, ES512 (RFC 7518 §3.4) and ES256K
//! (RFC 8812): the JOSE side of [`crate::crypto::ec`].
//!
//! Each algorithm has one curve (ES256 P-256, ES384 P-384, ES512 P-521,
//! ES256K secp256k1), so a key fits exactly one algorithm. A private key's
//! public point is always computed from `d`; a public point carried beside
//! it (JWK `x`/`y`, SEC 1 `publicKey`, RFC 5958 `publicKey`) must equal it.
//! The signature rules are the primitive's (the command line contract,
//! "Signatures"): R ‖ S of exactly twice the order's size, r and s in
//! 1..n−1, a high S valid.

use crate::alg::Algorithm;
use crate::crypto::ec::{Curve, EcError, EcPrivateKey, EcPublicKey};
use crate::error::{Error, ErrorKind};
use alloc::format;
use alloc::vec::Vec;

/// An EC public key, or a private key with its computed public key.
#[derive(Clone)]
pub(crate) enum EcKey {
    Public(EcPublicKey),
    Private(EcPrivateKey),
}

/// The one curve `alg` signs with.
pub(crate) fn curve_of(alg: Algorithm) -> Option<Curve> {
    match alg {
        Algorithm::Es256 => Some(Curve::P256),
        Algorithm::Es384 => Some(Curve::P384),
        Algorithm::Es512 => Some(Curve::P521),
        Algorithm::Es256K => Some(Curve::Secp256k1),
        _ => None,
    }
}

/// The one algorithm that signs with `curve`.
pub(crate) fn algorithm_of(curve: Curve) -> Algorithm {
    match curve {
        Curve::P256 => Algorithm::Es256,
        Curve::P384 => Algorithm::Es384,
        Curve::P521 => Algorithm::Es512,
        Curve::Secp256k1 => Algorithm::Es256K,
    }
}

/// Where a private key's `d` comes from: a JWK wants exactly the order's
/// size; a key file's leading zero octets are ignored (older encoders wrote
/// them shorter), as the contract says.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum ScalarSource {
    Jwk,
    KeyFile,
}

/// What a private key carries as its public half, to be checked against
/// the one `d` gives.
pub(crate) enum CarriedPublic<'a> {
    None,
    /// A SEC 1 point encoding (a key file's `publicKey`).
    Point(&'a [u8]),
    /// JWK `x` and `y`.
    Coordinates(&'a [u8], &'a [u8]),
}

impl EcKey {
    /// A public key from a SEC 1 point encoding (SPKI: uncompressed or
    /// compressed).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`] naming the rule broken.
    pub(crate) fn from_point(curve: Curve, point: &[u8]) -> Result<EcKey, Error> {
        EcPublicKey::from_sec1(curve, point)
            .map(EcKey::Public)
            .map_err(key_error)
    }

    /// A public key from JWK `x` and `y` (each exactly the field's size).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`] naming the rule broken.
    pub(crate) fn from_coordinates(curve: Curve, x: &[u8], y: &[u8]) -> Result<EcKey, Error> {
        EcPublicKey::from_coordinates(curve, x, y)
            .map(EcKey::Public)
            .map_err(key_error)
    }

    /// A private key from `d`, checked against the public half it carries.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidKey`]: `d` of the wrong size or outside 1..n−1,
    /// or a carried public key that is not the one `d` gives.
    pub(crate) fn private(
        curve: Curve,
        d: &[u8],
        source: ScalarSource,
        carried: CarriedPublic<'_>,
    ) -> Result<EcKey, Error> {
        let len = curve.scalar_len();
        let key = match source {
            ScalarSource::Jwk => EcPrivateKey::from_scalar(curve, d).map_err(key_error)?,
            ScalarSource::KeyFile => {
                // The value's octets without leading zeros, left-padded.
                let start = d.iter().position(|&b| b != 0).unwrap_or(d.len());
                let value = d.get(start..).unwrap_or_default();
                if value.len() > len {
                    return Err(Error::new(
                        ErrorKind::InvalidKey,
                        format!(
                            "the {} private key's d needs {} octets; the order has {len}",
                            curve.name(),
                            value.len()
                        ),
                    ));
                }
                let mut padded = Vec::with_capacity(len);
                padded.resize(len - value.len(), 0u8);
                padded.extend_from_slice(value);
                let key = EcPrivateKey::from_scalar(curve, &padded).map_err(key_error);
                padded.fill(0);
                key?
            }
        };
        let public = key.public_key();
        let matches = match carried {
            CarriedPublic::None => true,
            CarriedPublic::Point(point) => EcPublicKey::from_sec1(curve, point)
                .is_ok_and(|p| p.to_uncompressed() == public.to_uncompressed()),
            CarriedPublic::Coordinates(x, y) => x == public.x() && y == public.y(),
        };
        if !matches {
            return Err(Error::new(
                ErrorKind::InvalidKey,
                format!(
                    "the {} public key carried with the private key is not the one its d gives",
                    curve.name()
                ),
            ));
        }
        Ok(EcKey::Private(key))
    }

    /// The key's curve.
    pub(crate) fn curve(&self) -> Curve {
        self.public_key().curve()
    }

    /// The public key (computed from `d` for a private key).
    pub(crate) fn public_key(&self) -> &EcPublicKey {
        match self {
            EcKey::Public(public) => public,
            EcKey::Private(private) => private.public_key(),
        }
    }

    /// The private key, if this is one.
    pub(crate) fn private_key(&self) -> Option<&EcPrivateKey> {
        match self {
            EcKey::Public(_) => None,
            EcKey::Private(private) => Some(private),
        }
    }

    /// Verifies `signature` (the decoded octets, R ‖ S) over `message`.
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
fn key_error(e: EcError) -> Error {
    Error::new(ErrorKind::InvalidKey, format!("{e}"))
}
