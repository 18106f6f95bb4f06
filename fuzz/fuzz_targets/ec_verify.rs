//! ECDSA verification (FIPS 186-5 §6.4.2) and public-point import (SEC 1
//! §2.3.4) on P-256, P-384, P-521 and secp256k1, one fixed key per curve
//! from `vectors/keys/ec-*.jwk.json`: never a panic, and
//!
//! - the key's RFC 6979 signatures verify, so does their high-S twin
//!   (r, n − s), and changing one octet makes them fail; r or s of 0, n or
//!   above is refused as out of range;
//! - a fuzzer's signature that is accepted has r and s in 1..n−1, its twin
//!   (r, n − s) is accepted too, and it is one of the two the key's owner
//!   could have made (RFC 6979 fixes the nonce): anything else is a forgery;
//! - every point `from_sec1` or `from_coordinates` accepts round-trips
//!   through `to_uncompressed`, `x`/`y` and the compressed encoding to an
//!   equal key; the other compressed prefix gives a different valid key.
//!
//! Input layout: byte 0 picks the mode, byte 1 the curve, the rest is the
//! mode's input.
//!
//! | mode | rest | checks |
//! | --- | --- | --- |
//! | 0 | signature (signature_len octets, or all if fewer) ‖ message | a fuzzer's signature |
//! | 1 | kind, position, value ‖ message | the key's signature, changed |
//! | 2 | SEC 1 octets | `from_sec1` and the round trips |
//! | 3 | x ‖ y (halves) | `from_coordinates` and the round trips |
//! | 4 | scalar (scalar_len) ‖ message | a fuzzer's private key: its point round-trips, its signatures verify under it and not under the fixed key |
#![no_main]

#[allow(dead_code)]
#[path = "pk_common.rs"]
mod pk_common;

use barejwt::crypto::ec::{Curve, EcError, EcPrivateKey, EcPublicKey};
use libfuzzer_sys::fuzz_target;
use pk_common::{jwk_object, member};
use std::sync::OnceLock;

const JWKS: [&str; 4] = [
    include_str!("../../vectors/keys/ec-p256.jwk.json"),
    include_str!("../../vectors/keys/ec-p384.jwk.json"),
    include_str!("../../vectors/keys/ec-p521.jwk.json"),
    include_str!("../../vectors/keys/ec-secp256k1.jwk.json"),
];

/// The group orders n, big-endian, scalar_len octets (SEC 2 §2.4.2,
/// §2.5.1, §2.6.1, §2.7.1; FIPS 186-5 / SP 800-186 §3.2.1).
const ORDERS: [&str; 4] = [
    "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
    "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973",
    "01fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409",
    "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141",
];

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

struct Fixed {
    curve: Curve,
    private: EcPrivateKey,
    public: EcPublicKey,
    order: Vec<u8>,
}

fn fixed(curve: Curve) -> &'static Fixed {
    static FIXED: OnceLock<Vec<Fixed>> = OnceLock::new();
    let all = FIXED.get_or_init(|| {
        Curve::ALL
            .iter()
            .zip(JWKS)
            .zip(ORDERS)
            .map(|((&curve, jwk), order)| {
                let jwk = jwk_object(jwk);
                let private =
                    EcPrivateKey::from_scalar(curve, &member(&jwk, "d")).expect("the key file's d");
                let public =
                    EcPublicKey::from_coordinates(curve, &member(&jwk, "x"), &member(&jwk, "y"))
                        .expect("the key file's point");
                assert!(
                    &public == private.public_key(),
                    "d·G is not the file's point"
                );
                let order = hex(order);
                assert_eq!(order.len(), curve.scalar_len());
                // The constant is n: n − 1 is a scalar, n is not.
                assert!(EcPrivateKey::from_scalar(curve, &order).is_err());
                let n_minus_1 = sub(&order, &[1]).unwrap();
                assert!(EcPrivateKey::from_scalar(curve, &n_minus_1).is_ok());
                Fixed {
                    curve,
                    private,
                    public,
                    order,
                }
            })
            .collect()
    });
    &all[Curve::ALL.iter().position(|&c| c == curve).unwrap()]
}

/// a − b for big-endian a, b (b no longer than a), `None` when negative.
fn sub(a: &[u8], b: &[u8]) -> Option<Vec<u8>> {
    let mut out = a.to_vec();
    let mut borrow = 0i16;
    for i in 0..a.len() {
        let bi = if i < b.len() { b[b.len() - 1 - i] } else { 0 };
        let d = i16::from(a[a.len() - 1 - i]) - i16::from(bi) - borrow;
        borrow = i16::from(d < 0);
        out[a.len() - 1 - i] = d.rem_euclid(256) as u8;
    }
    (borrow == 0).then_some(out)
}

