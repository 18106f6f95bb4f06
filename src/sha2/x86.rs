//! SHA-256 compression on the Intel SHA extensions (SHA-NI).
//!
//! The same function as FIPS 180-4 §6.2.2 steps 1–4, computed by the x86
//! instructions `SHA256RNDS2` (two rounds), `SHA256MSG1` and `SHA256MSG2`
//! (message schedule), with SSSE3 `PSHUFB` for the big-endian words and SSE4.1
//! for lane extraction (Intel SDM, Vol. 2, "SHA256RNDS2", "SHA256MSG1",
//! "SHA256MSG2"). Built on x86 and x86_64 only; SHA-384/512 have no such
//! instructions on these CPUs and stay portable.
//!
//! This is the only file of the crate with `unsafe`: the crate root denies
//! `unsafe_code`, and the attribute below allows it here alone. There are two
//! kinds of unsafe operation:
//!
//! - calling the `#[target_feature]` function [`compress_blocks`] at all, which
//!   is sound only on a CPU that has the features it enables. A [`ShaNi`]
//!   value is the proof: its field is private, so only [`ShaNi::detect`] can
//!   make one, and it does so only after the check has passed. The single call
//!   sits in [`ShaNi::compress256`] with its `SAFETY` comment.
//! - the 16-byte loads of the message, each from a 16-byte piece of a
//!   `chunks_exact(64)` block, so never past the end of the input.
//!
//! Detection: with the `std` feature, `std::is_x86_feature_detected!` at run
//! time (std asks CPUID once and caches the answer, so `detect` is a few loads
//! and compares); without `std`, only what the build enables at compile time
//! (`-C target-feature=+sha,+ssse3,+sse4.1` or a `target-cpu` that has them).
//! Built with `--cfg barejwt_portable`, `detect` always answers `None`, which
//! forces the portable code (for debugging and for Miri).
// The one exception to the crate root's `deny(unsafe_code)`; see above.
#![allow(unsafe_code)]

#[cfg(target_arch = "x86")]
use core::arch::x86::{
    __m128i, _mm_add_epi32, _mm_alignr_epi8, _mm_extract_epi32, _mm_loadu_si128, _mm_set_epi32,
    _mm_set_epi64x, _mm_setzero_si128, _mm_sha256msg1_epu32, _mm_sha256msg2_epu32,
    _mm_sha256rnds2_epu32, _mm_shuffle_epi32, _mm_shuffle_epi8,
};
#[cfg(target_arch = "x86_64")]
use core::arch::x86_64::{
    __m128i, _mm_add_epi32, _mm_alignr_epi8, _mm_extract_epi32, _mm_loadu_si128, _mm_set_epi32,
    _mm_set_epi64x, _mm_setzero_si128, _mm_sha256msg1_epu32, _mm_sha256msg2_epu32,
    _mm_sha256rnds2_epu32, _mm_shuffle_epi32, _mm_shuffle_epi8,
};

/// Bytes in one SHA-256 message block (FIPS 180-4 §5.2.1: 512 bits).
const BLOCK_LEN: usize = 64;

/// Bytes in one SSE register: four 32-bit schedule words.
const LANES_LEN: usize = 16;

/// The 64 SHA-256 round constants K₀…K₆₃, FIPS 180-4 §4.2.2, four per entry:
/// one entry feeds the four rounds of one `SHA256RNDS2` pair. Each line holds
/// one line of the standard's table (eight constants).
#[rustfmt::skip]
const ROUND_CONSTANTS: [[u32; 4]; 16] = [
    [0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5], [0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5],
    [0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3], [0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174],
    [0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc], [0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da],
    [0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7], [0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967],
    [0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13], [0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85],
    [0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3], [0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070],
    [0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5], [0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3],
    [0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208], [0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2],
];

/// Proof that this CPU can run the SHA-NI compression.
///
/// Zero-sized; the private field means no code outside this file can build
/// one, so holding a `ShaNi` means [`ShaNi::detect`] succeeded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ShaNi {
    _private: (),
}

