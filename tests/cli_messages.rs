//! The command line's hints and conveniences beyond the contract, each
//! checked by its text. A hint is one more sentence of the same one-line
//! message: the kind and the exit code stay those of the contract.

use std::io::Write;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_barejwt");
const K: &str = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs the binary; `stdin` `None` is `/dev/null`.
fn run(args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(bytes) = stdin {
        let _ = child.stdin.take().unwrap().write_all(bytes);
    }
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

fn encode(claims: &str) -> String {
    let r = run(&["encode", "--alg", "HS256", "--key-b64", K, claims], None);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout.trim_end().to_string()
}

/// Exit 1 with exactly this one line.
fn rejected_with(r: &Run, line: &str) {
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (1, "", format!("{line}\n").as_str())
    );
}

/// Exit 2 with this usage line and the help hint.
fn usage_with(r: &Run, line: &str, command: &str) {
    let expected = format!("{line}\nTry `barejwt {command} --help`.\n");
    assert_eq!(
        (r.code, r.stdout.as_str(), r.stderr.as_str()),
        (2, "", expected.as_str())
    );
}

fn verify_args<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "verify",
        "--alg",
        "HS256",
        "--key-b64",
        K,
        "--now",
        "1700000000",
    ];
    args.extend_from_slice(extra);
    args
}

