//! Binary GCD algorithms with a fixed number of steps, each step a handful
//! of masked passes over the limbs, for secret inputs (key generation's
//! `gcd(p − 1, q − 1)`):
//!
//! - [`gcd_consttime`]: Stein's binary GCD with masks (as BoringSSL's
//!   `bn_gcd_consttime`).
//!
//! (The tests hold Möller's binary inversion, GMP's `mpn_sec_invert`, as the
//! plain reference for [`Modulus::invert_consttime`] in `safegcd.rs`.)

#[cfg(doc)]
use super::montgomery::Modulus;
use super::uint::{cond_sub_in_place, lt_slices, Uint, LIMB_BITS};
use crate::crypto::ct::Choice;

/// `if c { a >>= 1 }`.
fn cond_shr1(c: Choice, a: &mut Uint) {
    let mut shifted = a.clone();
    shifted.shr1_assign();
    a.conditional_assign(c, &shifted);
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
