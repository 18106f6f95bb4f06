//! The one error type of the JWT layer: an [`ErrorKind`] saying which check
//! failed, and a short human reason.
//!
//! The kinds are exactly the KINDs of the command line contract
//! (`docs/cli.md`), so that a script reading `barejwt: KIND: reason` and a
//! program matching on [`Error::kind`] see the same names. Reasons never show
//! key or MAC bytes, nor where a MAC differed; the claims of a token whose
//! signature failed are never reported on.

use alloc::borrow::Cow;
use alloc::string::String;
use core::fmt;

/// Which check rejected a token (or a key). Stable: [`ErrorKind::as_str`]
/// gives the name scripts match on.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// Not three dot-separated parts, bad base64url, bad JSON, duplicate JSON
    /// member names, header or claims not a JSON object, `alg` missing or not
    /// a string, `typ`/`cty`/`kid` not strings, signature part not canonical
    /// base64url.
    Malformed,
    /// The token is longer than the configured size limit.
    TooLarge,
    /// The header's `alg` is not in the allowed list, is `none`, is not
    /// supported, or does not fit the key.
    AlgorithmNotAllowed,
    /// `crit` names a parameter the verifier does not understand, or is
    /// malformed (RFC 7515 §4.1.11).
    UnsupportedCriticalHeader,
    /// The key cannot be used at all: an empty HMAC secret, one shorter than
    /// the hash output without the opt-in, malformed key material.
    InvalidKey,
    /// A key set has no key for the token's `kid` (or the token has no
    /// `kid` and the set holds more than one usable key).
    UnknownKey,
    /// The signature does not match, or has the wrong length.
    InvalidSignature,
    /// A registered claim has the wrong type (`exp` a string, `aud` a
    /// number, ...), or a date is beyond the range of a finite number.
    InvalidClaim,
    /// A required claim is absent (`exp` by default, `--require`d claims,
    /// claims a configured check needs).
    MissingClaim,
    /// `now >= exp + leeway`.
    Expired,
    /// `now < nbf - leeway`, or, with a maximum age, `iat > now + leeway`.
    NotYetValid,
    /// `iss` is not one of the expected issuers.
    InvalidIssuer,
    /// `aud` names none of the expected audiences, or the token has `aud`
    /// and no audience was configured (RFC 7519 §4.1.3).
    InvalidAudience,
    /// `sub` differs from the expected subject.
    InvalidSubject,
    /// The header's `typ` differs from the expected type.
    InvalidType,
    /// `iat` is older than the maximum age (+ leeway).
    TooOld,
}

impl ErrorKind {
    /// Every kind, in the order of the contract's table.
    pub const ALL: [ErrorKind; 16] = [
        ErrorKind::Malformed,
        ErrorKind::TooLarge,
        ErrorKind::AlgorithmNotAllowed,
        ErrorKind::UnsupportedCriticalHeader,
        ErrorKind::InvalidKey,
        ErrorKind::UnknownKey,
        ErrorKind::InvalidSignature,
        ErrorKind::InvalidClaim,
        ErrorKind::MissingClaim,
        ErrorKind::Expired,
        ErrorKind::NotYetValid,
        ErrorKind::InvalidIssuer,
        ErrorKind::InvalidAudience,
        ErrorKind::InvalidSubject,
        ErrorKind::InvalidType,
        ErrorKind::TooOld,
    ];

    /// The stable snake_case name (`malformed`, `algorithm_not_allowed`, ...).
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Malformed => "malformed",
            ErrorKind::TooLarge => "too_large",
            ErrorKind::AlgorithmNotAllowed => "algorithm_not_allowed",
            ErrorKind::UnsupportedCriticalHeader => "unsupported_critical_header",
            ErrorKind::InvalidKey => "invalid_key",
            ErrorKind::UnknownKey => "unknown_key",
            ErrorKind::InvalidSignature => "invalid_signature",
            ErrorKind::InvalidClaim => "invalid_claim",
            ErrorKind::MissingClaim => "missing_claim",
            ErrorKind::Expired => "expired",
            ErrorKind::NotYetValid => "not_yet_valid",
            ErrorKind::InvalidIssuer => "invalid_issuer",
            ErrorKind::InvalidAudience => "invalid_audience",
            ErrorKind::InvalidSubject => "invalid_subject",
            ErrorKind::InvalidType => "invalid_type",
            ErrorKind::TooOld => "too_old",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a token, a key or a claims object was refused.
///
/// `Display` prints `kind: reason`:
///
/// ```
/// use barejwt::json::{Number, Object, Value};
/// use barejwt::{sign, verify, Algorithm, ErrorKind, Key, Validation};
///
/// let key = Key::hs256(&[7u8; 32])?;
/// let mut claims = Object::new();
/// claims.insert("exp", Value::Number(Number::from_u64(1_300_819_380)));
/// let token = sign(&key, &claims)?;
/// let err = verify(&token, &key, &Validation::new(&[Algorithm::Hs256]).now(1_700_000_000))
///     .unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::Expired);
/// assert_eq!(err.claim(), Some("exp"));
/// assert_eq!(
///     err.to_string(),
///     "expired: the token expired at exp 1300819380 (now 1700000000, leeway 0 s)"
/// );
/// # Ok::<(), barejwt::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    reason: Cow<'static, str>,
    claim: Option<Cow<'static, str>>,
    parameter: Option<Cow<'static, str>>,
    offset: Option<usize>,
}

