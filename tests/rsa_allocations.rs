//! RSA verification allocates nothing: the recovered message, the expected
//! encoding and every intermediate integer live on the stack. This test
//! binary counts every allocation with its own global allocator; it holds
//! one test, so no other test allocates while it counts.
mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use barejwt::crypto::rsa::{RsaHash, RsaPublicKey};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// A GlobalAlloc cannot be written without `unsafe`.
// SAFETY: every call is forwarded unchanged to `System`; only a counter moves.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations made by `f`.
fn allocations(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    f();
    ALLOCATIONS.load(Ordering::SeqCst) - before
}

#[test]
fn rsa_verification_allocates_nothing() {
    let records = common::records(include_str!("../vectors/rsa/jose.txt"));
    let decode =
        |r: &common::Record, k: &str| barejwt::base64url::decode(r.str(k).as_bytes()).unwrap();
    let mut checked = 0;
    for r in &records {
        let key = RsaPublicKey::from_be_bytes(&decode(r, "n"), &decode(r, "e")).unwrap();
        let message = r.str("SigningInput").as_bytes().to_vec();
        let signature = decode(r, "Signature");
        let hash = match &r.str("Alg")[2..] {
            "256" => RsaHash::Sha256,
            "384" => RsaHash::Sha384,
            _ => RsaHash::Sha512,
        };
        let pkcs1 = r.str("Alg").starts_with("RS");
        let mut bad = signature.clone();
        bad[10] ^= 1;
        for (sig, valid) in [(&signature, true), (&bad, false)] {
            let n = allocations(|| {
                let result = if pkcs1 {
                    key.verify_pkcs1v15(hash, &message, sig)
                } else {
                    key.verify_pss(hash, &message, sig)
                };
                assert_eq!(result.is_ok(), valid, "{}", r.label());
            });
            assert_eq!(n, 0, "{}: verification allocated", r.label());
            checked += 1;
        }
    }
    assert_eq!(checked, 14);
}
