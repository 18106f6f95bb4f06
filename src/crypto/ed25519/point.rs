//! Points of edwards25519, −x² + y² = 1 + d·x²·y² (RFC 8032 §5.1), in the
//! coordinate systems of Hisil, Wong, Carter and Dawson, "Twisted Edwards
//! Curves Revisited" (Asiacrypt 2008), as RFC 8032 §5.1.4 uses them.
//!
//! | type | coordinates | meaning |
//! | --- | --- | --- |
//! | [`EdwardsPoint`] | (X : Y : Z : T) | extended: x = X/Z, y = Y/Z, x·y = T/Z |
//! | [`ProjectivePoint`] | (X : Y : Z) | x = X/Z, y = Y/Z: enough to double |
//! | [`CompletedPoint`] | (X : Y : Z : T) | x = X/Z, y = Y/T: what an addition or doubling yields before its last multiplications |
//! | [`CachedPoint`] | (Y+X, Y−X, Z, 2d·T) | the second operand of an addition, prepared once |
//! | [`AffineNielsPoint`] | (y+x, y−x, 2d·x·y) | the same with Z = 1: the precomputed base-point tables |
//!
//! The formulas are complete on this curve (a = −1 is a square and d is
//! not, RFC 8032 §5.1.4): no input needs a special case, so they serve the
//! constant-time signing path too. Decoding is variable time and named so;
//! it only ever sees public keys and signatures.

use super::field::Fe;
use crate::crypto::ct::{self, Choice};

/// A point in extended coordinates.
#[derive(Clone, Copy, Debug)]
pub(crate) struct EdwardsPoint {
    pub(crate) x: Fe,
    pub(crate) y: Fe,
    pub(crate) z: Fe,
    pub(crate) t: Fe,
}

/// A point in projective coordinates (no T).
#[derive(Clone, Copy, Debug)]
pub(crate) struct ProjectivePoint {
    x: Fe,
    y: Fe,
    z: Fe,
}

/// The "completed" result of an addition or doubling: x = X/Z, y = Y/T.
#[derive(Clone, Copy, Debug)]
pub(crate) struct CompletedPoint {
    x: Fe,
    y: Fe,
    z: Fe,
    t: Fe,
}

/// A point ready to be added: (Y + X, Y − X, Z, 2d·T).
#[derive(Clone, Copy, Debug)]
pub(crate) struct CachedPoint {
    y_plus_x: Fe,
    y_minus_x: Fe,
    z: Fe,
    t2d: Fe,
}

/// An affine point ready to be added: (y + x, y − x, 2d·x·y).
#[derive(Clone, Copy, Debug)]
pub(crate) struct AffineNielsPoint {
    y_plus_x: Fe,
    y_minus_x: Fe,
    xy2d: Fe,
}

/// Why 32 octets are not a point (RFC 8032 §5.1.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DecodeError {
    /// y ≥ p (step 1), or x = 0 with the sign bit set (step 4).
    NotCanonical,
    /// (y² − 1)/(d·y² + 1) has no square root: no x (step 3).
    NotOnCurve,
}

/// The y-coordinates of the eight points of order dividing 8, as canonical
/// encodings with the sign bit clear: 1 (the identity), p − 1 (order 2),
/// 0 (the two points of order 4), and ±y₈ (the four of order 8). Every
/// other canonical y belongs to points of larger order. Derived in this
/// file's tests from the group itself (\[L\]·Q for random points Q); the
/// same five values are in libsodium's blocklist.
const SMALL_ORDER_Y: [[u8; 32]; 5] = [
    [
        0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
        0x00, 0x00,
    ],
    [
        0xec, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        0xff, 0x7f,
    ],
    [0x00; 32],
    [
        0x26, 0xe8, 0x95, 0x8f, 0xc2, 0xb2, 0x27, 0xb0, 0x45, 0xc3, 0xf4, 0x89, 0xf2, 0xef, 0x98,
        0xf0, 0xd5, 0xdf, 0xac, 0x05, 0xd3, 0xc6, 0x33, 0x39, 0xb1, 0x38, 0x02, 0x88, 0x6d, 0x53,
        0xfc, 0x05,
    ],
    [
        0xc7, 0x17, 0x6a, 0x70, 0x3d, 0x4d, 0xd8, 0x4f, 0xba, 0x3c, 0x0b, 0x76, 0x0d, 0x10, 0x67,
        0x0f, 0x2a, 0x20, 0x53, 0xfa, 0x2c, 0x39, 0xcc, 0xc6, 0x4e, 0xc7, 0xfd, 0x77, 0x92, 0xac,
        0x03, 0x7a,
    ],
];

