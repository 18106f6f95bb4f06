//! Precomputed multiples of each curve's base point G, kept as generated
//! Rust source in `table/` (like Go's `nistec/p256_table.go`): no
//! computation at start-up, nothing computed by `const fn` at build time.
//!
//! Two tables per curve:
//!
//! - `COMB`, for signing and key derivation (constant time). A scalar's
//!   signed [`COMB_WINDOW`]-bit digits `d_i` (see `scalar.rs`), D of them,
//!   are cut into T runs ("teeth", `CurveArith::COMB_TEETH`) of
//!   J = [`comb_spacing`] digits; run t is scaled by `2^(w·t·J)`. Row t of
//!   the table holds `j·2^(w·t·J)·G` for j = 1..[`COMB_ROW`], so that
//!   `k·G = Σ_j 2^(w·j) · Σ_t d_(tJ+j) · (2^(w·t·J)·G)`:
//!   w·(J − 1) doublings and one table addition per digit, every row
//!   scanned whole (`sign.rs`).
//! - `G_ODD`, for verification (variable time): the scalar u1's
//!   width-[`G_WINDOW`] NAF digits are cut into [`SPLIT`] runs of
//!   [`split_bits`] positions; row t holds the odd multiples
//!   `P, 3P, ..., (2^(G_WINDOW−1) − 1)·P` of `P = 2^(t·c)·G` that run t's
//!   digits select. The runs share their doublings (`verify.rs`), which
//!   is what splitting saves.
//!
//! Entries are affine points in each field's stored form (Montgomery form
//! for P-256, P-384 and secp256k1; the integer itself for P-521). The test
//! `generated_tables_match_a_fresh_computation` recomputes every entry
//! from G and compares. To regenerate after a change of representation or
//! geometry, run
//!
//! ```text
//! cargo test --release --lib crypto::ec::table::tests::print_tables -- --ignored --nocapture --exact \
//!   | awk '/^\/\/ FILE /{f=$3; next} f{print > f}'
//! ```
//!
//! from the repository root, then `cargo fmt`.

pub(crate) mod p256;
pub(crate) mod p384;
pub(crate) mod p521;
pub(crate) mod secp256k1;

/// The width w of the signing comb's signed digits.
pub(crate) const COMB_WINDOW: u32 = 5;

/// Entries per comb row: the digit magnitudes 1..=2^(w−1).
pub(crate) const COMB_ROW: usize = 1 << (COMB_WINDOW - 1);

/// J, the digits in each run of the comb, for an order of `bits` bits and
/// `teeth` runs: the `bits/w + 1` signed digits spread over the runs.
pub(crate) const fn comb_spacing(bits: usize, teeth: usize) -> usize {
    (bits / COMB_WINDOW as usize + 1).div_ceil(teeth)
}

/// The runs each verification scalar is cut into (rows of `G_ODD`, and of
/// a public key's table).
pub(crate) const SPLIT: usize = 4;

/// c, the NAF positions per run, for an order of `bits` bits: a NAF has at
/// most `bits + 1` digits.
pub(crate) const fn split_bits(bits: usize) -> usize {
    (bits + 1).div_ceil(SPLIT)
}

/// The width of the NAF digits of u1 (the multiplier of G) in
/// verification.
pub(crate) const G_WINDOW: u32 = 7;

