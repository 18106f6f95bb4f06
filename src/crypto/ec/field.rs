//! Arithmetic modulo an odd prime in Montgomery form, over `N` saturated
//! 64-bit limbs, for the fields of P-256, P-384 and secp256k1 and for the
//! scalars (integers modulo the group order n) of all four curves.
//!
//! An element `a` is held as `a·R mod m` with `R = 2^(64N)`, fully reduced
//! (`0 <= limbs < m`), so each value has one representation and equality
//! is equality of limbs. A product is then one Montgomery multiplication,
//! `mont_mul(aR, bR) = abR` (Montgomery, "Modular multiplication without
//! trial division", Math. Comp. 44, 1985): the double-width product, then
//! the reduction REDC (the separated operand scanning form of Koç, Acar
//! and Kaliski, "Analyzing and comparing Montgomery multiplication
//! algorithms", IEEE Micro 16(3), 1996). Squaring computes each cross
//! product once, which saves `N(N-1)/2` word products.
//!
//! The modulus is a type parameter ([`Modulus`]); the derived constants
//! (`-m⁻¹ mod 2^64`, `R mod m`, `R² mod m`, `m - 2`, `(m + 1)/4`) are
//! computed at compile time from it by the `const fn`s at the end of this
//! file, which use plain branches: they only ever run on public constants.
//!
//! Everything an element meets at run time is constant time: the one
//! conditional subtraction after each operation is a masked selection
//! through [`crate::crypto::ct`], and exponents ([`pow_public`]) are public
//! by contract (`m - 2` for inversion, `(m + 1)/4` for square roots). The
//! one exception says so in its name: [`Mont::invert_vartime`], for the
//! public values of verification.

use super::word::{adc, mac, sbb};
use crate::crypto::ct::{self, Choice};
use core::marker::PhantomData;
use core::ops::{Add, Mul, Neg, Sub};

/// An odd modulus `m` of `N` limbs with its top limb non-zero (so
/// `2^(64(N-1)) <= m < 2^(64N)`).
pub(crate) trait Modulus<const N: usize>: Copy + 'static {
    /// The modulus, least significant limb first.
    const M: [u64; N];
}

/// A modulus that is a curve's field prime p: [`Mont`] over it is a
/// [`Field`].
pub(crate) trait FieldModulus<const N: usize>: Modulus<N> {}

/// A modulus that is a curve's group order n: [`Mont`] over it is a
/// [`Scalar`](super::scalar::Scalar).
pub(crate) trait OrderModulus<const N: usize>: Modulus<N> {}

/// An element of `Z/mZ` in Montgomery form: `limbs = a·2^(64N) mod m`,
/// always below `m`.
#[derive(Clone, Copy)]
pub(crate) struct Mont<M, const N: usize> {
    limbs: [u64; N],
    modulus: PhantomData<M>,
}

impl<M: Modulus<N>, const N: usize> Mont<M, N> {
    /// `-m⁻¹ mod 2^64`: the factor that makes the low limb vanish in REDC.
    const M_INV: u64 = neg_inverse_mod_2_64(low_limb(&M::M));
    /// `R² mod m`: multiplying by it enters Montgomery form.
    const R2: [u64; N] = pow2_mod_const(128 * N, &M::M);
    /// `m - 2`: the exponent of inversion (Fermat's little theorem).
    pub(crate) const M_MINUS_2: [u64; N] = sub_small_const(&M::M, 2);
    /// `(m + 1)/4`: the square-root exponent when `m ≡ 3 (mod 4)`.
    pub(crate) const SQRT_EXP: [u64; N] = sqrt_exponent_const(&M::M);

    /// 0.
    pub(crate) const ZERO: Self = Self::from_montgomery([0; N]);
    /// 1, as `R mod m`.
    pub(crate) const ONE: Self = Self::from_montgomery(pow2_mod_const(64 * N, &M::M));

    /// An element from limbs already in Montgomery form and below `m`
    /// (generated tables; the test that regenerates them checks this).
    pub(crate) const fn from_montgomery(limbs: [u64; N]) -> Self {
        Mont {
            limbs,
            modulus: PhantomData,
        }
    }

    /// An element from limbs as stored (Montgomery form, below `m`): the
    /// constructor generated tables use for every field.
    pub(crate) const fn from_stored(limbs: [u64; N]) -> Self {
        Self::from_montgomery(limbs)
    }

