//! What a verifier accepts: the [`Validation`] options, and the claim
//! checks of RFC 7519 §4.1 run against them.
//!
//! # Defaults, and why
//!
//! | option | default | reason |
//! | --- | --- | --- |
//! | algorithms | none: the caller lists them | the header must never choose (RFC 8725 §3.1) |
//! | `exp` | required | a token that never expires cannot be contained once stolen; opt out with [`Validation::allow_missing_exp`] |
//! | leeway | 0 s | any leeway extends every token's life; RFC 7519 §4.1.4 allows "a few minutes" if you need it |
//! | `aud` | checked both ways | a configured audience needs `aud`, and a token with `aud` needs a configured audience (RFC 7519 §4.1.3; RFC 8725 §3.9) |
//! | `iat` | type-checked only | it is informational unless a maximum age is set |
//! | `iss`, `sub`, `typ` | not checked unless set | set them: RFC 8725 §3.8 and §3.11 |
//! | `crit` | nothing understood | any critical extension is refused (RFC 7515 §4.1.11) |
//! | token size | 65,536 bytes, else [`ErrorKind::TooLarge`] | bounds all work before any decoding (the command line contract) |
//! | header size | 16,384 decoded bytes, else [`ErrorKind::Malformed`] | judged from the encoded length before decoding; twice the largest real headers (an `x5c` chain); see [`DEFAULT_MAX_HEADER_LEN`] |
//! | JSON nesting | 64 levels, at most [`json::MAX_SAFE_DEPTH`] (1,024), else `Malformed` | bounds the parser and the recursion of dropping a value |
//! | JSON members per object | 1,024, else `Malformed` | real claim sets hold tens; bounds the duplicate-name check ([`json::Limits`]) |
//! | JSON string length | none beyond the token size | a string is never longer than its part |
//! | `aud` entries | 256, else [`ErrorKind::InvalidClaim`] | bounds the audience match (entries × configured audiences); no real token names that many |
//!
//! Every limit is checked where the data is read, and the first excess
//! stops the work: nothing is allocated in proportion to input beyond a
//! limit.
//! | clock | the system clock (feature `std`) | inject a fixed time or a function with [`Validation::now`] / [`Validation::clock`] |
//!
//! # Order of the claim checks
//!
//! As the command line contract fixes it: the registered claims' types
//! (done by [`Claims::from_object`]), `exp` required, required claims,
//! `exp`, `nbf`, maximum age (`iat`), `iss`, `sub`, `aud`, then the
//! header's `typ`.

use crate::alg::Algorithm;
use crate::claims::Claims;
use crate::error::{quote, Error, ErrorKind};
use crate::header::{typ_matches, Header};
use crate::json;
use crate::token::{DEFAULT_MAX_HEADER_LEN, DEFAULT_MAX_TOKEN_LEN};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::cmp::Ordering;

/// The default [`Validation::max_audiences`]: 256 entries in an `aud` array.
/// Audiences name the services a token is for; a token for hundreds of
/// them is not a real one, and the match costs entries × configured
/// audiences.
pub const DEFAULT_MAX_AUDIENCES: usize = 256;

/// Where the verifier reads the current time, in whole seconds since the
/// Unix epoch.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Clock {
    /// A fixed time: tests, or replaying logs.
    Fixed(u64),
    /// A function called once per verification.
    Function(fn() -> u64),
    /// The operating system's clock (`std::time::SystemTime`).
    #[cfg(feature = "std")]
    System,
}

impl Clock {
    /// The current time. A system clock set before 1970 reads as 0.
    pub fn now(&self) -> u64 {
        match self {
            Clock::Fixed(t) => *t,
            Clock::Function(f) => f(),
            #[cfg(feature = "std")]
            Clock::System => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        }
    }
}

/// What a token must satisfy to verify. Build it once, use it for every
/// token.
///
/// ```
/// use barejwt::{Algorithm, Validation};
/// let validation = Validation::new(&[Algorithm::Hs256])
///     .issuer("https://auth.example.com")
///     .audience("api.example.com")
///     .leeway_secs(30);
/// # let _ = validation;
/// ```
#[derive(Debug, Clone)]
pub struct Validation {
    pub(crate) algorithms: Vec<Algorithm>,
    pub(crate) leeway_secs: u64,
    pub(crate) require_exp: bool,
    pub(crate) max_age_secs: Option<u64>,
    pub(crate) issuers: Vec<String>,
    pub(crate) subject: Option<String>,
    pub(crate) audiences: Vec<String>,
    pub(crate) required: Vec<String>,
    pub(crate) typ: Option<String>,
    pub(crate) understood_critical: Vec<String>,
    pub(crate) max_token_len: usize,
    pub(crate) max_header_len: usize,
    pub(crate) max_audiences: usize,
    pub(crate) json_limits: json::Limits,
    pub(crate) clock: Clock,
}

