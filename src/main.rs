//! `barejwt`, the command line tool: `encode`, `decode`, `verify`,
//! `keygen`, `pubkey` (the reference in `docs/cli.md`), and `demo`.
//!
//! A thin shell over the library: this file reads arguments, hands them to
//! [`barejwt::verify`], [`barejwt::sign_with_header`] (and
//! [`barejwt::dangerous::sign_unchecked`] for what it refuses) and
//! [`barejwt::dangerous::decode_unverified`], and turns their results into
//! output and exit codes:
//!
//! | exit | meaning | standard output | standard error |
//! | --- | --- | --- | --- |
//! | 0 | done; `verify`: the token is valid | the result | (`decode`: a notice; `encode`: a warning when `verify` would refuse the token) |
//! | 1 | the token was rejected or could not be decoded | empty | `barejwt: KIND: reason` |
//! | 2 | usage error: bad flags, unreadable key, bad JSON on the command line | empty | `barejwt: usage: ...` and a hint |
//!
//! The modules under `src/cli/` belong to the tool, not to the library.
#![deny(unsafe_code)]
#![cfg_attr(
    not(test),
    warn(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

mod cli;

use barejwt::json::{self, Object, Value};
use barejwt::{Algorithm, AsymmetricKey, Error, ErrorKind, HeaderFields, Validation};
use cli::args::{self, repeated, switch, value, FlagSpec, Usage};
use cli::input::TokenInput;
use cli::keys::{CliKeys, KeySource, Loaded};
use cli::{help, hints, random};
use std::ffi::OsString;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;

/// Why a command did not finish with exit 0.
enum Failure {
    /// The token (or, for `encode`, the key) was refused: exit 1.
    Rejected(Error),
    /// A usage error: exit 2.
    Usage(Usage),
    /// The system failed us (random source, standard input or output):
    /// exit 2, since exit 1 means a judged token.
    System(String),
}

impl From<Usage> for Failure {
    fn from(usage: Usage) -> Failure {
        Failure::Usage(usage)
    }
}

/// The key flags of `encode` and `verify`.
const KEY_SPECS: [FlagSpec; 7] = [
    value("key-file"),
    value("key-env"),
    value("key-b64"),
    value("pem-file"),
    value("jwk-file"),
    value("jwks-file"),
    switch("allow-short-key"),
];

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let code = match run(&args) {
        Ok(()) => 0,
        Err(Failure::Rejected(e)) => {
            stderr_line(&format!("barejwt: {e}"));
            1
        }
        Err(Failure::Usage(u)) => {
            stderr_line(&u.to_string());
            let hint = match u.command {
                Some(command) => format!("Try `barejwt {command} --help`."),
                None => "Try `barejwt --help`.".to_string(),
            };
            stderr_line(&hint);
            2
        }
        Err(Failure::System(message)) => {
            stderr_line(&format!("barejwt: {message}"));
            2
        }
    };
    ExitCode::from(code)
}

/// Writes one line to standard error, as one line whatever the text holds.
fn stderr_line(text: &str) {
    let flat: String = text
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    // Nothing useful is left to do if standard error itself fails.
    let _ = writeln!(io::stderr().lock(), "{flat}");
}

/// Writes `text` to standard output.
fn stdout(text: &str) -> Result<(), Failure> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| Failure::System(format!("cannot write to standard output: {e}")))
}

fn run(args: &[OsString]) -> Result<(), Failure> {
    let Some((first, rest)) = args.split_first() else {
        return Err(Usage::new(
            None,
            "a command is needed: encode, decode, verify, keygen, pubkey or demo",
        )
        .into());
    };
    match first.to_str() {
        Some("-h" | "--help") => stdout(help::GLOBAL),
        Some("-V" | "--version") => stdout(&format!("barejwt {}\n", env!("CARGO_PKG_VERSION"))),
        Some("help") => match rest {
            [] => stdout(help::GLOBAL),
            [command] => match command.to_str().and_then(help::of) {
                Some(text) => stdout(text),
                None => Err(unknown_command(command).into()),
            },
            [_, extra, ..] => Err(Usage::new(
                None,
                format!(
                    "`help` takes one command name; unexpected {}",
                    args::show(&extra.to_string_lossy())
                ),
            )
            .into()),
        },
        Some(command) if args::wants_help(rest) => match help::of(command) {
            Some(text) => stdout(text),
            None => Err(unknown_command(first).into()),
        },
        Some("encode") => encode(rest),
        Some("decode") => decode(rest),
        Some("verify") => verify(rest),
        Some("keygen") => keygen(rest),
        Some("pubkey") => pubkey(rest),
        Some("demo") => demo(rest),
        _ => Err(unknown_command(first).into()),
    }
}