    /// The element `x` (an integer below `m`) at compile time: `x·R mod m`
    /// by `64N` modular doublings. For curve constants only.
    pub(crate) const fn from_canonical_const(x: [u64; N]) -> Self {
        let mut v = x;
        let mut i = 0;
        while i < 64 * N {
            v = double_mod_const(&v, &M::M);
            i += 1;
        }
        Self::from_montgomery(v)
    }

    /// The element `x`, an integer of `N` limbs, when `x < m`; constant
    /// time in `x`, the outcome as a [`Choice`] (the value is 0 when not).
    pub(crate) fn from_canonical(x: &[u64; N]) -> (Self, Choice) {
        // x < m exactly when x - m borrows.
        let mut borrow = 0;
        for (a, b) in x.iter().zip(M::M.iter()) {
            (_, borrow) = sbb(*a, *b, borrow);
        }
        let below = Choice::from_bit(borrow);
        let mut masked = *x;
        for limb in masked.iter_mut() {
            *limb &= below.mask();
        }
        // masked < m and R² mod m < m: the product is below m², within
        // REDC's bound m·2^(64N); the result is x·R mod m.
        (
            Self::mul(
                &Self::from_montgomery(masked),
                &Self::from_montgomery(Self::R2),
            ),
            below,
        )
    }

    /// The integer `a` (below `m`), leaving Montgomery form: REDC(aR) = a.
    pub(crate) fn to_canonical(self) -> [u64; N] {
        Self::redc(&[self.limbs, [0; N]])
    }

    /// `a + b mod m`.
    #[inline]
    pub(crate) fn add(&self, other: &Self) -> Self {
        // a, b < m, so the sum < 2m < 2^(64N+1): N limbs and a carry bit.
        let mut sum = [0u64; N];
        let mut carry = 0;
        for ((s, a), b) in sum.iter_mut().zip(&self.limbs).zip(&other.limbs) {
            (*s, carry) = adc(*a, *b, carry);
        }
        Self::from_montgomery(reduce_once::<N>(&sum, carry, &M::M))
    }

    /// `a - b mod m`.
    #[inline]
    pub(crate) fn sub(&self, other: &Self) -> Self {
        // a - b in (-m, m): subtract, then add m back when it borrowed.
        let mut diff = [0u64; N];
        let mut borrow = 0;
        for ((d, a), b) in diff.iter_mut().zip(&self.limbs).zip(&other.limbs) {
            (*d, borrow) = sbb(*a, *b, borrow);
        }
        let add_back = Choice::from_bit(borrow).mask();
        let mut carry = 0;
        for (d, m) in diff.iter_mut().zip(M::M.iter()) {
            // d + (m & mask): back in [0, m); the final carry is dropped
            // (it is the wrap of the borrow).
            (*d, carry) = adc(*d, m & add_back, carry);
        }
        Self::from_montgomery(diff)
    }

    /// `-a mod m`.
    #[inline]
    pub(crate) fn neg(&self) -> Self {
        Mont::sub(&Self::ZERO, self)
    }

    /// `2a mod m`.
    #[inline]
    pub(crate) fn double(&self) -> Self {
        self.add(self)
    }

    /// `a·b mod m`, the Montgomery product of `aR` and `bR` (`abR`): the
    /// double-width schoolbook product, then REDC (separated operand
    /// scanning; measured faster here than the interleaved CIOS form).
    #[allow(clippy::indexing_slicing)] // i, j < N; (i + j) / N < 2 and % N < N
    #[inline]
    pub(crate) fn mul(&self, other: &Self) -> Self {
        let (a, b) = (&self.limbs, &other.limbs);
        // w[k / N][k % N] is limb k of a 2N-limb number; row i adds a[i]·b
        // at limbs i..=i + N (the top one still 0 when it is written), so
        // after row i, w < 2^(64(N + i + 1)), and at the end w = a·b < m².
        let mut w = [[0u64; N]; 2];
        for (i, ai) in a.iter().enumerate() {
            let mut carry = 0;
            for (j, bj) in b.iter().enumerate() {
                let k = i + j;
                (w[k / N][k % N], carry) = mac(w[k / N][k % N], *ai, *bj, carry);
            }
            let k = i + N;
            w[k / N][k % N] = carry;
        }
        Self::from_montgomery(Self::redc(&w))
    }

