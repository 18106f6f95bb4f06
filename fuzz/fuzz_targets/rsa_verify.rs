//! RSA signature verification (RFC 8017 §8.1.2, §8.2.2) under the fixed
//! 2048-bit key of `vectors/keys/rsa2048.jwk.json`: never a panic, and
//!
//! - PKCS #1 v1.5 is deterministic, so a signature accepted for a message
//!   is the one the private key makes for it; any other is a forgery;
//! - the private key's signatures verify (v1.5 and PSS), and changing one
//!   bit (v1.5) or one octet (PSS) of them makes verification fail;
//! - a PSS signature the fuzzer wrote (it never sees the key's) is never
//!   accepted;
//! - `RsaPublicKey::from_be_bytes` accepts `(n, e)` exactly when the
//!   contract's rules say so (2048 to 8192 bits, n odd, e odd in 3..2^33,
//!   leading zero octets allowed), and keeps both values;
//! - `barejwt::verify` with RS256- and PS256-bound keys accepts only tokens
//!   whose signature verifies under the raw primitive, with the key's alg.
//!
//! Input layout: byte 0 picks the mode, the rest is its input.
//!
//! | mode | rest | checks |
//! | --- | --- | --- |
//! | 0 | hash, signature (256 octets, or all if fewer) ‖ message | v1.5 and PSS verdicts on a fuzzer's signature |
//! | 1 | hash, bit (2) ‖ message | the key's v1.5 signature verifies, with one bit flipped does not |
//! | 2 | hash, salt seed (8), position (2), value ‖ message | the key's PSS signature verifies, with one octet changed does not |
//! | 3 | e length, e ‖ n | `from_be_bytes` against the rules |
//! | 4 | token | `barejwt::verify` under RS256 and PS256 |
//! | 5 | alg, position (2), value ‖ header 0x00 claims | the same, on a token signed here and changed at one octet (value 0: unchanged) |
#![no_main]

#[allow(dead_code)]
#[path = "oracle.rs"]
mod oracle;
#[allow(dead_code)]
#[path = "pk_common.rs"]
mod pk_common;

use barejwt::base64url;
use barejwt::crypto::rsa::{RsaHash, RsaPrivateKey, RsaPublicKey};
use barejwt::{verify, Algorithm, AsymmetricKey, Key, Validation};
use libfuzzer_sys::fuzz_target;
use pk_common::{jwk_object, member, strip_zeros, Deterministic};
use std::sync::OnceLock;

const PRIVATE_JWK: &str = include_str!("../../vectors/keys/rsa2048.jwk.json");
const PUBLIC_JWK: &str = include_str!("../../vectors/keys/rsa2048.public.jwk.json");
const HASHES: [RsaHash; 3] = [RsaHash::Sha256, RsaHash::Sha384, RsaHash::Sha512];

struct Fixed {
    private: RsaPrivateKey,
    public: RsaPublicKey,
    /// The public key bound to RS256 and to PS256.
    keys: [Key; 2],
    validation: Validation,
}

fn fixed() -> &'static Fixed {
    static FIXED: OnceLock<Fixed> = OnceLock::new();
    FIXED.get_or_init(|| {
        let private = jwk_object(PRIVATE_JWK);
        let public = jwk_object(PUBLIC_JWK);
        let m = |name| member(&private, name);
        let key = RsaPrivateKey::from_components(
            &m("n"),
            &m("e"),
            &m("d"),
            &m("p"),
            &m("q"),
            &m("dp"),
            &m("dq"),
            &m("qi"),
        )
        .expect("the private key file is a usable key");
        let (n, e) = (member(&public, "n"), member(&public, "e"));
        let public = RsaPublicKey::from_be_bytes(&n, &e).expect("the public key file");
        assert!(
            &public == key.public_key(),
            "the two key files do not match"
        );
        assert_eq!(public.bits(), 2048);
        let asymmetric = AsymmetricKey::rsa_public(&n, &e).expect("the public key file");
        Fixed {
            private: key,
            public,
            keys: [
                asymmetric.key(Algorithm::Rs256).expect("RSA fits RS256"),
                asymmetric.key(Algorithm::Ps256).expect("RSA fits PS256"),
            ],
            validation: Validation::new(&[Algorithm::Rs256, Algorithm::Ps256]).now(oracle::NOW),
        }
    })
}

