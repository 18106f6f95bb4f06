//! `OKP` JWKs (RFC 8037 §2) and JWK Sets (RFC 7517 §5): never a panic, and
//! every usable Ed25519 key exports a public JWK that reads back to the
//! same `x`, with a stable RFC 7638 thumbprint that is the SHA-256 of the
//! required members as RFC 7638 §3.2 orders them.
//!
//! Input layout: byte 0 picks the mode. Mode 0 (byte 0 even): the rest is
//! the JSON of a JWK and of a JWK Set. Otherwise the JWK is built here so
//! that the fuzzer's octets reach point decoding: byte 1 picks `alg`
//! (none, `EdDSA`, `Ed25519`), then
//!
//! | byte 0 mod 8 | members |
//! | --- | --- |
//! | 1, 7 | `x` = B64(up to 32 octets) |
//! | 3 | `d` = B64(32 octets), `x` the public key of `d` |
//! | 5 | `d` = B64(32 octets), `x` = B64(up to 32 more octets) |
//!
//! and the built key must be usable exactly when the independent model in
//! `ed25519_oracle.rs` accepts `x` (or, with `d`, when `x` is the key the
//! seed gives), alone and as the one member of a set.
#![no_main]

#[allow(dead_code)]
#[path = "ed25519_oracle.rs"]
mod ed25519_oracle;
#[allow(dead_code)]
#[path = "oracle.rs"]
mod oracle;

use barejwt::base64url;
use barejwt::crypto::ed25519::Ed25519PrivateKey;
use barejwt::json::{self, Object, Value};
use barejwt::sha2::Sha256;
use barejwt::{AsymmetricKey, Jwk, JwkSet};
use ed25519_oracle::Verdict;
use libfuzzer_sys::fuzz_target;

fn member<'a>(object: &'a Object, name: &str) -> Option<&'a str> {
    object.get(name).and_then(Value::as_str)
}

