//! The SHA-2 tests that span files: the published vectors through every
//! backend this CPU can run, each accelerated compression against the
//! portable one, and the hashers' own properties. (The unrolled portable
//! compressions are checked against the reference loops in `soft256.rs`
//! and `soft512.rs`; the constants against their definition in
//! `constants.rs`; detection in each `src/cpu/` file.)

use super::reference::{self, hex};
use super::*;
use crate::crypto::rand::TestRng;
use alloc::vec::Vec;

/// Every SHA-256 backend this CPU can run, portable first, saying on
/// stderr when the SHA extensions are absent and `what` therefore ran on
/// the portable code only.
fn backends256(what: &str) -> Vec<Backend256> {
    let backends = Backend256::available();
    if backends.len() < 2 {
        reference::say_absent("SHA-NI", "sha, sse2, ssse3, sse4.1", what);
    }
    backends
}

/// Every SHA-384/512 backend this CPU can run, portable first, saying on
/// stderr when the AVX2 schedule is absent.
fn backends512(what: &str) -> Vec<Backend512> {
    let backends = Backend512::available();
    if backends.len() < 2 {
        reference::say_absent("AVX2 SHA-512", "avx2, bmi2", what);
    }
    backends
}

/// FIPS 180-2 Appendix B.1, C.1 and D.1 ("abc").
#[test]
fn fips180_appendix_one_block_examples() {
    assert_eq!(
        hex(&Sha256::digest(b"abc")),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_eq!(
        hex(&Sha384::digest(b"abc")),
        "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed\
         8086072ba1e7cc2358baeca134c825a7"
    );
    assert_eq!(
        hex(&Sha512::digest(b"abc")),
        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a\
         2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f"
    );
}

/// Every way of splitting a message across two `update` calls gives the
/// one-shot digest, on every backend; lengths cover 0, block-1, block,
/// block+1 and two blocks for each padding case.
#[test]
fn every_split_through_update_equals_one_shot() {
    let message: Vec<u8> = (0..=255u8).cycle().take(300).collect();
    let (backends256, backends512) = (backends256("the split test"), backends512("the split test"));
    for len in [0, 55, 56, 63, 64, 65, 111, 112, 127, 128, 129, 256, 300] {
        let m = &message[..len];
        for split in 0..=len {
            let (x, y) = m.split_at(split);
            for &backend in &backends256 {
                let mut h = Sha256::new_with_backend(backend);
                h.update(x);
                h.update(y);
                assert_eq!(
                    h.finalize(),
                    Sha256::digest(m),
                    "len {len} split {split} {backend:?}"
                );
            }
            for &backend in &backends512 {
                let mut h = Sha512::new_with_backend(backend);
                h.update(x);
                h.update(y);
                assert_eq!(
                    h.finalize(),
                    Sha512::digest(m),
                    "len {len} split {split} {backend:?}"
                );
            }
        }
    }
}

/// The vector files hold the records the tests below count on: none lost
/// to a parsing slip.
#[test]
fn the_vector_files_hold_every_expected_record() {
    let vectors = reference::vectors();
    let count = |file: &str, alg: &str| {
        vectors
            .iter()
            .filter(|v| v.file == file && v.alg == alg)
            .count()
    };
    assert_eq!(count("sha2.txt", "SHA-256"), 18);
    assert_eq!(count("sha2.txt", "SHA-384"), 18);
    assert_eq!(count("sha2.txt", "SHA-512"), 18);
    assert_eq!(count("sha2_cavp.txt", "SHA-256"), 6);
    assert_eq!(count("sha2_cavp.txt", "SHA-384"), 4);
    assert_eq!(count("sha2_cavp.txt", "SHA-512"), 4);
    assert_eq!(vectors.len(), 68);
}

/// `message` hashed one-shot and in 37-byte pieces (buffered and direct
/// blocks mixed) by a hasher `new` makes.
fn one_shot_and_streamed<H: HashFunction>(new: impl Fn() -> H, message: &[u8]) -> [H::Output; 2] {
    let mut one_shot = new();
    one_shot.update(message);
    let mut streamed = new();
    message.chunks(37).for_each(|piece| streamed.update(piece));
    [one_shot.finalize(), streamed.finalize()]
}

#[test]
fn every_sha256_vector_passes_on_every_available_backend() {
    let vectors: Vec<_> = reference::vectors()
        .into_iter()
        .filter(|v| v.alg == "SHA-256")
        .collect();
    assert_eq!(vectors.len(), 24, "SHA-256 records in both files");
    for backend in backends256("the SHA-256 vectors") {
        for vector in &vectors {
            let [one_shot, streamed] =
                one_shot_and_streamed(|| Sha256::new_with_backend(backend), &vector.message);
            assert_eq!(one_shot[..], vector.digest, "{} on {backend:?}", vector.id);
            assert_eq!(
                streamed[..],
                vector.digest,
                "{} streamed on {backend:?}",
                vector.id
            );
        }
    }
}

#[test]
fn every_sha384_and_sha512_vector_passes_on_every_available_backend() {
    let vectors = reference::vectors();
    let mut checked = 0;
    for backend in backends512("the SHA-384/512 vectors") {
        for vector in &vectors {
            let [one_shot, streamed]: [Vec<u8>; 2] = match vector.alg.as_str() {
                "SHA-384" => {
                    one_shot_and_streamed(|| Sha384::new_with_backend(backend), &vector.message)
                        .map(Vec::from)
                }
                "SHA-512" => {
                    one_shot_and_streamed(|| Sha512::new_with_backend(backend), &vector.message)
                        .map(Vec::from)
                }
                _ => continue,
            };
            assert_eq!(one_shot, vector.digest, "{} on {backend:?}", vector.id);
            assert_eq!(
                streamed, vector.digest,
                "{} streamed on {backend:?}",
                vector.id
            );
            checked += 1;
        }
    }
    // 18 + 18 in sha2.txt, 4 + 4 in sha2_cavp.txt, on every backend.
    assert_eq!(checked, 44 * Backend512::available().len());
}

/// Random multi-block input from a random start state (which reaches every
/// lane, not just H^(0)), fed in calls of random block counts: each
/// accelerated backend holds the portable state after every call.
#[test]
fn every_sha256_backend_reaches_the_portable_state_after_every_call() {
    let backends = backends256("the SHA-256 backend state comparison");
    let mut rng = TestRng(0x5eed_5a25_6b10_c0de);
    for case in 0..200 {
        let blocks = 1 + (rng.next_u64() % 64) as usize;
        let input = reference::random_bytes(&mut rng, blocks * 64);
        let start = [0u32; 8].map(|_| rng.next_u64() as u32);
        for &backend in &backends[1..] {
            let (mut expected, mut actual) = (start, start);
            let mut rest = &input[..];
            while !rest.is_empty() {
                let take = (1 + (rng.next_u64() % 8) as usize).min(rest.len() / 64) * 64;
                let (now, later) = rest.split_at(take);
                Backend256::Portable.compress(&mut expected, now);
                backend.compress(&mut actual, now);
                assert_eq!(
                    actual, expected,
                    "case {case}, {blocks} blocks, {backend:?}"
                );
                rest = later;
            }
        }
        // And the portable compression chains: single-block calls reach
        // the state of one multi-block call.
        let (mut chained, mut whole) = (start, start);
        input
            .chunks(64)
            .for_each(|block| Backend256::Portable.compress(&mut chained, block));
        Backend256::Portable.compress(&mut whole, &input);
        assert_eq!(chained, whole, "case {case}");
    }
}

/// As above for SHA-384/512; odd and even block counts per call reach both
/// the AVX2 backend's two-block path and its lone-block path.
#[test]
fn every_sha512_backend_reaches_the_portable_state_after_every_call() {
    let backends = backends512("the SHA-512 backend state comparison");
    let mut rng = TestRng(0xa5c2_5120_d00d_f00d);
    for case in 0..200 {
        let blocks = 1 + (rng.next_u64() % 16) as usize;
        let input = reference::random_bytes(&mut rng, blocks * 128);
        let start = [0u64; 8].map(|_| rng.next_u64());
        for &backend in &backends[1..] {
            let (mut expected, mut actual) = (start, start);
            let mut rest = &input[..];
            while !rest.is_empty() {
                let take = (1 + (rng.next_u64() % 5) as usize).min(rest.len() / 128) * 128;
                let (now, later) = rest.split_at(take);
                Backend512::Portable.compress(&mut expected, now);
                backend.compress(&mut actual, now);
                assert_eq!(
                    actual, expected,
                    "case {case}, {blocks} blocks, {backend:?}"
                );
                rest = later;
            }
        }
        let (mut chained, mut whole) = (start, start);
        input
            .chunks(128)
            .for_each(|block| Backend512::Portable.compress(&mut chained, block));
        Backend512::Portable.compress(&mut whole, &input);
        assert_eq!(chained, whole, "case {case}");
    }
}

/// Every backend compresses the whole blocks of its input and never reads
/// a trailing partial block: the state equals the reference loop's on the
/// whole blocks alone, for every input length up to three blocks.
#[test]
fn every_backend_ignores_a_trailing_partial_block() {
    let mut rng = TestRng(0x0dd_b10c);
    let input = reference::random_bytes(&mut rng, 3 * 128 + 127);
    for backend in backends256("the SHA-256 trailing-partial-block check") {
        for len in 0..=3 * 64 + 63 {
            let mut expected = H256;
            reference::compress256(&mut expected, &input[..len / 64 * 64]);
            let mut actual = H256;
            backend.compress(&mut actual, &input[..len]);
            assert_eq!(actual, expected, "input of {len} bytes on {backend:?}");
        }
    }
    for backend in backends512("the SHA-512 trailing-partial-block check") {
        for len in 0..=input.len() {
            let mut expected = H512;
            reference::compress512(&mut expected, &input[..len / 128 * 128]);
            let mut actual = H512;
            backend.compress(&mut actual, &input[..len]);
            assert_eq!(actual, expected, "input of {len} bytes on {backend:?}");
        }
    }
}

#[test]
fn new_uses_the_detected_backend() {
    assert_eq!(Sha256::new().backend, Backend256::detect());
    assert_eq!(Sha384::new().engine.backend, Backend512::detect());
    assert_eq!(Sha512::new().engine.backend, Backend512::detect());
    let expect_portable = cfg!(barejwt_portable) || cfg!(not(target_arch = "x86_64"));
    if expect_portable {
        assert_eq!(Backend256::detect(), Backend256::Portable);
        assert_eq!(Backend512::detect(), Backend512::Portable);
    }
}

#[test]
fn debug_shows_no_state() {
    let mut h = Sha256::new();
    h.update(b"secret");
    assert_eq!(alloc::format!("{h:?}"), "Sha256 { .. }");
}

/// The short path equals clone, update, finalize: after prefixes of whole
/// blocks (the path taken) and of partial ones (the fallback), for every
/// message length to 300, on every backend; and against the one-shot digest.
#[test]
fn digest_after_equals_update_then_finalize() {
    let data: Vec<u8> = (0..=255u8).cycle().take(300 + 129).collect();
    for &backend in &backends256("the short-path test") {
        for prefix in [0, 1, 63, 64, 65, 128] {
            let mut h = Sha256::new_with_backend(backend);
            h.update(&data[..prefix]);
            for len in 0..=300 {
                let m = &data[prefix..prefix + len];
                let mut whole = h;
                whole.update(m);
                let want = whole.finalize();
                assert_eq!(h.digest_after(m), want, "{backend:?} {prefix}+{len}");
                assert_eq!(want, Sha256::digest(&data[..prefix + len]));
            }
        }
    }
}
