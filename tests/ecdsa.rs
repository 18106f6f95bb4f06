//! ECDSA (`barejwt::crypto::ec`) against published vectors: Project
//! Wycheproof's P1363 files (every case: valid accepted, invalid refused,
//! acceptable decided and listed), RFC 6979 Appendix A.2.5–A.2.7
//! (deterministic signatures reproduced octet for octet), the JWS ES*
//! examples of RFC 7515 and RFC 7520 and the reference pack's constructed
//! ES384 token, and the named attacks: psychic signatures and DER.
//!
//! The timing test at the end is `#[ignore]`d; run it with
//! `cargo test --release --test ecdsa -- --ignored --nocapture`.
mod common;

use barejwt::crypto::ec::{Curve, EcError, EcPrivateKey, EcPublicKey};
use barejwt::json::{self, Value};

// ---------------------------------------------------------------- Wycheproof

const WYCHEPROOF_P256: &str =
    include_str!("../vectors/wycheproof/ecdsa_secp256r1_sha256_p1363_test.json");
const WYCHEPROOF_P384: &str =
    include_str!("../vectors/wycheproof/ecdsa_secp384r1_sha384_p1363_test.json");
const WYCHEPROOF_P521: &str =
    include_str!("../vectors/wycheproof/ecdsa_secp521r1_sha512_p1363_test.json");
const WYCHEPROOF_SECP256K1: &str =
    include_str!("../vectors/wycheproof/ecdsa_secp256k1_sha256_p1363_test.json");

/// What a file holds and what this implementation decided.
#[derive(Debug, Default, PartialEq, Eq)]
struct Tally {
    total: usize,
    valid: usize,
    invalid: usize,
    acceptable: usize,
    /// tcIds flagged EdgeCaseShamirMultiplication (u1·G + u2·Q meets an
    /// intermediate point at infinity or a doubling) or PointDuplication
    /// (R' = ±Q, so an addition is a doubling), all decided right.
    edge_cases: Vec<u64>,
}

fn str_of<'a>(v: &'a Value, name: &str) -> &'a str {
    v.as_object()
        .and_then(|o| o.get(name))
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no string `{name}`"))
}

fn get<'a>(v: &'a Value, name: &str) -> &'a Value {
    v.as_object()
        .and_then(|o| o.get(name))
        .unwrap_or_else(|| panic!("no `{name}`"))
}

fn hex(s: &str) -> Vec<u8> {
    common::hex(s).unwrap_or_else(|| panic!("not hex: {s}"))
}

