//! RSA (RFC 8017) with the private components secret: the key checks of
//! `RsaPrivateKey::from_components` (p·q = n, d·e ≡ 1, dp, dq, qi), then
//! RSASP1 by the CRT with base blinding (a secret random r) and the check
//! of the result with the public key before release, for
//! RSASSA-PKCS1-v1_5 and RSASSA-PSS (a secret random salt); and key
//! generation from a secret source.
//!
//! The keys and tokens are those of `vectors/rsa/jose.txt`: RFC 7515
//! Appendix A.2's key and RS256 signature and RFC 7520 §3.4's key with its
//! §4.1 RS256 and §4.2 PS384 signatures (published), and the reference
//! pack's RS384, RS512, PS256 and PS512 tokens under the RFC 7515 A.2 key
//! (constructed; see `vectors/rsa/README.md`). PKCS #1 v1.5 is
//! deterministic, so its signatures must equal those octets; PSS is
//! randomized, so its signatures are verified.

use super::SecretRandom;
use crate::valgrind::{
    declassify_vec, disable_error_reporting, enable_error_reporting, make_mem_undefined, set_vbits,
    undefined_bytes,
};
use crate::vectors::{records, to_hex, Record};
use barejwt::crypto::rand::OsRandom;
use barejwt::crypto::rsa::{RsaHash, RsaPrivateKey};

/// The RSA JWS records (RFC 7515 A.2, RFC 7520 §4.1, §4.2, and the
/// reference pack's constructed ones).
const JOSE: &str = include_str!("../../../vectors/rsa/jose.txt");

/// A record's base64url field, decoded.
fn member(record: &Record<'_>, name: &str) -> Vec<u8> {
    match barejwt::base64url::decode(record.text(name).as_bytes()) {
        Ok(bytes) => bytes,
        Err(e) => panic!("{}: {name}: {e}", record.text("Id")),
    }
}

/// The hash of a JWS `alg` (RS256 … PS512).
fn hash_of(alg: &str) -> RsaHash {
    match alg.get(2..) {
        Some("256") => RsaHash::Sha256,
        Some("384") => RsaHash::Sha384,
        Some("512") => RsaHash::Sha512,
        _ => panic!("unknown alg {alg}"),
    }
}

/// What of a secret component the library treats as public
/// (`src/crypto/rsa/private.rs`, "Constant time"; `Uint::from_be_bytes`
/// and `Modulus::new` in `src/crypto/bignum/`).
#[derive(Clone, Copy, PartialEq)]
enum Public {
    /// Its length in octets (leading zero octets are stripped: "encodings'
    /// lengths are public").
    OctetLength,
    /// Its bit length and parity too (a prime: `Modulus::new` branches on
    /// both, "public for RSA moduli and for primes of a given key size").
    BitLengthAndParity,
}

/// Marks a component's octets secret, all but the bits that carry what
/// `public` says is public. The component is minimal (a JWK's
/// Base64urlUInt, RFC 7518 §2), so its first octet is nonzero; memcheck
/// follows definedness bit by bit and takes `x != 0` as defined when a
/// defined bit of x is 1. So for the octet length, only the highest set
/// bit of the first octet is left defined; for the bit length and
/// parity, that bit, the zero bits above it and the lowest bit of the
/// last octet. Every other bit is undefined.
fn mark_secret(component: &mut [u8], public: Public) {
    let first = component.first().copied().unwrap_or(0);
    assert!(first != 0, "a component with a leading zero octet");
    let top = 7 - first.leading_zeros(); // the highest set bit, 0 to 7
    let mut vbits = vec![0xffu8; component.len()];
    vbits[0] = match public {
        Public::OctetLength => !(1u8 << top),
        Public::BitLengthAndParity => (1u8 << top) - 1,
    };
    if public == Public::BitLengthAndParity {
        assert!(
            component.last().is_some_and(|b| b & 1 == 1),
            "an even prime"
        );
        if let Some(last) = vbits.last_mut() {
            *last &= !1;
        }
    }
    make_mem_undefined(component);
    set_vbits(component, &vbits);
}

/// The record's private key: `n` and `e` public, `d`, `p`, `q`, `dp`,
/// `dq`, `qi` marked secret before `from_components` sees them (its
/// consistency checks run on them).
fn private_key(record: &Record<'_>) -> RsaPrivateKey {
    let n = member(record, "n");
    let e = member(record, "e");
    let [mut d, mut p, mut q, mut dp, mut dq, mut qi] =
        ["d", "p", "q", "dp", "dq", "qi"].map(|name| member(record, name));
    for prime in [&mut p, &mut q] {
        mark_secret(prime, Public::BitLengthAndParity);
    }
    for component in [&mut d, &mut dp, &mut dq, &mut qi] {
        mark_secret(component, Public::OctetLength);
    }
    match RsaPrivateKey::from_components(&n, &e, &d, &p, &q, &dp, &dq, &qi) {
        Ok(key) => key,
        Err(e) => panic!("{}: {e}", record.text("Id")),
    }
}

