//! The key-file corpus of `vectors/keys/` (index.txt says what each file
//! must give): every positive file parses to the components of the JWK of
//! the same key (made by Python `cryptography`, not by this crate), every
//! negative one gives its error kind and class; what is written back equals
//! what OpenSSL wrote for the same key; hostile inputs (truncations,
//! single-octet mutations) never panic, and whatever DER is accepted writes
//! back to itself (strict DER has one encoding per value).

mod common;

use barejwt::crypto::der::{DerErrorKind, Writer};
use barejwt::crypto::pem::{self, Label, PemErrorKind};
use barejwt::crypto::pkix::{
    self, parse_certificate, parse_der, parse_pem, parse_pkcs8, parse_spki, write_ec_private_key,
    write_pem, write_pkcs8, write_rsa_private_key, write_rsa_public_key, write_spki, ErrorClass,
    InvalidKeyProblem, KeyError, KeyFile, NamedCurve, PrivateKeyInfo, PublicKeyInfo,
    StructureProblem,
};
use std::collections::{BTreeMap, BTreeSet};

macro_rules! files {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../vectors/keys/", $name)))),*]
    };
}

const INDEX: &str = include_str!("../vectors/keys/index.txt");

const PEM_FILES: &[(&str, &str)] = files![
    "base64-bad-character.pem",
    "base64-no-padding.pem",
    "base64-nonzero-bits.pem",
    "base64-padding-inside.pem",
    "ber-bit-string-unused-bits.pem",
    "ber-constructed-octet-string.pem",
    "ber-indefinite-length.pem",
    "ber-integer-leading-zero.pem",
    "ber-long-form-tag.pem",
    "ber-negative-modulus.pem",
    "ber-nonminimal-length.pem",
    "ber-trailing-bytes.pem",
    "comment-header.pem",
    "crlf-and-spaces.pem",
    "dsa-pkcs8.pem",
    "dsa-spki.pem",
    "dsa-traditional.pem",
    "ec-brainpoolP256r1-pkcs8.pem",
    "ec-brainpoolP256r1-sec1.pem",
    "ec-brainpoolP256r1-spki.pem",
    "ec-p256-explicit-pkcs8.pem",
    "ec-p256-explicit-sec1.pem",
    "ec-p256-explicit-spki.pem",
    "ec-p256-pkcs8-curve-mismatch.pem",
    "ec-p256-pkcs8.pem",
    "ec-p256-sec1-no-curve.pem",
    "ec-p256-sec1-params.pem",
    "ec-p256-sec1.pem",
    "ec-p256-spki-compressed.pem",
    "ec-p256-spki.pem",
    "ec-p384-pkcs8.pem",
    "ec-p384-sec1-params.pem",
    "ec-p384-sec1.pem",
    "ec-p384-spki-compressed.pem",
    "ec-p384-spki.pem",
    "ec-p521-pkcs8.pem",
    "ec-p521-sec1-params.pem",
    "ec-p521-sec1.pem",
    "ec-p521-spki-compressed.pem",
    "ec-p521-spki.pem",
    "ec-secp224r1-pkcs8.pem",
    "ec-secp224r1-sec1.pem",
    "ec-secp224r1-spki.pem",
    "ec-secp256k1-pkcs8.pem",
    "ec-secp256k1-sec1-params.pem",
    "ec-secp256k1-sec1.pem",
    "ec-secp256k1-spki-compressed.pem",
    "ec-secp256k1-spki.pem",
    "ed25519-cert.pem",
    "ed25519-pkcs8-v1-with-public.pem",
    "ed25519-pkcs8-v2.pem",
    "ed25519-pkcs8.pem",
    "ed25519-spki-short-key.pem",
    "ed25519-spki-with-params.pem",
    "ed25519-spki.pem",
    "ed448-pkcs8.pem",
    "ed448-spki.pem",
    "mismatched-labels.pem",
    "missing-end.pem",
    "no-block.pem",
    "rfc8410-ed25519-spki.pem",
    "rfc8410-ed25519-v2.pem",
    "rsa-multiprime-pkcs1.pem",
    "rsa-multiprime-pkcs8.pem",
    "rsa-pss-pkcs8.pem",
    "rsa-pss-spki.pem",
    "rsa2048-cert.pem",
    "rsa2048-pkcs1-encrypted.pem",
    "rsa2048-pkcs1-public-as-spki.pem",
    "rsa2048-pkcs1-public.pem",
    "rsa2048-pkcs1.pem",
    "rsa2048-pkcs8-encrypted.pem",
    "rsa2048-pkcs8.pem",
    "rsa2048-spki-no-null.pem",
    "rsa2048-spki.pem",
    "text-around-blocks.pem",
    "two-key-blocks.pem",
    "x25519-pkcs8.pem",
    "x25519-spki.pem",
    "x448-pkcs8.pem",
    "x448-spki.pem",
];

