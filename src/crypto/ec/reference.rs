//! A plain schoolbook big-integer, for tests only: the arithmetic the
//! field, scalar and point code is checked against. Slow and simple on
//! purpose (remainders by shift-and-subtract), sharing no code with the
//! implementation beyond the `u128` operations of the language.

use alloc::vec;
use alloc::vec::Vec;
use core::cmp::Ordering;

/// A non-negative integer, 64-bit limbs, least significant first, no
/// trailing zero limbs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Big(Vec<u64>);

impl Big {
    pub(crate) fn zero() -> Big {
        Big(Vec::new())
    }

    pub(crate) fn from_u64(x: u64) -> Big {
        Big::from_limbs(&[x])
    }

    pub(crate) fn from_limbs(limbs: &[u64]) -> Big {
        let mut v = limbs.to_vec();
        while v.last() == Some(&0) {
            v.pop();
        }
        Big(v)
    }

    pub(crate) fn from_be_bytes(bytes: &[u8]) -> Big {
        let mut limbs = vec![0u64; bytes.len().div_ceil(8)];
        for (k, b) in bytes.iter().rev().enumerate() {
            limbs[k / 8] |= u64::from(*b) << (8 * (k % 8));
        }
        Big::from_limbs(&limbs)
    }

    pub(crate) fn from_hex(hex: &str) -> Big {
        let digits: Vec<u8> = hex
            .bytes()
            .filter(|c| c.is_ascii_hexdigit())
            .map(|c| (c as char).to_digit(16).unwrap() as u8)
            .collect();
        let mut limbs = vec![0u64; digits.len().div_ceil(16)];
        for (k, d) in digits.iter().rev().enumerate() {
            limbs[k / 16] |= u64::from(*d) << (4 * (k % 16));
        }
        Big::from_limbs(&limbs)
    }

    /// The low `N` limbs (the value must fit).
    pub(crate) fn to_limbs<const N: usize>(&self) -> [u64; N] {
        assert!(self.0.len() <= N, "value does not fit {N} limbs");
        let mut out = [0u64; N];
        out[..self.0.len()].copy_from_slice(&self.0);
        out
    }

    /// Big-endian, `len` octets (the value must fit).
    pub(crate) fn to_be_bytes(&self, len: usize) -> Vec<u8> {
        let mut out = vec![0u8; len];
        for (k, byte) in out.iter_mut().rev().enumerate() {
            let limb = self.0.get(k / 8).copied().unwrap_or(0);
            *byte = (limb >> (8 * (k % 8))) as u8;
        }
        assert_eq!(
            Big::from_be_bytes(&out),
            *self,
            "value does not fit {len} octets"
        );
        out
    }

    pub(crate) fn is_zero(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn bits(&self) -> usize {
        match self.0.last() {
            None => 0,
            Some(top) => 64 * self.0.len() - top.leading_zeros() as usize,
        }
    }

    pub(crate) fn bit(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|l| (l >> (i % 64)) & 1 == 1)
    }

    pub(crate) fn add(&self, other: &Big) -> Big {
        let n = self.0.len().max(other.0.len()) + 1;
        let mut out = vec![0u64; n];
        let mut carry = 0u128;
        for (i, o) in out.iter_mut().enumerate() {
            let t = u128::from(*self.0.get(i).unwrap_or(&0))
                + u128::from(*other.0.get(i).unwrap_or(&0))
                + carry;
            *o = t as u64;
            carry = t >> 64;
        }
        Big::from_limbs(&out)
    }

    /// `self − other`; panics when negative.
    pub(crate) fn sub(&self, other: &Big) -> Big {
        assert!(self.cmp(other) != Ordering::Less, "negative difference");
        let mut out = vec![0u64; self.0.len()];
        let mut borrow = 0i128;
        for (i, o) in out.iter_mut().enumerate() {
            let t = i128::from(self.0[i]) - i128::from(*other.0.get(i).unwrap_or(&0)) - borrow;
            if t < 0 {
                *o = (t + (1i128 << 64)) as u64;
                borrow = 1;
            } else {
                *o = t as u64;
                borrow = 0;
            }
        }
        Big::from_limbs(&out)
    }

    pub(crate) fn mul(&self, other: &Big) -> Big {
        let mut out = vec![0u64; self.0.len() + other.0.len() + 1];
        for (i, a) in self.0.iter().enumerate() {
            let mut carry = 0u128;
            for (j, b) in other.0.iter().enumerate() {
                let t = u128::from(out[i + j]) + u128::from(*a) * u128::from(*b) + carry;
                out[i + j] = t as u64;
                carry = t >> 64;
            }
            out[i + other.0.len()] = carry as u64;
        }
        Big::from_limbs(&out)
    }

