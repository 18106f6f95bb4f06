//! Scalars: integers modulo the group order n, in Montgomery form
//! ([`Mont`] over n), and what ECDSA does with them: octet conversion,
//! `bits2int` (RFC 6979 §2.3.2, the same rule as FIPS 186-5 §6.4.1 step 4
//! and SEC 1 §4.1.3 step 5), and the two recodings of a scalar into
//! signed digits for point multiplication:
//!
//! - width-w NAF (variable time, for verification, which handles public
//!   values only): odd digits in `(-2^(w-1), 2^(w-1))`, at most one
//!   non-zero digit in any w consecutive ones (Hankerson, Menezes, Vanstone,
//!   *Guide to Elliptic Curve Cryptography*, Algorithm 3.35);
//! - signed w-bit windows (constant time, for signing and key derivation):
//!   digits in `[-2^(w-1), 2^(w-1)]`, each read from w + 1 scalar bits with
//!   one bit shared with the window below ("Booth" recoding, as OpenSSL's
//!   `ecp_nistz256` and BoringSSL do), computed with arithmetic only.

use super::field::{Modulus, Mont, OrderModulus};
use super::word::{self, sbb};
use crate::crypto::ct::Choice;
use core::ops::{Add, Mul, Neg, Sub};

/// The most digits a recoding can produce: 9 limbs of bits plus one.
pub(crate) const MAX_DIGITS: usize = 9 * 64 + 1;

/// What the curve code needs of a scalar type.
pub(crate) trait Scalar:
    Copy + Add<Output = Self> + Sub<Output = Self> + Mul<Output = Self> + Neg<Output = Self>
{
    /// The bit length of the order n (qlen in RFC 6979).
    const BITS: usize;

    /// The scalar whose big-endian octets are `bytes` (at most the limbs'
    /// width) and whether that integer is below n, in constant time (the
    /// value is 0 when it is not).
    fn from_be_bytes(bytes: &[u8]) -> (Self, Choice);
    /// `x mod n` for an integer `x < 2n` given as big-endian octets (the
    /// output of `bits2int`, below `2^qlen <= 2n`): one conditional
    /// subtraction, constant time.
    fn reduce_be_bytes(bytes: &[u8]) -> Self;
    /// The integer as big-endian octets filling `out`.
    fn write_be_bytes(&self, out: &mut [u8]);
    /// `self + n` as big-endian octets filling `out`, when it fits in the
    /// limbs (public values only); `false` when it does not, in which case
    /// it is above every field prime of the same width.
    fn write_plus_order_be_bytes_vartime(&self, out: &mut [u8]) -> bool;
    /// `a⁻¹ mod n` (Fermat, constant time); 0 maps to 0.
    fn invert(&self) -> Self;
    /// `a⁻¹ mod n` in variable time, for public values only (the s of a
    /// signature being verified); 0 maps to 0.
    fn invert_vartime(&self) -> Self;
    /// Whether the scalar is 0.
    fn is_zero(&self) -> Choice;
    /// The width-`w` NAF digits, least significant first, into `out`;
    /// returns how many (the rest are 0). Variable time.
    fn wnaf_vartime(&self, w: u32, out: &mut [i8; MAX_DIGITS]) -> usize;
    /// The signed `w`-bit window digits `d_i` in `[-2^(w-1), 2^(w-1)]`
    /// (`w` from 2 to 7) with `Σ d_i·2^(w·i)` equal to the scalar,
    /// `BITS / w + 1` of them, into `out`. Constant time.
    fn signed_windows(&self, w: u32, out: &mut [i8; MAX_DIGITS]) -> usize;
}

impl<M: Modulus<N>, const N: usize> Mont<M, N> {
    /// The bit length of the modulus.
    const BIT_LENGTH: usize = bit_length_const(&M::M);
}

impl<M: OrderModulus<N>, const N: usize> Scalar for Mont<M, N> {
    const BITS: usize = Self::BIT_LENGTH;

    fn from_be_bytes(bytes: &[u8]) -> (Self, Choice) {
        match word::from_be_bytes::<N>(bytes) {
            Some(limbs) => Self::from_canonical(&limbs),
            None => (Self::ZERO, Choice::FALSE),
        }
    }

    fn reduce_be_bytes(bytes: &[u8]) -> Self {
        let limbs = word::from_be_bytes::<N>(bytes).unwrap_or([0; N]);
        // limbs < 2n: subtract n once unless that borrows.
        let reduced = super::field::reduce_once(&limbs, 0, &M::M);
        Self::from_canonical(&reduced).0
    }

    fn write_be_bytes(&self, out: &mut [u8]) {
        word::to_be_bytes(&self.to_canonical(), out);
    }

