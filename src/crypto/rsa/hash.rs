//! [`RsaHash`]: the three SHA-2 functions JWS pairs with RSA (RFC 7518
//! §3.3, §3.5), with their DigestInfo prefixes and MGF1 (RFC 8017 B.2.1).

use crate::crypto::sha2::{Sha256, Sha384, Sha512};

/// The hash of an RSA signature: SHA-256, SHA-384 or SHA-512 (RS256/PS256,
/// RS384/PS384, RS512/PS512). For RSASSA-PSS it is also MGF1's hash, and
/// the salt is as long as its output (RFC 7518 §3.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RsaHash {
    /// SHA-256 (FIPS 180-4).
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
}

/// The DER of `DigestInfo ::= SEQUENCE { digestAlgorithm
/// AlgorithmIdentifier, digest OCTET STRING }` up to the digest's octets,
/// with NULL parameters (RFC 8017 §9.2 Note 1).
#[rustfmt::skip]
const PREFIX_SHA256: [u8; 19] = [
    0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
];
#[rustfmt::skip]
const PREFIX_SHA384: [u8; 19] = [
    0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02, 0x05, 0x00, 0x04, 0x30,
];
#[rustfmt::skip]
const PREFIX_SHA512: [u8; 19] = [
    0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03, 0x05, 0x00, 0x04, 0x40,
];

/// A digest of up to 64 octets.
pub(crate) struct Digest {
    bytes: [u8; 64],
    len: usize,
}

impl Digest {
    pub(crate) fn as_slice(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or(&[])
    }
}

/// A streaming hasher of one of the three.
enum Hasher {
    Sha256(Sha256),
    Sha384(Sha384),
    Sha512(Sha512),
}

impl RsaHash {
    /// The output length in octets, hLen: 32, 48 or 64.
    pub const fn output_len(self) -> usize {
        match self {
            RsaHash::Sha256 => 32,
            RsaHash::Sha384 => 48,
            RsaHash::Sha512 => 64,
        }
    }

    /// The DER DigestInfo prefix that EMSA-PKCS1-v1_5 puts before the hash
    /// (RFC 8017 §9.2 Note 1), with the NULL parameters the contract
    /// requires: 19 octets.
    ///
    /// ```
    /// use barejwt::crypto::rsa::RsaHash;
    ///
    /// assert_eq!(RsaHash::Sha256.digest_info_prefix()[..4], [0x30, 0x31, 0x30, 0x0d]);
    /// ```
    pub const fn digest_info_prefix(self) -> &'static [u8] {
        match self {
            RsaHash::Sha256 => &PREFIX_SHA256,
            RsaHash::Sha384 => &PREFIX_SHA384,
            RsaHash::Sha512 => &PREFIX_SHA512,
        }
    }

    fn hasher(self) -> Hasher {
        match self {
            RsaHash::Sha256 => Hasher::Sha256(Sha256::new()),
            RsaHash::Sha384 => Hasher::Sha384(Sha384::new()),
            RsaHash::Sha512 => Hasher::Sha512(Sha512::new()),
        }
    }

    /// The hash of the concatenation of `parts`.
    pub(crate) fn digest(self, parts: &[&[u8]]) -> Digest {
        let mut hasher = self.hasher();
        for part in parts {
            match &mut hasher {
                Hasher::Sha256(h) => h.update(part),
                Hasher::Sha384(h) => h.update(part),
                Hasher::Sha512(h) => h.update(part),
            }
        }
        let mut bytes = [0u8; 64];
        let mut put = |digest: &[u8]| {
            for (b, &d) in bytes.iter_mut().zip(digest) {
                *b = d;
            }
        };
        match hasher {
            Hasher::Sha256(h) => put(&h.finalize()),
            Hasher::Sha384(h) => put(&h.finalize()),
            Hasher::Sha512(h) => put(&h.finalize()),
        }
        Digest {
            bytes,
            len: self.output_len(),
        }
    }

    /// XORs into `out` the mask MGF1(seed, out.len()) (RFC 8017 B.2.1):
    /// `T = Hash(seed ‖ C) ‖ ...` for the 4-octet counters C = 0, 1, ....
    /// (Step 1's limit, maskLen ≤ 2^32·hLen, cannot be reached: masks are
    /// at most a modulus long.)
    pub(crate) fn mgf1_xor(self, seed: &[u8], out: &mut [u8]) {
        for (counter, chunk) in out.chunks_mut(self.output_len()).enumerate() {
            let c = (counter as u32).to_be_bytes(); // step 3a: C = I2OSP(counter, 4)
            let t = self.digest(&[seed, &c]); // step 3b
            for (o, &m) in chunk.iter_mut().zip(t.as_slice()) {
                *o ^= m;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_info_prefixes_are_der_of_rfc_8017_note_1() {
        for hash in [RsaHash::Sha256, RsaHash::Sha384, RsaHash::Sha512] {
            let p = hash.digest_info_prefix();
            // SEQUENCE of length 17 + hLen; the last two octets: OCTET STRING of hLen.
            assert_eq!(p[1] as usize, 17 + hash.output_len());
            assert_eq!(&p[17..], &[0x04, hash.output_len() as u8]);
            // NULL parameters.
            assert_eq!(&p[15..17], &[0x05, 0x00]);
        }
    }

    #[test]
    fn mgf1_matches_a_counter_mode_hash() {
        // MGF1-SHA-256("abc", 40) = SHA-256("abc" ‖ 0000_0000) ‖ first 8 of SHA-256("abc" ‖ 0000_0001).
        let mut mask = [0u8; 40];
        RsaHash::Sha256.mgf1_xor(b"abc", &mut mask);
        let first = Sha256::digest(b"abc\0\0\0\0");
        let second = Sha256::digest(b"abc\0\0\0\x01");
        assert_eq!(&mask[..32], &first);
        assert_eq!(&mask[32..], &second[..8]);
    }
}