const JWK_FILES: &[(&str, &str)] = files![
    "ec-p256.jwk.json",
    "ec-p256.public.jwk.json",
    "ec-p384.jwk.json",
    "ec-p384.public.jwk.json",
    "ec-p521.jwk.json",
    "ec-p521.public.jwk.json",
    "ec-secp256k1.jwk.json",
    "ec-secp256k1.public.jwk.json",
    "ed25519.jwk.json",
    "ed25519.public.jwk.json",
    "rfc8410-ed25519.jwk.json",
    "rfc8410-ed25519.public.jwk.json",
    "rsa2048.jwk.json",
    "rsa2048.public.jwk.json",
];

fn pem_text(name: &str) -> &'static str {
    PEM_FILES
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("{name} is not in PEM_FILES"))
        .1
}

/// A JWK's members, base64url-decoded where they are key values.
struct Jwk {
    members: BTreeMap<String, String>,
}

impl Jwk {
    fn load(name: &str) -> Jwk {
        let text = JWK_FILES
            .iter()
            .find(|(n, _)| *n == name)
            .unwrap_or_else(|| panic!("{name} is not in JWK_FILES"))
            .1;
        let value = barejwt::json::parse(text.as_bytes()).unwrap();
        let object = value.as_object().unwrap();
        let mut members = BTreeMap::new();
        for name in [
            "kty", "crv", "n", "e", "d", "p", "q", "dp", "dq", "qi", "x", "y",
        ] {
            if let Some(v) = object.get(name) {
                members.insert(name.to_string(), v.as_str().unwrap().to_string());
            }
        }
        Jwk { members }
    }

    fn str(&self, name: &str) -> &str {
        &self.members[name]
    }

    fn bytes(&self, name: &str) -> Vec<u8> {
        barejwt::base64url::decode(self.str(name).as_bytes()).unwrap()
    }

    fn curve(&self) -> NamedCurve {
        let crv = self.str("crv");
        NamedCurve::ALL
            .into_iter()
            .find(|c| c.jwk_name() == crv)
            .unwrap()
    }

    fn uncompressed_point(&self) -> Vec<u8> {
        [vec![0x04], self.bytes("x"), self.bytes("y")].concat()
    }

    fn compressed_point(&self) -> Vec<u8> {
        let y = self.bytes("y");
        [vec![0x02 | (y.last().unwrap() & 1)], self.bytes("x")].concat()
    }
}

/// The expected error as index.txt spells it: `Variant` or
/// `Variant(InnerKind)`.
fn error_name(e: &KeyError) -> String {
    fn head(debug: String) -> String {
        debug.split(['(', ' ', '{']).next().unwrap().to_string()
    }
    match e {
        KeyError::Pem(p) => format!("Pem({})", head(format!("{:?}", p.kind))),
        KeyError::Der(d) => format!("Der({})", head(format!("{:?}", d.kind))),
        KeyError::Structure { problem, .. } => {
            format!("Structure({})", head(format!("{problem:?}")))
        }
        KeyError::UnsupportedAlgorithm { .. } => "UnsupportedAlgorithm".into(),
        KeyError::ExplicitCurve { .. } => "ExplicitCurve".into(),
        KeyError::UnsupportedCurve { .. } => "UnsupportedCurve".into(),
        KeyError::InvalidKey { problem, .. } => {
            format!("InvalidKey({})", head(format!("{problem:?}")))
        }
        other => panic!("unexpected error variant {other:?}"),
    }
}

/// The DER of a file's key block.
fn der_of(name: &str) -> (Label, Vec<u8>) {
    let block = pem::decode(pem_text(name).as_bytes()).unwrap();
    (block.label, block.der)
}

