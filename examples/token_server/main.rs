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
//! GET  /health     -> 200 ok
//! ```
//!
//! Files: `http.rs` (reading requests under limits, writing responses),
//! `routes.rs` (the three endpoints), `bearer.rs` (RFC 6750), `users.rs`
//! (password hashes), `pbkdf2.rs` (RFC 8018 §5.2), `urandom.rs`.
//!
//! # Tokens
//!
//! HS256 (RFC 7518 §3.2) under a secret from `BAREJWT_SECRET` (base64url,
//! at least 32 bytes), or a random one made at start for this run only.
//! Claims (RFC 7519 §4.1): `iss`, `aud`, `sub`, `iat`, `exp`, a random
//! `jti`, and a private `grants` object. `/protected` verifies with
//! `Validation::new(&[Algorithm::Hs256]).issuer(ISSUER).audience(AUDIENCE)`:
//! the algorithm is fixed by the server, never read from the token.
//!
//! # Limits (see `http.rs`)
//!
//! 4 worker threads fed by a queue of 16 connections; beyond that, 503 at
//! once. One request per connection (`Connection: close`). Request line
//! 8 KiB, header fields 16 KiB and 64 lines, body 16 KiB with
//! `Content-Length` (no chunked bodies), 5 s per read or write, 10 s for a
//! whole request. A slow client therefore holds one worker for at most
//! about 10 s, and the server never holds more than 4 requests' buffers.
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
mod pbkdf2;
mod routes;
mod urandom;
mod users;

use barejwt::{Algorithm, Key, Validation};
use std::io::Write;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::num::NonZeroU32;
use std::panic::{self, AssertUnwindSafe};
use std::process::ExitCode;
use std::sync::mpsc::{self, Receiver, TrySendError};
use std::sync::{Arc, Mutex};
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
/// The longest lifetime accepted: 24 hours. A larger `--ttl` is refused at
/// start rather than silently shortened.
const MAX_TTL_SECS: u64 = 86_400;
/// Default PBKDF2 iteration count (OWASP suggests 600,000 for
/// PBKDF2-HMAC-SHA256 in 2023; lower here so that a debug build starts fast).
const DEFAULT_ITERATIONS: u32 = 100_000;
const MAX_ITERATIONS: u32 = 10_000_000;
/// Threads answering requests.
const WORKERS: usize = 4;
/// Accepted connections waiting for a worker; more get 503.
const QUEUE_LEN: usize = 16;

/// Settings from the command line.
#[derive(Debug)]
struct Config {
    listen: SocketAddr,
    ttl_secs: u64,
    iterations: NonZeroU32,
    now_offset_secs: i64,
}