impl ShaNi {
    /// `Some` only when the CPU has SHA, SSE2, SSSE3 and SSE4.1, the features
    /// [`compress_blocks`] enables; always `None` under `--cfg barejwt_portable`.
    ///
    /// With `std` this is a run-time check (std caches the CPUID answer, so it
    /// is cheap to repeat); without `std` it is what the build's target
    /// features promise at compile time.
    pub(crate) fn detect() -> Option<ShaNi> {
        if cfg!(barejwt_portable) {
            return None;
        }
        #[cfg(feature = "std")]
        let has_features = std::is_x86_feature_detected!("sha")
            && std::is_x86_feature_detected!("sse2")
            && std::is_x86_feature_detected!("ssse3")
            && std::is_x86_feature_detected!("sse4.1");
        #[cfg(not(feature = "std"))]
        let has_features = cfg!(all(
            target_feature = "sha",
            target_feature = "sse2",
            target_feature = "ssse3",
            target_feature = "sse4.1"
        ));
        has_features.then_some(ShaNi { _private: () })
    }

    /// Runs the SHA-256 compression (FIPS 180-4 §6.2.2) over every full
    /// 64-byte block of `blocks`, updating `state` (H₀…H₇ in natural order).
    ///
    /// `blocks.len()` should be a multiple of 64; any trailing partial block
    /// is ignored and never read.
    #[inline]
    pub(crate) fn compress256(self, state: &mut [u32; 8], blocks: &[u8]) {
        // SAFETY: `self` exists, so `detect()` saw SHA, SSE2, SSSE3 and SSE4.1
        // on this CPU (or the build requires them), which are all the features
        // `compress_blocks` enables. Its only memory reads are 16-byte
        // unaligned loads from 16-byte pieces of `blocks.chunks_exact(64)`,
        // so they stay inside `blocks`; `state` is a plain `&mut` array.
        unsafe { compress_blocks(state, blocks) }
    }
}