fn unknown_command(name: &OsString) -> Usage {
    Usage::new(
        None,
        format!(
            "unknown command {}: use encode, decode, verify, keygen, pubkey or demo",
            args::show(&name.to_string_lossy())
        ),
    )
}

/// The token from the TOKEN argument (or standard input).
fn read_token(arg: &std::ffi::OsStr) -> Result<Vec<u8>, Failure> {
    match cli::input::token(arg) {
        Ok(TokenInput::Bytes(bytes)) => Ok(bytes),
        Ok(TokenInput::TooLarge(e)) => Err(Failure::Rejected(e)),
        Err(e) => Err(Failure::System(format!(
            "cannot read the token from standard input: {e}"
        ))),
    }
}

/// The TOKEN argument; when it is missing and standard input holds data,
/// the message says to give `-`.
fn token_positional<'a>(
    command: &'static str,
    parsed: &'a args::Parsed,
) -> Result<&'a std::ffi::OsStr, Usage> {
    parsed
        .one_positional(command, "TOKEN")
        .map_err(|u| hints::for_missing_positional(u, "TOKEN", hints::stdin_has_input()))
}

/// Parses JSON given on the command line (`what` names it): strict RFC
/// 8259 as in tokens, and it must be an object.
fn json_object(command: &'static str, what: &str, text: &[u8]) -> Result<Object, Usage> {
    match json::parse(text) {
        Ok(Value::Object(object)) => Ok(object),
        Ok(other) => Err(Usage::new(
            Some(command),
            format!(
                "{what} must be a JSON object, not {}",
                other.type_name_with_article()
            ),
        )),
        Err(e) => Err(Usage::new(
            Some(command),
            format!("{what} is not valid JSON: {e}"),
        )),
    }
}

/// The bytes of an argument (JSON text is judged by the JSON parser,
/// invalid UTF-8 included).
#[cfg(unix)]
fn arg_bytes(arg: &std::ffi::OsStr) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    arg.as_bytes().to_vec()
}

#[cfg(not(unix))]
fn arg_bytes(arg: &std::ffi::OsStr) -> Vec<u8> {
    arg.to_string_lossy().into_owned().into_bytes()
}

/// `barejwt encode --alg ALG KEY [--header JSON_OBJECT] CLAIMS_JSON`
fn encode(args: &[OsString]) -> Result<(), Failure> {
    const CMD: &str = "encode";
    let mut specs = KEY_SPECS.to_vec();
    specs.extend([
        value("alg"),
        value("header"),
        switch("iat"),
        value("nbf"),
        value("exp"),
        value("now"),
    ]);
    let parsed = args::parse(CMD, args, &specs)?;
    let claims_arg = parsed
        .one_positional(CMD, "CLAIMS_JSON")
        .map_err(|u| hints::for_missing_positional(u, "CLAIMS_JSON", hints::stdin_has_input()))?;

    let alg = match parsed.text(CMD, "alg")? {
        None => {
            return Err(Usage::new(
                Some(CMD),
                "--alg is required (HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, ES256K, EdDSA or Ed25519)",
            )
            .into())
        }
        Some(list) => match args::algorithms(CMD, list)?.as_slice() {
            [one] => *one,
            several => {
                return Err(Usage::new(
                    Some(CMD),
                    format!(
                        "encode signs with one algorithm; --alg names {}",
                        several.len()
                    ),
                )
                .into())
            }
        },
    };
    let mut header = HeaderFields::new();
    if let Some(raw) = parsed.raw("header") {
        let fields = json_object(CMD, "--header", &arg_bytes(raw))?;
        if fields.contains_key("alg") {
            return Err(Usage::new(
                Some(CMD),
                "--header may not contain \"alg\": it comes from --alg",
            )
            .into());
        }
        header = header.extend(&fields);
        header
            .check()
            .map_err(|e| Usage::new(Some(CMD), format!("--header: {}", e.reason())))?;
    }
    let claims_text = if claims_arg == "-" {
        read_claims_stdin()?
    } else {
        arg_bytes(claims_arg)
    };
    let mut claims = json_object(CMD, "CLAIMS_JSON", &claims_text)?;
    cli::claim_times::add_time_claims(CMD, &parsed, &mut claims)?;

    let allow_short = parsed.has("allow-short-key");
    let loaded = KeySource::from_flags(CMD, &parsed)?.load(CMD, allow_short)?;
    let kid = header.as_object().get("kid").and_then(Value::as_str);
    let key = cli::keys::signing_key(&loaded, alg, kid, allow_short).map_err(Failure::Rejected)?;
    // What `sign` refuses in the header or claims (a token `verify` would
    // refuse: `exp` a string, a malformed `crit`, ...) is signed anyway,
    // with one warning line: the contract lets CLAIMS_JSON be any JSON
    // object, and tokens that verifiers must refuse are what testers make.
    // The key's errors are exit 1, as the contract says.
    let (token, refused) = match barejwt::sign_with_header(&key, &header, &claims) {
        Ok(token) => (token, None),
        Err(e) if is_key_error(&e) => return Err(Failure::Rejected(e)),
        Err(refused) => (
            barejwt::dangerous::sign_unchecked(&key, &header, &claims)
                .map_err(Failure::Rejected)?,
            Some(refused),
        ),
    };
    // The warning before the token: in `encode ... | verify -` it then
    // comes before anything `verify` writes.
    if let Some(e) = refused {
        stderr_line(&format!(
            "barejwt: warning: verify would refuse this token ({e})"
        ));
    }
    stdout(&format!("{token}\n"))
}

