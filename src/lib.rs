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
//! use barejwt::{sign, verify, Algorithm, Key, Validation};
//! use barejwt::json::{Number, Object, Value};
//!
//! // A 32-byte secret: RFC 7518 §3.2 refuses shorter ones for HS256.
//! let key = Key::hs256(b"0123456789abcdef0123456789abcdef")?;
//!
//! let mut claims = Object::new();
//! claims.insert("iss", Value::String("https://auth.example.com".into()));
//! claims.insert("aud", Value::String("api.example.com".into()));
//! claims.insert("sub", Value::String("alice".into()));
//! claims.insert("exp", Value::Number(Number::from_u64(4_102_444_800)));
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
//! # The path of one token
//!
//! Verification ([`verify()`]) takes the token through one file per step, in
//! the order the command line contract fixes:
//!
//! ```text
//!  1 token.rs      size limit; exactly three parts; keep the exact signing input
//!  2 base64url.rs  strict RFC 4648 §5 decode of the header
//!  3 json/         strict RFC 8259 parse (depth limit, duplicate names rejected)
//!  4 header.rs     JOSE header, RFC 7515 §4.1 (alg, typ, cty, kid, crit)
//!  5 validate.rs   alg against the allowed list; keys.rs: and against the key
//!  6 header.rs     crit: every listed name understood, else reject
//!  7 keys.rs       key selection by kid (jwk.rs for JWK Sets)
//!  8 hmac.rs       RFC 2104 over sha2/ (FIPS 180-4); constant-time compare
//!  9 token.rs      the payload, decoded only once the signature holds
//! 10 claims.rs     RFC 7519 §4.1 claims, typed: absent / wrong type / present
//! 11 validate.rs   exp, nbf, iat, iss, sub, aud, typ against the options
//! ```
//!
//! [`sign()`] is the reverse path. [`dangerous`] reads a token without
//! verifying it, and says so in its name.
//!
//! # Defaults
//!
//! See [`validate`] for every default and its reason: an
//! explicit algorithm allow-list; `none` never verifies; `exp` required;
//! leeway 0; `aud` checked both ways; HMAC secrets shorter than the hash
//! refused; `crit` honoured; strict base64url and JSON (duplicate names
//! refused); 64 KiB token limit; JSON nesting limit 64; `jwk`, `jku`,
//! `x5u`, `x5c` never used.
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
pub mod dangerous;
pub mod error;
pub mod header;
pub mod jwk;
pub mod keys;
pub mod sign;
mod token;
pub mod validate;
pub mod verify;

pub use alg::Algorithm;
pub use claims::{Claims, FromClaims, NumericDate};
pub use error::{Error, ErrorKind};
pub use header::Header;
pub use jwk::{Jwk, JwkSet, KeyPolicy};
pub use keys::{Key, KeyResolver};
pub use sign::{sign, sign_with_header, HeaderFields};
pub use token::{DEFAULT_MAX_HEADER_LEN, DEFAULT_MAX_TOKEN_LEN};
pub use validate::{Clock, Validation};
pub use verify::{verify, Token};

/// The README's Rust examples, run as doctests so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
