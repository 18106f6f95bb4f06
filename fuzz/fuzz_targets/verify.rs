//! Verification of arbitrary bytes with a fixed HS256 key: never a panic,
//! and whatever is accepted is a genuinely valid token by the independent
//! model in `oracle.rs` (canonical parts, the right MAC, claims in time).
#![no_main]

#[path = "oracle.rs"]
mod oracle;

use barejwt::{verify, Algorithm, Key, Validation};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let key = Key::hs256(oracle::KEY).expect("a 32-byte key");
    let validation = Validation::new(&[Algorithm::Hs256]).now(oracle::NOW);
    if verify(data, &key, &validation).is_ok() {
        oracle::check_accepted(data, &oracle::Rules::default());
    }
    // Several algorithms allowed, the key bound to one: still only HS256.
    let validation = Validation::new(&[Algorithm::Hs256, Algorithm::Hs512, Algorithm::Rs256])
        .now(oracle::NOW)
        .allow_missing_exp();
    if verify(data, &key, &validation).is_ok() {
        let rules = oracle::Rules {
            allow_missing_exp: true,
            ..Default::default()
        };
        oracle::check_accepted(data, &rules);
    }
});
