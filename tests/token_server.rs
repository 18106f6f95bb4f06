//! End-to-end tests of `examples/token_server`: the built example is started
//! on an ephemeral loopback port and spoken to over TCP.
//!
//! `cargo test` builds the examples before running tests, so the binary is
//! `target/<profile>/examples/token_server`, next to this test's `deps/`
//! directory. Every socket operation has a timeout, every server is killed
//! when its guard drops (also when a test panics), and only 127.0.0.1 is
//! used.

use barejwt::json::{self, Object, Value};
use barejwt::{verify, Algorithm, Key, Validation};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant, SystemTime};

// The bearer.rs module of the example, for its header parser and texts.
#[allow(dead_code)]
#[path = "../examples/token_server/bearer.rs"]
mod bearer;

/// Copies of the example's constants (`examples/token_server/main.rs`).
const ISSUER: &str = "https://auth.barejwt.example";
const AUDIENCE: &str = "https://api.barejwt.example";
const DEFAULT_TTL: u64 = 900;

/// The 32-byte HS256 secret shared by the tests and the servers they start.
const SECRET: &[u8; 32] = b"token-server-integration-tests!!";
/// The longest any single step may take before the test fails.
const STEP_TIMEOUT: Duration = Duration::from_secs(10);

/// The example binary, which must exist and be newer than its sources.
fn binary() -> PathBuf {
    let exe = std::env::current_exe().expect("the test's own path");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("the test runs from target/<profile>/deps");
    let binary = profile_dir
        .join("examples")
        .join(format!("token_server{}", std::env::consts::EXE_SUFFIX));
    let built = std::fs::metadata(&binary)
        .and_then(|m| m.modified())
        .unwrap_or_else(|_| {
            panic!(
                "{} not found: run the whole `cargo test` (it builds the examples) \
                 or `cargo build --example token_server` first",
                binary.display()
            )
        });
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let newest_source = newest_modification(&root.join("examples/token_server"))
        .max(newest_modification(&root.join("src")));
    assert!(
        newest_source <= built,
        "{} is older than its sources: run `cargo build --example token_server`",
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
        // not part of the library the example links.
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

/// A running server; killed when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if thread::panicking() {
            let log = self.stderr.lock().map(|s| s.clone()).unwrap_or_default();
            eprintln!("--- token_server stderr ---\n{log}---");
        }
    }
}

fn secret_b64() -> String {
    barejwt::base64url::encode(SECRET)
}

/// Starts the server with the test secret, cheap hashes and `args`.
fn start(args: &[&str]) -> Server {
    let mut child = Command::new(binary())
        .args(["--listen", "127.0.0.1:0", "--iterations", "1000"])
        .args(args)
        .env("BAREJWT_SECRET", secret_b64())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
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
        child,
        addr: "127.0.0.1:0".parse().expect("an address"),
        stderr,
    };
    let line = rx
        .recv_timeout(STEP_TIMEOUT)
        .expect("the server prints its address in time");
    let addr = line
        .strip_prefix("listening on ")
        .map(str::trim_end)
        .unwrap_or_else(|| panic!("first stdout line is {line:?}"));
    server.addr = addr.parse().expect("a socket address");
    assert!(server.addr.ip().is_loopback(), "listens on loopback");
    server
}

/// A parsed HTTP response.
#[derive(Debug)]
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn json(&self) -> Object {
        match json::parse(self.body.as_bytes()) {
            Ok(Value::Object(object)) => object,
            other => panic!("body is not a JSON object: {other:?} in {self:?}"),
        }
    }

    fn string(&self, member: &str) -> String {
        self.json()
            .get(member)
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("no string {member:?} in {self:?}"))
            .to_string()
    }
}

