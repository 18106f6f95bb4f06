//! The registered-claims builder: names, order, and times from the same
//! clock a `Validation` reads.

use barejwt::json::Value;
use barejwt::{
    sign, typed_claims, verify, Algorithm, ClaimsBuilder, Clock, ErrorKind, Key, NumericDate,
    Validation,
};
use core::time::Duration;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

typed_claims! {
    struct Extra {
        role: String,
        scopes: Vec<String>,
    }
}

#[test]
fn registered_claims_come_first_in_a_fixed_order() {
    let claims = ClaimsBuilder::with_clock(Clock::Fixed(100))
        .claim("role", "admin")
        .jwt_id("j1")
        .expires_in(Duration::from_millis(60_999))
        .audience("a")
        .audience("b")
        .not_before_now()
        .issued_now()
        .subject("alice")
        .issuer("https://auth.example.com")
        .build();
    assert_eq!(
        Value::Object(claims).to_json(),
        r#"{"iss":"https://auth.example.com","sub":"alice","aud":["a","b"],"iat":100,"nbf":100,"exp":160,"jti":"j1","role":"admin"}"#
    );
}

#[test]
fn dates_can_be_given_and_typed_structs_merged() {
    let extra = Extra {
        role: "reader".into(),
        scopes: vec!["read".into()],
    };
    let claims = ClaimsBuilder::with_clock(Clock::Fixed(0))
        .issued_at(NumericDate::from_secs(5))
        .not_before(NumericDate::from_secs(6))
        .expires_at(NumericDate::from_secs(7))
        .claims(&extra)
        .build();
    assert_eq!(
        Value::Object(claims).to_json(),
        r#"{"iat":5,"nbf":6,"exp":7,"role":"reader","scopes":["read"]}"#
    );
}

#[test]
fn the_builder_and_the_validation_read_the_same_clock() {
    let now = Arc::new(AtomicU64::new(1_000));
    let clock = Clock::from_fn({
        let now = Arc::clone(&now);
        move || now.load(Ordering::Relaxed)
    });
    let key = Key::hs256(&[5u8; 32]).unwrap();
    let template = ClaimsBuilder::with_clock(clock.clone()).subject("alice");
    let validation = Validation::with_clock(&[Algorithm::Hs256], clock);

    let token = sign(
        &key,
        &template
            .clone()
            .issued_now()
            .expires_in(Duration::from_secs(60))
            .build(),
    )
    .unwrap();
    assert!(verify(&token, &key, &validation).is_ok());
    now.store(1_060, Ordering::Relaxed);
    assert_eq!(
        verify(&token, &key, &validation).unwrap_err().kind(),
        ErrorKind::Expired
    );

    // A clone of the template made before any time was read reads afresh.
    let later = template
        .issued_now()
        .expires_in(Duration::from_secs(60))
        .build();
    assert_eq!(later.get("iat"), Some(&Value::from(1_060u64)));
    assert_eq!(later.get("exp"), Some(&Value::from(1_120u64)));
}

#[test]
fn the_clock_is_read_once_so_iat_and_exp_agree() {
    let ticks = Arc::new(AtomicU64::new(500));
    let clock = Clock::from_fn({
        let ticks = Arc::clone(&ticks);
        move || ticks.fetch_add(1, Ordering::Relaxed)
    });
    let claims = ClaimsBuilder::with_clock(clock)
        .issued_now()
        .expires_in(Duration::from_secs(10))
        .build();
    assert_eq!(Value::Object(claims).to_json(), r#"{"iat":500,"exp":510}"#);
}

#[test]
fn a_wrong_typed_registered_claim_given_by_name_is_refused_by_sign() {
    let claims = ClaimsBuilder::with_clock(Clock::Fixed(0))
        .claim("exp", "soon")
        .build();
    let err = sign(&Key::hs256(&[5u8; 32]).unwrap(), &claims).unwrap_err();
    assert_eq!(
        (err.kind(), err.claim()),
        (ErrorKind::InvalidClaim, Some("exp"))
    );
}
