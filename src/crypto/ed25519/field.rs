//! The field GF(p), p = 2^255 − 19, of edwards25519 (RFC 8032 §5.1,
//! RFC 7748 §4.1), in radix 2^51.
//!
//! An element is five `u64` limbs, value = l0 + l1·2^51 + l2·2^102 +
//! l3·2^153 + l4·2^204, not necessarily reduced: only [`Fe::to_bytes`]
//! gives the one canonical form (below p). The limb bounds used on every
//! arithmetic line below:
//!
//! | name | every limb | made by |
//! | --- | --- | --- |
//! | *tight* | < 2^51 + 2^18 | [`Fe::mul`], [`Fe::square`], [`Fe::sub`], [`Fe::neg`], decoding, the constants |
//! | *loose* | < 2^53 | [`Fe::add`] of two tight (or a tight and a loose) |
//!
//! `mul` and `square` accept limbs below 2^54, so any sum of two loose
//! operands may be multiplied without a carry; `sub` accepts a subtrahend
//! below 2^54. Products are `u64 × u64 → u128`, a constant-time instruction
//! on the 64-bit targets this code is written for.
//!
//! Everything here is constant time (no branch or index on values) except
//! what is named `_vartime`.

use crate::crypto::ct::{self, Choice};

/// 2^51 − 1: one limb's worth of bits.
const MASK51: u64 = (1 << 51) - 1;

/// An element of GF(2^255 − 19) in five 51-bit limbs (see the module
/// header for the bounds).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fe(pub(crate) [u64; 5]);

impl Fe {
    /// 0.
    pub(crate) const ZERO: Fe = Fe([0, 0, 0, 0, 0]);
    /// 1.
    pub(crate) const ONE: Fe = Fe([1, 0, 0, 0, 0]);

    /// The curve constant d = −121665/121666 (RFC 8032 §5.1).
    pub(crate) const D: Fe = Fe([
        0x34dca135978a3,
        0x1a8283b156ebd,
        0x5e7a26001c029,
        0x739c663a03cbb,
        0x52036cee2b6ff,
    ]);

    /// 2·d, as the addition formulas use it.
    pub(crate) const D2: Fe = Fe([
        0x69b9426b2f159,
        0x35050762add7a,
        0x3cf44c0038052,
        0x6738cc7407977,
        0x2406d9dc56dff,
    ]);

    /// A square root of −1: 2^((p−1)/4) (RFC 8032 §5.1.3, step 3).
    pub(crate) const SQRT_M1: Fe = Fe([
        0x61b274a0ea0b0,
        0x0d5a5fc8f189d,
        0x7ef5e9cbd0c60,
        0x78595a6804c9e,
        0x2b8324804fc1d,
    ]);

    /// The element encoded by `bytes` (little-endian, RFC 8032 §5.1.2),
    /// bit 255 ignored, and whether the encoding was canonical (the 255-bit
    /// value below p). A non-canonical value (p to 2^255 − 1) is still
    /// returned, reduced by the arithmetic that follows; the caller decides.
    pub(crate) fn decode(bytes: &[u8; 32]) -> (Fe, bool) {
        let w = load_words(bytes);
        let fe = Fe([
            w[0] & MASK51,                          // bits   0..51
            ((w[0] >> 51) | (w[1] << 13)) & MASK51, // bits  51..102
            ((w[1] >> 38) | (w[2] << 26)) & MASK51, // bits 102..153
            ((w[2] >> 25) | (w[3] << 39)) & MASK51, // bits 153..204
            (w[3] >> 12) & MASK51,                  // bits 204..255 (bit 255 dropped)
        ]); // every limb < 2^51: tight
        let mut unsigned = *bytes;
        unsigned[31] &= 0x7f;
        // The value is canonical exactly when re-encoding gives the same
        // 255 bits back (a value ≥ p comes back reduced).
        let canonical = ct::eq(&fe.to_bytes(), &unsigned);
        (fe, canonical)
    }

