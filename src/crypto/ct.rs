//! Constant-time building blocks for code that touches secrets.
//!
//! Secret code (signing, key generation, anything holding a private key or
//! a MAC being compared) must not branch on, index memory by, or feed a
//! variable-time instruction (division, an early-exit comparison) with
//! secret data. It chooses with masks instead: a [`Choice`] is all-ones or
//! all-zeros, and [`Choice::select_u64`], [`conditional_assign`],
//! [`conditional_swap`] and [`lookup`] use it without a branch.
//!
//! **The optimisation barrier lives here, in one place** ([`barrier`]): a
//! compiler that can prove a mask is 0 or 1 may turn `mask & a | !mask & b`
//! back into a branch (RUSTSEC-2024-0344 is what one did to a missing
//! barrier). Every `Choice` is made through `barrier`, which passes the
//! value through [`core::hint::black_box`]: the compiler must then treat it
//! as unknown. `black_box` is documented as best effort, not a guarantee;
//! the repository's constant-time check (valgrind memcheck with the secret
//! bytes marked undefined, `ct/`) is what shows the compiled code keeps the
//! promise.
//!
//! Lengths, table sizes and loop counts are public here; only the values
//! are protected. Nothing protects against leaks below the instruction
//! level (power, shared caches of another kind).

use core::hint::black_box;

/// The one optimisation barrier: `x`, made opaque to the optimiser.
#[inline(always)]
pub fn barrier(x: u64) -> u64 {
    black_box(x)
}

/// A secret truth value as a mask: all 64 bits set (true) or none (false).
#[derive(Clone, Copy, Debug)]
pub struct Choice(u64);

impl Choice {
    /// True.
    pub const TRUE: Choice = Choice(u64::MAX);
    /// False.
    pub const FALSE: Choice = Choice(0);

    /// From a bit (`bit` must be 0 or 1; only its lowest bit is used).
    #[inline(always)]
    pub fn from_bit(bit: u64) -> Choice {
        Choice(0u64.wrapping_sub(barrier(bit & 1)))
    }

    /// The mask: `u64::MAX` or 0.
    #[inline(always)]
    pub fn mask(self) -> u64 {
        self.0
    }

    /// Not.
    #[inline(always)]
    #[allow(clippy::should_implement_trait)]
    pub fn not(self) -> Choice {
        Choice(!self.0)
    }

    /// And.
    #[inline(always)]
    pub fn and(self, other: Choice) -> Choice {
        Choice(self.0 & other.0)
    }

    /// Or.
    #[inline(always)]
    pub fn or(self, other: Choice) -> Choice {
        Choice(self.0 | other.0)
    }

    /// `if self { a } else { b }`, without a branch.
    #[inline(always)]
    pub fn select_u64(self, a: u64, b: u64) -> u64 {
        b ^ (self.0 & (a ^ b))
    }

    /// `if self { a } else { b }` for bytes, without a branch.
    #[inline(always)]
    pub fn select_u8(self, a: u8, b: u8) -> u8 {
        // The mask's low byte is 0xff or 0x00.
        b ^ ((self.0 as u8) & (a ^ b))
    }

    /// Makes the value public: only for results that are public by design
    /// (a signature check's outcome, a rejection-sampling decision on
    /// fresh randomness). The name marks every place a secret-derived bit
    /// becomes a branch.
    #[inline(always)]
    pub fn declassify(self) -> bool {
        barrier(self.0) != 0
    }
}

/// `a == b` for words.
#[inline(always)]
pub fn eq_u64(a: u64, b: u64) -> Choice {
    is_zero_u64(a ^ b)
}

/// `x == 0`.
#[inline(always)]
pub fn is_zero_u64(x: u64) -> Choice {
    // x | -x has its top bit set exactly when x != 0.
    Choice::from_bit(((x | x.wrapping_neg()) >> 63) ^ 1)
}

/// `a < b` (unsigned): the borrow out of `a - b`.
#[inline(always)]
pub fn lt_u64(a: u64, b: u64) -> Choice {
    // Hacker's Delight §2-12: the borrow of a - b, computed bitwise.
    let borrow = ((!a & b) | ((!a | b) & a.wrapping_sub(b))) >> 63;
    Choice::from_bit(borrow)
}

/// `if c { dst = src }`, word by word, without a branch. The slices must
/// have equal lengths (a public fact); extra words of the longer are left.
#[inline]
pub fn conditional_assign(c: Choice, dst: &mut [u64], src: &[u64]) {
    for (d, s) in dst.iter_mut().zip(src) {
        *d = c.select_u64(*s, *d);
    }
}

/// `if c { swap(a, b) }`, without a branch.
#[inline]
pub fn conditional_swap(c: Choice, a: &mut [u64], b: &mut [u64]) {
    for (x, y) in a.iter_mut().zip(b.iter_mut()) {
        let t = c.mask() & (*x ^ *y);
        *x ^= t;
        *y ^= t;
    }
}

/// `table[index]`, reading every entry so that the memory accessed does not
/// depend on `index` (a secret window of a scalar or exponent). An `index`
/// past the end gives all zeros.
#[inline]
pub fn lookup<const N: usize>(table: &[[u64; N]], index: usize) -> [u64; N] {
    let mut out = [0u64; N];
    for (i, entry) in table.iter().enumerate() {
        conditional_assign(eq_u64(i as u64, index as u64), &mut out, entry);
    }
    out
}

