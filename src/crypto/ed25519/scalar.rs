//! Scalars modulo the group order L = 2^252 + 27742317777372353535851937790883648493
//! (RFC 8032 §5.1), in radix 2^52 with Montgomery multiplication.
//!
//! A [`Scalar`] always holds its value reduced below L, in five limbs of
//! 52 bits (the top one below 2^48). Montgomery's method with R = 2^260
//! multiplies without division: `montgomery_mul(a, b)` = a·b/R mod L, and
//! multiplying again by R² mod L (or by R mod L) undoes the factor.
//!
//! What a signature needs:
//! - [`Scalar::from_hash`]: a 64-octet SHA-512 output reduced mod L
//!   (RFC 8032 §5.1.6 steps 2 and 4, §5.1.7 step 2);
//! - [`Scalar::from_canonical_bytes_vartime`]: S read only if S < L
//!   (§5.1.7 step 1);
//! - [`Scalar::mul_add`]: S = (r + k·s) mod L (§5.1.6 step 5);
//! - signed digits for the scalar multiplications: [`Scalar::radix16`]
//!   (constant time, secret scalars) and [`Scalar::naf_vartime`] (public
//!   scalars).
//!
//! Everything is constant time except what is named `_vartime`.

use crate::crypto::ct::Choice;

/// 2^52 − 1.
const MASK52: u64 = (1 << 52) - 1;

/// L in radix 2^52.
const L: [u64; 5] = [
    0x2631a5cf5d3ed,
    0xdea2f79cd6581,
    0x000000014def9,
    0x0000000000000,
    0x0100000000000,
];

/// −L⁻¹ mod 2^52: the Montgomery factor (m = t·LFACTOR mod 2^52 makes
/// t + m·L divisible by 2^52).
const LFACTOR: u64 = 0x51da312547e1b;

/// R mod L, R = 2^260.
const R: [u64; 5] = [
    0xf48bd6721e6ed,
    0x3bab5ac67e45a,
    0xfffffeb35e51b,
    0xfffffffffffff,
    0x00fffffffffff,
];

/// R² mod L.
const RR: [u64; 5] = [
    0x9d265e952d13b,
    0xd63c715bea69f,
    0x5be65cb687604,
    0x3dceec73d217f,
    0x009411b7c309a,
];

/// L as 32 little-endian octets, for the public canonical check.
const L_BYTES: [u8; 32] = [
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
];

/// An integer modulo L, always reduced (below L). Not comparable outside
/// tests: `==` on limbs would be an early-exit comparison of secrets.
#[derive(Clone, Copy, Debug)]
#[cfg_attr(test, derive(PartialEq, Eq))]
pub(crate) struct Scalar([u64; 5]);

impl Scalar {
    /// 0.
    #[cfg(test)]
    pub(crate) const ZERO: Scalar = Scalar([0; 5]);

    /// A 64-octet little-endian integer (a SHA-512 output) reduced mod L
    /// (RFC 8032 §5.1.6 step 2: "Interpret the 64-octet digest as a
    /// little-endian integer r").
    pub(crate) fn from_hash(bytes: &[u8; 64]) -> Scalar {
        let limbs = limbs52::<8, 10>(bytes);
        // 520 bits of room for 512: value = lo + hi·2^260.
        let lo = [limbs[0], limbs[1], limbs[2], limbs[3], limbs[4]]; // < 2^260
        let hi = [limbs[5], limbs[6], limbs[7], limbs[8], limbs[9]]; // < 2^252
                                                                     // lo·R/R = lo and hi·R²/R = hi·R (mod L), each already below L.
        let lo = montgomery_mul(&lo, &R);
        let hi = montgomery_mul(&hi, &RR);
        Scalar(add(&lo, &hi))
    }

    /// A 32-octet little-endian integer reduced mod L (for the clamped
    /// secret scalar s, which may exceed L).
    pub(crate) fn from_bytes_mod_order(bytes: &[u8; 32]) -> Scalar {
        let x = limbs52::<4, 5>(bytes); // < 2^256 ≤ R
        Scalar(montgomery_mul(&x, &R)) // x·R/R = x mod L
    }

    /// The integer S if it is below L, else `None`: RFC 8032 §5.1.7 step 1,
    /// "If any of the decodings fail (including S being out of range),
    /// the signature is invalid". Public data: may exit early.
    pub(crate) fn from_canonical_bytes_vartime(bytes: &[u8; 32]) -> Option<Scalar> {
        // Compare from the most significant octet down.
        for (b, l) in bytes.iter().rev().zip(L_BYTES.iter().rev()) {
            if b < l {
                return Some(Scalar(limbs52::<4, 5>(bytes)));
            }
            if b > l {
                return None;
            }
        }
        None // S = L
    }

