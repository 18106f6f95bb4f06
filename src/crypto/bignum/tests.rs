//! Every operation against a plain reference: a schoolbook big integer on
//! `Vec<u32>` written here from the definitions (carry loops, binary long
//! division), on random operands of sizes from 64 to 8192 bits and on edge
//! values (0, 1, m − 1, all-ones limbs).

use super::uint::{cond_sub_in_place, shr1_in_place};
use super::*;
use crate::crypto::ct::{self, Choice};
use crate::crypto::rand::TestRng;
use alloc::vec;
use alloc::vec::Vec;
use core::cmp::Ordering;

/// The reference: little-endian base-2^32 digits, no trailing zeros.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Ref(Vec<u32>);

impl Ref {
    fn norm(mut self) -> Ref {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
        self
    }
    fn from_u64(x: u64) -> Ref {
        Ref(vec![x as u32, (x >> 32) as u32]).norm()
    }
    fn from_uint(x: &Uint) -> Ref {
        let mut d = Vec::new();
        for &l in x.limbs() {
            d.push(l as u32);
            d.push((l >> 32) as u32);
        }
        Ref(d).norm()
    }
    /// Into `len` limbs (the value must fit).
    fn to_uint(&self, len: usize) -> Uint {
        let mut limbs = vec![0u64; len];
        for (i, &d) in self.0.iter().enumerate() {
            assert!(i / 2 < len, "reference value does not fit");
            limbs[i / 2] |= (d as u64) << (32 * (i % 2));
        }
        Uint::from_limbs(&limbs).unwrap()
    }
    fn is_zero(&self) -> bool {
        self.0.is_empty()
    }
    fn bits(&self) -> usize {
        match self.0.last() {
            None => 0,
            Some(&top) => 32 * (self.0.len() - 1) + (32 - top.leading_zeros() as usize),
        }
    }
    fn bit(&self, i: usize) -> bool {
        self.0.get(i / 32).is_some_and(|d| (d >> (i % 32)) & 1 == 1)
    }
    fn cmp(&self, other: &Ref) -> Ordering {
        if self.0.len() != other.0.len() {
            return self.0.len().cmp(&other.0.len());
        }
        for (a, b) in self.0.iter().rev().zip(other.0.iter().rev()) {
            if a != b {
                return a.cmp(b);
            }
        }
        Ordering::Equal
    }
    fn add(&self, other: &Ref) -> Ref {
        let n = self.0.len().max(other.0.len());
        let mut out = Vec::new();
        let mut carry = 0u64;
        for i in 0..n {
            let s =
                *self.0.get(i).unwrap_or(&0) as u64 + *other.0.get(i).unwrap_or(&0) as u64 + carry;
            out.push(s as u32);
            carry = s >> 32;
        }
        out.push(carry as u32);
        Ref(out).norm()
    }
    /// self − other, self ≥ other.
    fn sub(&self, other: &Ref) -> Ref {
        assert!(self.cmp(other) != Ordering::Less);
        let mut out = Vec::new();
        let mut borrow = 0i64;
        for i in 0..self.0.len() {
            let mut d = self.0[i] as i64 - *other.0.get(i).unwrap_or(&0) as i64 - borrow;
            borrow = 0;
            if d < 0 {
                d += 1 << 32;
                borrow = 1;
            }
            out.push(d as u32);
        }
        Ref(out).norm()
    }
    fn mul(&self, other: &Ref) -> Ref {
        let mut out = vec![0u32; self.0.len() + other.0.len() + 1];
        for (i, &a) in self.0.iter().enumerate() {
            let mut carry = 0u64;
            for (j, &b) in other.0.iter().enumerate() {
                let t = out[i + j] as u64 + a as u64 * b as u64 + carry;
                out[i + j] = t as u32;
                carry = t >> 32;
            }
            let mut k = i + other.0.len();
            while carry != 0 {
                let t = out[k] as u64 + carry;
                out[k] = t as u32;
                carry = t >> 32;
                k += 1;
            }
        }
        Ref(out).norm()
    }
    fn shl(&self, bits: usize) -> Ref {
        let mut out = vec![0u32; bits / 32];
        let s = bits % 32;
        let mut carry = 0u32;
        for &d in &self.0 {
            if s == 0 {
                out.push(d);
            } else {
                out.push((d << s) | carry);
                carry = d >> (32 - s);
            }
        }
        out.push(carry);
        Ref(out).norm()
    }
    fn pow2(bits: usize) -> Ref {
        Ref::from_u64(1).shl(bits)
    }
    /// The low `bits` bits (the value mod 2^bits, bits a multiple of 32).
    fn low(&self, bits: usize) -> Ref {
        Ref(self.0.iter().copied().take(bits / 32).collect()).norm()
    }
    /// Binary long division, one bit of self at a time: slow, and obvious.
    /// Used only to check [`Ref::divrem`].
    fn divrem_binary(&self, m: &Ref) -> (Ref, Ref) {
        assert!(!m.is_zero());
        let mut q = vec![0u32; self.0.len() + 1];
        let mut r = Ref(Vec::new());
        for i in (0..self.bits()).rev() {
            r = r.shl(1);
            if self.bit(i) {
                r = r.add(&Ref::from_u64(1));
            }
            if r.cmp(m) != Ordering::Less {
                r = r.sub(m);
                q[i / 32] |= 1 << (i % 32);
            }
        }
        (Ref(q).norm(), r)
    }
    /// Schoolbook long division, Knuth TAOCP vol. 2 §4.3.1 Algorithm D
    /// (as written in Hacker's Delight, `divmnu`): base 2^32 digits, a
    /// two-digit estimate of each quotient digit, corrected at most twice,
    /// and an add-back when the estimate was still one too large.
    fn divrem(&self, m: &Ref) -> (Ref, Ref) {
        assert!(!m.is_zero());
        let (u, v) = (&self.0, &m.0);
        let (len_u, n) = (u.len(), v.len());
        if len_u < n {
            return (Ref(Vec::new()), self.clone());
        }
        if n == 1 {
            let d = v[0] as u64;
            let mut q = vec![0u32; len_u];
            let mut r = 0u64;
            for j in (0..len_u).rev() {
                let t = (r << 32) | u[j] as u64;
                q[j] = (t / d) as u32;
                r = t % d;
            }
            return (Ref(q).norm(), Ref::from_u64(r));
        }
        // D1: normalise so the divisor's top digit has its top bit set.
        let s = v[n - 1].leading_zeros();
        let shift = |x: &[u32], extra: bool| -> Vec<u32> {
            let mut out = Vec::new();
            let mut carry = 0u32;
            for &d in x {
                out.push(if s == 0 { d } else { (d << s) | carry });
                carry = if s == 0 { 0 } else { d >> (32 - s) };
            }
            if extra {
                out.push(carry);
            }
            out
        };
        let vn = shift(v, false);
        let mut un = shift(u, true);
        let mut q = vec![0u32; len_u - n + 1];
        let b = 1u64 << 32;
        for j in (0..=len_u - n).rev() {
            // D3: estimate q̂ from the top two digits, then correct it.
            let num = ((un[j + n] as u64) << 32) | un[j + n - 1] as u64;
            let mut qhat = num / vn[n - 1] as u64;
            let mut rhat = num % vn[n - 1] as u64;
            while qhat >= b || qhat * vn[n - 2] as u64 > ((rhat << 32) | un[j + n - 2] as u64) {
                qhat -= 1;
                rhat += vn[n - 1] as u64;
                if rhat >= b {
                    break;
                }
            }
            // D4: multiply and subtract.
            let mut k: i64 = 0;
            for i in 0..n {
                let p = qhat * vn[i] as u64;
                let t = un[i + j] as i64 - k - (p & 0xffff_ffff) as i64;
                un[i + j] = t as u32;
                k = (p >> 32) as i64 - (t >> 32);
            }
            let t = un[j + n] as i64 - k;
            un[j + n] = t as u32;
            q[j] = qhat as u32;
            // D5, D6: the estimate was one too large: add back.
            if t < 0 {
                q[j] = q[j].wrapping_sub(1);
                let mut k = 0u64;
                for i in 0..n {
                    let t = un[i + j] as u64 + vn[i] as u64 + k;
                    un[i + j] = t as u32;
                    k = t >> 32;
                }
                un[j + n] = un[j + n].wrapping_add(k as u32);
            }
        }
        // D8: unnormalise the remainder.
        let mut r = vec![0u32; n];
        for i in 0..n {
            r[i] = if s == 0 {
                un[i]
            } else {
                (un[i] >> s) | (un[i + 1] << (32 - s))
            };
        }
        (Ref(q).norm(), Ref(r).norm())
    }
    fn rem(&self, m: &Ref) -> Ref {
        self.divrem(m).1
    }
    fn modpow(&self, e: &Ref, m: &Ref) -> Ref {
        let mut acc = Ref::from_u64(1).rem(m);
        for i in (0..e.bits()).rev() {
            acc = acc.mul(&acc).rem(m);
            if e.bit(i) {
                acc = acc.mul(self).rem(m);
            }
        }
        acc
    }
    fn gcd(&self, other: &Ref) -> Ref {
        let (mut a, mut b) = (self.clone(), other.clone());
        while !b.is_zero() {
            let r = a.rem(&b);
            a = b;
            b = r;
        }
        a
    }
}

