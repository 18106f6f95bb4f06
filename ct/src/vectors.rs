//! The repository's published test vectors, read in the harness: the cases
//! check the outputs computed under valgrind against them, so a marking
//! that disturbed the computation (or a case that computed nothing) would
//! fail as a wrong answer, not pass as "no errors".
//!
//! The files are the main crate's (`vectors/`, each documented in its
//! folder's README): records of `Name = value` lines separated by blank
//! lines, `#` comments.

/// RFC 8032 §7.1, the five tests of pure Ed25519.
pub const ED25519_RFC8032: &str = include_str!("../../vectors/ed25519/rfc8032.txt");
/// HMAC-SHA-256/384/512: RFC 4231 Test Cases 1–7 and keys of lengths
/// around the block size (RFC 2104 §2), 12 records per hash.
pub const HMAC: &str = include_str!("../../vectors/hmac.txt");
/// base64url: RFC 4648 §10, RFC 7515 Appendix C, derived alphabet cases,
/// and the strict decoder's rejections with their kinds and offsets.
pub const BASE64URL: &str = include_str!("../../vectors/base64url.txt");
/// An Ed25519 private key, PKCS #8 in PEM (`vectors/keys/README.md`).
pub const ED25519_PKCS8_PEM: &str = include_str!("../../vectors/keys/ed25519-pkcs8.pem");
/// A P-256 private key, PKCS #8 in PEM (`vectors/keys/README.md`).
pub const P256_PKCS8_PEM: &str = include_str!("../../vectors/keys/ec-p256-pkcs8.pem");

/// One record: its fields in file order.
pub struct Record<'a> {
    fields: Vec<(&'a str, &'a str)>,
}

impl<'a> Record<'a> {
    /// The value of `name` (empty when the line is `Name =`).
    pub fn get(&self, name: &str) -> Option<&'a str> {
        self.fields
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| *value)
    }

    /// The value of `name`, which the record must have.
    pub fn text(&self, name: &str) -> &'a str {
        match self.get(name) {
            Some(value) => value,
            None => panic!("a record has no {name}: {:?}", self.fields),
        }
    }

    /// The value of `name`, hex-decoded.
    pub fn bytes(&self, name: &str) -> Vec<u8> {
        hex(self.text(name))
    }
}

/// The records of a vector file.
pub fn records(file: &str) -> Vec<Record<'_>> {
    let mut out = Vec::new();
    let mut fields = Vec::new();
    for line in file.lines().chain(std::iter::once("")) {
        let line = line.trim();
        if line.starts_with('#') {
            continue;
        }
        if line.is_empty() {
            if !fields.is_empty() {
                out.push(Record {
                    fields: std::mem::take(&mut fields),
                });
            }
            continue;
        }
        match line.split_once('=') {
            Some((key, value)) => fields.push((key.trim(), value.trim())),
            None => panic!("not a `Name = value` line: {line}"),
        }
    }
    out
}

/// Lowercase or uppercase hex to bytes.
pub fn hex(text: &str) -> Vec<u8> {
    assert!(text.len() % 2 == 0, "odd-length hex: {text}");
    (0..text.len())
        .step_by(2)
        .map(|i| match u8::from_str_radix(&text[i..i + 2], 16) {
            Ok(byte) => byte,
            Err(_) => panic!("not hex: {text}"),
        })
        .collect()
}

/// Bytes to lowercase hex, for failure messages.
pub fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
