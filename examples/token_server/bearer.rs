//! The Bearer scheme, RFC 6750: the access token in the `Authorization`
//! header (§2.1) and the `WWW-Authenticate` challenges (§3).
//!
//! ```text
//! credentials = "Bearer" 1*SP b64token                           (§2.1)
//! b64token    = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
//! ```
//!
//! Only the header method is supported: not the form body (§2.2) nor the
//! query parameter (§2.3), which RFC 6750 itself discourages (§5.3).
//!
//! How each kind of request is answered, and why:
//!
//! | request | answer | reason |
//! | --- | --- | --- |
//! | no `Authorization` | 401, `Bearer realm=".."`, no error code | §3.1: a request that "lacks any authentication information" gets no error code |
//! | another scheme (`Basic ..`) | the same 401 | no Bearer credentials were sent: the challenge tells the client which scheme to use (RFC 9110 §11.6.1) |
//! | `Bearer` with no or a malformed token, two `Authorization` fields | 400, `error="invalid_request"` | §3.1 invalid_request: "otherwise malformed" / "repeats the same parameter" |
//! | a token that does not verify | 401, `error="invalid_token"` | §3.1 invalid_token: "expired, revoked, malformed, or invalid for other reasons" |
//!
//! The scheme name is matched case-insensitively (RFC 9110 §11.1), and one
//! or more spaces may separate it from the token (the `1*SP` above).
//!
//! Why a token was refused is said in barejwt's own words: the
//! `error_description` is the library's [`Error`] as it displays
//! (`kind: reason`), made safe for a quoted string ([`describe`]).
//!
//! Shared by both example servers; each names its own realm.

use barejwt::Error;

/// What an `Authorization` header field holds, for a Bearer-only resource.
#[derive(Debug, PartialEq, Eq)]
pub enum Credentials<'a> {
    /// No `Authorization` field.
    Missing,
    /// Credentials of another scheme; to us, no credentials.
    OtherScheme,
    /// `Bearer` with a missing or malformed token; the reason is fixed text.
    Malformed(&'static str),
    /// A syntactically valid b64token, not yet verified.
    Bearer(&'a str),
}

/// The credentials of a request, from the values of its `Authorization`
/// fields: the field may occur once (RFC 9110 §11.6.2 gives it no list
/// syntax), so a second one makes the request malformed.
pub fn from_fields<'a>(mut fields: impl Iterator<Item = &'a [u8]>) -> Credentials<'a> {
    let (first, repeated) = (fields.next(), fields.next().is_some());
    if repeated {
        Credentials::Malformed("more than one Authorization header field")
    } else {
        credentials(first)
    }
}

/// Reads the value of the `Authorization` field (leading and trailing
/// whitespace already removed by the HTTP layer).
pub fn credentials(authorization: Option<&[u8]>) -> Credentials<'_> {
    let Some(value) = authorization else {
        return Credentials::Missing;
    };
    let (scheme, rest) = match value.iter().position(|&b| b == b' ') {
        Some(space) => value.split_at(space),
        None => (value, &[][..]),
    };
    if !scheme.eq_ignore_ascii_case(b"Bearer") {
        return if !scheme.is_empty() && scheme.iter().all(|&b| is_tchar(b)) {
            Credentials::OtherScheme
        } else {
            Credentials::Malformed("the Authorization header does not start with a scheme name")
        };
    }
    // 1*SP, then the b64token and nothing after it.
    let token = skip_spaces(rest);
    if token.is_empty() {
        return Credentials::Malformed("the Bearer scheme needs a token");
    }
    if !is_b64token(token) {
        return Credentials::Malformed("the Bearer token is not a b64token (RFC 6750 section 2.1)");
    }
    // A b64token is ASCII, so this conversion cannot fail.
    match std::str::from_utf8(token) {
        Ok(token) => Credentials::Bearer(token),
        Err(_) => Credentials::Malformed("the Bearer token is not ASCII"),
    }
}

/// `bytes` without its leading spaces (SP only: the grammar's `1*SP`).
fn skip_spaces(bytes: &[u8]) -> &[u8] {
    let spaces = bytes.iter().take_while(|&&b| b == b' ').count();
    bytes.get(spaces..).unwrap_or_default()
}

fn is_b64token(token: &[u8]) -> bool {
    let body_len = token
        .iter()
        .take_while(|&&b| b.is_ascii_alphanumeric() || b"-._~+/".contains(&b))
        .count();
    let (body, padding) = token.split_at(body_len);
    !body.is_empty() && padding.iter().all(|&b| b == b'=')
}

/// tchar (RFC 9110 §5.6.2), the characters of a scheme name.
fn is_tchar(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b)
}

/// The challenge for a request without Bearer credentials (§3, §3.1).
/// `realm` names the protection space (RFC 9110 §11.5).
pub fn challenge(realm: &str) -> String {
    format!("Bearer realm=\"{}\"", quotable(realm))
}

/// The challenge carrying an error code and description (§3).
///
/// `error_description` may hold only `%x20-21 / %x23-5B / %x5D-7E` (§3):
/// no `"`, no `\`, no control or non-ASCII characters. Every value goes
/// through [`quotable`], so no text can break the header's quoting.
pub fn challenge_with_error(realm: &str, error: &str, description: &str) -> String {
    format!(
        "Bearer realm=\"{}\", error=\"{}\", error_description=\"{}\"",
        quotable(realm),
        quotable(error),
        quotable(description)
    )
}

/// `text` as NQSCHAR (§3): `"` written `'`, `§` spelled `section `, every
/// other character outside `%x20-21 / %x23-5B / %x5D-7E` replaced by `?`.
pub fn quotable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\x20'..='\x21' | '\x23'..='\x5b' | '\x5d'..='\x7e' => out.push(c),
            // The library quotes names and values: `kid "2026-01"`.
            '"' => out.push('\''),
            // The library cites RFC sections as "§4.1.4".
            '\u{a7}' => out.push_str("section "),
            _ => out.push('?'),
        }
    }
    out
}

/// Why a token was refused, in the library's words, for the challenge's
/// `error_description`: its [`Error`] as it displays (`kind: reason`),
/// made [`quotable`]. (A JSON body can carry the display unchanged.) The
/// library cuts any text it quotes from the token (a `kid`) to 64
/// characters, so the description stays short.
pub fn describe(error: &Error) -> String {
    quotable(&error.to_string())
}
