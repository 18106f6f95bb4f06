//! The real cases, one file per primitive. Each function marks its secret
//! inputs, runs the library, declassifies only the public outputs and
//! checks them; it returns a line saying what it checked.

pub mod base64;
pub mod ct_helpers;
pub mod ecdsa;
pub mod ed25519;
pub mod hmac;
pub mod rsa;

use crate::valgrind::make_mem_undefined;
use barejwt::crypto::rand::{RandomError, RandomSource};

/// A random source whose bytes are secret: it asks `inner` for them, then
/// marks them undefined before the library sees them. Key generation (and,
/// later, RSA blinding, ECDSA nonces) take their secrets from here.
pub struct SecretRandom<R>(pub R);

impl<R: RandomSource> RandomSource for SecretRandom<R> {
    fn fill_bytes(&mut self, out: &mut [u8]) -> Result<(), RandomError> {
        let filled = self.0.fill_bytes(out);
        make_mem_undefined(out);
        filled
    }
}

/// A source that plays back fixed bytes (a published seed), repeating them
/// if asked for more: never a source of secrets outside this harness.
pub struct Replay<'a>(pub &'a [u8]);

impl RandomSource for Replay<'_> {
    fn fill_bytes(&mut self, out: &mut [u8]) -> Result<(), RandomError> {
        for (dst, src) in out.iter_mut().zip(self.0.iter().cycle()) {
            *dst = *src;
        }
        Ok(())
    }
}
