//! ECDSA over P-256, P-384, P-521 and secp256k1: the JWS algorithms ES256,
//! ES384, ES512 ([RFC 7518 §3.4]) and ES256K ([RFC 8812]), written from
//! the standards (FIPS 186-5 §6, SEC 1 v2 §4.1, RFC 6979).
//!
//! - Keys: [`EcPublicKey::from_sec1`] (`04‖X‖Y` or `02/03‖X`, SEC 1
//!   §2.3.4) and [`EcPublicKey::from_coordinates`] (a JWK's `x` and `y`)
//!   refuse coordinates not below p, points off the curve and the point at
//!   infinity. [`EcPrivateKey::from_scalar`] takes d (exactly the order's
//!   size, in 1..n−1) and derives the public key itself; it never takes one
//!   from the caller.
//! - Signatures are `R ‖ S`, each exactly the order's size in octets (64,
//!   96, 132 and 64 octets in all), big-endian; DER is refused. r and s
//!   must lie in 1..n−1; a high S is valid (JWS has no low-S rule), and
//!   signing does not normalise S.
//! - Signing is deterministic (RFC 6979 §3.2) and constant time in d and
//!   k (a comb of precomputed multiples of G, complete addition formulas,
//!   full-table scans, Fermat inversions); verification handles public
//!   data only and is variable time (one joint pass over u1·G + u2·Q).
//! - A public key's multiples that verification uses are computed once,
//!   at import (tens of microseconds for P-256): build an [`EcPublicKey`]
//!   once and keep it.
//!
//! The hash is fixed by the curve: SHA-256 for P-256 and secp256k1,
//! SHA-384 for P-384, SHA-512 for P-521.
//!
//! ```
//! use barejwt::crypto::ec::{Curve, EcPrivateKey, EcPublicKey};
//!
//! // RFC 6979 §A.2.5: the P-256 key and its "sample" signature.
//! let d = [
//!     0xc9, 0xaf, 0xa9, 0xd8, 0x45, 0xba, 0x75, 0x16, 0x6b, 0x5c, 0x21, 0x57, 0x67, 0xb1, 0xd6, 0x93,
//!     0x4e, 0x50, 0xc3, 0xdb, 0x36, 0xe8, 0x9b, 0x12, 0x7b, 0x8a, 0x62, 0x2b, 0x12, 0x0f, 0x67, 0x21,
//! ];
//! let key = EcPrivateKey::from_scalar(Curve::P256, &d)?;
//! let signature = key.sign(b"sample");
//! assert_eq!(signature.len(), 64);
//! assert_eq!(signature[..4], [0xef, 0xd4, 0x8b, 0x2a]); // r = EFD48B2A...
//!
//! let public = EcPublicKey::from_sec1(Curve::P256, &key.public_key().to_uncompressed())?;
//! assert!(public.verify(b"sample", &signature).is_ok());
//! assert!(public.verify(b"simple", &signature).is_err());
//! # Ok::<(), barejwt::crypto::ec::EcError>(())
//! ```
//!
//! | file | what |
//! | --- | --- |
//! | `word.rs` | carries, borrows, octets ↔ limbs |
//! | `field.rs` | Montgomery arithmetic modulo a prime of N limbs |
//! | `p521.rs` | the field of P-521 in Mersenne form |
//! | `scalar.rs` | scalars mod n, `bits2int`, NAF and signed-window recodings |
//! | `curve.rs` | the domain parameters |
//! | `point.rs` | affine, Jacobian (variable time) and projective (complete) points |
//! | `table.rs`, `table/` | generated base-point tables |
//! | `verify.rs` | verification, u1·G + u2·Q in one pass |
//! | `sign.rs` | signing, constant-time k·G |
//! | `rfc6979.rs` | deterministic nonces |
//! | `error.rs` | [`EcError`] |
//! | `reference.rs` | a schoolbook big integer the tests check the arithmetic against |
//!
//! [RFC 7518 §3.4]: https://www.rfc-editor.org/rfc/rfc7518#section-3.4
//! [RFC 8812]: https://www.rfc-editor.org/rfc/rfc8812

