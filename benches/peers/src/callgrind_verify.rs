//! Verifies the standard token N times with one implementation, for
//! instruction counts under callgrind:
//! `valgrind --tool=callgrind target/release/callgrind-verify <impl> <N>`
//! with impl one of barejwt, jsonwebtoken, jwt-simple. Run it with N and
//! with 0: the difference divided by N is the instructions per verify.

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
        other => panic!("unknown implementation {other}"),
    }
}
