//! Decoding key text: base64url with a secret in it (a JWK's `k` or `d`,
//! an HMAC secret given as `--key-b64`) through
//! `base64url::decode_secret_declassifying`, and the base64 of a PEM
//! private key through `pem::decode_declassifying`. Both are the code
//! their plain forms (`decode_secret`, `pem::decode`) run, with the
//! library's declassification points handed to valgrind (see
//! [`Declassifier`]). And the way back: `base64url::encode_secret_to_slice`
//! (a JWK's `d`, `keygen`'s HMAC secret) and `pem::encode_bytes` (a private
//! key file), with every input byte secret and nothing declassified.

use crate::valgrind::{declassify_bytes, make_mem_defined, make_mem_undefined, undefined_bytes};
use crate::vectors::{records, to_hex, BASE64URL, ED25519_PKCS8_PEM, P256_PKCS8_PEM};
use barejwt::base64url::{self, DecodeError};
use barejwt::crypto::pem;
use barejwt::crypto::rand::{OsRandom, RandomSource};

/// The library's declassification hook: before it branches on a value it
/// computed from the secret, the library hands the value here (the byte
/// classes of a PEM text, a "the input broke a rule" flag, a malformed
/// input). Each value is checked against what the case expects to be
/// made public at that point, and to be still secret-derived (so the
/// case checks what it says), and only then marked defined.
struct Declassifier {
    /// What each call must hand over: its length and how many of its bytes
    /// must be undefined.
    expected: Vec<(usize, usize)>,
    /// Calls so far.
    calls: usize,
    /// For failure messages.
    what: String,
}

impl Declassifier {
    fn new(what: String, expected: Vec<(usize, usize)>) -> Self {
        Declassifier {
            expected,
            calls: 0,
            what,
        }
    }

    fn declassify(&mut self, value: &mut [u8]) {
        let Some(&(len, undefined)) = self.expected.get(self.calls) else {
            panic!(
                "{}: the library declassified a value {} times; expected {}",
                self.what,
                self.calls + 1,
                self.expected.len()
            );
        };
        assert_eq!(value.len(), len, "{}: call {}", self.what, self.calls);
        if let Some(seen) = undefined_bytes(value) {
            assert_eq!(
                seen, undefined,
                "{}: call {}: {seen} of {len} bytes depend on the secret, {undefined} expected",
                self.what, self.calls
            );
        }
        make_mem_defined(value);
        self.calls += 1;
    }

    fn finish(self) {
        assert_eq!(
            self.calls,
            self.expected.len(),
            "{}: fewer declassifications than expected",
            self.what
        );
    }
}

/// One text: decoded with its bytes secret, then compared with `decode` on
/// a public copy.
fn check_base64url(id: &str, text: &[u8]) -> Result<usize, DecodeError> {
    let expected = base64url::decode(text);
    let mut secret = text.to_vec();
    make_mem_undefined(secret.as_mut_slice());
    let mut out = vec![0u8; base64url::decoded_len(text.len()).unwrap_or(0)];
    // The flag (one byte, secret-derived unless there is no text); after
    // it, for malformed text, the text itself. A 4n+1 length is refused on
    // the length first: only the text is handed over.
    let flag = (1, usize::from(!text.is_empty()));
    let whole = (text.len(), text.len());
    let calls = match (base64url::decoded_len(text.len()), &expected) {
        (None, _) => vec![whole],
        (Some(_), Ok(_)) => vec![flag],
        (Some(_), Err(_)) => vec![flag, whole],
    };
    let mut hook = Declassifier::new(format!("{id} ({})", text.len()), calls);
    let got =
        base64url::decode_secret_declassifying(&secret, &mut out, &mut |v| hook.declassify(v));
    hook.finish();
    match (&got, &expected) {
        (Ok(n), Ok(want)) => {
            assert_eq!(*n, want.len(), "{id}");
            declassify_bytes(&mut out);
            assert_eq!(out, *want, "{id}: {}", to_hex(&out));
        }
        (Err(e), Err(want)) => assert_eq!(e, want, "{id}"),
        _ => panic!("{id}: decode_secret gave {got:?}, decode {expected:?}"),
    }
    got
}

/// Every record of `vectors/base64url.txt` (the valid ones and the
/// rejections), then random keys of every length from 0 to 100 octets and
/// of 1 KiB, the text secret.
pub fn decode_secret() -> String {
    let (mut valid, mut invalid) = (0, 0);
    for record in records(BASE64URL) {
        let id = record.text("Id");
        let text = match record.get("Encoded") {
            Some(text) => text.as_bytes().to_vec(),
            None => record.bytes("Encoded_hex"),
        };
        match check_base64url(id, &text) {
            Ok(_) => valid += 1,
            Err(_) => invalid += 1,
        }
    }
    let mut random = 0;
    for len in (0..=100).chain([1024]) {
        let mut key = vec![0u8; len];
        if let Err(e) = OsRandom.fill_bytes(&mut key) {
            panic!("the operating system's random source: {e}");
        }
        let text = base64url::encode(&key);
        assert!(check_base64url("random", text.as_bytes()).is_ok());
        random += 1;
    }
    assert!(valid > 0 && invalid > 0);
    format!(
        "{valid} valid and {invalid} malformed texts of vectors/base64url.txt and {random} random keys \
         (0 to 100 octets and 1 KiB): decode_secret's outputs and errors equal decode's"
    )
}