impl Validation {
    /// The defaults (see the module docs), accepting only `algorithms`
    /// and reading the system clock.
    #[cfg(feature = "std")]
    pub fn new(algorithms: &[Algorithm]) -> Validation {
        Validation::with_clock(algorithms, Clock::System)
    }

    /// The defaults, accepting only `algorithms`, reading `clock`. Without
    /// the `std` feature this is the only constructor: there is no clock to
    /// default to.
    pub fn with_clock(algorithms: &[Algorithm], clock: Clock) -> Validation {
        Validation {
            algorithms: algorithms.to_vec(),
            leeway_secs: 0,
            require_exp: true,
            max_age_secs: None,
            issuers: Vec::new(),
            subject: None,
            audiences: Vec::new(),
            required: Vec::new(),
            typ: None,
            understood_critical: Vec::new(),
            max_token_len: DEFAULT_MAX_TOKEN_LEN,
            max_header_len: DEFAULT_MAX_HEADER_LEN,
            max_audiences: DEFAULT_MAX_AUDIENCES,
            json_limits: json::Limits::default(),
            clock,
        }
    }

    /// Seconds of tolerance for clock skew in `exp`, `nbf` and the maximum
    /// age. Default 0.
    pub fn leeway_secs(mut self, secs: u64) -> Self {
        self.leeway_secs = secs;
        self
    }

    /// Accept tokens without `exp` (they never expire). Default: `exp` is
    /// required, and its absence is [`ErrorKind::MissingClaim`].
    pub fn allow_missing_exp(mut self) -> Self {
        self.require_exp = false;
        self
    }

    /// Refuse tokens issued more than `secs` (+ leeway) ago; `iat` becomes
    /// required, and an `iat` later than now + leeway is
    /// [`ErrorKind::NotYetValid`]. Default: no maximum age.
    pub fn max_age_secs(mut self, secs: u64) -> Self {
        self.max_age_secs = Some(secs);
        self
    }

    /// Accept this issuer (exact, case-sensitive comparison; RFC 7519
    /// §4.1.1). Call again to accept several. Default: `iss` not checked.
    pub fn issuer(mut self, iss: &str) -> Self {
        self.issuers.push(iss.to_string());
        self
    }

    /// Require this exact subject. Default: `sub` not checked.
    pub fn subject(mut self, sub: &str) -> Self {
        self.subject = Some(sub.to_string());
        self
    }

    /// Identify as this audience; call again to add more. The token's `aud`
    /// must name at least one of them. Default: none, and then a token
    /// carrying `aud` is refused (RFC 7519 §4.1.3).
    pub fn audience(mut self, aud: &str) -> Self {
        self.audiences.push(aud.to_string());
        self
    }

    /// Require a claim to be present (a `null` value counts as present).
    pub fn require(mut self, claim: &str) -> Self {
        self.required.push(claim.to_string());
        self
    }

    /// Require the header's `typ`, compared as a media type (RFC 7515
    /// §4.1.9; see [`crate::header::typ_matches`]). Default: not checked.
    pub fn typ(mut self, typ: &str) -> Self {
        self.typ = Some(typ.to_string());
        self
    }

    /// Declare a `crit` extension this application understands and checks
    /// itself. Default: none, so any `crit` is refused.
    pub fn understand_critical(mut self, name: &str) -> Self {
        self.understood_critical.push(name.to_string());
        self
    }

    /// The longest token accepted, in bytes. Default 65,536.
    pub fn max_token_len(mut self, bytes: usize) -> Self {
        self.max_token_len = bytes;
        self
    }

    /// The longest decoded header accepted, in bytes; a longer one is
    /// [`ErrorKind::Malformed`]. Default
    /// [`DEFAULT_MAX_HEADER_LEN`] (16,384).
    pub fn max_header_len(mut self, bytes: usize) -> Self {
        self.max_header_len = bytes;
        self
    }

