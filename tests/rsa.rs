//! RSA signatures (`barejwt::crypto::rsa`) against published vectors:
//!
//! - every case of the 9 Wycheproof `rsa_signature_*` files (RSASSA-PKCS1-v1_5)
//!   and the 7 `rsa_pss_*` files (RSASSA-PSS), from `vectors/wycheproof/`;
//! - the reference pack's RS*/PS* tokens (`vectors/rsa/jose.txt`): RFC 7515
//!   A.2, RFC 7520 §4.1 and §4.2, and the constructed group 7, verified, and
//!   the PKCS #1 v1.5 ones re-signed octet for octet from the published
//!   private keys;
//! - sign/verify round trips, key checks with faulty CRT values, the
//!   public key's door checks, a generated 2048-bit key (seeded: about a
//!   second in a debug build);
//! - ignored: two timing loops, in CPU time
//!   (`cargo test --release --test rsa -- --ignored --nocapture timing`).
mod common;

use barejwt::base64url;
use barejwt::crypto::rsa::{RsaError, RsaHash, RsaPrivateKey, RsaPublicKey};
use barejwt::json::{self, Value};

/// A fixed stream for the tests (xorshift64*): never a source of secrets.
struct TestRandom(u64);

impl barejwt::crypto::rand::RandomSource for TestRandom {
    fn fill_bytes(&mut self, out: &mut [u8]) -> Result<(), barejwt::crypto::rand::RandomError> {
        for byte in out {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            *byte = (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 56) as u8;
        }
        Ok(())
    }
}

/// A source that always fails.
struct Broken;

impl barejwt::crypto::rand::RandomSource for Broken {
    fn fill_bytes(&mut self, _: &mut [u8]) -> Result<(), barejwt::crypto::rand::RandomError> {
        Err(barejwt::crypto::rand::RandomError)
    }
}

fn hex(text: &str) -> Vec<u8> {
    common::hex(text).unwrap_or_else(|| panic!("not hex: {text}"))
}

fn str_field<'a>(v: &'a Value, name: &str) -> &'a str {
    v.as_object()
        .and_then(|o| o.get(name))
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no string field {name}"))
}

fn field<'a>(v: &'a Value, name: &str) -> &'a Value {
    v.as_object()
        .and_then(|o| o.get(name))
        .unwrap_or_else(|| panic!("no field {name}"))
}

fn number_field(v: &Value, name: &str) -> u64 {
    field(v, name)
        .as_number()
        .and_then(|n| n.as_u64())
        .unwrap_or_else(|| panic!("no number field {name}"))
}

fn array<'a>(v: &'a Value, name: &str) -> &'a [Value] {
    field(v, name)
        .as_array()
        .unwrap_or_else(|| panic!("{name} is not an array"))
}

fn hash_named(name: &str) -> Option<RsaHash> {
    match name {
        "SHA-256" => Some(RsaHash::Sha256),
        "SHA-384" => Some(RsaHash::Sha384),
        "SHA-512" => Some(RsaHash::Sha512),
        _ => None,
    }
}

fn parse_file(text: &str) -> Value {
    json::parse(text.as_bytes()).expect("the Wycheproof file is JSON")
}

/// The key of a Wycheproof group: its `publicKey` modulus and exponent.
fn group_key(group: &Value) -> RsaPublicKey {
    let key = field(group, "publicKey");
    RsaPublicKey::from_be_bytes(
        &hex(str_field(key, "modulus")),
        &hex(str_field(key, "publicExponent")),
    )
    .expect("every Wycheproof RSA key here is one the contract accepts")
}

fn flags(test: &Value) -> Vec<&str> {
    array(test, "flags")
        .iter()
        .filter_map(Value::as_str)
        .collect()
}

#[derive(Debug, Default, PartialEq, Eq)]
struct Counts {
    valid: usize,
    invalid: usize,
    acceptable: usize,
}

