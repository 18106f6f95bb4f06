//! ES256, ES384, ES512 and ES256K figures of `spec/bench.md`, "Public-key
//! tokens": verify and sign of the standard claims at the token level
//! (barejwt; jsonwebtoken `rust_crypto`, that is RustCrypto `p256` and
//! `p384` 0.13, for ES256 and ES384; jwt-simple `pure-rust`, `p256`, `p384`
//! and `k256` 0.14, for ES256, ES384 and ES256K) and the signature alone
//! over the same signing input (barejwt's `crypto::ec`; ring for P-256 and
//! P-384; aws-lc-rs for all four curves; `k256` for secp256k1), and the
//! cost of importing each key from its JWK and its PEM.
//!
//! The tokens are constants (`keys/*.token`, signed with OpenSSL with the
//! nonce of RFC 6979): barejwt, jsonwebtoken and k256 sign deterministically
//! too and must give the same signature; jwt-simple (hedged), ring and
//! aws-lc-rs (random nonces) must give signatures barejwt accepts.
//!
//! k256 (and jwt-simple's ES256K, which is k256) normalises S: it signs with
//! the low S and refuses a signature whose S is above n/2, which JWS allows
//! (the contract: "A high S is valid"). The ES256K token's S is low, so every
//! verifier times the same token; the notes at the head of the output say
//! which verifiers accept each token's high-S twin (S replaced by n − S).

use crate::figure::{entry, Entry};
use crate::rsa::{bare_from_jwk, bare_from_pem};
use crate::suite::*;
use crate::workload::*;
use barejwt::crypto::ec::{Curve, EcPrivateKey, EcPublicKey};
use jwt_simple::prelude::{
    ECDSAP256KeyPairLike as _, ECDSAP256PublicKeyLike as _, ECDSAP256kKeyPairLike as _,
    ECDSAP256kPublicKeyLike as _, ECDSAP384KeyPairLike as _, ECDSAP384PublicKeyLike as _,
};
use std::hint::black_box;

type RingAlgs = (
    &'static ring::signature::EcdsaVerificationAlgorithm,
    &'static ring::signature::EcdsaSigningAlgorithm,
);
type AwsLcAlgs = (
    &'static aws_lc_rs::signature::EcdsaVerificationAlgorithm,
    &'static aws_lc_rs::signature::EcdsaSigningAlgorithm,
);

/// What differs from one algorithm to the next.
struct Params {
    alg: &'static str,
    bare_alg: barejwt::Algorithm,
    curve: Curve,
    files: &'static KeyFiles,
    token: &'static str,
    /// The group order n, big-endian hex.
    order: &'static str,
    jwt: Option<jsonwebtoken::Algorithm>,
    ring: Option<RingAlgs>,
    awslc: AwsLcAlgs,
}

