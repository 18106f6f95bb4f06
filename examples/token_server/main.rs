//! token_server: a small HTTP/1.1 service that issues and checks JWTs with
//! barejwt, on `std::net` alone. A model for wiring barejwt into a service,
//! not a production server (put one behind a real HTTP stack).
//!
//! ```text
//! cargo run --release --example token_server -- --listen 127.0.0.1:8080
//!
//! POST /login      {"username":"alice","password":"alice-demo-password"}
//!                  -> 200 {"access_token":"eyJ..","token_type":"Bearer","expires_in":900}
//! GET  /protected  Authorization: Bearer eyJ..   (RFC 6750 §2.1)
//!                  -> 200 with the verified claims as JSON
//! GET  /.well-known/jwks.json
//!                  -> 200 the public keys, a JWK Set (RFC 7517 §5)
//! POST /rotate     (loopback only) -> 200 {"kid":"..","retired_kid":"..",..}
//! GET  /health     -> 200 ok
//! ```
//!
//! Files: `http.rs` (reading requests under limits, writing responses),
//! `routes.rs` (the endpoints), `keyring.rs` (the signing keys and their
//! rotation), `bearer.rs` (RFC 6750), `users.rs` (password hashes),
//! `pbkdf2.rs` (RFC 8018 §5.2), `urandom.rs`, `pool.rs` (the worker
//! threads). `http.rs`, `pool.rs` and `bearer.rs` are shared with
//! `examples/api_server`.
//!
//! # Tokens
//!
//! By default EdDSA (RFC 8037) under an Ed25519 private key; `--alg ES256`
//! or `--alg RS256` (or another public-key algorithm) picks another family.
//! The key comes from `--key-file` (a PKCS #8 PEM) or is generated at start
//! for this run only, which is said on stderr. Each token's header carries
//! `kid`, the key's RFC 7638 thumbprint; the public keys are published at
//! `/.well-known/jwks.json`, so that other services verify without being
//! able to sign. Keys rotate every `--rotate-every` seconds, or on `POST
//! /rotate`: the new key signs at once (it was published one rotation
//! ahead), the retired one stays published until every token it signed has
//! expired (`keyring.rs`).
//!
//! `--alg HS256` keeps the shared-secret mode: a secret from
//! `BAREJWT_SECRET` (base64url, at least 32 bytes), or a random one made at
//! start for this run only; no JWK Set, no rotation.
//!
//! Claims (RFC 7519 §4.1), built with `ClaimsBuilder` at the server's
//! clock: `iss`, `sub`, `aud`, `iat`, `exp`, a random `jti`, and a private
//! `grants` object declared with `typed_claims!` (routes.rs). `/protected`
//! verifies with
//! `Validation::new(&[alg]).issuer(ISSUER).audience(AUDIENCE)`: the
//! algorithm is fixed by the server, never read from the token.
//!
//! # Limits (see `http.rs` and `pool.rs`)
//!
//! 4 worker threads fed by a queue of 16 connections; beyond that, 503 at
//! once. One request per connection (`Connection: close`). Request line
//! 8 KiB, header fields 16 KiB and 64 lines, body 16 KiB with
//! `Content-Length` (no chunked bodies), 5 s per read or write, 10 s for a
//! whole request. A slow client therefore holds one worker for at most
//! about 10 s, and the server never holds more than 4 requests' buffers.
//! At most 16 keys are published at once (`keyring::MAX_PUBLISHED`).
#![cfg_attr(
    not(test),
    warn(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

mod bearer;
mod http;
mod keyring;
mod pbkdf2;
mod pool;
mod routes;
mod urandom;
mod users;

use barejwt::{Algorithm, AsymmetricKey, Key, Validation};
use keyring::{KeyRing, Rotated, MAX_PUBLISHED};
use std::net::SocketAddr;
use std::num::NonZeroU32;
use std::process::ExitCode;
use std::sync::Arc;
use std::thread;
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use users::{Users, DEMO_USERS};

/// `iss` of every token, and the issuer `/protected` requires.
pub const ISSUER: &str = "https://auth.barejwt.example";
/// `aud` of every token, and the audience `/protected` requires.
pub const AUDIENCE: &str = "https://api.barejwt.example";
/// The environment variable holding the HMAC secret, base64url.
const SECRET_VAR: &str = "BAREJWT_SECRET";
/// RFC 7518 §3.2: an HS256 key "of the same size as the hash output (for
/// instance, 256 bits for "HS256") or larger MUST be used".
const MIN_SECRET_LEN: usize = 32;
const DEFAULT_LISTEN: &str = "127.0.0.1:8080";
/// Default token lifetime: 15 minutes.
const DEFAULT_TTL_SECS: u64 = 900;
/// The default signing algorithm: EdDSA over Ed25519 (RFC 8037), small
/// keys and signatures, fast, deterministic.
const DEFAULT_ALG: Algorithm = Algorithm::EdDsa;
/// How long verifiers may cache the JWK Set by default: 5 minutes. A
/// verifier meeting an unknown `kid` refetches anyway.
const DEFAULT_JWKS_MAX_AGE_SECS: u64 = 300;
const MAX_JWKS_MAX_AGE_SECS: u64 = 86_400;
/// How often the timer thread looks at the rotation schedule.
const TICK: Duration = Duration::from_millis(200);
/// The longest lifetime accepted: 24 hours. A larger `--ttl` is refused at
/// start rather than silently shortened.
const MAX_TTL_SECS: u64 = 86_400;
/// Default PBKDF2 iteration count (OWASP suggests 600,000 for
/// PBKDF2-HMAC-SHA256 in 2023; lower here so that a debug build starts fast).
const DEFAULT_ITERATIONS: u32 = 100_000;
const MAX_ITERATIONS: u32 = 10_000_000;

/// Settings from the command line.
#[derive(Debug)]
struct Config {
    listen: SocketAddr,
    ttl_secs: u64,
    iterations: NonZeroU32,
    now_offset_secs: i64,
    alg: Algorithm,
    key_file: Option<String>,
    rotate_every_secs: Option<u64>,
    jwks_max_age_secs: u64,
}

/// How tokens are signed.
pub enum Signing {
    /// HS256 under a shared secret.
    Secret(Key),
    /// A private key that rotates; the public keys are published.
    Ring(KeyRing),
}

/// Everything a request handler reads; shared by all workers. Only the
/// key ring changes, behind its own lock.
pub struct App {
    pub signing: Signing,
    pub users: Users,
    pub ttl_secs: u64,
    /// Added to the system clock for issuing and verifying (tests).
    pub now_offset_secs: i64,
    /// The verification rules, with the clock set per request.
    pub validation: Validation,
    /// `Cache-Control: max-age` of the JWK Set.
    pub jwks_max_age_secs: u64,
}

impl App {
    /// The server's idea of now, in seconds since the Unix epoch.
    pub fn now(&self) -> u64 {
        App::clock(self.now_offset_secs)
    }

    /// The system clock shifted by `offset_secs`.
    fn clock(offset_secs: i64) -> u64 {
        let system = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        system.saturating_add_signed(offset_secs)
    }
}

fn usage() -> String {
    let users: Vec<String> = DEMO_USERS
        .iter()
        .map(|(name, password, room)| format!("  {name:<6} password {password:<22} room {room}"))
        .collect();
    format!(
        "usage: token_server [--listen ADDR:PORT] [--alg ALG] [--key-file PEM]
                    [--rotate-every SECONDS] [--jwks-max-age SECONDS]
                    [--ttl SECONDS] [--iterations N] [--now-offset SECONDS]

  --listen ADDR:PORT    where to listen (default {DEFAULT_LISTEN}; port 0 picks a free
                        port). The first line on stdout is `listening on ADDR:PORT`.
  --alg ALG             the signing algorithm (default {DEFAULT_ALG}): EdDSA, ES256,
                        RS256 or another public-key one, with keys published at
                        /.well-known/jwks.json; or HS256, a shared secret
  --key-file PEM        the first private key (PKCS #8 PEM, fitting --alg); without
                        it a key is generated for this run only. Keys made by a
                        rotation are always generated, and never written anywhere.
  --rotate-every SECONDS  rotate the signing key on this schedule (default: only
                        on POST /rotate); at most {MAX_PUBLISHED} keys are published
                        (current, next, retired), so --ttl may be at most {} times this
  --jwks-max-age SECONDS  Cache-Control max-age of the JWK Set, 0..={MAX_JWKS_MAX_AGE_SECS}
                        (default {DEFAULT_JWKS_MAX_AGE_SECS})
  --ttl SECONDS         token lifetime, 1..={MAX_TTL_SECS} (default {DEFAULT_TTL_SECS})
  --iterations N        PBKDF2 iterations for the demo users' hashes, 1..={MAX_ITERATIONS}
                        (default {DEFAULT_ITERATIONS}; lower only for tests)
  --now-offset SECONDS  shift the server's clock by SECONDS (may be negative), for
                        issuing and verifying alike: a test can mint a token that is
                        already expired, or check one later, without sleeping

Environment: {SECRET_VAR} = the HS256 secret (with --alg HS256 only), base64url
without padding, at least {MIN_SECRET_LEN} bytes once decoded. Unset: a random secret is
made for this run only.

Demo users (hashed with PBKDF2-HMAC-SHA256 at start; demo passwords, not secrets):
{}",
        MAX_PUBLISHED - 2,
        users.join("\n")
    )
}

/// Parses the command line; `Err` holds the message for stderr.
fn parse_args(args: impl Iterator<Item = String>) -> Result<Option<Config>, String> {
    let mut config = Config {
        listen: DEFAULT_LISTEN
            .parse()
            .map_err(|_| "bad built-in address".to_string())?,
        ttl_secs: DEFAULT_TTL_SECS,
        iterations: NonZeroU32::new(DEFAULT_ITERATIONS).unwrap_or(NonZeroU32::MIN),
        now_offset_secs: 0,
        alg: DEFAULT_ALG,
        key_file: None,
        rotate_every_secs: None,
        jwks_max_age_secs: DEFAULT_JWKS_MAX_AGE_SECS,
    };
    let mut args = args;
    while let Some(flag) = args.next() {
        if flag == "--help" || flag == "-h" {
            return Ok(None);
        }
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--listen" => {
                config.listen = value
                    .parse()
                    .map_err(|_| format!("--listen wants ADDR:PORT, not {value:?}"))?;
            }
            "--ttl" => {
                config.ttl_secs = value
                    .parse()
                    .ok()
                    .filter(|ttl| (1..=MAX_TTL_SECS).contains(ttl))
                    .ok_or_else(|| {
                        format!("--ttl must be 1..={MAX_TTL_SECS} seconds (24 h at most), not {value:?}")
                    })?;
            }
            "--iterations" => {
                config.iterations = value
                    .parse()
                    .ok()
                    .filter(|n: &NonZeroU32| n.get() <= MAX_ITERATIONS)
                    .ok_or_else(|| {
                        format!("--iterations must be 1..={MAX_ITERATIONS}, not {value:?}")
                    })?;
            }
            "--now-offset" => {
                config.now_offset_secs = value
                    .parse()
                    .map_err(|_| format!("--now-offset wants signed seconds, not {value:?}"))?;
            }
            "--alg" => {
                config.alg = Algorithm::from_name(&value)
                    .filter(|alg| !alg.is_hmac() || *alg == Algorithm::Hs256)
                    .ok_or_else(|| {
                        format!("--alg wants EdDSA, ES256, RS256 (or another public-key algorithm) or HS256, not {value:?}")
                    })?;
            }
            "--key-file" => config.key_file = Some(value),
            "--rotate-every" => {
                config.rotate_every_secs = Some(
                    value
                        .parse()
                        .ok()
                        .filter(|secs| (1..=MAX_TTL_SECS).contains(secs))
                        .ok_or_else(|| {
                            format!(
                                "--rotate-every must be 1..={MAX_TTL_SECS} seconds, not {value:?}"
                            )
                        })?,
                );
            }
            "--jwks-max-age" => {
                config.jwks_max_age_secs = value
                    .parse()
                    .ok()
                    .filter(|secs| *secs <= MAX_JWKS_MAX_AGE_SECS)
                    .ok_or_else(|| {
                        format!("--jwks-max-age must be 0..={MAX_JWKS_MAX_AGE_SECS} seconds, not {value:?}")
                    })?;
            }
            _ => return Err(format!("unknown option {flag:?}")),
        }
    }
    if config.alg == Algorithm::Hs256 {
        if config.key_file.is_some() || config.rotate_every_secs.is_some() {
            return Err(
                "--key-file and --rotate-every are for public-key algorithms; HS256 uses BAREJWT_SECRET"
                    .into(),
            );
        }
    } else if std::env::var_os(SECRET_VAR).is_some() {
        // Refused rather than ignored: whoever set it expects HS256.
        return Err(format!(
            "{SECRET_VAR} is set, but --alg {} signs with a private key; give --alg HS256 to use the secret, or unset it",
            config.alg
        ));
    }
    if let Some(every) = config.rotate_every_secs {
        // Each key retired stays published for up to one token lifetime.
        let at_once = config.ttl_secs.div_ceil(every).saturating_add(2);
        if at_once > MAX_PUBLISHED as u64 {
            return Err(format!(
                "--rotate-every {every} with --ttl {} would publish up to {at_once} keys at once; at most {MAX_PUBLISHED}",
                config.ttl_secs
            ));
        }
    }
    Ok(Some(config))
}

