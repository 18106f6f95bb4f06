//! A plain schoolbook big unsigned integer, for tests only: the reference
//! the field and scalar arithmetic are checked against. Written for
//! obviousness, not speed: 640 bits in ten `u64` words, bit-by-bit
//! remainder, every overflow a panic.
#![allow(clippy::indexing_slicing, clippy::needless_range_loop)]

use core::cmp::Ordering;

/// Words in a [`Big`]: room for the product of two 320-bit values.
const WORDS: usize = 10;

/// An unsigned integer below 2^640, little-endian words.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Big([u64; WORDS]);

impl core::fmt::Debug for Big {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("0x")?;
        for w in self.0.iter().rev() {
            write!(f, "{w:016x}")?;
        }
        Ok(())
    }
}

impl Big {
    pub(crate) fn zero() -> Big {
        Big([0; WORDS])
    }

    pub(crate) fn from_u64(x: u64) -> Big {
        let mut b = Big::zero();
        b.0[0] = x;
        b
    }

    /// From decimal digits.
    pub(crate) fn from_decimal(digits: &str) -> Big {
        digits.bytes().fold(Big::zero(), |acc, c| {
            assert!(c.is_ascii_digit());
            acc.mul(&Big::from_u64(10))
                .add(&Big::from_u64((c - b'0') as u64))
        })
    }

    /// From little-endian octets (at most 80).
    pub(crate) fn from_le(bytes: &[u8]) -> Big {
        assert!(bytes.len() <= WORDS * 8);
        let mut b = Big::zero();
        for (i, byte) in bytes.iter().enumerate() {
            b.0[i / 8] |= (*byte as u64) << (8 * (i % 8));
        }
        b
    }

    /// The low 32 octets, little-endian; panics if the value needs more.
    pub(crate) fn to_le_32(&self) -> [u8; 32] {
        assert!(
            self.0[4..].iter().all(|&w| w == 0),
            "{self:?} exceeds 256 bits"
        );
        let mut out = [0u8; 32];
        for (i, byte) in out.iter_mut().enumerate() {
            *byte = (self.0[i / 8] >> (8 * (i % 8))) as u8;
        }
        out
    }

    pub(crate) fn bit(&self, i: usize) -> bool {
        (self.0[i / 64] >> (i % 64)) & 1 == 1
    }

    pub(crate) fn add(&self, other: &Big) -> Big {
        let mut out = Big::zero();
        let mut carry = 0u128;
        for i in 0..WORDS {
            let s = self.0[i] as u128 + other.0[i] as u128 + carry;
            out.0[i] = s as u64;
            carry = s >> 64;
        }
        assert_eq!(carry, 0, "overflow");
        out
    }

    /// self − other; panics if other is larger.
    pub(crate) fn sub(&self, other: &Big) -> Big {
        assert!(*self >= *other, "underflow: {self:?} − {other:?}");
        let mut out = Big::zero();
        let mut borrow = 0i128;
        for i in 0..WORDS {
            let mut d = self.0[i] as i128 - other.0[i] as i128 - borrow;
            borrow = 0;
            if d < 0 {
                d += 1 << 64;
                borrow = 1;
            }
            out.0[i] = d as u64;
        }
        out
    }

    pub(crate) fn mul(&self, other: &Big) -> Big {
        let mut acc = [0u128; 2 * WORDS];
        for i in 0..WORDS {
            let mut carry = 0u128;
            for j in 0..WORDS {
                let t = acc[i + j] + (self.0[i] as u128) * (other.0[j] as u128) + carry;
                acc[i + j] = t as u64 as u128;
                carry = t >> 64;
            }
            acc[i + WORDS] += carry;
        }
        assert!(acc[WORDS..].iter().all(|&w| w == 0), "overflow");
        let mut out = Big::zero();
        for i in 0..WORDS {
            out.0[i] = acc[i] as u64;
        }
        out
    }

    pub(crate) fn shl(&self, n: usize) -> Big {
        let (words, bits) = (n / 64, n % 64);
        let mut out = Big::zero();
        for i in (0..WORDS).rev() {
            if self.0[i] == 0 {
                continue;
            }
            assert!(i + words < WORDS, "overflow");
            out.0[i + words] |= self.0[i] << bits;
            if bits > 0 {
                let spill = self.0[i] >> (64 - bits);
                if spill != 0 {
                    assert!(i + words + 1 < WORDS, "overflow");
                    out.0[i + words + 1] |= spill;
                }
            }
        }
        out
    }

    /// self mod m, by shift and subtract from the top bit down.
    pub(crate) fn rem(&self, m: &Big) -> Big {
        assert!(*m != Big::zero());
        let mut r = Big::zero();
        let top = (0..WORDS * 64).rev().find(|&i| self.bit(i)).unwrap_or(0);
        for i in (0..=top).rev() {
            // r = 2r + bit i, in place; r < m keeps 2r + 1 within range.
            let mut carry = self.bit(i) as u64;
            for w in r.0.iter_mut() {
                let next = *w >> 63;
                *w = (*w << 1) | carry;
                carry = next;
            }
            assert_eq!(carry, 0, "overflow");
            if r >= *m {
                r = r.sub(m);
            }
        }
        r
    }
}

impl PartialOrd for Big {
    fn partial_cmp(&self, other: &Big) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Big {
    fn cmp(&self, other: &Big) -> Ordering {
        self.0.iter().rev().cmp(other.0.iter().rev())
    }
}
