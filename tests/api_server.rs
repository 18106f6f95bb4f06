//! End-to-end tests of `examples/api_server`, the resource server that
//! verifies with the issuer's published JWK Set: against the real token
//! server, and against a fake issuer (`tests/servers/mod.rs`) whose
//! answers the tests control (slow, malformed, oversize, down). Only
//! 127.0.0.1; every wait is bounded.

mod servers;

use barejwt::crypto::rand::{OsRandom, RandomSource};
use barejwt::json::{Number, Object, Value};
use barejwt::{sign_with_header, verify, Algorithm, AsymmetricKey, HeaderFields, Jwk, JwkSet};
use barejwt::{Error, Validation};
use servers::{
    bearer, get, jwks, kid_of, kids, now, rotate, token_for, wait_until, Answer, FakeIssuer, Reply,
    Server, AUDIENCE, ISSUER, JWKS_PATH,
};
use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant};

// The example's RFC 6750 texts, to compare with.
#[allow(dead_code)]
#[path = "../examples/token_server/bearer.rs"]
mod bearer_rs;
// Its HTTP client, for the URL and Cache-Control readers (it uses the
// shared http.rs).
#[allow(dead_code)]
#[path = "../examples/api_server/fetch.rs"]
mod fetch;
#[allow(dead_code)]
#[path = "../examples/token_server/http.rs"]
mod http;

const REALM: &str = "api_server";

fn start_api(jwks_url: &str, args: &[&str]) -> Server {
    let mut all = vec!["--jwks-url", jwks_url];
    all.extend_from_slice(args);
    servers::start("api_server", &all, &[])
}

fn start_issuer(args: &[&str]) -> Server {
    let mut all = vec!["--iterations", "1000"];
    all.extend_from_slice(args);
    servers::start("token_server", &all, &[])
}

fn jwks_url(issuer: SocketAddr) -> String {
    format!("http://{issuer}{JWKS_PATH}")
}

fn status(api: SocketAddr) -> Object {
    let reply = get(api, "/status", "");
    assert_eq!(reply.status, 200, "{reply:?}");
    reply.json()
}

fn count(status: &Object, name: &str) -> u64 {
    status
        .get(name)
        .and_then(|v| v.as_number()?.as_u64())
        .unwrap_or_else(|| panic!("no count {name} in {status:?}"))
}

fn protected(api: SocketAddr, token: &str) -> Reply {
    get(api, "/protected", &bearer(token))
}

/// Asserts a 401 whose description is the library's message for `token`
/// verified with `set` (at a second in `from..=to`), and returns it.
fn assert_refused_like_the_library(
    reply: &Reply,
    token: &str,
    set: &JwkSet,
    from: u64,
    to: u64,
) -> String {
    assert_eq!(reply.status, 401, "{reply:?}");
    assert_eq!(reply.string("error"), "invalid_token");
    let (error, description) = reply.challenge_error(REALM);
    assert_eq!(error, "invalid_token");
    let expected: Vec<(String, String)> = (from..=to)
        .map(|at| {
            let rules = validation().now(at);
            let refusal: Error = verify(token, set, &rules).expect_err("refused");
            (refusal.to_string(), bearer_rs::describe(&refusal))
        })
        .collect();
    let shown = (reply.string("error_description"), description);
    assert!(expected.contains(&shown), "{shown:?} not in {expected:?}");
    shown.0
}

fn validation() -> Validation {
    Validation::new(&[Algorithm::EdDsa, Algorithm::Es256, Algorithm::Rs256])
        .issuer(ISSUER)
        .audience(AUDIENCE)
}

/// A key of the test's own, as a fake issuer publishes it.
struct TestKey {
    key: AsymmetricKey,
    kid: String,
}

impl TestKey {
    fn new() -> TestKey {
        let key = AsymmetricKey::generate(Algorithm::EdDsa, &mut OsRandom).expect("a key");
        let kid = key.thumbprint();
        TestKey { key, kid }
    }

    fn jwk(&self) -> Jwk {
        Jwk::public_signing(&self.key, Algorithm::EdDsa).expect("a public JWK")
    }