fn check_positive(name: &str, expect: &str, jwk: &Jwk, key: &KeyFile) {
    let words: Vec<&str> = expect.split(' ').collect();
    match (words.as_slice(), key) {
        (["public", "rsa"], KeyFile::Public(PublicKeyInfo::Rsa { n, e })) => {
            assert_eq!(n, &jwk.bytes("n"), "{name}: n");
            assert_eq!(e, &jwk.bytes("e"), "{name}: e");
        }
        (["public", "ec", rest @ ..], KeyFile::Public(PublicKeyInfo::Ec { curve, point })) => {
            assert_eq!(*curve, jwk.curve(), "{name}: curve");
            let expected = match rest {
                [] => jwk.uncompressed_point(),
                ["compressed"] => jwk.compressed_point(),
                _ => panic!("{name}: Expect = {expect}"),
            };
            assert_eq!(point, &expected, "{name}: point");
        }
        (["public", "ed25519"], KeyFile::Public(PublicKeyInfo::Ed25519 { key })) => {
            assert_eq!(key.to_vec(), jwk.bytes("x"), "{name}: x");
        }
        (["private", "rsa"], KeyFile::Private(PrivateKeyInfo::Rsa(k))) => {
            for (member, value) in [
                ("n", &k.n),
                ("e", &k.e),
                ("d", &k.d),
                ("p", &k.p),
                ("q", &k.q),
                ("dp", &k.dp),
                ("dq", &k.dq),
                ("qi", &k.qi),
            ] {
                assert_eq!(value, &jwk.bytes(member), "{name}: {member}");
            }
        }
        (["private", "ec"], KeyFile::Private(PrivateKeyInfo::Ec { curve, d, public })) => {
            assert_eq!(*curve, jwk.curve(), "{name}: curve");
            assert_eq!(d, &jwk.bytes("d"), "{name}: d");
            assert_eq!(
                public.as_deref(),
                Some(&jwk.uncompressed_point()[..]),
                "{name}: public"
            );
        }
        (
            ["private", "ed25519", rest @ ..],
            KeyFile::Private(PrivateKeyInfo::Ed25519 { seed, public }),
        ) => {
            assert_eq!(seed.to_vec(), jwk.bytes("d"), "{name}: d");
            match rest {
                [] => assert_eq!(*public, None, "{name}"),
                ["with-public"] => {
                    assert_eq!(public.map(|p| p.to_vec()), Some(jwk.bytes("x")), "{name}")
                }
                _ => panic!("{name}: Expect = {expect}"),
            }
        }
        _ => panic!("{name}: expected {expect}, parsed {key:?}"),
    }
}

#[test]
fn the_index_lists_every_file_of_the_folder_and_the_test_includes_each() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("vectors/keys");
    let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".pem") || n.ends_with(".json"))
        .collect();
    let included: BTreeSet<String> = PEM_FILES
        .iter()
        .chain(JWK_FILES)
        .map(|(n, _)| n.to_string())
        .collect();
    assert_eq!(on_disk, included);
    let records = common::records(INDEX);
    let indexed: BTreeSet<String> = records.iter().map(|r| r.str("File").to_string()).collect();
    let pems: BTreeSet<String> = PEM_FILES.iter().map(|(n, _)| n.to_string()).collect();
    assert_eq!(indexed, pems);
    assert_eq!(records.len(), pems.len(), "a file is listed twice");
}

#[test]
fn every_positive_file_gives_the_components_of_its_jwk() {
    let mut checked = 0;
    for record in common::records(INDEX) {
        let name = record.str("File");
        let expect = record.str("Expect");
        if expect.starts_with("error") {
            continue;
        }
        let jwk = Jwk::load(record.str("Jwk"));
        let key = parse_pem(pem_text(name).as_bytes()).unwrap_or_else(|e| panic!("{name}: {e}"));
        check_positive(name, expect, &jwk, &key);
        checked += 1;
    }
    assert_eq!(checked, 33);
}

#[test]
fn every_negative_file_gives_its_error_kind_and_class() {
    let mut checked = 0;
    for record in common::records(INDEX) {
        let name = record.str("File");
        let Some(expected) = record.str("Expect").strip_prefix("error ") else {
            continue;
        };
        let err = match parse_pem(pem_text(name).as_bytes()) {
            Ok(key) => panic!("{name}: parsed {key:?}, expected {expected}"),
            Err(e) => e,
        };
        assert_eq!(error_name(&err), expected, "{name}: {err}");
        let class = match err {
            KeyError::UnsupportedCurve { .. } | KeyError::InvalidKey { .. } => {
                ErrorClass::InvalidKey
            }
            _ => ErrorClass::Usage,
        };
        assert_eq!(err.class(), class, "{name}");
        let message = err.to_string();
        match expected {
            "Pem(Encrypted)" => {
                assert!(err.is_encrypted());
                assert!(
                    message.contains("decrypt it first") && message.contains("openssl pkey"),
                    "{message}"
                );
            }
            "ExplicitCurve" => assert!(message.contains("specifiedCurve"), "{message}"),
            "UnsupportedAlgorithm" | "UnsupportedCurve" => {
                assert!(
                    message.contains("1."),
                    "{name}: the OID is named: {message}"
                )
            }
            _ => assert!(!err.is_encrypted()),
        }
        checked += 1;
    }
    assert_eq!(checked, 48);
}

#[test]
fn unsupported_algorithms_and_curves_are_named_in_the_error() {
    for (name, words) in [
        ("rsa-pss-spki.pem", "1.2.840.113549.1.1.10 (RSASSA-PSS)"),
        ("dsa-pkcs8.pem", "1.2.840.10040.4.1 (DSA)"),
        ("ed448-spki.pem", "Ed448 (1.3.101.113)"),
        ("x25519-pkcs8.pem", "X25519 (1.3.101.110)"),
        ("x448-spki.pem", "X448 (1.3.101.111)"),
        ("ec-secp224r1-sec1.pem", "P-224 (1.3.132.0.33)"),
        (
            "ec-brainpoolP256r1-spki.pem",
            "brainpoolP256r1 (1.3.36.3.3.2.8.1.1.7)",
        ),
    ] {
        let message = parse_pem(pem_text(name).as_bytes())
            .unwrap_err()
            .to_string();
        assert!(message.contains(words), "{name}: {message}");
    }
}