    /// The canonical 32-octet little-endian encoding of the fully reduced
    /// value (RFC 8032 §5.1.2); bit 255 is 0.
    pub(crate) fn to_bytes(&self) -> [u8; 32] {
        let l = self.reduce().0; // every limb < 2^51, value < p
        let w = [
            l[0] | (l[1] << 51),         // bits   0..64
            (l[1] >> 13) | (l[2] << 38), // bits  64..128
            (l[2] >> 26) | (l[3] << 25), // bits 128..192
            (l[3] >> 39) | (l[4] << 12), // bits 192..255
        ];
        let mut out = [0u8; 32];
        for (chunk, word) in out.chunks_exact_mut(8).zip(w) {
            chunk.copy_from_slice(&word.to_le_bytes());
        }
        out
    }

    /// The same value with every limb below 2^51 and the value below p:
    /// the unique representative (as the precomputed tables store it).
    pub(crate) fn reduce(&self) -> Fe {
        let mut l = self.carry().0; // tight, so the value is < 2^255 + 2^223 < 2p
                                    // q = 1 exactly when the value is ≥ p, i.e. when value + 19 carries
                                    // out of bit 255 (Bernstein's trick: no comparison, only carries).
        let mut q = (l[0] + 19) >> 51; // q ∈ {0, 1}
        q = (l[1] + q) >> 51; // (< 2^51 + 2^18 + 1) >> 51: ∈ {0, 1}
        q = (l[2] + q) >> 51;
        q = (l[3] + q) >> 51;
        q = (l[4] + q) >> 51; // q = ⌊(value + 19) / 2^255⌋ ∈ {0, 1}
                              // value − q·p = value + 19q − q·2^255: add 19q, carry, drop bit 255.
        l[0] += 19 * q; // < 2^51 + 2^18 + 19
        l[1] += l[0] >> 51; // < 2^51 + 2^18 + 1
        l[0] &= MASK51; // < 2^51
        l[2] += l[1] >> 51;
        l[1] &= MASK51;
        l[3] += l[2] >> 51;
        l[2] &= MASK51;
        l[4] += l[3] >> 51;
        l[3] &= MASK51;
        l[4] &= MASK51; // the carry out of here is q·2^255, dropped
        Fe(l)
    }

    /// One carry pass: any limbs below 2^64 become tight.
    #[inline(always)]
    fn carry(&self) -> Fe {
        let l = self.0; // every limb < 2^64
        let c0 = l[0] >> 51; // < 2^13
        let c1 = l[1] >> 51;
        let c2 = l[2] >> 51;
        let c3 = l[3] >> 51;
        let c4 = l[4] >> 51; // < 2^13, worth c4·2^255 ≡ 19·c4
        Fe([
            (l[0] & MASK51) + 19 * c4, // < 2^51 + 2^17.3
            (l[1] & MASK51) + c0,      // < 2^51 + 2^13
            (l[2] & MASK51) + c1,
            (l[3] & MASK51) + c2,
            (l[4] & MASK51) + c3,
        ])
    }

    /// a + b, no carry: tight + tight is loose (< 2^52 + 2^19 < 2^53);
    /// any two operands below 2^53 sum below 2^54, what `mul` accepts.
    #[inline(always)]
    pub(crate) fn add(&self, b: &Fe) -> Fe {
        let (a, b) = (&self.0, &b.0);
        Fe([
            a[0] + b[0], // < 2^53 + 2^53 = 2^54 for loose operands
            a[1] + b[1],
            a[2] + b[2],
            a[3] + b[3],
            a[4] + b[4],
        ])
    }

    /// a − b (b below 2^54 per limb, a below 2^63), tight.
    #[inline(always)]
    pub(crate) fn sub(&self, b: &Fe) -> Fe {
        // a + 16p − b: every limb of 16p exceeds 2^54, so no limb goes
        // below zero; 16p ≡ 0.
        let (a, b) = (&self.0, &b.0);
        Fe([
            (a[0] + 0x007f_ffff_ffff_fed0) - b[0], // 16·(2^51 − 19) = 2^55 − 304
            (a[1] + 0x007f_ffff_ffff_fff0) - b[1], // 16·(2^51 − 1) = 2^55 − 16
            (a[2] + 0x007f_ffff_ffff_fff0) - b[2], // each sum < 2^63 + 2^55 < 2^64
            (a[3] + 0x007f_ffff_ffff_fff0) - b[3],
            (a[4] + 0x007f_ffff_ffff_fff0) - b[4],
        ])
        .carry() // tight
    }

    /// −a (a below 2^54 per limb), tight.
    #[inline(always)]
    pub(crate) fn neg(&self) -> Fe {
        Fe::ZERO.sub(self)
    }

