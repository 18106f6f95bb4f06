//! The `barejwt` binary against its contract (`docs/cli.md`, written from the project's CLI contract): each test
//! runs the built binary and asserts the exact exit code, the exact
//! standard output, and the KIND at the start of standard error.
//!
//! Tokens are made here from raw JSON text with the crate's HMAC and
//! base64url, so that a test controls every byte the binary sees
//! (duplicate names, `1e400`, a header without `typ`, ...).

mod common;

use barejwt::base64url;
use barejwt::hmac::{HmacSha256, HmacSha384, HmacSha512};
use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

const BIN: &str = env!("CARGO_BIN_EXE_barejwt");

/// The 32-byte test secret and its base64url form.
const K32: &[u8] = b"0123456789abcdef0123456789abcdef";
const K32_B64: &str = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY";
/// A second 32-byte secret, for key sets.
const K32_OTHER: &[u8] = b"fedcba9876543210fedcba9876543210";
/// The clock every test fixes with `--now`.
const NOW: &str = "1750000000";
const HEADER_HS256: &str = r#"{"alg":"HS256","typ":"JWT"}"#;
/// Claims that pass every default check at [`NOW`].
const GOOD_CLAIMS: &str = r#"{"sub":"alice","exp":4102444800}"#;

// ---------------------------------------------------------------- helpers

/// What one run of the binary gave.
#[derive(Debug)]
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    /// Exit 0; returns standard output.
    fn ok(&self) -> &str {
        assert_eq!(self.code, 0, "expected exit 0: {self:?}");
        &self.stdout
    }

    /// Exit 1, empty standard output, one line `barejwt: KIND: reason`.
    fn rejected(&self, kind: &str) {
        assert_eq!(self.code, 1, "expected exit 1 ({kind}): {self:?}");
        assert_eq!(self.stdout, "", "stdout must be empty on exit 1: {self:?}");
        let prefix = format!("barejwt: {kind}: ");
        assert!(
            self.stderr.starts_with(&prefix),
            "expected stderr to start with {prefix:?}: {self:?}"
        );
        assert!(
            self.stderr.len() > prefix.len() + 1,
            "the reason is empty: {self:?}"
        );
        assert_eq!(
            self.stderr.lines().count(),
            1,
            "exactly one stderr line: {self:?}"
        );
        assert!(self.stderr.ends_with('\n'));
    }

    /// Exit 2, empty standard output, a usage line and a hint to `--help`.
    fn usage(&self) {
        assert_eq!(self.code, 2, "expected exit 2 (usage): {self:?}");
        assert_eq!(self.stdout, "", "stdout must be empty on exit 2: {self:?}");
        assert!(
            self.stderr.starts_with("barejwt: usage: "),
            "expected a usage line: {self:?}"
        );
        assert!(self.stderr.contains("--help"), "expected a hint: {self:?}");
    }

    /// As [`Run::usage`], and the message mentions `text`.
    fn usage_saying(&self, text: &str) {
        self.usage();
        assert!(self.stderr.contains(text), "expected {text:?} in {self:?}");
    }
}