/// Runs one `rsa_signature_*` file: valid accepted, invalid refused with a
/// signature error, acceptable decided here. The one kind of acceptable case
/// in these files is `MissingNull` (a DigestInfo without the NULL
/// parameters, RFC 8017 §9.2 Note 2): the contract refuses it
/// ("RS*: ... DigestInfo carrying NULL parameters (the form without them
/// ... is invalid_signature)").
fn run_pkcs1_file(name: &str, text: &str, expected: Counts) {
    let file = parse_file(text);
    assert_eq!(str_field(&file, "algorithm"), "RSASSA-PKCS1-v1_5", "{name}");
    let mut counts = Counts::default();
    for group in array(&file, "testGroups") {
        let key = group_key(group);
        assert_eq!(key.bits() as u64, number_field(group, "keySize"), "{name}");
        let hash = hash_named(str_field(group, "sha")).expect("a JWS hash");
        for test in array(group, "tests") {
            let id = number_field(test, "tcId");
            let result = key.verify_pkcs1v15(
                hash,
                &hex(str_field(test, "msg")),
                &hex(str_field(test, "sig")),
            );
            match str_field(test, "result") {
                "valid" => {
                    counts.valid += 1;
                    assert_eq!(result, Ok(()), "{name} tcId {id} must verify");
                }
                "invalid" => {
                    counts.invalid += 1;
                    let err = result.expect_err(&format!("{name} tcId {id} must be refused"));
                    assert!(err.is_signature_error(), "{name} tcId {id}: {err}");
                }
                "acceptable" => {
                    counts.acceptable += 1;
                    assert_eq!(
                        flags(test),
                        ["MissingNull"],
                        "{name} tcId {id}: an acceptable case not decided here"
                    );
                    assert_eq!(
                        result,
                        Err(RsaError::Pkcs1Encoding),
                        "{name} tcId {id}: MissingNull is refused by the contract"
                    );
                }
                other => panic!("{name} tcId {id}: result {other}"),
            }
        }
    }
    println!(
        "{name}: {} valid accepted, {} invalid refused, {} acceptable (MissingNull) refused",
        counts.valid, counts.invalid, counts.acceptable
    );
    assert_eq!(counts, expected, "{name}: case counts");
}

/// Runs one `rsa_pss_*` file whose every group has JWS's parameters: MGF1
/// with the message's hash and a salt of the hash's length (RFC 7518 §3.5).
fn run_pss_file(name: &str, text: &str, expected: Counts) {
    let file = parse_file(text);
    assert_eq!(str_field(&file, "algorithm"), "RSASSA-PSS", "{name}");
    let mut counts = Counts::default();
    for group in array(&file, "testGroups") {
        let key = group_key(group);
        let hash = hash_named(str_field(group, "sha")).expect("a JWS hash");
        assert_eq!(str_field(group, "mgf"), "MGF1");
        assert_eq!(
            str_field(group, "mgfSha"),
            str_field(group, "sha"),
            "{name}: JWS parameters"
        );
        assert_eq!(
            number_field(group, "sLen") as usize,
            hash.output_len(),
            "{name}: JWS parameters"
        );
        for test in array(group, "tests") {
            let id = number_field(test, "tcId");
            let result = key.verify_pss(
                hash,
                &hex(str_field(test, "msg")),
                &hex(str_field(test, "sig")),
            );
            match str_field(test, "result") {
                "valid" => {
                    counts.valid += 1;
                    assert_eq!(result, Ok(()), "{name} tcId {id} must verify");
                }
                "invalid" => {
                    counts.invalid += 1;
                    let err = result.expect_err(&format!("{name} tcId {id} must be refused"));
                    assert!(err.is_signature_error(), "{name} tcId {id}: {err}");
                }
                other => {
                    panic!("{name} tcId {id}: result {other} (none are acceptable in these files)")
                }
            }
        }
    }
    println!(
        "{name}: {} valid accepted, {} invalid refused",
        counts.valid, counts.invalid
    );
    assert_eq!(counts, expected, "{name}: case counts");
}

macro_rules! wycheproof_pkcs1 {
    ($test:ident, $file:literal, $valid:expr, $invalid:expr, $acceptable:expr) => {
        #[test]
        fn $test() {
            run_pkcs1_file(
                $file,
                include_str!(concat!("../vectors/wycheproof/", $file)),
                Counts {
                    valid: $valid,
                    invalid: $invalid,
                    acceptable: $acceptable,
                },
            );
        }
    };
}

macro_rules! wycheproof_pss {
    ($test:ident, $file:literal, $valid:expr, $invalid:expr) => {
        #[test]
        fn $test() {
            run_pss_file(
                $file,
                include_str!(concat!("../vectors/wycheproof/", $file)),
                Counts {
                    valid: $valid,
                    invalid: $invalid,
                    acceptable: 0,
                },
            );
        }
    };
}