/// Whether the y-coordinate encoded in `bytes` (sign bit ignored; the
/// caller has checked y < p) is that of a point of small order, and whether
/// that point has x = 0 (y = ±1), for which a set sign bit is not a
/// canonical encoding. Public data: variable time.
pub(crate) fn small_order_y_vartime(bytes: &[u8; 32]) -> (bool, bool) {
    let mut y = *bytes;
    y[31] &= 0x7f;
    match SMALL_ORDER_Y.iter().position(|s| *s == y) {
        Some(i) => (true, i < 2), // the first two are y = 1 and y = −1
        None => (false, false),
    }
}

impl EdwardsPoint {
    /// The neutral element (0, 1).
    pub(crate) const IDENTITY: EdwardsPoint = EdwardsPoint {
        x: Fe::ZERO,
        y: Fe::ONE,
        z: Fe::ONE,
        t: Fe::ZERO,
    };

    /// The base point B (RFC 8032 §5.1): y = 4/5, x positive (even). The
    /// code uses it through the tables generated from it.
    #[cfg(test)]
    pub(crate) const BASEPOINT: EdwardsPoint = EdwardsPoint {
        x: Fe([
            0x62d608f25d51a,
            0x412a4b4f6592a,
            0x75b7171a4b31d,
            0x1ff60527118fe,
            0x216936d3cd6e5,
        ]),
        y: Fe([
            0x6666666666658,
            0x4cccccccccccc,
            0x1999999999999,
            0x3333333333333,
            0x6666666666666,
        ]),
        z: Fe::ONE,
        t: Fe([
            0x68ab3a5b7dda3,
            0x00eea2a5eadbb,
            0x2af8df483c27e,
            0x332b375274732,
            0x67875f0fd78b7,
        ]),
    };

    /// Decodes 32 octets (RFC 8032 §5.1.3), refusing every non-canonical
    /// encoding: y ≥ p, and x = 0 with the sign bit set. Variable time.
    pub(crate) fn decode_vartime(bytes: &[u8; 32]) -> Result<EdwardsPoint, DecodeError> {
        // 1. y is the low 255 bits; x_0 the top bit. y ≥ p fails.
        let x_0 = bytes[31] >> 7;
        let (y, canonical) = Fe::decode(bytes);
        if !canonical {
            return Err(DecodeError::NotCanonical);
        }
        // 2. x² = (y² − 1) / (d·y² + 1). The denominator is never 0: −1/d
        //    is not a square, so d·y² = −1 has no solution.
        let yy = y.square();
        let u = yy.sub(&Fe::ONE);
        let v = yy.mul(&Fe::D).add(&Fe::ONE);
        // 3. The root, if there is one.
        let (is_square, x) = Fe::sqrt_ratio(&u, &v);
        if !is_square.declassify() {
            return Err(DecodeError::NotOnCurve);
        }
        // 4. x = 0 with x_0 = 1 fails; otherwise pick the root whose low
        //    bit is x_0.
        let x_is_zero = x.is_zero().declassify();
        if x_is_zero && x_0 == 1 {
            return Err(DecodeError::NotCanonical);
        }
        let flip = x.is_negative().declassify() != (x_0 == 1);
        let x = if flip { x.neg() } else { x };
        Ok(EdwardsPoint {
            x,
            y,
            z: Fe::ONE,
            t: x.mul(&y),
        })
    }

