//! Test support for the SHA-2 tests, in one place: the plain FIPS 180-4
//! reference compressions, the reader of the vector files, and the line on
//! stderr that says when an accelerated backend could not be tested.
//!
//! The reference loops are §6.2.2 and §6.4.2 as written: one step per
//! numbered step, a full 64- or 80-word message schedule, the working
//! variables shifted one by one, and the functions of §4.1.2 / §4.1.3 in
//! their textbook form (not the rewritten `Ch` and `Maj` of the unrolled
//! code). They use the constant tables of `constants.rs`, which its own
//! tests check against the square- and cube-root definitions.

extern crate std;

use super::constants::{K256, K512};
use crate::crypto::rand::{RandomSource, TestRng};
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use std::io::Write;

/// SHA-256 compression, FIPS 180-4 §6.2.2 as written, over every whole
/// 64-byte block of `blocks`.
pub(super) fn compress256(state: &mut [u32; 8], blocks: &[u8]) {
    // §4.1.2, (4.2)–(4.7).
    let ch = |x: u32, y: u32, z: u32| (x & y) ^ (!x & z);
    let maj = |x: u32, y: u32, z: u32| (x & y) ^ (x & z) ^ (y & z);
    let big_sigma0 = |x: u32| x.rotate_right(2) ^ x.rotate_right(13) ^ x.rotate_right(22);
    let big_sigma1 = |x: u32| x.rotate_right(6) ^ x.rotate_right(11) ^ x.rotate_right(25);
    let small_sigma0 = |x: u32| x.rotate_right(7) ^ x.rotate_right(18) ^ (x >> 3);
    let small_sigma1 = |x: u32| x.rotate_right(17) ^ x.rotate_right(19) ^ (x >> 10);
    for block in blocks.chunks_exact(64) {
        // 1. Prepare the message schedule {W_t} (words are big-endian, §3.1).
        let mut w = [0u32; 64];
        for t in 0..16 {
            w[t] = u32::from_be_bytes(block[4 * t..4 * t + 4].try_into().unwrap());
        }
        for t in 16..64 {
            w[t] = small_sigma1(w[t - 2])
                .wrapping_add(w[t - 7])
                .wrapping_add(small_sigma0(w[t - 15]))
                .wrapping_add(w[t - 16]);
        }
        // 2. Initialize the eight working variables.
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = *state;
        // 3. For t = 0 to 63:
        for t in 0..64 {
            let t1 = h
                .wrapping_add(big_sigma1(e))
                .wrapping_add(ch(e, f, g))
                .wrapping_add(K256[t])
                .wrapping_add(w[t]);
            let t2 = big_sigma0(a).wrapping_add(maj(a, b, c));
            h = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        // 4. Compute the intermediate hash value H^(i).
        for (h_i, v) in state.iter_mut().zip([a, b, c, d, e, f, g, h]) {
            *h_i = h_i.wrapping_add(v);
        }
    }
}

/// SHA-512 compression, FIPS 180-4 §6.4.2 as written (also SHA-384,
/// §6.5), over every whole 128-byte block of `blocks`.
pub(super) fn compress512(state: &mut [u64; 8], blocks: &[u8]) {
    // §4.1.3, (4.8)–(4.13).
    let ch = |x: u64, y: u64, z: u64| (x & y) ^ (!x & z);
    let maj = |x: u64, y: u64, z: u64| (x & y) ^ (x & z) ^ (y & z);
    let big_sigma0 = |x: u64| x.rotate_right(28) ^ x.rotate_right(34) ^ x.rotate_right(39);
    let big_sigma1 = |x: u64| x.rotate_right(14) ^ x.rotate_right(18) ^ x.rotate_right(41);
    let small_sigma0 = |x: u64| x.rotate_right(1) ^ x.rotate_right(8) ^ (x >> 7);
    let small_sigma1 = |x: u64| x.rotate_right(19) ^ x.rotate_right(61) ^ (x >> 6);
    for block in blocks.chunks_exact(128) {
        // 1. Prepare the message schedule {W_t}.
        let mut w = [0u64; 80];
        for t in 0..16 {
            w[t] = u64::from_be_bytes(block[8 * t..8 * t + 8].try_into().unwrap());
        }
        for t in 16..80 {
            w[t] = small_sigma1(w[t - 2])
                .wrapping_add(w[t - 7])
                .wrapping_add(small_sigma0(w[t - 15]))
                .wrapping_add(w[t - 16]);
        }
        // 2. Initialize the eight working variables.
        let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = *state;
        // 3. For t = 0 to 79:
        for t in 0..80 {
            let t1 = h
                .wrapping_add(big_sigma1(e))
                .wrapping_add(ch(e, f, g))
                .wrapping_add(K512[t])
                .wrapping_add(w[t]);
            let t2 = big_sigma0(a).wrapping_add(maj(a, b, c));
            h = g;
            g = f;
            f = e;
            e = d.wrapping_add(t1);
            d = c;
            c = b;
            b = a;
            a = t1.wrapping_add(t2);
        }
        // 4. Compute the intermediate hash value H^(i).
        for (h_i, v) in state.iter_mut().zip([a, b, c, d, e, f, g, h]) {
            *h_i = h_i.wrapping_add(v);
        }
    }
}

/// One record of `vectors/sha2.txt` or `vectors/sha2_cavp.txt`.
pub(super) struct Vector {
    /// The file it came from, for the record counts.
    pub file: &'static str,
    /// `Id`, for failure messages.
    pub id: String,
    /// `Alg`: `SHA-256`, `SHA-384` or `SHA-512`.
    pub alg: String,
    pub message: Vec<u8>,
    pub digest: Vec<u8>,
}

pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| alloc::format!("{b:02x}")).collect()
}