fn is_zero(x: &[u8]) -> bool {
    x.iter().all(|&b| b == 0)
}

/// `signature` with s replaced by n − s.
fn twin(f: &Fixed, signature: &[u8]) -> Vec<u8> {
    let len = f.curve.scalar_len();
    let (r, s) = signature.split_at(len);
    let mut out = r.to_vec();
    out.extend(sub(&f.order, s).expect("s < n"));
    out
}

fn check_signature(f: &Fixed, message: &[u8], signature: &[u8]) {
    let result = f.public.verify(message, signature);
    if signature.len() != f.curve.signature_len() {
        assert!(
            matches!(result, Err(EcError::SignatureLength { .. })),
            "a signature of {} octets gives {result:?}",
            signature.len()
        );
        return;
    }
    let len = f.curve.scalar_len();
    let (r, s) = signature.split_at(len);
    let in_range = |x: &[u8]| !is_zero(x) && sub(&f.order, x).is_some_and(|d| !is_zero(&d));
    if !(in_range(r) && in_range(s)) {
        assert!(
            matches!(result, Err(EcError::SignatureRange { .. })),
            "r or s out of 1..n−1 gives {result:?}"
        );
        return;
    }
    if result.is_ok() {
        let twin = twin(f, signature);
        assert_eq!(
            f.public.verify(message, &twin),
            Ok(()),
            "(r, s) accepted but not (r, n − s)"
        );
        let genuine = f.private.sign(message);
        assert!(
            signature == genuine || twin == genuine,
            "a signature accepted that the key's owner did not make (forgery)"
        );
    } else {
        assert!(
            matches!(result, Err(EcError::SignatureMismatch { .. })),
            "an in-range signature refused with {result:?}"
        );
    }
}

fn check_changed(f: &Fixed, kind: u8, position: u8, value: u8, message: &[u8]) {
    let genuine = f.private.sign(message);
    assert_eq!(genuine.len(), f.curve.signature_len());
    assert_eq!(
        genuine,
        f.private.sign(message),
        "signing is not deterministic"
    );
    assert_eq!(
        f.public.verify(message, &genuine),
        Ok(()),
        "the key's signature does not verify"
    );
    let twin = twin(f, &genuine);
    assert_eq!(
        f.public.verify(message, &twin),
        Ok(()),
        "the high-S twin does not verify"
    );
    let len = f.curve.scalar_len();
    let which = usize::from(position & 1) * len; // r or s
    let mut changed = genuine.clone();
    match kind % 4 {
        0 => {
            let at = usize::from(position) % changed.len();
            changed[at] ^= value.max(1);
            assert!(
                f.public.verify(message, &changed).is_err(),
                "the key's signature changed at one octet still verifies"
            );
        }
        1 => {
            changed[which..which + len].fill(0);
            assert!(matches!(
                f.public.verify(message, &changed),
                Err(EcError::SignatureRange { .. })
            ));
        }
        2 => {
            // n + value (when it fits): out of range.
            let mut plus = f.order.clone();
            let mut carry = u16::from(value);
            for b in plus.iter_mut().rev() {
                let t = u16::from(*b) + carry;
                *b = t as u8;
                carry = t >> 8;
            }
            if carry == 0 {
                changed[which..which + len].copy_from_slice(&plus);
                assert!(
                    matches!(
                        f.public.verify(message, &changed),
                        Err(EcError::SignatureRange { .. })
                    ),
                    "n + {value} accepted as r or s"
                );
            }
        }
        _ => {
            // The twin of the twin is the original.
            assert_eq!(twin_of(f, &twin), genuine);
        }
    }
}

fn twin_of(f: &Fixed, signature: &[u8]) -> Vec<u8> {
    twin(f, signature)
}