    /// The 32-octet encoding (RFC 8032 §5.1.2): y with the low bit of x in
    /// bit 255. Constant time.
    pub(crate) fn encode(&self) -> [u8; 32] {
        self.to_projective().encode()
    }

    /// −P = (−x, y).
    pub(crate) fn neg(&self) -> EdwardsPoint {
        EdwardsPoint {
            x: self.x.neg(),
            y: self.y,
            z: self.z,
            t: self.t.neg(),
        }
    }

    /// Drops T.
    #[inline(always)]
    pub(crate) fn to_projective(&self) -> ProjectivePoint {
        ProjectivePoint {
            x: self.x,
            y: self.y,
            z: self.z,
        }
    }

    /// The operand form of this point for additions.
    #[inline(always)]
    pub(crate) fn to_cached(&self) -> CachedPoint {
        CachedPoint {
            y_plus_x: self.y.add(&self.x),  // loose
            y_minus_x: self.y.sub(&self.x), // tight
            z: self.z,
            t2d: self.t.mul(&Fe::D2), // tight
        }
    }

    /// The affine operand form: one inversion (for the table generator).
    #[cfg(test)]
    pub(crate) fn to_affine_niels(&self) -> AffineNielsPoint {
        let z_inv = self.z.invert();
        let x = self.x.mul(&z_inv);
        let y = self.y.mul(&z_inv);
        AffineNielsPoint {
            y_plus_x: y.add(&x).reduce(),
            y_minus_x: y.sub(&x).reduce(),
            xy2d: x.mul(&y).mul(&Fe::D2).reduce(),
        }
    }

    /// P + Q (add-2008-hwcd-3; RFC 8032 §5.1.4).
    #[inline(always)]
    pub(crate) fn add(&self, q: &CachedPoint) -> CompletedPoint {
        let b = self.y.add(&self.x).mul(&q.y_plus_x); // (Y1+X1)(Y2+X2), loose × loose
        let a = self.y.sub(&self.x).mul(&q.y_minus_x); // (Y1−X1)(Y2−X2)
        let c = self.t.mul(&q.t2d); // 2d·T1·T2
        let zz = self.z.mul(&q.z);
        let d = zz.add(&zz); // 2·Z1·Z2, loose
        CompletedPoint {
            x: b.sub(&a), // E = B − A, tight
            y: b.add(&a), // H = B + A, loose
            z: d.add(&c), // G = D + C, < 2^53
            t: d.sub(&c), // F = D − C, tight
        }
    }

    /// P − Q: the addition with −Q = (Y−X, Y+X, Z, −2d·T).
    #[inline(always)]
    pub(crate) fn sub(&self, q: &CachedPoint) -> CompletedPoint {
        let b = self.y.add(&self.x).mul(&q.y_minus_x);
        let a = self.y.sub(&self.x).mul(&q.y_plus_x);
        let c = self.t.mul(&q.t2d);
        let zz = self.z.mul(&q.z);
        let d = zz.add(&zz);
        CompletedPoint {
            x: b.sub(&a),
            y: b.add(&a),
            z: d.sub(&c), // −C
            t: d.add(&c),
        }
    }

    /// P + Q for an affine Q (Z2 = 1: one multiplication fewer).
    #[inline(always)]
    pub(crate) fn add_affine(&self, q: &AffineNielsPoint) -> CompletedPoint {
        let b = self.y.add(&self.x).mul(&q.y_plus_x);
        let a = self.y.sub(&self.x).mul(&q.y_minus_x);
        let c = self.t.mul(&q.xy2d);
        let d = self.z.add(&self.z); // 2·Z1, loose
        CompletedPoint {
            x: b.sub(&a),
            y: b.add(&a),
            z: d.add(&c),
            t: d.sub(&c),
        }
    }

