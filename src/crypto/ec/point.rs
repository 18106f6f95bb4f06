//! Points: affine `(x, y)`, Jacobian `(X : Y : Z)` with `x = X/Z²`,
//! `y = Y/Z³` for verification (variable time, fast, with the exceptional
//! cases checked explicitly), and homogeneous projective `(X : Y : Z)` with
//! `x = X/Z`, `y = Y/Z` for secret scalars, where the complete formulas of
//! Renes, Costello and Batina ("Complete addition formulas for prime order
//! elliptic curves", EUROCRYPT 2016, eprint 2015/1060; RCB16 below) give
//! the right sum for every pair of inputs, the point at infinity and
//! doubling included, so no branch is needed.
//!
//! Jacobian formulas are those of the Explicit-Formulas Database
//! (hyperelliptic.org/EFD/g1p/auto-shortw-jacobian-3.html and
//! auto-shortw-jacobian-0.html): `dbl-2001-b` (a = −3, 3M + 5S),
//! `dbl-2009-l` (a = 0, 2M + 5S) and `madd-2007-bl` (7M + 4S). The point
//! at infinity is any `(X : Y : 0)`.

use super::curve::{CoefficientA, CurveArith};
use super::field::Field;
use crate::crypto::ct::Choice;
use alloc::vec;
use alloc::vec::Vec;

/// An affine point `(x, y)` on the curve (never the point at infinity).
pub(crate) struct Affine<C: CurveArith> {
    pub(crate) x: C::Fe,
    pub(crate) y: C::Fe,
}

impl<C: CurveArith> Clone for Affine<C> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<C: CurveArith> Copy for Affine<C> {}

impl<C: CurveArith> Affine<C> {
    /// The point `(x, y)` (the caller knows it is on the curve).
    pub(crate) const fn new(x: C::Fe, y: C::Fe) -> Self {
        Affine { x, y }
    }

    /// `x³ + ax + b`, the right-hand side of the curve equation.
    pub(crate) fn curve_rhs(x: &C::Fe) -> C::Fe {
        let x3 = x.square() * *x;
        match C::A {
            // x³ − 3x + b
            CoefficientA::MinusThree => x3 - (x.double() + *x) + C::B,
            CoefficientA::Zero => x3 + C::B,
        }
    }

    /// Whether `y² = x³ + ax + b` (public data).
    pub(crate) fn is_on_curve_vartime(&self) -> bool {
        self.y
            .square()
            .ct_eq(&Self::curve_rhs(&self.x))
            .declassify()
    }

    /// `−P = (x, −y)`.
    pub(crate) fn neg(&self) -> Self {
        Affine::new(self.x, -self.y)
    }

    /// `if c { −P } else { P }`.
    pub(crate) fn conditional_neg(&self, c: Choice) -> Self {
        Affine::new(self.x, C::Fe::select(c, &-self.y, &self.y))
    }

    /// `if c { a } else { b }`.
    pub(crate) fn select(c: Choice, a: &Self, b: &Self) -> Self {
        Affine::new(C::Fe::select(c, &a.x, &b.x), C::Fe::select(c, &a.y, &b.y))
    }

    /// The same point in Jacobian coordinates, `(x : y : 1)`.
    pub(crate) fn to_jacobian(self) -> Jacobian<C> {
        Jacobian {
            x: self.x,
            y: self.y,
            z: C::Fe::ONE,
        }
    }

    /// The same point in projective coordinates, `(x : y : 1)` (the
    /// signing comb adds affine points directly; tests use this).
    #[cfg(test)]
    pub(crate) fn to_projective(self) -> Projective<C> {
        Projective {
            x: self.x,
            y: self.y,
            z: C::Fe::ONE,
        }
    }

    /// Whether the two points are equal (public data).
    #[cfg(test)]
    pub(crate) fn eq_vartime(&self, other: &Self) -> bool {
        self.x
            .ct_eq(&other.x)
            .and(self.y.ct_eq(&other.y))
            .declassify()
    }
}

/// A point in Jacobian coordinates, for verification: `(X : Y : Z)` is
/// `(X/Z², Y/Z³)`, and Z = 0 is the point at infinity.
pub(crate) struct Jacobian<C: CurveArith> {
    pub(crate) x: C::Fe,
    pub(crate) y: C::Fe,
    pub(crate) z: C::Fe,
}

