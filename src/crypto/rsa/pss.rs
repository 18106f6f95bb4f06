//! RSASSA-PSS (RFC 8017 §8.1) with EMSA-PSS (§9.1) as JWS uses it: PS256,
//! PS384, PS512 (RFC 7518 §3.5): MGF1 with the message's hash, and a salt
//! exactly as long as the hash output. Signatures made with other
//! parameters (another MGF hash, another salt length) are refused.
//!
//! The encoded message, emLen = ⌈(modBits − 1)/8⌉ octets:
//!
//! ```text
//! maskedDB (emLen − hLen − 1)                         | H (hLen) | bc
//! DB = maskedDB ⊕ MGF1(H) = 00 ... 00 | 01 | salt (sLen = hLen)
//! H  = Hash(00 00 00 00 00 00 00 00 ‖ Hash(M) ‖ salt)
//! ```
//!
//! with the leftmost `8·emLen − emBits` bits of the first octet zero.

use alloc::vec;
use alloc::vec::Vec;

use super::public::MAX_MODULUS_LEN;
use super::{RsaError, RsaHash, RsaPrivateKey, RsaPublicKey};
use crate::crypto::rand::RandomSource;

/// The eight zero octets that start M' (§9.1.1 step 5).
const PADDING1: [u8; 8] = [0; 8];

/// The octet that ends every encoded message (§9.1.1 step 12).
const TRAILER: u8 = 0xbc;

/// EMSA-PSS-VERIFY(M, EM, emBits) (RFC 8017 §9.1.2) with sLen = hLen.
/// `em` is emLen = ⌈emBits/8⌉ octets.
fn verify_encoding(
    hash: RsaHash,
    message: &[u8],
    em: &[u8],
    em_bits: usize,
) -> Result<(), RsaError> {
    let h_len = hash.output_len();
    let s_len = h_len; // RFC 7518 §3.5: "the size of the salt value is the same size as the hash function output"
    let em_len = em.len();
    // Step 1: M is far below SHA-2's input limit (2^61 − 1 octets).
    // Step 2: mHash = Hash(M).
    let m_hash = hash.digest(&[message]);
    // Step 3: "If emLen < hLen + sLen + 2, output 'inconsistent'".
    if em_len < h_len + s_len + 2 {
        return Err(RsaError::PssTooShort);
    }
    // Step 4: "If the rightmost octet of EM does not have hexadecimal value 0xbc".
    let (body, trailer) = em.split_at(em_len - 1);
    if trailer != [TRAILER] {
        return Err(RsaError::PssTrailer);
    }
    // Step 5: maskedDB is the leftmost emLen − hLen − 1 octets, H the next hLen.
    let (masked_db, h) = body.split_at(em_len - h_len - 1);
    // Step 6: "If the leftmost 8emLen − emBits bits of the leftmost octet in
    // maskedDB are not all equal to zero, output 'inconsistent'".
    let zero_bits = 8 * em_len - em_bits; // 0 to 7
    let top_mask = 0xffu8 >> zero_bits; // the bits that may be set
    if masked_db.first().is_some_and(|&b| b & !top_mask != 0) {
        return Err(RsaError::PssLeftmostBits);
    }
    // Steps 7 and 8: DB = maskedDB ⊕ MGF(H, emLen − hLen − 1).
    let mut db_buf = [0u8; MAX_MODULUS_LEN];
    let db = db_buf
        .get_mut(..masked_db.len())
        .ok_or(RsaError::PssTooShort)?; // emLen ≤ 1024: not reached
    db.copy_from_slice(masked_db);
    hash.mgf1_xor(h, db);
    // Step 9: set the leftmost 8emLen − emBits bits of DB's leftmost octet to zero.
    if let Some(first) = db.first_mut() {
        *first &= top_mask;
    }
    // Step 10: "If the emLen − hLen − sLen − 2 leftmost octets of DB are not
    // zero or if the octet at position emLen − hLen − sLen − 1 (the leftmost
    // position is 'position 1') does not have hexadecimal value 0x01".
    let ps_len = em_len - h_len - s_len - 2;
    let (ps, rest) = db.split_at(ps_len);
    let (one, salt) = rest.split_at(1);
    if ps.iter().any(|&b| b != 0) || one != [0x01] {
        return Err(RsaError::PssPadding);
    }
    // Step 11: salt = the last sLen octets of DB (what is left: sLen octets).
    // Steps 12 and 13: M' = 00 × 8 ‖ mHash ‖ salt; H' = Hash(M').
    let h2 = hash.digest(&[&PADDING1, m_hash.as_slice(), salt]);
    // Step 14: "If H = H', output 'consistent'".
    if h2.as_slice() == h {
        Ok(())
    } else {
        Err(RsaError::PssHash)
    }
}

