//! ECDSA (FIPS 186-5 §6.4.1) with a secret private scalar d: key
//! derivation (`from_scalar`: the range check of d, then d·G by the
//! constant-time comb) and deterministic signing (RFC 6979 §3.2: the
//! HMAC_DRBG nonce keyed by d, k·G, k⁻¹, s = k⁻¹·(e + r·d)), on every
//! curve; and key generation by rejection sampling from a secret source.
//!
//! Checked against RFC 6979 A.2.5, A.2.6 and A.2.7
//! (`vectors/ec/rfc6979.txt`: the public key and the signatures of
//! "sample" and "test") for P-256, P-384 and P-521. RFC 6979 has no
//! secp256k1 vector: its key is the repository's `ec-secp256k1.jwk.json`
//! (made by OpenSSL, whose `x` and `y` the derived public key must equal),
//! and its signatures are checked by verification.

use super::SecretRandom;
use crate::valgrind::{declassify_vec, make_mem_undefined};
use crate::vectors::{hex, records, to_hex};
use barejwt::crypto::ec::{Curve, EcPrivateKey, EcPublicKey};
use barejwt::crypto::rand::{OsRandom, RandomError, RandomSource};

/// RFC 6979 A.2.5–A.2.7: six records, two messages for each NIST curve.
const RFC6979: &str = include_str!("../../../vectors/ec/rfc6979.txt");
/// The repository's secp256k1 key (OpenSSL; `vectors/keys/README.md`).
const SECP256K1_JWK: &str = include_str!("../../../vectors/keys/ec-secp256k1.jwk.json");

/// The curve of a record's `Curve` field.
fn curve_of(name: &str) -> Curve {
    match Curve::from_name(name) {
        Some(curve) => curve,
        None => panic!("unknown curve {name}"),
    }
}

/// A string member of the one-level JSON object `json` (the JWK files
/// are flat and written by the repository's generator).
fn jwk_member(json: &str, name: &str) -> Vec<u8> {
    let key = format!("\"{name}\"");
    let value = json
        .split_once(&key)
        .and_then(|(_, rest)| rest.split_once(':'))
        .and_then(|(_, rest)| rest.split('"').nth(1));
    match value.map(|v| barejwt::base64url::decode(v.as_bytes())) {
        Some(Ok(bytes)) => bytes,
        _ => panic!("the JWK has no base64url member {name}"),
    }
}

/// The public key's coordinates, declassified: they leave the library as
/// the key's JWK `x` and `y`.
fn public_coordinates(key: &EcPrivateKey) -> (Vec<u8>, Vec<u8>) {
    let public = key.public_key();
    (declassify_vec(public.x()), declassify_vec(public.y()))
}

/// `key.sign(message)`, declassified: the signature leaves the library.
fn sign_and_publish(key: &EcPrivateKey, message: &[u8]) -> Vec<u8> {
    declassify_vec(key.sign(message))
}

/// Verifies a declassified signature with the declassified public key
/// (verification is public-data code and runs on public values only).
fn verify(curve: Curve, x: &[u8], y: &[u8], message: &[u8], signature: &[u8]) {
    let public = match EcPublicKey::from_coordinates(curve, x, y) {
        Ok(public) => public,
        Err(e) => panic!("{}: the derived public key: {e}", curve.name()),
    };
    assert_eq!(
        public.verify(message, signature),
        Ok(()),
        "{}: {}",
        curve.name(),
        to_hex(signature)
    );
    let mut other = message.to_vec();
    other.push(b'!');
    assert!(
        public.verify(&other, signature).is_err(),
        "{}",
        curve.name()
    );
}

/// The key of the scalar `d`, which is marked secret first.
fn key_of(curve: Curve, d: &[u8]) -> EcPrivateKey {
    let mut d = d.to_vec();
    make_mem_undefined(d.as_mut_slice());
    match EcPrivateKey::from_scalar(curve, &d) {
        Ok(key) => key,
        Err(e) => panic!("{}: {e}", curve.name()),
    }
}

/// The RFC 6979 records of `curve`, as (id, X, Ux, Uy, message, R ‖ S).
fn rfc6979_records(curve: Curve) -> Vec<[Vec<u8>; 6]> {
    records(RFC6979)
        .into_iter()
        .filter(|record| curve_of(record.text("Curve")) == curve)
        .map(|record| {
            let mut signature = record.bytes("R");
            signature.extend(record.bytes("S"));
            [
                record.text("Id").as_bytes().to_vec(),
                record.bytes("X"),
                record.bytes("Ux"),
                record.bytes("Uy"),
                record.text("Message").as_bytes().to_vec(),
                signature,
            ]
        })
        .collect()
}

