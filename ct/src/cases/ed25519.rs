//! Ed25519 (RFC 8032 §5.1.5, §5.1.6) with a secret seed: key expansion
//! (SHA-512, clamping, reduction mod L, A = \[s\]B) and signing (the nonce
//! r, \[r\]B, S = r + k·s mod L), on every record of
//! `vectors/ed25519/rfc8032.txt`.

use super::{Replay, SecretRandom};
use crate::valgrind::{declassify, secret};
use crate::vectors::{records, to_hex, ED25519_RFC8032};
use barejwt::crypto::ed25519::{Ed25519PrivateKey, Ed25519PublicKey};
use barejwt::crypto::rand::OsRandom;

fn seed_of(hex: Vec<u8>) -> [u8; 32] {
    match hex.try_into() {
        Ok(seed) => seed,
        Err(v) => panic!("a seed of {} octets", v.len()),
    }
}

/// Signs `message` and declassifies the outputs: the public key and the
/// signature, the only values that leave the key.
fn sign_and_publish(key: &Ed25519PrivateKey, message: &[u8]) -> ([u8; 32], [u8; 64]) {
    let signature = key.sign(message);
    (
        declassify(*key.public_key().as_bytes()),
        declassify(signature),
    )
}

/// `from_seed` with the seed secret, then `sign`.
pub fn sign() -> String {
    let mut n = 0;
    for record in records(ED25519_RFC8032) {
        let id = record.text("Id");
        let seed = secret(seed_of(record.bytes("Seed")));
        let message = record.bytes("Message");
        let key = match Ed25519PrivateKey::from_seed(&seed) {
            Ok(key) => key,
            Err(e) => panic!("{id}: {e}"),
        };
        let (public_key, signature) = sign_and_publish(&key, &message);
        assert_eq!(public_key.to_vec(), record.bytes("PublicKey"), "{id}");
        assert_eq!(
            signature.to_vec(),
            record.bytes("Signature"),
            "{id}: {}",
            to_hex(&signature)
        );
        n += 1;
    }
    assert!(n > 0);
    format!("{n} RFC 8032 records: public keys and signatures as published")
}

/// `generate` from a source whose bytes are secret: the published seeds
/// played back (outputs checked against RFC 8032), then the operating
/// system's generator (the signature checked by verification).
pub fn generate() -> String {
    let mut n = 0;
    for record in records(ED25519_RFC8032) {
        let id = record.text("Id");
        let seed = record.bytes("Seed");
        let key = match Ed25519PrivateKey::generate(&mut SecretRandom(Replay(&seed))) {
            Ok(key) => key,
            Err(e) => panic!("{id}: {e}"),
        };
        let message = record.bytes("Message");
        let (public_key, signature) = sign_and_publish(&key, &message);
        assert_eq!(public_key.to_vec(), record.bytes("PublicKey"), "{id}");
        assert_eq!(signature.to_vec(), record.bytes("Signature"), "{id}");
        n += 1;
    }

    let key = match Ed25519PrivateKey::generate(&mut SecretRandom(OsRandom)) {
        Ok(key) => key,
        Err(e) => panic!("the OS generator: {e}"),
    };
    let message = b"a fresh key signs";
    let (public_key, signature) = sign_and_publish(&key, message);
    // Verification is public-data code; it runs on declassified values.
    let verifier = match Ed25519PublicKey::from_bytes(&public_key) {
        Ok(verifier) => verifier,
        Err(e) => panic!("the fresh public key: {e}"),
    };
    assert_eq!(verifier.verify(message, &signature), Ok(()));
    format!(
        "{n} RFC 8032 seeds played back as secret randomness, and one fresh key from {}",
        OsRandom::PATH
    )
}
