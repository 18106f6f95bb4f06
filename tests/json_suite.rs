//! JSONTestSuite (Nicolas Seriot, MIT; `vectors/json/README.md`): every
//! `y_` file parses and round-trips, every `n_` file is rejected, and every
//! `i_` file does what the table below decides.

use std::collections::BTreeSet;
use std::path::PathBuf;

use barejwt::json::{self, ErrorKind, Limits, Value};

/// Valid RFC 8259 that barejwt rejects on purpose: repeated member names
/// (RFC 7515 §4, RFC 7519 §4).
const REJECTED_Y: &[&str] = &[
    "y_object_duplicated_key.json",
    "y_object_duplicated_key_and_value.json",
];

/// What a number inside an accepted `i_` file reads as.
#[derive(Debug, Clone, Copy)]
enum Reads {
    /// `as_f64` is `None` (beyond the finite range); `as_i64` is `None`.
    Infinite,
    /// `as_f64` is 0.0 (underflow, finite); `as_i64` is `None`.
    Zero,
    /// An integer too big for `i64`/`u64`: those give `None`, `as_f64` a finite value.
    BigInteger,
}

#[derive(Debug, Clone, Copy)]
enum Expect {
    /// Accepted: a one-element array holding a number, kept as text.
    Number(Reads),
    /// Rejected with this kind.
    Reject(ErrorKind),
    /// Rejected with this kind under the default limits, accepted when the
    /// nesting limit is raised to the given depth.
    TooDeepUnless(usize),
}

use Expect::*;
use Reads::*;

