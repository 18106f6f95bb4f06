//! Ed25519 verification (RFC 8032 §5.1.7 under the contract's strict
//! rules) against the independent model in `ed25519_oracle.rs`: never a
//! panic, and the verdict on every public key and every signature is the
//! model's, rule for rule. The key is RFC 8032 §7.1 TEST 1's, so the model
//! knows the one signature its owner makes for each message; any other
//! signature that passes the encoding rules and verifies (a second valid
//! signature for a message, found without the private key) is a forgery or
//! a malleability flaw.
//!
//! Input layout: byte 0 picks the mode, the rest is its input.
//!
//! | mode | rest | checks |
//! | --- | --- | --- |
//! | 0 | signature (64 octets, or all if fewer) ‖ message | the verdict |
//! | 1 | kind, position, value ‖ message | the verdict on the genuine signature, changed: one octet, S + k·L, R's sign bit, R set to a small-order or non-canonical encoding |
//! | 2 | seed (32) ‖ message | a fuzzer's key: its public key is acceptable and its signature verifies, and not under TEST 1's key |
//! | 3 | public key (32 octets, or all if fewer) ‖ message | `from_bytes`' verdict; TEST 1's signature never verifies under another key |
//! | 4 | token | `barejwt::verify` with EdDSA- and Ed25519-bound keys: an accepted token was signed by the key |
//! | 5 | position (2), value ‖ header 0x00 claims | the same, on a token signed here and then changed at one octet (value 0: unchanged) |
#![no_main]

#[path = "ed25519_oracle.rs"]
mod ed25519_oracle;
#[allow(dead_code)]
#[path = "oracle.rs"]
mod oracle;

use barejwt::base64url;
use barejwt::crypto::ed25519::{Ed25519Error, Ed25519PrivateKey, Ed25519PublicKey};
use barejwt::{verify, Algorithm, AsymmetricKey, Key, Validation};
use ed25519_oracle::Verdict;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// RFC 8032 §7.1, TEST 1 (also RFC 8037 Appendix A.1's key).
const SEED: &str = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const PUBLIC: &str = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

fn hex32(text: &str) -> [u8; 32] {
    let mut out = [0u8; 32];
    for (o, pair) in out.iter_mut().zip(text.as_bytes().chunks(2)) {
        *o = u8::from_str_radix(std::str::from_utf8(pair).unwrap(), 16).unwrap();
    }
    out
}

struct Fixed {
    private: Ed25519PrivateKey,
    public: Ed25519PublicKey,
    /// The public key bound to `EdDSA` and to `Ed25519`.
    keys: [Key; 2],
    validation: Validation,
}

fn fixed() -> &'static Fixed {
    static FIXED: OnceLock<Fixed> = OnceLock::new();
    FIXED.get_or_init(|| {
        let public = hex32(PUBLIC);
        let private = Ed25519PrivateKey::from_seed(&hex32(SEED)).expect("a 32-octet seed");
        assert_eq!(
            private.public_key().as_bytes(),
            &public,
            "TEST 1's public key"
        );
        let asymmetric = AsymmetricKey::ed25519_public(&public).expect("TEST 1's public key");
        Fixed {
            private,
            public: Ed25519PublicKey::from_bytes(&public).expect("TEST 1's public key"),
            keys: [
                asymmetric
                    .key(Algorithm::EdDsa)
                    .expect("an Ed25519 key fits EdDSA"),
                asymmetric
                    .key(Algorithm::Ed25519)
                    .expect("an Ed25519 key fits Ed25519"),
            ],
            validation: Validation::new(&[Algorithm::EdDsa, Algorithm::Ed25519]).now(oracle::NOW),
        }
    })
}

/// The library's answer in the model's terms.
fn verdict(result: Result<(), Ed25519Error>) -> Verdict {
    match result {
        Ok(()) => Verdict::Accept,
        Err(Ed25519Error::PublicKeyLength(n) | Ed25519Error::SignatureLength(n)) => {
            Verdict::Length(n)
        }
        Err(Ed25519Error::PublicKeyNotCanonical) => Verdict::KeyNotCanonical,
        Err(Ed25519Error::PublicKeyNotOnCurve) => Verdict::KeyNotOnCurve,
        Err(Ed25519Error::PublicKeySmallOrder) => Verdict::KeySmallOrder,
        Err(Ed25519Error::SignatureSNotReduced) => Verdict::SNotReduced,
        Err(Ed25519Error::SignatureRNotCanonical) => Verdict::RNotCanonical,
        Err(Ed25519Error::SignatureRSmallOrder) => Verdict::RSmallOrder,
        Err(Ed25519Error::SignatureMismatch) => Verdict::Mismatch,
        Err(other) => panic!("verification gave a key-making error: {other:?}"),
    }
}

/// Verifies `signature` under TEST 1's key and compares with the model.
fn check_signature(message: &[u8], signature: &[u8]) {
    let f = fixed();
    let genuine = f.private.sign(message);
    assert_eq!(
        verdict(f.public.verify(message, &genuine)),
        Verdict::Accept,
        "the key's own signature does not verify"
    );
    let expected = ed25519_oracle::signature_verdict(signature, &genuine);
    let got = verdict(f.public.verify(message, signature));
    assert_eq!(
        got, expected,
        "verdict differs from the model (Accept by the library and Mismatch by the model: a second accepted signature)"
    );
}