    /// (r + k·a) mod L: RFC 8032 §5.1.6 step 5, S = (r + k·s) mod L.
    pub(crate) fn mul_add(k: &Scalar, a: &Scalar, r: &Scalar) -> Scalar {
        let ka = montgomery_mul(&k.0, &a.0); // k·a/R
        let ka = montgomery_mul(&ka, &RR); // k·a/R · R²/R = k·a
        Scalar(add(&ka, &r.0))
    }

    /// The 32-octet little-endian encoding (RFC 8032 §5.1.2 for S).
    pub(crate) fn to_bytes(&self) -> [u8; 32] {
        let l = &self.0;
        let w = [
            l[0] | (l[1] << 52),
            (l[1] >> 12) | (l[2] << 40),
            (l[2] >> 24) | (l[3] << 28),
            (l[3] >> 36) | (l[4] << 16),
        ];
        let mut out = [0u8; 32];
        for (chunk, word) in out.chunks_exact_mut(8).zip(w) {
            chunk.copy_from_slice(&word.to_le_bytes());
        }
        out
    }

    /// Sixty-four signed radix-16 digits e_i ∈ [−8, 8) (the last ∈ [−8, 8]),
    /// value = Σ e_i·16^i, for the fixed-window base multiplication. No
    /// branch or index depends on the value.
    pub(crate) fn radix16(&self) -> [i8; 64] {
        let mut bytes = self.to_bytes(); // value < L < 2^253
        let mut e = [0i8; 64];
        for (pair, b) in e.chunks_exact_mut(2).zip(bytes.iter()) {
            for (digit, nibble) in pair.iter_mut().zip([b & 15, b >> 4]) {
                *digit = nibble as i8; // ∈ [0, 15]
            }
        }
        // Recentre each digit from [0, 16] into [−8, 8), carrying upward.
        let mut carry = 0i8;
        for digit in e.iter_mut() {
            *digit += carry; // ∈ [0, 16]
            carry = (*digit + 8) >> 4; // 1 when the digit is ≥ 8
            *digit -= carry << 4; // ∈ [−8, 7]
        }
        // The top digit absorbed the last carry: the value is < 2^253, so
        // the top nibble is at most 1 and the final carry is 0.
        wipe_bytes(&mut bytes);
        e
    }

    /// The width-`w` non-adjacent form (2 ≤ w ≤ 8): 256 digits, each 0 or
    /// odd with |d| < 2^(w−1), any nonzero digit followed by at least w − 1
    /// zeros; value = Σ d_i·2^i. Variable time: public scalars only.
    pub(crate) fn naf_vartime(&self, w: usize) -> [i8; 256] {
        debug_assert!((2..=8).contains(&w));
        let bytes = self.to_bytes();
        let mut words = [0u64; 5]; // one spare word for windows near the top
        for (word, chunk) in words.iter_mut().zip(bytes.chunks_exact(8)) {
            let mut b = [0u8; 8];
            b.copy_from_slice(chunk);
            *word = u64::from_le_bytes(b);
        }
        let width = 1u64 << w;
        let mask = width - 1;
        let mut naf = [0i8; 256];
        let mut pos = 0;
        let mut carry = 0u64;
        while pos < 256 {
            // The w bits starting at `pos` (they may straddle two words).
            let (index, shift) = (pos / 64, pos % 64);
            let low = words.get(index).copied().unwrap_or(0) >> shift;
            let high = match shift {
                0 => 0,
                s => words.get(index + 1).copied().unwrap_or(0) << (64 - s),
            };
            let window = carry + ((low | high) & mask);
            if window & 1 == 0 {
                // An even window: this bit (with the carry) is a zero digit.
                pos += 1;
                continue;
            }
            let digit = if window < width / 2 {
                carry = 0;
                window as i64
            } else {
                carry = 1;
                window as i64 - width as i64
            };
            if let Some(slot) = naf.get_mut(pos) {
                *slot = digit as i8; // |digit| < 2^(w−1) ≤ 128
            }
            pos += w;
        }
        naf
    }

    /// Overwrites the value with zero (best effort: the write is passed
    /// through the optimisation barrier so it is not dropped as dead).
    pub(crate) fn wipe(&mut self) {
        for limb in self.0.iter_mut() {
            *limb = 0;
        }
        core::hint::black_box(&mut self.0);
    }
}

