//! The strict JSON module against RFC 8259's own examples, the error vectors
//! in `vectors/json/errors.txt`, the nesting limit, and properties: written
//! values parse back equal, and no input makes the parser panic.

mod common;

use barejwt::json::{self, ErrorKind, Limits, Number, Object, Value};
use common::{hex, records, Rng};

fn kind_named(name: &str) -> ErrorKind {
    match name {
        "UnexpectedByte" => ErrorKind::UnexpectedByte,
        "UnexpectedEnd" => ErrorKind::UnexpectedEnd,
        "InvalidEscape" => ErrorKind::InvalidEscape,
        "InvalidUtf8" => ErrorKind::InvalidUtf8,
        "LoneSurrogate" => ErrorKind::LoneSurrogate,
        "ControlCharacter" => ErrorKind::ControlCharacter,
        "ByteOrderMark" => ErrorKind::ByteOrderMark,
        "DuplicateName" => ErrorKind::DuplicateName,
        "TooDeep" => ErrorKind::TooDeep,
        "NumberOutOfRange" => ErrorKind::NumberOutOfRange,
        "TrailingContent" => ErrorKind::TrailingContent,
        other => panic!("unknown kind {other}"),
    }
}

/// `parse(write(value))` equals `value`, and writing is stable.
fn assert_round_trip(value: &Value, limits: &Limits) {
    let text = value.to_json();
    let again = json::parse_with_limits(text.as_bytes(), limits)
        .unwrap_or_else(|e| panic!("written text {text:?} does not parse: {e}"));
    assert_eq!(&again, value, "round trip through {text:?}");
    assert_eq!(again.to_json(), text);
}

fn get<'v>(value: &'v Value, path: &[&str]) -> &'v Value {
    path.iter().fold(value, |v, name| {
        v.as_object()
            .and_then(|o| o.get(name))
            .unwrap_or_else(|| panic!("no member {name} in {v}"))
    })
}

#[test]
fn rfc8259_section_13_example_1_object() {
    let value = json::parse(include_bytes!("../vectors/json/rfc8259_example1.json")).unwrap();
    let image = get(&value, &["Image"]);
    assert_eq!(
        get(image, &["Width"]).as_number().and_then(Number::as_i64),
        Some(800)
    );
    assert_eq!(
        get(image, &["Height"]).as_number().and_then(Number::as_u64),
        Some(600)
    );
    assert_eq!(
        get(image, &["Title"]).as_str(),
        Some("View from 15th Floor")
    );
    assert_eq!(
        get(image, &["Thumbnail", "Url"]).as_str(),
        Some("http://www.example.com/image/481989943")
    );
    assert_eq!(get(image, &["Animated"]).as_bool(), Some(false));
    let ids: Vec<i64> = get(image, &["IDs"])
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_number().and_then(Number::as_i64).unwrap())
        .collect();
    assert_eq!(ids, [116, 943, 234, 38793]);
    let names: Vec<&str> = image.as_object().unwrap().iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        ["Width", "Height", "Title", "Thumbnail", "Animated", "IDs"]
    );
    assert_round_trip(&value, &Limits::new());
}

#[test]
fn rfc8259_section_13_example_2_array() {
    let value = json::parse(include_bytes!("../vectors/json/rfc8259_example2.json")).unwrap();
    let places = value.as_array().unwrap();
    assert_eq!(places.len(), 2);
    assert_eq!(get(&places[0], &["City"]).as_str(), Some("SAN FRANCISCO"));
    assert_eq!(
        get(&places[0], &["Latitude"])
            .as_number()
            .and_then(Number::as_f64),
        Some(37.7668)
    );
    assert_eq!(get(&places[1], &["Zip"]).as_str(), Some("94085"));
    // The exact text is kept: a trailing zero is not lost.
    assert_eq!(
        get(&places[1], &["Longitude"])
            .as_number()
            .map(Number::as_str),
        Some("-122.026020")
    );
    assert_eq!(get(&places[1], &["Address"]).as_str(), Some(""));
    assert_round_trip(&value, &Limits::new());
}

#[test]
fn rfc8259_section_13_small_texts_are_values() {
    assert_eq!(
        json::parse(b"\"Hello world!\"").unwrap().as_str(),
        Some("Hello world!")
    );
    assert_eq!(
        json::parse(b"42")
            .unwrap()
            .as_number()
            .and_then(Number::as_i64),
        Some(42)
    );
    assert_eq!(json::parse(b"true").unwrap(), Value::Bool(true));
    assert!(json::parse(b" null ").unwrap().is_null());
}

