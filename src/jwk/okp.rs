//! `OKP` JWKs (RFC 8037 §2): `crv` `Ed25519` with the public key in `x`
//! and, for a private key, the seed in `d`, each canonical base64url of 32
//! octets. Other curves of the type (Ed448, X25519, X448) are not
//! supported: skipped in a set, [`crate::ErrorKind::InvalidKey`] for every
//! algorithm when used alone (the command line contract, "Which key fits
//! which `alg`").

use super::{invalid, optional_string, KeysPerAlg};
use crate::alg::Algorithm;
use crate::base64url;
use crate::error::Error;
use crate::json::Object;
use crate::keys::AsymmetricKey;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

/// The algorithms an Ed25519 key may serve.
const ED25519_ALGS: [Algorithm; 2] = [Algorithm::EdDsa, Algorithm::Ed25519];

/// What an `OKP` JWK's `crv` says.
pub(super) enum Curve {
    /// `Ed25519`: the key, and one bound key per algorithm it may serve.
    Ed25519(Result<(AsymmetricKey, KeysPerAlg), Error>),
    /// A curve this crate does not support.
    Unsupported(String),
}

/// Reads `crv`, `x` and `d` (RFC 8037 §2). `alg`: the JWK's own `alg`,
/// which narrows the algorithms served to itself.
///
/// # Errors
///
/// [`crate::ErrorKind::InvalidKey`] when `crv` is absent or not a string.
pub(super) fn okp_key(object: &Object, alg: Option<&str>) -> Result<Curve, Error> {
    let crv = optional_string(object, "crv")?
        .ok_or_else(|| invalid("JWK of type \"OKP\" has no \"crv\" (RFC 8037 §2)"))?;
    if crv != "Ed25519" {
        return Ok(Curve::Unsupported(crv));
    }
    Ok(Curve::Ed25519(ed25519(object).map(|key| {
        let keys = ED25519_ALGS
            .into_iter()
            .filter(|a| alg.map_or(true, |bound| bound == a.as_str()))
            .map(|a| (a, key.key(a)))
            .collect();
        (key, keys)
    })))
}

fn ed25519(object: &Object) -> Result<AsymmetricKey, Error> {
    let x =
        octets(object, "x")?.ok_or_else(|| invalid("Ed25519 JWK has no \"x\" (RFC 8037 §2)"))?;
    match secret_octets(object, "d")? {
        Some(d) => AsymmetricKey::ed25519_private(&d, Some(&x)),
        None => AsymmetricKey::ed25519_public(&x),
    }
}

/// A member holding canonical base64url octets, when present.
pub(super) fn octets(object: &Object, name: &'static str) -> Result<Option<Vec<u8>>, Error> {
    member_octets(object, name, base64url::decode)
}

/// A private member's octets, decoded in constant time
/// ([`base64url::decode_secret`]).
pub(super) fn secret_octets(object: &Object, name: &'static str) -> Result<Option<Vec<u8>>, Error> {
    member_octets(object, name, base64url::decode_secret)
}

fn member_octets(
    object: &Object,
    name: &'static str,
    decode: fn(&[u8]) -> Result<Vec<u8>, base64url::DecodeError>,
) -> Result<Option<Vec<u8>>, Error> {
    let Some(text) = optional_string(object, name)? else {
        return Ok(None);
    };
    decode(text.as_bytes())
        .map(Some)
        .map_err(|e| invalid(format!("JWK \"{name}\" is not canonical base64url: {e}")))
}
