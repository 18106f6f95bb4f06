//! Modular inverse and greatest common divisor, both constant time: binary
//! algorithms with a fixed number of steps, each step a handful of masked
//! passes over the limbs. For secret inputs (RSA blinding's `r`, key
//! generation's `q⁻¹ mod p` and `gcd(p − 1, q − 1)`).
//!
//! - [`Modulus::invert_consttime`]: Möller's binary inversion (the
//!   algorithm of GMP's `mpn_sec_invert`, N. Möller, "Fast constant-time
//!   modular inversion", 2013 note; in the family of Stein's binary GCD).
//! - [`gcd_consttime`]: Stein's binary GCD with masks (as BoringSSL's
//!   `bn_gcd_consttime`).

use super::montgomery::Modulus;
use super::uint::{
    cond_add_in_place, cond_negate_in_place, cond_sub_in_place, lt_slices, shr1_in_place, Uint,
    LIMB_BITS,
};
use crate::crypto::ct::{self, Choice};

/// `if c { a >>= 1 }`.
fn cond_shr1(c: Choice, a: &mut Uint) {
    let mut shifted = a.clone();
    shifted.shr1_assign();
    a.conditional_assign(c, &shifted);
}

impl Modulus {
    /// `a⁻¹ mod m` for `a < m`, plain values (not Montgomery forms), with
    /// whether it exists (`gcd(a, m) = 1`; else the value is meaningless).
    /// Constant time: `2·bits(m)` steps, masks only.
    ///
    /// The invariant, with `b` odd throughout:
    /// `a ≡ u·a₀ (mod m)`, `b ≡ v·a₀ (mod m)`; start `(a, u) = (a₀, 1)`,
    /// `(b, v) = (m, 0)`. Each step: if `a` is odd, subtract `b` from it
    /// (first swapping `a, b` and `u, v` if `a < b`, so the difference is
    /// nonnegative), then halve `a` (now even) and `u` modulo `m`. Every
    /// step shrinks `a` or `b` by a bit, so after `bits(a) + bits(m)` steps
    /// `a = 0` and `b = gcd(a₀, m)`; when that is 1, `v ≡ a₀⁻¹`.
    pub fn invert_consttime(&self, a: &Uint) -> (Uint, Choice) {
        let n = self.len();
        let m = self.value();
        let mut a = a.resized(n);
        let mut b = m.clone();
        let mut u = Uint::from_u64(1, n);
        let mut v = Uint::zero(n);
        // (m + 1)/2: halving an odd u modulo m is (u >> 1) + (m + 1)/2.
        let mut half = m.clone();
        half.shr1_assign();
        half.add_assign(&Uint::from_u64(1, n)); // m odd: (m >> 1) + 1 = (m + 1)/2 < m
        for _ in 0..2 * self.bits() {
            let odd = a.is_odd();
            // a −= b when a is odd; a borrow means a < b: swap roles.
            let swap = Choice::from_bit(cond_sub_in_place(odd, a.limbs_mut(), b.limbs()));
            cond_add_in_place(swap, b.limbs_mut(), a.limbs()); // b = (a − b) + b = old a
            cond_negate_in_place(swap, a.limbs_mut()); // a = old b − old a ≥ 0
            ct::conditional_swap(swap, u.limbs_mut(), v.limbs_mut());
            // u −= v (mod m) when a was odd; u, v < m.
            let borrow = cond_sub_in_place(odd, u.limbs_mut(), v.limbs());
            cond_add_in_place(Choice::from_bit(borrow), u.limbs_mut(), m.limbs()); // back in [0, m)
                                                                                   // a is even now: halve it, and u modulo m.
            shr1_in_place(a.limbs_mut(), 0);
            let low = shr1_in_place(u.limbs_mut(), 0);
            cond_add_in_place(Choice::from_bit(low), u.limbs_mut(), half.limbs());
            // (u + m)/2 < m
        }
        let found = b.ct_eq(&Uint::from_u64(1, n));
        a.wipe();
        b.wipe();
        u.wipe();
        (v, found)
    }
}

/// `gcd(x, y)` for `x`, `y` not both zero, in constant time; the result
/// has the longer input's length.
///
/// Stein's algorithm with masks: in each of `bits(x) + bits(y)` steps
/// (public lengths), if both are odd subtract the smaller from the larger;
/// then halve whichever is even, counting the steps where both were even
/// (the common factor 2^k); finally one of them is 0, and the gcd is the
/// other shifted left by `k` (by a shifter whose steps do not depend on
/// `k`).
pub fn gcd_consttime(x: &Uint, y: &Uint) -> Uint {
    let n = x.len().max(y.len());
    let mut u = x.resized(n);
    let mut v = y.resized(n);
    let mut shift = 0u64;
    for _ in 0..2 * n * LIMB_BITS {
        let both_odd = u.is_odd().and(v.is_odd());
        let v_lt_u = lt_slices(v.limbs(), u.limbs());
        cond_sub_in_place(both_odd.and(v_lt_u), u.limbs_mut(), v.limbs());
        cond_sub_in_place(both_odd.and(v_lt_u.not()), v.limbs_mut(), u.limbs());
        let u_even = u.is_odd().not();
        let v_even = v.is_odd().not();
        shift += u_even.and(v_even).mask() & 1;
        cond_shr1(u_even, &mut u);
        cond_shr1(v_even, &mut v);
    }
    // One of u, v is zero: their OR is the odd part of the gcd.
    let mut r = u.clone();
    for (o, &w) in r.limbs_mut().iter_mut().zip(v.limbs()) {
        *o |= w;
    }
    // r <<= shift, shift < 2^16: a conditional shift by each power of two.
    for k in 0..16 {
        let amount = 1usize << k;
        let c = Choice::from_bit(shift >> k);
        let mut shifted = Uint::zero(n);
        let (limbs, bits) = (amount / LIMB_BITS, amount % LIMB_BITS);
        for i in 0..n {
            let lo = if i >= limbs { r.limb(i - limbs) } else { 0 };
            let lower = if bits > 0 && i > limbs {
                r.limb(i - limbs - 1) >> (LIMB_BITS - bits)
            } else {
                0
            };
            if let Some(s) = shifted.limbs_mut().get_mut(i) {
                *s = (lo << bits) | lower;
            }
        }
        r.conditional_assign(c, &shifted);
    }
    u.wipe();
    v.wipe();
    r
}