fn connect(addr: SocketAddr) -> TcpStream {
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
/// header fields every response must carry.
fn exchange(addr: SocketAddr, raw: &[u8]) -> Reply {
    let mut stream = connect(addr);
    stream.write_all(raw).expect("send the request");
    read_reply(&mut stream).expect("a response")
}

/// Reads a whole response; `None` if the connection failed first.
fn read_reply(stream: &mut TcpStream) -> Option<Reply> {
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
    // never cached.
    assert!(reply.header("Content-Type").is_some(), "{reply:?}");
    assert_eq!(
        reply.header("Content-Length"),
        Some(reply.body.len().to_string().as_str()),
        "{reply:?}"
    );
    assert_eq!(reply.header("Connection"), Some("close"), "{reply:?}");
    assert_eq!(reply.header("Cache-Control"), Some("no-store"), "{reply:?}");
    Some(reply)
}

fn get(addr: SocketAddr, path: &str, extra_headers: &str) -> Reply {
    exchange(
        addr,
        format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n{extra_headers}\r\n").as_bytes(),
    )
}

fn post_json(addr: SocketAddr, path: &str, body: &str) -> Reply {
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

fn login(addr: SocketAddr, username: &str, password: &str) -> Reply {
    post_json(
        addr,
        "/login",
        &format!(r#"{{"username":"{username}","password":"{password}"}}"#),
    )
}

fn token_for_alice(addr: SocketAddr) -> String {
    let reply = login(addr, "alice", "alice-demo-password");
    assert_eq!(reply.status, 200, "{reply:?}");
    reply.string("access_token")
}

fn bearer(token: &str) -> String {
    format!("Authorization: Bearer {token}\r\n")
}

fn validation() -> Validation {
    Validation::new(&[Algorithm::Hs256])
        .issuer(ISSUER)
        .audience(AUDIENCE)
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs()
}

#[test]
fn health_answers_ok() {
    let server = start(&[]);
    let reply = get(server.addr, "/health", "");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body, "ok");
    assert_eq!(
        reply.header("Content-Type"),
        Some("text/plain; charset=utf-8")
    );
}

#[test]
fn login_issues_a_token_that_verifies_with_the_shared_secret() {
    let server = start(&[]);
    let reply = login(server.addr, "alice", "alice-demo-password");
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_eq!(reply.header("Content-Type"), Some("application/json"));
    assert_eq!(reply.header("Pragma"), Some("no-cache"));
    let answer = reply.json();
    assert_eq!(answer.len(), 3, "{answer:?}");
    assert_eq!(
        answer.get("token_type").and_then(Value::as_str),
        Some("Bearer")
    );
    let expires_in = answer.get("expires_in").and_then(Value::as_number);
    assert_eq!(expires_in.and_then(|n| n.as_u64()), Some(DEFAULT_TTL));

    let token = reply.string("access_token");
    let key = Key::hs256(SECRET).expect("a 32-byte key");
    let verified = verify(&token, &key, &validation()).expect("the token verifies");
    assert_eq!(verified.header().alg(), "HS256");
    assert_eq!(verified.header().typ(), Some("JWT"));
    let claims = verified.claims();
    assert_eq!(claims.iss(), Some(ISSUER));
    assert_eq!(claims.aud().collect::<Vec<_>>(), [AUDIENCE]);
    assert_eq!(claims.sub(), Some("alice"));
    let iat = claims.iat().expect("iat").floor_secs();
    let exp = claims.exp().expect("exp").floor_secs();
    assert_eq!(exp - iat, DEFAULT_TTL as i64);
    assert!(iat.abs_diff(now() as i64) < 60, "iat {iat} is about now");
    let jti = claims.jti().expect("jti");
    assert_eq!(
        barejwt::base64url::decode(jti.as_bytes()).map(|b| b.len()),
        Ok(16),
        "jti is 16 random bytes in base64url"
    );
    let grants =
        json::parse(br#"{"identity":"alice","video":{"room":"daily-standup"}}"#).expect("JSON");
    assert_eq!(claims.get("grants"), Some(&grants));
    assert_eq!(claims.as_object().len(), 7, "{:?}", claims.as_object());

    // A second token for the same user differs in its jti.
    let again = token_for_alice(server.addr);
    let again = verify(&again, &key, &validation()).expect("verifies");
    assert_ne!(again.claims().jti(), Some(jti));
}

#[test]
fn ttl_option_sets_expires_in_and_exp() {
    let server = start(&["--ttl", "60"]);
    let reply = login(server.addr, "bob", "bob-demo-password");
    assert_eq!(reply.status, 200, "{reply:?}");
    let expires_in = reply
        .json()
        .get("expires_in")
        .and_then(|v| v.as_number()?.as_u64());
    assert_eq!(expires_in, Some(60));
    let key = Key::hs256(SECRET).expect("key");
    let verified = verify(reply.string("access_token"), &key, &validation()).expect("verifies");
    let claims = verified.claims();
    assert_eq!(claims.sub(), Some("bob"));
    let lifetime =
        claims.exp().expect("exp").floor_secs() - claims.iat().expect("iat").floor_secs();
    assert_eq!(lifetime, 60);
}

#[test]
fn ttl_above_24_hours_is_refused_at_start() {
    let mut child = Command::new(binary())
        .args(["--listen", "127.0.0.1:0", "--ttl", "100000"])
        .env("BAREJWT_SECRET", secret_b64())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
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
            panic!("the server did not refuse --ttl 100000");
        }
        thread::sleep(Duration::from_millis(20));
    };
    let output = child.wait_with_output().expect("output");
    assert_eq!(status.code(), Some(2));
    assert!(output.stdout.is_empty(), "never listened");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--ttl must be 1..=86400"), "{stderr}");
}

#[test]
fn a_short_secret_is_refused_at_start() {
    let output = Command::new(binary())
        .args(["--listen", "127.0.0.1:0"])
        .env("BAREJWT_SECRET", barejwt::base64url::encode(&SECRET[..31]))
        .stdin(Stdio::null())
        .output()
        .expect("the example runs");
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("decodes to 31 bytes"), "{stderr}");
}