/// The first signing key: from `--key-file`, or generated and announced.
fn load_private_key(config: &Config) -> Result<AsymmetricKey, String> {
    let Some(path) = &config.key_file else {
        let key = KeyRing::generate(config.alg)?;
        eprintln!(
            "token_server: no --key-file; generated a private key for {} for this run only \
             (kid {}; it is never written out, and its tokens die with the process)",
            config.alg,
            key.thumbprint()
        );
        return Ok(key);
    };
    let text = std::fs::read(path).map_err(|e| format!("cannot read --key-file {path}: {e}"))?;
    let key = AsymmetricKey::from_pem(&text).map_err(|e| format!("--key-file {path}: {e}"))?;
    if !key.is_private() {
        return Err(format!(
            "--key-file {path} holds a public key; signing needs the private key"
        ));
    }
    key.fits(config.alg)
        .map_err(|e| format!("--key-file {path} does not fit --alg {}: {e}", config.alg))?;
    eprintln!(
        "token_server: signing with the {} key of {path} (kid {})",
        config.alg,
        key.thumbprint()
    );
    Ok(key)
}

/// One line on stderr per rotation.
pub fn log_rotation(rotated: &Rotated) {
    let until = if rotated.retired_until == 0 {
        "it signed nothing, so it is dropped now".to_string()
    } else {
        format!(
            "it stays published until {} (its last token expires)",
            rotated.retired_until
        )
    };
    eprintln!(
        "token_server: rotated: kid {} signs from now on; kid {} is retired, {until}",
        rotated.new_kid, rotated.retired_kid
    );
}

