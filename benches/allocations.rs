//! Heap allocations per verify and per sign on the benchmark workload
//! (`spec/bench.md`), counted by a global allocator wrapping the system
//! one. Prints counts; asserts only what the design promises: the MAC and
//! the signature check allocate nothing (a token that fails at the MAC
//! costs no more than parsing its header), and a borrowed verify
//! (`verify_borrowed`, a fresh `Scratch`) of the standard token allocates
//! at most once, and with a reused `Scratch` not at all, even for the large
//! token. Run: `cargo bench --bench allocations`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

use barejwt::json::{Object, Value};
use barejwt::{Algorithm, Key, Validation};

/// Counts every allocation and reallocation made through it.
struct Counting;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

// SAFETY: forwards every call unchanged to `System`, only counting.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        BYTES.fetch_add(layout.size() as u64, Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        BYTES.fetch_add(layout.size() as u64, Relaxed);
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Relaxed);
        BYTES.fetch_add(new_size as u64, Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const CLAIMS: &str = r#"{"sub":"1234567890","name":"John Doe","iss":"https://auth.example.com","aud":"api.example.com","iat":1700000000,"nbf":1700000000,"exp":4102444800,"jti":"9f8b2c1e-4d5a-4e2b-9c3d-1a2b3c4d5e6f","admin":true}"#;

/// (allocations, bytes) made by one call of `f`, after a warm-up call.
fn count(mut f: impl FnMut()) -> (u64, u64) {
    f();
    let (a, b) = (ALLOCATIONS.load(Relaxed), BYTES.load(Relaxed));
    f();
    (ALLOCATIONS.load(Relaxed) - a, BYTES.load(Relaxed) - b)
}

fn object(json: &str) -> Object {
    match barejwt::json::parse(json.as_bytes()) {
        Ok(Value::Object(object)) => object,
        other => panic!("bench claims are not an object: {other:?}"),
    }
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs this too.
    let secret: Vec<u8> = (0u8..32).collect();
    let key = Key::hs256(&secret).expect("32-byte secret");
    let validation = Validation::new(&[Algorithm::Hs256])
        .issuer("https://auth.example.com")
        .audience("api.example.com")
        .now(1_800_000_000);
    let data = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".repeat(64);
    let large_json = format!("{},\"data\":\"{data}\"}}", &CLAIMS[..CLAIMS.len() - 1]);
    let claims = object(CLAIMS);
    let large_claims = object(&large_json);
    let token = barejwt::sign(&key, &claims).expect("sign");
    let large_token = barejwt::sign(&key, &large_claims).expect("sign");
    let mut bad = token.clone();
    bad.replace_range(token.len() - 2.., "uA");
    assert_eq!(
        barejwt::verify(&bad, &key, &validation)
            .map(|_| ())
            .map_err(|e| e.kind()),
        Err(barejwt::ErrorKind::InvalidSignature),
        "the bad token must fail at the MAC"
    );
    let header_only = barejwt::dangerous::decode_unverified(&token).expect("header");
    let hmac = barejwt::hmac::HmacSha256::new(&secret);
    let dot = token.rfind('.').expect("three parts");
    let signing_input = &token.as_bytes()[..dot];
    let tag = barejwt::base64url::decode(&token.as_bytes()[dot + 1..]).expect("tag");

    let mut reused = barejwt::Scratch::new();
    let borrowed = |token: &str| {
        let mut scratch = barejwt::Scratch::new();
        let view =
            barejwt::verify_borrowed(black_box(token.as_bytes()), &key, &validation, &mut scratch)
                .expect("verifies");
        black_box(&view);
    };
    let rows: [(&str, (u64, u64)); 11] = [
        (
            "verify/hs256_standard",
            count(|| {
                black_box(barejwt::verify(black_box(&token), &key, &validation).expect("verifies"));
            }),
        ),
        ("verify_borrowed/hs256_standard", count(|| borrowed(&token))),
        (
            "verify_borrowed/hs256_large",
            count(|| borrowed(&large_token)),
        ),
        (
            "verify_borrowed/hs256_large_reused_scratch",
            count(|| {
                let view = barejwt::verify_borrowed(
                    black_box(large_token.as_bytes()),
                    &key,
                    &validation,
                    &mut reused,
                )
                .expect("verifies");
                black_box(&view);
            }),
        ),
        (
            "signature_check/hs256",
            count(|| {
                black_box(hmac.verify(black_box(signing_input), black_box(&tag)));
            }),
        ),
        (
            "verify/hs256_large",
            count(|| {
                black_box(
                    barejwt::verify(black_box(&large_token), &key, &validation).expect("verifies"),
                );
            }),
        ),
        (
            "verify/hs256_bad_signature",
            count(|| {
                black_box(barejwt::verify(black_box(&bad), &key, &validation).is_err());
            }),
        ),
        (
            "sign/hs256_standard",
            count(|| {
                black_box(barejwt::sign(&key, black_box(&claims)).expect("sign"));
            }),
        ),
        (
            "sign/hs256_large",
            count(|| {
                black_box(barejwt::sign(&key, black_box(&large_claims)).expect("sign"));
            }),
        ),
        (
            "decode_unverified",
            count(|| {
                black_box(
                    barejwt::dangerous::decode_unverified(black_box(&token)).expect("decodes"),
                );
            }),
        ),
        (
            "mac/hs256_signing_input",
            count(|| {
                let input = &token.as_bytes()[..token.rfind('.').expect("three parts")];
                black_box(barejwt::hmac::HmacSha256::new(&secret).mac(black_box(input)));
            }),
        ),
    ];
    drop(header_only);
    println!("{:<30} {:>12} {:>12}", "operation", "allocations", "bytes");
    for (id, (allocations, bytes)) in rows {
        println!("{id:<30} {allocations:>12} {bytes:>12}");
    }
    let count_of = |id: &str| {
        rows.iter()
            .find(|(row, _)| *row == id)
            .map(|(_, (allocations, _))| *allocations)
            .expect("a row of the table")
    };
    assert_eq!(
        count_of("mac/hs256_signing_input"),
        0,
        "the MAC allocates nothing"
    );
    assert_eq!(
        count_of("signature_check/hs256"),
        0,
        "the signature check allocates nothing"
    );
    assert!(
        count_of("verify_borrowed/hs256_standard") <= 1,
        "a borrowed verify of the standard token allocates at most once"
    );
    assert_eq!(
        count_of("verify_borrowed/hs256_large_reused_scratch"),
        0,
        "a reused scratch keeps its buffer"
    );
}
