//! RSA key generation, FIPS 186-5 Appendix A.1.3 ("Generation of random
//! primes that are probably prime") with the Miller–Rabin test of
//! Appendix B.3.1: e = 65537; p and q of nlen/2 bits with the top two bits
//! set (so `p, q > √2·2^(nlen/2 − 1)` and n has exactly nlen bits), odd,
//! `gcd(p − 1, e) = 1`, `|p − q| > 2^(nlen/2 − 100)`; then
//! `d = e⁻¹ mod lcm(p − 1, q − 1)` with `d > 2^(nlen/2)` (A.1.1), and the
//! CRT values.
//!
//! **What is constant time.** Every computation on a candidate (trial
//! division, the residue modulo e, Miller–Rabin's exponentiations and
//! squarings) and on the primes (λ, d, dp, dq, qi) is constant time.
//! Made public, each on purpose:
//! - whether a candidate is rejected, and at which test (trial division,
//!   one Miller–Rabin round, |p − q|): a rejected candidate is discarded,
//!   so this says nothing about the primes kept;
//! - whether a Miller–Rabin base drawn for a candidate is out of range
//!   (B.3.1 step 4.2: `b ≤ 1` or `b ≥ w − 1`): a comparison of fresh
//!   randomness with the candidate, which reveals at most one inequality
//!   about it per rejected base (one draw in four or fewer);
//! - whether `w − 1` is divisible by 2^33: such candidates are skipped (one
//!   prime in 2^32), so the squaring loop has a fixed length;
//! - the number of candidates tried, and `d ≤ 2^(nlen/2)` (a restart,
//!   probability about 2^−(nlen/2)).

use super::public::{MAX_EXPONENT_EXCLUSIVE, MIN_MODULUS_BITS};
use super::{RsaError, RsaPrivateKey, RsaPublicKey};
use crate::crypto::bignum::{
    div_exact_u64, div_rem_consttime, gcd_consttime, rem_consttime, rem_u32_consttime, Modulus,
    Uint, LIMB_BITS,
};
use crate::crypto::ct::{self, Choice};
use crate::crypto::rand::{RandomError, RandomSource};

/// The public exponent of generated keys, F4 = 2^16 + 1 (FIPS 186-5
/// A.1.1 step 2 requires 2^16 < e < 2^256, odd).
pub const GENERATED_EXPONENT: u32 = 65537;

/// The sizes [`RsaPrivateKey::generate`] makes.
pub const GENERATED_SIZES: [usize; 3] = [2048, 3072, 4096];

/// Number of small odd primes tried by trial division before
/// Miller–Rabin.
const TRIAL_PRIMES: usize = 128;

/// The first [`TRIAL_PRIMES`] odd primes (3 to 727), computed at compile
/// time by trial division; a test checks them against a sieve.
const SMALL_PRIMES: [u32; TRIAL_PRIMES] = small_primes();

#[allow(clippy::indexing_slicing)] // i < count ≤ N; out[count] with count < N
const fn small_primes<const N: usize>() -> [u32; N] {
    let mut out = [0u32; N];
    let mut count = 0;
    let mut candidate = 3u32;
    while count < N {
        let mut prime = true;
        let mut i = 0;
        while i < count && out[i] * out[i] <= candidate {
            if candidate % out[i] == 0 {
                prime = false;
            }
            i += 1;
        }
        if prime {
            out[count] = candidate;
            count += 1;
        }
        candidate += 2;
    }
    out
}

/// Miller–Rabin rounds for a prime of `bits` bits: FIPS 186-5 Table B.1,
/// the column for an error probability of 2^−112, 2^−128, 2^−144 (the
/// security strengths of nlen = 2048, 3072, 4096): 5 rounds for p, q of
/// 1024 bits, 4 for 1536, 4 for 2048. Smaller primes (made only by the
/// tests) get 40.
fn miller_rabin_rounds(bits: usize) -> usize {
    match bits {
        1536.. => 4,
        1024.. => 5,
        _ => 40,
    }
}

/// Squarings of the Miller–Rabin loop; candidates with `2^(A_MAX + 1) | w − 1`
/// are skipped (see the module doc).
const A_MAX: u64 = 32;

/// Base draws per Miller–Rabin round before giving up on the source.
const BASE_TRIES: usize = 64;