/// What this crate writes for the key parsed from `name`, in the file's
/// own structure; `None` for certificates (no writer) and PKCS #8 v2 (the
/// writer writes v1).
fn rewrite(label: Label, key: &KeyFile) -> Option<Vec<u8>> {
    Some(match (label, key) {
        (Label::PublicKey, KeyFile::Public(k)) => write_spki(k),
        (Label::RsaPublicKey, KeyFile::Public(PublicKeyInfo::Rsa { n, e })) => {
            write_rsa_public_key(n, e)
        }
        (
            Label::PrivateKey,
            KeyFile::Private(PrivateKeyInfo::Ed25519 {
                public: Some(_), ..
            }),
        ) => return None,
        (Label::PrivateKey, KeyFile::Private(k)) => write_pkcs8(k),
        (Label::RsaPrivateKey, KeyFile::Private(PrivateKeyInfo::Rsa(k))) => {
            write_rsa_private_key(k)
        }
        (Label::EcPrivateKey, KeyFile::Private(PrivateKeyInfo::Ec { curve, d, public })) => {
            write_ec_private_key(*curve, d, public.as_deref())
        }
        (Label::Certificate, _) => return None,
        _ => panic!("{label:?} gave {key:?}"),
    })
}

#[test]
fn every_canonical_positive_file_writes_back_to_the_same_octets() {
    let mut same = 0;
    for record in common::records(INDEX) {
        let name = record.str("File");
        if record.str("Expect").starts_with("error") {
            continue;
        }
        let (label, der) = der_of(name);
        let key = parse_der(label, &der).unwrap();
        if let Some(written) = rewrite(label, &key) {
            assert_eq!(written, der, "{name}");
            same += 1;
        }
    }
    assert_eq!(same, 29);
}

#[test]
fn spki_and_pkcs8_written_from_any_form_equal_openssls_for_the_same_key() {
    // OpenSSL's SPKI (uncompressed) and PKCS #8 v1 of each key, by JWK.
    let records = common::records(INDEX);
    let mut spki = BTreeMap::new();
    let mut pkcs8 = BTreeMap::new();
    for r in &records {
        let (name, expect) = (r.str("File"), r.str("Expect"));
        if name.ends_with("-spki.pem") && expect.starts_with("public") && !name.starts_with("rfc") {
            spki.insert(r.str("Jwk").replace(".public", ""), der_of(name).1);
        }
        if name.ends_with("-pkcs8.pem") && expect.starts_with("private") {
            pkcs8.insert(r.str("Jwk").to_string(), der_of(name).1);
        }
    }
    assert_eq!((spki.len(), pkcs8.len()), (6, 6));
    let (mut spki_checked, mut pkcs8_checked) = (0, 0);
    for r in &records {
        let (name, expect) = (r.str("File"), r.str("Expect"));
        if expect.starts_with("error")
            || name.starts_with("rfc")
            || name.contains("-around-")
            || name.contains("crlf")
        {
            continue;
        }
        let jwk_name = r.str("Jwk").replace(".public", "");
        let jwk = Jwk::load(&jwk_name);
        let public = match parse_pem(pem_text(name).as_bytes()).unwrap() {
            KeyFile::Public(PublicKeyInfo::Ec { curve, .. }) => {
                // A compressed point is written back compressed; OpenSSL's
                // SPKI has it uncompressed.
                PublicKeyInfo::Ec {
                    curve,
                    point: jwk.uncompressed_point(),
                }
            }
            KeyFile::Public(k) => k,
            KeyFile::Private(k) => {
                let mut p8 = write_pkcs8(&k);
                assert_eq!(p8, pkcs8[&jwk_name], "{name}: PKCS #8");
                assert_eq!(
                    parse_pkcs8(&p8).unwrap(),
                    strip_ed25519_public(k.clone()),
                    "{name}"
                );
                let text = write_pem(&KeyFile::Private(k.clone()));
                assert_eq!(
                    text,
                    pem_text(&name_of_pkcs8(&records, &jwk_name)),
                    "{name}: PEM"
                );
                p8.clear();
                pkcs8_checked += 1;
                match k {
                    PrivateKeyInfo::Rsa(rsa) => PublicKeyInfo::Rsa {
                        n: rsa.n.clone(),
                        e: rsa.e.clone(),
                    },
                    PrivateKeyInfo::Ec { curve, public, .. } => PublicKeyInfo::Ec {
                        curve,
                        point: public.unwrap(),
                    },
                    PrivateKeyInfo::Ed25519 { .. } => PublicKeyInfo::Ed25519 {
                        key: jwk.bytes("x").try_into().unwrap(),
                    },
                }
            }
        };
        let written = write_spki(&public);
        assert_eq!(written, spki[&jwk_name], "{name}: SPKI");
        assert_eq!(parse_spki(&written).unwrap(), public);
        spki_checked += 1;
    }
    assert_eq!((spki_checked, pkcs8_checked), (29, 16));
}

