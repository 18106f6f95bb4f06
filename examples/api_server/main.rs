//! api_server: a resource server that accepts only tokens the issuer
//! signed, verifying them with the issuer's public keys: it cannot mint a
//! token itself. On `std::net` alone; a model, not a production server.
//!
//! ```text
//! cargo run --release --example api_server -- --listen 127.0.0.1:8081 \
//!     --jwks-url http://127.0.0.1:8080/.well-known/jwks.json
//!
//! GET /protected  Authorization: Bearer eyJ..   (RFC 6750 §2.1)
//!                 -> 200 {"message":"hello from the API","claims":{..}}
//! GET /status     -> 200 the cached kids and the fetch counts
//! GET /health     -> 200 ok
//! ```
//!
//! Files: `fetch.rs` (a bounded `GET` of the JWK Set), `key_cache.rs`
//! (when to fetch again, what to keep when that fails), `routes.rs` (the
//! endpoints). From `examples/token_server`, with `#[path]`: `http.rs`
//! (reading requests under limits), `pool.rs` (the worker threads),
//! `bearer.rs` (RFC 6750).
//!
//! # Verification
//!
//! `Validation::new(--algs).issuer(--issuer).audience(--audience)`, with
//! the keys of the issuer's JWK Set: the token's `kid` picks the key, and
//! each published key serves only its own `alg`. HMAC algorithms are
//! refused at start: a shared secret cannot come from a public key set.
//!
//! # Limits
//!
//! Those of the token server for requests (`http.rs`, `pool.rs`); for the
//! key set: 64 KiB, 256 keys, one fetch deadline (`--fetch-timeout`), at
//! most one fetch per `--cooldown` (`key_cache.rs`).
#![cfg_attr(
    not(test),
    warn(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

#[path = "../token_server/bearer.rs"]
mod bearer;
mod fetch;
// Shared with the token server, which uses parts this server does not.
#[allow(dead_code)]
#[path = "../token_server/http.rs"]
mod http;
mod key_cache;
#[path = "../token_server/pool.rs"]
mod pool;
mod routes;

use barejwt::{Algorithm, Validation};
use key_cache::{KeyCache, Policy};
use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The token server's `iss` and `aud` (`examples/token_server/main.rs`).
const DEFAULT_ISSUER: &str = "https://auth.barejwt.example";
const DEFAULT_AUDIENCE: &str = "https://api.barejwt.example";
const DEFAULT_LISTEN: &str = "127.0.0.1:8081";
const DEFAULT_JWKS_URL: &str = "http://127.0.0.1:8080/.well-known/jwks.json";
/// The public-key algorithms the token server can sign with by default.
const DEFAULT_ALGS: [Algorithm; 3] = [Algorithm::EdDsa, Algorithm::Es256, Algorithm::Rs256];
const DEFAULT_COOLDOWN_SECS: u64 = 30;
const DEFAULT_FRESHNESS_SECS: u64 = 300;
const DEFAULT_FETCH_TIMEOUT_SECS: u64 = 5;
const MAX_FETCH_TIMEOUT_SECS: u64 = 60;

/// Settings from the command line.
#[derive(Debug)]
struct Config {
    listen: SocketAddr,
    jwks_url: fetch::Url,
    issuer: String,
    audience: String,
    algs: Vec<Algorithm>,
    policy: Policy,
    now_offset_secs: i64,
}

/// What every request handler reads, shared by all workers.
pub struct App {
    pub keys: KeyCache,
    pub jwks_url: String,
    pub validation: Validation,
    pub now_offset_secs: i64,
}

impl App {
    /// The server's idea of now, in seconds since the Unix epoch.
    pub fn now(&self) -> u64 {
        let system = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        system.saturating_add_signed(self.now_offset_secs)
    }
}

fn usage() -> String {
    let algs: Vec<&str> = DEFAULT_ALGS.iter().map(|a| a.as_str()).collect();
    format!(
        "usage: api_server [--listen ADDR:PORT] [--jwks-url URL] [--issuer ISS]
                  [--audience AUD] [--algs ALG,..] [--cooldown SECONDS]
                  [--default-max-age SECONDS] [--fetch-timeout SECONDS]
                  [--now-offset SECONDS]

  --listen ADDR:PORT         where to listen (default {DEFAULT_LISTEN}; port 0 picks a
                             free port). The first line on stdout is `listening on ADDR:PORT`.
  --jwks-url URL             the issuer's JWK Set, http:// only (default
                             {DEFAULT_JWKS_URL})
  --issuer ISS               the `iss` required (default {DEFAULT_ISSUER})
  --audience AUD             the `aud` required (default {DEFAULT_AUDIENCE})
  --algs ALG,..              the algorithms accepted (default {}); no HMAC
  --cooldown SECONDS         at most one fetch of the set per this time, 1..=3600
                             (default {DEFAULT_COOLDOWN_SECS})
  --default-max-age SECONDS  how long a set is fresh when the issuer sends no
                             Cache-Control max-age (default {DEFAULT_FRESHNESS_SECS})
  --fetch-timeout SECONDS    the deadline of one whole fetch, 1..={MAX_FETCH_TIMEOUT_SECS} (default
                             {DEFAULT_FETCH_TIMEOUT_SECS})
  --now-offset SECONDS       shift the clock tokens are judged by (tests)",
        algs.join(",")
    )
}

