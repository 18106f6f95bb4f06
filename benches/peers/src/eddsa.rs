//! EdDSA (Ed25519) figures of `spec/bench.md`, "Public-key tokens": verify
//! and sign of the standard claims, at the token level (barejwt,
//! jsonwebtoken, jwt-simple) and at the primitive level over the same
//! signing input (barejwt's `crypto::ed25519`, ring, aws-lc-rs,
//! ed25519-dalek), and the cost of importing the key from its JWK, its PEM
//! and its raw octets.
//!
//! The `dalek` peer is ed25519-dalek without its AVX2 backend: the RATIO
//! lines against it are printed only when curve25519-dalek was built with
//! `--cfg curve25519_dalek_backend="serial"` (on x86_64 it otherwise picks
//! the AVX2 code at run time). jsonwebtoken's `rust_crypto` backend uses
//! the same ed25519-dalek, so it runs the same backend.

use crate::{entry, Entry, Figure, Ratios};
use barejwt::crypto::ed25519::{Ed25519PrivateKey, Ed25519PublicKey};
use ed25519_dalek::pkcs8::{DecodePrivateKey as _, DecodePublicKey as _};
use ed25519_dalek::{Signer as _, Verifier as _};
use jwt_simple::prelude::EdDSAKeyPairLike as _;
use ring::signature::KeyPair as _;
use std::hint::black_box;

use crate::workload::*;

/// Which curve25519-dalek backend this build runs, from the cfg that
/// `RUSTFLAGS` passes to every crate (curve25519-dalek's build script reads
/// the same one).
pub fn dalek_backend() -> &'static str {
    if cfg!(curve25519_dalek_backend = "serial") {
        "serial (portable u64)"
    } else if cfg!(curve25519_dalek_backend = "fiat") {
        "fiat"
    } else if cfg!(curve25519_dalek_backend = "simd") {
        "simd (AVX2 when the CPU has it)"
    } else if cfg!(target_arch = "x86_64") {
        "default: simd (AVX2 when the CPU has it)"
    } else {
        "default: serial"
    }
}

/// Whether the `dalek` peer of `spec/bench.md` (no AVX2) is what runs.
pub fn dalek_is_portable() -> bool {
    cfg!(curve25519_dalek_backend = "serial") || !cfg!(target_arch = "x86_64")
}

/// Every key and input, made once, outside the timed closures, and checked.
pub struct Setup {
    signing_input: &'static str,
    signature: [u8; 64],
    x: [u8; 32],
    seed: [u8; 32],
    pkcs8_der: Vec<u8>,

    bare_public: barejwt::Key,
    bare_private: barejwt::Key,
    bare_validation: barejwt::Validation,
    bare_claims: barejwt::json::Object,
    bare_raw_public: Ed25519PublicKey,
    bare_raw_private: Ed25519PrivateKey,

    jwt_dec: jsonwebtoken::DecodingKey,
    jwt_enc: jsonwebtoken::EncodingKey,
    jwt_validation: jsonwebtoken::Validation,
    jwt_header: jsonwebtoken::Header,
    jwt_claims: JwtClaims,

    simple_public: jwt_simple::prelude::Ed25519PublicKey,
    simple_pair: jwt_simple::prelude::Ed25519KeyPair,
    simple_options: jwt_simple::prelude::VerificationOptions,

    ring_public: ring::signature::UnparsedPublicKey<[u8; 32]>,
    ring_pair: ring::signature::Ed25519KeyPair,

    awslc_public: aws_lc_rs::signature::UnparsedPublicKey<[u8; 32]>,
    awslc_parsed: aws_lc_rs::signature::ParsedPublicKey,
    awslc_pair: aws_lc_rs::signature::Ed25519KeyPair,

    dalek_public: ed25519_dalek::VerifyingKey,
    dalek_private: ed25519_dalek::SigningKey,
}

fn bare_public_from_jwk(text: &str) -> barejwt::Key {
    barejwt::Jwk::parse(text.as_bytes())
        .unwrap()
        .key(barejwt::Algorithm::EdDsa, barejwt::jwk::Operation::Verify)
        .unwrap()
        .clone()
}

fn bare_private_from_jwk(text: &str) -> barejwt::Key {
    barejwt::Jwk::parse(text.as_bytes())
        .unwrap()
        .key(barejwt::Algorithm::EdDsa, barejwt::jwk::Operation::Sign)
        .unwrap()
        .clone()
}

fn bare_from_pem(text: &str) -> barejwt::Key {
    barejwt::AsymmetricKey::from_pem(text.as_bytes())
        .unwrap()
        .key(barejwt::Algorithm::EdDsa)
        .unwrap()
}

