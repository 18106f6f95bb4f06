//! ECDSA verification (FIPS 186-5 §6.4.2; SEC 1 v2 §4.1.4), variable time:
//! everything it handles is public.
//!
//! Given the message M, the signature `R ‖ S` and the public key Q:
//!
//! 1. r and s are the two halves as big-endian integers, each exactly the
//!    order's length (RFC 7518 §3.4), and must lie in 1..n−1.
//! 2. e = `bits2int(H(M)) mod n` (the leftmost qlen bits of the hash; for
//!    these four curve and hash pairs the hash is never longer than n).
//! 3. w = s⁻¹, u1 = e·w, u2 = r·w (mod n).
//! 4. R' = u1·G + u2·Q, computed in one pass (Straus–Shamir): the NAF
//!    digits of both scalars share the doublings; u1 picks from the
//!    precomputed odd multiples of G (`table.rs`), u2 from odd multiples of
//!    Q computed once when the key is imported. Each NAF is also cut into
//!    [`SPLIT`] runs of c positions, run t using the multiples of
//!    `2^(t·c)·G` or `2^(t·c)·Q`: 2·SPLIT streams share c doublings instead
//!    of one or two streams sharing 4c (the additions are as many as
//!    before). R' at infinity fails.
//! 5. The signature holds when x(R') ≡ r (mod n). With R' = (X : Y : Z) in
//!    Jacobian form, x(R') = X/Z², and as x(R') < p < 2n, x(R') mod n = r
//!    means x(R') = r or x(R') = r + n; the second can only occur when
//!    r + n < p. Both are checked as `X = r·Z²`, without an inversion.
//!
//! A high S is valid: JWS has no low-S rule.

use super::curve::CurveArith;
use super::error::EcError;
use super::field::Field;
use super::point::{batch_to_affine_vartime, Affine, Jacobian};
use super::scalar::{bits2int, Scalar, MAX_DIGITS};
use super::table::{split_bits, G_WINDOW, SPLIT};
use super::MAX_LEN;
use crate::crypto::sha2::HashFunction;
use alloc::vec::Vec;

/// The NAF width for u2, the multiplier of the public key.
pub(crate) const Q_WINDOW: u32 = 6;

/// The odd multiples of each run's base kept with the key: P, 3P, ...,
/// 31P.
pub(crate) const Q_ODD_LEN: usize = 1 << (Q_WINDOW - 2);

/// A public key with its precomputed multiples: row t holds the odd
/// multiples of `2^(t·c)·Q`.
pub(crate) struct VerifyingKey<C: CurveArith> {
    pub(crate) point: Affine<C>,
    odd: Vec<Affine<C>>,
}

impl<C: CurveArith> Clone for VerifyingKey<C> {
    fn clone(&self) -> Self {
        VerifyingKey {
            point: self.point,
            odd: self.odd.clone(),
        }
    }
}

impl<C: CurveArith> VerifyingKey<C> {
    /// The key for a point already known to be on the curve (and not the
    /// point at infinity, which has no affine form).
    pub(crate) fn new(point: Affine<C>) -> Self {
        VerifyingKey {
            point,
            odd: split_odd_multiples_vartime(&point, Q_ODD_LEN),
        }
    }