/// Zeroes octets that held secret data (best effort, as [`Scalar::wipe`]).
pub(crate) fn wipe_bytes(bytes: &mut [u8]) {
    for b in bytes.iter_mut() {
        *b = 0;
    }
    core::hint::black_box(bytes);
}

/// `N` little-endian words of `bytes` split into `M` limbs of 52 bits.
#[allow(clippy::indexing_slicing)] // i < M, and `word < 8·N/8` is checked before each read
fn limbs52<const W: usize, const M: usize>(bytes: &[u8]) -> [u64; M] {
    let mut words = [0u64; W];
    for (word, chunk) in words.iter_mut().zip(bytes.chunks_exact(8)) {
        let mut b = [0u8; 8];
        b.copy_from_slice(chunk);
        *word = u64::from_le_bytes(b);
    }
    let mut out = [0u64; M];
    for (i, limb) in out.iter_mut().enumerate() {
        // Bits 52i .. 52i + 52; the positions are public constants.
        let (word, shift) = ((52 * i) / 64, (52 * i) % 64);
        let mut v = if word < W { words[word] >> shift } else { 0 };
        if shift > 12 && word + 1 < W {
            v |= words[word + 1] << (64 - shift);
        }
        *limb = v & MASK52;
    }
    out
}

/// a·b as nine 128-bit column sums (limbs below 2^52: each sum < 2^106.4).
#[inline(always)]
fn mul_wide(a: &[u64; 5], b: &[u64; 5]) -> [u128; 9] {
    let m = |x: u64, y: u64| (x as u128) * (y as u128);
    [
        m(a[0], b[0]),
        m(a[0], b[1]) + m(a[1], b[0]),
        m(a[0], b[2]) + m(a[1], b[1]) + m(a[2], b[0]),
        m(a[0], b[3]) + m(a[1], b[2]) + m(a[2], b[1]) + m(a[3], b[0]),
        m(a[0], b[4]) + m(a[1], b[3]) + m(a[2], b[2]) + m(a[3], b[1]) + m(a[4], b[0]),
        m(a[1], b[4]) + m(a[2], b[3]) + m(a[3], b[2]) + m(a[4], b[1]),
        m(a[2], b[4]) + m(a[3], b[3]) + m(a[4], b[2]),
        m(a[3], b[4]) + m(a[4], b[3]),
        m(a[4], b[4]),
    ]
}

/// a·b/R mod L for a < R (limbs < 2^52) and b < L: the result is below L.
#[inline(always)]
fn montgomery_mul(a: &[u64; 5], b: &[u64; 5]) -> [u64; 5] {
    montgomery_reduce(&mul_wide(a, b))
}

/// z/R mod L for z < R·L, z given as nine column sums each below 2^107.
///
/// Five rounds each add the multiple m_i·L·2^(52i) that clears limb i
/// (m_i = limb·LFACTOR mod 2^52); what remains above 2^260 is
/// (z + m·L)/R < (R·L + R·L)/R = 2L, and one conditional subtraction
/// brings it below L.
#[inline(always)]
fn montgomery_reduce(z: &[u128; 9]) -> [u64; 5] {
    let m = |x: u64, y: u64| (x as u128) * (y as u128);
    // Round i: t = z_i + carry + Σ m_j·L_(i−j); m_i clears its low 52 bits.
    // Each t < 2^107 + 5·2^104 + 2^56 < 2^108.
    let round = |t: u128| -> (u128, u64) {
        let mi = ((t as u64).wrapping_mul(LFACTOR)) & MASK52; // < 2^52
        ((t + m(mi, L[0])) >> 52, mi) // the low 52 bits are now zero
    };
    let (c, m0) = round(z[0]);
    let (c, m1) = round(z[1] + c + m(m0, L[1]));
    let (c, m2) = round(z[2] + c + m(m0, L[2]) + m(m1, L[1]));
    let (c, m3) = round(z[3] + c + m(m0, L[3]) + m(m1, L[2]) + m(m2, L[1]));
    let (c, m4) = round(z[4] + c + m(m0, L[4]) + m(m1, L[3]) + m(m2, L[2]) + m(m3, L[1]));
    // The upper half: limbs 5..9 plus the remaining products, carried out.
    let t = z[5] + c + m(m1, L[4]) + m(m2, L[3]) + m(m3, L[2]) + m(m4, L[1]);
    let r0 = (t as u64) & MASK52;
    let t = z[6] + (t >> 52) + m(m2, L[4]) + m(m3, L[3]) + m(m4, L[2]);
    let r1 = (t as u64) & MASK52;
    let t = z[7] + (t >> 52) + m(m3, L[4]) + m(m4, L[3]);
    let r2 = (t as u64) & MASK52;
    let t = z[8] + (t >> 52) + m(m4, L[4]);
    let r3 = (t as u64) & MASK52;
    let r4 = (t >> 52) as u64; // the value is < 2L < 2^254: r4 < 2^46
    sub_l_if_needed(&[r0, r1, r2, r3, r4])
}

