//! Verifies the standard token N times with one implementation, for
//! instruction counts under callgrind:
//! `valgrind --tool=callgrind target/release/callgrind-verify <impl> <N>`
//! with impl one of barejwt, barejwt-borrowed (`verify_borrowed`), jsonwebtoken,
//! barejwt-sign, jsonwebtoken-sign (signing the standard claims),
//! jwt-simple (the HS256 token),
//! eddsa-barejwt, eddsa-jsonwebtoken, eddsa-jwt-simple (the EdDSA token), or
//! ed25519-barejwt, ed25519-ring, ed25519-aws-lc-rs, ed25519-dalek (the
//! signature alone over the EdDSA token's signing input), or
//! ed25519-sign-barejwt, ed25519-sign-ring, ed25519-sign-aws-lc-rs,
//! ed25519-sign-dalek (signing that input), or, for the RSA and ECDSA
//! figures, `<alg>-<op>-<impl>` with alg one of rs256, ps256, es256, es384,
//! es512, es256k, op one of verify (the token), verify-raw (the signature
//! alone), sign, sign-raw, and impl a name of the timing table's rows
//! (barejwt, jsonwebtoken, jwt-simple, ring, aws-lc-rs, aws-lc-parsed,
//! k256), e.g. `rs256-verify-barejwt` or `es256-sign-raw-ring`. Run it with
//! N and with 0: the difference divided by N is the instructions per call.

// The timing binary uses the whole workload and all of each suite, this one a part.
#[allow(dead_code)]
mod ecdsa;
#[allow(dead_code)]
mod figure;
#[allow(dead_code)]
mod rsa;
#[allow(dead_code)]
mod suite;
#[allow(dead_code)]
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
        "barejwt-borrowed" => {
            let key = barejwt::Key::hs256(&secret).unwrap();
            let validation = barejwt_validation();
            for _ in 0..n {
                let mut scratch = barejwt::Scratch::new();
                let view = barejwt::verify_borrowed(
                    black_box(TOKEN.as_bytes()),
                    &key,
                    &validation,
                    &mut scratch,
                )
                .unwrap();
                black_box(&view);
            }
        }
        "barejwt-sign" => {
            let key = barejwt::Key::hs256(&secret).unwrap();
            let claims = barejwt_object(CLAIMS);
            for _ in 0..n {
                black_box(barejwt::sign(&key, black_box(&claims)).unwrap());
            }
        }
        "jsonwebtoken-sign" => {
            let key = jsonwebtoken::EncodingKey::from_secret(&secret);
            let header = jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256);
            let claims: JwtClaims = serde_json::from_str(CLAIMS).unwrap();
            for _ in 0..n {
                black_box(jsonwebtoken::encode(&header, black_box(&claims), &key).unwrap());
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
        other => public_key(other, n),
    }
}

/// `<alg>-<op>-<impl>`: one implementation of a suite, N calls.
fn public_key(which: &str, n: u64) {
    let (alg, rest) = which
        .split_once('-')
        .unwrap_or_else(|| panic!("unknown implementation {which}"));
    let mut suite = match alg {
        "rs256" => rsa::rs256(),
        "ps256" => rsa::ps256(),
        "es256" => ecdsa::es256(),
        "es384" => ecdsa::es384(),
        "es512" => ecdsa::es512(),
        "es256k" => ecdsa::es256k(),
        _ => panic!("unknown implementation {which}"),
    };
    let token = suite.token;
    let (input, signature) = suite::split(token);
    let input = input.as_bytes();
    fn find<'a, F>(imps: &'a mut [suite::Imp<F>], name: &str) -> &'a mut F {
        &mut imps
            .iter_mut()
            .find(|i| i.name == name)
            .unwrap_or_else(|| panic!("no implementation {name}"))
            .run
    }
    if let Some(name) = rest.strip_prefix("verify-raw-") {
        let run = find(&mut suite.verify_raw, name);
        for _ in 0..n {
            assert!(run(black_box(input), &signature));
        }
    } else if let Some(name) = rest.strip_prefix("verify-") {
        let run = find(&mut suite.verify, name);
        for _ in 0..n {
            assert!(run(black_box(token)));
        }
    } else if let Some(name) = rest.strip_prefix("sign-raw-") {
        let run = find(&mut suite.sign_raw, name);
        for _ in 0..n {
            run(black_box(input), &mut |s: &[u8]| {
                black_box(s);
            });
        }
    } else if let Some(name) = rest.strip_prefix("sign-") {
        let run = find(&mut suite.sign, name);
        for _ in 0..n {
            black_box(run());
        }
    } else {
        panic!("unknown implementation {which}");
    }
}