    /// A token for `sub` signed by this key, with header `kid`.
    fn token_with_kid(&self, kid: &str) -> String {
        let mut claims = Object::new();
        claims.insert("iss", Value::String(ISSUER.into()));
        claims.insert("aud", Value::String(AUDIENCE.into()));
        claims.insert("sub", Value::String("carol".into()));
        claims.insert("exp", Value::Number(Number::from_u64(now() + 600)));
        let signing = self.key.key(Algorithm::EdDsa).expect("bound");
        sign_with_header(&signing, &HeaderFields::new().kid(kid), &claims).expect("signed")
    }

    fn token(&self) -> String {
        self.token_with_kid(&self.kid)
    }
}

fn set_of(keys: &[&TestKey]) -> String {
    JwkSet::from_keys(keys.iter().map(|k| k.jwk())).to_public_json()
}

fn random_kid() -> String {
    let mut bytes = [0u8; 12];
    OsRandom.fill_bytes(&mut bytes).expect("random bytes");
    barejwt::base64url::encode(&bytes)
}

#[test]
fn a_token_from_the_issuer_is_accepted_and_a_tampered_one_refused() {
    let issuer = start_issuer(&[]);
    let api = start_api(&jwks_url(issuer.addr), &[]);
    let token = token_for(issuer.addr, "alice");

    let reply = protected(api.addr, &token);
    assert_eq!(reply.status, 200, "{reply:?}");
    let set = JwkSet::parse(jwks(issuer.addr).1.as_bytes()).expect("the issuer's set");
    let verified = verify(&token, &set, &validation()).expect("verifies");
    assert_eq!(
        reply.json().get("claims"),
        Some(&Value::Object(verified.claims().as_object().clone()))
    );

    // A changed signature, and a changed subject under the old signature.
    let (signed, signature) = token.rsplit_once('.').expect("three parts");
    let first = if signature.starts_with('A') { 'B' } else { 'A' };
    let forged = format!("{signed}.{first}{}", &signature[1..]);
    let (header, rest) = token.split_once('.').expect("three parts");
    let (_, signature) = rest.split_once('.').expect("three parts");
    let mut claims = verified.claims().as_object().clone();
    claims.insert("sub", Value::String("mallory".into()));
    let payload = barejwt::base64url::encode(Value::Object(claims).to_json().as_bytes());
    let swapped = format!("{header}.{payload}.{signature}");
    for bad in [forged, swapped] {
        let reply = protected(api.addr, &bad);
        let said = assert_refused_like_the_library(&reply, &bad, &set, now(), now());
        assert!(said.starts_with("invalid_signature: "), "{said}");
    }

    // No token: a challenge without an error code; a malformed one: 400.
    let reply = get(api.addr, "/protected", "");
    assert_eq!(reply.status, 401, "{reply:?}");
    assert_eq!(
        reply.header("WWW-Authenticate"),
        Some("Bearer realm=\"api_server\"")
    );
    let reply = get(api.addr, "/protected", "Authorization: Bearer a b\r\n");
    assert_eq!(reply.status, 400, "{reply:?}");
    // The API server issues nothing.
    assert_eq!(get(api.addr, "/login", "").status, 404);
    assert_eq!(count(&status(api.addr), "fetches"), 1);
}

