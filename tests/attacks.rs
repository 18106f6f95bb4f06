//! One test per known JWT attack that applies to an HMAC verifier
//! (ATTACKS.md §1, and the SECURITY.md table, which names these tests).
//! Attacks already covered in `tests/pipeline.rs` are referenced there by
//! name rather than repeated here.

use barejwt::hmac::{HmacSha256, HmacSha512};
use barejwt::{
    base64url, verify, Algorithm, ErrorKind, Jwk, JwkSet, Key, KeyPolicy, KeyResolver, Validation,
};

const SECRET: &[u8; 32] = b"attacks-test-secret-of-32-bytes!";
const NOW: u64 = 1_700_000_000;
const VALID: &str = r#"{"sub":"a","exp":1700000100}"#;

/// An RSA public key, PEM (SubjectPublicKeyInfo), as a server would publish it.
const RSA_PEM: &str = "-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA0HBndyxKSgZI1Pn7/dLs
B1dB0bG2jJT5N0dHbxQ5mb7zbUPJasJXkJho7DyjR6PEX9mhfs+50EX/Sv4+ZSqN
4laj1WF5vOB26RF4rlyqUM3tBjAH0IcY2bTegRNf4kooyGme9MfEdL++3ajVQcph
jioCYfO+nRoa0ZU2m7EwB49FnxFgAggRrbF+xYfgObRnRoYu5KI1BW1tRHo5SzKM
y2w3bzuPG/FiN0KBet3fQkXaXU4pVgAII12EoqW7jcc6Wb6OHaQdaeptQkTHgCAm
cxRcatSdvr2t7oD8wmeGfiJb6llPYaFicGK4TLTkz4oUEEySzV4pfwMu5RrNSvRK
RwIDAQAB
-----END PUBLIC KEY-----
";
/// An EC P-256 public key, PEM.
const EC_PEM: &str = "-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEBEQN/fM9j92z9vW9APAKAP9yAXIi
xOidyZ0oPL9XtDMeHfK3KNABYB9frssTdR8GS4EAF/Lmkj0XuWmAoExCXw==
-----END PUBLIC KEY-----
";
/// RFC 7515 Appendix A.2's RSA public key, as a JWK.
const RSA_JWK: &str = r#"{"kty":"RSA","n":"ofgWCuLjybRlzo0tZWJjNiuSfb4p4fAkd_wWJcyQoTbji9k0l8W26mPddxHmfHQp-Vaw-4qPCJrcS2mJPMEzP1Pt0Bm4d4QlL-yRT-SFd2lZS-pCgNMsD1W_YpRPEwOWvG6b32690r2jZ47soMZo9wGzjb_7OMg0LOL-bSf63kpaSHSXndS5z5rexMdbBYUsLA9e-KXBdQOS-UTo7WTBEMa2R2CapHg665xsmtdVMTBQY4uDZlxvb3qCo5ZwKh9kG4LT6_I5IhlJH7aGhyxXFvUK-DWNmoudF8NAco9_h9iaGNj8q2ethFkMLs91kzk2PAcDTW9gb54h4FRWyuXpoQ","e":"AQAB"}"#;
/// RFC 7515 Appendix A.3's EC P-256 public key, as a JWK.
const EC_JWK: &str = r#"{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"}"#;

fn key() -> Key {
    Key::hs256(SECRET).unwrap()
}

fn hs256() -> Validation {
    Validation::new(&[Algorithm::Hs256]).now(NOW)
}

/// `B64(header) . B64(payload)`, the signing input.
fn signing_input(header: &str, payload: &str) -> String {
    let mut t = base64url::encode(header.as_bytes());
    t.push('.');
    t.push_str(&base64url::encode(payload.as_bytes()));
    t
}

/// A token signed with HS256 under `secret` over the exact texts given.
fn hs256_token_with(secret: &[u8], header: &str, payload: &str) -> String {
    let mut t = signing_input(header, payload);
    let tag = HmacSha256::new(secret).mac(t.as_bytes());
    t.push('.');
    t.push_str(&base64url::encode(&tag));
    t
}

fn raw_token(header: &str, payload: &str) -> String {
    hs256_token_with(SECRET, header, payload)
}

fn kind_of(token: &str, v: &Validation) -> Result<(), ErrorKind> {
    verify(token, &key(), v).map(|_| ()).map_err(|e| e.kind())
}

fn every_algorithm() -> Vec<Algorithm> {
    [
        "HS256", "HS384", "HS512", "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256",
        "ES384", "ES512", "EdDSA",
    ]
    .iter()
    .filter_map(|n| Algorithm::from_name(n))
    .collect()
}

// ---------------------------------------------------------------------------
// Algorithm selection

