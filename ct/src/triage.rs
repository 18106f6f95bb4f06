//! Memcheck's reports sorted against the library's documented
//! declassifications (`barejwt-ct triage LOG`, run by `run.sh` outside
//! valgrind on a case's log).
//!
//! Secret code must sometimes make a secret-derived fact public on
//! purpose: that a rejection-sampling draw was out of range, that a key
//! breaks a rule, that a signature verified before release. The library
//! marks each such place with `Choice::declassify()` (`src/crypto/ct.rs`:
//! "The name marks every place a secret-derived bit becomes a branch"),
//! and its module notes say why each is public. It cannot tell valgrind
//! (it has no dependency and no `unsafe`), so memcheck reports the branch.
//! A few values are public by design although computed from the secret:
//! the ECDSA public key d·G, the RSA modulus p·q; the library hands them to
//! variable-time code (`..._vartime`, verification tables) without a
//! marker, and memcheck reports what that code branches on.
//!
//! A report is accepted only when a rule of [`RULES`] names it exactly:
//!
//! - [`Rule::Declassify`]: a branch (never an address) whose innermost
//!   frame is the named library function, on a source line that contains
//!   the rule's `.declassify()` expression, read from the source file the
//!   frame names. A branch anywhere else in the same function, or inside a
//!   callee on that line, has another innermost frame and is not accepted.
//! - [`Rule::PublicInput`]: anything computed inside a call of `callee`
//!   made directly by `caller`, where every input of that call is public
//!   by design (and, if `lines` is not empty, only while `callee` is on a
//!   line containing one of them).
//!
//! Every other report fails the case, as does a log memcheck cut short
//! ("More than ... errors detected"), a count of reports that differs from
//! memcheck's summary, or a log with no report at all (then the case
//! should have exited 0). Each rule cites where the library documents it.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A library function: its file under the repository root and its name
/// as valgrind prints it, generic arguments and module path dropped
/// (`blinding_factor`, `new`, `from_be_bytes`).
#[derive(Clone, Copy)]
pub struct Function {
    pub file: &'static str,
    pub name: &'static str,
}

const fn function(file: &'static str, name: &'static str) -> Function {
    Function { file, name }
}

/// A documented declassification.
pub enum Rule {
    /// A branch on `Choice::declassify()` in `function`, on a line whose
    /// text contains `expression`.
    Declassify {
        function: Function,
        expression: &'static str,
        why: &'static str,
    },
    /// Everything inside a call of `callee` made directly by `caller`,
    /// whose inputs are all public by design; if `lines` is not empty, only
    /// while `callee`'s frame is on a line containing one of them.
    PublicInput {
        callee: Function,
        caller: Function,
        lines: &'static [&'static str],
        why: &'static str,
    },
}

impl Rule {
    /// A short name for the summary: `function: expression` or
    /// `caller → callee`.
    pub fn name(&self) -> String {
        match self {
            Rule::Declassify {
                function,
                expression,
                ..
            } => format!("{} {}: {expression}", function.file, function.name),
            Rule::PublicInput {
                callee,
                caller,
                lines,
                ..
            } => {
                let at = if lines.is_empty() {
                    String::new()
                } else {
                    format!(" at {}", lines.join(", "))
                };
                format!(
                    "{} {} → {} {}{at}",
                    caller.file, caller.name, callee.file, callee.name
                )
            }
        }
    }

    /// Why it is public, with where the library says so.
    pub fn why(&self) -> &'static str {
        match self {
            Rule::Declassify { why, .. } | Rule::PublicInput { why, .. } => why,
        }
    }
}

const EC_MOD: &str = "src/crypto/ec/mod.rs";
const EC_SIGN: &str = "src/crypto/ec/sign.rs";
const EC_VERIFY: &str = "src/crypto/ec/verify.rs";
const RSA_PRIVATE: &str = "src/crypto/rsa/private.rs";
const RSA_PUBLIC: &str = "src/crypto/rsa/public.rs";
const RSA_KEYGEN: &str = "src/crypto/rsa/keygen.rs";
const BIGNUM_UINT: &str = "src/crypto/bignum/uint.rs";
/// Any file of Rust's standard library (`/rustc/<commit>/library/...`).
const RUST_LIBRARY: &str = "<Rust's library>";

