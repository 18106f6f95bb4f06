//! Checks shared by the token targets, written from scratch so that they do
//! not trust the code under test: a canonical base64url decoder (RFC 4648
//! §5, no padding, zero unused bits) and a model of the claim rules of
//! RFC 7519 §4.1 as the command line contract words them.

use barejwt::hmac::HmacSha256;
use barejwt::json::{Object, Value};

/// The HS256 key every token target signs and verifies with: the key of
/// `vectors/jws/negative.txt`, so the seeded tokens verify.
pub const KEY: &[u8] = b"jwt-vectors-negative-test-key-32";

/// The fixed clock of the token targets (the vectors' `Now`).
pub const NOW: u64 = 1_700_000_000;

/// Strict base64url, decoded by the book: one value per alphabet byte,
/// length not 1 mod 4, unused low bits of the last character zero.
pub fn canonical_b64(text: &[u8]) -> Option<Vec<u8>> {
    fn value(c: u8) -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        } as u32)
    }
    if text.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::new();
    let mut acc = 0u32;
    let mut bits = 0u32;
    for &c in text {
        acc = (acc << 6) | value(c)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if acc != 0 {
        return None; // non-zero unused bits
    }
    Some(out)
}

/// The expected HS256 tag over `signing_input`.
pub fn hs256(signing_input: &[u8]) -> [u8; 32] {
    HmacSha256::new(KEY).mac(signing_input)
}

/// What the verifier was asked to check.
#[derive(Debug, Default, Clone)]
pub struct Rules {
    pub leeway: u64,
    pub allow_missing_exp: bool,
    pub max_age: Option<u64>,
    pub issuer: Option<&'static str>,
    pub audience: Option<&'static str>,
    pub typ: Option<&'static str>,
}

/// A date claim as a float, parsed by the standard library from the text.
fn date(v: &Value) -> f64 {
    let Value::Number(n) = v else {
        panic!("accepted a date claim that is not a number: {v:?}");
    };
    let f: f64 = n.as_str().parse().expect("a JSON number parses as f64");
    assert!(f.is_finite(), "accepted a date beyond f64: {}", n.as_str());
    f
}

/// Panics unless an accepted token's parts satisfy `rules` at [`NOW`]. Date
/// comparisons allow one second of slack for the float rounding of this
/// model (the verifier compares exact values).
pub fn check_accepted(token: &[u8], rules: &Rules) {
    let parts: Vec<&[u8]> = token.split(|&b| b == b'.').collect();
    assert_eq!(
        parts.len(),
        3,
        "accepted a token without exactly three parts"
    );
    let header = canonical_b64(parts[0]).expect("accepted a non-canonical header");
    let payload = canonical_b64(parts[1]).expect("accepted a non-canonical payload");
    let signature = canonical_b64(parts[2]).expect("accepted a non-canonical signature");
    let signing_input = &token[..parts[0].len() + 1 + parts[1].len()];
    assert_eq!(signature, hs256(signing_input), "accepted a wrong MAC");

    let header = barejwt::json::parse(&header).expect("accepted a header that is not JSON");
    let header = header
        .as_object()
        .expect("accepted a header that is not an object");
    assert_eq!(header.get("alg").and_then(Value::as_str), Some("HS256"));
    assert!(
        header.get("crit").is_none(),
        "accepted a crit nobody understands"
    );
    for name in ["typ", "cty", "kid"] {
        if let Some(v) = header.get(name) {
            assert!(v.as_str().is_some(), "accepted a non-string {name}");
        }
    }
    if let Some(expected) = rules.typ {
        let typ = header
            .get("typ")
            .and_then(Value::as_str)
            .expect("typ required");
        let norm = |t: &str| {
            let t = t.to_ascii_lowercase();
            if t.contains('/') {
                t
            } else {
                format!("application/{t}")
            }
        };
        assert_eq!(norm(typ), norm(expected), "accepted the wrong typ");
    }

    let claims = barejwt::json::parse(&payload).expect("accepted claims that are not JSON");
    let claims = claims
        .as_object()
        .expect("accepted claims that are not an object");
    check_claims(claims, rules);
}

/// Panics unless an accepted claims set satisfies `rules` at [`NOW`] (the
/// claim half of [`check_accepted`], for targets that check the signature
/// themselves).
pub fn check_claims(claims: &Object, rules: &Rules) {
    let now = NOW as f64;
    let leeway = rules.leeway as f64;
    match claims.get("exp") {
        Some(v) => assert!(date(v) + 1.0 > now - leeway, "accepted an expired token"),
        None => assert!(rules.allow_missing_exp, "accepted a token without exp"),
    }
    if let Some(v) = claims.get("nbf") {
        assert!(
            date(v) - 1.0 <= now + leeway,
            "accepted a token before its nbf"
        );
    }
    if let Some(v) = claims.get("iat") {
        let iat = date(v);
        if let Some(max_age) = rules.max_age {
            assert!(
                iat + 1.0 >= now - max_age as f64 - leeway,
                "accepted a too old token"
            );
            assert!(iat - 1.0 <= now + leeway, "accepted an iat in the future");
        }
    } else {
        assert!(rules.max_age.is_none(), "accepted no iat under a max age");
    }
    for name in ["iss", "sub", "jti"] {
        if let Some(v) = claims.get(name) {
            assert!(v.as_str().is_some(), "accepted a non-string {name}");
        }
    }
    if let Some(expected) = rules.issuer {
        assert_eq!(claims.get("iss").and_then(Value::as_str), Some(expected));
    }
    match (claims.get("aud"), rules.audience) {
        (None, None) => {}
        (Some(_), None) => panic!("accepted aud with no audience configured"),
        (None, Some(_)) => panic!("accepted a token without aud"),
        (Some(Value::String(s)), Some(expected)) => assert_eq!(s, expected),
        (Some(Value::Array(items)), Some(expected)) => {
            assert!(
                items.iter().all(|i| i.as_str().is_some()),
                "accepted a non-string aud entry"
            );
            assert!(
                items.iter().any(|i| i.as_str() == Some(expected)),
                "accepted a foreign aud"
            );
        }
        (Some(other), Some(_)) => panic!("accepted aud of the wrong type: {other:?}"),
    }
}