/// CVE-2022-23540: `alg: none` in every casing, with every signature shape,
/// through every entry point and every configuration, never verifies.
#[test]
fn alg_none_in_every_casing_and_signature_shape_is_refused() {
    assert_eq!(
        Algorithm::from_name("none"),
        None,
        "none is not even representable"
    );
    let all = every_algorithm();
    assert!(all.len() >= 3);
    let validations = [
        hs256(),
        Validation::new(&all).now(NOW),
        Validation::new(&all)
            .now(NOW)
            .allow_missing_exp()
            .understand_critical("b64"),
    ];
    let jwk =
        Jwk::parse(barejwt::jwk::oct_jwk_json(Algorithm::Hs256, SECRET, Some("k")).as_bytes())
            .unwrap();
    let set = JwkSet::from_keys([jwk.clone()]);
    let short = Key::hmac_allowing_short_secret(Algorithm::Hs256, b"x").unwrap();
    for alg in [
        "none",
        "None",
        "NONE",
        "nOnE",
        "none ",
        " none",
        r"none\u0000",
    ] {
        let header = format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#);
        let body = signing_input(&header, VALID);
        let mac = base64url::encode(&HmacSha256::new(SECRET).mac(body.as_bytes()));
        for signature in ["", "AAAA", mac.as_str(), &base64url::encode(&[0u8; 64])] {
            let t = format!("{body}.{signature}");
            for v in &validations {
                let resolvers: [&dyn KeyResolver; 4] = [&key(), &jwk, &set, &short];
                for keys in resolvers {
                    let err = verify(&t, keys, v).unwrap_err();
                    assert_eq!(
                        err.kind(),
                        ErrorKind::AlgorithmNotAllowed,
                        "{alg} {signature:?}: {err}"
                    );
                }
            }
        }
    }
}

