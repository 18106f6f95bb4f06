//! [`RsaPrivateKey`]: the eight values of RFC 8017 §3.2 (first
//! representation plus the CRT values), every rule of the contract checked
//! when the key is made, and the signature primitive RSASP1 (§5.2.1)
//! computed by the CRT with base blinding and checked before release.
//!
//! **Constant time.** Nothing here branches on, indexes by or divides by
//! `d`, `p`, `q`, `dp`, `dq`, `qi` or a blinded value. The key checks
//! compute each rule as a mask and make only its verdict public (a key
//! that breaks a rule is refused, and the error names the rule); their
//! reductions are masked shift-and-subtract loops. Treated as public: the
//! lengths of the components in octets, and the bit lengths of `p` and `q`
//! (half the key size in a key from any ordinary generator).
//!
//! **Signing** (§5.1.2 step 2b, Garner's form), with base blinding
//! (Kocher 1996, §10) and the Boneh–DeMillo–Lipton check:
//!
//! ```text
//! r random in [1, n)              c  = m·r^e mod n            (r^e: a public exponent)
//! s1 = (c mod p)^dp · r⁻¹ mod p   s2 = (c mod q)^dq · r⁻¹ mod q   (r⁻¹ by constant-time inversion)
//! h  = (s1 − s2)·qi mod p         s  = s2 + q·h  = m^d mod n
//! release s only if s^e ≡ m (mod n)
//! ```
//!
//! since `(m·r^e)^dp ≡ m^dp · r (mod p)` when `e·dp ≡ 1 (mod p − 1)`. The
//! exponentiations are [`Modulus::pow_consttime`] over the public bit
//! length of `p` and `q`.

use alloc::boxed::Box;
use alloc::vec::Vec;
use core::fmt;

use super::public::strip_zeros;
use super::{RsaError, RsaPublicKey};
use crate::crypto::bignum::{rem_consttime, Modulus, Uint};
use crate::crypto::ct::Choice;
use crate::crypto::rand::RandomSource;

/// Draws for the blinding factor before giving up on a source that never
/// yields a value below n (each draw succeeds with probability above 1/2).
const BLINDING_TRIES: usize = 64;

/// The secret half of a key.
#[derive(Clone)]
struct Secret {
    p: Modulus,
    q: Modulus,
    d: Uint,
    /// dp, at p's length.
    dp: Uint,
    /// dq, at q's length.
    dq: Uint,
    /// qi, at p's length.
    qi: Uint,
    /// qi·R mod p: one Montgomery product by it multiplies by qi.
    qi_mont: Uint,
}

impl Drop for Secret {
    /// Overwrites the secret limbs (best effort: copies made on the way
    /// are not tracked).
    fn drop(&mut self) {
        self.p.wipe();
        self.q.wipe();
        for x in [
            &mut self.d,
            &mut self.dp,
            &mut self.dq,
            &mut self.qi,
            &mut self.qi_mont,
        ] {
            x.wipe();
        }
    }
}

/// An RSA private key: the public key it belongs to (derived from the
/// components, never taken separately) and the CRT values, all checked to
/// fit together.
///
/// ```no_run
/// use barejwt::crypto::rand::OsRandom;
/// use barejwt::crypto::rsa::{RsaHash, RsaPrivateKey};
///
/// let key = RsaPrivateKey::generate(2048, &mut OsRandom)?;
/// let signature = key.sign_pkcs1v15(RsaHash::Sha256, b"payload", &mut OsRandom)?;
/// key.public_key().verify_pkcs1v15(RsaHash::Sha256, b"payload", &signature)?;
/// # Ok::<(), barejwt::crypto::rsa::RsaError>(())
/// ```
#[derive(Clone)]
pub struct RsaPrivateKey {
    public: RsaPublicKey,
    secret: Box<Secret>,
}

