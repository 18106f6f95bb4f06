//! Building a claims set to sign: the registered claims of RFC 7519 §4.1
//! by name, the times from the same [`Clock`] a [`Validation`](crate::Validation)
//! reads, and any other claim (or a [`typed_claims!`](crate::typed_claims)
//! struct) beside them.
//!
//! ```
//! use core::time::Duration;
//! use barejwt::{sign, verify, Algorithm, ClaimsBuilder, Clock, Key, Validation};
//!
//! let clock = Clock::Fixed(1_700_000_000); // or Clock::System, Clock::from_fn(...)
//! let claims = ClaimsBuilder::with_clock(clock.clone())
//!     .issuer("https://auth.example.com")
//!     .subject("alice")
//!     .audience("api.example.com")
//!     .issued_now()
//!     .expires_in(Duration::from_secs(15 * 60))
//!     .claim("role", "admin")
//!     .claim("scopes", vec!["read", "write"])
//!     .build();
//! assert_eq!(
//!     barejwt::json::Value::Object(claims.clone()).to_json(),
//!     r#"{"iss":"https://auth.example.com","sub":"alice","aud":"api.example.com","iat":1700000000,"exp":1700000900,"role":"admin","scopes":["read","write"]}"#
//! );
//!
//! let key = Key::hs256(&[1u8; 32])?;
//! let token = sign(&key, &claims)?;
//! let validation = Validation::with_clock(&[Algorithm::Hs256], clock).audience("api.example.com");
//! assert!(verify(&token, &key, &validation).is_ok());
//! # Ok::<(), barejwt::Error>(())
//! ```

use crate::json::{Number, Object, Value};
use crate::numeric_date::NumericDate;
use crate::typed::ClaimsObject;
use crate::validate::Clock;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::time::Duration;

/// A claims set under construction. The registered claims come first, in
/// the order `iss`, `sub`, `aud`, `iat`, `nbf`, `exp`, `jti`, then the
/// others in the order they were added; a later value for a name replaces
/// the earlier one.
///
/// The clock is read once, at the first method that needs the time
/// ([`issued_now`](ClaimsBuilder::issued_now),
/// [`not_before_now`](ClaimsBuilder::not_before_now),
/// [`expires_in`](ClaimsBuilder::expires_in)), so `iat` and `exp` are
/// measured from the same second; a builder cloned before that reads the
/// clock afresh.
#[derive(Debug, Clone)]
pub struct ClaimsBuilder {
    clock: Clock,
    now: Option<u64>,
    iss: Option<String>,
    sub: Option<String>,
    aud: Vec<String>,
    iat: Option<Value>,
    nbf: Option<Value>,
    exp: Option<Value>,
    jti: Option<String>,
    others: Object,
}

#[cfg(feature = "std")]
impl Default for ClaimsBuilder {
    fn default() -> Self {
        ClaimsBuilder::new()
    }
}

impl ClaimsBuilder {
    /// An empty claims set whose times come from the system clock, as
    /// [`Validation::new`](crate::Validation::new) reads it.
    #[cfg(feature = "std")]
    pub fn new() -> ClaimsBuilder {
        ClaimsBuilder::with_clock(Clock::System)
    }

    /// An empty claims set whose times come from `clock` (give it the
    /// clock the verifier's [`Validation::with_clock`](crate::Validation::with_clock) reads).
    pub fn with_clock(clock: Clock) -> ClaimsBuilder {
        ClaimsBuilder {
            clock,
            now: None,
            iss: None,
            sub: None,
            aud: Vec::new(),
            iat: None,
            nbf: None,
            exp: None,
            jti: None,
            others: Object::new(),
        }
    }

    /// The time the builder's dates are measured from: the clock, read on
    /// the first call and kept.
    pub fn now(&mut self) -> u64 {
        match self.now {
            Some(now) => now,
            None => {
                let now = self.clock.now();
                self.now = Some(now);
                now
            }
        }
    }

    /// `iss`, the issuer (RFC 7519 §4.1.1).
    pub fn issuer(mut self, iss: &str) -> Self {
        self.iss = Some(iss.to_string());
        self
    }

    /// `sub`, the subject (RFC 7519 §4.1.2).
    pub fn subject(mut self, sub: &str) -> Self {
        self.sub = Some(sub.to_string());
        self
    }

    /// Adds an audience to `aud` (RFC 7519 §4.1.3): one is written as a
    /// string, several as an array.
    pub fn audience(mut self, aud: &str) -> Self {
        self.aud.push(aud.to_string());
        self
    }

    /// `jti`, the JWT ID (RFC 7519 §4.1.7).
    pub fn jwt_id(mut self, jti: &str) -> Self {
        self.jti = Some(jti.to_string());
        self
    }

    /// `iat` (RFC 7519 §4.1.6) set to now.
    pub fn issued_now(mut self) -> Self {
        let now = self.now();
        self.iat = Some(Value::Number(Number::from_u64(now)));
        self
    }

    /// `nbf` (RFC 7519 §4.1.5) set to now.
    pub fn not_before_now(mut self) -> Self {
        let now = self.now();
        self.nbf = Some(Value::Number(Number::from_u64(now)));
        self
    }

    /// `exp` (RFC 7519 §4.1.4) set to now + `ttl`, in whole seconds (a
    /// fraction of a second in `ttl` is dropped, so the token never lives
    /// longer than asked).
    pub fn expires_in(mut self, ttl: Duration) -> Self {
        let exp = self.now().saturating_add(ttl.as_secs());
        self.exp = Some(Value::Number(Number::from_u64(exp)));
        self
    }

    /// `iat` set to a given date.
    pub fn issued_at(mut self, iat: NumericDate) -> Self {
        self.iat = Some(Value::from(iat));
        self
    }

    /// `nbf` set to a given date.
    pub fn not_before(mut self, nbf: NumericDate) -> Self {
        self.nbf = Some(Value::from(nbf));
        self
    }

    /// `exp` set to a given date.
    pub fn expires_at(mut self, exp: NumericDate) -> Self {
        self.exp = Some(Value::from(exp));
        self
    }

    /// Any other claim. A registered name (`exp`, `aud`, ...) is kept as
    /// given and replaces what the builder's own method set; [`sign`](crate::sign())
    /// still refuses it if its type is wrong.
    pub fn claim(mut self, name: &str, value: impl Into<Value>) -> Self {
        self.others.insert(name, value);
        self
    }

    /// Every member of a [`typed_claims!`](crate::typed_claims) struct.
    pub fn claims<T: ClaimsObject>(mut self, claims: &T) -> Self {
        claims.write_members(&mut self.others);
        self
    }

    /// The claims set, ready for [`sign`](crate::sign()).
    pub fn build(self) -> Object {
        let mut out = Object::new();
        let string = |s: String| Value::String(s);
        let aud = match self.aud.len() {
            0 => None,
            1 => self.aud.into_iter().next().map(string),
            _ => Some(Value::Array(self.aud.into_iter().map(string).collect())),
        };
        for (name, value) in [
            ("iss", self.iss.map(string)),
            ("sub", self.sub.map(string)),
            ("aud", aud),
            ("iat", self.iat),
            ("nbf", self.nbf),
            ("exp", self.exp),
            ("jti", self.jti.map(string)),
        ] {
            if let Some(value) = value {
                out.insert(name, value);
            }
        }
        for (name, value) in self.others {
            out.insert(name, value);
        }
        out
    }
}