/// The Miller–Rabin probabilistic primality test (FIPS 186-5 B.3.1) of an
/// odd `w > 3` of `bits = 64·len` bits (top bit set), `rounds` random
/// bases.
/// Constant time up to the public events listed in the module doc.
fn miller_rabin<R: RandomSource + ?Sized>(
    w: &Uint,
    bits: usize,
    rounds: usize,
    rng: &mut R,
) -> Result<bool, RsaError> {
    let Some(wm) = Modulus::new(w) else {
        return Ok(false);
    };
    let n = wm.len();
    // Steps 1 and 2: a = the largest power of 2 dividing w − 1, m = (w − 1)/2^a.
    let mut w1 = w.clone();
    w1.sub_assign(&Uint::from_u64(1, 1));
    let mut a = 0u64;
    let mut seen = Choice::FALSE;
    for i in 0..n * LIMB_BITS {
        seen = seen.or(Choice::from_bit(w1.bit(i)));
        a += seen.not().mask() & 1;
    }
    if ct::lt_u64(A_MAX, a).declassify() {
        return Ok(false); // skipped: 2^33 divides w − 1
    }
    let mut m = w1.clone();
    for j in 0..A_MAX {
        let mut half = m.clone();
        half.shr1_assign();
        m.conditional_assign(ct::lt_u64(j, a), &half);
    }
    let one = wm.one().clone();
    let minus_one = wm.sub(&Uint::zero(n), &one); // the form of w − 1
    let mut b_bytes = [0u8; super::public::MAX_MODULUS_LEN];
    let b_bytes = b_bytes
        .get_mut(..n * 8)
        .ok_or(RsaError::KeyGenerationFailed)?;
    for _ in 0..rounds {
        // Steps 4.1, 4.2: a random b of wlen bits with 1 < b < w − 1.
        let mut b = None;
        for _ in 0..BASE_TRIES {
            rng.fill_bytes(b_bytes)?; // wlen = 64·len bits
            let candidate = Uint::from_be_bytes_len(b_bytes, n).ok_or(RsaError::Fault)?;
            let in_range = Uint::from_u64(1, 1)
                .ct_lt(&candidate)
                .and(candidate.ct_lt(&w1));
            if in_range.declassify() {
                b = Some(candidate);
                break;
            }
        }
        let b = b.ok_or(RsaError::Random(RandomError))?;
        // Step 4.3: z = b^m mod w.
        let mut z = wm.pow_consttime(&wm.to_montgomery(&b), &m, bits);
        // Steps 4.4–4.6: probably prime when z = 1, or z^(2^j) = w − 1 for
        // some 0 ≤ j < a (once z reaches 1 it stays there, so this is the
        // standard's loop with its early exits replaced by masks).
        let mut passes = z.ct_eq(&one).or(z.ct_eq(&minus_one));
        for j in 1..A_MAX {
            z = wm.square(&z);
            passes = passes.or(ct::lt_u64(j, a).and(z.ct_eq(&minus_one)));
        }
        z.wipe();
        if !passes.declassify() {
            return Ok(false); // step 4.6: composite
        }
    }
    m.wipe();
    w1.wipe();
    Ok(true)
}

/// Whether `w` has no factor among [`SMALL_PRIMES`] and `w mod e ≠ 1`
/// (`gcd(w − 1, e) = 1` for the prime e), as one mask.
fn passes_trial_division(w: &Uint) -> Choice {
    let mut ok = Choice::TRUE;
    for prime in SMALL_PRIMES {
        ok = ok.and(ct::is_zero_u64(u64::from(rem_u32_consttime(w, prime))).not());
    }
    let r = rem_u32_consttime(w, GENERATED_EXPONENT);
    ok.and(ct::eq_u64(u64::from(r), 1).not())
}