/// Panics unless a usable key's exports read back to the same key.
fn check_key(key: &AsymmetricKey, source: Option<&Object>) {
    let public = key.public_jwk();
    assert_eq!(member(&public, "kty"), Some("OKP"));
    assert_eq!(member(&public, "crv"), Some("Ed25519"));
    let x = member(&public, "x").expect("a public JWK has x");
    let x_octets = oracle::canonical_b64(x.as_bytes()).expect("x is canonical base64url");
    assert_eq!(
        ed25519_oracle::public_key_verdict(&x_octets),
        Verdict::Accept,
        "a usable key whose x the model refuses"
    );
    if let Some(source) = source {
        assert_eq!(member(source, "x"), Some(x), "x changed on export");
    }

    let mut text = String::new();
    json::write_object(&public, &mut text);
    let again = Jwk::parse(text.as_bytes())
        .unwrap_or_else(|e| panic!("the public JWK does not read back: {e}: {text}"));
    let again = match again.asymmetric_key() {
        Some(Ok(k)) => k.clone(),
        other => panic!("the public JWK reads back as {other:?}: {text}"),
    };
    assert!(!again.is_private(), "a public JWK read as private");
    assert_eq!(
        member(&again.public_jwk(), "x"),
        Some(x),
        "x changed on re-reading"
    );

    // RFC 7638 §3.2: the required members, sorted, no white space.
    let members = format!(r#"{{"crv":"Ed25519","kty":"OKP","x":"{x}"}}"#);
    let thumbprint = base64url::encode(&Sha256::digest(members.as_bytes()));
    assert_eq!(
        key.thumbprint(),
        thumbprint,
        "the thumbprint is not RFC 7638's"
    );
    assert_eq!(
        key.thumbprint(),
        key.thumbprint(),
        "the thumbprint is not stable"
    );
    assert_eq!(
        again.thumbprint(),
        thumbprint,
        "the thumbprint changed on re-reading"
    );

    match key.private_jwk() {
        Ok(private) => {
            assert!(key.is_private());
            let d = member(&private, "d")
                .expect("a private JWK has d")
                .to_string();
            if let Some(source) = source {
                assert_eq!(member(source, "d"), Some(d.as_str()), "d changed on export");
            }
            let mut text = String::new();
            json::write_object(&private, &mut text);
            let again = Jwk::parse(text.as_bytes())
                .unwrap_or_else(|e| panic!("the private JWK does not read back: {e}"));
            let Some(Ok(again)) = again.asymmetric_key() else {
                panic!("the private JWK reads back unusable");
            };
            let private = again.private_jwk().expect("read back as private");
            assert_eq!(
                member(&private, "d"),
                Some(d.as_str()),
                "d changed on re-reading"
            );
            assert_eq!(member(&private, "x"), Some(x), "x changed on re-reading");
        }
        Err(_) => {
            assert!(!key.is_private(), "a private key wrote no private JWK");
            if let Some(source) = source {
                assert!(source.get("d").is_none(), "a JWK with d read as public");
            }
        }
    }
}

/// The checks of one parsed JWK; `source`, when known, is its JSON.
fn check_jwk(jwk: &Jwk, source: Option<&Object>) {
    let _ = (
        jwk.kty(),
        jwk.kid(),
        jwk.alg(),
        jwk.use_(),
        jwk.is_supported(),
    );
    if let Some(Ok(key)) = jwk.asymmetric_key() {
        assert_eq!(jwk.kty(), "OKP", "an asymmetric key of kty {}", jwk.kty());
        check_key(key, source);
    }
}

fn raw(data: &[u8]) {
    if let Ok(jwk) = Jwk::parse(data) {
        let source = json::parse(data).expect("a JWK that parsed is JSON");
        check_jwk(&jwk, source.as_object());
    }
    if let Ok(set) = JwkSet::parse(data) {
        for jwk in set.keys() {
            check_jwk(jwk, None);
        }
    }
}

fn structured(mode: u8, rest: &[u8]) {
    let [alg, rest @ ..] = rest else {
        return;
    };
    let (x, d, usable) = match mode % 8 {
        3 | 5 => {
            let Some((seed, rest)) = rest.split_first_chunk::<32>() else {
                return;
            };
            let derived = *Ed25519PrivateKey::from_seed(seed)
                .expect("a 32-octet seed")
                .public_key()
                .as_bytes();
            let x = if mode % 8 == 3 {
                derived.to_vec()
            } else {
                rest[..rest.len().min(32)].to_vec()
            };
            let usable = x == derived;
            (x, Some(*seed), usable)
        }
        _ => {
            let x = rest[..rest.len().min(32)].to_vec();
            let usable = ed25519_oracle::public_key_verdict(&x) == Verdict::Accept;
            (x, None, usable)
        }
    };
    let mut text = String::from(r#"{"kty":"OKP","crv":"Ed25519","x":""#);
    text.push_str(&base64url::encode(&x));
    text.push('"');
    if let Some(d) = &d {
        text.push_str(r#","d":""#);
        text.push_str(&base64url::encode(d));
        text.push('"');
    }
    match alg % 3 {
        1 => text.push_str(r#","alg":"EdDSA""#),
        2 => text.push_str(r#","alg":"Ed25519""#),
        _ => {}
    }
    text.push('}');

    let source = json::parse(text.as_bytes()).expect("built JSON");
    let source = source.as_object().expect("an object");
    match Jwk::parse(text.as_bytes()) {
        Ok(jwk) => {
            assert!(usable, "an unusable key was read: {text}");
            match jwk.asymmetric_key() {
                Some(Ok(key)) => {
                    assert_eq!(key.is_private(), d.is_some(), "private or not: {text}");
                    check_key(key, Some(source));
                }
                other => panic!("a usable JWK gives {other:?}: {text}"),
            }
        }
        Err(e) => assert!(!usable, "a usable key was refused: {e}: {text}"),
    }

    let set_text = format!(r#"{{"keys":[{text}]}}"#);
    let set = JwkSet::parse(set_text.as_bytes())
        .unwrap_or_else(|e| panic!("a set of one OKP key is refused: {e}: {set_text}"));
    assert_eq!((set.len(), set.skipped()), (1, 0), "{set_text}");
    match (set.keys()[0].asymmetric_key(), usable) {
        (Some(Ok(key)), true) => check_key(key, Some(source)),
        (Some(Err(_)), false) => {}
        (other, _) => panic!("the set's key gives {other:?}, usable {usable}: {set_text}"),
    }
}

fuzz_target!(|data: &[u8]| {
    let [mode, rest @ ..] = data else {
        return;
    };
    if mode % 2 == 0 {
        raw(rest);
    } else {
        structured(*mode, rest);
    }
});