#[test]
fn a_token_of_the_retired_key_is_accepted_until_it_expires_and_refused_after() {
    let issuer = start_issuer(&["--ttl", "3"]);
    let api = start_api(&jwks_url(issuer.addr), &["--cooldown", "1"]);
    let old = token_for(issuer.addr, "alice");
    rotate(issuer.addr);
    let new = token_for(issuer.addr, "bob");
    assert_ne!(kid_of(&old), kid_of(&new));

    // Both verify; the new key was published one rotation ahead, so the
    // API knew it from its first fetch.
    assert_eq!(protected(api.addr, &old).status, 200);
    assert_eq!(protected(api.addr, &new).status, 200);
    assert_eq!(count(&status(api.addr), "fetches"), 1);

    // The old token expires; its key leaves the issuer's set.
    let old_kid = kid_of(&old);
    assert!(
        wait_until(Duration::from_secs(6), || !kids(&jwks(issuer.addr).1)
            .contains(&old_kid)),
        "the retired key is dropped"
    );
    // The API still caches the old key: the token is refused as expired.
    let cached = JwkSet::parse(jwks(issuer.addr).1.as_bytes()).expect("set");
    let reply = protected(api.addr, &old);
    assert_eq!(reply.status, 401, "{reply:?}");
    assert!(
        reply.string("error_description").starts_with("expired: "),
        "{reply:?}"
    );

    // Another rotation: a kid the API has not seen makes it refetch, and
    // the new set no longer holds the old key at all.
    rotate(issuer.addr);
    let newest = token_for(issuer.addr, "alice");
    thread::sleep(Duration::from_millis(1100)); // the cooldown
    assert_eq!(protected(api.addr, &newest).status, 200);
    assert_eq!(count(&status(api.addr), "fetches"), 2);
    let reply = protected(api.addr, &old);
    let set = JwkSet::parse(jwks(issuer.addr).1.as_bytes()).expect("set");
    let said = assert_refused_like_the_library(&reply, &old, &set, now(), now());
    assert!(said.starts_with("unknown_key: "), "{said}");
    drop(cached);
}

#[test]
fn when_the_issuer_is_stopped_the_api_keeps_verifying_with_cached_keys() {
    // The set is fresh for one second only, so every request after that
    // wants a refetch (at most one per one-second cooldown).
    let issuer = start_issuer(&["--jwks-max-age", "1"]);
    let api = start_api(&jwks_url(issuer.addr), &["--cooldown", "1"]);
    let token = token_for(issuer.addr, "alice");
    assert_eq!(protected(api.addr, &token).status, 200);
    issuer.stop();

    thread::sleep(Duration::from_millis(1200));
    for _ in 0..5 {
        let reply = protected(api.addr, &token);
        assert_eq!(reply.status, 200, "{reply:?}");
    }
    // One refetch failed at once (nobody listens) and the cooldown held
    // back the rest; five requests take far less than a second, but a slow
    // machine may let a second refetch through.
    let shown = status(api.addr);
    let fetches = count(&shown, "fetches");
    assert!((2..=3).contains(&fetches), "{shown:?}");
    assert_eq!(count(&shown, "failed_fetches"), fetches - 1, "{shown:?}");
    assert!(
        shown
            .get("last_error")
            .and_then(Value::as_str)
            .is_some_and(|e| e.contains("connect")),
        "{shown:?}"
    );
    assert!(
        api.log().contains("keeping the 2 key(s) we have"),
        "{}",
        api.log()
    );
}