impl<C: CurveArith> Clone for Jacobian<C> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<C: CurveArith> Copy for Jacobian<C> {}

impl<C: CurveArith> Jacobian<C> {
    /// The point at infinity.
    pub(crate) const IDENTITY: Self = Jacobian {
        x: C::Fe::ONE,
        y: C::Fe::ONE,
        z: C::Fe::ZERO,
    };

    /// Whether this is the point at infinity (public data).
    pub(crate) fn is_identity_vartime(&self) -> bool {
        self.z.is_zero().declassify()
    }

    /// `2P`. The point at infinity doubles to itself (its Z stays 0); no
    /// point of these prime-order curves has y = 0.
    pub(crate) fn double_vartime(&self) -> Self {
        let (x1, y1, z1) = (self.x, self.y, self.z);
        match C::A {
            CoefficientA::MinusThree => {
                // dbl-2001-b
                let delta = z1.square();
                let gamma = y1.square();
                let beta = x1 * gamma;
                let t = (x1 - delta) * (x1 + delta);
                let alpha = t.double() + t; // 3(X1 − δ)(X1 + δ)
                let beta4 = beta.double().double();
                let x3 = alpha.square() - beta4.double();
                let z3 = (y1 + z1).square() - gamma - delta;
                let gamma2 = gamma.square();
                let y3 = alpha * (beta4 - x3) - gamma2.double().double().double();
                Jacobian {
                    x: x3,
                    y: y3,
                    z: z3,
                }
            }
            CoefficientA::Zero => {
                // dbl-2009-l
                let a = x1.square();
                let b = y1.square();
                let c = b.square();
                let d = ((x1 + b).square() - a - c).double();
                let e = a.double() + a;
                let f = e.square();
                let x3 = f - d.double();
                let y3 = e * (d - x3) - c.double().double().double();
                let z3 = (y1 * z1).double();
                Jacobian {
                    x: x3,
                    y: y3,
                    z: z3,
                }
            }
        }
    }

    /// `P + Q` for an affine Q (madd-2007-bl), with the exceptional cases
    /// handled: P at infinity gives Q; P = Q is a doubling; P = −Q gives
    /// the point at infinity.
    pub(crate) fn add_mixed_vartime(&self, q: &Affine<C>) -> Self {
        if self.is_identity_vartime() {
            return q.to_jacobian();
        }
        let (x1, y1, z1) = (self.x, self.y, self.z);
        let z1z1 = z1.square();
        let u2 = q.x * z1z1;
        let s2 = q.y * z1 * z1z1;
        let h = u2 - x1;
        let s_diff = s2 - y1;
        if h.is_zero().declassify() {
            // Same x: P = Q (double) or P = −Q (infinity).
            return if s_diff.is_zero().declassify() {
                self.double_vartime()
            } else {
                Self::IDENTITY
            };
        }
        let hh = h.square();
        let i = hh.double().double();
        let j = h * i;
        let r = s_diff.double();
        let v = x1 * i;
        let x3 = r.square() - j - v.double();
        let y3 = r * (v - x3) - (y1 * j).double();
        let z3 = (z1 + h).square() - z1z1 - hh;
        Jacobian {
            x: x3,
            y: y3,
            z: z3,
        }
    }

    /// The affine point, `(X/Z², Y/Z³)`; `None` at infinity (tests and
    /// the table generator; verification compares in Jacobian form).
    #[cfg(test)]
    pub(crate) fn to_affine_vartime(self) -> Option<Affine<C>> {
        if self.is_identity_vartime() {
            return None;
        }
        let zinv = self.z.invert();
        let zinv2 = zinv.square();
        Some(Affine::new(self.x * zinv2, self.y * zinv2 * zinv))
    }
}

/// Converts points (none at infinity) to affine form with one inversion
/// (Montgomery's trick: invert the product of all Z, then peel off one
/// factor at a time). Public data.
pub(crate) fn batch_to_affine_vartime<C: CurveArith>(points: &[Jacobian<C>]) -> Vec<Affine<C>> {
    // prefix[i] = Z_0 · Z_1 ⋯ Z_i
    let mut prefix = Vec::with_capacity(points.len());
    let mut acc = C::Fe::ONE;
    for p in points {
        acc = acc * p.z;
        prefix.push(acc);
    }
    // inv = (Z_0 ⋯ Z_i)⁻¹ at step i, going down.
    let mut inv = acc.invert_vartime();
    let mut out = vec![Affine::new(C::Fe::ZERO, C::Fe::ZERO); points.len()];
    for (i, (p, o)) in points.iter().zip(out.iter_mut()).enumerate().rev() {
        let zinv = match i.checked_sub(1).and_then(|j| prefix.get(j)) {
            Some(before) => inv * *before,
            None => inv,
        };
        inv = inv * p.z;
        let zinv2 = zinv.square();
        *o = Affine::new(p.x * zinv2, p.y * zinv2 * zinv);
    }
    out
}