/// A random probable prime of `bits` bits (a multiple of 64) for a modulus
/// of `nlen` bits: A.1.3 steps 4.2–4.7 (and 5.2–5.8 for q, whose extra
/// |p − q| step the caller applies).
fn random_prime<R: RandomSource + ?Sized>(
    bits: usize,
    nlen: usize,
    rng: &mut R,
) -> Result<Uint, RsaError> {
    let n = bits / LIMB_BITS;
    let mut bytes = [0u8; super::public::MAX_MODULUS_LEN];
    let bytes = bytes
        .get_mut(..n * 8)
        .ok_or(RsaError::KeyGenerationFailed)?;
    // Step 4.7: "If (i ≥ 5·nlen), then return (FAILURE)".
    for _ in 0..5 * nlen {
        // Steps 4.2, 4.3: a random odd value of nlen/2 bits; step 4.4:
        // p ≥ √2·2^(nlen/2 − 1) holds with the top two bits set, since
        // 2^(nlen/2 − 1) + 2^(nlen/2 − 2) = 1.5·2^(nlen/2 − 1).
        rng.fill_bytes(bytes)?;
        let mut w = Uint::from_be_bytes_len(bytes, n).ok_or(RsaError::KeyGenerationFailed)?;
        bytes.fill(0);
        if let Some(top) = w.limbs_mut().last_mut() {
            *top |= 0b11 << 62;
        }
        if let Some(low) = w.limbs_mut().first_mut() {
            *low |= 1;
        }
        // Step 4.5: gcd(p − 1, e) = 1, with trial division first.
        if passes_trial_division(&w).declassify()
            && miller_rabin(&w, bits, miller_rabin_rounds(bits), rng)?
        {
            return Ok(w);
        }
        w.wipe();
    }
    Err(RsaError::KeyGenerationFailed)
}

/// The values of a generated key (before the public key's size rule).
pub(crate) struct Parts {
    pub(crate) n: Uint,
    pub(crate) p: Uint,
    pub(crate) q: Uint,
    pub(crate) d: Uint,
    pub(crate) dp: Uint,
    pub(crate) dq: Uint,
    pub(crate) qi: Uint,
}

/// `x⁻¹ mod e` for the public prime e and a secret `x` in [1, e), by
/// Fermat (`x^(e−2)`), with masked 64-bit arithmetic: no division.
fn invert_mod_e(x: u32) -> u32 {
    let e = GENERATED_EXPONENT;
    let mu = crate::crypto::bignum::barrett_u32(e);
    let mul =
        |a: u32, b: u32| crate::crypto::bignum::rem_u64_by_u32(u64::from(a) * u64::from(b), e, mu);
    let exponent = e - 2; // public: its bits may steer the loop
    let mut acc = 1u32;
    for i in (0..32).rev() {
        acc = mul(acc, acc);
        if (exponent >> i) & 1 == 1 {
            acc = mul(acc, x);
        }
    }
    acc
}

/// Generates the values of a key of `bits` bits (a multiple of 128, at
/// least 256; only 2048, 3072 and 4096 are offered publicly).
pub(crate) fn generate_parts<R: RandomSource + ?Sized>(
    bits: usize,
    rng: &mut R,
) -> Result<Parts, RsaError> {
    if bits % 128 != 0 || !(256..=super::public::MAX_MODULUS_BITS).contains(&bits) {
        return Err(RsaError::GenerationSize { bits });
    }
    let half = bits / 2;
    let e = GENERATED_EXPONENT;
    // |p − q| must exceed 2^(nlen/2 − 100) (A.1.3 step 5.5).
    let mut gap = Uint::zero(half / LIMB_BITS);
    if let Some(limb) = gap.limbs_mut().get_mut((half - 100) / LIMB_BITS) {
        *limb = 1 << ((half - 100) % LIMB_BITS);
    }
    loop {
        let p = random_prime(half, bits, rng)?;
        let q = loop {
            let q = random_prime(half, bits, rng)?;
            let mut diff = p.clone();
            let borrow = diff.sub_assign(&q);
            let mut negated = q.clone();
            negated.sub_assign(&p);
            diff.conditional_assign(Choice::from_bit(borrow), &negated); // |p − q|
            if gap.ct_lt(&diff).declassify() {
                break q;
            }
        };
        let n = p.mul(&q).ok_or(RsaError::KeyGenerationFailed)?;
        // λ = lcm(p − 1, q − 1) = (p − 1)(q − 1) / gcd(p − 1, q − 1).
        let mut p1 = p.clone();
        p1.sub_assign(&Uint::from_u64(1, 1));
        let mut q1 = q.clone();
        q1.sub_assign(&Uint::from_u64(1, 1));
        let mut phi = p1.mul(&q1).ok_or(RsaError::KeyGenerationFailed)?;
        let mut g = gcd_consttime(&p1, &q1);
        let (mut lambda, _) = div_rem_consttime(&phi, &g);
        phi.wipe();
        g.wipe();
        // d = e⁻¹ mod λ = (1 + k·λ)/e with k = −λ⁻¹ mod e: then e divides
        // 1 + k·λ, e·d ≡ 1 (mod λ), and 0 < d < λ.
        let t = rem_u32_consttime(&lambda, e); // ≠ 0: gcd(e, p − 1) = gcd(e, q − 1) = 1
        let k = e - invert_mod_e(t); // in [1, e − 1]
        let mut d = lambda
            .mul(&Uint::from_u64(u64::from(k), 1))
            .ok_or(RsaError::KeyGenerationFailed)?;
        d.add_assign(&Uint::from_u64(1, 1));
        let mut d_wide = d;
        let d = div_exact_u64(&d_wide, u64::from(e)).resized(n.len());
        d_wide.wipe();
        lambda.wipe();
        // A.1.1 step 3: 2^(nlen/2) < d.
        let mut bound = Uint::zero(n.len());
        if let Some(limb) = bound.limbs_mut().get_mut(half / LIMB_BITS) {
            *limb = 1 << (half % LIMB_BITS);
        }
        if !bound.ct_lt(&d).declassify() {
            continue; // probability about 2^−(nlen/2)
        }
        let dp = rem_consttime(&d, &p1);
        let dq = rem_consttime(&d, &q1);
        let p_mod = Modulus::new(&p).ok_or(RsaError::KeyGenerationFailed)?;
        let (qi, found) = p_mod.invert_consttime(&p_mod.reduce_plain(&q));
        for x in [&mut p1, &mut q1] {
            x.wipe();
        }
        if !found.declassify() {
            continue; // not reached: distinct primes
        }
        return Ok(Parts {
            n,
            p,
            q,
            d,
            dp,
            dq,
            qi,
        });
    }
}

