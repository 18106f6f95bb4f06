//! Key files: the ASN.1 containers public and private keys travel in, read
//! to their raw components and written back.
//!
//! | structure | label | read | written | file |
//! | --- | --- | --- | --- | --- |
//! | SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) | `PUBLIC KEY` | [`parse_spki`] | [`write_spki`] | `spki.rs` |
//! | RSAPublicKey (RFC 8017 A.1.1) | `RSA PUBLIC KEY` | [`parse_rsa_public_key`] | [`write_rsa_public_key`] | `pkcs1.rs` |
//! | RSAPrivateKey (RFC 8017 A.1.2) | `RSA PRIVATE KEY` | [`parse_rsa_private_key`] | [`write_rsa_private_key`] | `pkcs1.rs` |
//! | PrivateKeyInfo / OneAsymmetricKey (RFC 5208, RFC 5958) | `PRIVATE KEY` | [`parse_pkcs8`] | [`write_pkcs8`] | `pkcs8.rs` |
//! | ECPrivateKey (RFC 5915, SEC 1 §C.4) | `EC PRIVATE KEY` | [`parse_ec_private_key`] | [`write_ec_private_key`] | `sec1.rs` |
//! | Certificate (RFC 5280 §4.1) | `CERTIFICATE` | [`parse_certificate`] | | `x509.rs` |
//!
//! [`parse_pem`] reads a PEM text straight to a [`KeyFile`], choosing the
//! structure by the block's label; the `parse_*` functions read one DER
//! structure each. Which key algorithms and curves are read is decided in
//! one table (`algorithm.rs`): RSA (rsaEncryption), EC (id-ecPublicKey with
//! a named curve: P-256, P-384, P-521, secp256k1) and Ed25519.
//!
//! **No arithmetic happens here.** The components come back as they are
//! encoded (big-endian magnitudes without sign octets for INTEGERs, the
//! octets of an EC point or private value as written), and the RSA, EC and
//! Ed25519 modules decide whether they form a usable key. The one value
//! check made here is a length the types fix: Ed25519 keys are 32 octets.
//!
//! **A certificate is not validated**: [`parse_certificate`] reads just
//! enough of its structure to find the subject public key. Its signature,
//! issuer, validity, extensions and chain are not looked at, so the key is
//! only as trustworthy as the way the file was obtained.
//!
//! Writers produce the DER that OpenSSL writes for the same key (PKCS #8
//! v1, EC points as given, SEC 1 inside PKCS #8 with its `[1]` publicKey and
//! no `[0]`), so that what is read from canonical input writes back to the
//! same octets.
//!
//! Parsing is not constant time: the structure and the lengths of the
//! fields steer it (they are public in the file's size anyway), and so do
//! the first octets of each INTEGER, as in every DER parser.

mod algorithm;
mod error;
pub mod oid;
mod pkcs1;
mod pkcs8;
mod sec1;
mod spki;
mod x509;

pub use error::{ErrorClass, InvalidKeyProblem, KeyError, StructureProblem};
pub use pkcs1::{
    parse_rsa_private_key, parse_rsa_public_key, write_rsa_private_key, write_rsa_public_key,
};
pub use pkcs8::{parse_pkcs8, write_pkcs8};
pub use sec1::{parse_ec_private_key, write_ec_private_key};
pub use spki::{parse_spki, write_spki};
pub use x509::parse_certificate;

use crate::crypto::der::wipe;
use crate::crypto::pem::{self, Label};
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// The EC named curves read (RFC 5480 §2.1.1.1; SEC 2 for secp256k1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NamedCurve {
    /// NIST P-256 (secp256r1, prime256v1).
    P256,
    /// NIST P-384 (secp384r1).
    P384,
    /// NIST P-521 (secp521r1).
    P521,
    /// secp256k1 (SEC 2 §2.4.1, RFC 8812).
    Secp256k1,
}

impl NamedCurve {
    /// Every curve read.
    pub const ALL: [NamedCurve; 4] = [
        NamedCurve::P256,
        NamedCurve::P384,
        NamedCurve::P521,
        NamedCurve::Secp256k1,
    ];

