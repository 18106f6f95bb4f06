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

    fn shl1(&self) -> Big {
        self.add(self)
    }

    /// `self mod m` by binary long division.
    pub(crate) fn rem(&self, m: &Big) -> Big {
        assert!(!m.is_zero());
        let mut r = Big::zero();
        for i in (0..self.bits()).rev() {
            r = r.shl1();
            if self.bit(i) {
                r = r.add(&Big::from_u64(1));
            }
            if r.cmp(m) != Ordering::Less {
                r = r.sub(m);
            }
        }
        r
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
    }
}
