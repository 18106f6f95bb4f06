//! HMAC, [RFC 2104], over SHA-256, SHA-384 and SHA-512 (the JWS algorithms
//! HS256, HS384 and HS512, [RFC 7518 §3.2]).
//!
//! `HMAC(K, m) = H((K0 ^ opad) || H((K0 ^ ipad) || m))`, where `K0` is the
//! key padded with zeros to the block size B, or first hashed when it is
//! longer than B (RFC 2104 §2).
//!
//! [`Hmac::new`] does the key work once: it absorbs the two padded key blocks
//! into an inner and an outer hash state and keeps only those states (RFC
//! 2104 §4, "precomputed" keys). Each MAC then costs the message blocks plus
//! one compression for the outer hash. Key length policy (RFC 7518 §3.2
//! asks for at least the hash size) belongs to the JWT layer, so every key
//! length, including empty, is accepted here. Truncated tags are not offered:
//! [`Hmac::verify`] accepts only a full-length tag.
//!
//! [RFC 2104]: https://www.rfc-editor.org/rfc/rfc2104
//! [RFC 7518 §3.2]: https://www.rfc-editor.org/rfc/rfc7518#section-3.2

use crate::crypto::sha2::{HashFunction, Sha256, Sha384, Sha512};
use core::fmt;
use core::hint::black_box;

/// The inner padding byte, RFC 2104 §2 (`ipad`, repeated B times).
const IPAD: u8 = 0x36;
/// The outer padding byte, RFC 2104 §2 (`opad`, repeated B times).
const OPAD: u8 = 0x5c;
/// The largest block size of the supported hashes (SHA-384/512: 128 bytes).
const MAX_BLOCK_LEN: usize = 128;

/// A precomputed HMAC key: the hash states after absorbing `K0 ^ ipad` and
/// `K0 ^ opad`.
///
/// Build it once per secret and reuse it; it is cheap to clone. Its `Debug`
/// output shows no key material.
///
/// ```
/// use barejwt::hmac::HmacSha256;
///
/// // RFC 4231 §4.3, Test Case 2
/// let key = HmacSha256::new(b"Jefe");
/// let tag = key.mac(b"what do ya want for nothing?");
/// assert_eq!(tag[..4], [0x5b, 0xdc, 0xc1, 0x46]);
/// assert!(key.verify(b"what do ya want for nothing?", &tag));
/// assert!(!key.verify(b"what do ya want for nothing!", &tag));
/// ```
#[derive(Clone)]
pub struct Hmac<H: HashFunction> {
    /// State after absorbing `K0 ^ ipad` (one whole block).
    inner: H,
    /// State after absorbing `K0 ^ opad` (one whole block).
    outer: H,
}

/// HMAC-SHA-256 (JWS `HS256`).
pub type HmacSha256 = Hmac<Sha256>;
/// HMAC-SHA-384 (JWS `HS384`).
pub type HmacSha384 = Hmac<Sha384>;
/// HMAC-SHA-512 (JWS `HS512`).
pub type HmacSha512 = Hmac<Sha512>;

impl<H: HashFunction> Hmac<H> {
    /// Precomputes the key: any length, including empty; a key longer than
    /// the block size is hashed first (RFC 2104 §2).
    pub fn new(key: &[u8]) -> Self {
        // K0: the key, or H(key) when longer than B, zero-padded to B bytes.
        let mut block = [0u8; MAX_BLOCK_LEN];
        let block_len = H::BLOCK_LEN.min(MAX_BLOCK_LEN);
        let hashed;
        let key = if key.len() > block_len {
            hashed = H::digest(key);
            hashed.as_ref()
        } else {
            key
        };
        if let Some(dst) = block.get_mut(..key.len()) {
            dst.copy_from_slice(key);
        }
        let padded = block.get_mut(..block_len).unwrap_or_default();

        for byte in padded.iter_mut() {
            *byte ^= IPAD;
        }
        let mut inner = H::new();
        inner.update(padded);

        // (K0 ^ ipad) ^ (ipad ^ opad) = K0 ^ opad.
        for byte in padded.iter_mut() {
            *byte ^= IPAD ^ OPAD;
        }
        let mut outer = H::new();
        outer.update(padded);

        // Best effort: clear the padded key from the stack. The compiler may
        // still have copies elsewhere; no guarantee is made.
        padded.fill(0);
        black_box(&block);
        Hmac { inner, outer }
    }