/// The secret from `BAREJWT_SECRET`, or a random one announced on stderr.
fn load_secret() -> Result<Vec<u8>, String> {
    match std::env::var_os(SECRET_VAR) {
        Some(value) => {
            let text = value
                .to_str()
                .ok_or_else(|| format!("{SECRET_VAR} is not valid text"))?;
            let secret = barejwt::base64url::decode(text.as_bytes()).map_err(|e| {
                format!("{SECRET_VAR} is not base64url without padding (RFC 4648 §5): {e}")
            })?;
            if secret.len() < MIN_SECRET_LEN {
                return Err(format!(
                    "{SECRET_VAR} decodes to {} bytes; HS256 needs at least {MIN_SECRET_LEN} (RFC 7518 §3.2)",
                    secret.len()
                ));
            }
            Ok(secret)
        }
        None => {
            let secret = urandom::bytes::<MIN_SECRET_LEN>()
                .map_err(|e| format!("cannot read /dev/urandom for a secret: {e}"))?;
            eprintln!(
                "token_server: {SECRET_VAR} is not set; generated a secret for this run only \
                 (tokens die with the process): {}",
                barejwt::base64url::encode(&secret)
            );
            Ok(secret.to_vec())
        }
    }
}

fn main() -> ExitCode {
    let config = match parse_args(std::env::args().skip(1)) {
        Ok(Some(config)) => config,
        Ok(None) => {
            println!("{}", usage());
            return ExitCode::SUCCESS;
        }
        Err(problem) => {
            eprintln!("token_server: {problem}\n{}", usage());
            return ExitCode::from(2);
        }
    };
    match run(&config) {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("token_server: {problem}");
            ExitCode::FAILURE
        }
    }
}

