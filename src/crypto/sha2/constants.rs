//! The SHA-2 constants of [FIPS 180-4], each written once: the initial hash
//! values H^(0) (§5.3) and the round constants K (§4.2), for every backend.
//!
//! All of them are bits of the fractional parts of square or cube roots of
//! the first primes; the tests below recompute every one from that
//! definition, so a mistyped digit cannot hide here.
//!
//! [FIPS 180-4]: https://nvlpubs.nist.gov/nistpubs/FIPS/NIST.FIPS.180-4.pdf

/// SHA-256 initial hash value H^(0), FIPS 180-4 §5.3.3: the first 32 bits
/// of the fractional parts of the square roots of the first 8 primes.
#[rustfmt::skip]
pub(crate) const H256: [u32; 8] = [
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
];

/// SHA-384 initial hash value H^(0), FIPS 180-4 §5.3.4: the first 64 bits
/// of the fractional parts of the square roots of the 9th through 16th
/// primes.
#[rustfmt::skip]
pub(crate) const H384: [u64; 8] = [
    0xcbbb_9d5d_c105_9ed8, 0x629a_292a_367c_d507, 0x9159_015a_3070_dd17, 0x152f_ecd8_f70e_5939,
    0x6733_2667_ffc0_0b31, 0x8eb4_4a87_6858_1511, 0xdb0c_2e0d_64f9_8fa7, 0x47b5_481d_befa_4fa4,
];

/// SHA-512 initial hash value H^(0), FIPS 180-4 §5.3.5: the first 64 bits
/// of the fractional parts of the square roots of the first 8 primes.
#[rustfmt::skip]
pub(crate) const H512: [u64; 8] = [
    0x6a09_e667_f3bc_c908, 0xbb67_ae85_84ca_a73b, 0x3c6e_f372_fe94_f82b, 0xa54f_f53a_5f1d_36f1,
    0x510e_527f_ade6_82d1, 0x9b05_688c_2b3e_6c1f, 0x1f83_d9ab_fb41_bd6b, 0x5be0_cd19_137e_2179,
];

/// SHA-256 constants K_0..K_63, FIPS 180-4 §4.2.2: the first 32 bits of the
/// fractional parts of the cube roots of the first 64 primes.
#[rustfmt::skip]
pub(crate) const K256: [u32; 64] = [
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
pub(crate) const K512: [u64; 80] = [
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

/// [`K256`] four to an entry, K_4i..K_4i+3 in entry i: the layout of the
/// SHA extensions, where one entry feeds the four rounds of one pair of
/// `SHA256RNDS2` (`src/cpu/x86_sha256.rs`). Derived at compile time, so the
/// table is not written out a second time.
// Used only by the x86_64 backend (and by the tests on every target).
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
pub(crate) const K256_BY_FOUR: [[u32; 4]; 16] = by_four(&K256);

/// Groups 64 words into 16 entries of four, in order.
// `i < 16`, so every index `4 * i + j` with `j < 4` is below 64.
#[allow(clippy::indexing_slicing)]
const fn by_four(k: &[u32; 64]) -> [[u32; 4]; 16] {
    let mut out = [[0u32; 4]; 16];
    let mut i = 0;
    while i < 16 {
        out[i] = [k[4 * i], k[4 * i + 1], k[4 * i + 2], k[4 * i + 3]];
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    //! Every constant against its definition: ⌊frac(ⁿ√p) · 2^w⌋ is
    //! ⌊ⁿ√(p · 2^(n·w))⌋ mod 2^w, found by exact integer bisection on a
    //! four-limb (256-bit) schoolbook integer, sharing nothing with the
    //! tables it checks.
    use super::*;
    use alloc::vec::Vec;

    /// A 256-bit unsigned integer, least significant 64-bit limb first.
    type U256 = [u64; 4];

    /// `a · b` modulo 2^256 (the callers stay below 2^230).
    fn mul(a: U256, b: U256) -> U256 {
        let mut out = [0u64; 4];
        for i in 0..4 {
            let mut carry = 0u128;
            for j in 0..4 - i {
                // < 2^64 · 2^64 + 2 · 2^64: fits in 128 bits.
                let t = u128::from(a[i]) * u128::from(b[j]) + u128::from(out[i + j]) + carry;
                out[i + j] = t as u64;
                carry = t >> 64;
            }
        }
        out
    }

    fn from_u128(x: u128) -> U256 {
        [x as u64, (x >> 64) as u64, 0, 0]
    }

    /// `a <= b`, comparing from the most significant limb.
    fn le(a: U256, b: U256) -> bool {
        a.iter().rev().cmp(b.iter().rev()) != core::cmp::Ordering::Greater
    }

    /// The first `w` bits of the fractional part of the `n`-th root of `p`
    /// (n = 2 or 3, w = 32 or 64, p < 512).
    fn fractional_root_bits(p: u64, n: u32, w: u32) -> u64 {
        let mut target = [0u64; 4]; // p · 2^(n·w), at most 2^9 · 2^192
        let shift = n * w;
        target[(shift / 64) as usize] = p << (shift % 64);
        // The root is below 8 · 2^w (∛511 < √63 < 8), so below 2^(w + 3).
        let (mut low, mut high) = (0u128, 1u128 << (w + 3));
        while high - low > 1 {
            let mid = (low + high) / 2;
            let m = from_u128(mid);
            let power = if n == 2 { mul(m, m) } else { mul(mul(m, m), m) };
            if le(power, target) {
                low = mid;
            } else {
                high = mid;
            }
        }
        // Modulo 2^w: drops the integer part of the root.
        (low & ((1u128 << w) - 1)) as u64
    }

    fn primes(count: usize) -> Vec<u64> {
        (2u64..)
            .filter(|&n| (2..n).take_while(|d| d * d <= n).all(|d| n % d != 0))
            .take(count)
            .collect()
    }

    #[test]
    fn initial_hash_values_are_the_square_roots_of_their_primes() {
        let p = primes(16);
        for i in 0..8 {
            assert_eq!(
                u64::from(H256[i]),
                fractional_root_bits(p[i], 2, 32),
                "H256[{i}]"
            );
            assert_eq!(H512[i], fractional_root_bits(p[i], 2, 64), "H512[{i}]");
            assert_eq!(H384[i], fractional_root_bits(p[8 + i], 2, 64), "H384[{i}]");
        }
    }

    #[test]
    fn round_constants_are_the_cube_roots_of_their_primes() {
        let p = primes(80);
        for t in 0..64 {
            assert_eq!(
                u64::from(K256[t]),
                fractional_root_bits(p[t], 3, 32),
                "K256[{t}]"
            );
        }
        for t in 0..80 {
            assert_eq!(K512[t], fractional_root_bits(p[t], 3, 64), "K512[{t}]");
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

    #[test]
    fn the_sha_ni_layout_holds_k256_in_order_four_to_an_entry() {
        let flat: Vec<u32> = K256_BY_FOUR.iter().flatten().copied().collect();
        assert_eq!(flat, K256);
    }
}
