//! Project Wycheproof HMAC vectors (hmac_sha{256,384,512}_test.json), read
//! at run time from `$WYCHEPROOF_DIR`, else `../shared/wycheproof` beside the
//! repository. When the folder is absent the test says it skipped.
//!
//! The files are parsed with a few lines of ad-hoc code: every test object
//! sits inside a group whose `tagSize` (bits) applies to it, and has the
//! string fields `key`, `msg`, `tag` and `result`.
mod common;

use barejwt::hmac::{constant_time_eq, Hmac};
use barejwt::sha2::{HashFunction, Sha256, Sha384, Sha512};
use std::path::PathBuf;

fn wycheproof_dir() -> PathBuf {
    match std::env::var_os("WYCHEPROOF_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/wycheproof"),
    }
}

/// The string value of `"name" : "..."` starting the search at `from`.
fn string_field<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let at = text.find(&format!("\"{name}\""))?;
    let rest = &text[at + name.len() + 2..];
    let rest = rest
        .trim_start()
        .strip_prefix(':')?
        .trim_start()
        .strip_prefix('"')?;
    Some(&rest[..rest.find('"')?])
}

/// The number value of `"name" : 123`.
fn number_field(text: &str, name: &str) -> Option<usize> {
    let at = text.find(&format!("\"{name}\""))?;
    let rest = text[at + name.len() + 2..]
        .trim_start()
        .strip_prefix(':')?
        .trim_start();
    let end = rest.find(|c: char| !c.is_ascii_digit())?;
    rest[..end].parse().ok()
}

struct Case {
    id: usize,
    tag_bytes: usize,
    key: Vec<u8>,
    msg: Vec<u8>,
    tag: Vec<u8>,
    valid: bool,
}

/// Splits the file at each `"tagSize"` (one per group) and each `"tcId"`.
fn cases(text: &str) -> Vec<Case> {
    let mut out = Vec::new();
    for group in text
        .split("\"testGroups\"")
        .nth(1)
        .expect("testGroups")
        .split("\"type\"")
        .skip(1)
    {
        let tag_bits = number_field(group, "tagSize").expect("tagSize");
        assert_eq!(tag_bits % 8, 0, "tag size in whole bytes");
        for test in group.split("\"tcId\"").skip(1) {
            let test = format!("\"tcId\"{test}");
            let result = string_field(&test, "result").expect("result");
            assert!(
                result == "valid" || result == "invalid",
                "unexpected result {result}"
            );
            out.push(Case {
                id: number_field(&test, "tcId").expect("tcId"),
                tag_bytes: tag_bits / 8,
                key: common::hex(string_field(&test, "key").expect("key")).expect("hex key"),
                msg: common::hex(string_field(&test, "msg").expect("msg")).expect("hex msg"),
                tag: common::hex(string_field(&test, "tag").expect("tag")).expect("hex tag"),
                valid: result == "valid",
            });
        }
    }
    out
}

/// Runs one file; returns (cases run, declared count).
fn run<H: HashFunction>(file: &str) -> Option<(usize, usize)> {
    let path = wycheproof_dir().join(file);
    let text = std::fs::read_to_string(&path).ok()?;
    let declared = number_field(&text, "numberOfTests").expect("numberOfTests");
    let cases = cases(&text);
    for case in &cases {
        let full = Hmac::<H>::new(&case.key).mac(&case.msg);
        // tagSize below the hash size: the tag is the leftmost bytes.
        let computed = &full.as_ref()[..case.tag_bytes.min(H::OUTPUT_LEN)];
        let accepted = case.tag.len() == case.tag_bytes && constant_time_eq(computed, &case.tag);
        assert_eq!(accepted, case.valid, "{file} tcId {}", case.id);
        if case.tag_bytes == H::OUTPUT_LEN {
            // Full-length tags: the library's own verify must agree.
            assert_eq!(
                Hmac::<H>::new(&case.key).verify(&case.msg, &case.tag),
                case.valid,
                "{file} tcId {}",
                case.id
            );
        }
    }
    Some((cases.len(), declared))
}

#[test]
fn wycheproof_hmac_vectors() {
    let mut total = 0;
    for (file, result) in [
        (
            "hmac_sha256_test.json",
            run::<Sha256>("hmac_sha256_test.json"),
        ),
        (
            "hmac_sha384_test.json",
            run::<Sha384>("hmac_sha384_test.json"),
        ),
        (
            "hmac_sha512_test.json",
            run::<Sha512>("hmac_sha512_test.json"),
        ),
    ] {
        match result {
            Some((ran, declared)) => {
                assert_eq!(
                    ran, declared,
                    "{file}: parsed {ran} cases, file declares {declared}"
                );
                println!("wycheproof: {file}: {ran} cases ran");
                total += ran;
            }
            None => println!(
                "wycheproof: SKIPPED {file}: not found in {}",
                wycheproof_dir().display()
            ),
        }
    }
    println!("wycheproof: {total} HMAC cases ran in total");
}