    fn write_plus_order_be_bytes_vartime(&self, out: &mut [u8]) -> bool {
        let value = self.to_canonical();
        let mut sum = [0u64; N];
        let mut carry = 0;
        for ((s, a), b) in sum.iter_mut().zip(&value).zip(M::M.iter()) {
            (*s, carry) = word::adc(*a, *b, carry);
        }
        word::to_be_bytes(&sum, out);
        carry == 0
    }

    fn invert(&self) -> Self {
        Mont::invert(self)
    }

    fn invert_vartime(&self) -> Self {
        Mont::invert_vartime(self)
    }

    fn is_zero(&self) -> Choice {
        Mont::is_zero(self)
    }

    fn wnaf_vartime(&self, w: u32, out: &mut [i8; MAX_DIGITS]) -> usize {
        // k as N + 1 limbs: adding back a negative digit can carry one bit.
        let mut k = [0u64; 10];
        for (dst, src) in k.iter_mut().zip(self.to_canonical().iter()) {
            *dst = *src;
        }
        *out = [0; MAX_DIGITS];
        let window = 1u64 << w;
        let mut len = 0;
        let mut i = 0; // the position of k's lowest bit
        while k.iter().any(|&limb| limb != 0) && i < MAX_DIGITS {
            // Skip the zero digits at once (after a digit there are at
            // least w of them).
            let zeros = k[0].trailing_zeros();
            if zeros > 0 {
                let step = zeros.min(63);
                shift_right(&mut k, step);
                i += step as usize;
                continue;
            }
            // k odd: d = k mods 2^w, odd, in (-2^(w-1), 2^(w-1)); k -= d.
            let low = k[0] & (window - 1);
            let digit = if low >= window / 2 {
                low as i64 - window as i64
            } else {
                low as i64
            };
            if digit > 0 {
                sub_small(&mut k, digit as u64);
            } else {
                add_small(&mut k, digit.unsigned_abs());
            }
            if let Some(slot) = out.get_mut(i) {
                *slot = digit as i8;
            }
            len = i + 1;
        }
        len
    }

    fn signed_windows(&self, w: u32, out: &mut [i8; MAX_DIGITS]) -> usize {
        let k = self.to_canonical();
        let width = w as usize;
        // w·count − 1 >= BITS: the top window's sign bit lies above the
        // scalar, so the digits add up to it exactly.
        let count = Self::BITS / width + 1;
        *out = [0; MAX_DIGITS];
        for (i, slot) in out.iter_mut().enumerate().take(count) {
            // Bits w·i − 1 ..= w·i + w − 1 (bit −1 is 0), a public position.
            let bits = if i == 0 {
                (bits_at(&k, 0, w) << 1) & ((2 << w) - 1)
            } else {
                bits_at(&k, width * i - 1, w + 1)
            };
            *slot = booth_digit(bits, w);
        }
        count
    }
}

/// `width` bits of `k` from bit `position` up (bits past the end are 0);
/// the position is public.
fn bits_at<const N: usize>(k: &[u64; N], position: usize, width: u32) -> u64 {
    let limb = position / 64;
    let shift = position % 64;
    let low = k.get(limb).copied().unwrap_or(0) >> shift;
    let high = if shift == 0 {
        0
    } else {
        k.get(limb + 1).copied().unwrap_or(0) << (64 - shift)
    };
    (low | high) & ((1u64 << width) - 1)
}

/// The digit of a (w + 1)-bit window `b_w ... b1 b0` whose lowest bit is
/// the window below's top bit: `b0 + b1 + 2·b2 + ... + 2^(w−2)·b_(w−1) −
/// 2^(w−1)·b_w`, in `[-2^(w-1), 2^(w-1)]`. Arithmetic only (the window is
/// secret).
fn booth_digit(window: u64, w: u32) -> i8 {
    // negative = all ones when the top bit b_w is set.
    let negative = 0u64.wrapping_sub(window >> w);
    // For b_w = 1 use 2^(w+1) − 1 − window, whose halving (rounded up)
    // is the magnitude; else the window itself.
    let all_ones = (2u64 << w) - 1;
    let folded = ((all_ones - window) & negative) | (window & !negative);
    let magnitude = (folded >> 1) + (folded & 1); // 0..=2^(w−1)
                                                  // sign ? -magnitude : magnitude
    (((magnitude ^ negative).wrapping_sub(negative)) & 0xff) as u8 as i8
}

/// `k -= s` for a small `s` (no borrow out: `s <= k`).
fn sub_small(k: &mut [u64; 10], s: u64) {
    let mut borrow = s;
    for limb in k.iter_mut() {
        let (d, b) = sbb(*limb, borrow, 0);
        *limb = d;
        borrow = b;
    }
}

