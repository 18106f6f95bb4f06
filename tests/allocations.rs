//! CVE-2025-30204, CVE-2025-27144: a token of a million dots must be
//! refused in O(1) allocations (no split into a million parts). This test
//! binary counts every allocation with its own global allocator; it holds
//! one test, so no other test allocates while it counts.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use barejwt::{verify, Algorithm, ErrorKind, Key, Validation};

struct Counting;

static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
static BYTES: AtomicUsize = AtomicUsize::new(0);

// The one place the tests need `unsafe`: a GlobalAlloc cannot be written
// without it. The library itself keeps `unsafe` to `src/cpu/`.
// SAFETY: every call is forwarded unchanged to `System`; only counters move.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        System.alloc(layout)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        BYTES.fetch_add(new_size, Ordering::Relaxed);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// (kind, allocations, bytes allocated) of one verification.
fn counted(token: &[u8], key: &Key, v: &Validation) -> (ErrorKind, usize, usize) {
    let (a0, b0) = (
        ALLOCATIONS.load(Ordering::SeqCst),
        BYTES.load(Ordering::SeqCst),
    );
    let kind = verify(token, key, v).unwrap_err().kind();
    let (a1, b1) = (
        ALLOCATIONS.load(Ordering::SeqCst),
        BYTES.load(Ordering::SeqCst),
    );
    (kind, a1 - a0, b1 - b0)
}

#[test]
fn dots_and_oversized_tokens_are_refused_in_constant_allocations() {
    let key = Key::hs256(b"allocations-test-secret-32-bytes").unwrap();
    let v = Validation::new(&[Algorithm::Hs256]).now(1_700_000_000);
    let mib = vec![b'.'; 1 << 20];
    let two_mib = vec![b'.'; 2 << 20];

    // Over the size limit: too_large, whatever the length.
    let (kind, allocs, bytes) = counted(&mib, &key, &v);
    assert_eq!(kind, ErrorKind::TooLarge);
    assert!(
        allocs <= 4 && bytes < 1024,
        "{allocs} allocations, {bytes} bytes"
    );
    assert_eq!(
        counted(&two_mib, &key, &v).1,
        allocs,
        "independent of the length"
    );

    // Within a raised limit, the dots are counted and the scan stops at
    // the third: malformed, with as few allocations, for any length.
    let lax = v.clone().max_token_len(4 << 20);
    let (kind, allocs, bytes) = counted(&mib, &key, &lax);
    assert_eq!(kind, ErrorKind::Malformed);
    assert!(
        allocs <= 4 && bytes < 1024,
        "{allocs} allocations, {bytes} bytes"
    );
    assert_eq!(counted(&two_mib, &key, &lax).1, allocs);
    assert_eq!(counted(&mib[..65_536], &key, &v).1, allocs);

    // A header over its limit is refused before it is decoded.
    let mut big_header = vec![b'e'; 60_000];
    big_header.extend_from_slice(b".e30.AAAA");
    let (kind, _, bytes) = counted(&big_header, &key, &v);
    assert_eq!(kind, ErrorKind::Malformed);
    assert!(bytes < 1024, "{bytes} bytes allocated for a refused header");
}
