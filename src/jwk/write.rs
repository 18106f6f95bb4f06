//! Publishing keys: the public JWK of a signing key (RFC 7517 §4, with the
//! RFC 7638 thumbprint as its `kid`), and a JWK Set written as JSON text
//! holding public members only (RFC 7517 §5), as an issuer serves it at a
//! URL such as `/.well-known/jwks.json`.
//!
//! What is written for each key, and nothing else:
//!
//! | member | value |
//! | --- | --- |
//! | `kty` and the public members | RFC 7518 §6.2.1 (`crv`, `x`, `y`), §6.3.1 (`n`, `e`), RFC 8037 §2 (`crv`, `x`) |
//! | `kid` | the key's own; [`Jwk::public_signing`] sets the RFC 7638 thumbprint |
//! | `alg` | the key's own, when it has one (RFC 7517 §4.4) |
//! | `use` | `sig` when the key has a `use` (a set holds no other) |
//! | `key_ops` | `["verify"]` when the key has `key_ops` (they allow verifying) |
//!
//! Never written: a private member (`d`, `p`, `q`, `dp`, `dq`, `qi`, an
//! `oct` key's `k`), or a key without a public half. So a set read from a
//! file of private JWKs can be published as is: an HMAC secret in it is
//! left out, not leaked. No I/O here: the caller serves the text.

use super::{Jwk, JwkSet, KeyPolicy, Support};
use crate::alg::Algorithm;
use crate::error::Error;
use crate::json::{Object, Value};
use crate::keys::AsymmetricKey;
use alloc::string::{String, ToString};
use alloc::vec;

impl Jwk {
    /// The public JWK to publish for `key` signing `alg` tokens: its public
    /// members, `kid` = its RFC 7638 thumbprint ([`AsymmetricKey::thumbprint`]),
    /// `alg`, and `use` `sig`. The JWK holds the public half only, read back
    /// from those members, so it verifies exactly as a verifier that
    /// fetched the set would.
    ///
    /// ```
    /// use barejwt::{Algorithm, AsymmetricKey, Jwk, JwkSet};
    /// // RFC 8037 Appendix A.1's private key.
    /// let d = barejwt::base64url::decode(b"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A").unwrap();
    /// let key = AsymmetricKey::ed25519_private(&d, None)?;
    ///
    /// let jwk = Jwk::public_signing(&key, Algorithm::EdDsa)?;
    /// assert_eq!(jwk.kid(), Some("kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"));
    /// let set = JwkSet::from_keys([jwk]);
    /// assert_eq!(
    ///     set.to_public_json(),
    ///     r#"{"keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k","alg":"EdDSA","use":"sig"}]}"#
    /// );
    /// # Ok::<(), barejwt::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`crate::ErrorKind::AlgorithmNotAllowed`] when `alg` does not fit the
    /// key's family and curve ([`AsymmetricKey::fits`]).
    pub fn public_signing(key: &AsymmetricKey, alg: Algorithm) -> Result<Jwk, Error> {
        key.fits(alg)?;
        let mut object = key.public_jwk();
        object.insert("kid", Value::String(key.thumbprint()));
        object.insert("alg", Value::String(alg.as_str().to_string()));
        object.insert("use", Value::String("sig".to_string()));
        // `from_object` refuses members it cannot use; a key this crate
        // wrote is always readable, so this fails only on a bug.
        Jwk::from_object(&object, &KeyPolicy::default())
    }

    /// The same JWK with `kid` in place of its own (RFC 7517 §4.5), for an
    /// issuer that names its keys another way than by thumbprint.
    pub fn with_kid(mut self, kid: impl Into<String>) -> Jwk {
        self.kid = Some(kid.into());
        self
    }

    /// The members of this JWK that may be published (see the module
    /// table): `None` for a key without a public half (an HMAC secret, a
    /// key whose members are unusable, a type or curve this crate does
    /// not read) or one whose `key_ops` forbid verifying.
    pub fn public_object(&self) -> Option<Object> {
        let Support::Supported(_, Ok(keys)) = &self.support else {
            return None;
        };
        let key = keys.asymmetric.as_ref()?;
        let mut object = key.public_jwk();
        if let Some(kid) = &self.kid {
            object.insert("kid", Value::String(kid.clone()));
        }
        if let Some(alg) = &self.alg {
            object.insert("alg", Value::String(alg.clone()));
        }
        if let Some(use_) = &self.use_ {
            if use_ != "sig" {
                return None;
            }
            object.insert("use", Value::String(use_.clone()));
        }
        if self.key_ops.is_some() {
            // A published key is a public key: all it can do is verify.
            // Keys whose operations do not include verifying (or signing,
            // whose public half verifies) are not published at all.
            if !self.allows_verify() {
                return None;
            }
            object.insert(
                "key_ops",
                Value::Array(vec![Value::String("verify".to_string())]),
            );
        }
        Some(object)
    }