/// A private key's components as minimal big-endian octets (RFC 7518
/// §6.3's `n`, `e`, `d`, `p`, `q`, `dp`, `dq`, `qi`). The secret ones are
/// overwritten when this is dropped. (No `PartialEq`: comparing secrets
/// octet by octet with an early exit would leak them through timing.)
#[derive(Clone)]
pub struct RsaPrivateComponents {
    /// The modulus.
    pub n: Vec<u8>,
    /// The public exponent.
    pub e: Vec<u8>,
    /// The private exponent.
    pub d: Vec<u8>,
    /// The first prime factor.
    pub p: Vec<u8>,
    /// The second prime factor.
    pub q: Vec<u8>,
    /// d mod (p − 1).
    pub dp: Vec<u8>,
    /// d mod (q − 1).
    pub dq: Vec<u8>,
    /// q⁻¹ mod p.
    pub qi: Vec<u8>,
}

impl Drop for RsaPrivateComponents {
    fn drop(&mut self) {
        for v in [
            &mut self.d,
            &mut self.p,
            &mut self.q,
            &mut self.dp,
            &mut self.dq,
            &mut self.qi,
        ] {
            v.fill(0);
            core::hint::black_box(v);
        }
    }
}

impl fmt::Debug for RsaPrivateComponents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RsaPrivateComponents")
            .field("n_len", &self.n.len())
            .finish_non_exhaustive()
    }
}

/// A component as a [`Uint`]: leading zeros dropped, at most `max_len`
/// octets (the modulus's length), else `error`.
fn component(bytes: &[u8], max_len: usize, error: RsaError) -> Result<Uint, RsaError> {
    let bytes = strip_zeros(bytes);
    if bytes.len() > max_len {
        return Err(error);
    }
    Uint::from_be_bytes(bytes).ok_or(error)
}

/// `x − 1` for `x ≥ 1`.
fn minus_one(x: &Uint) -> Uint {
    let mut out = x.clone();
    out.sub_assign(&Uint::from_u64(1, 1));
    out
}

/// Makes a rule's verdict public: the key is refused with `error` when
/// `holds` is false.
fn require(holds: Choice, error: RsaError) -> Result<(), RsaError> {
    if holds.declassify() {
        Ok(())
    } else {
        Err(error)
    }
}

impl RsaPrivateKey {
    /// The key of the components `n, e, d, p, q, dp, dq, qi` (big-endian,
    /// leading zero octets accepted), after every check of the contract's
    /// "Unusable keys":
    ///
    /// 1. `(n, e)` as [`RsaPublicKey::from_be_bytes`];
    /// 2. `p·q = n` with `p, q > 1`;
    /// 3. `0 < d < n`;
    /// 4. `d·e ≡ 1 (mod lcm(p − 1, q − 1))`, checked as
    ///    `(d mod (p − 1))·e ≡ 1 (mod p − 1)` and the same for `q`: a
    ///    number is a multiple of the lcm exactly when it is a multiple of
    ///    both, and this needs no gcd;
    /// 5. `dp = d mod (p − 1)`, 6. `dq = d mod (q − 1)`;
    /// 7. `qi = q⁻¹ mod p`: `qi < p` and `qi·q ≡ 1 (mod p)`.
    ///
    /// Each check is constant time; only its verdict is made public. The
    /// primality of `p` and `q` is not tested (a key with composite
    /// factors that passes these checks makes signing fail with
    /// [`RsaError::Fault`]).
    ///
    /// # Errors
    ///
    /// The public key's errors, then [`RsaError::PrimesProduct`],
    /// [`RsaError::PrivateExponentRange`],
    /// [`RsaError::PrivateExponentInverse`], [`RsaError::CrtExponentP`],
    /// [`RsaError::CrtExponentQ`], [`RsaError::CrtCoefficient`], for the
    /// first rule broken; all are key errors.
    #[allow(clippy::too_many_arguments)] // the eight values of RFC 8017 §3.2 / RFC 7518 §6.3
    pub fn from_components(
        n: &[u8],
        e: &[u8],
        d: &[u8],
        p: &[u8],
        q: &[u8],
        dp: &[u8],
        dq: &[u8],
        qi: &[u8],
    ) -> Result<RsaPrivateKey, RsaError> {
        let public = RsaPublicKey::from_be_bytes(n, e)?;
        let k = public.modulus_len();
        let p = component(p, k, RsaError::PrimesProduct)?;
        let q = component(q, k, RsaError::PrimesProduct)?;
        let d = component(d, k, RsaError::PrivateExponentRange)?;
        let dp = component(dp, k, RsaError::CrtExponentP)?;
        let dq = component(dq, k, RsaError::CrtExponentQ)?;
        let qi = component(qi, k, RsaError::CrtCoefficient)?;
        RsaPrivateKey::checked(public, p, q, d, dp, dq, qi)
    }