    /// `a² mod m`: the double-width square (each cross product once,
    /// doubled), then REDC.
    #[allow(clippy::indexing_slicing)] // i, j < N; (i + j) / N < 2 and % N < N
    #[inline]
    pub(crate) fn square(&self) -> Self {
        let a = &self.limbs;
        // w[k / N][k % N] is limb k of a 2N-limb number.
        let mut w = [[0u64; N]; 2];
        // Cross products a[i]·a[j], i < j: the sum is below a²/2.
        for i in 0..N {
            let mut carry = 0;
            for j in i + 1..N {
                let k = i + j;
                (w[k / N][k % N], carry) = mac(w[k / N][k % N], a[i], a[j], carry);
            }
            // Position i + N is still 0 here: row i - 1 reached i + N - 1.
            let k = i + N;
            w[k / N][k % N] = carry;
        }
        // Double them: the top bit of the 2N limbs is 0 before the shift.
        let mut shifted_out = 0;
        for half in w.iter_mut() {
            for limb in half.iter_mut() {
                let next = *limb >> 63;
                *limb = (*limb << 1) | shifted_out;
                shifted_out = next;
            }
        }
        // Add the squares a[i]² at limbs 2i, 2i + 1; the total is a² < 2^(128N),
        // so the last carry is 0.
        let mut carry = 0;
        for (i, ai) in a.iter().enumerate() {
            let (lo, hi) = mac(0, *ai, *ai, 0);
            let (k0, k1) = (2 * i, 2 * i + 1);
            let c;
            (w[k0 / N][k0 % N], c) = adc(w[k0 / N][k0 % N], lo, carry);
            (w[k1 / N][k1 % N], carry) = adc(w[k1 / N][k1 % N], hi, c);
        }
        Self::from_montgomery(Self::redc(&w))
    }

    /// REDC: `w·2^(-64N) mod m` for a 2N-limb `w < m·2^(64N)`, fully
    /// reduced. Each round adds `q·m` with q chosen so that the low limb
    /// cancels (`t[0] + q·m[0] ≡ 0 mod 2^64`), then shifts one limb down.
    #[allow(clippy::indexing_slicing)] // i, j < N
    #[inline]
    fn redc(w: &[[u64; N]; 2]) -> [u64; N] {
        let m = &M::M;
        // State before round i: t + (c + w[1][i..])·2^(64N), with c <= 1.
        let mut t = w[0];
        let mut c = 0;
        for high in &w[1] {
            let q = t[0].wrapping_mul(Self::M_INV);
            // t[0] + q·m[0] ≡ 0 (mod 2^64): only its carry is kept.
            let (_, mut carry) = mac(t[0], q, m[0], 0);
            for j in 1..N {
                // t[j] + q·m[j] + carry < 2^128: one limb down, and a carry.
                (t[j - 1], carry) = mac(t[j], q, m[j], carry);
            }
            // carry + c + w[1][i] <= 2^65 - 1: one word and a bit.
            let (low, c1) = adc(*high, carry, c);
            t[N - 1] = low;
            c = c1;
        }
        // t + c·2^(64N) < 2m.
        reduce_once::<N>(&t, c, m)
    }

    /// `a⁻¹ mod m` as `a^(m−2)` (Fermat; m is prime), constant time; 0
    /// maps to 0.
    pub(crate) fn invert(&self) -> Self {
        pow_public(*self, Self::ONE, &Self::M_MINUS_2, |x| Mont::square(&x))
    }

    /// `a⁻¹ mod m` in variable time (the binary algorithm of `word.rs`),
    /// for public values only; 0 maps to 0.
    pub(crate) fn invert_vartime(&self) -> Self {
        let inverse = super::word::invert_vartime(&self.to_canonical(), &M::M);
        // The integer is below m: entering Montgomery form cannot fail.
        Self::from_canonical(&inverse).0
    }

    /// Whether `a = 0`.
    #[inline]
    pub(crate) fn is_zero(&self) -> Choice {
        let mut any = 0;
        for limb in &self.limbs {
            any |= limb;
        }
        ct::is_zero_u64(any)
    }

    /// Whether `a = b`.
    #[inline]
    pub(crate) fn ct_eq(&self, other: &Self) -> Choice {
        let mut diff = 0;
        for (a, b) in self.limbs.iter().zip(&other.limbs) {
            diff |= a ^ b;
        }
        ct::is_zero_u64(diff)
    }

    /// `if c { a } else { b }`.
    #[inline]
    pub(crate) fn select(c: Choice, a: &Self, b: &Self) -> Self {
        let mut out = b.limbs;
        ct::conditional_assign(c, &mut out, &a.limbs);
        Self::from_montgomery(out)
    }
}