mod curve;
mod error;
mod field;
mod p521;
mod point;
mod rfc6979;
mod scalar;
mod sign;
mod table;
mod verify;
mod word;

#[cfg(test)]
mod reference;

pub use error::EcError;

use crate::crypto::ct::Choice;
use crate::crypto::rand::{RandomError, RandomSource};
use alloc::boxed::Box;
use alloc::vec;
use alloc::vec::Vec;
use core::fmt;
use curve::{CurveArith, Secp256k1, P256, P384, P521};
use field::Field;
use point::Affine;
use scalar::Scalar;
use verify::VerifyingKey;

/// The longest field element or scalar in octets (P-521: 66).
const MAX_LEN: usize = 66;

/// A curve ECDSA is offered on, with its JOSE names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Curve {
    /// NIST P-256 (secp256r1) with SHA-256: JWS `ES256`, JWK `crv` `P-256`.
    P256,
    /// NIST P-384 (secp384r1) with SHA-384: JWS `ES384`, JWK `crv` `P-384`.
    P384,
    /// NIST P-521 (secp521r1) with SHA-512: JWS `ES512`, JWK `crv` `P-521`.
    P521,
    /// secp256k1 with SHA-256: JWS `ES256K`, JWK `crv` `secp256k1`
    /// (RFC 8812).
    Secp256k1,
}

impl Curve {
    /// Every curve, in the order above.
    pub const ALL: [Curve; 4] = [Curve::P256, Curve::P384, Curve::P521, Curve::Secp256k1];

    /// The JWK `crv` name (RFC 7518 §6.2.1.1, RFC 8812 §3.1): `P-256`,
    /// `P-384`, `P-521`, `secp256k1`.
    pub const fn name(self) -> &'static str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
            Curve::Secp256k1 => "secp256k1",
        }
    }

    /// The curve of a JWK `crv` name, exactly as spelt by [`Curve::name`].
    pub fn from_name(name: &str) -> Option<Curve> {
        Curve::ALL.into_iter().find(|c| c.name() == name)
    }

    /// The JWS `alg` that signs with this curve: `ES256`, `ES384`,
    /// `ES512`, `ES256K`.
    pub const fn jws_algorithm(self) -> &'static str {
        match self {
            Curve::P256 => "ES256",
            Curve::P384 => "ES384",
            Curve::P521 => "ES512",
            Curve::Secp256k1 => "ES256K",
        }
    }

    /// Octets of a coordinate: 32, 48, 66, 32.
    pub const fn field_len(self) -> usize {
        match self {
            Curve::P256 | Curve::Secp256k1 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
        }
    }

    /// Octets of a scalar (d, r, s): the order's size, 32, 48, 66, 32.
    pub const fn scalar_len(self) -> usize {
        match self {
            Curve::P256 | Curve::Secp256k1 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
        }
    }

    /// Octets of a signature R ‖ S: 64, 96, 132, 64.
    pub const fn signature_len(self) -> usize {
        2 * self.scalar_len()
    }
}

/// The curve-typed key inside an [`EcPublicKey`].
#[derive(Clone)]
enum PublicInner {
    P256(Box<VerifyingKey<P256>>),
    P384(Box<VerifyingKey<P384>>),
    P521(Box<VerifyingKey<P521>>),
    Secp256k1(Box<VerifyingKey<Secp256k1>>),
}

/// Wraps a curve's verifying key into the untyped enum.
trait Wrap: CurveArith {
    fn wrap(key: VerifyingKey<Self>) -> PublicInner;
}

impl Wrap for P256 {
    fn wrap(key: VerifyingKey<Self>) -> PublicInner {
        PublicInner::P256(Box::new(key))
    }
}

impl Wrap for P384 {
    fn wrap(key: VerifyingKey<Self>) -> PublicInner {
        PublicInner::P384(Box::new(key))
    }
}

impl Wrap for P521 {
    fn wrap(key: VerifyingKey<Self>) -> PublicInner {
        PublicInner::P521(Box::new(key))
    }
}

