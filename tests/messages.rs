//! The library's messages that say what to do: each checked by its text.

use barejwt::json::Object;
use barejwt::{sign, verify, Algorithm, HeaderFields, JwkSet, Key, KeyResolver, Validation};

const NOW: u64 = 1_700_000_000;

fn key() -> Key {
    Key::hs256(&[4u8; 32]).unwrap()
}

fn token(pairs: &[(&str, &str)]) -> String {
    let mut claims = Object::new();
    for (name, value) in pairs {
        claims.insert(*name, *value);
    }
    sign(&key(), &claims).unwrap()
}

fn message(token: &str, validation: Validation) -> String {
    verify(token, &key(), &validation.now(NOW))
        .unwrap_err()
        .to_string()
}

fn lenient() -> Validation {
    Validation::new(&[Algorithm::Hs256]).allow_missing_exp()
}

#[test]
fn invalid_issuer_shows_the_expected_issuer() {
    let t = token(&[("iss", "https://evil.example")]);
    assert_eq!(
        message(&t, lenient().issuer("https://auth.example.com")),
        r#"invalid_issuer: issuer "https://evil.example" is not the expected issuer "https://auth.example.com""#
    );
    assert_eq!(
        message(
            &t,
            lenient()
                .issuer("https://a.example")
                .issuer("https://b.example")
        ),
        r#"invalid_issuer: issuer "https://evil.example" is none of the expected issuers ("https://a.example", "https://b.example")"#
    );
}

#[test]
fn invalid_subject_shows_the_expected_subject() {
    let t = token(&[("sub", "mallory")]);
    assert_eq!(
        message(&t, lenient().subject("alice")),
        r#"invalid_subject: subject "mallory" is not the expected subject "alice""#
    );
}

#[test]
fn a_missing_exp_names_the_opt_out() {
    let t = token(&[("sub", "alice")]);
    assert_eq!(
        message(&t, Validation::new(&[Algorithm::Hs256])),
        r#"missing_claim: the token has no "exp"; tokens must expire unless missing exp is explicitly allowed (Validation::allow_missing_exp)"#
    );
}

#[test]
fn a_skipped_kty_of_the_wrong_case_suggests_the_right_one() {
    let set = JwkSet::parse(
        br#"{"keys":[{"kty":"OCT","kid":"2026-01","k":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"}]}"#,
    )
    .unwrap();
    assert_eq!(set.skipped_keys()[0].kid(), Some("2026-01"));
    let err = set.resolve(Algorithm::Hs256, Some("2026-01")).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"unknown_key: no usable key in the set has kid "2026-01": the key with that kid was skipped because its "kty" "OCT" is not supported (kty is case-sensitive: did you mean "oct"?)"#
    );
}

#[test]
fn a_padded_k_is_named_when_its_key_is_picked() {
    // The contract counts a key of a supported type with malformed
    // material (it is not skipped) and refuses it when picked.
    let set = JwkSet::parse(
        br#"{"keys":[{"kty":"oct","kid":"2026-01","k":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="}]}"#,
    )
    .unwrap();
    let signed =
        barejwt::sign_with_header(&key(), &HeaderFields::new().kid("2026-01"), &Object::new())
            .unwrap();
    let err = verify(&signed, &set, &lenient().now(NOW)).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"invalid_key: the key with kid "2026-01" cannot be used: JWK "k" is not canonical base64url: base64url padding '=' at offset 43 (padding is not allowed)"#
    );
}