    /// P − Q for an affine Q.
    #[inline(always)]
    pub(crate) fn sub_affine(&self, q: &AffineNielsPoint) -> CompletedPoint {
        let b = self.y.add(&self.x).mul(&q.y_minus_x);
        let a = self.y.sub(&self.x).mul(&q.y_plus_x);
        let c = self.t.mul(&q.xy2d);
        let d = self.z.add(&self.z);
        CompletedPoint {
            x: b.sub(&a),
            y: b.add(&a),
            z: d.sub(&c),
            t: d.add(&c),
        }
    }

    /// 2P.
    #[inline(always)]
    pub(crate) fn double(&self) -> CompletedPoint {
        self.to_projective().double()
    }

    /// \[8\]P.
    pub(crate) fn mul_by_cofactor(&self) -> EdwardsPoint {
        self.double()
            .to_projective()
            .double()
            .to_projective()
            .double()
            .to_extended()
    }

    /// Whether P is the identity. Variable time.
    pub(crate) fn is_identity_vartime(&self) -> bool {
        // (X : Y : Z) = (0 : 1 : 1) up to scale: X = 0 and Y = Z.
        self.x.is_zero().declassify() && self.y.ct_eq(&self.z).declassify()
    }

    /// Whether P has order dividing 8 (the cofactor): \[8\]P is the identity.
    pub(crate) fn is_small_order_vartime(&self) -> bool {
        self.mul_by_cofactor().is_identity_vartime()
    }

    /// Whether P = Q (cross-multiplied, so any Z works). Constant time.
    #[cfg(test)]
    pub(crate) fn ct_eq(&self, q: &EdwardsPoint) -> Choice {
        let x = self.x.mul(&q.z).ct_eq(&q.x.mul(&self.z));
        let y = self.y.mul(&q.z).ct_eq(&q.y.mul(&self.z));
        x.and(y)
    }
}

impl ProjectivePoint {
    /// The neutral element.
    pub(crate) const IDENTITY: ProjectivePoint = ProjectivePoint {
        x: Fe::ZERO,
        y: Fe::ONE,
        z: Fe::ONE,
    };

    /// 2P (dbl-2008-hwcd with a = −1).
    #[inline(always)]
    pub(crate) fn double(&self) -> CompletedPoint {
        let xx = self.x.square();
        let yy = self.y.square();
        let zz = self.z.square();
        let zz2 = zz.add(&zz); // 2·Z², loose
        let sum = self.x.add(&self.y).square(); // (X + Y)²
        let yy_plus_xx = yy.add(&xx); // loose
        let yy_minus_xx = yy.sub(&xx); // tight
        CompletedPoint {
            x: sum.sub(&yy_plus_xx),  // 2XY, tight
            y: yy_plus_xx,            // Y² + X²
            z: yy_minus_xx,           // Y² − X²
            t: zz2.sub(&yy_minus_xx), // 2Z² − (Y² − X²), tight
        }
        // x = 2XY/(Y² − X²), y = (Y² + X²)/(2Z² − Y² + X²): the doubling
        // formulas of RFC 8032 §5.1.4 with a = −1.
    }

    /// The 32-octet encoding (RFC 8032 §5.1.2). Constant time.
    pub(crate) fn encode(&self) -> [u8; 32] {
        let z_inv = self.z.invert();
        let x = self.x.mul(&z_inv);
        let y = self.y.mul(&z_inv);
        let mut out = y.to_bytes();
        let sign = (x.to_bytes()[0] & 1) << 7;
        out[31] |= sign;
        out
    }
}

impl CompletedPoint {
    /// To extended coordinates: four multiplications.
    #[inline(always)]
    pub(crate) fn to_extended(&self) -> EdwardsPoint {
        EdwardsPoint {
            x: self.x.mul(&self.t),
            y: self.y.mul(&self.z),
            z: self.z.mul(&self.t),
            t: self.x.mul(&self.y),
        }
    }

    /// To projective coordinates: three multiplications (enough for a
    /// doubling that follows).
    #[inline(always)]
    pub(crate) fn to_projective(&self) -> ProjectivePoint {
        ProjectivePoint {
            x: self.x.mul(&self.t),
            y: self.y.mul(&self.z),
            z: self.z.mul(&self.t),
        }
    }
}