/// Whether a signing error is about the key (unusable, or not fitting
/// `--alg`): exit 1 for `encode`. Any other error of `sign` is about the
/// header or claims given.
fn is_key_error(e: &Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::InvalidKey | ErrorKind::AlgorithmNotAllowed
    )
}

/// The most CLAIMS_JSON read from standard input: far above the 65,536
/// bytes of a token `verify` accepts (a longer one is signed, with the
/// warning), and a bound on what is read.
const MAX_CLAIMS_STDIN: u64 = 1 << 20;

/// CLAIMS_JSON from standard input (`encode ... -`), bounded.
fn read_claims_stdin() -> Result<Vec<u8>, Failure> {
    use std::io::Read;
    let mut text = Vec::new();
    io::stdin()
        .lock()
        .take(MAX_CLAIMS_STDIN + 1)
        .read_to_end(&mut text)
        .map_err(|e| {
            Failure::System(format!("cannot read CLAIMS_JSON from standard input: {e}"))
        })?;
    if text.len() as u64 > MAX_CLAIMS_STDIN {
        return Err(Usage::new(
            Some("encode"),
            format!("CLAIMS_JSON on standard input is over {MAX_CLAIMS_STDIN} bytes"),
        )
        .into());
    }
    Ok(text)
}

/// `barejwt decode [--times] TOKEN`
fn decode(args: &[OsString]) -> Result<(), Failure> {
    const CMD: &str = "decode";
    let parsed = args::parse(CMD, args, &[switch("times")])?;
    let token_arg = token_positional(CMD, &parsed)?;
    let token = read_token(token_arg)?;
    let unverified = barejwt::dangerous::decode_unverified(&token)
        .map_err(|e| Failure::Rejected(hints::for_token(e, token_arg, &token)))?;

    let mut both = Object::new();
    both.insert("header", Value::Object(unverified.header().clone()));
    both.insert("claims", Value::Object(unverified.claims().clone()));
    stdout(&format!("{}\n", Value::Object(both).to_json()))?;

    stderr_line("barejwt: note: the signature was NOT checked; decode only reads the token (`barejwt verify` checks it)");
    if parsed.has("times") || io::stderr().is_terminal() {
        for name in ["exp", "nbf", "iat"] {
            if let Some(value) = unverified.claims().get(name) {
                // The JSON text escapes control characters; cut it short.
                let text = value.to_json();
                let shown: String = text.chars().take(64).collect();
                let more = if shown.len() < text.len() { "..." } else { "" };
                stderr_line(&format!(
                    "barejwt: {name} {shown}{more} = {}",
                    cli::time::describe(value)
                ));
            }
        }
    }
    Ok(())
}