wycheproof_pkcs1!(
    wycheproof_pkcs1_2048_sha256_cases_are_all_decided,
    "rsa_signature_2048_sha256_test.json",
    9,
    249,
    1
);
wycheproof_pkcs1!(
    wycheproof_pkcs1_2048_sha384_cases_are_all_decided,
    "rsa_signature_2048_sha384_test.json",
    7,
    250,
    1
);
wycheproof_pkcs1!(
    wycheproof_pkcs1_2048_sha512_cases_are_all_decided,
    "rsa_signature_2048_sha512_test.json",
    8,
    250,
    1
);
wycheproof_pkcs1!(
    wycheproof_pkcs1_3072_sha256_cases_are_all_decided,
    "rsa_signature_3072_sha256_test.json",
    8,
    250,
    1
);
wycheproof_pkcs1!(
    wycheproof_pkcs1_3072_sha384_cases_are_all_decided,
    "rsa_signature_3072_sha384_test.json",
    7,
    251,
    1
);
wycheproof_pkcs1!(
    wycheproof_pkcs1_3072_sha512_cases_are_all_decided,
    "rsa_signature_3072_sha512_test.json",
    8,
    251,
    1
);
wycheproof_pkcs1!(
    wycheproof_pkcs1_4096_sha256_cases_are_all_decided,
    "rsa_signature_4096_sha256_test.json",
    7,
    250,
    1
);
wycheproof_pkcs1!(
    wycheproof_pkcs1_4096_sha384_cases_are_all_decided,
    "rsa_signature_4096_sha384_test.json",
    7,
    251,
    1
);
wycheproof_pkcs1!(
    wycheproof_pkcs1_4096_sha512_cases_are_all_decided,
    "rsa_signature_4096_sha512_test.json",
    7,
    251,
    1
);

wycheproof_pss!(
    wycheproof_pss_2048_sha256_cases_are_all_decided,
    "rsa_pss_2048_sha256_mgf1_32_test.json",
    63,
    45
);
wycheproof_pss!(
    wycheproof_pss_2048_sha384_cases_are_all_decided,
    "rsa_pss_2048_sha384_mgf1_48_test.json",
    95,
    46
);
wycheproof_pss!(
    wycheproof_pss_3072_sha256_cases_are_all_decided,
    "rsa_pss_3072_sha256_mgf1_32_test.json",
    63,
    45
);
wycheproof_pss!(
    wycheproof_pss_4096_sha256_cases_are_all_decided,
    "rsa_pss_4096_sha256_mgf1_32_test.json",
    63,
    45
);
wycheproof_pss!(
    wycheproof_pss_4096_sha384_cases_are_all_decided,
    "rsa_pss_4096_sha384_mgf1_48_test.json",
    95,
    46
);
wycheproof_pss!(
    wycheproof_pss_4096_sha512_cases_are_all_decided,
    "rsa_pss_4096_sha512_mgf1_64_test.json",
    132,
    47
);

/// `rsa_pss_misc`: 150 groups of one valid signature each, under every mix
/// of message hash (SHA-1, -224, -256, -384, -512), MGF1 hash and salt
/// length (0, 20, 28, 32, 48, 64). JWS (RFC 7518 §3.5) uses exactly three:
/// MGF1 with the message's hash and a salt as long as its output. Those
/// must verify; the contract says every other one is `invalid_signature`:
/// - message hash SHA-256/384/512 with another MGF1 hash or salt length:
///   `verify_pss` with that hash refuses it;
/// - message hash SHA-1 or SHA-224: no JWS algorithm exists (RsaHash cannot
///   name it); verification under each of the three JWS hashes refuses it.
#[test]
fn wycheproof_pss_misc_accepts_only_the_jws_parameter_sets() {
    let file = parse_file(include_str!("../vectors/wycheproof/rsa_pss_misc_test.json"));
    let (mut jws, mut other_params, mut other_hash) = (0, 0, 0);
    for group in array(&file, "testGroups") {
        let key = group_key(group);
        let sha = str_field(group, "sha");
        let mgf_sha = str_field(group, "mgfSha");
        let s_len = number_field(group, "sLen") as usize;
        assert_eq!(str_field(group, "mgf"), "MGF1");
        for test in array(group, "tests") {
            assert_eq!(str_field(test, "result"), "valid");
            let (msg, sig) = (hex(str_field(test, "msg")), hex(str_field(test, "sig")));
            match hash_named(sha) {
                Some(hash) if mgf_sha == sha && s_len == hash.output_len() => {
                    jws += 1;
                    assert_eq!(
                        key.verify_pss(hash, &msg, &sig),
                        Ok(()),
                        "{sha}/{mgf_sha}/{s_len}"
                    );
                }
                Some(hash) => {
                    other_params += 1;
                    let err = key.verify_pss(hash, &msg, &sig).expect_err(&format!(
                        "{sha}/{mgf_sha}/{s_len} is not a JWS parameter set"
                    ));
                    assert!(err.is_signature_error());
                }
                None => {
                    other_hash += 1;
                    for hash in [RsaHash::Sha256, RsaHash::Sha384, RsaHash::Sha512] {
                        assert!(
                            key.verify_pss(hash, &msg, &sig).is_err(),
                            "{sha}/{mgf_sha}/{s_len} under {hash:?}"
                        );
                    }
                }
            }
        }
    }
    println!(
        "rsa_pss_misc_test.json: {jws} groups with JWS parameters accepted; {other_params} with a JWS hash but another MGF1 hash or salt length refused; {other_hash} with SHA-1/SHA-224 message hashes refused"
    );
    assert_eq!((jws, other_params, other_hash), (3, 87, 60));
}