/// SHA-256 compression of every full 64-byte block of `blocks` into `state`.
///
/// The instructions keep the eight working variables in two registers,
/// {A, B, E, F} and {C, D, G, H}, highest lane first (Intel SDM,
/// "SHA256RNDS2"); the state is rearranged into that form on entry and back
/// on exit, once per call rather than once per block.
///
/// # Safety
///
/// The CPU must support SHA, SSE2, SSSE3 and SSE4.1. Memory is read only
/// through the loads marked `SAFETY` below, which stay inside `blocks`; the
/// other intrinsics work on register values only.
#[target_feature(enable = "sha,sse2,ssse3,sse4.1")]
unsafe fn compress_blocks(state: &mut [u32; 8], blocks: &[u8]) {
    // PSHUFB control that reverses the bytes of each 32-bit lane: the
    // message words are big-endian (FIPS 180-4 §3.1), the lanes little-endian.
    let byte_swap = _mm_set_epi64x(0x0c0d_0e0f_0809_0a0b, 0x0405_0607_0001_0203);

    // `as i32` reinterprets the bits; the lanes are added modulo 2³².
    let [a, b, c, d, e, f, g, h] = *state;
    let mut abef = _mm_set_epi32(a as i32, b as i32, e as i32, f as i32);
    let mut cdgh = _mm_set_epi32(c as i32, d as i32, g as i32, h as i32);

    for block in blocks.chunks_exact(BLOCK_LEN) {
        // Step 2 of §6.2.2 needs the previous hash value again at step 4.
        let (abef_before, cdgh_before) = (abef, cdgh);

        // Step 1, t = 0..15: W_t is word t of the block; four words per
        // register, the earliest in the lowest lane.
        let mut first_words = [_mm_setzero_si128(); 4];
        for (words, bytes) in first_words.iter_mut().zip(block.chunks_exact(LANES_LEN)) {
            // SAFETY: `bytes` is a 16-byte slice of `blocks`; the load reads
            // exactly 16 bytes from its start and needs no alignment.
            let raw = unsafe { _mm_loadu_si128(bytes.as_ptr().cast::<__m128i>()) };
            *words = _mm_shuffle_epi8(raw, byte_swap);
        }
        // The last sixteen schedule words, oldest first: W_t..W_t+15.
        let [mut w0, mut w1, mut w2, mut w3] = first_words;

        // Step 3: 64 rounds, four per iteration, on W_t..W_t+3 (in `w0`).
        for &[k0, k1, k2, k3] in &ROUND_CONSTANTS {
            let wk = _mm_add_epi32(
                w0,
                _mm_set_epi32(k3 as i32, k2 as i32, k1 as i32, k0 as i32),
            );
            // SHA256RNDS2 runs rounds t and t+1 with W+K from the two low
            // lanes. After two rounds the old A, B, E, F have moved to C, D,
            // G, H, so the old {A,B,E,F} register is the new {C,D,G,H}.
            let abef_2 = _mm_sha256rnds2_epu32(cdgh, abef, wk);
            let cdgh_2 = abef;
            // Rounds t+2 and t+3 take W+K from the high lanes, moved down.
            let wk_high = _mm_shuffle_epi32::<0b00_00_11_10>(wk);
            abef = _mm_sha256rnds2_epu32(cdgh_2, abef_2, wk_high);
            cdgh = abef_2;

            // Step 1, t = 16..63, four words at a time:
            // W_t = σ1(W_t-2) + W_t-7 + σ0(W_t-15) + W_t-16.
            // MSG1 gives W_t-16 + σ0(W_t-15); ALIGNR supplies W_t-7..W_t-4
            // (it straddles two registers); MSG2 adds σ1 of W_t-2, which for
            // the upper two lanes are the words it has just made.
            // The last four iterations make W_64..W_79, which no round
            // uses; the optimiser unrolls this loop and drops them, and kept
            // they would still be off the critical path (the SHA256RNDS2
            // chain), so no branch guards them.
            let w4 = _mm_sha256msg2_epu32(
                _mm_add_epi32(_mm_sha256msg1_epu32(w0, w1), _mm_alignr_epi8::<4>(w3, w2)),
                w3,
            );
            (w0, w1, w2, w3) = (w1, w2, w3, w4);
        }

        // Step 4: H_i = (working variable) + H_i-1, lane by lane.
        abef = _mm_add_epi32(abef, abef_before);
        cdgh = _mm_add_epi32(cdgh, cdgh_before);
    }

    *state = [
        _mm_extract_epi32::<3>(abef) as u32,
        _mm_extract_epi32::<2>(abef) as u32,
        _mm_extract_epi32::<3>(cdgh) as u32,
        _mm_extract_epi32::<2>(cdgh) as u32,
        _mm_extract_epi32::<1>(abef) as u32,
        _mm_extract_epi32::<0>(abef) as u32,
        _mm_extract_epi32::<1>(cdgh) as u32,
        _mm_extract_epi32::<0>(cdgh) as u32,
    ];
}

#[cfg(test)]
mod tests {
    //! SHA-NI against a plain transcription of FIPS 180-4 §6.2.2, on the
    //! standard's own examples and on pseudo-random multi-block input.
    // The crate root links `std` only with the `std` feature; tests print.
    extern crate std;

    use super::{ShaNi, BLOCK_LEN, ROUND_CONSTANTS};
    use alloc::vec::Vec;
    use std::io::Write;

    /// H⁽⁰⁾ for SHA-256, FIPS 180-4 §5.3.3.
    const INITIAL_HASH: [u32; 8] = [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
        0x5be0cd19,
    ];

    /// The first 64 primes, for the round constants' definition.
    const PRIMES: [u128; 64] = [
        2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89,
        97, 101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167, 173, 179, 181,
        191, 193, 197, 199, 211, 223, 227, 229, 233, 239, 241, 251, 257, 263, 269, 271, 277, 281,
        283, 293, 307, 311,
    ];

    /// K_t as FIPS 180-4 §4.2.2 defines it: the first 32 bits of the
    /// fractional part of the cube root of the t-th prime, i.e.
    /// ⌊∛(p · 2⁹⁶)⌋ mod 2³², by exact integer bisection. Independent of the
    /// typed table, so the reference below shares nothing with the code it
    /// checks.
    fn round_constants_from_definition() -> [u32; 64] {
        let mut k = [0u32; 64];
        for (k_t, &p) in k.iter_mut().zip(PRIMES.iter()) {
            let target = p << 96;
            let (mut low, mut high) = (0u128, 1u128 << 36); // (2^36)^3 > 311 * 2^96
            while high - low > 1 {
                let mid = (low + high) / 2;
                if mid * mid * mid <= target {
                    low = mid;
                } else {
                    high = mid;
                }
            }
            *k_t = low as u32; // mod 2^32: drops the integer part
        }
        k
    }