fn jwt_from_jwk(text: &str) -> jsonwebtoken::DecodingKey {
    let jwk: jsonwebtoken::jwk::Jwk = serde_json::from_str(text).unwrap();
    jsonwebtoken::DecodingKey::from_jwk(&jwk).unwrap()
}

impl Setup {
    pub fn new() -> Setup {
        let (signing_input, signature_b64) = EDDSA_TOKEN.rsplit_once('.').unwrap();
        let signature: [u8; 64] = barejwt::base64url::decode(signature_b64.as_bytes())
            .unwrap()
            .try_into()
            .unwrap();
        let (x, seed) = (ed25519_x(), ed25519_seed());

        // barejwt: the token of spec/bench.md, from the JWK and from PEM alike.
        let bare_public = bare_public_from_jwk(ED25519_PUBLIC_JWK);
        let bare_private = bare_private_from_jwk(ED25519_PRIVATE_JWK);
        let bare_validation = barejwt_validation_eddsa();
        let bare_claims = barejwt_object(CLAIMS);
        assert_eq!(
            barejwt::sign(&bare_private, &bare_claims).unwrap(),
            EDDSA_TOKEN
        );
        let from_pem = bare_from_pem(ED25519_PRIVATE_PEM);
        assert_eq!(barejwt::sign(&from_pem, &bare_claims).unwrap(), EDDSA_TOKEN);
        let asymmetric = barejwt::AsymmetricKey::from_pem(ED25519_PRIVATE_PEM.as_bytes()).unwrap();
        assert_eq!(asymmetric.public_key_pem(), ED25519_PUBLIC_PEM);
        assert_eq!(asymmetric.private_key_pem().unwrap(), ED25519_PRIVATE_PEM);
        let pkcs8_der = {
            let body: String = ED25519_PRIVATE_PEM
                .lines()
                .filter(|l| !l.starts_with("-----"))
                .collect();
            base64::Engine::decode(&base64::engine::general_purpose::STANDARD, body).unwrap()
        };
        let bare_raw_public = Ed25519PublicKey::from_bytes(&x).unwrap();
        let bare_raw_private = Ed25519PrivateKey::from_seed(&seed).unwrap();
        assert_eq!(bare_raw_private.public_key().as_bytes(), &x);
        assert_eq!(bare_raw_private.sign(signing_input.as_bytes()), signature);

        // jsonwebtoken: writes `typ` before `alg`, so its token has another
        // header; the same claims, and a signature barejwt accepts.
        let jwt_dec = jwt_from_jwk(ED25519_PUBLIC_JWK);
        let jwt_enc =
            jsonwebtoken::EncodingKey::from_ed_pem(ED25519_PRIVATE_PEM.as_bytes()).unwrap();
        let jwt_validation = jsonwebtoken_validation_eddsa();
        let jwt_header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::EdDSA);
        let jwt_claims: JwtClaims = serde_json::from_str(CLAIMS).unwrap();
        let jwt_token = jsonwebtoken::encode(&jwt_header, &jwt_claims, &jwt_enc).unwrap();
        assert_eq!(jwt_token.split('.').nth(1), EDDSA_TOKEN.split('.').nth(1));
        barejwt::verify(&jwt_token, &bare_public, &bare_validation).unwrap();

        // jwt-simple: signs with added noise (hedged), so its tokens differ
        // from run to run; barejwt accepts them.
        let simple_public =
            jwt_simple::prelude::Ed25519PublicKey::from_jwk(ED25519_PUBLIC_JWK).unwrap();
        let simple_pair =
            jwt_simple::prelude::Ed25519KeyPair::from_pem(ED25519_PRIVATE_PEM).unwrap();
        let simple_options = jwt_simple_options();
        let simple_token = simple_pair.sign(jwt_simple_claims(None)).unwrap();
        barejwt::verify(&simple_token, &bare_public, &bare_validation).unwrap();

        // The primitives: each gives the token's signature octet for octet.
        let ring_public = ring::signature::UnparsedPublicKey::new(&ring::signature::ED25519, x);
        let ring_pair = ring::signature::Ed25519KeyPair::from_seed_unchecked(&seed).unwrap();
        assert_eq!(ring_pair.public_key().as_ref(), &x);
        assert_eq!(
            ring_pair.sign(signing_input.as_bytes()).as_ref(),
            &signature
        );

