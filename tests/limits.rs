//! Every input limit at its edge: exactly at the limit passes, one over
//! fails with the documented kind. The defaults are those written in
//! `validate/`, `json/parse.rs`, `token.rs`, `jwk/` and SECURITY.md.

use barejwt::json::{self, Limits, Object, Value};
use barejwt::{
    base64url, verify, Algorithm, ErrorKind, JwkSet, Key, KeyPolicy, Validation,
    DEFAULT_MAX_HEADER_LEN, DEFAULT_MAX_TOKEN_LEN,
};

const SECRET: &[u8; 32] = b"limits-test-secret-of-32-bytes!!";
const NOW: u64 = 1_700_000_000;

fn key() -> Key {
    Key::hs256(SECRET).unwrap()
}

fn hs256() -> Validation {
    Validation::new(&[Algorithm::Hs256]).now(NOW)
}

/// A token over the exact header and payload texts, signed with HS256.
fn raw_token(header: &str, payload: &str) -> String {
    let mut t = base64url::encode(header.as_bytes());
    t.push('.');
    t.push_str(&base64url::encode(payload.as_bytes()));
    let tag = barejwt::hmac::HmacSha256::new(SECRET).mac(t.as_bytes());
    t.push('.');
    t.push_str(&base64url::encode(&tag));
    t
}

fn kind_of(token: &str, v: &Validation) -> Result<(), ErrorKind> {
    verify(token, &key(), v).map(|_| ()).map_err(|e| e.kind())
}