/// A random value of exactly `bits` bits (top bit set), `len` limbs.
fn random_bits(rng: &mut TestRng, bits: usize, len: usize) -> Uint {
    let mut limbs = vec![0u64; len];
    for (i, l) in limbs.iter_mut().enumerate() {
        if i * 64 < bits {
            *l = rng.next_u64();
        }
    }
    let top = (bits - 1) / 64;
    limbs[top] &= u64::MAX >> (63 - (bits - 1) % 64);
    limbs[top] |= 1 << ((bits - 1) % 64);
    Uint::from_limbs(&limbs).unwrap()
}

/// A random value below `m` (by reduction of a longer random value).
fn random_below(rng: &mut TestRng, m: &Ref, len: usize) -> Uint {
    let wide: Vec<u32> = (0..m.0.len() + 2).map(|_| rng.next_u64() as u32).collect();
    Ref(wide).norm().rem(m).to_uint(len)
}

/// Odd moduli of `bits` bits: random, the smallest (2^(b−1) + 1) and the
/// largest (all ones).
fn moduli(rng: &mut TestRng, bits: usize) -> Vec<Uint> {
    let len = bits.div_ceil(64);
    let mut random = random_bits(rng, bits, len);
    random.limbs_mut()[0] |= 1;
    let smallest = Ref::pow2(bits - 1).add(&Ref::from_u64(1)).to_uint(len);
    let largest = Ref::pow2(bits).sub(&Ref::from_u64(1)).to_uint(len);
    vec![random, smallest, largest]
}

