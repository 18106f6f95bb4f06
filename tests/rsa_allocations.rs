//! RSA verification allocates nothing: the recovered message, the expected
//! encoding and every intermediate integer live on the stack. This test
//! binary counts allocations with its own global allocator, per thread
//! (the test runner's own thread allocates at times while a test runs).
mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use barejwt::crypto::rsa::{RsaHash, RsaPublicKey};

struct Counting;

thread_local! {
    /// Allocations made by this thread (a const initialiser: reading it
    /// never allocates).
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn count() {
    ALLOCATIONS.with(|a| a.set(a.get() + 1));
}

// A GlobalAlloc cannot be written without `unsafe`.
// SAFETY: every call is forwarded unchanged to `System`; only a counter moves.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count();
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count();
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Allocations made by `f` on this thread.
fn allocations(f: impl FnOnce()) -> usize {
    let before = ALLOCATIONS.with(Cell::get);
    f();
    ALLOCATIONS.with(Cell::get) - before
}

#[test]
fn rsa_verification_allocates_nothing() {
    let records = common::records(include_str!("../vectors/rsa/jose.txt"));
    let decode =
        |r: &common::Record, k: &str| barejwt::base64url::decode(r.str(k).as_bytes()).unwrap();
    // The counter sees an allocation (so a zero below means something).
    assert_eq!(allocations(|| drop(std::hint::black_box(vec![1u8; 8]))), 1);
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