/// The genuine signature for `message`, changed as `kind` says.
fn mutated(message: &[u8], kind: u8, position: u8, value: u8) -> [u8; 64] {
    let mut signature = fixed().private.sign(message);
    match kind % 4 {
        0 => signature[position as usize % 64] ^= value,
        1 => {
            // S + k·L, k in 1..=15, when it fits in 256 bits.
            let s: [u8; 32] = signature[32..].try_into().unwrap();
            if let Some(s) = ed25519_oracle::add_multiple_of_l(&s, 1 + u64::from(value % 15)) {
                signature[32..].copy_from_slice(&s);
            }
        }
        2 => {
            signature[31] ^= 0x80;
            signature[position as usize % 64] ^= value;
        }
        _ => {
            // R: one of the five small-order y (either sign bit), or the
            // non-canonical y + p for y < 19.
            let curve = ed25519_oracle::curve();
            let index = usize::from(value) % 24;
            let mut r = match curve.small_order_y.get(index) {
                Some(y) => ed25519_oracle::to_le_bytes(y),
                None => ed25519_oracle::to_le_bytes(&ed25519_oracle::p_plus(index as u64 - 5)),
            };
            r[31] |= (position & 1) << 7;
            signature[..32].copy_from_slice(&r);
        }
    }
    signature
}

/// Panics unless a token `barejwt::verify` accepted under a key bound to
/// `alg` is three canonical parts, signed by TEST 1's private key over its
/// exact signing input, with header `alg` the key's and claims in time.
fn check_accepted(token: &[u8], alg: Algorithm) {
    let parts: Vec<&[u8]> = token.split(|&b| b == b'.').collect();
    assert_eq!(parts.len(), 3, "accepted a token without three parts");
    let header = oracle::canonical_b64(parts[0]).expect("accepted a non-canonical header");
    let payload = oracle::canonical_b64(parts[1]).expect("accepted a non-canonical payload");
    let signature = oracle::canonical_b64(parts[2]).expect("accepted a non-canonical signature");
    let signing_input = &token[..parts[0].len() + 1 + parts[1].len()];
    assert_eq!(
        signature,
        fixed().private.sign(signing_input),
        "accepted a token whose signature the key did not make"
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
    assert!(
        header.get("crit").is_none(),
        "accepted a crit nobody understands"
    );
    let claims = barejwt::json::parse(&payload).expect("accepted claims that are not JSON");
    let claims = claims
        .as_object()
        .expect("accepted claims that are not an object");
    oracle::check_claims(claims, &oracle::Rules::default());
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
            let (signature, message) = rest.split_at(rest.len().min(64));
            check_signature(message, signature);
        }
        1 => {
            let [kind, position, value, message @ ..] = rest else {
                return;
            };
            check_signature(message, &mutated(message, *kind, *position, *value));
        }
        2 => {
            let Some((seed, message)) = rest.split_first_chunk::<32>() else {
                return;
            };
            let key = Ed25519PrivateKey::from_seed(seed).expect("a 32-octet seed");
            let public = key.public_key().as_bytes();
            assert_eq!(
                ed25519_oracle::public_key_verdict(public),
                Verdict::Accept,
                "a derived public key the model refuses"
            );
            let read = Ed25519PublicKey::from_bytes(public).expect("a derived public key reads");
            assert_eq!(&read, key.public_key());
            let signature = key.sign(message);
            assert_eq!(
                ed25519_oracle::signature_verdict(&signature, &signature),
                Verdict::Accept,
                "a signature out of the strict rules' range"
            );
            assert_eq!(read.verify(message, &signature), Ok(()));
            if public != fixed().public.as_bytes() {
                assert!(
                    fixed().public.verify(message, &signature).is_err(),
                    "another key's signature verified under TEST 1's key"
                );
            }
        }
        3 => {
            let (bytes, message) = rest.split_at(rest.len().min(32));
            let result = Ed25519PublicKey::from_bytes(bytes);
            assert_eq!(
                verdict(result.as_ref().map(|_| ()).map_err(|e| *e)),
                ed25519_oracle::public_key_verdict(bytes),
                "from_bytes differs from the model"
            );
            if let Ok(key) = result {
                assert_eq!(&key.as_bytes()[..], bytes, "the key is not its octets");
                let test1 = fixed().private.sign(message);
                assert_eq!(
                    key.verify(message, &test1).is_ok(),
                    key.as_bytes() == fixed().public.as_bytes(),
                    "TEST 1's signature verified under another key"
                );
            }
        }
        4 => check_token(rest),
        _ => {
            let [lo, hi, value, rest @ ..] = rest else {
                return;
            };
            let split = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
            let (header, claims) = rest.split_at(split);
            let claims = claims.get(1..).unwrap_or_default();
            let mut token = base64url::encode(header);
            token.push('.');
            token.push_str(&base64url::encode(claims));
            let signature = fixed().private.sign(token.as_bytes());
            token.push('.');
            token.push_str(&base64url::encode(&signature));
            let mut token = token.into_bytes();
            let position = usize::from(u16::from_le_bytes([*lo, *hi])) % token.len();
            token[position] ^= value;
            check_token(&token);
        }
    }
});