/// `k += s` for a small `s`.
fn add_small(k: &mut [u64; 10], s: u64) {
    let mut carry = s;
    for limb in k.iter_mut() {
        let (sum, c) = word::adc(*limb, carry, 0);
        *limb = sum;
        carry = c;
    }
}

/// `k >>= s` for `1 <= s <= 63`.
fn shift_right(k: &mut [u64; 10], s: u32) {
    let mut carried = 0;
    for limb in k.iter_mut().rev() {
        let next = *limb << (64 - s);
        *limb = (*limb >> s) | carried;
        carried = next;
    }
}

/// `bits2int` (RFC 6979 §2.3.2): the leftmost `qlen` bits of `bits` as an
/// integer, written big-endian to `out` (`ceil(qlen/8)` octets). Shorter
/// input is taken whole. Positions depend only on the lengths; constant
/// time in the content.
pub(crate) fn bits2int(bits: &[u8], qlen: usize, out: &mut [u8]) {
    let blen = 8 * bits.len();
    let shift = blen.saturating_sub(qlen);
    let (octets, bits_in) = (shift / 8, (shift % 8) as u32);
    // Output octet j from the right is bits [8j + shift, 8j + shift + 8) of
    // the input, i.e. input octets j + octets and j + octets + 1 from the
    // right.
    let from_right = |j: usize| -> u8 {
        bits.len()
            .checked_sub(j + 1)
            .and_then(|index| bits.get(index))
            .copied()
            .unwrap_or(0)
    };
    for (j, byte) in out.iter_mut().rev().enumerate() {
        let low = u16::from(from_right(j + octets));
        let high = u16::from(from_right(j + octets + 1));
        *byte = (((high << 8) | low) >> bits_in) as u8;
    }
}

