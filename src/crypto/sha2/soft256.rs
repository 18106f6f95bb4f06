//! Portable SHA-256 compression, [FIPS 180-4] §6.2.2: plain Rust, on every
//! target, and the backend every other one is tested against.
//!
//! The rounds are unrolled by the macros of `soft_rounds.rs`; the tests
//! below check them against the plain loop of `reference.rs`.
//!
//! Nothing here is secret-dependent in control flow or memory access: SHA-2
//! uses only additions, rotations and bitwise operations.
//!
//! [FIPS 180-4]: https://nvlpubs.nist.gov/nistpubs/FIPS/NIST.FIPS.180-4.pdf

use super::constants::K256;
use super::soft_rounds::{eight_rounds, round};

// SHA-256 functions, FIPS 180-4 §4.1.2 (eq. 4.2, 4.4-4.7); Maj (4.3) is
// rewritten inside `round!`.

#[inline(always)]
fn ch(x: u32, y: u32, z: u32) -> u32 {
    // = (x AND y) XOR (NOT x AND z): where x has a 1 take y, else z.
    z ^ (x & (y ^ z))
}

#[inline(always)]
fn big_sigma0(x: u32) -> u32 {
    x.rotate_right(2) ^ x.rotate_right(13) ^ x.rotate_right(22)
}

#[inline(always)]
fn big_sigma1(x: u32) -> u32 {
    x.rotate_right(6) ^ x.rotate_right(11) ^ x.rotate_right(25)
}

#[inline(always)]
fn small_sigma0(x: u32) -> u32 {
    x.rotate_right(7) ^ x.rotate_right(18) ^ (x >> 3)
}

#[inline(always)]
fn small_sigma1(x: u32) -> u32 {
    x.rotate_right(17) ^ x.rotate_right(19) ^ (x >> 10)
}

/// Loads 16 big-endian words from one block (§3.1: words are big-endian).
#[inline(always)]
fn load_block(block: &[u8]) -> [u32; 16] {
    let mut w = [0u32; 16];
    for (word, bytes) in w.iter_mut().zip(block.chunks_exact(4)) {
        if let &[b0, b1, b2, b3] = bytes {
            *word = u32::from_be_bytes([b0, b1, b2, b3]);
        }
    }
    w
}

/// SHA-256 compression, FIPS 180-4 §6.2.2, over every whole 64-byte block
/// of `blocks` (callers pass a multiple of 64; a partial tail is ignored).
// Every index in the unrolled rounds is a constant below 16 (`% 16`) or 64.
#[allow(clippy::indexing_slicing)]
// The last round's carried `a XOR b` is never read.
#[allow(unused_assignments)]
pub(super) fn compress256(state: &mut [u32; 8], blocks: &[u8]) {
    for block in blocks.chunks_exact(64) {
        // Step 1 (t < 16): W_t is the block's t-th big-endian word.
        let mut w = load_block(block);
        // Step 2: the working variables start as the previous hash value.
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = *state;
        let mut bc = b ^ c;
        // Step 3: 64 rounds, eight at a time.
        macro_rules! rounds {
            ($t:expr) => {
                eight_rounds!(
                    [a, b, c, d, e, f, g, h],
                    w,
                    bc,
                    $t,
                    K256,
                    [ch, big_sigma0, big_sigma1, small_sigma0, small_sigma1]
                )
            };
        }
        rounds!(0);
        rounds!(8);
        rounds!(16);
        rounds!(24);
        rounds!(32);
        rounds!(40);
        rounds!(48);
        rounds!(56);
        // Step 4: H_i = working variable + H_{i-1}.
        for (h_i, v) in state.iter_mut().zip([a, b, c, d, e, f, g, h]) {
            *h_i = h_i.wrapping_add(v);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::reference;
    use super::*;
    use crate::crypto::rand::TestRng;

    #[test]
    fn unrolled_compress256_equals_the_reference_loop() {
        let mut rng = TestRng(0x5eed_0256);
        for case in 0..64 {
            let blocks = 1 + (rng.next_u64() % 8) as usize;
            let input = reference::random_bytes(&mut rng, 64 * blocks);
            let start = [0u32; 8].map(|_| rng.next_u64() as u32);
            let (mut fast, mut slow) = (start, start);
            compress256(&mut fast, &input);
            reference::compress256(&mut slow, &input);
            assert_eq!(fast, slow, "case {case}, {blocks} blocks");
        }
    }
}