/// Everything a request handler reads; shared by all workers, immutable.
pub struct App {
    pub key: Key,
    pub users: Users,
    pub ttl_secs: u64,
    /// Added to the system clock for issuing and verifying (tests).
    pub now_offset_secs: i64,
    /// The verification rules, with the clock set per request.
    pub validation: Validation,
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
    let users: Vec<String> = DEMO_USERS
        .iter()
        .map(|(name, password, room)| format!("  {name:<6} password {password:<22} room {room}"))
        .collect();
    format!(
        "usage: token_server [--listen ADDR:PORT] [--ttl SECONDS] [--iterations N]
                    [--now-offset SECONDS]

  --listen ADDR:PORT    where to listen (default {DEFAULT_LISTEN}; port 0 picks a free
                        port). The first line on stdout is `listening on ADDR:PORT`.
  --ttl SECONDS         token lifetime, 1..={MAX_TTL_SECS} (default {DEFAULT_TTL_SECS})
  --iterations N        PBKDF2 iterations for the demo users' hashes, 1..={MAX_ITERATIONS}
                        (default {DEFAULT_ITERATIONS}; lower only for tests)
  --now-offset SECONDS  shift the server's clock by SECONDS (may be negative), for
                        issuing and verifying alike: a test can mint a token that is
                        already expired, or check one later, without sleeping

Environment: {SECRET_VAR} = the HS256 secret, base64url without padding, at least
{MIN_SECRET_LEN} bytes once decoded. Unset: a random secret is made for this run only.

Demo users (hashed with PBKDF2-HMAC-SHA256 at start; demo passwords, not secrets):
{}",
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
            _ => return Err(format!("unknown option {flag:?}")),
        }
    }
    Ok(Some(config))
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
    let secret = load_secret()?;
    let key = Key::hs256(&secret).map_err(|e| format!("unusable secret: {e}"))?;
    let users = Users::demo(config.iterations)
        .map_err(|e| format!("cannot read /dev/urandom for salts: {e}"))?;
    let app = Arc::new(App {
        key,
        users,
        ttl_secs: config.ttl_secs,
        now_offset_secs: config.now_offset_secs,
        validation: Validation::new(&[Algorithm::Hs256])
            .issuer(ISSUER)
            .audience(AUDIENCE),
    });

    let listener = TcpListener::bind(config.listen)
        .map_err(|e| format!("cannot listen on {}: {e}", config.listen))?;
    let address = listener
        .local_addr()
        .map_err(|e| format!("cannot read the bound address: {e}"))?;
    // The first stdout line, read by tests to learn the port; nothing else
    // is ever written to stdout (logs go to stderr).
    let mut stdout = std::io::stdout();
    writeln!(stdout, "listening on {address}")
        .and_then(|()| stdout.flush())
        .map_err(|e| format!("cannot write to stdout: {e}"))?;

    // A bounded queue: the accept loop never waits for a worker.
    let (queue, receiver) = mpsc::sync_channel::<TcpStream>(QUEUE_LEN);
    let receiver = Arc::new(Mutex::new(receiver));
    for n in 0..WORKERS {
        let receiver = Arc::clone(&receiver);
        let app = Arc::clone(&app);
        thread::Builder::new()
            .name(format!("worker-{n}"))
            .spawn(move || work(&receiver, &app))
            .map_err(|e| format!("cannot start a worker thread: {e}"))?;
    }

    for connection in listener.incoming() {
        let stream = match connection {
            Ok(stream) => stream,
            Err(e) => {
                // Out of file descriptors, a connection reset before accept:
                // log, pause briefly so that a persistent error cannot spin.
                eprintln!("token_server: accept failed: {e}");
                thread::sleep(Duration::from_millis(100));
                continue;
            }
        };
        match queue.try_send(stream) {
            Ok(()) => {}
            Err(TrySendError::Full(stream)) => refuse_busy(&stream),
            Err(TrySendError::Disconnected(_)) => return Err("every worker has stopped".into()),
        }
    }
    Ok(())
}

/// Answers 503 from the accept thread without reading the request
/// (RFC 9110 §15.6.4), bounded by a short write timeout.
fn refuse_busy(stream: &TcpStream) {
    let _ = stream.set_write_timeout(Some(Duration::from_millis(200)));
    let response = routes::error(
        http::SERVICE_UNAVAILABLE,
        "temporarily_unavailable",
        "the server is busy; retry shortly",
    )
    .with_header("Retry-After", "1".to_string());
    response.write_to(stream);
    eprintln!("token_server: busy, refused a connection with 503");
}

/// A worker: takes connections off the queue until it is closed.
fn work(receiver: &Mutex<Receiver<TcpStream>>, app: &App) {
    loop {
        // Hold the lock only while waiting; a poisoned lock still guards a
        // usable receiver (nothing is mutated under it).
        let next = match receiver.lock() {
            Ok(receiver) => receiver.recv(),
            Err(poisoned) => poisoned.into_inner().recv(),
        };
        let Ok(stream) = next else { return };
        // A bug in one handler must not shrink the pool.
        if panic::catch_unwind(AssertUnwindSafe(|| serve(&stream, app))).is_err() {
            eprintln!("token_server: a request handler panicked; connection dropped");
        }
    }
}

/// Reads one request, answers it, closes the connection.
fn serve(stream: &TcpStream, app: &App) {
    let peer = stream
        .peer_addr()
        .map_or_else(|_| "unknown peer".to_string(), |a| a.to_string());
    let (what, response) = match http::read_request(stream) {
        Ok(request) => {
            // Method and path are checked visible ASCII (http.rs), safe to log.
            let what = format!("{} {}", request.method, request.path);
            (what, routes::route(&request, app))
        }
        Err(http::ReadError::Closed) => return,
        Err(http::ReadError::TimedOut) => (
            "(incomplete request)".to_string(),
            routes::error(
                http::REQUEST_TIMEOUT,
                "request_timeout",
                "the request did not arrive in time",
            ),
        ),
        Err(http::ReadError::Refused(status, why)) => (
            "(refused request)".to_string(),
            routes::error(status, "invalid_request", why),
        ),
    };
    eprintln!("token_server: {peer} {what} -> {}", response.status.0);
    response.send(stream);
}
