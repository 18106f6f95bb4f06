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

use super::field::{Field, FieldModulus, Modulus, Mont, OrderModulus};
use super::p521::Fe521;
use super::point::Affine;
use super::scalar::Scalar;
use super::table::{self, COMB_ROW, G_ODD_LEN};
use super::word::hex;
use super::Curve;
use crate::crypto::sha2::{HashFunction, Sha256, Sha384, Sha512};

/// The curve's `a` coefficient, which picks the point formulas.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum CoefficientA {
    /// a = −3 (the NIST curves): RCB16 Algorithms 4–6, `dbl-2001-b`.
    MinusThree,
    /// a = 0 (secp256k1): RCB16 Algorithms 7–9, `dbl-2009-l`.
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
impl FieldModulus<4> for P256Prime {}
impl Modulus<4> for P256Prime {
    const M: [u64; 4] =
        hex("FFFFFFFF 00000001 00000000 00000000 00000000 FFFFFFFF FFFFFFFF FFFFFFFF");
}

/// n of P-256.
#[derive(Clone, Copy)]
pub(crate) struct P256Order;
impl OrderModulus<4> for P256Order {}
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
    const COMB_TEETH: usize = 26;
    fn comb() -> &'static [[Affine<Self>; COMB_ROW]] {
        &table::p256::COMB
    }
    fn g_odd_multiples() -> &'static [[Affine<Self>; G_ODD_LEN]] {
        &table::p256::G_ODD
    }
}

// ---------------------------------------------------------------- P-384

/// p of P-384.
#[derive(Clone, Copy)]
pub(crate) struct P384Prime;
impl FieldModulus<6> for P384Prime {}
impl Modulus<6> for P384Prime {
    const M: [u64; 6] = hex("FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF \
                             FFFFFFFF FFFFFFFE FFFFFFFF 00000000 00000000 FFFFFFFF");
}

/// n of P-384.
#[derive(Clone, Copy)]
pub(crate) struct P384Order;
impl OrderModulus<6> for P384Order {}
impl Modulus<6> for P384Order {
    const M: [u64; 6] = hex("FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF \
                             C7634D81 F4372DDF 581A0DB2 48B0A77A ECEC196A CCC52973");
}

/// The field of P-384.
pub(crate) type P384Field = Mont<P384Prime, 6>;

/// P-384 (SEC 2 §2.5.1, SP 800-186 §3.2.1.4).
#[derive(Clone, Copy, Debug)]
pub(crate) struct P384;
impl CurveArith for P384 {
    type Fe = P384Field;
    type Sc = Mont<P384Order, 6>;
    type Hash = Sha384;
    const CURVE: Curve = Curve::P384;
    const FIELD_LEN: usize = 48;
    const SCALAR_LEN: usize = 48;
    const A: CoefficientA = CoefficientA::MinusThree;
    const B: P384Field = P384Field::from_canonical_const(hex(
        "B3312FA7 E23EE7E4 988E056B E3F82D19 181D9C6E FE814112 \
         0314088F 5013875A C656398D 8A2ED19D 2A85C8ED D3EC2AEF",
    ));
    const B3: P384Field = P384Field::from_canonical_const(hex(
        "19938EF7 A6BCB7AD C9AA1043 ABE8874B 4858D54C FB83C336 \
         093C19AD F03A9612 5302ACAA 9E8C74D7 7F915AC7 7BC480CF",
    ));
    const G: Affine<Self> = Affine::new(
        P384Field::from_canonical_const(hex(
            "AA87CA22 BE8B0537 8EB1C71E F320AD74 6E1D3B62 8BA79B98 \
             59F741E0 82542A38 5502F25D BF55296C 3A545E38 72760AB7",
        )),
        P384Field::from_canonical_const(hex(
            "3617DE4A 96262C6F 5D9E98BF 9292DC29 F8F41DBD 289A147C \
             E9DA3113 B5F0B8C0 0A60B1CE 1D7E819D 7A431D7C 90EA0E5F",
        )),
    );
    const COMB_TEETH: usize = 13;
    fn comb() -> &'static [[Affine<Self>; COMB_ROW]] {
        &table::p384::COMB
    }
    fn g_odd_multiples() -> &'static [[Affine<Self>; G_ODD_LEN]] {
        &table::p384::G_ODD
    }
}

// ---------------------------------------------------------------- P-521

/// n of P-521.
#[derive(Clone, Copy)]
pub(crate) struct P521Order;
impl OrderModulus<9> for P521Order {}
impl Modulus<9> for P521Order {
    const M: [u64; 9] = hex(
        "01FF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF \
                             FFFFFFFA 51868783 BF2F966B 7FCC0148 F709A5D0 3BB5C9B8 899C47AE \
                             BB6FB71E 91386409",
    );
}