    /// a · b, both below 2^54 per limb; the result is tight.
    #[inline(always)]
    pub(crate) fn mul(&self, b: &Fe) -> Fe {
        #[inline(always)]
        fn m(x: u64, y: u64) -> u128 {
            (x as u128) * (y as u128)
        }
        let (a, b) = (&self.0, &b.0);
        // 2^255 ≡ 19: a limb product landing at 2^(51·k), k ≥ 5, folds to
        // 2^(51·(k−5)) times 19.
        let b1_19 = b[1] * 19; // < 2^54 · 2^4.25 = 2^58.25
        let b2_19 = b[2] * 19;
        let b3_19 = b[3] * 19;
        let b4_19 = b[4] * 19;
        // c0 < 2^108 + 4 · 2^112.25 < 2^114.3; each ci below that.
        let c0 = m(a[0], b[0]) + m(a[1], b4_19) + m(a[2], b3_19) + m(a[3], b2_19) + m(a[4], b1_19);
        let c1 = m(a[0], b[1]) + m(a[1], b[0]) + m(a[2], b4_19) + m(a[3], b3_19) + m(a[4], b2_19);
        let c2 = m(a[0], b[2]) + m(a[1], b[1]) + m(a[2], b[0]) + m(a[3], b4_19) + m(a[4], b3_19);
        let c3 = m(a[0], b[3]) + m(a[1], b[2]) + m(a[2], b[1]) + m(a[3], b[0]) + m(a[4], b4_19);
        // c4 has no folded term: < 5 · 2^108 < 2^110.33.
        let c4 = m(a[0], b[4]) + m(a[1], b[3]) + m(a[2], b[2]) + m(a[3], b[1]) + m(a[4], b[0]);
        carry_wide([c0, c1, c2, c3, c4])
    }

    /// a², limbs below 2^54; the result is tight.
    #[inline(always)]
    pub(crate) fn square(&self) -> Fe {
        #[inline(always)]
        fn m(x: u64, y: u64) -> u128 {
            (x as u128) * (y as u128)
        }
        let a = &self.0;
        let a0_2 = a[0] * 2; // < 2^55
        let a1_2 = a[1] * 2;
        let a1_38 = a[1] * 38; // < 2^54 · 2^5.25 = 2^59.25
        let a2_38 = a[2] * 38;
        let a3_38 = a[3] * 38;
        let a3_19 = a[3] * 19; // < 2^58.25
        let a4_19 = a[4] * 19;
        // The same sums as `mul` with a = b, each cross product once, doubled.
        let c0 = m(a[0], a[0]) + m(a1_38, a[4]) + m(a2_38, a[3]); // < 2^108 + 2 · 2^113.25
        let c1 = m(a0_2, a[1]) + m(a2_38, a[4]) + m(a3_19, a[3]);
        let c2 = m(a0_2, a[2]) + m(a[1], a[1]) + m(a3_38, a[4]);
        let c3 = m(a0_2, a[3]) + m(a1_2, a[2]) + m(a4_19, a[4]);
        let c4 = m(a0_2, a[4]) + m(a1_2, a[3]) + m(a[2], a[2]); // < 5 · 2^108
        carry_wide([c0, c1, c2, c3, c4])
    }

    /// a^(2^k), k ≥ 1 (a public count).
    fn square_times(&self, k: u32) -> Fe {
        let mut x = self.square();
        for _ in 1..k {
            x = x.square();
        }
        x
    }

    /// The two exponentiations share their start: returns
    /// (a^(2^250 − 1), a^11).
    fn pow_2_250_minus_1(&self) -> (Fe, Fe) {
        // The addition chain of ref10 and RFC 7748's reference code; each
        // name is the exponent reached.
        let z = self;
        let z2 = z.square(); // 2
        let z8 = z2.square_times(2); // 8
        let z9 = z8.mul(z); // 9
        let z11 = z9.mul(&z2); // 11
        let z22 = z11.square(); // 22
        let z_5_0 = z22.mul(&z9); // 31 = 2^5 − 1
        let z_10_0 = z_5_0.square_times(5).mul(&z_5_0); // 2^10 − 1
        let z_20_0 = z_10_0.square_times(10).mul(&z_10_0); // 2^20 − 1
        let z_40_0 = z_20_0.square_times(20).mul(&z_20_0); // 2^40 − 1
        let z_50_0 = z_40_0.square_times(10).mul(&z_10_0); // 2^50 − 1
        let z_100_0 = z_50_0.square_times(50).mul(&z_50_0); // 2^100 − 1
        let z_200_0 = z_100_0.square_times(100).mul(&z_100_0); // 2^200 − 1
        let z_250_0 = z_200_0.square_times(50).mul(&z_50_0); // 2^250 − 1
        (z_250_0, z11)
    }