    /// Whether `key_ops`, when present, lists `verify` or `sign` (RFC 7517
    /// §4.3; the rule of [`super::Operation::Verify`]).
    fn allows_verify(&self) -> bool {
        self.key_ops
            .as_ref()
            .map_or(true, |ops| ops.iter().any(|o| o == "verify" || o == "sign"))
    }
}

impl JwkSet {
    /// The set as JSON text to publish, `{"keys":[...]}`: each key's
    /// [`Jwk::public_object`] in set order; keys without a public half are
    /// left out (never an HMAC secret, never a private member). Compact, no
    /// white space.
    ///
    /// ```
    /// use barejwt::{Algorithm, AsymmetricKey, Jwk, JwkSet};
    /// // A private JWK file: the set written from it holds only the public half.
    /// let set = JwkSet::parse(br#"{"keys":[
    ///   {"kty":"OKP","crv":"Ed25519","kid":"2026-12","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"},
    ///   {"kty":"oct","kid":"shared","k":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"}]}"#)?;
    /// let published = set.to_public_json();
    /// assert_eq!(
    ///     published,
    ///     r#"{"keys":[{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo","kid":"2026-12"}]}"#
    /// );
    /// // What is written reads back as a set with the same public key.
    /// assert_eq!(JwkSet::parse(published.as_bytes())?.len(), 1);
    /// # Ok::<(), barejwt::Error>(())
    /// ```
    pub fn to_public_json(&self) -> String {
        let keys = self
            .keys()
            .iter()
            .filter_map(Jwk::public_object)
            .map(Value::Object)
            .collect();
        let mut set = Object::new();
        set.insert("keys", Value::Array(keys));
        Value::Object(set).to_json()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::rand::TestRng;
    use crate::keys::KeyResolver;
    use crate::ErrorKind;
    use alloc::format;
    use alloc::vec::Vec;

    /// RFC 8037 Appendix A.1's key pair.
    const ED_D: &str = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A";
    const ED_X: &str = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";
    /// Its thumbprint, RFC 8037 Appendix A.3.
    const ED_THUMBPRINT: &str = "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k";

    fn ed25519() -> AsymmetricKey {
        let d = crate::base64url::decode(ED_D.as_bytes()).unwrap();
        AsymmetricKey::ed25519_private(&d, None).unwrap()
    }

    fn names(object: &Object) -> Vec<&str> {
        object.iter().map(|(name, _)| name).collect()
    }

    #[test]
    fn rfc_8037_a_3_thumbprint_is_the_kid_and_only_public_members_are_written() {
        let jwk = Jwk::public_signing(&ed25519(), Algorithm::EdDsa).unwrap();
        assert_eq!(jwk.kid(), Some(ED_THUMBPRINT));
        assert_eq!(jwk.alg(), Some("EdDSA"));
        assert_eq!(jwk.use_(), Some("sig"));
        // The JWK holds the public half only.
        assert!(!jwk.asymmetric_key().unwrap().unwrap().is_private());
        let object = jwk.public_object().unwrap();
        assert_eq!(names(&object), ["kty", "crv", "x", "kid", "alg", "use"]);
        assert_eq!(object.get("x").and_then(Value::as_str), Some(ED_X));
    }

    #[test]
    fn every_family_writes_its_public_members_and_never_a_private_one() {
        let mut rng = TestRng(7);
        let cases = [
            (
                Algorithm::EdDsa,
                &["kty", "crv", "x", "kid", "alg", "use"][..],
            ),
            (
                Algorithm::Es256,
                &["kty", "crv", "x", "y", "kid", "alg", "use"],
            ),
            (
                Algorithm::Es384,
                &["kty", "crv", "x", "y", "kid", "alg", "use"],
            ),
            (Algorithm::Rs256, &["kty", "n", "e", "kid", "alg", "use"]),
        ];
        let mut jwks = Vec::new();
        for (alg, members) in cases {
            let key = AsymmetricKey::generate(alg, &mut rng).unwrap();
            let jwk = Jwk::public_signing(&key, alg).unwrap();
            assert_eq!(jwk.kid(), Some(key.thumbprint().as_str()), "{alg}");
            let object = jwk.public_object().unwrap();
            assert_eq!(names(&object), members, "{alg}");
            jwks.push(jwk);
        }
        let text = JwkSet::from_keys(jwks).to_public_json();
        for private in [
            "\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"", "\"k\"",
        ] {
            assert!(!text.contains(private), "{private} in {text}");
        }
        // Read back by a verifier: four keys, each chosen by its kid.
        let set = JwkSet::parse(text.as_bytes()).unwrap();
        assert_eq!((set.len(), set.skipped()), (4, 0));
        for jwk in set.keys() {
            let alg = Algorithm::from_name(jwk.alg().unwrap()).unwrap();
            assert!(set.resolve(alg, jwk.kid()).is_ok(), "{alg}");
        }
    }

    #[test]
    fn a_token_signed_by_the_private_key_verifies_with_the_published_set() {
        let key = ed25519();
        let jwk = Jwk::public_signing(&key, Algorithm::EdDsa).unwrap();
        let published = JwkSet::from_keys([jwk]).to_public_json();
        let set = JwkSet::parse(published.as_bytes()).unwrap();

        let mut claims = Object::new();
        claims.insert(
            "exp",
            Value::Number(crate::json::Number::from_u64(4_102_444_800)),
        );
        let signing = key.key(Algorithm::EdDsa).unwrap();
        let header = crate::HeaderFields::new().kid(ED_THUMBPRINT);
        let token = crate::sign_with_header(&signing, &header, &claims).unwrap();
        let validation = crate::Validation::new(&[Algorithm::EdDsa]);
        assert!(crate::verify(&token, &set, &validation).is_ok());
        // Another kid is not guessed at.
        let other = crate::HeaderFields::new().kid("another");
        let token = crate::sign_with_header(&signing, &other, &claims).unwrap();
        assert_eq!(
            crate::verify(&token, &set, &validation).unwrap_err().kind(),
            ErrorKind::UnknownKey
        );
    }

    #[test]
    fn an_algorithm_the_key_does_not_fit_is_refused() {
        for alg in [Algorithm::Hs256, Algorithm::Rs256, Algorithm::Es256] {
            assert_eq!(
                Jwk::public_signing(&ed25519(), alg).unwrap_err().kind(),
                ErrorKind::AlgorithmNotAllowed,
                "{alg}"
            );
        }
    }

    #[test]
    fn secrets_unusable_keys_and_keys_that_cannot_verify_are_left_out() {
        let set = JwkSet::parse(
            format!(
                r#"{{"keys":[
                {{"kty":"oct","kid":"s","k":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"}},
                {{"kty":"OKP","crv":"Ed25519","kid":"bad","x":"AA"}},
                {{"kty":"OKP","crv":"Ed25519","kid":"enc-only","key_ops":["encrypt"],"x":"{ED_X}"}},
                {{"kty":"OKP","crv":"Ed25519","kid":"signer","key_ops":["sign"],"d":"{ED_D}","x":"{ED_X}"}},
                {{"kty":"OKP","crv":"X25519","kid":"x","x":"{ED_X}"}}]}}"#
            )
            .as_bytes(),
        )
        .unwrap();
        assert_eq!(
            set.to_public_json(),
            format!(
                r#"{{"keys":[{{"kty":"OKP","crv":"Ed25519","x":"{ED_X}","kid":"signer","key_ops":["verify"]}}]}}"#
            )
        );
        assert_eq!(JwkSet::default().to_public_json(), r#"{"keys":[]}"#);
    }

    #[test]
    fn with_kid_replaces_the_thumbprint() {
        let jwk = Jwk::public_signing(&ed25519(), Algorithm::Ed25519)
            .unwrap()
            .with_kid("2026-12");
        assert_eq!(jwk.kid(), Some("2026-12"));
        let object = jwk.public_object().unwrap();
        assert_eq!(object.get("kid").and_then(Value::as_str), Some("2026-12"));
        assert_eq!(object.get("alg").and_then(Value::as_str), Some("Ed25519"));
    }
}
