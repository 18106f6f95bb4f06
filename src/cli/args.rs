//! Command line arguments, parsed by hand: flags, their values, and the
//! usage errors (exit 2) they can cause.
//!
//! Grammar, for every command:
//!
//! ```text
//! --flag VALUE | --flag=VALUE     a flag that takes a value
//! --flag                          a switch
//! -h | --help                     this command's help (wins over any error)
//! --                              everything after it is positional
//! -                               positional: the token on standard input
//! -anything                       positional (a token may start with '-';
//!                                 there are no short flags but -h)
//! anything else                   positional
//! ```
//!
//! Flags and positionals may come in any order. A flag given twice is an
//! error unless it is meant to repeat (`--aud`, `--require`, `--alg` for
//! `verify`).

use barejwt::Algorithm;
use std::ffi::{OsStr, OsString};
use std::fmt;

/// A usage error: bad flags, an unreadable key source, bad JSON given on
/// the command line. Exit code 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Usage {
    /// The command whose help the hint points to (`None`: the global help).
    pub command: Option<&'static str>,
    /// One line saying what is wrong.
    pub message: String,
}

impl Usage {
    /// A usage error of `command`.
    pub fn new(command: Option<&'static str>, message: impl Into<String>) -> Usage {
        Usage {
            command,
            message: message.into(),
        }
    }
}

impl fmt::Display for Usage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "barejwt: usage: {}", self.message)
    }
}

/// How one flag is written and used.
#[derive(Debug, Clone, Copy)]
pub struct FlagSpec {
    /// The name without the leading `--`.
    pub name: &'static str,
    /// Whether it takes a value.
    pub takes_value: bool,
    /// Whether it may be given more than once.
    pub repeatable: bool,
}

/// A flag that takes one value, given at most once.
pub const fn value(name: &'static str) -> FlagSpec {
    FlagSpec {
        name,
        takes_value: true,
        repeatable: false,
    }
}

/// A flag that takes a value and may repeat.
pub const fn repeated(name: &'static str) -> FlagSpec {
    FlagSpec {
        name,
        takes_value: true,
        repeatable: true,
    }
}

/// A switch (no value), given at most once.
pub const fn switch(name: &'static str) -> FlagSpec {
    FlagSpec {
        name,
        takes_value: false,
        repeatable: false,
    }
}

/// One command's arguments, split into flags and positionals.
#[derive(Debug, Default)]
pub struct Parsed {
    /// Flags in the order given, with their values (empty for switches).
    flags: Vec<(&'static str, OsString)>,
    /// Positional arguments in order.
    pub positionals: Vec<OsString>,
}

/// Whether `args` ask for help (`-h` or `--help` before any `--`).
pub fn wants_help(args: &[OsString]) -> bool {
    args.iter()
        .take_while(|a| a.as_os_str() != "--")
        .any(|a| a == "-h" || a == "--help")
}

/// Splits `args` by `specs`.
///
/// # Errors
///
/// An unknown flag, a missing value, a value given to a switch, or a
/// non-repeatable flag given twice.
pub fn parse(
    command: &'static str,
    args: &[OsString],
    specs: &[FlagSpec],
) -> Result<Parsed, Usage> {
    let usage = |message: String| Usage::new(Some(command), message);
    let mut parsed = Parsed::default();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if arg == "--" {
            parsed.positionals.extend(rest.by_ref().cloned());
            break;
        }
        let Some(text) = arg.to_str() else {
            // Not UTF-8: only a positional (a token) may be that.
            parsed.positionals.push(arg.clone());
            continue;
        };
        let Some(body) = text.strip_prefix("--") else {
            // `-`, `-anything` and text: positional. A token is base64url,
            // whose alphabet includes `-`; it must be judged, not refused.
            parsed.positionals.push(arg.clone());
            continue;
        };
        let (name, inline) = match body.split_once('=') {
            Some((name, v)) => (name, Some(OsString::from(v))),
            None => (body, None),
        };
        let Some(spec) = specs.iter().find(|s| s.name == name) else {
            return Err(usage(format!(
                "unknown flag --{} for `{command}`",
                show_bare(name)
            )));
        };
        if !spec.repeatable && parsed.flags.iter().any(|(n, _)| *n == spec.name) {
            return Err(usage(format!("--{} is given more than once", spec.name)));
        }
        let value = match (spec.takes_value, inline) {
            (true, Some(v)) => v,
            (true, None) => match rest.next() {
                Some(v) => v.clone(),
                None => return Err(usage(format!("--{} needs a value", spec.name))),
            },
            (false, Some(_)) => {
                return Err(usage(format!("--{} takes no value", spec.name)));
            }
            (false, None) => OsString::new(),
        };
        parsed.flags.push((spec.name, value));
    }
    Ok(parsed)
}

