//! Negative controls: deliberately variable-time code, run under the same
//! marking as the real cases. Memcheck must flag each one; `run.sh` fails
//! when it does not, so the check cannot pass silently (client requests
//! that never reach valgrind, a valgrind that does not track definedness,
//! an optimiser that folded the secret away).
//!
//! Each control fails in one of the two ways the real code must not:
//! a branch on a secret ("Conditional jump or move depends on uninitialised
//! value(s)") and a memory address computed from a secret ("Use of
//! uninitialised value of size 8"). `run.sh` checks both the message and
//! that the reported stack names the control's function (`CONTROLS` in
//! `main.rs` gives both).

use crate::valgrind::{make_mem_defined, make_mem_undefined, public, secret};
use std::hint::black_box;

/// The byte comparison `ct::eq` exists to replace: it stops at the first
/// differing byte, so its running time tells how long the matching prefix
/// is. The branch on `a[i] != b[i]` depends on the secret.
#[inline(never)]
fn early_exit_eq_vartime(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    for (x, y) in a.iter().zip(b) {
        if x != y {
            return false;
        }
    }
    true
}

/// A table read at a secret index, as an S-box or a base64 alphabet
/// lookup: which cache line is loaded depends on the secret.
#[inline(never)]
fn table_lookup_vartime(table: &[u8; 256], index: u8) -> u8 {
    table[usize::from(index)]
}

/// A secret tag compared to a public one with an early exit.
pub fn early_exit_comparison() -> String {
    let tag = secret(*b"0123456789abcdef0123456789abcdef");
    let forged = *b"0123456789abcdef0123456789abcdeX";
    let equal = public(early_exit_eq_vartime(black_box(&tag), black_box(&forged)));
    assert!(!equal, "the early-exit comparison computed a wrong answer");
    "compared a secret tag to a forged one byte by byte, stopping at the first difference".into()
}

/// A table indexed by a secret byte.
pub fn secret_table_index() -> String {
    let mut table = [0u8; 256];
    for (i, entry) in table.iter_mut().enumerate() {
        *entry = (i as u8).rotate_left(3) ^ 0x5a;
    }
    let index = secret(0xa7u8);
    let value = public(table_lookup_vartime(black_box(&table), black_box(index)));
    assert_eq!(value, 0xa7u8.rotate_left(3) ^ 0x5a);
    "read a 256-octet table at a secret index".into()
}

/// The library's own fast base64url decoder, [`barejwt::base64url::decode`],
/// on secret text: it reads a 256-entry table at each character, so memcheck
/// must report the addresses. This is what `decode_secret` is for, and
/// the case `base64url-decode-secret` shows it is not reported there: the
/// difference is in the decoder, not in the marking.
pub fn base64url_decode_of_secret() -> String {
    // The `k` of RFC 7515 Appendix A.1, an HMAC key.
    let k =
        "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow";
    let mut text = k.as_bytes().to_vec();
    make_mem_undefined(text.as_mut_slice());
    let decoded = barejwt::base64url::decode(black_box(&text));
    // Memcheck takes a value loaded from a secret address as defined; mark
    // the output defined in any case before comparing.
    let decoded = public(decoded).map(|mut bytes| {
        make_mem_defined(bytes.as_mut_slice());
        bytes
    });
    let expected = barejwt::base64url::decode_secret(k.as_bytes());
    assert_eq!(decoded, expected, "decode and decode_secret differ");
    "decoded the 86-character HMAC key of RFC 7515 Appendix A.1 with base64url::decode, the text secret".into()
}

/// The library's fast base64url encoder, [`barejwt::base64url::encode_to_slice`],
/// on a secret key: it reads an 8 KiB table of character pairs at a secret
/// index, so memcheck must report the addresses. This is what
/// `encode_secret` is for, and the case `base64url-encode-secret` shows it
/// is not reported there.
pub fn base64url_encode_of_secret() -> String {
    // Thirty bytes: one AVX2 block where the CPU has it, then six bytes
    // through the table, so the table is reached on every machine.
    let mut key: Vec<u8> = (0u8..30).map(|i| i.wrapping_mul(37) ^ 0x5a).collect();
    let expected = barejwt::base64url::encode_secret(&key);
    make_mem_undefined(key.as_mut_slice());
    let mut out = vec![0u8; barejwt::base64url::encoded_len(key.len())];
    let written = barejwt::base64url::encode_to_slice(black_box(&key), &mut out);
    make_mem_defined(out.as_mut_slice());
    assert_eq!(public(written).ok(), Some(out.len()));
    assert_eq!(out, expected.as_bytes(), "encode and encode_secret differ");
    "encoded a 30-octet secret key with base64url::encode_to_slice, the key secret".into()
}