/// `from_scalar` with d secret, then `sign` of public messages.
fn sign_on(curve: Curve) -> String {
    if curve == Curve::Secp256k1 {
        let d = jwk_member(SECP256K1_JWK, "d");
        let key = key_of(curve, &d);
        let (x, y) = public_coordinates(&key);
        assert_eq!(x, jwk_member(SECP256K1_JWK, "x"), "secp256k1: x");
        assert_eq!(y, jwk_member(SECP256K1_JWK, "y"), "secp256k1: y");
        let messages: [&[u8]; 2] = [b"sample", b"test"];
        for message in messages {
            let signature = sign_and_publish(&key, message);
            // RFC 6979 is deterministic: the same key and message, the same
            // signature.
            assert_eq!(sign_and_publish(&key, message), signature, "secp256k1");
            verify(curve, &x, &y, message, &signature);
        }
        return "the key of ec-secp256k1.jwk.json: public key as OpenSSL made it, \
                2 signatures (\"sample\", \"test\") deterministic and verified"
            .to_string();
    }
    let mut n = 0;
    for [id, d, ux, uy, message, published] in rfc6979_records(curve) {
        let id = String::from_utf8_lossy(&id).into_owned();
        let key = key_of(curve, &d);
        let (x, y) = public_coordinates(&key);
        assert_eq!((x, y), (ux, uy), "{id}: the public key");
        let signature = sign_and_publish(&key, &message);
        assert_eq!(signature, published, "{id}: {}", to_hex(&signature));
        n += 1;
    }
    assert_eq!(n, 2, "{}: RFC 6979 records", curve.name());
    format!("{n} RFC 6979 records (\"sample\", \"test\"): public key and signature as published")
}

/// `ecdsa-sign-p256`.
pub fn sign_p256() -> String {
    sign_on(Curve::P256)
}

/// `ecdsa-sign-p384`.
pub fn sign_p384() -> String {
    sign_on(Curve::P384)
}

/// `ecdsa-sign-p521`.
pub fn sign_p521() -> String {
    sign_on(Curve::P521)
}

/// `ecdsa-sign-secp256k1`.
pub fn sign_secp256k1() -> String {
    sign_on(Curve::Secp256k1)
}

/// A source that plays back whole draws in order, one per `fill_bytes`
/// (each as long as the request), then fails: never a source of secrets
/// outside this harness. Counts the draws taken.
struct Draws {
    draws: Vec<Vec<u8>>,
    taken: usize,
}

impl RandomSource for Draws {
    fn fill_bytes(&mut self, out: &mut [u8]) -> Result<(), RandomError> {
        let Some(draw) = self.draws.get(self.taken) else {
            return Err(RandomError);
        };
        assert_eq!(draw.len(), out.len(), "a draw of another length");
        out.copy_from_slice(draw);
        self.taken += 1;
        Ok(())
    }
}

/// The draws `generate` must refuse before `d`: all ones (above n on every
/// curve, also after P-521's masking to 521 bits), n itself and 0 (out of
/// 1..n−1).
fn refused_draws(curve: Curve, d: &[u8]) -> Vec<Vec<u8>> {
    let len = curve.scalar_len();
    let order = match curve {
        Curve::P256 => "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
        Curve::P384 => {
            "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf\
             581a0db248b0a77aecec196accc52973"
        }
        Curve::P521 => {
            "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\
             fa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409"
        }
        Curve::Secp256k1 => "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141",
    };
    let order = hex(order);
    assert_eq!(order.len(), len, "{}: n", curve.name());
    vec![vec![0xff; len], order, vec![0; len], d.to_vec()]
}

/// `generate` from a secret source: three refused draws, then a known
/// scalar (the RFC 6979 key, or the repository's secp256k1 key), whose
/// public key and signature are checked as in the signing case; then one
/// key from the operating system's generator, its signature verified.
fn generate_on(curve: Curve) -> String {
    let (d, ux, uy, message, published) = match rfc6979_records(curve).into_iter().next() {
        Some([_, d, ux, uy, message, published]) => (d, ux, uy, message, Some(published)),
        None => (
            jwk_member(SECP256K1_JWK, "d"),
            jwk_member(SECP256K1_JWK, "x"),
            jwk_member(SECP256K1_JWK, "y"),
            b"sample".to_vec(),
            None,
        ),
    };
    let mut draws = SecretRandom(Draws {
        draws: refused_draws(curve, &d),
        taken: 0,
    });
    let key = match EcPrivateKey::generate(curve, &mut draws) {
        Ok(key) => key,
        Err(e) => panic!("{}: {e}", curve.name()),
    };
    assert_eq!(draws.0.taken, 4, "{}: draws taken", curve.name());
    let (x, y) = public_coordinates(&key);
    assert_eq!((&x, &y), (&ux, &uy), "{}: the public key", curve.name());
    let signature = sign_and_publish(&key, &message);
    match published {
        Some(published) => assert_eq!(signature, published, "{}", curve.name()),
        None => verify(curve, &x, &y, &message, &signature),
    }

    let key = match EcPrivateKey::generate(curve, &mut SecretRandom(OsRandom)) {
        Ok(key) => key,
        Err(e) => panic!("{}: the OS generator: {e}", curve.name()),
    };
    let (x, y) = public_coordinates(&key);
    let message = b"a fresh key signs";
    let signature = sign_and_publish(&key, message);
    verify(curve, &x, &y, message, &signature);
    format!(
        "3 refused draws (all ones, n, 0) then the {} key: public key and signature {}; \
         one fresh key from {}, its signature verified",
        if curve == Curve::Secp256k1 {
            "ec-secp256k1.jwk.json"
        } else {
            "RFC 6979"
        },
        if curve == Curve::Secp256k1 {
            "verified"
        } else {
            "as published"
        },
        OsRandom::PATH
    )
}

/// `ecdsa-generate-p256`.
pub fn generate_p256() -> String {
    generate_on(Curve::P256)
}

/// `ecdsa-generate-p384`.
pub fn generate_p384() -> String {
    generate_on(Curve::P384)
}

/// `ecdsa-generate-p521`.
pub fn generate_p521() -> String {
    generate_on(Curve::P521)
}

/// `ecdsa-generate-secp256k1`.
pub fn generate_secp256k1() -> String {
    generate_on(Curve::Secp256k1)
}
