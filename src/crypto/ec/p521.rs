//! The field of P-521, `p = 2^521 - 1` (a Mersenne prime; SEC 2 §2.6.1,
//! SP 800-186 §3.2.1.5), in nine saturated 64-bit limbs holding the
//! integer itself (no Montgomery form), always fully reduced: `0 <= a < p`,
//! so the top limb is below `2^9`.
//!
//! Reduction uses the prime's form: `2^521 ≡ 1 (mod p)`, so a product
//! `t = lo + hi·2^521` is congruent to `lo + hi`, one addition of two
//! 521-bit halves and one conditional subtraction. Multiplication is the
//! schoolbook 9×9 product (81 word products), squaring computes each cross
//! product once (45). Everything is constant time.

use super::field::{reduce_once, Field};
use super::word::{adc, mac, sbb};
use crate::crypto::ct::{self, Choice};
use core::ops::{Add, Mul, Neg, Sub};

/// Limbs of an element.
const LIMBS: usize = 9;

/// `p = 2^521 - 1`: eight all-ones limbs and nine ones on top.
const P: [u64; LIMBS] = [
    u64::MAX,
    u64::MAX,
    u64::MAX,
    u64::MAX,
    u64::MAX,
    u64::MAX,
    u64::MAX,
    u64::MAX,
    0x1ff,
];

/// `p - 2`, the inversion exponent.
const P_MINUS_2: [u64; LIMBS] = [
    u64::MAX - 2,
    u64::MAX,
    u64::MAX,
    u64::MAX,
    u64::MAX,
    u64::MAX,
    u64::MAX,
    u64::MAX,
    0x1ff,
];

/// `(p + 1)/4 = 2^519`, the square-root exponent.
const SQRT_EXP: [u64; LIMBS] = [0, 0, 0, 0, 0, 0, 0, 0, 1 << 7];

/// An element of GF(2^521 - 1), as the integer, below `p`.
#[derive(Clone, Copy)]
pub(crate) struct Fe521([u64; LIMBS]);

impl Fe521 {
    /// The element `x` for an integer below `p` (curve constants, generated
    /// tables; tests check both).
    pub(crate) const fn from_canonical_const(x: [u64; LIMBS]) -> Self {
        Fe521(x)
    }

    /// The element from limbs as stored, which for this field is the
    /// integer itself (the constructor generated tables use).
    pub(crate) const fn from_stored(x: [u64; LIMBS]) -> Self {
        Fe521(x)
    }

    /// `t mod p` for a product `t < p²` of 18 limbs (the top one 0): fold
    /// the bits from 521 up onto the low 521 bits.
    #[allow(clippy::indexing_slicing)] // k < 9 and 8 + k + 1 <= 17 < 18
    #[inline]
    fn fold(t: &[u64; 2 * LIMBS]) -> Self {
        // lo = t mod 2^521, hi = t >> 521; hi < p (as t < p·2^521), lo <= p.
        let mut lo = [0u64; LIMBS];
        lo.copy_from_slice(&t[..LIMBS]);
        lo[8] &= 0x1ff;
        let mut hi = [0u64; LIMBS];
        for (k, h) in hi.iter_mut().enumerate() {
            *h = (t[8 + k] >> 9) | (t[9 + k] << 55);
        }
        // lo + hi < 2p < 2^522: nine limbs, no carry out of the top one.
        let mut sum = [0u64; LIMBS];
        let mut carry = 0;
        for ((s, a), b) in sum.iter_mut().zip(&lo).zip(&hi) {
            (*s, carry) = adc(*a, *b, carry);
        }
        Fe521(reduce_once(&sum, carry, &P))
    }
}

impl Add for Fe521 {
    type Output = Self;
    #[inline]
    fn add(self, rhs: Self) -> Self {
        // a + b < 2p < 2^522: fits the nine limbs.
        let mut sum = [0u64; LIMBS];
        let mut carry = 0;
        for ((s, a), b) in sum.iter_mut().zip(&self.0).zip(&rhs.0) {
            (*s, carry) = adc(*a, *b, carry);
        }
        Fe521(reduce_once(&sum, carry, &P))
    }
}

