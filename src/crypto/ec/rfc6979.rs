//! Deterministic nonces, [RFC 6979] §3.2: k drawn from HMAC_DRBG keyed by
//! the private key and the message hash, so that a signature needs no
//! random source and the same key and message always give the same k.
//!
//! With hlen the hash's output length, qlen the bit length of n and
//! rlen = 8·ceil(qlen/8):
//!
//! ```text
//! a. h1 = H(m)                                   (the caller's digest)
//! b. V = 0x01 0x01 ... 0x01                      (hlen/8 octets)
//! c. K = 0x00 0x00 ... 0x00                      (hlen/8 octets)
//! d. K = HMAC_K(V || 0x00 || int2octets(x) || bits2octets(h1))
//! e. V = HMAC_K(V)
//! f. K = HMAC_K(V || 0x01 || int2octets(x) || bits2octets(h1))
//! g. V = HMAC_K(V)
//! h. 1. T = empty
//!    2. while tlen < qlen: V = HMAC_K(V); T = T || V
//!    3. k = bits2int(T); if 1 <= k <= q-1 (and r, s turn out non-zero,
//!       §3.4), done; else K = HMAC_K(V || 0x00), V = HMAC_K(V), back to 1.
//! ```
//!
//! `int2octets(x)` is x as rlen/8 big-endian octets and
//! `bits2octets(h1) = int2octets(bits2int(h1) mod q)` (§2.3.3, §2.3.4);
//! the caller passes both, already of that length. Every step is HMAC over
//! fixed-length data: nothing branches on the key or the nonce. The
//! rejection in step h.3 is decided by the caller on a `Choice` it
//! declassifies (it reveals only that a candidate was out of range).
//!
//! [RFC 6979]: https://www.rfc-editor.org/rfc/rfc6979

use super::scalar::bits2int;
use crate::crypto::hmac::Hmac;
use crate::crypto::sha2::HashFunction;

/// The most octets T needs: two SHA-512 outputs (P-521: qlen = 521 > 512).
const MAX_T: usize = 128;

/// The longest hash output (SHA-512).
const MAX_HLEN: usize = 64;

/// The HMAC_DRBG state of §3.2 after step g: K (as a precomputed HMAC key)
/// and V.
pub(crate) struct NonceGenerator<H: HashFunction> {
    key: Hmac<H>,
    /// V in its first hlen octets.
    v: [u8; MAX_HLEN],
    qlen: usize,
    /// Whether step h.3's update (K, V after a rejected candidate) is due
    /// before the next candidate.
    retry: bool,
}

impl<H: HashFunction> NonceGenerator<H> {
    /// hlen in octets (every supported hash fits `MAX_HLEN`).
    const HLEN: usize = if H::OUTPUT_LEN < MAX_HLEN {
        H::OUTPUT_LEN
    } else {
        MAX_HLEN
    };

    /// Steps b to g for `x_octets = int2octets(x)` and
    /// `h1_octets = bits2octets(h1)`, with `qlen` the bit length of n.
    pub(crate) fn new(x_octets: &[u8], h1_octets: &[u8], qlen: usize) -> Self {
        let mut generator = NonceGenerator {
            // c. K = 0x00 ... 0x00
            key: Hmac::<H>::new([0u8; MAX_HLEN].get(..Self::HLEN).unwrap_or_default()),
            // b. V = 0x01 ... 0x01
            v: [0x01; MAX_HLEN],
            qlen,
            retry: false,
        };
        // d, e
        generator.update_key(&[0x00], x_octets, h1_octets);
        generator.update_v();
        // f, g
        generator.update_key(&[0x01], x_octets, h1_octets);
        generator.update_v();
        generator
    }

    /// V, hlen octets.
    fn v(&self) -> &[u8] {
        self.v.get(..Self::HLEN).unwrap_or_default()
    }

    /// `K = HMAC_K(V || separator || x || h1)` (x and h1 empty in step
    /// h.3).
    fn update_key(&mut self, separator: &[u8], x: &[u8], h1: &[u8]) {
        let mut state = self.key.start();
        state.update(self.v());
        state.update(separator);
        state.update(x);
        state.update(h1);
        self.key = Hmac::new(state.finalize().as_ref());
    }

    /// `V = HMAC_K(V)`.
    fn update_v(&mut self) {
        let v = self.key.mac(self.v());
        if let Some(dst) = self.v.get_mut(..Self::HLEN) {
            dst.copy_from_slice(v.as_ref());
        }
    }

