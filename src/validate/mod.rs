//! What a verifier accepts: the [`Validation`] options, and the claim
//! checks of RFC 7519 §4.1 run against them.
//!
//! # Defaults, and why
//!
//! Each default is stated once, on the item that sets it; this table says
//! why, and links there.
//!
//! | option | default | reason |
//! | --- | --- | --- |
//! | algorithms | none: the caller lists them ([`Validation::new`]) | the header must never choose (RFC 8725 §3.1) |
//! | `exp` | required ([`Validation::allow_missing_exp`]) | a token that never expires cannot be contained once stolen |
//! | leeway | none ([`Validation::leeway_secs`]) | any leeway extends every token's life; RFC 7519 §4.1.4 allows "a few minutes" if you need it |
//! | `aud` | checked both ways ([`Validation::audience`]) | a configured audience needs `aud`, and a token with `aud` needs a configured audience (RFC 7519 §4.1.3; RFC 8725 §3.9) |
//! | `iat` | type-checked only ([`Validation::max_age_secs`]) | it is informational unless a maximum age is set |
//! | `iss`, `sub`, `typ` | not checked unless set ([`Validation::issuer`], [`Validation::subject`], [`Validation::typ`]) | set them: RFC 8725 §3.8 and §3.11 |
//! | `crit` | nothing understood ([`Validation::understand_critical`]) | any critical extension is refused (RFC 7515 §4.1.11) |
//! | token size | [`DEFAULT_MAX_TOKEN_LEN`], else [`ErrorKind::TooLarge`] | bounds all work before any decoding (the command line contract) |
//! | header size | [`DEFAULT_MAX_HEADER_LEN`] decoded bytes, else [`ErrorKind::Malformed`] | judged from the encoded length before decoding |
//! | JSON nesting | [`json::DEFAULT_MAX_DEPTH`], at most [`json::MAX_SAFE_DEPTH`], else `Malformed` | bounds the parser and the recursion of dropping a value |
//! | JSON members per object | [`json::DEFAULT_MAX_MEMBERS`], else `Malformed` | bounds the duplicate-name check ([`json::Limits`]) |
//! | JSON string length | none beyond the token size ([`json::Limits::max_string_len`]) | a string is never longer than its part |
//! | `aud` entries | [`DEFAULT_MAX_AUDIENCES`], else [`ErrorKind::InvalidClaim`] | bounds the audience match (entries × configured audiences) |
//! | clock | the system clock with `std` ([`Clock`]) | inject a fixed time or a function with [`Validation::now`] / [`Validation::clock`] |
//!
//! Every limit is checked where the data is read, and the first excess
//! stops the work: nothing is allocated in proportion to input beyond a
//! limit.
//!
//! # Order of the claim checks
//!
//! As the command line contract fixes it: the registered claims' types
//! (done by [`crate::Claims::from_object`]), `exp` required, required
//! claims, `exp`, `nbf`, maximum age (`iat`), `iss`, `sub`, `aud`, then the
//! header's `typ`: one named function each, in `validate/claims.rs`.

use crate::alg::Algorithm;
use crate::error::{quote, Error, ErrorKind};
use crate::json;

mod claims;
use crate::token::{DEFAULT_MAX_HEADER_LEN, DEFAULT_MAX_TOKEN_LEN};
use alloc::format;
use alloc::string::{String, ToString};
use alloc::sync::Arc;
use alloc::vec::Vec;
pub(crate) use claims::audience_count;
use core::fmt;

/// The default [`Validation::max_audiences`]: 256 entries in an `aud` array.
/// Audiences name the services a token is for; a token for hundreds of
/// them is not a real one, and the match costs entries × configured
/// audiences.
pub const DEFAULT_MAX_AUDIENCES: usize = 256;