/// Whether `a == b`, in time that depends only on the lengths.
///
/// Why: a comparison that stops at the first differing byte tells an
/// attacker, through timing, how many leading bytes of a forged tag are
/// right, so a tag can be found byte by byte. Here every byte pair is
/// XOR-ed into an accumulator, with no early exit and no branch on the data;
/// only the final accumulator is tested.
///
/// Lengths are not secret: a length mismatch returns `false` at once.
///
/// ```
/// use barejwt::crypto::ct;
///
/// assert!(ct::eq(b"same", b"same"));
/// assert!(!ct::eq(b"same", b"sane"));
/// assert!(!ct::eq(b"same", b"same!"));
/// ```
pub fn eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut difference = 0u8;
    for (x, y) in a.iter().zip(b) {
        difference = black_box(difference | (x ^ y));
    }
    black_box(difference) == 0
}

/// The base64 character of the six bits `sextet` (0..=63; higher bits are
/// ignored), for an alphabet whose values 62 and 63 are `c62` and `c63`
/// (RFC 4648 §4: `+` `/`; §5: `-` `_`), by arithmetic on the alphabet's
/// ranges: no branch and no table, so encoding a secret key does not
/// depend on its bits (a table lookup at a secret index would).
///
/// Each range adds its step to the offset of the range before it: `A` is
/// 0 + 65, `a` is 26 + 71, `0` is 52 − 4, then `c62` and `c63`.
///
/// ```
/// use barejwt::crypto::ct::base64_char;
///
/// let url: Vec<u8> = (0..64).map(|v| base64_char(v, b'-', b'_')).collect();
/// assert_eq!(url, b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
/// assert_eq!(base64_char(62, b'+', b'/'), b'+');
/// ```
#[inline(always)]
pub fn base64_char(sextet: u32, c62: u8, c63: u8) -> u8 {
    let v = sextet & 63;
    // All ones when v >= k (for 1 <= k <= 63): k - 1 - v wraps below zero.
    let at_least = |k: u32| 0u32.wrapping_sub(k.wrapping_sub(1).wrapping_sub(v) >> 31);
    let offset = 65u32
        .wrapping_add(at_least(26) & 6)
        .wrapping_sub(at_least(52) & 75)
        .wrapping_add(at_least(62) & u32::from(c62).wrapping_sub(58))
        .wrapping_add(at_least(63) & u32::from(c63).wrapping_sub(u32::from(c62)).wrapping_sub(1));
    v.wrapping_add(offset).to_le_bytes()[0]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_char_is_both_alphabets() {
        let standard = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        let url = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for v in 0..256u32 {
            let i = (v & 63) as usize;
            assert_eq!(base64_char(v, b'+', b'/'), standard[i], "{v}");
            assert_eq!(base64_char(v, b'-', b'_'), url[i], "{v}");
        }
    }

    const EDGES: [u64; 8] = [
        0,
        1,
        2,
        0x7fff_ffff_ffff_ffff,
        0x8000_0000_0000_0000,
        u64::MAX - 1,
        u64::MAX,
        0x1234_5678_9abc_def0,
    ];

    #[test]
    fn word_comparisons_match_the_operators() {
        for a in EDGES {
            assert_eq!(is_zero_u64(a).declassify(), a == 0);
            for b in EDGES {
                assert_eq!(eq_u64(a, b).declassify(), a == b, "{a:#x} == {b:#x}");
                assert_eq!(lt_u64(a, b).declassify(), a < b, "{a:#x} < {b:#x}");
            }
        }
    }

    #[test]
    fn selection_swaps_and_lookups_follow_the_choice() {
        assert_eq!(Choice::TRUE.select_u64(1, 2), 1);
        assert_eq!(Choice::FALSE.select_u64(1, 2), 2);
        assert_eq!(Choice::TRUE.select_u8(0xaa, 0x55), 0xaa);
        assert_eq!(Choice::FALSE.select_u8(0xaa, 0x55), 0x55);
        assert!(Choice::TRUE.and(Choice::TRUE).declassify());
        assert!(!Choice::TRUE.and(Choice::FALSE).declassify());
        assert!(Choice::FALSE.or(Choice::TRUE).declassify());
        assert!(Choice::FALSE.not().declassify());

        let (mut a, mut b) = ([1u64, 2], [3u64, 4]);
        conditional_swap(Choice::FALSE, &mut a, &mut b);
        assert_eq!((a, b), ([1, 2], [3, 4]));
        conditional_swap(Choice::TRUE, &mut a, &mut b);
        assert_eq!((a, b), ([3, 4], [1, 2]));
        conditional_assign(Choice::TRUE, &mut a, &[9, 9]);
        assert_eq!(a, [9, 9]);

        let table = [[10u64, 11], [20, 21], [30, 31]];
        for (i, entry) in table.iter().enumerate() {
            assert_eq!(lookup(&table, i), *entry);
        }
        assert_eq!(lookup(&table, 3), [0, 0]);
    }

    #[test]
    fn byte_equality() {
        assert!(eq(b"", b""));
        assert!(eq(b"abc", b"abc"));
        assert!(!eq(b"abc", b"abd"));
        assert!(!eq(b"abc", b"ab"));
    }
}