/// Runs the binary with `args`, `stdin` (none: empty) and extra `env`.
fn run_with(args: &[OsString], stdin: Option<&[u8]>, env: &[(&str, &[u8])]) -> Run {
    let mut command = Command::new(BIN);
    command
        .args(args)
        .env_remove("BAREJWT_TEST_UNSET")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (name, value) in env {
        command.env(name, os_from_bytes(value));
    }
    let mut child = command.spawn().expect("the barejwt binary runs");
    if let Some(bytes) = stdin {
        let mut pipe = child.stdin.take().unwrap();
        // The binary may stop reading early (too_large): ignore a broken pipe.
        let _ = pipe.write_all(bytes);
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().expect("exited, not killed"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

fn run(args: &[&str]) -> Run {
    run_with(&os(args), None, &[])
}

fn run_stdin(args: &[&str], stdin: &[u8]) -> Run {
    run_with(&os(args), Some(stdin), &[])
}

fn os(args: &[&str]) -> Vec<OsString> {
    args.iter().map(OsString::from).collect()
}

#[cfg(unix)]
fn os_from_bytes(bytes: &[u8]) -> OsString {
    use std::os::unix::ffi::OsStringExt;
    OsString::from_vec(bytes.to_vec())
}

#[cfg(not(unix))]
fn os_from_bytes(bytes: &[u8]) -> OsString {
    OsString::from(String::from_utf8(bytes.to_vec()).unwrap())
}

/// A file under the temp directory, unique to this process and test,
/// removed when dropped.
struct TempFile(PathBuf);

impl TempFile {
    fn new(bytes: &[u8]) -> TempFile {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "barejwt-cli-test-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(name);
        std::fs::write(&path, bytes).unwrap();
        TempFile(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

fn b64(bytes: &[u8]) -> String {
    base64url::encode(bytes)
}

fn mac(alg: &str, key: &[u8], message: &[u8]) -> Vec<u8> {
    match alg {
        "HS256" => HmacSha256::new(key).mac(message).to_vec(),
        "HS384" => HmacSha384::new(key).mac(message).to_vec(),
        "HS512" => HmacSha512::new(key).mac(message).to_vec(),
        other => panic!("no MAC for {other}"),
    }
}

/// A token over exactly this header and claims text, MACed with `alg`.
fn raw_token(alg: &str, key: &[u8], header: &str, claims: &str) -> String {
    let input = format!("{}.{}", b64(header.as_bytes()), b64(claims.as_bytes()));
    let tag = mac(alg, key, input.as_bytes());
    format!("{input}.{}", b64(&tag))
}

/// An HS256 token under K32 with the default header.
fn hs256(claims: &str) -> String {
    raw_token("HS256", K32, HEADER_HS256, claims)
}

/// An HS256 token under K32 with this header.
fn hs256_with_header(header: &str, claims: &str) -> String {
    raw_token("HS256", K32, header, claims)
}

/// `barejwt verify --alg HS256 --key-b64 K32 --now NOW EXTRA... TOKEN`.
fn verify(extra: &[&str], token: &str) -> Run {
    let mut args = vec![
        "verify",
        "--alg",
        "HS256",
        "--key-b64",
        K32_B64,
        "--now",
        NOW,
    ];
    args.extend_from_slice(extra);
    args.push(token);
    run(&args)
}

/// `barejwt verify --alg HS256 --key-b64 K32 --now AT EXTRA... TOKEN`.
fn verify_at(at: &str, extra: &[&str], token: &str) -> Run {
    let mut args = vec![
        "verify",
        "--alg",
        "HS256",
        "--key-b64",
        K32_B64,
        "--now",
        at,
    ];
    args.extend_from_slice(extra);
    args.push(token);
    run(&args)
}

/// `barejwt verify --alg HS256 --now NOW EXTRA... TOKEN` (key flags in EXTRA).
fn verify_keyed(extra: &[&str], token: &str) -> Run {
    let mut args = vec!["verify", "--alg", "HS256", "--now", NOW];
    args.extend_from_slice(extra);
    args.push(token);
    run(&args)
}

// ------------------------------------------------------- help and version

#[test]
fn the_test_key_constant_is_its_base64url() {
    assert_eq!(b64(K32), K32_B64);
}

#[test]
fn help_and_version_exit_0_on_standard_output() {
    for args in [&["--help"][..], &["-h"], &["help"]] {
        let out = run(args);
        assert!(
            out.ok()
                .starts_with("barejwt: sign, inspect and verify JSON Web Tokens"),
            "{out:?}"
        );
        assert!(out.stdout.contains("--key-file PATH"));
        assert!(
            out.stdout.contains("trailing"),
            "--key-file's newline rule is documented"
        );
        assert_eq!(out.stderr, "");
    }
    for (command, first) in [
        ("encode", "barejwt encode: "),
        ("decode", "barejwt decode: "),
        ("verify", "barejwt verify: "),
        ("keygen", "barejwt keygen: "),
        ("demo", "barejwt demo: "),
    ] {
        for args in [
            vec![command, "--help"],
            vec![command, "-h"],
            vec!["help", command],
            // Help wins over any other flag, right or wrong.
            vec![command, "--alg", "nonsense", "--help"],
        ] {
            let out = run(&args);
            assert!(out.ok().starts_with(first), "{args:?}: {out:?}");
        }
    }
    let out = run(&["--version"]);
    assert_eq!(out.ok(), format!("barejwt {}\n", env!("CARGO_PKG_VERSION")));
}

#[test]
fn missing_or_unknown_commands_are_usage_errors() {
    run(&[]).usage_saying("a command is needed");
    run(&["sign"]).usage_saying("unknown command \"sign\"");
    run(&["help", "sign"]).usage();
    run(&["--verbose"]).usage();
}

#[test]
fn bad_flags_are_usage_errors_naming_the_command_help() {
    let token = hs256(GOOD_CLAIMS);
    verify(&["--nope"], &token).usage_saying("unknown flag --nope for `verify`");
    verify(&["--iss", "a", "--iss", "b"], &token).usage_saying("--iss is given more than once");
    verify(&["--allow-missing-exp=yes"], &token).usage_saying("takes no value");
    verify(&[], &token).ok();
}

// ---------------------------------------------------------------- vectors

/// Runs one vector record through `barejwt verify` with the profile it
/// states; returns the run and the JWK file it used (kept alive).
fn run_vector(r: &common::Record) -> Run {
    let mut args: Vec<OsString> = os(&["verify", "--alg", r.str("Alg"), "--now", r.str("Now")]);
    if let Some(l) = r.get("Leeway") {
        args.extend(os(&["--leeway", l]));
    }
    if let Some(aud) = r.get("Audience") {
        args.extend(os(&["--aud", aud]));
    }
    if r.get("AllowMissingExp") == Some("yes") {
        args.push("--allow-missing-exp".into());
    }
    if r.get("AllowShortKey") == Some("yes") {
        args.push("--allow-short-key".into());
    }
    let jwk_file;
    match r.get("Jwk") {
        Some(jwk) => {
            jwk_file = TempFile::new(jwk.as_bytes());
            args.extend(os(&["--jwk-file", jwk_file.path()]));
        }
        None => args.extend(os(&["--key-b64", &b64(&r.hex("KeyHex"))])),
    }
    let token = match r.get("Token") {
        Some(t) => t.as_bytes().to_vec(),
        None => r.hex("TokenHex"),
    };
    args.push(os_from_bytes(&token));
    run_with(&args, None, &[])
}

/// The payload of a compact token, decoded and re-written compactly by the
/// crate's JSON writer (numbers keep their text).
fn compact_claims(token: &str) -> String {
    let payload = token.split('.').nth(1).unwrap();
    let json = base64url::decode(payload.as_bytes()).unwrap();
    barejwt::json::parse(&json).unwrap().to_json()
}

#[test]
fn every_vector_gets_its_verdict_from_the_cli() {
    let mut count = 0;
    for text in [
        include_str!("../vectors/jws/published.txt"),
        include_str!("../vectors/jws/negative.txt"),
        include_str!("../vectors/claims/claims.txt"),
    ] {
        for r in common::records(text) {
            let out = run_vector(&r);
            match r.str("Expected") {
                "accept" => {
                    let token = r.str("Token");
                    assert_eq!(
                        out.ok(),
                        format!("{}\n", compact_claims(token)),
                        "{}",
                        r.label()
                    );
                }
                kind => {
                    assert_eq!(out.code, 1, "{}: {out:?}", r.label());
                    out.rejected(kind);
                }
            }
            count += 1;
        }
    }
    assert!(count >= 60, "only {count} vectors");
}

// ------------------------------------------------------------- every KIND

/// One case per KIND of the contract: the args after `verify --alg ...
/// --key-b64 K32 --now NOW`, the token, the expected KIND.
fn kind_cases() -> Vec<(Vec<&'static str>, String, &'static str)> {
    let five_parts = format!("{}.x.y", hs256(GOOD_CLAIMS));
    let huge = format!(
        "{}.{}.sig",
        b64(HEADER_HS256.as_bytes()),
        "A".repeat(65_536)
    );
    vec![
        (vec![], five_parts, "malformed"),
        (vec![], huge, "too_large"),
        (
            vec![],
            raw_token("HS384", K32, r#"{"alg":"HS384"}"#, GOOD_CLAIMS),
            "algorithm_not_allowed",
        ),
        (
            vec![],
            hs256_with_header(r#"{"alg":"HS256","crit":["exp"],"exp":1}"#, GOOD_CLAIMS),
            "unsupported_critical_header",
        ),
        (
            vec![],
            raw_token("HS256", b"short", HEADER_HS256, GOOD_CLAIMS),
            "invalid_key",
        ),
        (vec![], hs256(GOOD_CLAIMS), "unknown_key"),
        (
            vec![],
            raw_token("HS256", K32_OTHER, HEADER_HS256, GOOD_CLAIMS),
            "invalid_signature",
        ),
        (vec![], hs256(r#"{"exp":"soon"}"#), "invalid_claim"),
        (vec![], hs256(r#"{"sub":"alice"}"#), "missing_claim"),
        (vec![], hs256(r#"{"exp":1750000000}"#), "expired"),
        (
            vec![],
            hs256(r#"{"exp":4102444800,"nbf":1750000001}"#),
            "not_yet_valid",
        ),
        (
            vec!["--iss", "https://a.example"],
            hs256(r#"{"iss":"https://b.example","exp":4102444800}"#),
            "invalid_issuer",
        ),
        (
            vec!["--aud", "api"],
            hs256(r#"{"aud":"web","exp":4102444800}"#),
            "invalid_audience",
        ),
        (
            vec!["--sub", "alice"],
            hs256(r#"{"sub":"bob","exp":4102444800}"#),
            "invalid_subject",
        ),
        (vec!["--typ", "at+jwt"], hs256(GOOD_CLAIMS), "invalid_type"),
        (
            vec!["--max-age", "60"],
            hs256(r#"{"iat":1749999939,"exp":4102444800}"#),
            "too_old",
        ),
    ]
}

#[test]
fn every_kind_is_exit_1_with_its_name_on_one_stderr_line() {
    let cases = kind_cases();
    let names: Vec<&str> = cases.iter().map(|c| c.2).collect();
    let all: Vec<&str> = barejwt::ErrorKind::ALL.iter().map(|k| k.as_str()).collect();
    assert_eq!(names, all, "one case per KIND, in the contract's order");
    let set = TempFile::new(
        format!(
            r#"{{"keys":[{{"kty":"oct","kid":"a","k":"{K32_B64}"}},{{"kty":"oct","kid":"b","k":"{}"}}]}}"#,
            b64(K32_OTHER)
        )
        .as_bytes(),
    );
    for (extra, token, kind) in cases {
        let short = b64(b"short");
        let key: Vec<&str> = match kind {
            "invalid_key" => vec!["--key-b64", &short],
            "unknown_key" => vec!["--jwks-file", set.path()],
            _ => vec!["--key-b64", K32_B64],
        };
        let out = verify_keyed(&[&key[..], &extra[..]].concat(), &token);
        out.rejected(kind);
    }
}

// ------------------------------------------------------------ exit codes

#[test]
fn a_valid_token_exits_0_with_its_claims_on_one_line() {
    let out = verify(&[], &hs256(GOOD_CLAIMS));
    assert_eq!(out.ok(), format!("{GOOD_CLAIMS}\n"));
    assert_eq!(out.stderr, "");
}

#[test]
fn usage_errors_come_before_the_token_is_judged() {
    // A bad flag with a malformed token: exit 2, not 1.
    verify(&["--leeway", "-5"], "not a token").usage_saying(
        "--leeway takes a whole number of seconds (0 to 9223372036854775807), got \"-5\"",
    );
    // An unreadable key with a malformed token: exit 2.
    verify_keyed(&["--key-file", "/nonexistent/barejwt/key"], "x").usage_saying("--key-file");
    // Standard input is not read when the flags are wrong.
    run_stdin(
        &["verify", "--alg", "HS256", "--key-b64", "!", "-"],
        b"x.y.z",
    )
    .usage();
}

// ------------------------------------------------------------------ keys

#[test]
fn key_file_is_the_files_bytes_exactly_trailing_newline_included() {
    let with_newline = TempFile::new(b"0123456789abcdef0123456789abcdef\n");
    let without = TempFile::new(K32);
    let token_plain = hs256(GOOD_CLAIMS);
    let token_newline = raw_token(
        "HS256",
        b"0123456789abcdef0123456789abcdef\n",
        HEADER_HS256,
        GOOD_CLAIMS,
    );
    verify_keyed(&["--key-file", without.path()], &token_plain).ok();
    verify_keyed(&["--key-file", with_newline.path()], &token_newline).ok();
    verify_keyed(&["--key-file", with_newline.path()], &token_plain).rejected("invalid_signature");
    verify_keyed(&["--key-file", without.path()], &token_newline).rejected("invalid_signature");
}

#[test]
fn key_env_is_the_variables_bytes_and_an_unset_one_is_a_usage_error() {
    let token = hs256(GOOD_CLAIMS);
    let args = os(&[
        "verify",
        "--alg",
        "HS256",
        "--key-env",
        "BAREJWT_TEST_KEY",
        "--now",
        NOW,
        &token,
    ]);
    let out = run_with(&args, None, &[("BAREJWT_TEST_KEY", K32)]);
    assert_eq!(out.ok(), format!("{GOOD_CLAIMS}\n"));
    run_with(&args, None, &[("BAREJWT_TEST_KEY", K32_OTHER)]).rejected("invalid_signature");
    run_with(&args, None, &[]).usage_saying("BAREJWT_TEST_KEY");
    // Set but empty: readable, and never a usable key.
    run_with(&args, None, &[("BAREJWT_TEST_KEY", b"")]).rejected("invalid_key");
}

#[test]
fn key_b64_must_be_canonical_base64url() {
    let token = hs256(GOOD_CLAIMS);
    verify_keyed(&["--key-b64", K32_B64], &token).ok();
    for bad in [
        "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=", // padding
        "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWZ",  // non-zero trailing bits
        "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZW+",  // standard alphabet
        "MDEyMzQ1 Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY",
        "M",
    ] {
        verify_keyed(&["--key-b64", bad], &token).usage_saying("--key-b64");
    }
    // The empty text decodes to the empty secret: invalid_key, at key selection.
    verify_keyed(&["--key-b64", ""], &token).rejected("invalid_key");
}

#[test]
fn exactly_one_key_source_is_given() {
    let token = hs256(GOOD_CLAIMS);
    run(&["verify", "--alg", "HS256", "--now", NOW, &token]).usage_saying("a key is needed");
    let file = TempFile::new(K32);
    verify(&["--key-file", file.path()], &token).usage_saying("exactly one key source");
    verify_keyed(&["--allow-short-key"], &token).usage_saying("a key is needed");
}

#[test]
fn a_short_secret_needs_allow_short_key_and_an_empty_one_never_works() {
    let short = b"your-256-bit-secret"; // the jwt.io example: 19 bytes
    let token = raw_token("HS256", short, HEADER_HS256, GOOD_CLAIMS);
    let out = verify_keyed(&["--key-b64", &b64(short)], &token);
    out.rejected("invalid_key");
    assert!(out.stderr.contains("--allow-short-key"), "{out:?}");
    verify_keyed(&["--key-b64", &b64(short), "--allow-short-key"], &token).ok();
    let empty = TempFile::new(b"");
    verify_keyed(&["--key-file", empty.path(), "--allow-short-key"], &token)
        .rejected("invalid_key");
    verify_keyed(&["--key-file", empty.path()], &token).rejected("invalid_key");
}

#[test]
fn a_secret_serves_each_allowed_hmac_algorithm_with_its_own_length_rule() {
    let k48 = [5u8; 48];
    let args = |token: &str| {
        run(&[
            "verify",
            "--alg",
            "HS256,HS384,HS512",
            "--key-b64",
            &b64(&k48),
            "--now",
            NOW,
            token,
        ])
    };
    for alg in ["HS256", "HS384"] {
        let token = raw_token(alg, &k48, &format!(r#"{{"alg":"{alg}"}}"#), GOOD_CLAIMS);
        args(&token).ok();
    }
    // 48 bytes are too short for HS512 only.
    let token = raw_token("HS512", &k48, r#"{"alg":"HS512"}"#, GOOD_CLAIMS);
    args(&token).rejected("invalid_key");
}

fn jwk_oct(kid: Option<&str>, alg: Option<&str>, key: &[u8]) -> String {
    let mut out = String::from(r#"{"kty":"oct""#);
    if let Some(kid) = kid {
        out.push_str(&format!(r#","kid":"{kid}""#));
    }
    if let Some(alg) = alg {
        out.push_str(&format!(r#","alg":"{alg}""#));
    }
    out.push_str(&format!(r#","k":"{}"}}"#, b64(key)));
    out
}

#[test]
fn a_jwk_file_holds_one_key() {
    let token = hs256(GOOD_CLAIMS);
    let jwk = TempFile::new(jwk_oct(None, Some("HS256"), K32).as_bytes());
    let out = verify_keyed(&["--jwk-file", jwk.path()], &token);
    assert_eq!(out.ok(), format!("{GOOD_CLAIMS}\n"));
    // A JWK bound to HS512 never verifies an HS256 token.
    let bound = TempFile::new(jwk_oct(None, Some("HS512"), &[1u8; 64]).as_bytes());
    verify_keyed(&["--jwk-file", bound.path()], &token).rejected("algorithm_not_allowed");
    // An RSA key never verifies an HMAC token, usable or not (the alg step
    // comes first); a 17-bit modulus is not a usable RSA key at all
    // (judged at key selection, after the alg step).
    let rsa = TempFile::new(br#"{"kty":"RSA","n":"AQAB","e":"AQAB"}"#);
    verify_keyed(&["--jwk-file", rsa.path()], &token).rejected("algorithm_not_allowed");
    let rs256 = raw_token("HS256", K32, r#"{"alg":"RS256"}"#, GOOD_CLAIMS);
    verify_alg("RS256", &["--jwk-file", rsa.path()], &rs256).rejected("invalid_key");
    // The same order for a PEM key that is unusable: a 31-octet Ed25519 key
    // and an ES256 token with a bad crit is algorithm_not_allowed.
    let es256 = raw_token("HS256", K32, r#"{"alg":"ES256","crit":[]}"#, GOOD_CLAIMS);
    verify_alg(
        "ES256",
        &["--pem-file", &key_path("ed25519-spki-short-key.pem")],
        &es256,
    )
    .rejected("algorithm_not_allowed");
    let good_rsa = TempFile::new(
        std::fs::read_to_string(key_path("rsa2048.public.jwk.json"))
            .unwrap()
            .as_bytes(),
    );
    verify_keyed(&["--jwk-file", good_rsa.path()], &token).rejected("algorithm_not_allowed");
    // A key type this tool does not know.
    let foo = TempFile::new(br#"{"kty":"foo","k":"AAEC"}"#);
    verify_keyed(&["--jwk-file", foo.path()], &token).rejected("algorithm_not_allowed");
}

#[test]
fn a_jwk_file_that_is_not_a_json_object_is_a_usage_error() {
    let token = hs256(GOOD_CLAIMS);
    for bad in [
        &b"{"[..],
        b"[]",
        b"\xef\xbb\xbf{}",
        br#"{"kty":"oct","kty":"oct"}"#,
        b"",
    ] {
        let file = TempFile::new(bad);
        verify_keyed(&["--jwk-file", file.path()], &token).usage_saying("--jwk-file");
    }
    verify_keyed(&["--jwk-file", "/nonexistent/barejwt.jwk"], &token).usage();
}

#[test]
fn a_jwk_with_malformed_key_material_is_invalid_key_after_the_header_checks() {
    let file = TempFile::new(br#"{"kty":"oct","k":"not base64url!"}"#);
    verify_keyed(&["--jwk-file", file.path()], &hs256(GOOD_CLAIMS)).rejected("invalid_key");
    let empty_k = TempFile::new(br#"{"kty":"oct","k":""}"#);
    verify_keyed(&["--jwk-file", empty_k.path()], &hs256(GOOD_CLAIMS)).rejected("invalid_key");
    // The header is judged first.
    verify_keyed(&["--jwk-file", file.path()], "e30.e30.").rejected("malformed");
}

#[test]
fn a_jwk_whose_use_or_key_ops_forbid_verifying_is_refused_at_the_alg_step() {
    // The contract: `use` present and not `sig`, or `key_ops` lacking the
    // operation, is algorithm_not_allowed, judged at the alg step (so before
    // a bad `crit`). For verify, `verify` or `sign` will do (RFC 7517 §4.3).
    let with = |extra: &str| {
        let jwk = jwk_oct(None, None, K32);
        TempFile::new(jwk.replacen("{", &format!("{{{extra},"), 1).as_bytes())
    };
    let bad_crit = hs256_with_header(r#"{"alg":"HS256","crit":[]}"#, GOOD_CLAIMS);
    for extra in [
        r#""use":"enc""#,
        r#""key_ops":["encrypt"]"#,
        r#""key_ops":[]"#,
    ] {
        let file = with(extra);
        verify_keyed(&["--jwk-file", file.path()], &hs256(GOOD_CLAIMS))
            .rejected("algorithm_not_allowed");
        verify_keyed(&["--jwk-file", file.path()], &bad_crit).rejected("algorithm_not_allowed");
    }
    for extra in [
        r#""use":"sig""#,
        r#""key_ops":["sign"]"#,
        r#""key_ops":["verify"]"#,
    ] {
        let file = with(extra);
        verify_keyed(&["--jwk-file", file.path()], &hs256(GOOD_CLAIMS)).ok();
    }
    // encode needs `sign`.
    let verify_only = with(r#""key_ops":["verify"]"#);
    let out = run(&[
        "encode",
        "--alg",
        "HS256",
        "--jwk-file",
        verify_only.path(),
        "{}",
    ]);
    out.rejected("algorithm_not_allowed");
    let sign_only = with(r#""key_ops":["sign"]"#);
    run(&[
        "encode",
        "--alg",
        "HS256",
        "--jwk-file",
        sign_only.path(),
        "{}",
    ])
    .ok();
}

#[test]
fn a_jwk_without_a_string_kty_is_a_usage_error() {
    for bad in [&br#"{"k":"AAEC"}"#[..], br#"{"kty":7,"k":"AAEC"}"#] {
        let file = TempFile::new(bad);
        verify_keyed(&["--jwk-file", file.path()], &hs256(GOOD_CLAIMS)).usage_saying("--jwk-file");
    }
}

#[test]
fn a_jwks_file_follows_the_contracts_key_set_rules() {
    let with_kid = |kid: &str, key: &[u8], alg: &str| {
        raw_token(
            alg,
            key,
            &format!(r#"{{"alg":"{alg}","kid":"{kid}"}}"#),
            GOOD_CLAIMS,
        )
    };
    let set = jwks(&[
        jwk_oct(Some("hs256"), Some("HS256"), K32),
        jwk_oct(Some("hs512"), Some("HS512"), &[5u8; 64]),
        r#"{"kty":"oct","kid":"padded","alg":"HS256","k":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="}"#.to_string(),
        r#"{"kty":"oct","kid":"enc","use":"enc","k":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"}"#.to_string(),
    ]);
    let keyed = |token: &str| {
        run(&[
            "verify",
            "--alg",
            "HS256,HS512",
            "--now",
            NOW,
            "--jwks-file",
            set.path(),
            token,
        ])
    };
    // No kid: the one key that fits the token's alg.
    keyed(&raw_token(
        "HS512",
        &[5u8; 64],
        r#"{"alg":"HS512"}"#,
        GOOD_CLAIMS,
    ))
    .ok();
    // HS256 without kid: "hs256" and the malformed "padded" both fit.
    keyed(&hs256(GOOD_CLAIMS)).rejected("unknown_key");
    // A kid naming a key bound to another alg: the alg step, before crit.
    let token = raw_token(
        "HS256",
        K32,
        r#"{"alg":"HS256","kid":"hs512","crit":[]}"#,
        GOOD_CLAIMS,
    );
    keyed(&token).rejected("algorithm_not_allowed");
    // A malformed key counts and is invalid_key when picked.
    keyed(&with_kid("padded", K32, "HS256")).rejected("invalid_key");
    // A skipped key's kid is unknown_key, and the message says why.
    let out = keyed(&with_kid("enc", K32, "HS256"));
    out.rejected("unknown_key");
    assert!(
        out.stderr
            .contains(r#"the key with that kid was skipped because its "use" is "enc", not "sig""#),
        "{}",
        out.stderr
    );
}

fn jwks(entries: &[String]) -> TempFile {
    TempFile::new(format!(r#"{{"keys":[{}]}}"#, entries.join(",")).as_bytes())
}

#[test]
fn a_jwks_file_picks_the_key_by_kid() {
    let set = jwks(&[
        jwk_oct(Some("a"), None, K32),
        jwk_oct(Some("b"), Some("HS256"), K32_OTHER),
    ]);
    let with_kid = |kid: &str, key: &[u8]| {
        raw_token(
            "HS256",
            key,
            &format!(r#"{{"alg":"HS256","kid":"{kid}"}}"#),
            GOOD_CLAIMS,
        )
    };
    verify_keyed(&["--jwks-file", set.path()], &with_kid("a", K32)).ok();
    verify_keyed(&["--jwks-file", set.path()], &with_kid("b", K32_OTHER)).ok();
    verify_keyed(&["--jwks-file", set.path()], &with_kid("a", K32_OTHER))
        .rejected("invalid_signature");
    verify_keyed(&["--jwks-file", set.path()], &with_kid("c", K32)).rejected("unknown_key");
    verify_keyed(&["--jwks-file", set.path()], &with_kid("A", K32)).rejected("unknown_key");
    // No kid and two usable keys: which is meant is unknown.
    verify_keyed(&["--jwks-file", set.path()], &hs256(GOOD_CLAIMS)).rejected("unknown_key");
}

#[test]
fn a_jwks_file_without_kid_uses_the_one_key_that_fits_the_tokens_alg() {
    let set = jwks(&[
        r#"{"kty":"RSA","kid":"r1","n":"AQAB","e":"AQAB"}"#.to_string(),
        r#"{"kty":"EC","crv":"P-256","x":"AA","y":"AA"}"#.to_string(),
        r#"{"kty":"foo","kid":"f1"}"#.to_string(),
        jwk_oct(None, None, K32),
    ]);
    let out = verify_keyed(&["--jwks-file", set.path()], &hs256(GOOD_CLAIMS));
    assert_eq!(out.ok(), format!("{GOOD_CLAIMS}\n"));
    // The RSA key counts (a supported type, if an unusable key): its kid
    // picks it, and it does not fit HS256.
    let token = hs256_with_header(r#"{"alg":"HS256","kid":"r1"}"#, GOOD_CLAIMS);
    verify_keyed(&["--jwks-file", set.path()], &token).rejected("algorithm_not_allowed");
    // The key of an unknown type is skipped: its kid finds nothing.
    let token = hs256_with_header(r#"{"alg":"HS256","kid":"f1"}"#, GOOD_CLAIMS);
    verify_keyed(&["--jwks-file", set.path()], &token).rejected("unknown_key");
    let empty = jwks(&[]);
    verify_keyed(&["--jwks-file", empty.path()], &hs256(GOOD_CLAIMS)).rejected("unknown_key");
}

#[test]
fn a_jwks_file_that_is_not_a_key_set_is_a_usage_error() {
    for bad in [
        &b"{"[..],
        b"{}",
        br#"{"keys":{}}"#,
        br#"{"keys":[1]}"#,
        b"[]",
    ] {
        let file = TempFile::new(bad);
        verify_keyed(&["--jwks-file", file.path()], &hs256(GOOD_CLAIMS))
            .usage_saying("--jwks-file");
    }
}

// -------------------------------------------------------------- the token

#[test]
fn a_token_on_standard_input_is_trimmed_of_surrounding_white_space() {
    let token = hs256(GOOD_CLAIMS);
    let args = [
        "verify",
        "--alg",
        "HS256",
        "--key-b64",
        K32_B64,
        "--now",
        NOW,
        "-",
    ];
    for input in [
        token.clone(),
        format!("{token}\n"),
        format!(" \t\r\n{token} \t\r\n\n"),
    ] {
        let out = run_stdin(&args, input.as_bytes());
        assert_eq!(out.ok(), format!("{GOOD_CLAIMS}\n"), "{input:?}");
    }
    // Only the surroundings: white space inside is kept, and malformed.
    let (head, tail) = token.split_at(10);
    run_stdin(&args, format!("{head} {tail}").as_bytes()).rejected("malformed");
    run_stdin(&args, b"").rejected("malformed");
}

#[test]
fn a_token_argument_is_never_trimmed() {
    let token = hs256(GOOD_CLAIMS);
    verify(&[], &format!("{token}\n")).rejected("malformed");
    verify(&[], &format!(" {token}")).rejected("malformed");
    verify(&[], "").rejected("malformed");
    // base64url includes '-': such a token is judged, never taken as a flag.
    verify(&[], "-eyJ.e30.x").rejected("malformed");
    let token = hs256(GOOD_CLAIMS);
    let dashed = format!("-{token}");
    verify(&[], &dashed).rejected("malformed");
    verify(&["--"], &token).ok();
}

#[test]
fn a_token_that_is_not_utf8_is_malformed_not_a_usage_error() {
    let mut bytes = hs256(GOOD_CLAIMS).into_bytes();
    bytes[3] = 0xff;
    let mut args = os(&[
        "verify",
        "--alg",
        "HS256",
        "--key-b64",
        K32_B64,
        "--now",
        NOW,
    ]);
    args.push(os_from_bytes(&bytes));
    run_with(&args, None, &[]).rejected("malformed");
    args.pop();
    args.push("-".into());
    run_with(&args, Some(&bytes), &[]).rejected("malformed");
    run_with(&os(&["decode", "-"]), Some(&bytes), &[]).rejected("malformed");
}

/// An HS256 token of exactly `len` bytes (a padding claim and a `kid` of
/// the right lengths).
fn token_of_length(len: usize) -> String {
    for kid in 0..4 {
        let header = format!(r#"{{"alg":"HS256","kid":"{}"}}"#, "k".repeat(kid));
        for pad in 48_000..49_200 {
            let claims_len = r#"{"exp":4102444800,"pad":""}"#.len() + pad;
            let token_len = base64url::encoded_len(header.len())
                + base64url::encoded_len(claims_len)
                + base64url::encoded_len(32)
                + 2;
            if token_len == len {
                let claims = format!(r#"{{"exp":4102444800,"pad":"{}"}}"#, "p".repeat(pad));
                let token = hs256_with_header(&header, &claims);
                assert_eq!(token.len(), len);
                return token;
            }
        }
    }
    panic!("no token of {len} bytes");
}

#[test]
fn the_size_limit_is_65536_bytes_after_the_stdin_trim() {
    let at_limit = token_of_length(65_536);
    verify(&[], &at_limit).ok();
    let args = [
        "verify",
        "--alg",
        "HS256",
        "--key-b64",
        K32_B64,
        "--now",
        NOW,
        "-",
    ];
    let padded = format!("\n\n  {at_limit}  \n\n");
    run_stdin(&args, padded.as_bytes()).ok();
    let over = token_of_length(65_537);
    verify(&[], &over).rejected("too_large");
    run_stdin(&args, over.as_bytes()).rejected("too_large");
    // Too large before anything else is looked at.
    verify(&[], &".".repeat(65_537)).rejected("too_large");
    // An endless stream stops at the limit.
    run_stdin(&args, &vec![b'a'; 4 << 20]).rejected("too_large");
    run_stdin(&["decode", "-"], over.as_bytes()).rejected("too_large");
}

// ---------------------------------------------------------- verify flags

#[test]
fn now_fixes_the_clock() {
    let token = hs256(r#"{"exp":1750000000}"#);
    verify_at("1749999999", &[], &token).ok();
    verify_at("01749999999", &[], &token).ok(); // leading zeros: decimal 1749999999
    verify_at("1750000000", &[], &token).rejected("expired");
    verify_at("0", &[], &token).ok();
    // The system clock (after 2001-09-09) when --now is absent.
    let args = ["verify", "--alg", "HS256", "--key-b64", K32_B64, &token];
    run(&args).rejected("expired");
}

#[test]
fn leeway_widens_exp_and_nbf_by_exactly_its_seconds() {
    let expired = hs256(r#"{"exp":1749999990}"#);
    verify(&["--leeway", "10"], &expired).rejected("expired"); // now >= exp + leeway
    verify(&["--leeway", "11"], &expired).ok();
    let early = hs256(r#"{"exp":4102444800,"nbf":1750000010}"#);
    verify(&["--leeway", "9"], &early).rejected("not_yet_valid");
    verify(&["--leeway", "10"], &early).ok(); // now < nbf - leeway fails
    verify(&[], &hs256(r#"{"exp":4102444800,"nbf":1750000000}"#)).ok();
}

#[test]
fn repeated_aud_accepts_any_of_them() {
    let token = hs256(r#"{"aud":["web","api"],"exp":4102444800}"#);
    verify(&["--aud", "other", "--aud", "api"], &token).ok();
    verify(&["--aud=api"], &token).ok();
    verify(&["--aud", "other", "--aud", "mobile"], &token).rejected("invalid_audience");
    // A token with aud and no --aud (RFC 7519 §4.1.3).
    verify(&[], &token).rejected("invalid_audience");
    // --aud needs the claim.
    verify(&["--aud", "api"], &hs256(GOOD_CLAIMS)).rejected("missing_claim");
    verify(
        &["--aud", "API"],
        &hs256(r#"{"aud":"api","exp":4102444800}"#),
    )
    .rejected("invalid_audience");
}

#[test]
fn require_names_claims_that_must_be_present() {
    let token = hs256(r#"{"exp":4102444800,"role":null,"jti":"j1"}"#);
    verify(&["--require", "role,jti"], &token).ok(); // null is present
    verify(&["--require", "role", "--require", "jti"], &token).ok();
    verify(&["--require", "role,scope"], &token).rejected("missing_claim");
    verify(&["--require", "scope"], &token).rejected("missing_claim");
    verify(&["--require", "role,,jti"], &token).usage_saying("--require");
    verify(&["--require", ""], &token).usage();
}

#[test]
fn iss_and_sub_compare_exactly() {
    let token = hs256(r#"{"iss":"https://auth.example.com","sub":"alice","exp":4102444800}"#);
    verify(
        &["--iss", "https://auth.example.com", "--sub", "alice"],
        &token,
    )
    .ok();
    verify(&["--iss", "https://AUTH.example.com"], &token).rejected("invalid_issuer");
    verify(&["--iss", "https://auth.example.com/"], &token).rejected("invalid_issuer");
    verify(&["--sub", "Alice"], &token).rejected("invalid_subject");
    verify(&["--iss", "x"], &hs256(GOOD_CLAIMS)).rejected("missing_claim");
    verify(&["--sub", "alice"], &hs256(r#"{"exp":4102444800}"#)).rejected("missing_claim");
}

#[test]
fn max_age_passes_an_age_equal_to_it() {
    let token = hs256(r#"{"iat":1749999900,"exp":4102444800}"#); // 100 s old
    verify(&["--max-age", "100"], &token).ok();
    verify(&["--max-age", "99"], &token).rejected("too_old");
    verify(&["--max-age", "99", "--leeway", "1"], &token).ok();
    let future = hs256(r#"{"iat":1750000005,"exp":4102444800}"#);
    verify(&[], &future).ok(); // iat is not compared without --max-age
    verify(&["--max-age", "100"], &future).rejected("not_yet_valid");
    verify(&["--max-age", "100", "--leeway", "5"], &future).ok();
    verify(&["--max-age", "100"], &hs256(GOOD_CLAIMS)).rejected("missing_claim");
    // iat must be a number even when not compared.
    verify(&[], &hs256(r#"{"iat":"yesterday","exp":4102444800}"#)).rejected("invalid_claim");
}

#[test]
fn allow_missing_exp_accepts_a_token_that_never_expires() {
    let token = hs256(r#"{"sub":"alice"}"#);
    let out = verify(&[], &token);
    out.rejected("missing_claim");
    assert!(out.stderr.contains("exp"), "{out:?}");
    assert_eq!(
        verify(&["--allow-missing-exp"], &token).ok(),
        "{\"sub\":\"alice\"}\n"
    );
    // exp, when present, is still checked.
    verify(&["--allow-missing-exp"], &hs256(r#"{"exp":1}"#)).rejected("expired");
}

#[test]
fn typ_compares_as_a_media_type() {
    let jwt = hs256(GOOD_CLAIMS); // typ "JWT"
    for same in ["JWT", "jwt", "application/jwt", "Application/JWT"] {
        verify(&["--typ", same], &jwt).ok();
    }
    verify(&["--typ", "at+jwt"], &jwt).rejected("invalid_type");
    let at = hs256_with_header(r#"{"alg":"HS256","typ":"at+jwt"}"#, GOOD_CLAIMS);
    verify(&["--typ", "jwt"], &at).rejected("invalid_type");
    verify(&["--typ", "application/at+jwt"], &at).ok();
    let none = hs256_with_header(r#"{"alg":"HS256"}"#, GOOD_CLAIMS);
    verify(&["--typ", "JWT"], &none).rejected("invalid_type");
    // typ must be a string whether or not --typ asks.
    verify(
        &[],
        &hs256_with_header(r#"{"alg":"HS256","typ":1}"#, GOOD_CLAIMS),
    )
    .rejected("malformed");
}

#[test]
fn number_flags_take_0_to_i64_max_and_nothing_else() {
    let token = hs256(r#"{"exp":1e300}"#);
    verify_at("9223372036854775807", &[], &token).ok();
    verify(&["--leeway", "9223372036854775807"], &hs256(r#"{"exp":0}"#)).ok();
    verify(
        &["--leeway", "9223372036854775807"],
        &hs256(r#"{"exp":4102444800,"nbf":1e300}"#),
    )
    .rejected("not_yet_valid");
    verify(
        &["--max-age", "9223372036854775807"],
        &hs256(r#"{"iat":-1e300,"exp":4102444800}"#),
    )
    .rejected("too_old");
    verify(
        &["--max-age", "9223372036854775807"],
        &hs256(r#"{"iat":0,"exp":4102444800}"#),
    )
    .ok();
    verify(&["--leeway", "0"], &hs256(GOOD_CLAIMS)).ok();
    for flag in ["--leeway", "--max-age", "--now"] {
        for bad in [
            "9223372036854775808",
            "18446744073709551616",
            "-1",
            "1.5",
            "",
            " 1",
            "1 ",
            "+1",
            "0x10",
            "1e3",
            "ten",
        ] {
            let out = run(&[
                "verify",
                "--alg",
                "HS256",
                "--key-b64",
                K32_B64,
                flag,
                bad,
                &token,
            ]);
            out.usage_saying(&format!("{flag} takes a whole number"));
        }
    }
}

#[test]
fn alg_names_are_exact_and_none_is_refused() {
    let token = hs256(GOOD_CLAIMS);
    for bad in [
        "",
        "none",
        "None",
        "hs256",
        "HS256,",
        "HS-256",
        "HS256,,HS384",
    ] {
        run(&[
            "verify",
            "--alg",
            bad,
            "--key-b64",
            K32_B64,
            "--now",
            NOW,
            &token,
        ])
        .usage_saying("--alg");
    }
    run(&["verify", "--key-b64", K32_B64, "--now", NOW, &token]).usage_saying("--alg is required");
    // RS256 is allowed by the list, but an HMAC secret is not an RSA key.
    let rs = hs256_with_header(r#"{"alg":"RS256"}"#, GOOD_CLAIMS);
    let out = run(&[
        "verify",
        "--alg",
        "RS256,HS256",
        "--key-b64",
        K32_B64,
        "--now",
        NOW,
        &rs,
    ]);
    out.rejected("algorithm_not_allowed");
    assert!(out.stderr.contains("HMAC secret"), "{out:?}");
    run(&[
        "verify",
        "--alg",
        "RS256,HS256",
        "--key-b64",
        K32_B64,
        "--now",
        NOW,
        &token,
    ])
    .ok();
    run(&[
        "verify",
        "--alg",
        "HS384",
        "--alg",
        "HS256",
        "--key-b64",
        K32_B64,
        "--now",
        NOW,
        &token,
    ])
    .ok();
    // alg none in a token, whatever is allowed.
    let unsecured = format!(
        "{}.{}.",
        b64(br#"{"alg":"none"}"#),
        b64(GOOD_CLAIMS.as_bytes())
    );
    verify(&[], &unsecured).rejected("algorithm_not_allowed");
}

// ------------------------------------------------------- order of checks

#[test]
fn the_first_failing_check_in_the_contracts_order_is_reported() {
    let short = b64(b"short");
    let key = ["--key-b64", short.as_str()];
    // A short key is judged at key selection, after the header checks.
    verify_keyed(&key, "e30.e30.").rejected("malformed"); // header without alg
    verify_keyed(&key, "!!!.e30.").rejected("malformed");
    verify_keyed(
        &key,
        &raw_token("HS384", b"short", r#"{"alg":"HS384"}"#, GOOD_CLAIMS),
    )
    .rejected("algorithm_not_allowed");
    verify_keyed(
        &key,
        &raw_token(
            "HS256",
            b"short",
            r#"{"alg":"HS256","crit":["x"],"x":1}"#,
            GOOD_CLAIMS,
        ),
    )
    .rejected("unsupported_critical_header");
    verify_keyed(
        &key,
        &raw_token("HS256", b"short", HEADER_HS256, GOOD_CLAIMS),
    )
    .rejected("invalid_key");
    // Claims of a token whose signature fails are never reported on.
    let forged = raw_token("HS256", K32_OTHER, HEADER_HS256, r#"{"exp":"x","aud":1}"#);
    verify(&[], &forged).rejected("invalid_signature");
    // The signature before the payload's base64url and JSON.
    let bad_payload = format!("{}.!!!.{}", b64(HEADER_HS256.as_bytes()), b64(&[0u8; 32]));
    verify(&[], &bad_payload).rejected("invalid_signature");
    let signed_bad_payload = {
        let input = format!("{}.e30x", b64(HEADER_HS256.as_bytes()));
        format!("{input}.{}", b64(&mac("HS256", K32, input.as_bytes())))
    };
    verify(&[], &signed_bad_payload).rejected("malformed");
    // Claim order: types, exp required, --require, exp, nbf, max-age, iss, sub, aud, typ.
    verify(&["--require", "x"], &hs256(r#"{"iss":1}"#)).rejected("invalid_claim");
    verify(&["--require", "x"], &hs256(r#"{"sub":"a"}"#)).rejected("missing_claim");
    verify(&["--iss", "a"], &hs256(r#"{"exp":1,"iss":"b"}"#)).rejected("expired");
    verify(
        &["--iss", "a", "--aud", "x", "--typ", "at+jwt"],
        &hs256(r#"{"exp":4102444800,"iss":"b","aud":"y"}"#),
    )
    .rejected("invalid_issuer");
    verify(
        &["--aud", "x", "--typ", "at+jwt"],
        &hs256(r#"{"exp":4102444800,"aud":"y"}"#),
    )
    .rejected("invalid_audience");
}

#[test]
fn the_signature_part_is_malformed_when_not_base64url_and_invalid_when_wrong_length() {
    let input = format!(
        "{}.{}",
        b64(HEADER_HS256.as_bytes()),
        b64(GOOD_CLAIMS.as_bytes())
    );
    verify(&[], &format!("{input}.")).rejected("invalid_signature");
    verify(&[], &format!("{input}.{}", b64(&[0u8; 31]))).rejected("invalid_signature");
    verify(&[], &format!("{input}.a+b/")).rejected("malformed");
    verify(&[], &format!("{input}.{}=", b64(&[0u8; 32]))).rejected("malformed");
}

#[test]
fn malformed_json_in_a_token_is_malformed() {
    for header in [
        r#"{"alg":"HS256","alg":"HS256"}"#,
        "\u{feff}{\"alg\":\"HS256\"}",
        r#"{"alg":"HS256","x":"\ud800"}"#,
        r#"["HS256"]"#,
        r#"{"alg":256}"#,
        r#"{"alg":"HS256","kid":7}"#,
    ] {
        verify(&[], &hs256_with_header(header, GOOD_CLAIMS)).rejected("malformed");
    }
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    let ok = format!(r#"{{"exp":4102444800,"d":{}}}"#, deep(63));
    verify(&[], &hs256(&ok)).ok();
    let too_deep = format!(r#"{{"exp":4102444800,"d":{}}}"#, deep(64));
    verify(&[], &hs256(&too_deep)).rejected("malformed");
    verify(&[], &hs256(r#"{"exp":4102444800,"exp":4102444800}"#)).rejected("malformed");
}

// ------------------------------------------------------------------ numbers

#[test]
fn numbers_are_printed_exactly_as_written() {
    let claims = r#"{"exp":4102444800,"big":1e400,"n":1234567890123456789012345678901234567890,"f":1.50,"neg":-0.0}"#;
    let token = hs256(claims);
    assert_eq!(verify(&[], &token).ok(), format!("{claims}\n"));
    let decoded = run(&["decode", &token]);
    assert_eq!(
        decoded.ok(),
        format!(r#"{{"header":{HEADER_HS256},"claims":{claims}}}"#) + "\n"
    );
}

#[test]
fn dates_compare_by_exact_value() {
    verify(&[], &hs256(r#"{"exp":1750000000.5}"#)).ok();
    verify_at("1750000001", &[], &hs256(r#"{"exp":1750000000.5}"#)).rejected("expired");
    verify_at("1750000001", &[], &hs256(r#"{"exp":1750000001.0}"#)).rejected("expired");
    verify(&[], &hs256(r#"{"exp":1.7500000005e9}"#)).ok();
    verify(&[], &hs256(r#"{"exp":1e400}"#)).rejected("invalid_claim");
    verify(&[], &hs256(r#"{"exp":-1e400}"#)).rejected("invalid_claim");
    verify(&[], &hs256(r#"{"exp":1e300}"#)).ok();
    verify(&[], &hs256(r#"{"exp":4102444800,"nbf":-1e300}"#)).ok();
    verify(&[], &hs256(r#"{"exp":null}"#)).rejected("invalid_claim");
}

// ------------------------------------------------------------------ encode

#[test]
fn encode_prints_the_token_over_exactly_the_given_json() {
    let claims = r#"{"sub":"alice","exp":4102444800,"n":1.50}"#;
    let out = run(&["encode", "--alg", "HS256", "--key-b64", K32_B64, claims]);
    assert_eq!(out.ok(), format!("{}\n", hs256(claims)));
    assert_eq!(out.stderr, "");
    // It verifies, and prints the claims unchanged.
    let token = out.stdout.trim_end();
    assert_eq!(verify(&[], token).ok(), format!("{claims}\n"));
}

#[test]
fn encode_round_trips_with_verify_for_every_hmac_algorithm() {
    let key = [9u8; 64];
    for alg in ["HS256", "HS384", "HS512"] {
        let out = run(&["encode", "--alg", alg, "--key-b64", &b64(&key), GOOD_CLAIMS]);
        let token = out.ok().trim_end().to_string();
        assert_eq!(
            token,
            raw_token(
                alg,
                &key,
                &format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#),
                GOOD_CLAIMS
            )
        );
        let back = run(&[
            "verify",
            "--alg",
            alg,
            "--key-b64",
            &b64(&key),
            "--now",
            NOW,
            &token,
        ]);
        assert_eq!(back.ok(), format!("{GOOD_CLAIMS}\n"));
    }
}

#[test]
fn encode_header_adds_fields_and_may_override_typ() {
    let out = run(&[
        "encode",
        "--alg",
        "HS256",
        "--key-b64",
        K32_B64,
        "--header",
        r#"{"kid":"2026-01","x":[1]}"#,
        GOOD_CLAIMS,
    ]);
    let expected = hs256_with_header(
        r#"{"alg":"HS256","typ":"JWT","kid":"2026-01","x":[1]}"#,
        GOOD_CLAIMS,
    );
    assert_eq!(out.ok(), format!("{expected}\n"));
    let out = run(&[
        "encode",
        "--alg",
        "HS256",
        "--key-b64",
        K32_B64,
        "--header",
        r#"{"typ":"at+jwt"}"#,
        GOOD_CLAIMS,
    ]);
    let token = out.ok().trim_end().to_string();
    verify(&["--typ", "at+jwt"], &token).ok();
    let decoded = run(&["decode", &token]);
    assert!(
        decoded
            .ok()
            .starts_with(r#"{"header":{"alg":"HS256","typ":"at+jwt"}"#),
        "{decoded:?}"
    );
}

#[test]
fn encode_refuses_bad_command_line_json_as_usage_errors() {
    let encode = |header: Option<&str>, claims: &str| {
        let mut args = vec!["encode", "--alg", "HS256", "--key-b64", K32_B64];
        if let Some(h) = header {
            args.extend(["--header", h]);
        }
        args.push(claims);
        run(&args)
    };
    encode(Some(r#"{"alg":"none"}"#), GOOD_CLAIMS).usage_saying("alg");
    encode(Some(r#"{"alg":"HS256"}"#), GOOD_CLAIMS).usage_saying("alg");
    encode(Some("[]"), GOOD_CLAIMS).usage_saying("--header must be a JSON object");
    encode(Some("{"), GOOD_CLAIMS).usage_saying("--header is not valid JSON");
    encode(Some(r#"{"kid":7}"#), GOOD_CLAIMS).usage_saying("kid");
    for bad in [
        "{",
        "",
        r#"{"a":1,"a":2}"#,
        "\u{feff}{}",
        r#"{"a":"\udc00"}"#,
        r#"{"a":1,}"#,
        "{'a':1}",
    ] {
        encode(None, bad).usage_saying("CLAIMS_JSON is not valid JSON");
    }
    for not_object in ["[]", "1", "\"claims\"", "null"] {
        encode(None, not_object).usage_saying("CLAIMS_JSON must be a JSON object");
    }
    let nested = |n: usize| format!(r#"{{"d":{}{}}}"#, "[".repeat(n), "]".repeat(n));
    encode(None, &nested(63)).ok();
    encode(None, &nested(64)).usage();
    run(&[
        "encode",
        "--alg",
        "HS256,HS384",
        "--key-b64",
        K32_B64,
        GOOD_CLAIMS,
    ])
    .usage_saying("one algorithm");
    run(&["encode", "--key-b64", K32_B64, GOOD_CLAIMS]).usage_saying("--alg is required");
    run(&["encode", "--alg", "none", "--key-b64", K32_B64, GOOD_CLAIMS]).usage();
    run(&["encode", "--alg", "HS256", "--key-b64", K32_B64]).usage_saying("CLAIMS_JSON is missing");
    run(&["encode", "--alg", "HS256", "--key-b64", K32_B64, "{}", "{}"]).usage();
}

#[test]
fn encode_with_an_unusable_key_is_exit_1_invalid_key() {
    let out = run(&[
        "encode",
        "--alg",
        "HS256",
        "--key-b64",
        &b64(b"short"),
        GOOD_CLAIMS,
    ]);
    out.rejected("invalid_key");
    run(&[
        "encode",
        "--alg",
        "HS256",
        "--key-b64",
        &b64(b"short"),
        "--allow-short-key",
        GOOD_CLAIMS,
    ])
    .ok();
    run(&[
        "encode",
        "--alg",
        "HS256",
        "--key-b64",
        "",
        "--allow-short-key",
        GOOD_CLAIMS,
    ])
    .rejected("invalid_key");
    run(&[
        "encode",
        "--alg",
        "HS512",
        "--key-b64",
        K32_B64,
        GOOD_CLAIMS,
    ])
    .rejected("invalid_key");
    run(&[
        "encode",
        "--alg",
        "RS256",
        "--key-b64",
        K32_B64,
        GOOD_CLAIMS,
    ])
    .rejected("algorithm_not_allowed");
}

#[test]
fn encode_with_a_jwks_file_picks_the_key_by_the_header_kid() {
    let set = jwks(&[
        jwk_oct(Some("a"), None, K32),
        jwk_oct(Some("b"), None, K32_OTHER),
    ]);
    let out = run(&[
        "encode",
        "--alg",
        "HS256",
        "--jwks-file",
        set.path(),
        "--header",
        r#"{"kid":"b"}"#,
        GOOD_CLAIMS,
    ]);
    let token = out.ok().trim_end().to_string();
    assert_eq!(
        token,
        raw_token(
            "HS256",
            K32_OTHER,
            r#"{"alg":"HS256","typ":"JWT","kid":"b"}"#,
            GOOD_CLAIMS
        )
    );
    verify_keyed(&["--jwks-file", set.path()], &token).ok();
    run(&[
        "encode",
        "--alg",
        "HS256",
        "--jwks-file",
        set.path(),
        GOOD_CLAIMS,
    ])
    .rejected("unknown_key");
    run(&[
        "encode",
        "--alg",
        "HS256",
        "--jwks-file",
        set.path(),
        "--header",
        r#"{"kid":"z"}"#,
        GOOD_CLAIMS,
    ])
    .rejected("unknown_key");
    // One usable key: no kid needed, and none is added.
    let single = jwks(&[jwk_oct(Some("only"), None, K32)]);
    let out = run(&[
        "encode",
        "--alg",
        "HS256",
        "--jwks-file",
        single.path(),
        GOOD_CLAIMS,
    ]);
    assert_eq!(out.ok(), format!("{}\n", hs256(GOOD_CLAIMS)));
    // A JWK file.
    let jwk = TempFile::new(jwk_oct(None, Some("HS256"), K32).as_bytes());
    let out = run(&[
        "encode",
        "--alg",
        "HS256",
        "--jwk-file",
        jwk.path(),
        GOOD_CLAIMS,
    ]);
    assert_eq!(out.ok(), format!("{}\n", hs256(GOOD_CLAIMS)));
    run(&[
        "encode",
        "--alg",
        "HS384",
        "--jwk-file",
        jwk.path(),
        GOOD_CLAIMS,
    ])
    .rejected("algorithm_not_allowed");
}

// ------------------------------------------------------------------ decode

#[test]
fn decode_prints_header_and_claims_and_says_nothing_was_checked() {
    // Signed with another key and expired: decode does not care.
    let token = raw_token(
        "HS256",
        K32_OTHER,
        r#"{"alg":"HS256","kid":"k1"}"#,
        r#"{"sub":"alice","exp":1}"#,
    );
    let out = run(&["decode", &token]);
    assert_eq!(
        out.ok(),
        "{\"header\":{\"alg\":\"HS256\",\"kid\":\"k1\"},\"claims\":{\"sub\":\"alice\",\"exp\":1}}\n"
    );
    assert!(out.stderr.contains("NOT checked"), "{out:?}");
    // Standard error is not a terminal here: no dates unless asked.
    assert_eq!(out.stderr.lines().count(), 1, "{out:?}");
    let out = run_stdin(&["decode", "-"], format!("\n {token} \n").as_bytes());
    assert!(out.ok().starts_with("{\"header\":"));
}

#[test]
fn decode_checks_only_the_structure() {
    // alg none, unknown crit, a wrong-typed exp: all shown.
    let token = format!(
        "{}.{}.",
        b64(br#"{"alg":"none","crit":["zz"]}"#),
        b64(br#"{"exp":"soon"}"#)
    );
    run(&["decode", &token]).ok();
    run(&["decode", "a.b"]).rejected("malformed");
    run(&["decode", &format!("{}.W10.", b64(br#"{"alg":"none"}"#))]).rejected("malformed");
    run(&["decode", &format!("{}.e30.", b64(br#"{"a":1,"a":1}"#))]).rejected("malformed");
    run(&["decode", &format!("{}.e30.a=", b64(br#"{}"#))]).rejected("malformed");
    run(&["decode", &".".repeat(65_537)]).rejected("too_large");
    run(&["decode"]).usage_saying("TOKEN is missing");
    run(&["decode", "a", "b"]).usage();
}

#[test]
fn decode_times_shows_dates_in_rfc3339_utc() {
    let token = hs256(r#"{"exp":4102444800,"nbf":1750000000.5,"iat":"x"}"#);
    let out = run(&["decode", "--times", &token]);
    out.ok();
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 4, "{out:?}");
    assert_eq!(lines[1], "barejwt: exp 4102444800 = 2100-01-01T00:00:00Z");
    assert_eq!(
        lines[2],
        "barejwt: nbf 1750000000.5 = 2025-06-15T15:06:40.5Z"
    );
    assert_eq!(
        lines[3],
        "barejwt: iat \"x\" = not a date: a string, not a number"
    );
}

// ------------------------------------------------------------------ keygen

#[test]
fn keygen_prints_fresh_base64url_secrets_of_the_hash_size() {
    for (args, bytes) in [
        (&["keygen"][..], 32),
        (&["keygen", "--alg", "HS256"], 32),
        (&["keygen", "--alg", "HS384"], 48),
        (&["keygen", "--alg", "HS512"], 64),
    ] {
        let first = run(args);
        let text = first.ok().strip_suffix('\n').expect("ends with a newline");
        assert!(
            text.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
            "{text}"
        );
        assert_eq!(base64url::decode(text.as_bytes()).unwrap().len(), bytes);
        let second = run(args);
        assert_ne!(
            first.stdout, second.stdout,
            "two secrets in a row are equal"
        );
        // It is a usable key.
        run(&[
            "encode",
            "--alg",
            args.get(2).copied().unwrap_or("HS256"),
            "--key-b64",
            text,
            "{}",
        ])
        .ok();
    }
    run(&["keygen", "--alg", "HS256,HS384"]).usage();
    run(&["keygen", "extra"]).usage();
}

// -------------------------------------------------------------------- demo

#[test]
fn demo_shows_a_valid_token_and_two_refusals() {
    let out = run(&["demo"]);
    let text = out.ok();
    assert!(text.contains("$ barejwt encode --alg HS256"), "{text}");
    assert!(text.contains("barejwt: invalid_signature: "), "{text}");
    assert!(text.contains("barejwt: invalid_audience: "), "{text}");
    run(&["demo", "now"]).usage();
}

// ------------------------------------------------- public keys: Ed25519

/// A key file of the repository's corpus (made by OpenSSL and Python
/// `cryptography`, see vectors/keys/README.md).
fn key_path(name: &str) -> String {
    format!("{}/vectors/keys/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// `barejwt encode --alg ALG KEY... CLAIMS`, the token it prints.
fn encode_with(alg: &str, key: &[&str], claims: &str) -> String {
    let mut args = vec!["encode", "--alg", alg];
    args.extend_from_slice(key);
    args.push(claims);
    run(&args).ok().trim_end().to_string()
}

/// `barejwt verify --alg ALG --now NOW KEY... TOKEN`.
fn verify_alg(alg: &str, key: &[&str], token: &str) -> Run {
    let mut args = vec!["verify", "--alg", alg, "--now", NOW];
    args.extend_from_slice(key);
    args.push(token);
    run(&args)
}

#[test]
fn eddsa_and_ed25519_sign_and_verify_with_pem_and_jwk_keys() {
    let private = key_path("ed25519-pkcs8.pem");
    let public = key_path("ed25519-spki.pem");
    let cert = key_path("ed25519-cert.pem");
    let v2 = key_path("ed25519-pkcs8-v2.pem");
    let jwk = key_path("ed25519.jwk.json");
    let public_jwk = key_path("ed25519.public.jwk.json");
    for alg in ["EdDSA", "Ed25519"] {
        let token = encode_with(alg, &["--pem-file", &private], GOOD_CLAIMS);
        // The header is {"alg":ALG,"typ":"JWT"}; nothing comes from the key.
        let header = token.split('.').next().unwrap();
        assert_eq!(
            String::from_utf8(barejwt::base64url::decode(header.as_bytes()).unwrap()).unwrap(),
            format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#)
        );
        // Ed25519 is deterministic (RFC 8032 §5.1.6): the same key, the same token.
        assert_eq!(token, encode_with(alg, &["--jwk-file", &jwk], GOOD_CLAIMS));
        assert_eq!(token, encode_with(alg, &["--pem-file", &v2], GOOD_CLAIMS));
        for key in [&private, &public, &cert, &v2] {
            let out = verify_alg(alg, &["--pem-file", key], &token);
            assert_eq!(out.ok(), format!("{GOOD_CLAIMS}\n"), "{key}");
        }
        for key in [&jwk, &public_jwk] {
            verify_alg(alg, &["--jwk-file", key], &token).ok();
        }
        // Each name is its own entry of --alg, matching only its header.
        let other = if alg == "EdDSA" { "Ed25519" } else { "EdDSA" };
        verify_alg(other, &["--pem-file", &public], &token).rejected("algorithm_not_allowed");
        verify_alg(&format!("{other},{alg}"), &["--pem-file", &public], &token).ok();
    }
}

#[test]
fn an_ed25519_key_fits_only_eddsa_and_ed25519() {
    let public = key_path("ed25519-spki.pem");
    // An HS256 token and an Ed25519 key: the alg step refuses, whatever the
    // signature (key confusion, CVE-2016-10555).
    verify_alg("HS256", &["--pem-file", &public], &hs256(GOOD_CLAIMS))
        .rejected("algorithm_not_allowed");
    run(&["encode", "--alg", "HS256", "--pem-file", &public, "{}"])
        .rejected("algorithm_not_allowed");
    // An EdDSA token and an HMAC secret.
    let token = encode_with(
        "EdDSA",
        &["--pem-file", &key_path("ed25519-pkcs8.pem")],
        GOOD_CLAIMS,
    );
    verify_alg("EdDSA", &["--key-b64", &b64(K32)], &token).rejected("algorithm_not_allowed");
    // A JWK whose own alg is EdDSA fits only EdDSA tokens.
    let bound = TempFile::new(
        br#"{"kty":"OKP","crv":"Ed25519","alg":"EdDSA","x":"ZEjzEp5z4BAXnt8fx_vjgfvbFuZ0kcX6lD4igig68wc"}"#,
    );
    verify_alg("EdDSA", &["--jwk-file", bound.path()], &token).ok();
    let ed25519 = encode_with(
        "Ed25519",
        &["--pem-file", &key_path("ed25519-pkcs8.pem")],
        GOOD_CLAIMS,
    );
    verify_alg("Ed25519", &["--jwk-file", bound.path()], &ed25519)
        .rejected("algorithm_not_allowed");
}

#[test]
fn encode_needs_a_private_key() {
    for key in ["ed25519-spki.pem", "ed25519-cert.pem"] {
        run(&[
            "encode",
            "--alg",
            "EdDSA",
            "--pem-file",
            &key_path(key),
            "{}",
        ])
        .rejected("invalid_key");
    }
    run(&[
        "encode",
        "--alg",
        "EdDSA",
        "--jwk-file",
        &key_path("ed25519.public.jwk.json"),
        "{}",
    ])
    .rejected("invalid_key");
}

#[test]
fn unusable_ed25519_keys_are_invalid_key_after_the_header_checks() {
    let token = encode_with(
        "EdDSA",
        &["--pem-file", &key_path("ed25519-pkcs8.pem")],
        GOOD_CLAIMS,
    );
    // Ed448 and X25519: a known type on a curve this tool does not support.
    for key in ["ed448-spki.pem", "ed448-pkcs8.pem", "x25519-spki.pem"] {
        verify_alg("EdDSA", &["--pem-file", &key_path(key)], &token).rejected("invalid_key");
        verify_alg("EdDSA", &["--pem-file", &key_path(key)], "e30.e30.").rejected("malformed");
    }
    let x =
        |x: &str| TempFile::new(format!(r#"{{"kty":"OKP","crv":"Ed25519","x":"{x}"}}"#).as_bytes());
    for bad in [
        // The identity (0, 1): a point of small order.
        "AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        // y = p: not a canonical encoding.
        "7f___________________________________________",
        // 31 octets.
        "ZEjzEp5z4BAXnt8fx_vjgfvbFuZ0kcX6lD4igig68w",
        // padding.
        "ZEjzEp5z4BAXnt8fx_vjgfvbFuZ0kcX6lD4igig68wc=",
    ] {
        let file = x(bad);
        verify_alg("EdDSA", &["--jwk-file", file.path()], &token).rejected("invalid_key");
    }
    for crv in ["Ed448", "X25519", "X448"] {
        let file = TempFile::new(format!(r#"{{"kty":"OKP","crv":"{crv}","x":"AA"}}"#).as_bytes());
        verify_alg("EdDSA", &["--jwk-file", file.path()], &token).rejected("invalid_key");
    }
    // A private JWK whose x is not the one its d gives.
    let mismatch = TempFile::new(
        br#"{"kty":"OKP","crv":"Ed25519","x":"Gb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE","d":"gHO5fuir3Jvb35k_O3v3mHdwDMH8X2kzLDMeLMl17qI"}"#,
    );
    verify_alg("EdDSA", &["--jwk-file", mismatch.path()], &token).rejected("invalid_key");
}

#[test]
fn pem_files_that_are_not_one_strict_key_block_are_usage_errors() {
    let token = hs256(GOOD_CLAIMS);
    for (file, says) in [
        ("rsa2048-pkcs8-encrypted.pem", "decrypt it first"),
        ("rsa2048-pkcs1-encrypted.pem", "decrypt it first"),
        ("two-key-blocks.pem", "--pem-file"),
        ("ber-nonminimal-length.pem", "--pem-file"),
        ("ec-p256-explicit-spki.pem", "--pem-file"),
        ("dsa-spki.pem", "--pem-file"),
        ("base64-no-padding.pem", "--pem-file"),
    ] {
        let path = key_path(file);
        if !std::path::Path::new(&path).exists() {
            panic!("the corpus lacks {file}");
        }
        verify_alg("EdDSA", &["--pem-file", &path], &token).usage_saying(says);
    }
}

#[test]
fn ed25519_signatures_are_checked_exactly() {
    let token = encode_with(
        "EdDSA",
        &["--pem-file", &key_path("ed25519-pkcs8.pem")],
        GOOD_CLAIMS,
    );
    let key = ["--pem-file", &key_path("ed25519-spki.pem")];
    let (input, signature) = token.rsplit_once('.').unwrap();
    let mut raw = barejwt::base64url::decode(signature.as_bytes()).unwrap();
    // Not 64 octets.
    verify_alg("EdDSA", &key, &format!("{input}.{}", b64(&raw[..63])))
        .rejected("invalid_signature");
    verify_alg("EdDSA", &key, &format!("{input}.")).rejected("invalid_signature");
    // S + L: the same point equation, but S is not below L (RFC 8032 §5.1.7).
    const L: [u8; 32] = [
        0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde,
        0x14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
    ];
    let mut carry = 0u16;
    for (s, l) in raw[32..].iter_mut().zip(L) {
        let sum = u16::from(*s) + u16::from(l) + carry;
        *s = sum as u8;
        carry = sum >> 8;
    }
    if carry == 0 && raw[63] < 0x80 {
        verify_alg("EdDSA", &key, &format!("{input}.{}", b64(&raw))).rejected("invalid_signature");
    }
    // Any flipped bit.
    let mut flipped = barejwt::base64url::decode(signature.as_bytes()).unwrap();
    flipped[10] ^= 1;
    verify_alg("EdDSA", &key, &format!("{input}.{}", b64(&flipped))).rejected("invalid_signature");
}

#[test]
fn every_key_set_error_about_a_kid_names_the_skipped_keys_with_it() {
    let set = jwks(&[
        r#"{"kty":"OKP","crv":"X448","kid":"k","x":"AA"}"#.to_string(),
        jwk_oct(Some("k"), Some("HS512"), &[5u8; 64]),
    ]);
    let token = hs256_with_header(r#"{"alg":"HS256","kid":"k"}"#, GOOD_CLAIMS);
    let out = verify_keyed(&["--jwks-file", set.path()], &token);
    out.rejected("algorithm_not_allowed");
    assert!(
        out.stderr.contains(
            r#"the key with that kid was skipped because its "crv" "X448" is not supported"#
        ),
        "{}",
        out.stderr
    );
    let two = jwks(&[
        r#"{"kty":"OKP","crv":"X448","kid":"k","x":"AA"}"#.to_string(),
        r#"{"kty":"oct","kid":"k","use":"enc","k":"AAEC"}"#.to_string(),
    ]);
    let out = verify_keyed(&["--jwks-file", two.path()], &token);
    out.rejected("unknown_key");
    assert!(
        out.stderr.contains(r#"2 keys with that kid were skipped, because its "crv" "X448" is not supported and its "use" is "enc", not "sig""#),
        "{}",
        out.stderr
    );
}

#[test]
fn a_key_set_mixes_ed25519_and_hmac_keys_and_skips_unsupported_curves() {
    let ed = r#"{"kty":"OKP","crv":"Ed25519","kid":"ed","x":"ZEjzEp5z4BAXnt8fx_vjgfvbFuZ0kcX6lD4igig68wc"}"#;
    let x25519 = r#"{"kty":"OKP","crv":"X25519","kid":"x","x":"AA"}"#;
    let set = jwks(&[
        jwk_oct(Some("h"), Some("HS256"), K32),
        ed.to_string(),
        x25519.to_string(),
    ]);
    let eddsa = encode_with(
        "EdDSA",
        &["--pem-file", &key_path("ed25519-pkcs8.pem")],
        GOOD_CLAIMS,
    );
    let both = [
        "verify",
        "--alg",
        "HS256,EdDSA",
        "--now",
        NOW,
        "--jwks-file",
        set.path(),
    ];
    let run_both = |token: &str| {
        let mut args = both.to_vec();
        args.push(token);
        run(&args)
    };
    // No kid: the one key that fits each token's alg.
    run_both(&eddsa).ok();
    run_both(&hs256(GOOD_CLAIMS)).ok();
    // The X25519 key is skipped, and an error about its kid says why.
    let with_x = encode_with(
        "EdDSA",
        &[
            "--pem-file",
            &key_path("ed25519-pkcs8.pem"),
            "--header",
            r#"{"kid":"x"}"#,
        ],
        GOOD_CLAIMS,
    );
    let out = run_both(&with_x);
    out.rejected("unknown_key");
    assert!(
        out.stderr
            .contains(r#"its "crv" "X25519" is not supported"#),
        "{}",
        out.stderr
    );
}

#[test]
fn keygen_makes_private_keys_in_pkcs8_pem_or_as_a_jwk() {
    for alg in ["EdDSA", "Ed25519"] {
        let out = run(&["keygen", "--alg", alg]);
        let pem = out.ok();
        let lines: Vec<&str> = pem.lines().collect();
        assert_eq!(lines.first(), Some(&"-----BEGIN PRIVATE KEY-----"), "{pem}");
        assert_eq!(lines.last(), Some(&"-----END PRIVATE KEY-----"), "{pem}");
        assert!(lines.iter().all(|l| l.len() <= 64), "{pem}");
        assert!(!pem.contains('\r'));
        // Two runs, two keys; each key signs, and its public half verifies.
        assert_ne!(pem, run(&["keygen", "--alg", alg]).ok());
        let file = TempFile::new(pem.as_bytes());
        let token = encode_with(alg, &["--pem-file", file.path()], GOOD_CLAIMS);
        let public = TempFile::new(run(&["pubkey", "--pem-file", file.path()]).ok().as_bytes());
        verify_alg(alg, &["--pem-file", public.path()], &token).ok();

        let jwk = run(&["keygen", "--alg", alg, "--jwk", "--kid", "k-1"])
            .ok()
            .to_string();
        assert!(jwk.ends_with("}\n") && jwk.lines().count() == 1, "{jwk}");
        let value = barejwt::json::parse(jwk.trim_end().as_bytes()).unwrap();
        let object = value.as_object().unwrap();
        for (name, want) in [
            ("kty", "OKP"),
            ("crv", "Ed25519"),
            ("alg", alg),
            ("kid", "k-1"),
        ] {
            assert_eq!(
                object.get(name).and_then(|v| v.as_str()),
                Some(want),
                "{jwk}"
            );
        }
        for name in ["x", "d"] {
            let octets = object.get(name).and_then(|v| v.as_str()).unwrap();
            assert_eq!(
                barejwt::base64url::decode(octets.as_bytes()).unwrap().len(),
                32
            );
        }
    }
    let hs = run(&["keygen", "--alg", "HS512", "--jwk"]).ok().to_string();
    let jwk = barejwt::Jwk::parse(hs.trim_end().as_bytes()).unwrap();
    assert_eq!((jwk.kty(), jwk.alg()), ("oct", Some("HS512")));
    run(&["keygen", "--alg", "EdDSA", "--kid", "k"]).usage_saying("--kid");
    run(&["keygen", "--alg", "EdDSA", "--bits", "2048"]).usage_saying("--bits");
    run(&["keygen", "--alg", "HS256", "--bits", "2048"]).usage_saying("--bits");
}

#[test]
fn pubkey_prints_the_public_half_only() {
    let expected_pem = std::fs::read_to_string(key_path("ed25519-spki.pem")).unwrap();
    for key in [
        "ed25519-pkcs8.pem",
        "ed25519-spki.pem",
        "ed25519-cert.pem",
        "ed25519-pkcs8-v2.pem",
    ] {
        let out = run(&["pubkey", "--pem-file", &key_path(key)]);
        assert_eq!(out.ok(), expected_pem, "{key}");
    }
    let public_jwk =
        r#"{"kty":"OKP","crv":"Ed25519","x":"ZEjzEp5z4BAXnt8fx_vjgfvbFuZ0kcX6lD4igig68wc"}"#;
    assert_eq!(
        run(&[
            "pubkey",
            "--jwk-file",
            &key_path("ed25519.jwk.json"),
            "--jwk"
        ])
        .ok(),
        format!("{public_jwk}\n")
    );
    assert_eq!(
        run(&[
            "pubkey",
            "--pem-file",
            &key_path("ed25519-pkcs8.pem"),
            "--jwks"
        ])
        .ok(),
        format!("{{\"keys\":[{public_jwk}]}}\n")
    );
    // kid, alg and use are copied from a source JWK; never d, nor key_ops.
    let source = TempFile::new(
        br#"{"kty":"OKP","crv":"Ed25519","kid":"k1","alg":"EdDSA","use":"sig","key_ops":["sign"],"x":"ZEjzEp5z4BAXnt8fx_vjgfvbFuZ0kcX6lD4igig68wc","d":"gHO5fuir3Jvb35k_O3v3mHdwDMH8X2kzLDMeLMl17qI"}"#,
    );
    assert_eq!(
        run(&["pubkey", "--jwk-file", source.path(), "--jwk"]).ok(),
        "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"x\":\"ZEjzEp5z4BAXnt8fx_vjgfvbFuZ0kcX6lD4igig68wc\",\"kid\":\"k1\",\"alg\":\"EdDSA\",\"use\":\"sig\"}\n"
    );
    // A secret, an oct JWK or a set has no public half: usage errors.
    run(&["pubkey", "--key-b64", &b64(K32)]).usage();
    let oct = TempFile::new(jwk_oct(None, None, K32).as_bytes());
    run(&["pubkey", "--jwk-file", oct.path()]).usage();
    let set = jwks(&[]);
    run(&["pubkey", "--jwks-file", set.path()]).usage();
    run(&[
        "pubkey",
        "--pem-file",
        &key_path("ed25519-spki.pem"),
        "--jwk",
        "--jwks",
    ])
    .usage();
    // An unusable key: exit 1, nothing printed.
    let out = run(&["pubkey", "--pem-file", &key_path("ed448-spki.pem")]);
    out.rejected("invalid_key");
}

// ------------------------------------------------------ public keys: EC

/// The four ECDSA algorithms, their curve's key file name and order n.
const EC_CASES: [(&str, &str); 4] = [
    ("ES256", "p256"),
    ("ES384", "p384"),
    ("ES512", "p521"),
    ("ES256K", "secp256k1"),
];

#[test]
fn ecdsa_signs_and_verifies_on_every_curve_with_every_key_form() {
    for (alg, curve) in EC_CASES {
        let private = key_path(&format!("ec-{curve}-pkcs8.pem"));
        let token = encode_with(alg, &["--pem-file", &private], GOOD_CLAIMS);
        // RFC 6979: the same key and input, the same signature.
        assert_eq!(
            token,
            encode_with(alg, &["--pem-file", &private], GOOD_CLAIMS)
        );
        let jwk = key_path(&format!("ec-{curve}.jwk.json"));
        assert_eq!(
            token,
            encode_with(alg, &["--jwk-file", &jwk], GOOD_CLAIMS),
            "{alg}"
        );
        let sec1 = key_path(&format!("ec-{curve}-sec1.pem"));
        assert_eq!(
            token,
            encode_with(alg, &["--pem-file", &sec1], GOOD_CLAIMS),
            "{alg}"
        );
        for form in ["pkcs8", "sec1", "sec1-params", "spki", "spki-compressed"] {
            let key = key_path(&format!("ec-{curve}-{form}.pem"));
            let out = verify_alg(alg, &["--pem-file", &key], &token);
            assert_eq!(out.ok(), format!("{GOOD_CLAIMS}\n"), "{alg} {form}");
        }
        let public = key_path(&format!("ec-{curve}.public.jwk.json"));
        verify_alg(alg, &["--jwk-file", &public], &token).ok();
        // R ‖ S of exactly twice the order's size: one octet less fails.
        let (input, signature) = token.rsplit_once('.').unwrap();
        let raw = barejwt::base64url::decode(signature.as_bytes()).unwrap();
        let size = match curve {
            "p384" => 48,
            "p521" => 66,
            _ => 32,
        };
        assert_eq!(raw.len(), 2 * size, "{alg}");
        let short = format!("{input}.{}", b64(&raw[1..]));
        verify_alg(alg, &["--jwk-file", &public], &short).rejected("invalid_signature");
    }
}

#[test]
fn an_ec_key_fits_only_the_algorithm_of_its_curve() {
    for (alg, curve) in EC_CASES {
        let public = key_path(&format!("ec-{curve}-spki.pem"));
        for (other, _) in EC_CASES.into_iter().filter(|(a, _)| *a != alg) {
            let token = raw_token(
                "HS256",
                K32,
                &format!(r#"{{"alg":"{other}"}}"#),
                GOOD_CLAIMS,
            );
            verify_alg(other, &["--pem-file", &public], &token).rejected("algorithm_not_allowed");
            let private = key_path(&format!("ec-{curve}-pkcs8.pem"));
            run(&["encode", "--alg", other, "--pem-file", &private, "{}"])
                .rejected("algorithm_not_allowed");
        }
        for other in ["HS256", "EdDSA", "RS256"] {
            let token = raw_token(
                "HS256",
                K32,
                &format!(r#"{{"alg":"{other}"}}"#),
                GOOD_CLAIMS,
            );
            verify_alg(other, &["--pem-file", &public], &token).rejected("algorithm_not_allowed");
        }
    }
}

#[test]
fn a_high_s_ecdsa_signature_is_valid() {
    // JWS has no low-S rule: (r, n − s) verifies as (r, s) does.
    let n = barejwt::base64url::decode(b"_____wAAAAD__________7zm-q2nF56E87nKwvxjJVE").unwrap();
    let token = encode_with(
        "ES256",
        &["--pem-file", &key_path("ec-p256-pkcs8.pem")],
        GOOD_CLAIMS,
    );
    let (input, signature) = token.rsplit_once('.').unwrap();
    let mut raw = barejwt::base64url::decode(signature.as_bytes()).unwrap();
    let s: Vec<u8> = raw[32..].to_vec();
    let mut borrow = 0i16;
    for i in (0..32).rev() {
        let d = i16::from(n[i]) - i16::from(s[i]) - borrow;
        raw[32 + i] = d.rem_euclid(256) as u8;
        borrow = i16::from(d < 0);
    }
    assert_eq!(borrow, 0);
    let high = format!("{input}.{}", b64(&raw));
    verify_alg(
        "ES256",
        &["--pem-file", &key_path("ec-p256-spki.pem")],
        &high,
    )
    .ok();
}

#[test]
fn unusable_ec_keys_are_invalid_key_and_foreign_ones_usage_errors() {
    let token = encode_with(
        "ES256",
        &["--pem-file", &key_path("ec-p256-pkcs8.pem")],
        GOOD_CLAIMS,
    );
    // A curve this tool does not support: invalid_key at key selection.
    for key in [
        "ec-brainpoolP256r1-spki.pem",
        "ec-brainpoolP256r1-pkcs8.pem",
    ] {
        verify_alg("ES256", &["--pem-file", &key_path(key)], &token).rejected("invalid_key");
        verify_alg("ES256", &["--pem-file", &key_path(key)], "e30.e30.").rejected("malformed");
    }
    // Explicit curve parameters, even those of P-256: a usage error.
    for key in ["ec-p256-explicit-spki.pem", "ec-p256-explicit-sec1.pem"] {
        verify_alg("ES256", &["--pem-file", &key_path(key)], &token).usage();
    }
    let jwk = |members: &str| {
        TempFile::new(format!(r#"{{"kty":"EC","crv":"P-256",{members}}}"#).as_bytes())
    };
    let x = "rxlH3EDFlW1J1PHjzwdLXCDotoqXEqQ7ttoerIXafrs";
    let y = "avkUX_4nNm3uPeNNhp3WOZE7bmkK3Wli2JrWrhmlgso";
    let good = jwk(&format!(r#""x":"{x}","y":"{y}""#));
    verify_alg("ES256", &["--jwk-file", good.path()], &token).ok();
    for members in [
        // y changed: off the curve.
        format!(r#""x":"{x}","y":"avkUX_4nNm3uPeNNhp3WOZE7bmkK3Wli2JrWrhmlgsp""#),
        // a coordinate of 31 octets (no leading zeros dropped in a JWK).
        format!(
            r#""x":"{}","y":"{y}""#,
            &b64(&barejwt::base64url::decode(x.as_bytes()).unwrap()[1..])
        ),
        // x = p (not below the field prime).
        format!(r#""x":"_____wAAAAEAAAAAAAAAAAAAAAD_______________8","y":"{y}""#),
        // y absent.
        format!(r#""x":"{x}""#),
        // d = 0, and d of 31 octets.
        format!(r#""x":"{x}","y":"{y}","d":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA""#),
        // d that is not the one x and y belong to.
        format!(r#""x":"{x}","y":"{y}","d":"AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA""#),
    ] {
        let file = jwk(&members);
        verify_alg("ES256", &["--jwk-file", file.path()], &token).rejected("invalid_key");
    }
    let p224 = TempFile::new(br#"{"kty":"EC","crv":"P-224","x":"AA","y":"AA"}"#);
    verify_alg("ES256", &["--jwk-file", p224.path()], &token).rejected("invalid_key");
    verify_alg("HS256", &["--jwk-file", p224.path()], &hs256(GOOD_CLAIMS)).rejected("invalid_key");
}

#[test]
fn keygen_and_pubkey_for_ec_keys() {
    for (alg, curve) in EC_CASES {
        let pem = run(&["keygen", "--alg", alg]).ok().to_string();
        assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"), "{pem}");
        let file = TempFile::new(pem.as_bytes());
        let token = encode_with(alg, &["--pem-file", file.path()], GOOD_CLAIMS);
        let public = TempFile::new(run(&["pubkey", "--pem-file", file.path()]).ok().as_bytes());
        verify_alg(alg, &["--pem-file", public.path()], &token).ok();
        let jwk = run(&["keygen", "--alg", alg, "--jwk"]).ok().to_string();
        let value = barejwt::json::parse(jwk.trim_end().as_bytes()).unwrap();
        let object = value.as_object().unwrap();
        assert_eq!(object.get("alg").and_then(|v| v.as_str()), Some(alg));
        assert_eq!(object.get("kty").and_then(|v| v.as_str()), Some("EC"));
        // pubkey writes the point uncompressed, whatever the input form.
        let from_compressed = run(&[
            "pubkey",
            "--pem-file",
            &key_path(&format!("ec-{curve}-spki-compressed.pem")),
        ]);
        let uncompressed =
            std::fs::read_to_string(key_path(&format!("ec-{curve}-spki.pem"))).unwrap();
        assert_eq!(from_compressed.ok(), uncompressed, "{curve}");
        // --jwk: kty, crv, x, y at full length, nothing private.
        let out = run(&[
            "pubkey",
            "--jwk-file",
            &key_path(&format!("ec-{curve}.jwk.json")),
            "--jwk",
        ]);
        let public_jwk: String =
            std::fs::read_to_string(key_path(&format!("ec-{curve}.public.jwk.json"))).unwrap();
        let expected = barejwt::json::parse(public_jwk.as_bytes()).unwrap();
        let printed = barejwt::json::parse(out.ok().trim_end().as_bytes()).unwrap();
        assert_eq!(printed, expected, "{curve}");
    }
}

// ----------------------------------------------------- public keys: RSA

const RSA_ALGS: [&str; 6] = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512"];

#[test]
fn rsa_signs_and_verifies_with_every_key_form() {
    let private_forms = ["rsa2048-pkcs8.pem", "rsa2048-pkcs1.pem"];
    let public_forms = [
        "rsa2048-pkcs8.pem",
        "rsa2048-pkcs1.pem",
        "rsa2048-spki.pem",
        "rsa2048-pkcs1-public.pem",
        "rsa2048-cert.pem",
    ];
    for alg in RSA_ALGS {
        for private in private_forms {
            let token = encode_with(alg, &["--pem-file", &key_path(private)], GOOD_CLAIMS);
            let header = token.split('.').next().unwrap();
            assert_eq!(
                String::from_utf8(barejwt::base64url::decode(header.as_bytes()).unwrap()).unwrap(),
                format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#)
            );
            for public in public_forms {
                let out = verify_alg(alg, &["--pem-file", &key_path(public)], &token);
                assert_eq!(
                    out.ok(),
                    format!("{GOOD_CLAIMS}\n"),
                    "{alg} {private} {public}"
                );
            }
            verify_alg(
                alg,
                &["--jwk-file", &key_path("rsa2048.public.jwk.json")],
                &token,
            )
            .ok();
            // The signature is exactly the modulus length (256 octets).
            let (input, signature) = token.rsplit_once('.').unwrap();
            let raw = barejwt::base64url::decode(signature.as_bytes()).unwrap();
            assert_eq!(raw.len(), 256, "{alg}");
            let short = format!("{input}.{}", b64(&raw[1..]));
            verify_alg(alg, &["--pem-file", &key_path("rsa2048-spki.pem")], &short)
                .rejected("invalid_signature");
        }
        let jwk = encode_with(
            alg,
            &["--jwk-file", &key_path("rsa2048.jwk.json")],
            GOOD_CLAIMS,
        );
        verify_alg(alg, &["--pem-file", &key_path("rsa2048-spki.pem")], &jwk).ok();
    }
    // RS* is deterministic (RFC 8017 §8.2.1); PS* draws a fresh salt.
    let key = ["--pem-file", &key_path("rsa2048-pkcs8.pem")];
    assert_eq!(
        encode_with("RS256", &key, GOOD_CLAIMS),
        encode_with("RS256", &key, GOOD_CLAIMS)
    );
    assert_ne!(
        encode_with("PS256", &key, GOOD_CLAIMS),
        encode_with("PS256", &key, GOOD_CLAIMS)
    );
}

#[test]
fn an_rsa_key_fits_rs_and_ps_only_and_each_padding_is_its_own() {
    let private = key_path("rsa2048-pkcs8.pem");
    let public = key_path("rsa2048-spki.pem");
    let rs = encode_with("RS256", &["--pem-file", &private], GOOD_CLAIMS);
    // An RS256 signature relabelled PS256 (or RS384) does not verify.
    let (_, rs_signature) = rs.rsplit_once('.').unwrap();
    for other in ["PS256", "RS384"] {
        let header = b64(format!(r#"{{"alg":"{other}","typ":"JWT"}}"#).as_bytes());
        let payload = rs.split('.').nth(1).unwrap();
        let relabelled = format!("{header}.{payload}.{rs_signature}");
        verify_alg(other, &["--pem-file", &public], &relabelled).rejected("invalid_signature");
    }
    for other in ["HS256", "ES256", "EdDSA"] {
        let token = raw_token(
            "HS256",
            K32,
            &format!(r#"{{"alg":"{other}"}}"#),
            GOOD_CLAIMS,
        );
        verify_alg(other, &["--pem-file", &public], &token).rejected("algorithm_not_allowed");
    }
    // A JWK bound to RS256 fits only RS256.
    let text = std::fs::read_to_string(key_path("rsa2048.public.jwk.json")).unwrap();
    let bound = TempFile::new(text.replacen('{', r#"{"alg":"RS256","#, 1).as_bytes());
    verify_alg("RS256", &["--jwk-file", bound.path()], &rs).ok();
    let ps = encode_with("PS256", &["--pem-file", &private], GOOD_CLAIMS);
    verify_alg("PS256", &["--jwk-file", bound.path()], &ps).rejected("algorithm_not_allowed");
    // encode needs the private key.
    run(&["encode", "--alg", "RS256", "--pem-file", &public, "{}"]).rejected("invalid_key");
}

#[test]
fn unusable_rsa_keys_are_invalid_key() {
    let token = encode_with(
        "RS256",
        &["--pem-file", &key_path("rsa2048-pkcs8.pem")],
        GOOD_CLAIMS,
    );
    let jwk_text = std::fs::read_to_string(key_path("rsa2048.jwk.json")).unwrap();
    let jwk = barejwt::json::parse(jwk_text.as_bytes()).unwrap();
    let member = |name: &str| {
        jwk.as_object()
            .unwrap()
            .get(name)
            .unwrap()
            .as_str()
            .unwrap()
            .to_string()
    };
    let with = |changes: &[(&str, Option<String>)]| {
        let mut object = jwk.as_object().unwrap().clone();
        for (name, value) in changes {
            match value {
                Some(v) => {
                    object.insert(*name, barejwt::json::Value::String(v.clone()));
                }
                None => {
                    object.remove(name);
                }
            }
        }
        TempFile::new(barejwt::json::Value::Object(object).to_json().as_bytes())
    };
    // 1024-bit modulus (RFC 7518 §3.3 asks for 2048), an even one, e = 1,
    // an even e, e = 2^33.
    let n = barejwt::base64url::decode(member("n").as_bytes()).unwrap();
    let mut even = n.clone();
    *even.last_mut().unwrap() &= 0xfe;
    for (what, changes) in [
        (
            "1024-bit n",
            vec![
                ("n", Some(b64(&n[..128]))),
                ("d", None),
                ("p", None),
                ("q", None),
                ("dp", None),
                ("dq", None),
                ("qi", None),
            ],
        ),
        (
            "even n",
            vec![
                ("n", Some(b64(&even))),
                ("d", None),
                ("p", None),
                ("q", None),
                ("dp", None),
                ("dq", None),
                ("qi", None),
            ],
        ),
        (
            "e = 1",
            vec![
                ("e", Some("AQ".into())),
                ("d", None),
                ("p", None),
                ("q", None),
                ("dp", None),
                ("dq", None),
                ("qi", None),
            ],
        ),
        (
            "e = 65536",
            vec![
                ("e", Some("AQAA".into())),
                ("d", None),
                ("p", None),
                ("q", None),
                ("dp", None),
                ("dq", None),
                ("qi", None),
            ],
        ),
        (
            "e = 2^33",
            vec![
                ("e", Some("AgAAAAA".into())),
                ("d", None),
                ("p", None),
                ("q", None),
                ("dp", None),
                ("dq", None),
                ("qi", None),
            ],
        ),
        // Private values that do not fit together.
        ("dp replaced by dq", vec![("dp", Some(member("dq")))]),
        ("qi changed", vec![("qi", Some(member("dp")))]),
        ("d changed", vec![("d", Some(member("dp")))]),
        // A private key without all five CRT members.
        ("no qi", vec![("qi", None)]),
    ] {
        let file = with(&changes);
        verify_alg("RS256", &["--jwk-file", file.path()], &token).rejected("invalid_key");
        let _ = what;
    }
    // Leading zero octets in n and e are accepted (the contract).
    let padded = with(&[
        ("n", Some(b64(&[&[0u8][..], &n].concat()))),
        ("e", Some("AAEAAQ".into())),
        ("d", None),
        ("p", None),
        ("q", None),
        ("dp", None),
        ("dq", None),
        ("qi", None),
    ]);
    verify_alg("RS256", &["--jwk-file", padded.path()], &token).ok();
    // Key files the contract refuses: NULL parameters missing, a
    // multi-prime key, RSASSA-PSS keys.
    for file in [
        "rsa2048-spki-no-null.pem",
        "rsa-multiprime-pkcs8.pem",
        "rsa-pss-spki.pem",
    ] {
        let path = key_path(file);
        if std::path::Path::new(&path).exists() {
            verify_alg("RS256", &["--pem-file", &path], &token).usage();
        }
    }
}

#[test]
fn keygen_and_pubkey_for_rsa_keys() {
    let pem = run(&["keygen", "--alg", "RS256"]).ok().to_string();
    assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"), "{pem}");
    assert!(pem.lines().all(|l| l.len() <= 64));
    let file = TempFile::new(pem.as_bytes());
    let token = encode_with("PS384", &["--pem-file", file.path()], GOOD_CLAIMS);
    let public = TempFile::new(run(&["pubkey", "--pem-file", file.path()]).ok().as_bytes());
    verify_alg("PS384", &["--pem-file", public.path()], &token).ok();
    // The modulus has exactly the bits asked for, e = 65537.
    let jwk = run(&["pubkey", "--pem-file", file.path(), "--jwk"])
        .ok()
        .to_string();
    let value = barejwt::json::parse(jwk.trim_end().as_bytes()).unwrap();
    let object = value.as_object().unwrap();
    let n =
        barejwt::base64url::decode(object.get("n").unwrap().as_str().unwrap().as_bytes()).unwrap();
    assert_eq!((n.len(), n[0] >> 7), (256, 1));
    assert_eq!(object.get("e").and_then(|v| v.as_str()), Some("AQAB"));
    let private_jwk = run(&["keygen", "--alg", "PS256", "--jwk", "--kid", "r"])
        .ok()
        .to_string();
    let value = barejwt::json::parse(private_jwk.trim_end().as_bytes()).unwrap();
    let object = value.as_object().unwrap();
    for name in ["n", "e", "d", "p", "q", "dp", "dq", "qi"] {
        assert!(object.get(name).is_some(), "{name}: {private_jwk}");
    }
    assert_eq!(object.get("alg").and_then(|v| v.as_str()), Some("PS256"));
    run(&["keygen", "--alg", "RS256", "--bits", "1024"]).usage_saying("--bits");
    run(&["keygen", "--alg", "RS256", "--bits", "2049"]).usage_saying("--bits");
    // pubkey of the corpus key: n and e without leading zeros, as OpenSSL's.
    let printed = run(&[
        "pubkey",
        "--pem-file",
        &key_path("rsa2048-pkcs1.pem"),
        "--jwk",
    ]);
    let expected = std::fs::read_to_string(key_path("rsa2048.public.jwk.json")).unwrap();
    assert_eq!(
        barejwt::json::parse(printed.ok().trim_end().as_bytes()).unwrap(),
        barejwt::json::parse(expected.as_bytes()).unwrap()
    );
    assert_eq!(
        run(&["pubkey", "--pem-file", &key_path("rsa2048-pkcs1.pem")]).ok(),
        std::fs::read_to_string(key_path("rsa2048-spki.pem")).unwrap()
    );
}
