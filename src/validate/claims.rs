//! Steps 10–11 of [`crate::verify()`]: the claim checks of RFC 7519 §4.1
//! against the [`Validation`], one named function per check, called in the
//! order the command line contract fixes ("Claims are checked in this
//! order"), on the borrowed views that both [`crate::verify()`] and
//! [`crate::verify_borrowed`] build. The registered claims' types were
//! checked when the [`ClaimsView`](crate::ClaimsView) was made; the first failing check is the one reported.

use super::{list, Validation};
use crate::error::{quote, Error, ErrorKind};
use crate::header::typ_matches;
use crate::view::{ClaimsView as Claims, HeaderView as Header};
use alloc::format;
use alloc::string::{String, ToString};
use core::cmp::Ordering;

/// The time a token is judged at: `now`, and the leeway on either side.
/// Both are widened to i128 so that `now ± leeway ± max_age` never
/// overflows.
#[derive(Clone, Copy)]
struct At {
    now: i128,
    leeway: i128,
}

impl Validation {
    /// Steps 10–11: every claim check, in the contract's order, at `now`.
    pub(crate) fn check_claims(
        &self,
        header: &Header,
        claims: &Claims,
        now: u64,
    ) -> Result<(), Error> {
        let at = At {
            now: i128::from(now),
            leeway: i128::from(self.leeway_secs),
        };
        self.check_audience_count(claims)?;
        self.check_exp_present(claims)?;
        self.check_required(claims)?;
        check_not_expired(claims, at)?;
        check_not_before(claims, at)?;
        self.check_max_age(claims, at)?;
        self.check_issuer(claims)?;
        self.check_subject(claims)?;
        self.check_audience(claims)?;
        self.check_typ(header)
    }

    /// With the types (step 10): the size of `aud`, before any claim is
    /// compared, so the audience match is bounded.
    fn check_audience_count(&self, claims: &Claims) -> Result<(), Error> {
        audience_count(claims.aud_array_len(), self.max_audiences)
    }

    /// `exp` is required unless [`Validation::allow_missing_exp`].
    fn check_exp_present(&self, claims: &Claims) -> Result<(), Error> {
        if self.require_exp && claims.exp().is_none() {
            return Err(missing("exp", MISSING_EXP));
        }
        Ok(())
    }

    /// Every claim named by [`Validation::require`] is present (`null`
    /// counts).
    fn check_required(&self, claims: &Claims) -> Result<(), Error> {
        match self.required.iter().find(|name| !claims.contains(name)) {
            Some(name) => Err(Error::new(
                ErrorKind::MissingClaim,
                format!("required claim {} is absent", quote(name)),
            )
            .with_claim(name.clone())),
            None => Ok(()),
        }
    }

    /// With a maximum age: `iat` is required, not older than max-age +
    /// leeway, and not in the future beyond the leeway.
    fn check_max_age(&self, claims: &Claims, at: At) -> Result<(), Error> {
        let Some(max_age) = self.max_age_secs else {
            return Ok(());
        };
        let Some(iat) = claims.iat() else {
            return Err(missing(
                "iat",
                "the token has no \"iat\", which a maximum age needs",
            ));
        };
        let (now, leeway, max_age) = (at.now, at.leeway, i128::from(max_age));
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
        Ok(())
    }

    /// `iss` is one of [`Validation::issuer`]'s values, when any is set.
    fn check_issuer(&self, claims: &Claims) -> Result<(), Error> {
        if self.issuers.is_empty() {
            return Ok(());
        }
        let Some(iss) = claims.iss() else {
            return Err(missing(
                "iss",
                "the token has no \"iss\", and an issuer is expected",
            ));
        };
        if !self.issuers.iter().any(|expected| iss == expected.as_str()) {
            let iss = iss.to_str();
            let reason = match self.issuers.as_slice() {
                [one] => format!(
                    "issuer {} is not the expected issuer {}",
                    quote(&iss),
                    quote(one)
                ),
                several => format!(
                    "issuer {} is none of the expected issuers ({})",
                    quote(&iss),
                    list(several.iter().map(|i| quote(i)))
                ),
            };
            return Err(Error::new(ErrorKind::InvalidIssuer, reason).with_claim("iss"));
        }
        Ok(())
    }