        let awslc_public =
            aws_lc_rs::signature::UnparsedPublicKey::new(&aws_lc_rs::signature::ED25519, x);
        let awslc_parsed =
            aws_lc_rs::signature::ParsedPublicKey::new(&aws_lc_rs::signature::ED25519, x).unwrap();
        let awslc_pair = aws_lc_rs::signature::Ed25519KeyPair::from_seed_unchecked(&seed).unwrap();
        assert_eq!(
            aws_lc_rs::signature::KeyPair::public_key(&awslc_pair).as_ref(),
            &x
        );
        assert_eq!(
            awslc_pair.sign(signing_input.as_bytes()).as_ref(),
            &signature
        );

        let dalek_public = ed25519_dalek::VerifyingKey::from_bytes(&x).unwrap();
        let dalek_private = ed25519_dalek::SigningKey::from_bytes(&seed);
        assert_eq!(dalek_private.verifying_key(), dalek_public);
        assert_eq!(
            dalek_private.sign(signing_input.as_bytes()).to_bytes(),
            signature
        );

        let setup = Setup {
            signing_input,
            signature,
            x,
            seed,
            pkcs8_der,
            bare_public,
            bare_private,
            bare_validation,
            bare_claims,
            bare_raw_public,
            bare_raw_private,
            jwt_dec,
            jwt_enc,
            jwt_validation,
            jwt_header,
            jwt_claims,
            simple_public,
            simple_pair,
            simple_options,
            ring_public,
            ring_pair,
            awslc_public,
            awslc_parsed,
            awslc_pair,
            dalek_public,
            dalek_private,
        };
        setup.check_verifiers();
        setup
    }

    /// Every verifier accepts the token and refuses it with one bit of R
    /// flipped (a signature that fails at the equation, not at a range check).
    fn check_verifiers(&self) {
        let mut bad_signature = self.signature;
        bad_signature[0] ^= 0x04;
        let bad_token = format!(
            "{}.{}",
            self.signing_input,
            barejwt::base64url::encode(&bad_signature)
        );
        for (token, signature, good) in [
            (EDDSA_TOKEN, &self.signature, true),
            (bad_token.as_str(), &bad_signature, false),
        ] {
            let input = self.signing_input.as_bytes();
            let bare = barejwt::verify(token, &self.bare_public, &self.bare_validation);
            if good {
                bare.unwrap();
            } else {
                assert_eq!(
                    bare.map(|_| ()).map_err(|e| e.kind()),
                    Err(barejwt::ErrorKind::InvalidSignature)
                );
            }
            let dalek_signature = ed25519_dalek::Signature::from_bytes(signature);
            let results = [
                jsonwebtoken::decode::<JwtClaims>(token, &self.jwt_dec, &self.jwt_validation)
                    .is_ok(),
                jwt_simple_verify_eddsa(&self.simple_public, token, &self.simple_options).is_some(),
                self.bare_raw_public.verify(input, signature).is_ok(),
                self.ring_public.verify(input, signature).is_ok(),
                self.awslc_public.verify(input, signature).is_ok(),
                self.awslc_parsed.verify_sig(input, signature).is_ok(),
                self.dalek_public.verify(input, &dalek_signature).is_ok(),
                self.dalek_public
                    .verify_strict(input, &dalek_signature)
                    .is_ok(),
            ];
            assert_eq!(results, [good; 8], "verifiers on the {good} token");
        }
    }
}

/// The RATIO line of `peer` named `id`, kept only for a peer that was built
/// as `spec/bench.md` defines it.
fn ratio(peer: &'static str, id: &'static str) -> Option<(&'static str, &'static str)> {
    (peer != "dalek" || dalek_is_portable()).then_some((peer, id))
}

fn ratios(list: &[(&'static str, &'static str)]) -> Ratios {
    Ratios::Peers(list.iter().filter_map(|&(p, id)| ratio(p, id)).collect())
}

fn figure<'a>(
    id: &'static str,
    target: &'static str,
    ratios: Ratios,
    entries: Vec<Entry<'a>>,
) -> Figure<'a> {
    Figure {
        id,
        target,
        count_allocations: true,
        ratios,
        entries,
    }
}

/// The name of the dalek entry: `dalek` only when it is the portable build.
fn dalek_name(strict: bool) -> &'static str {
    match (dalek_is_portable(), strict) {
        (true, false) => "dalek",
        (true, true) => "dalek-strict",
        (false, false) => "dalek-avx2",
        (false, true) => "dalek-avx2-st",
    }
}