/// Sizes from one limb to the largest modulus, with odd lengths between.
const SIZES: [usize; 14] = [
    64, 65, 127, 128, 192, 256, 511, 1000, 1024, 2047, 2048, 3072, 4096, 8192,
];

/// Fewer random cases at the large sizes (the reference is slow in debug).
fn cases(bits: usize) -> usize {
    match bits {
        0..=256 => 8,
        257..=1024 => 3,
        _ => 1,
    }
}

/// Operands for a modulus: 0, 1, m − 1, and random values below m.
fn operands(rng: &mut TestRng, m: &Ref, len: usize, random: usize) -> Vec<Uint> {
    let mut out = vec![
        Uint::zero(len),
        Uint::from_u64(1, len),
        m.sub(&Ref::from_u64(1)).to_uint(len),
    ];
    for _ in 0..random {
        out.push(random_below(rng, m, len));
    }
    out
}

/// Möller's binary inversion (GMP's `mpn_sec_invert`), the plain reference
/// for the batched divsteps of `Modulus::invert_consttime`: `2·bits(m)`
/// steps, each a few masked passes.
///
/// The invariant, with `b` odd throughout: `a ≡ u·a₀`, `b ≡ v·a₀ (mod m)`;
/// start `(a, u) = (a₀, 1)`, `(b, v) = (m, 0)`. Each step: if `a` is odd,
/// subtract `b` from it (first swapping `a, b` and `u, v` if `a < b`),
/// then halve `a` and `u` modulo `m`. At the end `a = 0`, `b = gcd`, and
/// `v ≡ a₀⁻¹` when that is 1.
trait BinaryInversion {
    fn invert_binary_consttime(&self, a: &Uint) -> (Uint, Choice);
}