/// Runs every test of one Wycheproof EcdsaP1363Verify file. Each group's
/// key goes through `from_sec1` (its uncompressed encoding). `acceptable`
/// cases must be listed in `acceptable` as (tcId, accepted?, reason); the
/// four files used here have none today, and a new one fails the test until
/// it is decided.
fn run_wycheproof(
    text: &str,
    curve: Curve,
    wycheproof_curve: &str,
    sha: &str,
    acceptable: &[(u64, bool, &str)],
) -> Tally {
    let doc = json::parse(text.as_bytes()).expect("Wycheproof JSON");
    assert_eq!(str_of(&doc, "schema"), "ecdsa_p1363_verify_schema_v1.json");
    let declared = get(&doc, "numberOfTests")
        .as_number()
        .and_then(|n| n.as_u64())
        .unwrap();
    let mut tally = Tally::default();
    for group in get(&doc, "testGroups").as_array().unwrap() {
        assert_eq!(str_of(group, "type"), "EcdsaP1363Verify");
        assert_eq!(str_of(group, "sha"), sha);
        let public = get(group, "publicKey");
        assert_eq!(str_of(public, "curve"), wycheproof_curve);
        let encoded = hex(str_of(public, "uncompressed"));
        let key = EcPublicKey::from_sec1(curve, &encoded)
            .unwrap_or_else(|e| panic!("group key refused: {e}"));
        assert_eq!(key.to_uncompressed(), encoded);
        for test in get(group, "tests").as_array().unwrap() {
            let id = get(test, "tcId")
                .as_number()
                .and_then(|n| n.as_u64())
                .unwrap();
            let comment = str_of(test, "comment");
            let msg = hex(str_of(test, "msg"));
            let sig = hex(str_of(test, "sig"));
            let flags: Vec<&str> = get(test, "flags")
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f.as_str().unwrap())
                .collect();
            if flags
                .iter()
                .any(|f| *f == "EdgeCaseShamirMultiplication" || *f == "PointDuplication")
            {
                tally.edge_cases.push(id);
            }
            let outcome = key.verify(&msg, &sig);
            tally.total += 1;
            match str_of(test, "result") {
                "valid" => {
                    tally.valid += 1;
                    assert!(
                        outcome.is_ok(),
                        "tcId {id} ({comment}, {flags:?}): {outcome:?}"
                    );
                }
                "invalid" => {
                    tally.invalid += 1;
                    let err =
                        outcome.expect_err(&format!("tcId {id} ({comment}, {flags:?}) accepted"));
                    assert!(err.is_signature_error(), "tcId {id}: {err}");
                    assert_eq!(err.curve(), curve);
                }
                "acceptable" => {
                    tally.acceptable += 1;
                    let Some((_, accept, reason)) = acceptable.iter().find(|(i, ..)| *i == id)
                    else {
                        panic!(
                            "tcId {id} ({comment}, {flags:?}) is `acceptable` and not listed: \
                             decide it; this implementation says {outcome:?}"
                        );
                    };
                    assert_eq!(outcome.is_ok(), *accept, "tcId {id}: listed as {reason}");
                }
                other => panic!("tcId {id}: result {other}"),
            }
        }
    }
    assert_eq!(tally.total as u64, declared, "numberOfTests");
    tally
}

#[test]
fn wycheproof_p256_sha256_p1363_every_case() {
    let tally = run_wycheproof(WYCHEPROOF_P256, Curve::P256, "secp256r1", "SHA-256", &[]);
    assert_eq!(
        tally,
        Tally {
            total: 262,
            valid: 173,
            invalid: 89,
            acceptable: 0,
            edge_cases: vec![60, 169, 204, 205, 221, 222, 223, 224],
        }
    );
}

#[test]
fn wycheproof_p384_sha384_p1363_every_case() {
    let tally = run_wycheproof(WYCHEPROOF_P384, Curve::P384, "secp384r1", "SHA-384", &[]);
    assert_eq!(
        tally,
        Tally {
            total: 280,
            valid: 193,
            invalid: 87,
            acceptable: 0,
            edge_cases: vec![60, 197, 228, 229, 245, 246, 247, 248],
        }
    );
}

#[test]
fn wycheproof_p521_sha512_p1363_every_case() {
    let tally = run_wycheproof(WYCHEPROOF_P521, Curve::P521, "secp521r1", "SHA-512", &[]);
    assert_eq!(
        tally,
        Tally {
            total: 318,
            valid: 231,
            invalid: 87,
            acceptable: 0,
            edge_cases: vec![60, 234, 269, 270, 286, 287, 288, 289],
        }
    );
}

#[test]
fn wycheproof_secp256k1_sha256_p1363_every_case() {
    let tally = run_wycheproof(
        WYCHEPROOF_SECP256K1,
        Curve::Secp256k1,
        "secp256k1",
        "SHA-256",
        &[],
    );
    assert_eq!(
        tally,
        Tally {
            total: 252,
            valid: 167,
            invalid: 85,
            acceptable: 0,
            edge_cases: vec![60, 165, 202, 203, 217, 218, 219, 220],
        }
    );
}

// ---------------------------------------------------------------- RFC 6979

const RFC6979: &str = include_str!("../vectors/ec/rfc6979.txt");

