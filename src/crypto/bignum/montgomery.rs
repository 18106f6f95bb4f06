//! Montgomery arithmetic modulo an odd `m` (Montgomery 1985; the CIOS
//! form of Koç, Acar and Kaliski, "Analyzing and Comparing Montgomery
//! Multiplication Algorithms", IEEE Micro 1996).
//!
//! With `R = 2^(64·L)` for an `L`-limb modulus, the Montgomery form of `x`
//! is `x·R mod m`, and the Montgomery product of two forms is
//! `a·b·R⁻¹ mod m`: a multiplication followed by a reduction that needs
//! only word multiplications and shifts, never a division. A [`Modulus`]
//! computes its two constants once, `m0inv = −m⁻¹ mod 2^64` and
//! `R² mod m`, and is kept inside the key that owns it.
//!
//! Every function here is constant time in the values; the modulus's bit
//! length and parity (public for RSA moduli and for primes of a given key
//! size) are the only facts branched on, in [`Modulus::new`].

use super::uint::{
    adc, add_in_place, mac, sbb, shl1_in_place, sub_in_place, Uint, CAPACITY, LIMB_BITS, MAX_LIMBS,
};
use crate::crypto::ct::{self, Choice};

/// `x⁻¹ mod 2^64` for odd `x`, by Newton's iteration `y ← y·(2 − x·y)`:
/// `y = x` is right to 3 bits (`x·x ≡ 1 mod 8`), each step doubles that,
/// so five steps give 96 ≥ 64 bits.
pub(crate) fn inv_u64(x: u64) -> u64 {
    let mut y = x;
    for _ in 0..5 {
        y = y.wrapping_mul(2u64.wrapping_sub(x.wrapping_mul(y)));
    }
    y
}

/// `out = t mod m` for `t < 2m` given as `m.len() + 1` limbs (the top limb
/// 0 or 1): one subtraction, kept or not by a mask.
#[allow(clippy::indexing_slicing)] // t has n + 1 limbs; the loops zip
fn reduce_once(out: &mut [u64], t: &[u64], m: &[u64]) {
    let n = m.len();
    let mut borrow = 0;
    for ((o, &x), &y) in out.iter_mut().zip(t).zip(m) {
        (*o, borrow) = sbb(x, y, borrow); // o = t − m, limb by limb
    }
    let (_, borrow) = sbb(t[n], 0, borrow); // borrow = 1 exactly when t < m
    let keep = Choice::from_bit(borrow);
    for (o, &x) in out.iter_mut().zip(t) {
        *o = keep.select_u64(x, *o);
    }
}

/// CIOS Montgomery product: `out = a·b·R⁻¹ mod m`, for `b < m` and any `a`
/// below `R` (so one operand may be an unreduced block, which
/// [`Modulus::reduce`] uses). All slices have the modulus's length.
#[allow(clippy::indexing_slicing)] // j < n = m.len() = a.len() = b.len(); t has n + 1 limbs
pub(crate) fn mont_mul(out: &mut [u64], a: &[u64], b: &[u64], m: &[u64], m0inv: u64) {
    let n = m.len();
    if n == 0 || n > MAX_LIMBS || a.len() != n || b.len() != n || out.len() != n {
        return; // lengths are fixed by the modulus; never reached
    }
    // t < 2m throughout: n limbs and a top limb t[n] ≤ 1.
    let mut t = [0u64; MAX_LIMBS + 1];
    for &ai in a {
        // t ← (t + ai·b + u·m) / 2^64, with u chosen so the division is exact.
        let (t0, mut c1) = mac(t[0], ai, b[0], 0); // t0 + c1·B = t[0] + ai·b[0]
        let u = t0.wrapping_mul(m0inv); // t0 + u·m[0] ≡ 0 (mod B)
        let (_, mut c2) = mac(t0, u, m[0], 0); // low word 0: shifted out
        for j in 1..n {
            let (x, c) = mac(t[j], ai, b[j], c1); // x + c·B = t[j] + ai·b[j] + c1
            c1 = c;
            let (y, c) = mac(x, u, m[j], c2); // y + c·B = x + u·m[j] + c2
            c2 = c;
            t[j - 1] = y;
        }
        let (x, c) = adc(t[n], c1, c2); // t[n] ≤ 1, c1, c2 < B: c ≤ 1
        t[n - 1] = x;
        t[n] = c; // (t + ai·b + u·m)/B < (2m + 2(B−1)m)/B ≤ 2m: t[n] ≤ 1
    }
    reduce_once(out, &t[..=n], m); // t < 2m → out < m
}

