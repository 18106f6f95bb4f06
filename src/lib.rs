//! barejwt: JSON Web Tokens on the standard library alone.
//!
//! Everything under a JWT is written here on `core` and `alloc`: strict
//! base64url (RFC 4648 §5), SHA-256/384/512 (FIPS 180-4) and HMAC (RFC 2104).
#![no_std]
#![deny(unsafe_code)]
#![warn(missing_docs)]
// Input is hostile: library code may not panic on any input. Tests may.
#![cfg_attr(
    not(test),
    warn(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod base64url;
pub mod hmac;
pub mod sha2;
pub mod json;
