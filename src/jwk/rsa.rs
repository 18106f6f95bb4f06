//! `RSA` JWKs (RFC 7518 §6.3): `n` and `e`, and for a private key `d`, `p`,
//! `q`, `dp`, `dq` and `qi`, each canonical base64url of a big-endian
//! integer (leading zero octets in `n` and `e` accepted, as the command
//! line contract says). A private key must carry all five CRT members
//! (RFC 7518 §6.3.2: the "SHOULD" made a rule here, since barejwt signs
//! with CRT); multi-prime keys (`oth`, §6.3.2.7) are not supported.

use super::okp::{octets, secret_octets};
use super::{invalid, KeysPerAlg};
use crate::alg::Algorithm;
use crate::error::Error;
use crate::json::Object;
use crate::keys::AsymmetricKey;
use alloc::format;
use alloc::vec::Vec;

/// The algorithms an RSA key may serve.
const RSA_ALGS: [Algorithm; 6] = [
    Algorithm::Rs256,
    Algorithm::Rs384,
    Algorithm::Rs512,
    Algorithm::Ps256,
    Algorithm::Ps384,
    Algorithm::Ps512,
];

/// The private members besides `d`, all required with it.
const CRT_MEMBERS: [&str; 5] = ["p", "q", "dp", "dq", "qi"];

/// Reads the key, and one bound key per algorithm it may serve (only the
/// JWK's own `alg` when it names one).
///
/// # Errors
///
/// [`crate::ErrorKind::InvalidKey`] naming the member or rule at fault.
pub(super) fn rsa_key(
    object: &Object,
    alg: Option<&str>,
) -> Result<(AsymmetricKey, KeysPerAlg), Error> {
    let key = read_key(object)?;
    let keys = RSA_ALGS
        .into_iter()
        .filter(|a| alg.map_or(true, |bound| bound == a.as_str()))
        .map(|a| (a, key.key(a)))
        .collect();
    Ok((key, keys))
}

fn read_key(object: &Object) -> Result<AsymmetricKey, Error> {
    let member = |name: &'static str| octets(object, name);
    let secret = |name: &'static str| secret_octets(object, name);
    let n = member("n")?.ok_or_else(|| invalid("RSA JWK has no \"n\" (RFC 7518 §6.3.1.1)"))?;
    let e = member("e")?.ok_or_else(|| invalid("RSA JWK has no \"e\" (RFC 7518 §6.3.1.2)"))?;
    if object.get("oth").is_some() {
        return Err(invalid(
            "the RSA JWK has \"oth\": multi-prime keys (RFC 7518 §6.3.2.7) are not supported",
        ));
    }
    let Some(mut d) = secret("d")? else {
        for name in CRT_MEMBERS {
            if object.get(name).is_some() {
                return Err(invalid(format!(
                    "the RSA JWK has \"{name}\" but no \"d\" (RFC 7518 §6.3.2)"
                )));
            }
        }
        return AsymmetricKey::rsa_public(&n, &e);
    };
    let mut crt: Vec<Vec<u8>> = Vec::with_capacity(5);
    for name in CRT_MEMBERS {
        match secret(name)? {
            Some(value) => crt.push(value),
            None => {
                d.fill(0);
                crt.iter_mut().for_each(|v| v.fill(0));
                return Err(invalid(format!(
                    "the private RSA JWK has no \"{name}\": all of p, q, dp, dq and qi are required with d (RFC 7518 §6.3.2)"
                )));
            }
        }
    }
    let key = match crt.as_slice() {
        [p, q, dp, dq, qi] => AsymmetricKey::rsa_private(&n, &e, &d, p, q, dp, dq, qi),
        _ => Err(invalid(
            "the private RSA JWK's CRT members could not be read",
        )),
    };
    d.fill(0);
    crt.iter_mut().for_each(|v| v.fill(0));
    key
}
