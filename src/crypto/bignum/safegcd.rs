//! Constant-time modular inversion by Bernstein and Yang's "safegcd"
//! ("Fast constant-time gcd computation and modular inversion", TCHES
//! 2019), in the batched form of libsecp256k1's `modinv64` (its
//! `doc/safegcd_implementation.md`), for moduli of any length.
//!
//! The divstep on `(δ, f, g)` with `f` odd (§8 of the paper):
//!
//! ```text
//! δ > 0 and g odd:  (1 − δ, g, (g − f)/2)
//! g odd otherwise:  (1 + δ, f, (g + f)/2)
//! g even:           (1 + δ, f, g/2)
//! ```
//!
//! Starting from `(1, m, a)`, Theorem 11.2 bounds the steps after which
//! `g = 0` and `f = ±gcd(m, a)`: `⌊(49d + 57)/17⌋` for inputs below 2^d
//! (`⌊(49d + 80)/17⌋` when d < 46). The steps depend only on δ and the
//! low bits of `f` and `g`, so 62 of them at a time run on one machine
//! word and give a 2×2 matrix `T` with `2^62·(f′, g′) = T·(f, g)`; the
//! long numbers are then updated once per 62 steps. Alongside, `(d, e)`
//! with `f ≡ d·a`, `g ≡ e·a (mod m)` get the same matrix, with a multiple
//! of m added so that the division by 2^62 is exact; at the end
//! `a⁻¹ = ±d`.
//!
//! Numbers are signed, in 62-bit limbs (the lower ones in [0, 2^62), the
//! top one signed), so that a limb times a matrix entry (|entry| ≤ 2^62)
//! plus the carries stays within an `i128`. Every step is masks and
//! arithmetic; the step count depends only on m's bit length.

use super::montgomery::{inv_u64, Modulus};
use super::uint::{Uint, LIMB_BITS, MAX_LIMBS};
use crate::crypto::ct::{self, Choice};

/// The bits in one signed limb.
const BITS: usize = 62;
/// The low 62 bits.
const M62: u64 = u64::MAX >> 2;
/// Limbs for the largest modulus, with room for the sign and a spare.
const LIMBS62: usize = (MAX_LIMBS * LIMB_BITS).div_ceil(BITS) + 2;

/// The 2×2 transition matrix of 62 divsteps, `[[u, v], [q, r]]`.
struct Matrix {
    u: i64,
    v: i64,
    q: i64,
    r: i64,
}

/// 62 divsteps on `δ` and the low 64 bits of `f` (odd) and `g`: the new δ
/// and the matrix, with `2^62·(f′, g′) = (u·f + v·g, q·f + r·g)`. Each row
/// of the matrix has `|·| + |·| ≤ 2^62` (every step doubles one row and
/// adds or subtracts rows), so the entries fit in an `i64`.
///
/// Branch-free as libsecp256k1's `secp256k1_modinv64_divsteps_59`: the two
/// conditions are masks (through the barrier), the swap is an addition
/// after a conditional negation.
fn divsteps_62(mut delta: i64, f0: u64, g0: u64) -> (i64, Matrix) {
    let (mut f, mut g) = (f0, g0);
    // The matrix as words modulo 2^64 (true values in [−2^62, 2^62]).
    let (mut u, mut v, mut q, mut r) = (1u64, 0u64, 0u64, 1u64);
    for _ in 0..BITS {
        let c1 = ct::barrier((delta.wrapping_neg() >> 63) as u64); // all ones when δ > 0
        let c2 = ct::barrier((g & 1).wrapping_neg()); // all ones when g is odd
                                                      // x, y, z = (−f, −u, −v) when δ > 0, else (f, u, v).
        let x = (f ^ c1).wrapping_sub(c1);
        let y = (u ^ c1).wrapping_sub(c1);
        let z = (v ^ c1).wrapping_sub(c1);
        // g odd: g ← g ∓ f, and the g row likewise.
        g = g.wrapping_add(x & c2);
        q = q.wrapping_add(y & c2);
        r = r.wrapping_add(z & c2);
        // δ > 0 and g odd: f ← old g (= f + (g − f)), the f row ← old g row.
        let swap = c1 & c2;
        delta = ((delta as u64 ^ swap).wrapping_sub(swap) as i64).wrapping_add(1); // 1 ∓ δ
        f = f.wrapping_add(g & swap);
        u = u.wrapping_add(q & swap);
        v = v.wrapping_add(r & swap);
        // g is even now: halve it; keep 2^i·f = u·f₀ + v·g₀ by doubling the f row.
        // (Only g's low bits matter, and the shift keeps the 64 − i they need.)
        g >>= 1;
        u <<= 1;
        v <<= 1;
    }
    let m = Matrix {
        u: u as i64,
        v: v as i64,
        q: q as i64,
        r: r as i64,
    };
    (delta, m)
}