fn cond_add_in_place(c: Choice, a: &mut [u64], b: &[u64]) -> u64 {
    let mut carry = 0u128;
    for (x, &y) in a.iter_mut().zip(b) {
        carry += *x as u128 + (y & c.mask()) as u128;
        *x = carry as u64;
        carry >>= 64;
    }
    carry as u64
}

fn cond_negate_in_place(c: Choice, a: &mut [u64]) {
    let mut carry = (c.mask() & 1) as u128;
    for x in a.iter_mut() {
        carry += (*x ^ c.mask()) as u128;
        *x = carry as u64;
        carry >>= 64;
    }
}

impl BinaryInversion for Modulus {
    fn invert_binary_consttime(&self, a: &Uint) -> (Uint, Choice) {
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
                                                                                   // a is even now: halve it, and u modulo m ((u + m)/2 < m when u is odd).
            shr1_in_place(a.limbs_mut(), 0);
            let low = shr1_in_place(u.limbs_mut(), 0);
            cond_add_in_place(Choice::from_bit(low), u.limbs_mut(), half.limbs());
        }
        let found = b.ct_eq(&Uint::from_u64(1, n));
        a.wipe();
        b.wipe();
        u.wipe();
        (v, found)
    }
}

#[test]
fn the_reference_division_agrees_with_binary_long_division() {
    let mut rng = TestRng(13);
    for (xbits, mbits) in [
        (64, 32),
        (300, 64),
        (300, 65),
        (1000, 999),
        (2048, 1024),
        (2100, 33),
    ] {
        for _ in 0..20 {
            let x = Ref::from_uint(&random_bits(&mut rng, xbits, xbits.div_ceil(64)));
            let m = Ref::from_uint(&random_bits(&mut rng, mbits, mbits.div_ceil(64)));
            let (q, r) = x.divrem(&m);
            assert_eq!((q.clone(), r.clone()), x.divrem_binary(&m));
            assert_eq!(q.mul(&m).add(&r), x);
        }
    }
    // A divisor digit pattern that needs the add-back step (Knuth's D6).
    let x = Ref(vec![0, 0, 0x8000_0000, 0x7fff_ffff]);
    let m = Ref(vec![1, 0, 0x8000_0000]);
    assert_eq!(x.divrem(&m), x.divrem_binary(&m));
}