/// Starts the service and serves until the process is killed.
fn run(config: &Config) -> Result<(), String> {
    let now = App::clock(config.now_offset_secs);
    let signing = if config.alg == Algorithm::Hs256 {
        let secret = load_secret()?;
        Signing::Secret(Key::hs256(&secret).map_err(|e| format!("unusable secret: {e}"))?)
    } else {
        let first = load_private_key(config)?;
        Signing::Ring(KeyRing::new(
            config.alg,
            &first,
            config.rotate_every_secs,
            now,
        )?)
    };
    let users = Users::demo(config.iterations)
        .map_err(|e| format!("cannot read /dev/urandom for salts: {e}"))?;
    let app = Arc::new(App {
        signing,
        users,
        ttl_secs: config.ttl_secs,
        now_offset_secs: config.now_offset_secs,
        validation: Validation::new(&[config.alg])
            .issuer(ISSUER)
            .audience(AUDIENCE),
        jwks_max_age_secs: config.jwks_max_age_secs,
    });
    if matches!(app.signing, Signing::Ring(_)) {
        let app = Arc::clone(&app);
        thread::Builder::new()
            .name("key-rotation".into())
            .spawn(move || keep_time(&app))
            .map_err(|e| format!("cannot start the rotation thread: {e}"))?;
    }

    pool::serve(config.listen, "token_server", move |request, peer| {
        routes::route(request, &app, peer)
    })
}

/// The timer thread: rotates on schedule and drops expired keys, so the
/// published set changes even when nobody asks for it.
fn keep_time(app: &App) {
    let Signing::Ring(ring) = &app.signing else {
        return;
    };
    loop {
        thread::sleep(TICK);
        match ring.tick(app.now()) {
            Ok(Some(rotated)) => log_rotation(&rotated),
            Ok(None) => {}
            Err(why) => eprintln!("token_server: scheduled rotation failed: {why}"),
        }
    }
}