/// A point in homogeneous projective coordinates for the complete
/// formulas: `(X : Y : Z)` is `(X/Z, Y/Z)`, the point at infinity is
/// `(0 : 1 : 0)`.
pub(crate) struct Projective<C: CurveArith> {
    pub(crate) x: C::Fe,
    pub(crate) y: C::Fe,
    pub(crate) z: C::Fe,
}

impl<C: CurveArith> Clone for Projective<C> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<C: CurveArith> Copy for Projective<C> {}

impl<C: CurveArith> Projective<C> {
    /// The point at infinity.
    pub(crate) const IDENTITY: Self = Projective {
        x: C::Fe::ZERO,
        y: C::Fe::ONE,
        z: C::Fe::ZERO,
    };

    /// `if c { a } else { b }`.
    pub(crate) fn select(c: Choice, a: &Self, b: &Self) -> Self {
        Projective {
            x: C::Fe::select(c, &a.x, &b.x),
            y: C::Fe::select(c, &a.y, &b.y),
            z: C::Fe::select(c, &a.z, &b.z),
        }
    }

    /// `P + Q`, complete: RCB16 Algorithm 4 (a = −3) or 7 (a = 0). The
    /// comments number the algorithms' steps. The comb needs only mixed
    /// additions; the tests check those against this one.
    #[cfg(test)]
    pub(crate) fn add(&self, q: &Self) -> Self {
        let (x1, y1, z1) = (self.x, self.y, self.z);
        let (x2, y2, z2) = (q.x, q.y, q.z);
        match C::A {
            CoefficientA::MinusThree => {
                let b = C::B;
                let t0 = x1 * x2; // 1
                let t1 = y1 * y2; // 2
                let t2 = z1 * z2; // 3
                let t3 = (x1 + y1) * (x2 + y2); // 4, 5, 6
                let t3 = t3 - (t0 + t1); // 7, 8
                let t4 = (y1 + z1) * (y2 + z2); // 9, 10, 11
                let t4 = t4 - (t1 + t2); // 12, 13
                let y3 = (x1 + z1) * (x2 + z2); // 14, 15, 16
                let y3 = y3 - (t0 + t2); // 17, 18
                let x3 = y3 - b * t2; // 19, 20
                let x3 = x3.double() + x3; // 21, 22
                let z3 = t1 - x3; // 23
                let x3 = t1 + x3; // 24
                let t2 = t2.double() + t2; // 26, 27
                let y3 = b * y3 - t2 - t0; // 25, 28, 29
                let y3 = y3.double() + y3; // 30, 31
                let t0 = t0.double() + t0 - t2; // 32, 33, 34
                let t1 = t4 * y3; // 35
                let t2 = t0 * y3; // 36
                let y3 = x3 * z3 + t2; // 37, 38
                let x3 = t3 * x3 - t1; // 39, 40
                let z3 = t4 * z3 + t3 * t0; // 41, 42, 43
                Projective {
                    x: x3,
                    y: y3,
                    z: z3,
                }
            }
            CoefficientA::Zero => {
                let b3 = C::B3;
                let t0 = x1 * x2; // 1
                let t1 = y1 * y2; // 2
                let t2 = z1 * z2; // 3
                let t3 = (x1 + y1) * (x2 + y2) - (t0 + t1); // 4–8
                let t4 = (y1 + z1) * (y2 + z2) - (t1 + t2); // 9–13
                let y3 = (x1 + z1) * (x2 + z2) - (t0 + t2); // 14–18
                let t0 = t0.double() + t0; // 19, 20
                let t2 = b3 * t2; // 21
                let z3 = t1 + t2; // 22
                let t1 = t1 - t2; // 23
                let y3 = b3 * y3; // 24
                let x3 = t3 * t1 - t4 * y3; // 25, 26, 27
                let y3 = t1 * z3 + y3 * t0; // 28, 29, 30
                let z3 = z3 * t4 + t0 * t3; // 31, 32, 33
                Projective {
                    x: x3,
                    y: y3,
                    z: z3,
                }
            }
        }
    }