#[test]
fn rfc6979_deterministic_signatures_are_reproduced_exactly() {
    let mut checked = 0;
    for record in common::records(RFC6979) {
        let curve = Curve::from_name(record.str("Curve")).expect("a supported curve");
        let label = record.label();
        let key = EcPrivateKey::from_scalar(curve, &record.hex("X")).expect(&label);
        assert_eq!(key.public_key().x(), record.hex("Ux"), "{label}");
        assert_eq!(key.public_key().y(), record.hex("Uy"), "{label}");
        assert_eq!(key.scalar_bytes(), record.hex("X"), "{label}");
        let message = record.str("Message").as_bytes();
        let mut expected = record.hex("R");
        expected.extend(record.hex("S"));
        let signature = key.sign(message);
        assert_eq!(
            common::to_hex(&signature),
            common::to_hex(&expected),
            "{label}"
        );
        assert!(
            key.public_key().verify(message, &signature).is_ok(),
            "{label}"
        );
        // The same key imported from its coordinates verifies it too.
        let public =
            EcPublicKey::from_coordinates(curve, &record.hex("Ux"), &record.hex("Uy")).unwrap();
        assert!(public.verify(message, &signature).is_ok(), "{label}");
        assert!(public.verify(b"other", &signature).is_err(), "{label}");
        checked += 1;
    }
    assert_eq!(checked, 6);
}

// ---------------------------------------------------------------- JWS

const JWS: &str = include_str!("../vectors/ec/jws.txt");

#[test]
fn jws_es_examples_of_rfc7515_rfc7520_and_the_pack_verify() {
    let mut checked = 0;
    for record in common::records(JWS) {
        let curve = Curve::from_name(record.str("Curve")).expect("a supported curve");
        let label = record.label();
        assert_eq!(curve.jws_algorithm(), record.str("Alg"), "{label}");
        let key =
            EcPublicKey::from_coordinates(curve, &record.hex("X"), &record.hex("Y")).expect(&label);
        let input = record.str("SigningInput").as_bytes();
        let signature = record.hex("Signature");
        assert_eq!(signature.len(), curve.signature_len(), "{label}");
        assert!(key.verify(input, &signature).is_ok(), "{label}");
        // One flipped bit anywhere in the input or the signature fails.
        let mut wrong = signature.clone();
        wrong[signature.len() / 2 + 3] ^= 0x10;
        assert!(key.verify(input, &wrong).is_err(), "{label}");
        let mut other_input = input.to_vec();
        other_input[0] ^= 1;
        assert!(key.verify(&other_input, &signature).is_err(), "{label}");
        // The published private key gives the same public key, and signs
        // what this key verifies.
        if let Some(d) = record.get("D") {
            let private = EcPrivateKey::from_scalar(curve, &hex(d)).expect(&label);
            assert_eq!(*private.public_key(), key, "{label}");
            assert!(key.verify(input, &private.sign(input)).is_ok(), "{label}");
        }
        checked += 1;
    }
    assert_eq!(checked, 4);
}

// ---------------------------------------------------------------- attacks

/// n of each curve, big-endian.
fn order(curve: Curve) -> Vec<u8> {
    match curve {
        Curve::P256 => hex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"),
        Curve::P384 => hex(
            "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973",
        ),
        Curve::P521 => hex(
            "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\
             fa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409",
        ),
        Curve::Secp256k1 => {
            hex("fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141")
        }
    }
}

fn some_key(curve: Curve) -> EcPrivateKey {
    let mut d = vec![0u8; curve.scalar_len()];
    d[curve.scalar_len() - 1] = 7;
    d[1] = 0x42;
    EcPrivateKey::from_scalar(curve, &d).unwrap()
}

/// CVE-2022-21449 ("psychic signatures"): r = s = 0 made Java accept any
/// signature; r = s = n is the same attack reduced mod n. Both must fail
/// the range check of FIPS 186-5 §6.4.2 step 1, before any arithmetic.
#[test]
fn psychic_signatures_zero_and_the_order_are_refused() {
    for curve in Curve::ALL {
        let key = some_key(curve);
        let public = key.public_key();
        let len = curve.scalar_len();
        let n = order(curve);
        let zeros = vec![0u8; 2 * len];
        let order_twice = [n.clone(), n.clone()].concat();
        for message in [&b""[..], b"any message"] {
            for forged in [&zeros, &order_twice] {
                let err = public.verify(message, forged).unwrap_err();
                assert!(
                    matches!(err, EcError::SignatureRange { part: "r", .. }),
                    "{curve:?}: {err}"
                );
            }
        }
        // r valid, s = 0 or s = n.
        let good = key.sign(b"m");
        for bad_s in [vec![0u8; len], n.clone()] {
            let forged = [good[..len].to_vec(), bad_s].concat();
            let err = public.verify(b"m", &forged).unwrap_err();
            assert!(
                matches!(err, EcError::SignatureRange { part: "s", .. }),
                "{err}"
            );
        }
        assert!(public.verify(b"m", &good).is_ok());
    }
}

