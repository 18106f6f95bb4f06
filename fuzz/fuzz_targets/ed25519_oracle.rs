//! An Ed25519 model for the key targets, written from scratch so that it
//! does not trust the code under test: arithmetic in GF(2^255 − 19) by the
//! book (four 64-bit limbs, schoolbook products, variable time), and from
//! it the rule for which 32 octets are an acceptable public key (RFC 8032
//! §5.1.3 decoding, and the contract's "not of small order").
//!
//! Slow and simple on purpose: every value is kept fully reduced, and
//! square roots and inverses are powers (Euler, Fermat, RFC 8032 §5.1.3's
//! square root for p ≡ 5 mod 8).

use std::sync::OnceLock;

/// A field element, little-endian limbs, always below p.
pub type Fe = [u64; 4];

/// p = 2^255 − 19.
const P: Fe = [
    0xffff_ffff_ffff_ffed,
    0xffff_ffff_ffff_ffff,
    0xffff_ffff_ffff_ffff,
    0x7fff_ffff_ffff_ffff,
];
const ZERO: Fe = [0; 4];
const ONE: Fe = [1, 0, 0, 0];

/// Whether a < b, as 256-bit integers.
fn lt(a: &Fe, b: &Fe) -> bool {
    for i in (0..4).rev() {
        if a[i] != b[i] {
            return a[i] < b[i];
        }
    }
    false
}

/// a − b as 256-bit integers, with the borrow out.
fn sub_raw(a: &Fe, b: &Fe) -> (Fe, bool) {
    let mut out = [0u64; 4];
    let mut borrow = false;
    for i in 0..4 {
        let (d, b1) = a[i].overflowing_sub(b[i]);
        let (d, b2) = d.overflowing_sub(borrow as u64);
        out[i] = d;
        borrow = b1 || b2;
    }
    (out, borrow)
}

/// Reduces any 256-bit value below p (2^256 < 3p, so at most twice).
fn reduce(mut a: Fe) -> Fe {
    while !lt(&a, &P) {
        a = sub_raw(&a, &P).0;
    }
    a
}

/// Adds `small · 2^0` to a 256-bit value, folding any carry out of bit 256
/// back in as 38 (2^256 ≡ 38 mod p).
fn add_small(a: &Fe, small: u128) -> Fe {
    let mut out = *a;
    let mut carry = small;
    while carry != 0 {
        for limb in out.iter_mut() {
            let cur = *limb as u128 + carry;
            *limb = cur as u64;
            carry = cur >> 64;
        }
        carry *= 38;
    }
    out
}

pub fn add(a: &Fe, b: &Fe) -> Fe {
    let mut out = [0u64; 4];
    let mut carry = 0u128;
    for i in 0..4 {
        let cur = a[i] as u128 + b[i] as u128 + carry;
        out[i] = cur as u64;
        carry = cur >> 64;
    }
    reduce(add_small(&out, carry * 38))
}

pub fn neg(a: &Fe) -> Fe {
    if *a == ZERO {
        ZERO
    } else {
        sub_raw(&P, a).0
    }
}

pub fn sub(a: &Fe, b: &Fe) -> Fe {
    add(a, &neg(b))
}

pub fn mul(a: &Fe, b: &Fe) -> Fe {
    // The 512-bit product, schoolbook.
    let mut t = [0u64; 8];
    for i in 0..4 {
        let mut carry = 0u128;
        for j in 0..4 {
            let cur = t[i + j] as u128 + a[i] as u128 * b[j] as u128 + carry;
            t[i + j] = cur as u64;
            carry = cur >> 64;
        }
        t[i + 4] = carry as u64;
    }
    // lo + 38·hi (2^256 ≡ 38), then the carry folded the same way.
    let mut out = [0u64; 4];
    let mut carry = 0u128;
    for i in 0..4 {
        let cur = t[i] as u128 + 38 * t[i + 4] as u128 + carry;
        out[i] = cur as u64;
        carry = cur >> 64;
    }
    reduce(add_small(&out, carry * 38))
}

/// a^e, e a 256-bit exponent, square and multiply from the top bit.
pub fn pow(a: &Fe, e: &Fe) -> Fe {
    let mut r = ONE;
    for i in (0..256).rev() {
        r = mul(&r, &r);
        if (e[i / 64] >> (i % 64)) & 1 == 1 {
            r = mul(&r, a);
        }
    }
    r
}

pub fn from_u64(n: u64) -> Fe {
    [n, 0, 0, 0]
}

/// 1/a (Fermat: a^(p−2)); 0 for 0.
pub fn inv(a: &Fe) -> Fe {
    pow(a, &sub_raw(&P, &from_u64(2)).0)
}

