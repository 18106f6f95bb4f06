//! Helpers shared by the public-key targets: the fixed keys of
//! `vectors/keys` read from their JWKs, and a small deterministic random
//! source so that a run (and a reproducer) is the same every time.

use barejwt::base64url;
use barejwt::crypto::rand::{RandomError, RandomSource};
use barejwt::json::{self, Object, Value};

/// The JSON object of a JWK file.
pub fn jwk_object(text: &str) -> Object {
    let value = json::parse(text.as_bytes()).expect("a key file is JSON");
    value.as_object().expect("a key file is an object").clone()
}

/// The base64url-decoded member `name` of a JWK.
pub fn member(object: &Object, name: &str) -> Vec<u8> {
    let text = object
        .get(name)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("the key file has no {name}"));
    base64url::decode(text.as_bytes()).expect("a key file member is base64url")
}

/// xorshift64*: not random, only varied and reproducible.
pub struct Deterministic(pub u64);

impl RandomSource for Deterministic {
    fn fill_bytes(&mut self, out: &mut [u8]) -> Result<(), RandomError> {
        for byte in out {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            *byte = (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 56) as u8;
        }
        Ok(())
    }
}

/// The seed of a [`Deterministic`] from up to 8 octets (never zero).
pub fn seed(bytes: &[u8]) -> u64 {
    let mut s = [0u8; 8];
    for (o, b) in s.iter_mut().zip(bytes) {
        *o = *b;
    }
    u64::from_le_bytes(s) | 1
}

/// `bytes` without leading zero octets.
pub fn strip_zeros(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    &bytes[start..]
}