    /// The deepest JSON nesting accepted in header and claims (the
    /// top-level object is level 1); deeper is [`ErrorKind::Malformed`].
    /// Default 64. Values above [`json::MAX_SAFE_DEPTH`] (1,024) are
    /// lowered to it: a verified token's values are dropped, cloned and
    /// compared recursively, and a million levels would overflow the stack.
    pub fn max_json_depth(mut self, depth: usize) -> Self {
        self.json_limits.max_depth = depth.min(json::MAX_SAFE_DEPTH);
        self
    }

    /// The most members one JSON object of the header or claims may hold;
    /// more is [`ErrorKind::Malformed`]. Default
    /// [`json::DEFAULT_MAX_MEMBERS`] (1,024).
    pub fn max_json_members(mut self, members: usize) -> Self {
        self.json_limits.max_members = members;
        self
    }

    /// The most entries an `aud` array may hold; more is
    /// [`ErrorKind::InvalidClaim`], judged with the claims' types (before
    /// `exp`). Default [`DEFAULT_MAX_AUDIENCES`] (256).
    pub fn max_audiences(mut self, entries: usize) -> Self {
        self.max_audiences = entries;
        self
    }

    /// Fix the clock at `unix_secs` (tests, replaying logs).
    pub fn now(mut self, unix_secs: u64) -> Self {
        self.clock = Clock::Fixed(unix_secs);
        self
    }

    /// Read the time from `clock`.
    pub fn clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// The allowed algorithms.
    pub fn algorithms(&self) -> &[Algorithm] {
        &self.algorithms
    }

    /// Step 4 of verification: the header's `alg` against the allow-list.
    /// `none` and unknown names never pass; known names this crate cannot
    /// verify yet are refused with a message saying so.
    pub(crate) fn check_alg(&self, alg: &str) -> Result<Algorithm, Error> {
        let refuse = |reason: String| {
            Err(Error::new(ErrorKind::AlgorithmNotAllowed, reason).with_claim("alg"))
        };
        if alg == crate::alg::UNSECURED {
            return refuse(
                "alg \"none\" (an unsecured JWS) is never accepted (RFC 7518 §3.6, RFC 8725 §3.1)"
                    .into(),
            );
        }
        let Some(algorithm) = Algorithm::from_name(alg) else {
            return refuse(format!("unknown algorithm {}", quote(alg)));
        };
        if !self.algorithms.contains(&algorithm) {
            return refuse(format!(
                "{algorithm} is not in the allowed list ({})",
                list(self.algorithms.iter().map(|a| a.as_str()))
            ));
        }
        if !algorithm.is_supported() {
            return refuse(format!("{algorithm} is not supported yet"));
        }
        Ok(algorithm)
    }