/// jwt-simple's implementations of one algorithm (its types differ by curve).
struct Simple {
    verify: TokenVerify,
    sign: TokenSign,
    /// public JWK, public PEM, private JWK, private PEM.
    imports: [Entry<'static>; 4],
}

macro_rules! jwt_simple_ec {
    ($public:ident, $pair:ident, $files:expr) => {{
        use jwt_simple::prelude::{$pair, $public};
        let files: &'static KeyFiles = $files;
        let public = $public::from_jwk(files.public_jwk).unwrap();
        let pair = $pair::from_pem(files.private_pem).unwrap();
        let options = jwt_simple_options();
        Simple {
            verify: Box::new(move |token| {
                jwt_simple_checked(
                    public.verify_token::<SimpleCustom>(token, Some(options.clone())),
                )
                .is_some()
            }),
            // jwt-simple signs by value: building its claims is part of its sign.
            sign: Box::new(move || pair.sign(jwt_simple_claims(None)).unwrap()),
            imports: [
                entry("jwt-simple", move || {
                    black_box($public::from_jwk(black_box(files.public_jwk)).unwrap());
                }),
                entry("jwt-simple", move || {
                    black_box($public::from_pem(black_box(files.public_pem)).unwrap());
                }),
                entry("jwt-simple", move || {
                    black_box($pair::from_jwk(black_box(files.private_jwk)).unwrap());
                }),
                entry("jwt-simple", move || {
                    black_box($pair::from_pem(black_box(files.private_pem)).unwrap());
                }),
            ],
        }
    }};
}

pub fn es256() -> Suite {
    suite(
        Params {
            alg: "es256",
            bare_alg: barejwt::Algorithm::Es256,
            curve: Curve::P256,
            files: &P256,
            token: es256_token(),
            order: "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
            jwt: Some(jsonwebtoken::Algorithm::ES256),
            ring: Some((
                &ring::signature::ECDSA_P256_SHA256_FIXED,
                &ring::signature::ECDSA_P256_SHA256_FIXED_SIGNING,
            )),
            awslc: (
                &aws_lc_rs::signature::ECDSA_P256_SHA256_FIXED,
                &aws_lc_rs::signature::ECDSA_P256_SHA256_FIXED_SIGNING,
            ),
        },
        Some(jwt_simple_ec!(ES256PublicKey, ES256KeyPair, &P256)),
        None,
    )
}

pub fn es384() -> Suite {
    suite(
        Params {
            alg: "es384",
            bare_alg: barejwt::Algorithm::Es384,
            curve: Curve::P384,
            files: &P384,
            token: es384_token(),
            order: "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973",
            jwt: Some(jsonwebtoken::Algorithm::ES384),
            ring: Some((
                &ring::signature::ECDSA_P384_SHA384_FIXED,
                &ring::signature::ECDSA_P384_SHA384_FIXED_SIGNING,
            )),
            awslc: (
                &aws_lc_rs::signature::ECDSA_P384_SHA384_FIXED,
                &aws_lc_rs::signature::ECDSA_P384_SHA384_FIXED_SIGNING,
            ),
        },
        Some(jwt_simple_ec!(ES384PublicKey, ES384KeyPair, &P384)),
        None,
    )
}

pub fn es512() -> Suite {
    suite(
        Params {
            alg: "es512",
            bare_alg: barejwt::Algorithm::Es512,
            curve: Curve::P521,
            files: &P521,
            token: es512_token(),
            order: "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\
                    fa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409",
            jwt: None,
            ring: None,
            awslc: (
                &aws_lc_rs::signature::ECDSA_P521_SHA512_FIXED,
                &aws_lc_rs::signature::ECDSA_P521_SHA512_FIXED_SIGNING,
            ),
        },
        None,
        None,
    )
}

pub fn es256k() -> Suite {
    suite(
        Params {
            alg: "es256k",
            bare_alg: barejwt::Algorithm::Es256K,
            curve: Curve::Secp256k1,
            files: &SECP256K1,
            token: es256k_token(),
            order: "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141",
            jwt: None,
            ring: None,
            awslc: (
                &aws_lc_rs::signature::ECDSA_P256K1_SHA256_FIXED,
                &aws_lc_rs::signature::ECDSA_P256K1_SHA256_FIXED_SIGNING,
            ),
        },
        Some(jwt_simple_ec!(ES256kPublicKey, ES256kKeyPair, &SECP256K1)),
        Some(k256_imps()),
    )
}

/// The `k256` crate's implementations (secp256k1 only).
struct K256 {
    verify: RawVerify,
    sign: RawSign,
    /// public PEM, private PEM.
    imports: [Entry<'static>; 2],
}

fn k256_imps() -> K256 {
    use k256::ecdsa::signature::{Signer as _, Verifier as _};
    use k256::pkcs8::{DecodePrivateKey as _, DecodePublicKey as _};
    let files = &SECP256K1;
    let public = k256::ecdsa::VerifyingKey::from_public_key_pem(files.public_pem).unwrap();
    let private = k256::ecdsa::SigningKey::from_pkcs8_pem(files.private_pem).unwrap();
    assert_eq!(*private.verifying_key(), public);
    K256 {
        verify: Box::new(move |m, s| match k256::ecdsa::Signature::from_slice(s) {
            Ok(signature) => public.verify(m, &signature).is_ok(),
            Err(_) => false,
        }),
        sign: Box::new(move |m, out| {
            let signature: k256::ecdsa::Signature = private.sign(m);
            out(&signature.to_bytes())
        }),
        imports: [
            entry("k256", move || {
                black_box(
                    k256::ecdsa::VerifyingKey::from_public_key_pem(black_box(files.public_pem))
                        .unwrap(),
                );
            }),
            entry("k256", move || {
                black_box(
                    k256::ecdsa::SigningKey::from_pkcs8_pem(black_box(files.private_pem)).unwrap(),
                );
            }),
        ],
    }
}

fn jwt_from_jwk(text: &str) -> jsonwebtoken::DecodingKey {
    let jwk: jsonwebtoken::jwk::Jwk = serde_json::from_str(text).unwrap();
    jsonwebtoken::DecodingKey::from_jwk(&jwk).unwrap()
}

fn hex(text: &str) -> Vec<u8> {
    let text: String = text.split_whitespace().collect();
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

/// a − b of big-endian numbers of one length, a ≥ b.
fn minus(a: &[u8], b: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; a.len()];
    let mut borrow = 0i16;
    for i in (0..a.len()).rev() {
        let d = a[i] as i16 - b[i] as i16 - borrow;
        borrow = (d < 0) as i16;
        out[i] = d.rem_euclid(256) as u8;
    }
    assert_eq!(borrow, 0);
    out
}

/// Whether the big-endian `s` is above n/2 (compared as 2s > n).
fn is_high(s: &[u8], n: &[u8]) -> bool {
    let twice: Vec<u8> = {
        let mut out = vec![0u8; s.len() + 1];
        let mut carry = 0u16;
        for i in (0..s.len()).rev() {
            let d = s[i] as u16 * 2 + carry;
            out[i + 1] = d as u8;
            carry = d >> 8;
        }
        out[0] = carry as u8;
        out
    };
    let mut n1 = vec![0u8];
    n1.extend_from_slice(n);
    twice > n1
}

fn suite(p: Params, simple: Option<Simple>, k256: Option<K256>) -> Suite {
    let files = p.files;
    let (bare_alg, curve, token) = (p.bare_alg, p.curve, p.token);
    let verify_op = barejwt::jwk::Operation::Verify;
    let sign_op = barejwt::jwk::Operation::Sign;
    let x = jwk_member(files.public_jwk, "x");
    let y = jwk_member(files.public_jwk, "y");
    let d = jwk_member(files.private_jwk, "d");
    let point: Vec<u8> = [&[4u8][..], &x, &y].concat();
    let spki = pem_der(files.public_pem);
    let pkcs8 = pem_der(files.private_pem);

    // barejwt: the key from its JWK and from its PEM alike; the PEM it
    // writes back is the one OpenSSL wrote.
    let bare_public = bare_from_jwk(files.public_jwk, bare_alg, verify_op);
    let bare_private = bare_from_jwk(files.private_jwk, bare_alg, sign_op);
    let bare_validation = barejwt_validation_for(bare_alg);
    let claims = barejwt_object(CLAIMS);
    let from_pem = barejwt::sign(&bare_from_pem(files.private_pem, bare_alg), &claims).unwrap();
    assert_eq!(from_pem, token, "{}: from the PEM key", p.alg);
    barejwt::verify(
        token,
        &bare_from_pem(files.public_pem, bare_alg),
        &bare_validation,
    )
    .unwrap();
    let asymmetric = barejwt::AsymmetricKey::from_pem(files.private_pem.as_bytes()).unwrap();
    assert_eq!(asymmetric.public_key_pem(), files.public_pem);
    assert_eq!(asymmetric.private_key_pem().unwrap(), files.private_pem);
    let raw_public = || EcPublicKey::from_coordinates(curve, &x, &y).unwrap();
    let raw_private = || EcPrivateKey::from_scalar(curve, &d).unwrap();
    assert_eq!(raw_private().public_key(), &raw_public());

    let reference = Reference {
        verify: {
            let (key, validation) = (bare_public.clone(), bare_validation.clone());
            Box::new(move |t| {
                barejwt::verify(t, &key, &validation)
                    .map(|_| ())
                    .map_err(|e| e.kind())
            })
        },
        sign_raw: Some({
            let key = raw_private();
            Box::new(move |m| key.sign(m))
        }),
        verify_raw: {
            let key = raw_public();
            Box::new(move |m, s| key.verify(m, s).is_ok())
        },
    };

    let mut verify: Vec<Imp<TokenVerify>> = vec![imp("barejwt", {
        let (key, validation) = (bare_public.clone(), bare_validation.clone());
        Box::new(move |t| barejwt::verify(t, &key, &validation).is_ok())
    })];
    let mut sign: Vec<Imp<TokenSign>> = vec![det(
        "barejwt",
        Box::new(move || barejwt::sign(&bare_private, &claims).unwrap()),
    )];
    let mut imports_public_jwk = vec![entry("barejwt", move || {
        black_box(bare_from_jwk(
            black_box(files.public_jwk),
            bare_alg,
            verify_op,
        ));
    })];
    let mut imports_public_pem = vec![entry("barejwt", move || {
        black_box(bare_from_pem(black_box(files.public_pem), bare_alg));
    })];
    let mut imports_private_jwk = vec![entry("barejwt", move || {
        black_box(bare_from_jwk(
            black_box(files.private_jwk),
            bare_alg,
            sign_op,
        ));
    })];
    let mut imports_private_pem = vec![entry("barejwt", move || {
        black_box(bare_from_pem(black_box(files.private_pem), bare_alg));
    })];

    if let Some(alg) = p.jwt {
        let dec = jwt_from_jwk(files.public_jwk);
        let validation = jsonwebtoken_validation_for(alg);
        verify.push(imp(
            "jsonwebtoken",
            Box::new(move |t| jsonwebtoken::decode::<JwtClaims>(t, &dec, &validation).is_ok()),
        ));
        let enc = jsonwebtoken::EncodingKey::from_ec_pem(files.private_pem.as_bytes()).unwrap();
        let header = jsonwebtoken::Header::new(alg);
        let claims: JwtClaims = serde_json::from_str(CLAIMS).unwrap();
        sign.push(det(
            "jsonwebtoken",
            Box::new(move || jsonwebtoken::encode(&header, &claims, &enc).unwrap()),
        ));
        imports_public_jwk.push(entry("jsonwebtoken", move || {
            black_box(jwt_from_jwk(black_box(files.public_jwk)));
        }));
        imports_public_pem.push(entry("jsonwebtoken", move || {
            black_box(
                jsonwebtoken::DecodingKey::from_ec_pem(black_box(files.public_pem.as_bytes()))
                    .unwrap(),
            );
        }));
        imports_private_pem.push(entry("jsonwebtoken", move || {
            black_box(
                jsonwebtoken::EncodingKey::from_ec_pem(black_box(files.private_pem.as_bytes()))
                    .unwrap(),
            );
        }));
    }
    if let Some(simple) = simple {
        verify.push(imp("jwt-simple", simple.verify));
        sign.push(imp("jwt-simple", simple.sign));
        let [public_jwk, public_pem, private_jwk, private_pem] = simple.imports;
        imports_public_jwk.push(public_jwk);
        imports_public_pem.push(public_pem);
        imports_private_jwk.push(private_jwk);
        imports_private_pem.push(private_pem);
    }

    // The signature alone. ring's and aws-lc-rs's `UnparsedPublicKey` parse
    // the point in each call; `ParsedPublicKey` (`aws-lc-parsed`) once.
    let mut verify_raw: Vec<Imp<RawVerify>> = vec![imp("barejwt", {
        let key = raw_public();
        Box::new(move |m, s| key.verify(m, s).is_ok())
    })];
    let mut sign_raw: Vec<Imp<RawSign>> = vec![det("barejwt", {
        let key = raw_private();
        Box::new(move |m, out| out(&key.sign(m)))
    })];
    let pkcs8: &'static [u8] = Box::leak(pkcs8.into_boxed_slice());
    let spki: &'static [u8] = Box::leak(spki.into_boxed_slice());
    if let Some((verify_alg, sign_alg)) = p.ring {
        let key = ring::signature::UnparsedPublicKey::new(verify_alg, point.clone());
        verify_raw.push(imp("ring", Box::new(move |m, s| key.verify(m, s).is_ok())));
        let rng = ring::rand::SystemRandom::new();
        let pair = ring::signature::EcdsaKeyPair::from_pkcs8(sign_alg, pkcs8, &rng).unwrap();
        sign_raw.push(imp(
            "ring",
            Box::new(move |m, out| out(pair.sign(&rng, m).unwrap().as_ref())),
        ));
        imports_private_pem.push(entry("ring-der", move || {
            let rng = ring::rand::SystemRandom::new();
            black_box(
                ring::signature::EcdsaKeyPair::from_pkcs8(sign_alg, black_box(pkcs8), &rng)
                    .unwrap(),
            );
        }));
    }
    {
        let (verify_alg, sign_alg) = p.awslc;
        let key = aws_lc_rs::signature::UnparsedPublicKey::new(verify_alg, point.clone());
        verify_raw.push(imp(
            "aws-lc-rs",
            Box::new(move |m, s| key.verify(m, s).is_ok()),
        ));
        let parsed = aws_lc_rs::signature::ParsedPublicKey::new(verify_alg, &point).unwrap();
        verify_raw.push(imp(
            "aws-lc-parsed",
            Box::new(move |m, s| parsed.verify_sig(m, s).is_ok()),
        ));
        let rng = aws_lc_rs::rand::SystemRandom::new();
        let pair = aws_lc_rs::signature::EcdsaKeyPair::from_pkcs8(sign_alg, pkcs8).unwrap();
        sign_raw.push(imp(
            "aws-lc-rs",
            Box::new(move |m, out| out(pair.sign(&rng, m).unwrap().as_ref())),
        ));
        // aws-lc-rs reads the SPKI (`ParsedPublicKey`) and PKCS #8 DER, not PEM.
        imports_public_pem.push(entry("aws-lc-spki", move || {
            black_box(
                aws_lc_rs::signature::ParsedPublicKey::new(verify_alg, black_box(spki)).unwrap(),
            );
        }));
        imports_private_pem.push(entry("aws-lc-rs-der", move || {
            black_box(
                aws_lc_rs::signature::EcdsaKeyPair::from_pkcs8(sign_alg, black_box(pkcs8)).unwrap(),
            );
        }));
    }
    if let Some(k256) = k256 {
        verify_raw.push(imp("k256", k256.verify));
        sign_raw.push(det("k256", k256.sign));
        let [public_pem, private_pem] = k256.imports;
        imports_public_pem.push(public_pem);
        imports_private_pem.push(private_pem);
    }

    let mut suite = Suite {
        alg: p.alg,
        token,
        token_deterministic: true,
        reference,
        verify,
        verify_raw,
        sign,
        sign_raw,
        imports: vec![
            ("public_jwk", imports_public_jwk),
            ("public_pem", imports_public_pem),
            ("private_jwk", imports_private_jwk),
            ("private_pem", imports_private_pem),
        ],
        notes: Vec::new(),
    };

    // The high-S twin: R ‖ (n − S), as valid for JWS as the token itself.
    let (input, signature) = split(token);
    let half = signature.len() / 2;
    let n = hex(p.order);
    let n = &n[n.len() - half..];
    let s = &signature[half..];
    let twin_signature = [&signature[..half], &minus(n, s)[..]].concat();
    let twin = with_signature(input, &twin_signature);
    assert_eq!(
        (suite.reference.verify)(&twin),
        Ok(()),
        "{}: the high-S twin",
        p.alg
    );
    let answers = suite.accepting(&twin, input.as_bytes(), &twin_signature);
    let names = |accepted: bool| {
        let mut names: Vec<&str> = Vec::new();
        for (name, a) in &answers {
            if *a == accepted && !names.contains(name) {
                names.push(name);
            }
        }
        if names.is_empty() {
            String::from("none")
        } else {
            names.join(", ")
        }
    };
    suite.notes.push(format!(
        "{}: the token's S is {}; its twin with n - S is accepted by {}; refused by {}",
        p.alg,
        if is_high(s, n) { "high" } else { "low" },
        names(true),
        names(false)
    ));
    suite
}
