//! `barejwt demo`: the life of one token, step by step, each step shown
//! with the `barejwt` command that does the same. Everything goes through
//! the library's public API (`sign_with_header`, `verify`), as an
//! application would use it.

use barejwt::json::{Number, Object, Value};
use barejwt::{base64url, sign_with_header, verify, Algorithm, HeaderFields, Key, Validation};
use std::fmt::Write as _;

const ISSUER: &str = "https://auth.example.com";
const AUDIENCE: &str = "api.example.com";
const OTHER_AUDIENCE: &str = "billing.example.com";
const LIFETIME_SECS: u64 = 3600;

/// The demo's text, for a fresh 32-byte `secret`, a token id `jti` and the
/// time `now`.
///
/// # Errors
///
/// A line saying which step did not behave as the demo expects (a bug).
pub fn run(secret: &[u8], jti: &str, now: u64) -> Result<String, String> {
    let key_b64 = base64url::encode_secret(secret);
    let key = Key::hs256(secret).map_err(|e| format!("demo key: {e}"))?;

    let mut claims = Object::new();
    claims.insert("iss", Value::String(ISSUER.into()));
    claims.insert("sub", Value::String("alice".into()));
    claims.insert("aud", Value::String(AUDIENCE.into()));
    claims.insert("iat", Value::Number(Number::from_u64(now)));
    claims.insert(
        "exp",
        Value::Number(Number::from_u64(now.saturating_add(LIFETIME_SECS))),
    );
    claims.insert("jti", Value::String(jti.into()));
    let claims_json = Value::Object(claims.clone()).to_json();
    let token = sign_with_header(&key, &HeaderFields::new(), &claims)
        .map_err(|e| format!("signing: {e}"))?;

    let verify_cmd = |aud: &str, token: &str| {
        format!("barejwt verify --alg HS256 --key-b64 {key_b64} --iss {ISSUER} --aud {aud} {token}")
    };
    let validation = |aud: &str| {
        Validation::new(&[Algorithm::Hs256])
            .issuer(ISSUER)
            .audience(aud)
            .now(now)
    };

    let mut out = String::new();
    let mut line = |text: &str| {
        out.push_str(text);
        out.push('\n');
    };
    line("barejwt demo: one token issued, verified, and two forgeries refused.");
    line("Each step shows the barejwt command that does the same.");
    line("");
    line("1. A fresh secret: 32 random bytes (HS256 needs at least 32).");
    line("   $ barejwt keygen --alg HS256");
    line(&format!("   {key_b64}"));
    line("");
    line("2. Issue a token for alice, valid for one hour.");
    line(&format!(
        "   $ barejwt encode --alg HS256 --key-b64 {key_b64} '{claims_json}'"
    ));
    line(&format!("   {token}"));
    line("");

    line(&format!(
        "3. Verify it, as the service {AUDIENCE} would: signature, expiry, issuer, audience."
    ));
    line(&format!("   $ {}", verify_cmd(AUDIENCE, &token)));
    let verified = verify(&token, &key, &validation(AUDIENCE))
        .map_err(|e| format!("step 3, the valid token was refused: {e}"))?;
    line(&format!("   {}", verified.claims().to_json()));
    line("   -> valid (exit 0): the claims are printed.");
    line("");

    line("4. Someone rewrites the payload to make themselves admin, keeping the signature.");
    let tampered = tamper(&token, &claims)?;
    line(&format!("   $ {}", verify_cmd(AUDIENCE, &tampered)));
    let refused = verify(&tampered, &key, &validation(AUDIENCE))
        .err()
        .ok_or("step 4, the tampered token was accepted")?;
    line(&format!("   barejwt: {refused}"));
    line("   -> refused (exit 1): the signature covers every byte of header and payload.");
    line("");

    line(&format!(
        "5. The real token, presented to another service ({OTHER_AUDIENCE})."
    ));
    line(&format!("   $ {}", verify_cmd(OTHER_AUDIENCE, &token)));
    let refused = verify(&token, &key, &validation(OTHER_AUDIENCE))
        .err()
        .ok_or("step 5, the token was accepted by the wrong audience")?;
    line(&format!("   barejwt: {refused}"));
    line("   -> refused (exit 1): a token meant for one service is useless at another.");
    line("");
    line("Look inside any token (without checking it): barejwt decode TOKEN");
    line("Every command and flag: barejwt --help");
    Ok(out)
}

/// The token with `sub` changed to `admin` in its payload and the original
/// signature kept: what an attacker without the key can do.
fn tamper(token: &str, claims: &Object) -> Result<String, String> {
    let mut parts = token.split('.');
    let (Some(header), Some(_payload), Some(signature)) =
        (parts.next(), parts.next(), parts.next())
    else {
        return Err("signing made a token without three parts".into());
    };
    let mut forged = claims.clone();
    forged.insert("sub", Value::String("admin".into()));
    let mut out = String::with_capacity(token.len());
    let _ = write!(
        out,
        "{header}.{}.{signature}",
        base64url::encode(Value::Object(forged).to_json().as_bytes())
    );
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_shows_one_acceptance_and_two_refusals() {
        let text = run(&[7u8; 32], "jti-1", 1_750_000_000).unwrap();
        assert!(text.contains("\"exp\":1750003600"), "{text}");
        assert!(text.contains("-> valid (exit 0)"));
        assert!(text.contains("barejwt: invalid_signature: "));
        assert!(text.contains("barejwt: invalid_audience: "));
        assert_eq!(text.matches("$ barejwt verify").count(), 3);
    }
}