impl Sub for Fe521 {
    type Output = Self;
    #[allow(clippy::suspicious_arithmetic_impl)] // `&` masks p: add it back or not
    #[inline]
    fn sub(self, rhs: Self) -> Self {
        // a - b in (-p, p): add p back when it borrowed.
        let mut diff = [0u64; LIMBS];
        let mut borrow = 0;
        for ((d, a), b) in diff.iter_mut().zip(&self.0).zip(&rhs.0) {
            (*d, borrow) = sbb(*a, *b, borrow);
        }
        let add_back = Choice::from_bit(borrow).mask();
        let mut carry = 0;
        for (d, p) in diff.iter_mut().zip(P.iter()) {
            (*d, carry) = adc(*d, p & add_back, carry);
        }
        Fe521(diff)
    }
}

impl Neg for Fe521 {
    type Output = Self;
    #[inline]
    fn neg(self) -> Self {
        Fe521([0; LIMBS]) - self
    }
}

impl Mul for Fe521 {
    type Output = Self;
    #[allow(clippy::indexing_slicing)] // i, j < 9, i + j + 1 < 18
    #[inline]
    fn mul(self, rhs: Self) -> Self {
        let (a, b) = (&self.0, &rhs.0);
        // Schoolbook: row i adds a[i]·b into t[i..i + 10].
        let mut t = [0u64; 2 * LIMBS];
        for i in 0..LIMBS {
            let mut carry = 0;
            for j in 0..LIMBS {
                (t[i + j], carry) = mac(t[i + j], a[i], b[j], carry);
            }
            t[i + LIMBS] = carry;
        }
        Fe521::fold(&t)
    }
}

impl Field for Fe521 {
    const ZERO: Self = Fe521([0; LIMBS]);
    const ONE: Self = Fe521([1, 0, 0, 0, 0, 0, 0, 0, 0]);

    #[allow(clippy::indexing_slicing)] // i, j < 9, i + j + 1 < 18, 2i + 1 < 18
    #[inline]
    fn square(&self) -> Self {
        let a = &self.0;
        let mut t = [0u64; 2 * LIMBS];
        // Cross products a[i]·a[j], i < j (their sum is below a²/2).
        for i in 0..LIMBS {
            let mut carry = 0;
            for j in i + 1..LIMBS {
                (t[i + j], carry) = mac(t[i + j], a[i], a[j], carry);
            }
            t[i + LIMBS] = carry;
        }
        // Doubled, then the squares a[i]² at limbs 2i and 2i + 1.
        let mut shifted_out = 0;
        for limb in t.iter_mut() {
            let next = *limb >> 63;
            *limb = (*limb << 1) | shifted_out;
            shifted_out = next;
        }
        let mut carry = 0;
        for i in 0..LIMBS {
            let (lo, hi) = mac(0, a[i], a[i], 0);
            let c;
            (t[2 * i], c) = adc(t[2 * i], lo, carry);
            (t[2 * i + 1], carry) = adc(t[2 * i + 1], hi, c);
        }
        Fe521::fold(&t)
    }

    #[inline]
    fn double(&self) -> Self {
        *self + *self
    }

    fn invert(&self) -> Self {
        self.pow(&P_MINUS_2)
    }

    fn invert_vartime(&self) -> Self {
        Fe521(super::word::invert_vartime(&self.0, &P))
    }

    fn sqrt_vartime(&self) -> Option<Self> {
        let root = self.pow(&SQRT_EXP);
        root.square().ct_eq(self).declassify().then_some(root)
    }

    #[inline]
    fn is_zero(&self) -> Choice {
        let mut any = 0;
        for limb in &self.0 {
            any |= limb;
        }
        ct::is_zero_u64(any)
    }

    #[inline]
    fn ct_eq(&self, other: &Self) -> Choice {
        let mut diff = 0;
        for (a, b) in self.0.iter().zip(&other.0) {
            diff |= a ^ b;
        }
        ct::is_zero_u64(diff)
    }

    #[inline]
    fn select(c: Choice, a: &Self, b: &Self) -> Self {
        let mut out = b.0;
        ct::conditional_assign(c, &mut out, &a.0);
        Fe521(out)
    }

    fn is_odd(&self) -> Choice {
        Choice::from_bit(self.0.first().copied().unwrap_or(0) & 1)
    }

    fn from_be_bytes(bytes: &[u8]) -> Option<Self> {
        let limbs = super::word::from_be_bytes::<LIMBS>(bytes)?;
        super::word::lt_vartime(&limbs, &P).then_some(Fe521(limbs))
    }

    fn write_be_bytes(&self, out: &mut [u8]) {
        super::word::to_be_bytes(&self.0, out);
    }

    #[cfg(test)]
    fn stored_limbs(&self) -> alloc::vec::Vec<u64> {
        self.0.to_vec()
    }
}
