//! RSA and EC JWKs (RFC 7518 §6.2, §6.3) and JWK Sets (RFC 7517 §5): never
//! a panic, and every usable key re-exports, as a public JWK and as a
//! public-key PEM, to a key that imports again with the same RFC 7638
//! thumbprint (private keys also through their private JWK and PEM).
//!
//! Input layout: byte 0 picks the mode. Mode 0 (byte 0 even): the rest is
//! the JSON of a JWK and of a JWK Set. Otherwise the JWK is built here from
//! the fuzzer's octets, and must be usable exactly when the raw primitive
//! (`barejwt::crypto::{ec, rsa}`) accepts its values, alone and as the one
//! member of a set:
//!
//! | byte 0 mod 8 | rest | members |
//! | --- | --- | --- |
//! | 1, 7 | curve, x ‖ y (halves) | `{"kty":"EC","crv","x","y"}` |
//! | 3 | curve, flags, position, value, d | `x`, `y` of d·G with one octet changed (value 0: unchanged); `d` unless flags bit 0 |
//! | 5 | e length, e ‖ n | `{"kty":"RSA","n","e"}` |
#![no_main]

use barejwt::base64url;
use barejwt::crypto::ec::{Curve, EcPrivateKey, EcPublicKey};
use barejwt::crypto::rsa::RsaPublicKey;
use barejwt::json;
use barejwt::{AsymmetricKey, Jwk, JwkSet};
use libfuzzer_sys::fuzz_target;

/// The key a JWK's JSON imports to, if usable.
fn import(text: &[u8]) -> Option<AsymmetricKey> {
    match Jwk::parse(text).ok()?.asymmetric_key() {
        Some(Ok(key)) => Some(key.clone()),
        _ => None,
    }
}

/// Panics unless a usable key's exports import again to the same
/// thumbprint.
fn check_key(key: &AsymmetricKey) {
    let thumbprint = key.thumbprint();
    assert_eq!(thumbprint, key.thumbprint(), "the thumbprint is not stable");
    assert_eq!(thumbprint.len(), 43, "a thumbprint not of 32 octets");

    let mut text = String::new();
    json::write_object(&key.public_jwk(), &mut text);
    let again =
        import(text.as_bytes()).unwrap_or_else(|| panic!("the public JWK does not import: {text}"));
    assert!(!again.is_private(), "a public JWK imported as private");
    assert_eq!(again.kty(), key.kty());
    assert_eq!(again.thumbprint(), thumbprint, "public JWK: {text}");
    let mut text2 = String::new();
    json::write_object(&again.public_jwk(), &mut text2);
    assert_eq!(text, text2, "the public JWK is not stable");

    let pem = key.public_key_pem();
    let again = AsymmetricKey::from_pem(pem.as_bytes())
        .unwrap_or_else(|e| panic!("the public PEM does not import: {e}: {pem}"));
    assert!(!again.is_private(), "a public PEM imported as private");
    assert_eq!(again.thumbprint(), thumbprint, "public PEM: {pem}");
    assert_eq!(again.public_key_pem(), pem, "the public PEM is not stable");

    if key.is_private() {
        let private = key.private_jwk().expect("a private key has a private JWK");
        let mut text = String::new();
        json::write_object(&private, &mut text);
        let again = import(text.as_bytes()).expect("the private JWK imports");
        assert!(again.is_private(), "a private JWK imported as public");
        assert_eq!(again.thumbprint(), thumbprint, "private JWK");
        let pem = key
            .private_key_pem()
            .expect("a private key has a private PEM");
        let again = AsymmetricKey::from_pem(pem.as_bytes())
            .unwrap_or_else(|e| panic!("the private PEM does not import: {e}"));
        assert!(again.is_private(), "a private PEM imported as public");
        assert_eq!(again.thumbprint(), thumbprint, "private PEM");
    } else {
        assert!(
            key.private_jwk().is_err(),
            "a public key wrote a private JWK"
        );
        assert!(
            key.private_key_pem().is_err(),
            "a public key wrote a private PEM"
        );
    }
}

