//! Random bytes from the operating system (`/dev/urandom`): salts, token
//! ids (`jti`) and a per-run secret.
//!
//! Unix only, on purpose: the example uses `std` alone, and `std` exposes no
//! random source. On Linux `/dev/urandom` never blocks once the kernel pool
//! is initialised and never runs dry. Without it the server refuses to start
//! rather than fall back to something guessable.

use std::fs::File;
use std::io::{self, Read};

/// Fills `buf` with random bytes.
///
/// # Errors
///
/// When `/dev/urandom` cannot be opened or read.
pub fn fill(buf: &mut [u8]) -> io::Result<()> {
    File::open("/dev/urandom")?.read_exact(buf)
}

/// `N` random bytes.
///
/// # Errors
///
/// As [`fill`].
pub fn bytes<const N: usize>() -> io::Result<[u8; N]> {
    let mut buf = [0u8; N];
    fill(&mut buf)?;
    Ok(buf)
}
