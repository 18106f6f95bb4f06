//! Word arithmetic under the field and scalar code: add with carry,
//! subtract with borrow, multiply-accumulate, all on `u64` limbs through
//! `u128`, and the conversions between big-endian octets and little-endian
//! limbs.
//!
//! A number of `N` limbs is `[u64; N]`, least significant limb first:
//! `x = l[0] + l[1]·2^64 + ... + l[N-1]·2^(64(N-1))`. Nothing here
//! branches on the values; loop counts and lengths are public.

/// `a + b + carry` as `(low word, carry out)`; `carry` is 0 or 1, and so is
/// the carry out.
#[inline(always)]
pub(crate) const fn adc(a: u64, b: u64, carry: u64) -> (u64, u64) {
    // a + b + carry <= 2^65 - 1: fits in u128 (wrapping_ only spares debug
    // builds the overflow checks of u128 arithmetic; nothing wraps).
    let t = (a as u128)
        .wrapping_add(b as u128)
        .wrapping_add(carry as u128);
    (t as u64, (t >> 64) as u64)
}

/// `a - b - borrow` as `(low word, borrow out)`; `borrow` is 0 or 1, and so
/// is the borrow out.
#[inline(always)]
pub(crate) const fn sbb(a: u64, b: u64, borrow: u64) -> (u64, u64) {
    // Wraps exactly when a < b + borrow; bit 127 of the u128 is then set.
    let t = (a as u128).wrapping_sub((b as u128).wrapping_add(borrow as u128));
    (t as u64, (t >> 127) as u64)
}

/// `a + b·c + carry` as `(low word, high word)`.
#[inline(always)]
pub(crate) const fn mac(a: u64, b: u64, c: u64, carry: u64) -> (u64, u64) {
    // (2^64-1) + (2^64-1)^2 + (2^64-1) = 2^128 - 1: never overflows u128
    // (the wrapping_ forms only spare debug builds the checks).
    let t = (b as u128)
        .wrapping_mul(c as u128)
        .wrapping_add(a as u128)
        .wrapping_add(carry as u128);
    (t as u64, (t >> 64) as u64)
}

/// The big-endian octets `bytes` as `N` limbs, if the value fits in
/// `N` limbs' worth of the octets given (`bytes.len() <= 8N`); `None` when
/// longer. Octets beyond the number's length are zero.
pub(crate) fn from_be_bytes<const N: usize>(bytes: &[u8]) -> Option<[u64; N]> {
    if bytes.len() > 8 * N {
        return None;
    }
    let mut limbs = [0u64; N];
    // Octet k from the right end goes to limb k / 8 at bit 8·(k % 8); the
    // positions depend only on the (public) length.
    for (k, byte) in bytes.iter().rev().enumerate() {
        if let Some(limb) = limbs.get_mut(k / 8) {
            *limb |= u64::from(*byte) << (8 * (k % 8));
        }
    }
    Some(limbs)
}

/// Writes `limbs` as big-endian octets filling `out` (the low `out.len()`
/// octets of the number; higher octets are dropped, so callers pass a
/// length the value fits in).
pub(crate) fn to_be_bytes<const N: usize>(limbs: &[u64; N], out: &mut [u8]) {
    for (k, byte) in out.iter_mut().rev().enumerate() {
        let limb = limbs.get(k / 8).copied().unwrap_or(0);
        *byte = (limb >> (8 * (k % 8))) as u8;
    }
}

/// `a < b` as numbers, in variable time: for public values only.
pub(crate) fn lt_vartime<const N: usize>(a: &[u64; N], b: &[u64; N]) -> bool {
    for (x, y) in a.iter().rev().zip(b.iter().rev()) {
        if x != y {
            return x < y;
        }
    }
    false
}

/// `a⁻¹ mod m` for an odd prime `m` and `0 < a < m`, in variable time:
/// for public values only. The binary algorithm (Hankerson, Menezes,
/// Vanstone, *Guide to Elliptic Curve Cryptography*, Algorithm 2.22):
/// keep `x1·a ≡ u` and `x2·a ≡ v (mod m)` while halving u and v and
/// subtracting the smaller from the larger, until one of them is 1. About
/// `2·log2(m)` steps of shifts and subtractions, several times faster than
/// a Fermat exponentiation. `a = 0` gives 0.
pub(crate) fn invert_vartime<const N: usize>(a: &[u64; N], m: &[u64; N]) -> [u64; N] {
    let is_one = |x: &[u64; N]| x.iter().enumerate().all(|(i, l)| *l == u64::from(i == 0));
    if a.iter().all(|l| *l == 0) {
        return [0; N];
    }
    let (mut u, mut v) = (*a, *m);
    let mut x1 = [0u64; N];
    if let Some(low) = x1.first_mut() {
        *low = 1;
    }
    let mut x2 = [0u64; N];
    while !is_one(&u) && !is_one(&v) {
        while u.first().is_some_and(|l| l & 1 == 0) {
            shift_right_1(&mut u, 0);
            halve_mod(&mut x1, m);
        }
        while v.first().is_some_and(|l| l & 1 == 0) {
            shift_right_1(&mut v, 0);
            halve_mod(&mut x2, m);
        }
        if lt_vartime(&u, &v) {
            sub_in_place(&mut v, &u);
            sub_mod(&mut x2, &x1, m);
        } else {
            sub_in_place(&mut u, &v);
            sub_mod(&mut x1, &x2, m);
        }
    }
    if is_one(&u) {
        x1
    } else {
        x2
    }
}

