//! Ed25519 (`barejwt::crypto::ed25519`) against published vectors:
//!
//! - RFC 8032 §7.1, all five tests (`vectors/ed25519/rfc8032.txt`): exact
//!   public keys and signatures, and verification;
//! - RFC 8037 A.4/A.5 (`vectors/ed25519/rfc8037.txt`): the JWS signature
//!   over its signing input;
//! - the twelve cases of "Taming the many EdDSAs"
//!   (`vectors/ed25519/speccheck.txt`), each with the contract's verdict;
//! - Wycheproof `ed25519_test.json` (`vectors/wycheproof/`), every case;
//!
//! then round trips on pseudo-random seeds and messages, tampering, and the
//! typed errors. `timing_of_verify_and_sign` is ignored: run it in release
//! (`cargo test --release --test ed25519 -- --ignored --nocapture`).
mod common;

use barejwt::crypto::ed25519::{
    Ed25519Error, Ed25519PrivateKey, Ed25519PublicKey, PUBLIC_KEY_LEN, SEED_LEN, SIGNATURE_LEN,
};
use barejwt::json::{self, Value};
use common::{hex, records, to_hex, Record, Rng};

const RFC8032: &str = include_str!("../vectors/ed25519/rfc8032.txt");
const RFC8037: &str = include_str!("../vectors/ed25519/rfc8037.txt");
const SPECCHECK: &str = include_str!("../vectors/ed25519/speccheck.txt");
const WYCHEPROOF: &str = include_str!("../vectors/wycheproof/ed25519_test.json");

fn seed_key(r: &Record) -> Ed25519PrivateKey {
    Ed25519PrivateKey::from_seed(&r.hex("Seed")).unwrap()
}

#[test]
fn rfc_8032_test_vectors_sign_exactly_and_verify() {
    let all = records(RFC8032);
    assert_eq!(all.len(), 5, "TEST 1, 2, 3, 1024, SHA(abc)");
    for r in &all {
        let key = seed_key(r);
        let message = r.hex("Message");
        let expected = r.hex("Signature");
        assert_eq!(
            &key.public_key().as_bytes()[..],
            &r.hex("PublicKey")[..],
            "{}",
            r.label()
        );
        assert_eq!(&key.sign(&message)[..], &expected[..], "{}", r.label());
        let public = Ed25519PublicKey::from_bytes(&r.hex("PublicKey")).unwrap();
        assert_eq!(public.verify(&message, &expected), Ok(()), "{}", r.label());
        // One flipped bit anywhere in the message or the signature fails.
        let mut bad = expected.clone();
        bad[17] ^= 0x10;
        assert!(public.verify(&message, &bad).is_err(), "{}", r.label());
        bad = expected.clone();
        bad[40] ^= 0x01;
        assert!(public.verify(&message, &bad).is_err(), "{}", r.label());
        let mut other = message.clone();
        other.push(0);
        assert_eq!(
            public.verify(&other, &expected),
            Err(Ed25519Error::SignatureMismatch),
            "{}",
            r.label()
        );
    }
}

#[test]
fn rfc_8037_eddsa_jws_signature_over_the_signing_input() {
    let all = records(RFC8037);
    assert_eq!(all.len(), 1);
    let r = &all[0];
    let key = seed_key(r);
    let input = r.str("SigningInput").as_bytes();
    let signature = r.hex("Signature");
    assert_eq!(&key.public_key().as_bytes()[..], &r.hex("PublicKey")[..]);
    assert_eq!(&key.sign(input)[..], &signature[..]);
    // The compact token is the signing input, a dot, the signature.
    let compact = r.str("Compact");
    let (signed, sig_b64) = compact.rsplit_once('.').unwrap();
    assert_eq!(signed.as_bytes(), input);
    assert_eq!(
        barejwt::base64url::decode(sig_b64.as_bytes()).unwrap(),
        signature
    );
    let public = Ed25519PublicKey::from_bytes(&r.hex("PublicKey")).unwrap();
    assert_eq!(public.verify(input, &signature), Ok(()));
    assert_eq!(
        public.verify(&input[1..], &signature),
        Err(Ed25519Error::SignatureMismatch)
    );
}