/// `barejwt verify --alg ALG[,ALG...] KEY [OPTIONS] TOKEN`
fn verify(args: &[OsString]) -> Result<(), Failure> {
    const CMD: &str = "verify";
    let mut specs = KEY_SPECS.to_vec();
    specs.extend([
        repeated("alg"),
        value("iss"),
        repeated("aud"),
        value("sub"),
        value("typ"),
        repeated("require"),
        value("leeway"),
        value("max-age"),
        switch("allow-missing-exp"),
        value("now"),
    ]);
    let parsed = args::parse(CMD, args, &specs)?;
    let token_arg = token_positional(CMD, &parsed)?;

    let mut algorithms: Vec<Algorithm> = Vec::new();
    for list in parsed.texts(CMD, "alg")? {
        for alg in args::algorithms(CMD, list)? {
            if !algorithms.contains(&alg) {
                algorithms.push(alg);
            }
        }
    }
    if algorithms.is_empty() {
        return Err(Usage::new(
            Some(CMD),
            "--alg is required: name the algorithms to accept (e.g. --alg HS256); the token never chooses",
        )
        .into());
    }
    let mut validation = Validation::new(&algorithms);
    if let Some(iss) = parsed.text(CMD, "iss")? {
        validation = validation.issuer(iss);
    }
    for aud in parsed.texts(CMD, "aud")? {
        validation = validation.audience(aud);
    }
    if let Some(sub) = parsed.text(CMD, "sub")? {
        validation = validation.subject(sub);
    }
    if let Some(typ) = parsed.text(CMD, "typ")? {
        validation = validation.typ(typ);
    }
    for list in parsed.texts(CMD, "require")? {
        for claim in list.split(',') {
            if claim.is_empty() {
                return Err(Usage::new(
                    Some(CMD),
                    format!("--require has an empty claim name in {}", args::show(list)),
                )
                .into());
            }
            validation = validation.require(claim);
        }
    }
    if let Some(text) = parsed.text(CMD, "leeway")? {
        validation = validation.leeway_secs(args::number(CMD, "leeway", text, "seconds")?);
    }
    if let Some(text) = parsed.text(CMD, "max-age")? {
        validation = validation.max_age_secs(args::number(CMD, "max-age", text, "seconds")?);
    }
    if let Some(text) = parsed.text(CMD, "now")? {
        validation = validation.now(args::number(CMD, "now", text, "seconds since 1970")?);
    }
    if parsed.has("allow-missing-exp") {
        validation = validation.allow_missing_exp();
    }

    // Usage errors (the key source included) come before the token is read.
    let allow_short = parsed.has("allow-short-key");
    let loaded: Loaded = KeySource::from_flags(CMD, &parsed)?.load(CMD, allow_short)?;
    let key_file_ends_in_newline =
        parsed.has("key-file") && matches!(&loaded, Loaded::Secret(s) if s.ends_with(b"\n"));
    let keys = CliKeys::for_verify(loaded, &algorithms, allow_short);
    let token = read_token(token_arg)?;

    let verified = barejwt::verify(&token, &keys, &validation).map_err(|e| {
        let e = hints::for_token(e, token_arg, &token);
        Failure::Rejected(hints::for_key_file(e, key_file_ends_in_newline))
    })?;
    stdout(&format!("{}\n", verified.claims().to_json()))
}

/// `barejwt keygen [--alg HS256|HS384|HS512]`
fn keygen(args: &[OsString]) -> Result<(), Failure> {
    const CMD: &str = "keygen";
    let parsed = args::parse(
        CMD,
        args,
        &[value("alg"), value("bits"), switch("jwk"), value("kid")],
    )?;
    parsed.no_positionals(CMD)?;
    let alg = match parsed.text(CMD, "alg")? {
        None => Algorithm::Hs256,
        Some(list) => match args::algorithms(CMD, list)?.as_slice() {
            [one] => *one,
            _ => {
                return Err(Usage::new(
                    Some(CMD),
                    format!(
                        "keygen makes one key: --alg names one algorithm, not {}",
                        args::show(list)
                    ),
                )
                .into())
            }
        },
    };
    if parsed.has("bits") && !alg.is_rsa() {
        return Err(Usage::new(
            Some(CMD),
            format!("--bits is for RSA keys (RS256 ... PS512), not {alg}"),
        )
        .into());
    }
    let jwk = parsed.has("jwk");
    let kid = parsed.text(CMD, "kid")?;
    if kid.is_some() && !jwk {
        return Err(Usage::new(Some(CMD), "--kid goes with --jwk (a PEM key has no kid)").into());
    }
    let random_failure = |e: String| {
        Failure::System(format!(
            "cannot read random bytes from {}: {e}",
            random::SOURCE
        ))
    };
    if alg.is_hmac() {
        let len = alg.hmac_output_len().unwrap_or(64);
        let secret = random::bytes(len).map_err(|e| random_failure(e.to_string()))?;
        return if jwk {
            stdout(&format!(
                "{}\n",
                barejwt::jwk::oct_jwk_json(alg, &secret, kid)
            ))
        } else {
            stdout(&format!("{}\n", barejwt::base64url::encode_secret(&secret)))
        };
    }
    let key = if alg.is_rsa() {
        let bits = match parsed.text(CMD, "bits")? {
            None => 2048,
            Some("2048") => 2048,
            Some("3072") => 3072,
            Some("4096") => 4096,
            Some(other) => {
                return Err(Usage::new(
                    Some(CMD),
                    format!("--bits is 2048, 3072 or 4096, not {}", args::show(other)),
                )
                .into())
            }
        };
        AsymmetricKey::generate_rsa(bits, &mut barejwt::crypto::rand::OsRandom)
    } else {
        AsymmetricKey::generate(alg, &mut barejwt::crypto::rand::OsRandom)
    }
    .map_err(|e| random_failure(e.reason().to_string()))?;
    if !jwk {
        let pem = key.private_key_pem().map_err(Failure::Rejected)?;
        return stdout(&pem);
    }
    let mut object = key.private_jwk().map_err(Failure::Rejected)?;
    object.insert("alg", Value::String(alg.as_str().to_string()));
    if let Some(kid) = kid {
        object.insert("kid", Value::String(kid.to_string()));
    }
    stdout(&format!("{}\n", Value::Object(object).to_json()))
}

