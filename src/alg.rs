//! JWS algorithm names: RFC 7518 §3.1, RFC 8037 §3.1 (`EdDSA`),
//! RFC 8812 §3.2 (`ES256K`) and RFC 9864 §2.2 (`Ed25519`).
//!
//! Names are matched exactly, case-sensitively (RFC 7515 §4.1.1: "a
//! case-sensitive ASCII string"). `none`, the Unsecured JWS of RFC 7518
//! §3.6, is deliberately *not* a variant: no allow-list, key or
//! configuration can ever make this crate accept an unsigned token
//! (RFC 8725 §3.1). The verifier recognises the name only to say so.
//!
//! This crate verifies and signs with every one of them.

use core::fmt;

/// The wire name of the Unsecured JWS, which never verifies (RFC 7518 §3.6).
pub const UNSECURED: &str = "none";

/// A JWS signature algorithm, named as on the wire by [`Algorithm::as_str`].
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Algorithm {
    /// HMAC using SHA-256 (RFC 7518 §3.2).
    Hs256,
    /// HMAC using SHA-384 (RFC 7518 §3.2).
    Hs384,
    /// HMAC using SHA-512 (RFC 7518 §3.2).
    Hs512,
    /// RSASSA-PKCS1-v1_5 using SHA-256 (RFC 7518 §3.3).
    Rs256,
    /// RSASSA-PKCS1-v1_5 using SHA-384 (RFC 7518 §3.3).
    Rs384,
    /// RSASSA-PKCS1-v1_5 using SHA-512 (RFC 7518 §3.3).
    Rs512,
    /// ECDSA using P-256 and SHA-256 (RFC 7518 §3.4).
    Es256,
    /// ECDSA using P-384 and SHA-384 (RFC 7518 §3.4).
    Es384,
    /// ECDSA using P-521 and SHA-512 (RFC 7518 §3.4).
    Es512,
    /// RSASSA-PSS using SHA-256 and MGF1 with SHA-256 (RFC 7518 §3.5).
    Ps256,
    /// RSASSA-PSS using SHA-384 and MGF1 with SHA-384 (RFC 7518 §3.5).
    Ps384,
    /// RSASSA-PSS using SHA-512 and MGF1 with SHA-512 (RFC 7518 §3.5).
    Ps512,
    /// Edwards-curve signatures with an Ed25519 key (RFC 8037 §3.1).
    EdDsa,
    /// ECDSA using secp256k1 and SHA-256 (RFC 8812 §3.2).
    Es256K,
    /// Ed25519 under its fully-specified name (RFC 9864 §2.2): the same
    /// signatures as [`Algorithm::EdDsa`] with an Ed25519 key, but its own
    /// entry, matching only its own header value.
    Ed25519,
}

impl Algorithm {
    /// Every algorithm, in the order of RFC 7518 §3.1's table, then RFC 8037,
    /// RFC 8812 and RFC 9864.
    pub const ALL: [Algorithm; 15] = [
        Algorithm::Hs256,
        Algorithm::Hs384,
        Algorithm::Hs512,
        Algorithm::Rs256,
        Algorithm::Rs384,
        Algorithm::Rs512,
        Algorithm::Es256,
        Algorithm::Es384,
        Algorithm::Es512,
        Algorithm::Ps256,
        Algorithm::Ps384,
        Algorithm::Ps512,
        Algorithm::EdDsa,
        Algorithm::Es256K,
        Algorithm::Ed25519,
    ];