/// The EdDSA figures: barejwt first in each, then its peers.
pub fn figures(s: &Setup) -> Vec<Figure<'_>> {
    let input = s.signing_input.as_bytes();
    let token = EDDSA_TOKEN;
    let dalek_signature = ed25519_dalek::Signature::from_bytes(&s.signature);
    vec![
        figure(
            "eddsa_verify",
            "-",
            ratios(&[("jsonwebtoken", "eddsa_verify_vs_jsonwebtoken")]),
            vec![
                entry("barejwt", move || {
                    black_box(
                        barejwt::verify(black_box(token), &s.bare_public, &s.bare_validation)
                            .unwrap(),
                    );
                }),
                entry("jsonwebtoken", move || {
                    black_box(
                        jsonwebtoken::decode::<JwtClaims>(
                            black_box(token),
                            &s.jwt_dec,
                            &s.jwt_validation,
                        )
                        .unwrap(),
                    );
                }),
                entry("jwt-simple", move || {
                    black_box(
                        jwt_simple_verify_eddsa(
                            &s.simple_public,
                            black_box(token),
                            &s.simple_options,
                        )
                        .unwrap(),
                    );
                }),
            ],
        ),
        figure(
            "eddsa_verify_primitive",
            "-",
            ratios(&[
                ("ring", "eddsa_verify_vs_ring"),
                ("aws-lc-rs", "eddsa_verify_vs_awslc"),
                ("dalek", "eddsa_verify_vs_dalek"),
            ]),
            vec![
                entry("barejwt", move || {
                    s.bare_raw_public
                        .verify(black_box(input), black_box(&s.signature))
                        .unwrap();
                }),
                entry("ring", move || {
                    s.ring_public
                        .verify(black_box(input), black_box(&s.signature))
                        .unwrap();
                }),
                entry("aws-lc-rs", move || {
                    s.awslc_public
                        .verify(black_box(input), black_box(&s.signature))
                        .unwrap();
                }),
                entry("aws-lc-parsed", move || {
                    s.awslc_parsed
                        .verify_sig(black_box(input), black_box(&s.signature))
                        .unwrap();
                }),
                entry(dalek_name(false), move || {
                    s.dalek_public
                        .verify(black_box(input), black_box(&dalek_signature))
                        .unwrap();
                }),
                entry(dalek_name(true), move || {
                    s.dalek_public
                        .verify_strict(black_box(input), black_box(&dalek_signature))
                        .unwrap();
                }),
            ],
        ),
        figure(
            "eddsa_sign",
            "-",
            ratios(&[("jsonwebtoken", "eddsa_sign_vs_jsonwebtoken")]),
            vec![
                entry("barejwt", move || {
                    black_box(barejwt::sign(&s.bare_private, black_box(&s.bare_claims)).unwrap());
                }),
                entry("jsonwebtoken", move || {
                    black_box(
                        jsonwebtoken::encode(&s.jwt_header, black_box(&s.jwt_claims), &s.jwt_enc)
                            .unwrap(),
                    );
                }),
                // jwt-simple signs by value: building its claims is part of its sign.
                entry("jwt-simple", move || {
                    black_box(s.simple_pair.sign(jwt_simple_claims(None)).unwrap());
                }),
            ],
        ),
        figure(
            "eddsa_sign_primitive",
            "-",
            ratios(&[
                ("ring", "eddsa_sign_vs_ring"),
                ("aws-lc-rs", "eddsa_sign_vs_awslc"),
                ("dalek", "eddsa_sign_vs_dalek"),
            ]),
            vec![
                entry("barejwt", move || {
                    black_box(s.bare_raw_private.sign(black_box(input)));
                }),
                entry("ring", move || {
                    black_box(s.ring_pair.sign(black_box(input)));
                }),
                entry("aws-lc-rs", move || {
                    black_box(s.awslc_pair.sign(black_box(input)));
                }),
                entry(dalek_name(false), move || {
                    black_box(s.dalek_private.sign(black_box(input)));
                }),
            ],
        ),
        // ---- key import: no RATIO lines, the table only ----
        figure(
            "eddsa_import_public_jwk",
            "-",
            Ratios::None,
            vec![
                entry("barejwt", || {
                    black_box(bare_public_from_jwk(black_box(ED25519_PUBLIC_JWK)));
                }),
                entry("jsonwebtoken", || {
                    black_box(jwt_from_jwk(black_box(ED25519_PUBLIC_JWK)));
                }),
                entry("jwt-simple", || {
                    black_box(
                        jwt_simple::prelude::Ed25519PublicKey::from_jwk(black_box(
                            ED25519_PUBLIC_JWK,
                        ))
                        .unwrap(),
                    );
                }),
            ],
        ),
        figure(
            "eddsa_import_public_pem",
            "-",
            Ratios::None,
            vec![
                entry("barejwt", || {
                    black_box(bare_from_pem(black_box(ED25519_PUBLIC_PEM)));
                }),
                entry("jsonwebtoken", || {
                    black_box(
                        jsonwebtoken::DecodingKey::from_ed_pem(black_box(
                            ED25519_PUBLIC_PEM.as_bytes(),
                        ))
                        .unwrap(),
                    );
                }),
                entry("jwt-simple", || {
                    black_box(
                        jwt_simple::prelude::Ed25519PublicKey::from_pem(black_box(
                            ED25519_PUBLIC_PEM,
                        ))
                        .unwrap(),
                    );
                }),
                entry(dalek_name(false), || {
                    black_box(
                        ed25519_dalek::VerifyingKey::from_public_key_pem(black_box(
                            ED25519_PUBLIC_PEM,
                        ))
                        .unwrap(),
                    );
                }),
            ],
        ),
        figure(
            "eddsa_import_public_raw",
            "-",
            Ratios::None,
            vec![
                entry("barejwt", move || {
                    black_box(Ed25519PublicKey::from_bytes(black_box(&s.x)).unwrap());
                }),
                entry("aws-lc-parsed", move || {
                    black_box(
                        aws_lc_rs::signature::ParsedPublicKey::new(
                            &aws_lc_rs::signature::ED25519,
                            black_box(&s.x),
                        )
                        .unwrap(),
                    );
                }),
                entry(dalek_name(false), move || {
                    black_box(ed25519_dalek::VerifyingKey::from_bytes(black_box(&s.x)).unwrap());
                }),
            ],
        ),
        figure(
            "eddsa_import_private_jwk",
            "-",
            Ratios::None,
            vec![
                entry("barejwt", || {
                    black_box(bare_private_from_jwk(black_box(ED25519_PRIVATE_JWK)));
                }),
                entry("jwt-simple", || {
                    black_box(
                        jwt_simple::prelude::Ed25519KeyPair::from_jwk(black_box(
                            ED25519_PRIVATE_JWK,
                        ))
                        .unwrap(),
                    );
                }),
            ],
        ),
        figure(
            "eddsa_import_private_pem",
            "-",
            Ratios::None,
            vec![
                entry("barejwt", || {
                    black_box(bare_from_pem(black_box(ED25519_PRIVATE_PEM)));
                }),
                entry("jsonwebtoken", || {
                    black_box(
                        jsonwebtoken::EncodingKey::from_ed_pem(black_box(
                            ED25519_PRIVATE_PEM.as_bytes(),
                        ))
                        .unwrap(),
                    );
                }),
                entry("jwt-simple", || {
                    black_box(
                        jwt_simple::prelude::Ed25519KeyPair::from_pem(black_box(
                            ED25519_PRIVATE_PEM,
                        ))
                        .unwrap(),
                    );
                }),
                entry(dalek_name(false), || {
                    black_box(
                        ed25519_dalek::SigningKey::from_pkcs8_pem(black_box(ED25519_PRIVATE_PEM))
                            .unwrap(),
                    );
                }),
                // ring and aws-lc-rs read PKCS #8 DER, not PEM.
                entry("ring-der", move || {
                    black_box(
                        ring::signature::Ed25519KeyPair::from_pkcs8_maybe_unchecked(black_box(
                            &s.pkcs8_der,
                        ))
                        .unwrap(),
                    );
                }),
                entry("aws-lc-rs-der", move || {
                    black_box(
                        aws_lc_rs::signature::Ed25519KeyPair::from_pkcs8_maybe_unchecked(
                            black_box(&s.pkcs8_der),
                        )
                        .unwrap(),
                    );
                }),
            ],
        ),
        figure(
            "eddsa_import_private_seed",
            "-",
            Ratios::None,
            vec![
                entry("barejwt", move || {
                    black_box(Ed25519PrivateKey::from_seed(black_box(&s.seed)).unwrap());
                }),
                entry("ring", move || {
                    black_box(
                        ring::signature::Ed25519KeyPair::from_seed_unchecked(black_box(&s.seed))
                            .unwrap(),
                    );
                }),
                entry("aws-lc-rs", move || {
                    black_box(
                        aws_lc_rs::signature::Ed25519KeyPair::from_seed_unchecked(black_box(
                            &s.seed,
                        ))
                        .unwrap(),
                    );
                }),
                entry(dalek_name(false), move || {
                    black_box(ed25519_dalek::SigningKey::from_bytes(black_box(&s.seed)));
                }),
            ],
        ),
    ]
}
