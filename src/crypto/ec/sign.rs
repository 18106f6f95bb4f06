//! ECDSA signing (FIPS 186-5 §6.4.1; SEC 1 v2 §4.1.3) with deterministic
//! nonces (RFC 6979 §3.2), and the constant-time base-point
//! multiplication it shares with key derivation.
//!
//! For the private key d and message M:
//!
//! 1. e = `bits2int(H(M)) mod n`.
//! 2. k from `rfc6979.rs`, in 1..n−1.
//! 3. (x, y) = k·G; r = x mod n.
//! 4. s = k⁻¹·(e + r·d) mod n.
//! 5. If r = 0 or s = 0, the next k (RFC 6979 §3.4); else R ‖ S, each the
//!    order's length in octets (RFC 7518 §3.4). No low-S normalisation:
//!    JWS has none.
//!
//! Constant time in d and k: k·G walks the comb of `table.rs` with every
//! digit (zeros too) costing a full row scan and an addition by the
//! complete formulas; inversions (of k, of Z) are Fermat exponentiations
//! by public exponents; the reductions are masked subtractions. Only the
//! rejections of step 2 and step 5 are decided by branches, on
//! [`Choice`](crate::crypto::ct::Choice)s made public, and they reveal only
//! that a candidate was discarded (probability below 2^-32 for every
//! curve here).

use super::curve::CurveArith;
use super::point::{Affine, Projective};
use super::rfc6979::NonceGenerator;
use super::scalar::{bits2int, Scalar, MAX_DIGITS};
use super::table::{comb_spacing, COMB_ROW, COMB_WINDOW};
use super::MAX_LEN;
use crate::crypto::ct::{self, Choice};
use crate::crypto::sha2::HashFunction;
use alloc::vec;
use alloc::vec::Vec;

/// `k·G` in constant time: the comb of `table.rs`, one complete mixed
/// addition per signed digit, every row entry read.
pub(crate) fn mul_base<C: CurveArith>(k: &C::Sc) -> Projective<C> {
    let mut digits = [0i8; MAX_DIGITS];
    k.signed_windows(COMB_WINDOW, &mut digits);
    let spacing = comb_spacing(C::Sc::BITS, C::COMB_TEETH);
    let mut acc = Projective::<C>::IDENTITY;
    for j in (0..spacing).rev() {
        if j + 1 != spacing {
            for _ in 0..COMB_WINDOW {
                acc = acc.double();
            }
        }
        for (t, row) in C::comb().iter().enumerate() {
            // Digits past the scalar's are 0 (the array was zeroed): they
            // cost the same as the others and add nothing.
            let digit = digits.get(t * spacing + j).copied().unwrap_or(0);
            acc = add_signed_digit(&acc, row, digit);
        }
    }
    digits.fill(0);
    core::hint::black_box(&digits);
    acc
}

/// `acc + d·P` for a secret digit d in [−COMB_ROW, COMB_ROW], where
/// `row[j−1] = j·P`: every entry is read, the sign applied by a masked
/// negation, and for d = 0 the sum is computed and discarded.
fn add_signed_digit<C: CurveArith>(
    acc: &Projective<C>,
    row: &[Affine<C>; COMB_ROW],
    digit: i8,
) -> Projective<C> {
    let d = i64::from(digit) as u64;
    let negative = 0u64.wrapping_sub(d >> 63); // all ones when d < 0
    let magnitude = (d ^ negative).wrapping_sub(negative); // |d|
    let mut entry = row[0];
    for (index, candidate) in row.iter().enumerate() {
        let hit = ct::eq_u64(index as u64 + 1, magnitude);
        entry = Affine::select(hit, candidate, &entry);
    }
    let entry = entry.conditional_neg(Choice::from_bit(negative & 1));
    let sum = acc.add_mixed(&entry);
    Projective::select(ct::is_zero_u64(magnitude), acc, &sum)
}