/// The library's documented declassifications, each checked by review
/// against the code and the notes it cites.
pub const RULES: &[Rule] = &[
    // ECDSA (src/crypto/ec/).
    Rule::Declassify {
        function: function(EC_MOD, "derive_public"),
        expression: "below_n.and(scalar.is_zero().not()).declassify()",
        why: "whether d lies in 1..n−1: from_scalar refuses a key outside it (its documented \
              error); generate draws d by rejection sampling (FIPS 186-5 A.4.2) and this \
              reveals only that a discarded draw was out of range",
    },
    Rule::Declassify {
        function: function(EC_SIGN, "sign"),
        expression: "below_n.and(k.is_zero().not()).declassify()",
        why: "RFC 6979 §3.2 step h.3: a nonce candidate not in 1..n−1 is discarded and the \
              next one drawn; reveals only that a discarded candidate was out of range \
              (sign.rs notes, probability below 2^-32)",
    },
    Rule::Declassify {
        function: function(EC_SIGN, "sign"),
        expression: "r.is_zero().or(s.is_zero()).declassify()",
        why: "FIPS 186-5 §6.4.1 / RFC 6979 §3.4: r = 0 or s = 0 discards the nonce; a \
              released signature has neither (sign.rs notes)",
    },
    Rule::PublicInput {
        callee: function(EC_VERIFY, "new"),
        caller: function(EC_MOD, "derive_public"),
        lines: &[],
        why: "VerifyingKey::new(Q) with Q = d·G, the public key from_scalar returns \
              (public_key()); it precomputes the multiples verification uses, in variable \
              time from Q alone (ec/mod.rs notes: \"computed once, at import\")",
    },
    // RSA keys and signatures (src/crypto/rsa/private.rs).
    Rule::Declassify {
        function: function(RSA_PRIVATE, "require"),
        expression: "holds.declassify()",
        why: "a key rule's verdict: from_components refuses a key that breaks one and the \
              error names the rule (private.rs: \"compute each rule as a mask and make only \
              its verdict public\")",
    },
    Rule::Declassify {
        function: function(RSA_PRIVATE, "blinding_factor"),
        expression: "r.is_zero().not().and(r.ct_lt(n.value())).declassify()",
        why: "the blinding factor r is drawn by rejection sampling in [1, n): reveals only \
              that a discarded draw was out of range (blinding_factor's notes)",
    },
    Rule::Declassify {
        function: function(RSA_PRIVATE, "rsasp1"),
        expression: "m.ct_lt(n.value()).declassify()",
        why: "RFC 8017 §5.2.1 step 1, m < n: the encodings start with a zero octet, so it \
              holds for every message (for PSS the encoding holds the secret salt; the bit \
              is constant)",
    },
    Rule::Declassify {
        function: function(RSA_PRIVATE, "rsasp1"),
        expression: "public.raw_public(&sig).ct_eq(&m).declassify()",
        why: "the signature is checked with the public key before release \
              (Boneh–DeMillo–Lipton; private.rs notes): whether it verifies is what any \
              verifier learns from it; a fault withholds it",
    },
    // RSA key generation (src/crypto/rsa/keygen.rs, "What is constant time").
    Rule::Declassify {
        function: function(RSA_KEYGEN, "random_prime"),
        expression: "passes_trial_division(&w).declassify()",
        why: "a candidate rejected by trial division (or w ≡ 1 mod e) is discarded: \
              keygen.rs, \"whether a candidate is rejected, and at which test\"",
    },
    Rule::Declassify {
        function: function(RSA_KEYGEN, "miller_rabin"),
        expression: "ct::lt_u64(A_MAX, a).declassify()",
        why: "candidates with 2^33 | w − 1 are skipped (one prime in 2^32): keygen.rs, \
              \"whether w − 1 is divisible by 2^33\"",
    },
    Rule::Declassify {
        function: function(RSA_KEYGEN, "miller_rabin"),
        expression: "in_range.declassify()",
        why: "FIPS 186-5 B.3.1 step 4.2, a base b outside 1 < b < w − 1 is redrawn: \
              keygen.rs, \"reveals at most one inequality about it per rejected base\"",
    },
    Rule::Declassify {
        function: function(RSA_KEYGEN, "miller_rabin"),
        expression: "passes.declassify()",
        why: "a Miller–Rabin round's verdict: a composite is discarded (keygen.rs, \"at \
              which test\"); a kept prime passes every round",
    },
    Rule::Declassify {
        function: function(RSA_KEYGEN, "generate_parts"),
        expression: "gap.ct_lt(&diff).declassify()",
        why: "FIPS 186-5 A.1.3 step 5.5, |p − q| > 2^(nlen/2 − 100): a q too close to p is \
              discarded (keygen.rs, \"|p − q|\")",
    },
    Rule::Declassify {
        function: function(RSA_KEYGEN, "generate_parts"),
        expression: "bound.ct_lt(&d).declassify()",
        why: "FIPS 186-5 A.1.1 step 3, d > 2^(nlen/2): otherwise a restart (keygen.rs, \
              \"d ≤ 2^(nlen/2) (a restart, probability about 2^−(nlen/2))\")",
    },
    Rule::Declassify {
        function: function(RSA_KEYGEN, "generate_parts"),
        expression: "found.declassify()",
        why: "q⁻¹ mod p exists for distinct primes: always true for a kept pair \
              (keygen.rs: \"not reached\")",
    },
    // The modulus of a generated key: n = p·q is the public key, but
    // memcheck sees it as derived from the secret primes.
    Rule::PublicInput {
        callee: function(BIGNUM_UINT, "to_be_bytes_minimal_vartime"),
        caller: function(RSA_KEYGEN, "generate"),
        lines: &[],
        why: "n = p·q as octets for the public key: n is public (the key's public half), \
              and this variable-time encoding reads n alone",
    },
    Rule::PublicInput {
        callee: function(RSA_PUBLIC, "from_be_bytes"),
        caller: function(RSA_KEYGEN, "generate"),
        lines: &[],
        why: "RsaPublicKey::from_be_bytes(n, e): the public key's checks and Montgomery \
              constants, computed from n and e alone (public.rs: public data, variable time)",
    },
    Rule::PublicInput {
        callee: function(RUST_LIBRARY, "drop_in_place"),
        caller: function(RSA_KEYGEN, "generate"),
        lines: &[],
        why: "the drop of the octets of n above: their count is n's length in octets",
    },
    Rule::PublicInput {
        callee: function(RSA_PRIVATE, "checked"),
        caller: function(RSA_KEYGEN, "generate"),
        lines: &["product.ct_eq(n)", "d.ct_lt(n)"],
        why: "the key checks p·q = n and d < n loop over n's limbs, and n's length in limbs \
              comes from n's bit length (Modulus::new), which memcheck sees as secret-derived; \
              n is public. The same checks run with a public n in rsa-sign-*",
    },
];

