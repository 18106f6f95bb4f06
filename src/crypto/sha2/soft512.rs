//! Portable SHA-512 compression, [FIPS 180-4] §6.4.2 (SHA-384 shares it,
//! §6.5): plain Rust, on every target, and the backend every other one is
//! tested against.
//!
//! The rounds are unrolled by the macros of `soft_rounds.rs`; the tests
//! below check them against the plain loop of `reference.rs`.
//!
//! Nothing here is secret-dependent in control flow or memory access: SHA-2
//! uses only additions, rotations and bitwise operations.
//!
//! [FIPS 180-4]: https://nvlpubs.nist.gov/nistpubs/FIPS/NIST.FIPS.180-4.pdf

use super::constants::K512;
use super::soft_rounds::{eight_rounds, round};

// SHA-384/512 functions, FIPS 180-4 §4.1.3 (eq. 4.8, 4.10-4.13); Maj (4.9)
// is rewritten inside `round!`.

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

#[inline(always)]
fn small_sigma0(x: u64) -> u64 {
    x.rotate_right(1) ^ x.rotate_right(8) ^ (x >> 7)
}

#[inline(always)]
fn small_sigma1(x: u64) -> u64 {
    x.rotate_right(19) ^ x.rotate_right(61) ^ (x >> 6)
}

/// Loads 16 big-endian 64-bit words from one block (§3.1).
#[inline(always)]
fn load_block(block: &[u8]) -> [u64; 16] {
    let mut w = [0u64; 16];
    for (word, bytes) in w.iter_mut().zip(block.chunks_exact(8)) {
        if let &[b0, b1, b2, b3, b4, b5, b6, b7] = bytes {
            *word = u64::from_be_bytes([b0, b1, b2, b3, b4, b5, b6, b7]);
        }
    }
    w
}

/// SHA-512 compression, FIPS 180-4 §6.4.2 (also SHA-384, §6.5), over every
/// whole 128-byte block of `blocks` (a partial tail is ignored).
// Every index in the unrolled rounds is a constant below 16 (`% 16`) or 80.
#[allow(clippy::indexing_slicing)]
// The last round's carried `a XOR b` is never read.
#[allow(unused_assignments)]
pub(super) fn compress512(state: &mut [u64; 8], blocks: &[u8]) {
    for block in blocks.chunks_exact(128) {
        // Step 1 (t < 16).
        let mut w = load_block(block);
        // Step 2.
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = *state;
        let mut bc = b ^ c;
        // Step 3: 80 rounds, eight at a time.
        macro_rules! rounds {
            ($t:expr) => {
                eight_rounds!(
                    [a, b, c, d, e, f, g, h],
                    w,
                    bc,
                    $t,
                    K512,
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
        rounds!(64);
        rounds!(72);
        // Step 4.
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
    fn unrolled_compress512_equals_the_reference_loop() {
        let mut rng = TestRng(0x5eed_0512);
        for case in 0..64 {
            let blocks = 1 + (rng.next_u64() % 8) as usize;
            let input = reference::random_bytes(&mut rng, 128 * blocks);
            let start = [0u64; 8].map(|_| rng.next_u64());
            let (mut fast, mut slow) = (start, start);
            compress512(&mut fast, &input);
            reference::compress512(&mut slow, &input);
            assert_eq!(fast, slow, "case {case}, {blocks} blocks");
        }
    }
}