/// Encodes a signature as DER (SEQUENCE of two INTEGERs), the form X.509
/// uses and JWS does not (RFC 7518 §3.4).
fn der(signature: &[u8]) -> Vec<u8> {
    let (r, s) = signature.split_at(signature.len() / 2);
    let integer = |v: &[u8]| {
        let mut v: Vec<u8> = v.iter().copied().skip_while(|b| *b == 0).collect();
        if v.first().is_some_and(|b| b & 0x80 != 0) {
            v.insert(0, 0);
        }
        let mut out = vec![0x02, v.len() as u8];
        out.extend(v);
        out
    };
    let body = [integer(r), integer(s)].concat();
    let mut out = vec![0x30];
    if body.len() >= 0x80 {
        out.push(0x81);
    }
    out.push(body.len() as u8);
    out.extend(body);
    out
}

#[test]
fn der_encoded_signatures_are_refused() {
    for curve in Curve::ALL {
        let key = some_key(curve);
        let good = key.sign(b"payload");
        assert!(key.public_key().verify(b"payload", &good).is_ok());
        let encoded = der(&good);
        let err = key.public_key().verify(b"payload", &encoded).unwrap_err();
        assert!(matches!(err, EcError::SignatureLength { .. }), "{err}");
        assert!(err.is_signature_error() && !err.is_key_error());
        // Padded or truncated to the right length it is still no signature.
        let mut padded = encoded.clone();
        padded.resize(curve.signature_len(), 0);
        assert!(key.public_key().verify(b"payload", &padded).is_err());
    }
}

#[test]
fn high_s_is_valid_and_signing_does_not_normalise_it() {
    // s and n − s both verify (JWS has no low-S rule).
    for curve in Curve::ALL {
        let key = some_key(curve);
        let len = curve.scalar_len();
        let n = order(curve);
        let signature = key.sign(b"high s");
        let s = &signature[len..];
        // n − s, big-endian subtraction.
        let mut negated = vec![0u8; len];
        let mut borrow = 0i16;
        for i in (0..len).rev() {
            let d = i16::from(n[i]) - i16::from(s[i]) - borrow;
            negated[i] = d.rem_euclid(256) as u8;
            borrow = i16::from(d < 0);
        }
        let flipped = [signature[..len].to_vec(), negated].concat();
        assert!(key.public_key().verify(b"high s", &flipped).is_ok());
    }
}

// ---------------------------------------------------------------- keys

