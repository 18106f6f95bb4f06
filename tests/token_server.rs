//! End-to-end tests of `examples/token_server`: the built example is started
//! on an ephemeral loopback port and spoken to over TCP (helpers in
//! `tests/servers/mod.rs`). The HS256 mode first, then the public-key mode:
//! the JWK Set, its keys, rotation.

mod servers;

use barejwt::json::{self, Value};
use barejwt::{verify, Algorithm, AsymmetricKey, Error, JwkSet, Key, Validation};
use servers::{
    bearer, connect, exchange, get, jwks, kid_of, kids, login, now, post_json, read_reply,
    refused_at_start, rotate, token_for, wait_until, Reply, Server, AUDIENCE, ISSUER,
};
use std::io::Write;
use std::thread;
use std::time::{Duration, Instant};

// The bearer.rs module of the example, for its header parser and texts.
#[allow(dead_code)]
#[path = "../examples/token_server/bearer.rs"]
mod bearer;

const DEFAULT_TTL: u64 = 900;
const REALM: &str = "token_server";

/// The 32-byte HS256 secret shared by the tests and the servers they start.
const SECRET: &[u8; 32] = b"token-server-integration-tests!!";

fn secret_b64() -> String {
    barejwt::base64url::encode(SECRET)
}

/// Starts the server in HS256 mode with the test secret, cheap hashes and
/// `args`.
fn start(args: &[&str]) -> Server {
    let secret = secret_b64();
    let mut all = vec!["--alg", "HS256", "--iterations", "1000"];
    all.extend_from_slice(args);
    servers::start("token_server", &all, &[("BAREJWT_SECRET", &secret)])
}

/// Starts the server in a public-key mode (no secret), cheap hashes.
fn start_public(args: &[&str]) -> Server {
    let mut all = vec!["--iterations", "1000"];
    all.extend_from_slice(args);
    servers::start("token_server", &all, &[])
}

fn token_for_alice(addr: std::net::SocketAddr) -> String {
    token_for(addr, "alice")
}

fn validation() -> Validation {
    Validation::new(&[Algorithm::Hs256])
        .issuer(ISSUER)
        .audience(AUDIENCE)
}

/// What `/protected` must say of a refused token: the library's own
/// message, verified here with the same keys and rules at each second the
/// request may have been judged in (`from..=to`).
fn library_descriptions(
    token: &str,
    keys: &impl barejwt::KeyResolver,
    rules: &Validation,
    from: u64,
    to: u64,
) -> Vec<(String, String)> {
    (from..=to)
        .map(|at| {
            let refusal: Error = verify(token, keys, &rules.clone().now(at))
                .expect_err("the library refuses the token too");
            (refusal.to_string(), bearer::describe(&refusal))
        })
        .collect()
}

/// Asserts a 401 invalid_token whose body and challenge carry one of the
/// library's messages.
fn assert_refused_in_library_words(reply: &Reply, expected: &[(String, String)]) {
    assert_eq!(reply.status, 401, "{reply:?}");
    assert_eq!(reply.string("error"), "invalid_token");
    let (error, description) = reply.challenge_error(REALM);
    assert_eq!(error, "invalid_token");
    let shown = (reply.string("error_description"), description);
    assert!(expected.contains(&shown), "{shown:?} not in {expected:?}");
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
    let secret = secret_b64();
    let (code, stderr) = refused_at_start(
        "token_server",
        &["--alg", "HS256", "--ttl", "100000"],
        &[("BAREJWT_SECRET", &secret)],
    );
    assert_eq!(code, Some(2));
    assert!(stderr.contains("--ttl must be 1..=86400"), "{stderr}");
}