/// One record of `vectors/rsa/jose.txt`.
struct Jose {
    id: String,
    alg: String,
    signing_input: Vec<u8>,
    signature: Vec<u8>,
    members: Vec<Vec<u8>>, // n, e, d, p, q, dp, dq, qi
    deterministic: bool,
}

fn jose_vectors() -> Vec<Jose> {
    let records = common::records(include_str!("../vectors/rsa/jose.txt"));
    assert_eq!(records.len(), 7);
    records
        .iter()
        .map(|r| Jose {
            id: r.str("Id").to_string(),
            alg: r.str("Alg").to_string(),
            signing_input: r.str("SigningInput").as_bytes().to_vec(),
            signature: base64url::decode(r.str("Signature").as_bytes()).unwrap(),
            members: ["n", "e", "d", "p", "q", "dp", "dq", "qi"]
                .iter()
                .map(|m| base64url::decode(r.str(m).as_bytes()).unwrap())
                .collect(),
            deterministic: r.str("Deterministic") == "yes",
        })
        .collect()
}

fn private_key(v: &Jose) -> RsaPrivateKey {
    let m = &v.members;
    RsaPrivateKey::from_components(&m[0], &m[1], &m[2], &m[3], &m[4], &m[5], &m[6], &m[7])
        .unwrap_or_else(|e| panic!("{}: {e}", v.id))
}

fn jws_hash(alg: &str) -> RsaHash {
    match &alg[2..] {
        "256" => RsaHash::Sha256,
        "384" => RsaHash::Sha384,
        "512" => RsaHash::Sha512,
        _ => panic!("{alg}"),
    }
}

#[test]
fn published_and_constructed_jws_rsa_signatures_verify_and_pkcs1_ones_are_reproduced() {
    let mut rng = TestRandom(7);
    let (mut verified, mut reproduced) = (0, 0);
    for v in jose_vectors() {
        let key = private_key(&v);
        let public = RsaPublicKey::from_be_bytes(&v.members[0], &v.members[1]).unwrap();
        assert_eq!(key.public_key(), &public, "{}", v.id);
        let hash = jws_hash(&v.alg);
        if v.alg.starts_with("RS") {
            assert_eq!(
                public.verify_pkcs1v15(hash, &v.signing_input, &v.signature),
                Ok(()),
                "{}",
                v.id
            );
            // A PKCS #1 v1.5 signature is not a PSS one.
            assert!(public
                .verify_pss(hash, &v.signing_input, &v.signature)
                .is_err());
            assert!(v.deterministic);
            let again = key.sign_pkcs1v15(hash, &v.signing_input, &mut rng).unwrap();
            assert_eq!(
                again, v.signature,
                "{}: RSASSA-PKCS1-v1_5 is deterministic (RFC 8017 §8.2.1)",
                v.id
            );
            reproduced += 1;
        } else {
            assert_eq!(
                public.verify_pss(hash, &v.signing_input, &v.signature),
                Ok(()),
                "{}",
                v.id
            );
            assert!(public
                .verify_pkcs1v15(hash, &v.signing_input, &v.signature)
                .is_err());
            // Under another hash it fails.
            let other = if hash == RsaHash::Sha256 {
                RsaHash::Sha384
            } else {
                RsaHash::Sha256
            };
            assert!(public
                .verify_pss(other, &v.signing_input, &v.signature)
                .is_err());
        }
        // One changed octet of the message or of the signature: refused.
        let mut message = v.signing_input.clone();
        message[0] ^= 1;
        let mut signature = v.signature.clone();
        signature[100] ^= 0x40;
        for (m, s) in [(&message, &v.signature), (&v.signing_input, &signature)] {
            let result = if v.alg.starts_with("RS") {
                public.verify_pkcs1v15(hash, m, s)
            } else {
                public.verify_pss(hash, m, s)
            };
            assert!(result.unwrap_err().is_signature_error(), "{}", v.id);
        }
        verified += 1;
    }
    println!("vectors/rsa/jose.txt: {verified} verified, {reproduced} re-signed octet for octet");
    assert_eq!((verified, reproduced), (7, 4));
}