fn seconds(flag: &str, value: &str, range: std::ops::RangeInclusive<u64>) -> Result<u64, String> {
    value
        .parse()
        .ok()
        .filter(|secs| range.contains(secs))
        .ok_or_else(|| {
            format!(
                "{flag} must be {}..={} seconds, not {value:?}",
                range.start(),
                range.end()
            )
        })
}

/// Parses the command line; `Err` holds the message for stderr.
fn parse_args(args: impl Iterator<Item = String>) -> Result<Option<Config>, String> {
    let bad_default = |_| "bad built-in default".to_string();
    let mut config = Config {
        listen: DEFAULT_LISTEN.parse().map_err(bad_default)?,
        jwks_url: fetch::Url::parse(DEFAULT_JWKS_URL)?,
        issuer: DEFAULT_ISSUER.into(),
        audience: DEFAULT_AUDIENCE.into(),
        algs: DEFAULT_ALGS.to_vec(),
        policy: Policy {
            cooldown: Duration::from_secs(DEFAULT_COOLDOWN_SECS),
            default_freshness: Duration::from_secs(DEFAULT_FRESHNESS_SECS),
            fetch_timeout: Duration::from_secs(DEFAULT_FETCH_TIMEOUT_SECS),
        },
        now_offset_secs: 0,
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
            "--jwks-url" => {
                config.jwks_url =
                    fetch::Url::parse(&value).map_err(|e| format!("--jwks-url: {e}"))?;
            }
            "--issuer" => config.issuer = value,
            "--audience" => config.audience = value,
            "--algs" => {
                let mut algs = Vec::new();
                for name in value.split(',') {
                    let alg = Algorithm::from_name(name)
                        .filter(|a| a.is_supported())
                        .ok_or_else(|| format!("--algs: unknown algorithm {name:?}"))?;
                    if alg.is_hmac() {
                        return Err(format!(
                            "--algs: {alg} needs the issuer's shared secret; a JWK Set publishes public keys only"
                        ));
                    }
                    algs.push(alg);
                }
                config.algs = algs;
            }
            "--cooldown" => {
                config.policy.cooldown = Duration::from_secs(seconds(&flag, &value, 1..=3600)?);
            }
            "--default-max-age" => {
                config.policy.default_freshness =
                    Duration::from_secs(seconds(&flag, &value, 0..=86_400)?);
            }
            "--fetch-timeout" => {
                config.policy.fetch_timeout =
                    Duration::from_secs(seconds(&flag, &value, 1..=MAX_FETCH_TIMEOUT_SECS)?);
            }
            "--now-offset" => {
                config.now_offset_secs = value
                    .parse()
                    .map_err(|_| format!("--now-offset wants signed seconds, not {value:?}"))?;
            }
            _ => return Err(format!("unknown option {flag:?}")),
        }
    }
    Ok(Some(config))
}

fn main() -> ExitCode {
    let config = match parse_args(std::env::args().skip(1)) {
        Ok(Some(config)) => config,
        Ok(None) => {
            println!("{}", usage());
            return ExitCode::SUCCESS;
        }
        Err(problem) => {
            eprintln!("api_server: {problem}\n{}", usage());
            return ExitCode::from(2);
        }
    };
    match run(config) {
        Ok(()) => ExitCode::SUCCESS,
        Err(problem) => {
            eprintln!("api_server: {problem}");
            ExitCode::FAILURE
        }
    }
}

/// Fetches the keys once, then serves until the process is killed.
fn run(config: Config) -> Result<(), String> {
    let keys = KeyCache::new(config.jwks_url.clone(), config.policy);
    if !keys.fetch_at_start() {
        eprintln!(
            "api_server: starting without keys; /protected answers 503 until a fetch of {} succeeds",
            config.jwks_url
        );
    }
    let app = Arc::new(App {
        keys,
        jwks_url: config.jwks_url.to_string(),
        validation: Validation::new(&config.algs)
            .issuer(&config.issuer)
            .audience(&config.audience),
        now_offset_secs: config.now_offset_secs,
    });
    pool::serve(config.listen, "api_server", move |request, _peer| {
        routes::route(request, &app)
    })
}
