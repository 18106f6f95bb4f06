//! The four curves' domain parameters and the trait through which the
//! generic point, verification and signing code reads them.
//!
//! Every curve is `y² = x³ + ax + b` over a prime field GF(p), with a base
//! point G of prime order n and cofactor 1. Constants are written as the
//! standards print them (big-endian hexadecimal, spaced in 32-bit groups)
//! and converted at compile time; the tests check that G is on the curve,
//! that n·G is the point at infinity, and the published vectors check the
//! rest.
//!
//! | curve | a | p | source |
//! | --- | --- | --- | --- |
//! | P-256 (secp256r1) | −3 | 2^256 − 2^224 + 2^192 + 2^96 − 1 | SEC 2 v2 §2.4.2; SP 800-186 §3.2.1.3 |
//! | P-384 (secp384r1) | −3 | 2^384 − 2^128 − 2^96 + 2^32 − 1 | SEC 2 v2 §2.5.1; SP 800-186 §3.2.1.4 |
//! | P-521 (secp521r1) | −3 | 2^521 − 1 | SEC 2 v2 §2.6.1; SP 800-186 §3.2.1.5 |
//! | secp256k1 | 0 | 2^256 − 2^32 − 977 | SEC 2 v2 §2.4.1; RFC 8812 §3.1 |
//!
//! FIPS 186-5 §6.1.1 names the NIST curves for ECDSA and takes their
//! parameters from SP 800-186; RFC 7518 §3.4 pairs P-256/SHA-256 (ES256),
//! P-384/SHA-384 (ES384) and P-521/SHA-512 (ES512), and RFC 8812 §3.2
//! pairs secp256k1 with SHA-256 (ES256K).

use super::field::{Field, Modulus, Mont};
use super::point::Affine;
use super::scalar::Scalar;
use super::table::{self, COMB_ROW, G_ODD_LEN};
use super::word::hex;
use super::Curve;
use crate::crypto::sha2::{HashFunction, Sha256};

/// The curve's `a` coefficient, which picks the point formulas.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum CoefficientA {
    /// a = −3 (the NIST curves): RCB16 Algorithms 4–6, `dbl-2001-b`.
    MinusThree,
    /// a = 0 (secp256k1): RCB16 Algorithms 7–9, `dbl-2009-l`.
    #[allow(dead_code)] // secp256k1 comes next
    Zero,
}

/// One curve's arithmetic types and parameters.
pub(crate) trait CurveArith: 'static + Sized {
    /// The field GF(p).
    type Fe: Field;
    /// The scalars, integers modulo n.
    type Sc: Scalar;
    /// The hash ECDSA uses with this curve in JOSE.
    type Hash: HashFunction;
    /// The public name.
    const CURVE: Curve;
    /// Octets of a field element (coordinates).
    const FIELD_LEN: usize;
    /// Octets of a scalar (ceil(qlen / 8), RFC 6979 rlen).
    const SCALAR_LEN: usize;
    /// The coefficient a.
    const A: CoefficientA;
    /// The coefficient b.
    const B: Self::Fe;
    /// 3b mod p (the complete formulas for a = 0 use it; written out per
    /// curve, and a test checks it is b + b + b).
    const B3: Self::Fe;
    /// The base point G (the tables hold its multiples; the tests
    /// regenerate them from it).
    #[cfg_attr(not(test), allow(dead_code))]
    const G: Affine<Self>;
    /// Runs (rows) of the signing comb (see `table.rs`).
    const COMB_TEETH: usize;
    /// The signing comb: row t holds j·2^(w·t·J)·G for j = 1..COMB_ROW.
    fn comb() -> &'static [[Affine<Self>; COMB_ROW]];
    /// The verification table: row t holds the odd multiples of
    /// 2^(t·c)·G (see `table.rs`).
    fn g_odd_multiples() -> &'static [[Affine<Self>; G_ODD_LEN]];
}

// ---------------------------------------------------------------- P-256

/// p of P-256.
#[derive(Clone, Copy)]
pub(crate) struct P256Prime;
impl Modulus<4> for P256Prime {
    const M: [u64; 4] =
        hex("FFFFFFFF 00000001 00000000 00000000 00000000 FFFFFFFF FFFFFFFF FFFFFFFF");
}

/// n of P-256.
#[derive(Clone, Copy)]
pub(crate) struct P256Order;
impl Modulus<4> for P256Order {
    const M: [u64; 4] =
        hex("FFFFFFFF 00000000 FFFFFFFF FFFFFFFF BCE6FAAD A7179E84 F3B9CAC2 FC632551");
}

/// The field of P-256.
pub(crate) type P256Field = Mont<P256Prime, 4>;

/// P-256 (SEC 2 §2.4.2, SP 800-186 §3.2.1.3).
#[derive(Clone, Copy, Debug)]
pub(crate) struct P256;
impl CurveArith for P256 {
    type Fe = P256Field;
    type Sc = Mont<P256Order, 4>;
    type Hash = Sha256;
    const CURVE: Curve = Curve::P256;
    const FIELD_LEN: usize = 32;
    const SCALAR_LEN: usize = 32;
    const A: CoefficientA = CoefficientA::MinusThree;
    const B: P256Field = P256Field::from_canonical_const(hex(
        "5AC635D8 AA3A93E7 B3EBBD55 769886BC 651D06B0 CC53B0F6 3BCE3C3E 27D2604B",
    ));
    const B3: P256Field = P256Field::from_canonical_const(hex(
        "1052A18A FEAFBBB6 1BC33800 63C99435 2F571411 64FB12E2 B36AB4BA 777720E2",
    ));
    const G: Affine<Self> = Affine::new(
        P256Field::from_canonical_const(hex(
            "6B17D1F2 E12C4247 F8BCE6E5 63A440F2 77037D81 2DEB33A0 F4A13945 D898C296",
        )),
        P256Field::from_canonical_const(hex(
            "4FE342E2 FE1A7F9B 8EE7EB4A 7C0F9E16 2BCE3357 6B315ECE CBB64068 37BF51F5",
        )),
    );
    const COMB_TEETH: usize = 13;
    fn comb() -> &'static [[Affine<Self>; COMB_ROW]] {
        &table::p256::COMB
    }
    fn g_odd_multiples() -> &'static [[Affine<Self>; G_ODD_LEN]] {
        &table::p256::G_ODD
    }
}