/// `t + top·2^(64N) mod m` for a value below `2m`: subtract `m` once unless
/// that borrows. `top` is 0 or 1.
#[inline(always)]
pub(crate) fn reduce_once<const N: usize>(t: &[u64; N], top: u64, m: &[u64; N]) -> [u64; N] {
    let mut d = [0u64; N];
    let mut borrow = 0;
    for ((d, a), b) in d.iter_mut().zip(t).zip(m) {
        (*d, borrow) = sbb(*a, *b, borrow);
    }
    // t + top·2^(64N) < m exactly when the N-limb subtraction borrowed and
    // there is no top bit to absorb it.
    let keep_t = Choice::from_bit(borrow & !top);
    let mut out = d;
    ct::conditional_assign(keep_t, &mut out, t);
    out
}

/// What the point arithmetic needs of a curve's field: the ring operations
/// (as operators), squaring, inversion, square roots, constant-time
/// comparison and selection, and big-endian octets.
///
/// Implemented by [`Mont`] (P-256, P-384, secp256k1) and by the P-521
/// field in Mersenne form (`p521.rs`).
pub(crate) trait Field:
    Copy + Add<Output = Self> + Sub<Output = Self> + Mul<Output = Self> + Neg<Output = Self>
{
    /// 0.
    const ZERO: Self;
    /// 1.
    const ONE: Self;

    /// `a²`.
    fn square(&self) -> Self;
    /// `2a`.
    fn double(&self) -> Self;
    /// `a⁻¹` (Fermat, constant time); 0 maps to 0.
    fn invert(&self) -> Self;
    /// `a⁻¹` in variable time, for public values only; 0 maps to 0.
    fn invert_vartime(&self) -> Self;
    /// A square root of `a` when `a` is a square, for `p ≡ 3 (mod 4)`:
    /// `a^((p+1)/4)`, kept when its square is `a` (public data only).
    fn sqrt_vartime(&self) -> Option<Self>;
    /// Whether `a = 0`.
    fn is_zero(&self) -> Choice;
    /// Whether `a = b`.
    fn ct_eq(&self, other: &Self) -> Choice;
    /// `if c { a } else { b }`.
    fn select(c: Choice, a: &Self, b: &Self) -> Self;
    /// Whether the integer `a` (in `[0, p)`) is odd.
    fn is_odd(&self) -> Choice;
    /// The element whose big-endian octets are `bytes` (at most the limbs'
    /// width), if that integer is below `p`.
    fn from_be_bytes(bytes: &[u8]) -> Option<Self>;
    /// The integer `a` as big-endian octets filling `out` (the caller gives
    /// the field's length).
    fn write_be_bytes(&self, out: &mut [u8]);
    /// The limbs as stored, for printing generated tables.
    #[cfg(test)]
    fn stored_limbs(&self) -> alloc::vec::Vec<u64>;

    /// `a^e` for a public exponent `e` (least significant limb first),
    /// constant time in `a`.
    fn pow(&self, exponent: &[u64]) -> Self {
        pow_public(*self, Self::ONE, exponent, |x| x.square())
    }
}

/// `base^e` for a public exponent `e` (least significant limb first):
/// fixed 4-bit windows, whose table entries are chosen by the public
/// exponent bits. Constant time in `base`.
pub(crate) fn pow_public<T: Copy + Mul<Output = T>>(
    base: T,
    one: T,
    exponent: &[u64],
    square: impl Fn(T) -> T,
) -> T {
    // table[k] = base^k, k = 0..15.
    let mut table = [one; 16];
    let mut previous = one;
    for entry in table.iter_mut().skip(1) {
        previous = previous * base;
        *entry = previous;
    }
    let mut acc = one;
    let mut started = false;
    for limb in exponent.iter().rev() {
        for shift in (0..16).rev() {
            let window = ((limb >> (4 * shift)) & 0xf) as usize;
            if started {
                acc = square(square(square(square(acc))));
            }
            if window != 0 {
                acc = acc * table.get(window).copied().unwrap_or(one);
                started = true;
            }
        }
    }
    acc
}

impl<M: FieldModulus<N>, const N: usize> Field for Mont<M, N> {
    const ZERO: Self = Mont::ZERO;
    const ONE: Self = Mont::ONE;

