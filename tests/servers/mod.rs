//! What the end-to-end tests of the example servers share: starting a
//! built example on an ephemeral loopback port, speaking HTTP to it, and a
//! fake issuer whose JWK Set answers the tests control.
//!
//! `cargo test` builds the examples before running tests, so the binaries
//! are `target/<profile>/examples/<name>`, next to the tests' `deps/`
//! directory. Every socket operation has a timeout, every loop a bound,
//! every server is killed when its guard drops (also when a test panics),
//! and only 127.0.0.1 is used.
#![allow(dead_code)] // each test file uses a part

use barejwt::json::{self, Object, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

/// Copies of the token server's constants (`examples/token_server/main.rs`).
pub const ISSUER: &str = "https://auth.barejwt.example";
pub const AUDIENCE: &str = "https://api.barejwt.example";
pub const JWKS_PATH: &str = "/.well-known/jwks.json";

/// The longest any single step may take before the test fails.
pub const STEP_TIMEOUT: Duration = Duration::from_secs(10);

/// The example binary `name`, which must exist and be newer than its
/// sources (its folder, the files its `main.rs` includes with `#[path]`,
/// the library).
pub fn binary(name: &str) -> PathBuf {
    let exe = std::env::current_exe().expect("the test's own path");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("the test runs from target/<profile>/deps");
    let binary = profile_dir
        .join("examples")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    let built = std::fs::metadata(&binary)
        .and_then(|m| m.modified())
        .unwrap_or_else(|_| {
            panic!(
                "{} not found: run the whole `cargo test` (it builds the examples) \
                 or `cargo build --example {name}` first",
                binary.display()
            )
        });
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let folder = root.join("examples").join(name);
    let mut newest_source =
        newest_modification(&folder).max(newest_modification(&root.join("src")));
    // Shared files: `#[path = "../token_server/http.rs"]`.
    let main = std::fs::read_to_string(folder.join("main.rs")).expect("the example's main.rs");
    for line in main.lines() {
        let Some(path) = line
            .trim()
            .strip_prefix("#[path = \"")
            .and_then(|rest| rest.strip_suffix("\"]"))
        else {
            continue;
        };
        let modified = std::fs::metadata(folder.join(path))
            .and_then(|m| m.modified())
            .unwrap_or_else(|_| panic!("{name} includes {path}, which is missing"));
        newest_source = newest_source.max(modified);
    }
    assert!(
        newest_source <= built,
        "{} is older than its sources: run `cargo build --example {name}`",
        binary.display()
    );
    binary
}

/// The latest modification time of the `.rs` files under `dir`.
fn newest_modification(dir: &Path) -> SystemTime {
    let mut newest = SystemTime::UNIX_EPOCH;
    for entry in std::fs::read_dir(dir)
        .expect("a source directory")
        .flatten()
    {
        let path = entry.path();
        // The command line tool's own files (`src/main.rs`, `src/cli/`) are
        // not part of the library the examples link.
        let tool_only = path
            .file_name()
            .is_some_and(|n| n == "cli" || n == "main.rs")
            && path.parent().is_some_and(|p| p.ends_with("src"));
        if tool_only {
            continue;
        }
        let time = if path.is_dir() {
            newest_modification(&path)
        } else if path.extension().is_some_and(|e| e == "rs") {
            entry
                .metadata()
                .and_then(|m| m.modified())
                .unwrap_or(newest)
        } else {
            continue;
        };
        newest = newest.max(time);
    }
    newest
}

/// A running example server; killed when dropped.
pub struct Server {
    name: &'static str,
    child: Child,
    pub addr: SocketAddr,
    stderr: Arc<Mutex<String>>,
}

impl Server {
    /// What the server wrote to stderr so far.
    pub fn log(&self) -> String {
        self.stderr.lock().map(|s| s.clone()).unwrap_or_default()
    }

    /// Kills the server now.
    pub fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if thread::panicking() {
            eprintln!("--- {} stderr ---\n{}---", self.name, self.log());
        }
    }
}

/// The example `name` on `127.0.0.1:0` with `args` and `env` (and
/// `BAREJWT_SECRET` only if `env` gives it), its output piped.
fn command(name: &str, args: &[&str], env: &[(&str, &str)]) -> Command {
    let mut command = Command::new(binary(name));
    command
        .args(["--listen", "127.0.0.1:0"])
        .args(args)
        .env_remove("BAREJWT_SECRET")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (key, value) in env {
        command.env(key, value);
    }
    command
}