/// The odd multiples in each row of `G_ODD`: `2^(G_WINDOW − 2)`.
pub(crate) const G_ODD_LEN: usize = 1 << (G_WINDOW - 2);

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::crypto::ec::curve::{CurveArith, Secp256k1, P256, P384, P521};
    use crate::crypto::ec::field::Field;
    use crate::crypto::ec::point::{batch_to_affine_vartime, Affine};
    use crate::crypto::ec::scalar::Scalar;
    use crate::crypto::ec::verify::split_odd_multiples_vartime;
    use alloc::format;
    use alloc::string::String;
    use alloc::vec::Vec;

    /// The comb rows, computed: row t is j·2^(w·t·J)·G, j = 1..COMB_ROW.
    pub(crate) fn compute_comb<C: CurveArith>() -> Vec<[Affine<C>; COMB_ROW]> {
        let spacing = comb_spacing(C::Sc::BITS, C::COMB_TEETH);
        let mut rows = Vec::new();
        let mut base = C::G; // 2^(w·t·J)·G
        for _ in 0..C::COMB_TEETH {
            let mut multiples = Vec::new();
            let mut acc = base.to_jacobian();
            multiples.push(acc);
            for _ in 1..COMB_ROW {
                acc = acc.add_mixed_vartime(&base);
                multiples.push(acc);
            }
            let affine = batch_to_affine_vartime(&multiples);
            let mut row = [base; COMB_ROW];
            row.copy_from_slice(&affine);
            rows.push(row);
            let mut next = base.to_jacobian();
            for _ in 0..COMB_WINDOW as usize * spacing {
                next = next.double_vartime();
            }
            base = next.to_affine_vartime().unwrap();
        }
        rows
    }

    /// The verification table, computed: row t holds the odd multiples of
    /// 2^(t·c)·G.
    pub(crate) fn compute_g_odd<C: CurveArith>() -> Vec<[Affine<C>; G_ODD_LEN]> {
        split_odd_multiples_vartime(&C::G, G_ODD_LEN)
            .chunks(G_ODD_LEN)
            .map(|chunk| {
                let mut row = [C::G; G_ODD_LEN];
                row.copy_from_slice(chunk);
                row
            })
            .collect()
    }

    fn same<C: CurveArith>(a: &Affine<C>, b: &Affine<C>) -> bool {
        a.x.stored_limbs() == b.x.stored_limbs() && a.y.stored_limbs() == b.y.stored_limbs()
    }

    fn check<C: CurveArith>() {
        let comb = compute_comb::<C>();
        assert_eq!(C::comb().len(), comb.len(), "{:?}", C::CURVE);
        for (t, (stored, fresh)) in C::comb().iter().zip(&comb).enumerate() {
            for (j, (a, b)) in stored.iter().zip(fresh).enumerate() {
                assert!(same(a, b), "{:?} COMB[{t}][{j}] differs", C::CURVE);
            }
        }
        let odd = compute_g_odd::<C>();
        assert_eq!(C::g_odd_multiples().len(), SPLIT);
        for (t, (stored, fresh)) in C::g_odd_multiples().iter().zip(&odd).enumerate() {
            for (i, (a, b)) in stored.iter().zip(fresh).enumerate() {
                assert!(same(a, b), "{:?} G_ODD[{t}][{i}] differs", C::CURVE);
            }
        }
        // And the entries are what they claim to be, as points.
        let g = C::G.to_jacobian();
        let two_g = g.double_vartime().to_affine_vartime().unwrap();
        assert!(C::comb()[0][1].eq_vartime(&two_g));
        assert!(C::g_odd_multiples()[0][0].eq_vartime(&C::G));
        let three_g = g.add_mixed_vartime(&two_g).to_affine_vartime().unwrap();
        assert!(C::g_odd_multiples()[0][1].eq_vartime(&three_g));
    }

    #[test]
    fn generated_tables_match_a_fresh_computation() {
        check::<P256>();
        check::<P384>();
        check::<P521>();
        check::<Secp256k1>();
    }

    fn point_source<C: CurveArith>(p: &Affine<C>, field: &str) -> String {
        let limbs = |f: &C::Fe| -> String {
            f.stored_limbs()
                .iter()
                .map(|l| format!("{l:#018x}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!(
            "    Affine::new(\n        {field}::from_stored([{}]),\n        {field}::from_stored([{}]),\n    ),\n",
            limbs(&p.x),
            limbs(&p.y)
        )
    }

    fn module_source<C: CurveArith>(module: &str, curve: &str, field: &str) -> String {
        let mut s = String::new();
        s.push_str(&format!(
            "//! Generated by `table.rs` (`print_tables`): the {curve} base-point tables.\n\
             //! Do not edit; `generated_tables_match_a_fresh_computation` recomputes\n\
             //! every entry.\n\n\
             use crate::crypto::ec::curve::{{{module}, {field}}};\n\
             use crate::crypto::ec::point::Affine;\n\n"
        ));
        let comb = compute_comb::<C>();
        s.push_str(&format!(
            "/// Row t: j·2^({w}·t·{})·G for j = 1..{COMB_ROW}.\n#[rustfmt::skip]\npub(crate) static COMB: [[Affine<{module}>; {COMB_ROW}]; {}] = [\n",
            comb_spacing(C::Sc::BITS, C::COMB_TEETH),
            comb.len(),
            w = COMB_WINDOW,
        ));
        for row in &comb {
            s.push_str("[\n");
            for p in row {
                s.push_str(&point_source(p, field));
            }
            s.push_str("],\n");
        }
        s.push_str("];\n\n");
        let odd = compute_g_odd::<C>();
        s.push_str(&format!(
            "/// Row t: P, 3P, 5P, ..., {}P for P = 2^(t·{})·G.\n#[rustfmt::skip]\npub(crate) static G_ODD: [[Affine<{module}>; {G_ODD_LEN}]; {SPLIT}] = [\n",
            2 * G_ODD_LEN - 1,
            split_bits(C::Sc::BITS),
        ));
        for row in &odd {
            s.push_str("[\n");
            for p in row {
                s.push_str(&point_source(p, field));
            }
            s.push_str("],\n");
        }
        s.push_str("];\n");
        s
    }

    /// Prints the table modules (see the module documentation for the
    /// command that writes them).
    #[test]
    #[ignore]
    fn print_tables() {
        extern crate std;
        std::println!("// FILE src/crypto/ec/table/p256.rs");
        std::print!("{}", module_source::<P256>("P256", "P-256", "P256Field"));
        std::println!("// FILE src/crypto/ec/table/p384.rs");
        std::print!("{}", module_source::<P384>("P384", "P-384", "P384Field"));
        std::println!("// FILE src/crypto/ec/table/p521.rs");
        std::print!("{}", module_source::<P521>("P521", "P-521", "P521Field"));
        std::println!("// FILE src/crypto/ec/table/secp256k1.rs");
        std::print!(
            "{}",
            module_source::<Secp256k1>("Secp256k1", "secp256k1", "Secp256k1Field")
        );
    }
}