    /// `self mod m` by schoolbook long division (Knuth, TAOCP vol. 2,
    /// §4.3.1, Algorithm D): both shifted so m's top bit is set, then one
    /// quotient word at a time, estimated from the top two words and
    /// corrected.
    pub(crate) fn rem(&self, m: &Big) -> Big {
        assert!(!m.is_zero());
        if self < m {
            return self.clone();
        }
        let shift = m.0.last().unwrap().leading_zeros();
        let v = shl(&m.0, shift);
        let mut u = shl(&self.0, shift);
        u.push(0);
        let n = v.len();
        let top = *v.last().unwrap();
        for j in (0..u.len() - n).rev() {
            // Estimate q = (u[j+n]·2^64 + u[j+n−1]) / v[n−1], at most 2 too big.
            let numerator = (u128::from(u[j + n]) << 64) | u128::from(u[j + n - 1]);
            let mut q = (numerator / u128::from(top)).min(u128::from(u64::MAX)) as u64;
            loop {
                // u[j..=j+n] −= q·v, unless that goes negative.
                let mut trial = u[j..=j + n].to_vec();
                let mut borrow = 0i128;
                let mut carry = 0u128;
                for (k, t) in trial.iter_mut().enumerate() {
                    let product = u128::from(q) * u128::from(*v.get(k).unwrap_or(&0)) + carry;
                    carry = product >> 64;
                    let d = i128::from(*t) - i128::from(product as u64) - borrow;
                    borrow = i128::from(d < 0);
                    *t = d.rem_euclid(1i128 << 64) as u64;
                }
                if borrow == 0 && carry == 0 {
                    u[j..=j + n].copy_from_slice(&trial);
                    break;
                }
                q -= 1;
            }
        }
        // The remainder is u's low n words, shifted back.
        let mut r = vec![0u64; n];
        for k in 0..n {
            let low = u[k] >> shift;
            let high = if shift == 0 {
                0
            } else {
                u[k + 1] << (64 - shift)
            };
            r[k] = low | high;
        }
        Big::from_limbs(&r)
    }

    pub(crate) fn mul_mod(&self, other: &Big, m: &Big) -> Big {
        self.mul(other).rem(m)
    }

    pub(crate) fn add_mod(&self, other: &Big, m: &Big) -> Big {
        self.add(other).rem(m)
    }

    pub(crate) fn sub_mod(&self, other: &Big, m: &Big) -> Big {
        self.add(m).sub(&other.rem(m)).rem(m)
    }

    pub(crate) fn pow_mod(&self, e: &Big, m: &Big) -> Big {
        let mut acc = Big::from_u64(1).rem(m);
        for i in (0..e.bits()).rev() {
            acc = acc.mul_mod(&acc, m);
            if e.bit(i) {
                acc = acc.mul_mod(self, m);
            }
        }
        acc
    }

    /// `self⁻¹ mod p` for a prime p (Fermat).
    pub(crate) fn inv_mod(&self, p: &Big) -> Big {
        self.pow_mod(&p.sub(&Big::from_u64(2)), p)
    }
}

impl PartialOrd for Big {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Big {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}

/// `limbs << shift` (shift < 64), one limb longer only when bits spill.
fn shl(limbs: &[u64], shift: u32) -> Vec<u64> {
    let mut out = Vec::with_capacity(limbs.len() + 1);
    let mut carried = 0u64;
    for limb in limbs {
        out.push((limb << shift) | carried);
        carried = if shift == 0 { 0 } else { limb >> (64 - shift) };
    }
    if carried != 0 {
        out.push(carried);
    }
    out
}

/// A reproducible random integer below `bound` (slightly biased; tests
/// only).
pub(crate) fn random_below(rng: &mut crate::crypto::rand::TestRng, bound: &Big) -> Big {
    let limbs: Vec<u64> = (0..bound.0.len() + 1).map(|_| rng.next_u64()).collect();
    Big::from_limbs(&limbs).rem(bound)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_itself_agrees_with_small_numbers() {
        let a = Big::from_u64(1_000_003);
        let b = Big::from_u64(999_983);
        let m = Big::from_u64(65_537);
        assert_eq!(a.mul(&b), Big::from_limbs(&[1_000_003 * 999_983]));
        assert_eq!(
            a.mul(&b).rem(&m),
            Big::from_u64((1_000_003u64 * 999_983) % 65_537)
        );
        assert_eq!(a.sub(&b), Big::from_u64(20));
        assert_eq!(
            Big::from_u64(3).inv_mod(&Big::from_u64(7)),
            Big::from_u64(5)
        );
        let big = Big::from_hex("1 0000000000000000 0000000000000000");
        assert_eq!(big.bits(), 129);
        assert_eq!(
            big.sub(&Big::from_u64(1)),
            Big::from_limbs(&[u64::MAX, u64::MAX])
        );
        assert_eq!(Big::from_be_bytes(&big.to_be_bytes(17)), big);
        // Long division against multiplication: (q·m + r) mod m = r.
        let m = Big::from_hex("1ffffffffffffffff 0123456789abcdef fedcba9876543210");
        let q = Big::from_hex("deadbeef 00000000 ffffffff 12345678 9abcdef0 11111111");
        let r = Big::from_hex("1234 5678 9abc def0 0fed cba9 8765");
        assert_eq!(q.mul(&m).add(&r).rem(&m), r);
        assert_eq!(m.rem(&m), Big::zero());
        assert_eq!(Big::from_u64(5).rem(&m), Big::from_u64(5));
    }
}