/// Euler's criterion: a is 0 or a^((p−1)/2) = 1.
pub fn is_square(a: &Fe) -> bool {
    // (p − 1)/2 = 2^254 − 10.
    let e = [
        0xffff_ffff_ffff_fff6,
        0xffff_ffff_ffff_ffff,
        0xffff_ffff_ffff_ffff,
        0x3fff_ffff_ffff_ffff,
    ];
    *a == ZERO || pow(a, &e) == ONE
}

/// A square root of a square (RFC 8032 §5.1.3, p ≡ 5 mod 8).
pub fn sqrt(a: &Fe) -> Fe {
    // (p + 3)/8 = 2^252 − 2; √−1 = 2^((p−1)/4), (p − 1)/4 = 2^253 − 5.
    let e = [
        0xffff_ffff_ffff_fffe,
        0xffff_ffff_ffff_ffff,
        0xffff_ffff_ffff_ffff,
        0x0fff_ffff_ffff_ffff,
    ];
    let r = pow(a, &e);
    let r = if mul(&r, &r) == *a {
        r
    } else {
        let e = [
            0xffff_ffff_ffff_fffb,
            0xffff_ffff_ffff_ffff,
            0xffff_ffff_ffff_ffff,
            0x1fff_ffff_ffff_ffff,
        ];
        mul(&r, &pow(&from_u64(2), &e))
    };
    assert_eq!(mul(&r, &r), *a, "sqrt of a non-square");
    r
}

/// The 256-bit little-endian integer of 32 octets (not reduced).
pub fn from_le_bytes(bytes: &[u8; 32]) -> Fe {
    let mut out = [0u64; 4];
    for (limb, chunk) in out.iter_mut().zip(bytes.chunks_exact(8)) {
        *limb = u64::from_le_bytes(chunk.try_into().expect("8 octets"));
    }
    out
}

pub fn to_le_bytes(a: &Fe) -> [u8; 32] {
    let mut out = [0u8; 32];
    for (chunk, limb) in out.chunks_exact_mut(8).zip(a.iter()) {
        chunk.copy_from_slice(&limb.to_le_bytes());
    }
    out
}

/// The curve constants, computed once and checked against RFC 8032 §5.1.
pub struct Curve {
    /// d = −121665/121666.
    pub d: Fe,
    /// The y coordinates of the points of small order (the torsion group
    /// is cyclic of order 8: y = 1, −1, 0 and ±y₈ for the four of order
    /// 8; each y but ±1 has two points, x and −x).
    pub small_order_y: [Fe; 5],
}

pub fn curve() -> &'static Curve {
    static CURVE: OnceLock<Curve> = OnceLock::new();
    CURVE.get_or_init(|| {
        let d = neg(&mul(&from_u64(121_665), &inv(&from_u64(121_666))));
        // RFC 8032 §5.1's d, in hex
        // 52036cee2b6ffe738cc740797779e89800700a4d4141d8ab75eb4dca135978a3.
        assert_eq!(
            d,
            [
                0x75eb_4dca_1359_78a3,
                0x0070_0a4d_4141_d8ab,
                0x8cc7_4079_7779_e898,
                0x5203_6cee_2b6f_fe73,
            ],
            "d of RFC 8032 §5.1"
        );
        // The base point of RFC 8032 §5.1, y = 4/5, lies on the curve.
        let by = mul(&from_u64(4), &inv(&from_u64(5)));
        assert!(x_squared(&d, &by).is_some(), "B is on the curve");
        // Order 8: doubling (x, y) gives y' = (x² + y²)/(2 + x² − y²)
        // (a = −1), which is 0 for an order-4 point, so x² = −y² and the
        // curve equation becomes d·y⁴ + 2y² − 1 = 0: y² = (−1 ± √(1 + d))/d.
        let root = sqrt(&add(&ONE, &d));
        let minus_one = neg(&ONE);
        let inv_d = inv(&d);
        let y8 = [add(&minus_one, &root), sub(&minus_one, &root)]
            .iter()
            .map(|s| mul(s, &inv_d))
            .filter(|s| is_square(s) && is_square(&neg(s)))
            .map(|s| sqrt(&s))
            .next()
            .expect("a point of order 8");
        Curve {
            d,
            small_order_y: [ZERO, ONE, minus_one, y8, neg(&y8)],
        }
    })
}

