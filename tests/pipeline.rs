//! The verifier end to end: every JWS/JWT vector of `vectors/jws/` and
//! `vectors/claims/`, then one test per check and per error kind, asserting
//! the exact kind.

mod common;

use barejwt::json::{Number, Object, Value};
use barejwt::{
    sign, sign_with_header, verify, Algorithm, Clock, ErrorKind, HeaderFields, Jwk, JwkSet, Key,
    KeyPolicy, Validation,
};
use common::Record;

const PUBLISHED: &str = include_str!("../vectors/jws/published.txt");
const NEGATIVE: &str = include_str!("../vectors/jws/negative.txt");
const CLAIMS: &str = include_str!("../vectors/claims/claims.txt");

fn kind_named(name: &str) -> ErrorKind {
    *ErrorKind::ALL
        .iter()
        .find(|k| k.as_str() == name)
        .unwrap_or_else(|| panic!("unknown kind {name}"))
}

fn token_of(r: &Record) -> Vec<u8> {
    match r.get("Token") {
        Some(t) => t.as_bytes().to_vec(),
        None => r.hex("TokenHex"),
    }
}

/// Runs one vector record through `verify` with the profile it states.
fn run_vector(r: &Record) -> Result<barejwt::Token, barejwt::Error> {
    let algs: Vec<Algorithm> = r
        .str("Alg")
        .split(',')
        .map(|a| Algorithm::from_name(a).unwrap_or_else(|| panic!("{}: alg {a}", r.label())))
        .collect();
    let mut v = Validation::new(&algs).now(r.str("Now").parse().unwrap());
    if let Some(l) = r.get("Leeway") {
        v = v.leeway_secs(l.parse().unwrap());
    }
    if let Some(aud) = r.get("Audience") {
        v = v.audience(aud);
    }
    if r.get("AllowMissingExp") == Some("yes") {
        v = v.allow_missing_exp();
    }
    let token = token_of(r);
    if let Some(jwk) = r.get("Jwk") {
        let jwk = Jwk::parse(jwk.as_bytes()).unwrap_or_else(|e| panic!("{}: {e}", r.label()));
        return verify(&token, &jwk, &v);
    }
    let secret = r.hex("KeyHex");
    let key = if r.get("AllowShortKey") == Some("yes") {
        Key::hmac_allowing_short_secret(algs[0], &secret)
    } else {
        Key::hmac(algs[0], &secret)
    };
    match key {
        Ok(key) => verify(&token, &key, &v),
        Err(e) => Err(e),
    }
}

fn check_file(text: &str) -> usize {
    let records = common::records(text);
    assert!(!records.is_empty());
    for r in &records {
        let expected = r.str("Expected");
        match (run_vector(r), expected) {
            (Ok(_), "accept") => {}
            (Ok(_), kind) => panic!("{}: accepted, expected {kind}", r.label()),
            (Err(e), "accept") => panic!("{}: refused ({e}), expected accept", r.label()),
            (Err(e), kind) => assert_eq!(e.kind(), kind_named(kind), "{}: {e}", r.label()),
        }
    }
    records.len()
}

#[test]
fn published_and_constructed_jws_vectors() {
    let n = check_file(PUBLISHED);
    println!("{n} published/constructed JWS vectors");
}

#[test]
fn negative_vectors_each_fail_at_their_check() {
    let n = check_file(NEGATIVE);
    assert_eq!(n, 27);
}

#[test]
fn claims_vectors() {
    let n = check_file(CLAIMS);
    assert_eq!(n, 14);
}

/// Every published token that gets past its signature (accepted, or refused
/// later, on its payload or claims) fails at the signature once one octet
/// of the signature changes: the verdict came from a signature that holds.
#[test]
fn published_tokens_judged_past_the_signature_fail_there_when_it_changes() {
    let mut judged = 0;
    for r in common::records(PUBLISHED) {
        let expected = r.str("Expected");
        // The verdicts judged after the signature step.
        if !["accept", "malformed", "expired", "invalid_claim"].contains(&expected) {
            continue;
        }
        let token = r.str("Token");
        let (input, signature) = token.rsplit_once('.').unwrap();
        let mut raw = barejwt::base64url::decode(signature.as_bytes()).unwrap();
        if raw.is_empty() {
            continue;
        }
        raw[0] ^= 0x01;
        let changed = format!("{input}.{}", barejwt::base64url::encode(&raw));
        let mut record = r.clone();
        record.set("Token", &changed);
        let err = run_vector(&record).expect_err(&r.label());
        assert_eq!(
            err.kind(),
            ErrorKind::InvalidSignature,
            "{}: {err}",
            r.label()
        );
        judged += 1;
    }
    // The HS256/384/512 and EdDSA records today (RS*, PS*, ES* join as
    // they are built).
    assert!(judged >= 7, "only {judged} records");
}