/// Starts the example `name` on `127.0.0.1:0` with `args`, the
/// environment given (and `BAREJWT_SECRET` only if given), and waits for
/// its `listening on` line.
pub fn start(name: &'static str, args: &[&str], env: &[(&str, &str)]) -> Server {
    let mut child = command(name, args, env)
        .spawn()
        .expect("the example starts");

    // Drain stderr in the background so the server never blocks on it.
    let stderr = Arc::new(Mutex::new(String::new()));
    let mut pipe = child.stderr.take().expect("piped stderr");
    let sink = Arc::clone(&stderr);
    thread::spawn(move || {
        let mut buf = [0u8; 4096];
        while let Ok(n @ 1..) = pipe.read(&mut buf) {
            if let Ok(mut log) = sink.lock() {
                log.push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        }
    });

    // The first stdout line gives the address; read it with a deadline.
    let stdout = child.stdout.take().expect("piped stdout");
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut line = String::new();
        let _ = BufReader::new(stdout).read_line(&mut line);
        let _ = tx.send(line);
    });
    let mut server = Server {
        name,
        child,
        addr: "127.0.0.1:0".parse().expect("an address"),
        stderr,
    };
    let line = rx
        .recv_timeout(STEP_TIMEOUT)
        .unwrap_or_else(|_| panic!("{name} prints its address in time: {}", server.log()));
    let addr = line
        .strip_prefix("listening on ")
        .map(str::trim_end)
        .unwrap_or_else(|| panic!("first stdout line is {line:?}; stderr: {}", server.log()));
    server.addr = addr.parse().expect("a socket address");
    assert!(server.addr.ip().is_loopback(), "listens on loopback");
    server
}

/// Runs the example `name` expecting it to refuse its arguments at once:
/// the exit code and stderr.
pub fn refused_at_start(name: &str, args: &[&str], env: &[(&str, &str)]) -> (Option<i32>, String) {
    let mut child = command(name, args, env)
        .spawn()
        .expect("the example starts");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if started.elapsed() > STEP_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{name} did not refuse {args:?}");
        }
        thread::sleep(Duration::from_millis(20));
    };
    let output = child.wait_with_output().expect("output");
    assert!(output.stdout.is_empty(), "never listened");
    (
        status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// A parsed HTTP response.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> Object {
        match json::parse(self.body.as_bytes()) {
            Ok(Value::Object(object)) => object,
            other => panic!("body is not a JSON object: {other:?} in {self:?}"),
        }
    }

    pub fn string(&self, member: &str) -> String {
        self.json()
            .get(member)
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no string {member:?} in {self:?}"))
            .to_string()
    }

    pub fn number(&self, member: &str) -> u64 {
        self.json()
            .get(member)
            .and_then(|v| v.as_number()?.as_u64())
            .unwrap_or_else(|| panic!("no number {member:?} in {self:?}"))
    }

    /// The error and description of an RFC 6750 challenge with an error
    /// code, in `realm`.
    pub fn challenge_error(&self, realm: &str) -> (String, String) {
        let challenge = self.header("WWW-Authenticate").expect("a challenge");
        let rest = challenge
            .strip_prefix(&format!("Bearer realm=\"{realm}\", error=\""))
            .unwrap_or_else(|| panic!("challenge {challenge:?}"));
        let (error, rest) = rest.split_once('"').expect("quoted error");
        let description = rest
            .strip_prefix(", error_description=\"")
            .and_then(|d| d.strip_suffix('"'))
            .unwrap_or_else(|| panic!("challenge {challenge:?}"));
        (error.to_string(), description.to_string())
    }
}

pub fn connect(addr: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect_timeout(&addr, STEP_TIMEOUT).expect("connect");
    stream
        .set_read_timeout(Some(STEP_TIMEOUT))
        .expect("timeout");
    stream
        .set_write_timeout(Some(STEP_TIMEOUT))
        .expect("timeout");
    stream
}

/// Sends `raw`, reads until the server closes, parses, and checks the
/// header fields every response must carry, `Cache-Control: no-store`
/// among them.
pub fn exchange(addr: SocketAddr, raw: &[u8]) -> Reply {
    let reply = exchange_cacheable(addr, raw);
    assert_eq!(reply.header("Cache-Control"), Some("no-store"), "{reply:?}");
    reply
}

