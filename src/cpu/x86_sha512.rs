//! SHA-512 compression (and SHA-384's, FIPS 180-4 §6.5) with its message
//! schedule on AVX2, x86_64.
//!
//! x86 has no SHA-512 instructions here, so the 80 rounds of §6.4.2 step 3
//! stay scalar. What AVX2 takes over is step 1, the message schedule: each
//! 256-bit register holds two consecutive words W_t, W_t+1 of one block in its
//! low 128-bit half and the same two words of the next block in its high
//! half, so one pass of vector instructions makes two words of two blocks.
//! Two words per step is what the recurrence allows: W_t needs W_t-2, so
//! W_t and W_t+1 depend only on words made in earlier steps. The schedule,
//! with K_t already added, is stored for both blocks, and computed between
//! groups of eight rounds of the first block: the vector instructions use
//! other execution units than the scalar rounds, so the out-of-order core
//! runs the two side by side and the schedule costs little. The rounds of the
//! second block then read their stored words. BMI2 gives the rounds `RORX`, a
//! rotate that leaves its source intact.
//!
//! Measured on an AMD EPYC (Zen) against the portable unrolled code: about
//! 1.6x the throughput for long messages; computing the whole schedule
//! first and the rounds after, without the interleaving, gained only 1.35x.
//!
//! The kinds of unsafe operation here (see `mod.rs` for the folder's rules):
//!
//! - calling the `#[target_feature]` functions at all, which is sound only
//!   on a CPU that has the features they enable. An [`Avx2`] value is the
//!   proof; the single call of [`compress512_blocks`] sits in
//!   [`Avx2::compress512`] with its `SAFETY` comment, and the helpers
//!   [`schedule_two_and_compress_first`] and [`store_plus_k`] are called
//!   only from inside `#[target_feature]` functions that enable at least
//!   their features.
//! - the 16-byte loads of the message, each from a 16-byte piece of a
//!   `chunks_exact(128)` block, so never past the end of the input.
//! - the 16-byte stores of the schedule, each into a two-word slice of a
//!   local array.

use core::arch::x86_64::{
    __m128i, __m256i, _mm256_add_epi64, _mm256_alignr_epi8, _mm256_castsi256_si128,
    _mm256_extracti128_si256, _mm256_set_epi64x, _mm256_set_m128i, _mm256_setzero_si256,
    _mm256_shuffle_epi8, _mm256_slli_epi64, _mm256_srli_epi64, _mm256_xor_si256, _mm_loadu_si128,
    _mm_storeu_si128,
};

// The SHA-384/512 round constants K₀…K₇₉, FIPS 180-4 §4.2.3, shared with
// the portable code.
use crate::crypto::sha2::constants::K512;

/// Bytes in one SHA-512 message block (FIPS 180-4 §5.2.2: 1024 bits).
const BLOCK_LEN: usize = 128;

/// Proof that this CPU can run the AVX2 SHA-512 compression.
///
/// Zero-sized; the private field means no code outside this file can build
/// one, so holding an `Avx2` means [`Avx2::detect`] succeeded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Avx2 {
    _private: (),
}

impl Avx2 {
    /// `Some` only when the CPU has AVX2 and BMI2, the features
    /// [`compress512_blocks`] enables; always `None` under
    /// `--cfg barejwt_portable`.
    ///
    /// With `std` this is a run-time check (std caches the CPUID answer, so it
    /// is cheap to repeat); without `std` it is what the build's target
    /// features promise at compile time.
    pub(crate) fn detect() -> Option<Avx2> {
        if cfg!(barejwt_portable) {
            return None;
        }
        #[cfg(feature = "std")]
        let has_features =
            std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("bmi2");
        #[cfg(not(feature = "std"))]
        let has_features = cfg!(all(target_feature = "avx2", target_feature = "bmi2"));
        has_features.then_some(Avx2 { _private: () })
    }

    /// Runs the SHA-512 compression (FIPS 180-4 §6.4.2) over every full
    /// 128-byte block of `blocks`, updating `state` (H₀…H₇ in natural order).
    ///
    /// `blocks.len()` should be a multiple of 128; any trailing partial block
    /// is ignored and never read.
    #[inline]
    pub(crate) fn compress512(self, state: &mut [u64; 8], blocks: &[u8]) {
        // SAFETY: `self` exists, so `detect()` saw AVX2 and BMI2 on this CPU
        // (or the build requires them), which are all the features
        // `compress512_blocks` enables (AVX2 implies the AVX and SSE
        // levels below it). Its only memory reads are 16-byte unaligned loads
        // from 16-byte pieces of `blocks.chunks_exact(128)`, so they stay
        // inside `blocks`; its only writes are 16-byte stores into two-word
        // pieces of its own local arrays.
        unsafe { compress512_blocks(state, blocks) }
    }
}

