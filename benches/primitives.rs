//! Throughput of the primitives on the workload of `spec/bench.md`:
//! base64url encode/decode (64 B, 1 KiB), SHA-256 and SHA-512 (64 B, 1 KiB,
//! 1 MiB), HMAC-SHA256 of 300 bytes with the key state reused (the secret is
//! the 32 bytes 00..1f). Ids are `group/size` and stay stable.
use barejwt::base64url;
use barejwt::hmac::HmacSha256;
use barejwt::sha2::{Sha256, Sha512};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;

/// Sizes as (id, bytes).
const SIZES: [(&str, usize); 3] = [("64B", 64), ("1KiB", 1024), ("1MiB", 1 << 20)];

/// Deterministic input bytes 0, 1, 2, ... (mod 256).
fn input(len: usize) -> Vec<u8> {
    (0..len).map(|i| i as u8).collect()
}

fn base64url_benches(c: &mut Criterion) {
    for (name, len) in &SIZES[..2] {
        let raw = input(*len);
        let text = base64url::encode(&raw);
        let mut out = vec![0u8; *len];

        let mut group = c.benchmark_group("base64url_encode");
        group.throughput(Throughput::Bytes(*len as u64));
        group.bench_function(*name, |b| b.iter(|| base64url::encode(black_box(&raw))));
        group.finish();

        let mut group = c.benchmark_group("base64url_decode");
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(*name, |b| {
            b.iter(|| base64url::decode_to_slice(black_box(text.as_bytes()), &mut out))
        });
        group.finish();
    }
}

fn sha2_benches(c: &mut Criterion) {
    for (name, len) in SIZES {
        let data = input(len);
        let mut group = c.benchmark_group("sha256");
        group.throughput(Throughput::Bytes(len as u64));
        group.bench_function(name, |b| b.iter(|| Sha256::digest(black_box(&data))));
        group.finish();

        let mut group = c.benchmark_group("sha512");
        group.throughput(Throughput::Bytes(len as u64));
        group.bench_function(name, |b| b.iter(|| Sha512::digest(black_box(&data))));
        group.finish();
    }
}

fn hmac_benches(c: &mut Criterion) {
    let secret: Vec<u8> = (0u8..32).collect();
    let key = HmacSha256::new(&secret);
    let message = input(300);
    let mut group = c.benchmark_group("hmac_sha256");
    group.throughput(Throughput::Bytes(300));
    group.bench_function("300B", |b| b.iter(|| key.mac(black_box(&message))));
    group.finish();
}

criterion_group!(benches, base64url_benches, sha2_benches, hmac_benches);
criterion_main!(benches);