fn strip_ed25519_public(k: PrivateKeyInfo) -> PrivateKeyInfo {
    match k {
        PrivateKeyInfo::Ed25519 { seed, .. } => PrivateKeyInfo::Ed25519 { seed, public: None },
        other => other,
    }
}

fn name_of_pkcs8(records: &[common::Record], jwk: &str) -> String {
    records
        .iter()
        .find(|r| r.get("Jwk") == Some(jwk) && r.str("File").ends_with("-pkcs8.pem"))
        .unwrap()
        .str("File")
        .to_string()
}

#[test]
fn public_keys_write_as_the_pem_openssl_prints() {
    for name in [
        "rsa2048-spki.pem",
        "ec-p521-spki.pem",
        "ed25519-spki.pem",
        "ec-p256-spki-compressed.pem",
    ] {
        let key = parse_pem(pem_text(name).as_bytes()).unwrap();
        assert_eq!(write_pem(&key), pem_text(name), "{name}");
    }
}

#[test]
fn certificates_give_the_key_of_the_spki_beside_them() {
    for (cert, spki) in [
        ("rsa2048-cert.pem", "rsa2048-spki.pem"),
        ("ed25519-cert.pem", "ed25519-spki.pem"),
    ] {
        let from_cert = parse_certificate(&der_of(cert).1).unwrap();
        assert_eq!(from_cert, parse_spki(&der_of(spki).1).unwrap(), "{cert}");
    }
}

/// Every DER of the corpus, with the label of its block, and the
/// Wycheproof public keys.
fn corpus_der() -> Vec<(&'static str, Label, Vec<u8>)> {
    let wycheproof = common::records(include_str!("../vectors/keys/wycheproof_public_keys.txt"))
        .into_iter()
        .map(|r| ("wycheproof_public_keys.txt", Label::PublicKey, r.hex("Der")));
    PEM_FILES
        .iter()
        .filter_map(|(name, text)| {
            pem::decode(text.as_bytes())
                .ok()
                .map(|b| (*name, b.label, b.der))
        })
        .chain(wycheproof)
        .collect()
}

/// Parses mutated DER and, when it is accepted, checks that it writes back
/// to exactly itself: a strict reader accepts only the one encoding.
fn accept_only_canonical(name: &str, label: Label, der: &[u8]) {
    if let Ok(key) = parse_der(label, der) {
        if let Some(written) = rewrite(label, &key) {
            assert_eq!(written, der, "{name}: accepted a second encoding");
        }
    }
}

#[test]
fn truncated_der_never_panics_and_is_always_refused() {
    let corpus = corpus_der();
    assert!(corpus.len() > 60);
    for (name, label, der) in &corpus {
        // A valid value cut short is never valid; an invalid one may become
        // valid (ber-trailing-bytes.pem without its extra octet).
        let valid = parse_der(*label, der).is_ok();
        for len in 0..der.len() {
            let cut = parse_der(*label, &der[..len]);
            assert!(!valid || cut.is_err(), "{name} cut to {len}");
        }
    }
}

#[test]
fn single_octet_mutations_never_panic_and_accept_only_canonical_der() {
    let mut rng = common::Rng::new(0x6b65_7973);
    for (name, label, der) in corpus_der() {
        let mut mutated = der.clone();
        for i in 0..der.len() {
            for value in [
                der[i] ^ 0x01,
                der[i] ^ 0x80,
                0x00,
                0xff,
                rng.next_u64() as u8,
            ] {
                mutated[i] = value;
                accept_only_canonical(name, label, &mutated);
            }
            mutated[i] = der[i];
        }
    }
}

#[test]
fn mutated_pem_text_never_panics() {
    let mut rng = common::Rng::new(7468);
    for name in [
        "ec-p256-sec1-params.pem",
        "rsa2048-pkcs1-encrypted.pem",
        "ed25519-pkcs8-v2.pem",
        "crlf-and-spaces.pem",
    ] {
        let text = pem_text(name).as_bytes();
        let mut mutated = text.to_vec();
        for i in 0..text.len() {
            for value in [b'-', b'\n', b'=', b':', b' ', 0x00, rng.next_u64() as u8] {
                mutated[i] = value;
                let _ = parse_pem(&mutated);
            }
            mutated[i] = text[i];
        }
        for len in 0..text.len() {
            let _ = parse_pem(&text[..len]);
        }
    }
}