/// barejwt's decision for every implementation-defined file, and why.
#[rustfmt::skip]
const I_DECISIONS: &[(&str, Expect, &str)] = &[
    // Numbers: RFC 8259 §6 allows range limits. We keep the exact text and
    // judge range only when a number is read, so nothing is rounded silently.
    ("i_number_double_huge_neg_exp.json",   Number(Zero),       "123.456e-789 underflows to 0.0 in as_f64; text kept"),
    ("i_number_huge_exp.json",              Number(Infinite),   "0.4e006699..: as_f64 is None; text kept"),
    ("i_number_neg_int_huge_exp.json",      Number(Infinite),   "-1e+9999: as_f64 is None"),
    ("i_number_pos_double_huge_exp.json",   Number(Infinite),   "1.5e+9999: as_f64 is None"),
    ("i_number_real_neg_overflow.json",     Number(Infinite),   "-123123e100000: as_f64 is None"),
    ("i_number_real_pos_overflow.json",     Number(Infinite),   "123123e100000: as_f64 is None"),
    ("i_number_real_underflow.json",        Number(Zero),       "123e-10000000 underflows to 0.0"),
    ("i_number_too_big_neg_int.json",       Number(BigInteger), "beyond i64: as_i64 None, never rounded"),
    ("i_number_too_big_pos_int.json",       Number(BigInteger), "beyond u64: as_u64 None, never rounded"),
    ("i_number_very_big_negative_int.json", Number(BigInteger), "beyond i64: as_i64 None"),
    // Surrogate escapes: RFC 8259 §8.2 calls unpaired ones unpredictable, so
    // an issuer and a verifier could read different names or values.
    ("i_object_key_lone_2nd_surrogate.json",             Reject(ErrorKind::LoneSurrogate), "lone low surrogate in a name"),
    ("i_string_1st_surrogate_but_2nd_missing.json",      Reject(ErrorKind::LoneSurrogate), "high surrogate, then the string ends"),
    ("i_string_1st_valid_surrogate_2nd_invalid.json",    Reject(ErrorKind::LoneSurrogate), "high surrogate, then a non-surrogate escape"),
    ("i_string_incomplete_surrogate_and_escape_valid.json", Reject(ErrorKind::LoneSurrogate), "high surrogate, then \\n"),
    ("i_string_incomplete_surrogate_pair.json",          Reject(ErrorKind::LoneSurrogate), "low surrogate alone"),
    ("i_string_incomplete_surrogates_escape_valid.json", Reject(ErrorKind::LoneSurrogate), "two high surrogates"),
    ("i_string_invalid_lonely_surrogate.json",           Reject(ErrorKind::LoneSurrogate), "high surrogate alone"),
    ("i_string_invalid_surrogate.json",                  Reject(ErrorKind::LoneSurrogate), "high surrogate, then plain text"),
    ("i_string_inverted_surrogates_U+1D11E.json",        Reject(ErrorKind::LoneSurrogate), "low before high"),
    ("i_string_lone_second_surrogate.json",              Reject(ErrorKind::LoneSurrogate), "low surrogate alone"),
    // Encoding: RFC 8259 §8.1 requires UTF-8; anything else is rejected,
    // including overlong forms, encoded surrogates and code points > U+10FFFF.
    ("i_string_UTF-16LE_with_BOM.json",            Reject(ErrorKind::InvalidUtf8), "UTF-16, not UTF-8 (0xFF)"),
    ("i_string_UTF-8_invalid_sequence.json",       Reject(ErrorKind::InvalidUtf8), "bad continuation"),
    ("i_string_UTF8_surrogate_U+D800.json",        Reject(ErrorKind::InvalidUtf8), "surrogate encoded in UTF-8"),
    ("i_string_invalid_utf-8.json",                Reject(ErrorKind::InvalidUtf8), "0xFF"),
    ("i_string_iso_latin_1.json",                  Reject(ErrorKind::InvalidUtf8), "Latin-1, not UTF-8"),
    ("i_string_lone_utf8_continuation_byte.json",  Reject(ErrorKind::InvalidUtf8), "continuation byte alone"),
    ("i_string_not_in_unicode_range.json",         Reject(ErrorKind::InvalidUtf8), "above U+10FFFF"),
    ("i_string_overlong_sequence_2_bytes.json",    Reject(ErrorKind::InvalidUtf8), "overlong"),
    ("i_string_overlong_sequence_6_bytes.json",    Reject(ErrorKind::InvalidUtf8), "6-byte form"),
    ("i_string_overlong_sequence_6_bytes_null.json", Reject(ErrorKind::InvalidUtf8), "overlong NUL"),
    ("i_string_truncated-utf-8.json",              Reject(ErrorKind::InvalidUtf8), "truncated sequence"),
    ("i_string_utf16BE_no_BOM.json",               Reject(ErrorKind::InvalidUtf8), "UTF-16BE, not UTF-8"),
    ("i_string_utf16LE_no_BOM.json",               Reject(ErrorKind::InvalidUtf8), "UTF-16LE, not UTF-8"),
    // Structure.
    ("i_structure_500_nested_arrays.json",         TooDeepUnless(500), "deeper than the default 64 levels"),
    ("i_structure_UTF-8_BOM_empty_object.json",    Reject(ErrorKind::ByteOrderMark), "RFC 8259 §8.1: no byte order mark"),
];

fn suite_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("vectors/json/test_parsing")
}

fn suite_files() -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(suite_dir())
        .expect("vectors/json/test_parsing is readable")
        .map(|entry| {
            let path = entry.expect("directory entry").path();
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .expect("UTF-8 file name")
                .to_string();
            (name, std::fs::read(&path).expect("readable vector file"))
        })
        .collect();
    files.sort();
    files
}

fn assert_round_trips(name: &str, value: &Value) {
    assert_round_trips_within(name, value, &Limits::new());
}

fn assert_round_trips_within(name: &str, value: &Value, limits: &Limits) {
    let text = value.to_json();
    let again = json::parse_with_limits(text.as_bytes(), limits)
        .unwrap_or_else(|e| panic!("{name}: output {text:?} does not parse: {e}"));
    assert_eq!(&again, value, "{name}: round trip through {text:?}");
}

