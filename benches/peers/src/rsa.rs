//! RS256 and PS256 figures of `spec/bench.md`, "Public-key tokens", with
//! the RSA 2048-bit key of RFC 7515 A.2 (e = 65537): verify and sign of the
//! standard claims at the token level (barejwt, jsonwebtoken with its
//! `rust_crypto` backend, that is the RustCrypto `rsa` crate, jwt-simple
//! `pure-rust`, the same `rsa` crate through superboring) and the signature
//! alone over the same signing input (barejwt's `crypto::rsa`, ring,
//! aws-lc-rs), and the cost of importing the key from its JWK and its PEM.
//!
//! The RS256 token is a constant (`keys/rs256.token`, signed with OpenSSL):
//! PKCS #1 v1.5 is deterministic, so every signer must give it. PSS has a
//! random salt: the PS256 token is signed once at setup by barejwt, and
//! every verifier verifies that one token; every signer's output is checked
//! by barejwt.

use crate::figure::{entry, Entry};
use crate::suite::*;
use crate::workload::*;
use barejwt::crypto::rand::OsRandom;
use barejwt::crypto::rsa::{RsaHash, RsaPrivateKey, RsaPublicKey};
use jwt_simple::prelude::{RSAKeyPairLike as _, RSAPublicKeyLike as _};
use std::hint::black_box;

#[derive(Clone, Copy, PartialEq)]
enum Scheme {
    Pkcs1,
    Pss,
}

pub fn rs256() -> Suite {
    suite(Scheme::Pkcs1)
}

pub fn ps256() -> Suite {
    suite(Scheme::Pss)
}

/// A barejwt key from a JWK text, for one algorithm and operation.
pub fn bare_from_jwk(
    text: &str,
    alg: barejwt::Algorithm,
    op: barejwt::jwk::Operation,
) -> barejwt::Key {
    barejwt::Jwk::parse(text.as_bytes())
        .unwrap()
        .key(alg, op)
        .unwrap()
        .clone()
}

/// A barejwt key from a PEM text (SPKI or PKCS #8), for one algorithm.
pub fn bare_from_pem(text: &str, alg: barejwt::Algorithm) -> barejwt::Key {
    barejwt::AsymmetricKey::from_pem(text.as_bytes())
        .unwrap()
        .key(alg)
        .unwrap()
}

fn jwt_from_jwk(text: &str) -> jsonwebtoken::DecodingKey {
    let jwk: jsonwebtoken::jwk::Jwk = serde_json::from_str(text).unwrap();
    jsonwebtoken::DecodingKey::from_jwk(&jwk).unwrap()
}

/// The private key from its eight JWK members (`crypto::rsa`).
pub fn raw_private() -> RsaPrivateKey {
    let m = |name| jwk_member(RSA2048.private_jwk, name);
    RsaPrivateKey::from_components(
        &m("n"),
        &m("e"),
        &m("d"),
        &m("p"),
        &m("q"),
        &m("dp"),
        &m("dq"),
        &m("qi"),
    )
    .unwrap()
}

pub fn raw_public() -> RsaPublicKey {
    let m = |name| jwk_member(RSA2048.public_jwk, name);
    RsaPublicKey::from_be_bytes(&m("n"), &m("e")).unwrap()
}

/// The `ring` and `aws-lc-rs` parameters of a scheme.
fn ring_verify(scheme: Scheme) -> &'static ring::signature::RsaParameters {
    match scheme {
        Scheme::Pkcs1 => &ring::signature::RSA_PKCS1_2048_8192_SHA256,
        Scheme::Pss => &ring::signature::RSA_PSS_2048_8192_SHA256,
    }
}

fn ring_sign(scheme: Scheme) -> &'static dyn ring::signature::RsaEncoding {
    match scheme {
        Scheme::Pkcs1 => &ring::signature::RSA_PKCS1_SHA256,
        Scheme::Pss => &ring::signature::RSA_PSS_SHA256,
    }
}

fn awslc_verify(scheme: Scheme) -> &'static aws_lc_rs::signature::RsaParameters {
    match scheme {
        Scheme::Pkcs1 => &aws_lc_rs::signature::RSA_PKCS1_2048_8192_SHA256,
        Scheme::Pss => &aws_lc_rs::signature::RSA_PSS_2048_8192_SHA256,
    }
}

