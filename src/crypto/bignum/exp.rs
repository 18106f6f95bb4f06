//! Modular exponentiation in Montgomery form, in the two flavours whose
//! names say what they guarantee (like Go's `bigmod.Nat.Exp` beside
//! `ExpShortVarTime`):
//!
//! - [`Modulus::pow_public_vartime`]: a public exponent (RSA's `e`, at most
//!   64 bits), left-to-right square-and-multiply. Its sequence of squarings
//!   and multiplications follows the exponent's bits, so it is variable
//!   time *in the exponent only*; the base may be secret (each product is
//!   constant time).
//! - [`Modulus::pow_consttime`]: a secret exponent (`d`, `dp`, `dq`, a
//!   Miller–Rabin exponent), fixed 4-bit windows (HAC 14.82 without the
//!   sliding): exactly `4·⌈bits/4⌉ − 4` squarings and `⌈bits/4⌉ − 1`
//!   multiplications (after 15 for the table) for a public bit length
//!   `bits`, each multiplier read
//!   from the table of `base^0..base^15` by scanning all 16 entries, so
//!   neither the operations nor the memory touched depend on the
//!   exponent's value.

use alloc::vec;

use super::montgomery::Modulus;
use super::uint::{Uint, LIMB_BITS};
use crate::crypto::ct;

/// Window width in bits.
const WINDOW: usize = 4;
/// Entries in the table: `base^0 .. base^15`.
const TABLE: usize = 1 << WINDOW;

/// `out = table[index]` for a table of `TABLE` entries of `n` limbs,
/// reading every entry (the `crate::crypto::ct::lookup` pattern over
/// run-time lengths).
fn select(out: &mut [u64], table: &[u64], n: usize, index: u64) {
    out.fill(0);
    for (k, entry) in table.chunks_exact(n).enumerate() {
        let hit = ct::eq_u64(k as u64, index);
        for (o, &e) in out.iter_mut().zip(entry) {
            *o |= e & hit.mask();
        }
    }
}

impl Modulus {
    /// `base^e mod m`, base and result in Montgomery form; `e` public.
    ///
    /// Square-and-multiply from the top bit: `⌊log2 e⌋` squarings and one
    /// multiplication per further set bit (for e = 65537: 16 and 1). No
    /// allocation. `e = 0` gives the form of 1.
    ///
    /// Variable time in `e` only: each square and product is constant
    /// time, so the base may be secret (RSA blinding raises a secret `r`
    /// to `e`).
    pub fn pow_public_vartime(&self, base: &Uint, e: u64) -> Uint {
        if e == 0 {
            return self.one().clone();
        }
        let n = self.len();
        let base = base.resized(n);
        let mut x = base.clone();
        let mut y = Uint::zero(n);
        let (mut acc, mut tmp) = (&mut x, &mut y);
        let top = 63 - e.leading_zeros() as usize;
        for i in (0..top).rev() {
            self.sqr_into(tmp.limbs_mut(), acc.limbs());
            core::mem::swap(&mut acc, &mut tmp);
            if (e >> i) & 1 == 1 {
                self.mul_into(tmp.limbs_mut(), acc.limbs(), base.limbs());
                core::mem::swap(&mut acc, &mut tmp);
            }
        }
        acc.clone()
    }

    /// `base^exp mod m`, base and result in Montgomery form, for a secret
    /// `exp < 2^exp_bits`; constant time.
    ///
    /// `exp_bits` is public (a key's prime or modulus length) and fixes
    /// the work: `⌈exp_bits/4⌉` windows, each four squarings and one
    /// multiplication by a table entry chosen by scanning the whole table
    /// (the first window only selects). Window positions are public (64 is a multiple of
    /// 4, so a window never straddles limbs); bits of `exp` past its
    /// length read as zero. The 16-entry table is one allocation of
    /// `16·L` limbs.
    pub fn pow_consttime(&self, base: &Uint, exp: &Uint, exp_bits: usize) -> Uint {
        let n = self.len();
        let base = base.resized(n);
        let mut table = vec![0u64; TABLE * n];
        // table[k] = base^k: table[0] = form of 1, table[1] = base, then
        // table[k] = table[k − 1]·base.
        let mut prev = self.one().clone();
        let mut next = Uint::zero(n);
        for (k, entry) in table.chunks_exact_mut(n).enumerate() {
            entry.copy_from_slice(prev.limbs());
            if k + 1 < TABLE {
                self.mul_into(next.limbs_mut(), prev.limbs(), base.limbs());
                core::mem::swap(&mut prev, &mut next);
            }
        }
        next.wipe();
        prev.wipe();

        let windows = exp_bits.div_ceil(WINDOW);
        let mut x = self.one().clone();
        let mut y = Uint::zero(n);
        let mut chosen = Uint::zero(n);
        let (mut acc, mut tmp) = (&mut x, &mut y);
        for w in (0..windows).rev() {
            let position = w * WINDOW; // public
            let bits = (exp.limb(position / LIMB_BITS) >> (position % LIMB_BITS)) & 0xf;
            select(chosen.limbs_mut(), &table, n, bits);
            if w + 1 == windows {
                acc.limbs_mut().copy_from_slice(chosen.limbs()); // acc = base^top window
                continue;
            }
            for _ in 0..WINDOW {
                self.sqr_into(tmp.limbs_mut(), acc.limbs());
                core::mem::swap(&mut acc, &mut tmp);
            }
            self.mul_into(tmp.limbs_mut(), acc.limbs(), chosen.limbs());
            core::mem::swap(&mut acc, &mut tmp);
        }
        let out = acc.clone();
        x.wipe();
        y.wipe();
        chosen.wipe();
        table.fill(0);
        core::hint::black_box(&mut table);
        out
    }
}