#[test]
fn a_thousand_random_kids_cause_at_most_one_fetch_per_cooldown() {
    let key = TestKey::new();
    let issuer = FakeIssuer::start(Answer::Set {
        body: set_of(&[&key]),
        max_age_secs: 300,
    });
    let api = start_api(&issuer.url(), &["--cooldown", "1"]);
    assert_eq!(issuer.fetches(), 1, "one fetch at start");

    // 4 clients, 250 requests each, every token with a fresh random kid,
    // spread over about 2.5 s (10 ms apart per client) so that the flood
    // spans several cooldowns; it starts once the cooldown of the first
    // fetch has passed.
    thread::sleep(Duration::from_millis(1050));
    let started = Instant::now();
    let api_addr = api.addr;
    let key = Arc::new(key);
    let clients: Vec<_> = (0..4)
        .map(|_| {
            let key = Arc::clone(&key);
            thread::spawn(move || {
                let mut refused = 0;
                for _ in 0..250 {
                    let reply = protected(api_addr, &key.token_with_kid(&random_kid()));
                    thread::sleep(Duration::from_millis(10));
                    if reply.status == 401
                        && reply
                            .string("error_description")
                            .starts_with("unknown_key: ")
                    {
                        refused += 1;
                    }
                }
                refused
            })
        })
        .collect();
    let refused: u32 = clients.into_iter().map(|c| c.join().expect("client")).sum();
    let elapsed = started.elapsed();
    assert_eq!(refused, 1000, "every random kid is an unknown key");

    // The one at start, then at most one per cooldown (1 s) of the flood:
    // fetches at least 1 s apart within `elapsed`.
    let fetches = issuer.fetches();
    let allowed = 1 + (elapsed.as_secs_f64().floor() as usize + 1);
    let shown = status(api.addr);
    println!(
        "flood: 1000 requests with random kids in {:.2} s: {fetches} fetches of the JWK Set \
         (1 at start; at most {allowed} allowed with a 1 s cooldown), {} refetches held back, \
         {} joined another request's fetch",
        elapsed.as_secs_f64(),
        count(&shown, "held_back_by_cooldown"),
        count(&shown, "joined_another_fetch")
    );
    assert!(fetches <= allowed, "{fetches} fetches in {elapsed:?}");
    // And an unknown kid does make it refetch, once per cooldown.
    assert!(
        fetches > elapsed.as_secs_f64().floor() as usize,
        "{fetches} fetches in {elapsed:?}"
    );
    assert_eq!(count(&shown, "fetches") as usize, fetches);
    // Every one of the 1000 unknown kids wanted a refetch: it was sent,
    // held back by the cooldown, or used another request's fetch.
    let (held_back, joined) = (
        count(&shown, "held_back_by_cooldown"),
        count(&shown, "joined_another_fetch"),
    );
    assert_eq!(fetches as u64 - 1 + held_back + joined, 1000, "{shown:?}");
    // The real key still works.
    assert_eq!(protected(api.addr, &key.token()).status, 200);
}