#[test]
fn public_keys_are_checked_at_the_door() {
    for curve in Curve::ALL {
        let key = some_key(curve).public_key().clone();
        let len = curve.field_len();
        let encoded = key.to_uncompressed();
        assert_eq!(encoded.len(), 1 + 2 * len);
        assert_eq!(EcPublicKey::from_sec1(curve, &encoded).unwrap(), key);
        // Compressed forms of both parities decode to the same point.
        let y_odd = encoded[2 * len] & 1;
        let mut compressed = vec![0x02 | y_odd];
        compressed.extend(&encoded[1..1 + len]);
        assert_eq!(EcPublicKey::from_sec1(curve, &compressed).unwrap(), key);
        compressed[0] ^= 1; // the other root: −Q
        let negated = EcPublicKey::from_sec1(curve, &compressed).unwrap();
        assert_ne!(negated, key);
        assert_eq!(negated.x(), key.x());

        let err = |bytes: &[u8]| EcPublicKey::from_sec1(curve, bytes).unwrap_err();
        assert!(matches!(err(&[0x00]), EcError::PointAtInfinity { .. }));
        assert!(matches!(
            err(&[]),
            EcError::PointEncoding {
                len: 0,
                prefix: None,
                ..
            }
        ));
        assert!(matches!(
            err(&encoded[..encoded.len() - 1]),
            EcError::PointEncoding { .. }
        ));
        let mut hybrid = encoded.clone();
        hybrid[0] = 0x06; // SEC 1 "hybrid" form: refused
        assert!(matches!(
            err(&hybrid),
            EcError::PointEncoding {
                prefix: Some(6),
                ..
            }
        ));
        let mut off_curve = encoded.clone();
        off_curve[2 * len] ^= 1;
        assert!(matches!(err(&off_curve), EcError::NotOnCurve { .. }));
        let mut too_big = vec![0x04];
        too_big.extend(vec![0xff; 2 * len]);
        assert!(matches!(err(&too_big), EcError::CoordinateRange { .. }));
        let x = key.x();
        let y = key.y();
        let short = &x[1..];
        assert!(matches!(
            EcPublicKey::from_coordinates(curve, short, &y),
            Err(EcError::CoordinateLength { .. })
        ));
        let mut long = vec![0u8];
        long.extend(&y);
        assert!(matches!(
            EcPublicKey::from_coordinates(curve, &x, &long),
            Err(EcError::CoordinateLength { .. })
        ));
        assert!(matches!(
            EcPublicKey::from_coordinates(curve, &vec![0; len], &vec![0; len]),
            Err(EcError::NotOnCurve { .. })
        ));
        assert!(err(&[0x00]).is_key_error());
        assert_eq!(
            format!("{:?}", key),
            format!("EcPublicKey {{ curve: {curve:?}, .. }}")
        );
    }
}

#[test]
fn private_scalars_outside_one_to_n_minus_one_are_refused() {
    for curve in Curve::ALL {
        let len = curve.scalar_len();
        let n = order(curve);
        let bad = |d: &[u8]| EcPrivateKey::from_scalar(curve, d).unwrap_err();
        assert!(matches!(bad(&vec![0; len]), EcError::ScalarRange { .. }));
        assert!(matches!(bad(&n), EcError::ScalarRange { .. }));
        assert!(matches!(bad(&vec![0xff; len]), EcError::ScalarRange { .. }));
        assert!(matches!(
            bad(&vec![1; len - 1]),
            EcError::ScalarLength { .. }
        ));
        assert!(matches!(
            bad(&vec![1; len + 1]),
            EcError::ScalarLength { .. }
        ));
        assert!(bad(&n).is_key_error());
        // n − 1 and 1 are keys; (n − 1)·G = −G.
        let mut n_minus_1 = n.clone();
        *n_minus_1.last_mut().unwrap() -= 1;
        let top = EcPrivateKey::from_scalar(curve, &n_minus_1).unwrap();
        let mut one = vec![0u8; len];
        one[len - 1] = 1;
        let bottom = EcPrivateKey::from_scalar(curve, &one).unwrap();
        assert_eq!(top.public_key().x(), bottom.public_key().x());
        assert_ne!(top.public_key().y(), bottom.public_key().y());
        for key in [&top, &bottom] {
            let sig = key.sign(b"edge");
            assert!(key.public_key().verify(b"edge", &sig).is_ok());
        }
        // Debug never shows d.
        let shown = format!("{top:?}");
        assert_eq!(shown, format!("EcPrivateKey {{ curve: {curve:?}, .. }}"));
    }
}

#[test]
fn generated_keys_sign_and_verify() {
    use barejwt::crypto::rand::OsRandom;
    for curve in Curve::ALL {
        let key = EcPrivateKey::generate(curve, &mut OsRandom).unwrap();
        assert_eq!(key.curve(), curve);
        assert_eq!(key.scalar_bytes().len(), curve.scalar_len());
        let again = EcPrivateKey::from_scalar(curve, &key.scalar_bytes()).unwrap();
        assert_eq!(again.public_key(), key.public_key());
        let signature = key.sign(b"fresh");
        assert_eq!(signature, again.sign(b"fresh"), "deterministic");
        assert!(key.public_key().verify(b"fresh", &signature).is_ok());
    }
}

