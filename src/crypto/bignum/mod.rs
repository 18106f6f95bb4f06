//! Unsigned big integers for RSA: 64-bit limbs, `u128` products, moduli up
//! to [`MAX_BITS`] (8192) bits, nothing on the heap but one exponent table.
//!
//! | file | what |
//! | --- | --- |
//! | `uint.rs` | [`Uint`]: the limb type; bytes, comparison, addition, subtraction, schoolbook multiplication |
//! | `montgomery.rs` | [`Modulus`]: `−m⁻¹ mod 2^64` and `R² mod m` once per modulus; CIOS multiplication, a dedicated squaring, reduction of longer values |
//! | `exp.rs` | [`Modulus::pow_public_vartime`] (public exponents), [`Modulus::pow_consttime`] (secret exponents: fixed 4-bit windows) |
//! | `safegcd.rs` | [`Modulus::invert_consttime`]: Bernstein–Yang divsteps, 62 per pass |
//! | `inverse.rs` | [`gcd_consttime`] (Stein's binary GCD); Möller's binary inversion as the tests' reference |
//! | `div.rs` | [`rem_consttime`], [`div_rem_consttime`] (shift and subtract), [`div_exact_u64`], [`rem_u32_consttime`] |
//!
//! **What is constant time.** A [`Uint`]'s length in limbs is public; its
//! value is not. Every function runs in time that depends only on the
//! lengths (and, for a [`Modulus`], its bit length and parity), except
//! those whose names end in `_vartime`, which are for public values: a
//! public exponent's bits, a bit length, a minimal encoding. No function
//! divides a secret with the machine's division instruction: reductions
//! are Montgomery products or masked shift-and-subtract loops. Choices are
//! masks from [`crate::crypto::ct`], whose barrier keeps the compiler from
//! turning them back into branches.
//!
//! No function panics: lengths are checked where values are made, and the
//! arithmetic uses explicit wrapping or `u128` where carries are meant.

mod div;
mod exp;
mod inverse;
mod montgomery;
mod safegcd;
mod uint;

#[cfg(test)]
mod tests;

pub(crate) use div::{barrett_u32, rem_u64_by_u32};
pub use div::{div_exact_u64, div_rem_consttime, rem_consttime, rem_u32_consttime};
pub use inverse::gcd_consttime;
pub use montgomery::Modulus;
pub use uint::{Uint, CAPACITY, LIMB_BITS, MAX_BITS, MAX_LIMBS};