/// One frame of a report's stack.
#[derive(Debug)]
struct Frame {
    /// As valgrind prints it, `UnknownInlinedFun` when it could not tell.
    function: String,
    /// The full path (valgrind's `--fullpath-after=`); empty without debug
    /// information.
    file: String,
    line: usize,
}

/// One report: memcheck's message and the stack, innermost first.
#[derive(Debug)]
pub struct Report {
    message: String,
    frames: Vec<Frame>,
}

/// A function's name without generic arguments and module path.
fn short_name(function: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in function.chars() {
        match c {
            '<' => depth += 1,
            '>' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    match out.rsplit("::").next() {
        Some(last) => last.to_string(),
        None => out,
    }
}

/// `at 0x1A2B: function (file:line)` or `by ...`, or `None`.
fn parse_frame(text: &str) -> Option<Frame> {
    let rest = text
        .trim_start()
        .strip_prefix("at ")
        .or_else(|| text.trim_start().strip_prefix("by "))?;
    let (_, rest) = rest.split_once(": ")?;
    let (function, location) = rest.rsplit_once(" (")?;
    let location = location.strip_suffix(')')?;
    let (file, line) = match location.rsplit_once(':') {
        Some((file, line)) if !location.starts_with("in ") => (file, line.parse().ok()?),
        _ => ("", 0),
    };
    Some(Frame {
        function: function.to_string(),
        file: file.to_string(),
        line,
    })
}

/// The reports of a memcheck log, and the number of contexts its summary
/// gives. Errors when memcheck stopped reporting or the log is not one.
pub fn parse(log: &str) -> Result<(Vec<Report>, usize), String> {
    let mut reports = Vec::new();
    let mut current: Option<Report> = None;
    let mut in_origin = false;
    let mut command = false;
    let mut started = false;
    let mut contexts = None;
    for line in log.lines() {
        // Every line is `==PID== text`.
        let Some(text) = line
            .strip_prefix("==")
            .and_then(|l| l.split_once("== "))
            .map(|(_, t)| t)
            .or_else(|| {
                line.strip_prefix("==")
                    .and_then(|l| l.split_once("==").map(|_| ""))
            })
        else {
            continue;
        };
        // The header ends with the first empty line after `Command:`.
        if !started {
            if text.starts_with("Command:") {
                command = true;
            } else if command && text.trim().is_empty() {
                started = true;
            }
            continue;
        }
        // After 1000 contexts or 10 000 000 errors memcheck shows no more:
        // what it did not show cannot be sorted. (After 100 it only folds
        // reports more coarsely, see the module notes.)
        if text.contains("I'm not reporting any more") {
            return Err(format!("memcheck stopped reporting: {text}"));
        }
        if text.starts_with("More than ") || text.starts_with("will still be recorded") {
            continue;
        }
        if let Some(summary) = text.strip_prefix("ERROR SUMMARY: ") {
            let n = summary
                .split(" from ")
                .nth(1)
                .and_then(|s| s.split(' ').next())
                .and_then(|s| s.parse().ok());
            contexts = n;
            continue;
        }
        if text.starts_with("HEAP SUMMARY") || text.starts_with("LEAK SUMMARY") {
            if let Some(report) = current.take() {
                reports.push(report);
            }
            continue;
        }
        if text.trim().is_empty() {
            if let Some(report) = current.take() {
                reports.push(report);
            }
            in_origin = false;
            continue;
        }
        if let Some(frame) = parse_frame(text) {
            if let (Some(report), false) = (current.as_mut(), in_origin) {
                report.frames.push(frame);
            }
            continue;
        }
        if text
            .trim_start()
            .starts_with("Uninitialised value was created")
        {
            // Where the undefined value came from, then its stack.
            in_origin = true;
            continue;
        }
        if current.is_none() && !text.starts_with(' ') && reports_may_start(text) {
            current = Some(Report {
                message: text.to_string(),
                frames: Vec::new(),
            });
        }
    }
    if let Some(report) = current.take() {
        reports.push(report);
    }
    let contexts = contexts.ok_or("no ERROR SUMMARY: not a complete memcheck log")?;
    Ok((reports, contexts))
}

/// Whether a top-level line of the log starts an error report (and is not
/// one of memcheck's notes, which end its output).
fn reports_may_start(text: &str) -> bool {
    !(text.starts_with("For lists of")
        || text.starts_with("For a detailed leak")
        || text.starts_with("Rerun with")
        || text.starts_with("Use --track-origins")
        || text.starts_with("All heap blocks")
        || text.starts_with("in use at exit")
        || text.starts_with("total heap usage"))
}

/// The repository root (the library's sources are under `src/`).
fn root() -> PathBuf {
    let ct = Path::new(env!("CARGO_MANIFEST_DIR"));
    ct.parent().unwrap_or(ct).to_path_buf()
}

/// Source lines, read once per file.
struct Sources {
    root: PathBuf,
    files: HashMap<String, Vec<String>>,
}

impl Sources {
    fn line(&mut self, file: &str, line: usize) -> Option<&str> {
        let lines = self.files.entry(file.to_string()).or_insert_with(|| {
            std::fs::read_to_string(file)
                .map(|text| text.lines().map(str::to_string).collect())
                .unwrap_or_default()
        });
        lines.get(line.checked_sub(1)?).map(String::as_str)
    }

    /// Whether `frame` is in `function`.
    fn is(&self, frame: &Frame, function: &Function) -> bool {
        let file = if function.file == RUST_LIBRARY {
            frame.file.starts_with("/rustc/") && frame.file.contains("/library/")
        } else {
            Path::new(&frame.file) == self.root.join(function.file)
        };
        file && short_name(&frame.function) == function.name
    }
}

const BRANCH: &str = "Conditional jump or move depends on uninitialised value(s)";

/// The rule that accepts `report`, if any.
fn rule_of(report: &Report, sources: &mut Sources) -> Option<usize> {
    let is_branch = report.message == BRANCH;
    let is_value = is_branch
        || report
            .message
            .starts_with("Use of uninitialised value of size ");
    if !is_value {
        return None;
    }
    RULES.iter().position(|rule| match rule {
        Rule::Declassify {
            function,
            expression,
            ..
        } => {
            // The innermost frame, or the one calling an inlined
            // Choice::declassify.
            let mut frames = report.frames.iter();
            let Some(mut frame) = frames.next() else {
                return false;
            };
            let ct = Function {
                file: "src/crypto/ct.rs",
                name: "declassify",
            };
            if sources.is(frame, &ct) {
                match frames.next() {
                    Some(next) => frame = next,
                    None => return false,
                }
            }
            is_branch
                && sources.is(frame, function)
                && sources
                    .line(&frame.file, frame.line)
                    .is_some_and(|text| text.contains(expression))
        }
        Rule::PublicInput {
            callee,
            caller,
            lines,
            ..
        } => report.frames.windows(2).any(|pair| {
            let [inner, outer] = pair else { return false };
            sources.is(inner, callee)
                && sources.is(outer, caller)
                && (lines.is_empty()
                    || sources
                        .line(&inner.file, inner.line)
                        .is_some_and(|text| lines.iter().any(|l| text.contains(l))))
        }),
    })
}

/// A report's stack down to the harness, one frame a line.
fn describe(report: &Report) -> String {
    let mut out = format!("  {}\n", report.message);
    for frame in &report.frames {
        out.push_str(&format!(
            "      {} ({}:{})\n",
            frame.function, frame.file, frame.line
        ));
        if frame.function.starts_with("barejwt_ct::") {
            break;
        }
    }
    out
}

/// Sorts the reports of the log at `path`: prints the accepted ones by
/// rule and every other one in full; whether all were accepted.
pub fn triage(path: &str) -> bool {
    let log = match std::fs::read_to_string(path) {
        Ok(log) => log,
        Err(e) => {
            println!("cannot read {path}: {e}");
            return false;
        }
    };
    let (reports, contexts) = match parse(&log) {
        Ok(parsed) => parsed,
        Err(e) => {
            println!("{e}");
            return false;
        }
    };
    if reports.len() != contexts || reports.is_empty() {
        println!(
            "read {} reports, memcheck's summary says {contexts} contexts",
            reports.len()
        );
        return false;
    }
    let mut sources = Sources {
        root: root(),
        files: HashMap::new(),
    };
    let mut accepted = vec![0usize; RULES.len()];
    let mut others = Vec::new();
    for report in &reports {
        match rule_of(report, &mut sources) {
            Some(i) => accepted[i] += 1,
            None => others.push(report),
        }
    }
    let rules = accepted.iter().filter(|&&n| n > 0).count();
    println!(
        "{} reports: {} at {rules} documented declassifications, {} not documented",
        reports.len(),
        reports.len() - others.len(),
        others.len()
    );
    for (rule, n) in RULES.iter().zip(&accepted) {
        if *n > 0 {
            println!(
                "declassified ({n}): {}\n    why: {}",
                rule.name(),
                rule.why()
            );
        }
    }
    for report in &others {
        print!("NOT DOCUMENTED:\n{}", describe(report));
    }
    others.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_their_generics_and_paths() {
        assert_eq!(
            short_name("derive_public<barejwt::crypto::ec::curve::P256>"),
            "derive_public"
        );
        assert_eq!(
            short_name("barejwt::crypto::rsa::private::RsaPrivateKey::blinding_factor<barejwt_ct::cases::SecretRandom<barejwt::crypto::rand::OsRandom>>"),
            "blinding_factor"
        );
        assert_eq!(
            short_name("<barejwt::crypto::ec::field::Mont<M,_> as barejwt::crypto::ec::scalar::Scalar>::from_be_bytes"),
            "from_be_bytes"
        );
    }

    /// A one-report log: `message` at the given frames, innermost first.
    fn one_report(message: &str, frames: &[(&str, String, usize)]) -> Report {
        Report {
            message: message.to_string(),
            frames: frames
                .iter()
                .map(|(function, file, line)| Frame {
                    function: function.to_string(),
                    file: file.clone(),
                    line: *line,
                })
                .collect(),
        }
    }

    /// The line number of the first line of `file` containing `text`.
    fn line_of(file: &str, text: &str) -> usize {
        let source = std::fs::read_to_string(root().join(file)).unwrap();
        source.lines().position(|l| l.contains(text)).unwrap() + 1
    }

    #[test]
    fn a_branch_is_accepted_only_on_the_documented_line_of_the_documented_function() {
        let mut sources = Sources {
            root: root(),
            files: HashMap::new(),
        };
        let file = root().join(EC_SIGN).display().to_string();
        let site = line_of(EC_SIGN, "below_n.and(k.is_zero().not()).declassify()");
        let at =
            |function: &str, line: usize| one_report(BRANCH, &[(function, file.clone(), line)]);
        assert!(rule_of(&at("barejwt::crypto::ec::sign::sign", site), &mut sources).is_some());
        // Another line of the same function, another function on that line,
        // an address instead of a branch, an inlined callee on that line.
        assert!(rule_of(
            &at("barejwt::crypto::ec::sign::sign", site + 1),
            &mut sources
        )
        .is_none());
        assert!(rule_of(
            &at("barejwt::crypto::ec::sign::mul_base", site),
            &mut sources
        )
        .is_none());
        let address = one_report(
            "Use of uninitialised value of size 8",
            &[("sign", file.clone(), site)],
        );
        assert!(rule_of(&address, &mut sources).is_none());
        let uint = root().join(BIGNUM_UINT).display().to_string();
        let inlined = one_report(
            BRANCH,
            &[("ct_lt", uint, 300), ("sign", file.clone(), site)],
        );
        assert!(rule_of(&inlined, &mut sources).is_none());
    }

    #[test]
    fn public_inputs_are_accepted_only_under_the_documented_call() {
        let mut sources = Sources {
            root: root(),
            files: HashMap::new(),
        };
        let verify = root().join(EC_VERIFY).display().to_string();
        let ec = root().join(EC_MOD).display().to_string();
        let call = line_of(EC_MOD, "VerifyingKey::new(point)");
        let inside = |caller: &str| {
            one_report(
                "Use of uninitialised value of size 8",
                &[
                    (
                        "invert_vartime",
                        root().join("src/crypto/ec/word.rs").display().to_string(),
                        1,
                    ),
                    ("new<barejwt::crypto::ec::curve::P256>", verify.clone(), 65),
                    (caller, ec.clone(), call),
                ],
            )
        };
        assert!(rule_of(
            &inside("derive_public<barejwt::crypto::ec::curve::P256>"),
            &mut sources
        )
        .is_some());
        assert!(rule_of(
            &inside("from_affine<barejwt::crypto::ec::curve::P256>"),
            &mut sources
        )
        .is_none());
    }

    #[test]
    fn a_log_is_read_report_by_report() {
        let log = "==1== Memcheck, a memory error detector\n\
                   ==1== Command: x run y\n\
                   ==1== Parent PID: 7\n\
                   ==1== \n\
                   ==1== Conditional jump or move depends on uninitialised value(s)\n\
                   ==1==    at 0x1: f<u8> (/r/src/a.rs:3)\n\
                   ==1==    by 0x2: g (/r/src/b.rs:4)\n\
                   ==1==  Uninitialised value was created by a client request\n\
                   ==1==    at 0x3: h (/r/ct/src/c.rs:5)\n\
                   ==1== \n\
                   ==1== Use of uninitialised value of size 8\n\
                   ==1==    at 0x4: memmove (in /usr/lib/x.so)\n\
                   ==1== \n\
                   ==1== HEAP SUMMARY:\n\
                   ==1== ERROR SUMMARY: 9 errors from 2 contexts (suppressed: 0 from 0)\n";
        let (reports, contexts) = parse(log).unwrap();
        assert_eq!(contexts, 2);
        assert_eq!(reports.len(), 2);
        assert_eq!(reports[0].frames.len(), 2);
        assert_eq!(reports[0].frames[1].file, "/r/src/b.rs");
        assert_eq!(reports[0].frames[1].line, 4);
        assert_eq!(reports[1].frames[0].file, "");
        let cut = "==1== Command: x\n==1== \n==1== More than 1000 different errors detected.  I'm not reporting any more.\n";
        assert!(parse(cut).is_err());
    }
}