/// EMSA-PSS-ENCODE(M, emBits) (RFC 8017 §9.1.1) with a fresh salt of hLen
/// octets, into all of `em` (emLen octets).
fn encode<R: RandomSource + ?Sized>(
    hash: RsaHash,
    message: &[u8],
    em: &mut [u8],
    em_bits: usize,
    rng: &mut R,
) -> Result<(), RsaError> {
    let h_len = hash.output_len();
    let s_len = h_len;
    let em_len = em.len();
    let m_hash = hash.digest(&[message]); // steps 1 and 2
    if em_len < h_len + s_len + 2 {
        return Err(RsaError::PssTooShort); // step 3: not reached at 2048 bits or more
    }
    let mut salt = [0u8; 64];
    let salt = salt.get_mut(..s_len).ok_or(RsaError::PssTooShort)?;
    rng.fill_bytes(salt)?; // step 4
    let h = hash.digest(&[&PADDING1, m_hash.as_slice(), salt]); // steps 5 and 6
                                                                // Steps 7 and 8: DB = PS (zeros) ‖ 0x01 ‖ salt, emLen − hLen − 1 octets.
    let (db, rest) = em.split_at_mut(em_len - h_len - 1);
    db.fill(0);
    let ps_len = em_len - s_len - h_len - 2;
    let (_, tail) = db.split_at_mut(ps_len);
    let (one, db_salt) = tail.split_at_mut(1);
    one.fill(0x01);
    db_salt.copy_from_slice(salt);
    // Steps 9 and 10: maskedDB = DB ⊕ MGF(H, emLen − hLen − 1).
    hash.mgf1_xor(h.as_slice(), db);
    // Step 11: clear the leftmost 8emLen − emBits bits.
    if let Some(first) = db.first_mut() {
        *first &= 0xff >> (8 * em_len - em_bits);
    }
    // Step 12: EM = maskedDB ‖ H ‖ 0xbc.
    let (em_h, trailer) = rest.split_at_mut(h_len);
    em_h.copy_from_slice(h.as_slice());
    trailer.fill(TRAILER);
    Ok(())
}

impl RsaPublicKey {
    /// RSASSA-PSS-VERIFY (RFC 8017 §8.1.2) with MGF1 over `hash` and a salt
    /// as long as its output (RFC 7518 §3.5): whether `signature` is this
    /// key's signature of `message`. Every rule of EMSA-PSS-VERIFY is
    /// checked in the order of its steps. No allocation.
    ///
    /// # Errors
    ///
    /// [`RsaError::SignatureLength`], [`RsaError::SignatureRange`], and the
    /// `Pss*` variants, one per failing step; all are signature errors.
    pub fn verify_pss(
        &self,
        hash: RsaHash,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), RsaError> {
        let k = self.modulus_len();
        let mod_bits = self.bits();
        let em_bits = mod_bits - 1;
        let em_len = em_bits.div_ceil(8);
        let mut buf = [0u8; MAX_MODULUS_LEN];
        let m = buf
            .get_mut(..k)
            .ok_or(RsaError::ModulusSize { bits: mod_bits })?; // k ≤ 1024: not reached
                                                               // Steps 1, 2a, 2b: length, s < n, m = s^e mod n (as k octets).
        self.rsavp1(signature, m)?;
        // Step 2c: EM = I2OSP(m, emLen); emLen is k or k − 1, and in the
        // second case the leading octet must be zero ("integer too large").
        let (high, em) = m.split_at(k - em_len);
        if high.iter().any(|&b| b != 0) {
            return Err(RsaError::PssIntegerTooLarge);
        }
        // Step 3: EMSA-PSS-VERIFY(M, EM, modBits − 1).
        verify_encoding(hash, message, em, em_bits)
    }
}

impl RsaPrivateKey {
    /// RSASSA-PSS-SIGN (RFC 8017 §8.1.1) with MGF1 over `hash` and a fresh
    /// random salt of the hash's length from `rng` (RFC 7518 §3.5): k
    /// octets. Randomized: two signatures of one message differ.
    ///
    /// # Errors
    ///
    /// [`RsaError::Random`] when `rng` fails; [`RsaError::Fault`] when the
    /// result does not verify (then nothing is returned).
    pub fn sign_pss<R: RandomSource + ?Sized>(
        &self,
        hash: RsaHash,
        message: &[u8],
        rng: &mut R,
    ) -> Result<Vec<u8>, RsaError> {
        let public = self.public_key();
        let k = public.modulus_len();
        let em_bits = public.bits() - 1;
        let em_len = em_bits.div_ceil(8);
        // Step 1: EM = EMSA-PSS-ENCODE(M, modBits − 1), right-aligned in k
        // octets so that OS2IP reads the same integer (step 2a).
        let mut em = vec![0u8; k];
        let (_, em_tail) = em.split_at_mut(k - em_len);
        encode(hash, message, em_tail, em_bits, rng)?;
        // Steps 2b, 2c: s = RSASP1(K, m); S = I2OSP(s, k).
        let mut signature = vec![0u8; k];
        self.rsasp1(&em, rng, &mut signature)?;
        Ok(signature)
    }
}