    /// The curve's OBJECT IDENTIFIER, as DER contents octets.
    pub const fn oid(self) -> &'static [u8] {
        match self {
            NamedCurve::P256 => oid::PRIME256V1,
            NamedCurve::P384 => oid::SECP384R1,
            NamedCurve::P521 => oid::SECP521R1,
            NamedCurve::Secp256k1 => oid::SECP256K1,
        }
    }

    /// The curve whose OBJECT IDENTIFIER has these contents octets.
    pub fn from_oid(oid: &[u8]) -> Option<NamedCurve> {
        NamedCurve::ALL.into_iter().find(|c| c.oid() == oid)
    }

    /// The JWK `crv` name (RFC 7518 §6.2.1.1, RFC 8812 §3.1): `P-256`,
    /// `P-384`, `P-521`, `secp256k1`.
    pub const fn jwk_name(self) -> &'static str {
        match self {
            NamedCurve::P256 => "P-256",
            NamedCurve::P384 => "P-384",
            NamedCurve::P521 => "P-521",
            NamedCurve::Secp256k1 => "secp256k1",
        }
    }
}

/// A public key as a key file carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublicKeyInfo {
    /// An RSA public key (RFC 8017 §3.1).
    Rsa {
        /// The modulus, big-endian, no leading zero octet.
        n: Vec<u8>,
        /// The public exponent, big-endian, no leading zero octet.
        e: Vec<u8>,
    },
    /// An EC public key on a named curve (RFC 5480 §2.2).
    Ec {
        /// The curve.
        curve: NamedCurve,
        /// The point as encoded (SEC 1 §2.3.3: `04‖X‖Y` or `02/03‖X`),
        /// not checked.
        point: Vec<u8>,
    },
    /// An Ed25519 public key (RFC 8410 §4, RFC 8032 §5.1.5), not checked to
    /// be a curve point.
    Ed25519 {
        /// The 32-octet encoding.
        key: [u8; 32],
    },
}

/// The components of a two-prime RSA private key (RFC 8017 §3.2, A.1.2),
/// each big-endian without leading zero octets. `Debug` shows only `n`'s
/// length.
#[derive(Clone, PartialEq, Eq)]
pub struct RsaPrivateComponents {
    /// The modulus.
    pub n: Vec<u8>,
    /// The public exponent.
    pub e: Vec<u8>,
    /// The private exponent.
    pub d: Vec<u8>,
    /// The first prime factor.
    pub p: Vec<u8>,
    /// The second prime factor.
    pub q: Vec<u8>,
    /// `d mod (p−1)`.
    pub dp: Vec<u8>,
    /// `d mod (q−1)`.
    pub dq: Vec<u8>,
    /// `q⁻¹ mod p`.
    pub qi: Vec<u8>,
}

impl fmt::Debug for RsaPrivateComponents {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RsaPrivateComponents")
            .field("n_len", &self.n.len())
            .finish_non_exhaustive()
    }
}

/// A private key as a key file carries it. `Debug` shows no private value.
#[derive(Clone, PartialEq, Eq)]
pub enum PrivateKeyInfo {
    /// A two-prime RSA private key.
    Rsa(RsaPrivateComponents),
    /// An EC private key on a named curve (RFC 5915 §3).
    Ec {
        /// The curve.
        curve: NamedCurve,
        /// The private value's octets as written (RFC 5915: big-endian, of
        /// the order's length; older encoders wrote fewer), not checked.
        d: Vec<u8>,
        /// The public point the file carries (SEC 1 `[1]` or RFC 5958
        /// `publicKey`), as encoded and not checked; `None` when absent.
        public: Option<Vec<u8>>,
    },
    /// An Ed25519 private key (RFC 8410 §7).
    Ed25519 {
        /// The 32-octet private key (RFC 8032 §5.1.5's seed).
        seed: [u8; 32],
        /// The public key of a v2 OneAsymmetricKey (RFC 5958), not checked
        /// against the seed.
        public: Option<[u8; 32]>,
    },
}