// SHA-384/512 functions, FIPS 180-4 §4.1.3 (eq. 4.8–4.11), for the scalar
// rounds. Plain safe functions: inlined into `compress512_blocks`, they are
// compiled with its features (so the rotations become `RORX`).

#[inline(always)]
fn ch(x: u64, y: u64, z: u64) -> u64 {
    // = (x AND y) XOR (NOT x AND z): where x has a 1 take y, else z.
    z ^ (x & (y ^ z))
}

#[inline(always)]
fn big_sigma0(x: u64) -> u64 {
    x.rotate_right(28) ^ x.rotate_right(34) ^ x.rotate_right(39)
}

#[inline(always)]
fn big_sigma1(x: u64) -> u64 {
    x.rotate_right(14) ^ x.rotate_right(18) ^ x.rotate_right(41)
}

/// σ0 (4.12) and σ1 (4.13) in each 64-bit lane of a register:
/// σ0(x) = ROTR¹(x) ⊕ ROTR⁸(x) ⊕ SHR⁷(x), σ1(x) = ROTR¹⁹(x) ⊕ ROTR⁶¹(x) ⊕ SHR⁶(x).
///
/// AVX2 has no 64-bit rotate, so ROTRⁿ(x) is SHRⁿ(x) and SHL⁶⁴⁻ⁿ(x), whose
/// bits never overlap; joining them by XOR instead of OR is therefore the
/// same, and lets all five pieces meet in one XOR tree. Macros rather than
/// functions, so that the intrinsics expand inside the `#[target_feature]`
/// function and nowhere else.
macro_rules! small_sigma_x4 {
    ($x:expr, $rot_a:literal, $rot_b:literal, $shr:literal) => {{
        let x = $x;
        _mm256_xor_si256(
            _mm256_xor_si256(
                _mm256_xor_si256(
                    _mm256_srli_epi64::<$rot_a>(x),
                    _mm256_slli_epi64::<{ 64 - $rot_a }>(x),
                ),
                _mm256_xor_si256(
                    _mm256_srli_epi64::<$rot_b>(x),
                    _mm256_slli_epi64::<{ 64 - $rot_b }>(x),
                ),
            ),
            _mm256_srli_epi64::<$shr>(x),
        )
    }};
}

/// One round t of §6.4.2 step 3 with W_t + K_t given as `$wk`, on renamed
/// working variables: only the two values that change are computed (e = d +
/// T1 lands in `$d`, a = T1 + T2 in `$h`); the shift of the other six is a
/// renaming in the next round.
///
/// Maj(a,b,c) = b ⊕ ((a ⊕ b) ∧ (b ⊕ c)): where a and b agree it is b, else
/// c. This round's b ⊕ c is the previous round's a ⊕ b (the names have
/// moved on by one), carried in `$bc`, which saves one XOR per round.
macro_rules! round {
    ($a:ident, $b:ident, $c:ident, $d:ident, $e:ident, $f:ident, $g:ident, $h:ident,
     $bc:ident, $wk:expr) => {
        // T1 = h + Σ1(e) + Ch(e,f,g) + K_t + W_t
        let t1 = $h
            .wrapping_add($wk)
            .wrapping_add(ch($e, $f, $g))
            .wrapping_add(big_sigma1($e));
        // T2 = Σ0(a) + Maj(a,b,c)
        let ab = $a ^ $b;
        let t2 = big_sigma0($a).wrapping_add($b ^ (ab & $bc));
        $bc = ab;
        $d = $d.wrapping_add(t1);
        $h = t1.wrapping_add(t2);
    };
}

/// Eight rounds of step 3 on W_t + K_t … W_t+7 + K_t+7 (t ≡ 0 mod 8),
/// after which every working variable is back under its own name.
macro_rules! eight_rounds {
    ([$a:ident, $b:ident, $c:ident, $d:ident, $e:ident, $f:ident, $g:ident, $h:ident],
     $bc:ident, [$w0:ident, $w1:ident, $w2:ident, $w3:ident,
                 $w4:ident, $w5:ident, $w6:ident, $w7:ident]) => {
        round!($a, $b, $c, $d, $e, $f, $g, $h, $bc, $w0);
        round!($h, $a, $b, $c, $d, $e, $f, $g, $bc, $w1);
        round!($g, $h, $a, $b, $c, $d, $e, $f, $bc, $w2);
        round!($f, $g, $h, $a, $b, $c, $d, $e, $bc, $w3);
        round!($e, $f, $g, $h, $a, $b, $c, $d, $bc, $w4);
        round!($d, $e, $f, $g, $h, $a, $b, $c, $bc, $w5);
        round!($c, $d, $e, $f, $g, $h, $a, $b, $bc, $w6);
        round!($b, $c, $d, $e, $f, $g, $h, $a, $bc, $w7);
    };
}