    /// `P + Q` for an affine Q (which cannot be the point at infinity):
    /// RCB16 Algorithm 5 (a = −3) or 8 (a = 0); complete for every P.
    pub(crate) fn add_mixed(&self, q: &Affine<C>) -> Self {
        let (x1, y1, z1) = (self.x, self.y, self.z);
        let (x2, y2) = (q.x, q.y);
        match C::A {
            CoefficientA::MinusThree => {
                let b = C::B;
                let t0 = x1 * x2; // 1
                let t1 = y1 * y2; // 2
                let t3 = (x2 + y2) * (x1 + y1); // 3, 4, 5
                let t3 = t3 - (t0 + t1); // 6, 7
                let t4 = y2 * z1 + y1; // 8, 9
                let y3 = x2 * z1 + x1; // 10, 11
                let x3 = y3 - b * z1; // 12, 13
                let x3 = x3.double() + x3; // 14, 15
                let z3 = t1 - x3; // 16
                let x3 = t1 + x3; // 17
                let t2 = z1.double() + z1; // 19, 20
                let y3 = b * y3 - t2 - t0; // 18, 21, 22
                let y3 = y3.double() + y3; // 23, 24
                let t0 = t0.double() + t0 - t2; // 25, 26, 27
                let t1 = t4 * y3; // 28
                let t2 = t0 * y3; // 29
                let y3 = x3 * z3 + t2; // 30, 31
                let x3 = t3 * x3 - t1; // 32, 33
                let z3 = t4 * z3 + t3 * t0; // 34, 35, 36
                Projective {
                    x: x3,
                    y: y3,
                    z: z3,
                }
            }
            CoefficientA::Zero => {
                let b3 = C::B3;
                let t0 = x1 * x2; // 1
                let t1 = y1 * y2; // 2
                let t3 = (x2 + y2) * (x1 + y1) - (t0 + t1); // 3–7
                let t4 = y2 * z1 + y1; // 8, 9
                let y3 = x2 * z1 + x1; // 10, 11
                let t0 = t0.double() + t0; // 12, 13
                let t2 = b3 * z1; // 14
                let z3 = t1 + t2; // 15
                let t1 = t1 - t2; // 16
                let y3 = b3 * y3; // 17
                let x3 = t3 * t1 - t4 * y3; // 18, 19, 20
                let y3 = t1 * z3 + y3 * t0; // 21, 22, 23
                let z3 = z3 * t4 + t0 * t3; // 24, 25, 26
                Projective {
                    x: x3,
                    y: y3,
                    z: z3,
                }
            }
        }
    }

    /// `2P`, complete: RCB16 Algorithm 6 (a = −3) or 9 (a = 0).
    pub(crate) fn double(&self) -> Self {
        let (x, y, z) = (self.x, self.y, self.z);
        match C::A {
            CoefficientA::MinusThree => {
                let b = C::B;
                let t0 = x.square(); // 1
                let t1 = y.square(); // 2
                let t2 = z.square(); // 3
                let t3 = (x * y).double(); // 4, 5
                let z3 = (x * z).double(); // 6, 7
                let y3 = b * t2 - z3; // 8, 9
                let y3 = y3.double() + y3; // 10, 11
                let x3 = t1 - y3; // 12
                let y3 = t1 + y3; // 13
                let y3 = x3 * y3; // 14
                let x3 = x3 * t3; // 15
                let t2 = t2.double() + t2; // 16, 17
                let z3 = b * z3 - t2 - t0; // 18, 19, 20
                let z3 = z3.double() + z3; // 21, 22
                let t0 = t0.double() + t0 - t2; // 23, 24, 25
                let y3 = y3 + t0 * z3; // 26, 27
                let t0 = (y * z).double(); // 28, 29
                let x3 = x3 - t0 * z3; // 30, 31
                let z3 = (t0 * t1).double().double(); // 32, 33, 34
                Projective {
                    x: x3,
                    y: y3,
                    z: z3,
                }
            }
            CoefficientA::Zero => {
                let b3 = C::B3;
                let t0 = y.square(); // 1
                let z3 = t0.double().double().double(); // 2, 3, 4
                let t1 = y * z; // 5
                let t2 = b3 * z.square(); // 6, 7
                let x3 = t2 * z3; // 8
                let y3 = t0 + t2; // 9
                let z3 = t1 * z3; // 10
                let t2 = t2.double() + t2; // 11, 12
                let t0 = t0 - t2; // 13
                let y3 = x3 + t0 * y3; // 14, 15
                let x3 = (t0 * (x * y)).double(); // 16, 17, 18
                Projective {
                    x: x3,
                    y: y3,
                    z: z3,
                }
            }
        }
    }