impl Error {
    /// An error of `kind` with a human reason.
    pub fn new(kind: ErrorKind, reason: impl Into<Cow<'static, str>>) -> Self {
        Error {
            kind,
            reason: reason.into(),
            claim: None,
            parameter: None,
            offset: None,
        }
    }

    /// The same error, naming the claim it is about.
    pub fn with_claim(mut self, claim: impl Into<Cow<'static, str>>) -> Self {
        self.claim = Some(claim.into());
        self
    }

    /// The same error, naming the header parameter it is about (`alg`,
    /// `crit`, `typ`, ...).
    pub fn with_parameter(mut self, parameter: impl Into<Cow<'static, str>>) -> Self {
        self.parameter = Some(parameter.into());
        self
    }

    /// The same error, with the byte offset of the malformed input.
    pub fn with_offset(mut self, offset: usize) -> Self {
        self.offset = Some(offset);
        self
    }

    /// Which check failed.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The human reason, without the kind.
    pub fn reason(&self) -> &str {
        &self.reason
    }

    /// The claim the error is about, when there is one.
    pub fn claim(&self) -> Option<&str> {
        self.claim.as_deref()
    }

    /// The header parameter the error is about, when there is one.
    pub fn parameter(&self) -> Option<&str> {
        self.parameter.as_deref()
    }

    /// The byte offset in the decoded part (or the token) where malformed
    /// input was found, when known.
    pub fn offset(&self) -> Option<usize> {
        self.offset
    }

    pub(crate) fn malformed(reason: impl Into<Cow<'static, str>>) -> Self {
        Error::new(ErrorKind::Malformed, reason)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind.as_str(), self.reason)
    }
}

#[cfg(feature = "std")]
impl std::error::Error for Error {}

/// Quotes untrusted text for an error message: JSON-style escapes for
/// control characters and quotes, cut after 64 characters so that a huge
/// hostile value cannot flood a log line.
pub(crate) fn quote(text: &str) -> String {
    const MAX_CHARS: usize = 64;
    let mut out = String::with_capacity(text.len().min(MAX_CHARS) + 2);
    out.push('"');
    for (count, c) in text.chars().enumerate() {
        if count == MAX_CHARS {
            out.push_str("...");
            break;
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&alloc::format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_are_the_contract_names() {
        let names: alloc::vec::Vec<&str> = ErrorKind::ALL.iter().map(|k| k.as_str()).collect();
        assert_eq!(
            names,
            [
                "malformed",
                "too_large",
                "algorithm_not_allowed",
                "unsupported_critical_header",
                "invalid_key",
                "unknown_key",
                "invalid_signature",
                "invalid_claim",
                "missing_claim",
                "expired",
                "not_yet_valid",
                "invalid_issuer",
                "invalid_audience",
                "invalid_subject",
                "invalid_type",
                "too_old",
            ]
        );
    }

    #[test]
    fn display_is_kind_colon_reason() {
        let e = Error::new(ErrorKind::Expired, "exp is in the past").with_claim("exp");
        assert_eq!(alloc::format!("{e}"), "expired: exp is in the past");
        assert_eq!(e.claim(), Some("exp"));
    }

    #[test]
    fn quote_escapes_and_cuts_hostile_text() {
        assert_eq!(quote("a\"b\n"), "\"a\\\"b\\u000a\"");
        let long = "x".repeat(1000);
        assert_eq!(quote(&long).len(), 64 + 2 + 3);
    }
}