impl Wrap for Secp256k1 {
    fn wrap(key: VerifyingKey<Self>) -> PublicInner {
        PublicInner::Secp256k1(Box::new(key))
    }
}

/// Runs `$body` with `$key` bound to the curve-typed key and `$c` to its
/// curve type.
macro_rules! with_public {
    ($inner:expr, $key:ident, $c:ident => $body:expr) => {
        match $inner {
            PublicInner::P256($key) => {
                type $c = P256;
                $body
            }
            PublicInner::P384($key) => {
                type $c = P384;
                $body
            }
            PublicInner::P521($key) => {
                type $c = P521;
                $body
            }
            PublicInner::Secp256k1($key) => {
                type $c = Secp256k1;
                $body
            }
        }
    };
}

/// Runs `$body` with `$c` the curve type of the value `$curve`.
macro_rules! with_curve {
    ($curve:expr, $c:ident => $body:expr) => {
        match $curve {
            Curve::P256 => {
                type $c = P256;
                $body
            }
            Curve::P384 => {
                type $c = P384;
                $body
            }
            Curve::P521 => {
                type $c = P521;
                $body
            }
            Curve::Secp256k1 => {
                type $c = Secp256k1;
                $body
            }
        }
    };
}

/// An ECDSA public key: a point of one of the four curves, checked at
/// import, with the multiples of it that verification uses computed once.
#[derive(Clone)]
pub struct EcPublicKey {
    inner: PublicInner,
}

impl EcPublicKey {
    /// The key from its SEC 1 encoding (SEC 1 §2.3.4): `04 ‖ X ‖ Y`
    /// (uncompressed) or `02 ‖ X` / `03 ‖ X` (compressed, y even or odd),
    /// X and Y exactly [`Curve::field_len`] octets.
    ///
    /// # Errors
    ///
    /// [`EcError::PointEncoding`] for any other length or first octet;
    /// [`EcError::PointAtInfinity`] for the encoding `00`;
    /// [`EcError::CoordinateRange`] for a coordinate not below p;
    /// [`EcError::NotOnCurve`] for a point off the curve or an x with no
    /// point.
    pub fn from_sec1(curve: Curve, bytes: &[u8]) -> Result<EcPublicKey, EcError> {
        let len = curve.field_len();
        match (bytes.split_first(), bytes.len()) {
            (Some((0x04, rest)), n) if n == 1 + 2 * len => {
                let (x, y) = rest.split_at(len);
                EcPublicKey::from_coordinates(curve, x, y)
            }
            (Some((prefix @ (0x02 | 0x03), x)), n) if n == 1 + len => {
                let y_odd = *prefix == 0x03;
                let inner = with_curve!(curve, C => from_compressed::<C>(y_odd, x).map(C::wrap))?;
                Ok(EcPublicKey { inner })
            }
            (Some((0x00, _)), 1) => Err(EcError::PointAtInfinity { curve }),
            (first, n) => Err(EcError::PointEncoding {
                curve,
                len: n,
                prefix: first.map(|(p, _)| *p),
            }),
        }
    }

    /// The key from its affine coordinates, each exactly
    /// [`Curve::field_len`] octets, big-endian (a JWK's `x` and `y`, RFC
    /// 7518 §6.2.1.2–3).
    ///
    /// # Errors
    ///
    /// [`EcError::CoordinateLength`] for a coordinate of another length;
    /// [`EcError::CoordinateRange`] for one not below p;
    /// [`EcError::NotOnCurve`] when `y² ≠ x³ + ax + b`.
    pub fn from_coordinates(curve: Curve, x: &[u8], y: &[u8]) -> Result<EcPublicKey, EcError> {
        let len = curve.field_len();
        for coordinate in [x, y] {
            if coordinate.len() != len {
                return Err(EcError::CoordinateLength {
                    curve,
                    len: coordinate.len(),
                });
            }
        }
        let inner = with_curve!(curve, C => from_affine::<C>(x, y).map(C::wrap))?;
        Ok(EcPublicKey { inner })
    }

    /// The key's curve.
    pub fn curve(&self) -> Curve {
        with_public!(&self.inner, _key, C => C::CURVE)
    }