#[test]
fn every_error_vector_gives_its_kind_offset_and_message() {
    let vectors = records(include_str!("../vectors/json/errors.txt"));
    assert!(vectors.len() >= 50, "only {} records", vectors.len());
    for record in &vectors {
        let input = match record.get("InputHex") {
            Some(h) => hex(h).unwrap(),
            None => record.str("Input").as_bytes().to_vec(),
        };
        let err = json::parse(&input).expect_err(&record.label());
        assert_eq!(
            err.kind(),
            kind_named(record.str("Kind")),
            "{}: {err}",
            record.label()
        );
        assert_eq!(
            err.offset().to_string(),
            record.str("Offset"),
            "{}: {err}",
            record.label()
        );
        if let Some(message) = record.get("Message") {
            assert_eq!(err.to_string(), message, "{}", record.label());
        }
    }
}

#[test]
fn every_error_kind_but_the_reserved_one_has_a_vector() {
    let vectors = records(include_str!("../vectors/json/errors.txt"));
    let kinds: Vec<ErrorKind> = vectors.iter().map(|r| kind_named(r.str("Kind"))).collect();
    for kind in [
        ErrorKind::UnexpectedByte,
        ErrorKind::UnexpectedEnd,
        ErrorKind::InvalidEscape,
        ErrorKind::InvalidUtf8,
        ErrorKind::LoneSurrogate,
        ErrorKind::ControlCharacter,
        ErrorKind::ByteOrderMark,
        ErrorKind::DuplicateName,
        ErrorKind::TrailingContent,
    ] {
        assert!(kinds.contains(&kind), "no vector for {kind:?}");
    }
    // TooDeep is tested below with generated input; NumberOutOfRange is
    // reserved and never returned by parse.
    assert_eq!(ErrorKind::TooDeep.as_str(), "too_deep");
}

fn nested_arrays(levels: usize) -> Vec<u8> {
    let mut text = vec![b'['; levels];
    text.extend(std::iter::repeat(b']').take(levels));
    text
}

fn nested_objects(levels: usize) -> Vec<u8> {
    let mut text = b"{\"a\":".repeat(levels.saturating_sub(1));
    text.extend_from_slice(b"{}");
    text.extend(std::iter::repeat(b'}').take(levels.saturating_sub(1)));
    text
}

#[test]
fn sixty_four_levels_parse_and_sixty_five_are_too_deep() {
    assert!(json::parse(&nested_arrays(64)).is_ok());
    assert!(json::parse(&nested_objects(64)).is_ok());
    let err = json::parse(&nested_arrays(65)).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (ErrorKind::TooDeep, 64));
    assert_eq!(
        err.to_string(),
        "arrays and objects nested deeper than 64 levels at byte 64"
    );
    let err = json::parse(&nested_objects(65)).unwrap_err();
    assert_eq!((err.kind(), err.offset()), (ErrorKind::TooDeep, 64 * 5));
    // Mixed nesting, and a sibling at the limit after a deep branch closed.
    let mixed = format!(
        "[{}1{}, {}]",
        "{\"a\":[".repeat(31),
        "]}".repeat(31),
        "[".repeat(63) + &"]".repeat(63)
    );
    assert!(json::parse(mixed.as_bytes()).is_ok());
    // Scalars need no level; a limit of 0 still takes them.
    let none = Limits::new().with_max_depth(0);
    assert!(json::parse_with_limits(b"\"x\"", &none).is_ok());
    assert_eq!(
        json::parse_with_limits(b"[]", &none).unwrap_err().kind(),
        ErrorKind::TooDeep
    );
    assert_eq!(Limits::default().max_depth, json::DEFAULT_MAX_DEPTH);
}

#[test]
fn a_million_open_brackets_on_a_64_kib_stack_are_too_deep() {
    let outcome = std::thread::Builder::new()
        .stack_size(64 * 1024)
        .spawn(|| {
            let input = vec![b'['; 1_000_000];
            let err = json::parse(&input).unwrap_err();
            (err.kind(), err.offset())
        })
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(outcome, (ErrorKind::TooDeep, 64));
}

#[test]
fn a_raised_limit_never_recurses_while_parsing() {
    let outcome = std::thread::Builder::new()
        .stack_size(64 * 1024)
        .spawn(|| {
            let mut input = b"{\"a\":".repeat(50_000);
            input.extend(vec![b'['; 50_000]);
            let err = json::parse_with_limits(&input, &Limits::new().with_max_depth(usize::MAX))
                .unwrap_err();
            (err.kind(), err.offset())
        })
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(outcome, (ErrorKind::UnexpectedEnd, 300_000));
    let deep = nested_arrays(1000);
    let value = json::parse_with_limits(&deep, &Limits::new().with_max_depth(1000)).unwrap();
    assert_eq!(value.to_json().as_bytes(), deep.as_slice());
}