/// (a + b) mod L for a, b < L.
#[inline(always)]
fn add(a: &[u64; 5], b: &[u64; 5]) -> [u64; 5] {
    let mut sum = [0u64; 5];
    let mut carry = 0u64;
    for ((s, x), y) in sum.iter_mut().zip(a).zip(b) {
        let t = x + y + carry; // < 2^53 + 1
        *s = t & MASK52;
        carry = t >> 52;
    }
    // carry is 0: a + b < 2L < 2^254 fits the five limbs.
    sub_l_if_needed(&sum)
}

/// x − L if x ≥ L, else x, for x < 2L with limbs below 2^52; no branch.
#[inline(always)]
fn sub_l_if_needed(x: &[u64; 5]) -> [u64; 5] {
    // d = x − L with borrows; if it went negative, add L back under a mask.
    let mut d = [0u64; 5];
    let mut borrow = 0u64;
    for ((di, xi), li) in d.iter_mut().zip(x).zip(L.iter()) {
        let t = xi.wrapping_sub(li + borrow); // top bit set iff negative
        borrow = t >> 63;
        *di = t & MASK52;
    }
    let negative = Choice::from_bit(borrow);
    let mut carry = 0u64;
    for (di, li) in d.iter_mut().zip(L.iter()) {
        let t = *di + (negative.mask() & li) + carry; // < 2^53 + 1
        *di = t & MASK52;
        carry = t >> 52;
    }
    d
}

#[cfg(test)]
mod tests {
    use super::super::reference::Big;
    use super::*;
    use crate::crypto::rand::TestRng;
    use alloc::vec::Vec;

    fn l() -> Big {
        Big::from_le(&L_BYTES)
    }

    fn value(s: &Scalar) -> Big {
        Big::from_le(&s.to_bytes())
    }

    fn random_bytes<const N: usize>(rng: &mut TestRng) -> [u8; N] {
        let mut b = [0u8; N];
        for chunk in b.chunks_mut(8) {
            let w = rng.next_u64().to_le_bytes();
            chunk.copy_from_slice(&w[..chunk.len()]);
        }
        b
    }

    /// Values around the edges: 0, 1, L − 1, L, L + 1, 2^252, 2^253 − 1,
    /// 2^256 − 1 (for 32 octets) and 2^512 − 1 (for 64).
    fn edge_hashes() -> Vec<[u8; 64]> {
        let l = l();
        let mut v = Vec::new();
        for x in [
            Big::zero(),
            Big::from_u64(1),
            l.sub(&Big::from_u64(1)),
            l.clone(),
            l.add(&Big::from_u64(1)),
            l.mul(&l),
            l.mul(&l).sub(&Big::from_u64(1)),
            Big::from_u64(1).shl(252),
            Big::from_u64(1).shl(256).sub(&Big::from_u64(1)),
            Big::from_u64(1).shl(260).sub(&Big::from_u64(1)),
            Big::from_u64(1).shl(260),
        ] {
            let mut h = [0u8; 64];
            for (i, byte) in h.iter_mut().enumerate() {
                for bit in 0..8 {
                    if x.bit(8 * i + bit) {
                        *byte |= 1 << bit;
                    }
                }
            }
            v.push(h);
        }
        v.push([0xff; 64]);
        v
    }

    #[test]
    fn the_constants_are_l_and_its_montgomery_factors() {
        let l = l();
        let limbs = |x: &[u64; 5]| {
            x.iter().enumerate().fold(Big::zero(), |acc, (i, w)| {
                acc.add(&Big::from_u64(*w).shl(52 * i))
            })
        };
        assert_eq!(limbs(&L), l);
        let c = Big::from_decimal("27742317777372353535851937790883648493");
        assert_eq!(l, Big::from_u64(1).shl(252).add(&c));
        let r = Big::from_u64(1).shl(260);
        assert_eq!(limbs(&R), r.rem(&l));
        assert_eq!(limbs(&RR), r.mul(&r).rem(&l));
        // L·LFACTOR ≡ −1 (mod 2^52)
        let two52 = Big::from_u64(1).shl(52);
        let prod = l.mul(&Big::from_u64(LFACTOR)).add(&Big::from_u64(1));
        assert_eq!(prod.rem(&two52), Big::zero());
    }