    /// Steps 10–11: the claim checks, in the contract's order, at `now`.
    /// The types were checked when `claims` was made.
    pub(crate) fn check_claims(
        &self,
        header: &Header,
        claims: &Claims,
        now: u64,
    ) -> Result<(), Error> {
        let now = i128::from(now);
        let leeway = i128::from(self.leeway_secs);

        // With the types (step 10): the size of `aud`, before any claim is
        // compared, so the audience match below is bounded.
        if let Some(entries) = claims.get("aud").and_then(json::Value::as_array) {
            if entries.len() > self.max_audiences {
                return Err(Error::new(
                    ErrorKind::InvalidClaim,
                    format!(
                        "\"aud\" has {} entries, over the limit of {}",
                        entries.len(),
                        self.max_audiences
                    ),
                )
                .with_claim("aud"));
            }
        }

        if self.require_exp && claims.exp().is_none() {
            return Err(missing("exp", "the token has no \"exp\"; tokens must expire unless missing exp is explicitly allowed"));
        }
        for name in &self.required {
            if !claims.contains(name) {
                return Err(Error::new(
                    ErrorKind::MissingClaim,
                    format!("required claim {} is absent", quote(name)),
                )
                .with_claim(name.clone()));
            }
        }
        // RFC 7519 §4.1.4: expired when now >= exp + leeway.
        if let Some(exp) = claims.exp() {
            if exp.cmp_secs(now - leeway) != Ordering::Greater {
                return Err(Error::new(
                    ErrorKind::Expired,
                    format!(
                        "the token expired at exp {} (now {now}, leeway {leeway} s)",
                        show(claims, "exp")
                    ),
                )
                .with_claim("exp"));
            }
        }
        // RFC 7519 §4.1.5: not yet valid when now < nbf - leeway.
        if let Some(nbf) = claims.nbf() {
            if nbf.cmp_secs(now + leeway) == Ordering::Greater {
                return Err(Error::new(
                    ErrorKind::NotYetValid,
                    format!(
                        "the token is not valid before nbf {} (now {now}, leeway {leeway} s)",
                        show(claims, "nbf")
                    ),
                )
                .with_claim("nbf"));
            }
        }
        if let Some(max_age) = self.max_age_secs {
            let Some(iat) = claims.iat() else {
                return Err(missing(
                    "iat",
                    "the token has no \"iat\", which a maximum age needs",
                ));
            };
            let max_age = i128::from(max_age);
            // Too old when now - iat > max_age + leeway, i.e. iat < now - max_age - leeway.
            if iat.cmp_secs(now - max_age - leeway) == Ordering::Less {
                return Err(Error::new(
                    ErrorKind::TooOld,
                    format!(
                        "the token is too old: iat {} is more than {max_age} s (+ leeway {leeway}) before now {now}",
                        show(claims, "iat")
                    ),
                )
                .with_claim("iat"));
            }
            if iat.cmp_secs(now + leeway) == Ordering::Greater {
                return Err(Error::new(
                    ErrorKind::NotYetValid,
                    format!(
                        "the token was issued in the future: iat {} > now {now} + leeway {leeway}",
                        show(claims, "iat")
                    ),
                )
                .with_claim("iat"));
            }
        }
        if !self.issuers.is_empty() {
            let Some(iss) = claims.iss() else {
                return Err(missing(
                    "iss",
                    "the token has no \"iss\", and an issuer is expected",
                ));
            };
            if !self.issuers.iter().any(|expected| expected == iss) {
                return Err(Error::new(
                    ErrorKind::InvalidIssuer,
                    format!("issuer {} is not the expected one", quote(iss)),
                )
                .with_claim("iss"));
            }
        }
        if let Some(expected) = &self.subject {
            let Some(sub) = claims.sub() else {
                return Err(missing(
                    "sub",
                    "the token has no \"sub\", and a subject is expected",
                ));
            };
            if sub != expected {
                return Err(Error::new(
                    ErrorKind::InvalidSubject,
                    format!("subject {} is not the expected one", quote(sub)),
                )
                .with_claim("sub"));
            }
        }
        // RFC 7519 §4.1.3: "If the principal processing the claim does not
        // identify itself with a value in the "aud" claim when this claim is
        // present, then the JWT MUST be rejected."
        let has_aud = claims.contains("aud");
        if self.audiences.is_empty() {
            if has_aud {
                return Err(Error::new(
                    ErrorKind::InvalidAudience,
                    "the token has \"aud\" but this verifier has no audience configured (RFC 7519 §4.1.3)",
                )
                .with_claim("aud"));
            }
        } else {
            if !has_aud {
                return Err(missing(
                    "aud",
                    "the token has no \"aud\", and an audience is expected",
                ));
            }
            if !claims
                .aud()
                .any(|a| self.audiences.iter().any(|expected| expected == a))
            {
                return Err(Error::new(
                    ErrorKind::InvalidAudience,
                    format!(
                        "the token's \"aud\" names none of the expected audiences ({})",
                        list(self.audiences.iter().map(|a| quote(a)))
                    ),
                )
                .with_claim("aud"));
            }
        }
        if let Some(expected) = &self.typ {
            let found = header.typ();
            if !found.is_some_and(|t| typ_matches(expected, t)) {
                return Err(Error::new(
                    ErrorKind::InvalidType,
                    match found {
                        Some(t) => format!("header typ {} is not {}", quote(t), quote(expected)),
                        None => format!("the header has no \"typ\"; expected {}", quote(expected)),
                    },
                )
                .with_claim("typ"));
            }
        }
        Ok(())
    }
}

/// `a, b, c` for a message.
fn list<T: core::fmt::Display>(items: impl Iterator<Item = T>) -> String {
    let mut out = String::new();
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&alloc::format!("{item}"));
    }
    out
}

fn missing(name: &'static str, reason: &'static str) -> Error {
    Error::new(ErrorKind::MissingClaim, reason).with_claim(name)
}

/// A date claim's text as written in the token, for messages.
fn show(claims: &Claims, name: &str) -> String {
    match claims.get(name).and_then(|v| v.as_number()) {
        Some(n) => quote(n.as_str()).trim_matches('"').to_string(),
        None => String::from("?"),
    }
}