    #[inline]
    fn square(&self) -> Self {
        Mont::square(self)
    }
    #[inline]
    fn double(&self) -> Self {
        Mont::double(self)
    }
    fn invert(&self) -> Self {
        Mont::invert(self)
    }
    fn invert_vartime(&self) -> Self {
        Mont::invert_vartime(self)
    }
    fn sqrt_vartime(&self) -> Option<Self> {
        let root = self.pow(&Self::SQRT_EXP);
        Mont::square(&root).ct_eq(self).declassify().then_some(root)
    }
    #[inline]
    fn is_zero(&self) -> Choice {
        Mont::is_zero(self)
    }
    #[inline]
    fn ct_eq(&self, other: &Self) -> Choice {
        Mont::ct_eq(self, other)
    }
    #[inline]
    fn select(c: Choice, a: &Self, b: &Self) -> Self {
        Mont::select(c, a, b)
    }
    fn is_odd(&self) -> Choice {
        Choice::from_bit(self.to_canonical().first().copied().unwrap_or(0) & 1)
    }
    fn from_be_bytes(bytes: &[u8]) -> Option<Self> {
        let limbs = super::word::from_be_bytes::<N>(bytes)?;
        let (value, below) = Self::from_canonical(&limbs);
        below.declassify().then_some(value)
    }
    fn write_be_bytes(&self, out: &mut [u8]) {
        super::word::to_be_bytes(&self.to_canonical(), out);
    }
    #[cfg(test)]
    fn stored_limbs(&self) -> alloc::vec::Vec<u64> {
        self.limbs.to_vec()
    }
}

impl<M: Modulus<N>, const N: usize> Add for Mont<M, N> {
    type Output = Self;
    #[inline]
    fn add(self, rhs: Self) -> Self {
        Mont::add(&self, &rhs)
    }
}

impl<M: Modulus<N>, const N: usize> Sub for Mont<M, N> {
    type Output = Self;
    #[inline]
    fn sub(self, rhs: Self) -> Self {
        Mont::sub(&self, &rhs)
    }
}

impl<M: Modulus<N>, const N: usize> Mul for Mont<M, N> {
    type Output = Self;
    #[inline]
    fn mul(self, rhs: Self) -> Self {
        Mont::mul(&self, &rhs)
    }
}

impl<M: Modulus<N>, const N: usize> Neg for Mont<M, N> {
    type Output = Self;
    #[inline]
    fn neg(self) -> Self {
        Mont::neg(&self)
    }
}

// ---- Compile-time helpers: run only on public constants. ----

/// The low limb of `m` (`m` has at least one limb).
#[allow(clippy::indexing_slicing)] // N >= 1 for every modulus
const fn low_limb<const N: usize>(m: &[u64; N]) -> u64 {
    m[0]
}

/// `-m0⁻¹ mod 2^64` for odd `m0`, by Newton's iteration: each step doubles
/// the number of correct low bits (1, 2, 4, ..., 64 after six steps; the
/// start `m0` is already right to 3 bits since `m0·m0 ≡ 1 mod 8`).
const fn neg_inverse_mod_2_64(m0: u64) -> u64 {
    let mut inv = m0;
    let mut i = 0;
    while i < 6 {
        inv = inv.wrapping_mul(2u64.wrapping_sub(m0.wrapping_mul(inv)));
        i += 1;
    }
    inv.wrapping_neg()
}

/// `x ≥ m`, compile time.
#[allow(clippy::indexing_slicing)] // i < N
const fn geq_const<const N: usize>(x: &[u64; N], m: &[u64; N]) -> bool {
    let mut i = N;
    while i > 0 {
        i -= 1;
        if x[i] != m[i] {
            return x[i] > m[i];
        }
    }
    true
}

/// `x - y` (no borrow out expected), compile time.
#[allow(clippy::indexing_slicing)] // i < N
const fn sub_const<const N: usize>(x: &[u64; N], y: &[u64; N]) -> [u64; N] {
    let mut out = [0u64; N];
    let mut borrow = 0;
    let mut i = 0;
    while i < N {
        (out[i], borrow) = sbb(x[i], y[i], borrow);
        i += 1;
    }
    out
}

/// `2x mod m` for `x < m`, compile time.
#[allow(clippy::indexing_slicing)] // i < N
const fn double_mod_const<const N: usize>(x: &[u64; N], m: &[u64; N]) -> [u64; N] {
    let mut out = [0u64; N];
    let mut carry = 0;
    let mut i = 0;
    while i < N {
        out[i] = (x[i] << 1) | carry;
        carry = x[i] >> 63;
        i += 1;
    }
    if carry == 1 || geq_const(&out, m) {
        // 2x - m: the dropped carry is the wrap of this subtraction.
        out = sub_const(&out, m);
    }
    out
}

/// `2^k mod m`, compile time.
#[allow(clippy::indexing_slicing)] // index 0 < N
const fn pow2_mod_const<const N: usize>(k: usize, m: &[u64; N]) -> [u64; N] {
    let mut v = [0u64; N];
    v[0] = 1;
    let mut i = 0;
    while i < k {
        v = double_mod_const(&v, m);
        i += 1;
    }
    v
}