/// Montgomery square: `out = a²·R⁻¹ mod m` for `a < m`. The full square
/// first, each cross product `a_i·a_j` (i < j) computed once and doubled
/// (n(n−1)/2 + n word products instead of n²), then one reduction (n²):
/// three quarters of [`mont_mul`]'s work.
#[allow(clippy::indexing_slicing)] // i, j < n; i + j + 1 < 2n ≤ w.len(); i + n < 2n
pub(crate) fn mont_sqr(out: &mut [u64], a: &[u64], m: &[u64], m0inv: u64) {
    let n = m.len();
    if n == 0 || n > MAX_LIMBS || a.len() != n || out.len() != n {
        return; // lengths are fixed by the modulus; never reached
    }
    let mut w = [0u64; 2 * MAX_LIMBS + 1];
    // 1. w = Σ_{i<j} a_i·a_j·B^(i+j) < a²/2.
    for i in 0..n {
        let mut c = 0;
        for j in i + 1..n {
            (w[i + j], c) = mac(w[i + j], a[i], a[j], c);
        }
        w[i + n] = c; // rows before i stop below position i + n
    }
    // 2. w = 2·w < a² < B^(2n): the top bit shifted out is 0.
    shl1_in_place(&mut w[..2 * n], 0);
    // 3. w += Σ a_i²·B^(2i): now w = a² < B^(2n), the last carry is 0.
    let mut c = 0;
    for i in 0..n {
        let sq = (a[i] as u128) * (a[i] as u128); // sq < B^2
        (w[2 * i], c) = adc(w[2 * i], sq as u64, c);
        (w[2 * i + 1], c) = adc(w[2 * i + 1], (sq >> 64) as u64, c);
    }
    // 4. Montgomery reduction: add u_i·m·B^i to clear the low n words.
    // `hi` is the carry out of position i + n, owed to position i + n + 1.
    let mut hi = 0;
    for i in 0..n {
        let u = w[i].wrapping_mul(m0inv); // w[i] + u·m[0] ≡ 0 (mod B)
        let mut c = 0;
        for j in 0..n {
            (w[i + j], c) = mac(w[i + j], u, m[j], c);
        }
        (w[i + n], hi) = adc(w[i + n], c, hi); // ≤ 2B − 1: hi ≤ 1
    }
    // (a² + U·m)/R < (m·R + R·m)/R = 2m, as w[n..2n] with hi on top.
    w[2 * n] = hi;
    reduce_once(out, &w[n..=2 * n], m);
}

/// `x = 2x mod m` for `x < m`.
fn double_mod(x: &mut [u64], m: &[u64]) {
    let n = m.len();
    let top = shl1_in_place(x, 0); // 2x = top·R + x < 2m
    let mut t = [0u64; MAX_LIMBS];
    let t = t.get_mut(..n).unwrap_or(&mut []);
    t.copy_from_slice(x);
    let borrow = sub_in_place(t, m);
    // 2x ≥ m exactly when a bit was shifted out or x − m did not borrow.
    let ge = Choice::from_bit(top | (borrow ^ 1));
    ct::conditional_assign(ge, x, t);
}

/// An odd modulus `m > 1` with its Montgomery constants: the type kept
/// inside keys.
///
/// ```
/// use barejwt::crypto::bignum::{Modulus, Uint};
///
/// let m = Modulus::new(&Uint::from_u64(1_000_003, 1)).unwrap();
/// let a = m.to_montgomery(&Uint::from_u64(123_456, 1));
/// let b = m.to_montgomery(&Uint::from_u64(654_321, 1));
/// let product = m.from_montgomery(&m.mul(&a, &b));
/// assert_eq!(product.limb(0), 123_456 * 654_321 % 1_000_003);
/// ```
#[derive(Clone)]
pub struct Modulus {
    /// m, exactly as many limbs as its bit length needs.
    m: Uint,
    /// −m⁻¹ mod 2^64.
    m0inv: u64,
    /// R² mod m, the factor that takes a value into Montgomery form.
    r2: Uint,
    /// R mod m, the Montgomery form of 1.
    one: Uint,
    /// The bit length of m.
    bits: usize,
}

