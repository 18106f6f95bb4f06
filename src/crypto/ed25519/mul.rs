//! Scalar multiplication: \[s\]B in constant time for signing and key
//! derivation, and \[a\]A + \[b\]B in variable time for verification.
//!
//! - [`mul_base`] (secret s): signed radix-16 digits and the 32 × 8 table
//!   of [`super::table::BASE_RADIX16`], as in Bernstein et al., "High-speed
//!   high-security signatures" (CHES 2011) §4. The 64 digits are split into
//!   odd and even positions, so each table row serves two digits:
//!   \[s\]B = 16·Σ e_(2k+1)·256^k·B + Σ e_(2k)·256^k·B. Every digit selects
//!   its multiple by reading all eight entries of the row
//!   ([`AffineNielsPoint::lookup`]) and negates it with a mask; the loop
//!   count and the sequence of operations are the same for every s.
//! - [`mul_base_and_point_vartime`] (public a, b): one joint pass of
//!   doublings for both scalars ("Straus–Shamir"), a in width-5 NAF over a
//!   table of A, 3A, ..., 15A built per call, b in width-8 NAF over the
//!   precomputed B, 3B, ..., 127B of [`super::table::BASE_ODD_MULTIPLES`].

use super::point::{AffineNielsPoint, EdwardsPoint, ProjectivePoint};
use super::scalar::Scalar;
use super::table::{BASE_ODD_MULTIPLES, BASE_RADIX16};
use crate::crypto::ct::Choice;

/// The signed digit e ∈ [−8, 8] of row `row` (holding 1..8 times a point):
/// (±)|e|·P, without a branch or an index that depends on e.
#[inline(always)]
fn select(row: &[[u64; 15]; 8], digit: i8) -> AffineNielsPoint {
    let d = digit as i64;
    let negative = (d >> 63) as u64; // all ones when d < 0
    let magnitude = ((d as u64) ^ negative).wrapping_sub(negative); // |d| ∈ [0, 8]
    let mut p = AffineNielsPoint::lookup(row, magnitude);
    p.conditional_negate(Choice::from_bit(negative & 1));
    p
}

/// \[s\]B, constant time (s is secret: a signing nonce or a private scalar).
pub(crate) fn mul_base(s: &Scalar) -> EdwardsPoint {
    let mut e = s.radix16();
    let mut h = EdwardsPoint::IDENTITY;
    // The odd digits e1, e3, ..., e63 against rows 0..31.
    for (row, digit) in BASE_RADIX16.iter().zip(e.iter().skip(1).step_by(2)) {
        h = h.add_affine(&select(row, *digit)).to_extended();
    }
    // Times 16.
    h = h
        .double()
        .to_projective()
        .double()
        .to_projective()
        .double()
        .to_projective()
        .double()
        .to_extended();
    // The even digits e0, e2, ..., e62.
    for (row, digit) in BASE_RADIX16.iter().zip(e.iter().step_by(2)) {
        h = h.add_affine(&select(row, *digit)).to_extended();
    }
    for digit in e.iter_mut() {
        *digit = 0;
    }
    core::hint::black_box(&mut e);
    h
}

/// \[a\]A + \[b\]B, variable time: for verification, where a, A and b are
/// public (RFC 8032 §5.1.7 step 3; the verifier passes −A to get
/// \[S\]B − \[k\]A).
#[allow(clippy::indexing_slicing)] // NAF digits d are odd with |d| < 2^(w−1): |d|/2 < 8 (w = 5) and < 64 (w = 8), the table lengths; i < 256
pub(crate) fn mul_base_and_point_vartime(
    a: &Scalar,
    point: &EdwardsPoint,
    b: &Scalar,
) -> EdwardsPoint {
    let a_naf = a.naf_vartime(5);
    let b_naf = b.naf_vartime(8);

    // A, 3A, 5A, ..., 15A.
    let mut odd = [point.to_cached(); 8];
    let twice = point.double().to_extended();
    let mut current = *point;
    for entry in odd.iter_mut().skip(1) {
        current = twice.add(&current.to_cached()).to_extended();
        *entry = current.to_cached();
    }

    // The highest position with a nonzero digit in either.
    let Some(top) = (0..256).rev().find(|&i| a_naf[i] != 0 || b_naf[i] != 0) else {
        return EdwardsPoint::IDENTITY;
    };

    let mut r = ProjectivePoint::IDENTITY;
    let mut t = r.double(); // replaced in the first round: the loop runs at least once
    for i in (0..=top).rev() {
        t = r.double();
        let ad = a_naf[i];
        if ad > 0 {
            t = t.to_extended().add(&odd[(ad / 2) as usize]);
        } else if ad < 0 {
            t = t.to_extended().sub(&odd[(-ad / 2) as usize]);
        }
        let bd = b_naf[i];
        if bd > 0 {
            let q = base_odd((bd / 2) as usize);
            t = t.to_extended().add_affine(&q);
        } else if bd < 0 {
            let q = base_odd((-(bd as i16) / 2) as usize);
            t = t.to_extended().sub_affine(&q);
        }
        r = t.to_projective();
    }
    t.to_extended()
}