/// The verdict of the contract's verifier: key import, then verify.
fn judge(public_key: &[u8], message: &[u8], signature: &[u8]) -> Result<(), Ed25519Error> {
    Ed25519PublicKey::from_bytes(public_key)?.verify(message, signature)
}

fn variant_name(e: Ed25519Error) -> String {
    let debug = format!("{e:?}");
    debug.split('(').next().unwrap().to_string()
}

/// "Taming the many EdDSAs", Table 5 (cases 0-11): only case 3, the one
/// signature that every equation accepts with canonical, large-order
/// points, is valid under the contract, as under libsodium.
#[test]
fn taming_the_many_eddsas_cases_get_the_contracts_verdicts() {
    let all = records(SPECCHECK);
    assert_eq!(all.len(), 12);
    let mut accepted = Vec::new();
    for (i, r) in all.iter().enumerate() {
        assert_eq!(r.str("Id"), format!("taming-{i}"));
        let verdict = judge(&r.hex("PublicKey"), &r.hex("Message"), &r.hex("Signature"));
        let got = match verdict {
            Ok(()) => "accept".to_string(),
            Err(e) => {
                assert_eq!(
                    e.is_key_error(),
                    variant_name(e).starts_with("PublicKey"),
                    "{}",
                    r.label()
                );
                variant_name(e)
            }
        };
        assert_eq!(
            got,
            r.str("Expected"),
            "{}: {}",
            r.label(),
            r.str("Conditions")
        );
        if verdict.is_ok() {
            accepted.push(i);
        }
    }
    assert_eq!(accepted, [3]);
}

fn field<'a>(v: &'a Value, name: &str) -> &'a Value {
    v.as_object()
        .and_then(|o| o.get(name))
        .unwrap_or_else(|| panic!("no `{name}`"))
}

fn hex_field(v: &Value, name: &str) -> Vec<u8> {
    hex(field(v, name).as_str().unwrap()).unwrap()
}

/// Every case of Wycheproof's `ed25519_test.json`: valid ones accepted,
/// invalid ones refused. The file has no `acceptable` case. Where the
/// contract's strict rules and Wycheproof disagreed, the case would be
/// listed in `DISAGREEMENTS` with its reason; there is none (Wycheproof's
/// invalid cases are refused for its own reasons: truncation, S ≥ L,
/// non-canonical R, wrong equation; and no valid case uses a small-order or
/// non-canonical point).
#[test]
fn wycheproof_ed25519_every_case() {
    const DISAGREEMENTS: &[(u64, &str)] = &[];
    let doc = json::parse(WYCHEPROOF.as_bytes()).unwrap();
    let declared = field(&doc, "numberOfTests")
        .as_number()
        .unwrap()
        .as_u64()
        .unwrap();
    let (mut valid, mut invalid, mut seen) = (0, 0, 0);
    let mut disagreements = Vec::new();
    for group in field(&doc, "testGroups").as_array().unwrap() {
        assert_eq!(field(group, "type").as_str(), Some("EddsaVerify"));
        let pk = hex_field(field(group, "publicKey"), "pk");
        assert_eq!(pk.len(), PUBLIC_KEY_LEN);
        let key = Ed25519PublicKey::from_bytes(&pk);
        for case in field(group, "tests").as_array().unwrap() {
            seen += 1;
            let id = field(case, "tcId").as_number().unwrap().as_u64().unwrap();
            let comment = field(case, "comment").as_str().unwrap();
            let (msg, sig) = (hex_field(case, "msg"), hex_field(case, "sig"));
            let verdict = match &key {
                Ok(k) => k.verify(&msg, &sig),
                Err(e) => Err(*e),
            };
            let expected_valid = match field(case, "result").as_str().unwrap() {
                "valid" => {
                    valid += 1;
                    true
                }
                "invalid" => {
                    invalid += 1;
                    false
                }
                other => panic!("tcId {id}: result {other} (none is expected in this file)"),
            };
            if verdict.is_ok() != expected_valid {
                disagreements.push((id, comment.to_string(), verdict));
            }
            // A refusal is always a typed error; a length error names the
            // length.
            if let Err(Ed25519Error::SignatureLength(n)) = verdict {
                assert_eq!(n, sig.len());
                assert_ne!(n, SIGNATURE_LEN);
            }
        }
    }
    assert_eq!(seen, declared);
    assert_eq!((valid, invalid), (88, 63));
    let listed: Vec<u64> = DISAGREEMENTS.iter().map(|(id, _)| *id).collect();
    let found: Vec<u64> = disagreements.iter().map(|(id, _, _)| *id).collect();
    assert_eq!(found, listed, "{disagreements:#?}");
}