#[test]
fn a_short_secret_is_refused_at_start() {
    let short = barejwt::base64url::encode(&SECRET[..31]);
    let (code, stderr) = refused_at_start(
        "token_server",
        &["--alg", "HS256"],
        &[("BAREJWT_SECRET", &short)],
    );
    assert_eq!(code, Some(1));
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

    let key = Key::hs256(SECRET).expect("key");
    for bad in [forged, swapped] {
        let reply = get(server.addr, "/protected", &bearer(&bad));
        // The library's own words, which name the signature.
        let expected = library_descriptions(&bad, &key, &validation(), now(), now());
        assert!(
            expected[0].0.starts_with("invalid_signature: "),
            "{expected:?}"
        );
        assert_refused_in_library_words(&reply, &expected);
    }
}

#[test]
fn an_expired_token_is_refused_as_expired() {
    // One server whose clock runs an hour behind issues a 15-minute token:
    // by the other server's clock it expired 45 minutes ago.
    let past = start(&["--now-offset", "-3600"]);
    let present = start(&[]);
    let token = token_for_alice(past.addr);
    let before = now();
    let reply = get(present.addr, "/protected", &bearer(&token));
    let key = Key::hs256(SECRET).expect("key");
    let expected = library_descriptions(&token, &key, &validation(), before, now());
    assert!(expected[0].0.starts_with("expired: "), "{expected:?}");
    assert_refused_in_library_words(&reply, &expected);
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
    let nqschar = |c: char| matches!(c, '\x20'..='\x21' | '\x23'..='\x5b' | '\x5d'..='\x7e');
    for kind in barejwt::ErrorKind::ALL {
        // A reason as hostile as the library's may get: quotes, a
        // backslash, controls, non-ASCII, a section sign.
        let refusal = Error::new(kind, "kid \"x\\y\"\r\n\u{e9} (RFC 7519 \u{a7}4.1.4)");
        let description = bearer::describe(&refusal);
        assert!(description.starts_with(kind.as_str()), "{description}");
        assert!(description.chars().all(nqschar), "{description}");
        assert!(
            description.ends_with("kid 'x?y'??? (RFC 7519 section 4.1.4)"),
            "{description}"
        );
        assert_eq!(bearer::quotable(&description), description);
    }
    assert_eq!(bearer::quotable("a\"b\\c\r\nd\u{e9}"), "a'b?c??d?");
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

// ---- The public-key mode: keys published, rotated, never secret ----

/// The published set of a public-key server, checked as every reply of
/// `/.well-known/jwks.json` must be: the JWK Set media type, cacheable for
/// `max_age` seconds, public members only, each `kid` the key's RFC 7638
/// thumbprint, the `alg` given, `use` `sig`.
fn published(addr: std::net::SocketAddr, alg: &str, max_age: u64) -> JwkSet {
    let (reply, text) = jwks(addr);
    assert_eq!(
        reply.header("Content-Type"),
        Some("application/jwk-set+json")
    );
    assert_eq!(
        reply.header("Cache-Control"),
        Some(format!("public, max-age={max_age}").as_str())
    );
    for private in [
        "\"d\"", "\"p\"", "\"q\"", "\"dp\"", "\"dq\"", "\"qi\"", "\"k\"",
    ] {
        assert!(!text.contains(private), "{private} published: {text}");
    }
    let set = JwkSet::parse(text.as_bytes()).expect("a JWK Set");
    assert_eq!(set.skipped(), 0, "{text}");
    for jwk in set.keys() {
        let key = jwk
            .asymmetric_key()
            .expect("a public key")
            .expect("a usable public key");
        assert!(!key.is_private());
        assert_eq!(jwk.kid(), Some(key.thumbprint().as_str()), "{text}");
        assert_eq!(jwk.alg(), Some(alg), "{text}");
        assert_eq!(jwk.use_(), Some("sig"), "{text}");
    }
    set
}

fn public_validation(alg: Algorithm) -> Validation {
    Validation::new(&[alg]).issuer(ISSUER).audience(AUDIENCE)
}

#[test]
fn by_default_tokens_are_eddsa_with_the_thumbprint_as_kid_and_verify_with_the_published_set() {
    let server = start_public(&["--jwks-max-age", "60"]);
    assert!(
        server
            .log()
            .contains("generated a private key for EdDSA for this run only"),
        "the generated key is announced: {}",
        server.log()
    );
    let set = published(server.addr, "EdDSA", 60);
    // The signing key, and the next one published ahead of its turn.
    assert_eq!(set.len(), 2);
    let token = token_for_alice(server.addr);
    let rules = public_validation(Algorithm::EdDsa);
    let verified = verify(&token, &set, &rules).expect("verifies with the published set");
    assert_eq!(verified.header().alg(), "EdDSA");
    assert_eq!(verified.header().kid(), set.keys()[0].kid());
    assert_eq!(verified.claims().sub(), Some("alice"));
    // The server's own /protected verifies it the same way.
    let reply = get(server.addr, "/protected", &bearer(&token));
    assert_eq!(reply.status, 200, "{reply:?}");
    assert_eq!(&reply.json(), verified.claims().as_object());
    // HS256 tokens are not accepted by a public-key server, in the
    // library's words.
    let hs = barejwt::sign(
        &Key::hs256(SECRET).expect("key"),
        verified.claims().as_object(),
    )
    .expect("signs");
    let reply = get(server.addr, "/protected", &bearer(&hs));
    let expected = library_descriptions(&hs, &set, &rules, now(), now());
    assert!(
        expected[0].0.starts_with("algorithm_not_allowed: "),
        "{expected:?}"
    );
    assert_refused_in_library_words(&reply, &expected);
}

#[test]
fn es256_and_rs256_are_a_flag_away() {
    for (flag, alg) in [("ES256", Algorithm::Es256), ("RS256", Algorithm::Rs256)] {
        let server = start_public(&["--alg", flag]);
        let set = published(server.addr, flag, 300);
        let token = token_for_alice(server.addr);
        let verified = verify(&token, &set, &public_validation(alg)).expect("verifies");
        assert_eq!(verified.header().alg(), flag);
        assert_eq!(get(server.addr, "/protected", &bearer(&token)).status, 200);
    }
}

#[test]
fn a_key_file_gives_the_first_key_and_its_thumbprint() {
    let key = AsymmetricKey::generate(Algorithm::Es256, &mut barejwt::crypto::rand::OsRandom)
        .expect("a key");
    let dir = std::env::temp_dir().join(format!("barejwt-token-server-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    let path = dir.join("es256.pem");
    std::fs::write(&path, key.private_key_pem().expect("PEM")).expect("write the key");
    let path_text = path.to_str().expect("a UTF-8 path");

    let server = start_public(&["--alg", "ES256", "--key-file", path_text]);
    let token = token_for_alice(server.addr);
    assert_eq!(kid_of(&token), key.thumbprint());
    let public = key.key(Algorithm::Es256).expect("bound");
    verify(&token, &public, &public_validation(Algorithm::Es256)).expect("the file's key signed");
    drop(server);

    // A key file that does not fit --alg is refused at start.
    let (code, stderr) = refused_at_start(
        "token_server",
        &["--alg", "EdDSA", "--key-file", path_text],
        &[],
    );
    assert_eq!(code, Some(1));
    assert!(stderr.contains("does not fit --alg EdDSA"), "{stderr}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn rotation_signs_with_the_published_next_key_and_keeps_the_retired_one_until_its_tokens_expire() {
    let server = start_public(&["--ttl", "2"]);
    let before = kids(&jwks(server.addr).1);
    let old_token = token_for_alice(server.addr);
    assert_eq!(kid_of(&old_token), before[0]);

    let rotated = rotate(server.addr);
    let new_kid = rotated.get("kid").and_then(Value::as_str).expect("kid");
    assert_eq!(
        new_kid, before[1],
        "the next key, published ahead, signs now"
    );
    assert_eq!(
        rotated.get("retired_kid").and_then(Value::as_str),
        Some(before[0].as_str())
    );
    let new_token = token_for_alice(server.addr);
    assert_eq!(kid_of(&new_token), new_kid);
    // Current, a fresh next key, and the retired one.
    let after = kids(&jwks(server.addr).1);
    assert_eq!(after.len(), 3, "{after:?}");
    assert_eq!((&after[0], &after[2]), (&before[1], &before[0]));
    assert_eq!(
        get(server.addr, "/protected", &bearer(&old_token)).status,
        200
    );
    assert_eq!(
        get(server.addr, "/protected", &bearer(&new_token)).status,
        200
    );

    // Once the old token has expired, its key leaves the set.
    assert!(
        wait_until(Duration::from_secs(5), || !kids(&jwks(server.addr).1)
            .contains(&before[0])),
        "the retired key is dropped after its last token expired"
    );
    let reply = get(server.addr, "/protected", &bearer(&old_token));
    assert_eq!(reply.status, 401, "{reply:?}");
    assert!(server
        .log()
        .contains("is retired, it stays published until"));
}

#[test]
fn a_retired_key_that_signed_nothing_is_dropped_at_once() {
    let server = start_public(&[]);
    let before = kids(&jwks(server.addr).1);
    let rotated = rotate(server.addr);
    assert_eq!(
        rotated
            .get("retired_until")
            .and_then(|v| v.as_number()?.as_u64()),
        Some(0)
    );
    let after = kids(&jwks(server.addr).1);
    assert_eq!(after.len(), 2, "{after:?}");
    assert!(!after.contains(&before[0]));
}

#[test]
fn keys_rotate_on_schedule() {
    let server = start_public(&["--rotate-every", "1", "--ttl", "2"]);
    let first = kids(&jwks(server.addr).1)[0].clone();
    assert!(
        wait_until(Duration::from_secs(5), || kids(&jwks(server.addr).1)[0]
            != first),
        "a new key signs within the schedule"
    );
    assert!(server.log().contains("token_server: rotated: kid"));
}

#[test]
fn the_key_set_is_bounded_and_rotation_refused_beyond_it() {
    // 100 s tokens rotated every second would keep ~100 keys published.
    let (code, stderr) = refused_at_start(
        "token_server",
        &["--rotate-every", "1", "--ttl", "100"],
        &[],
    );
    assert_eq!(code, Some(2));
    assert!(stderr.contains("at most 16"), "{stderr}");
    // On request: each rotation keeps a retired key with a live token.
    let server = start_public(&[]);
    let mut refused = None;
    for round in 0..20 {
        token_for_alice(server.addr);
        let reply = post_json(server.addr, "/rotate", "");
        if reply.status != 200 {
            refused = Some((round, reply));
            break;
        }
    }
    let (round, reply) = refused.expect("a rotation is refused before 20");
    assert_eq!(reply.status, 409, "{reply:?}");
    assert_eq!(reply.string("error"), "rotation_refused");
    assert_eq!(round, 14, "current + next + 14 retired = 16 keys");
    assert_eq!(kids(&jwks(server.addr).1).len(), 16);
}

#[test]
fn the_hs256_mode_publishes_nothing_and_a_secret_never_meets_a_private_key() {
    let server = start(&[]);
    for (method, reply) in [
        ("GET", get(server.addr, servers::JWKS_PATH, "")),
        ("POST", post_json(server.addr, "/rotate", "")),
    ] {
        assert_eq!(reply.status, 404, "{method}: {reply:?}");
        assert!(
            reply.string("error_description").contains("HS256"),
            "{reply:?}"
        );
    }
    // BAREJWT_SECRET with a public-key algorithm: refused, not ignored.
    let secret = secret_b64();
    let (code, stderr) = refused_at_start("token_server", &[], &[("BAREJWT_SECRET", &secret)]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("BAREJWT_SECRET is set, but --alg EdDSA"),
        "{stderr}"
    );
}