    /// The checks of [`RsaPrivateKey::from_components`] on parsed values,
    /// and the key (also the end of key generation).
    pub(crate) fn checked(
        public: RsaPublicKey,
        p: Uint,
        q: Uint,
        d: Uint,
        dp: Uint,
        dq: Uint,
        qi: Uint,
    ) -> Result<RsaPrivateKey, RsaError> {
        let n = public.modulus().value();
        let one = Uint::from_u64(1, 1);
        let e = Uint::from_u64(public.e(), 1);

        // 2. p·q = n, p > 1, q > 1. A product too long for a Uint is longer
        // than n (the lengths are public and the top limbs nonzero).
        require(one.ct_lt(&p).and(one.ct_lt(&q)), RsaError::PrimesProduct)?;
        let product = p.mul(&q).ok_or(RsaError::PrimesProduct)?;
        require(product.ct_eq(n), RsaError::PrimesProduct)?;

        // 3. 0 < d < n.
        require(
            d.is_zero().not().and(d.ct_lt(n)),
            RsaError::PrivateExponentRange,
        )?;

        // 4. d·e ≡ 1 modulo p − 1 and modulo q − 1 (p, q ≥ 3: n is odd).
        let p1 = minus_one(&p);
        let q1 = minus_one(&q);
        let d_p = rem_consttime(&d, &p1); // d mod (p − 1)
        let d_q = rem_consttime(&d, &q1);
        let de_p = d_p.mul(&e).map(|x| rem_consttime(&x, &p1)); // (d mod (p − 1))·e mod (p − 1)
        let de_q = d_q.mul(&e).map(|x| rem_consttime(&x, &q1));
        let inverse = match (&de_p, &de_q) {
            (Some(a), Some(b)) => a.ct_eq(&one).and(b.ct_eq(&one)),
            _ => Choice::FALSE, // d_p has p's length, so not reached
        };
        require(inverse, RsaError::PrivateExponentInverse)?;

        // 5, 6. dp = d mod (p − 1), dq = d mod (q − 1).
        require(dp.ct_eq(&d_p), RsaError::CrtExponentP)?;
        require(dq.ct_eq(&d_q), RsaError::CrtExponentQ)?;

        // 7. qi = q⁻¹ mod p: qi < p and qi·q mod p = 1. (qi < p and p·q = n
        // bound qi·q below n; a product too long means qi ≥ p.)
        let qi_q = qi.mul(&q).map(|x| rem_consttime(&x, &p));
        let coefficient = match &qi_q {
            Some(x) => qi.ct_lt(&p).and(x.ct_eq(&one)),
            None => Choice::FALSE,
        };
        require(coefficient, RsaError::CrtCoefficient)?;

        let p_mod = Modulus::new(&p).ok_or(RsaError::PrimesProduct)?; // odd, > 1: not reached
        let q_mod = Modulus::new(&q).ok_or(RsaError::PrimesProduct)?;
        let dp = dp.resized(p_mod.len());
        let dq = dq.resized(q_mod.len());
        let qi = qi.resized(p_mod.len());
        let qi_mont = p_mod.to_montgomery(&qi);
        Ok(RsaPrivateKey {
            public,
            secret: Box::new(Secret {
                p: p_mod,
                q: q_mod,
                d,
                dp,
                dq,
                qi,
                qi_mont,
            }),
        })
    }

    /// The public key: `(n, e)` of this key.
    pub fn public_key(&self) -> &RsaPublicKey {
        &self.public
    }

