//! PBKDF2 with HMAC-SHA-256 as its pseudorandom function: RFC 8018 §5.2
//! (PKCS #5 v2.1), the password hash of this example.
//!
//! ```text
//! DK  = T_1 || T_2 || ... || T_l<0..r-1>
//! T_i = F(P, S, c, i) = U_1 ^ U_2 ^ ... ^ U_c
//! U_1 = PRF(P, S || INT(i)),  U_j = PRF(P, U_{j-1})
//! ```
//!
//! The PRF key is always the password P, so its HMAC state
//! ([`HmacSha256::new`]) is computed once and each of the `c` iterations
//! costs two SHA-256 compressions. Checked against the vectors of RFC 7914
//! §11 (`vectors/pbkdf2.txt`, run by `tests/token_server_pbkdf2.rs`).
//!
//! PBKDF2 is the oldest standard password hash and the easiest to write on
//! top of HMAC; a new service with a choice would rather use a memory-hard
//! function (scrypt, RFC 7914; Argon2, RFC 9106).

use barejwt::hmac::HmacSha256;
use std::fmt;
use std::num::NonZeroU32;

/// hLen: the length of one PRF output, HMAC-SHA-256's 32 bytes (RFC 8018
/// §5.2, "hLen denotes the length in octets of the pseudorandom function
/// output").
pub const H_LEN: usize = 32;

/// RFC 8018 §5.2 step 1: "If dkLen > (2^32 - 1) * hLen, output 'derived key
/// too long' and stop."
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DerivedKeyTooLong;

impl fmt::Display for DerivedKeyTooLong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("derived key too long (more than (2^32 - 1) * 32 bytes)")
    }
}

impl std::error::Error for DerivedKeyTooLong {}

/// Fills `dk` (its length is dkLen) with PBKDF2-HMAC-SHA256(`password`,
/// `salt`, `c`). The type of `c` keeps out the iteration count 0, which
/// RFC 8018 §5.2 excludes ("c: iteration count, a positive integer").
///
/// # Errors
///
/// [`DerivedKeyTooLong`] when `dk` needs more than 2^32 - 1 blocks; `dk` is
/// left untouched.
pub fn pbkdf2_hmac_sha256(
    password: &[u8],
    salt: &[u8],
    c: NonZeroU32,
    dk: &mut [u8],
) -> Result<(), DerivedKeyTooLong> {
    // Step 1: at most 2^32 - 1 blocks, since the block index is a 32-bit INT(i).
    // Step 2: l = ceil(dkLen / hLen) blocks, the last holding r bytes;
    // `chunks_mut(H_LEN)` yields exactly those l blocks.
    let l = dk.len().div_ceil(H_LEN);
    if u32::try_from(l).is_err() {
        return Err(DerivedKeyTooLong);
    }

    let prf = HmacSha256::new(password);
    for (i, t_i) in (1..=u32::MAX).zip(dk.chunks_mut(H_LEN)) {
        // Step 3: T_i = F(P, S, c, i). Step 4: concatenate the blocks; the
        // last one keeps its first r bytes (`zip` stops at the shorter `t_i`).
        for (out, byte) in t_i.iter_mut().zip(f(&prf, salt, c, i)) {
            *out = byte;
        }
    }
    // Step 5: DK is `dk`.
    Ok(())
}

/// Step 3's function F(P, S, c, i) = U_1 ^ U_2 ^ ... ^ U_c, with the PRF
/// keyed by P once for all blocks and iterations.
fn f(prf: &HmacSha256, salt: &[u8], c: NonZeroU32, i: u32) -> [u8; H_LEN] {
    // U_1 = PRF(P, S || INT(i)), INT(i) the four-byte big-endian i.
    let mut first = prf.start();
    first.update(salt);
    first.update(&i.to_be_bytes());
    let mut u = first.finalize();

    // U_j = PRF(P, U_{j-1}) for j = 2..c, each XORed into T_i.
    let mut t = u;
    for _ in 1..c.get() {
        u = prf.mac(&u);
        for (t_byte, u_byte) in t.iter_mut().zip(u) {
            *t_byte ^= u_byte;
        }
    }
    t
}