fn hash(byte: u8) -> RsaHash {
    HASHES[usize::from(byte) % 3]
}

fn sign_pkcs1v15(hash: RsaHash, message: &[u8]) -> Vec<u8> {
    fixed()
        .private
        .sign_pkcs1v15(hash, message, &mut Deterministic(1))
        .expect("signing with a good key")
}

/// A fuzzer's signature: v1.5 accepted only if it is the key's, PSS never.
fn check_signature(hash: RsaHash, message: &[u8], signature: &[u8]) {
    let f = fixed();
    for other in HASHES {
        if f.public.verify_pkcs1v15(other, message, signature).is_ok() {
            assert_eq!(
                signature,
                &sign_pkcs1v15(other, message)[..],
                "a second PKCS #1 v1.5 signature accepted (forgery)"
            );
        }
    }
    assert!(
        f.public.verify_pss(hash, message, signature).is_err(),
        "a PSS signature accepted that the key did not make (forgery)"
    );
}

fn check_pkcs1v15(hash: RsaHash, bit: u16, message: &[u8]) {
    let f = fixed();
    let mut signature = sign_pkcs1v15(hash, message);
    assert_eq!(signature.len(), 256);
    assert_eq!(
        signature,
        sign_pkcs1v15(hash, message),
        "v1.5 signing is not deterministic"
    );
    assert_eq!(
        f.public.verify_pkcs1v15(hash, message, &signature),
        Ok(()),
        "the key's v1.5 signature does not verify"
    );
    for other in HASHES {
        if other != hash {
            assert!(
                f.public
                    .verify_pkcs1v15(other, message, &signature)
                    .is_err(),
                "a v1.5 signature verified under another hash"
            );
        }
    }
    assert!(
        f.public.verify_pss(hash, message, &signature).is_err(),
        "a v1.5 signature verified as PSS"
    );
    let bit = usize::from(bit) % (8 * signature.len());
    signature[bit / 8] ^= 1 << (bit % 8);
    assert!(
        f.public.verify_pkcs1v15(hash, message, &signature).is_err(),
        "a v1.5 signature with bit {bit} flipped still verifies"
    );
}

fn check_pss(hash: RsaHash, salt_seed: u64, position: u16, value: u8, message: &[u8]) {
    let f = fixed();
    let mut signature = f
        .private
        .sign_pss(hash, message, &mut Deterministic(salt_seed))
        .expect("signing with a good key");
    assert_eq!(signature.len(), 256);
    assert_eq!(
        f.public.verify_pss(hash, message, &signature),
        Ok(()),
        "the key's PSS signature does not verify"
    );
    assert!(
        f.public.verify_pkcs1v15(hash, message, &signature).is_err(),
        "a PSS signature verified as v1.5"
    );
    let position = usize::from(position) % signature.len();
    signature[position] ^= value.max(1);
    assert!(
        f.public.verify_pss(hash, message, &signature).is_err(),
        "a PSS signature changed at octet {position} still verifies"
    );
}

fn check_from_be_bytes(n: &[u8], e: &[u8]) {
    let result = RsaPublicKey::from_be_bytes(n, e);
    let (n_min, e_min) = (strip_zeros(n), strip_zeros(e));
    let bits = match n_min.first() {
        None => 0,
        Some(&top) => 8 * (n_min.len() - 1) + 8 - top.leading_zeros() as usize,
    };
    let e_value =
        (e_min.len() <= 8).then(|| e_min.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b)));
    let usable = (2048..=8192).contains(&bits)
        && n_min.last().is_some_and(|b| b & 1 == 1)
        && e_value.is_some_and(|e| e & 1 == 1 && (3..1 << 33).contains(&e));
    match result {
        Ok(key) => {
            assert!(
                usable,
                "an unusable (n, e) accepted: {bits} bits, e {e_min:02x?}"
            );
            assert_eq!(key.n_be(), n_min, "n changed");
            assert_eq!(Some(key.e()), e_value, "e changed");
            assert_eq!(key.bits(), bits);
            assert_eq!(key.modulus_len(), bits.div_ceil(8));
            // Verification under a fuzzer's key: no panic on any input.
            let k = key.modulus_len();
            let signature = &n[n.len().saturating_sub(k)..];
            for h in HASHES {
                let _ = key.verify_pkcs1v15(h, e, signature);
                let _ = key.verify_pss(h, e, signature);
            }
        }
        Err(error) => {
            assert!(!usable, "a usable (n, e) refused: {error}");
            assert!(error.is_key_error(), "a key refused with {error:?}");
        }
    }
}

