//! `sign` refuses, before any signing work, what `verify` would refuse,
//! with the same error kinds.

use barejwt::json::{self, Object, Value};
use barejwt::{
    sign, sign_with_header, verify, Algorithm, AsymmetricKey, ErrorKind, HeaderFields, Key,
    Validation,
};

fn key() -> Key {
    Key::hs256(&[3u8; 32]).unwrap()
}

fn object(text: &str) -> Object {
    json::parse(text.as_bytes())
        .unwrap()
        .as_object()
        .unwrap()
        .clone()
}

fn validation() -> Validation {
    Validation::new(&[Algorithm::Hs256])
        .now(1_700_000_000)
        .allow_missing_exp()
        .understand_critical("ext")
}

/// Nested arrays: `levels` arrays/objects in all, the claims object included.
fn nested(levels: usize) -> Object {
    let mut value = Value::Array(Vec::new());
    for _ in 2..levels {
        value = Value::Array(vec![value]);
    }
    let mut claims = Object::new();
    claims.insert("deep", value);
    claims
}

#[test]
fn registered_claims_of_the_wrong_type_are_refused_as_verify_refuses_them() {
    for (text, claim) in [
        (r#"{"exp":"1700000000"}"#, "exp"),
        (r#"{"nbf":null}"#, "nbf"),
        (r#"{"iat":true}"#, "iat"),
        (r#"{"exp":1e400}"#, "exp"),
        (r#"{"iss":1}"#, "iss"),
        (r#"{"sub":["a"]}"#, "sub"),
        (r#"{"aud":[1]}"#, "aud"),
        (r#"{"jti":{}}"#, "jti"),
    ] {
        let err = sign(&key(), &object(text)).unwrap_err();
        assert_eq!(
            (err.kind(), err.claim()),
            (ErrorKind::InvalidClaim, Some(claim)),
            "{text}"
        );
    }
    let err = sign(&key(), &object(r#"{"exp":"tomorrow"}"#)).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"invalid_claim: claim "exp" is a string, not a number (NumericDate)"#
    );
}

#[test]
fn claims_nested_deeper_than_the_verifier_reads_are_refused() {
    let token = sign(&key(), &nested(64)).unwrap();
    assert!(verify(&token, &key(), &validation()).is_ok());
    let err = sign(&key(), &nested(65)).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Malformed);
    assert_eq!(
        err.to_string(),
        "malformed: the claims set nests deeper than 64 arrays/objects, which verify refuses"
    );
    // Far deeper: refused at the first level over the limit.
    assert_eq!(
        sign(&key(), &nested(2_000)).unwrap_err().kind(),
        ErrorKind::Malformed
    );
}

#[test]
fn objects_of_more_members_than_the_verifier_reads_are_refused() {
    let mut claims: Object = (0..1024)
        .map(|i| (format!("m{i}"), Value::from(i)))
        .collect();
    let token = sign(&key(), &claims).unwrap();
    assert!(verify(&token, &key(), &validation()).is_ok());
    claims.insert("one_more", 1);
    let err = sign(&key(), &claims).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Malformed);
    assert!(
        err.reason()
            .contains("1025 members, over the limit of 1024"),
        "{err}"
    );
}

#[test]
fn too_many_audiences_are_refused() {
    let mut claims = Object::new();
    claims.insert("aud", (0..257).map(|i| format!("a{i}")).collect::<Vec<_>>());
    let err = sign(&key(), &claims).unwrap_err();
    assert_eq!(
        (err.kind(), err.claim()),
        (ErrorKind::InvalidClaim, Some("aud"))
    );
    assert_eq!(
        err.to_string(),
        r#"invalid_claim: "aud" has 257 entries, over the limit of 256"#
    );
}

#[test]
fn a_token_over_the_size_limit_is_refused_and_every_signed_one_is_within_it() {
    let mut largest = 0;
    let mut refused = false;
    for pad in 49_050..49_170 {
        let mut claims = Object::new();
        claims.insert("pad", "x".repeat(pad));
        match sign(&key(), &claims) {
            Ok(token) => {
                assert!(!refused, "refusals come only above a length");
                assert!(token.len() <= 65_536);
                largest = token.len();
                assert!(verify(&token, &key(), &validation()).is_ok());
            }
            Err(err) => {
                assert_eq!(err.kind(), ErrorKind::TooLarge);
                assert!(err
                    .reason()
                    .ends_with("over the limit of 65536 that verify accepts"));
                refused = true;
            }
        }
    }
    assert!(
        refused && largest > 65_536 - 3,
        "largest signed token: {largest}"
    );
}

#[test]
fn crit_that_every_verifier_refuses_is_refused() {
    let fields = |text: &str| HeaderFields::new().extend(&object(text));
    let claims = object("{}");
    let ok = sign_with_header(&key(), &fields(r#"{"crit":["ext"],"ext":1}"#), &claims).unwrap();
    assert!(verify(&ok, &key(), &validation()).is_ok());
    for (text, reason) in [
        (
            r#"{"crit":"ext","ext":1}"#,
            r#""crit" is a string, not an array"#,
        ),
        (
            r#"{"crit":[]}"#,
            r#""crit" is an empty array (RFC 7515 §4.1.11 forbids it)"#,
        ),
        (r#"{"crit":[1]}"#, r#""crit" lists a number, not a string"#),
        (
            r#"{"crit":["ext","ext"],"ext":1}"#,
            r#""crit" lists "ext" twice"#,
        ),
        (
            r#"{"crit":["kid"],"kid":"k"}"#,
            r#""crit" lists the registered parameter "kid""#,
        ),
        (
            r#"{"crit":["ext"]}"#,
            r#""crit" lists "ext", which is not in the header"#,
        ),
    ] {
        let err = sign_with_header(&key(), &fields(text), &claims).unwrap_err();
        assert_eq!(
            (err.kind(), err.reason()),
            (ErrorKind::UnsupportedCriticalHeader, reason),
            "{text}"
        );
    }
}

#[test]
fn header_fields_of_the_wrong_type_or_size_are_malformed() {
    let claims = object("{}");
    for name in ["typ", "cty", "kid"] {
        let err = sign_with_header(
            &key(),
            &HeaderFields::new().insert(name, Value::from(7)),
            &claims,
        )
        .unwrap_err();
        assert_eq!(
            (err.kind(), err.parameter()),
            (ErrorKind::Malformed, Some(name))
        );
    }
    let big = HeaderFields::new().insert("x", Value::from("y".repeat(16_400)));
    let err = sign_with_header(&key(), &big, &claims).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Malformed);
    assert!(
        err.reason()
            .contains("over the limit of 16384 that verify accepts"),
        "{err}"
    );
    let deep = HeaderFields::new().insert("x", Value::Object(nested(64)));
    assert_eq!(
        sign_with_header(&key(), &deep, &claims).unwrap_err().kind(),
        ErrorKind::Malformed
    );
    // `alg`, `typ` and 1,022 fields: 1,024 members, read by verify; one
    // field more is refused by both.
    let mut wide = HeaderFields::new();
    for i in 0..1022 {
        wide = wide.insert(&format!("h{i}"), Value::from(i));
    }
    let token = sign_with_header(&key(), &wide, &claims).unwrap();
    assert!(verify(&token, &key(), &validation()).is_ok());
    let wider = wide.insert("h1022", Value::from(1022));
    let err = sign_with_header(&key(), &wider, &claims).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Malformed);
    assert!(err.reason().contains("1025 members"), "{err}");
}

#[test]
fn the_checks_come_before_any_signing_work() {
    // A public key cannot sign; the claims are judged first.
    let public = AsymmetricKey::from_pem(
        std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/vectors/keys/ed25519-spki.pem"
        ))
        .unwrap()
        .as_slice(),
    )
    .unwrap()
    .key(Algorithm::EdDsa)
    .unwrap();
    assert_eq!(
        sign(&public, &object(r#"{"exp":"x"}"#)).unwrap_err().kind(),
        ErrorKind::InvalidClaim
    );
    assert_eq!(
        sign(&public, &object(r#"{"exp":1}"#)).unwrap_err().kind(),
        ErrorKind::InvalidKey
    );
}
