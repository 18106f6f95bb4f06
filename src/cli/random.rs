//! Random bytes from the operating system, for `keygen` and `demo`.
//!
//! Read from `/dev/urandom` through `std::fs`: the kernel's CSPRNG on Linux,
//! the BSDs and macOS, and no `unsafe` or crate needed. Where that file does
//! not exist the commands stop with a clear message (exit 2) rather than
//! fall back to anything weaker.

use std::io::{self, Read};

/// The operating system's random source.
pub const SOURCE: &str = "/dev/urandom";

/// `len` random bytes.
///
/// # Errors
///
/// When [`SOURCE`] cannot be opened or read.
pub fn bytes(len: usize) -> io::Result<Vec<u8>> {
    let mut out = vec![0u8; len];
    std::fs::File::open(SOURCE)?.read_exact(&mut out)?;
    Ok(out)
}