impl AffineNielsPoint {
    /// The neutral element (y + x, y − x, 2dxy) = (1, 1, 0).
    pub(crate) const IDENTITY: AffineNielsPoint = AffineNielsPoint {
        y_plus_x: Fe::ONE,
        y_minus_x: Fe::ONE,
        xy2d: Fe::ZERO,
    };

    /// The fifteen limbs of a table entry: y + x, y − x, 2dxy.
    #[allow(clippy::indexing_slicing)] // i < 5: the three 5-limb blocks of 15
    pub(crate) const fn from_words(w: &[u64; 15]) -> AffineNielsPoint {
        let mut a = [0u64; 5];
        let mut b = [0u64; 5];
        let mut c = [0u64; 5];
        let mut i = 0;
        while i < 5 {
            a[i] = w[i];
            b[i] = w[5 + i];
            c[i] = w[10 + i];
            i += 1;
        }
        AffineNielsPoint {
            y_plus_x: Fe(a),
            y_minus_x: Fe(b),
            xy2d: Fe(c),
        }
    }

    /// The inverse of [`AffineNielsPoint::from_words`].
    pub(crate) fn to_words(&self) -> [u64; 15] {
        let mut w = [0u64; 15];
        let parts = [self.y_plus_x.0, self.y_minus_x.0, self.xy2d.0];
        for (chunk, part) in w.chunks_exact_mut(5).zip(parts.iter()) {
            chunk.copy_from_slice(part);
        }
        w
    }

    /// `if c { −self }`: swap y + x with y − x and negate 2dxy, no branch.
    pub(crate) fn conditional_negate(&mut self, c: Choice) {
        Fe::conditional_swap(c, &mut self.y_plus_x, &mut self.y_minus_x);
        self.xy2d = Fe::select(c, &self.xy2d.neg(), &self.xy2d);
    }