/// The bit length of a non-zero number, compile time.
#[allow(clippy::indexing_slicing)] // i < N
const fn bit_length_const<const N: usize>(m: &[u64; N]) -> usize {
    let mut i = N;
    while i > 0 {
        i -= 1;
        if m[i] != 0 {
            return 64 * i + 64 - m[i].leading_zeros() as usize;
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::ec::curve::{CurveArith, Secp256k1, P256, P384, P521};
    use crate::crypto::ec::reference::{random_below, Big};
    use crate::crypto::rand::TestRng;
    use alloc::vec::Vec;

    fn order<C: CurveArith>() -> Big {
        // n − 1 + 1, read back through the scalar type itself.
        let minus_one = -<C::Sc as Scalar>::from_be_bytes(&[1]).0;
        let mut bytes = alloc::vec![0u8; C::SCALAR_LEN];
        minus_one.write_be_bytes(&mut bytes);
        Big::from_be_bytes(&bytes).add(&Big::from_u64(1))
    }

    fn scalar<C: CurveArith>(x: &Big) -> C::Sc {
        let (s, ok) = C::Sc::from_be_bytes(&x.to_be_bytes(C::SCALAR_LEN));
        assert!(ok.declassify());
        s
    }

    /// Σ d_i·base^i, with negative digits.
    fn recompose(digits: &[i8], base: u64) -> Big {
        let (mut pos, mut neg) = (Big::zero(), Big::zero());
        let mut weight = Big::from_u64(1);
        for d in digits {
            let term = weight.mul(&Big::from_u64(u64::from(d.unsigned_abs())));
            if *d >= 0 {
                pos = pos.add(&term);
            } else {
                neg = neg.add(&term);
            }
            weight = weight.mul(&Big::from_u64(base));
        }
        pos.sub(&neg)
    }

    fn samples<C: CurveArith>(seed: u64) -> Vec<Big> {
        let n = order::<C>();
        let one = Big::from_u64(1);
        let mut rng = TestRng(seed);
        let mut v = alloc::vec![
            Big::zero(),
            one.clone(),
            Big::from_u64(2),
            Big::from_u64(0x8f),
            n.sub(&one),
            n.sub(&Big::from_u64(2)),
            Big::from_limbs(&[0, 0, 0, 1 << 63]).rem(&n),
        ];
        for _ in 0..16 {
            v.push(random_below(&mut rng, &n));
        }
        v
    }

    fn check_recodings<C: CurveArith>(seed: u64) {
        for k in samples::<C>(seed) {
            let s = scalar::<C>(&k);
            for w in [2, 4, 5, 7] {
                let mut digits = [0i8; MAX_DIGITS];
                let len = s.wnaf_vartime(w, &mut digits);
                assert_eq!(recompose(&digits[..len], 2), k, "wNAF w = {w}");
                assert!(digits[len..].iter().all(|d| *d == 0));
                let mut last_nonzero: Option<usize> = None;
                for (i, d) in digits[..len].iter().enumerate() {
                    if *d != 0 {
                        assert!(d % 2 != 0 && i32::from(d.unsigned_abs()) < 1 << (w - 1));
                        if let Some(j) = last_nonzero {
                            assert!(i - j >= w as usize, "digits {j} and {i} too close");
                        }
                        last_nonzero = Some(i);
                    }
                }
                assert!(len <= C::Sc::BITS + 1);
            }
            for w in 2..=7u32 {
                let mut digits = [0i8; MAX_DIGITS];
                let count = s.signed_windows(w, &mut digits);
                assert_eq!(count, C::Sc::BITS / w as usize + 1);
                let bound = 1i8 << (w - 1);
                assert!(digits.iter().all(|d| (-bound..=bound).contains(d)));
                assert_eq!(
                    recompose(&digits[..count], 1 << w),
                    k,
                    "signed windows, w = {w}"
                );
            }
        }
    }

    #[test]
    fn recodings_recompose_the_scalar_on_every_curve() {
        check_recodings::<P256>(11);
        check_recodings::<P384>(12);
        check_recodings::<P521>(13);
        check_recodings::<Secp256k1>(14);
    }

    #[test]
    fn booth_digits_of_every_window() {
        // Window bits b_w..b0 are scalar bits w·i + w − 1 ..= w·i − 1: the
        // digit is b0 + (bits 1..w−1 as a number) − 2^(w−1)·b_w.
        for w in 2..=7u32 {
            for window in 0u64..(2 << w) {
                let middle = (window >> 1) & ((1 << (w - 1)) - 1);
                let top = (window >> w) as i64;
                let expected = (window & 1) as i64 + middle as i64 - (top << (w - 1));
                assert_eq!(
                    i64::from(booth_digit(window, w)),
                    expected,
                    "w {w}, {window:b}"
                );
            }
        }
    }

    #[test]
    fn bits2int_keeps_the_leftmost_qlen_bits() {
        // Shorter input: taken whole, left-padded.
        let mut out = [0u8; 4];
        bits2int(&[0xab, 0xcd], 32, &mut out);
        assert_eq!(out, [0, 0, 0xab, 0xcd]);
        // Equal lengths: unchanged.
        bits2int(&[1, 2, 3, 4], 32, &mut out);
        assert_eq!(out, [1, 2, 3, 4]);
        // Longer: shifted right by 8·len − qlen (here 40 − 29 = 11 bits).
        let input = [0xff, 0x00, 0xff, 0x00, 0xff];
        let x = Big::from_be_bytes(&input);
        let mut expected = x.clone();
        for _ in 0..11 {
            expected = Big::from_limbs(&[expected.to_limbs::<1>()[0] >> 1]);
        }
        bits2int(&input, 29, &mut out);
        assert_eq!(Big::from_be_bytes(&out), expected);
        // P-521 with two SHA-512 blocks: the top 521 of 1024 bits.
        let t: Vec<u8> = (0..128u32).map(|i| (i * 37 + 11) as u8).collect();
        let mut out = [0u8; 66];
        bits2int(&t, 521, &mut out);
        let mut shifted = Big::from_be_bytes(&t);
        for _ in 0..503 {
            // halve: (x − x mod 2) / 2 via the reference
            let bits: Vec<u8> = shifted.to_be_bytes(128);
            let mut halved = alloc::vec![0u8; 128];
            let mut carry = 0u8;
            for (h, b) in halved.iter_mut().zip(bits.iter()) {
                *h = (b >> 1) | (carry << 7);
                carry = b & 1;
            }
            shifted = Big::from_be_bytes(&halved);
        }
        assert_eq!(Big::from_be_bytes(&out), shifted);
    }

    fn check_reductions<C: CurveArith>() {
        let n = order::<C>();
        let len = C::SCALAR_LEN;
        for extra in [0u64, 1, 12345] {
            let x = n.add(&Big::from_u64(extra));
            if x.bits() > 8 * len {
                continue;
            }
            let r = C::Sc::reduce_be_bytes(&x.to_be_bytes(len));
            let mut out = alloc::vec![0u8; len];
            r.write_be_bytes(&mut out);
            assert_eq!(Big::from_be_bytes(&out), Big::from_u64(extra));
            let (_, below) = C::Sc::from_be_bytes(&x.to_be_bytes(len));
            assert!(!below.declassify());
        }
        let below_n = n.sub(&Big::from_u64(5));
        let r = C::Sc::reduce_be_bytes(&below_n.to_be_bytes(len));
        let mut out = alloc::vec![0u8; len];
        r.write_be_bytes(&mut out);
        assert_eq!(Big::from_be_bytes(&out), below_n);
    }

    #[test]
    fn reduction_of_values_from_n_to_2n_on_every_curve() {
        check_reductions::<P256>();
        check_reductions::<P384>();
        check_reductions::<P521>();
        check_reductions::<Secp256k1>();
    }
}
