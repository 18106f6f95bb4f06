//! `barejwt::crypto::ct`, the building blocks every secret computation of
//! the library chooses with, on secret inputs.

use crate::valgrind::{declassify, public, secret};
use barejwt::crypto::ct::{self, Choice};

/// Edge words: zero, one, the signed and unsigned extremes, a pattern.
const WORDS: [u64; 8] = [
    0,
    1,
    2,
    0x7fff_ffff_ffff_ffff,
    0x8000_0000_0000_0000,
    u64::MAX - 1,
    u64::MAX,
    0x1234_5678_9abc_def0,
];

/// The mask of a truth value, as `Choice::mask` gives it.
fn mask(b: bool) -> u64 {
    if b {
        u64::MAX
    } else {
        0
    }
}

/// Masks and selections of secret words.
pub fn choices() -> String {
    let mut checked = 0;
    for a in WORDS {
        let sa = secret(a);
        assert_eq!(declassify(ct::is_zero_u64(sa).mask()), mask(a == 0));
        for b in WORDS {
            let sb = secret(b);
            assert_eq!(declassify(ct::eq_u64(sa, sb).mask()), mask(a == b));
            assert_eq!(declassify(ct::lt_u64(sa, sb).mask()), mask(a < b));
            for bit in [0u64, 1] {
                let c = Choice::from_bit(secret(bit));
                let x = if bit == 1 { a } else { b };
                assert_eq!(declassify(c.select_u64(sa, sb)), x);
                assert_eq!(declassify(c.select_u8(sa as u8, sb as u8)), x as u8);
                assert_eq!(declassify(c.mask()), mask(bit == 1));
                assert_eq!(declassify(c.not().mask()), mask(bit == 0));
                let d = ct::lt_u64(sa, sb);
                assert_eq!(declassify(c.and(d).mask()), mask(bit == 1 && a < b));
                assert_eq!(declassify(c.or(d).mask()), mask(bit == 1 || a < b));
                checked += 1;
            }
        }
    }
    format!("{checked} word pairs and choices, every result as the plain operators give it")
}

/// Table lookups at a secret index, swaps and assignments on a secret
/// choice.
pub fn lookup_and_swap() -> String {
    // A table of 16 entries of 15 words (the shape of Ed25519's rows),
    // itself secret as a private key's precomputed multiples would be.
    let mut plain = [[0u64; 15]; 16];
    for (i, entry) in plain.iter_mut().enumerate() {
        for (j, word) in entry.iter_mut().enumerate() {
            *word = WORDS[(i + j) % WORDS.len()] ^ ((i as u64) << 32 | j as u64);
        }
    }
    let table = secret(plain);
    // Every index, and two past the end (all zeros).
    for index in 0..plain.len() + 2 {
        let expected = plain.get(index).copied().unwrap_or([0; 15]);
        assert_eq!(declassify(ct::lookup(&table, secret(index))), expected);
        // A public table at a secret index.
        assert_eq!(declassify(ct::lookup(&plain, secret(index))), expected);
    }

    let (a, b) = (WORDS, [7u64, 6, 5, 4, 3, 2, 1, 0]);
    for bit in [0u64, 1] {
        let c = Choice::from_bit(secret(bit));
        let (mut x, mut y) = (secret(a), secret(b));
        ct::conditional_swap(c, &mut x, &mut y);
        let swapped = if bit == 1 { (b, a) } else { (a, b) };
        assert_eq!((declassify(x), declassify(y)), swapped);

        let mut x = secret(a);
        ct::conditional_assign(c, &mut x, &secret(b));
        assert_eq!(declassify(x), if bit == 1 { b } else { a });
    }
    format!(
        "lookup at all {} indices and 2 past the end, swap and assign on both choices",
        plain.len()
    )
}

/// `ct::eq` of secret byte strings: equal, and differing at each position.
pub fn byte_equality() -> String {
    let tag: [u8; 32] = core::array::from_fn(|i| (i as u8).wrapping_mul(37) ^ 0xa5);
    let secret_tag = secret(tag);
    assert!(declassify(ct::eq(&secret_tag, &tag)));
    assert!(declassify(ct::eq(&secret_tag, &secret(tag))));
    let mut checked = 2;
    for i in 0..tag.len() {
        for flip in [0x01u8, 0x80] {
            let mut other = tag;
            other[i] ^= flip;
            assert!(!declassify(ct::eq(&secret_tag, &other)), "byte {i}");
            assert!(!declassify(ct::eq(&secret_tag, &secret(other))), "byte {i}");
            checked += 2;
        }
    }
    // Lengths are public: a shorter string is refused at once.
    assert!(!public(ct::eq(&secret_tag, &tag[..31])));
    format!("{checked} comparisons of 32-octet strings, equal and differing at every byte")
}
