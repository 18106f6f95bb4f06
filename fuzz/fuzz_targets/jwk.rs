//! JWK and JWK Set parsing (RFC 7517) of arbitrary bytes: never a panic,
//! the key-count limit holds, and a usable key verifies only its own
//! algorithm.
#![no_main]

use barejwt::{Algorithm, Jwk, JwkSet, KeyPolicy, KeyResolver};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(jwk) = Jwk::parse(data) {
        let _ = (jwk.kty(), jwk.kid(), jwk.alg(), jwk.is_supported());
        for alg in [
            Algorithm::Hs256,
            Algorithm::Hs384,
            Algorithm::Hs512,
            Algorithm::Rs256,
        ] {
            if jwk.check_algorithm(alg, None).is_ok() {
                if let Some(bound) = jwk.alg() {
                    assert_eq!(bound, alg.as_str(), "a JWK bound to {bound} fits {alg}");
                }
            }
        }
    }
    let policy = KeyPolicy::new();
    if let Ok(set) = JwkSet::parse_with_policy(data, &policy) {
        assert!(set.len() + set.skipped() <= policy.max_keys);
        for alg in [Algorithm::Hs256, Algorithm::Hs512] {
            let _ = set.resolve(alg, None);
            let _ = set.resolve(alg, Some("k"));
        }
    }
    let small = KeyPolicy::new().allowing_short_hmac_secret();
    let _ = JwkSet::parse_with_policy(data, &small);
});