impl Modulus {
    /// The modulus `m`, or `None` when `m` is even, below 3 or longer than
    /// [`MAX_LIMBS`] limbs. Leading zero limbs of `m` are dropped.
    ///
    /// `R² mod m` is found without division: start from `2^(b−1) < m` (b
    /// the bit length), double modulo m up to `2^(64L + t)`, which is the
    /// Montgomery form of `2^t`, then square `j` times in Montgomery form,
    /// where `64L = t·2^j`: that gives the form of `2^(64L) = R`, which is
    /// `R² mod m`. `j` is the largest with `2^j` dividing `64L` and
    /// `2^j ≤ L` (so `t ≥ 64`): a doubling costs a few passes over the
    /// limbs, a squaring L², and this balance measured fastest (for 2048
    /// bits, 65 doublings and 5 squarings: about half of 11 squarings).
    pub fn new(m: &Uint) -> Option<Modulus> {
        let bits = m.bits_vartime();
        if bits < 2 || m.limb(0) & 1 == 0 {
            return None;
        }
        let n = bits.div_ceil(LIMB_BITS);
        if n > MAX_LIMBS {
            return None;
        }
        let m = m.resized(n);
        let m0inv = inv_u64(m.limb(0)).wrapping_neg();

        let total = LIMB_BITS * n; // log2 R
        let j = (total.trailing_zeros() as usize).min(n.ilog2() as usize);
        let t = total >> j; // t·2^j = 64n, t ≥ 64
                            // x = 2^(bits − 1) < m (m is odd with `bits` bits, so above it).
        let mut x = Uint::zero(n);
        if let Some(limb) = x.limbs_mut().get_mut((bits - 1) / LIMB_BITS) {
            *limb = 1 << ((bits - 1) % LIMB_BITS);
        }
        for _ in 0..(total - bits) + 1 + t {
            double_mod(x.limbs_mut(), m.limbs()); // x = 2^(bits − 1 + k) mod m
        }
        // x = 2^(64n + t) mod m, the Montgomery form of 2^t.
        let mut y = Uint::zero(n);
        for _ in 0..j {
            mont_sqr(y.limbs_mut(), x.limbs(), m.limbs(), m0inv); // form of 2^(2t), ...
            core::mem::swap(&mut x, &mut y);
        }
        let r2 = x; // the form of 2^(t·2^j) = R: R·R mod m
        let mut one = Uint::zero(n);
        mont_mul(
            one.limbs_mut(),
            r2.limbs(),
            Uint::from_u64(1, n).limbs(),
            m.limbs(),
            m0inv,
        ); // R²·1·R⁻¹ = R mod m
        Some(Modulus {
            m,
            m0inv,
            r2,
            one,
            bits,
        })
    }

    /// The modulus's length in limbs, `L`.
    pub fn len(&self) -> usize {
        self.m.len()
    }

    /// Always false: a modulus has at least one limb.
    pub fn is_empty(&self) -> bool {
        self.m.is_empty()
    }

    /// The modulus's bit length.
    pub fn bits(&self) -> usize {
        self.bits
    }

    /// The modulus itself, `L` limbs.
    pub fn value(&self) -> &Uint {
        &self.m
    }

    /// `−m⁻¹ mod 2^64`.
    pub fn m0inv(&self) -> u64 {
        self.m0inv
    }

    /// `R² mod m`.
    pub fn r2(&self) -> &Uint {
        &self.r2
    }

    /// `R mod m`: the Montgomery form of 1.
    pub fn one(&self) -> &Uint {
        &self.one
    }

    /// The Montgomery product `a·b·R⁻¹ mod m` (`a`, `b` below m, taken at
    /// the modulus's length).
    pub fn mul(&self, a: &Uint, b: &Uint) -> Uint {
        let n = self.len();
        let mut out = Uint::zero(n);
        mont_mul(
            out.limbs_mut(),
            a.resized(n).limbs(),
            b.resized(n).limbs(),
            self.m.limbs(),
            self.m0inv,
        );
        out
    }

    /// The Montgomery square `a²·R⁻¹ mod m` (`a` below m).
    pub fn square(&self, a: &Uint) -> Uint {
        let n = self.len();
        let mut out = Uint::zero(n);
        mont_sqr(
            out.limbs_mut(),
            a.resized(n).limbs(),
            self.m.limbs(),
            self.m0inv,
        );
        out
    }

