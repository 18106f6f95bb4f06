//! The one workload of `spec/bench.md`, configured alike for every crate:
//! the secret 00..1f, the standard and large HS256 tokens, the EdDSA token
//! of "Public-key tokens" with its key (RFC 8037 A.1) as JWK and PEM, the
//! RSA and ECDSA keys and tokens of `keys/` (keys/README.md), and
//! "verify" meaning algorithms [HS256] (or the one public-key alg), `exp` required and
//! checked, `nbf` checked, leeway 0, `iss` equal to the issuer, `aud`
//! containing the audience, on the real clock for every crate.

pub const ISSUER: &str = "https://auth.example.com";
pub const AUDIENCE: &str = "api.example.com";

/// The standard claims, 204 bytes.
pub const CLAIMS: &str = r#"{"sub":"1234567890","name":"John Doe","iss":"https://auth.example.com","aud":"api.example.com","iat":1700000000,"nbf":1700000000,"exp":4102444800,"jti":"9f8b2c1e-4d5a-4e2b-9c3d-1a2b3c4d5e6f","admin":true}"#;

/// The standard token, 353 characters.
pub const TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaXNzIjoiaHR0cHM6Ly9hdXRoLmV4YW1wbGUuY29tIiwiYXVkIjoiYXBpLmV4YW1wbGUuY29tIiwiaWF0IjoxNzAwMDAwMDAwLCJuYmYiOjE3MDAwMDAwMDAsImV4cCI6NDEwMjQ0NDgwMCwianRpIjoiOWY4YjJjMWUtNGQ1YS00ZTJiLTljM2QtMWEyYjNjNGQ1ZTZmIiwiYWRtaW4iOnRydWV9.VOz-12EXpx-5rkNCanrioqAlS1zmQFgWILEMNUcEctA";

/// The large token's signature part.
pub const LARGE_SIGNATURE: &str = "6v7b7YPKuV11uPMUomc7abB69GWpHs5Br94VgMeUQhE";

pub fn secret() -> Vec<u8> {
    (0u8..32).collect()
}

/// The large claims: the standard ones plus `"data"` (4096 characters), 4310 bytes.
pub fn large_claims() -> String {
    let data = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".repeat(64);
    let claims = format!("{},\"data\":\"{data}\"}}", &CLAIMS[..CLAIMS.len() - 1]);
    assert_eq!(claims.len(), 4310);
    claims
}

/// The large token, signed with barejwt and checked against the signature
/// `spec/bench.md` publishes.
pub fn large_token() -> String {
    let key = barejwt::Key::hs256(&secret()).unwrap();
    let claims = barejwt_object(&large_claims());
    let token = barejwt::sign(&key, &claims).unwrap();
    assert!(token.ends_with(LARGE_SIGNATURE), "large token signature");
    token
}

pub fn barejwt_object(json: &str) -> barejwt::json::Object {
    match barejwt::json::parse(json.as_bytes()).unwrap() {
        barejwt::json::Value::Object(object) => object,
        _ => unreachable!(),
    }
}

// ---- barejwt ------------------------------------------------------------

pub fn barejwt_validation() -> barejwt::Validation {
    // exp required (the default), nbf checked, leeway 0 (the default).
    barejwt::Validation::new(&[barejwt::Algorithm::Hs256])
        .leeway_secs(0)
        .issuer(ISSUER)
        .audience(AUDIENCE)
}

// ---- jsonwebtoken (rust_crypto) -----------------------------------------

/// The claims as a typed struct, the crate's usual (and fastest) way.
#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct JwtClaims {
    pub sub: String,
    pub name: String,
    pub iss: String,
    pub aud: String,
    pub iat: u64,
    pub nbf: u64,
    pub exp: u64,
    pub jti: String,
    pub admin: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
}

pub fn jsonwebtoken_validation() -> jsonwebtoken::Validation {
    let mut v = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::HS256);
    v.algorithms = vec![jsonwebtoken::Algorithm::HS256];
    v.set_required_spec_claims(&["exp"]);
    v.validate_exp = true;
    v.validate_nbf = true;
    v.leeway = 0;
    v.set_issuer(&[ISSUER]);
    v.set_audience(&[AUDIENCE]);
    v
}

// ---- jwt-simple (pure-rust) ---------------------------------------------

#[derive(Debug, serde::Serialize, serde::Deserialize)]
pub struct SimpleCustom {
    pub name: String,
    pub admin: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<String>,
}

pub fn jwt_simple_options() -> jwt_simple::prelude::VerificationOptions {
    use jwt_simple::prelude::*;
    VerificationOptions {
        allowed_issuers: Some(HashSet::from([ISSUER.to_string()])),
        allowed_audiences: Some(HashSet::from([AUDIENCE.to_string()])),
        time_tolerance: Some(Duration::from_secs(0)),
        ..Default::default()
    }
}