impl RsaPrivateKey {
    /// A new key of `bits` bits (2048, 3072 or 4096) with e = 65537, from
    /// `rng`, by FIPS 186-5 A.1.3 (see the `keygen` module notes for what
    /// runs in constant time), passed through every check of
    /// [`RsaPrivateKey::from_components`].
    ///
    /// # Errors
    ///
    /// [`RsaError::GenerationSize`] for another size; [`RsaError::Random`]
    /// when `rng` fails; [`RsaError::KeyGenerationFailed`] when no prime
    /// turns up within 5·nlen candidates (probability below 2^−40).
    pub fn generate<R: RandomSource + ?Sized>(
        bits: usize,
        rng: &mut R,
    ) -> Result<RsaPrivateKey, RsaError> {
        if !GENERATED_SIZES.contains(&bits) {
            return Err(RsaError::GenerationSize { bits });
        }
        let parts = generate_parts(bits, rng)?;
        let public = RsaPublicKey::from_be_bytes(
            &parts.n.to_be_bytes_minimal_vartime(),
            &GENERATED_EXPONENT.to_be_bytes(),
        )?;
        RsaPrivateKey::checked(
            public, parts.p, parts.q, parts.d, parts.dp, parts.dq, parts.qi,
        )
    }
}

// The generated exponent satisfies the public key's rule.
const _: () = assert!((GENERATED_EXPONENT as u64) < MAX_EXPONENT_EXCLUSIVE);
const _: () = assert!(GENERATED_SIZES[0] >= MIN_MODULUS_BITS);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::bignum::rem_consttime;
    use crate::crypto::rand::TestRng;

    #[test]
    fn the_small_primes_are_the_odd_primes_a_sieve_finds() {
        let limit = 1000;
        let mut composite = alloc::vec![false; limit];
        let mut sieved = alloc::vec::Vec::new();
        for i in 2..limit {
            if !composite[i] {
                sieved.push(i as u32);
                for j in (i * i..limit).step_by(i) {
                    composite[j] = true;
                }
            }
        }
        assert_eq!(&sieved[1..TRIAL_PRIMES + 1], &SMALL_PRIMES[..]);
        assert_eq!(SMALL_PRIMES[TRIAL_PRIMES - 1], 727);
    }

    #[test]
    fn inversion_modulo_e_matches_exhaustive_search_on_samples() {
        let e = u64::from(GENERATED_EXPONENT);
        for x in [1u32, 2, 3, 1000, 65535, 65536, 12345] {
            let y = invert_mod_e(x);
            assert_eq!(u64::from(x) * u64::from(y) % e, 1, "x = {x}");
        }
    }

    fn is_probable_prime(w: &Uint, rng: &mut TestRng) -> bool {
        let bits = w.len() * LIMB_BITS;
        miller_rabin(w, bits, 20, rng).unwrap()
    }

    #[test]
    fn miller_rabin_tells_primes_from_composites() {
        let mut rng = TestRng(5);
        // 2^64 − 59 is prime; products of primes are not.
        let p64 = Uint::from_u64(u64::MAX - 58, 1);
        assert!(is_probable_prime(&p64, &mut rng));
        let composite = Uint::from_u64(u64::MAX - 58, 1)
            .mul(&Uint::from_u64(u64::MAX - 82, 1)) // 2^64 − 83 is prime
            .unwrap();
        assert!(!is_probable_prime(&composite, &mut rng));
        let semiprime = Uint::from_u64(4_294_967_291 * 4_294_967_279, 1); // (2^32 − 5)(2^32 − 17)
        assert!(!is_probable_prime(&semiprime, &mut rng));
        // The primes of the RFC 7515 A.2 key are prime.
        let p =
            Uint::from_be_bytes(&crate::base64url::decode(RFC7515_P.as_bytes()).unwrap()).unwrap();
        assert!(is_probable_prime(&p, &mut rng));
        let mut not_prime = p.clone();
        not_prime.add_assign(&Uint::from_u64(2, 1));
        assert!(!is_probable_prime(&not_prime, &mut rng));
    }

    /// RFC 7515 A.2's p.
    const RFC7515_P: &str = "4BzEEOtIpmVdVEZNCqS7baC4crd0pqnRH_5IB3jw3bcxGn6QLvnEtfdUdiYrqBdss1l58BQ3KhooKeQTa9AB0Hw_Py5PJdTJNPY8cQn7ouZ2KKDcmnPGBY5t7yLc1QlQ5xHdwW1VhvKn-nXqhJTBgIPgtldC-KDV5z-y2XDwGUc";

    #[test]
    fn a_generated_small_key_has_every_relation_of_rfc_8017() {
        // 768 bits: fast in a debug build; the same code makes 2048 and up.
        let mut rng = TestRng(99);
        let bits = 768;
        let parts = generate_parts(bits, &mut rng).unwrap();
        let Parts {
            n,
            p,
            q,
            d,
            dp,
            dq,
            qi,
        } = &parts;
        assert_eq!(n.bits_vartime(), bits);
        assert_eq!(p.bits_vartime(), bits / 2);
        assert_eq!(p.limb(p.len() - 1) >> 62, 0b11);
        assert_eq!(q.limb(q.len() - 1) >> 62, 0b11);
        assert!(p.mul(q).unwrap().ct_eq(n).declassify());
        let one = Uint::from_u64(1, 1);
        let mut p1 = p.clone();
        p1.sub_assign(&one);
        let mut q1 = q.clone();
        q1.sub_assign(&one);
        let e = Uint::from_u64(u64::from(GENERATED_EXPONENT), 1);
        // d·e ≡ 1 modulo p − 1 and q − 1, dp, dq, qi.
        assert!(rem_consttime(&d.mul(&e).unwrap(), &p1)
            .ct_eq(&one)
            .declassify());
        assert!(rem_consttime(&d.mul(&e).unwrap(), &q1)
            .ct_eq(&one)
            .declassify());
        assert!(rem_consttime(d, &p1).ct_eq(dp).declassify());
        assert!(rem_consttime(d, &q1).ct_eq(dq).declassify());
        assert!(rem_consttime(&qi.mul(q).unwrap(), p)
            .ct_eq(&one)
            .declassify());
        // d < λ: d·e − 1 is a multiple of λ, and d is the least such.
        let phi = p1.mul(&q1).unwrap();
        assert!(d.ct_lt(&phi).declassify());
        // |p − q| > 2^(nlen/2 − 100), d > 2^(nlen/2).
        assert!(d.bits_vartime() > bits / 2);
        // p and q are prime (more rounds, other bases).
        let mut check = TestRng(1234);
        assert!(is_probable_prime(p, &mut check) && is_probable_prime(q, &mut check));
    }

    #[test]
    fn generation_refuses_sizes_it_cannot_make() {
        let mut rng = TestRng(1);
        for bits in [0, 100, 255, 300, 8320] {
            assert_eq!(
                generate_parts(bits, &mut rng).err(),
                Some(RsaError::GenerationSize { bits })
            );
        }
    }
}