#[test]
fn names_compare_after_unescaping_and_case_matters() {
    let value = json::parse(br#"{"exp":1,"EXP":2,"Exp":3,"e\u0078p2":4}"#).unwrap();
    let object = value.as_object().unwrap();
    assert_eq!(object.len(), 4);
    assert_eq!(object.get("exp").unwrap().to_json(), "1");
    assert_eq!(object.get("EXP").unwrap().to_json(), "2");
    assert_eq!(object.get("exp2").unwrap().to_json(), "4");
    for dup in [
        &br#"{"a":1,"\u0061":2}"#[..],
        br#"{"\ud834\udd1e":1,"\uD834\uDD1E":2}"#,
        "{\"\u{1d11e}\":1,\"\\ud834\\udd1e\":2}".as_bytes(),
        br#"{"\/":1,"/":2}"#,
        br#"[{},{"x":[{"k":1,"k":1}]}]"#,
    ] {
        let err = json::parse(dup).unwrap_err();
        assert_eq!(
            err.kind(),
            ErrorKind::DuplicateName,
            "{}",
            String::from_utf8_lossy(dup)
        );
    }
}

#[test]
fn large_objects_reject_duplicates_without_quadratic_work() {
    let mut text = String::from("{");
    for i in 0..20_000 {
        text.push_str(&format!("\"m{i}\":{i},"));
    }
    text.push_str("\"m19999\":0}");
    // Over the default of 1,024 members per object: raise it to reach the
    // duplicate check.
    let many = Limits::new().with_max_members(usize::MAX);
    assert_eq!(
        json::parse(text.as_bytes()).unwrap_err().kind(),
        ErrorKind::TooManyMembers
    );
    let err = json::parse_with_limits(text.as_bytes(), &many).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::DuplicateName);
    assert_eq!(
        err.to_string(),
        format!(
            "duplicate member name \"m19999\" at byte {}",
            text.len() - 11
        )
    );
    text.replace_range(text.len() - 11.., "\"m20000\":0}");
    assert_eq!(
        json::parse_with_limits(text.as_bytes(), &many)
            .unwrap()
            .as_object()
            .unwrap()
            .len(),
        20_001
    );
}

#[test]
fn strings_decode_escapes_and_surrogate_pairs() {
    let value = json::parse(
        br#"["\"\\\/\b\f\n\r\t", "\u00e9\u20AC\ud834\udd1e", "\u0000", "caf\u00e9 \ud83d\ude00!"]"#,
    )
    .unwrap();
    let strings: Vec<&str> = value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(strings, ["\"\\/\u{8}\u{c}\n\r\t", "é€𝄞", "\0", "café 😀!"]);
}

#[test]
fn numbers_keep_their_exact_text() {
    let value = json::parse(b"[1.0, 1E+2, -0, 1e400, 12345678901234567890123, 0.1e-400]").unwrap();
    let numbers: Vec<&Number> = value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_number().unwrap())
        .collect();
    let texts: Vec<&str> = numbers.iter().map(|n| n.as_str()).collect();
    assert_eq!(
        texts,
        [
            "1.0",
            "1E+2",
            "-0",
            "1e400",
            "12345678901234567890123",
            "0.1e-400"
        ]
    );
    assert_eq!(numbers[0].as_i64(), None);
    assert_eq!(numbers[1].as_u64(), None);
    assert_eq!(numbers[1].as_f64(), Some(100.0));
    assert_eq!(numbers[3].as_f64(), None);
    assert_eq!(numbers[4].as_i64(), None);
    assert_eq!(numbers[5].as_f64(), Some(0.0));
    assert_ne!(numbers[0], &Number::parse_text("1").unwrap());
    assert_eq!(
        value.to_json(),
        "[1.0,1E+2,-0,1e400,12345678901234567890123,0.1e-400]"
    );
}

#[test]
fn writer_escapes_only_what_rfc8259_requires() {
    let mut out = String::new();
    json::write_str("\"\\/\u{7f}é€𝄞\u{2028}\u{feff}", &mut out);
    assert_eq!(out, "\"\\\"\\\\/\u{7f}é€𝄞\u{2028}\u{feff}\"");
    for c in 0u8..0x20 {
        let mut out = String::new();
        json::write_str(&char::from(c).to_string(), &mut out);
        let expected = match c {
            0x08 => "\"\\b\"".to_string(),
            0x09 => "\"\\t\"".to_string(),
            0x0a => "\"\\n\"".to_string(),
            0x0c => "\"\\f\"".to_string(),
            0x0d => "\"\\r\"".to_string(),
            _ => format!("\"\\u{c:04x}\""),
        };
        assert_eq!(out, expected);
        assert_eq!(
            json::parse(out.as_bytes()).unwrap().as_str(),
            Some(char::from(c).to_string().as_str())
        );
    }
}