/// jwt-simple checks `exp` and `nbf` when present; "required" is checked
/// by the caller, as its documentation suggests.
pub fn jwt_simple_verify(
    key: &jwt_simple::prelude::HS256Key,
    token: &str,
    options: &jwt_simple::prelude::VerificationOptions,
) -> Option<jwt_simple::prelude::JWTClaims<SimpleCustom>> {
    use jwt_simple::prelude::*;
    let claims = key
        .verify_token::<SimpleCustom>(token, Some(options.clone()))
        .ok()?;
    claims.expires_at?;
    Some(claims)
}

pub fn jwt_simple_claims(data: Option<String>) -> jwt_simple::prelude::JWTClaims<SimpleCustom> {
    use jwt_simple::prelude::*;
    JWTClaims {
        issued_at: Some(Duration::from_secs(1_700_000_000)),
        expires_at: Some(Duration::from_secs(4_102_444_800)),
        invalid_before: Some(Duration::from_secs(1_700_000_000)),
        issuer: Some(ISSUER.into()),
        subject: Some("1234567890".into()),
        audiences: Some(Audiences::AsString(AUDIENCE.into())),
        jwt_id: Some("9f8b2c1e-4d5a-4e2b-9c3d-1a2b3c4d5e6f".into()),
        nonce: None,
        custom: SimpleCustom {
            name: "John Doe".into(),
            admin: true,
            data,
        },
    }
}

// ---- Public-key tokens: EdDSA (spec/bench.md) -----------------------------

/// The RFC 8037 A.1 key (RFC 8032 §7.1 TEST 1): the seed, `d` of the JWK.
pub const ED25519_SEED_HEX: &str =
    "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

/// The public key, `x` of the JWK.
pub const ED25519_X: &str = "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo";

/// The public JWK (RFC 8037 A.2).
pub const ED25519_PUBLIC_JWK: &str =
    r#"{"kty":"OKP","crv":"Ed25519","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;

/// The private JWK (RFC 8037 A.1).
pub const ED25519_PRIVATE_JWK: &str = r#"{"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#;

/// The public key as SubjectPublicKeyInfo (RFC 8410 §4), as OpenSSL writes it.
pub const ED25519_PUBLIC_PEM: &str = "-----BEGIN PUBLIC KEY-----
MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=
-----END PUBLIC KEY-----
";

/// The private key as PKCS #8 v1 (RFC 8410 §7), as OpenSSL writes it.
pub const ED25519_PRIVATE_PEM: &str = "-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g
-----END PRIVATE KEY-----
";

/// The standard claims under `{"alg":"EdDSA","typ":"JWT"}`, signed with the
/// key above (Ed25519 is deterministic; this signature was made with
/// OpenSSL, through Python's `cryptography`), 396 characters.
pub const EDDSA_TOKEN: &str = "eyJhbGciOiJFZERTQSIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaXNzIjoiaHR0cHM6Ly9hdXRoLmV4YW1wbGUuY29tIiwiYXVkIjoiYXBpLmV4YW1wbGUuY29tIiwiaWF0IjoxNzAwMDAwMDAwLCJuYmYiOjE3MDAwMDAwMDAsImV4cCI6NDEwMjQ0NDgwMCwianRpIjoiOWY4YjJjMWUtNGQ1YS00ZTJiLTljM2QtMWEyYjNjNGQ1ZTZmIiwiYWRtaW4iOnRydWV9.aTIrbewBrOJSk2ie4bTxFi-FlspUFedNyqQ-Lz-nnrlCME83ZzRBRaTrUtTwUeV1whgg76klmsnvXbEWu3PTBw";

pub fn ed25519_seed() -> [u8; 32] {
    let mut seed = [0u8; 32];
    for (i, b) in seed.iter_mut().enumerate() {
        *b = u8::from_str_radix(&ED25519_SEED_HEX[2 * i..2 * i + 2], 16).unwrap();
    }
    seed
}

pub fn ed25519_x() -> [u8; 32] {
    barejwt::base64url::decode(ED25519_X.as_bytes())
        .unwrap()
        .try_into()
        .unwrap()
}

/// The same verification as [`barejwt_validation`], for EdDSA.
pub fn barejwt_validation_eddsa() -> barejwt::Validation {
    barejwt::Validation::new(&[barejwt::Algorithm::EdDsa])
        .leeway_secs(0)
        .issuer(ISSUER)
        .audience(AUDIENCE)
}

/// The same verification as [`jsonwebtoken_validation`], for EdDSA.
pub fn jsonwebtoken_validation_eddsa() -> jsonwebtoken::Validation {
    let mut v = jsonwebtoken::Validation::new(jsonwebtoken::Algorithm::EdDSA);
    v.algorithms = vec![jsonwebtoken::Algorithm::EdDSA];
    v.set_required_spec_claims(&["exp"]);
    v.validate_exp = true;
    v.validate_nbf = true;
    v.leeway = 0;
    v.set_issuer(&[ISSUER]);
    v.set_audience(&[AUDIENCE]);
    v
}