fn unhex(text: &str) -> Vec<u8> {
    assert!(text.len() % 2 == 0, "odd-length hex: {text}");
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

/// Every record of both SHA-2 vector files. A record is `Key = value`
/// lines (`#` lines are comments) ended by a blank line; its message is
/// `Message` (hex), or `Repeat` (hex) repeated `Count` times. The message
/// length is checked against `Len` (bytes) or `Len_bits`, whichever the
/// file gives.
pub(super) fn vectors() -> Vec<Vector> {
    let files = [
        ("sha2.txt", include_str!("../../../vectors/sha2.txt")),
        (
            "sha2_cavp.txt",
            include_str!("../../../vectors/sha2_cavp.txt"),
        ),
    ];
    let mut vectors = Vec::new();
    for (file, text) in files {
        for record in text.split("\n\n") {
            let fields: Vec<(&str, &str)> = record
                .lines()
                .filter(|line| !line.starts_with('#'))
                .filter_map(|line| line.split_once('='))
                .map(|(key, value)| (key.trim(), value.trim()))
                .collect();
            let field = |key: &str| fields.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
            let Some(alg) = field("Alg") else {
                assert!(fields.is_empty(), "{file}: record without Alg: {record}");
                continue;
            };
            let id = field("Id").unwrap();
            let message = match (field("Message"), field("Repeat"), field("Count")) {
                (Some(hex), _, _) => unhex(hex),
                (None, Some(hex), Some(count)) => unhex(hex).repeat(count.parse().unwrap()),
                _ => panic!("{file}: {id} has no message"),
            };
            match (field("Len"), field("Len_bits")) {
                (Some(bytes), _) => assert_eq!(message.len().to_string(), bytes, "{id}"),
                (None, Some(bits)) => assert_eq!((8 * message.len()).to_string(), bits, "{id}"),
                (None, None) => panic!("{file}: {id} has no length"),
            }
            vectors.push(Vector {
                file,
                id: id.into(),
                alg: alg.into(),
                message,
                digest: unhex(field("Digest").unwrap()),
            });
        }
    }
    vectors
}

/// `len` pseudo-random bytes from the crate's test generator.
pub(super) fn random_bytes(rng: &mut TestRng, len: usize) -> Vec<u8> {
    let mut bytes = alloc::vec![0u8; len];
    rng.fill_bytes(&mut bytes).unwrap();
    bytes
}

/// Says on stderr, outside the harness's capture, that `backend` (which
/// needs `features`) is absent and why, and what therefore ran on the
/// portable code only: a missing backend must never look like a pass.
pub(super) fn say_absent(backend: &str, features: &str, what: &str) {
    let why = if cfg!(not(target_arch = "x86_64")) {
        "it exists on x86_64 only".to_string()
    } else if cfg!(barejwt_portable) {
        "--cfg barejwt_portable forces the portable path".to_string()
    } else if cfg!(feature = "std") {
        alloc::format!("this CPU lacks one of {features}")
    } else {
        alloc::format!("built without std and without target features {features}")
    };
    let _ = writeln!(
        std::io::stderr(),
        "{backend} absent ({why}): {what} ran on the portable backend only"
    );
}
