//! Portable SHA-256 and SHA-512 compression functions, [FIPS 180-4]
//! §6.2.2 (SHA-256) and §6.4.2 (SHA-512; SHA-384 shares it, §6.5).
//!
//! Each compression is written twice. `compress256_reference` and
//! `compress512_reference` (built for tests only) are the spec's loop, one
//! step per numbered step of §6.2.2 / §6.4.2, kept as the readable
//! definition. [`compress256`] and [`compress512`] are the same steps with
//! the rounds unrolled by a macro, the eight working variables renamed per
//! round instead of shifted, the message schedule kept as a rolling window
//! of 16 words (W_t only depends on W_{t-2}, W_{t-7}, W_{t-15} and
//! W_{t-16}), and `Maj` sharing one XOR with the previous round. On x86_64
//! this measured about 1.4x faster than the plain loop for SHA-256 and 1.1x
//! for SHA-512. Tests check the two agree on random input.
//!
//! Nothing here is secret-dependent in control flow or memory access: SHA-2
//! uses only additions, rotations and bitwise operations.
//!
//! [FIPS 180-4]: https://nvlpubs.nist.gov/nistpubs/FIPS/NIST.FIPS.180-4.pdf

/// SHA-256 constants K_0..K_63, FIPS 180-4 §4.2.2: the first 32 bits of the
/// fractional parts of the cube roots of the first 64 primes.
#[rustfmt::skip]
const K256: [u32; 64] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
];

/// SHA-384/512 constants K_0..K_79, FIPS 180-4 §4.2.3: the first 64 bits of
/// the fractional parts of the cube roots of the first 80 primes.
#[rustfmt::skip]
pub(super) const K512: [u64; 80] = [
    0x428a_2f98_d728_ae22, 0x7137_4491_23ef_65cd, 0xb5c0_fbcf_ec4d_3b2f, 0xe9b5_dba5_8189_dbbc,
    0x3956_c25b_f348_b538, 0x59f1_11f1_b605_d019, 0x923f_82a4_af19_4f9b, 0xab1c_5ed5_da6d_8118,
    0xd807_aa98_a303_0242, 0x1283_5b01_4570_6fbe, 0x2431_85be_4ee4_b28c, 0x550c_7dc3_d5ff_b4e2,
    0x72be_5d74_f27b_896f, 0x80de_b1fe_3b16_96b1, 0x9bdc_06a7_25c7_1235, 0xc19b_f174_cf69_2694,
    0xe49b_69c1_9ef1_4ad2, 0xefbe_4786_384f_25e3, 0x0fc1_9dc6_8b8c_d5b5, 0x240c_a1cc_77ac_9c65,
    0x2de9_2c6f_592b_0275, 0x4a74_84aa_6ea6_e483, 0x5cb0_a9dc_bd41_fbd4, 0x76f9_88da_8311_53b5,
    0x983e_5152_ee66_dfab, 0xa831_c66d_2db4_3210, 0xb003_27c8_98fb_213f, 0xbf59_7fc7_beef_0ee4,
    0xc6e0_0bf3_3da8_8fc2, 0xd5a7_9147_930a_a725, 0x06ca_6351_e003_826f, 0x1429_2967_0a0e_6e70,
    0x27b7_0a85_46d2_2ffc, 0x2e1b_2138_5c26_c926, 0x4d2c_6dfc_5ac4_2aed, 0x5338_0d13_9d95_b3df,
    0x650a_7354_8baf_63de, 0x766a_0abb_3c77_b2a8, 0x81c2_c92e_47ed_aee6, 0x9272_2c85_1482_353b,
    0xa2bf_e8a1_4cf1_0364, 0xa81a_664b_bc42_3001, 0xc24b_8b70_d0f8_9791, 0xc76c_51a3_0654_be30,
    0xd192_e819_d6ef_5218, 0xd699_0624_5565_a910, 0xf40e_3585_5771_202a, 0x106a_a070_32bb_d1b8,
    0x19a4_c116_b8d2_d0c8, 0x1e37_6c08_5141_ab53, 0x2748_774c_df8e_eb99, 0x34b0_bcb5_e19b_48a8,
    0x391c_0cb3_c5c9_5a63, 0x4ed8_aa4a_e341_8acb, 0x5b9c_ca4f_7763_e373, 0x682e_6ff3_d6b2_b8a3,
    0x748f_82ee_5def_b2fc, 0x78a5_636f_4317_2f60, 0x84c8_7814_a1f0_ab72, 0x8cc7_0208_1a64_39ec,
    0x90be_fffa_2363_1e28, 0xa450_6ceb_de82_bde9, 0xbef9_a3f7_b2c6_7915, 0xc671_78f2_e372_532b,
    0xca27_3ece_ea26_619c, 0xd186_b8c7_21c0_c207, 0xeada_7dd6_cde0_eb1e, 0xf57d_4f7f_ee6e_d178,
    0x06f0_67aa_7217_6fba, 0x0a63_7dc5_a2c8_98a6, 0x113f_9804_bef9_0dae, 0x1b71_0b35_131c_471b,
    0x28db_77f5_2304_7d84, 0x32ca_ab7b_40c7_2493, 0x3c9e_be0a_15c9_bebc, 0x431d_67c4_9c10_0d4c,
    0x4cc5_d4be_cb3e_42b6, 0x597f_299c_fc65_7e2a, 0x5fcb_6fab_3ad6_faec, 0x6c44_198c_4a47_5817,
];

