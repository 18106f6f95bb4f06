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
//! | [`ed25519`] | Ed25519 signatures, strict verification | RFC 8032 |
//! | [`der`] | strict DER reader and writer | X.690 §10 |
//! | [`pem`] | PEM armour of one key block | RFC 7468, RFC 4648 §4 |
//! | [`pkix`] | key files: SPKI, PKCS #1, PKCS #8, SEC 1, X.509's key | RFC 5280, 8017, 5958, 5915, 8410 |
//! | [`ec`] | ECDSA over P-256, P-384, P-521, secp256k1 (ES256, ES384, ES512, ES256K) | FIPS 186-5, SEC 1, RFC 6979 |
//! | [`bignum`] | unsigned integers up to 8192 bits, Montgomery arithmetic, constant-time exponentiation and inversion | |
//! | [`rsa`] | RSASSA-PKCS1-v1_5 and RSASSA-PSS signatures, key checks and generation | RFC 8017, FIPS 186-5 |
//!
//! CPU-specific code (the SHA extensions for SHA-256, the AVX2 message
//! schedule for SHA-384/512) lives in the one fenced folder that may use
//! `unsafe`, `src/cpu/`, one file per backend. These modules stay safe:
//! [`sha2`] asks `src/cpu/` once per hasher for a witness type that proves
//! the CPU has the features, and calls the backend through the witness's
//! safe method, else its own portable code. `src/cpu/mod.rs` gives the
//! rules and the steps for adding a backend.

pub mod bignum;
pub mod ct;
pub mod der;
pub mod ec;
pub mod ed25519;
pub mod hmac;
pub mod pem;
pub mod pkix;
pub mod rand;
pub mod rsa;
pub mod sha2;