#[test]
fn object_keeps_order_and_unique_names() {
    let mut object: Object = vec![
        ("b".to_string(), Value::from(1i64)),
        ("a".to_string(), Value::from("x")),
        ("b".to_string(), Value::from(2i64)),
    ]
    .into_iter()
    .collect();
    assert_eq!(
        Value::Object(object.clone()).to_json(),
        r#"{"b":2,"a":"x"}"#
    );
    assert!(object.contains_key("a") && !object.contains_key("A"));
    assert_eq!(object.remove("b"), Some(Value::from(2i64)));
    assert_eq!(object.remove("b"), None);
    assert_eq!(
        object.insert("a much longer member name than fits inline", Value::Null),
        None
    );
    assert_eq!(object.len(), 2);
    assert!(!object.is_empty() && Object::new().is_empty());
    let value = Value::Object(object);
    assert_eq!(
        value.to_string(),
        r#"{"a":"x","a much longer member name than fits inline":null}"#
    );
    let types: Vec<&str> = json::parse(br#"[null,true,1,"s",[],{}]"#)
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(Value::type_name)
        .collect();
    assert_eq!(
        types,
        ["null", "boolean", "number", "string", "array", "object"]
    );
    let owned: Vec<(String, Value)> = value.as_object().unwrap().clone().into_iter().collect();
    assert_eq!(owned[0], ("a".to_string(), Value::from("x")));
}

// ---- properties ----------------------------------------------------------

/// A character from one of the classes the writer and parser treat apart.
fn random_char(rng: &mut Rng) -> char {
    const EDGES: &[u32] = &[
        0x00, 0x08, 0x0c, 0x1f, 0x20, 0x22, 0x2f, 0x5c, 0x7e, 0x7f, 0x80, 0x7ff, 0x800, 0xd7ff,
        0xe000, 0xfeff, 0xfffe, 0xffff, 0x10000, 0x1d11e, 0x10ffff, 0x2028, 0x2029,
    ];
    let code = match rng.below(8) {
        0 => rng.below(0x20) as u32,
        1 => 0x20 + rng.below(0x60) as u32,
        2 => 0x80 + rng.below(0x780) as u32,
        3 => 0x800 + rng.below(0xd800 - 0x800) as u32,
        4 => 0xe000 + rng.below(0x2000) as u32,
        5 => 0x10000 + rng.below(0x100000) as u32,
        _ => EDGES[rng.below(EDGES.len())],
    };
    char::from_u32(code).unwrap()
}

fn random_string(rng: &mut Rng) -> String {
    let len = if rng.one_in(10) {
        rng.below(40)
    } else {
        rng.below(6)
    };
    (0..len).map(|_| random_char(rng)).collect()
}

fn digits(rng: &mut Rng, min: usize, max: usize) -> String {
    (0..min + rng.below(max - min + 1))
        .map(|_| char::from(b'0' + rng.below(10) as u8))
        .collect()
}

/// Number text built from the RFC 8259 §6 grammar, or from a constructor.
fn random_number(rng: &mut Rng) -> Number {
    match rng.below(5) {
        0 => Number::from_i64(rng.next_u64() as i64),
        1 => Number::from_u64(rng.next_u64() >> rng.below(64)),
        2 => {
            Number::from_f64(f64::from_bits(rng.next_u64())).unwrap_or_else(|| Number::from_u64(0))
        }
        _ => {
            let mut text = String::new();
            if rng.one_in(2) {
                text.push('-');
            }
            if rng.one_in(4) {
                text.push('0');
            } else {
                text.push(char::from(b'1' + rng.below(9) as u8));
                text.push_str(&digits(rng, 0, 25));
            }
            if rng.one_in(2) {
                text.push('.');
                text.push_str(&digits(rng, 1, 10));
            }
            if rng.one_in(2) {
                text.push(if rng.one_in(2) { 'e' } else { 'E' });
                text.push_str(["", "+", "-"][rng.below(3)]);
                text.push_str(&digits(rng, 1, 5));
            }
            Number::parse_text(&text)
                .unwrap_or_else(|| panic!("generated {text:?} is not a number"))
        }
    }
}

fn random_value(rng: &mut Rng, depth: usize) -> Value {
    match rng.below(if depth == 0 { 4 } else { 6 }) {
        0 => Value::Null,
        1 => Value::Bool(rng.one_in(2)),
        2 => Value::Number(random_number(rng)),
        3 => Value::String(random_string(rng)),
        4 => Value::Array(
            (0..rng.below(5))
                .map(|_| random_value(rng, depth - 1))
                .collect(),
        ),
        _ => {
            let mut object = Object::new();
            for _ in 0..rng.below(6) {
                object.insert(random_string(rng), random_value(rng, depth - 1));
            }
            Value::Object(object)
        }
    }
}

#[test]
fn random_values_round_trip_through_the_writer() {
    let mut rng = Rng::new(0x6a73_6f6e);
    for _ in 0..3000 {
        let value = random_value(&mut rng, 4);
        assert_round_trip(&value, &Limits::new());
    }
}

/// Bytes that matter to the grammar, for mutations.
const INTERESTING: &[u8] =
    b"{}[]\":,\\/ -+.0123456789eEtrufalsn\t\n\r\x00\x1f\x7f\x80\xbf\xc0\xc3\xed\xef\xf4\xff";

fn seeds() -> Vec<Vec<u8>> {
    let mut seeds: Vec<Vec<u8>> = vec![
        br#"{"alg":"HS256","typ":"JWT"}"#.to_vec(),
        br#"{"sub":"1234567890","name":"John Doe","iss":"https://auth.example.com","aud":"api.example.com","iat":1700000000,"nbf":1700000000,"exp":4102444800,"jti":"9f8b2c1e-4d5a-4e2b-9c3d-1a2b3c4d5e6f","admin":true}"#.to_vec(),
        br#"{"a\u00e9\ud834\udd1e\n":[1.5e-3,-0,{"b":null,"c":[true,false]}],"d":"\/\\\""}"#.to_vec(),
        include_bytes!("../vectors/json/rfc8259_example1.json").to_vec(),
        include_bytes!("../vectors/json/rfc8259_example2.json").to_vec(),
        "[\"é€𝄞\", 123456789012345678901234567890, 1E400]".as_bytes().to_vec(),
    ];
    seeds.push(nested_arrays(70));
    seeds
}

fn mutate(rng: &mut Rng, input: &mut Vec<u8>) {
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(input.len() + 1);
        let byte = if rng.one_in(2) {
            INTERESTING[rng.below(INTERESTING.len())]
        } else {
            rng.next_u64() as u8
        };
        match rng.below(5) {
            0 if at < input.len() => input[at] = byte,
            1 => input.insert(at, byte),
            2 if at < input.len() => {
                input.remove(at);
            }
            3 => input.truncate(at),
            _ => {
                let from = rng.below(input.len() + 1);
                let to = (from + rng.below(12)).min(input.len());
                let chunk = input[from..to].to_vec();
                input.splice(at..at, chunk);
            }
        }
    }
}

