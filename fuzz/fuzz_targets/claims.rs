//! The claim checks, reached: the fuzzer picks the header and claims JSON,
//! this target signs exactly the bytes it assembled (HS256 over
//! `B64(header) . B64(claims)`), so every token gets past the signature, and
//! then acceptance must imply the claims really satisfy the validation, by
//! the independent model in `oracle.rs`.
//!
//! Input layout: byte 0 picks the validation options; bit 7 of byte 1
//! picks the mode. Raw mode: the rest is `header 0x00 claims`, arbitrary
//! bytes. Structured mode: each following byte pair picks one member from
//! the tables below (names and values chosen to sit on the rules' edges:
//! dates around now, wrong types, duplicates, escaped and case-changed
//! names, crit, nesting).
#![no_main]

#[path = "oracle.rs"]
mod oracle;

use barejwt::base64url;
use barejwt::{verify, Algorithm, Key, Validation};
use libfuzzer_sys::fuzz_target;

const HEADER_MEMBERS: &[&str] = &[
    r#""alg":"HS256""#,
    r#""alg":"hs256""#,
    r#""alg":"none""#,
    r#""alg":"HS512""#,
    r#""alg":"HS256 ""#,
    r#""alg":["HS256"]"#,
    r#""\u0061lg":"HS256""#,
    r#""ALG":"HS256""#,
    r#""typ":"JWT""#,
    r#""typ":"jwt""#,
    r#""typ":"application/jwt""#,
    r#""typ":"at+jwt""#,
    r#""typ":7"#,
    r#""kid":"k1""#,
    r#""kid":"../../dev/null""#,
    r#""kid":null"#,
    r#""cty":"JWT""#,
    r#""crit":["exp"]"#,
    r#""crit":[]"#,
    r#""crit":"x""#,
    r#""crit":["x"],"x":1"#,
    r#""jwk":{"kty":"oct","k":"AAAA"}"#,
    r#""jku":"https://evil.example/keys""#,
    r#""x5c":["AAAA"]"#,
    r#""zip":"DEF""#,
    r#""b64":false"#,
    r#""x":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"#,
];

const CLAIM_NAMES: &[&str] = &[
    "exp",
    "nbf",
    "iat",
    "aud",
    "iss",
    "sub",
    "jti",
    "EXP",
    r"\u0065xp",
    "x",
];

const CLAIM_VALUES: &[&str] = &[
    "1700000000",
    "1700000001",
    "1699999999",
    "1700000000.5",
    "1699999999.999999999999",
    "1700000060",
    "1699999940",
    "1699999900",
    "9e9",
    "1e400",
    "-1e400",
    "-1",
    "0",
    "1.7e9",
    "17000000000e-1",
    "99999999999999999999999999999",
    "-99999999999999999999999999999",
    r#""1700000001""#,
    "true",
    "null",
    "[]",
    "{}",
    r#""api""#,
    r#"["api"]"#,
    r#"["other","api"]"#,
    r#"[""]"#,
    r#""""#,
    "[1]",
    r#"["api",1]"#,
    r#""https://a.example""#,
    r#""https://a.example.evil""#,
    r#"["https://a.example"]"#,
    r#""a.example""#,
];

fn rules_and_validation(flags: u8) -> (oracle::Rules, Validation) {
    let mut rules = oracle::Rules::default();
    let mut v = Validation::new(&[Algorithm::Hs256]).now(oracle::NOW);
    if flags & 1 != 0 {
        rules.leeway = 60;
        v = v.leeway_secs(60);
    }
    if flags & 2 != 0 {
        rules.allow_missing_exp = true;
        v = v.allow_missing_exp();
    }
    if flags & 4 != 0 {
        rules.max_age = Some(100);
        v = v.max_age_secs(100);
    }
    if flags & 8 != 0 {
        rules.issuer = Some("https://a.example");
        v = v.issuer("https://a.example");
    }
    if flags & 16 != 0 {
        rules.audience = Some("api");
        v = v.audience("api");
    }
    if flags & 32 != 0 {
        rules.typ = Some("JWT");
        v = v.typ("JWT");
    }
    (rules, v)
}

/// `{` members `}` from byte pairs: (table index, value index).
fn structured(bytes: &[u8], header: bool) -> String {
    let mut out = String::from("{");
    for (i, pair) in bytes.chunks(2).enumerate() {
        if i > 0 {
            out.push(',');
        }
        let a = pair[0] as usize;
        let b = pair.get(1).copied().unwrap_or(0) as usize;
        if header {
            out.push_str(HEADER_MEMBERS[a % HEADER_MEMBERS.len()]);
        } else {
            out.push('"');
            out.push_str(CLAIM_NAMES[a % CLAIM_NAMES.len()]);
            out.push_str("\":");
            out.push_str(CLAIM_VALUES[b % CLAIM_VALUES.len()]);
        }
    }
    out.push('}');
    out
}

fuzz_target!(|data: &[u8]| {
    let [flags, mode, rest @ ..] = data else {
        return;
    };
    let (header, claims): (Vec<u8>, Vec<u8>) = if mode & 0x80 == 0 {
        let split = rest.iter().position(|&b| b == 0).unwrap_or(rest.len());
        let (h, c) = rest.split_at(split);
        (h.to_vec(), c.get(1..).unwrap_or_default().to_vec())
    } else {
        // Header: the first (mode & 7) pairs; then the claims.
        let header_pairs = ((mode & 7) as usize).min(rest.len() / 2);
        let (h, c) = rest.split_at(header_pairs * 2);
        let mut header = structured(h, true);
        if mode & 8 == 0 {
            // Usually start from a good alg, so the claims are reached.
            header.insert_str(
                1,
                if header.len() > 2 {
                    r#""alg":"HS256","#
                } else {
                    r#""alg":"HS256""#
                },
            );
        }
        (header.into_bytes(), structured(c, false).into_bytes())
    };
    let mut token = base64url::encode(&header);
    token.push('.');
    token.push_str(&base64url::encode(&claims));
    let tag = oracle::hs256(token.as_bytes());
    token.push('.');
    token.push_str(&base64url::encode(&tag));

    let (rules, validation) = rules_and_validation(*flags);
    let key = Key::hs256(oracle::KEY).expect("a 32-byte key");
    if verify(&token, &key, &validation).is_ok() {
        oracle::check_accepted(token.as_bytes(), &rules);
    }
});