impl Parsed {
    /// Whether the switch or flag `name` was given.
    pub fn has(&self, name: &str) -> bool {
        self.flags.iter().any(|(n, _)| *n == name)
    }

    /// The raw value of a flag given at most once.
    pub fn raw(&self, name: &str) -> Option<&OsStr> {
        self.flags
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_os_str())
    }

    /// The value of a flag given at most once, as UTF-8 text.
    ///
    /// # Errors
    ///
    /// When the value is not UTF-8.
    pub fn text(&self, command: &'static str, name: &str) -> Result<Option<&str>, Usage> {
        self.raw(name).map(|v| utf8(command, name, v)).transpose()
    }

    /// Every value of a repeatable flag, as UTF-8 text, in order.
    ///
    /// # Errors
    ///
    /// When a value is not UTF-8.
    pub fn texts(&self, command: &'static str, name: &str) -> Result<Vec<&str>, Usage> {
        self.flags
            .iter()
            .filter(|(n, _)| *n == name)
            .map(|(_, v)| utf8(command, name, v))
            .collect()
    }

    /// The one positional argument named `what`.
    ///
    /// # Errors
    ///
    /// When there is none or more than one.
    pub fn one_positional(&self, command: &'static str, what: &str) -> Result<&OsStr, Usage> {
        match self.positionals.as_slice() {
            [one] => Ok(one),
            [] => Err(Usage::new(Some(command), format!("{what} is missing"))),
            [_, extra, ..] => Err(Usage::new(
                Some(command),
                format!(
                    "`{command}` takes one {what}; unexpected extra argument {}",
                    show(&extra.to_string_lossy())
                ),
            )),
        }
    }

    /// Fails if any positional argument was given.
    ///
    /// # Errors
    ///
    /// When there is one.
    pub fn no_positionals(&self, command: &'static str) -> Result<(), Usage> {
        match self.positionals.first() {
            None => Ok(()),
            Some(extra) => Err(Usage::new(
                Some(command),
                format!(
                    "`{command}` takes no arguments; unexpected {}",
                    show(&extra.to_string_lossy())
                ),
            )),
        }
    }
}

fn utf8<'a>(command: &'static str, name: &str, value: &'a OsStr) -> Result<&'a str, Usage> {
    value
        .to_str()
        .ok_or_else(|| Usage::new(Some(command), format!("--{name} must be UTF-8 text")))
}

/// Quotes user text for a message: Rust-style escapes, cut at 64 chars.
pub fn show(text: &str) -> String {
    let cut: String = text.chars().take(64).collect();
    let more = if cut.len() < text.len() { "..." } else { "" };
    format!("{cut:?}{more}")
}

/// As [`show`], without the quotes (for flag names).
fn show_bare(text: &str) -> String {
    let quoted = show(text);
    quoted.trim_matches('"').to_string()
}

/// The largest value a number flag takes (the contract's
/// 9223372036854775807, `i64::MAX`: every date sum stays exact).
pub const MAX_NUMBER_FLAG: u64 = i64::MAX as u64;

/// Reads a number flag (`--leeway`, `--max-age`, `--now`): decimal digits
/// only, from 0 to [`MAX_NUMBER_FLAG`]. No sign, no spaces, no fraction, no
/// hex; leading zeros are allowed (`007` is 7), as in any decimal reading.
///
/// # Errors
///
/// Anything else, saying what was expected and what was given.
pub fn number(command: &'static str, flag: &str, text: &str, unit: &str) -> Result<u64, Usage> {
    let bad = || {
        Usage::new(
            Some(command),
            format!(
                "--{flag} takes a whole number of {unit} (0 to {MAX_NUMBER_FLAG}), got {}",
                show(text)
            ),
        )
    };
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let mut value: u64 = 0;
    for digit in text.bytes() {
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(u64::from(digit - b'0')))
            .filter(|v| *v <= MAX_NUMBER_FLAG)
            .ok_or_else(bad)?;
    }
    Ok(value)
}