#[test]
fn components_are_exported_as_they_were_given() {
    let v = &jose_vectors()[0];
    let key = private_key(v);
    let c = key.components();
    for (got, want) in [&c.n, &c.e, &c.d, &c.p, &c.q, &c.dp, &c.dq, &c.qi]
        .iter()
        .zip(&v.members)
    {
        assert_eq!(*got, want, "{}: minimal big-endian octets", v.id);
    }
    assert_eq!(key.public_key().n_be(), v.members[0]);
    assert_eq!(key.public_key().e(), 65537);
    assert_eq!(key.public_key().modulus_len(), 256);
    // Leading zero octets are accepted on the way in.
    let m = &v.members;
    let padded = |x: &Vec<u8>| [vec![0, 0], x.clone()].concat();
    let again = RsaPrivateKey::from_components(
        &padded(&m[0]),
        &padded(&m[1]),
        &padded(&m[2]),
        &padded(&m[3]),
        &padded(&m[4]),
        &padded(&m[5]),
        &padded(&m[6]),
        &padded(&m[7]),
    )
    .unwrap();
    let c2 = again.components();
    assert_eq!(
        [&c2.n, &c2.e, &c2.d, &c2.p, &c2.q, &c2.dp, &c2.dq, &c2.qi],
        [&c.n, &c.e, &c.d, &c.p, &c.q, &c.dp, &c.dq, &c.qi]
    );
    // Debug output shows no secret.
    let debug = format!("{key:?} {c:?}");
    assert!(!debug.contains("Uint") && debug.len() < 200, "{debug}");
}

#[test]
fn sign_and_verify_round_trip_with_every_hash_and_both_paddings() {
    let mut rng = TestRandom(11);
    for v in jose_vectors()
        .iter()
        .take(1)
        .chain(jose_vectors().iter().skip(1).take(1))
    {
        let key = private_key(v);
        let public = key.public_key();
        for hash in [RsaHash::Sha256, RsaHash::Sha384, RsaHash::Sha512] {
            for message in [&b""[..], b"a", &[0x5a; 1000]] {
                let s = key.sign_pkcs1v15(hash, message, &mut rng).unwrap();
                assert_eq!(s.len(), public.modulus_len());
                assert_eq!(public.verify_pkcs1v15(hash, message, &s), Ok(()));
                let p1 = key.sign_pss(hash, message, &mut rng).unwrap();
                let p2 = key.sign_pss(hash, message, &mut rng).unwrap();
                assert_ne!(p1, p2, "a fresh salt each time");
                assert_eq!(public.verify_pss(hash, message, &p1), Ok(()));
                assert_eq!(public.verify_pss(hash, message, &p2), Ok(()));
                // Wrong hash: refused.
                let other = if hash == RsaHash::Sha512 {
                    RsaHash::Sha256
                } else {
                    RsaHash::Sha512
                };
                assert!(public.verify_pkcs1v15(other, message, &s).is_err());
                assert!(public.verify_pss(other, message, &p1).is_err());
            }
        }
    }
}

#[test]
fn signing_stops_when_the_random_source_fails() {
    let key = private_key(&jose_vectors()[0]);
    let err = key
        .sign_pkcs1v15(RsaHash::Sha256, b"x", &mut Broken)
        .unwrap_err();
    assert!(matches!(err, RsaError::Random(_)));
    assert!(!err.is_key_error() && !err.is_signature_error());
    assert!(matches!(
        key.sign_pss(RsaHash::Sha256, b"x", &mut Broken),
        Err(RsaError::Random(_))
    ));
}

/// Replacements of components: (index among n, e, d, p, q, dp, dq, qi; value).
type Changes = Vec<(usize, Vec<u8>)>;

/// Big-endian helpers for making faulty components.
fn add_small(x: &[u8], k: u8) -> Vec<u8> {
    let mut out = x.to_vec();
    let mut carry = k as u16;
    for b in out.iter_mut().rev() {
        let t = *b as u16 + carry;
        *b = t as u8;
        carry = t >> 8;
    }
    if carry > 0 {
        out.insert(0, carry as u8);
    }
    out
}

