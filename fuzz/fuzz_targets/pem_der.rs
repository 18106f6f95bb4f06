//! Key files (PEM, RFC 7468; SPKI, PKCS #1, PKCS #8, SEC 1, X.509's key)
//! of arbitrary bytes: never a panic, and whatever is read writes back to
//! the same key. The whole input goes to `parse_pem` and to
//! `AsymmetricKey::from_pem`; byte 0 also picks a label and the rest goes
//! to `parse_der` as that label's DER.
//!
//! Checked for every key read: SPKI and PKCS #8 write → parse gives the
//! same components (PKCS #8 v1 writes no Ed25519 `publicKey`, so the seed
//! is compared, and the key read back carries none) and the written DER is
//! a fixed point; PEM write → parse the same. DER read under the labels
//! whose structure has one encoding per key (strict DER, nothing skipped:
//! `PUBLIC KEY`, `RSA PUBLIC KEY`, `RSA PRIVATE KEY`, `EC PRIVATE KEY`)
//! writes back to the very octets read. `AsymmetricKey::from_pem` accepts
//! exactly the Ed25519 files whose key is usable (a public key that is a
//! curve point of large order; a seed whose carried public key, if any, is
//! its own), and its PEM exports read back to the same texts. PEM armour of
//! the DER decodes to the same label and octets.
#![no_main]

use barejwt::crypto::der;
use barejwt::crypto::ed25519::{Ed25519PrivateKey, Ed25519PublicKey};
use barejwt::crypto::pem::{self, Label};
use barejwt::crypto::pkix::{self, KeyFile, PrivateKeyInfo, PublicKeyInfo};
use barejwt::AsymmetricKey;
use libfuzzer_sys::fuzz_target;

/// Panics unless `read` is `written` as PKCS #8 v1 gives it back.
fn assert_same_private(written: &PrivateKeyInfo, read: &PrivateKeyInfo) {
    match (written, read) {
        (PrivateKeyInfo::Ed25519 { seed: a, .. }, PrivateKeyInfo::Ed25519 { seed: b, public }) => {
            assert!(a == b, "PKCS #8 write → parse changed the Ed25519 seed");
            assert_eq!(*public, None, "PKCS #8 v1 was read with a publicKey");
        }
        // `Debug` hides private values: compare without printing them.
        _ => assert!(
            written == read,
            "PKCS #8 write → parse changed the key: {written:?} → {read:?}"
        ),
    }
}

fn check_key_file(file: &KeyFile) {
    match file {
        KeyFile::Public(public) => {
            let der = pkix::write_spki(public);
            assert_eq!(
                pkix::parse_spki(&der).as_ref(),
                Ok(public),
                "SPKI write → parse changed the key"
            );
        }
        KeyFile::Private(private) => {
            let der = pkix::write_pkcs8(private);
            let again = pkix::parse_pkcs8(&der)
                .unwrap_or_else(|e| panic!("written PKCS #8 does not parse: {e}"));
            assert_same_private(private, &again);
            assert!(
                pkix::write_pkcs8(&again) == der,
                "PKCS #8 write is not a fixed point"
            );
        }
    }
    let text = pkix::write_pem(file);
    let again = pkix::parse_pem(text.as_bytes())
        .unwrap_or_else(|e| panic!("written PEM does not parse: {e}"));
    match (file, &again) {
        (KeyFile::Public(a), KeyFile::Public(b)) => {
            assert_eq!(a, b, "PEM write → parse changed the key")
        }
        (KeyFile::Private(a), KeyFile::Private(b)) => assert_same_private(a, b),
        _ => panic!("PEM write → parse changed public to private or back"),
    }
}

/// For labels with one encoding per key: the DER read is what the writer
/// writes for it.
fn check_canonical(label: Label, der: &[u8], file: &KeyFile) {
    let written = match (label, file) {
        (Label::PublicKey, KeyFile::Public(public)) => pkix::write_spki(public),
        (Label::RsaPublicKey, KeyFile::Public(PublicKeyInfo::Rsa { n, e })) => {
            pkix::write_rsa_public_key(n, e)
        }
        (Label::RsaPrivateKey, KeyFile::Private(PrivateKeyInfo::Rsa(rsa))) => {
            pkix::write_rsa_private_key(rsa)
        }
        (Label::EcPrivateKey, KeyFile::Private(PrivateKeyInfo::Ec { curve, d, public })) => {
            pkix::write_ec_private_key(*curve, d, public.as_deref())
        }
        (Label::Certificate | Label::PrivateKey, _) => return,
        _ => panic!("{label:?} read as {file:?}"),
    };
    assert!(
        written == der,
        "{label:?}: accepted DER that is not what the writer writes for its key"
    );
}

/// `AsymmetricKey::from_pem` against what `parse_pem` read.
fn check_asymmetric(text: &[u8]) {
    let usable = match pkix::parse_pem(text) {
        Ok(KeyFile::Public(PublicKeyInfo::Ed25519 { key })) => {
            Ed25519PublicKey::from_bytes(&key).is_ok()
        }
        Ok(KeyFile::Private(PrivateKeyInfo::Ed25519 { seed, public })) => {
            let derived = Ed25519PrivateKey::from_seed(&seed).expect("a 32-octet seed");
            public.is_none_or(|p| &p == derived.public_key().as_bytes())
        }
        _ => false,
    };
    let Ok(key) = AsymmetricKey::from_pem(text) else {
        assert!(!usable, "from_pem refused a usable Ed25519 key file");
        return;
    };
    assert!(
        usable,
        "from_pem accepted a key file that is not a usable Ed25519 key"
    );
    let public_pem = key.public_key_pem();
    let public = AsymmetricKey::from_pem(public_pem.as_bytes())
        .unwrap_or_else(|e| panic!("public_key_pem does not read back: {e}"));
    assert!(!public.is_private(), "a public key PEM read as private");
    assert_eq!(public.public_key_pem(), public_pem, "public PEM round trip");
    assert_eq!(public.thumbprint(), key.thumbprint(), "thumbprint changed");
    match key.private_key_pem() {
        Ok(private_pem) => {
            assert!(key.is_private(), "a public key wrote a private PEM");
            let private = AsymmetricKey::from_pem(private_pem.as_bytes())
                .unwrap_or_else(|e| panic!("private_key_pem does not read back: {e}"));
            assert!(private.is_private(), "a private key PEM read as public");
            assert_eq!(
                private.private_key_pem().ok().as_ref(),
                Some(&private_pem),
                "private PEM round trip"
            );
            assert_eq!(private.public_key_pem(), public_pem, "public half changed");
        }
        Err(_) => assert!(!key.is_private(), "a private key wrote no private PEM"),
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(file) = pkix::parse_pem(data) {
        check_key_file(&file);
    }
    check_asymmetric(data);

    let [choice, der @ ..] = data else {
        return;
    };
    let label = Label::ALL[usize::from(*choice) % Label::ALL.len()];
    if let Ok(file) = pkix::parse_der(label, der) {
        check_key_file(&file);
        check_canonical(label, der, &file);
    }
    if !der.is_empty() && der.len() <= der::MAX_LEN {
        let text = pem::encode(label, der);
        let block = pem::decode(text.as_bytes())
            .unwrap_or_else(|e| panic!("encoded PEM does not decode: {e}"));
        assert_eq!(block.label, label, "PEM round trip changed the label");
        assert!(block.der == der, "PEM round trip changed the DER");
    }
});