impl fmt::Debug for PrivateKeyInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PrivateKeyInfo::Rsa(rsa) => f.debug_tuple("Rsa").field(rsa).finish(),
            PrivateKeyInfo::Ec { curve, public, .. } => f
                .debug_struct("Ec")
                .field("curve", curve)
                .field("public", public)
                .finish_non_exhaustive(),
            PrivateKeyInfo::Ed25519 { public, .. } => f
                .debug_struct("Ed25519")
                .field("public", public)
                .finish_non_exhaustive(),
        }
    }
}

/// What a key file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyFile {
    /// A public key (from `PUBLIC KEY`, `RSA PUBLIC KEY` or `CERTIFICATE`).
    Public(PublicKeyInfo),
    /// A private key (from `PRIVATE KEY`, `RSA PRIVATE KEY` or
    /// `EC PRIVATE KEY`).
    Private(PrivateKeyInfo),
}

/// Reads the one key of a PEM text: decodes the block ([`pem::decode`])
/// and parses its DER as the structure its label names ([`parse_der`]).
///
/// # Errors
///
/// [`KeyError::Pem`] for the armour (including encrypted keys), and the
/// errors of the structure's `parse_*` function. [`KeyError::class`] says
/// how to report each.
///
/// ```
/// use barejwt::crypto::pkix::{parse_pem, KeyFile, PublicKeyInfo};
///
/// // RFC 8410 §10.1.
/// let text = b"-----BEGIN PUBLIC KEY-----\n\
///     MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n\
///     -----END PUBLIC KEY-----\n";
/// let KeyFile::Public(PublicKeyInfo::Ed25519 { key }) = parse_pem(text)? else {
///     panic!("an Ed25519 public key")
/// };
/// assert_eq!(key[..4], [0x19, 0xbf, 0x44, 0x09]);
/// # Ok::<(), barejwt::crypto::pkix::KeyError>(())
/// ```
pub fn parse_pem(text: &[u8]) -> Result<KeyFile, KeyError> {
    let mut block = pem::decode(text)?;
    let key = parse_der(block.label, &block.der);
    wipe(&mut block.der);
    key
}

/// Parses DER as the structure a PEM label names.
///
/// # Errors
///
/// Those of the structure's `parse_*` function.
pub fn parse_der(label: Label, der: &[u8]) -> Result<KeyFile, KeyError> {
    match label {
        Label::PublicKey => parse_spki(der).map(KeyFile::Public),
        Label::RsaPublicKey => parse_rsa_public_key(der).map(KeyFile::Public),
        Label::Certificate => parse_certificate(der).map(KeyFile::Public),
        Label::PrivateKey => parse_pkcs8(der).map(KeyFile::Private),
        Label::RsaPrivateKey => parse_rsa_private_key(der).map(KeyFile::Private),
        Label::EcPrivateKey => parse_ec_private_key(der).map(KeyFile::Private),
    }
}

/// Writes a key as PEM: a public key as `PUBLIC KEY` (SubjectPublicKeyInfo),
/// a private key as `PRIVATE KEY` (PKCS #8), in 64-character lines ended by
/// LF, as `keygen` and `pubkey` print them (spec/cli.md).
pub fn write_pem(key: &KeyFile) -> String {
    match key {
        KeyFile::Public(public) => pem::encode(Label::PublicKey, &write_spki(public)),
        KeyFile::Private(private) => {
            let mut der = write_pkcs8(private);
            let text = pem::encode(Label::PrivateKey, &der);
            wipe(&mut der);
            text
        }
    }
}

/// Checks an Ed25519 key or seed element's length and copies it.
fn ed25519_octets(content: &[u8], offset: usize) -> Result<[u8; 32], KeyError> {
    content.try_into().map_err(|_| KeyError::InvalidKey {
        problem: InvalidKeyProblem::Ed25519Length(content.len()),
        offset,
    })
}
