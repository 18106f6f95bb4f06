//! Precomputed multiples of each curve's base point G, kept as generated
//! Rust source in `table/` (like Go's `nistec/p256_table.go`): no
//! computation at start-up, nothing computed by `const fn` at build time.
//!
//! Two tables per curve:
//!
//! - `COMB`, for signing and key derivation (constant time). A scalar's
//!   [`COMB_TEETH`]·J signed 4-bit digits `d_i` (see `scalar.rs`) are cut
//!   into [`COMB_TEETH`] runs of J = [`comb_spacing`] digits; run t is
//!   scaled by `16^(tJ)`. Row t of the table holds `j·16^(tJ)·G` for
//!   j = 1..8, so that
//!   `k·G = Σ_j 16^j · Σ_t d_(tJ+j) · (16^(tJ)·G)`:
//!   4(J − 1) doublings and one table addition per digit, every row
//!   scanned whole (`sign.rs`).
//! - `G_ODD`, for verification (variable time): the odd multiples
//!   `G, 3G, ..., (2^(w−1) − 1)·G` that width-[`G_WINDOW`] NAF digits
//!   select.
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

/// Runs of digits in the signing comb (rows of `COMB`).
pub(crate) const COMB_TEETH: usize = 8;

/// J, the digits in each run of the comb, for an order of `bits` bits:
/// the `bits/4 + 1` signed digits spread over [`COMB_TEETH`] runs.
pub(crate) const fn comb_spacing(bits: usize) -> usize {
    (bits / 4 + 1).div_ceil(COMB_TEETH)
}

/// The width of the NAF digits of u1 (the multiplier of G) in
/// verification: `G_ODD` holds `2^(G_WINDOW − 2)` points.
pub(crate) const G_WINDOW: u32 = 7;

/// The number of odd multiples in `G_ODD`.
#[cfg(test)]
pub(crate) const G_ODD_LEN: usize = 1 << (G_WINDOW - 2);

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::crypto::ec::curve::{CurveArith, P256};
    use crate::crypto::ec::field::Field;
    use crate::crypto::ec::point::{batch_to_affine_vartime, Affine};
    use crate::crypto::ec::scalar::Scalar;
    use crate::crypto::ec::verify::odd_multiples_vartime;
    use alloc::format;
    use alloc::string::String;
    use alloc::vec::Vec;

    /// The comb rows, computed: row t is j·16^(tJ)·G, j = 1..8.
    pub(crate) fn compute_comb<C: CurveArith>() -> Vec<[Affine<C>; 8]> {
        let spacing = comb_spacing(C::Sc::BITS);
        let mut rows = Vec::new();
        let mut base = C::G; // 16^(tJ)·G
        for _ in 0..COMB_TEETH {
            let mut multiples = Vec::new();
            let mut acc = base.to_jacobian();
            multiples.push(acc);
            for _ in 1..8 {
                acc = acc.add_mixed_vartime(&base);
                multiples.push(acc);
            }
            let affine = batch_to_affine_vartime(&multiples);
            let mut row = [base; 8];
            row.copy_from_slice(&affine);
            rows.push(row);
            let mut next = base.to_jacobian();
            for _ in 0..4 * spacing {
                next = next.double_vartime();
            }
            base = next.to_affine_vartime().unwrap();
        }
        rows
    }

    /// The verification table, computed.
    pub(crate) fn compute_g_odd<C: CurveArith>() -> Vec<Affine<C>> {
        odd_multiples_vartime(&C::G, G_ODD_LEN)
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
        assert_eq!(C::g_odd_multiples().len(), odd.len());
        for (i, (a, b)) in C::g_odd_multiples().iter().zip(&odd).enumerate() {
            assert!(same(a, b), "{:?} G_ODD[{i}] differs", C::CURVE);
        }
        // And the entries are what they claim to be, as points.
        let g = C::G.to_jacobian();
        let two_g = g.double_vartime().to_affine_vartime().unwrap();
        assert!(C::comb()[0][1].eq_vartime(&two_g));
        assert!(C::g_odd_multiples()[0].eq_vartime(&C::G));
        let three_g = g.add_mixed_vartime(&two_g).to_affine_vartime().unwrap();
        assert!(C::g_odd_multiples()[1].eq_vartime(&three_g));
    }

    #[test]
    fn generated_tables_match_a_fresh_computation() {
        check::<P256>();
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
            "/// Row t: j·16^(t·{})·G for j = 1..8.\n#[rustfmt::skip]\npub(crate) static COMB: [[Affine<{module}>; 8]; {}] = [\n",
            comb_spacing(C::Sc::BITS),
            comb.len()
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
            "/// G, 3G, 5G, ..., {}G.\n#[rustfmt::skip]\npub(crate) static G_ODD: [Affine<{module}>; {}] = [\n",
            2 * odd.len() - 1,
            odd.len()
        ));
        for p in &odd {
            s.push_str(&point_source(p, field));
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
    }
}