/// `m - s` for a small `s <= m`, compile time.
#[allow(clippy::indexing_slicing)] // index 0 < N
const fn sub_small_const<const N: usize>(m: &[u64; N], s: u64) -> [u64; N] {
    let mut small = [0u64; N];
    small[0] = s;
    sub_const(m, &small)
}

/// `(m + 1) / 4`, compile time.
#[allow(clippy::indexing_slicing)] // i, i + 1 < N
const fn sqrt_exponent_const<const N: usize>(m: &[u64; N]) -> [u64; N] {
    // m + 1 (m < 2^(64N) - 1 for every modulus here, so no carry out).
    let mut v = [0u64; N];
    let mut carry = 1;
    let mut i = 0;
    while i < N {
        (v[i], carry) = adc(m[i], 0, carry);
        i += 1;
    }
    // Shift right by two bits.
    let mut out = [0u64; N];
    i = 0;
    while i < N {
        out[i] = v[i] >> 2;
        if i + 1 < N {
            out[i] |= v[i + 1] << 62;
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::ec::curve::{
        P256Order, P256Prime, P384Order, P384Prime, P521Order, Secp256k1Order, Secp256k1Prime,
    };
    use crate::crypto::ec::p521::Fe521;
    use crate::crypto::ec::reference::{random_below, Big};
    use crate::crypto::rand::TestRng;
    use alloc::vec::Vec;

    /// Edge values below m, then random ones.
    fn samples<const N: usize>(m: &Big, rng: &mut TestRng) -> Vec<Big> {
        let one = Big::from_u64(1);
        let mut v = vec_of(&[
            Big::zero(),
            one.clone(),
            Big::from_u64(2),
            m.sub(&one),
            m.sub(&Big::from_u64(2)),
            m.sub(&one).rem(&Big::from_limbs(&[0, 1])), // low limb of m − 1
            Big::from_limbs(&[0, 1]).rem(m),            // 2^64
        ]);
        // All-ones low halves, a value with only the top limb set.
        let mut top = [0u64; N];
        top[N - 1] = 1 << 62;
        v.push(Big::from_limbs(&top).rem(m));
        for _ in 0..24 {
            v.push(random_below(rng, m));
        }
        v
    }

    fn vec_of(items: &[Big]) -> Vec<Big> {
        items.to_vec()
    }

    fn element<M: Modulus<N>, const N: usize>(x: &Big) -> Mont<M, N> {
        let (e, ok) = Mont::<M, N>::from_canonical(&x.to_limbs::<N>());
        assert!(ok.declassify());
        e
    }

    fn value<M: Modulus<N>, const N: usize>(e: &Mont<M, N>) -> Big {
        Big::from_limbs(&e.to_canonical())
    }

    fn check_against_reference<M: Modulus<N>, const N: usize>(seed: u64) {
        let m = Big::from_limbs(&M::M);
        let mut rng = TestRng(seed);
        let xs = samples::<N>(&m, &mut rng);
        for a in &xs {
            let ea = element::<M, N>(a);
            assert_eq!(value(&ea), *a, "round trip");
            assert_eq!(value(&Mont::square(&ea)), a.mul_mod(a, &m), "square");
            assert_eq!(value(&Mont::neg(&ea)), Big::zero().sub_mod(a, &m), "neg");
            assert_eq!(value(&Mont::double(&ea)), a.add_mod(a, &m), "double");
            assert_eq!(Mont::is_zero(&ea).declassify(), a.is_zero());
            for b in xs.iter().step_by(3) {
                let eb = element::<M, N>(b);
                assert_eq!(value(&Mont::add(&ea, &eb)), a.add_mod(b, &m), "add");
                assert_eq!(value(&Mont::sub(&ea, &eb)), a.sub_mod(b, &m), "sub");
                assert_eq!(value(&Mont::mul(&ea, &eb)), a.mul_mod(b, &m), "mul");
                assert_eq!(Mont::ct_eq(&ea, &eb).declassify(), a == b);
                let c = Choice::from_bit(u64::from(a < b));
                let chosen = Mont::select(c, &ea, &eb);
                assert_eq!(value(&chosen), if a < b { a.clone() } else { b.clone() });
            }
        }
        // Inversion: against the reference on a few values, and a·a⁻¹ = 1.
        for a in xs.iter().take(5) {
            let inverse = Mont::invert(&element::<M, N>(a));
            if a.is_zero() {
                assert!(Mont::is_zero(&inverse).declassify());
            } else {
                assert_eq!(value(&inverse), a.inv_mod(&m));
            }
        }
        for a in xs.iter().skip(5) {
            let ea = element::<M, N>(a);
            let product = Mont::mul(&ea, &Mont::invert(&ea));
            assert_eq!(value(&product), Big::from_u64(1), "a·a⁻¹");
            // The variable-time inversion agrees with Fermat's.
            assert!(Mont::ct_eq(&Mont::invert_vartime(&ea), &Mont::invert(&ea)).declassify());
        }
        assert!(Mont::is_zero(&Mont::invert_vartime(&Mont::<M, N>::ZERO)).declassify());
    }

    fn check_entry_refuses_values_from_m_up<M: Modulus<N>, const N: usize>() {
        let octets = |x: &Big| -> bool {
            let limbs = x.to_be_bytes(8 * N);
            match crate::crypto::ec::word::from_be_bytes::<N>(&limbs) {
                Some(l) => Mont::<M, N>::from_canonical(&l).1.declassify(),
                None => false,
            }
        };
        let m = Big::from_limbs(&M::M);
        let one = Big::from_u64(1);
        let all_ones = [u64::MAX; N];
        for x in [m.clone(), m.add(&one), m.add(&Big::from_u64(2))] {
            if x.bits() <= 64 * N {
                let (_, ok) = Mont::<M, N>::from_canonical(&x.to_limbs::<N>());
                assert!(!ok.declassify(), "{x:?} accepted");
            }
        }
        assert!(!Mont::<M, N>::from_canonical(&all_ones).1.declassify());
        assert!(Mont::<M, N>::from_canonical(&m.sub(&one).to_limbs::<N>())
            .1
            .declassify());
        // Through octets too.
        assert!(!octets(&m));
        assert!(octets(&m.sub(&one)));
    }

    fn check_square_roots<M: FieldModulus<N>, const N: usize>(seed: u64) {
        let m = Big::from_limbs(&M::M);
        let mut rng = TestRng(seed);
        for _ in 0..8 {
            let a = element::<M, N>(&random_below(&mut rng, &m));
            let square = Mont::square(&a);
            let root = square.sqrt_vartime().expect("a square has a root");
            assert_eq!(value(&Mont::square(&root)), value(&square));
            // −a² is not a square when p ≡ 3 (mod 4) (−1 is not).
            if !Mont::is_zero(&a).declassify() {
                assert!(Mont::neg(&square).sqrt_vartime().is_none());
            }
        }
    }

    #[test]
    fn p256_field_arithmetic_matches_the_reference() {
        check_against_reference::<P256Prime, 4>(1);
        check_entry_refuses_values_from_m_up::<P256Prime, 4>();
        check_square_roots::<P256Prime, 4>(2);
    }

    #[test]
    fn p256_scalar_arithmetic_matches_the_reference() {
        check_against_reference::<P256Order, 4>(3);
        check_entry_refuses_values_from_m_up::<P256Order, 4>();
    }

    #[test]
    fn p384_field_and_scalar_arithmetic_match_the_reference() {
        check_against_reference::<P384Prime, 6>(4);
        check_entry_refuses_values_from_m_up::<P384Prime, 6>();
        check_square_roots::<P384Prime, 6>(5);
        check_against_reference::<P384Order, 6>(6);
        check_entry_refuses_values_from_m_up::<P384Order, 6>();
    }

    #[test]
    fn p521_scalar_arithmetic_matches_the_reference() {
        check_against_reference::<P521Order, 9>(7);
        check_entry_refuses_values_from_m_up::<P521Order, 9>();
    }

    #[test]
    fn secp256k1_field_and_scalar_arithmetic_match_the_reference() {
        check_against_reference::<Secp256k1Prime, 4>(8);
        check_entry_refuses_values_from_m_up::<Secp256k1Prime, 4>();
        check_square_roots::<Secp256k1Prime, 4>(9);
        check_against_reference::<Secp256k1Order, 4>(10);
        check_entry_refuses_values_from_m_up::<Secp256k1Order, 4>();
    }

    /// Any [`Field`], through its octet interface only: the ring
    /// operations, inversion, square roots and parity against the
    /// reference, on edge and random values, and entry refusing p and
    /// above.
    pub(crate) fn check_field<F: Field>(p: &Big, len: usize, seed: u64) {
        let mut rng = TestRng(seed);
        let one = Big::from_u64(1);
        let element = |x: &Big| F::from_be_bytes(&x.to_be_bytes(len)).expect("below p");
        let value = |e: &F| {
            let mut out = alloc::vec![0u8; len];
            e.write_be_bytes(&mut out);
            Big::from_be_bytes(&out)
        };
        let mut xs = alloc::vec![
            Big::zero(),
            one.clone(),
            Big::from_u64(2),
            p.sub(&one),
            p.sub(&Big::from_u64(2)),
            Big::from_limbs(&[u64::MAX, u64::MAX]),
        ];
        for _ in 0..20 {
            xs.push(random_below(&mut rng, p));
        }
        for a in &xs {
            let ea = element(a);
            assert_eq!(value(&ea), *a);
            assert_eq!(value(&ea.square()), a.mul_mod(a, p), "square");
            assert_eq!(value(&-ea), Big::zero().sub_mod(a, p), "neg");
            assert_eq!(value(&ea.double()), a.add_mod(a, p), "double");
            assert_eq!(ea.is_zero().declassify(), a.is_zero());
            assert_eq!(ea.is_odd().declassify(), a.bit(0));
            for b in xs.iter().step_by(3) {
                let eb = element(b);
                assert_eq!(value(&(ea + eb)), a.add_mod(b, p), "add");
                assert_eq!(value(&(ea - eb)), a.sub_mod(b, p), "sub");
                assert_eq!(value(&(ea * eb)), a.mul_mod(b, p), "mul");
                assert_eq!(ea.ct_eq(&eb).declassify(), a == b);
            }
        }
        for a in xs.iter().take(4) {
            let inverse = element(a).invert();
            if a.is_zero() {
                assert!(inverse.is_zero().declassify());
            } else {
                assert_eq!(value(&inverse), a.inv_mod(p), "invert");
            }
            assert_eq!(value(&element(a).invert_vartime()), value(&inverse));
        }
        for a in xs.iter().skip(4).take(8) {
            let ea = element(a);
            assert_eq!(value(&(ea * ea.invert())), one, "a·a⁻¹");
            assert_eq!(
                value(&(ea * ea.invert_vartime())),
                one,
                "a·a⁻¹, variable time"
            );
            let root = ea.square().sqrt_vartime().expect("a square has a root");
            assert_eq!(value(&root.square()), a.mul_mod(a, p));
            if !a.is_zero() {
                assert!((-ea.square()).sqrt_vartime().is_none(), "−a² is no square");
            }
        }
        // p and above are refused; so are encodings longer than the limbs.
        for x in [p.clone(), p.add(&one)] {
            if x.bits() <= 8 * len {
                assert!(F::from_be_bytes(&x.to_be_bytes(len)).is_none());
            }
        }
        assert!(F::from_be_bytes(&alloc::vec![0xff; len]).is_none());
        assert!(F::from_be_bytes(&alloc::vec![0; 80]).is_none());
    }

    #[test]
    fn every_curve_field_through_its_octets_matches_the_reference() {
        check_field::<Mont<P256Prime, 4>>(&Big::from_limbs(&P256Prime::M), 32, 41);
        check_field::<Mont<P384Prime, 6>>(&Big::from_limbs(&P384Prime::M), 48, 42);
        check_field::<Mont<Secp256k1Prime, 4>>(&Big::from_limbs(&Secp256k1Prime::M), 32, 43);
        let p521 = Big::from_u64(1).add(&Big::zero()); // 2^521 − 1 below
        let mut two_521 = p521;
        for _ in 0..521 {
            two_521 = two_521.add(&two_521);
        }
        check_field::<Fe521>(&two_521.sub(&Big::from_u64(1)), 66, 44);
    }

    #[test]
    fn montgomery_constants_are_what_they_claim() {
        // −m⁻¹·m ≡ −1 (mod 2^64).
        let m0 = P256Prime::M[0];
        assert_eq!(Mont::<P256Prime, 4>::M_INV.wrapping_mul(m0), u64::MAX);
        let m = Big::from_limbs(&P256Prime::M);
        let r = Big::from_limbs(&[0, 0, 0, 0, 1]).rem(&m);
        assert_eq!(Big::from_limbs(&Mont::<P256Prime, 4>::ONE.limbs), r);
        assert_eq!(
            Big::from_limbs(&Mont::<P256Prime, 4>::R2),
            r.mul_mod(&r, &m)
        );
        let canonical = Mont::<P256Prime, 4>::from_canonical_const([5, 0, 0, 7]);
        assert_eq!(value(&canonical), Big::from_limbs(&[5, 0, 0, 7]));
    }
}
