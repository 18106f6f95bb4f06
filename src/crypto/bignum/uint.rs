//! The limb type: an unsigned integer of up to [`CAPACITY`] 64-bit limbs,
//! little-endian, on the stack, and the schoolbook helpers under it.
//!
//! A [`Uint`] has a public length in limbs, fixed when it is made; its
//! value is secret. Every operation here runs in time that depends on the
//! lengths only, except those named `_vartime` (bit length, minimal
//! encoding), which are for public values or for lengths already public.
//!
//! Value ranges are noted on the arithmetic lines: `B` is 2^64, a limb is
//! below `B`, a `u128` holds values below `B^2`.

use alloc::vec::Vec;
use core::fmt;

use crate::crypto::ct::{self, Choice};

/// Bits in one limb.
pub const LIMB_BITS: usize = 64;

/// The largest modulus handled: 8192 bits, RSA's upper limit in the
/// contract (RFC 7518 §3.3 sets the lower one).
pub const MAX_BITS: usize = 8192;

/// Limbs of the largest modulus (128).
pub const MAX_LIMBS: usize = MAX_BITS / LIMB_BITS;

/// Limbs a [`Uint`] can hold: one more than the largest modulus, so that a
/// value times a 64-bit word, and the product of two factors of a modulus,
/// fit (a product of factors of `a` and `b` limbs has at most `a + b`
/// limbs, and two factors of an `L`-limb modulus have at most `L + 1`).
pub const CAPACITY: usize = MAX_LIMBS + 1;

/// `acc + a·b + carry` as (low, high) words. The sum is at most
/// `(B−1) + (B−1)^2 + (B−1) = B^2 − 1`: it fits in a `u128`.
#[inline(always)]
pub(crate) fn mac(acc: u64, a: u64, b: u64, carry: u64) -> (u64, u64) {
    let t = (acc as u128) + (a as u128) * (b as u128) + (carry as u128); // t < B^2
    (t as u64, (t >> 64) as u64)
}

/// `a + b + carry` as (sum, carry out). For any words the sum is below
/// `3B` (carry out ≤ 2); with `carry` ≤ 1 the carry out is ≤ 1.
#[inline(always)]
pub(crate) fn adc(a: u64, b: u64, carry: u64) -> (u64, u64) {
    let t = (a as u128) + (b as u128) + (carry as u128); // t < 3B
    (t as u64, (t >> 64) as u64)
}

/// `a − b − borrow` as (difference mod B, borrow out ∈ {0, 1}); `borrow` ∈
/// {0, 1}.
#[inline(always)]
pub(crate) fn sbb(a: u64, b: u64, borrow: u64) -> (u64, u64) {
    let t = (a as u128)
        .wrapping_sub(b as u128)
        .wrapping_sub(borrow as u128); // a − b − borrow mod B^2
    (t as u64, ((t >> 64) as u64) & 1) // the top word is all ones on a borrow
}

/// `a += b` over equal-length slices; the carry out (0 or 1).
pub(crate) fn add_in_place(a: &mut [u64], b: &[u64]) -> u64 {
    let mut carry = 0;
    for (x, &y) in a.iter_mut().zip(b) {
        (*x, carry) = adc(*x, y, carry); // carry ≤ 1
    }
    carry
}

/// `a −= b` over equal-length slices; the borrow out (0 or 1).
pub(crate) fn sub_in_place(a: &mut [u64], b: &[u64]) -> u64 {
    let mut borrow = 0;
    for (x, &y) in a.iter_mut().zip(b) {
        (*x, borrow) = sbb(*x, y, borrow);
    }
    borrow
}

/// `if c { a −= b }`; the borrow out (0 when `c` is false).
pub(crate) fn cond_sub_in_place(c: Choice, a: &mut [u64], b: &[u64]) -> u64 {
    let mut borrow = 0;
    for (x, &y) in a.iter_mut().zip(b) {
        (*x, borrow) = sbb(*x, y & c.mask(), borrow);
    }
    borrow
}

/// `a >>= 1`; the bit shifted out.
pub(crate) fn shr1_in_place(a: &mut [u64], top_in: u64) -> u64 {
    let out = a.first().map_or(0, |x| x & 1);
    let mut hi = top_in & 1;
    for x in a.iter_mut().rev() {
        let next = *x & 1;
        *x = (*x >> 1) | (hi << 63);
        hi = next;
    }
    out
}

/// `a = 2a + bit`; the bit shifted out of the top.
pub(crate) fn shl1_in_place(a: &mut [u64], bit: u64) -> u64 {
    let mut lo = bit & 1;
    for x in a.iter_mut() {
        let next = *x >> 63;
        *x = (*x << 1) | lo;
        lo = next;
    }
    lo
}

/// The borrow of `a − b` over equal-length slices, i.e. `a < b`.
pub(crate) fn lt_slices(a: &[u64], b: &[u64]) -> Choice {
    let mut borrow = 0;
    for (&x, &y) in a.iter().zip(b) {
        (_, borrow) = sbb(x, y, borrow);
    }
    Choice::from_bit(borrow)
}