    /// 1/a = a^(p − 2) (Fermat); 0 for 0.
    pub(crate) fn invert(&self) -> Fe {
        let (z_250_0, z11) = self.pow_2_250_minus_1();
        z_250_0.square_times(5).mul(&z11) // (2^250 − 1)·2^5 + 11 = 2^255 − 21 = p − 2
    }

    /// a^((p − 5)/8) = a^(2^252 − 3), the exponent of RFC 8032 §5.1.3 step 3.
    fn pow_p58(&self) -> Fe {
        let (z_250_0, _) = self.pow_2_250_minus_1();
        z_250_0.square_times(2).mul(self) // (2^250 − 1)·4 + 1 = 2^252 − 3
    }

    /// A square root of u/v (RFC 8032 §5.1.3 step 3), v ≠ 0: `(true, x)`
    /// with v·x² = u when u/v is a square, else `(false, _)`. Which of the
    /// two roots is returned is left to the caller (step 4 picks the sign).
    pub(crate) fn sqrt_ratio(u: &Fe, v: &Fe) -> (Choice, Fe) {
        let v3 = v.square().mul(v); // v³
        let v7 = v3.square().mul(v); // v⁷
                                     // x = u·v³·(u·v⁷)^((p−5)/8)
        let x = u.mul(&v3).mul(&u.mul(&v7).pow_p58());
        let vxx = v.mul(&x.square());
        let root = vxx.ct_eq(u); // v·x² = u: x is a root
        let flipped = vxx.ct_eq(&u.neg()); // v·x² = −u: x·√−1 is one
        let x = Fe::select(flipped, &x.mul(&Fe::SQRT_M1), &x);
        (root.or(flipped), x)
    }

    /// Whether a = b as field elements (compares canonical encodings).
    pub(crate) fn ct_eq(&self, b: &Fe) -> Choice {
        let (x, y) = (self.to_bytes(), b.to_bytes());
        let mut diff = 0u64;
        for (p, q) in x.iter().zip(y.iter()) {
            diff |= (p ^ q) as u64;
        }
        ct::is_zero_u64(diff)
    }

    /// Whether a = 0.
    pub(crate) fn is_zero(&self) -> Choice {
        self.ct_eq(&Fe::ZERO)
    }

    /// Whether a is "negative" in the sense of RFC 8032 §5.1.2: the least
    /// significant bit of its canonical value is 1.
    pub(crate) fn is_negative(&self) -> Choice {
        Choice::from_bit((self.to_bytes()[0] & 1) as u64)
    }

    /// `if c { a } else { b }`, limb by limb without a branch.
    #[inline(always)]
    pub(crate) fn select(c: Choice, a: &Fe, b: &Fe) -> Fe {
        let mut out = *b;
        ct::conditional_assign(c, &mut out.0, &a.0);
        out
    }

    /// `if c { swap(a, b) }` without a branch.
    #[inline(always)]
    pub(crate) fn conditional_swap(c: Choice, a: &mut Fe, b: &mut Fe) {
        ct::conditional_swap(c, &mut a.0, &mut b.0);
    }
}

/// Carries five 128-bit column sums (each below 2^115, the last below
/// 2^111) into a tight element.
#[inline(always)]
fn carry_wide(c: [u128; 5]) -> Fe {
    let [c0, mut c1, mut c2, mut c3, mut c4] = c;
    c1 += c0 >> 51; // c0 >> 51 < 2^64
    let l0 = (c0 as u64) & MASK51;
    c2 += c1 >> 51;
    let l1 = (c1 as u64) & MASK51;
    c3 += c2 >> 51;
    let l2 = (c2 as u64) & MASK51;
    c4 += c3 >> 51; // c4 < 2^110.33 + 2^64
    let l3 = (c3 as u64) & MASK51;
    let top = (c4 >> 51) as u64; // < 2^59.34
    let l4 = (c4 as u64) & MASK51;
    let l0 = l0 + top * 19; // < 2^51 + 2^63.6 < 2^64
    let l1 = l1 + (l0 >> 51); // < 2^51 + 2^13
    let l0 = l0 & MASK51; // < 2^51
    Fe([l0, l1, l2, l3, l4]) // tight
}

