//! Where randomness comes from: key generation, RSA blinding, PSS salts.
//!
//! The cryptography asks a [`RandomSource`] for bytes and never reads a
//! device itself, so that the same code serves `no_std` builds, where the
//! caller supplies the source (a hardware generator, an enclave's), and
//! tests, which supply a fixed one. With the `std` feature, [`OsRandom`]
//! reads the operating system's generator.
//!
//! A source that fails gives [`RandomError`], and the operation stops: there
//! is no fallback to anything weaker.

use core::fmt;

/// A source of cryptographically secure random bytes.
pub trait RandomSource {
    /// Fills `out` entirely with random bytes.
    ///
    /// # Errors
    ///
    /// [`RandomError`] when the source cannot deliver; `out` is then not
    /// to be used.
    fn fill_bytes(&mut self, out: &mut [u8]) -> Result<(), RandomError>;
}

impl<R: RandomSource + ?Sized> RandomSource for &mut R {
    fn fill_bytes(&mut self, out: &mut [u8]) -> Result<(), RandomError> {
        (**self).fill_bytes(out)
    }
}

/// The random source failed to deliver bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RandomError;

impl fmt::Display for RandomError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the random source failed to deliver bytes")
    }
}

#[cfg(feature = "std")]
impl std::error::Error for RandomError {}

/// The operating system's generator, read from `/dev/urandom` through
/// `std::fs` (the kernel's CSPRNG on Linux, the BSDs and macOS; no `unsafe`
/// and no crate needed). Where that file does not exist, every call fails
/// with [`RandomError`].
#[cfg(feature = "std")]
#[derive(Debug, Clone, Copy, Default)]
pub struct OsRandom;

#[cfg(feature = "std")]
impl OsRandom {
    /// The device read.
    pub const PATH: &'static str = "/dev/urandom";
}

#[cfg(feature = "std")]
impl RandomSource for OsRandom {
    fn fill_bytes(&mut self, out: &mut [u8]) -> Result<(), RandomError> {
        use std::io::Read;
        std::fs::File::open(OsRandom::PATH)
            .and_then(|mut f| f.read_exact(out))
            .map_err(|_| RandomError)
    }
}

/// A fixed, reproducible stream for tests (xorshift64*, Vigna 2016): never
/// a source of secrets. The one test generator of the crate.
#[cfg(test)]
#[allow(dead_code)] // used by the public-key tests as they land
#[derive(Debug, Clone)]
pub(crate) struct TestRng(pub u64);

#[cfg(test)]
#[allow(dead_code)]
impl TestRng {
    /// The next 64 pseudo-random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0 | 1;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

#[cfg(test)]
impl RandomSource for TestRng {
    fn fill_bytes(&mut self, out: &mut [u8]) -> Result<(), RandomError> {
        for chunk in out.chunks_mut(8) {
            let word = self.next_u64().to_le_bytes();
            chunk.copy_from_slice(&word[..chunk.len()]);
        }
        Ok(())
    }
}

#[cfg(all(test, feature = "std"))]
mod tests {
    use super::*;

    #[test]
    fn the_os_source_fills_and_differs() {
        let (mut a, mut b) = ([0u8; 32], [0u8; 32]);
        OsRandom.fill_bytes(&mut a).unwrap();
        OsRandom.fill_bytes(&mut b).unwrap();
        assert_ne!(a, b);
    }
}