    /// Step h: the next candidate `bits2int(T)`, written to `out`
    /// (ceil(qlen/8) octets). The caller checks 1 <= k <= q−1 and, after
    /// signing, r ≠ 0 and s ≠ 0; calling again continues with step h.3's
    /// update.
    pub(crate) fn next_candidate(&mut self, out: &mut [u8]) {
        if self.retry {
            // h.3: K = HMAC_K(V || 0x00); V = HMAC_K(V)
            self.update_key(&[0x00], &[], &[]);
            self.update_v();
        }
        self.retry = true;
        // h.1, h.2
        let mut t = [0u8; MAX_T];
        let mut tlen = 0;
        while 8 * tlen < self.qlen && tlen + Self::HLEN <= MAX_T {
            self.update_v();
            if let Some(dst) = t.get_mut(tlen..tlen + Self::HLEN) {
                dst.copy_from_slice(self.v());
            }
            tlen += Self::HLEN;
        }
        // h.3: k = bits2int(T)
        bits2int(t.get(..tlen).unwrap_or_default(), self.qlen, out);
        // Best effort: T held nonce bits.
        t.fill(0);
        core::hint::black_box(&t);
    }
}

impl<H: HashFunction> Drop for NonceGenerator<H> {
    fn drop(&mut self) {
        // Best effort, as for HMAC keys: V is secret.
        self.v.fill(0);
        core::hint::black_box(&self.v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::ec::curve::{CurveArith, P256, P384, P521};
    use crate::crypto::ec::scalar::Scalar;
    use crate::crypto::ec::MAX_LEN;
    use alloc::string::String;
    use alloc::vec::Vec;

    const VECTORS: &str = include_str!("../../../vectors/ec/rfc6979.txt");

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    /// The records of the vector file as (key, value) lists.
    fn records() -> Vec<Vec<(String, String)>> {
        let mut out = Vec::new();
        let mut current = Vec::new();
        for line in VECTORS.lines().chain(core::iter::once("")) {
            if line.starts_with('#') {
                continue;
            }
            if line.trim().is_empty() {
                if !current.is_empty() {
                    out.push(core::mem::take(&mut current));
                }
                continue;
            }
            let (k, v) = line.split_once('=').unwrap();
            current.push((String::from(k.trim()), String::from(v.trim())));
        }
        out
    }

    fn nonce<C: CurveArith>(x: &[u8], message: &[u8]) -> Vec<u8> {
        let h1 = C::Hash::digest(message);
        let mut h1_octets = [0u8; MAX_LEN];
        let h1_octets = &mut h1_octets[..C::SCALAR_LEN];
        bits2int(h1.as_ref(), C::Sc::BITS, h1_octets);
        C::Sc::reduce_be_bytes(h1_octets).write_be_bytes(h1_octets);
        let mut generator = NonceGenerator::<C::Hash>::new(x, h1_octets, C::Sc::BITS);
        let mut k = alloc::vec![0u8; C::SCALAR_LEN];
        generator.next_candidate(&mut k);
        k
    }

    #[test]
    fn rfc6979_nonces_k_of_appendix_a2() {
        let mut checked = 0;
        for record in records() {
            let get = |name: &str| &record.iter().find(|(k, _)| k == name).unwrap().1;
            let (x, message, k) = (hex(get("X")), get("Message").as_bytes(), hex(get("K")));
            let computed = match get("Curve").as_str() {
                "P-256" => nonce::<P256>(&x, message),
                "P-384" => nonce::<P384>(&x, message),
                "P-521" => nonce::<P521>(&x, message),
                other => panic!("curve {other}"),
            };
            assert_eq!(computed, k, "{}", get("Id"));
            checked += 1;
        }
        assert_eq!(checked, 6);
    }

    #[test]
    fn later_candidates_follow_step_h3() {
        // A rejected candidate is followed by K = HMAC_K(V || 0x00),
        // V = HMAC_K(V) and a fresh T: the next value differs, and the
        // sequence is deterministic.
        let x = [7u8; 32];
        let h = [9u8; 32];
        let mut a = NonceGenerator::<crate::crypto::sha2::Sha256>::new(&x, &h, 256);
        let mut b = NonceGenerator::<crate::crypto::sha2::Sha256>::new(&x, &h, 256);
        let (mut k1, mut k2, mut k3) = ([0u8; 32], [0u8; 32], [0u8; 32]);
        a.next_candidate(&mut k1);
        a.next_candidate(&mut k2);
        b.next_candidate(&mut k3);
        assert_ne!(k1, k2);
        assert_eq!(k1, k3);
        b.next_candidate(&mut k3);
        assert_eq!(k2, k3);
    }
}