    /// All eight components, minimal big-endian octets (for a JWK or
    /// PKCS #1 export). Their lengths follow the values; the values
    /// themselves are copied without branching on them.
    pub fn components(&self) -> RsaPrivateComponents {
        let s = &self.secret;
        RsaPrivateComponents {
            n: self.public.n_be(),
            e: strip_zeros(&self.public.e().to_be_bytes()).to_vec(),
            d: s.d.to_be_bytes_minimal_vartime(),
            p: s.p.value().to_be_bytes_minimal_vartime(),
            q: s.q.value().to_be_bytes_minimal_vartime(),
            dp: s.dp.to_be_bytes_minimal_vartime(),
            dq: s.dq.to_be_bytes_minimal_vartime(),
            qi: s.qi.to_be_bytes_minimal_vartime(),
        }
    }

    /// A blinding factor: uniform in `[1, n)` by rejection sampling of
    /// k random octets trimmed to n's bit length. The accept/reject
    /// decision is on fresh randomness and reveals only that a discarded
    /// draw was out of range.
    fn blinding_factor<R: RandomSource + ?Sized>(&self, rng: &mut R) -> Result<Uint, RsaError> {
        let n = self.public.modulus();
        let k = self.public.modulus_len();
        let mut bytes = [0u8; super::public::MAX_MODULUS_LEN];
        let bytes = bytes
            .get_mut(..k)
            .ok_or(RsaError::ModulusSize { bits: n.bits() })?; // k ≤ 1024: not reached
        let excess = 8 * k - n.bits(); // 0 to 7 bits above n's length
        for _ in 0..BLINDING_TRIES {
            rng.fill_bytes(bytes)?;
            if let Some(first) = bytes.first_mut() {
                *first &= 0xff >> excess;
            }
            let r = Uint::from_be_bytes_len(bytes, n.len()).ok_or(RsaError::Fault)?;
            bytes.fill(0);
            if r.is_zero().not().and(r.ct_lt(n.value())).declassify() {
                return Ok(r);
            }
        }
        Err(RsaError::Random(crate::crypto::rand::RandomError))
    }

    /// One CRT half: `(c mod p)^dp · r⁻¹ mod p`, plain, for the prime `p`
    /// with CRT exponent `dp` (= m^dp mod p for a blinded `c = m·r^e`).
    fn half(prime: &Modulus, exponent: &Uint, c: &Uint, r: &Uint) -> Uint {
        let c_m = prime.reduce(c); // (c mod p)·R
        let mut s_m = prime.pow_consttime(&c_m, exponent, prime.bits()); // (m^dp·r)·R
        let mut r_p = prime.reduce_plain(r); // r mod p
                                             // r⁻¹ mod p; when r ≡ 0 (mod p) (probability 2^−(bits − 1)) there
                                             // is none, the result is wrong and the final check refuses it.
        let (mut r_inv, _) = prime.invert_consttime(&r_p);
        let s = prime.mul(&s_m, &r_inv); // (m^dp·r·R)·r⁻¹·R⁻¹ = m^dp mod p
        s_m.wipe();
        r_p.wipe();
        r_inv.wipe();
        s
    }

    /// RSASP1 (RFC 8017 §5.2.1) on the encoded message `em` (k octets, its
    /// integer below n), by the CRT with base blinding, the result checked
    /// with the public key; writes `s` as k octets into `out`.
    pub(crate) fn rsasp1<R: RandomSource + ?Sized>(
        &self,
        em: &[u8],
        rng: &mut R,
        out: &mut [u8],
    ) -> Result<(), RsaError> {
        let public = &self.public;
        let n = public.modulus();
        let s = &self.secret;
        let m = Uint::from_be_bytes_len(em, n.len()).ok_or(RsaError::Fault)?;
        // §5.2.1 step 1: m < n. The encodings start with a zero octet.
        if !m.ct_lt(n.value()).declassify() {
            return Err(RsaError::Fault);
        }
        // Blind: c = m·r^e mod n.
        let mut r = self.blinding_factor(rng)?;
        let mut re = n.pow_public_vartime(&n.to_montgomery(&r), public.e()); // r^e·R
        let mut c = n.mul(&m, &re); // m·r^e·R·R⁻¹ = m·r^e mod n
                                    // s1 = m^dp mod p, s2 = m^dq mod q.
        let mut s1 = RsaPrivateKey::half(&s.p, &s.dp, &c, &r);
        let mut s2 = RsaPrivateKey::half(&s.q, &s.dq, &c, &r);
        // h = (s1 − s2)·qi mod p.
        let mut s2_p = s.p.reduce_plain(&s2);
        let mut diff = s.p.sub(&s1, &s2_p);
        let mut h = s.p.mul(&diff, &s.qi_mont); // diff·qi·R·R⁻¹ = diff·qi mod p
                                                // s = s2 + q·h < q + q·(p − 1) = n.
        let mut sig =
            s.q.value()
                .mul(&h)
                .ok_or(RsaError::Fault)? // q and h have q's and p's lengths: fits
                .resized(n.len() + 1);
        sig.add_assign(&s2);
        let sig = sig.resized(n.len()); // s < n
        for x in [
            &mut r, &mut re, &mut c, &mut s1, &mut s2, &mut s2_p, &mut diff, &mut h,
        ] {
            x.wipe();
        }
        // Boneh–DeMillo–Lipton: a fault in one CRT half would give s ≡ m^d
        // modulo one prime only, and gcd(s^e − m, n) would factor n.
        // Release s only if s^e ≡ m (mod n).
        if !public.raw_public(&sig).ct_eq(&m).declassify() {
            return Err(RsaError::Fault);
        }
        sig.to_be_bytes(out);
        Ok(())
    }
}