#[test]
fn a_malformed_oversize_or_slow_jwk_set_keeps_the_old_keys_within_the_deadline() {
    let key = TestKey::new();
    let good = set_of(&[&key]);
    let issuer = FakeIssuer::start(Answer::Set {
        body: good.clone(),
        max_age_secs: 300,
    });
    let api = start_api(&issuer.url(), &["--cooldown", "1", "--fetch-timeout", "1"]);
    let deadline = Duration::from_millis(2500); // the 1 s fetch, and margin
    let newcomer = TestKey::new();
    let oversize = format!(r#"{{"keys":[],"pad":"{}"}}"#, "x".repeat(100 * 1024));
    let cases = [
        (
            Answer::Raw {
                content_type: "application/json",
                body: br#"{"keys":[{"kty":"OKP""#.to_vec(),
            },
            "not a JWK Set",
        ),
        (
            Answer::Raw {
                content_type: "application/json",
                body: oversize.into_bytes(),
            },
            "over the limit",
        ),
        (
            Answer::Raw {
                content_type: "text/html",
                body: good.clone().into_bytes(),
            },
            "not a JWK Set",
        ),
        (
            Answer::Set {
                body: r#"{"keys":[]}"#.into(),
                max_age_secs: 300,
            },
            "no usable key",
        ),
        (Answer::Status(500), "answered 500"),
        (
            Answer::Slow {
                body: set_of(&[&key, &newcomer]),
            },
            "timed out",
        ),
    ];
    for (answer, why) in cases {
        issuer.set_answer(answer.clone());
        thread::sleep(Duration::from_millis(1050)); // the cooldown
        let fetches = issuer.fetches();
        // A token with a kid the API has not seen makes it refetch.
        let unknown = newcomer.token();
        let api_addr = api.addr;
        let asking = thread::spawn(move || {
            let started = Instant::now();
            (protected(api_addr, &unknown), started.elapsed())
        });
        // Meanwhile, a token of the cached key answers at once.
        thread::sleep(Duration::from_millis(200));
        let started = Instant::now();
        let reply = protected(api.addr, &key.token());
        assert_eq!(reply.status, 200, "{answer:?}: {reply:?}");
        assert!(started.elapsed() < Duration::from_millis(800), "{answer:?}");

        let (reply, took) = asking.join().expect("the client");
        assert_eq!(reply.status, 401, "{answer:?}: {reply:?}");
        assert!(took < deadline, "{answer:?}: answered after {took:?}");
        assert_eq!(issuer.fetches(), fetches + 1, "{answer:?}: one refetch");
        let shown = status(api.addr);
        let last_error = shown
            .get("last_error")
            .and_then(Value::as_str)
            .unwrap_or("");
        assert!(last_error.contains(why), "{answer:?}: {last_error:?}");
        // The old key is still there.
        assert_eq!(protected(api.addr, &key.token()).status, 200, "{answer:?}");
    }
    // A good set again: the newcomer's key is taken.
    issuer.set_answer(Answer::Set {
        body: set_of(&[&key, &newcomer]),
        max_age_secs: 300,
    });
    thread::sleep(Duration::from_millis(1050));
    assert_eq!(protected(api.addr, &newcomer.token()).status, 200);
    let shown = status(api.addr);
    assert_eq!(count(&shown, "failed_fetches"), 6, "{shown:?}");
}

#[test]
fn an_api_started_while_the_issuer_is_down_answers_503_until_it_is_up() {
    // A port nobody listens on (bound, then released).
    let free = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = free.local_addr().expect("address");
    drop(free);
    let api = start_api(&jwks_url(addr), &["--cooldown", "1"]);
    let key = TestKey::new();
    let reply = protected(api.addr, &key.token());
    assert_eq!(reply.status, 503, "{reply:?}");
    assert_eq!(reply.header("Retry-After"), Some("1"));
    assert_eq!(reply.string("error"), "temporarily_unavailable");
    assert!(api.log().contains("starting without keys"), "{}", api.log());

    let issuer = FakeIssuer::start_at(
        addr,
        Answer::Set {
            body: set_of(&[&key]),
            max_age_secs: 300,
        },
    );
    thread::sleep(Duration::from_millis(1050));
    assert!(
        wait_until(Duration::from_secs(5), || protected(api.addr, &key.token())
            .status
            == 200),
        "the API fetches the set once the issuer is up"
    );
    assert!(issuer.fetches() >= 1);
}

#[test]
fn hmac_algorithms_and_https_urls_are_refused_at_start() {
    for (args, message) in [
        (
            &["--algs", "EdDSA,HS256"][..],
            "needs the issuer's shared secret",
        ),
        (
            &["--jwks-url", "https://issuer.example/jwks.json"][..],
            "https is not available on std alone",
        ),
        (&["--cooldown", "0"][..], "--cooldown must be 1..=3600"),
    ] {
        let (code, stderr) = servers::refused_at_start("api_server", args, &[]);
        assert_eq!(code, Some(2), "{args:?}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
}

#[test]
fn cache_control_max_age_is_read_as_rfc_9111_says() {
    assert_eq!(fetch::max_age("public, max-age=60"), Some(60));
    assert_eq!(fetch::max_age("max-age=\"30\", must-revalidate"), Some(30));
    assert_eq!(fetch::max_age("Max-Age=5"), Some(5));
    assert_eq!(fetch::max_age("no-store"), Some(0));
    assert_eq!(fetch::max_age("max-age=600, no-cache"), Some(0));
    assert_eq!(fetch::max_age("public"), None);
    assert_eq!(fetch::max_age("max-age=-1"), None);
    assert_eq!(
        fetch::max_age("max-age=99999999999999999999999"),
        Some(u64::MAX)
    );
}

#[test]
fn only_plain_http_urls_with_a_host_are_taken() {
    for (text, shown) in [
        (
            "http://127.0.0.1:8080/.well-known/jwks.json",
            "http://127.0.0.1:8080/.well-known/jwks.json",
        ),
        ("http://[::1]:9000/keys?v=2", "http://[::1]:9000/keys?v=2"),
        ("http://issuer.example", "http://issuer.example/"),
    ] {
        let url = fetch::Url::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(url.to_string(), shown);
    }
    for bad in [
        "https://issuer.example/jwks.json",
        "ftp://issuer.example/",
        "http://user@issuer.example/",
        "http://issuer.example/#frag",
        "http://issuer.example:99999/",
        "http:///jwks.json",
        "http://issuer.example/a b",
    ] {
        assert!(fetch::Url::parse(bad).is_err(), "{bad}");
    }
}