#[test]
fn wrong_password_and_unknown_user_get_the_same_401() {
    let server = start(&[]);
    let wrong = login(server.addr, "alice", "not-her-password");
    let unknown = login(server.addr, "mallory", "alice-demo-password");
    for reply in [&wrong, &unknown] {
        assert_eq!(reply.status, 401, "{reply:?}");
        assert_eq!(reply.string("error"), "invalid_credentials");
        assert_eq!(reply.header("Content-Type"), Some("application/json"));
    }
    assert_eq!(wrong.body, unknown.body);
    assert_eq!(wrong.headers, unknown.headers);
}

#[test]
fn malformed_login_bodies_get_400() {
    let server = start(&[]);
    let bodies = [
        "",
        "not json",
        r#"["alice","alice-demo-password"]"#,
        r#"{"username":"alice"}"#,
        r#"{"username":"alice","password":"alice-demo-password","admin":true}"#,
        r#"{"username":7,"password":"alice-demo-password"}"#,
        r#"{"username":"alice","password":"x","password":"alice-demo-password"}"#,
        r#"{"username":"alice","password":"alice-demo-password"} trailing"#,
        r#"{"username":"alice","password":{"nested":"alice-demo-password"}}"#,
    ];
    for body in bodies {
        let reply = post_json(server.addr, "/login", body);
        assert_eq!(reply.status, 400, "{body:?}: {reply:?}");
        assert_eq!(reply.string("error"), "invalid_request", "{body:?}");
    }
}