/// CVE-2022-23541 (and CVE-2024-37568): an attacker signs HS256 with the
/// bytes of the verifier's public key. A verifier configured for RS256 /
/// ES256 refuses HS256 at the allow-list, before any MAC is computed: the
/// same token with a garbage signature gets the same error.
#[test]
fn hs256_signed_with_a_public_key_is_refused_before_any_mac() {
    let rsa = Jwk::parse(RSA_JWK.as_bytes()).unwrap();
    let ec = Jwk::parse(EC_JWK.as_bytes()).unwrap();
    for (public_bytes, verifier_key, allowed) in [
        (RSA_PEM, &rsa, Algorithm::Rs256),
        (RSA_JWK, &rsa, Algorithm::Rs256),
        (EC_PEM, &ec, Algorithm::Es256),
        (EC_JWK, &ec, Algorithm::Es256),
    ] {
        let forged = hs256_token_with(public_bytes.as_bytes(), r#"{"alg":"HS256"}"#, VALID);
        let garbage = format!("{}.AAAA", signing_input(r#"{"alg":"HS256"}"#, VALID));
        let only_asymmetric = Validation::new(&[allowed]).now(NOW);
        for t in [&forged, &garbage] {
            let err = verify(t, verifier_key, &only_asymmetric).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::AlgorithmNotAllowed, "{err}");
            assert!(err.reason().contains("not in the allowed list"), "{err}");
        }
        // Even a list that allows HS256 too cannot make an RSA/EC key an
        // HMAC secret: the key does not fit the algorithm.
        let both = Validation::new(&[allowed, Algorithm::Hs256]).now(NOW);
        for t in [&forged, &garbage] {
            let err = verify(t, verifier_key, &both).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::AlgorithmNotAllowed, "{err}");
        }
    }
}

/// CVE-2022-29217, CVE-2024-33663 (and GHSA-ffc3-869f-jxw9's class): no
/// "is this a public key?" guess exists to be fooled. Asymmetric key
/// material never becomes an HMAC key: a JWK of type RSA/EC/OKP fits no
/// HMAC algorithm, and a `Key` is made only from bytes declared an HMAC
/// secret, bound to one algorithm.
#[test]
fn asymmetric_key_material_never_becomes_an_hmac_key() {
    let okp = r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;
    for text in [RSA_JWK, EC_JWK, okp] {
        let jwk = Jwk::parse(text.as_bytes()).unwrap();
        for alg in [Algorithm::Hs256, Algorithm::Hs384, Algorithm::Hs512] {
            assert_eq!(
                jwk.check_algorithm(alg, None).unwrap_err().kind(),
                ErrorKind::AlgorithmNotAllowed
            );
            assert!(jwk.resolve(alg, None).is_err());
        }
        // In a set (skipped or counted), never guessed into an HMAC key: no
        // key fits an HMAC algorithm.
        let set = JwkSet::parse(format!(r#"{{"keys":[{text}]}}"#).as_bytes()).unwrap();
        for alg in [Algorithm::Hs256, Algorithm::Hs384, Algorithm::Hs512] {
            assert_eq!(
                set.resolve(alg, None).unwrap_err().kind(),
                ErrorKind::UnknownKey
            );
        }
    }
    // A Key knows its one algorithm; an HS256 key refuses HS512 tokens.
    let k = key();
    assert_eq!(k.algorithm(), Algorithm::Hs256);
    assert!(k.check_algorithm(Algorithm::Hs512, None).is_err());
}

/// CVE-2026-48523: the header says HS256 but the key entry is bound to
/// HS512. The algorithm used must equal both: refused.
#[test]
fn header_alg_differing_from_the_jwk_bound_alg_is_refused() {
    let bound_512 =
        Jwk::parse(barejwt::jwk::oct_jwk_json(Algorithm::Hs512, &[7u8; 64], None).as_bytes())
            .unwrap();
    assert_eq!(bound_512.alg(), Some("HS512"));
    let t = hs256_token_with(&[7u8; 64], r#"{"alg":"HS256"}"#, VALID);
    let v = Validation::new(&[Algorithm::Hs256, Algorithm::Hs512]).now(NOW);
    let err = verify(&t, &bound_512, &v).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::AlgorithmNotAllowed, "{err}");
    // The same in a set, found by kid.
    let set = JwkSet::parse(
        format!(
            r#"{{"keys":[{}]}}"#,
            barejwt::jwk::oct_jwk_json(Algorithm::Hs512, &[7u8; 64], Some("k"))
        )
        .as_bytes(),
    )
    .unwrap();
    let t = hs256_token_with(&[7u8; 64], r#"{"alg":"HS256","kid":"k"}"#, VALID);
    assert_eq!(
        verify(&t, &set, &v).unwrap_err().kind(),
        ErrorKind::AlgorithmNotAllowed
    );
    // And the HS512 token verifies with it (the control).
    let mut t = signing_input(r#"{"alg":"HS512","kid":"k"}"#, VALID);
    let tag = HmacSha512::new(&[7u8; 64]).mac(t.as_bytes());
    t.push('.');
    t.push_str(&base64url::encode(&tag));
    assert!(verify(&t, &set, &v).is_ok());
}

/// CVE-2022-21449 ("psychic signatures"): r = s = 0 made every ES256
/// signature verify in Java 15–18. Here r and s must lie in 1..n−1, so
/// zeros and multiples of the order are `invalid_signature` for every
/// curve; so is a DER-encoded signature (JWS uses R ‖ S, RFC 7518 §3.4), and
/// an HMAC key is refused at the algorithm step whatever the signature.
#[test]
fn es256_psychic_signature_is_refused() {
    let ec = Jwk::parse(EC_JWK.as_bytes()).unwrap();
    let v = Validation::new(&[Algorithm::Es256]).now(NOW);
    let input = signing_input(r#"{"alg":"ES256"}"#, VALID);
    // The P-256 group order n (FIPS 186-5 / SP 800-186 §3.2.1.3).
    let n: [u8; 32] = [
        0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63,
        0x25, 0x51,
    ];
    let mut one = [0u8; 32];
    one[31] = 1;
    let join = |r: &[u8], s: &[u8]| [r, s].concat();
    for (what, signature) in [
        ("r = s = 0", join(&[0u8; 32], &[0u8; 32])),
        ("r = s = n", join(&n, &n)),
        ("r = 0, s = 1", join(&[0u8; 32], &one)),
        ("r = 1, s = n", join(&one, &n)),
        ("r = s = 2^256 - 1", join(&[0xff; 32], &[0xff; 32])),
    ] {
        let t = format!("{input}.{}", base64url::encode(&signature));
        let err = verify(&t, &ec, &v).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::InvalidSignature, "{what}: {err}");
        assert_eq!(
            verify(&t, &key(), &v).unwrap_err().kind(),
            ErrorKind::AlgorithmNotAllowed,
            "{what}"
        );
    }
    // A DER SEQUENCE of two INTEGERs (what OpenSSL's ECDSA_do_sign writes):
    // 70 or so octets, not 64.
    let mut der = alloc_der(&one, &one);
    let t = format!("{input}.{}", base64url::encode(&der));
    assert_eq!(
        verify(&t, &ec, &v).unwrap_err().kind(),
        ErrorKind::InvalidSignature
    );
    der.clear();
}

/// `SEQUENCE { INTEGER r, INTEGER s }` for positive r and s without their
/// leading zero octets.
fn alloc_der(r: &[u8], s: &[u8]) -> Vec<u8> {
    let int = |v: &[u8]| {
        let v: Vec<u8> = v.iter().copied().skip_while(|b| *b == 0).collect();
        let mut out = vec![0x02, v.len() as u8];
        out.extend(v);
        out
    };
    let body = [int(r), int(s)].concat();
    let mut out = vec![0x30, body.len() as u8];
    out.extend(body);
    out
}

// ---------------------------------------------------------------------------
// Keys taken from the token

/// CVE-2018-0114, CVE-2026-34240: a token signed by the attacker's key and
/// carrying that key in `jwk` (or `x5c`, `jku`, `x5u`) fails against the
/// configured key; the same header signed by our key passes, so the
/// members are ignored, never used.
#[test]
fn keys_in_the_header_are_never_used() {
    let attacker = [0x41u8; 32];
    let attacker_jwk = barejwt::jwk::oct_jwk_json(Algorithm::Hs256, &attacker, None);
    for extra in [
        format!(r#""jwk":{attacker_jwk}"#),
        r#""x5c":["MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA"]"#.to_string(),
        r#""jku":"https://attacker.example/jwks.json""#.to_string(),
        r#""x5u":"https://attacker.example/cert.pem""#.to_string(),
        r#""jku":"file:///dev/zero","x5u":"http://169.254.169.254/""#.to_string(),
    ] {
        let header = format!(r#"{{"alg":"HS256",{extra}}}"#);
        let forged = hs256_token_with(&attacker, &header, VALID);
        assert_eq!(
            kind_of(&forged, &hs256()),
            Err(ErrorKind::InvalidSignature),
            "{extra}"
        );
        assert_eq!(
            kind_of(&raw_token(&header, VALID), &hs256()),
            Ok(()),
            "{extra}"
        );
    }
}

/// RFC 8725 §2.9 / §3.10, `jku`/`x5u` SSRF and `kid` path traversal: the
/// library has no code that could fetch or open anything. No library
/// source file (every `.rs` under `src/` but the command line tool,
/// `main.rs` and `cli/`) names a network, file or process API. The one
/// exception is the operating system's random source, which may open
/// exactly `/dev/urandom` and nothing else.
#[test]
fn no_library_file_can_fetch_open_or_run_anything() {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&src, &mut files);
    let library: Vec<_> = files
        .into_iter()
        .filter(|p| {
            let rel = p.strip_prefix(&src).unwrap();
            rel != std::path::Path::new("main.rs") && !rel.starts_with("cli")
        })
        .collect();
    assert!(library.len() > 20, "found only {library:?}");
    for path in &library {
        let mut text = std::fs::read_to_string(path).unwrap();
        if path.ends_with("crypto/rand.rs") {
            // The OS random source: one read-only open of one fixed device.
            assert_eq!(text.matches("std::fs").count(), 2, "{path:?}");
            assert!(text.contains(r#"const PATH: &'static str = "/dev/urandom";"#));
            text = text
                .replace("`std::fs`", "")
                .replace("std::fs::File::open(OsRandom::PATH)", "");
        }
        for api in [
            "std::net",
            "std::fs",
            "std::process",
            "std::env",
            "File::open",
            "TcpStream",
        ] {
            assert!(!text.contains(api), "{path:?} mentions {api}");
        }
    }
}

/// `kid` injection (RFC 8725 §3.10): path traversal, SQL, 10 kB, NUL and
/// control characters are exact-match map keys that match nothing:
/// `unknown_key`. See also `kind_unknown_key` in tests/pipeline.rs.
#[test]
fn kid_injection_strings_are_unknown_keys() {
    let set = JwkSet::parse(
        format!(
            r#"{{"keys":[{},{}]}}"#,
            barejwt::jwk::oct_jwk_json(Algorithm::Hs256, SECRET, Some("a")),
            barejwt::jwk::oct_jwk_json(Algorithm::Hs256, &[9u8; 32], Some("b"))
        )
        .as_bytes(),
    )
    .unwrap();
    let long = "k".repeat(10_000);
    for kid in [
        "../../dev/null",
        "/dev/null",
        "' UNION SELECT 'k'--",
        "' OR '1'='1",
        long.as_str(),
        r"a\u0000",
        r"\u0000",
        r"a\n",
        "",
        "A",
        "a ",
    ] {
        let header = format!(r#"{{"alg":"HS256","kid":"{kid}"}}"#);
        let t = raw_token(&header, VALID);
        assert_eq!(
            verify(&t, &set, &hs256()).unwrap_err().kind(),
            ErrorKind::UnknownKey,
            "{kid}"
        );
    }
}

// ---------------------------------------------------------------------------
// Claim semantics and type confusion

/// CVE-2026-25537: `exp`, `nbf`, `iat` of the wrong type are
/// `invalid_claim` even when no check asks for them, never "absent".
#[test]
fn dates_of_every_wrong_type_are_invalid_claims_even_when_optional() {
    let lax = hs256().allow_missing_exp();
    for name in ["exp", "nbf", "iat"] {
        for value in [
            r#""1700000100""#,
            r#""""#,
            "true",
            "false",
            "null",
            "[]",
            "[1700000100]",
            "{}",
            r#"{"n":1700000100}"#,
            "1e400",
            "-1e400",
            "1E309",
        ] {
            let payload = format!(r#"{{"{name}":{value}}}"#);
            let err = verify(raw_token(r#"{"alg":"HS256"}"#, &payload), &key(), &lax).unwrap_err();
            assert_eq!(
                (err.kind(), err.claim()),
                (ErrorKind::InvalidClaim, Some(name)),
                "{payload}"
            );
        }
    }
    // Huge but finite dates are dates, far away; negative ones are past.
    let h = r#"{"alg":"HS256"}"#;
    assert_eq!(kind_of(&raw_token(h, r#"{"exp":1e300}"#), &hs256()), Ok(()));
    assert_eq!(
        kind_of(
            &raw_token(h, r#"{"exp":99999999999999999999999999}"#),
            &hs256()
        ),
        Ok(())
    );
    assert_eq!(
        kind_of(&raw_token(h, r#"{"exp":-1}"#), &hs256()),
        Err(ErrorKind::Expired)
    );
    assert_eq!(
        kind_of(
            &raw_token(h, r#"{"exp":-99999999999999999999999999}"#),
            &hs256()
        ),
        Err(ErrorKind::Expired)
    );
    assert_eq!(
        kind_of(&raw_token(h, r#"{"exp":1700000100,"nbf":1e300}"#), &hs256()),
        Err(ErrorKind::NotYetValid)
    );
}

/// CVE-2020-26160: `aud` of `""`, `[]`, `[""]` never satisfies an
/// expected audience; `[1]`, `{"a":1}`, `null` are type errors.
#[test]
fn aud_shapes_of_cve_2020_26160_never_match() {
    let v = hs256().audience("api");
    let h = r#"{"alg":"HS256"}"#;
    for aud in [
        r#""""#,
        "[]",
        r#"[""]"#,
        r#"["API"]"#,
        r#""api ""#,
        r#"["ap","i"]"#,
    ] {
        let payload = format!(r#"{{"exp":1700000100,"aud":{aud}}}"#);
        assert_eq!(
            kind_of(&raw_token(h, &payload), &v),
            Err(ErrorKind::InvalidAudience),
            "{aud}"
        );
    }
    for aud in [
        "[1]",
        r#"{"a":1}"#,
        "null",
        "1",
        "true",
        r#"["api",null]"#,
        r#"[["api"]]"#,
    ] {
        let payload = format!(r#"{{"exp":1700000100,"aud":{aud}}}"#);
        assert_eq!(
            kind_of(&raw_token(h, &payload), &v),
            Err(ErrorKind::InvalidClaim),
            "{aud}"
        );
    }
    // An empty configured audience matches only an empty aud, never "no aud".
    let empty = hs256().audience("");
    assert_eq!(
        kind_of(&raw_token(h, r#"{"exp":1700000100}"#), &empty),
        Err(ErrorKind::MissingClaim)
    );
}

/// CVE-2024-53861: `iss` is compared by equality, never as a substring.
#[test]
fn iss_is_never_matched_as_a_substring() {
    let v = hs256().issuer("https://a.example");
    let h = r#"{"alg":"HS256"}"#;
    for iss in [
        r#""https://a.example.evil""#,
        r#""a.example""#,
        r#""https://a.example/""#,
        r#""HTTPS://A.EXAMPLE""#,
        r#""https://a.exampl""#,
        r#""""#,
    ] {
        let payload = format!(r#"{{"exp":1700000100,"iss":{iss}}}"#);
        assert_eq!(
            kind_of(&raw_token(h, &payload), &v),
            Err(ErrorKind::InvalidIssuer),
            "{iss}"
        );
    }
    let array = r#"{"exp":1700000100,"iss":["https://a.example"]}"#;
    assert_eq!(
        kind_of(&raw_token(h, array), &v),
        Err(ErrorKind::InvalidClaim)
    );
    let good = r#"{"exp":1700000100,"iss":"https://a.example"}"#;
    assert_eq!(kind_of(&raw_token(h, good), &v), Ok(()));
}

// ---------------------------------------------------------------------------
// Header processing

/// CVE-2026-32597, CVE-2025-59420: every `crit` problem is refused.
#[test]
fn crit_variants_are_refused() {
    let plain = hs256();
    let knows_x = hs256().understand_critical("x");
    for (header, understood_too) in [
        (r#"{"alg":"HS256","crit":["x"],"x":1}"#, false),
        (r#"{"alg":"HS256","crit":[]}"#, true),
        (r#"{"alg":"HS256","crit":"x","x":1}"#, true),
        (r#"{"alg":"HS256","crit":[1]}"#, true),
        (r#"{"alg":"HS256","crit":null}"#, true),
        (r#"{"alg":"HS256","crit":{"x":1},"x":1}"#, true),
        (r#"{"alg":"HS256","crit":["alg"]}"#, true),
        (r#"{"alg":"HS256","crit":["kid"],"kid":"k"}"#, true),
        (r#"{"alg":"HS256","crit":["x","x"],"x":1}"#, true),
        (r#"{"alg":"HS256","crit":["x"]}"#, true),
        (r#"{"alg":"HS256","crit":["X"],"X":1}"#, true),
        (r#"{"alg":"HS256","crit":["b64"],"b64":false}"#, true),
    ] {
        let t = raw_token(header, VALID);
        assert_eq!(
            kind_of(&t, &plain),
            Err(ErrorKind::UnsupportedCriticalHeader),
            "{header}"
        );
        if understood_too {
            assert_eq!(
                kind_of(&t, &knows_x),
                Err(ErrorKind::UnsupportedCriticalHeader),
                "{header} (x understood)"
            );
        }
    }
    let t = raw_token(r#"{"alg":"HS256","crit":["x"],"x":1}"#, VALID);
    assert_eq!(kind_of(&t, &knows_x), Ok(()));
}

/// golang/go#14750, square/go-jose#73, CVE-2022-39227: duplicate names are
/// refused everywhere (also after unescaping), and names are
/// case-sensitive: `EXP` is not `exp`.
#[test]
fn duplicate_names_are_refused_and_case_matters() {
    let h = r#"{"alg":"HS256"}"#;
    for (header, payload) in [
        (r#"{"alg":"HS512","alg":"HS256"}"#, VALID),
        (r#"{"alg":"HS256","alg":"HS256"}"#, VALID),
        (r#"{"alg":"HS256","\u0061lg":"none"}"#, VALID),
        (r#"{"alg":"HS256","kid":"a","kid":"b"}"#, VALID),
        (h, r#"{"exp":1,"exp":9e9}"#),
        (h, r#"{"exp":9e9,"exp":1}"#),
        (h, r#"{"exp":1,"\u0065xp":9e9}"#),
        (h, r#"{"exp":9e9,"aud":"x","aud":"api"}"#),
        (h, r#"{"exp":9e9,"x":{"a":1,"a":2}}"#),
    ] {
        let t = raw_token(header, payload);
        assert_eq!(
            kind_of(&t, &hs256()),
            Err(ErrorKind::Malformed),
            "{header} {payload}"
        );
    }
    // Case: EXP is a private claim, so exp is still what counts.
    assert_eq!(
        kind_of(&raw_token(h, r#"{"EXP":9e9}"#), &hs256()),
        Err(ErrorKind::MissingClaim)
    );
    assert_eq!(
        kind_of(&raw_token(h, r#"{"EXP":9e9,"exp":1}"#), &hs256()),
        Err(ErrorKind::Expired)
    );
    assert_eq!(
        kind_of(&raw_token(r#"{"ALG":"HS256"}"#, VALID), &hs256()),
        Err(ErrorKind::Malformed)
    );
}

/// Compact serialization only (RFC 7515 §7.1): the JSON serializations
/// (`{"payload":…,"signatures":[…]}`) are malformed.
#[test]
fn json_serialization_input_is_refused() {
    let t = raw_token(r#"{"alg":"HS256"}"#, VALID);
    let parts: Vec<&str> = t.split('.').collect();
    for text in [
        format!(
            r#"{{"payload":"{}","protected":"{}","signature":"{}"}}"#,
            parts[1], parts[0], parts[2]
        ),
        format!(
            r#"{{"payload":"{}","signatures":[{{"protected":"{}","signature":"{}"}}]}}"#,
            parts[1], parts[0], parts[2]
        ),
        format!("{{{t}}}"),
        format!(" {t}"),
        format!("{t}\n"),
        format!("\"{t}\""),
    ] {
        assert_eq!(
            kind_of(&text, &hs256()),
            Err(ErrorKind::Malformed),
            "{text}"
        );
    }
}

/// RFC 7797 `b64` and JWE `zip` (CVE-2024-33664, CVE-2026-48525 class):
/// neither is implemented. `b64` must be critical (RFC 7797 §6), and a
/// critical `b64` is refused; `zip` never makes the payload be
/// decompressed: it is read as plain JSON or refused as malformed.
#[test]
fn zip_and_b64_never_change_how_the_payload_is_read() {
    let crit_b64 = format!(
        "{}.x",
        signing_input(r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#, VALID)
    );
    assert_eq!(
        kind_of(&crit_b64, &hs256()),
        Err(ErrorKind::UnsupportedCriticalHeader)
    );
    // A raw (not base64url) payload, signed as b64:false would sign it.
    let header = base64url::encode(br#"{"alg":"HS256","b64":false}"#);
    let mut t = format!("{header}.{VALID}");
    let tag = HmacSha256::new(SECRET).mac(t.as_bytes());
    t.push('.');
    t.push_str(&base64url::encode(&tag));
    assert_eq!(kind_of(&t, &hs256()), Err(ErrorKind::Malformed));
    // zip: a deflate stream (RFC 1951 stored block of VALID) is not JSON.
    let mut deflated = vec![0x01, VALID.len() as u8, 0, !(VALID.len() as u8), 0xff];
    deflated.extend_from_slice(VALID.as_bytes());
    let mut t = base64url::encode(br#"{"alg":"HS256","zip":"DEF"}"#);
    t.push('.');
    t.push_str(&base64url::encode(&deflated));
    let tag = HmacSha256::new(SECRET).mac(t.as_bytes());
    t.push('.');
    t.push_str(&base64url::encode(&tag));
    assert_eq!(kind_of(&t, &hs256()), Err(ErrorKind::Malformed));
}

// ---------------------------------------------------------------------------
// Encoding and canonical form

/// GHSA-hxm8-2xgr-2p9m: one token, one text. Every non-canonical form of
/// each part (padding, non-zero pad bits, the standard alphabet, white
/// space, CR LF, a 4n+1 length, non-ASCII) is malformed.
#[test]
fn non_canonical_parts_of_every_kind_are_malformed() {
    // A header and payload whose encodings end in a partial group, so that
    // pad bits exist, and that contain '-' or '_' to swap.
    let t = raw_token(
        r#"{"alg":"HS256","x":"??>"}"#,
        r#"{"exp":1700000100,"y":"~~~"}"#,
    );
    assert_eq!(kind_of(&t, &hs256()), Ok(()));
    let parts: Vec<String> = t.split('.').map(String::from).collect();
    let variants = |part: &str| -> Vec<String> {
        let mut out = vec![
            format!("{part}="),
            format!("{part}=="),
            format!("{part} "),
            format!(" {part}"),
            format!("{part}\r\n"),
            format!("{part}\n"),
            format!("{part}\t"),
            format!("{part}A"),
            format!("{part}é"),
            format!("{part}\0"),
            part.replace('-', "+").replace('_', "/"),
        ];
        // Non-zero pad bits: bump the last character within its group.
        let last = part.as_bytes()[part.len() - 1];
        let bumped = match last {
            b'A'..=b'Y' | b'a'..=b'y' | b'0'..=b'8' => last + 1,
            _ => b'A',
        };
        out.push(format!("{}{}", &part[..part.len() - 1], bumped as char));
        out.retain(|v| v != part);
        out
    };
    for i in 0..3 {
        for variant in variants(&parts[i]) {
            let mut p = parts.clone();
            p[i] = variant.clone();
            if i < 2 {
                // Re-signed over the exact text, so that the signature holds
                // and the encoding alone is judged (the payload's only after
                // the signature, in the contract's order).
                let body = format!("{}.{}", p[0], p[1]);
                p[2] = base64url::encode(&HmacSha256::new(SECRET).mac(body.as_bytes()));
            }
            let text = p.join(".");
            let got = kind_of(&text, &hs256());
            // A bumped signature character that still decodes canonically
            // is merely another signature: invalid_signature.
            let expected = if i == 2 && base64url::decode(variant.as_bytes()).is_ok() {
                ErrorKind::InvalidSignature
            } else {
                ErrorKind::Malformed
            };
            assert_eq!(got, Err(expected), "part {i} as {variant:?}");
        }
    }
}

/// RFC 7518 §3.2, RFC 8725 §3.5: HMAC keys shorter than the hash output
/// are refused by default, and empty ones always. See also
/// `kind_invalid_key_is_judged_at_key_selection` in tests/pipeline.rs.
#[test]
fn weak_and_empty_hmac_keys_are_refused() {
    for (alg, len) in [
        (Algorithm::Hs256, 32),
        (Algorithm::Hs384, 48),
        (Algorithm::Hs512, 64),
    ] {
        assert_eq!(
            Key::hmac(alg, &vec![1u8; len - 1]).unwrap_err().kind(),
            ErrorKind::InvalidKey
        );
        assert!(Key::hmac(alg, &vec![1u8; len]).is_ok());
        assert_eq!(
            Key::hmac(alg, b"").unwrap_err().kind(),
            ErrorKind::InvalidKey
        );
        assert_eq!(
            Key::hmac_allowing_short_secret(alg, b"")
                .unwrap_err()
                .kind(),
            ErrorKind::InvalidKey
        );
        assert!(Key::hmac_allowing_short_secret(alg, b"p").is_ok());
    }
    assert_eq!(
        Key::hs256(b"password").unwrap_err().kind(),
        ErrorKind::InvalidKey
    );
    // An empty JWK secret is unusable even under the lax policy: in a set
    // it counts (a supported type; the contract's "Key sets") and is
    // invalid_key when a token picks it; a single JWK is invalid_key.
    let lax = KeyPolicy::new().allowing_short_hmac_secret();
    let empty_set = r#"{"keys":[{"kty":"oct","kid":"e","k":""}]}"#;
    let set = JwkSet::parse_with_policy(empty_set.as_bytes(), &lax).unwrap();
    assert_eq!((set.len(), set.skipped()), (1, 0));
    let t = hs256_token_with(b"", r#"{"alg":"HS256","kid":"e"}"#, VALID);
    assert_eq!(
        verify(&t, &set, &hs256()).unwrap_err().kind(),
        ErrorKind::InvalidKey
    );
    let single = Jwk::parse_with_policy(br#"{"kty":"oct","k":""}"#, &lax).unwrap_err();
    assert_eq!(single.kind(), ErrorKind::InvalidKey);
}

/// Timing side channel (jpadilla/pyjwt#7, GildedHonour/frank_jwt#1): the
/// comparison has no early exit (review note in SECURITY.md: it ORs the
/// XOR of every byte pair). Behaviourally: a tag wrong in its first byte
/// and one wrong in its last byte give the same error, as does a tag of
/// the wrong length. Timing is never asserted.
#[test]
fn mac_tags_wrong_in_the_first_or_last_byte_fail_alike() {
    let body = signing_input(r#"{"alg":"HS256"}"#, VALID);
    let good = HmacSha256::new(SECRET).mac(body.as_bytes());
    let mut first = good;
    first[0] ^= 1;
    let mut last = good;
    last[31] ^= 0x80;
    let mut errors = Vec::new();
    for tag in [&first[..], &last[..], &good[..31]] {
        let err = verify(
            format!("{body}.{}", base64url::encode(tag)),
            &key(),
            &hs256(),
        )
        .unwrap_err();
        errors.push((err.kind(), err.reason().to_string()));
    }
    assert_eq!(errors[0], errors[1], "first vs last byte");
    assert_eq!(errors[0].0, ErrorKind::InvalidSignature);
    assert_eq!(errors[2].0, ErrorKind::InvalidSignature);
    assert!(barejwt::hmac::constant_time_eq(&good, &good));
    assert!(!barejwt::hmac::constant_time_eq(&good, &first));
    assert!(!barejwt::hmac::constant_time_eq(&good, &last));
    assert!(!barejwt::hmac::constant_time_eq(&good, &good[..31]));
    // The control: the right tag verifies.
    assert!(verify(
        format!("{body}.{}", base64url::encode(&good)),
        &key(),
        &hs256()
    )
    .is_ok());
}

// ---------------------------------------------------------------------------
// Resource exhaustion and error handling

/// CVE-2025-53864, GHSA-8wjv-2p76-3863: a million `[` in the header (and
/// in the claims) of a token, with the size limits raised to let it in,
/// is malformed, on a small stack. (The parser alone:
/// `a_million_open_brackets_on_a_64_kib_stack_are_too_deep` in tests/json.rs.)
#[test]
fn a_million_open_brackets_in_a_token_are_malformed_on_a_small_stack() {
    let brackets = "[".repeat(1_000_000);
    let in_header = raw_token(&brackets, VALID);
    let in_claims = raw_token(r#"{"alg":"HS256"}"#, &format!(r#"{{"x":{brackets}"#));
    let outcome = std::thread::Builder::new()
        .stack_size(128 * 1024)
        .spawn(move || {
            let v = hs256()
                .max_token_len(4 << 20)
                .max_header_len(2 << 20)
                .max_json_depth(usize::MAX);
            (kind_of(&in_header, &v), kind_of(&in_claims, &v))
        })
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(
        outcome,
        (Err(ErrorKind::Malformed), Err(ErrorKind::Malformed))
    );
}

/// CVE-2024-51744: a forged token that is also expired is reported as a
/// bad signature, never as expired, and no claims come with the error (the
/// API returns `Result<Token, Error>`). See also
/// `a_forged_expired_token_is_a_bad_signature_not_expired` in
/// tests/pipeline.rs.
#[test]
fn forged_and_expired_is_invalid_signature_with_every_claim_problem() {
    let h = r#"{"alg":"HS256"}"#;
    for payload in [
        r#"{"exp":1}"#,
        r#"{"exp":"soon"}"#,
        r#"{"sub":"a"}"#,
        r#"{"exp":1700000100,"nbf":1e300}"#,
        r#"{"exp":1700000100,"aud":"elsewhere"}"#,
        "not json",
    ] {
        let forged = hs256_token_with(&[3u8; 32], h, payload);
        assert_eq!(
            kind_of(&forged, &hs256()),
            Err(ErrorKind::InvalidSignature),
            "{payload}"
        );
    }
}

/// Every test SECURITY.md names (as `file::test`) exists in that file of
/// `tests/`, as a `#[test]` function.
#[test]
fn security_md_names_only_tests_that_exist() {
    let security = include_str!("../SECURITY.md");
    let files = [
        ("attacks", include_str!("attacks.rs")),
        ("pipeline", include_str!("pipeline.rs")),
        ("limits", include_str!("limits.rs")),
        ("allocations", include_str!("allocations.rs")),
        ("mutation", include_str!("mutation.rs")),
        ("json", include_str!("json.rs")),
        ("properties", include_str!("properties.rs")),
        ("cli", include_str!("cli.rs")),
        ("keys", include_str!("keys.rs")),
        ("ed25519", include_str!("ed25519.rs")),
    ];
    let mut named = 0;
    for quoted in security.split('`').skip(1).step_by(2) {
        let Some((file, test)) = quoted.split_once("::") else {
            continue;
        };
        let Some((_, text)) = files.iter().find(|(f, _)| *f == file) else {
            continue; // a Rust path such as `json::Value`, not a test
        };
        if test.contains(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')) {
            continue;
        }
        let at = text
            .find(&format!("fn {test}()"))
            .unwrap_or_else(|| panic!("SECURITY.md names {file}::{test}, which does not exist"));
        let before = &text[..at];
        let attribute = before.rfind("#[test]").expect("a #[test] before it");
        assert!(
            !before[attribute..].contains("\nfn "),
            "{file}::{test} is not a #[test]"
        );
        named += 1;
    }
    assert!(named >= 40, "only {named} test names found in SECURITY.md");
}