/// Where the verifier reads the current time, in whole seconds since the
/// Unix epoch.
///
/// A closure makes a clock that a test or a simulation moves:
///
/// ```
/// use std::sync::atomic::{AtomicU64, Ordering};
/// use std::sync::Arc;
/// use barejwt::Clock;
///
/// let now = Arc::new(AtomicU64::new(1_000));
/// let clock = Clock::from_fn({
///     let now = Arc::clone(&now);
///     move || now.load(Ordering::Relaxed)
/// });
/// assert_eq!(clock.now(), 1_000);
/// now.store(5_000, Ordering::Relaxed); // an hour and a bit later
/// assert_eq!(clock.now(), 5_000);
/// ```
#[derive(Clone)]
#[non_exhaustive]
pub enum Clock {
    /// A fixed time: tests, or replaying logs.
    Fixed(u64),
    /// A function called once per verification.
    Function(fn() -> u64),
    /// A closure called once per verification ([`Clock::from_fn`]); shared
    /// by every clone of the [`Validation`] that holds it.
    Closure(Arc<dyn Fn() -> u64 + Send + Sync>),
    /// The operating system's clock (`std::time::SystemTime`).
    #[cfg(feature = "std")]
    System,
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Clock::Fixed(t) => f.debug_tuple("Fixed").field(t).finish(),
            Clock::Function(_) => f.write_str("Function(..)"),
            Clock::Closure(_) => f.write_str("Closure(..)"),
            #[cfg(feature = "std")]
            Clock::System => f.write_str("System"),
        }
    }
}

impl Clock {
    /// A clock that calls `now` once per verification: a closure may
    /// capture what it reads (an atomic counter, a simulated time).
    pub fn from_fn(now: impl Fn() -> u64 + Send + Sync + 'static) -> Clock {
        Clock::Closure(Arc::new(now))
    }

    /// The current time. A system clock set before 1970 reads as 0.
    pub fn now(&self) -> u64 {
        match self {
            Clock::Fixed(t) => *t,
            Clock::Function(f) => f(),
            Clock::Closure(f) => f(),
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

    /// The longest token accepted, in bytes. Default
    /// [`DEFAULT_MAX_TOKEN_LEN`].
    pub fn max_token_len(mut self, bytes: usize) -> Self {
        self.max_token_len = bytes;
        self
    }

    /// The longest decoded header accepted, in bytes; a longer one is
    /// [`ErrorKind::Malformed`]. Default [`DEFAULT_MAX_HEADER_LEN`].
    pub fn max_header_len(mut self, bytes: usize) -> Self {
        self.max_header_len = bytes;
        self
    }

    /// The deepest JSON nesting accepted in header and claims (the
    /// top-level object is level 1); deeper is [`ErrorKind::Malformed`].
    /// Default [`json::DEFAULT_MAX_DEPTH`]. Values above
    /// [`json::MAX_SAFE_DEPTH`] are lowered to it: a verified token's values are dropped, cloned and
    /// compared recursively, and a million levels would overflow the stack.
    pub fn max_json_depth(mut self, depth: usize) -> Self {
        self.json_limits.max_depth = depth.min(json::MAX_SAFE_DEPTH);
        self
    }

    /// The most members one JSON object of the header or claims may hold;
    /// more is [`ErrorKind::Malformed`]. Default
    /// [`json::DEFAULT_MAX_MEMBERS`].
    pub fn max_json_members(mut self, members: usize) -> Self {
        self.json_limits.max_members = members;
        self
    }

    /// The most entries an `aud` array may hold; more is
    /// [`ErrorKind::InvalidClaim`], judged with the claims' types (before
    /// `exp`). Default [`DEFAULT_MAX_AUDIENCES`].
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
            Err(Error::new(ErrorKind::AlgorithmNotAllowed, reason).with_parameter("alg"))
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
}

/// `a, b, c` for a message.
pub(crate) fn list<T: core::fmt::Display>(items: impl Iterator<Item = T>) -> String {
    let mut out = String::new();
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&alloc::format!("{item}"));
    }
    out
}