fn awslc_sign(scheme: Scheme) -> &'static dyn aws_lc_rs::signature::RsaEncoding {
    match scheme {
        Scheme::Pkcs1 => &aws_lc_rs::signature::RSA_PKCS1_SHA256,
        Scheme::Pss => &aws_lc_rs::signature::RSA_PSS_SHA256,
    }
}

/// barejwt's signature alone, either scheme.
fn raw_verify(key: &RsaPublicKey, scheme: Scheme, input: &[u8], signature: &[u8]) -> bool {
    match scheme {
        Scheme::Pkcs1 => key.verify_pkcs1v15(RsaHash::Sha256, input, signature),
        Scheme::Pss => key.verify_pss(RsaHash::Sha256, input, signature),
    }
    .is_ok()
}

fn raw_sign(key: &RsaPrivateKey, scheme: Scheme, input: &[u8]) -> Vec<u8> {
    match scheme {
        Scheme::Pkcs1 => key.sign_pkcs1v15(RsaHash::Sha256, input, &mut OsRandom),
        Scheme::Pss => key.sign_pss(RsaHash::Sha256, input, &mut OsRandom),
    }
    .unwrap()
}

/// jwt-simple has one type per algorithm; the two used here.
macro_rules! jwt_simple_rsa {
    ($public:ident, $pair:ident) => {{
        use jwt_simple::prelude::{$pair, $public};
        let public = $public::from_jwk(RSA2048.public_jwk).unwrap();
        let pair = $pair::from_pem(RSA2048.private_pem).unwrap();
        let options = jwt_simple_options();
        let verify: TokenVerify = Box::new(move |token| {
            jwt_simple_checked(public.verify_token::<SimpleCustom>(token, Some(options.clone())))
                .is_some()
        });
        // jwt-simple signs by value: building its claims is part of its sign.
        let sign: TokenSign = Box::new(move || pair.sign(jwt_simple_claims(None)).unwrap());
        let imports: [Entry<'static>; 4] = [
            entry("jwt-simple", || {
                black_box($public::from_jwk(black_box(RSA2048.public_jwk)).unwrap());
            }),
            entry("jwt-simple", || {
                black_box($public::from_pem(black_box(RSA2048.public_pem)).unwrap());
            }),
            entry("jwt-simple", || {
                black_box($pair::from_jwk(black_box(RSA2048.private_jwk)).unwrap());
            }),
            entry("jwt-simple", || {
                black_box($pair::from_pem(black_box(RSA2048.private_pem)).unwrap());
            }),
        ];
        (verify, sign, imports)
    }};
}

