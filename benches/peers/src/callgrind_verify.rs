//! Verifies the standard token N times with one implementation, for
//! instruction counts under callgrind:
//! `valgrind --tool=callgrind target/release/callgrind-verify <impl> <N>`
//! with impl one of barejwt, jsonwebtoken, jwt-simple (the HS256 token),
//! eddsa-barejwt, eddsa-jsonwebtoken, eddsa-jwt-simple (the EdDSA token), or
//! ed25519-barejwt, ed25519-ring, ed25519-aws-lc-rs, ed25519-dalek (the
//! signature alone over the EdDSA token's signing input), or
//! ed25519-sign-barejwt, ed25519-sign-ring, ed25519-sign-aws-lc-rs,
//! ed25519-sign-dalek (signing that input). Run it with N and with 0: the
//! difference divided by N is the instructions per call.

#[allow(dead_code)] // the timing binary uses the whole workload, this one a part
mod workload;

use std::hint::black_box;
use workload::*;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let which = args.get(1).map(String::as_str).unwrap_or("barejwt");
    let n: u64 = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1000);
    let secret = secret();
    match which {
        "barejwt" => {
            let key = barejwt::Key::hs256(&secret).unwrap();
            let validation = barejwt_validation();
            for _ in 0..n {
                black_box(barejwt::verify(black_box(TOKEN), &key, &validation).unwrap());
            }
        }
        "jsonwebtoken" => {
            let key = jsonwebtoken::DecodingKey::from_secret(&secret);
            let validation = jsonwebtoken_validation();
            for _ in 0..n {
                black_box(
                    jsonwebtoken::decode::<JwtClaims>(black_box(TOKEN), &key, &validation).unwrap(),
                );
            }
        }
        "jwt-simple" => {
            let key = jwt_simple::prelude::HS256Key::from_bytes(&secret);
            let options = jwt_simple_options();
            for _ in 0..n {
                black_box(jwt_simple_verify(&key, black_box(TOKEN), &options).unwrap());
            }
        }
        "eddsa-barejwt" => {
            let key = barejwt::AsymmetricKey::ed25519_public(&ed25519_x())
                .unwrap()
                .key(barejwt::Algorithm::EdDsa)
                .unwrap();
            let validation = barejwt_validation_eddsa();
            for _ in 0..n {
                black_box(barejwt::verify(black_box(EDDSA_TOKEN), &key, &validation).unwrap());
            }
        }
        "eddsa-jsonwebtoken" => {
            let key = jsonwebtoken::DecodingKey::from_ed_components(ED25519_X).unwrap();
            let validation = jsonwebtoken_validation_eddsa();
            for _ in 0..n {
                black_box(
                    jsonwebtoken::decode::<JwtClaims>(black_box(EDDSA_TOKEN), &key, &validation)
                        .unwrap(),
                );
            }
        }
        "eddsa-jwt-simple" => {
            let key = jwt_simple::prelude::Ed25519PublicKey::from_bytes(&ed25519_x()).unwrap();
            let options = jwt_simple_options();
            for _ in 0..n {
                black_box(jwt_simple_verify_eddsa(&key, black_box(EDDSA_TOKEN), &options).unwrap());
            }
        }
        primitive if primitive.starts_with("ed25519-") => {
            let (input, signature) = EDDSA_TOKEN.rsplit_once('.').unwrap();
            let (input, x) = (input.as_bytes(), ed25519_x());
            let signature: [u8; 64] = barejwt::base64url::decode(signature.as_bytes())
                .unwrap()
                .try_into()
                .unwrap();
            let seed = ed25519_seed();
            match primitive {
                "ed25519-sign-barejwt" => {
                    let key =
                        barejwt::crypto::ed25519::Ed25519PrivateKey::from_seed(&seed).unwrap();
                    for _ in 0..n {
                        black_box(key.sign(black_box(input)));
                    }
                }
                "ed25519-sign-ring" => {
                    let key = ring::signature::Ed25519KeyPair::from_seed_unchecked(&seed).unwrap();
                    for _ in 0..n {
                        black_box(key.sign(black_box(input)));
                    }
                }
                "ed25519-sign-aws-lc-rs" => {
                    let key =
                        aws_lc_rs::signature::Ed25519KeyPair::from_seed_unchecked(&seed).unwrap();
                    for _ in 0..n {
                        black_box(key.sign(black_box(input)));
                    }
                }
                "ed25519-sign-dalek" => {
                    use ed25519_dalek::Signer as _;
                    let key = ed25519_dalek::SigningKey::from_bytes(&seed);
                    for _ in 0..n {
                        black_box(key.sign(black_box(input)));
                    }
                }
                "ed25519-barejwt" => {
                    let key = barejwt::crypto::ed25519::Ed25519PublicKey::from_bytes(&x).unwrap();
                    for _ in 0..n {
                        key.verify(black_box(input), &signature).unwrap();
                    }
                }
                "ed25519-ring" => {
                    let key = ring::signature::UnparsedPublicKey::new(&ring::signature::ED25519, x);
                    for _ in 0..n {
                        key.verify(black_box(input), &signature).unwrap();
                    }
                }
                "ed25519-aws-lc-rs" => {
                    let key = aws_lc_rs::signature::UnparsedPublicKey::new(
                        &aws_lc_rs::signature::ED25519,
                        x,
                    );
                    for _ in 0..n {
                        key.verify(black_box(input), &signature).unwrap();
                    }
                }
                "ed25519-dalek" => {
                    use ed25519_dalek::Verifier as _;
                    let key = ed25519_dalek::VerifyingKey::from_bytes(&x).unwrap();
                    let signature = ed25519_dalek::Signature::from_bytes(&signature);
                    for _ in 0..n {
                        key.verify(black_box(input), &signature).unwrap();
                    }
                }
                other => panic!("unknown implementation {other}"),
            }
        }
        other => panic!("unknown implementation {other}"),
    }
}