/// The records signed with `alg_prefix` ("RS" or "PS"), grouped by key
/// (records with the same `n` share one key, loaded once).
fn by_key<'a>(alg_prefix: &str) -> Vec<Vec<Record<'a>>> {
    let mut groups: Vec<Vec<Record<'a>>> = Vec::new();
    for record in records(JOSE) {
        if !record.text("Alg").starts_with(alg_prefix) {
            continue;
        }
        match groups
            .iter_mut()
            .find(|group| group[0].text("n") == record.text("n"))
        {
            Some(group) => group.push(record),
            None => groups.push(vec![record]),
        }
    }
    groups
}

/// `sign_pkcs1v15` with the key secret and a secret blinding factor: each
/// signature must equal the record's octets.
pub fn sign_pkcs1v15() -> String {
    let mut published = 0;
    let mut constructed = 0;
    let groups = by_key("RS");
    for group in &groups {
        let key = private_key(&group[0]);
        for record in group {
            let id = record.text("Id");
            assert_eq!(record.text("Deterministic"), "yes", "{id}");
            let message = record.text("SigningInput").as_bytes();
            let hash = hash_of(record.text("Alg"));
            let signature = match key.sign_pkcs1v15(hash, message, &mut SecretRandom(OsRandom)) {
                Ok(signature) => declassify_vec(signature),
                Err(e) => panic!("{id}: {e}"),
            };
            assert_eq!(
                signature,
                member(record, "Signature"),
                "{id}: {}",
                to_hex(&signature)
            );
            match record.text("Kind") {
                "published" => published += 1,
                _ => constructed += 1,
            }
        }
    }
    assert!(published >= 2 && constructed >= 2);
    format!(
        "{} keys; {published} published (RFC 7515 A.2, RFC 7520 §4.1) and {constructed} \
         constructed RS256/384/512 signatures, each equal to the record's",
        groups.len()
    )
}

/// `sign_pss` with the key secret and a secret blinding factor and salt:
/// each signature verified with the public key, and two signatures of one
/// message told apart (the salt reached them).
pub fn sign_pss() -> String {
    let mut n = 0;
    let groups = by_key("PS");
    for group in &groups {
        let key = private_key(&group[0]);
        for record in group {
            let id = record.text("Id");
            let message = record.text("SigningInput").as_bytes();
            let hash = hash_of(record.text("Alg"));
            let sign = || match key.sign_pss(hash, message, &mut SecretRandom(OsRandom)) {
                Ok(signature) => declassify_vec(signature),
                Err(e) => panic!("{id}: {e}"),
            };
            let (first, second) = (sign(), sign());
            assert_ne!(first, second, "{id}: two PSS signatures are equal");
            // Verification is public-data code, on declassified values.
            let public = key.public_key();
            for signature in [&first, &second, &member(record, "Signature")] {
                assert_eq!(
                    public.verify_pss(hash, message, signature),
                    Ok(()),
                    "{id}: {}",
                    to_hex(signature)
                );
            }
            let mut other = message.to_vec();
            other.push(b'.');
            assert!(public.verify_pss(hash, &other, &first).is_err(), "{id}");
            n += 1;
        }
    }
    assert!(n >= 3);
    format!(
        "{} keys; {n} PS256/384/512 messages, 2 signatures each, verified and distinct \
         (the record's signature verified too)",
        groups.len()
    )
}

/// `RsaPrivateKey::generate(2048)` from a secret source. The check ends
/// when `generate` returns: the key's modulus n = p·q is public, but
/// memcheck sees it as derived from the secret primes, and the library has
/// no point where it declassifies n, so every later use of the key (its
/// signing, verification) would be reported on n's length and value. Those
/// uses are the code `rsa-sign-*` checks with a public n. Reports inside
/// `generate` after n is formed are sorted by the n rules of `triage.rs`.
/// With reports off, the key then signs and its signature is verified.
pub fn generate_2048() -> String {
    let key = match RsaPrivateKey::generate(2048, &mut SecretRandom(OsRandom)) {
        Ok(key) => key,
        Err(e) => panic!("generate: {e}"),
    };
    disable_error_reporting();
    {
        let message = b"a fresh key signs";
        let signature = match key.sign_pkcs1v15(RsaHash::Sha256, message, &mut OsRandom) {
            Ok(signature) => declassify_vec(signature),
            Err(e) => panic!("sign: {e}"),
        };
        let public = key.public_key();
        let n = public.n_be();
        // Memcheck holds n as secret-derived: the reason for the n rules.
        if let Some(undefined) = undefined_bytes(n.as_slice()) {
            assert_eq!(undefined, n.len(), "n is not derived from the secret");
        }
        assert_eq!(public.bits(), 2048);
        assert_eq!(n.len(), 256);
        // p, q ≥ 1.5·2^1023 (their top two bits set), so n ≥ 2.25·2^2046.
        assert!(n[0] >= 0x90, "n below 2.25·2^2046: {:02x}", n[0]);
        assert_eq!(
            public.verify_pkcs1v15(RsaHash::Sha256, message, &signature),
            Ok(())
        );
        // Here n, the signature and the key are dropped (their lengths and
        // contents are n-derived too), before reports resume.
        drop(key);
    }
    enable_error_reporting();
    format!(
        "one 2048-bit key from {}: n of 2048 bits, its signature verifies (checked with \
         reports off after generate returned)",
        OsRandom::PATH
    )
}