#[test]
fn published_hmac_signatures_are_reproduced_by_signing_input() {
    // The MAC over the printed signing input equals the printed signature.
    for r in common::records(PUBLISHED) {
        let (Some(input), Some(_)) = (r.get("SigningInput"), r.get("SignatureHex")) else {
            continue;
        };
        let secret = r.hex("KeyHex");
        let tag = match r.str("Alg") {
            "HS256" => barejwt::hmac::HmacSha256::new(&secret)
                .mac(input.as_bytes())
                .to_vec(),
            "HS384" => barejwt::hmac::HmacSha384::new(&secret)
                .mac(input.as_bytes())
                .to_vec(),
            "HS512" => barejwt::hmac::HmacSha512::new(&secret)
                .mac(input.as_bytes())
                .to_vec(),
            other => panic!("{other}"),
        };
        assert_eq!(tag, r.hex("SignatureHex"), "{}", r.label());
    }
}

#[test]
fn a_text_payload_fails_only_after_its_signature_held() {
    // RFC 7520 §4.4's payload is prose: `malformed` comes from the payload
    // step. With one signature byte changed the same token is
    // `invalid_signature`, which shows the signature step passed before.
    let r = common::records(PUBLISHED)
        .into_iter()
        .find(|r| r.str("Id") == "jws-rfc7520-s4.4-hs256")
        .unwrap();
    let key = Key::hs256(&r.hex("KeyHex")).unwrap();
    let v = Validation::new(&[Algorithm::Hs256]).now(0);
    let token = r.str("Token").to_string();
    assert_eq!(
        verify(&token, &key, &v).unwrap_err().kind(),
        ErrorKind::Malformed
    );
    let mut tampered = token.into_bytes();
    let last = tampered.len() - 2;
    tampered[last] = if tampered[last] == b'A' { b'B' } else { b'A' };
    assert_eq!(
        verify(&tampered, &key, &v).unwrap_err().kind(),
        ErrorKind::InvalidSignature
    );
}

#[test]
fn rfc7519_example_is_expired_by_a_real_clock() {
    let r = common::records(PUBLISHED)
        .into_iter()
        .find(|r| r.str("Id") == "jwt-rfc7519-s3.1-hs256")
        .unwrap();
    let key = Key::hs256(&r.hex("KeyHex")).unwrap();
    let err = verify(r.str("Token"), &key, &Validation::new(&[Algorithm::Hs256])).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Expired);
    // Exactly at exp it is expired; one second before it is not.
    let at_exp = Validation::new(&[Algorithm::Hs256]).now(1_300_819_380);
    assert_eq!(
        verify(r.str("Token"), &key, &at_exp).unwrap_err().kind(),
        ErrorKind::Expired
    );
    let before = Validation::new(&[Algorithm::Hs256]).now(1_300_819_379);
    assert!(verify(r.str("Token"), &key, &before).is_ok());
}

// ---------------------------------------------------------------------------
// Helpers for the per-check tests: sign what we need with a fixed key.

const SECRET: &[u8; 32] = b"pipeline-test-secret-of-32-bytes";
const NOW: u64 = 1_700_000_000;

fn key() -> Key {
    Key::hs256(SECRET).unwrap()
}

fn claims(json: &str) -> Object {
    match barejwt::json::parse(json.as_bytes()).unwrap() {
        Value::Object(o) => o,
        other => panic!("not an object: {other:?}"),
    }
}

fn token(json: &str) -> String {
    sign(&key(), &claims(json)).unwrap()
}

/// A token with an arbitrary header text (not necessarily valid), signed
/// correctly with HS256 over the exact bytes.
fn raw_token(header: &str, payload: &str) -> String {
    let mut t = barejwt::base64url::encode(header.as_bytes());
    t.push('.');
    t.push_str(&barejwt::base64url::encode(payload.as_bytes()));
    let tag = barejwt::hmac::HmacSha256::new(SECRET).mac(t.as_bytes());
    t.push('.');
    t.push_str(&barejwt::base64url::encode(&tag));
    t
}

fn hs256() -> Validation {
    Validation::new(&[Algorithm::Hs256]).now(NOW)
}

fn kind_of(token: &str, v: &Validation) -> Result<(), ErrorKind> {
    verify(token, &key(), v).map(|_| ()).map_err(|e| e.kind())
}

const VALID: &str = r#"{"sub":"a","exp":1700000100}"#;

// ---------------------------------------------------------------------------
// One test per kind.