    /// `x·R mod m`, the Montgomery form of `x < m`.
    pub fn to_montgomery(&self, x: &Uint) -> Uint {
        self.mul(x, &self.r2) // x·R²·R⁻¹
    }

    /// `x·R⁻¹ mod m`: the plain value of a Montgomery form (`x < R`).
    pub fn from_montgomery(&self, x: &Uint) -> Uint {
        self.mul(x, &Uint::from_u64(1, self.len())) // x·1·R⁻¹; b = 1 < m
    }

    /// The Montgomery form of `x mod m`, for `x` of any length: Horner's
    /// rule over blocks `X_i` of L limbs from the top,
    /// `y ← y·R + X_i·R (mod m)` (two Montgomery products by `R²` and a
    /// modular addition per block), which leaves `y = x·R mod m`. No
    /// division, constant time in `x` and `m`.
    pub fn reduce(&self, x: &Uint) -> Uint {
        let n = self.len();
        let blocks = x.len().div_ceil(n).max(1);
        let mut y = Uint::zero(n);
        let mut t = Uint::zero(n);
        let mut block = Uint::zero(n);
        for i in (0..blocks).rev() {
            for (k, limb) in block.limbs_mut().iter_mut().enumerate() {
                *limb = x.limb(i * n + k); // X_i < R, zero past x's length
            }
            mont_mul(
                t.limbs_mut(),
                y.limbs(),
                self.r2.limbs(),
                self.m.limbs(),
                self.m0inv,
            ); // t = y·R mod m
            core::mem::swap(&mut y, &mut t);
            mont_mul(
                t.limbs_mut(),
                block.limbs(),
                self.r2.limbs(),
                self.m.limbs(),
                self.m0inv,
            ); // t = X_i·R mod m (X_i < R, R² < m)
            y = self.add(&y, &t); // y·R + X_i·R mod m
        }
        block.wipe();
        y
    }

    /// `x mod m` as a plain value, for `x` of any length (constant time).
    pub fn reduce_plain(&self, x: &Uint) -> Uint {
        self.from_montgomery(&self.reduce(x))
    }

    /// `a + b mod m` for `a, b < m`.
    pub fn add(&self, a: &Uint, b: &Uint) -> Uint {
        let n = self.len();
        let mut s = a.resized(n);
        let carry = add_in_place(s.limbs_mut(), b.resized(n).limbs()); // a + b < 2m
        let mut d = s.clone();
        let borrow = sub_in_place(d.limbs_mut(), self.m.limbs());
        // a + b ≥ m exactly when the sum carried out or s − m did not borrow.
        s.conditional_assign(Choice::from_bit(carry | (borrow ^ 1)), &d);
        s
    }

    /// `a − b mod m` for `a, b < m`.
    pub fn sub(&self, a: &Uint, b: &Uint) -> Uint {
        let n = self.len();
        let mut d = a.resized(n);
        let borrow = sub_in_place(d.limbs_mut(), b.resized(n).limbs()); // a − b mod R
        let mut fixed = d.clone();
        add_in_place(fixed.limbs_mut(), self.m.limbs()); // a − b + m ∈ [0, m) when a < b
        d.conditional_assign(Choice::from_bit(borrow), &fixed);
        d
    }

    /// Overwrites the modulus and its constants (for a secret prime being
    /// dropped).
    pub(crate) fn wipe(&mut self) {
        self.m.wipe();
        self.r2.wipe();
        self.one.wipe();
        self.m0inv = 0;
    }

    /// Montgomery product into a slice (the hot loops' form; all slices of
    /// the modulus's length).
    pub(crate) fn mul_into(&self, out: &mut [u64], a: &[u64], b: &[u64]) {
        mont_mul(out, a, b, self.m.limbs(), self.m0inv);
    }

    /// Montgomery square into a slice.
    pub(crate) fn sqr_into(&self, out: &mut [u64], a: &[u64]) {
        mont_sqr(out, a, self.m.limbs(), self.m0inv);
    }
}

// A Uint holds one limb more than a modulus: the reduction helpers rely on it.
const _: () = assert!(CAPACITY > MAX_LIMBS);