/// The body of the one block of a PEM text: from the line after the BEGIN
/// line up to the END line (its base64 lines with their line breaks).
fn body_range(text: &[u8]) -> std::ops::Range<usize> {
    let find = |what: &[u8]| text.windows(what.len()).position(|w| w == what);
    let (Some(begin), Some(end)) = (find(b"-----BEGIN"), find(b"\n-----END")) else {
        panic!("not a PEM block");
    };
    let Some(eol) = text[begin..].iter().position(|&b| b == b'\n') else {
        panic!("a BEGIN line without its end");
    };
    begin + eol + 1..end + 1
}

/// The PEM private keys: every byte between the boundary lines secret
/// (base64 characters and line breaks alike), decoded by
/// `pem::decode_declassifying`, the DER compared with `pem::decode` of the
/// public text.
pub fn pem_private_key() -> String {
    let mut lines = Vec::new();
    for (name, text) in [
        ("ed25519-pkcs8.pem", ED25519_PKCS8_PEM),
        ("ec-p256-pkcs8.pem", P256_PKCS8_PEM),
    ] {
        let expected = match pem::decode(text.as_bytes()) {
            Ok(block) => block,
            Err(e) => panic!("{name}: {e}"),
        };
        let body = body_range(text.as_bytes());
        let mut secret = text.as_bytes().to_vec();
        make_mem_undefined(&mut secret[body.clone()]);
        // The class map (public: the layout), each class of a secret byte
        // secret-derived; then the flag of the one key block.
        let mut hook = Declassifier::new(name.to_string(), vec![(text.len(), body.len()), (1, 1)]);
        let block = pem::decode_declassifying(&secret, &mut |v| hook.declassify(v));
        hook.finish();
        let mut block = match block {
            Ok(block) => block,
            Err(e) => panic!("{name}: {e}"),
        };
        assert_eq!(block.label, expected.label, "{name}");
        declassify_bytes(&mut block.der);
        assert_eq!(block.der, expected.der, "{name}: {}", to_hex(&block.der));
        lines.push(format!(
            "{name} ({} secret bytes, {} octets of DER)",
            body.len(),
            block.der.len()
        ));
    }
    format!("{}: the DER equal to pem::decode's", lines.join(", "))
}

/// `base64url::encode_secret_to_slice` of secret bytes: the RFC 4648 §10
/// vectors (URL-safe, unpadded), then random keys of every length up to
/// 100 bytes, each compared with the public `encode` of the same bytes
/// once the output is declassified.
pub fn encode_secret() -> String {
    let vectors: [(&[u8], &str); 6] = [
        (b"f", "Zg"),
        (b"fo", "Zm8"),
        (b"foo", "Zm9v"),
        (b"foob", "Zm9vYg"),
        (b"fooba", "Zm9vYmE"),
        (b"foobar", "Zm9vYmFy"),
    ];
    for (raw, text) in vectors {
        let mut secret = raw.to_vec();
        make_mem_undefined(secret.as_mut_slice());
        let mut out = vec![0u8; base64url::encoded_len(raw.len())];
        let written = base64url::encode_secret_to_slice(&secret, &mut out).expect("room");
        declassify_bytes(&mut out);
        assert_eq!(written, text.len());
        assert_eq!(out, text.as_bytes(), "{text}");
    }
    let mut random = OsRandom;
    let mut total = 0;
    for len in 1..=100 {
        let mut raw = vec![0u8; len];
        random.fill_bytes(&mut raw).expect("/dev/urandom");
        let public = base64url::encode(&raw);
        make_mem_undefined(raw.as_mut_slice());
        let mut out = vec![0u8; base64url::encoded_len(len)];
        base64url::encode_secret_to_slice(&raw, &mut out).expect("room");
        declassify_bytes(&mut out);
        assert_eq!(out, public.as_bytes(), "{len} bytes");
        total += len;
    }
    format!(
        "{} RFC 4648 vectors and {total} random secret bytes (lengths 1 to 100), each text equal to encode's",
        vectors.len()
    )
}

/// `pem::encode_bytes` of the DER of two PKCS #8 private keys (Ed25519,
/// P-256), every DER byte secret: the text must equal the key file
/// OpenSSL wrote, octet for octet.
pub fn pem_encode_private_key() -> String {
    let mut lines = Vec::new();
    for (name, text) in [
        ("ed25519-pkcs8.pem", ED25519_PKCS8_PEM),
        ("ec-p256-pkcs8.pem", P256_PKCS8_PEM),
    ] {
        let block = match pem::decode(text.as_bytes()) {
            Ok(block) => block,
            Err(e) => panic!("{name}: {e}"),
        };
        let mut der = block.der.clone();
        make_mem_undefined(der.as_mut_slice());
        let mut written = pem::encode_bytes(block.label, &der);
        // The boundary lines, line breaks and padding are public (the
        // label, the length); every character that carries DER bits comes
        // from the secret, and nothing else does.
        let n = block.der.len();
        let data_characters = n / 3 * 4 + if n % 3 == 0 { 0 } else { n % 3 + 1 };
        if let Some(undefined) = undefined_bytes(written.as_slice()) {
            assert_eq!(
                undefined, data_characters,
                "{name}: the secret reaches every data character, only those"
            );
        }
        make_mem_defined(written.as_mut_slice());
        assert_eq!(written, text.as_bytes(), "{name}");
        lines.push(format!("{name} ({} secret octets)", block.der.len()));
    }
    format!("{}: the text equal to the key file", lines.join(", "))
}