/// The four little-endian 64-bit words of 32 octets.
fn load_words(bytes: &[u8; 32]) -> [u64; 4] {
    let mut w = [0u64; 4];
    for (word, chunk) in w.iter_mut().zip(bytes.chunks_exact(8)) {
        let mut b = [0u8; 8];
        b.copy_from_slice(chunk);
        *word = u64::from_le_bytes(b);
    }
    w
}

#[cfg(test)]
mod tests {
    use super::super::reference::Big;
    use super::*;
    use crate::crypto::rand::TestRng;
    use alloc::vec;
    use alloc::vec::Vec;

    fn p() -> Big {
        Big::from_u64(1).shl(255).sub(&Big::from_u64(19))
    }

    /// The value of the limbs, unreduced.
    fn value(fe: &Fe) -> Big {
        let mut v = Big::zero();
        for (i, limb) in fe.0.iter().enumerate() {
            v = v.add(&Big::from_u64(*limb).shl(51 * i));
        }
        v
    }

    /// Edge values as limbs: 0, 1, p − 1, p, p + 1, 2^255 − 1, and limbs at
    /// the tight and loose bounds (values above p, unreduced).
    fn edges() -> Vec<Fe> {
        let m = MASK51;
        vec![
            Fe::ZERO,
            Fe::ONE,
            Fe([m - 19, m, m, m, m]),   // p − 1
            Fe([m - 18, m, m, m, m]),   // p
            Fe([m - 17, m, m, m, m]),   // p + 1
            Fe([m, m, m, m, m]),        // 2^255 − 1
            Fe([m + (1 << 18) - 1; 5]), // the tight bound
            Fe([(1 << 53) - 1; 5]),     // the loose bound
            Fe([0, 0, 0, 0, 1 << 51]),  // 2^255 ≡ 19, unreduced
            Fe([1 << 52, 0, 1 << 52, 0, 1 << 52]),
        ]
    }

    fn random_fe(rng: &mut TestRng) -> Fe {
        // Any limbs below 2^53: loose inputs, often above p.
        Fe([
            rng.next_u64() >> 11,
            rng.next_u64() >> 11,
            rng.next_u64() >> 11,
            rng.next_u64() >> 11,
            rng.next_u64() >> 11,
        ])
    }

    fn inputs() -> Vec<Fe> {
        let mut rng = TestRng(0x2551_9000);
        let mut v = edges();
        for _ in 0..120 {
            v.push(random_fe(&mut rng));
        }
        v
    }

    #[test]
    fn the_constants_are_what_rfc_8032_defines() {
        let p = p();
        // d · 121666 ≡ −121665
        let lhs = value(&Fe::D).mul(&Big::from_u64(121666)).rem(&p);
        assert_eq!(lhs, p.sub(&Big::from_u64(121665)));
        assert_eq!(value(&Fe::D2), value(&Fe::D).add(&value(&Fe::D)).rem(&p));
        // √−1 squared is p − 1.
        let sq = value(&Fe::SQRT_M1).mul(&value(&Fe::SQRT_M1)).rem(&p);
        assert_eq!(sq, p.sub(&Big::from_u64(1)));
    }

    #[test]
    fn arithmetic_matches_schoolbook_big_integers_mod_p() {
        let p = p();
        let xs = inputs();
        for (i, a) in xs.iter().enumerate() {
            let va = value(a);
            let canonical_a = va.rem(&p);
            assert_eq!(Big::from_le(&a.to_bytes()), canonical_a, "encode {i}");
            assert_eq!(
                value(&a.square()).rem(&p),
                va.mul(&va).rem(&p),
                "square {i}"
            );
            assert_eq!(
                value(&a.neg()).rem(&p),
                p.sub(&canonical_a).rem(&p),
                "neg {i}"
            );
            for b in xs.iter().step_by(13) {
                let vb = value(b);
                assert_eq!(value(&a.mul(b)).rem(&p), va.mul(&vb).rem(&p), "mul");
                assert_eq!(value(&a.add(b)).rem(&p), va.add(&vb).rem(&p), "add");
                let expected = va.add(&p.mul(&Big::from_u64(4))).sub(&vb).rem(&p);
                assert_eq!(value(&a.sub(b)).rem(&p), expected, "sub");
            }
        }
    }

