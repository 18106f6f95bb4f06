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
//! | [`bignum`] | unsigned integers up to 8192 bits, Montgomery arithmetic, constant-time exponentiation and inversion | |
//! | [`rsa`] | RSASSA-PKCS1-v1_5 and RSASSA-PSS signatures, key checks and generation | RFC 8017, FIPS 186-5 |
//!
//! CPU-specific code (the SHA extensions, AVX2) lives in the one fenced
//! folder that may use `unsafe`, `src/cpu/`; these modules call it through
//! safe witness types.

pub mod bignum;
pub mod ct;
pub mod hmac;
pub mod rand;
pub mod rsa;
pub mod sha2;