/// `{"alg":"HS256","x":"aaa…"}` padded so that it is exactly `len` bytes.
fn header_of_len(len: usize) -> String {
    let base = r#"{"alg":"HS256","x":""}"#.len();
    format!(r#"{{"alg":"HS256","x":"{}"}}"#, "a".repeat(len - base))
}

/// A valid claims text padded with a filler member to exactly `len` bytes.
fn claims_of_len(len: usize) -> String {
    let base = r#"{"exp":1700000100,"x":""}"#.len();
    format!(r#"{{"exp":1700000100,"x":"{}"}}"#, "a".repeat(len - base))
}

/// An object text with `n` members `"m0":0,"m1":0,…` (plus `extra` first).
fn object_with_members(extra: &str, n: usize) -> String {
    let mut s = String::from("{");
    s.push_str(extra);
    for i in 0..n {
        if i > 0 || !extra.is_empty() {
            s.push(',');
        }
        s.push_str(&format!("\"m{i}\":0"));
    }
    s.push('}');
    s
}

#[test]
fn token_size_limit_at_the_edge() {
    assert_eq!(DEFAULT_MAX_TOKEN_LEN, 65_536);
    // The claims length that makes the token exactly the limit:
    // header (20 characters) . claims . signature (43 characters).
    let h = r#"{"alg":"HS256"}"#;
    let claims_chars = DEFAULT_MAX_TOKEN_LEN - base64url::encoded_len(h.len()) - 2 - 43;
    let n = (0..DEFAULT_MAX_TOKEN_LEN)
        .find(|&n| base64url::encoded_len(n) == claims_chars)
        .expect("an encodable length");
    let exact = raw_token(h, &claims_of_len(n));
    assert_eq!(exact.len(), DEFAULT_MAX_TOKEN_LEN);
    assert_eq!(kind_of(&exact, &hs256()), Ok(()));
    let over = format!("{exact}A");
    assert_eq!(kind_of(&over, &hs256()), Err(ErrorKind::TooLarge));
    // And a configured limit, at its edge.
    let t = raw_token(r#"{"alg":"HS256"}"#, r#"{"exp":1700000100}"#);
    assert_eq!(kind_of(&t, &hs256().max_token_len(t.len())), Ok(()));
    assert_eq!(
        kind_of(&t, &hs256().max_token_len(t.len() - 1)),
        Err(ErrorKind::TooLarge)
    );
}

#[test]
fn header_size_limit_at_the_edge_is_malformed_not_too_large() {
    assert_eq!(DEFAULT_MAX_HEADER_LEN, 16_384);
    let claims = r#"{"exp":1700000100}"#;
    let at = raw_token(&header_of_len(DEFAULT_MAX_HEADER_LEN), claims);
    assert!(at.len() <= DEFAULT_MAX_TOKEN_LEN);
    assert_eq!(kind_of(&at, &hs256()), Ok(()));
    let over = raw_token(&header_of_len(DEFAULT_MAX_HEADER_LEN + 1), claims);
    assert!(over.len() <= DEFAULT_MAX_TOKEN_LEN);
    let err = verify(&over, &key(), &hs256()).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Malformed, "{err}");
    assert!(err.reason().contains("16384"), "{err}");
    // A configured limit, at its edge.
    let small = raw_token(&header_of_len(100), claims);
    assert_eq!(kind_of(&small, &hs256().max_header_len(100)), Ok(()));
    assert_eq!(
        kind_of(&small, &hs256().max_header_len(99)),
        Err(ErrorKind::Malformed)
    );
}

#[test]
fn json_depth_limit_at_the_edge_in_a_token() {
    // The top-level object is level 1: 63 arrays inside it make 64 levels.
    let at = format!(
        r#"{{"exp":1700000100,"x":{}0{}}}"#,
        "[".repeat(63),
        "]".repeat(63)
    );
    let over = format!(
        r#"{{"exp":1700000100,"x":{}0{}}}"#,
        "[".repeat(64),
        "]".repeat(64)
    );
    let h = r#"{"alg":"HS256"}"#;
    assert_eq!(kind_of(&raw_token(h, &at), &hs256()), Ok(()));
    assert_eq!(
        kind_of(&raw_token(h, &over), &hs256()),
        Err(ErrorKind::Malformed)
    );
    // The same in the header.
    let h_at = format!(
        r#"{{"alg":"HS256","x":{}0{}}}"#,
        "[".repeat(63),
        "]".repeat(63)
    );
    let h_over = format!(
        r#"{{"alg":"HS256","x":{}0{}}}"#,
        "[".repeat(64),
        "]".repeat(64)
    );
    let c = r#"{"exp":1700000100}"#;
    assert_eq!(kind_of(&raw_token(&h_at, c), &hs256()), Ok(()));
    assert_eq!(
        kind_of(&raw_token(&h_over, c), &hs256()),
        Err(ErrorKind::Malformed)
    );
}

#[test]
fn json_depth_is_capped_where_dropping_a_value_is_safe() {
    assert_eq!(json::MAX_SAFE_DEPTH, 1024);
    // A verifier asking for a million levels gets 1,024, so a deep but
    // valid token cannot build a value whose drop overflows the stack.
    let v = hs256().max_json_depth(1_000_000).max_token_len(1 << 20);
    let nest = |n: usize| {
        format!(
            r#"{{"exp":1700000100,"x":{}0{}}}"#,
            "[".repeat(n - 1),
            "]".repeat(n - 1)
        )
    };
    let h = r#"{"alg":"HS256"}"#;
    assert_eq!(kind_of(&raw_token(h, &nest(1024)), &v), Ok(()));
    assert_eq!(
        kind_of(&raw_token(h, &nest(1025)), &v),
        Err(ErrorKind::Malformed)
    );
    // 100,000 levels: refused, on a small stack, without recursion.
    let deep = raw_token(h, &nest(100_000));
    let outcome = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || kind_of(&deep, &v))
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(outcome, Err(ErrorKind::Malformed));
}

#[test]
fn a_value_at_the_safe_depth_drops_clones_and_compares_on_a_default_thread_stack() {
    let text = format!("{}0{}", "[".repeat(1024), "]".repeat(1024));
    let outcome = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024) // Rust's default for spawned threads
        .spawn(move || {
            let limits = Limits::new().with_max_depth(json::MAX_SAFE_DEPTH);
            let value = json::parse_with_limits(text.as_bytes(), &limits).unwrap();
            let copy = value.clone();
            let same = copy == value;
            let printed = format!("{value:?}").len();
            drop(copy);
            drop(value);
            (same, printed > 2048)
        })
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(outcome, (true, true));
}

