//! Verify and sign on the benchmark workload (`spec/bench.md`): the
//! standard HS256 token (204-byte claims) and the large one (+4 KiB claim),
//! with the secret 00..1f; verify means algorithms [HS256], `exp` required,
//! `nbf` checked, leeway 0, `iss` equal, `aud` containing, at a fixed time
//! between `nbf` and `exp`. Ids are stable so criterion baselines compare.

use std::hint::black_box;

use barejwt::json::{Object, Value};
use barejwt::{Algorithm, Key, Validation};
use criterion::{criterion_group, criterion_main, Criterion};

const CLAIMS: &str = r#"{"sub":"1234567890","name":"John Doe","iss":"https://auth.example.com","aud":"api.example.com","iat":1700000000,"nbf":1700000000,"exp":4102444800,"jti":"9f8b2c1e-4d5a-4e2b-9c3d-1a2b3c4d5e6f","admin":true}"#;
const TOKEN_SIGNATURE: &str = "VOz-12EXpx-5rkNCanrioqAlS1zmQFgWILEMNUcEctA";
const LARGE_TOKEN_SIGNATURE: &str = "6v7b7YPKuV11uPMUomc7abB69GWpHs5Br94VgMeUQhE";
/// A fixed clock between `nbf` (1700000000) and `exp` (4102444800).
const NOW: u64 = 1_800_000_000;

fn object(json: &str) -> Object {
    match barejwt::json::parse(json.as_bytes()) {
        Ok(Value::Object(object)) => object,
        other => panic!("bench claims are not an object: {other:?}"),
    }
}

/// The standard claims plus `"data"`: 64 copies of the 64 base64url characters.
fn large_claims() -> String {
    let data = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".repeat(64);
    format!("{},\"data\":\"{data}\"}}", &CLAIMS[..CLAIMS.len() - 1])
}

struct Workload {
    key: Key,
    validation: Validation,
    claims: Object,
    large_claims: Object,
    token: String,
    large_token: String,
    bad_signature: String,
}

fn workload() -> Workload {
    let secret: Vec<u8> = (0u8..32).collect();
    let key = Key::hs256(&secret).expect("32-byte secret");
    let validation = Validation::new(&[Algorithm::Hs256])
        .leeway_secs(0)
        .issuer("https://auth.example.com")
        .audience("api.example.com")
        .now(NOW);
    let claims = object(CLAIMS);
    let large_claims = object(&large_claims());
    let token = barejwt::sign(&key, &claims).expect("sign");
    let large_token = barejwt::sign(&key, &large_claims).expect("sign");
    // The tokens are the ones spec/bench.md publishes.
    assert_eq!(token.len(), 353);
    assert!(token.ends_with(TOKEN_SIGNATURE));
    assert!(large_token.ends_with(LARGE_TOKEN_SIGNATURE));
    // Same length, one fully significant signature character changed (the
    // last one carries pad bits): canonical text that fails only at the MAC.
    let mut bad_signature = token.clone();
    bad_signature.replace_range(token.len() - 2.., "uA");
    for good in [&token, &large_token] {
        barejwt::verify(good, &key, &validation).expect("bench token verifies");
    }
    assert_eq!(
        barejwt::verify(&bad_signature, &key, &validation)
            .expect_err("bad signature")
            .kind(),
        barejwt::ErrorKind::InvalidSignature
    );
    Workload {
        key,
        validation,
        claims,
        large_claims,
        token,
        large_token,
        bad_signature,
    }
}

fn verify_benches(c: &mut Criterion) {
    let w = workload();
    let mut group = c.benchmark_group("verify");
    for (id, token) in [
        ("hs256_standard", &w.token),
        ("hs256_large", &w.large_token),
    ] {
        group.bench_function(id, |b| {
            b.iter(|| barejwt::verify(black_box(token.as_str()), &w.key, &w.validation))
        });
    }
    group.bench_function("hs256_bad_signature", |b| {
        b.iter(|| barejwt::verify(black_box(w.bad_signature.as_str()), &w.key, &w.validation))
    });
    group.finish();
}

fn sign_benches(c: &mut Criterion) {
    let w = workload();
    let mut group = c.benchmark_group("sign");
    for (id, claims) in [
        ("hs256_standard", &w.claims),
        ("hs256_large", &w.large_claims),
    ] {
        group.bench_function(id, |b| b.iter(|| barejwt::sign(&w.key, black_box(claims))));
    }
    group.finish();
}

fn decode_unverified_bench(c: &mut Criterion) {
    let w = workload();
    c.bench_function("decode_unverified", |b| {
        b.iter(|| barejwt::dangerous::decode_unverified(black_box(w.token.as_str())))
    });
}

criterion_group!(
    benches,
    verify_benches,
    sign_benches,
    decode_unverified_bench
);
criterion_main!(benches);