/// Panics unless a token `barejwt::verify` accepted under a key bound to
/// `alg` has a canonical signature that verifies under the raw primitive
/// over its exact signing input, and header `alg` the key's.
fn check_accepted(token: &[u8], alg: Algorithm) {
    let parts: Vec<&[u8]> = token.split(|&b| b == b'.').collect();
    assert_eq!(parts.len(), 3, "accepted a token without three parts");
    let header = oracle::canonical_b64(parts[0]).expect("accepted a non-canonical header");
    oracle::canonical_b64(parts[1]).expect("accepted a non-canonical payload");
    let signature = oracle::canonical_b64(parts[2]).expect("accepted a non-canonical signature");
    let signing_input = &token[..parts[0].len() + 1 + parts[1].len()];
    let public = &fixed().public;
    let raw = match alg {
        Algorithm::Rs256 => public.verify_pkcs1v15(RsaHash::Sha256, signing_input, &signature),
        Algorithm::Ps256 => public.verify_pss(RsaHash::Sha256, signing_input, &signature),
        other => panic!("a key of {other:?}"),
    };
    assert_eq!(
        raw,
        Ok(()),
        "accepted a token whose signature does not verify"
    );
    let header = barejwt::json::parse(&header).expect("accepted a header that is not JSON");
    let header = header
        .as_object()
        .expect("accepted a header that is not an object");
    assert_eq!(
        header.get("alg").and_then(|v| v.as_str()),
        Some(alg.as_str()),
        "accepted a token of another alg than the key's"
    );
}

fn check_token(token: &[u8]) {
    let f = fixed();
    for key in &f.keys {
        if verify(token, key, &f.validation).is_ok() {
            check_accepted(token, key.algorithm());
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let [mode, rest @ ..] = data else {
        return;
    };
    match mode % 6 {
        0 => {
            let [h, rest @ ..] = rest else { return };
            let (signature, message) = rest.split_at(rest.len().min(256));
            check_signature(hash(*h), message, signature);
        }
        1 => {
            let [h, lo, hi, message @ ..] = rest else {
                return;
            };
            check_pkcs1v15(hash(*h), u16::from_le_bytes([*lo, *hi]), message);
        }
        2 => {
            let [h, rest @ ..] = rest else { return };
            let Some((salt, rest)) = rest.split_first_chunk::<8>() else {
                return;
            };
            let [lo, hi, value, message @ ..] = rest else {
                return;
            };
            let position = u16::from_le_bytes([*lo, *hi]);
            check_pss(hash(*h), pk_common::seed(salt), position, *value, message);
        }
        3 => {
            let [e_len, rest @ ..] = rest else { return };
            let (e, n) = rest.split_at(rest.len().min(usize::from(*e_len % 12)));
            check_from_be_bytes(n, e);
        }
        4 => check_token(rest),
        _ => {
            let [alg, lo, hi, value, rest @ ..] = rest else {
                return;
            };
            let split = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
            let (header, claims) = rest.split_at(split);
            let claims = claims.get(1..).unwrap_or_default();
            let mut token = base64url::encode(header);
            token.push('.');
            token.push_str(&base64url::encode(claims));
            let private = &fixed().private;
            let signature = if alg % 2 == 0 {
                sign_pkcs1v15(RsaHash::Sha256, token.as_bytes())
            } else {
                private
                    .sign_pss(RsaHash::Sha256, token.as_bytes(), &mut Deterministic(7))
                    .expect("signing with a good key")
            };
            token.push('.');
            token.push_str(&base64url::encode(&signature));
            let mut token = token.into_bytes();
            let position = usize::from(u16::from_le_bytes([*lo, *hi])) % token.len();
            token[position] ^= value;
            check_token(&token);
        }
    }
});