impl fmt::Debug for RsaPrivateKey {
    /// The public half only.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RsaPrivateKey")
            .field("public", &self.public)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::rand::TestRng;
    use crate::crypto::rsa::RsaHash;

    /// The RFC 7515 A.2 key's components (base64url, as the RFC prints them).
    fn rfc7515_key() -> RsaPrivateKey {
        let text = include_str!("../../../vectors/rsa/jose.txt");
        let member = |name: &str| {
            let line = text
                .lines()
                .find(|l| l.starts_with(&alloc::format!("{name} = ")))
                .unwrap();
            crate::base64url::decode(line.split(" = ").nth(1).unwrap().as_bytes()).unwrap()
        };
        let m: Vec<Vec<u8>> = ["n", "e", "d", "p", "q", "dp", "dq", "qi"]
            .iter()
            .map(|n| member(n))
            .collect();
        RsaPrivateKey::from_components(&m[0], &m[1], &m[2], &m[3], &m[4], &m[5], &m[6], &m[7])
            .unwrap()
    }

    #[test]
    fn a_fault_in_either_crt_half_is_caught_before_release() {
        let key = rfc7515_key();
        let mut rng = TestRng(3);
        assert!(key.sign_pkcs1v15(RsaHash::Sha256, b"m", &mut rng).is_ok());
        // Corrupt one bit of dp, of dq, of qi·R: each gives a signature right
        // modulo one prime at most, which must not be released.
        for which in 0..3 {
            let mut faulty = key.clone();
            let s = &mut faulty.secret;
            let target = match which {
                0 => &mut s.dp,
                1 => &mut s.dq,
                _ => &mut s.qi_mont,
            };
            target.limbs_mut()[3] ^= 1 << 17;
            assert_eq!(
                faulty.sign_pkcs1v15(RsaHash::Sha256, b"m", &mut rng),
                Err(RsaError::Fault),
                "fault {which}"
            );
            assert_eq!(
                faulty.sign_pss(RsaHash::Sha384, b"m", &mut rng),
                Err(RsaError::Fault)
            );
        }
    }

    #[test]
    fn blinding_factors_are_below_n_and_differ() {
        let key = rfc7515_key();
        let mut rng = TestRng(8);
        let a = key.blinding_factor(&mut rng).unwrap();
        let b = key.blinding_factor(&mut rng).unwrap();
        let n = key.public_key().modulus().value();
        assert!(a.ct_lt(n).declassify() && b.ct_lt(n).declassify());
        assert!(!a.ct_eq(&b).declassify());
        // A source stuck on all-ones never yields a value below n: it gives up.
        struct Ones;
        impl RandomSource for Ones {
            fn fill_bytes(
                &mut self,
                out: &mut [u8],
            ) -> Result<(), crate::crypto::rand::RandomError> {
                out.fill(0xff);
                Ok(())
            }
        }
        assert!(matches!(
            key.blinding_factor(&mut Ones),
            Err(RsaError::Random(_))
        ));
    }
}
