//! Division without the division instruction, for secret values: the
//! remainder modulo an even number (`d mod (p − 1)`, which Montgomery
//! reduction cannot do), exact division by a public odd word, and the
//! residue modulo a small public number (trial division in key
//! generation).
//!
//! `/` and `%` appear only on public divisors, to make constants.

use super::montgomery::inv_u64;
use super::uint::{sbb, shl1_in_place, sub_in_place, Uint, LIMB_BITS};
use crate::crypto::ct::{self, Choice};

/// `(x / m, x mod m)` for `m ≠ 0`, constant time: binary long division
/// (shift in one bit of `x`, subtract `m` when the remainder reaches it,
/// by a mask). `64·x.len()` steps of a few passes over `m.len()` limbs.
/// The quotient has `x`'s length, the remainder `m`'s. For `m = 0` the
/// results are meaningless (no panic).
pub fn div_rem_consttime(x: &Uint, m: &Uint) -> (Uint, Uint) {
    let n = m.len();
    let mut q = Uint::zero(x.len());
    let mut r = Uint::zero(n); // r < m
    let mut t = Uint::zero(n);
    for i in (0..x.len() * LIMB_BITS).rev() {
        let top = shl1_in_place(r.limbs_mut(), x.bit(i)); // top·2^(64n) + r = 2r + bit < 2m
        t.limbs_mut().copy_from_slice(r.limbs());
        let borrow = sub_in_place(t.limbs_mut(), m.limbs());
        let ge = Choice::from_bit(top | (borrow ^ 1)); // 2r + bit ≥ m
        ct::conditional_assign(ge, r.limbs_mut(), t.limbs()); // r < m again
        if let Some(limb) = q.limbs_mut().get_mut(i / LIMB_BITS) {
            *limb |= (ge.mask() & 1) << (i % LIMB_BITS);
        }
    }
    t.wipe();
    (q, r)
}

/// `x mod m` for `m ≠ 0`, constant time ([`div_rem_consttime`]'s
/// remainder), `m.len()` limbs.
pub fn rem_consttime(x: &Uint, m: &Uint) -> Uint {
    let (mut q, r) = div_rem_consttime(x, m);
    q.wipe();
    r
}

/// `x / d` for odd `d` dividing `x` exactly, constant time (the algorithm
/// of GMP's `mpn_divexact_1`: each quotient limb is the remaining low limb
/// times `d⁻¹ mod 2^64`, and the high half of `q_i·d` is carried into the
/// next limb). When `d` does not divide `x` the result is
/// `x·d⁻¹ mod 2^(64·len)`.
pub fn div_exact_u64(x: &Uint, d: u64) -> Uint {
    let inv = inv_u64(d | 1);
    let mut out = x.clone();
    let mut carry = 0u64; // < B − 1: a borrow plus the high half of q_i·d ≤ B − 2
    for limb in out.limbs_mut() {
        let (low, borrow) = sbb(*limb, carry, 0); // the remaining value's low limb
        let q = low.wrapping_mul(inv); // q·d ≡ low (mod B)
        *limb = q;
        let high = ((q as u128 * d as u128) >> 64) as u64; // ≤ B − 2
        carry = high + borrow;
    }
    out
}

/// `⌊2^64 / d⌋` for `2 ≤ d < 2^32`: the Barrett constant of
/// [`rem_u64_by_u32`] (a division of public numbers).
pub(crate) fn barrett_u32(d: u32) -> u64 {
    ((1u128 << 64) / u128::from(d.max(2))) as u64
}

/// `y mod d` for a secret `y` and a public `2 ≤ d < 2^32`, with
/// `mu = barrett_u32(d)`, no division: `q̂ = ⌊y·mu / 2^64⌋` is `⌊y/d⌋` or
/// one less (because `y·(2^64/d − mu) < y < 2^64`), so `y − q̂·d < 2d` and
/// one masked subtraction finishes.
pub(crate) fn rem_u64_by_u32(y: u64, d: u32, mu: u64) -> u32 {
    let d = u64::from(d);
    let q = ((y as u128 * mu as u128) >> 64) as u64; // ⌊y/d⌋ − 1 ≤ q ≤ ⌊y/d⌋
    let r = y.wrapping_sub(q.wrapping_mul(d)); // r < 2d < 2^33
    let ge = ct::lt_u64(r, d).not();
    ge.select_u64(r.wrapping_sub(d), r) as u32 // r < d < 2^32
}

/// `x mod d` for a secret `x` and a public `2 ≤ d < 2^32`, constant time:
/// Horner's rule over 32-bit digits, `r ← (r·2^32 + digit) mod d`, each
/// step below `d·2^32 ≤ 2^64` and reduced by `rem_u64_by_u32`.
/// `d < 2` gives 0.
pub fn rem_u32_consttime(x: &Uint, d: u32) -> u32 {
    if d < 2 {
        return 0;
    }
    let mu = barrett_u32(d);
    let mut r = 0u32;
    for &limb in x.limbs().iter().rev() {
        for digit in [limb >> 32, limb & 0xffff_ffff] {
            let y = (u64::from(r) << 32) | digit; // < d·2^32
            r = rem_u64_by_u32(y, d, mu);
        }
    }
    r
}