fn check_jwk(jwk: &Jwk) {
    let _ = (
        jwk.kty(),
        jwk.kid(),
        jwk.alg(),
        jwk.use_(),
        jwk.is_supported(),
    );
    if let Some(Ok(key)) = jwk.asymmetric_key() {
        assert_eq!(key.kty(), jwk.kty(), "a key of another kty");
        check_key(key);
    }
}

fn raw(data: &[u8]) {
    if let Ok(jwk) = Jwk::parse(data) {
        check_jwk(&jwk);
    }
    if let Ok(set) = JwkSet::parse(data) {
        for jwk in set.keys() {
            check_jwk(jwk);
        }
    }
}

/// A built JWK's verdicts, alone and in a set, against `usable`.
fn check_built(text: &str, usable: bool) {
    let key = import(text.as_bytes());
    assert_eq!(
        key.is_some(),
        usable,
        "usable {usable} but imports {key:?}: {text}"
    );
    if let Some(key) = &key {
        check_key(key);
    }
    let set_text = format!(r#"{{"keys":[{text}]}}"#);
    let set = JwkSet::parse(set_text.as_bytes())
        .unwrap_or_else(|e| panic!("a set of one key is refused: {e}: {set_text}"));
    assert_eq!((set.len(), set.skipped()), (1, 0), "{set_text}");
    match (set.keys()[0].asymmetric_key(), &key) {
        (Some(Ok(in_set)), Some(key)) => {
            assert_eq!(in_set.thumbprint(), key.thumbprint(), "{set_text}");
        }
        (Some(Err(_)), None) => {}
        (other, _) => panic!("the set's key gives {other:?}, usable {usable}: {set_text}"),
    }
}

fn ec_text(curve: Curve, x: &[u8], y: &[u8], d: Option<&[u8]>) -> String {
    let mut text = format!(
        r#"{{"kty":"EC","crv":"{}","x":"{}","y":"{}""#,
        curve.name(),
        base64url::encode(x),
        base64url::encode(y)
    );
    if let Some(d) = d {
        text.push_str(&format!(r#","d":"{}""#, base64url::encode(d)));
    }
    text.push('}');
    text
}

fn structured(mode: u8, rest: &[u8]) {
    match mode % 8 {
        3 => {
            let [curve, flags, position, value, d @ ..] = rest else {
                return;
            };
            let curve = Curve::ALL[usize::from(*curve) % 4];
            let d = &d[..d.len().min(curve.scalar_len())];
            let with_d = flags & 1 == 0;
            let Ok(private) = EcPrivateKey::from_scalar(curve, d) else {
                // An unusable d next to a good point: never usable.
                if with_d {
                    let g = EcPrivateKey::from_scalar(curve, &{
                        let mut one = vec![0u8; curve.scalar_len()];
                        *one.last_mut().unwrap() = 1;
                        one
                    })
                    .expect("d = 1");
                    let p = g.public_key();
                    check_built(&ec_text(curve, &p.x(), &p.y(), Some(d)), false);
                }
                return;
            };
            let mut xy = private.public_key().x();
            xy.extend(private.public_key().y());
            let at = usize::from(*position) % xy.len();
            xy[at] ^= value;
            let (x, y) = xy.split_at(curve.field_len());
            let usable = if with_d {
                *value == 0
            } else {
                EcPublicKey::from_coordinates(curve, x, y).is_ok()
            };
            check_built(&ec_text(curve, x, y, with_d.then_some(d)), usable);
        }
        5 => {
            let [e_len, rest @ ..] = rest else { return };
            let (e, n) = rest.split_at(rest.len().min(usize::from(*e_len % 12)));
            let usable = RsaPublicKey::from_be_bytes(n, e).is_ok();
            let text = format!(
                r#"{{"kty":"RSA","n":"{}","e":"{}"}}"#,
                base64url::encode(n),
                base64url::encode(e)
            );
            check_built(&text, usable);
        }
        _ => {
            let [curve, rest @ ..] = rest else { return };
            let curve = Curve::ALL[usize::from(*curve) % 4];
            let (x, y) = rest.split_at(rest.len() / 2);
            let usable = EcPublicKey::from_coordinates(curve, x, y).is_ok();
            check_built(&ec_text(curve, x, y, None), usable);
        }
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
