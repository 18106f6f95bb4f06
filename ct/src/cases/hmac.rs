//! HMAC (RFC 2104) with a secret key: every record of `vectors/hmac.txt`,
//! the way the JWT layer uses it for HS256/384/512.

use crate::valgrind::{declassify, make_mem_undefined, public};
use crate::vectors::{records, to_hex, HMAC};
use barejwt::crypto::ct;
use barejwt::crypto::hmac::Hmac;
use barejwt::crypto::sha2::{HashFunction, Sha256, Sha384, Sha512};

/// One record: the key secret, the message and the published tag public.
fn check<H: HashFunction>(id: &str, key: &[u8], data: &[u8], published: &[u8]) {
    let hmac = Hmac::<H>::new(key);
    // The tag is secret until compared: a MAC of the server's key.
    let tag = hmac.mac(data);
    let n = published.len(); // public; shorter than the tag when truncated
    assert!(declassify(ct::eq(&tag.as_ref()[..n], published)), "{id}");
    let mut wrong = published.to_vec();
    if let Some(last) = wrong.last_mut() {
        *last ^= 1;
    }
    assert!(!declassify(ct::eq(&tag.as_ref()[..n], &wrong)), "{id}");
    // `Hmac::verify`, as the JWT layer checks a token: full-length tags
    // only, so a truncated one is refused on its (public) length alone.
    if n == H::OUTPUT_LEN {
        assert!(declassify(hmac.verify(data, published)), "{id}");
        assert!(!declassify(hmac.verify(data, &wrong)), "{id}");
    } else {
        assert!(!public(hmac.verify(data, published)), "{id}");
    }
    // Only now, a public output: the tag as a signer would send it.
    let tag = declassify(tag);
    assert_eq!(
        &tag.as_ref()[..n],
        published,
        "{id}: {}",
        to_hex(tag.as_ref())
    );
}

/// Every record of `vectors/hmac.txt`, the key marked secret.
pub fn every_record() -> String {
    let mut count = [0usize; 3];
    for record in records(HMAC) {
        let id = record.text("Id");
        let mut key = record.bytes("Key");
        make_mem_undefined(key.as_mut_slice());
        let data = record.bytes("Data");
        let mac = record.bytes("Mac");
        match record.text("Alg") {
            "SHA-256" => (check::<Sha256>(id, &key, &data, &mac), count[0] += 1),
            "SHA-384" => (check::<Sha384>(id, &key, &data, &mac), count[1] += 1),
            "SHA-512" => (check::<Sha512>(id, &key, &data, &mac), count[2] += 1),
            other => panic!("{id}: unknown Alg {other}"),
        };
    }
    assert!(count.iter().all(|&n| n > 0), "{count:?}");
    format!(
        "{} records (SHA-256 {}, SHA-384 {}, SHA-512 {}), each tag equal to the published one",
        count.iter().sum::<usize>(),
        count[0],
        count[1],
        count[2]
    )
}