#[test]
fn json_members_limit_at_the_edge() {
    assert_eq!(json::DEFAULT_MAX_MEMBERS, 1024);
    assert_eq!(Limits::new().max_members, 1024);
    let at = object_with_members("", 1024);
    let over = object_with_members("", 1025);
    assert_eq!(
        json::parse(at.as_bytes())
            .unwrap()
            .as_object()
            .unwrap()
            .len(),
        1024
    );
    let err = json::parse(over.as_bytes()).unwrap_err();
    assert_eq!(err.kind(), json::ErrorKind::TooManyMembers);
    // The offset is the quote of the first member too many: parsing stopped there.
    assert_eq!(&over[err.offset()..err.offset() + 7], "\"m1024\"");
    assert_eq!(
        err.to_string(),
        format!(
            "an object with more than 1024 members at byte {}",
            err.offset()
        )
    );
    // Per object, nested ones included; arrays are not objects.
    let nested = format!(r#"{{"a":{}}}"#, object_with_members("", 3));
    let small = Limits::new().with_max_members(3);
    assert!(json::parse_with_limits(nested.as_bytes(), &small).is_ok());
    let nested_over = format!(r#"{{"a":{}}}"#, object_with_members("", 4));
    assert_eq!(
        json::parse_with_limits(nested_over.as_bytes(), &small)
            .unwrap_err()
            .kind(),
        json::ErrorKind::TooManyMembers
    );
    assert!(json::parse_with_limits(b"[1,2,3,4,5]", &small).is_ok());
    // In a token: malformed, in the header and in the claims.
    let h = r#"{"alg":"HS256"}"#;
    let c_at = object_with_members(r#""exp":1700000100"#, 1023);
    let c_over = object_with_members(r#""exp":1700000100"#, 1024);
    assert_eq!(kind_of(&raw_token(h, &c_at), &hs256()), Ok(()));
    assert_eq!(
        kind_of(&raw_token(h, &c_over), &hs256()),
        Err(ErrorKind::Malformed)
    );
    let h_over = object_with_members(r#""alg":"HS256""#, 1024);
    assert_eq!(
        kind_of(&raw_token(&h_over, r#"{"exp":1700000100}"#), &hs256()),
        Err(ErrorKind::Malformed)
    );
    let v = hs256().max_json_members(2);
    assert_eq!(
        kind_of(&raw_token(h, r#"{"exp":1700000100,"a":1}"#), &v),
        Ok(())
    );
    assert_eq!(
        kind_of(&raw_token(h, r#"{"exp":1700000100,"a":1,"b":2}"#), &v),
        Err(ErrorKind::Malformed)
    );
}

#[test]
fn json_string_length_limit_at_the_edge() {
    assert_eq!(Limits::new().max_string_len, usize::MAX);
    let limits = Limits::new().with_max_string_len(4);
    assert!(json::parse_with_limits(br#"{"abcd":"wxyz"}"#, &limits).is_ok());
    for (input, offset) in [
        (&br#"{"abcde":1}"#[..], 1),
        (br#"{"a":"vwxyz"}"#, 5),
        (br#"["vwxyz"]"#, 1),
    ] {
        let err = json::parse_with_limits(input, &limits).unwrap_err();
        assert_eq!(
            (err.kind(), err.offset()),
            (json::ErrorKind::StringTooLong, offset),
            "{}",
            String::from_utf8_lossy(input)
        );
    }
    // After unescaping: six bytes of text, four of string.
    assert!(json::parse_with_limits(br#"["\u0061bcd"]"#, &limits).is_ok());
    assert_eq!(
        json::parse_with_limits(br#"["\u0061bcde"]"#, &limits)
            .unwrap_err()
            .kind(),
        json::ErrorKind::StringTooLong
    );
}

#[test]
fn aud_entries_limit_at_the_edge_is_invalid_claim() {
    let aud = |n: usize| {
        let mut items: Vec<String> = (1..n).map(|i| format!("\"svc{i}\"")).collect();
        items.push("\"api\"".into());
        format!(r#"{{"exp":1700000100,"aud":[{}]}}"#, items.join(","))
    };
    let h = r#"{"alg":"HS256"}"#;
    let v = hs256().audience("api");
    assert_eq!(kind_of(&raw_token(h, &aud(256)), &v), Ok(()));
    let err = verify(raw_token(h, &aud(257)), &key(), &v).unwrap_err();
    assert_eq!(
        (err.kind(), err.claim()),
        (ErrorKind::InvalidClaim, Some("aud"))
    );
    // Judged with the types, before exp: an expired token with too many
    // audiences is still invalid_claim.
    let expired = aud(257).replace("1700000100", "1");
    assert_eq!(
        kind_of(&raw_token(h, &expired), &v),
        Err(ErrorKind::InvalidClaim)
    );
    assert_eq!(
        kind_of(&raw_token(h, &aud(3)), &v.clone().max_audiences(3)),
        Ok(())
    );
    assert_eq!(
        kind_of(&raw_token(h, &aud(4)), &v.max_audiences(3)),
        Err(ErrorKind::InvalidClaim)
    );
}

#[test]
fn keys_per_set_limit_at_the_edge() {
    let entry = r#"{"kty":"oct","alg":"HS256","k":"AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8"}"#;
    let set = |n: usize| format!(r#"{{"keys":[{}]}}"#, vec![entry; n].join(","));
    assert_eq!(KeyPolicy::new().max_keys, barejwt::jwk::DEFAULT_MAX_KEYS);
    assert_eq!(barejwt::jwk::DEFAULT_MAX_KEYS, 256);
    assert_eq!(JwkSet::parse(set(256).as_bytes()).unwrap().len(), 256);
    assert_eq!(
        JwkSet::parse(set(257).as_bytes()).unwrap_err().kind(),
        ErrorKind::Malformed
    );
}

#[test]
fn limits_hold_in_the_object_model_too() {
    // Object::insert is not limited (the caller builds it), but what a
    // parse returns is: a sanity check that the limits do not leak into
    // values built by hand.
    let mut o = Object::new();
    for i in 0..2000 {
        o.insert(format!("m{i}"), Value::Null);
    }
    assert_eq!(o.len(), 2000);
}