#[test]
fn kind_malformed_for_structure_base64_and_json() {
    let v = hs256();
    for bad in [
        "abc".to_string(),
        "a.b".to_string(),
        "a.b.c.d".to_string(),
        raw_token("{\"alg\":\"HS256\"", VALID),
        raw_token("[1]", VALID),
        raw_token(r#"{"alg":7}"#, VALID),
        raw_token(r#"{"alg":"HS256","kid":1}"#, VALID),
        raw_token(r#"{"alg":"HS256"}"#, "[]"),
        raw_token(r#"{"alg":"HS256"}"#, r#"{"exp":1,"exp":2}"#),
        raw_token("\u{feff}{\"alg\":\"HS256\"}", VALID),
        raw_token(r#"{"alg":"HS256"}"#, r#"{"a":"\ud800"}"#),
    ] {
        assert_eq!(kind_of(&bad, &v), Err(ErrorKind::Malformed), "{bad}");
    }
}

#[test]
fn kind_too_large_comes_before_anything_else() {
    let long = "x".repeat(65_537);
    assert_eq!(kind_of(&long, &hs256()), Err(ErrorKind::TooLarge));
    let at_limit = "x".repeat(65_536);
    assert_eq!(kind_of(&at_limit, &hs256()), Err(ErrorKind::Malformed));
    // A valid token over a configured smaller limit.
    let t = token(VALID);
    assert_eq!(
        kind_of(&t, &hs256().max_token_len(t.len() - 1)),
        Err(ErrorKind::TooLarge)
    );
    assert_eq!(kind_of(&t, &hs256().max_token_len(t.len())), Ok(()));
}

#[test]
fn kind_algorithm_not_allowed() {
    let v = hs256();
    for header in [
        r#"{"alg":"none"}"#,
        r#"{"alg":"None"}"#,
        r#"{"alg":"hs256"}"#,
        r#"{"alg":"HS512"}"#,
        r#"{"alg":"RS256"}"#,
        r#"{"alg":""}"#,
    ] {
        assert_eq!(
            kind_of(&raw_token(header, VALID), &v),
            Err(ErrorKind::AlgorithmNotAllowed),
            "{header}"
        );
    }
    // Allowed by the list but not by the key: the key is bound to HS256.
    let both = Validation::new(&[Algorithm::Hs256, Algorithm::Hs512]).now(NOW);
    assert_eq!(
        kind_of(&raw_token(r#"{"alg":"HS512"}"#, VALID), &both),
        Err(ErrorKind::AlgorithmNotAllowed)
    );
    // Allowed by the list, but an HMAC key is not an RSA key.
    let rs = Validation::new(&[Algorithm::Rs256]).now(NOW);
    let err = verify(raw_token(r#"{"alg":"RS256"}"#, VALID), &key(), &rs).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::AlgorithmNotAllowed);
    assert!(err.reason().contains("bound to HS256"), "{err}");
}

#[test]
fn kind_unsupported_critical_header() {
    let t = raw_token(r#"{"alg":"HS256","crit":["x"],"x":1}"#, VALID);
    assert_eq!(
        kind_of(&t, &hs256()),
        Err(ErrorKind::UnsupportedCriticalHeader)
    );
    assert_eq!(kind_of(&t, &hs256().understand_critical("x")), Ok(()));
}

#[test]
fn kind_invalid_key_is_judged_at_key_selection() {
    let short = JwkSet::parse(br#"{"keys":[{"kty":"oct","kid":"k","k":"c2hvcnQ"}]}"#).unwrap();
    let t = raw_token(r#"{"alg":"HS256","kid":"k"}"#, VALID);
    let err = verify(&t, &short, &hs256()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidKey);
    // A malformed header is reported first.
    let bad = raw_token(r#"{"alg":"HS256","kid":"k""#, VALID);
    assert_eq!(
        verify(&bad, &short, &hs256()).unwrap_err().kind(),
        ErrorKind::Malformed
    );
    // With the opt-in the short key verifies (its own MAC, of course).
    let lax = JwkSet::parse_with_policy(
        br#"{"keys":[{"kty":"oct","kid":"k","k":"c2hvcnQ"}]}"#,
        &KeyPolicy::new().allowing_short_hmac_secret(),
    )
    .unwrap();
    let mut t = barejwt::base64url::encode(br#"{"alg":"HS256","kid":"k"}"#);
    t.push('.');
    t.push_str(&barejwt::base64url::encode(VALID.as_bytes()));
    let tag = barejwt::hmac::HmacSha256::new(b"short").mac(t.as_bytes());
    t.push('.');
    t.push_str(&barejwt::base64url::encode(&tag));
    assert!(verify(&t, &lax, &hs256()).is_ok());
}

#[test]
fn kind_unknown_key() {
    let set = JwkSet::parse(
        br#"{"keys":[
            {"kty":"oct","kid":"a","k":"cGlwZWxpbmUtdGVzdC1zZWNyZXQtb2YtMzItYnl0ZXM"},
            {"kty":"oct","kid":"b","k":"cGlwZWxpbmUtdGVzdC1zZWNyZXQtb2YtMzItYnl0ZXN4"}]}"#,
    )
    .unwrap();
    let with = |kid: &str| raw_token(&format!(r#"{{"alg":"HS256","kid":{kid}}}"#), VALID);
    assert!(verify(with("\"a\""), &set, &hs256()).is_ok());
    for kid in [
        "\"c\"",
        "\"A\"",
        "\"../../dev/null\"",
        "\"' OR '1'='1\"",
        "\"a\\u0000\"",
    ] {
        assert_eq!(
            verify(with(kid), &set, &hs256()).unwrap_err().kind(),
            ErrorKind::UnknownKey,
            "{kid}"
        );
    }
    // Without kid, a set of two keys does not guess.
    let no_kid = raw_token(r#"{"alg":"HS256"}"#, VALID);
    assert_eq!(
        verify(&no_kid, &set, &hs256()).unwrap_err().kind(),
        ErrorKind::UnknownKey
    );
}

#[test]
fn kind_invalid_signature() {
    let t = token(VALID);
    let (body, sig) = t.rsplit_once('.').unwrap();
    let other = barejwt::base64url::encode(&[0u8; 32]);
    assert_eq!(
        kind_of(&format!("{body}.{other}"), &hs256()),
        Err(ErrorKind::InvalidSignature)
    );
    // Canonical text of the wrong length, and an empty part.
    let short = barejwt::base64url::encode(&[0u8; 31]);
    assert_eq!(
        kind_of(&format!("{body}.{short}"), &hs256()),
        Err(ErrorKind::InvalidSignature)
    );
    let long = barejwt::base64url::encode(&[0u8; 200]);
    assert_eq!(
        kind_of(&format!("{body}.{long}"), &hs256()),
        Err(ErrorKind::InvalidSignature)
    );
    assert_eq!(
        kind_of(&format!("{body}."), &hs256()),
        Err(ErrorKind::InvalidSignature)
    );
    // Non-canonical text is malformed, long or short.
    assert_eq!(
        kind_of(&format!("{body}.{sig}="), &hs256()),
        Err(ErrorKind::Malformed)
    );
    assert_eq!(
        kind_of(&format!("{body}.{long}+"), &hs256()),
        Err(ErrorKind::Malformed)
    );
    // Another key.
    let other_key = Key::hs256(&[1u8; 32]).unwrap();
    assert_eq!(
        verify(&t, &other_key, &hs256()).unwrap_err().kind(),
        ErrorKind::InvalidSignature
    );
}

#[test]
fn kind_invalid_claim_even_when_no_check_asks() {
    for payload in [
        r#"{"exp":"1700000100"}"#,
        r#"{"exp":1700000100,"nbf":null}"#,
        r#"{"exp":1700000100,"iat":"now"}"#,
        r#"{"exp":1700000100,"iss":5}"#,
        r#"{"exp":1700000100,"sub":[]}"#,
        r#"{"exp":1700000100,"jti":{}}"#,
        r#"{"exp":1700000100,"aud":[1]}"#,
        r#"{"exp":1e400}"#,
    ] {
        // `sign` refuses these claims, as verify does: the token is made by hand.
        let token = raw_token(r#"{"alg":"HS256","typ":"JWT"}"#, payload);
        assert_eq!(
            kind_of(&token, &hs256()),
            Err(ErrorKind::InvalidClaim),
            "{payload}"
        );
    }
}

#[test]
fn kind_missing_claim() {
    assert_eq!(
        kind_of(&token(r#"{"sub":"a"}"#), &hs256()),
        Err(ErrorKind::MissingClaim)
    );
    assert_eq!(
        kind_of(&token(r#"{"sub":"a"}"#), &hs256().allow_missing_exp()),
        Ok(())
    );
    assert_eq!(
        kind_of(&token(VALID), &hs256().require("jti")),
        Err(ErrorKind::MissingClaim)
    );
    let with_null = token(r#"{"exp":1700000100,"jti":"x","role":null}"#);
    assert_eq!(
        kind_of(&with_null, &hs256().require("jti").require("role")),
        Ok(())
    );
    assert_eq!(
        kind_of(&token(VALID), &hs256().issuer("i")),
        Err(ErrorKind::MissingClaim)
    );
    assert_eq!(
        kind_of(&token(r#"{"exp":1700000100}"#), &hs256().subject("a")),
        Err(ErrorKind::MissingClaim)
    );
    assert_eq!(
        kind_of(&token(VALID), &hs256().audience("x")),
        Err(ErrorKind::MissingClaim)
    );
    assert_eq!(
        kind_of(&token(VALID), &hs256().max_age_secs(60)),
        Err(ErrorKind::MissingClaim)
    );
}

#[test]
fn kind_expired_at_the_boundary_with_leeway() {
    let at = |exp: &str, now: u64, leeway: u64| {
        let t = token(&format!(r#"{{"exp":{exp}}}"#));
        kind_of(
            &t,
            &Validation::new(&[Algorithm::Hs256])
                .now(now)
                .leeway_secs(leeway),
        )
    };
    assert_eq!(at("1000", 999, 0), Ok(()));
    assert_eq!(at("1000", 1000, 0), Err(ErrorKind::Expired));
    assert_eq!(at("1000", 1009, 10), Ok(()));
    assert_eq!(at("1000", 1010, 10), Err(ErrorKind::Expired));
    // Fractional: exp 1000.5 is still valid at 1000, expired at 1001.
    assert_eq!(at("1000.5", 1000, 0), Ok(()));
    assert_eq!(at("1000.5", 1001, 0), Err(ErrorKind::Expired));
    assert_eq!(at("1000.5", 1010, 10), Ok(()));
    assert_eq!(at("1000.5", 1011, 10), Err(ErrorKind::Expired));
    assert_eq!(at("1.0005e3", 1000, 0), Ok(()));
    assert_eq!(at("-1", 0, 0), Err(ErrorKind::Expired));
    // Huge but finite dates are far in the future; no overflow anywhere.
    assert_eq!(at("1e300", u64::MAX, u64::MAX), Ok(()));
    assert_eq!(
        at(
            "99999999999999999999999999999999999999999",
            i64::MAX as u64,
            0
        ),
        Ok(())
    );
    assert_eq!(at("-1e300", 0, u64::MAX), Err(ErrorKind::Expired));
}

#[test]
fn kind_not_yet_valid_at_the_boundary_with_leeway() {
    let at = |nbf: &str, now: u64, leeway: u64| {
        let t = token(&format!(r#"{{"exp":1e12,"nbf":{nbf}}}"#));
        kind_of(
            &t,
            &Validation::new(&[Algorithm::Hs256])
                .now(now)
                .leeway_secs(leeway),
        )
    };
    assert_eq!(at("1000", 1000, 0), Ok(()));
    assert_eq!(at("1000", 999, 0), Err(ErrorKind::NotYetValid));
    assert_eq!(at("1000", 990, 10), Ok(()));
    assert_eq!(at("1000", 989, 10), Err(ErrorKind::NotYetValid));
    assert_eq!(at("1000.5", 1000, 0), Err(ErrorKind::NotYetValid));
    assert_eq!(at("1000.5", 1001, 0), Ok(()));
    assert_eq!(at("1e300", u64::MAX, u64::MAX), Err(ErrorKind::NotYetValid));
}

#[test]
fn kind_too_old_and_future_iat_with_max_age() {
    let at = |iat: &str, now: u64, leeway: u64| {
        let t = token(&format!(r#"{{"exp":1e12,"iat":{iat}}}"#));
        kind_of(
            &t,
            &Validation::new(&[Algorithm::Hs256])
                .now(now)
                .leeway_secs(leeway)
                .max_age_secs(100),
        )
    };
    assert_eq!(
        at("1000", 1100, 0),
        Ok(()),
        "an age equal to max-age passes"
    );
    assert_eq!(at("1000", 1101, 0), Err(ErrorKind::TooOld));
    assert_eq!(at("1000", 1105, 5), Ok(()));
    assert_eq!(at("1000", 1106, 5), Err(ErrorKind::TooOld));
    assert_eq!(at("1000.5", 1100, 0), Ok(()));
    assert_eq!(at("999.5", 1100, 0), Err(ErrorKind::TooOld));
    assert_eq!(at("1001", 1000, 0), Err(ErrorKind::NotYetValid));
    assert_eq!(at("1000.5", 1000, 0), Err(ErrorKind::NotYetValid));
    assert_eq!(at("1001", 1000, 1), Ok(()));
    // Without max-age, iat is only type-checked.
    let future = token(r#"{"exp":1e12,"iat":9e15}"#);
    assert_eq!(kind_of(&future, &hs256()), Ok(()));
}

#[test]
fn kind_invalid_issuer_is_exact() {
    let t = token(r#"{"exp":1e12,"iss":"https://a.example.evil"}"#);
    assert_eq!(
        kind_of(&t, &hs256().issuer("https://a.example")),
        Err(ErrorKind::InvalidIssuer)
    );
    let t = token(r#"{"exp":1e12,"iss":"a.example"}"#);
    assert_eq!(
        kind_of(&t, &hs256().issuer("https://a.example")),
        Err(ErrorKind::InvalidIssuer)
    );
    let t = token(r#"{"exp":1e12,"iss":"https://A.example"}"#);
    assert_eq!(
        kind_of(&t, &hs256().issuer("https://a.example")),
        Err(ErrorKind::InvalidIssuer)
    );
    let t = token(r#"{"exp":1e12,"iss":"https://a.example"}"#);
    assert_eq!(
        kind_of(&t, &hs256().issuer("x").issuer("https://a.example")),
        Ok(())
    );
}

#[test]
fn kind_invalid_subject() {
    let t = token(r#"{"exp":1e12,"sub":"alice"}"#);
    assert_eq!(
        kind_of(&t, &hs256().subject("bob")),
        Err(ErrorKind::InvalidSubject)
    );
    assert_eq!(kind_of(&t, &hs256().subject("alice")), Ok(()));
}

#[test]
fn kind_invalid_audience_matrix() {
    // {absent, string, array} x {no expected aud, expected aud}
    let absent = token(r#"{"exp":1e12}"#);
    let string = token(r#"{"exp":1e12,"aud":"api"}"#);
    let array = token(r#"{"exp":1e12,"aud":["x","api"]}"#);
    let none = hs256();
    let api = hs256().audience("api");
    assert_eq!(kind_of(&absent, &none), Ok(()));
    assert_eq!(kind_of(&string, &none), Err(ErrorKind::InvalidAudience));
    assert_eq!(kind_of(&array, &none), Err(ErrorKind::InvalidAudience));
    assert_eq!(kind_of(&absent, &api), Err(ErrorKind::MissingClaim));
    assert_eq!(kind_of(&string, &api), Ok(()));
    assert_eq!(kind_of(&array, &api), Ok(()));
    // CVE-2020-26160 shapes: nothing empty satisfies an audience.
    for aud in [r#""""#, "[]", r#"[""]"#] {
        let t = token(&format!(r#"{{"exp":1e12,"aud":{aud}}}"#));
        assert_eq!(kind_of(&t, &api), Err(ErrorKind::InvalidAudience), "{aud}");
    }
    let t = token(r#"{"exp":1e12,"aud":"API"}"#);
    assert_eq!(kind_of(&t, &api), Err(ErrorKind::InvalidAudience));
    assert_eq!(kind_of(&t, &api.clone().audience("API")), Ok(()));
}

#[test]
fn kind_invalid_type_compares_media_types() {
    let sign_typ = |typ: Option<&str>| {
        let header = match typ {
            Some(t) => HeaderFields::new().typ(t),
            None => HeaderFields::empty(),
        };
        sign_with_header(&key(), &header, &claims(r#"{"exp":1e12}"#)).unwrap()
    };
    let v = hs256().typ("JWT");
    assert_eq!(kind_of(&sign_typ(Some("JWT")), &v), Ok(()));
    assert_eq!(kind_of(&sign_typ(Some("jwt")), &v), Ok(()));
    assert_eq!(kind_of(&sign_typ(Some("application/jwt")), &v), Ok(()));
    assert_eq!(
        kind_of(&sign_typ(Some("at+jwt")), &v),
        Err(ErrorKind::InvalidType)
    );
    assert_eq!(kind_of(&sign_typ(None), &v), Err(ErrorKind::InvalidType));
    assert_eq!(
        kind_of(
            &sign_typ(Some("at+jwt")),
            &hs256().typ("application/AT+JWT")
        ),
        Ok(())
    );
}

// ---------------------------------------------------------------------------
// Order of checks.

#[test]
fn claim_checks_run_in_the_contract_order() {
    // Each token fails two checks; the earlier one in the order is reported.
    let v = hs256()
        .issuer("i")
        .subject("s")
        .audience("a")
        .typ("JWT")
        .max_age_secs(10)
        .require("x");
    let cases = [
        (r#"{"exp":"bad","iss":"wrong"}"#, ErrorKind::InvalidClaim),
        (r#"{"iss":"wrong"}"#, ErrorKind::MissingClaim),
        (r#"{"exp":1,"iss":"wrong","x":1}"#, ErrorKind::Expired),
        (
            r#"{"exp":1e12,"nbf":1e12,"iat":1,"x":1}"#,
            ErrorKind::NotYetValid,
        ),
        (
            r#"{"exp":1e12,"iat":1,"iss":"wrong","x":1}"#,
            ErrorKind::TooOld,
        ),
        (
            r#"{"exp":1e12,"iat":1700000000,"iss":"wrong","sub":"wrong","x":1}"#,
            ErrorKind::InvalidIssuer,
        ),
        (
            r#"{"exp":1e12,"iat":1700000000,"iss":"i","sub":"wrong","aud":"wrong","x":1}"#,
            ErrorKind::InvalidSubject,
        ),
        (
            r#"{"exp":1e12,"iat":1700000000,"iss":"i","sub":"s","aud":"wrong","x":1}"#,
            ErrorKind::InvalidAudience,
        ),
    ];
    for (payload, kind) in cases {
        let t = raw_token(r#"{"alg":"HS256","typ":"other"}"#, payload);
        assert_eq!(kind_of(&t, &v), Err(kind), "{payload}");
    }
    let last = raw_token(
        r#"{"alg":"HS256","typ":"other"}"#,
        r#"{"exp":1e12,"iat":1700000000,"iss":"i","sub":"s","aud":"a","x":1}"#,
    );
    assert_eq!(kind_of(&last, &v), Err(ErrorKind::InvalidType));
}

#[test]
fn a_forged_expired_token_is_a_bad_signature_not_expired() {
    // CVE-2024-51744: exactly one error, and the signature comes first.
    let t = token(r#"{"exp":1}"#);
    let (body, _) = t.rsplit_once('.').unwrap();
    let forged = format!("{body}.{}", barejwt::base64url::encode(&[7u8; 32]));
    assert_eq!(kind_of(&forged, &hs256()), Err(ErrorKind::InvalidSignature));
}

#[test]
fn header_checks_come_before_key_and_signature() {
    // alg is judged before crit, crit before the key, the key before the signature.
    let bad_sig = |header: &str| {
        let t = raw_token(header, VALID);
        let (body, _) = t.rsplit_once('.').unwrap();
        format!("{body}.AAAA")
    };
    let empty_set = JwkSet::parse(br#"{"keys":[]}"#).unwrap();
    let run = |t: &str| verify(t, &empty_set, &hs256()).unwrap_err().kind();
    assert_eq!(
        run(&bad_sig(r#"{"alg":"HS512","crit":[]}"#)),
        ErrorKind::AlgorithmNotAllowed
    );
    assert_eq!(
        run(&bad_sig(r#"{"alg":"HS256","crit":[]}"#)),
        ErrorKind::UnsupportedCriticalHeader
    );
    assert_eq!(
        run(&bad_sig(r#"{"alg":"HS256","kid":"k"}"#)),
        ErrorKind::UnknownKey
    );
}

// ---------------------------------------------------------------------------
// Signing.

#[test]
fn sign_reproduces_the_bench_standard_token() {
    let secret: Vec<u8> = (0u8..32).collect();
    let key = Key::hs256(&secret).unwrap();
    let c = claims(
        r#"{"sub":"1234567890","name":"John Doe","iss":"https://auth.example.com","aud":"api.example.com","iat":1700000000,"nbf":1700000000,"exp":4102444800,"jti":"9f8b2c1e-4d5a-4e2b-9c3d-1a2b3c4d5e6f","admin":true}"#,
    );
    let t = sign(&key, &c).unwrap();
    assert_eq!(t.len(), 353);
    assert!(
        t.ends_with(".VOz-12EXpx-5rkNCanrioqAlS1zmQFgWILEMNUcEctA"),
        "{t}"
    );
    let v = Validation::new(&[Algorithm::Hs256])
        .now(1_800_000_000)
        .issuer("https://auth.example.com")
        .audience("api.example.com");
    let verified = verify(&t, &key, &v).unwrap();
    assert_eq!(verified.claims().as_object(), &c);
}

#[test]
fn sign_refuses_alg_in_header_fields_and_bad_registered_types() {
    let c = claims(VALID);
    let with_alg = HeaderFields::new().insert("alg", Value::String("none".into()));
    assert_eq!(
        sign_with_header(&key(), &with_alg, &c).unwrap_err().kind(),
        ErrorKind::Malformed
    );
    let bad_kid = HeaderFields::new().insert("kid", Value::Number(Number::from_u64(1)));
    assert_eq!(
        sign_with_header(&key(), &bad_kid, &c).unwrap_err().kind(),
        ErrorKind::Malformed
    );
    let header = HeaderFields::new()
        .kid("k1")
        .cty("x")
        .insert("ext", Value::Bool(true));
    let t = sign_with_header(&key(), &header, &c).unwrap();
    let verified = verify(&t, &key(), &hs256()).unwrap();
    assert_eq!(verified.header().alg(), "HS256");
    assert_eq!(verified.header().kid(), Some("k1"));
    assert_eq!(verified.header().get("ext"), Some(&Value::Bool(true)));
}

#[test]
fn sign_and_verify_every_hmac_algorithm() {
    for (alg, len) in [
        (Algorithm::Hs256, 32),
        (Algorithm::Hs384, 48),
        (Algorithm::Hs512, 64),
    ] {
        let key = Key::hmac(alg, &vec![0x5a; len]).unwrap();
        let t = sign(&key, &claims(VALID)).unwrap();
        let v = Validation::new(&[alg]).now(NOW);
        assert!(verify(&t, &key, &v).is_ok(), "{alg}");
        let sig = t.rsplit_once('.').unwrap().1;
        assert_eq!(
            barejwt::base64url::decode(sig.as_bytes()).unwrap().len(),
            len
        );
    }
}

#[test]
fn numbers_keep_their_text_through_verify() {
    let payload =
        r#"{"exp":1e12,"big":1234567890123456789012345678901234567890,"f":1.50,"h":1e400}"#;
    let t = raw_token(r#"{"alg":"HS256"}"#, payload);
    let verified = verify(&t, &key(), &hs256()).unwrap();
    assert_eq!(verified.claims().to_json(), payload);
}

#[test]
fn an_injected_clock_function_is_used() {
    fn fixed() -> u64 {
        1_700_000_200
    }
    let v = Validation::new(&[Algorithm::Hs256]).clock(Clock::Function(fixed));
    assert_eq!(kind_of(&token(VALID), &v), Err(ErrorKind::Expired));
    let v = Validation::with_clock(&[Algorithm::Hs256], Clock::Fixed(NOW));
    assert_eq!(kind_of(&token(VALID), &v), Ok(()));
}

#[test]
fn a_closure_clock_is_read_at_each_verification() {
    use std::sync::atomic::{AtomicU64, Ordering};
    use std::sync::Arc;
    let now = Arc::new(AtomicU64::new(NOW));
    let read = Arc::clone(&now);
    let v = Validation::new(&[Algorithm::Hs256])
        .clock(Clock::from_fn(move || read.load(Ordering::Relaxed)));
    let copy = v.clone();
    assert_eq!(kind_of(&token(VALID), &v), Ok(()));
    // The simulated time moves past `exp`: both clones see it.
    now.store(1_700_000_200, Ordering::Relaxed);
    assert_eq!(kind_of(&token(VALID), &v), Err(ErrorKind::Expired));
    assert_eq!(kind_of(&token(VALID), &copy), Err(ErrorKind::Expired));
}

// ---------------------------------------------------------------------------
// Unverified reading.

#[test]
fn dangerous_decode_validates_nothing_but_structure() {
    use barejwt::dangerous::decode_unverified;
    // Wrong key, alg none, expired, bad crit, missing alg: all decoded, and
    // each gives back exactly the header and claims it carries.
    let no_signature = format!(
        "{}.",
        raw_token(r#"{"alg":"none"}"#, "{}")
            .rsplit_once('.')
            .unwrap()
            .0
    );
    for (t, header, payload) in [
        (
            sign(&Key::hs256(&[9u8; 32]).unwrap(), &claims(r#"{"exp":1}"#)).unwrap(),
            r#"{"alg":"HS256","typ":"JWT"}"#,
            r#"{"exp":1}"#,
        ),
        (
            raw_token(r#"{"alg":"none"}"#, r#"{"sub":"x"}"#),
            r#"{"alg":"none"}"#,
            r#"{"sub":"x"}"#,
        ),
        (
            raw_token(r#"{"crit":[]}"#, r#"{"exp":"soon"}"#),
            r#"{"crit":[]}"#,
            r#"{"exp":"soon"}"#,
        ),
        (no_signature, r#"{"alg":"none"}"#, "{}"),
    ] {
        let u = decode_unverified(&t).unwrap();
        assert_eq!(u.header(), &claims(header), "{t}");
        assert_eq!(u.claims(), &claims(payload), "{t}");
    }
    // Structure is still checked.
    assert_eq!(
        decode_unverified("a.b").unwrap_err().kind(),
        ErrorKind::Malformed
    );
    assert_eq!(
        decode_unverified(raw_token("[]", "{}")).unwrap_err().kind(),
        ErrorKind::Malformed
    );
    assert_eq!(
        decode_unverified("x".repeat(70_000)).unwrap_err().kind(),
        ErrorKind::TooLarge
    );
    assert_eq!(
        barejwt::dangerous::kid_unverified(raw_token(r#"{"kid":"k9"}"#, "{}"))
            .unwrap()
            .as_deref(),
        Some("k9")
    );
}
