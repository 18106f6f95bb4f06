//! RSASSA-PKCS1-v1_5 (RFC 8017 §8.2) with EMSA-PKCS1-v1_5 (§9.2): RS256,
//! RS384, RS512 (RFC 7518 §3.3).
//!
//! Verification builds the one encoding the message allows and compares
//! the recovered message with it whole, like Go's
//! `crypto/internal/fips140/rsa/pkcs1v15.go` and ring's
//! `src/rsa/padding/pkcs1.rs`: nothing is parsed out of the recovered
//! message, so no lenient parser (BER lengths, missing NULL parameters,
//! trailing garbage: Bleichenbacher's 2006 forgery) can be fooled. The
//! expected layout, k octets:
//!
//! ```text
//! 00 01 | FF ... FF (k − tLen − 3 ≥ 8 octets) | 00 | DigestInfo prefix (19) | H (hLen)
//! ```

use alloc::vec;
use alloc::vec::Vec;

use super::public::MAX_MODULUS_LEN;
use super::{RsaError, RsaHash, RsaPrivateKey, RsaPublicKey};
use crate::crypto::ct;
use crate::crypto::rand::RandomSource;

/// EMSA-PKCS1-v1_5-ENCODE(M, emLen) (RFC 8017 §9.2) into all of `em`.
fn encode(hash: RsaHash, message: &[u8], em: &mut [u8]) -> Result<(), RsaError> {
    let h = hash.digest(&[message]); // step 1
    let prefix = hash.digest_info_prefix(); // step 2: T = prefix ‖ H
    let t_len = prefix.len() + hash.output_len();
    // Step 3: "If emLen < tLen + 11, output 'intended encoded message
    // length too short'": not reached with moduli of 2048 bits or more.
    let ps_len = em
        .len()
        .checked_sub(t_len + 3)
        .filter(|&l| l >= 8)
        .ok_or(RsaError::ModulusSize { bits: 8 * em.len() })?;
    // Steps 4 and 5: EM = 0x00 ‖ 0x01 ‖ PS ‖ 0x00 ‖ T.
    let (head, rest) = em.split_at_mut(2);
    head.copy_from_slice(&[0x00, 0x01]);
    let (ps, rest) = rest.split_at_mut(ps_len);
    ps.fill(0xff);
    let (zero, t) = rest.split_at_mut(1);
    zero.fill(0x00);
    let (t_prefix, t_hash) = t.split_at_mut(prefix.len());
    t_prefix.copy_from_slice(prefix);
    t_hash.copy_from_slice(h.as_slice());
    Ok(())
}

impl RsaPublicKey {
    /// RSASSA-PKCS1-V1_5-VERIFY (RFC 8017 §8.2.2): whether `signature` is
    /// this key's signature of `message` under `hash`.
    ///
    /// The signature must be exactly [`RsaPublicKey::modulus_len`] octets
    /// and below the modulus; the recovered message must equal, octet for
    /// octet, the EMSA-PKCS1-v1_5 encoding with DigestInfo carrying NULL
    /// parameters (so the form without them, §9.2 Note 2, is refused). No
    /// allocation.
    ///
    /// # Errors
    ///
    /// [`RsaError::SignatureLength`], [`RsaError::SignatureRange`],
    /// [`RsaError::Pkcs1Encoding`]; all are signature errors.
    pub fn verify_pkcs1v15(
        &self,
        hash: RsaHash,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), RsaError> {
        let k = self.modulus_len();
        let mut em = [0u8; MAX_MODULUS_LEN];
        let mut expected = [0u8; MAX_MODULUS_LEN];
        let (em, expected) = match (em.get_mut(..k), expected.get_mut(..k)) {
            (Some(a), Some(b)) => (a, b),
            _ => return Err(RsaError::ModulusSize { bits: self.bits() }), // k ≤ 1024: not reached
        };
        // Steps 1 and 2: length, s < n, m = s^e mod n, EM = I2OSP(m, k).
        self.rsavp1(signature, em)?;
        // Step 3: EM' = EMSA-PKCS1-V1_5-ENCODE(M, k).
        encode(hash, message, expected)?;
        // Step 4: compare EM and EM'.
        if ct::eq(em, expected) {
            Ok(())
        } else {
            Err(RsaError::Pkcs1Encoding)
        }
    }
}

impl RsaPrivateKey {
    /// RSASSA-PKCS1-V1_5-SIGN (RFC 8017 §8.2.1): the signature of
    /// `message` under `hash`, k octets. Deterministic: the same key and
    /// message always give the same octets. `rng` only blinds the private
    /// operation (see [`RsaPrivateKey`]).
    ///
    /// # Errors
    ///
    /// [`RsaError::Random`] when `rng` fails; [`RsaError::Fault`] when the
    /// result does not verify (then nothing is returned).
    pub fn sign_pkcs1v15<R: RandomSource + ?Sized>(
        &self,
        hash: RsaHash,
        message: &[u8],
        rng: &mut R,
    ) -> Result<Vec<u8>, RsaError> {
        let k = self.public_key().modulus_len();
        let mut em = vec![0u8; k];
        encode(hash, message, &mut em)?; // step 1
        let mut signature = vec![0u8; k];
        self.rsasp1(&em, rng, &mut signature)?; // step 2
        Ok(signature)
    }
}
