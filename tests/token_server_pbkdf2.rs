//! The PBKDF2-HMAC-SHA256 of `examples/token_server/` against published
//! vectors (`vectors/pbkdf2.txt`: RFC 7914 §11, and derived records checked
//! with Python's hashlib).
//!
//! The module is compiled here from the example's source file, so
//! `cargo test` runs these checks while still building the example as the
//! plain binary that `tests/token_server.rs` starts.

mod common;

#[path = "../examples/token_server/pbkdf2.rs"]
mod pbkdf2;

use barejwt::hmac::HmacSha256;
use pbkdf2::{pbkdf2_hmac_sha256, H_LEN};
use std::num::NonZeroU32;

fn iterations(n: u32) -> NonZeroU32 {
    NonZeroU32::new(n).expect("a positive iteration count")
}

#[test]
fn pbkdf2_matches_every_vector_in_the_file() {
    let records = common::records(include_str!("../vectors/pbkdf2.txt"));
    assert_eq!(records.len(), 6, "vectors/pbkdf2.txt holds six records");
    let mut from_rfc7914 = 0;
    for record in &records {
        let c: u32 = record
            .str("Iterations")
            .parse()
            .expect("decimal Iterations");
        let dk_len: usize = record.str("DkLen").parse().expect("decimal DkLen");
        let expected = record.hex("Dk");
        assert_eq!(
            expected.len(),
            dk_len,
            "{}: Dk has DkLen bytes",
            record.label()
        );

        let mut dk = vec![0u8; dk_len];
        pbkdf2_hmac_sha256(
            &record.hex("Password"),
            &record.hex("Salt"),
            iterations(c),
            &mut dk,
        )
        .expect("a short key is never too long");
        assert_eq!(
            common::to_hex(&dk),
            common::to_hex(&expected),
            "{}",
            record.label()
        );
        if record.str("Source").starts_with("RFC 7914") {
            from_rfc7914 += 1;
        }
    }
    assert_eq!(from_rfc7914, 2, "both RFC 7914 §11 vectors are checked");
}

#[test]
fn one_iteration_is_one_hmac_of_salt_and_block_index() {
    // RFC 8018 §5.2 step 3 with c = 1: T_1 = U_1 = PRF(P, S || INT(1)).
    let mut dk = [0u8; H_LEN];
    pbkdf2_hmac_sha256(b"pencil", b"pepper", iterations(1), &mut dk).expect("32 bytes");
    let expected = HmacSha256::new(b"pencil").mac(b"pepper\x00\x00\x00\x01");
    assert_eq!(dk, expected);
}

#[test]
fn a_shorter_key_is_a_prefix_of_a_longer_one() {
    // Step 4: DK is the concatenation of the blocks, the last one truncated.
    let mut long = [0u8; 3 * H_LEN + 5];
    pbkdf2_hmac_sha256(b"secret", b"salty", iterations(3), &mut long).expect("short key");
    for len in [0, 1, H_LEN - 1, H_LEN, H_LEN + 1, 2 * H_LEN, long.len()] {
        let mut short = vec![0u8; len];
        pbkdf2_hmac_sha256(b"secret", b"salty", iterations(3), &mut short).expect("short key");
        assert_eq!(short[..], long[..len], "dkLen {len}");
    }
}

#[test]
fn salt_and_iterations_each_change_the_key() {
    let derive = |salt: &[u8], c: u32| {
        let mut dk = [0u8; H_LEN];
        pbkdf2_hmac_sha256(b"password", salt, iterations(c), &mut dk).expect("32 bytes");
        dk
    };
    assert_ne!(derive(b"salt-a", 10), derive(b"salt-b", 10));
    assert_ne!(derive(b"salt-a", 10), derive(b"salt-a", 11));
}