    /// Checks `signature` (R ‖ S) on `message`; see the module
    /// documentation for the steps.
    pub(crate) fn verify(&self, message: &[u8], signature: &[u8]) -> Result<(), EcError> {
        let curve = C::CURVE;
        let len = C::SCALAR_LEN;
        // Step 1: exactly R ‖ S, each of the order's length.
        if signature.len() != 2 * len {
            return Err(EcError::SignatureLength {
                curve,
                len: signature.len(),
            });
        }
        let (r_bytes, s_bytes) = signature.split_at(len);
        let (r, r_below_n) = C::Sc::from_be_bytes(r_bytes);
        if !r_below_n.and(r.is_zero().not()).declassify() {
            return Err(EcError::SignatureRange { curve, part: "r" });
        }
        let (s, s_below_n) = C::Sc::from_be_bytes(s_bytes);
        if !s_below_n.and(s.is_zero().not()).declassify() {
            return Err(EcError::SignatureRange { curve, part: "s" });
        }

        // Step 2: e = bits2int(H(M)) mod n.
        let digest = C::Hash::digest(message);
        let mut e_bytes = [0u8; MAX_LEN];
        let e_bytes = e_bytes.get_mut(..len).unwrap_or_default();
        bits2int(digest.as_ref(), C::Sc::BITS, e_bytes);
        let e = C::Sc::reduce_be_bytes(e_bytes);

        // Step 3 (s is public: a variable-time inversion).
        let w = s.invert_vartime();
        let u1 = e * w;
        let u2 = r * w;

        // Step 4.
        let sum = self.mul_joint_vartime(&u1, &u2);
        if sum.is_identity_vartime() {
            return Err(EcError::SignatureMismatch { curve });
        }

        // Step 5: X = r·Z², or X = (r + n)·Z² when r + n < p.
        let z2 = sum.z.square();
        let matches = |candidate: &C::Fe| (*candidate * z2).ct_eq(&sum.x).declassify();
        if let Some(r_field) = C::Fe::from_be_bytes(r_bytes) {
            if matches(&r_field) {
                return Ok(());
            }
        }
        let mut r_plus_n = [0u8; MAX_LEN];
        let r_plus_n = r_plus_n.get_mut(..C::FIELD_LEN).unwrap_or_default();
        if r.write_plus_order_be_bytes_vartime(r_plus_n) {
            // from_be_bytes refuses r + n >= p.
            if let Some(candidate) = C::Fe::from_be_bytes(r_plus_n) {
                if matches(&candidate) {
                    return Ok(());
                }
            }
        }
        Err(EcError::SignatureMismatch { curve })
    }

    /// `u1·G + u2·Q` in one pass over the NAF digits of u1 and u2, cut
    /// into SPLIT runs each: from the most significant position, double,
    /// then add the multiples the 2·SPLIT digits at that position name.
    pub(crate) fn mul_joint_vartime(&self, u1: &C::Sc, u2: &C::Sc) -> Jacobian<C> {
        let mut digits_g = [0i8; MAX_DIGITS];
        let len_g = u1.wnaf_vartime(G_WINDOW, &mut digits_g);
        let mut digits_q = [0i8; MAX_DIGITS];
        let len_q = u2.wnaf_vartime(Q_WINDOW, &mut digits_q);
        let run = split_bits(C::Sc::BITS);
        let top = len_g.max(len_q).min(run);
        let mut acc = Jacobian::<C>::IDENTITY;
        for j in (0..top).rev() {
            if !acc.is_identity_vartime() {
                acc = acc.double_vartime();
            }
            for (t, g_row) in C::g_odd_multiples().iter().enumerate() {
                let i = t * run + j;
                if let Some(p) = signed_entry(g_row, digits_g.get(i).copied().unwrap_or(0)) {
                    acc = acc.add_mixed_vartime(&p);
                }
                let q_row = self
                    .odd
                    .get(t * Q_ODD_LEN..(t + 1) * Q_ODD_LEN)
                    .unwrap_or_default();
                if let Some(p) = signed_entry(q_row, digits_q.get(i).copied().unwrap_or(0)) {
                    acc = acc.add_mixed_vartime(&p);
                }
            }
        }
        acc
    }
}

/// The table entry for an odd NAF digit d: `|d|·P` negated when d < 0;
/// `None` for 0.
fn signed_entry<C: CurveArith>(table: &[Affine<C>], digit: i8) -> Option<Affine<C>> {
    if digit == 0 {
        return None;
    }
    let index = usize::from(digit.unsigned_abs() / 2); // |d| = 2·index + 1
    let point = table.get(index)?;
    Some(if digit < 0 { point.neg() } else { *point })
}