    /// `table[index]` (or the identity when `index` is 0), reading every
    /// entry: `table[j]` holds (j + 1)·P, and `index` may be secret.
    pub(crate) fn lookup(table: &[[u64; 15]], index: u64) -> AffineNielsPoint {
        // index − 1 wraps to a value past the end when index = 0: lookup
        // then gives all zeros, replaced below by the identity.
        let mut words = ct::lookup(table, index.wrapping_sub(1) as usize);
        ct::conditional_assign(
            ct::is_zero_u64(index),
            &mut words,
            &AffineNielsPoint::IDENTITY.to_words(),
        );
        AffineNielsPoint::from_words(&words)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::super::reference::Big;
    use super::super::scalar::Scalar;
    use super::*;
    use crate::crypto::rand::TestRng;
    use alloc::vec::Vec;

    /// \[n\]P by plain double-and-add over the little-endian octets of n
    /// (any length, any value): the reference for every faster method.
    pub(crate) fn mul_vartime(p: &EdwardsPoint, n: &[u8]) -> EdwardsPoint {
        let cached = p.to_cached();
        let mut acc = EdwardsPoint::IDENTITY;
        for byte in n.iter().rev() {
            for bit in (0..8).rev() {
                acc = acc.double().to_extended();
                if (byte >> bit) & 1 == 1 {
                    acc = acc.add(&cached).to_extended();
                }
            }
        }
        acc
    }

    pub(crate) fn add(p: &EdwardsPoint, q: &EdwardsPoint) -> EdwardsPoint {
        p.add(&q.to_cached()).to_extended()
    }

    fn eq(p: &EdwardsPoint, q: &EdwardsPoint) -> bool {
        p.ct_eq(q).declassify()
    }

    /// A point of unknown discrete log: decode random octets until one is
    /// on the curve (about half are).
    pub(crate) fn random_point(rng: &mut TestRng) -> EdwardsPoint {
        loop {
            let mut b = [0u8; 32];
            for chunk in b.chunks_mut(8) {
                chunk.copy_from_slice(&rng.next_u64().to_le_bytes());
            }
            if let Ok(p) = EdwardsPoint::decode_vartime(&b) {
                return p;
            }
        }
    }

    /// The group order L, little-endian.
    fn l_bytes() -> [u8; 32] {
        Big::from_u64(1)
            .shl(252)
            .add(&Big::from_decimal("27742317777372353535851937790883648493"))
            .to_le_32()
    }

    fn on_curve(p: &EdwardsPoint) -> bool {
        // −X²Z² + Y²Z² = Z⁴ + d·X²Y², and X·Y = Z·T.
        let (xx, yy, zz) = (p.x.square(), p.y.square(), p.z.square());
        let lhs = yy.sub(&xx).mul(&zz);
        let rhs = zz.square().add(&Fe::D.mul(&xx).mul(&yy));
        lhs.ct_eq(&rhs).declassify() && p.x.mul(&p.y).ct_eq(&p.z.mul(&p.t)).declassify()
    }

    #[test]
    fn the_base_point_is_the_one_of_rfc_8032() {
        let b = EdwardsPoint::BASEPOINT;
        assert!(on_curve(&b));
        // "B = (x, 4/5), x positive": its encoding is 0x58, then 0x66 ...
        let mut expected = [0x66u8; 32];
        expected[0] = 0x58;
        assert_eq!(b.encode(), expected);
        assert!(eq(&EdwardsPoint::decode_vartime(&expected).unwrap(), &b));
        assert!(b
            .y
            .mul(&Fe([5, 0, 0, 0, 0]))
            .ct_eq(&Fe([4, 0, 0, 0, 0]))
            .declassify());
        // B has order L: [L]B = 0, and B itself is not of small order.
        assert!(mul_vartime(&b, &l_bytes()).is_identity_vartime());
        assert!(!b.is_small_order_vartime());
    }

    #[test]
    fn the_group_law_holds() {
        let mut rng = TestRng(0xed);
        for _ in 0..8 {
            let (p, q, r) = (
                random_point(&mut rng),
                random_point(&mut rng),
                random_point(&mut rng),
            );
            for point in [p, q, r] {
                assert!(on_curve(&point));
            }
            // Associativity and commutativity.
            assert!(eq(&add(&add(&p, &q), &r), &add(&p, &add(&q, &r))));
            assert!(eq(&add(&p, &q), &add(&q, &p)));
            // Doubling is adding a point to itself.
            assert!(eq(&p.double().to_extended(), &add(&p, &p)));
            // The identity, inverses and subtraction.
            assert!(eq(&add(&p, &EdwardsPoint::IDENTITY), &p));
            assert!(add(&p, &p.neg()).is_identity_vartime());
            assert!(eq(&add(&p, &q).sub(&q.to_cached()).to_extended(), &p));
            // The affine forms agree with the projective ones.
            let qa = q.to_affine_niels();
            assert!(eq(&p.add_affine(&qa).to_extended(), &add(&p, &q)));
            assert!(eq(&p.sub_affine(&qa).to_extended(), &add(&p, &q.neg())));
            let mut qn = qa;
            qn.conditional_negate(Choice::TRUE);
            assert!(eq(&p.add_affine(&qn).to_extended(), &add(&p, &q.neg())));
            qn.conditional_negate(Choice::FALSE);
            assert!(eq(&p.add_affine(&qn).to_extended(), &add(&p, &q.neg())));
            // Outputs stay on the curve and round-trip through encoding.
            let s = add(&p, &q);
            assert!(on_curve(&s));
            assert!(eq(&EdwardsPoint::decode_vartime(&s.encode()).unwrap(), &s));
            assert_eq!(s.to_projective().encode(), s.encode());
        }
    }

    #[test]
    fn scalar_multiples_compose() {
        let mut rng = TestRng(3);
        let b = EdwardsPoint::BASEPOINT;
        for _ in 0..4 {
            let mut x = [0u8; 64];
            for chunk in x.chunks_mut(8) {
                chunk.copy_from_slice(&rng.next_u64().to_le_bytes());
            }
            let s = Scalar::from_hash(&x);
            // [s mod L]B = [s]B: B has order L.
            assert!(eq(&mul_vartime(&b, &s.to_bytes()), &mul_vartime(&b, &x)));
            // [s + L]B = [s]B computed a second way, with [L]B = 0 added.
            let mut twice = [0u8; 33];
            twice[..32].copy_from_slice(&s.to_bytes());
            let sum = Big::from_le(&twice).add(&Big::from_le(&l_bytes()));
            assert!(eq(
                &mul_vartime(&b, &sum.to_le_32()),
                &mul_vartime(&b, &s.to_bytes())
            ));
        }
    }

    /// The torsion subgroup found from the group itself: \[L\]Q for random Q
    /// lands in it, and over enough Q covers all eight points.
    #[test]
    fn the_small_order_list_is_exactly_the_torsion_subgroup() {
        let mut rng = TestRng(8);
        let mut found: Vec<[u8; 32]> = Vec::new();
        for _ in 0..48 {
            let t = mul_vartime(&random_point(&mut rng), &l_bytes());
            assert!(t.is_small_order_vartime());
            let enc = t.encode();
            if !found.contains(&enc) {
                found.push(enc);
            }
        }
        assert_eq!(found.len(), 8, "the torsion subgroup has eight points");
        let mut ys: Vec<[u8; 32]> = found
            .iter()
            .map(|e| {
                let mut y = *e;
                y[31] &= 0x7f;
                y
            })
            .collect();
        ys.sort();
        ys.dedup();
        let mut listed = SMALL_ORDER_Y.to_vec();
        listed.sort();
        assert_eq!(ys, listed);
        for enc in &found {
            let (small, x_zero) = small_order_y_vartime(enc);
            assert!(small);
            let p = EdwardsPoint::decode_vartime(enc).unwrap();
            assert_eq!(x_zero, p.x.is_zero().declassify());
        }
        // A point of large order is not on the list.
        assert_eq!(
            small_order_y_vartime(&EdwardsPoint::BASEPOINT.encode()),
            (false, false)
        );
    }

    #[test]
    fn decoding_refuses_exactly_the_invalid_encodings() {
        let p_bytes = Big::from_u64(1).shl(255).sub(&Big::from_u64(19)).to_le_32();
        // y = p: the identity's y (1) plus p, not canonical.
        let mut y_p_plus_1 = p_bytes;
        y_p_plus_1[0] += 1;
        assert_eq!(
            EdwardsPoint::decode_vartime(&y_p_plus_1).unwrap_err(),
            DecodeError::NotCanonical
        );
        assert_eq!(
            EdwardsPoint::decode_vartime(&p_bytes).unwrap_err(),
            DecodeError::NotCanonical
        );
        // The identity decodes; with the sign bit set (x = 0, x_0 = 1) not.
        let mut one = [0u8; 32];
        one[0] = 1;
        assert!(EdwardsPoint::decode_vartime(&one)
            .unwrap()
            .is_identity_vartime());
        one[31] = 0x80;
        assert_eq!(
            EdwardsPoint::decode_vartime(&one).unwrap_err(),
            DecodeError::NotCanonical
        );
        // y = 2: (4 − 1)/(4d + 1) is not a square.
        let mut two = [0u8; 32];
        two[0] = 2;
        assert_eq!(
            EdwardsPoint::decode_vartime(&two).unwrap_err(),
            DecodeError::NotOnCurve
        );
        // Both signs of x decode, to negatives of each other.
        let b = EdwardsPoint::BASEPOINT.encode();
        let mut minus_b = b;
        minus_b[31] ^= 0x80;
        let nb = EdwardsPoint::decode_vartime(&minus_b).unwrap();
        assert!(eq(&nb, &EdwardsPoint::BASEPOINT.neg()));
        assert_eq!(nb.encode(), minus_b);
    }
}
