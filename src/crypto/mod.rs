//! Pure cryptography: the primitives under the tokens, knowing nothing of
//! JOSE.
//!
//! **The rule of this folder**: nothing under `crypto/` imports the JOSE
//! layer (`crate::json`, `crate::error`, headers, claims, keys, tokens).
//! Primitives return their own small error types; the JOSE layer at the
//! crate root turns them into [`crate::Error`] with the contract's kinds. A
//! test (`tests/layout.rs`) reads these sources and fails on such an import,
//! so the folder can be lifted out and reviewed on its own.
//!
//! | module | what | standard |
//! | --- | --- | --- |
//! | [`sha2`] | SHA-256, SHA-384, SHA-512 | FIPS 180-4 |
//! | [`hmac`] | HMAC over them | RFC 2104 |
//! | [`ct`] | constant-time equality, masks, selection, table lookup | |
//! | [`rand`] | the random-source abstraction | |
//! | [`ec`] | ECDSA over P-256, P-384, P-521, secp256k1 (ES256, ES384, ES512, ES256K) | FIPS 186-5, SEC 1, RFC 6979 |
//!
//! CPU-specific code (the SHA extensions, AVX2) lives in the one fenced
//! folder that may use `unsafe`, `src/cpu/`; these modules call it through
//! safe witness types.

pub mod ct;
pub mod ec;
pub mod hmac;
pub mod rand;
pub mod sha2;