/// `(f, g) ← T·(f, g) / 2^62` (exact), over `n` signed limbs.
#[allow(clippy::indexing_slicing)] // i < n ≤ LIMBS62 = the arrays' length
fn update_fg(f: &mut [i64; LIMBS62], g: &mut [i64; LIMBS62], t: &Matrix, n: usize) {
    let (u, v, q, r) = (t.u as i128, t.v as i128, t.q as i128, t.r as i128);
    // |u·f_i + v·g_i| ≤ (|u| + |v|)·2^62 ≤ 2^124; the carries stay below 2^65.
    let mut cf = u * f[0] as i128 + v * g[0] as i128; // low 62 bits zero
    let mut cg = q * f[0] as i128 + r * g[0] as i128;
    cf >>= BITS;
    cg >>= BITS;
    for i in 1..n {
        cf += u * f[i] as i128 + v * g[i] as i128;
        cg += q * f[i] as i128 + r * g[i] as i128;
        f[i - 1] = (cf as u64 & M62) as i64; // in [0, 2^62)
        g[i - 1] = (cg as u64 & M62) as i64;
        cf >>= BITS; // arithmetic: the carry keeps the sign
        cg >>= BITS;
    }
    f[n - 1] = cf as i64; // the signed top limb
    g[n - 1] = cg as i64;
}

/// `(d, e) ← (T·(d, e) + m·(md, me)) / 2^62` with `md`, `me` chosen so the
/// division is exact and the results stay in (−2m, m) (libsecp256k1's
/// `update_de_62`: start md, me from the matrix columns of the negative
/// inputs, then correct their low 62 bits with `m⁻¹ mod 2^62`).
#[allow(clippy::indexing_slicing)] // i < n ≤ LIMBS62 = the arrays' length
fn update_de(
    d: &mut [i64; LIMBS62],
    e: &mut [i64; LIMBS62],
    t: &Matrix,
    m: &[i64; LIMBS62],
    m_inv62: u64,
    n: usize,
) {
    let sd = sign_mask(d[n - 1]); // all ones when d < 0
    let se = sign_mask(e[n - 1]);
    // |md|, |me| ≤ |u| + |v| ≤ 2^62 here, and lose less than 2^62 below.
    let mut md = (t.u & sd).wrapping_add(t.v & se);
    let mut me = (t.q & sd).wrapping_add(t.r & se);
    let (u, v, q, r) = (t.u as i128, t.v as i128, t.q as i128, t.r as i128);
    let mut cd = u * d[0] as i128 + v * e[0] as i128;
    let mut ce = q * d[0] as i128 + r * e[0] as i128;
    // md ≡ −cd·m⁻¹ (mod 2^62), md ∈ (md₀ − 2^62, md₀]: |md| < 2^63.
    md = md.wrapping_sub((m_inv62.wrapping_mul(cd as u64).wrapping_add(md as u64) & M62) as i64);
    me = me.wrapping_sub((m_inv62.wrapping_mul(ce as u64).wrapping_add(me as u64) & M62) as i64);
    let (md, me) = (md as i128, me as i128);
    cd += m[0] as i128 * md; // now ≡ 0 (mod 2^62)
    ce += m[0] as i128 * me;
    cd >>= BITS;
    ce >>= BITS;
    for i in 1..n {
        // |u·d_i + v·e_i + m_i·md| < 2^124 + 2^125: within an i128.
        cd += u * d[i] as i128 + v * e[i] as i128 + m[i] as i128 * md;
        ce += q * d[i] as i128 + r * e[i] as i128 + m[i] as i128 * me;
        d[i - 1] = (cd as u64 & M62) as i64;
        e[i - 1] = (ce as u64 & M62) as i64;
        cd >>= BITS;
        ce >>= BITS;
    }
    d[n - 1] = cd as i64;
    e[n - 1] = ce as i64;
}

/// The sign mask of `x` (all ones when negative), through the optimisation
/// barrier: a compiler that knows a value is 0 or −1 may turn `m & mask`
/// back into a branch (it did, in `cond_add`, before this barrier; the
/// valgrind check showed it).
fn sign_mask(x: i64) -> i64 {
    ct::barrier((x >> 63) as u64) as i64
}

/// Brings limbs 0..n−1 back into [0, 2^62), carrying into the signed top.
#[allow(clippy::indexing_slicing)] // i + 1 < n ≤ LIMBS62
fn carry(x: &mut [i64; LIMBS62], n: usize) {
    for i in 0..n - 1 {
        let c = x[i] >> BITS; // arithmetic
        x[i] &= M62 as i64;
        x[i + 1] = x[i + 1].wrapping_add(c);
    }
}