    /// The wire name (`"HS256"`, ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            Algorithm::Hs256 => "HS256",
            Algorithm::Hs384 => "HS384",
            Algorithm::Hs512 => "HS512",
            Algorithm::Rs256 => "RS256",
            Algorithm::Rs384 => "RS384",
            Algorithm::Rs512 => "RS512",
            Algorithm::Es256 => "ES256",
            Algorithm::Es384 => "ES384",
            Algorithm::Es512 => "ES512",
            Algorithm::Ps256 => "PS256",
            Algorithm::Ps384 => "PS384",
            Algorithm::Ps512 => "PS512",
            Algorithm::EdDsa => "EdDSA",
            Algorithm::Es256K => "ES256K",
            Algorithm::Ed25519 => "Ed25519",
        }
    }

    /// The algorithm with this exact wire name. Case-sensitive; `"none"`
    /// and unknown names give `None`.
    ///
    /// ```
    /// use barejwt::Algorithm;
    /// assert_eq!(Algorithm::from_name("HS256"), Some(Algorithm::Hs256));
    /// assert_eq!(Algorithm::from_name("hs256"), None);
    /// assert_eq!(Algorithm::from_name("none"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Algorithm> {
        Algorithm::ALL.into_iter().find(|a| a.as_str() == name)
    }

    /// Whether this crate can verify and sign with it: every algorithm it
    /// names.
    pub const fn is_supported(self) -> bool {
        self.is_hmac() || self.is_rsa() || self.is_ecdsa() || self.is_eddsa()
    }

    /// Whether it is RSA: RS256, RS384, RS512 (PKCS #1 v1.5) or PS256,
    /// PS384, PS512 (PSS).
    pub const fn is_rsa(self) -> bool {
        matches!(
            self,
            Algorithm::Rs256
                | Algorithm::Rs384
                | Algorithm::Rs512
                | Algorithm::Ps256
                | Algorithm::Ps384
                | Algorithm::Ps512
        )
    }

    /// Whether it is ECDSA: ES256, ES384, ES512 or ES256K.
    pub const fn is_ecdsa(self) -> bool {
        matches!(
            self,
            Algorithm::Es256 | Algorithm::Es384 | Algorithm::Es512 | Algorithm::Es256K
        )
    }

    /// Whether it is one of the two names of Ed25519 signatures: `EdDSA`
    /// (RFC 8037) or `Ed25519` (RFC 9864).
    pub const fn is_eddsa(self) -> bool {
        matches!(self, Algorithm::EdDsa | Algorithm::Ed25519)
    }

    /// Whether it is one of HS256, HS384, HS512.
    pub const fn is_hmac(self) -> bool {
        matches!(self, Algorithm::Hs256 | Algorithm::Hs384 | Algorithm::Hs512)
    }

    /// For HMAC algorithms, the hash output length in bytes, which is also
    /// the minimum secret length (RFC 7518 §3.2).
    pub const fn hmac_output_len(self) -> Option<usize> {
        match self {
            Algorithm::Hs256 => Some(32),
            Algorithm::Hs384 => Some(48),
            Algorithm::Hs512 => Some(64),
            _ => None,
        }
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_round_trips_and_is_case_sensitive() {
        for a in Algorithm::ALL {
            assert_eq!(Algorithm::from_name(a.as_str()), Some(a));
            assert_eq!(Algorithm::from_name(&a.as_str().to_ascii_lowercase()), None);
        }
        assert_eq!(Algorithm::from_name("ES256K"), Some(Algorithm::Es256K));
        assert_eq!(Algorithm::from_name("EDDSA"), None);
    }

    #[test]
    fn none_is_not_an_algorithm() {
        assert_eq!(Algorithm::from_name(UNSECURED), None);
        assert_eq!(Algorithm::from_name("None"), None);
        assert_eq!(Algorithm::from_name("NONE"), None);
    }

    #[test]
    fn every_algorithm_is_supported_and_in_one_family() {
        for a in Algorithm::ALL {
            assert!(a.is_supported(), "{a}");
            let families = [a.is_hmac(), a.is_rsa(), a.is_ecdsa(), a.is_eddsa()];
            assert_eq!(families.iter().filter(|f| **f).count(), 1, "{a}");
        }
        assert_eq!(Algorithm::Hs384.hmac_output_len(), Some(48));
        assert_eq!(Algorithm::Rs256.hmac_output_len(), None);
    }
}