/// (2j + 1)·B from the precomputed table.
#[inline(always)]
#[allow(clippy::indexing_slicing)] // j < 64 by the caller's NAF bound
fn base_odd(j: usize) -> AffineNielsPoint {
    AffineNielsPoint::from_words(&BASE_ODD_MULTIPLES[j])
}

#[cfg(test)]
mod tests {
    use super::super::point::tests::{add, mul_vartime, random_point};
    use super::*;
    use crate::crypto::rand::TestRng;
    use alloc::vec;
    use alloc::vec::Vec;

    fn random_scalar(rng: &mut TestRng) -> Scalar {
        let mut x = [0u8; 64];
        for chunk in x.chunks_mut(8) {
            chunk.copy_from_slice(&rng.next_u64().to_le_bytes());
        }
        Scalar::from_hash(&x)
    }

    fn eq(p: &EdwardsPoint, q: &EdwardsPoint) -> bool {
        p.ct_eq(q).declassify()
    }

    fn edge_scalars() -> Vec<Scalar> {
        let mut v = vec![Scalar::ZERO];
        for bytes in [[1u8; 1], [8], [15], [16], [255]] {
            let mut b = [0u8; 32];
            b[..1].copy_from_slice(&bytes);
            v.push(Scalar::from_bytes_mod_order(&b));
        }
        // L − 1 (= −1) and 2^252 − 1, whose digits are all at their edges.
        v.push(Scalar::from_hash(&[0xff; 64]));
        let mut all = [0xffu8; 32];
        all[31] = 0x0f;
        v.push(Scalar::from_bytes_mod_order(&all));
        let mut eights = [0x88u8; 32];
        eights[31] = 0x08;
        v.push(Scalar::from_bytes_mod_order(&eights));
        v
    }

    #[test]
    fn constant_time_base_multiplication_equals_double_and_add() {
        let mut rng = TestRng(0xba5e);
        let mut scalars = edge_scalars();
        for _ in 0..24 {
            scalars.push(random_scalar(&mut rng));
        }
        for s in &scalars {
            let want = mul_vartime(&EdwardsPoint::BASEPOINT, &s.to_bytes());
            assert!(eq(&mul_base(s), &want), "{:02x?}", s.to_bytes());
        }
    }

    #[test]
    fn the_joint_multiplication_equals_two_separate_ones() {
        let mut rng = TestRng(0x5742a5);
        let b = EdwardsPoint::BASEPOINT;
        let edges = edge_scalars();
        let mut cases = Vec::new();
        for x in &edges {
            for y in edges.iter().step_by(3) {
                cases.push((*x, *y));
            }
        }
        for _ in 0..12 {
            cases.push((random_scalar(&mut rng), random_scalar(&mut rng)));
        }
        for (x, y) in cases {
            let p = random_point(&mut rng);
            let want = add(
                &mul_vartime(&p, &x.to_bytes()),
                &mul_vartime(&b, &y.to_bytes()),
            );
            let got = mul_base_and_point_vartime(&x, &p, &y);
            assert!(eq(&got, &want));
            // And with the variable-time path against the constant-time one.
            let zero = mul_base_and_point_vartime(&Scalar::ZERO, &p, &y);
            assert!(eq(&zero, &mul_base(&y)));
        }
    }
}