    /// `sub` is [`Validation::subject`], when set.
    fn check_subject(&self, claims: &Claims) -> Result<(), Error> {
        let Some(expected) = &self.subject else {
            return Ok(());
        };
        let Some(sub) = claims.sub() else {
            return Err(missing(
                "sub",
                "the token has no \"sub\", and a subject is expected",
            ));
        };
        if sub != expected.as_str() {
            return Err(Error::new(
                ErrorKind::InvalidSubject,
                format!(
                    "subject {} is not the expected subject {}",
                    quote(&sub.to_str()),
                    quote(expected)
                ),
            )
            .with_claim("sub"));
        }
        Ok(())
    }

    /// RFC 7519 §4.1.3, both ways: "If the principal processing the claim
    /// does not identify itself with a value in the "aud" claim when this
    /// claim is present, then the JWT MUST be rejected."
    fn check_audience(&self, claims: &Claims) -> Result<(), Error> {
        let has_aud = claims.contains("aud");
        if self.audiences.is_empty() {
            if has_aud {
                return Err(Error::new(
                    ErrorKind::InvalidAudience,
                    "the token has \"aud\" but this verifier has no audience configured (RFC 7519 §4.1.3)",
                )
                .with_claim("aud"));
            }
            return Ok(());
        }
        if !has_aud {
            return Err(missing(
                "aud",
                "the token has no \"aud\", and an audience is expected",
            ));
        }
        if !claims
            .aud()
            .any(|a| self.audiences.iter().any(|expected| a == expected.as_str()))
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
        Ok(())
    }

    /// The header's `typ` is [`Validation::typ`] as a media type, when set.
    fn check_typ(&self, header: &Header) -> Result<(), Error> {
        let Some(expected) = &self.typ else {
            return Ok(());
        };
        let found = header.typ();
        let found = found.as_deref();
        if found.is_some_and(|t| typ_matches(expected, t)) {
            return Ok(());
        }
        Err(Error::new(
            ErrorKind::InvalidType,
            match found {
                Some(t) => format!("header typ {} is not {}", quote(t), quote(expected)),
                None => format!("the header has no \"typ\"; expected {}", quote(expected)),
            },
        )
        .with_parameter("typ"))
    }
}

/// RFC 7519 §4.1.4: expired when now >= exp + leeway.
fn check_not_expired(claims: &Claims, at: At) -> Result<(), Error> {
    match claims.exp() {
        Some(exp) if exp.cmp_secs(at.now - at.leeway) != Ordering::Greater => Err(Error::new(
            ErrorKind::Expired,
            format!(
                "the token expired at exp {} (now {}, leeway {} s)",
                show(claims, "exp"),
                at.now,
                at.leeway
            ),
        )
        .with_claim("exp")),
        _ => Ok(()),
    }
}

/// RFC 7519 §4.1.5: not yet valid when now < nbf - leeway.
fn check_not_before(claims: &Claims, at: At) -> Result<(), Error> {
    match claims.nbf() {
        Some(nbf) if nbf.cmp_secs(at.now + at.leeway) == Ordering::Greater => Err(Error::new(
            ErrorKind::NotYetValid,
            format!(
                "the token is not valid before nbf {} (now {}, leeway {} s)",
                show(claims, "nbf"),
                at.now,
                at.leeway
            ),
        )
        .with_claim("nbf")),
        _ => Ok(()),
    }
}

/// The reason of a missing `exp`, naming the opt-out. The command line
/// replaces the last parenthesis with its flag.
const MISSING_EXP: &str = "the token has no \"exp\"; tokens must expire unless missing exp is explicitly allowed (Validation::allow_missing_exp)";

/// `aud` holds at most `max` entries (shared with the checks of
/// [`sign`](crate::sign())).
/// `entries`: the length of an `aud` array, `None` for any other `aud`.
pub(crate) fn audience_count(entries: Option<usize>, max: usize) -> Result<(), Error> {
    match entries {
        Some(entries) if entries > max => Err(Error::new(
            ErrorKind::InvalidClaim,
            format!("\"aud\" has {entries} entries, over the limit of {max}"),
        )
        .with_claim("aud")),
        _ => Ok(()),
    }
}

fn missing(name: &'static str, reason: &'static str) -> Error {
    Error::new(ErrorKind::MissingClaim, reason).with_claim(name)
}

/// A date claim's text as written in the token, for messages.
fn show(claims: &Claims, name: &str) -> String {
    match claims.get(name).and_then(|v| v.as_number_text()) {
        Some(n) => quote(n).trim_matches('"').to_string(),
        None => String::from("?"),
    }
}
