//! barejwt: JSON Web Tokens on the standard library alone.
//!
//! Everything under a JWT is written here, on `core` and `alloc`, to be read
//! beside the RFCs: strict base64url (RFC 4648 §5), SHA-256/384/512
//! (FIPS 180-4), HMAC (RFC 2104), a strict JSON parser and writer
//! (RFC 8259), the JOSE header (RFC 7515), the claims (RFC 7519) and a
//! verifier that is safe by default (RFC 8725). No dependencies; `no_std` +
//! `alloc` without the default `std` feature.
//!
//! # Issue and verify
//!
//! ```
//! use barejwt::{sign, verify, Algorithm, ClaimsBuilder, Key, Validation};
//! use std::time::Duration;
//!
//! // A 32-byte secret: RFC 7518 §3.2 refuses shorter ones for HS256.
//! let key = Key::hs256(b"0123456789abcdef0123456789abcdef")?;
//!
//! let claims = ClaimsBuilder::new()
//!     .issuer("https://auth.example.com")
//!     .audience("api.example.com")
//!     .subject("alice")
//!     .expires_in(Duration::from_secs(15 * 60))
//!     .claim("role", "admin")
//!     .build();
//! let token = sign(&key, &claims)?;
//!
//! let validation = Validation::new(&[Algorithm::Hs256]) // never taken from the token
//!     .issuer("https://auth.example.com")
//!     .audience("api.example.com");
//! let verified = verify(&token, &key, &validation)?;
//! assert_eq!(verified.claims().sub(), Some("alice"));
//! # Ok::<(), barejwt::Error>(())
//! ```
//!
//! Claims are built with [`ClaimsBuilder`] (the registered claims, times
//! from a [`Clock`]) and `Object::insert` (anything that converts into a
//! [`json::Value`]), and read into plain structs declared with
//! [`typed_claims!`] ([`typed`]).
//!
//! # The path of one token
//!
//! Verification ([`verify()`]) takes the token through one file per step, in
//! the order the command line contract fixes; the table of steps, with the
//! file and function of each, is at the top of [`verify`](mod@verify)
//! (`src/verify.rs`), and nowhere else. [`sign()`] is the reverse path.
//! [`dangerous`] reads a token without verifying it, and says so in its
//! name.
//!
//! The crate has two halves: [`crypto`] is pure cryptography (SHA-2, HMAC,
//! constant-time helpers, the random source) that knows nothing of JOSE;
//! the modules at the root are the JOSE layer that uses it. CPU-specific
//! code (the only `unsafe`) lives in one fenced folder, `src/cpu/`.
//!
//! # Defaults
//!
//! Every default, with its reason, is in the table of [`validate`]; each
//! is stated once, on the item that sets it. In short: the caller lists the
//! algorithms, `none` never verifies, `exp` is required, `aud` is checked
//! both ways, short HMAC secrets are refused, `crit` is honoured, base64url
//! and JSON are strict, and `jwk`, `jku`, `x5u`, `x5c` are never used.
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
mod cpu;
pub mod crypto;
pub mod json;

/// HMAC: [`crypto::hmac`], kept at this path for callers.
pub use crypto::hmac;
/// SHA-256/384/512: [`crypto::sha2`], kept at this path for callers.
pub use crypto::sha2;

pub mod alg;
pub mod claims;
pub mod claims_builder;
pub mod dangerous;
pub mod error;
pub mod header;
pub mod jwk;
pub mod keys;
pub mod numeric_date;
pub mod sign;
mod sign_checks;
mod token;
pub mod typed;
pub mod validate;
pub mod verify;
pub mod view;

pub use alg::Algorithm;
pub use claims::{Claims, FromClaims, NumericDate};
pub use claims_builder::ClaimsBuilder;
pub use error::{Error, ErrorKind};
pub use header::Header;
pub use jwk::{Jwk, JwkSet, KeyPolicy};
#[cfg(feature = "std")]
pub use keys::SharedKeys;
pub use keys::{AsymmetricKey, Key, KeyResolver, ResolvedKey};
pub use sign::{sign, sign_with_header, HeaderFields};
pub use token::{DEFAULT_MAX_HEADER_LEN, DEFAULT_MAX_TOKEN_LEN};
pub use validate::{Clock, Validation};
pub use verify::{verify, verify_borrowed, Scratch, Token};
pub use view::{ClaimsView, HeaderView, TokenView};

/// The README's Rust examples, run as doctests so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