#[test]
fn faulty_private_components_are_refused_with_the_rule_they_break() {
    let v = &jose_vectors()[0];
    let good = v.members.clone();
    let other = jose_vectors()[1].members.clone(); // the RFC 7520 key
    let (n, e, d, p, q, dp, dq, qi) = (0, 1, 2, 3, 4, 5, 6, 7);
    let try_with = |changes: &[(usize, Vec<u8>)]| {
        let mut m = good.clone();
        for (i, value) in changes {
            m[*i] = value.clone();
        }
        RsaPrivateKey::from_components(&m[0], &m[1], &m[2], &m[3], &m[4], &m[5], &m[6], &m[7])
            .map(|_| ())
    };
    assert_eq!(try_with(&[]), Ok(()));
    let cases: Vec<(&str, Changes, RsaError)> = vec![
        (
            "p from another key",
            vec![(p, other[p].clone())],
            RsaError::PrimesProduct,
        ),
        (
            "p and q swapped: p·q = n still, but dp belongs to the other prime",
            vec![(p, good[q].clone()), (q, good[p].clone())],
            RsaError::CrtExponentP,
        ),
        (
            "p, q and dp, dq swapped: qi is then q⁻¹ for the other order",
            vec![
                (p, good[q].clone()),
                (q, good[p].clone()),
                (dp, good[dq].clone()),
                (dq, good[dp].clone()),
            ],
            RsaError::CrtCoefficient,
        ),
        (
            "p = 1, q = n",
            vec![(p, vec![1]), (q, good[n].clone())],
            RsaError::PrimesProduct,
        ),
        ("q = 0", vec![(q, vec![0])], RsaError::PrimesProduct),
        (
            "p longer than n",
            vec![(p, [vec![1], good[n].clone()].concat())],
            RsaError::PrimesProduct,
        ),
        ("d = 0", vec![(d, vec![0])], RsaError::PrivateExponentRange),
        (
            "d = n",
            vec![(d, good[n].clone())],
            RsaError::PrivateExponentRange,
        ),
        (
            "d + 2",
            vec![(d, add_small(&good[d], 2))],
            RsaError::PrivateExponentInverse,
        ),
        (
            "dp + 1",
            vec![(dp, add_small(&good[dp], 1))],
            RsaError::CrtExponentP,
        ),
        (
            "dp + (p − 1): the right residue class, not reduced",
            vec![(dp, big_add(&good[dp], &big_sub_small(&good[p], 1)))],
            RsaError::CrtExponentP,
        ),
        (
            "dq − 2",
            vec![(dq, big_sub_small(&good[dq], 2))],
            RsaError::CrtExponentQ,
        ),
        (
            "dq = dp",
            vec![(dq, good[dp].clone())],
            RsaError::CrtExponentQ,
        ),
        (
            "qi + 1",
            vec![(qi, add_small(&good[qi], 1))],
            RsaError::CrtCoefficient,
        ),
        (
            "qi + p: right residue, not reduced",
            vec![(qi, big_add(&good[qi], &good[p]))],
            RsaError::CrtCoefficient,
        ),
        ("qi = 0", vec![(qi, vec![0])], RsaError::CrtCoefficient),
        (
            "qi of another key",
            vec![(qi, other[qi].clone())],
            RsaError::CrtCoefficient,
        ),
        (
            "e = 3 with the same d",
            vec![(e, vec![3])],
            RsaError::PrivateExponentInverse,
        ),
        ("e even", vec![(e, vec![1, 0, 0])], RsaError::ExponentEven),
    ];
    for (what, changes, expected) in cases {
        let err = try_with(&changes).unwrap_err();
        assert_eq!(err, expected, "{what}");
        assert!(err.is_key_error(), "{what}");
    }
}

fn big_add(a: &[u8], b: &[u8]) -> Vec<u8> {
    let n = a.len().max(b.len()) + 1;
    let pad = |x: &[u8]| [vec![0; n - x.len()], x.to_vec()].concat();
    let (a, b) = (pad(a), pad(b));
    let mut out = vec![0u8; n];
    let mut carry = 0u16;
    for i in (0..n).rev() {
        let t = a[i] as u16 + b[i] as u16 + carry;
        out[i] = t as u8;
        carry = t >> 8;
    }
    out
}

fn big_sub_small(a: &[u8], k: u8) -> Vec<u8> {
    let mut out = a.to_vec();
    let mut borrow = k as i16;
    for b in out.iter_mut().rev() {
        let t = *b as i16 - borrow;
        *b = t.rem_euclid(256) as u8;
        borrow = if t < 0 { 1 } else { 0 };
    }
    out
}

#[test]
fn public_keys_are_checked_at_the_door() {
    let n2048 = {
        let mut n = vec![0xc3u8; 256];
        n[255] |= 1;
        n
    };
    let ok = RsaPublicKey::from_be_bytes(&n2048, &[1, 0, 1]).unwrap();
    assert_eq!((ok.bits(), ok.modulus_len(), ok.e()), (2048, 256, 65537));
    assert_eq!(ok.n_be(), n2048);
    // Leading zero octets of n and e are accepted.
    let padded = [vec![0, 0, 0], n2048.clone()].concat();
    assert_eq!(
        RsaPublicKey::from_be_bytes(&padded, &[0, 0, 1, 0, 1]).unwrap(),
        ok
    );
    let size = |bits: usize| {
        let mut n = vec![0u8; bits.div_ceil(8)];
        n[0] = 1 << ((bits - 1) % 8);
        *n.last_mut().unwrap() |= 1;
        RsaPublicKey::from_be_bytes(&n, &[3])
    };
    assert_eq!(
        size(2047).unwrap_err(),
        RsaError::ModulusSize { bits: 2047 }
    );
    assert!(size(2048).is_ok());
    assert!(size(8192).is_ok());
    assert_eq!(
        size(8193).unwrap_err(),
        RsaError::ModulusSize { bits: 8193 }
    );
    assert_eq!(
        RsaPublicKey::from_be_bytes(&[], &[3]).unwrap_err(),
        RsaError::ModulusSize { bits: 0 }
    );
    let mut even = n2048.clone();
    even[255] &= 0xfe;
    assert_eq!(
        RsaPublicKey::from_be_bytes(&even, &[3]).unwrap_err(),
        RsaError::ModulusEven
    );
    for (e, expected) in [
        (&[][..], RsaError::ExponentEven),
        (&[0], RsaError::ExponentEven),
        (&[1], RsaError::ExponentRange),
        (&[2], RsaError::ExponentEven),
        (&[1, 0, 0, 0, 0], RsaError::ExponentEven),
        (&[2, 0, 0, 0, 1], RsaError::ExponentRange), // 2^33 + 1
        (&[1, 0, 0, 0, 0, 0, 0, 0, 0, 1], RsaError::ExponentRange),
    ] {
        let err = RsaPublicKey::from_be_bytes(&n2048, e).unwrap_err();
        assert_eq!(err, expected, "e = {e:?}");
        assert!(err.is_key_error());
        assert!(err.to_string().contains("RFC"), "{err}");
    }
    assert!(RsaPublicKey::from_be_bytes(&n2048, &[1, 0xff, 0xff, 0xff, 0xff]).is_ok()); // 2^33 − 1
    assert!(RsaPublicKey::from_be_bytes(&n2048, &[3]).is_ok());
}

