//! SHA-256 compression on the Intel SHA extensions (SHA-NI), x86_64.
//!
//! The same function as FIPS 180-4 §6.2.2 steps 1–4, computed by the
//! instructions `SHA256RNDS2` (two rounds), `SHA256MSG1` and `SHA256MSG2`
//! (message schedule), with SSSE3 `PSHUFB` for the big-endian words and
//! SSE4.1 for lane extraction (Intel SDM, Vol. 2, "SHA256RNDS2",
//! "SHA256MSG1", "SHA256MSG2").
//!
//! The kinds of unsafe operation here (see `mod.rs` for the folder's rules):
//!
//! - calling the `#[target_feature]` function [`compress_blocks`] at all,
//!   which is sound only on a CPU that has the features it enables. A
//!   [`ShaNi`] value is the proof; the single call sits in
//!   [`ShaNi::compress256`] with its `SAFETY` comment.
//! - the 16-byte loads of the message, each from a 16-byte piece of a
//!   `chunks_exact(64)` block, so never past the end of the input.

use core::arch::x86_64::{
    __m128i, _mm_add_epi32, _mm_alignr_epi8, _mm_extract_epi32, _mm_loadu_si128, _mm_set_epi32,
    _mm_set_epi64x, _mm_setzero_si128, _mm_sha256msg1_epu32, _mm_sha256msg2_epu32,
    _mm_sha256rnds2_epu32, _mm_shuffle_epi32, _mm_shuffle_epi8,
};

// The 64 SHA-256 round constants K₀…K₆₃, FIPS 180-4 §4.2.2, four per entry:
// one entry feeds the four rounds of one `SHA256RNDS2` pair.
use crate::crypto::sha2::constants::K256_BY_FOUR;

/// Bytes in one SHA-256 message block (FIPS 180-4 §5.2.1: 512 bits).
const BLOCK_LEN: usize = 64;

/// Bytes in one SSE register: four 32-bit schedule words.
const LANES_LEN: usize = 16;

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
        for &[k0, k1, k2, k3] in &K256_BY_FOUR {
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
    //! Detection only: the compression itself is checked through the
    //! hashers' backend choice, against the portable code and every vector
    //! (`src/crypto/sha2/tests.rs`).
    // The crate root links `std` only with the `std` feature; the check
    // below needs it.
    extern crate std;

    use super::ShaNi;

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