/// Whether every limb is zero.
pub(crate) fn is_zero_slice(a: &[u64]) -> Choice {
    ct::is_zero_u64(a.iter().fold(0, |acc, &x| acc | x))
}

/// An unsigned integer: `len` limbs (public), little-endian, of a value
/// (secret) below `2^(64·len)`.
///
/// Limbs past `len` are always zero. The storage is a fixed array of
/// [`CAPACITY`] limbs, so no operation allocates and no length depends on
/// more than the inputs' public lengths.
///
/// ```
/// use barejwt::crypto::bignum::Uint;
///
/// let a = Uint::from_be_bytes(&[0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02]).unwrap();
/// assert_eq!(a.len(), 2);
/// assert_eq!(a.limbs(), &[2, 1]);
/// assert_eq!(a.bits_vartime(), 65);
/// ```
#[derive(Clone)]
pub struct Uint {
    limbs: [u64; CAPACITY],
    len: usize,
}

impl Uint {
    /// Zero, `len` limbs long (`len` is clamped to [`CAPACITY`]).
    pub fn zero(len: usize) -> Uint {
        Uint {
            limbs: [0; CAPACITY],
            len: len.min(CAPACITY),
        }
    }

    /// The word `x`, `len` limbs long (at least one).
    pub fn from_u64(x: u64, len: usize) -> Uint {
        let mut out = Uint::zero(len.max(1));
        out.limbs[0] = x;
        out
    }

    /// From little-endian limbs (`None` past [`CAPACITY`] limbs).
    pub fn from_limbs(limbs: &[u64]) -> Option<Uint> {
        let mut out = Uint::zero(limbs.len());
        out.limbs.get_mut(..limbs.len())?.copy_from_slice(limbs);
        Some(out)
    }

    /// From big-endian bytes, leading zero bytes dropped; as many limbs as
    /// the remaining bytes need (at least one). `None` when that is more
    /// than [`CAPACITY`].
    ///
    /// The number of leading zero bytes decides the length: encodings'
    /// lengths are public, so this branch is on public data.
    pub fn from_be_bytes(bytes: &[u8]) -> Option<Uint> {
        let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
        let rest = bytes.get(start..).unwrap_or(&[]);
        Uint::from_be_bytes_len(rest, rest.len().div_ceil(8).max(1))
    }

    /// From big-endian bytes into exactly `len` limbs. `None` when `len` is
    /// over [`CAPACITY`] or the value needs more than `len` limbs (leading
    /// bytes past `8·len` must be zero; that check runs over public
    /// lengths and stops at the first nonzero byte, so use it on public
    /// values or where the length is a public fact).
    pub fn from_be_bytes_len(bytes: &[u8], len: usize) -> Option<Uint> {
        if len > CAPACITY {
            return None;
        }
        let room = len * 8;
        let excess = bytes.len().saturating_sub(room);
        let (high, low) = bytes.split_at(excess);
        if high.iter().any(|&b| b != 0) {
            return None;
        }
        let mut out = Uint::zero(len);
        // Limb i takes the bytes at distance 8i..8i+8 from the end.
        for (limb, chunk) in out.limbs.iter_mut().zip(low.rchunks(8)) {
            *limb = chunk.iter().fold(0, |acc, &b| (acc << 8) | u64::from(b));
        }
        Some(out)
    }

    /// The length in limbs (public).
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the length is zero limbs (only [`Uint::zero`]`(0)`).
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The limbs, least significant first.
    pub fn limbs(&self) -> &[u64] {
        // len ≤ CAPACITY by construction.
        self.limbs.get(..self.len).unwrap_or(&[])
    }

    /// The limbs, mutably.
    pub fn limbs_mut(&mut self) -> &mut [u64] {
        self.limbs.get_mut(..self.len).unwrap_or(&mut [])
    }

    /// Limb `i`, or 0 past the length.
    pub fn limb(&self, i: usize) -> u64 {
        self.limbs().get(i).copied().unwrap_or(0)
    }

    /// The same value in `len` limbs: zero-extended, or truncated to the
    /// low `len` limbs (the caller knows the value fits). `len` is clamped
    /// to [`CAPACITY`].
    pub fn resized(&self, len: usize) -> Uint {
        let mut out = Uint::zero(len);
        let n = out.len.min(self.len);
        for (o, &x) in out.limbs.iter_mut().zip(self.limbs.iter()).take(n) {
            *o = x;
        }
        out
    }

    /// Writes the value big-endian into all of `out`: the low
    /// `out.len()` bytes of the value, zero-padded on the left.
    pub fn to_be_bytes(&self, out: &mut [u8]) {
        for (i, byte) in out.iter_mut().rev().enumerate() {
            let limb = self.limb(i / 8);
            *byte = (limb >> (8 * (i % 8))) as u8;
        }
    }