#[test]
fn signatures_round_trip_on_random_seeds_and_messages() {
    let mut rng = Rng::new(0xed25519);
    for round in 0..24 {
        let seed = rng.bytes(SEED_LEN);
        let key = Ed25519PrivateKey::from_seed(&seed).unwrap();
        assert_eq!(&key.seed()[..], &seed[..]);
        let len = rng.below(300);
        let message = rng.bytes(len);
        let signature = key.sign(&message);
        assert_eq!(signature, key.sign(&message), "deterministic");
        let public = Ed25519PublicKey::from_bytes(key.public_key().as_bytes()).unwrap();
        assert_eq!(&public, key.public_key());
        assert_eq!(public.verify(&message, &signature), Ok(()), "round {round}");
        // A flipped bit in R, S or the message is refused.
        let bit = rng.below(512);
        let mut bad = signature;
        bad[bit / 8] ^= 1 << (bit % 8);
        assert!(
            public.verify(&message, &bad).is_err(),
            "round {round} bit {bit}"
        );
        if !message.is_empty() {
            let mut other = message.clone();
            let at = rng.below(other.len());
            other[at] ^= 0x80;
            assert_eq!(
                public.verify(&other, &signature),
                Err(Ed25519Error::SignatureMismatch)
            );
        }
        // Another key's signature does not verify under this key.
        let stranger = Ed25519PrivateKey::from_seed(&rng.bytes(SEED_LEN)).unwrap();
        assert_eq!(
            public.verify(&message, &stranger.sign(&message)),
            Err(Ed25519Error::SignatureMismatch)
        );
    }
}

struct FixedBytes(u8);

impl barejwt::crypto::rand::RandomSource for FixedBytes {
    fn fill_bytes(&mut self, out: &mut [u8]) -> Result<(), barejwt::crypto::rand::RandomError> {
        out.fill(self.0);
        Ok(())
    }
}

struct Broken;

impl barejwt::crypto::rand::RandomSource for Broken {
    fn fill_bytes(&mut self, _: &mut [u8]) -> Result<(), barejwt::crypto::rand::RandomError> {
        Err(barejwt::crypto::rand::RandomError)
    }
}

#[test]
fn generated_keys_come_from_the_random_source_and_fail_with_it() {
    let key = Ed25519PrivateKey::generate(&mut FixedBytes(0x42)).unwrap();
    assert_eq!(key.seed(), &[0x42; 32]);
    let same = Ed25519PrivateKey::from_seed(&[0x42; 32]).unwrap();
    assert_eq!(key.public_key(), same.public_key());
    assert_eq!(
        Ed25519PrivateKey::generate(&mut Broken).unwrap_err(),
        barejwt::crypto::rand::RandomError
    );
    #[cfg(feature = "std")]
    {
        let a = Ed25519PrivateKey::generate(&mut barejwt::crypto::rand::OsRandom).unwrap();
        let b = Ed25519PrivateKey::generate(&mut barejwt::crypto::rand::OsRandom).unwrap();
        assert_ne!(a.public_key(), b.public_key());
        assert_eq!(a.public_key().verify(b"x", &a.sign(b"x")), Ok(()));
    }
}