    /// The full-length tag of `message`: `H(K0^opad || H(K0^ipad || message))`.
    pub fn mac(&self, message: &[u8]) -> H::Output {
        // The precomputed states have absorbed one whole block each, so
        // SHA-256 takes its short path: the message's blocks and its padded
        // tail, then one outer block, and no copy of either state.
        let inner = self.inner.digest_after(message);
        self.outer.digest_after(inner.as_ref())
    }

    /// Starts a MAC over a message given in pieces.
    ///
    /// ```
    /// use barejwt::hmac::HmacSha256;
    ///
    /// let key = HmacSha256::new(b"key");
    /// let mut state = key.start();
    /// state.update(b"header.");
    /// state.update(b"payload");
    /// assert_eq!(state.finalize(), key.mac(b"header.payload"));
    /// ```
    pub fn start(&self) -> HmacState<H> {
        HmacState {
            inner: self.inner.clone(),
            outer: self.outer.clone(),
        }
    }

    /// Whether `tag` is the MAC of `message`, compared in constant time
    /// ([`constant_time_eq`]). A tag of any other length than the hash
    /// output is `false` (lengths are public; truncated tags are refused).
    pub fn verify(&self, message: &[u8], tag: &[u8]) -> bool {
        constant_time_eq(self.mac(message).as_ref(), tag)
    }
}

impl<H: HashFunction> fmt::Debug for Hmac<H> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The states are as good as the key: never print them.
        f.debug_struct("Hmac").finish_non_exhaustive()
    }
}

/// A MAC in progress, from [`Hmac::start`]: `update` any number of times,
/// then `finalize`.
#[derive(Clone)]
pub struct HmacState<H: HashFunction> {
    inner: H,
    outer: H,
}

impl<H: HashFunction> HmacState<H> {
    /// Absorbs the next piece of the message.
    pub fn update(&mut self, data: &[u8]) {
        self.inner.update(data);
    }

    /// The tag: the outer hash over the inner digest.
    pub fn finalize(self) -> H::Output {
        let inner_digest = self.inner.finalize();
        let mut outer = self.outer;
        outer.update(inner_digest.as_ref());
        outer.finalize()
    }
}

impl<H: HashFunction> fmt::Debug for HmacState<H> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HmacState").finish_non_exhaustive()
    }
}

/// Whether `a == b`, in time that depends only on the lengths: the same
/// function as [`crate::crypto::ct::eq`], kept here under the name HMAC
/// callers know.
///
/// ```
/// use barejwt::hmac::constant_time_eq;
///
/// assert!(constant_time_eq(b"same", b"same"));
/// assert!(!constant_time_eq(b"same", b"sane"));
/// ```
pub use crate::crypto::ct::eq as constant_time_eq;

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 4231 §4.2, Test Case 1, HMAC-SHA-256.
    #[test]
    fn rfc4231_test_case_1() {
        let tag = HmacSha256::new(&[0x0b; 20]).mac(b"Hi There");
        let expected = [
            0xb0, 0x34, 0x4c, 0x61, 0xd8, 0xdb, 0x38, 0x53, 0x5c, 0xa8, 0xaf, 0xce, 0xaf, 0x0b,
            0xf1, 0x2b, 0x88, 0x1d, 0xc2, 0x00, 0xc9, 0x83, 0x3d, 0xa7, 0x26, 0xe9, 0x37, 0x6c,
            0x2e, 0x32, 0xcf, 0xf7,
        ];
        assert_eq!(tag, expected);
    }

    #[test]
    fn debug_prints_no_key_material() {
        let key = HmacSha256::new(b"secret");
        assert_eq!(alloc::format!("{key:?}"), "Hmac { .. }");
        assert_eq!(alloc::format!("{:?}", key.start()), "HmacState { .. }");
    }

    #[test]
    fn wrong_length_tags_are_refused() {
        let key = HmacSha256::new(b"k");
        let tag = key.mac(b"m");
        assert!(key.verify(b"m", &tag));
        assert!(!key.verify(b"m", &tag[..16]));
        assert!(!key.verify(b"m", &[]));
    }

    #[test]
    fn any_single_bit_flip_fails_verification() {
        let key = HmacSha512::new(b"k");
        let tag = key.mac(b"m");
        for i in 0..tag.len() * 8 {
            let mut bad = tag;
            bad[i / 8] ^= 1 << (i % 8);
            assert!(!key.verify(b"m", &bad), "bit {i}");
        }
    }
}