#[test]
fn jsontestsuite_files_give_the_expected_outcome() {
    let files = suite_files();
    let (mut y, mut n, mut i) = (0, 0, 0);
    let mut seen_i = BTreeSet::new();
    for (name, bytes) in &files {
        let result = json::parse(bytes);
        match &name[..2] {
            "y_" if REJECTED_Y.contains(&name.as_str()) => {
                let err = result.expect_err(name);
                assert_eq!(err.kind(), ErrorKind::DuplicateName, "{name}: {err}");
                y += 1;
            }
            "y_" => {
                let value = result.unwrap_or_else(|e| panic!("{name} must parse: {e}"));
                assert_round_trips(name, &value);
                y += 1;
            }
            "n_" => {
                if let Ok(value) = result {
                    panic!("{name} must be rejected, parsed as {value:?}");
                }
                n += 1;
            }
            "i_" => {
                let (_, expect, why) = I_DECISIONS
                    .iter()
                    .find(|(file, _, _)| file == name)
                    .unwrap_or_else(|| panic!("{name} has no decision in I_DECISIONS"));
                check_decision(name, bytes, result, *expect, why);
                seen_i.insert(name.as_str());
                i += 1;
            }
            _ => panic!("unexpected file {name} in the suite"),
        }
    }
    for (file, _, _) in I_DECISIONS {
        assert!(
            seen_i.contains(file),
            "I_DECISIONS names {file}, which is not in the suite"
        );
    }
    for file in REJECTED_Y {
        assert!(
            files.iter().any(|(name, _)| name == file),
            "{file} is not in the suite"
        );
    }
    println!(
        "JSONTestSuite: {y} y_ ({} rejected on purpose), {n} n_, {i} i_",
        REJECTED_Y.len()
    );
    assert_eq!((y, n, i), (95, 188, 35), "file counts changed");
}

fn check_decision(
    name: &str,
    bytes: &[u8],
    result: Result<Value, json::Error>,
    expect: Expect,
    why: &str,
) {
    match expect {
        Number(reads) => {
            let value = result.unwrap_or_else(|e| panic!("{name} ({why}) must parse: {e}"));
            let number = value
                .as_array()
                .and_then(|a| a.first())
                .and_then(Value::as_number)
                .unwrap_or_else(|| panic!("{name}: expected [number], got {value:?}"));
            let text = std::str::from_utf8(bytes).expect("number files are ASCII");
            assert_eq!(
                format!("[{}]", number.as_str()),
                text.trim(),
                "{name}: text kept exactly"
            );
            assert_eq!(number.as_i64(), None, "{name}");
            assert_eq!(number.as_u64(), None, "{name}");
            match reads {
                Infinite => assert_eq!(number.as_f64(), None, "{name}"),
                Zero => assert_eq!(number.as_f64(), Some(0.0), "{name}"),
                BigInteger => assert!(number.as_f64().is_some_and(|f| f.abs() >= 1e19), "{name}"),
            }
            assert_round_trips(name, &value);
        }
        Reject(kind) => {
            let err = result.expect_err(name);
            assert_eq!(err.kind(), kind, "{name} ({why}): {err}");
        }
        TooDeepUnless(depth) => {
            let err = result.expect_err(name);
            assert_eq!(err.kind(), ErrorKind::TooDeep, "{name}: {err}");
            assert_eq!(err.offset(), 64, "{name}: the 65th '[' is at byte 64");
            let value = json::parse_with_limits(bytes, &Limits::new().with_max_depth(depth))
                .unwrap_or_else(|e| panic!("{name} with max_depth {depth}: {e}"));
            assert_round_trips_within(name, &value, &Limits::new().with_max_depth(depth));
            let too_low = json::parse_with_limits(bytes, &Limits::new().with_max_depth(depth - 1))
                .expect_err(name);
            assert_eq!(too_low.kind(), ErrorKind::TooDeep);
        }
    }
}
