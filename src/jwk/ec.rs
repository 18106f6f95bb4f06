//! `EC` JWKs (RFC 7518 §6.2): `crv` (`P-256`, `P-384`, `P-521`, or
//! `secp256k1` of RFC 8812 §3.1), the point in `x` and `y`, and for a
//! private key `d`; each canonical base64url of exactly the field's or the
//! order's size (the command line contract, "Unusable keys"). Other curves
//! are not supported: skipped in a set, [`crate::ErrorKind::InvalidKey`] for
//! every algorithm when used alone.

use super::okp::{octets, secret_octets};
use super::{invalid, optional_string, KeysPerAlg};
use crate::crypto::ec::Curve;
use crate::error::Error;
use crate::json::Object;
use crate::keys::AsymmetricKey;
use alloc::string::String;
use alloc::vec::Vec;

/// What an `EC` JWK's `crv` says.
pub(super) enum Read {
    /// One of the four curves: the key and its one bound key, or why the
    /// members are unusable.
    Supported(Curve, Result<(AsymmetricKey, KeysPerAlg), Error>),
    /// `crv` is absent or not a string: unusable, on no known curve.
    NoCurve(Error),
    /// A curve this crate does not support.
    Unsupported(String),
}

/// Reads `crv`, `x`, `y` and `d`. `alg`: the JWK's own `alg`; the key's
/// one algorithm is served only if it is that one.
pub(super) fn ec_key(object: &Object, alg: Option<&str>) -> Read {
    let crv = match optional_string(object, "crv") {
        Ok(Some(crv)) => crv,
        Ok(None) => {
            return Read::NoCurve(invalid(
                "JWK of type \"EC\" has no \"crv\" (RFC 7518 §6.2.1.1)",
            ))
        }
        Err(e) => return Read::NoCurve(e),
    };
    let Some(curve) = Curve::from_name(&crv) else {
        return Read::Unsupported(crv);
    };
    let key = read_key(object, curve).map(|key| {
        let own = crate::keys::ec_algorithm(curve);
        let keys = match alg {
            Some(bound) if bound != own.as_str() => Vec::new(),
            _ => alloc::vec![(own, key.key(own))],
        };
        (key, keys)
    });
    Read::Supported(curve, key)
}

fn read_key(object: &Object, curve: Curve) -> Result<AsymmetricKey, Error> {
    let x =
        octets(object, "x")?.ok_or_else(|| invalid("EC JWK has no \"x\" (RFC 7518 §6.2.1.2)"))?;
    let y =
        octets(object, "y")?.ok_or_else(|| invalid("EC JWK has no \"y\" (RFC 7518 §6.2.1.3)"))?;
    match secret_octets(object, "d")? {
        Some(mut d) => {
            let key = AsymmetricKey::ec_private(curve, &d, &x, &y);
            d.fill(0);
            key
        }
        None => AsymmetricKey::ec_public(curve, &x, &y),
    }
}