/// The field of P-521 (p = 2^521 − 1, `p521.rs`).
pub(crate) type P521Field = Fe521;

/// P-521 (SEC 2 §2.6.1, SP 800-186 §3.2.1.5).
#[derive(Clone, Copy, Debug)]
pub(crate) struct P521;
impl CurveArith for P521 {
    type Fe = P521Field;
    type Sc = Mont<P521Order, 9>;
    type Hash = Sha512;
    const CURVE: Curve = Curve::P521;
    const FIELD_LEN: usize = 66;
    const SCALAR_LEN: usize = 66;
    const A: CoefficientA = CoefficientA::MinusThree;
    const B: P521Field = P521Field::from_canonical_const(hex(
        "0051 953EB961 8E1C9A1F 929A21A0 B68540EE A2DA725B 99B315F3 B8B48991 8EF109E1 \
         56193951 EC7E937B 1652C0BD 3BB1BF07 3573DF88 3D2C34F1 EF451FD4 6B503F00",
    ));
    const B3: P521Field = P521Field::from_canonical_const(hex(
        "00F4 BFBC2C24 AA55CE5E B7CE64E2 238FC2CB E88F5712 CD1941DB 2A1D9CB4 ACD31DA4 \
         024BABF5 C57BBA71 42F84237 B3153D15 A05B9E98 B7849ED5 CDCF5F7D 41F0BD00",
    ));
    const G: Affine<Self> = Affine::new(
        P521Field::from_canonical_const(hex(
            "00C6 858E06B7 0404E9CD 9E3ECB66 2395B442 9C648139 053FB521 F828AF60 6B4D3DBA \
             A14B5E77 EFE75928 FE1DC127 A2FFA8DE 3348B3C1 856A429B F97E7E31 C2E5BD66",
        )),
        P521Field::from_canonical_const(hex(
            "0118 39296A78 9A3BC004 5C8A5FB4 2C7D1BD9 98F54449 579B4468 17AFBD17 273E662C \
             97EE7299 5EF42640 C550B901 3FAD0761 353C7086 A272C240 88BE9476 9FD16650",
        )),
    );
    const COMB_TEETH: usize = 15;
    fn comb() -> &'static [[Affine<Self>; COMB_ROW]] {
        &table::p521::COMB
    }
    fn g_odd_multiples() -> &'static [[Affine<Self>; G_ODD_LEN]] {
        &table::p521::G_ODD
    }
}

// ---------------------------------------------------------------- secp256k1

/// p of secp256k1.
#[derive(Clone, Copy)]
pub(crate) struct Secp256k1Prime;
impl FieldModulus<4> for Secp256k1Prime {}
impl Modulus<4> for Secp256k1Prime {
    const M: [u64; 4] =
        hex("FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFE FFFFFC2F");
}

/// n of secp256k1.
#[derive(Clone, Copy)]
pub(crate) struct Secp256k1Order;
impl OrderModulus<4> for Secp256k1Order {}
impl Modulus<4> for Secp256k1Order {
    const M: [u64; 4] =
        hex("FFFFFFFF FFFFFFFF FFFFFFFF FFFFFFFE BAAEDCE6 AF48A03B BFD25E8C D0364141");
}

/// The field of secp256k1.
pub(crate) type Secp256k1Field = Mont<Secp256k1Prime, 4>;

/// secp256k1 (SEC 2 §2.4.1; RFC 8812 §3.1), a = 0, b = 7.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Secp256k1;
impl CurveArith for Secp256k1 {
    type Fe = Secp256k1Field;
    type Sc = Mont<Secp256k1Order, 4>;
    type Hash = Sha256;
    const CURVE: Curve = Curve::Secp256k1;
    const FIELD_LEN: usize = 32;
    const SCALAR_LEN: usize = 32;
    const A: CoefficientA = CoefficientA::Zero;
    const B: Secp256k1Field = Secp256k1Field::from_canonical_const([7, 0, 0, 0]);
    const B3: Secp256k1Field = Secp256k1Field::from_canonical_const([21, 0, 0, 0]);
    const G: Affine<Self> = Affine::new(
        Secp256k1Field::from_canonical_const(hex(
            "79BE667E F9DCBBAC 55A06295 CE870B07 029BFCDB 2DCE28D9 59F2815B 16F81798",
        )),
        Secp256k1Field::from_canonical_const(hex(
            "483ADA77 26A3C465 5DA4FBFC 0E1108A8 FD17B448 A6855419 9C47D08F FB10D4B8",
        )),
    );
    const COMB_TEETH: usize = 13;
    fn comb() -> &'static [[Affine<Self>; COMB_ROW]] {
        &table::secp256k1::COMB
    }
    fn g_odd_multiples() -> &'static [[Affine<Self>; G_ODD_LEN]] {
        &table::secp256k1::G_ODD
    }
}