    #[test]
    fn reduction_of_64_and_32_octets_matches_big_integers() {
        let l = l();
        let mut rng = TestRng(0x5ca1a2);
        let mut hashes = edge_hashes();
        for _ in 0..100 {
            hashes.push(random_bytes::<64>(&mut rng));
        }
        for h in &hashes {
            let s = Scalar::from_hash(h);
            assert_eq!(value(&s), Big::from_le(h).rem(&l), "{h:02x?}");
            let mut low = [0u8; 32];
            low.copy_from_slice(&h[..32]);
            let t = Scalar::from_bytes_mod_order(&low);
            assert_eq!(value(&t), Big::from_le(&low).rem(&l));
        }
    }

    #[test]
    fn mul_add_matches_big_integers() {
        let l = l();
        let mut rng = TestRng(99);
        let mut scalars: Vec<Scalar> = edge_hashes().iter().map(Scalar::from_hash).collect();
        for _ in 0..30 {
            scalars.push(Scalar::from_hash(&random_bytes::<64>(&mut rng)));
        }
        for k in &scalars {
            for a in scalars.iter().step_by(3) {
                for r in scalars.iter().step_by(11) {
                    let got = value(&Scalar::mul_add(k, a, r));
                    let want = value(k).mul(&value(a)).add(&value(r)).rem(&l);
                    assert_eq!(got, want);
                }
            }
        }
    }

    #[test]
    fn only_values_below_l_are_canonical() {
        let l = l();
        let below = l.sub(&Big::from_u64(1)).to_le_32();
        assert_eq!(
            Scalar::from_canonical_bytes_vartime(&below).map(|s| s.to_bytes()),
            Some(below)
        );
        assert!(Scalar::from_canonical_bytes_vartime(&[0; 32]).is_some());
        assert!(Scalar::from_canonical_bytes_vartime(&l.to_le_32()).is_none());
        let above = l.add(&Big::from_u64(1)).to_le_32();
        assert!(Scalar::from_canonical_bytes_vartime(&above).is_none());
        assert!(Scalar::from_canonical_bytes_vartime(&[0xff; 32]).is_none());
        // Only the top octet differs from L − 1 ... L + 2^248.
        let mut high = below;
        high[31] = 0x11;
        assert!(Scalar::from_canonical_bytes_vartime(&high).is_none());
        high[31] = 0x0f;
        assert!(Scalar::from_canonical_bytes_vartime(&high).is_some());
    }

    #[test]
    fn digits_recompose_to_the_scalar() {
        let l = l();
        let mut rng = TestRng(5);
        let mut scalars: Vec<Scalar> = edge_hashes().iter().map(Scalar::from_hash).collect();
        for _ in 0..50 {
            scalars.push(Scalar::from_hash(&random_bytes::<64>(&mut rng)));
        }
        // Σ d_i·b^i with signed digits, as (positive part) − (negative part).
        let recompose = |digits: &[i8], shift: usize| {
            let (mut pos, mut neg) = (Big::zero(), Big::zero());
            for (i, d) in digits.iter().enumerate() {
                let mag = Big::from_u64(d.unsigned_abs() as u64).shl(shift * i);
                if *d > 0 {
                    pos = pos.add(&mag);
                } else {
                    neg = neg.add(&mag);
                }
            }
            pos.add(&l).sub(&neg).rem(&l)
        };
        for s in &scalars {
            let e = s.radix16();
            assert!(e.iter().all(|d| (-8..8).contains(d)), "{e:?}");
            assert_eq!(recompose(&e, 4), value(s));
            for w in [5, 8] {
                let naf = s.naf_vartime(w);
                let bound = 1i16 << (w - 1);
                let mut last_nonzero: Option<usize> = None;
                for (i, d) in naf.iter().enumerate() {
                    if *d != 0 {
                        assert!(d % 2 != 0 && i16::from(*d).abs() < bound, "digit {d}");
                        if let Some(j) = last_nonzero {
                            assert!(i - j >= w, "digits {j} and {i} too close");
                        }
                        last_nonzero = Some(i);
                    }
                }
                assert_eq!(recompose(&naf, 1), value(s), "width {w}");
            }
        }
    }

    #[test]
    fn wiping_clears_the_limbs() {
        let mut s = Scalar::from_hash(&[7u8; 64]);
        s.wipe();
        assert_eq!(s, Scalar::ZERO);
    }
}