#[test]
fn lengths_and_encodings_are_refused_with_typed_errors() {
    let good = hex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a").unwrap();
    for len in [0, 31, 33, 64] {
        let bytes = vec![1u8; len];
        assert_eq!(
            Ed25519PublicKey::from_bytes(&bytes).unwrap_err(),
            Ed25519Error::PublicKeyLength(len)
        );
        assert_eq!(
            Ed25519PrivateKey::from_seed(&bytes).unwrap_err(),
            Ed25519Error::SeedLength(len)
        );
    }
    // y = p (2^255 − 19): not canonical. y = 2: no x on the curve.
    let mut p = [0xffu8; 32];
    p[0] = 0xed;
    p[31] = 0x7f;
    assert_eq!(
        Ed25519PublicKey::from_bytes(&p).unwrap_err(),
        Ed25519Error::PublicKeyNotCanonical
    );
    let mut two = [0u8; 32];
    two[0] = 2;
    assert_eq!(
        Ed25519PublicKey::from_bytes(&two).unwrap_err(),
        Ed25519Error::PublicKeyNotOnCurve
    );
    // The identity (y = 1) and the point of order 2 (y = −1).
    let mut one = [0u8; 32];
    one[0] = 1;
    assert_eq!(
        Ed25519PublicKey::from_bytes(&one).unwrap_err(),
        Ed25519Error::PublicKeySmallOrder
    );
    let mut minus_one = p;
    minus_one[0] = 0xec;
    assert_eq!(
        Ed25519PublicKey::from_bytes(&minus_one).unwrap_err(),
        Ed25519Error::PublicKeySmallOrder
    );

    let public = Ed25519PublicKey::from_bytes(&good).unwrap();
    let sig = hex(concat!(
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155",
        "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
    ))
    .unwrap();
    assert_eq!(public.verify(b"", &sig), Ok(()));
    for len in [0, 63, 65, 128] {
        let mut s = sig.clone();
        s.resize(len, 0);
        assert_eq!(
            public.verify(b"", &s),
            Err(Ed25519Error::SignatureLength(len))
        );
    }
    // S = L, and S = S + L (the same value mod L), are refused.
    let l = hex("edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010").unwrap();
    let mut s_l = sig.clone();
    s_l[32..].copy_from_slice(&l);
    assert_eq!(
        public.verify(b"", &s_l),
        Err(Ed25519Error::SignatureSNotReduced)
    );
    let mut s_plus_l = sig.clone();
    let mut carry = 0u16;
    for i in 0..32 {
        let t = sig[32 + i] as u16 + l[i] as u16 + carry;
        s_plus_l[32 + i] = t as u8;
        carry = t >> 8;
    }
    assert_eq!(
        public.verify(b"", &s_plus_l),
        Err(Ed25519Error::SignatureSNotReduced)
    );
    // R with y ≥ p; R = (0, 1) with the sign bit; R of small order.
    let mut r_big = sig.clone();
    r_big[..32].copy_from_slice(&p);
    assert_eq!(
        public.verify(b"", &r_big),
        Err(Ed25519Error::SignatureRNotCanonical)
    );
    let mut r_signed_identity = sig.clone();
    r_signed_identity[..32].copy_from_slice(&one);
    r_signed_identity[31] |= 0x80;
    assert_eq!(
        public.verify(b"", &r_signed_identity),
        Err(Ed25519Error::SignatureRNotCanonical)
    );
    let mut r_identity = sig.clone();
    r_identity[..32].copy_from_slice(&one);
    assert_eq!(
        public.verify(b"", &r_identity),
        Err(Ed25519Error::SignatureRSmallOrder)
    );
    // R = −R: the other sign of the same y. Canonical, but not the point.
    let mut r_negated = sig.clone();
    r_negated[31] ^= 0x80;
    assert_eq!(
        public.verify(b"", &r_negated),
        Err(Ed25519Error::SignatureMismatch)
    );
    // R whose y has no x: refused by the comparison.
    let mut r_off_curve = sig.clone();
    r_off_curve[..32].copy_from_slice(&two);
    assert_eq!(
        public.verify(b"", &r_off_curve),
        Err(Ed25519Error::SignatureMismatch)
    );
}