#[test]
fn bytes_round_trip_and_lengths_are_checked() {
    let bytes = [0u8, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    let x = Uint::from_be_bytes(&bytes).unwrap();
    assert_eq!(x.len(), 2);
    assert_eq!(x.limbs(), &[0x0203_0405_0607_0809, 0x01]);
    assert_eq!(x.to_be_bytes_minimal_vartime(), &bytes[2..]);
    let mut out = [0u8; 12];
    x.to_be_bytes(&mut out);
    assert_eq!(&out[3..], &bytes[2..]);
    assert_eq!(&out[..3], &[0, 0, 0]);
    assert_eq!(Uint::from_be_bytes(&[0, 0]).unwrap().len(), 1);
    assert_eq!(
        Uint::from_be_bytes(&[])
            .unwrap()
            .to_be_bytes_minimal_vartime(),
        [0]
    );
    // Too long for the length asked, and too long for the capacity.
    assert!(Uint::from_be_bytes_len(&[1, 0, 0, 0, 0, 0, 0, 0, 0], 1).is_none());
    assert!(Uint::from_be_bytes_len(&[0, 0, 0, 0, 0, 0, 0, 0, 0, 5], 1).is_some());
    assert!(Uint::from_be_bytes(&[1u8; CAPACITY * 8 + 1]).is_none());
    assert!(Uint::from_be_bytes(&[1u8; CAPACITY * 8]).is_some());
    assert_eq!(Uint::from_u64(0, 3).bits_vartime(), 0);
    assert_eq!(Uint::from_limbs(&[0, 1 << 63]).unwrap().bits_vartime(), 128);
}

#[test]
fn addition_subtraction_and_comparison_match_the_reference() {
    let mut rng = TestRng(1);
    for bits in SIZES {
        let len = bits.div_ceil(64);
        let all_ones = Uint::from_limbs(&vec![u64::MAX; len]).unwrap();
        let mut values = vec![Uint::zero(len), Uint::from_u64(1, len), all_ones];
        for _ in 0..cases(bits) + 2 {
            values.push(random_bits(&mut rng, bits, len));
        }
        let modulus = Ref::pow2(64 * len);
        for a in &values {
            for b in &values {
                let (ra, rb) = (Ref::from_uint(a), Ref::from_uint(b));
                let mut s = a.clone();
                let carry = s.add_assign(b);
                let sum = ra.add(&rb);
                assert_eq!(Ref::from_uint(&s), sum.low(64 * len));
                assert_eq!(carry == 1, sum.cmp(&modulus) != Ordering::Less);
                let mut d = a.clone();
                let borrow = d.sub_assign(b);
                let expected = ra.add(&modulus).sub(&rb).low(64 * len);
                assert_eq!(Ref::from_uint(&d), expected);
                assert_eq!(borrow == 1, ra.cmp(&rb) == Ordering::Less);
                assert_eq!(a.ct_lt(b).declassify(), ra.cmp(&rb) == Ordering::Less);
                assert_eq!(a.ct_eq(b).declassify(), ra == rb);
                // Different lengths compare as numbers.
                let wide = b.resized(len + 1);
                assert_eq!(a.ct_lt(&wide).declassify(), ra.cmp(&rb) == Ordering::Less);
                assert_eq!(wide.ct_eq(a).declassify(), ra == rb);
            }
        }
    }
}

#[test]
fn multiplication_matches_the_reference() {
    let mut rng = TestRng(2);
    for bits in SIZES {
        let len = bits.div_ceil(64);
        let all_ones = Uint::from_limbs(&vec![u64::MAX; len]).unwrap();
        let mut values = vec![Uint::zero(len), Uint::from_u64(1, len), all_ones];
        for _ in 0..cases(bits) {
            values.push(random_bits(&mut rng, bits, len));
        }
        for a in &values {
            // A short factor, as dp·e and p·q use.
            for b in [
                a.clone(),
                Uint::from_u64(65537, 1),
                random_bits(&mut rng, 33, 1),
            ] {
                match a.mul(&b) {
                    Some(p) => {
                        assert_eq!(p.len(), a.len() + b.len());
                        assert_eq!(
                            Ref::from_uint(&p),
                            Ref::from_uint(a).mul(&Ref::from_uint(&b))
                        );
                    }
                    None => assert!(a.len() + b.len() > CAPACITY),
                }
            }
        }
    }
}

#[test]
fn montgomery_constants_match_the_reference() {
    let mut rng = TestRng(3);
    for bits in SIZES.iter().copied().chain([2, 3, 63]) {
        for m in moduli(&mut rng, bits) {
            let modulus = Modulus::new(&m).unwrap();
            let rm = Ref::from_uint(&m);
            let r = Ref::pow2(64 * modulus.len());
            assert_eq!(modulus.bits(), bits);
            assert_eq!(
                Ref::from_uint(modulus.r2()),
                r.mul(&r).rem(&rm),
                "R² mod m, {bits} bits"
            );
            assert_eq!(Ref::from_uint(modulus.one()), r.rem(&rm));
            assert_eq!(modulus.m0inv().wrapping_mul(m.limb(0)), u64::MAX); // −1 mod 2^64
        }
    }
    // Even, zero, one and over-long moduli are refused; leading zero limbs dropped.
    assert!(Modulus::new(&Uint::from_u64(10, 2)).is_none());
    assert!(Modulus::new(&Uint::from_u64(0, 2)).is_none());
    assert!(Modulus::new(&Uint::from_u64(1, 2)).is_none());
    assert!(Modulus::new(&Uint::from_limbs(&[1; MAX_LIMBS + 1]).unwrap()).is_none());
    assert_eq!(Modulus::new(&Uint::from_u64(7, 3)).unwrap().len(), 1);
}

#[test]
fn montgomery_products_and_squares_match_the_reference() {
    let mut rng = TestRng(4);
    for bits in SIZES {
        for m in moduli(&mut rng, bits) {
            let modulus = Modulus::new(&m).unwrap();
            let len = modulus.len();
            let rm = Ref::from_uint(&m);
            let r = Ref::pow2(64 * len);
            let values = operands(&mut rng, &rm, len, cases(bits).min(3));
            for (i, a) in values.iter().enumerate() {
                let b = &values[(i + 1) % values.len()];
                let (ra, rb) = (Ref::from_uint(a), Ref::from_uint(b));
                // The raw product: mul(a, b)·R ≡ a·b (mod m), and below m.
                let p = modulus.mul(a, b);
                let rp = Ref::from_uint(&p);
                assert_eq!(rp.cmp(&rm), Ordering::Less);
                assert_eq!(rp.mul(&r).rem(&rm), ra.mul(&rb).rem(&rm), "{bits} bits");
                // The square equals the product of a with itself.
                let s = modulus.square(a);
                assert_eq!(Ref::from_uint(&s), Ref::from_uint(&modulus.mul(a, a)));
                // Through Montgomery form and back.
                let ma = modulus.to_montgomery(a);
                let mb = modulus.to_montgomery(b);
                let plain = modulus.from_montgomery(&modulus.mul(&ma, &mb));
                assert_eq!(Ref::from_uint(&plain), ra.mul(&rb).rem(&rm));
                // Modular addition and subtraction.
                assert_eq!(Ref::from_uint(&modulus.add(a, b)), ra.add(&rb).rem(&rm));
                assert_eq!(
                    Ref::from_uint(&modulus.sub(a, b)),
                    ra.add(&rm).sub(&rb).rem(&rm)
                );
            }
        }
    }
}

#[test]
fn reduction_of_longer_values_matches_the_reference() {
    let mut rng = TestRng(5);
    for bits in SIZES {
        let m = &moduli(&mut rng, bits)[0];
        let modulus = Modulus::new(m).unwrap();
        let rm = Ref::from_uint(m);
        let len = modulus.len();
        let r = Ref::pow2(64 * len);
        for xlen in [1, len, len + 1, 2 * len]
            .into_iter()
            .filter(|&l| l <= CAPACITY)
        {
            let all_ones = Uint::from_limbs(&vec![u64::MAX; xlen]).unwrap();
            for x in [
                Uint::zero(xlen),
                all_ones,
                random_bits(&mut rng, 64 * xlen, xlen),
            ] {
                let rx = Ref::from_uint(&x);
                assert_eq!(Ref::from_uint(&modulus.reduce_plain(&x)), rx.rem(&rm));
                assert_eq!(Ref::from_uint(&modulus.reduce(&x)), rx.mul(&r).rem(&rm));
            }
        }
    }
}

#[test]
fn public_exponentiation_matches_the_reference() {
    let mut rng = TestRng(6);
    for bits in SIZES {
        let m = &moduli(&mut rng, bits)[0];
        let modulus = Modulus::new(m).unwrap();
        let rm = Ref::from_uint(m);
        let len = modulus.len();
        let exponents = [
            0u64,
            1,
            2,
            3,
            65537,
            (1 << 33) - 1,
            rng.next_u64() >> 31 | 1,
        ];
        let values = operands(&mut rng, &rm, len, 1);
        for e in exponents {
            if bits > 2048 && e > 65537 {
                continue; // the reference's modpow is slow in debug
            }
            for x in &values {
                let y = modulus
                    .from_montgomery(&modulus.pow_public_vartime(&modulus.to_montgomery(x), e));
                let expected = Ref::from_uint(x).modpow(&Ref::from_u64(e), &rm);
                assert_eq!(Ref::from_uint(&y), expected, "{bits} bits, e = {e}");
            }
        }
    }
}

#[test]
fn constant_time_exponentiation_matches_the_reference() {
    let mut rng = TestRng(7);
    for bits in SIZES {
        let m = &moduli(&mut rng, bits)[0];
        let modulus = Modulus::new(m).unwrap();
        let rm = Ref::from_uint(m);
        let len = modulus.len();
        // Full-length exponents where the reference is quick enough in
        // debug; a 64-bit exponent in a full-length Uint above that.
        let exp_bits = if bits <= 1024 { bits } else { 66 };
        let mut exponents = vec![
            Uint::zero(len),
            Uint::from_u64(1, len),
            Ref::pow2(exp_bits).sub(&Ref::from_u64(1)).to_uint(len),
            random_bits(&mut rng, exp_bits, len),
        ];
        if bits <= 256 {
            exponents.push(random_bits(&mut rng, exp_bits - 3, len));
        }
        let x = random_below(&mut rng, &rm, len);
        for exp in &exponents {
            let y = modulus.from_montgomery(&modulus.pow_consttime(
                &modulus.to_montgomery(&x),
                exp,
                exp_bits,
            ));
            let expected = Ref::from_uint(&x).modpow(&Ref::from_uint(exp), &rm);
            assert_eq!(Ref::from_uint(&y), expected, "{bits} bits");
        }
    }
}

#[test]
fn both_exponentiations_agree_on_public_exponents() {
    let mut rng = TestRng(8);
    let m = &moduli(&mut rng, 2048)[0];
    let modulus = Modulus::new(m).unwrap();
    let x = modulus.to_montgomery(&random_below(&mut rng, &Ref::from_uint(m), modulus.len()));
    for e in [3u64, 17, 65537, (1 << 33) - 1] {
        let a = modulus.pow_public_vartime(&x, e);
        let b = modulus.pow_consttime(&x, &Uint::from_u64(e, 1), 34);
        assert!(a.ct_eq(&b).declassify());
    }
}

#[test]
fn inversion_matches_the_reference() {
    let mut rng = TestRng(9);
    for bits in SIZES {
        // Inversion takes 2·bits steps: one modulus and two values at the
        // large sizes keep the debug run short.
        let large = bits > 2048;
        for m in moduli(&mut rng, bits)
            .into_iter()
            .take(if large { 1 } else { 3 })
        {
            let modulus = Modulus::new(&m).unwrap();
            let rm = Ref::from_uint(&m);
            let len = modulus.len();
            let values = operands(&mut rng, &rm, len, cases(bits).min(2));
            for a in values
                .into_iter()
                .skip(if large { 1 } else { 0 })
                .take(if large { 2 } else { 5 })
            {
                let ra = Ref::from_uint(&a);
                let (inv, found) = modulus.invert_consttime(&a);
                let (inv2, found2) = modulus.invert_binary_consttime(&a);
                assert_eq!(found.declassify(), found2.declassify());
                if found.declassify() {
                    assert!(
                        inv.ct_eq(&inv2).declassify(),
                        "{bits} bits: the two inversions differ"
                    );
                }
                let coprime = found.declassify() || ra.gcd(&rm) == Ref::from_u64(1);
                assert_eq!(found.declassify(), coprime, "{bits} bits");
                if coprime {
                    assert_eq!(
                        Ref::from_uint(&inv).mul(&ra).rem(&rm),
                        Ref::from_u64(1).rem(&rm)
                    );
                    assert_eq!(Ref::from_uint(&inv).cmp(&rm), Ordering::Less);
                }
            }
        }
    }
    // A value sharing a factor with the modulus has no inverse: 15 mod 3·5·7.
    let modulus = Modulus::new(&Uint::from_u64(105, 1)).unwrap();
    assert!(!modulus
        .invert_consttime(&Uint::from_u64(15, 1))
        .1
        .declassify());
    assert!(modulus
        .invert_consttime(&Uint::from_u64(4, 1))
        .1
        .declassify());
}

#[test]
fn inversion_agrees_with_the_binary_reference_on_many_small_moduli() {
    // Many moduli of one to four limbs, with every small and large value
    // class: the divstep count bound is exercised well away from 2048 bits.
    let mut rng = TestRng(14);
    for round in 0..400 {
        let bits: usize = 2 + (round * 7) % 254;
        let len = bits.div_ceil(64);
        let mut m = random_bits(&mut rng, bits, len);
        m.limbs_mut()[0] |= 1;
        let modulus = Modulus::new(&m).unwrap();
        let rm = Ref::from_uint(&m);
        for a in operands(&mut rng, &rm, modulus.len(), 3) {
            let (inv, found) = modulus.invert_consttime(&a);
            let (inv2, found2) = modulus.invert_binary_consttime(&a);
            assert_eq!(
                found.declassify(),
                found2.declassify(),
                "m = {m:?}, a = {a:?}"
            );
            if found.declassify() {
                assert!(inv.ct_eq(&inv2).declassify(), "m = {m:?}, a = {a:?}");
                let ra = Ref::from_uint(&a);
                assert_eq!(
                    Ref::from_uint(&inv).mul(&ra).rem(&rm),
                    Ref::from_u64(1).rem(&rm)
                );
            }
        }
    }
}

#[test]
fn gcd_matches_the_reference() {
    let mut rng = TestRng(10);
    for bits in [64usize, 65, 200, 1024, 2048] {
        let len = bits.div_ceil(64);
        for _ in 0..cases(bits) {
            let common = random_bits(&mut rng, 20, 1);
            let a = random_bits(&mut rng, bits - 21, len);
            let b = random_bits(&mut rng, bits - 30, len);
            // Multiples of a common factor, times powers of two.
            let a = a.mul(&common).unwrap().mul(&Uint::from_u64(8, 1)).unwrap();
            let b = b.mul(&common).unwrap().mul(&Uint::from_u64(4, 1)).unwrap();
            let g = gcd_consttime(&a, &b);
            assert_eq!(
                Ref::from_uint(&g),
                Ref::from_uint(&a).gcd(&Ref::from_uint(&b))
            );
        }
    }
    let g = gcd_consttime(&Uint::from_u64(0, 2), &Uint::from_u64(12, 1));
    assert_eq!(g.limb(0), 12);
    let g = gcd_consttime(&Uint::from_u64(1 << 40, 1), &Uint::from_u64(3 << 41, 1));
    assert_eq!(g.limb(0), 1 << 40);
}

#[test]
fn division_matches_the_reference() {
    let mut rng = TestRng(11);
    for bits in SIZES {
        let len = bits.div_ceil(64);
        let divisors = [
            random_bits(&mut rng, bits, len),
            random_bits(&mut rng, bits.div_ceil(2).max(2), len.div_ceil(2)),
            Uint::from_u64(1, 1),
            Uint::from_limbs(&vec![u64::MAX; len]).unwrap(),
            Uint::from_u64(2, len), // even, as p − 1 is
        ];
        let xlen = (2 * len).min(CAPACITY);
        let xs = [
            Uint::zero(xlen),
            Uint::from_limbs(&vec![u64::MAX; xlen]).unwrap(),
            random_bits(&mut rng, 64 * xlen - 5, xlen),
        ];
        for (k, m) in divisors.iter().enumerate() {
            if bits > 2048 && k != 0 && k != 4 {
                continue; // the reference is slow in debug: two divisors at the large sizes
            }
            for x in &xs {
                let (q, r) = div_rem_consttime(x, m);
                let (rq, rr) = Ref::from_uint(x).divrem(&Ref::from_uint(m));
                assert_eq!(Ref::from_uint(&q), rq, "{bits} bits");
                assert_eq!(Ref::from_uint(&r), rr);
                assert_eq!(r.len(), m.len());
                assert_eq!(Ref::from_uint(&rem_consttime(x, m)), rr);
            }
        }
    }
}

#[test]
fn exact_division_and_small_residues_match_the_reference() {
    let mut rng = TestRng(12);
    for bits in SIZES {
        let len = bits.div_ceil(64);
        for d in [1u64, 3, 65537, (1 << 33) - 1, rng.next_u64() | 1, u64::MAX] {
            let q = random_bits(&mut rng, bits - 1, len);
            let x = Ref::from_uint(&q).mul(&Ref::from_u64(d));
            if x.bits() > 64 * len {
                continue;
            }
            let x = x.to_uint(len);
            assert_eq!(
                Ref::from_uint(&div_exact_u64(&x, d)),
                Ref::from_uint(&q),
                "d = {d}"
            );
        }
        let x = random_bits(&mut rng, bits, len);
        let all_ones = Uint::from_limbs(&vec![u64::MAX; len]).unwrap();
        for d in [
            2u32,
            3,
            5,
            65537,
            1_000_003,
            u32::MAX,
            (rng.next_u64() as u32) | 2,
        ] {
            for x in [&x, &all_ones, &Uint::zero(len)] {
                let r = rem_u32_consttime(x, d);
                assert_eq!(
                    Ref::from_u64(r as u64),
                    Ref::from_uint(x).rem(&Ref::from_u64(d as u64))
                );
            }
        }
    }
    assert_eq!(rem_u32_consttime(&Uint::from_u64(12345, 1), 1), 0);
}