/// `barejwt pubkey KEY [--jwk | --jwks]`
fn pubkey(args: &[OsString]) -> Result<(), Failure> {
    const CMD: &str = "pubkey";
    let parsed = args::parse(
        CMD,
        args,
        &[
            value("key-file"),
            value("key-env"),
            value("key-b64"),
            value("pem-file"),
            value("jwk-file"),
            value("jwks-file"),
            switch("jwk"),
            switch("jwks"),
        ],
    )?;
    parsed.no_positionals(CMD)?;
    if parsed.has("jwk") && parsed.has("jwks") {
        return Err(Usage::new(Some(CMD), "give --jwk or --jwks, not both").into());
    }
    let source = KeySource::from_flags(CMD, &parsed)?;
    let no_public_half = |what: &str| {
        Failure::Usage(Usage::new(
            Some(CMD),
            format!("{what} has no public half: pubkey takes a public or private key in --pem-file or --jwk-file"),
        ))
    };
    let (key, source_jwk) = match source.load(CMD, false)? {
        Loaded::Secret(_) => return Err(no_public_half("an HMAC secret")),
        Loaded::Set(_) => {
            return Err(Usage::new(
                Some(CMD),
                "pubkey takes one key (--pem-file or --jwk-file), not a key set",
            )
            .into())
        }
        Loaded::Pem(key) => (key.map_err(|u| Failure::Rejected(u.error))?, None),
        Loaded::Jwk(Err(e)) => return Err(Failure::Rejected(e)),
        Loaded::Jwk(Ok(jwk)) => match jwk.asymmetric_key() {
            Some(Ok(key)) => (key.clone(), Some(jwk)),
            Some(Err(e)) => return Err(Failure::Rejected(e)),
            None if jwk.kty() == "oct" => return Err(no_public_half("an oct JWK (a secret)")),
            None => {
                return Err(Usage::new(
                    Some(CMD),
                    format!(
                        "--jwk-file: a JWK of type {} is not a key this build reads",
                        args::show(jwk.kty())
                    ),
                )
                .into())
            }
        },
    };
    if !(parsed.has("jwk") || parsed.has("jwks")) {
        return stdout(&key.public_key_pem());
    }
    let mut object = key.public_jwk();
    if let Some(jwk) = &source_jwk {
        // The contract: kid, alg and use are copied when the source JWK has
        // them; never a private member, nor key_ops.
        for (name, value) in [("kid", jwk.kid()), ("alg", jwk.alg()), ("use", jwk.use_())] {
            if let Some(value) = value {
                object.insert(name, Value::String(value.to_string()));
            }
        }
    }
    let one = Value::Object(object).to_json();
    if parsed.has("jwks") {
        stdout(&format!("{{\"keys\":[{one}]}}\n"))
    } else {
        stdout(&format!("{one}\n"))
    }
}

/// `barejwt demo`
fn demo(args: &[OsString]) -> Result<(), Failure> {
    const CMD: &str = "demo";
    let parsed = args::parse(CMD, args, &[])?;
    parsed.no_positionals(CMD)?;
    let random = random::bytes(32 + 12).map_err(|e| {
        Failure::System(format!(
            "cannot read random bytes from {}: {e}",
            random::SOURCE
        ))
    })?;
    let (secret, jti) = random.split_at(32);
    let now = barejwt::Clock::System.now();
    match cli::demo::run(secret, &barejwt::base64url::encode(jti), now) {
        Ok(text) => stdout(&text),
        Err(why) => Err(Failure::System(format!("demo: {why}"))),
    }
}