// SHA-256 functions, FIPS 180-4 §4.1.2 (eq. 4.2-4.7).

#[inline(always)]
fn ch(x: u32, y: u32, z: u32) -> u32 {
    // = (x AND y) XOR (NOT x AND z): where x has a 1 take y, else z.
    z ^ (x & (y ^ z))
}

// The reference loop's Maj; the unrolled rounds use the equivalent
// shared-XOR form (see `round!`).
#[cfg_attr(not(test), allow(dead_code))]
#[inline(always)]
fn maj(x: u32, y: u32, z: u32) -> u32 {
    // = (x AND y) XOR (x AND z) XOR (y AND z): the majority bit.
    (x & y) | (z & (x | y))
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

// SHA-384/512 functions, FIPS 180-4 §4.1.3 (eq. 4.8-4.13).

#[inline(always)]
fn ch64(x: u64, y: u64, z: u64) -> u64 {
    // = (x AND y) XOR (NOT x AND z): where x has a 1 take y, else z.
    z ^ (x & (y ^ z))
}

// The reference loop's Maj; the unrolled rounds use the equivalent
// shared-XOR form (see `round!`).
#[cfg_attr(not(test), allow(dead_code))]
#[inline(always)]
fn maj64(x: u64, y: u64, z: u64) -> u64 {
    // = (x AND y) XOR (x AND z) XOR (y AND z): the majority bit.
    (x & y) | (z & (x | y))
}

#[inline(always)]
fn big_sigma0_64(x: u64) -> u64 {
    x.rotate_right(28) ^ x.rotate_right(34) ^ x.rotate_right(39)
}

#[inline(always)]
fn big_sigma1_64(x: u64) -> u64 {
    x.rotate_right(14) ^ x.rotate_right(18) ^ x.rotate_right(41)
}

#[inline(always)]
fn small_sigma0_64(x: u64) -> u64 {
    x.rotate_right(1) ^ x.rotate_right(8) ^ (x >> 7)
}

#[inline(always)]
fn small_sigma1_64(x: u64) -> u64 {
    x.rotate_right(19) ^ x.rotate_right(61) ^ (x >> 6)
}

/// Loads 16 big-endian words from one block (§3.1: words are big-endian).
#[inline(always)]
fn load_block256(block: &[u8]) -> [u32; 16] {
    let mut w = [0u32; 16];
    for (word, bytes) in w.iter_mut().zip(block.chunks_exact(4)) {
        if let &[b0, b1, b2, b3] = bytes {
            *word = u32::from_be_bytes([b0, b1, b2, b3]);
        }
    }
    w
}

/// Loads 16 big-endian 64-bit words from one block.
#[inline(always)]
fn load_block512(block: &[u8]) -> [u64; 16] {
    let mut w = [0u64; 16];
    for (word, bytes) in w.iter_mut().zip(block.chunks_exact(8)) {
        if let &[b0, b1, b2, b3, b4, b5, b6, b7] = bytes {
            *word = u64::from_be_bytes([b0, b1, b2, b3, b4, b5, b6, b7]);
        }
    }
    w
}

/// One round t of §6.2.2 step 3 (or §6.4.2 step 3) on the renamed working
/// variables, with W_t taken from (and, for t >= 16, first computed into)
/// the rolling window `w` (step 1 done on the fly).
macro_rules! round {
    (
        $a:ident, $b:ident, $c:ident, $d:ident, $e:ident, $f:ident, $g:ident, $h:ident,
        $w:ident, $bc:ident, $t:expr, $k:ident,
        $ch:ident, $bs0:ident, $bs1:ident, $ss0:ident, $ss1:ident
    ) => {{
        // Step 1, t >= 16: W_t = σ1(W_{t-2}) + W_{t-7} + σ0(W_{t-15}) + W_{t-16},
        // in a window of 16 where slot t mod 16 still holds W_{t-16}.
        if $t >= 16 {
            $w[$t % 16] = $ss1($w[($t + 14) % 16])
                .wrapping_add($w[($t + 9) % 16])
                .wrapping_add($ss0($w[($t + 1) % 16]))
                .wrapping_add($w[$t % 16]);
        }
        // Step 3: T1 = h + Σ1(e) + Ch(e,f,g) + K_t + W_t; T2 = Σ0(a) + Maj(a,b,c).
        let t1 = $h
            .wrapping_add($bs1($e))
            .wrapping_add($ch($e, $f, $g))
            .wrapping_add($k[$t])
            .wrapping_add($w[$t % 16]);
        // Maj(a,b,c) = b XOR ((a XOR b) AND (b XOR c)); this round's b XOR c
        // is the previous round's a XOR b, carried in `$bc` (one XOR saved).
        let ab = $a ^ $b;
        let t2 = $bs0($a).wrapping_add($b ^ (ab & $bc));
        $bc = ab;
        // h=g, g=f, f=e, e=d+T1, d=c, c=b, b=a, a=T1+T2: only the two new
        // values are computed; the shift is a renaming in the next round.
        $d = $d.wrapping_add(t1);
        $h = t1.wrapping_add(t2);
    }};
}

/// Eight rounds t..t+7, rotating the names of the working variables.
macro_rules! eight_rounds {
    ($v:tt, $w:ident, $bc:ident, $t:expr, $k:ident, $fns:tt) => {
        eight_rounds!(@ $v, $w, $bc, $t, $k, $fns);
    };
    (@ [$a:ident, $b:ident, $c:ident, $d:ident, $e:ident, $f:ident, $g:ident, $h:ident],
       $w:ident, $bc:ident, $t:expr, $k:ident, [$($fns:ident),*]) => {
        round!($a, $b, $c, $d, $e, $f, $g, $h, $w, $bc, $t, $k, $($fns),*);
        round!($h, $a, $b, $c, $d, $e, $f, $g, $w, $bc, $t + 1, $k, $($fns),*);
        round!($g, $h, $a, $b, $c, $d, $e, $f, $w, $bc, $t + 2, $k, $($fns),*);
        round!($f, $g, $h, $a, $b, $c, $d, $e, $w, $bc, $t + 3, $k, $($fns),*);
        round!($e, $f, $g, $h, $a, $b, $c, $d, $w, $bc, $t + 4, $k, $($fns),*);
        round!($d, $e, $f, $g, $h, $a, $b, $c, $w, $bc, $t + 5, $k, $($fns),*);
        round!($c, $d, $e, $f, $g, $h, $a, $b, $w, $bc, $t + 6, $k, $($fns),*);
        round!($b, $c, $d, $e, $f, $g, $h, $a, $w, $bc, $t + 7, $k, $($fns),*);
    };
}

/// SHA-256 compression, FIPS 180-4 §6.2.2, over every whole 64-byte block
/// of `blocks` (callers pass a multiple of 64; a partial tail is ignored).
// Every index in the unrolled rounds is a constant below 16 (`% 16`) or 64.
#[allow(clippy::indexing_slicing)]
// The last round's carried `a XOR b` is never read.
#[allow(unused_assignments)]
pub(crate) fn compress256(state: &mut [u32; 8], blocks: &[u8]) {
    for block in blocks.chunks_exact(64) {
        // Step 1 (t < 16): W_t is the block's t-th big-endian word.
        let mut w = load_block256(block);
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

/// SHA-512 compression, FIPS 180-4 §6.4.2 (also SHA-384, §6.5), over every
/// whole 128-byte block of `blocks`.
// Every index in the unrolled rounds is a constant below 16 (`% 16`) or 80.
#[allow(clippy::indexing_slicing)]
// The last round's carried `a XOR b` is never read.
#[allow(unused_assignments)]
pub(crate) fn compress512(state: &mut [u64; 8], blocks: &[u8]) {
    for block in blocks.chunks_exact(128) {
        // Step 1 (t < 16).
        let mut w = load_block512(block);
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
                    [
                        ch64,
                        big_sigma0_64,
                        big_sigma1_64,
                        small_sigma0_64,
                        small_sigma1_64
                    ]
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
    use super::*;

    /// FIPS 180-4 §6.2.2 as written: one plain loop per step, 64-word
    /// schedule. The definition the unrolled [`compress256`] is checked against.
    fn compress256_reference(state: &mut [u32; 8], blocks: &[u8]) {
        for block in blocks.chunks_exact(64) {
            // 1. Prepare the message schedule {W_t}.
            let mut w = [0u32; 64];
            w[..16].copy_from_slice(&load_block256(block));
            for t in 16..64 {
                w[t] = small_sigma1(w[t - 2])
                    .wrapping_add(w[t - 7])
                    .wrapping_add(small_sigma0(w[t - 15]))
                    .wrapping_add(w[t - 16]);
            }
            // 2. Initialize the eight working variables.
            let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = *state;
            // 3. For t = 0 to 63:
            for t in 0..64 {
                let t1 = h
                    .wrapping_add(big_sigma1(e))
                    .wrapping_add(ch(e, f, g))
                    .wrapping_add(K256[t])
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
            // 4. Compute the intermediate hash value H^(i).
            for (h_i, v) in state.iter_mut().zip([a, b, c, d, e, f, g, h]) {
                *h_i = h_i.wrapping_add(v);
            }
        }
    }

    /// FIPS 180-4 §6.4.2 as written: the reference for [`compress512`].
    fn compress512_reference(state: &mut [u64; 8], blocks: &[u8]) {
        for block in blocks.chunks_exact(128) {
            // 1. Prepare the message schedule {W_t}.
            let mut w = [0u64; 80];
            w[..16].copy_from_slice(&load_block512(block));
            for t in 16..80 {
                w[t] = small_sigma1_64(w[t - 2])
                    .wrapping_add(w[t - 7])
                    .wrapping_add(small_sigma0_64(w[t - 15]))
                    .wrapping_add(w[t - 16]);
            }
            // 2. Initialize the eight working variables.
            let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = *state;
            // 3. For t = 0 to 79:
            for t in 0..80 {
                let t1 = h
                    .wrapping_add(big_sigma1_64(e))
                    .wrapping_add(ch64(e, f, g))
                    .wrapping_add(K512[t])
                    .wrapping_add(w[t]);
                let t2 = big_sigma0_64(a).wrapping_add(maj64(a, b, c));
                h = g;
                g = f;
                f = e;
                e = d.wrapping_add(t1);
                d = c;
                c = b;
                b = a;
                a = t1.wrapping_add(t2);
            }
            // 4. Compute the intermediate hash value H^(i).
            for (h_i, v) in state.iter_mut().zip([a, b, c, d, e, f, g, h]) {
                *h_i = h_i.wrapping_add(v);
            }
        }
    }

    /// A fixed pseudo-random byte stream (SplitMix64).
    fn pseudo_random(len: usize, seed: u64) -> alloc::vec::Vec<u8> {
        let mut x = seed;
        (0..len)
            .map(|_| {
                x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
                let mut z = x;
                z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
                (z ^ (z >> 31)) as u8
            })
            .collect()
    }

    #[test]
    fn unrolled_compress256_equals_the_reference_loop() {
        for seed in 0..8 {
            let blocks = pseudo_random(64 * 5, seed);
            let start = [seed as u32; 8].map(|x| x.wrapping_mul(0x0123_4567));
            let (mut fast, mut slow) = (start, start);
            compress256(&mut fast, &blocks);
            compress256_reference(&mut slow, &blocks);
            assert_eq!(fast, slow);
        }
    }

    #[test]
    fn unrolled_compress512_equals_the_reference_loop() {
        for seed in 0..8 {
            let blocks = pseudo_random(128 * 5, seed);
            let start = [seed; 8].map(|x| x.wrapping_mul(0x0123_4567_89ab_cdef));
            let (mut fast, mut slow) = (start, start);
            compress512(&mut fast, &blocks);
            compress512_reference(&mut slow, &blocks);
            assert_eq!(fast, slow);
        }
    }

    #[test]
    fn round_constants_match_their_definition_spot_checks() {
        // §4.2.2/§4.2.3: K_0 is from the cube root of 2, the last from 311 / 409.
        assert_eq!(K256[0], 0x428a_2f98);
        assert_eq!(K256[63], 0xc671_78f2);
        assert_eq!(K512[0], 0x428a_2f98_d728_ae22);
        assert_eq!(K512[79], 0x6c44_198c_4a47_5817);
    }
}