#[test]
fn errors_say_which_rule_and_which_family() {
    let key_errors = [
        Ed25519Error::PublicKeyLength(31),
        Ed25519Error::PublicKeyNotCanonical,
        Ed25519Error::PublicKeyNotOnCurve,
        Ed25519Error::PublicKeySmallOrder,
        Ed25519Error::SeedLength(31),
    ];
    let signature_errors = [
        Ed25519Error::SignatureLength(63),
        Ed25519Error::SignatureSNotReduced,
        Ed25519Error::SignatureRNotCanonical,
        Ed25519Error::SignatureRSmallOrder,
        Ed25519Error::SignatureMismatch,
    ];
    for e in key_errors {
        assert!(e.is_key_error() && !e.is_signature_error(), "{e:?}");
    }
    for e in signature_errors {
        assert!(e.is_signature_error() && !e.is_key_error(), "{e:?}");
    }
    assert_eq!(
        Ed25519Error::SignatureSNotReduced.to_string(),
        "the signature's S is not below the group order L (RFC 8032 §5.1.7)"
    );
    assert!(Ed25519Error::PublicKeyLength(31)
        .to_string()
        .contains("31 octets"));
    for e in key_errors.iter().chain(&signature_errors) {
        let text = e.to_string();
        assert!(text.starts_with("the "), "{text}");
        assert!(
            text.contains("RFC 8032") || text.contains("libsodium"),
            "{text}"
        );
    }
}

#[test]
fn debug_output_never_shows_the_seed() {
    let seed = [0xabu8; 32];
    let key = Ed25519PrivateKey::from_seed(&seed).unwrap();
    let text = format!("{key:?}");
    assert!(!text.contains("abab"), "{text}");
    assert!(
        text.contains(&to_hex(key.public_key().as_bytes())),
        "{text}"
    );
    let clone = key.clone();
    drop(key);
    assert_eq!(clone.seed(), &seed);
}

/// Release-mode timing, printed: `cargo test --release --test ed25519 --
/// --ignored --nocapture timing`.
#[test]
#[ignore = "timing; run in release"]
fn timing_of_verify_and_sign() {
    use std::time::Instant;
    let key = Ed25519PrivateKey::from_seed(&[9u8; 32]).unwrap();
    let public = Ed25519PublicKey::from_bytes(key.public_key().as_bytes()).unwrap();
    let message = [0x5au8; 300]; // about a token's signing input
    let signature = key.sign(&message);
    let rounds = 2000u32;
    let start = Instant::now();
    for _ in 0..rounds {
        std::hint::black_box(key.sign(std::hint::black_box(&message)));
    }
    let sign = start.elapsed() / rounds;
    let start = Instant::now();
    for _ in 0..rounds {
        assert!(public
            .verify(std::hint::black_box(&message), &signature)
            .is_ok());
    }
    let verify = start.elapsed() / rounds;
    let start = Instant::now();
    for _ in 0..rounds {
        std::hint::black_box(Ed25519PublicKey::from_bytes(key.public_key().as_bytes()).unwrap());
    }
    let import = start.elapsed() / rounds;
    let start = Instant::now();
    for i in 0..rounds {
        std::hint::black_box(Ed25519PrivateKey::from_seed(&[i as u8; 32]).unwrap());
    }
    let derive = start.elapsed() / rounds;
    println!(
        "ed25519 (300-octet message): sign {:.1} µs, verify {:.1} µs, public key import {:.1} µs, key from seed {:.1} µs",
        sign.as_secs_f64() * 1e6,
        verify.as_secs_f64() * 1e6,
        import.as_secs_f64() * 1e6,
        derive.as_secs_f64() * 1e6
    );
}
