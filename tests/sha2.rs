//! SHA-256/384/512 against every vector of `vectors/sha2.txt` (FIPS 180-2
//! appendices, RFC 6234 §8.5 TEST1-TEST4, NIST CAVP Len = 0, padding-boundary
//! lengths 55-129), one-shot and streamed.
mod common;

use barejwt::sha2::{HashFunction, Sha256, Sha384, Sha512};
use common::Record;

const VECTORS: &str = include_str!("../vectors/sha2.txt");
const CAVP: &str = include_str!("../vectors/sha2_cavp.txt");

fn message(r: &Record) -> Vec<u8> {
    let message = match r.get("Message") {
        Some(_) => r.hex("Message"),
        None => {
            let unit = r.hex("Repeat");
            let count: usize = r.str("Count").parse().expect("Count");
            unit.repeat(count)
        }
    };
    assert_eq!(message.len().to_string(), r.str("Len"), "{}", r.label());
    message
}

/// One-shot, then streamed in uneven pieces (7, 64, 1000 bytes, repeating),
/// so buffered, whole-block and mixed paths all see the message.
fn check<H: HashFunction>(r: &Record, message: &[u8]) {
    let expected = r.hex("Digest");
    assert_eq!(
        H::digest(message).as_ref(),
        &expected[..],
        "one-shot {}",
        r.label()
    );
    let mut hasher = H::new();
    let mut rest = message;
    for size in [7, 64, 1000].into_iter().cycle() {
        if rest.is_empty() {
            break;
        }
        let (piece, tail) = rest.split_at(size.min(rest.len()));
        hasher.update(piece);
        rest = tail;
    }
    assert_eq!(
        hasher.finalize().as_ref(),
        &expected[..],
        "streamed {}",
        r.label()
    );
}

#[test]
fn every_sha2_vector_matches_one_shot_and_streamed() {
    let mut counts = [0usize; 3];
    for r in common::records(VECTORS) {
        let m = message(&r);
        match r.str("Alg") {
            "SHA-256" => {
                check::<Sha256>(&r, &m);
                assert_eq!(Sha256::digest(&m).to_vec(), r.hex("Digest"));
                counts[0] += 1;
            }
            "SHA-384" => {
                check::<Sha384>(&r, &m);
                assert_eq!(Sha384::digest(&m).to_vec(), r.hex("Digest"));
                counts[1] += 1;
            }
            "SHA-512" => {
                check::<Sha512>(&r, &m);
                assert_eq!(Sha512::digest(&m).to_vec(), r.hex("Digest"));
                counts[2] += 1;
            }
            other => panic!("unknown Alg {other} in {}", r.label()),
        }
    }
    assert_eq!(counts, [18, 18, 18], "vector file changed shape");
}

#[test]
fn nist_cavp_short_and_long_messages_match() {
    let mut count = 0;
    for r in common::records(CAVP) {
        let m = r.hex("Message");
        assert_eq!(
            (m.len() * 8).to_string(),
            r.str("Len_bits"),
            "{}",
            r.label()
        );
        match r.str("Alg") {
            "SHA-256" => check::<Sha256>(&r, &m),
            "SHA-384" => check::<Sha384>(&r, &m),
            "SHA-512" => check::<Sha512>(&r, &m),
            other => panic!("unknown Alg {other} in {}", r.label()),
        }
        count += 1;
    }
    assert_eq!(count, 14, "vector file changed shape");
}

#[test]
fn constants_describe_the_algorithms() {
    assert_eq!((Sha256::BLOCK_LEN, Sha256::OUTPUT_LEN), (64, 32));
    assert_eq!((Sha384::BLOCK_LEN, Sha384::OUTPUT_LEN), (128, 48));
    assert_eq!((Sha512::BLOCK_LEN, Sha512::OUTPUT_LEN), (128, 64));
    assert_eq!(<Sha256 as HashFunction>::OUTPUT_LEN, 32);
}