#[test]
fn login_requires_json_and_a_content_length() {
    let server = start(&[]);
    let body = r#"{"username":"alice","password":"alice-demo-password"}"#;
    let form = exchange(
        server.addr,
        format!(
            "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n\
             Content-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .as_bytes(),
    );
    assert_eq!(form.status, 415, "{form:?}");

    let no_length = exchange(
        server.addr,
        format!("POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\r\n{body}")
            .as_bytes(),
    );
    assert_eq!(no_length.status, 411, "{no_length:?}");

    let chunked = exchange(
        server.addr,
        format!(
            "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
             Transfer-Encoding: chunked\r\n\r\n{:x}\r\n{body}\r\n0\r\n\r\n",
            body.len()
        )
        .as_bytes(),
    );
    assert_eq!(chunked.status, 501, "{chunked:?}");

    let too_big = exchange(
        server.addr,
        b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\
          Content-Length: 99999999999999999999999\r\n\r\n",
    );
    assert_eq!(too_big.status, 413, "{too_big:?}");
}

#[test]
fn malformed_http_is_refused() {
    let server = start(&[]);
    let cases: [(&[u8], u16); 7] = [
        (b"GET /health HTTP/1.1\r\n\r\n", 400), // no Host
        (b"GET /health HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n", 400), // two Hosts
        (b"GET  /health HTTP/1.1\r\nHost: x\r\n\r\n", 400), // two spaces
        (b"GET /health HTTP/2.0\r\nHost: x\r\n\r\n", 505),
        (b"GET /health HTTP/1.1\r\nHost : x\r\n\r\n", 400), // space before colon
        (b"GET /health HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n", 400),
        (b"GET /health HTTP/1.1\r\nHost: x\nX: y\r\n\r\n", 400), // bare LF
    ];
    for (raw, status) in cases {
        let reply = exchange(server.addr, raw);
        assert_eq!(
            reply.status,
            status,
            "{:?}: {reply:?}",
            String::from_utf8_lossy(raw)
        );
    }
    assert_eq!(get(server.addr, "/nowhere", "").status, 404);
    let wrong_method = exchange(server.addr, b"DELETE /login HTTP/1.1\r\nHost: x\r\n\r\n");
    assert_eq!(wrong_method.status, 405);
    assert_eq!(wrong_method.header("Allow"), Some("POST"));
}

#[test]
fn protected_echoes_the_verified_claims() {
    let server = start(&[]);
    let token = token_for_alice(server.addr);
    let reply = get(server.addr, "/protected", &bearer(&token));
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_eq!(reply.header("Content-Type"), Some("application/json"));
    let key = Key::hs256(SECRET).expect("key");
    let verified = verify(&token, &key, &validation()).expect("verifies");
    assert_eq!(&reply.json(), verified.claims().as_object());

    // The scheme name is case-insensitive, and 1*SP may precede the token.
    let lower = get(
        server.addr,
        "/protected",
        &format!("Authorization: bearer   {token}\r\n"),
    );
    assert_eq!(lower.status, 200, "{lower:?}");
}

/// The error and description of an RFC 6750 challenge with an error code.
fn challenge_error(reply: &Reply) -> (String, String) {
    let challenge = reply.header("WWW-Authenticate").expect("a challenge");
    let rest = challenge
        .strip_prefix("Bearer realm=\"token_server\", error=\"")
        .unwrap_or_else(|| panic!("challenge {challenge:?}"));
    let (error, rest) = rest.split_once('"').expect("quoted error");
    let description = rest
        .strip_prefix(", error_description=\"")
        .and_then(|d| d.strip_suffix('"'))
        .unwrap_or_else(|| panic!("challenge {challenge:?}"));
    (error.to_string(), description.to_string())
}

#[test]
fn a_tampered_token_is_an_invalid_token() {
    let server = start(&[]);
    let token = token_for_alice(server.addr);

    // Another byte in the signature: its first character carries six
    // signature bits (the last one also carries pad bits, which must stay
    // zero, so changing it could make the text non-canonical instead).
    let (signed, signature) = token.rsplit_once('.').expect("three parts");
    let first = if signature.starts_with('A') { 'B' } else { 'A' };
    let forged = format!("{signed}.{first}{}", &signature[1..]);
    // Another subject with the original signature.
    let (header, rest) = token.split_once('.').expect("three parts");
    let (payload, signature) = rest.split_once('.').expect("three parts");
    let mut claims =
        match json::parse(&barejwt::base64url::decode(payload.as_bytes()).expect("b64")) {
            Ok(Value::Object(o)) => o,
            other => panic!("{other:?}"),
        };
    claims.insert("sub", Value::String("bob".into()));
    let claims_b64 = barejwt::base64url::encode(Value::Object(claims).to_json().as_bytes());
    let swapped = format!("{header}.{claims_b64}.{signature}");

    for bad in [forged, swapped] {
        let reply = get(server.addr, "/protected", &bearer(&bad));
        assert_eq!(reply.status, 401, "{reply:?}");
        let (error, description) = challenge_error(&reply);
        assert_eq!(error, "invalid_token");
        assert_eq!(
            description,
            "invalid_signature: the signature does not verify"
        );
        assert_eq!(reply.string("error"), "invalid_token");
    }
}

#[test]
fn an_expired_token_is_refused_as_expired() {
    // One server whose clock runs an hour behind issues a 15-minute token:
    // by the other server's clock it expired 45 minutes ago.
    let past = start(&["--now-offset", "-3600"]);
    let present = start(&[]);
    let token = token_for_alice(past.addr);
    let reply = get(present.addr, "/protected", &bearer(&token));
    assert_eq!(reply.status, 401, "{reply:?}");
    let (error, description) = challenge_error(&reply);
    assert_eq!(error, "invalid_token");
    assert_eq!(description, "expired: the token has expired");
    // The issuing server still accepts it: only the clock differs.
    assert_eq!(get(past.addr, "/protected", &bearer(&token)).status, 200);
}

#[test]
fn no_authorization_gets_a_challenge_without_an_error_code() {
    let server = start(&[]);
    let reply = get(server.addr, "/protected", "");
    assert_eq!(reply.status, 401, "{reply:?}");
    assert_eq!(
        reply.header("WWW-Authenticate"),
        Some("Bearer realm=\"token_server\"")
    );
}

#[test]
fn another_scheme_gets_the_same_challenge() {
    let server = start(&[]);
    let reply = get(
        server.addr,
        "/protected",
        "Authorization: Basic YWxpY2U6YWxpY2UtZGVtby1wYXNzd29yZA==\r\n",
    );
    assert_eq!(reply.status, 401, "{reply:?}");
    assert_eq!(
        reply.header("WWW-Authenticate"),
        Some("Bearer realm=\"token_server\"")
    );
}

#[test]
fn malformed_bearer_credentials_are_an_invalid_request() {
    let server = start(&[]);
    let token = token_for_alice(server.addr);
    let cases = [
        "Authorization: Bearer\r\n".to_string(),
        "Authorization: Bearer a.b c\r\n".to_string(),
        "Authorization: Bearer\ta.b.c\r\n".to_string(),
        "Authorization: Bearer a=b\r\n".to_string(),
        format!("{}{}", bearer(&token), bearer(&token)),
    ];
    for header in cases {
        let reply = get(server.addr, "/protected", &header);
        assert_eq!(reply.status, 400, "{header:?}: {reply:?}");
        let challenge = reply.header("WWW-Authenticate");
        assert!(
            challenge.is_some_and(|c| c.contains("error=\"invalid_request\"")),
            "{header:?}: {reply:?}"
        );
    }
}

#[test]
fn a_one_mebibyte_header_is_refused_and_the_server_lives_on() {
    let server = start(&[]);
    let mut stream = connect(server.addr);
    let mut request = b"GET /health HTTP/1.1\r\nHost: x\r\nX-Filler: ".to_vec();
    request.resize(request.len() + (1 << 20), b'a');
    request.extend_from_slice(b"\r\n\r\n");
    // The server answers after ~24 KiB and stops reading: the rest of the
    // write may fail, and the answer may be lost to a reset. Either way, a
    // response that does arrive must be the refusal.
    let _ = stream.write_all(&request);
    if let Some(reply) = read_reply(&mut stream) {
        assert_eq!(reply.status, 431, "{reply:?}");
    }

    let long_line = format!("GET /{} HTTP/1.1\r\nHost: x\r\n\r\n", "a".repeat(100_000));
    let mut stream = connect(server.addr);
    let _ = stream.write_all(long_line.as_bytes());
    if let Some(reply) = read_reply(&mut stream) {
        assert_eq!(reply.status, 414, "{reply:?}");
    }

    assert_eq!(get(server.addr, "/health", "").status, 200);
}

#[test]
fn a_silent_client_times_out_while_others_are_served() {
    let server = start(&[]);
    let mut silent = connect(server.addr);
    // While it holds a worker, the others answer.
    for _ in 0..3 {
        assert_eq!(get(server.addr, "/health", "").status, 200);
    }
    // The server gives up on it after its read timeout (5 s) with a 408.
    let reply = read_reply(&mut silent).expect("the server answers the silent client");
    assert_eq!(reply.status, 408, "{reply:?}");
}

#[test]
fn every_error_description_is_a_safe_quoted_string() {
    // RFC 6750 §3: error_description is NQSCHAR, %x20-21 / %x23-5B / %x5D-7E.
    for kind in barejwt::ErrorKind::ALL {
        let description = bearer::describe(kind);
        assert!(description.starts_with(kind.as_str()), "{description}");
        assert_eq!(bearer::quotable(&description), description);
    }
    assert_eq!(bearer::quotable("a\"b\\c\r\nd\u{e9}"), "a?b?c??d?");
}

#[test]
fn the_authorization_parser_follows_rfc_6750_section_2_1() {
    use bearer::Credentials::{Bearer, Malformed, Missing, OtherScheme};
    assert_eq!(bearer::credentials(None), Missing);
    assert_eq!(bearer::credentials(Some(b"Bearer a.b.c")), Bearer("a.b.c"));
    assert_eq!(
        bearer::credentials(Some(b"BEARER  a-_~+/=")),
        Bearer("a-_~+/=")
    );
    assert_eq!(bearer::credentials(Some(b"Basic abc")), OtherScheme);
    assert_eq!(bearer::credentials(Some(b"Negotiate")), OtherScheme);
    for malformed in [
        &b"Bearer"[..],
        b"Bearer ",
        b"Bearer =abc",
        b"Bearer a b",
        b"Bearer a\tb",
        b"Bearer\ta",
        b"Bear\xc3\xa9r abc",
        b"",
    ] {
        assert!(
            matches!(bearer::credentials(Some(malformed)), Malformed(_)),
            "{:?}",
            String::from_utf8_lossy(malformed)
        );
    }
}

#[test]
fn a_trickling_client_is_cut_off_at_the_request_deadline() {
    // One byte every 300 ms never trips the 5 s read timeout, but the whole
    // request must arrive within 10 s.
    let server = start(&[]);
    let mut reader = connect(server.addr);
    let mut writer = reader.try_clone().expect("a second handle");
    let trickle = thread::spawn(move || {
        let started = Instant::now();
        if writer
            .write_all(b"GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            .is_err()
        {
            return;
        }
        while started.elapsed() < Duration::from_secs(20) {
            if writer.write_all(b"a").is_err() {
                return;
            }
            thread::sleep(Duration::from_millis(300));
        }
    });
    reader
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    let reply = read_reply(&mut reader).expect("the server answers the trickling client");
    assert_eq!(reply.status, 408, "{reply:?}");
    drop(reader);
    trickle.join().expect("the writer ends");
}