#[test]
fn signatures_of_the_wrong_length_or_range_are_refused() {
    let v = &jose_vectors()[0];
    let public = RsaPublicKey::from_be_bytes(&v.members[0], &v.members[1]).unwrap();
    let h = RsaHash::Sha256;
    let longer = [vec![0], v.signature.clone()].concat();
    assert_eq!(
        public.verify_pkcs1v15(h, &v.signing_input, &longer),
        Err(RsaError::SignatureLength {
            expected: 256,
            actual: 257
        })
    );
    assert_eq!(
        public.verify_pss(h, &v.signing_input, &v.signature[1..]),
        Err(RsaError::SignatureLength {
            expected: 256,
            actual: 255
        })
    );
    assert!(public.verify_pkcs1v15(h, &v.signing_input, &[]).is_err());
    // s = n and s = n + 1 are out of range; s + n would be too.
    let n = v.members[0].clone();
    for s in [n.clone(), add_small(&n, 1), vec![0xff; 256]] {
        assert_eq!(
            public.verify_pkcs1v15(h, b"", &s),
            Err(RsaError::SignatureRange)
        );
        assert_eq!(public.verify_pss(h, b"", &s), Err(RsaError::SignatureRange));
    }
    // s = 0 and s = 1 are in range and simply wrong.
    let mut one = vec![0u8; 256];
    one[255] = 1;
    assert_eq!(
        public.verify_pkcs1v15(h, b"", &one),
        Err(RsaError::Pkcs1Encoding)
    );
    assert_eq!(public.verify_pss(h, b"", &one), Err(RsaError::PssTrailer));
    assert_eq!(
        public.verify_pss(h, b"", &[0u8; 256]),
        Err(RsaError::PssTrailer)
    );
}

#[test]
fn key_generation_refuses_other_sizes() {
    for bits in [0, 1024, 2047, 2049, 8192] {
        let err = RsaPrivateKey::generate(bits, &mut TestRandom(1)).unwrap_err();
        assert_eq!(err, RsaError::GenerationSize { bits });
        assert!(err.is_key_error());
    }
}

/// A seeded source, so the run time is fixed: about 1 s in a debug build
/// (measured; random seeds took 0.4 to 4.3 s).
#[test]
fn a_generated_2048_bit_key_passes_every_component_check_and_signs() {
    let start = std::time::Instant::now();
    let key = RsaPrivateKey::generate(2048, &mut TestRandom(2048)).unwrap();
    println!("generated a 2048-bit key in {:?}", start.elapsed());
    let c = key.components();
    assert_eq!(key.public_key().bits(), 2048);
    assert_eq!(c.p.len(), 128);
    assert_eq!(c.q.len(), 128);
    assert!(c.p[0] >= 0xc0 && c.q[0] >= 0xc0, "top two bits set");
    let again =
        RsaPrivateKey::from_components(&c.n, &c.e, &c.d, &c.p, &c.q, &c.dp, &c.dq, &c.qi).unwrap();
    let mut rng = TestRandom(3);
    let s = again.sign_pss(RsaHash::Sha256, b"m", &mut rng).unwrap();
    assert_eq!(
        key.public_key().verify_pss(RsaHash::Sha256, b"m", &s),
        Ok(())
    );
}

/// Nanoseconds this thread has run on a CPU (Linux `schedstat`), else the
/// wall clock: on a shared machine the wall clock also counts the time
/// other work held the cores. The counter moves in scheduler ticks, so
/// each loop below runs for tens of milliseconds at least.
fn cpu_ns() -> f64 {
    if let Ok(text) = std::fs::read_to_string("/proc/thread-self/schedstat") {
        if let Some(ns) = text
            .split_whitespace()
            .next()
            .and_then(|x| x.parse::<f64>().ok())
        {
            return ns;
        }
    }
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as f64
}