#[test]
fn errors_name_the_rule_and_its_section() {
    let key = some_key(Curve::P256);
    let err = key.public_key().verify(b"m", &[0u8; 70]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the ES256 signature is 70 octets; R ‖ S is exactly 64 (RFC 7518 §3.4)"
    );
    let err = EcPublicKey::from_sec1(Curve::P256, &[0x05, 1, 2]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the P-256 public key is 3 octets starting 0x05; SEC 1 §2.3.4 accepts 04‖X‖Y (65 octets) or 02/03‖X (33 octets)"
    );
    let err = EcPrivateKey::from_scalar(Curve::P256, &[0u8; 32]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the P-256 private scalar d is not in 1 to n−1 (SEC 1 §3.2.1)"
    );
}

/// Random octets of random lengths (and of exactly the right lengths) at
/// every entry point: each gives a result or a typed error, never a panic.
#[test]
fn hostile_inputs_give_typed_errors_and_never_panic() {
    let mut rng = common::Rng::new(0xec);
    for curve in Curve::ALL {
        let key = some_key(curve);
        let public = key.public_key();
        let (flen, slen) = (curve.field_len(), curve.scalar_len());
        for round in 0..40 {
            let len = match round % 4 {
                0 => rng.below(3 * flen),
                1 => 1 + 2 * flen,
                2 => 1 + flen,
                _ => flen,
            };
            let mut bytes = rng.bytes(len);
            let prefix = [0x00, 0x02, 0x03, 0x04, 0x06][rng.below(5)];
            if let Some(first) = bytes.first_mut() {
                *first = prefix;
            }
            if let Err(e) = EcPublicKey::from_sec1(curve, &bytes) {
                assert!(e.is_key_error() && e.curve() == curve && !e.to_string().is_empty());
            }
            let y_len = if rng.one_in(4) { flen + 1 } else { flen };
            let (x, y) = (rng.bytes(flen), rng.bytes(y_len));
            if let Err(e) = EcPublicKey::from_coordinates(curve, &x, &y) {
                assert!(e.is_key_error());
            }
            let d_len = if rng.one_in(4) {
                rng.below(2 * slen)
            } else {
                slen
            };
            let d = rng.bytes(d_len);
            if let Err(e) = EcPrivateKey::from_scalar(curve, &d) {
                assert!(e.is_key_error());
            }
            let sig_len = if rng.one_in(2) {
                2 * slen
            } else {
                rng.below(3 * slen)
            };
            let signature = rng.bytes(sig_len);
            let err = public.verify(&bytes, &signature).unwrap_err();
            assert!(err.is_signature_error(), "{err}");
        }
    }
}

// ---------------------------------------------------------------- timing

/// Prints µs per verify, per sign and per public-key import for each
/// curve: the fastest of 20 batches, so that other load on the machine
/// distorts less. Run in release:
/// `cargo test --release --test ecdsa -- --ignored --nocapture`.
#[test]
#[ignore]
fn timing_of_verify_and_sign_per_curve() {
    use std::time::Instant;
    fn fastest(batch: u32, mut op: impl FnMut()) -> f64 {
        (0..20)
            .map(|_| {
                let start = Instant::now();
                for _ in 0..batch {
                    op();
                }
                start.elapsed().as_secs_f64() * 1e6 / f64::from(batch)
            })
            .fold(f64::MAX, f64::min)
    }
    for curve in Curve::ALL {
        let key = some_key(curve);
        let public = key.public_key().clone();
        let message = b"eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ0aW1pbmcifQ";
        let signature = key.sign(message);
        let encoded = public.to_uncompressed();
        let verify_us = fastest(100, || {
            assert!(public
                .verify(std::hint::black_box(message), &signature)
                .is_ok());
        });
        let sign_us = fastest(100, || {
            std::hint::black_box(key.sign(std::hint::black_box(message)));
        });
        let import_us = fastest(20, || {
            std::hint::black_box(EcPublicKey::from_sec1(curve, &encoded).unwrap());
        });
        println!(
            "{:>9}: verify {verify_us:7.1} µs, sign {sign_us:7.1} µs, public key import {import_us:7.1} µs",
            curve.name()
        );
    }
}
