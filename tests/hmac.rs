//! HMAC-SHA-256/384/512 against every vector of `vectors/hmac.txt` (RFC 4231
//! Test Cases 1-7, TC5 truncated to 128 bits; derived key-length cases).
mod common;

use barejwt::hmac::{Hmac, HmacSha256, HmacSha384, HmacSha512};
use barejwt::sha2::{HashFunction, Sha256, Sha384, Sha512};
use common::Record;

const VECTORS: &str = include_str!("../vectors/hmac.txt");

/// Checks one record: one-shot, streamed, and `verify` (full tags only;
/// a truncated tag must be refused by `verify` and match as a prefix).
fn check<H: HashFunction>(r: &Record) {
    let (key, data, expected) = (r.hex("Key"), r.hex("Data"), r.hex("Mac"));
    let hmac = Hmac::<H>::new(&key);
    let tag = hmac.mac(&data);
    let tag = tag.as_ref();
    let mut state = hmac.start();
    let (x, y) = data.split_at(data.len() / 3);
    state.update(x);
    state.update(y);
    assert_eq!(state.finalize().as_ref(), tag, "streamed {}", r.label());
    match r.get("Truncate_bits") {
        None => {
            assert_eq!(tag, &expected[..], "{}", r.label());
            assert!(hmac.verify(&data, &expected), "{}", r.label());
        }
        Some(bits) => {
            let bytes = bits.parse::<usize>().expect("Truncate_bits") / 8;
            assert_eq!(&tag[..bytes], &expected[..], "{}", r.label());
            assert!(
                !hmac.verify(&data, &expected),
                "truncated tag accepted: {}",
                r.label()
            );
        }
    }
}

#[test]
fn every_hmac_vector_matches() {
    let mut counts = [0usize; 3];
    for r in common::records(VECTORS) {
        match r.str("Alg") {
            "SHA-256" => {
                check::<Sha256>(&r);
                counts[0] += 1;
            }
            "SHA-384" => {
                check::<Sha384>(&r);
                counts[1] += 1;
            }
            "SHA-512" => {
                check::<Sha512>(&r);
                counts[2] += 1;
            }
            other => panic!("unknown Alg {other} in {}", r.label()),
        }
    }
    assert_eq!(counts, [12, 12, 12], "vector file changed shape");
}

/// RFC 2104 §2: a key longer than B bytes is replaced by H(key).
#[test]
fn long_keys_are_hashed_first() {
    let long = [0xaa; 131];
    let message = b"Test Using Larger Than Block-Size Key - Hash Key First";
    assert_eq!(
        HmacSha256::new(&long).mac(message),
        HmacSha256::new(&Sha256::digest(&long)).mac(message)
    );
    assert_eq!(
        HmacSha384::new(&long).mac(message),
        HmacSha384::new(&Sha384::digest(&long)).mac(message)
    );
    assert_eq!(
        HmacSha512::new(&long).mac(message),
        HmacSha512::new(&Sha512::digest(&long)).mac(message)
    );
}