/// For the bases `B_t = 2^(t·c)·P`, t = 0..SPLIT (c = `split_bits`), the
/// `count` odd multiples `B_t, 3B_t, 5B_t, ...` of each, row after row, in
/// affine form (three inversions in all). P must have the (prime, large)
/// group order.
pub(crate) fn split_odd_multiples_vartime<C: CurveArith>(
    p: &Affine<C>,
    count: usize,
) -> Vec<Affine<C>> {
    let run = split_bits(C::Sc::BITS);
    // The bases, by doublings, then affine.
    let mut bases = Vec::with_capacity(SPLIT);
    let mut acc = p.to_jacobian();
    for t in 0..SPLIT {
        if t > 0 {
            for _ in 0..run {
                acc = acc.double_vartime();
            }
        }
        bases.push(acc);
    }
    let bases = batch_to_affine_vartime(&bases);
    // 2·B_t, affine, to step from one odd multiple to the next.
    let doubles: Vec<Jacobian<C>> = bases
        .iter()
        .map(|b| b.to_jacobian().double_vartime())
        .collect();
    let doubles = batch_to_affine_vartime(&doubles);
    let mut multiples = Vec::with_capacity(SPLIT * count);
    for (base, double) in bases.iter().zip(&doubles) {
        let mut acc = base.to_jacobian();
        multiples.push(acc);
        for _ in 1..count {
            acc = acc.add_mixed_vartime(double);
            multiples.push(acc);
        }
    }
    batch_to_affine_vartime(&multiples)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::ec::curve::{Secp256k1, P256, P384, P521};
    use crate::crypto::ec::point::tests::{mul_vartime, random_scalar};
    use crate::crypto::rand::TestRng;

    fn small<C: CurveArith>(k: u64) -> C::Sc {
        C::Sc::from_be_bytes(&k.to_be_bytes()).0
    }

    fn same<C: CurveArith>(a: &Jacobian<C>, b: &Jacobian<C>) -> bool {
        match (a.is_identity_vartime(), b.is_identity_vartime()) {
            (true, true) => true,
            (false, false) => a
                .to_affine_vartime()
                .unwrap()
                .eq_vartime(&b.to_affine_vartime().unwrap()),
            _ => false,
        }
    }

    /// u1·G + u2·Q against plain double-and-add, for Q = c·G with c known:
    /// the sum is (u1 + c·u2)·G. The pairs are chosen to land on the
    /// exceptional cases: a sum at infinity (u1 = −c·u2), additions that are
    /// doublings (Q = ±G, equal scalars), tiny and huge scalars, digits in
    /// the top run only.
    fn check_joint<C: CurveArith>(seed: u64) {
        let mut rng = TestRng(seed);
        let r = random_scalar::<C>(&mut rng);
        let minus_one = -small::<C>(1);
        let top_only = {
            // 2^(3c) for P-256: a scalar whose digits all sit in the last run.
            let run = split_bits(C::Sc::BITS);
            let mut bytes = alloc::vec![0u8; C::SCALAR_LEN];
            let bit = 3 * run;
            bytes[C::SCALAR_LEN - 1 - bit / 8] = 1 << (bit % 8);
            C::Sc::from_be_bytes(&bytes).0
        };
        for c in [small::<C>(1), minus_one, r] {
            let q = mul_vartime(&C::G, &c).to_affine_vartime().unwrap();
            let key = VerifyingKey::new(q);
            let u = random_scalar::<C>(&mut rng);
            let pairs = [
                (u, u),
                (-(c * u), u), // the sum is the point at infinity
                (small::<C>(1), small::<C>(1)),
                (minus_one, small::<C>(1)),
                (minus_one, minus_one),
                (small::<C>(0), u), // e ≡ 0: no G part at all
                (top_only, top_only),
                (small::<C>(3), minus_one),
            ];
            for (u1, u2) in pairs {
                let fast = key.mul_joint_vartime(&u1, &u2);
                let slow = mul_vartime(&C::G, &(u1 + c * u2));
                assert!(same(&fast, &slow), "{:?}", C::CURVE);
            }
            assert!(key.mul_joint_vartime(&(-(c * u)), &u).is_identity_vartime());
        }
    }

    #[test]
    fn joint_multiplication_handles_doublings_and_infinity_on_p256_and_secp256k1() {
        check_joint::<P256>(51);
        check_joint::<Secp256k1>(54);
    }

    #[test]
    fn joint_multiplication_handles_doublings_and_infinity_on_p384() {
        check_joint::<P384>(52);
    }

    #[test]
    fn joint_multiplication_handles_doublings_and_infinity_on_p521() {
        check_joint::<P521>(53);
    }
}