    /// The uncompressed SEC 1 encoding `04 ‖ X ‖ Y`.
    pub fn to_uncompressed(&self) -> Vec<u8> {
        let len = self.curve().field_len();
        let mut out = vec![0u8; 1 + 2 * len];
        if let Some((prefix, rest)) = out.split_first_mut() {
            *prefix = 0x04;
            let (x, y) = rest.split_at_mut(len);
            with_public!(&self.inner, key, C => {
                let _ = core::marker::PhantomData::<C>;
                Field::write_be_bytes(&key.point.x, x);
                Field::write_be_bytes(&key.point.y, y);
            });
        }
        out
    }

    /// The x-coordinate, [`Curve::field_len`] octets, big-endian.
    pub fn x(&self) -> Vec<u8> {
        let len = self.curve().field_len();
        self.to_uncompressed()
            .get(1..1 + len)
            .unwrap_or_default()
            .to_vec()
    }

    /// The y-coordinate, [`Curve::field_len`] octets, big-endian.
    pub fn y(&self) -> Vec<u8> {
        let len = self.curve().field_len();
        self.to_uncompressed()
            .get(1 + len..)
            .unwrap_or_default()
            .to_vec()
    }

    /// Verifies an ECDSA signature `R ‖ S` on `message` (hashed here with
    /// the curve's hash), FIPS 186-5 §6.4.2.
    ///
    /// # Errors
    ///
    /// [`EcError::SignatureLength`] unless the signature is exactly
    /// [`Curve::signature_len`] octets (a DER signature is refused here);
    /// [`EcError::SignatureRange`] when r or s is not in 1..n−1;
    /// [`EcError::SignatureMismatch`] when it does not verify.
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> Result<(), EcError> {
        with_public!(&self.inner, key, C => {
            let _ = core::marker::PhantomData::<C>;
            key.verify(message, signature)
        })
    }
}

impl PartialEq for EcPublicKey {
    fn eq(&self, other: &Self) -> bool {
        self.curve() == other.curve() && self.to_uncompressed() == other.to_uncompressed()
    }
}

impl Eq for EcPublicKey {}

impl fmt::Debug for EcPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EcPublicKey")
            .field("curve", &self.curve())
            .finish_non_exhaustive()
    }
}

/// An ECDSA private key: the scalar d and the public key derived from it.
/// Its `Debug` output shows the curve only.
#[derive(Clone)]
pub struct EcPrivateKey {
    curve: Curve,
    /// d, in its first `scalar_len` octets.
    d: [u8; MAX_LEN],
    public: EcPublicKey,
}

impl EcPrivateKey {
    /// The key of scalar `d`: exactly [`Curve::scalar_len`] octets,
    /// big-endian (a JWK's `d`, RFC 7518 §6.2.2.1; the caller strips or
    /// adds PEM's leading zeros), in 1..n−1. The public key is computed
    /// here, in constant time.
    ///
    /// # Errors
    ///
    /// [`EcError::ScalarLength`] for another length; [`EcError::ScalarRange`]
    /// when d is 0 or not below n.
    pub fn from_scalar(curve: Curve, d: &[u8]) -> Result<EcPrivateKey, EcError> {
        let len = curve.scalar_len();
        if d.len() != len {
            return Err(EcError::ScalarLength {
                curve,
                len: d.len(),
            });
        }
        let public = with_curve!(curve, C => derive_public::<C>(d).map(C::wrap))?;
        let mut stored = [0u8; MAX_LEN];
        if let Some(dst) = stored.get_mut(..len) {
            dst.copy_from_slice(d);
        }
        Ok(EcPrivateKey {
            curve,
            d: stored,
            public: EcPublicKey { inner: public },
        })
    }