/// Panics unless `key` round-trips through every encoding.
fn check_point(key: &EcPublicKey) {
    let curve = key.curve();
    let len = curve.field_len();
    let uncompressed = key.to_uncompressed();
    assert_eq!(uncompressed.len(), 1 + 2 * len);
    assert_eq!(uncompressed[0], 4);
    let (x, y) = (key.x(), key.y());
    assert_eq!(&uncompressed[1..1 + len], &x[..]);
    assert_eq!(&uncompressed[1 + len..], &y[..]);
    let again = EcPublicKey::from_sec1(curve, &uncompressed).expect("to_uncompressed reads back");
    assert!(&again == key, "to_uncompressed reads back to another key");
    let again = EcPublicKey::from_coordinates(curve, &x, &y).expect("x, y read back");
    assert!(&again == key, "x, y read back to another key");
    let mut compressed = vec![2 | (y[len - 1] & 1)];
    compressed.extend_from_slice(&x);
    let again = EcPublicKey::from_sec1(curve, &compressed).expect("the compressed point reads");
    assert!(&again == key, "the compressed point reads to another key");
    compressed[0] ^= 1;
    let negated = EcPublicKey::from_sec1(curve, &compressed).expect("−P reads");
    assert!(&negated != key, "P and −P read to one key");
    assert_eq!(negated.x(), x, "−P has another x");
}

fn check_sec1(curve: Curve, bytes: &[u8]) {
    let len = curve.field_len();
    match EcPublicKey::from_sec1(curve, bytes) {
        Ok(key) => {
            assert_eq!(key.curve(), curve);
            match bytes[0] {
                4 => assert_eq!(key.to_uncompressed(), bytes, "the point changed"),
                2 | 3 => {
                    assert_eq!(bytes.len(), 1 + len);
                    assert_eq!(key.x(), &bytes[1..], "x changed");
                    assert_eq!(key.y()[len - 1] & 1, bytes[0] & 1, "y's parity changed");
                }
                other => panic!("a point with prefix {other:#x} accepted"),
            }
            check_point(&key);
        }
        Err(e) => {
            let expected_len = match bytes.first() {
                Some(4) => 1 + 2 * len,
                Some(2 | 3) => 1 + len,
                _ => usize::MAX,
            };
            if bytes.len() != expected_len {
                assert!(
                    matches!(
                        e,
                        EcError::PointEncoding { .. } | EcError::PointAtInfinity { .. }
                    ),
                    "a malformed encoding refused with {e:?}"
                );
            }
        }
    }
}

fn check_coordinates(curve: Curve, x: &[u8], y: &[u8]) {
    match EcPublicKey::from_coordinates(curve, x, y) {
        Ok(key) => {
            assert_eq!(key.x(), x, "x changed");
            assert_eq!(key.y(), y, "y changed");
            let mut sec1 = vec![4];
            sec1.extend_from_slice(x);
            sec1.extend_from_slice(y);
            assert!(
                EcPublicKey::from_sec1(curve, &sec1).is_ok_and(|k| k == key),
                "from_sec1 and from_coordinates disagree"
            );
            check_point(&key);
        }
        Err(e) => {
            let len = curve.field_len();
            if x.len() != len || y.len() != len {
                assert!(matches!(e, EcError::CoordinateLength { .. }), "{e:?}");
            }
        }
    }
}

fn check_scalar(f: &Fixed, d: &[u8], message: &[u8]) {
    let Ok(key) = EcPrivateKey::from_scalar(f.curve, d) else {
        return;
    };
    assert!(
        !is_zero(d) && sub(&f.order, d).is_some_and(|x| !is_zero(&x)),
        "a scalar out of 1..n−1 accepted"
    );
    assert_eq!(key.scalar_bytes(), d, "d changed");
    let public = key.public_key();
    check_point(public);
    let signature = key.sign(message);
    assert_eq!(
        public.verify(message, &signature),
        Ok(()),
        "a fuzzer's key's signature fails"
    );
    if public != &f.public {
        assert!(
            f.public.verify(message, &signature).is_err(),
            "another key's signature verified under the fixed key"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let [mode, curve, rest @ ..] = data else {
        return;
    };
    let f = fixed(Curve::ALL[usize::from(*curve) % 4]);
    match mode % 5 {
        0 => {
            let (signature, message) = rest.split_at(rest.len().min(f.curve.signature_len()));
            check_signature(f, message, signature);
        }
        1 => {
            let [kind, position, value, message @ ..] = rest else {
                return;
            };
            check_changed(f, *kind, *position, *value, message);
        }
        2 => check_sec1(f.curve, rest),
        3 => {
            let (x, y) = rest.split_at(rest.len() / 2);
            check_coordinates(f.curve, x, y);
        }
        _ => {
            let (d, message) = rest.split_at(rest.len().min(f.curve.scalar_len()));
            check_scalar(f, d, message);
        }
    }
});