/// x² for y on the curve −x² + y² = 1 + d·x²·y² (RFC 8032 §5.1.3:
/// x² = (y² − 1)/(d·y² + 1)), or `None` when it is not a square.
fn x_squared(d: &Fe, y: &Fe) -> Option<Fe> {
    let yy = mul(y, y);
    let u = sub(&yy, &ONE);
    let v = add(&mul(d, &yy), &ONE); // never 0: −1/d is not a square
    let xx = mul(&u, &inv(&v));
    is_square(&xx).then_some(xx)
}

/// The rule a public key or signature breaks, in the order the contract
/// checks them, or `Accept`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Accept,
    Length(usize),
    /// Public key: y ≥ p, or x = 0 with the sign bit set.
    KeyNotCanonical,
    /// Public key: no x for y.
    KeyNotOnCurve,
    KeySmallOrder,
    SNotReduced,
    /// R: y ≥ p, or x = 0 with the sign bit set.
    RNotCanonical,
    RSmallOrder,
    Mismatch,
}

/// y (bit 255 cleared) and the sign bit of an encoded point, unreduced.
fn split_point(bytes: &[u8; 32]) -> (Fe, u8) {
    let mut y_bytes = *bytes;
    let sign = y_bytes[31] >> 7;
    y_bytes[31] &= 0x7f;
    (from_le_bytes(&y_bytes), sign)
}

/// The verdict on public key octets (RFC 8032 §5.1.3 decoding; the
/// contract's "not of small order"): canonical (y < p, not x = 0 with the
/// sign bit set), on the curve, of order larger than 8.
pub fn public_key_verdict(bytes: &[u8]) -> Verdict {
    let Ok(bytes) = <&[u8; 32]>::try_from(bytes) else {
        return Verdict::Length(bytes.len());
    };
    let curve = curve();
    let (y, sign) = split_point(bytes);
    if !lt(&y, &P) {
        return Verdict::KeyNotCanonical;
    }
    let Some(xx) = x_squared(&curve.d, &y) else {
        return Verdict::KeyNotOnCurve;
    };
    if xx == ZERO && sign == 1 {
        return Verdict::KeyNotCanonical;
    }
    if curve.small_order_y.contains(&y) {
        return Verdict::KeySmallOrder;
    }
    Verdict::Accept
}

/// The group order L = 2^252 + 27742317777372353535851937790883648493
/// (RFC 8032 §5.1).
pub const L: Fe = [
    0x5812_631a_5cf5_d3ed,
    0x14de_f9de_a2f7_9cd6,
    0x0000_0000_0000_0000,
    0x1000_0000_0000_0000,
];

/// s + k·L as a 256-bit integer, when it fits.
pub fn add_multiple_of_l(s: &[u8; 32], k: u64) -> Option<[u8; 32]> {
    let s = from_le_bytes(s);
    let mut out = [0u64; 4];
    let mut carry = 0u128;
    for i in 0..4 {
        let cur = s[i] as u128 + L[i] as u128 * k as u128 + carry;
        out[i] = cur as u64;
        carry = cur >> 64;
    }
    (carry == 0).then(|| to_le_bytes(&out))
}

/// p + y as a 256-bit integer: for y < 19, the non-canonical encoding of
/// y (below 2^255).
pub fn p_plus(y: u64) -> Fe {
    let mut out = [0u64; 4];
    let mut carry = y as u128;
    for i in 0..4 {
        let cur = P[i] as u128 + carry;
        out[i] = cur as u64;
        carry = cur >> 64;
    }
    out
}

/// The verdict on a signature under the strict rules (RFC 8032 §5.1.7 with
/// the contract's: 64 octets, S < L, R canonical and not of small order,
/// cofactorless), given the one signature the key's owner makes for the
/// message (`genuine`). A signature that passes the encoding rules and is
/// not the genuine one is a mismatch: finding another that verifies would
/// need the private key, or a flaw in the verifier.
pub fn signature_verdict(signature: &[u8], genuine: &[u8; 64]) -> Verdict {
    let Ok(signature) = <&[u8; 64]>::try_from(signature) else {
        return Verdict::Length(signature.len());
    };
    let r: [u8; 32] = signature[..32].try_into().expect("32 octets");
    let s: [u8; 32] = signature[32..].try_into().expect("32 octets");
    if !lt(&from_le_bytes(&s), &L) {
        return Verdict::SNotReduced;
    }
    let (y, sign) = split_point(&r);
    if !lt(&y, &P) {
        return Verdict::RNotCanonical;
    }
    // x = 0 exactly for y = ±1.
    if sign == 1 && (y == ONE || y == neg(&ONE)) {
        return Verdict::RNotCanonical;
    }
    if curve().small_order_y.contains(&y) {
        return Verdict::RSmallOrder;
    }
    if signature == genuine {
        Verdict::Accept
    } else {
        Verdict::Mismatch
    }
}