#[test]
fn invalid_issuer_and_subject_show_what_was_expected() {
    let t = encode(r#"{"iss":"https://evil.example","sub":"mallory","exp":4102444800}"#);
    rejected_with(
        &run(
            &verify_args(&["--iss", "https://auth.example.com", &t]),
            None,
        ),
        r#"barejwt: invalid_issuer: issuer "https://evil.example" is not the expected issuer "https://auth.example.com""#,
    );
    rejected_with(
        &run(&verify_args(&["--sub", "alice", &t]), None),
        r#"barejwt: invalid_subject: subject "mallory" is not the expected subject "alice""#,
    );
}

#[test]
fn a_missing_exp_names_the_flag() {
    let t = encode(r#"{"sub":"alice"}"#);
    rejected_with(
        &run(&verify_args(&[&t]), None),
        r#"barejwt: missing_claim: the token has no "exp"; tokens must expire unless missing exp is explicitly allowed (--allow-missing-exp)"#,
    );
}

#[test]
fn a_key_file_ending_in_a_newline_is_named_when_the_signature_fails() {
    let dir = std::env::temp_dir().join(format!("barejwt-cli-messages-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (plain, newline) = (dir.join("plain.key"), dir.join("newline.key"));
    std::fs::write(&plain, "correct-horse-battery-staple-2026").unwrap();
    std::fs::write(&newline, "correct-horse-battery-staple-2026\n").unwrap();
    let (plain, newline) = (plain.to_str().unwrap(), newline.to_str().unwrap());
    let signed = run(
        &[
            "encode",
            "--alg",
            "HS256",
            "--key-file",
            plain,
            r#"{"exp":4102444800}"#,
        ],
        None,
    );
    let t = signed.stdout.trim_end();
    let verify_with = |file: &str| run(&["verify", "--alg", "HS256", "--key-file", file, t], None);
    assert_eq!(verify_with(plain).code, 0);
    rejected_with(
        &verify_with(newline),
        "barejwt: invalid_signature: the signature does not match. The key file ends in a newline, which is part of the key (--key-file uses the file's bytes exactly); if the secret does not end in one, write the file without it (printf '%s' SECRET > FILE)",
    );
    // Without the newline, no hint: the file simply holds another key.
    let other = dir.join("other.key");
    std::fs::write(&other, "another-secret-of-thirty-two-bytes!").unwrap();
    rejected_with(
        &verify_with(other.to_str().unwrap()),
        "barejwt: invalid_signature: the signature does not match",
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_bearer_prefix_is_named() {
    let t = encode(r#"{"exp":4102444800}"#);
    let line = "barejwt: malformed: the header part is not canonical base64url: invalid base64url byte 0x20 at offset 6. The token starts with \"Bearer \": give the token alone, without the Authorization scheme";
    rejected_with(&run(&verify_args(&[&format!("Bearer {t}")]), None), line);
    rejected_with(
        &run(
            &verify_args(&["-"]),
            Some(format!("Bearer {t}\n").as_bytes()),
        ),
        line,
    );
    let decoded = run(&["decode", &format!("bearer {t}")], None);
    assert_eq!(decoded.code, 1);
    assert!(decoded.stderr.ends_with("The token starts with \"Bearer \": give the token alone, without the Authorization scheme\n"));
}

#[test]
fn a_token_argument_ending_in_a_newline_points_to_standard_input() {
    let t = encode(r#"{"exp":4102444800}"#);
    rejected_with(
        &run(&verify_args(&[&format!("{t}\n")]), None),
        "barejwt: malformed: the signature part is not canonical base64url: invalid base64url byte 0x0a at offset 43. The TOKEN argument ends in a newline: give it without one, or give - to read the token from standard input (white space around it is trimmed there)",
    );
    // Read with -, the same text is trimmed and verifies.
    assert_eq!(
        run(&verify_args(&["-"]), Some(format!("{t}\n").as_bytes())).code,
        0
    );
}

#[test]
fn a_token_piped_in_without_dash_is_pointed_out() {
    let t = encode(r#"{"exp":4102444800}"#);
    let piped = format!("{t}\n");
    usage_with(
        &run(&verify_args(&[]), Some(piped.as_bytes())),
        "barejwt: usage: TOKEN is missing. Standard input is a pipe or a file: to read TOKEN from it, give - as TOKEN",
        "verify",
    );
    usage_with(
        &run(&["decode"], Some(piped.as_bytes())),
        "barejwt: usage: TOKEN is missing. Standard input is a pipe or a file: to read TOKEN from it, give - as TOKEN",
        "decode",
    );
    // Nothing on standard input: no hint.
    usage_with(
        &run(&verify_args(&[]), None),
        "barejwt: usage: TOKEN is missing",
        "verify",
    );
}

#[test]
fn alg_suggestions_name_only_built_algorithms() {
    usage_with(
        &run(&verify_args(&["--alg", "hs256", "x"]), None),
        "barejwt: usage: unknown algorithm \"hs256\" in --alg (did you mean HS256? names are case-sensitive; this build signs and verifies HS256, HS384, HS512, RS256, RS384, RS512, ES256, ES384, ES512, PS256, PS384, PS512, EdDSA, ES256K, Ed25519)",
        "verify",
    );
}

#[test]
fn encode_reads_claims_json_from_standard_input() {
    let from_stdin = run(
        &["encode", "--alg", "HS256", "--key-b64", K, "-"],
        Some(b" {\"exp\":4102444800}\n"),
    );
    assert_eq!(from_stdin.code, 0, "{}", from_stdin.stderr);
    assert_eq!(
        from_stdin.stdout.trim_end(),
        encode(r#"{"exp":4102444800}"#)
    );
    usage_with(
        &run(&["encode", "--alg", "HS256", "--key-b64", K], Some(b"{}")),
        "barejwt: usage: CLAIMS_JSON is missing. Standard input is a pipe or a file: to read CLAIMS_JSON from it, give - as CLAIMS_JSON",
        "encode",
    );
}

#[test]
fn encode_sets_iat_nbf_and_exp_from_the_clock() {
    let args = [
        "encode",
        "--alg",
        "HS256",
        "--key-b64",
        K,
        "--now",
        "1700000000",
        "--iat",
        "--nbf",
        "+0",
        "--exp",
        "+15m",
        r#"{"sub":"alice"}"#,
    ];
    let t = run(&args, None);
    assert_eq!(t.code, 0, "{}", t.stderr);
    let decoded = run(&["decode", t.stdout.trim_end()], None);
    assert_eq!(
        decoded.stdout,
        "{\"header\":{\"alg\":\"HS256\",\"typ\":\"JWT\"},\"claims\":{\"sub\":\"alice\",\"iat\":1700000000,\"nbf\":1700000000,\"exp\":1700000900}}\n"
    );
    let absolute = run(
        &[
            "encode",
            "--alg",
            "HS256",
            "--key-b64",
            K,
            "--exp",
            "4102444800",
            "{}",
        ],
        None,
    );
    assert_eq!(absolute.stdout.trim_end(), encode(r#"{"exp":4102444800}"#));
    usage_with(
        &run(
            &[
                "encode",
                "--alg",
                "HS256",
                "--key-b64",
                K,
                "--exp",
                "+1h",
                r#"{"exp":1}"#,
            ],
            None,
        ),
        "barejwt: usage: CLAIMS_JSON already has \"exp\": give it there or with --exp, not both",
        "encode",
    );
    usage_with(
        &run(&["encode", "--alg", "HS256", "--key-b64", K, "--exp", "+1w", "{}"], None),
        "barejwt: usage: --exp is +DURATION from now (+900, +90s, +15m, +1h, +7d) or seconds since 1970, not \"+1w\"",
        "encode",
    );
}

/// `encode` with `extra` flags before CLAIMS_JSON `claims` (`-`: `stdin`).
fn encode_with(extra: &[&str], claims: &str, stdin: Option<&[u8]>) -> Run {
    let mut args = vec!["encode", "--alg", "HS256", "--key-b64", K];
    args.extend_from_slice(extra);
    args.push(claims);
    run(&args, stdin)
}

/// Exit 0, the token on standard output, and on standard error exactly
/// the warning with `inner` (`KIND: reason`); `verify` then refuses the
/// token with that KIND. Returns the token.
fn signed_with_warning(r: &Run, inner: &str) -> String {
    assert_eq!(
        (r.code, r.stderr.as_str()),
        (
            0,
            format!("barejwt: warning: verify would refuse this token ({inner})\n").as_str()
        )
    );
    let token = r.stdout.strip_suffix('\n').expect("one line").to_string();
    assert!(!token.contains('\n'));
    assert_eq!(token.split('.').count(), 3, "{token}");
    let kind = inner.split(':').next().unwrap();
    let verified = run(&verify_args(&["-"]), Some(token.as_bytes()));
    assert_eq!((verified.code, verified.stdout.as_str()), (1, ""));
    assert!(
        verified.stderr.starts_with(&format!("barejwt: {kind}: ")),
        "verify said {}, the warning {kind}",
        verified.stderr
    );
    token
}

#[test]
fn encode_signs_what_verify_would_refuse_with_one_warning_line() {
    let t = signed_with_warning(
        &encode_with(&[], r#"{"exp":"tomorrow"}"#, None),
        r#"invalid_claim: claim "exp" is a string, not a number (NumericDate)"#,
    );
    // The claims are signed as given: HMAC-SHA256 with the key 00..1f over
    // this signing input, computed apart from the crate (Python's hmac).
    assert_eq!(
        t,
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOiJ0b21vcnJvdyJ9.\
         FyqvZOFZ9NZGln-J-t40CH8K4bgGurzllvOYlUKBn0k"
    );
    rejected_with(
        &run(&verify_args(&[&t]), None),
        r#"barejwt: invalid_claim: claim "exp" is a string, not a number (NumericDate)"#,
    );
    signed_with_warning(
        &encode_with(
            &["--header", r#"{"crit":"b64"}"#],
            r#"{"exp":4102444800}"#,
            None,
        ),
        r#"unsupported_critical_header: "crit" is a string, not an array"#,
    );
    signed_with_warning(
        &encode_with(
            &["--header", r#"{"crit":["alg"]}"#],
            r#"{"exp":4102444800}"#,
            None,
        ),
        r#"unsupported_critical_header: "crit" lists the registered parameter "alg""#,
    );
    let audiences: Vec<String> = (1..=257).map(|i| format!("\"a{i}\"")).collect();
    signed_with_warning(
        &encode_with(
            &[],
            &format!(r#"{{"exp":4102444800,"aud":[{}]}}"#, audiences.join(",")),
            None,
        ),
        r#"invalid_claim: "aud" has 257 entries, over the limit of 256"#,
    );
    // 1,024 members in CLAIMS_JSON are JSON the contract allows; --iat
    // makes them 1,025.
    let members: Vec<String> = (1..=1024).map(|i| format!("\"m{i}\":1")).collect();
    signed_with_warning(
        &encode_with(&["--now", "1", "--iat"], &format!("{{{}}}", members.join(",")), None),
        "malformed: the claims set has an object of 1025 members, over the limit of 1024 that verify accepts",
    );
    let big = format!(r#"{{"exp":4102444800,"pad":"{}"}}"#, "x".repeat(70_000));
    signed_with_warning(
        &encode_with(&[], "-", Some(big.as_bytes())),
        "too_large: the token would be 93451 bytes, over the limit of 65536 that verify accepts",
    );
}

#[test]
fn encode_writes_nothing_on_standard_error_for_a_token_verify_accepts() {
    let runs = [
        encode_with(&[], r#"{"sub":"alice","exp":4102444800}"#, None),
        encode_with(
            &["--header", r#"{"kid":"k1","crit":["b64"],"b64":false}"#],
            r#"{"exp":4102444800}"#,
            None,
        ),
        encode_with(
            &["--now", "1700000000", "--iat", "--exp", "+15m"],
            "{}",
            None,
        ),
        encode_with(&["--exp", "+1h"], "-", Some(br#"{"sub":"alice"}"#)),
    ];
    for r in &runs {
        assert_eq!((r.code, r.stderr.as_str()), (0, ""), "{}", r.stdout);
        assert_eq!(r.stdout.matches('\n').count(), 1);
        assert_eq!(r.stdout.trim_end().split('.').count(), 3);
    }
    let verified = run(&verify_args(&[runs[0].stdout.trim_end()]), None);
    assert_eq!(
        (
            verified.code,
            verified.stdout.as_str(),
            verified.stderr.as_str()
        ),
        (0, "{\"sub\":\"alice\",\"exp\":4102444800}\n", "")
    );
}

#[test]
fn encode_warns_only_once_the_token_is_made() {
    // A public key cannot sign: exit 1 with the key's error, and no warning
    // about the claims of a token that was never made.
    let spki = concat!(env!("CARGO_MANIFEST_DIR"), "/vectors/keys/ec-p256-spki.pem");
    rejected_with(
        &run(
            &[
                "encode",
                "--alg",
                "ES256",
                "--pem-file",
                spki,
                r#"{"exp":"tomorrow"}"#,
            ],
            None,
        ),
        "barejwt: invalid_key: the key is a public key; encode --alg ES256 needs the private key",
    );
    // Non-string kid, typ, cty stay usage errors, as does --unchecked,
    // which is no flag.
    usage_with(
        &encode_with(&["--header", r#"{"kid":5}"#], "{}", None),
        r#"barejwt: usage: --header: header field "kid" must be a string, not a number"#,
        "encode",
    );
    usage_with(
        &encode_with(&["--unchecked"], r#"{"exp":"tomorrow"}"#, None),
        "barejwt: usage: unknown flag --unchecked for `encode`",
        "encode",
    );
}