/// Parses `input`: no panic; an error points inside the input; a value
/// round-trips.
fn check_any_input(input: &[u8]) {
    match json::parse(input) {
        Ok(value) => assert_round_trip(&value, &Limits::new()),
        Err(err) => {
            assert!(
                err.offset() <= input.len(),
                "offset {} past {} bytes: {err}",
                err.offset(),
                input.len()
            );
            assert!(!err.to_string().is_empty());
        }
    }
}

fn random_and_mutated_inputs(count: usize, seed: u64) {
    let mut rng = Rng::new(seed);
    let seeds = seeds();
    let (mut parsed, mut rejected) = (0, 0);
    for i in 0..count {
        let input = match i % 4 {
            0 => {
                let len = rng.below(40);
                rng.bytes(len)
            }
            1 => (0..rng.below(40))
                .map(|_| INTERESTING[rng.below(INTERESTING.len())])
                .collect(),
            2 => random_value(&mut rng, 3).to_json().into_bytes(),
            _ => {
                let mut input = seeds[rng.below(seeds.len())].clone();
                mutate(&mut rng, &mut input);
                input
            }
        };
        check_any_input(&input);
        match json::parse(&input) {
            Ok(_) => parsed += 1,
            Err(_) => rejected += 1,
        }
    }
    println!("{count} inputs: {parsed} parsed and round-tripped, {rejected} rejected");
    assert!(parsed > count / 10 && rejected > count / 10);
}

#[test]
fn random_and_mutated_inputs_never_panic_and_round_trip() {
    random_and_mutated_inputs(20_000, 1);
}

#[test]
#[ignore = "a million inputs; run with --ignored"]
fn a_million_random_and_mutated_inputs_never_panic_and_round_trip() {
    random_and_mutated_inputs(1_000_000, 2);
}