    /// The big-endian bytes without leading zeros (one zero byte for
    /// zero). Variable time in the value's length: for public values, or
    /// for exporting a key whose encoding is minimal anyway.
    pub fn to_be_bytes_minimal_vartime(&self) -> Vec<u8> {
        let bytes = self.bits_vartime().div_ceil(8).max(1);
        let mut out = alloc::vec![0u8; bytes];
        self.to_be_bytes(&mut out);
        out
    }

    /// The bit length: the position of the highest set bit plus one (0 for
    /// zero). Variable time: for public values.
    pub fn bits_vartime(&self) -> usize {
        for (i, &limb) in self.limbs().iter().enumerate().rev() {
            if limb != 0 {
                return i * LIMB_BITS + (LIMB_BITS - limb.leading_zeros() as usize);
            }
        }
        0
    }

    /// Bit `i` (0 past the length). The position is public.
    pub fn bit(&self, i: usize) -> u64 {
        (self.limb(i / LIMB_BITS) >> (i % LIMB_BITS)) & 1
    }

    /// Whether the value is zero.
    pub fn is_zero(&self) -> Choice {
        is_zero_slice(self.limbs())
    }

    /// Whether the value is odd.
    pub fn is_odd(&self) -> Choice {
        Choice::from_bit(self.limb(0))
    }

    /// Whether the values are equal (the shorter one zero-extended).
    pub fn ct_eq(&self, other: &Uint) -> Choice {
        let n = self.len.max(other.len);
        let mut diff = 0;
        for i in 0..n {
            diff |= self.limb(i) ^ other.limb(i);
        }
        ct::is_zero_u64(diff)
    }

    /// Whether `self < other` as numbers (the shorter one zero-extended).
    pub fn ct_lt(&self, other: &Uint) -> Choice {
        let n = self.len.max(other.len);
        let mut borrow = 0;
        for i in 0..n {
            (_, borrow) = sbb(self.limb(i), other.limb(i), borrow);
        }
        Choice::from_bit(borrow)
    }

    /// `self += other` modulo `2^(64·len)`; the carry out (0 or 1).
    /// `other` is zero-extended or truncated to `self`'s length.
    pub fn add_assign(&mut self, other: &Uint) -> u64 {
        let mut carry = 0;
        for (i, x) in self.limbs_mut().iter_mut().enumerate() {
            (*x, carry) = adc(*x, other.limb(i), carry); // carry ≤ 1
        }
        carry
    }

    /// `self −= other` modulo `2^(64·len)`; the borrow out (0 or 1).
    /// `other` is zero-extended or truncated to `self`'s length.
    pub fn sub_assign(&mut self, other: &Uint) -> u64 {
        let mut borrow = 0;
        for (i, x) in self.limbs_mut().iter_mut().enumerate() {
            (*x, borrow) = sbb(*x, other.limb(i), borrow);
        }
        borrow
    }

    /// `if c { self = other }` without a branch (`other` zero-extended or
    /// truncated to `self`'s length).
    pub fn conditional_assign(&mut self, c: Choice, other: &Uint) {
        for (i, x) in self.limbs_mut().iter_mut().enumerate() {
            *x = c.select_u64(other.limb(i), *x);
        }
    }

    /// The product, `self.len() + other.len()` limbs long, by schoolbook
    /// multiplication. `None` when that length is over [`CAPACITY`] (the
    /// lengths are public).
    #[allow(clippy::indexing_slicing)] // i < a.len, j < b.len, i + j + 1 ≤ a.len + b.len = out.len
    pub fn mul(&self, other: &Uint) -> Option<Uint> {
        let len = self.len + other.len;
        if len > CAPACITY {
            return None;
        }
        let mut out = Uint::zero(len);
        let (a, b) = (self.limbs(), other.limbs());
        for (i, &ai) in a.iter().enumerate() {
            let mut carry = 0;
            for (j, &bj) in b.iter().enumerate() {
                (out.limbs[i + j], carry) = mac(out.limbs[i + j], ai, bj, carry);
            }
            out.limbs[i + b.len()] = carry; // not yet written by rows before i
        }
        Some(out)
    }

    /// Halves the value in place (`self >>= 1`); the bit shifted out.
    pub fn shr1_assign(&mut self) -> u64 {
        shr1_in_place(self.limbs_mut(), 0)
    }

    /// Doubles the value modulo `2^(64·len)`; the bit shifted out.
    pub fn shl1_assign(&mut self) -> u64 {
        shl1_in_place(self.limbs_mut(), 0)
    }

    /// Overwrites the limbs with zeros (for secrets about to be dropped).
    pub fn wipe(&mut self) {
        for x in self.limbs.iter_mut() {
            *x = 0;
        }
        core::hint::black_box(&mut self.limbs);
    }
}

impl fmt::Debug for Uint {
    /// Hexadecimal, most significant limb first. Never print a secret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Uint(0x")?;
        for limb in self.limbs().iter().rev() {
            write!(f, "{limb:016x}")?;
        }
        f.write_str(")")
    }
}