    /// The affine point `(X/Z, Y/Z)` (constant-time inversion). For the
    /// point at infinity the result is `(0, 0)`, which callers never reach:
    /// they multiply by scalars in 1..n−1.
    pub(crate) fn to_affine(self) -> Affine<C> {
        let zinv = self.z.invert();
        Affine::new(self.x * zinv, self.y * zinv)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::crypto::ec::curve::{Secp256k1, P256, P384, P521};
    use crate::crypto::ec::scalar::Scalar;
    use crate::crypto::rand::TestRng;

    /// k·P by plain double-and-add over the bits of k, in Jacobian
    /// coordinates (variable time; the reference for the fast paths).
    pub(crate) fn mul_vartime<C: CurveArith>(p: &Affine<C>, k: &C::Sc) -> Jacobian<C> {
        let mut bytes = alloc::vec![0u8; C::SCALAR_LEN];
        k.write_be_bytes(&mut bytes);
        let mut acc = Jacobian::<C>::IDENTITY;
        for byte in bytes {
            for bit in (0..8).rev() {
                acc = acc.double_vartime();
                if (byte >> bit) & 1 == 1 {
                    acc = acc.add_mixed_vartime(p);
                }
            }
        }
        acc
    }

    pub(crate) fn random_scalar<C: CurveArith>(rng: &mut TestRng) -> C::Sc {
        let mut bytes = alloc::vec![0u8; C::SCALAR_LEN + 8];
        crate::crypto::rand::RandomSource::fill_bytes(rng, &mut bytes).unwrap();
        // Reduce a wide value with the scalar arithmetic itself: hi·2^64 + lo.
        let (hi, lo) = bytes.split_at(C::SCALAR_LEN);
        let mut hi = hi.to_vec();
        hi[0] = 0; // below n for every curve
        let (hi, _) = C::Sc::from_be_bytes(&hi);
        let (lo, _) = C::Sc::from_be_bytes(lo);
        let (two64, _) = C::Sc::from_be_bytes(&[1, 0, 0, 0, 0, 0, 0, 0, 0]);
        hi * two64 + lo
    }

    fn small<C: CurveArith>(k: u64) -> C::Sc {
        C::Sc::from_be_bytes(&k.to_be_bytes()).0
    }

    fn affine_of_projective<C: CurveArith>(p: &Projective<C>) -> Option<Affine<C>> {
        if p.z.is_zero().declassify() {
            None
        } else {
            Some(p.to_affine())
        }
    }

    fn same<C: CurveArith>(a: Option<Affine<C>>, b: Option<Affine<C>>) -> bool {
        match (a, b) {
            (None, None) => true,
            (Some(a), Some(b)) => a.eq_vartime(&b),
            _ => false,
        }
    }

    pub(crate) fn check_group_law<C: CurveArith>(seed: u64) {
        let mut rng = TestRng(seed);
        let g = C::G;
        assert!(g.is_on_curve_vartime(), "G is on the curve");
        assert!((C::B + C::B + C::B).ct_eq(&C::B3).declassify(), "3b");

        // n·G = O, (n − 1)·G = −G, via k = −1.
        let minus_one = -small::<C>(1);
        let n_minus_1_g = mul_vartime(&g, &minus_one).to_affine_vartime().unwrap();
        assert!(n_minus_1_g.eq_vartime(&g.neg()));
        assert!(
            n_minus_1_g
                .to_jacobian()
                .add_mixed_vartime(&g)
                .is_identity_vartime(),
            "n·G"
        );

        let points: alloc::vec::Vec<Affine<C>> = (0..4)
            .map(|_| {
                mul_vartime(&g, &random_scalar::<C>(&mut rng))
                    .to_affine_vartime()
                    .unwrap()
            })
            .collect();
        for p in &points {
            assert!(p.is_on_curve_vartime());
            let pj = p.to_jacobian();
            let pp = p.to_projective();
            // Doubling = adding to itself, in three formula families.
            let double_j = pj.double_vartime().to_affine_vartime();
            assert!(same(double_j, affine_of_projective(&pp.double())));
            assert!(same(double_j, affine_of_projective(&pp.add(&pp))));
            assert!(same(double_j, affine_of_projective(&pp.add_mixed(p))));
            assert!(same(double_j, pj.add_mixed_vartime(p).to_affine_vartime()));
            // P + (−P) = O; O + P = P; O + O = O; 2·O = O.
            let id = Projective::<C>::IDENTITY;
            assert!(affine_of_projective(&pp.add_mixed(&p.neg())).is_none());
            assert!(pj.add_mixed_vartime(&p.neg()).is_identity_vartime());
            assert!(same(Some(*p), affine_of_projective(&id.add(&pp))));
            assert!(same(Some(*p), affine_of_projective(&pp.add(&id))));
            assert!(same(Some(*p), affine_of_projective(&id.add_mixed(p))));
            assert!(affine_of_projective(&id.add(&id)).is_none());
            assert!(affine_of_projective(&id.double()).is_none());
            assert!(Jacobian::<C>::IDENTITY
                .double_vartime()
                .is_identity_vartime());
            // Projective inputs with Z ≠ 1 (scaled by 2 and by 5).
            let two = C::Fe::ONE.double();
            let five = two.double() + C::Fe::ONE;
            let scaled = Projective::<C> {
                x: p.x * five,
                y: p.y * five,
                z: five,
            };
            assert!(same(Some(*p), affine_of_projective(&scaled)));
            assert!(same(double_j, affine_of_projective(&scaled.double())));
            let jac_scaled = Jacobian::<C> {
                x: p.x * two.square(),
                y: p.y * two.square() * two,
                z: two,
            };
            assert!(same(
                double_j,
                jac_scaled.double_vartime().to_affine_vartime()
            ));
        }
        // Commutativity and associativity, mixed and full additions agree.
        let [a, b, c, _] = [points[0], points[1], points[2], points[3]];
        let (ap, bp, cp) = (a.to_projective(), b.to_projective(), c.to_projective());
        let ab = ap.add(&bp);
        assert!(same(
            affine_of_projective(&ab),
            affine_of_projective(&bp.add(&ap))
        ));
        assert!(same(
            affine_of_projective(&ab),
            affine_of_projective(&ap.add_mixed(&b))
        ));
        assert!(same(
            affine_of_projective(&ab),
            a.to_jacobian().add_mixed_vartime(&b).to_affine_vartime()
        ));
        let left = ab.add(&cp);
        let right = ap.add(&bp.add(&cp));
        assert!(same(
            affine_of_projective(&left),
            affine_of_projective(&right)
        ));
        assert!(same(
            affine_of_projective(&left),
            a.to_jacobian()
                .add_mixed_vartime(&b)
                .add_mixed_vartime(&c)
                .to_affine_vartime()
        ));
        // Scalar multiplication distributes: (k1 + k2)·G = k1·G + k2·G.
        let (k1, k2) = (random_scalar::<C>(&mut rng), random_scalar::<C>(&mut rng));
        let sum = mul_vartime(&g, &(k1 + k2)).to_affine_vartime();
        let parts = mul_vartime(&g, &k1)
            .add_mixed_vartime(&mul_vartime(&g, &k2).to_affine_vartime().unwrap())
            .to_affine_vartime();
        assert!(same(sum, parts));
        // Batch normalisation agrees with one-by-one.
        let jacobians: alloc::vec::Vec<Jacobian<C>> = points
            .iter()
            .map(|p| p.to_jacobian().double_vartime().add_mixed_vartime(&g))
            .collect();
        let batch = batch_to_affine_vartime(&jacobians);
        for (j, b) in jacobians.iter().zip(&batch) {
            assert!(same(j.to_affine_vartime(), Some(*b)));
        }
    }

    #[test]
    fn p256_points_obey_the_group_law() {
        check_group_law::<P256>(21);
    }

    #[test]
    fn p384_points_obey_the_group_law() {
        check_group_law::<P384>(22);
    }

    #[test]
    fn p521_points_obey_the_group_law() {
        check_group_law::<P521>(23);
    }

    #[test]
    fn secp256k1_points_obey_the_group_law() {
        check_group_law::<Secp256k1>(24);
    }
}