    /// FIPS 180-4 §6.2.2 written out literally, one block at a time.
    fn reference_compress(state: &mut [u32; 8], blocks: &[u8]) {
        let k = round_constants_from_definition();
        let ch = |x: u32, y: u32, z: u32| (x & y) ^ (!x & z); // (4.2)
        let maj = |x: u32, y: u32, z: u32| (x & y) ^ (x & z) ^ (y & z); // (4.3)
        let big_sigma0 = |x: u32| x.rotate_right(2) ^ x.rotate_right(13) ^ x.rotate_right(22);
        let big_sigma1 = |x: u32| x.rotate_right(6) ^ x.rotate_right(11) ^ x.rotate_right(25);
        let small_sigma0 = |x: u32| x.rotate_right(7) ^ x.rotate_right(18) ^ (x >> 3);
        let small_sigma1 = |x: u32| x.rotate_right(17) ^ x.rotate_right(19) ^ (x >> 10);
        for block in blocks.chunks_exact(BLOCK_LEN) {
            // 1. Prepare the message schedule.
            let mut w = [0u32; 64];
            for t in 0..16 {
                w[t] = u32::from_be_bytes(block[4 * t..4 * t + 4].try_into().unwrap());
            }
            for t in 16..64 {
                w[t] = small_sigma1(w[t - 2])
                    .wrapping_add(w[t - 7])
                    .wrapping_add(small_sigma0(w[t - 15]))
                    .wrapping_add(w[t - 16]);
            }
            // 2. Initialize the eight working variables.
            let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = *state;
            // 3. For t = 0 to 63.
            for t in 0..64 {
                let t1 = h
                    .wrapping_add(big_sigma1(e))
                    .wrapping_add(ch(e, f, g))
                    .wrapping_add(k[t])
                    .wrapping_add(w[t]);
                let t2 = big_sigma0(a).wrapping_add(maj(a, b, c));
                h = g;
                g = f;
                f = e;
                e = d.wrapping_add(t1);
                d = c;
                c = b;
                b = a;
                a = t1.wrapping_add(t2);
            }
            // 4. Compute the intermediate hash value H(i).
            for (h_i, v) in state.iter_mut().zip([a, b, c, d, e, f, g, h]) {
                *h_i = h_i.wrapping_add(v);
            }
        }
    }

    /// SHA-256 of `message` with padding (FIPS 180-4 §5.1.1) and parsing
    /// (§5.2.1) around the given compression function.
    fn sha256_with(compress: impl Fn(&mut [u32; 8], &[u8]), message: &[u8]) -> [u8; 32] {
        let mut padded = message.to_vec();
        padded.push(0x80);
        while padded.len() % BLOCK_LEN != 56 {
            padded.push(0);
        }
        padded.extend_from_slice(&(message.len() as u64 * 8).to_be_bytes());
        let mut state = INITIAL_HASH;
        compress(&mut state, &padded);
        let mut digest = [0u8; 32];
        for (bytes, word) in digest.chunks_exact_mut(4).zip(state) {
            bytes.copy_from_slice(&word.to_be_bytes());
        }
        digest
    }

    fn hex(bytes: &[u8]) -> std::string::String {
        bytes.iter().map(|b| std::format!("{b:02x}")).collect()
    }

    /// The SHA-NI backend, or one line on stderr naming what is skipped.
    /// Written to the stderr handle directly so the harness does not
    /// swallow it: an absent backend must never look like a pass.
    fn sha_ni_or_say_skipped(skipped: &str) -> Option<ShaNi> {
        let found = ShaNi::detect();
        if found.is_none() {
            let why = if cfg!(barejwt_portable) {
                "--cfg barejwt_portable forces the portable path"
            } else if cfg!(feature = "std") {
                "this CPU lacks SHA, SSE2, SSSE3 or SSE4.1"
            } else {
                "built without std and without target features sha, ssse3, sse4.1"
            };
            let _ = writeln!(
                std::io::stderr(),
                "SHA-NI absent ({why}): skipped {skipped}"
            );
        }
        found
    }