/// The signature R ‖ S of `message` under the private scalar `d` (valid:
/// 1..n−1, `C::SCALAR_LEN` octets).
pub(crate) fn sign<C: CurveArith>(d_octets: &[u8], message: &[u8]) -> Vec<u8> {
    let len = C::SCALAR_LEN;
    let (d, _) = C::Sc::from_be_bytes(d_octets);

    // Step 1: e = bits2int(H(M)) mod n, and bits2octets(h1) for RFC 6979,
    // which is the same number as rlen octets.
    let h1 = C::Hash::digest(message);
    let mut e_octets = [0u8; MAX_LEN];
    let e_octets = e_octets.get_mut(..len).unwrap_or_default();
    bits2int(h1.as_ref(), C::Sc::BITS, e_octets);
    let e = C::Sc::reduce_be_bytes(e_octets);
    e.write_be_bytes(e_octets);

    let mut nonces = NonceGenerator::<C::Hash>::new(d_octets, e_octets, C::Sc::BITS);
    let mut k_octets = [0u8; MAX_LEN];
    let mut x_octets = [0u8; MAX_LEN];
    loop {
        // Step 2: the next candidate k; it must lie in 1..n−1.
        let k_octets = k_octets.get_mut(..len).unwrap_or_default();
        nonces.next_candidate(k_octets);
        let (k, below_n) = C::Sc::from_be_bytes(k_octets);
        if !below_n.and(k.is_zero().not()).declassify() {
            continue;
        }

        // Step 3: r = x(k·G) mod n (x < p < 2n: one conditional
        // subtraction).
        let point = mul_base::<C>(&k).to_affine();
        let x_octets = x_octets.get_mut(..C::FIELD_LEN).unwrap_or_default();
        super::field::Field::write_be_bytes(&point.x, x_octets);
        let r = C::Sc::reduce_be_bytes(x_octets);

        // Step 4.
        let s = k.invert() * (e + r * d);

        // Step 5.
        if r.is_zero().or(s.is_zero()).declassify() {
            continue;
        }
        k_octets.fill(0);
        let mut signature = vec![0u8; 2 * len];
        let (r_out, s_out) = signature.split_at_mut(len);
        r.write_be_bytes(r_out);
        s.write_be_bytes(s_out);
        return signature;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::ec::curve::{Secp256k1, P256, P384, P521};
    use crate::crypto::ec::field::Field;
    use crate::crypto::ec::point::tests::{mul_vartime, random_scalar};
    use crate::crypto::ec::verify::VerifyingKey;
    use crate::crypto::rand::TestRng;

    fn scalar_of<C: CurveArith>(bytes: &[u8]) -> C::Sc {
        C::Sc::from_be_bytes(bytes).0
    }

    pub(crate) fn check_base_multiplication<C: CurveArith>(seed: u64) {
        let mut rng = TestRng(seed);
        let mut scalars = alloc::vec![
            scalar_of::<C>(&[1]),
            scalar_of::<C>(&[2]),
            scalar_of::<C>(&[8]),
            scalar_of::<C>(&[9]),
            scalar_of::<C>(&[0x88, 0x88, 0x88]),
            -scalar_of::<C>(&[1]),
            -scalar_of::<C>(&[2]),
            -scalar_of::<C>(&[8]),
        ];
        for _ in 0..4 {
            scalars.push(random_scalar::<C>(&mut rng));
        }
        for k in &scalars {
            let fast = mul_base::<C>(k).to_affine();
            let slow = mul_vartime(&C::G, k).to_affine_vartime().unwrap();
            assert!(fast.eq_vartime(&slow), "{:?}", C::CURVE);
        }
        // 0·G is the point at infinity (Z = 0), never produced for a key.
        let zero = mul_base::<C>(&scalar_of::<C>(&[0]));
        assert!(zero.z.is_zero().declassify());
    }

    pub(crate) fn check_round_trips<C: CurveArith>(seed: u64) {
        let mut rng = TestRng(seed);
        for i in 0..3u8 {
            let d = random_scalar::<C>(&mut rng);
            let mut d_octets = alloc::vec![0u8; C::SCALAR_LEN];
            d.write_be_bytes(&mut d_octets);
            let key = VerifyingKey::new(mul_base::<C>(&d).to_affine());
            let message = [i; 40];
            let signature = sign::<C>(&d_octets, &message[..usize::from(i) * 7]);
            assert_eq!(signature.len(), 2 * C::SCALAR_LEN);
            assert!(key
                .verify(&message[..usize::from(i) * 7], &signature)
                .is_ok());
            assert!(key
                .verify(&message[..usize::from(i) * 7 + 1], &signature)
                .is_err());
            let mut tampered = signature.clone();
            tampered[C::SCALAR_LEN + 5] ^= 0x40;
            assert!(key
                .verify(&message[..usize::from(i) * 7], &tampered)
                .is_err());
        }
    }

    #[test]
    fn constant_time_base_multiplication_equals_double_and_add_on_every_curve() {
        check_base_multiplication::<P256>(31);
        check_base_multiplication::<P384>(33);
        check_base_multiplication::<P521>(35);
        check_base_multiplication::<Secp256k1>(37);
    }

    #[test]
    fn signatures_verify_and_tampering_fails_on_every_curve() {
        check_round_trips::<P256>(32);
        check_round_trips::<P384>(34);
        check_round_trips::<P521>(36);
        check_round_trips::<Secp256k1>(38);
    }
}