    #[test]
    fn outputs_stay_within_the_documented_limb_bounds() {
        let tight = MASK51 + (1 << 18);
        let xs = inputs();
        for a in &xs {
            for b in &xs {
                // Loose inputs (< 2^53) summed to < 2^54: the widest mul input.
                let wide = a.add(b);
                for out in [wide.mul(&wide), wide.square(), a.sub(&wide), wide.neg()] {
                    assert!(out.0.iter().all(|&l| l < tight), "{out:?}");
                }
            }
        }
    }

    #[test]
    fn decoding_reports_non_canonical_values() {
        let p = p();
        for (v, canonical) in [
            (Big::zero(), true),
            (p.sub(&Big::from_u64(1)), true),
            (p.clone(), false),
            (p.add(&Big::from_u64(1)), false),
            (Big::from_u64(1).shl(255).sub(&Big::from_u64(1)), false),
        ] {
            let bytes = v.to_le_32();
            let (fe, ok) = Fe::decode(&bytes);
            assert_eq!(ok, canonical, "{v:?}");
            assert_eq!(Big::from_le(&fe.to_bytes()), v.rem(&p));
            // Bit 255 is not part of the value.
            let mut signed = bytes;
            signed[31] |= 0x80;
            let (fe2, ok2) = Fe::decode(&signed);
            assert_eq!(ok2, canonical);
            assert_eq!(fe2.to_bytes(), fe.to_bytes());
        }
    }

    #[test]
    fn inversion_and_square_roots_match_the_reference() {
        let p = p();
        let mut rng = TestRng(7);
        let mut xs = edges();
        for _ in 0..20 {
            xs.push(random_fe(&mut rng));
        }
        for a in &xs {
            let va = value(a).rem(&p);
            let inv = value(&a.invert()).rem(&p);
            if va == Big::zero() {
                assert_eq!(inv, Big::zero());
            } else {
                assert_eq!(va.mul(&inv).rem(&p), Big::from_u64(1));
            }
            // a² / 1 is always a square; its root squares back.
            let (ok, x) = Fe::sqrt_ratio(&a.square(), &Fe::ONE);
            assert!(ok.declassify());
            assert_eq!(x.square().to_bytes(), a.square().to_bytes());
            // A non-square: 2 is not a square mod p (p ≡ 5 mod 8).
            let two_a2 = a.square().add(&a.square());
            let (ok, _) = Fe::sqrt_ratio(&two_a2, &Fe::ONE);
            assert_eq!(ok.declassify(), va == Big::zero());
            // u/v with v ≠ 1: (a²·v)/v.
            let v = Fe([5, 0, 0, 0, 0]).add(a);
            if value(&v).rem(&p) != Big::zero() {
                let (ok, x) = Fe::sqrt_ratio(&a.square().mul(&v), &v);
                assert!(ok.declassify());
                assert_eq!(v.mul(&x.square()).to_bytes(), a.square().mul(&v).to_bytes());
            }
        }
    }

    #[test]
    fn selection_swap_and_predicates_follow_their_inputs() {
        let a = Fe([1, 2, 3, 4, 5]);
        let b = Fe([6, 7, 8, 9, 10]);
        assert_eq!(Fe::select(Choice::TRUE, &a, &b).0, a.0);
        assert_eq!(Fe::select(Choice::FALSE, &a, &b).0, b.0);
        let (mut x, mut y) = (a, b);
        Fe::conditional_swap(Choice::TRUE, &mut x, &mut y);
        assert_eq!((x.0, y.0), (b.0, a.0));
        Fe::conditional_swap(Choice::FALSE, &mut x, &mut y);
        assert_eq!((x.0, y.0), (b.0, a.0));
        assert!(Fe::ZERO.is_zero().declassify());
        assert!(Fe([MASK51 - 18, MASK51, MASK51, MASK51, MASK51])
            .is_zero()
            .declassify()); // p
        assert!(!Fe::ONE.is_zero().declassify());
        assert!(Fe::ONE.is_negative().declassify());
        assert!(!Fe::ONE.neg().is_negative().declassify()); // p − 1 is even
    }
}