/// Reads an `--alg` list (`HS256,HS384`): names exactly as RFC 7518 §3.1,
/// RFC 8037, RFC 8812 and RFC 9864 write them (case-sensitive). Names this build
/// cannot verify yet (`RS256`, ...) are accepted here; tokens using them are
/// refused with `algorithm_not_allowed`.
///
/// # Errors
///
/// An empty list or name, `none`, or an unknown name.
pub fn algorithms(command: &'static str, list: &str) -> Result<Vec<Algorithm>, Usage> {
    let usage = |message: String| Usage::new(Some(command), message);
    if list.is_empty() {
        return Err(usage("--alg needs at least one algorithm name".into()));
    }
    let mut out = Vec::new();
    for name in list.split(',') {
        if name.is_empty() {
            return Err(usage(format!(
                "--alg has an empty name in {} (write names separated by single commas)",
                show(list)
            )));
        }
        if name.eq_ignore_ascii_case(barejwt::alg::UNSECURED) {
            return Err(usage(
                "--alg none is never accepted: an unsecured token proves nothing (RFC 8725 §3.1)"
                    .into(),
            ));
        }
        let Some(alg) = Algorithm::from_name(name) else {
            let built: Vec<&str> = Algorithm::ALL
                .into_iter()
                .filter(|a| a.is_supported())
                .map(Algorithm::as_str)
                .collect();
            let hint = match Algorithm::ALL
                .into_iter()
                .filter(|a| a.is_supported())
                .find(|a| a.as_str().eq_ignore_ascii_case(name))
            {
                Some(near) => format!("did you mean {near}? "),
                None => String::new(),
            };
            return Err(usage(format!(
                "unknown algorithm {} in --alg ({hint}names are case-sensitive; this build signs and verifies {})",
                show(name),
                built.join(", ")
            )));
        };
        if !out.contains(&alg) {
            out.push(alg);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    const SPECS: [FlagSpec; 3] = [value("iss"), repeated("aud"), switch("allow-missing-exp")];

    #[test]
    fn flags_and_positionals_in_any_order() {
        let p = parse(
            "verify",
            &os(&[
                "TOKEN",
                "--iss",
                "a",
                "--aud=x",
                "--aud",
                "y",
                "--allow-missing-exp",
            ]),
            &SPECS,
        )
        .unwrap();
        assert_eq!(p.text("verify", "iss").unwrap(), Some("a"));
        assert_eq!(p.texts("verify", "aud").unwrap(), ["x", "y"]);
        assert!(p.has("allow-missing-exp"));
        assert_eq!(p.positionals, os(&["TOKEN"]));
    }

    #[test]
    fn double_dash_ends_flags_and_dash_is_positional() {
        let p = parse("verify", &os(&["-", "--", "--iss"]), &SPECS).unwrap();
        assert_eq!(p.positionals, os(&["-", "--iss"]));
        let p = parse("verify", &os(&["-x.y.z"]), &SPECS).unwrap();
        assert_eq!(p.positionals, os(&["-x.y.z"]));
    }

    #[test]
    fn bad_flags_are_usage_errors() {
        for bad in [
            &["--nope"][..],
            &["--iss"],
            &["--iss", "a", "--iss", "b"],
            &["--allow-missing-exp=yes"],
        ] {
            assert!(parse("verify", &os(bad), &SPECS).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn help_is_seen_before_double_dash_only() {
        assert!(wants_help(&os(&["x", "-h"])));
        assert!(wants_help(&os(&["--help"])));
        assert!(!wants_help(&os(&["--", "--help"])));
    }

    #[test]
    fn number_flags_take_decimal_integers_up_to_i64_max() {
        assert_eq!(number("v", "now", "0", "s").unwrap(), 0);
        assert_eq!(number("v", "now", "007", "s").unwrap(), 7);
        assert_eq!(
            number("v", "now", "9223372036854775807", "s").unwrap(),
            9_223_372_036_854_775_807
        );
        for bad in [
            "",
            "-1",
            "+1",
            "1.5",
            " 1",
            "1 ",
            "0x10",
            "1e3",
            "9223372036854775808",
            "99999999999999999999999",
            "٣",
        ] {
            let err = number("v", "leeway", bad, "seconds").unwrap_err();
            assert!(
                err.message.contains("--leeway takes a whole number"),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn algorithm_lists() {
        assert_eq!(
            algorithms("v", "HS256,HS512").unwrap(),
            [Algorithm::Hs256, Algorithm::Hs512]
        );
        assert_eq!(algorithms("v", "RS256").unwrap(), [Algorithm::Rs256]);
        for bad in [
            "",
            "none",
            "NONE",
            "hs256",
            "HS256,",
            ",HS256",
            "HS256,,HS384",
            "XS1",
        ] {
            assert!(algorithms("v", bad).is_err(), "{bad:?}");
        }
    }
}