/// As [`exchange`], for a response that may be cached (its
/// `Cache-Control` is the caller's to check).
pub fn exchange_cacheable(addr: SocketAddr, raw: &[u8]) -> Reply {
    let mut stream = connect(addr);
    stream.write_all(raw).expect("send the request");
    read_reply_cacheable(&mut stream).expect("a response")
}

/// Reads a whole response; `None` if the connection failed first. Checks
/// `Cache-Control: no-store`.
pub fn read_reply(stream: &mut TcpStream) -> Option<Reply> {
    let reply = read_reply_cacheable(stream)?;
    assert_eq!(reply.header("Cache-Control"), Some("no-store"), "{reply:?}");
    Some(reply)
}

fn read_reply_cacheable(stream: &mut TcpStream) -> Option<Reply> {
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).ok()?;
    let text = String::from_utf8(bytes).expect("a UTF-8 response");
    let (head, body) = text.split_once("\r\n\r\n").expect("a complete head");
    let mut lines = head.split("\r\n");
    let status_line = lines.next().expect("a status line");
    let status = status_line
        .strip_prefix("HTTP/1.1 ")
        .and_then(|rest| rest.get(..3))
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {status_line:?}"));
    let headers = lines
        .map(|line| {
            let (name, value) = line.split_once(": ").expect("`name: value`");
            (name.to_string(), value.to_string())
        })
        .collect();
    let reply = Reply {
        status,
        headers,
        body: body.to_string(),
    };
    // Every response: Content-Type, an exact Content-Length, no keep-alive,
    // a Cache-Control.
    assert!(reply.header("Content-Type").is_some(), "{reply:?}");
    assert_eq!(
        reply.header("Content-Length"),
        Some(reply.body.len().to_string().as_str()),
        "{reply:?}"
    );
    assert_eq!(reply.header("Connection"), Some("close"), "{reply:?}");
    assert!(reply.header("Cache-Control").is_some(), "{reply:?}");
    Some(reply)
}

pub fn get(addr: SocketAddr, path: &str, extra_headers: &str) -> Reply {
    exchange(
        addr,
        format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n{extra_headers}\r\n").as_bytes(),
    )
}

