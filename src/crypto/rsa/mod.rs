//! RSA signatures for JWS: RSASSA-PKCS1-v1_5 (RS256, RS384, RS512) and
//! RSASSA-PSS (PS256, PS384, PS512) of [RFC 8017], as RFC 7518 §3.3 and
//! §3.5 profile them, with key checks and key generation (FIPS 186-5).
//!
//! | file | what |
//! | --- | --- |
//! | `public.rs` | [`RsaPublicKey`]: `(n, e)` checked at the door; RSAVP1 (§5.2.2) |
//! | `private.rs` | [`RsaPrivateKey`]: every consistency rule of the components; RSASP1 (§5.2.1) by the CRT, blinded, checked before release |
//! | `pkcs1v15.rs` | EMSA-PKCS1-v1_5 (§9.2), verify (§8.2.2) by comparing whole encodings, sign (§8.2.1) |
//! | `pss.rs` | EMSA-PSS (§9.1) with MGF1 and salt of the hash's length; verify (§8.1.2) step by step, sign (§8.1.1) |
//! | `keygen.rs` | FIPS 186-5 A.1.3 primes, Miller–Rabin (B.3.1), d mod λ |
//! | `hash.rs` | [`RsaHash`]: SHA-256/384/512, DigestInfo prefixes, MGF1 |
//! | `error.rs` | [`RsaError`]: one variant per rule, key and signature errors told apart |
//!
//! **The contract's rules** ("Public-key algorithms"): moduli of 2048 to
//! 8192 bits, odd; public exponents odd, `3 ≤ e < 2^33`; signatures exactly
//! the modulus's length in octets and below the modulus; PKCS #1 v1.5
//! DigestInfo with NULL parameters only; PSS with MGF1 of the message's
//! hash and a salt as long as its output. Private keys: `p·q = n`,
//! `0 < d < n`, `d·e ≡ 1 (mod lcm(p − 1, q − 1))`, `dp = d mod (p − 1)`,
//! `dq = d mod (q − 1)`, `qi = q⁻¹ mod p`.
//!
//! **Public and secret code.** Verification handles public data only and
//! may be variable time. Everything that touches a private key (key
//! checks, signing, generation) is constant time in the secret values,
//! built on [`crate::crypto::bignum`]'s constant-time operations; the few
//! facts it makes public on purpose are listed in `private.rs` and
//! `keygen.rs`.
//!
//! Nothing here imports the JOSE layer.
//!
//! [RFC 8017]: https://www.rfc-editor.org/rfc/rfc8017
//!
//! ```
//! use barejwt::crypto::rsa::{RsaHash, RsaPublicKey};
//!
//! // A signature of the wrong length is refused before any arithmetic.
//! let n = [0xcbu8; 256]; // an odd 2048-bit modulus
//! let key = RsaPublicKey::from_be_bytes(&n, &[1, 0, 1]).unwrap();
//! let err = key.verify_pkcs1v15(RsaHash::Sha256, b"message", &[0u8; 255]).unwrap_err();
//! assert!(err.is_signature_error());
//! ```

mod error;
mod hash;
mod keygen;
mod pkcs1v15;
mod private;
mod pss;
mod public;

pub use error::RsaError;
pub use hash::RsaHash;
pub use keygen::{GENERATED_EXPONENT, GENERATED_SIZES};
pub use private::{RsaPrivateComponents, RsaPrivateKey};
pub use public::{RsaPublicKey, MAX_EXPONENT_EXCLUSIVE, MAX_MODULUS_BITS, MIN_MODULUS_BITS};