    /// A fresh key: d drawn from `rng` by rejection sampling, uniform in
    /// 1..n−1 (FIPS 186-5 Appendix A.4.2): `scalar_len` random octets,
    /// masked to the order's bit length, kept when in range.
    ///
    /// # Errors
    ///
    /// [`RandomError`] when the source fails.
    pub fn generate(
        curve: Curve,
        rng: &mut impl RandomSource,
    ) -> Result<EcPrivateKey, RandomError> {
        let len = curve.scalar_len();
        let mut candidate = [0u8; MAX_LEN];
        let candidate = candidate.get_mut(..len).unwrap_or_default();
        loop {
            rng.fill_bytes(candidate)?;
            // Keep only the order's bits (P-521: 521 of the 528).
            let excess = 8 * len - with_curve!(curve, C => <C as CurveArith>::Sc::BITS);
            if let Some(top) = candidate.first_mut() {
                *top &= 0xff >> excess;
            }
            if let Ok(key) = EcPrivateKey::from_scalar(curve, candidate) {
                candidate.fill(0);
                return Ok(key);
            }
        }
    }

    /// The key's curve.
    pub fn curve(&self) -> Curve {
        self.curve
    }

    /// The public key `d·G`.
    pub fn public_key(&self) -> &EcPublicKey {
        &self.public
    }

    /// d as [`Curve::scalar_len`] octets, big-endian.
    pub fn scalar_bytes(&self) -> Vec<u8> {
        self.d_octets().to_vec()
    }

    /// d in its `scalar_len` octets.
    fn d_octets(&self) -> &[u8] {
        self.d.get(..self.curve.scalar_len()).unwrap_or_default()
    }

    /// The deterministic ECDSA signature `R ‖ S` of `message` (hashed here
    /// with the curve's hash): FIPS 186-5 §6.4.1 with the nonce of RFC 6979
    /// §3.2, [`Curve::signature_len`] octets. S is not normalised.
    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        with_curve!(self.curve, C => sign::sign::<C>(self.d_octets(), message))
    }
}

impl Drop for EcPrivateKey {
    fn drop(&mut self) {
        // Best effort, as for HMAC keys: the compiler may have copied d.
        self.d.fill(0);
        core::hint::black_box(&self.d);
    }
}

impl fmt::Debug for EcPrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EcPrivateKey")
            .field("curve", &self.curve)
            .finish_non_exhaustive()
    }
}

/// The key of the affine point `(x, y)` given as field-length octets.
fn from_affine<C: CurveArith>(x: &[u8], y: &[u8]) -> Result<VerifyingKey<C>, EcError> {
    let curve = C::CURVE;
    let (Some(x), Some(y)) = (C::Fe::from_be_bytes(x), C::Fe::from_be_bytes(y)) else {
        return Err(EcError::CoordinateRange { curve });
    };
    let point = Affine::new(x, y);
    if !point.is_on_curve_vartime() {
        return Err(EcError::NotOnCurve { curve });
    }
    Ok(VerifyingKey::new(point))
}

/// The key of the compressed point with x-coordinate `x` and y of the
/// given parity (SEC 1 §2.3.4 step 2.4: y = √(x³ + ax + b), the root of
/// that parity).
fn from_compressed<C: CurveArith>(y_odd: bool, x: &[u8]) -> Result<VerifyingKey<C>, EcError> {
    let curve = C::CURVE;
    let x = C::Fe::from_be_bytes(x).ok_or(EcError::CoordinateRange { curve })?;
    let root = Affine::<C>::curve_rhs(&x)
        .sqrt_vartime()
        .ok_or(EcError::NotOnCurve { curve })?;
    // y ≠ 0 (no point of odd order has y = 0), so −y has the other parity.
    let y = if root.is_odd().declassify() == y_odd {
        root
    } else {
        -root
    };
    Ok(VerifyingKey::new(Affine::new(x, y)))
}

/// Checks d (1..n−1, constant time) and computes d·G.
fn derive_public<C: CurveArith>(d: &[u8]) -> Result<VerifyingKey<C>, EcError> {
    let (scalar, below_n): (C::Sc, Choice) = C::Sc::from_be_bytes(d);
    if !below_n.and(scalar.is_zero().not()).declassify() {
        return Err(EcError::ScalarRange { curve: C::CURVE });
    }
    let point = sign::mul_base::<C>(&scalar).to_affine();
    Ok(VerifyingKey::new(point))
}