/// `x = (x >> 1) | (top << 63 of the last limb)`.
fn shift_right_1<const N: usize>(x: &mut [u64; N], top: u64) {
    let mut carried = top;
    for limb in x.iter_mut().rev() {
        let next = *limb & 1;
        *limb = (*limb >> 1) | (carried << 63);
        carried = next;
    }
}

/// `x = x/2 mod m` for odd m: `x/2` or `(x + m)/2`, the carry of the sum
/// shifted back in.
fn halve_mod<const N: usize>(x: &mut [u64; N], m: &[u64; N]) {
    let mut carry = 0;
    if x.first().is_some_and(|l| l & 1 == 1) {
        for (limb, mi) in x.iter_mut().zip(m) {
            (*limb, carry) = adc(*limb, *mi, carry);
        }
    }
    shift_right_1(x, carry);
}

/// `x −= y` (no borrow out: `y <= x`).
fn sub_in_place<const N: usize>(x: &mut [u64; N], y: &[u64; N]) {
    let mut borrow = 0;
    for (a, b) in x.iter_mut().zip(y) {
        (*a, borrow) = sbb(*a, *b, borrow);
    }
}

/// `x = x − y mod m` for `x, y < m`.
fn sub_mod<const N: usize>(x: &mut [u64; N], y: &[u64; N], m: &[u64; N]) {
    let mut borrow = 0;
    for (a, b) in x.iter_mut().zip(y) {
        (*a, borrow) = sbb(*a, *b, borrow);
    }
    if borrow == 1 {
        let mut carry = 0;
        for (a, mi) in x.iter_mut().zip(m) {
            (*a, carry) = adc(*a, *mi, carry);
        }
    }
}

/// Parses big-endian hexadecimal text into `N` limbs at compile time, for
/// curve constants written as the standards print them (spaces between
/// groups are skipped). Any other character, or too many digits, fails the
/// build.
#[allow(clippy::indexing_slicing)] // i < bytes.len(); k / 16 < N is asserted
pub(crate) const fn hex<const N: usize>(text: &str) -> [u64; N] {
    let bytes = text.as_bytes();
    let mut limbs = [0u64; N];
    let mut k = 0; // hexadecimal digits read so far, from the right
    let mut i = bytes.len();
    while i > 0 {
        i -= 1;
        let c = bytes[i];
        let digit = match c {
            b'0'..=b'9' => c - b'0',
            b'a'..=b'f' => c - b'a' + 10,
            b'A'..=b'F' => c - b'A' + 10,
            b' ' | b'\n' | b'_' => {
                continue;
            }
            _ => 255,
        };
        assert!(
            digit < 16,
            "a curve constant holds a non-hexadecimal character"
        );
        assert!(k / 16 < N, "a curve constant is longer than its limbs");
        limbs[k / 16] |= (digit as u64) << (4 * (k % 16));
        k += 1;
    }
    limbs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn carries_and_borrows_are_the_bits_that_overflow() {
        assert_eq!(adc(u64::MAX, 1, 0), (0, 1));
        assert_eq!(adc(u64::MAX, u64::MAX, 1), (u64::MAX, 1));
        assert_eq!(adc(1, 2, 1), (4, 0));
        assert_eq!(sbb(0, 1, 0), (u64::MAX, 1));
        assert_eq!(sbb(0, u64::MAX, 1), (0, 1));
        assert_eq!(sbb(5, 2, 1), (2, 0));
        assert_eq!(
            mac(u64::MAX, u64::MAX, u64::MAX, u64::MAX),
            (u64::MAX, u64::MAX)
        );
    }

    #[test]
    fn binary_inversion_inverts() {
        // Modulo the prime 2^61 − 1 and modulo a two-limb prime.
        let m = [(1u64 << 61) - 1];
        for a in [1u64, 2, 3, 12345, (1 << 61) - 2] {
            let inv = invert_vartime(&[a], &m)[0];
            assert_eq!(
                (u128::from(a) * u128::from(inv)) % u128::from(m[0]),
                1,
                "{a}"
            );
        }
        assert_eq!(invert_vartime(&[0], &m), [0]);
        // 2^127 − 1 is prime.
        let m = [u64::MAX, (1 << 63) - 1];
        let a = [0x1234_5678_9abc_def0, 0x0fed_cba9];
        let inv = invert_vartime(&a, &m);
        let (x, y) = (
            u128::from(a[0]) | (u128::from(a[1]) << 64),
            u128::from(inv[0]) | (u128::from(inv[1]) << 64),
        );
        let p = (1u128 << 127) - 1;
        // x·y mod p by double-and-add (no u256 at hand).
        let mut acc = 0u128;
        for bit in (0..128).rev() {
            acc = (acc << 1) % p;
            if (y >> bit) & 1 == 1 {
                acc = (acc + x) % p;
            }
        }
        assert_eq!(acc, 1);
    }

    #[test]
    fn vartime_comparison_orders_numbers() {
        assert!(lt_vartime(&[5, 1], &[0, 2]));
        assert!(!lt_vartime(&[0, 2], &[5, 1]));
        assert!(!lt_vartime(&[3, 3], &[3, 3]));
    }

    #[test]
    fn octets_and_limbs_convert_both_ways() {
        let bytes: [u8; 10] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        let limbs: [u64; 2] = from_be_bytes(&bytes).unwrap();
        assert_eq!(limbs, [0x0304_0506_0708_090a, 0x0102]);
        let mut out = [0u8; 10];
        to_be_bytes(&limbs, &mut out);
        assert_eq!(out, bytes);
        assert!(from_be_bytes::<1>(&bytes).is_none());
        assert_eq!(hex::<2>("0102 03040506 0708090A"), limbs);
    }
}