/// Microseconds of CPU time per call of `f`, and of wall-clock time.
fn time_us(rounds: usize, mut f: impl FnMut()) -> (f64, f64) {
    let (cpu, wall) = (cpu_ns(), std::time::Instant::now());
    for _ in 0..rounds {
        f();
    }
    let cpu = (cpu_ns() - cpu) / 1e3 / rounds as f64;
    (cpu, wall.elapsed().as_secs_f64() * 1e6 / rounds as f64)
}

/// Timing of RSA-2048 (RFC 7515 A.2 key):
/// `cargo test --release --test rsa -- --ignored --nocapture timing`.
#[test]
#[ignore]
fn timing_of_2048_bit_verify_and_sign() {
    use std::hint::black_box;
    let v = &jose_vectors()[0];
    let key = private_key(v);
    let public = key.public_key().clone();
    let h = RsaHash::Sha256;
    let m = &v.members;
    let mut rng = barejwt::crypto::rand::OsRandom;
    let pss = key.sign_pss(h, &v.signing_input, &mut rng).unwrap();
    let results = [
        (
            "verify PKCS#1 v1.5",
            time_us(5000, || {
                public
                    .verify_pkcs1v15(h, black_box(&v.signing_input), &v.signature)
                    .unwrap()
            }),
        ),
        (
            "verify PSS",
            time_us(5000, || {
                public
                    .verify_pss(h, black_box(&v.signing_input), &pss)
                    .unwrap()
            }),
        ),
        (
            "sign PKCS#1 v1.5",
            time_us(300, || {
                black_box(key.sign_pkcs1v15(h, &v.signing_input, &mut rng).unwrap());
            }),
        ),
        (
            "sign PSS",
            time_us(300, || {
                black_box(key.sign_pss(h, &v.signing_input, &mut rng).unwrap());
            }),
        ),
        (
            "public key from n, e",
            time_us(2000, || {
                black_box(RsaPublicKey::from_be_bytes(&m[0], &m[1]).unwrap());
            }),
        ),
        (
            "private key from components (all checks)",
            time_us(50, || {
                black_box(
                    RsaPrivateKey::from_components(
                        &m[0], &m[1], &m[2], &m[3], &m[4], &m[5], &m[6], &m[7],
                    )
                    .unwrap(),
                );
            }),
        ),
    ];
    for (what, (cpu, wall)) in results {
        println!("RSA-2048 {what}: {cpu:.1} µs CPU ({wall:.1} µs wall)");
    }
}

/// Timing of the bignum operations under RSA-2048 (the 1024-bit primes and
/// the 2048-bit modulus of RFC 7515 A.2):
/// `cargo test --release --test rsa -- --ignored --nocapture timing`.
#[test]
#[ignore]
fn timing_of_the_bignum_building_blocks() {
    use barejwt::crypto::bignum::{Modulus, Uint};
    use std::hint::black_box;
    let v = &jose_vectors()[0];
    for (what, bytes) in [
        ("p (1024 bits)", &v.members[3]),
        ("n (2048 bits)", &v.members[0]),
    ] {
        let m = Uint::from_be_bytes(bytes).unwrap();
        let modulus = Modulus::new(&m).unwrap();
        let bits = modulus.bits();
        let a = modulus.reduce_plain(&Uint::from_be_bytes(&v.signature).unwrap());
        let b = modulus.reduce_plain(&Uint::from_be_bytes(&v.members[2]).unwrap());
        let results = [
            (
                "Montgomery product",
                time_us(100_000, || {
                    black_box(modulus.mul(black_box(&a), &b));
                }),
            ),
            (
                "Montgomery square",
                time_us(100_000, || {
                    black_box(modulus.square(black_box(&a)));
                }),
            ),
            (
                "Modulus::new (R² mod m)",
                time_us(1000, || {
                    black_box(Modulus::new(black_box(&m)));
                }),
            ),
            (
                "pow_public_vartime, e = 65537",
                time_us(1000, || {
                    black_box(modulus.pow_public_vartime(&a, 65537));
                }),
            ),
            (
                "pow_consttime, full-length exponent",
                time_us(100, || {
                    black_box(modulus.pow_consttime(&a, &b, bits));
                }),
            ),
            (
                "invert_consttime",
                time_us(100, || {
                    black_box(modulus.invert_consttime(&a));
                }),
            ),
        ];
        for (op, (cpu, wall)) in results {
            println!("mod {what}: {op}: {cpu:.2} µs CPU ({wall:.2} µs wall)");
        }
    }
}