// Hand-built structures for rules the corpus files do not reach.

fn ed25519_pkcs8(version: u64, seed: &[u8], public: Option<&[u8]>) -> Vec<u8> {
    let mut w = Writer::new();
    w.sequence(|w| {
        w.small_integer(version);
        w.sequence(|w| w.oid(pkix::oid::ED25519));
        w.octet_string_with(|w| w.octet_string(seed));
        if let Some(p) = public {
            w.bit_string_tagged(0x81, p);
        }
    });
    w.into_vec()
}

fn structure(r: Result<impl std::fmt::Debug, KeyError>) -> StructureProblem {
    match r {
        Err(KeyError::Structure { problem, .. }) => problem,
        other => panic!("expected a structure error, got {other:?}"),
    }
}

#[test]
fn pkcs8_versions_must_match_the_public_key_and_be_known() {
    let seed = [1u8; 32];
    assert!(parse_pkcs8(&ed25519_pkcs8(0, &seed, None)).is_ok());
    assert!(parse_pkcs8(&ed25519_pkcs8(1, &seed, Some(&[2; 32]))).is_ok());
    assert_eq!(
        structure(parse_pkcs8(&ed25519_pkcs8(1, &seed, None))),
        StructureProblem::Pkcs8V2WithoutPublicKey
    );
    assert_eq!(
        structure(parse_pkcs8(&ed25519_pkcs8(2, &seed, None))),
        StructureProblem::Pkcs8Version(2)
    );
    for (seed, public) in [
        (&[1u8; 31][..], None),
        (&[1; 33], None),
        (&[1; 32], Some(&[2u8; 31][..])),
    ] {
        let version = u64::from(public.is_some());
        match parse_pkcs8(&ed25519_pkcs8(version, seed, public)) {
            Err(
                e @ KeyError::InvalidKey {
                    problem: InvalidKeyProblem::Ed25519Length(31 | 33),
                    ..
                },
            ) => {
                assert_eq!(e.class(), ErrorClass::InvalidKey)
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn rsa_values_must_be_positive_and_parameters_null() {
    let n = [0xc5u8; 256];
    let mut w = Writer::new();
    w.sequence(|w| {
        w.integer(&[]);
        w.integer(&[1, 0, 1]);
    });
    match pkix::parse_rsa_public_key(&w.into_vec()) {
        Err(KeyError::Der(e)) => assert_eq!(e.kind, DerErrorKind::ZeroInteger),
        other => panic!("{other:?}"),
    }
    // rsaEncryption with an OID as parameters.
    let mut w = Writer::new();
    w.sequence(|w| {
        w.sequence(|w| {
            w.oid(pkix::oid::RSA_ENCRYPTION);
            w.oid(pkix::oid::RSA_ENCRYPTION);
        });
        w.bit_string_with(|w| {
            w.sequence(|w| {
                w.integer(&n);
                w.integer(&[1, 0, 1]);
            })
        });
    });
    assert_eq!(
        structure(parse_spki(&w.into_vec())),
        StructureProblem::RsaParametersNotNull
    );
}

#[test]
fn an_rsa_pkcs8_v2_public_key_must_be_the_keys_own() {
    let (_, der) = der_of("rsa2048-pkcs1.pem");
    let KeyFile::Private(PrivateKeyInfo::Rsa(key)) = parse_der(Label::RsaPrivateKey, &der).unwrap()
    else {
        panic!()
    };
    let build = |n: &[u8]| {
        let mut w = Writer::new();
        w.sequence(|w| {
            w.small_integer(1);
            w.sequence(|w| {
                w.oid(pkix::oid::RSA_ENCRYPTION);
                w.null();
            });
            w.octet_string(&der);
            w.bit_string_tagged(0x81, &write_rsa_public_key(n, &key.e));
        });
        w.into_vec()
    };
    assert_eq!(
        parse_pkcs8(&build(&key.n)).unwrap(),
        PrivateKeyInfo::Rsa(key.clone())
    );
    let mut other = key.n.clone();
    other[10] ^= 1;
    match parse_pkcs8(&build(&other)) {
        Err(KeyError::InvalidKey {
            problem: InvalidKeyProblem::PublicKeyMismatch,
            ..
        }) => {}
        r => panic!("{r:?}"),
    }
}

fn ec_spki(parameters: impl FnOnce(&mut Writer)) -> Vec<u8> {
    let mut w = Writer::new();
    w.sequence(|w| {
        w.sequence(|w| {
            w.oid(pkix::oid::EC_PUBLIC_KEY);
            parameters(w);
        });
        w.bit_string(&[4; 65]);
    });
    w.into_vec()
}

#[test]
fn ec_parameters_must_name_a_curve() {
    assert!(parse_spki(&ec_spki(|w| w.oid(pkix::oid::PRIME256V1))).is_ok());
    assert_eq!(
        structure(parse_spki(&ec_spki(|_| {}))),
        StructureProblem::EcParametersMissing
    );
    assert_eq!(
        structure(parse_spki(&ec_spki(|w| w.null()))),
        StructureProblem::EcImplicitCurve
    );
    assert!(matches!(
        parse_spki(&ec_spki(|w| w.sequence(|_| {}))),
        Err(KeyError::ExplicitCurve { .. })
    ));
    match parse_spki(&ec_spki(|w| w.oid(&[0x2a, 0x03]))) {
        Err(e @ KeyError::UnsupportedCurve { .. }) => {
            assert!(e.to_string().contains("1.2.3"), "{e}")
        }
        r => panic!("{r:?}"),
    }
    match parse_spki(&ec_spki(|w| w.integer(&[1]))) {
        Err(KeyError::Der(e)) => assert!(matches!(e.kind, DerErrorKind::UnexpectedTag { .. })),
        r => panic!("{r:?}"),
    }
}

#[test]
fn ec_private_keys_check_version_and_both_public_copies() {
    let (_, sec1) = der_of("ec-p256-sec1.pem");
    let KeyFile::Private(PrivateKeyInfo::Ec { d, public, .. }) =
        parse_der(Label::EcPrivateKey, &sec1).unwrap()
    else {
        panic!()
    };
    let public = public.unwrap();
    let mut w = Writer::new();
    w.sequence(|w| {
        w.small_integer(2);
        w.octet_string(&d);
        w.explicit(0, |w| w.oid(pkix::oid::PRIME256V1));
    });
    assert_eq!(
        structure(pkix::parse_ec_private_key(&w.into_vec())),
        StructureProblem::EcVersion(2)
    );

    let pkcs8_v2 = |sec1_public: Option<&[u8]>, outer: &[u8]| {
        let mut w = Writer::new();
        w.sequence(|w| {
            w.small_integer(1);
            w.sequence(|w| {
                w.oid(pkix::oid::EC_PUBLIC_KEY);
                w.oid(pkix::oid::PRIME256V1);
            });
            w.octet_string_with(|w| {
                w.sequence(|w| {
                    w.small_integer(1);
                    w.octet_string(&d);
                    w.explicit(0, |w| w.oid(pkix::oid::PRIME256V1));
                    if let Some(p) = sec1_public {
                        w.explicit(1, |w| w.bit_string(p));
                    }
                })
            });
            w.bit_string_tagged(0x81, outer);
        });
        w.into_vec()
    };
    let expected = PrivateKeyInfo::Ec {
        curve: NamedCurve::P256,
        d: d.clone(),
        public: Some(public.clone()),
    };
    assert_eq!(parse_pkcs8(&pkcs8_v2(None, &public)).unwrap(), expected);
    assert_eq!(
        parse_pkcs8(&pkcs8_v2(Some(&public), &public)).unwrap(),
        expected
    );
    let mut other = public.clone();
    other[1] ^= 1;
    match parse_pkcs8(&pkcs8_v2(Some(&public), &other)) {
        Err(KeyError::InvalidKey {
            problem: InvalidKeyProblem::PublicKeyMismatch,
            ..
        }) => {}
        r => panic!("{r:?}"),
    }
}

fn certificate(version: Option<u64>) -> Vec<u8> {
    let (_, spki) = der_of("ed25519-spki.pem");
    let mut w = Writer::new();
    w.sequence(|w| {
        w.sequence(|w| {
            if let Some(v) = version {
                w.explicit(0, |w| w.small_integer(v));
            }
            w.element(0x02, &[0xff]); // serial -1: refused by RFC 5280, read here
            w.sequence(|w| w.oid(pkix::oid::ED25519));
            w.sequence(|_| {});
            w.sequence(|_| {});
            w.sequence(|_| {});
            w.element(0x30, &spki[2..]);
        });
        w.sequence(|w| w.oid(pkix::oid::ED25519));
        w.bit_string(&[0; 64]);
    });
    w.into_vec()
}

#[test]
fn certificate_versions_follow_der_defaults() {
    let key = parse_spki(&der_of("ed25519-spki.pem").1).unwrap();
    assert_eq!(parse_certificate(&certificate(None)).unwrap(), key);
    assert_eq!(parse_certificate(&certificate(Some(2))).unwrap(), key);
    assert_eq!(
        structure(parse_certificate(&certificate(Some(0)))),
        StructureProblem::CertificateVersion(0)
    );
    assert_eq!(
        structure(parse_certificate(&certificate(Some(3)))),
        StructureProblem::CertificateVersion(3)
    );
}

#[test]
fn errors_carry_the_offset_of_the_offending_octet() {
    // ber-nonminimal-length.pem: the outer length octet at offset 1.
    match parse_pem(pem_text("ber-nonminimal-length.pem").as_bytes()) {
        Err(KeyError::Der(e)) => {
            assert_eq!((e.kind, e.offset), (DerErrorKind::NonMinimalLength, 1))
        }
        r => panic!("{r:?}"),
    }
    // ber-integer-leading-zero.pem: e starts after 4 + 4 + 257 octets.
    match parse_pem(pem_text("ber-integer-leading-zero.pem").as_bytes()) {
        Err(KeyError::Der(e)) => {
            assert_eq!((e.kind, e.offset), (DerErrorKind::NonMinimalInteger, 265))
        }
        r => panic!("{r:?}"),
    }
    // Inside PKCS #8's OCTET STRING, offsets still count from the outer DER.
    match parse_pkcs8(&ed25519_pkcs8(0, &[1; 31], None)) {
        Err(KeyError::InvalidKey { offset, .. }) => assert_eq!(offset, 16),
        r => panic!("{r:?}"),
    }
    match parse_pem(b"x\n-----BEGIN PUBLIC KEY-----\nMCow*\n-----END PUBLIC KEY-----\n") {
        Err(KeyError::Pem(e)) => assert_eq!((e.kind, e.line), (PemErrorKind::Base64Character, 3)),
        r => panic!("{r:?}"),
    }
}

#[test]
fn debug_output_never_shows_private_values() {
    let key = parse_pem(pem_text("ec-p256-sec1.pem").as_bytes()).unwrap();
    let KeyFile::Private(PrivateKeyInfo::Ec { d, .. }) = &key else {
        panic!()
    };
    let hex: String = d.iter().map(|b| format!("{b}, ")).collect();
    let shown = format!("{key:?}");
    assert!(
        !shown.contains(&hex[..20]) && !shown.contains("d:"),
        "{shown}"
    );
    let rsa = parse_pem(pem_text("rsa2048-pkcs1.pem").as_bytes()).unwrap();
    assert_eq!(
        format!("{rsa:?}"),
        "Private(Rsa(RsaPrivateComponents { n_len: 256, .. }))"
    );
    let ed = parse_pem(pem_text("ed25519-pkcs8.pem").as_bytes()).unwrap();
    assert_eq!(format!("{ed:?}"), "Private(Ed25519 { public: None, .. })");
}

/// Leading zero octets dropped (Wycheproof writes INTEGER contents).
fn magnitude(bytes: Vec<u8>) -> Vec<u8> {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    bytes[start..].to_vec()
}

#[test]
fn wycheproof_public_keys_parse_to_their_published_components_and_write_back() {
    let records = common::records(include_str!("../vectors/keys/wycheproof_public_keys.txt"));
    let mut families = BTreeMap::new();
    for r in &records {
        let der = r.hex("Der");
        let key = parse_spki(&der).unwrap_or_else(|e| panic!("{}: {e}", r.label()));
        let expected = match r.str("Family") {
            "rsa" => {
                let (n, e) = (magnitude(r.hex("N")), magnitude(r.hex("E")));
                let asn = r.hex("Asn");
                assert_eq!(write_rsa_public_key(&n, &e), asn, "{}", r.label());
                PublicKeyInfo::Rsa { n, e }
            }
            "ec" => {
                let curve = match r.str("Curve") {
                    "secp256r1" => NamedCurve::P256,
                    "secp384r1" => NamedCurve::P384,
                    "secp521r1" => NamedCurve::P521,
                    "secp256k1" => NamedCurve::Secp256k1,
                    other => panic!("{other}"),
                };
                PublicKeyInfo::Ec {
                    curve,
                    point: r.hex("Point"),
                }
            }
            "ed25519" => PublicKeyInfo::Ed25519 {
                key: r.hex("Pk").try_into().unwrap(),
            },
            other => panic!("{other}"),
        };
        assert_eq!(key, expected, "{}", r.label());
        if let Some(asn) = r.get("Asn") {
            let pkcs1 = common::hex(asn).unwrap();
            assert_eq!(
                pkix::parse_rsa_public_key(&pkcs1).unwrap(),
                expected,
                "{}",
                r.label()
            );
        }
        assert_eq!(write_spki(&key), der, "{}", r.label());
        let text = pem::encode(Label::PublicKey, &der);
        assert_eq!(
            parse_pem(text.as_bytes()).unwrap(),
            KeyFile::Public(expected)
        );
        *families.entry(r.str("Family").to_string()).or_insert(0) += 1;
    }
    let counts: Vec<_> = families.into_iter().collect();
    assert_eq!(
        counts,
        [("ec".into(), 8), ("ed25519".into(), 2), ("rsa".into(), 15)]
    );
}
