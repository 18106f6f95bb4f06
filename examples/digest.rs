//! Prints SHA-256, SHA-384 and SHA-512 of a text argument and its
//! HMAC-SHA256 under a key, in hex, one labelled line each.
//!
//! ```text
//! cargo run --example digest -- 'abc'
//! cargo run --example digest -- --key 'my secret' 'abc'
//! ```
//!
//! Without `--key` the key is the text `key`.
use barejwt::hmac::HmacSha256;
use barejwt::sha2::{Sha256, Sha384, Sha512};
use std::process::ExitCode;

/// The key used when `--key` is not given.
const DEFAULT_KEY: &str = "key";

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn main() -> ExitCode {
    let mut key = DEFAULT_KEY.to_string();
    let mut text = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--key" => match args.next() {
                Some(k) => key = k,
                None => return usage("--key needs a value"),
            },
            _ if text.is_none() => text = Some(arg),
            _ => return usage("expected one text argument"),
        }
    }
    let Some(text) = text else {
        return usage("missing the text to hash");
    };
    let data = text.as_bytes();
    println!("sha256       {}", hex(&Sha256::digest(data)));
    println!("sha384       {}", hex(&Sha384::digest(data)));
    println!("sha512       {}", hex(&Sha512::digest(data)));
    println!(
        "hmac-sha256  {}",
        hex(&HmacSha256::new(key.as_bytes()).mac(data))
    );
    ExitCode::SUCCESS
}

fn usage(problem: &str) -> ExitCode {
    eprintln!(
        "digest: {problem}\nusage: digest [--key TEXT] TEXT   (default key: {DEFAULT_KEY:?})"
    );
    ExitCode::from(2)
}