/// As [`jwt_simple_verify`], with an Ed25519 public key.
pub fn jwt_simple_verify_eddsa(
    key: &jwt_simple::prelude::Ed25519PublicKey,
    token: &str,
    options: &jwt_simple::prelude::VerificationOptions,
) -> Option<jwt_simple::prelude::JWTClaims<SimpleCustom>> {
    use jwt_simple::prelude::*;
    let claims = key
        .verify_token::<SimpleCustom>(token, Some(options.clone()))
        .ok()?;
    claims.expires_at?;
    Some(claims)
}

// ---- Public-key tokens: RSA and ECDSA (spec/bench.md, keys/README.md) -----

/// One key's files under `keys/`: its public and private JWK, its SPKI and
/// PKCS #8 PEM (written by `keys/make.py`).
pub struct KeyFiles {
    pub public_jwk: &'static str,
    pub private_jwk: &'static str,
    pub public_pem: &'static str,
    pub private_pem: &'static str,
}

macro_rules! key_files {
    ($name:literal) => {
        KeyFiles {
            public_jwk: include_str!(concat!("../keys/", $name, ".public.jwk")),
            private_jwk: include_str!(concat!("../keys/", $name, ".private.jwk")),
            public_pem: include_str!(concat!("../keys/", $name, ".public.pem")),
            private_pem: include_str!(concat!("../keys/", $name, ".private.pem")),
        }
    };
}

/// RS256 and PS256: the RSA 2048-bit key of RFC 7515 A.2.
pub const RSA2048: KeyFiles = key_files!("rsa2048");
/// ES256: the P-256 key of RFC 7515 A.3.
pub const P256: KeyFiles = key_files!("p256");
/// ES384: the P-384 key stated by the reference pack (`jws-constructed-es384`).
pub const P384: KeyFiles = key_files!("p384");
/// ES512: the P-521 key of RFC 7520 §3.2.
pub const P521: KeyFiles = key_files!("p521");
/// ES256K: a secp256k1 key made for these figures with OpenSSL (keys/README.md).
pub const SECP256K1: KeyFiles = key_files!("secp256k1");

/// The standard claims under `{"alg":"RS256","typ":"JWT"}`, signed with
/// OpenSSL through Python's `cryptography` (PKCS #1 v1.5 is deterministic).
pub fn rs256_token() -> &'static str {
    include_str!("../keys/rs256.token").trim_end()
}

/// The same for ES256, ES384, ES512 and ES256K, with the nonce of RFC 6979.
pub fn es256_token() -> &'static str {
    include_str!("../keys/es256.token").trim_end()
}

pub fn es384_token() -> &'static str {
    include_str!("../keys/es384.token").trim_end()
}

pub fn es512_token() -> &'static str {
    include_str!("../keys/es512.token").trim_end()
}

pub fn es256k_token() -> &'static str {
    include_str!("../keys/es256k.token").trim_end()
}

/// The DER inside a PEM text (the lines between the BEGIN and END lines).
pub fn pem_der(pem: &str) -> Vec<u8> {
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::Engine::decode(&base64::engine::general_purpose::STANDARD, body).unwrap()
}

/// A member of a JWK text, base64url-decoded.
pub fn jwk_member(jwk: &str, name: &str) -> Vec<u8> {
    let value: serde_json::Value = serde_json::from_str(jwk).unwrap();
    barejwt::base64url::decode(value[name].as_str().unwrap().as_bytes()).unwrap()
}

/// The verification of [`barejwt_validation`] with `alg` as the one algorithm.
pub fn barejwt_validation_for(alg: barejwt::Algorithm) -> barejwt::Validation {
    barejwt::Validation::new(&[alg])
        .leeway_secs(0)
        .issuer(ISSUER)
        .audience(AUDIENCE)
}

/// The verification of [`jsonwebtoken_validation`] with `alg` as the one algorithm.
pub fn jsonwebtoken_validation_for(alg: jsonwebtoken::Algorithm) -> jsonwebtoken::Validation {
    let mut v = jsonwebtoken::Validation::new(alg);
    v.algorithms = vec![alg];
    v.set_required_spec_claims(&["exp"]);
    v.validate_exp = true;
    v.validate_nbf = true;
    v.leeway = 0;
    v.set_issuer(&[ISSUER]);
    v.set_audience(&[AUDIENCE]);
    v
}

/// jwt-simple's verdict with `exp` required, as in [`jwt_simple_verify`].
pub fn jwt_simple_checked(
    result: Result<jwt_simple::prelude::JWTClaims<SimpleCustom>, jwt_simple::Error>,
) -> Option<jwt_simple::prelude::JWTClaims<SimpleCustom>> {
    let claims = result.ok()?;
    claims.expires_at?;
    Some(claims)
}