/// Steps 2–4 of §6.4.2 for one block whose schedule, with K already added,
/// is `wk` (W₀+K₀ … W₇₉+K₇₉).
// The carried a ⊕ b of the last round is never read.
#[allow(unused_assignments)]
#[inline(always)]
fn rounds(state: &mut [u64; 8], wk: &[u64; 80]) {
    // Step 2: the working variables start as the previous hash value.
    let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = *state;
    let mut bc = b ^ c;
    // Step 3: 80 rounds, eight per iteration.
    for eight in wk.chunks_exact(8) {
        if let &[w0, w1, w2, w3, w4, w5, w6, w7] = eight {
            eight_rounds!(
                [a, b, c, d, e, f, g, h],
                bc,
                [w0, w1, w2, w3, w4, w5, w6, w7]
            );
        }
    }
    // Step 4: H_i = working variable + H_i-1.
    for (h_i, v) in state.iter_mut().zip([a, b, c, d, e, f, g, h]) {
        *h_i = h_i.wrapping_add(v);
    }
}

/// Stores W_t + K_t and W_t+1 + K_t+1, t = 2·`pair`, from `words` (the two
/// words of the first block in the low half, of the second block in the
/// high half) into `wk[0]` and `wk[1]`. Nothing is stored when `pair` is
/// not below 40.
///
/// # Safety
///
/// The CPU must support AVX2.
#[inline]
#[target_feature(enable = "avx2")]
unsafe fn store_plus_k(words: __m256i, pair: usize, wk: &mut [[u64; 80]; 2]) {
    let t = 2 * pair;
    let [wk_first, wk_second] = wk;
    if let (Some(&[k0, k1]), Some(first), Some(second)) = (
        K512.get(t..t + 2),
        wk_first.get_mut(t..t + 2),
        wk_second.get_mut(t..t + 2),
    ) {
        // `as i64` reinterprets the bits; lanes are added modulo 2⁶⁴.
        let sum = _mm256_add_epi64(
            words,
            _mm256_set_epi64x(k1 as i64, k0 as i64, k1 as i64, k0 as i64),
        );
        // SAFETY: `first` and `second` are two-word (16-byte) slices of the
        // arrays; each store writes exactly those 16 bytes, unaligned.
        unsafe {
            _mm_storeu_si128(
                first.as_mut_ptr().cast::<__m128i>(),
                _mm256_castsi256_si128(sum),
            );
            _mm_storeu_si128(
                second.as_mut_ptr().cast::<__m128i>(),
                _mm256_extracti128_si256::<1>(sum),
            );
        }
    }
}