    /// Checks a FIPS 180-4 example on the reference and on SHA-NI.
    fn check_example(name: &str, message: &[u8], expected_hex: &str) {
        assert_eq!(
            hex(&sha256_with(reference_compress, message)),
            expected_hex,
            "reference, {name}"
        );
        if let Some(sha_ni) = sha_ni_or_say_skipped(name) {
            let digest = sha256_with(|state, blocks| sha_ni.compress256(state, blocks), message);
            assert_eq!(hex(&digest), expected_hex, "SHA-NI, {name}");
        }
    }

    /// Tiny xorshift64 (Marsaglia 2003), fixed seed: reproducible input.
    struct XorShift(u64);

    impl XorShift {
        fn next_u64(&mut self) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0
        }
        fn below(&mut self, n: u64) -> u64 {
            self.next_u64() % n
        }
        fn bytes(&mut self, len: usize) -> Vec<u8> {
            (0..len).map(|_| self.next_u64() as u8).collect()
        }
    }

    #[test]
    fn round_constant_table_matches_the_cube_root_definition() {
        let typed: Vec<u32> = ROUND_CONSTANTS.iter().flatten().copied().collect();
        assert_eq!(typed, round_constants_from_definition());
    }

    #[test]
    fn fips_180_4_one_block_example_abc() {
        check_example(
            "the one-block example \"abc\"",
            b"abc",
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        );
    }

    #[test]
    fn fips_180_4_two_block_example_448_bits() {
        check_example(
            "the two-block 448-bit example",
            b"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
        );
    }

    #[test]
    fn empty_message() {
        check_example(
            "the empty message",
            b"",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        );
    }

    #[test]
    fn sha_ni_matches_reference_after_every_call_on_random_blocks() {
        let Some(sha_ni) = sha_ni_or_say_skipped("200 random multi-block comparisons") else {
            return;
        };
        let mut rng = XorShift(0x5eed_5a25_6b10_c0de);
        for case in 0..200 {
            let block_count = 1 + rng.below(64) as usize;
            let input = rng.bytes(block_count * BLOCK_LEN);
            // A random starting state reaches every lane, not just H(0).
            let mut expected = [0u32; 8];
            expected
                .iter_mut()
                .for_each(|word| *word = rng.next_u64() as u32);
            let mut actual = expected;
            // Feed the input in calls of random block counts.
            let mut rest = &input[..];
            while !rest.is_empty() {
                let take = (1 + rng.below(8) as usize).min(rest.len() / BLOCK_LEN) * BLOCK_LEN;
                let (now, later) = rest.split_at(take);
                reference_compress(&mut expected, now);
                sha_ni.compress256(&mut actual, now);
                assert_eq!(actual, expected, "case {case}, {block_count} blocks");
                rest = later;
            }
        }
    }

    #[test]
    fn sha_ni_ignores_a_trailing_partial_block() {
        let Some(sha_ni) = sha_ni_or_say_skipped("the trailing-partial-block check") else {
            return;
        };
        let mut rng = XorShift(0x0dd_b10c);
        let input = rng.bytes(2 * BLOCK_LEN + BLOCK_LEN - 1);
        for len in 0..=input.len() {
            let mut expected = INITIAL_HASH;
            reference_compress(&mut expected, &input[..len / BLOCK_LEN * BLOCK_LEN]);
            let mut actual = INITIAL_HASH;
            sha_ni.compress256(&mut actual, &input[..len]);
            assert_eq!(actual, expected, "input of {len} bytes");
        }
    }

    #[test]
    fn detect_follows_the_cpu_and_the_portable_flag() {
        let expected = if cfg!(barejwt_portable) {
            false
        } else {
            std::is_x86_feature_detected!("sha")
                && std::is_x86_feature_detected!("sse2")
                && std::is_x86_feature_detected!("ssse3")
                && std::is_x86_feature_detected!("sse4.1")
        };
        if cfg!(feature = "std") {
            assert_eq!(ShaNi::detect().is_some(), expected);
        } else {
            // Without std, detection is the build's promise: never more
            // than the CPU has (the binary would not run otherwise).
            assert!(ShaNi::detect().is_none() || expected);
        }
    }
}