fn suite(scheme: Scheme) -> Suite {
    let files = &RSA2048;
    let (alg, bare_alg, jwt_alg) = match scheme {
        Scheme::Pkcs1 => (
            "rs256",
            barejwt::Algorithm::Rs256,
            jsonwebtoken::Algorithm::RS256,
        ),
        Scheme::Pss => (
            "ps256",
            barejwt::Algorithm::Ps256,
            jsonwebtoken::Algorithm::PS256,
        ),
    };
    let verify_op = barejwt::jwk::Operation::Verify;
    let sign_op = barejwt::jwk::Operation::Sign;
    let n = jwk_member(files.public_jwk, "n");
    let e = jwk_member(files.public_jwk, "e");
    let spki = pem_der(files.public_pem);
    let pkcs8 = pem_der(files.private_pem);

    // barejwt: the key from its JWK and from its PEM alike; the PEM it
    // writes back is the one OpenSSL wrote.
    let bare_public = bare_from_jwk(files.public_jwk, bare_alg, verify_op);
    let bare_private = bare_from_jwk(files.private_jwk, bare_alg, sign_op);
    let bare_validation = barejwt_validation_for(bare_alg);
    let claims = barejwt_object(CLAIMS);
    let token: &'static str = match scheme {
        Scheme::Pkcs1 => rs256_token(),
        Scheme::Pss => leak(barejwt::sign(&bare_private, &claims).unwrap()),
    };
    let from_pem = barejwt::sign(&bare_from_pem(files.private_pem, bare_alg), &claims).unwrap();
    let pem_public = bare_from_pem(files.public_pem, bare_alg);
    barejwt::verify(&from_pem, &pem_public, &bare_validation).unwrap();
    if scheme == Scheme::Pkcs1 {
        assert_eq!(from_pem, token, "RS256 from the PEM key");
    }
    let asymmetric = barejwt::AsymmetricKey::from_pem(files.private_pem.as_bytes()).unwrap();
    assert_eq!(asymmetric.public_key_pem(), files.public_pem);
    assert_eq!(asymmetric.private_key_pem().unwrap(), files.private_pem);

    let reference = Reference {
        verify: {
            let (key, validation) = (bare_public.clone(), bare_validation.clone());
            Box::new(move |t| {
                barejwt::verify(t, &key, &validation)
                    .map(|_| ())
                    .map_err(|e| e.kind())
            })
        },
        sign_raw: (scheme == Scheme::Pkcs1).then(|| {
            let key = raw_private();
            Box::new(move |m: &[u8]| raw_sign(&key, scheme, m)) as ReferenceSign
        }),
        verify_raw: {
            let key = raw_public();
            Box::new(move |m, s| raw_verify(&key, scheme, m, s))
        },
    };

    // Token level.
    let (simple_verify, simple_sign, simple_imports) = match scheme {
        Scheme::Pkcs1 => jwt_simple_rsa!(RS256PublicKey, RS256KeyPair),
        Scheme::Pss => jwt_simple_rsa!(PS256PublicKey, PS256KeyPair),
    };
    let jwt_dec = jwt_from_jwk(files.public_jwk);
    let jwt_enc = jsonwebtoken::EncodingKey::from_rsa_pem(files.private_pem.as_bytes()).unwrap();
    let jwt_validation = jsonwebtoken_validation_for(jwt_alg);
    let jwt_header = jsonwebtoken::Header::new(jwt_alg);
    let jwt_claims: JwtClaims = serde_json::from_str(CLAIMS).unwrap();
    let deterministic = scheme == Scheme::Pkcs1;

    let verify: Vec<Imp<TokenVerify>> = vec![
        imp("barejwt", {
            let (key, validation) = (bare_public.clone(), bare_validation.clone());
            Box::new(move |t| barejwt::verify(t, &key, &validation).is_ok())
        }),
        imp(
            "jsonwebtoken",
            Box::new(move |t| {
                jsonwebtoken::decode::<JwtClaims>(t, &jwt_dec, &jwt_validation).is_ok()
            }),
        ),
        imp("jwt-simple", simple_verify),
    ];
    let sign: Vec<Imp<TokenSign>> = vec![
        imp_if(
            deterministic,
            "barejwt",
            Box::new(move || barejwt::sign(&bare_private, &claims).unwrap()) as TokenSign,
        ),
        imp_if(
            deterministic,
            "jsonwebtoken",
            Box::new(move || jsonwebtoken::encode(&jwt_header, &jwt_claims, &jwt_enc).unwrap()),
        ),
        imp_if(deterministic, "jwt-simple", simple_sign),
    ];

    // The signature alone. ring verifies from (n, e), parsing them in each
    // call; aws-lc-rs from the SPKI, in each call (`UnparsedPublicKey`) or
    // once (`ParsedPublicKey`, `aws-lc-parsed`).
    let verify_raw: Vec<Imp<RawVerify>> = vec![
        imp("barejwt", {
            let key = raw_public();
            Box::new(move |m, s| raw_verify(&key, scheme, m, s))
        }),
        imp("ring", {
            let key = ring::signature::RsaPublicKeyComponents {
                n: n.clone(),
                e: e.clone(),
            };
            Box::new(move |m, s| key.verify(ring_verify(scheme), m, s).is_ok())
        }),
        imp("aws-lc-rs", {
            let key =
                aws_lc_rs::signature::UnparsedPublicKey::new(awslc_verify(scheme), spki.clone());
            Box::new(move |m, s| key.verify(m, s).is_ok())
        }),
        imp("aws-lc-parsed", {
            let key =
                aws_lc_rs::signature::ParsedPublicKey::new(awslc_verify(scheme), &spki).unwrap();
            Box::new(move |m, s| key.verify_sig(m, s).is_ok())
        }),
    ];
    let sign_raw: Vec<Imp<RawSign>> = vec![
        imp_if(deterministic, "barejwt", {
            let key = raw_private();
            Box::new(move |m: &[u8], out: &mut dyn FnMut(&[u8])| out(&raw_sign(&key, scheme, m)))
                as RawSign
        }),
        imp_if(deterministic, "ring", {
            let key = ring::signature::RsaKeyPair::from_pkcs8(&pkcs8).unwrap();
            let rng = ring::rand::SystemRandom::new();
            let mut buffer = vec![0u8; key.public().modulus_len()];
            Box::new(move |m: &[u8], out: &mut dyn FnMut(&[u8])| {
                key.sign(ring_sign(scheme), &rng, m, &mut buffer).unwrap();
                out(&buffer)
            })
        }),
        imp_if(deterministic, "aws-lc-rs", {
            let key = aws_lc_rs::signature::RsaKeyPair::from_pkcs8(&pkcs8).unwrap();
            let rng = aws_lc_rs::rand::SystemRandom::new();
            let mut buffer = vec![0u8; key.public_modulus_len()];
            Box::new(move |m: &[u8], out: &mut dyn FnMut(&[u8])| {
                key.sign(awslc_sign(scheme), &rng, m, &mut buffer).unwrap();
                out(&buffer)
            })
        }),
    ];

    let mut imports = Vec::new();
    if scheme == Scheme::Pkcs1 {
        // One key for both algorithms: its imports are shown once, as RS256.
        let [simple_public_jwk, simple_public_pem, simple_private_jwk, simple_private_pem] =
            simple_imports;
        let spki: &'static [u8] = Box::leak(spki.into_boxed_slice());
        let pkcs8: &'static [u8] = Box::leak(pkcs8.into_boxed_slice());
        imports.push((
            "public_jwk",
            vec![
                entry("barejwt", move || {
                    black_box(bare_from_jwk(
                        black_box(files.public_jwk),
                        bare_alg,
                        verify_op,
                    ));
                }),
                entry("jsonwebtoken", || {
                    black_box(jwt_from_jwk(black_box(RSA2048.public_jwk)));
                }),
                simple_public_jwk,
            ],
        ));
        imports.push((
            "public_pem",
            vec![
                entry("barejwt", move || {
                    black_box(bare_from_pem(black_box(files.public_pem), bare_alg));
                }),
                entry("jsonwebtoken", || {
                    black_box(
                        jsonwebtoken::DecodingKey::from_rsa_pem(black_box(
                            RSA2048.public_pem.as_bytes(),
                        ))
                        .unwrap(),
                    );
                }),
                simple_public_pem,
                // aws-lc-rs reads the SPKI DER, not PEM (`ParsedPublicKey`).
                entry("aws-lc-spki", move || {
                    black_box(
                        aws_lc_rs::signature::ParsedPublicKey::new(
                            &aws_lc_rs::signature::RSA_PKCS1_2048_8192_SHA256,
                            black_box(spki),
                        )
                        .unwrap(),
                    );
                }),
            ],
        ));
        imports.push((
            "private_jwk",
            vec![
                entry("barejwt", move || {
                    black_box(bare_from_jwk(
                        black_box(files.private_jwk),
                        bare_alg,
                        sign_op,
                    ));
                }),
                simple_private_jwk,
            ],
        ));
        imports.push((
            "private_pem",
            vec![
                entry("barejwt", move || {
                    black_box(bare_from_pem(black_box(files.private_pem), bare_alg));
                }),
                entry("jsonwebtoken", || {
                    black_box(
                        jsonwebtoken::EncodingKey::from_rsa_pem(black_box(
                            RSA2048.private_pem.as_bytes(),
                        ))
                        .unwrap(),
                    );
                }),
                simple_private_pem,
                // ring and aws-lc-rs read PKCS #8 DER, not PEM.
                entry("ring-der", move || {
                    black_box(ring::signature::RsaKeyPair::from_pkcs8(black_box(pkcs8)).unwrap());
                }),
                entry("aws-lc-rs-der", move || {
                    black_box(
                        aws_lc_rs::signature::RsaKeyPair::from_pkcs8(black_box(pkcs8)).unwrap(),
                    );
                }),
            ],
        ));
    }

    Suite {
        alg,
        token,
        token_deterministic: scheme == Scheme::Pkcs1,
        reference,
        verify,
        verify_raw,
        sign,
        sign_raw,
        imports,
        notes: Vec::new(),
    }
}