pub fn post_json(addr: SocketAddr, path: &str, body: &str) -> Reply {
    exchange(
        addr,
        format!(
            "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    )
}

pub fn login(addr: SocketAddr, username: &str, password: &str) -> Reply {
    post_json(
        addr,
        "/login",
        &format!(r#"{{"username":"{username}","password":"{password}"}}"#),
    )
}

pub fn token_for(addr: SocketAddr, user: &str) -> String {
    let reply = login(addr, user, &format!("{user}-demo-password"));
    assert_eq!(reply.status, 200, "{reply:?}");
    reply.string("access_token")
}

pub fn bearer(token: &str) -> String {
    format!("Authorization: Bearer {token}\r\n")
}

/// `POST /rotate` on the token server: the new signing kid.
pub fn rotate(addr: SocketAddr) -> Object {
    let reply = post_json(addr, "/rotate", "");
    assert_eq!(reply.status, 200, "{reply:?}");
    reply.json()
}

/// The token server's JWK Set: the reply (checked cacheable) and the text.
pub fn jwks(addr: SocketAddr) -> (Reply, String) {
    let reply = exchange_cacheable(
        addr,
        format!("GET {JWKS_PATH} HTTP/1.1\r\nHost: {addr}\r\n\r\n").as_bytes(),
    );
    assert_eq!(reply.status, 200, "{reply:?}");
    let body = reply.body.clone();
    (reply, body)
}

/// The `kid`s of a JWK Set text, in order.
pub fn kids(jwks: &str) -> Vec<String> {
    let set = barejwt::JwkSet::parse(jwks.as_bytes()).expect("a JWK Set");
    set.keys()
        .iter()
        .map(|k| k.kid().expect("every key has a kid").to_string())
        .collect()
}

/// The `kid` in a token's header (read without verifying).
pub fn kid_of(token: &str) -> String {
    barejwt::dangerous::kid_unverified(token)
        .expect("a token")
        .expect("a kid")
}

pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs()
}

/// Polls `done` every 50 ms until it holds or `limit` passes.
pub fn wait_until(limit: Duration, mut done: impl FnMut() -> bool) -> bool {
    let started = Instant::now();
    while started.elapsed() < limit {
        if done() {
            return true;
        }
        thread::sleep(Duration::from_millis(50));
    }
    done()
}

/// How the fake issuer answers a request for its JWK Set.
#[derive(Debug, Clone)]
pub enum Answer {
    /// 200 with this body, `application/jwk-set+json`, `max-age`.
    Set { body: String, max_age_secs: u64 },
    /// 200 with this content type and body.
    Raw {
        content_type: &'static str,
        body: Vec<u8>,
    },
    /// Another status, with a JSON body.
    Status(u16),
    /// A valid head, then the body one byte every 100 ms (for at most 5 s).
    Slow { body: String },
}

/// An issuer that only serves a JWK Set, as the tests decide, and counts
/// the requests it gets. Stopped when dropped.
pub struct FakeIssuer {
    pub addr: SocketAddr,
    answer: Arc<Mutex<Answer>>,
    fetches: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    thread: Option<thread::JoinHandle<()>>,
}

/// The longest a fake issuer runs, whatever the test does.
const FAKE_ISSUER_LIFETIME: Duration = Duration::from_secs(120);

impl FakeIssuer {
    /// An issuer on a free loopback port.
    pub fn start(answer: Answer) -> FakeIssuer {
        FakeIssuer::start_at("127.0.0.1:0".parse().expect("an address"), answer)
    }

    /// An issuer on `addr` (a loopback address).
    pub fn start_at(addr: SocketAddr, answer: Answer) -> FakeIssuer {
        assert!(addr.ip().is_loopback());
        let listener = TcpListener::bind(addr).expect("bind loopback");
        listener.set_nonblocking(true).expect("nonblocking");
        let addr = listener.local_addr().expect("address");
        let answer = Arc::new(Mutex::new(answer));
        let fetches = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (answer, fetches, stop) = (answer.clone(), fetches.clone(), stop.clone());
            thread::spawn(move || {
                let started = Instant::now();
                while !stop.load(Ordering::SeqCst) && started.elapsed() < FAKE_ISSUER_LIFETIME {
                    match listener.accept() {
                        Ok((stream, _)) => {
                            fetches.fetch_add(1, Ordering::SeqCst);
                            let answer = answer.lock().expect("answer").clone();
                            let stop = stop.clone();
                            thread::spawn(move || serve_fake(stream, &answer, &stop));
                        }
                        Err(_) => thread::sleep(Duration::from_millis(5)),
                    }
                }
            })
        };
        FakeIssuer {
            addr,
            answer,
            fetches,
            stop,
            thread: Some(thread),
        }
    }

    pub fn url(&self) -> String {
        format!("http://{}{JWKS_PATH}", self.addr)
    }

    pub fn set_answer(&self, answer: Answer) {
        *self.answer.lock().expect("answer") = answer;
    }

    /// Requests received so far.
    pub fn fetches(&self) -> usize {
        self.fetches.load(Ordering::SeqCst)
    }
}

impl Drop for FakeIssuer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Reads one request head (bounded), then answers as told.
fn serve_fake(mut stream: TcpStream, answer: &Answer, stop: &AtomicBool) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(2)));
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
        match stream.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => head.extend_from_slice(&buf[..n]),
        }
    }
    let respond =
        |stream: &mut TcpStream, status: u16, content_type: &str, cache: &str, body: &[u8]| {
            let head = format!(
                "HTTP/1.1 {status} X\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
             Cache-Control: {cache}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(body);
        };
    match answer {
        Answer::Set { body, max_age_secs } => respond(
            &mut stream,
            200,
            "application/jwk-set+json",
            &format!("public, max-age={max_age_secs}"),
            body.as_bytes(),
        ),
        Answer::Raw { content_type, body } => {
            respond(&mut stream, 200, content_type, "max-age=300", body)
        }
        Answer::Status(status) => respond(
            &mut stream,
            *status,
            "application/json",
            "no-store",
            br#"{"error":"server_error"}"#,
        ),
        Answer::Slow { body } => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: application/jwk-set+json\r\nContent-Length: {}\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(head.as_bytes());
            let started = Instant::now();
            for byte in body.as_bytes() {
                if stop.load(Ordering::SeqCst) || started.elapsed() > Duration::from_secs(5) {
                    return;
                }
                if stream.write_all(&[*byte]).is_err() {
                    return;
                }
                thread::sleep(Duration::from_millis(100));
            }
        }
    }
    let _ = stream.shutdown(std::net::Shutdown::Write);
}
