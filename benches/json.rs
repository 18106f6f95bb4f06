//! JSON parse throughput on the benchmark workload (`spec/bench.md`): the
//! standard header, the 204-byte standard claims and the 4310-byte claims of
//! the large token.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;
const CLAIMS: &str = r#"{"sub":"1234567890","name":"John Doe","iss":"https://auth.example.com","aud":"api.example.com","iat":1700000000,"nbf":1700000000,"exp":4102444800,"jti":"9f8b2c1e-4d5a-4e2b-9c3d-1a2b3c4d5e6f","admin":true}"#;

/// The large token's claims: the standard claims plus `"data"`, 64 copies of
/// the 64 base64url characters.
fn large_claims() -> String {
    let data = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".repeat(64);
    format!("{},\"data\":\"{data}\"}}", &CLAIMS[..CLAIMS.len() - 1])
}

fn json_parse(c: &mut Criterion) {
    let large = large_claims();
    assert_eq!((CLAIMS.len(), large.len()), (204, 4310));
    let mut group = c.benchmark_group("json_parse");
    for (name, input) in [
        ("header", HEADER),
        ("claims", CLAIMS),
        ("claims_large", large.as_str()),
    ] {
        group.throughput(Throughput::Bytes(input.len() as u64));
        group.bench_function(format!("{name}/{}", input.len()), |b| {
            b.iter(|| barejwt::json::parse(black_box(input.as_bytes())))
        });
    }
    group.finish();
}

fn json_write(c: &mut Criterion) {
    let claims = barejwt::json::parse(CLAIMS.as_bytes()).expect("claims parse");
    let mut group = c.benchmark_group("json_write");
    group.throughput(Throughput::Bytes(CLAIMS.len() as u64));
    group.bench_function("claims/204", |b| {
        let mut out = String::with_capacity(256);
        b.iter(|| {
            out.clear();
            barejwt::json::write(black_box(&claims), &mut out);
            out.len()
        })
    });
    group.finish();
}

criterion_group!(benches, json_parse, json_write);
criterion_main!(benches);
