//! `encode --iat`, `--nbf WHEN`, `--exp WHEN`, `--now UNIX_SECONDS`: the
//! time claims set from the clock, as jwt-cli users expect, without
//! weakening anything (the claims are checked as any others when signing).
//!
//! WHEN is `+DURATION`, relative to now (`+900`, `+90s`, `+15m`, `+1h`,
//! `+7d`), or a NumericDate in whole seconds (`4102444800`). A claim
//! already in CLAIMS_JSON is not overwritten: giving it both ways is a
//! usage error.

use super::args::{self, Parsed, Usage};
use barejwt::json::{Number, Object, Value};
use barejwt::Clock;

/// The largest date written: the contract's number limit.
const MAX: u64 = i64::MAX as u64;

/// Adds `iat`, `nbf` and `exp` to `claims` as the flags ask.
///
/// # Errors
///
/// A usage error for a malformed WHEN, a date beyond 9223372036854775807,
/// or a claim given both in CLAIMS_JSON and by a flag.
pub fn add_time_claims(
    command: &'static str,
    parsed: &Parsed,
    claims: &mut Object,
) -> Result<(), Usage> {
    let now = match parsed.text(command, "now")? {
        Some(text) => args::number(command, "now", text, "seconds since 1970")?,
        None => Clock::System.now(),
    };
    let mut set = |name: &str, secs: u64| {
        if claims.contains_key(name) {
            return Err(Usage::new(
                Some(command),
                format!(
                    "CLAIMS_JSON already has \"{name}\": give it there or with --{name}, not both"
                ),
            ));
        }
        claims.insert(name, Value::Number(Number::from_u64(secs)));
        Ok(())
    };
    if parsed.has("iat") {
        set("iat", now)?;
    }
    for name in ["nbf", "exp"] {
        if let Some(text) = parsed.text(command, name)? {
            set(name, when(command, name, text, now)?)?;
        }
    }
    Ok(())
}

/// Reads WHEN: `+N[s|m|h|d]` from `now`, or whole seconds since 1970.
fn when(command: &'static str, flag: &str, text: &str, now: u64) -> Result<u64, Usage> {
    let bad = || {
        Usage::new(
            Some(command),
            format!(
                "--{flag} is +DURATION from now (+900, +90s, +15m, +1h, +7d) or seconds since 1970, not {}",
                args::show(text)
            ),
        )
    };
    let Some(relative) = text.strip_prefix('+') else {
        return args::number(command, flag, text, "seconds since 1970, or +DURATION");
    };
    let (digits, unit) = [('s', 1), ('m', 60), ('h', 3_600), ('d', 86_400)]
        .into_iter()
        .find_map(|(suffix, unit)| relative.strip_suffix(suffix).map(|d| (d, unit)))
        .unwrap_or((relative, 1));
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let date = digits
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(unit))
        .and_then(|secs| now.checked_add(secs))
        .filter(|&date| date <= MAX);
    date.ok_or_else(|| {
        Usage::new(
            Some(command),
            format!(
                "--{flag} {} is beyond 9223372036854775807 seconds",
                args::show(text)
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn when_reads_relative_and_absolute_times() {
        for (text, expected) in [
            ("+0", 100),
            ("+900", 1_000),
            ("+90s", 190),
            ("+15m", 1_000),
            ("+1h", 3_700),
            ("+7d", 604_900),
            ("4102444800", 4_102_444_800),
        ] {
            assert_eq!(
                when("encode", "exp", text, 100).unwrap(),
                expected,
                "{text}"
            );
        }
        for bad in [
            "+",
            "+h",
            "+1x",
            "+-1",
            "+1.5h",
            "1h",
            "-5",
            "+1 h",
            "+99999999999999999999d",
        ] {
            assert!(when("encode", "exp", bad, 100).is_err(), "{bad}");
        }
        assert!(when("encode", "exp", "+1", MAX).is_err());
    }
}