/// Step 1 of §6.4.2 for two blocks and steps 2–4 for the first of them,
/// interleaved; the second block's W_t + K_t is left in `wk[1]` for
/// [`rounds`]. (`wk[0]` gets the first block's.)
///
/// The vector instructions run on other execution ports than the scalar
/// rounds, so the schedule is written between groups of eight rounds, where
/// the out-of-order core overlaps the two: group g of the rounds reads the
/// words made two groups earlier.
///
/// # Safety
///
/// The CPU must support AVX2 and BMI2. `first` and `second` are 128 bytes
/// long (pieces of `chunks_exact(128)`); the only loads read 16-byte pieces
/// of them.
// The carried a ⊕ b of the last round is never read.
#[allow(unused_assignments)]
#[inline]
#[target_feature(enable = "avx2,bmi2")]
unsafe fn schedule_two_and_compress_first(
    state: &mut [u64; 8],
    first: &[u8],
    second: &[u8],
    wk: &mut [[u64; 80]; 2],
) {
    // PSHUFB control reversing the bytes of each 64-bit lane: message words
    // are big-endian (FIPS 180-4 §3.1), the lanes little-endian.
    let byte_swap = _mm256_set_epi64x(
        0x0809_0a0b_0c0d_0e0f,
        0x0001_0203_0405_0607,
        0x0809_0a0b_0c0d_0e0f,
        0x0001_0203_0405_0607,
    );

    // Step 1, t = 0…15: the words of the blocks themselves. `window` holds
    // the last sixteen words of both blocks, oldest first: register i holds
    // W_t+2i, W_t+2i+1 of `first` (low half) and of `second` (high half).
    let mut window = [_mm256_setzero_si256(); 8];
    for (pair, ((words, low), high)) in window
        .iter_mut()
        .zip(first.chunks_exact(16))
        .zip(second.chunks_exact(16))
        .enumerate()
    {
        // SAFETY: `low` and `high` are 16-byte slices of the two blocks; each
        // load reads exactly 16 bytes from the start and needs no alignment.
        let (low, high) = unsafe {
            (
                _mm_loadu_si128(low.as_ptr().cast::<__m128i>()),
                _mm_loadu_si128(high.as_ptr().cast::<__m128i>()),
            )
        };
        *words = _mm256_shuffle_epi8(_mm256_set_m128i(high, low), byte_swap);
        // SAFETY: this function's features include AVX2.
        unsafe { store_plus_k(*words, pair, wk) };
    }

    // Step 2.
    let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = *state;
    let mut bc = b ^ c;
    for group in 0..10 {
        // Step 1, t = 16…79, eight words per group while any are left:
        // W_t = σ1(W_t-2) + W_t-7 + σ0(W_t-15) + W_t-16, for t and t+1 and
        // both blocks at once (W_t+1 needs W_t-1, not W_t, so the two are
        // independent). W_t-15,t-14 and W_t-7,t-6 straddle two registers;
        // ALIGNR takes the high word of one and the low word of the next.
        if group < 8 {
            for step in 0..4 {
                let [w0, w1, w2, w3, w4, w5, w6, w7] = window;
                let minus_15 = _mm256_alignr_epi8::<8>(w1, w0);
                let minus_7 = _mm256_alignr_epi8::<8>(w5, w4);
                let next = _mm256_add_epi64(
                    _mm256_add_epi64(small_sigma_x4!(w7, 19, 61, 6), minus_7),
                    _mm256_add_epi64(small_sigma_x4!(minus_15, 1, 8, 7), w0),
                );
                window = [w1, w2, w3, w4, w5, w6, w7, next];
                // SAFETY: this function's features include AVX2.
                unsafe { store_plus_k(next, 8 + 4 * group + step, wk) };
            }
        }
        // Step 3, t = 8g…8g+7, on words stored two groups earlier (or
        // before the loop). The range ends at 8·10 = 80 at most, so `get`
        // always finds it.
        let [wk_first, _] = &*wk;
        if let Some(&[w0, w1, w2, w3, w4, w5, w6, w7]) = wk_first.get(8 * group..8 * group + 8) {
            eight_rounds!(
                [a, b, c, d, e, f, g, h],
                bc,
                [w0, w1, w2, w3, w4, w5, w6, w7]
            );
        }
    }
    // Step 4.
    for (h_i, v) in state.iter_mut().zip([a, b, c, d, e, f, g, h]) {
        *h_i = h_i.wrapping_add(v);
    }
}

/// SHA-512 compression of every full 128-byte block of `blocks` into
/// `state`, two blocks at a time: the schedule of both on AVX2 interleaved
/// with the rounds of the first, then the rounds of the second. A last odd
/// block is scheduled beside itself and the copy's schedule dropped.
///
/// # Safety
///
/// The CPU must support AVX2 and BMI2. Memory is read only through the
/// loads in [`schedule_two_and_compress_first`], which stay inside `blocks`.
#[target_feature(enable = "avx2,bmi2")]
unsafe fn compress512_blocks(state: &mut [u64; 8], blocks: &[u8]) {
    let mut wk = [[0u64; 80]; 2];
    let mut pairs = blocks.chunks_exact(2 * BLOCK_LEN);
    for pair in &mut pairs {
        let (first, second) = pair.split_at(BLOCK_LEN);
        // SAFETY: this function's features are AVX2 and BMI2; both halves
        // are 128 bytes.
        unsafe { schedule_two_and_compress_first(state, first, second, &mut wk) };
        let [_, wk_second] = &wk;
        rounds(state, wk_second);
    }
    if let Some(last) = pairs.remainder().chunks_exact(BLOCK_LEN).next() {
        // SAFETY: as above; `last` is 128 bytes.
        unsafe { schedule_two_and_compress_first(state, last, last, &mut wk) };
    }
}

#[cfg(test)]
mod tests {
    //! Detection only: the compression itself is checked through the
    //! hashers' backend choice, against the portable code and every vector
    //! (`src/crypto/sha2/tests.rs`).
    // The crate root links `std` only with the `std` feature; the check
    // below needs it.
    extern crate std;

    use super::Avx2;

    #[test]
    fn detect_follows_the_cpu_and_the_portable_flag() {
        let expected = if cfg!(barejwt_portable) {
            false
        } else {
            std::is_x86_feature_detected!("avx2") && std::is_x86_feature_detected!("bmi2")
        };
        if cfg!(feature = "std") {
            assert_eq!(Avx2::detect().is_some(), expected);
        } else {
            // Without std, detection is the build's promise: never more
            // than the CPU has (the binary would not run otherwise).
            assert!(Avx2::detect().is_none() || expected);
        }
    }
}