/// `if c { x += m }`, then carries.
#[allow(clippy::indexing_slicing)] // i < n ≤ LIMBS62
fn cond_add(c: i64, x: &mut [i64; LIMBS62], m: &[i64; LIMBS62], n: usize) {
    for i in 0..n {
        x[i] = x[i].wrapping_add(m[i] & c);
    }
    carry(x, n);
}

/// `if c { x = −x }`, then carries.
#[allow(clippy::indexing_slicing)] // i < n ≤ LIMBS62
fn cond_negate(c: i64, x: &mut [i64; LIMBS62], n: usize) {
    for limb in x.iter_mut().take(n) {
        *limb = (*limb ^ c).wrapping_sub(c);
    }
    carry(x, n);
}

/// The low bits of `x` (64-bit limbs) as `n` 62-bit limbs.
fn to_signed62(x: &Uint, n: usize) -> [i64; LIMBS62] {
    let mut out = [0i64; LIMBS62];
    for (i, limb) in out.iter_mut().enumerate().take(n) {
        let bit = i * BITS;
        let (w, s) = (bit / LIMB_BITS, bit % LIMB_BITS);
        let mut value = x.limb(w) >> s;
        if s > LIMB_BITS - BITS {
            value |= x.limb(w + 1) << (LIMB_BITS - s);
        }
        *limb = (value & M62) as i64;
    }
    out
}

/// A value in [0, 2^(64·len)) from normalised 62-bit limbs.
fn from_signed62(x: &[i64; LIMBS62], len: usize) -> Uint {
    let mut out = Uint::zero(len);
    for (i, &limb) in x.iter().enumerate() {
        let bit = i * BITS;
        let (w, s) = (bit / LIMB_BITS, bit % LIMB_BITS);
        let limb = limb as u64 & M62;
        let limbs = out.limbs_mut();
        if let Some(o) = limbs.get_mut(w) {
            *o |= limb << s;
        }
        if s > LIMB_BITS - BITS {
            if let Some(o) = limbs.get_mut(w + 1) {
                *o |= limb >> (LIMB_BITS - s);
            }
        }
    }
    out
}

impl Modulus {
    /// `a⁻¹ mod m` for `a < m`, plain values (not Montgomery forms), with
    /// whether it exists (`gcd(a, m) = 1`; else the value is meaningless).
    /// Constant time: Bernstein–Yang divsteps (see this file's notes),
    /// `⌈⌊(49b + 57)/17⌋ / 62⌉` batches for a b-bit modulus, each 62 word
    /// steps and two matrix products over the limbs.
    #[allow(clippy::indexing_slicing)] // indices below n ≤ LIMBS62, or constants below it
    pub fn invert_consttime(&self, a: &Uint) -> (Uint, Choice) {
        let len = self.len();
        let bits = self.bits();
        // Limbs for values in (−2m, 2m): bits + 2, and a spare.
        let n = (bits + 2).div_ceil(BITS) + 1;
        let steps = if bits < 46 {
            (49 * bits + 80) / 17
        } else {
            (49 * bits + 57) / 17
        };
        let m = to_signed62(self.value(), n);
        let m_inv62 = inv_u64(self.value().limb(0)) & M62; // m⁻¹ mod 2^62
        let a = a.resized(len);
        let mut f = m; // f = m ≡ 0·a
        let mut g = to_signed62(&a, n); // g = a ≡ 1·a
        let mut d = [0i64; LIMBS62];
        let mut e = [0i64; LIMBS62];
        e[0] = 1;
        let mut delta = 1i64;
        for _ in 0..steps.div_ceil(BITS) {
            // The low 64 bits of f and g (limbs 0, 1 and the low bits of 2).
            let low = |x: &[i64; LIMBS62]| (x[0] as u64) | ((x[1] as u64) << BITS);
            let (next, t) = divsteps_62(delta, low(&f), low(&g));
            delta = next;
            update_fg(&mut f, &mut g, &t, n);
            update_de(&mut d, &mut e, &t, &m, m_inv62, n);
        }
        // g = 0 and f = ±gcd(a, m). d ∈ (−2m, m): bring d·sign(f) into [0, m).
        let f_sign = sign_mask(f[n - 1]);
        cond_add(sign_mask(d[n - 1]), &mut d, &m, n); // (−m, m)
        cond_negate(f_sign, &mut d, n); // (−m, m)
        cond_add(sign_mask(d[n - 1]), &mut d, &m, n); // [0, m)
                                                      // The inverse exists when |f| = 1.
        cond_negate(f_sign, &mut f, n);
        let mut diff = (f[0] ^ 1) as u64;
        for &limb in f.iter().take(n).skip(1) {
            diff |= limb as u64;
        }
        let found = ct::is_zero_u64(diff);
        let inverse = from_signed62(&d, len);
        for x in [&mut f, &mut g, &mut d, &mut e] {
            x.fill(0);
        }
        core::hint::black_box((&mut f, &mut g, &mut d, &mut e));
        (inverse, found)
    }
}
