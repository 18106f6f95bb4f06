//! The borrowed view (`json::ObjectView`) and the owned tree (`json::parse`)
//! are two sinks of one grammar: on every JSONTestSuite file, bare and
//! embedded in objects at several depths, and on inputs made to reach the
//! sinks' own checks (duplicate names, member limits), both must accept
//! the same texts, refuse the rest with the same error (kind, offset and
//! message), and the view's owned object must equal the tree's.

use std::path::PathBuf;

use barejwt::json::{self, Limits, ObjectView, Value, ViewStorage};

fn suite_files() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("vectors/json/test_parsing");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .expect("vectors/json/test_parsing is readable")
        .map(|entry| {
            let path = entry.expect("directory entry").path();
            let name = path.file_name().unwrap().to_str().unwrap().to_string();
            (name, std::fs::read(&path).expect("readable vector file"))
        })
        .collect();
    files.sort();
    files
}

/// Both sinks on `input`; returns whether it was accepted as an object.
fn agree(what: &str, input: &[u8], limits: &Limits) -> bool {
    let tree = json::parse_with_limits(input, limits);
    let mut storage = ViewStorage::new();
    let view = ObjectView::parse(input, limits, &mut storage);
    match (tree, view) {
        (Ok(Value::Object(object)), Ok(Some(view))) => {
            assert_eq!(view.to_object().unwrap(), object, "{what}");
            assert_eq!(view.len(), object.len(), "{what}");
            for ((name, value), (vname, vvalue)) in object.iter().zip(view.iter()) {
                assert_eq!(name, vname, "{what}");
                let found = view
                    .get(name)
                    .unwrap_or_else(|| panic!("{what}: get({name:?})"));
                assert_eq!(format!("{found:?}"), format!("{vvalue:?}"), "{what}");
                if let Value::String(s) = value {
                    assert_eq!(&*vvalue.as_str().unwrap().to_str(), s.as_str(), "{what}");
                }
                if let Value::Number(n) = value {
                    assert_eq!(vvalue.as_number_text(), Some(n.as_str()), "{what}");
                }
                if let Value::Array(items) = value {
                    let a = vvalue.as_array().unwrap();
                    assert_eq!(a.len(), items.len(), "{what}");
                    let all = items.iter().all(|v| v.as_str().is_some());
                    assert_eq!(a.all_strings(), all, "{what}");
                    if all {
                        let got: Vec<String> = a.strings().map(|s| s.to_str().into()).collect();
                        let want: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
                        assert_eq!(got, want, "{what}");
                    }
                }
            }
            true
        }
        (Ok(other), Ok(None)) => {
            assert!(other.as_object().is_none(), "{what}");
            false
        }
        (Err(a), Err(b)) => {
            assert_eq!(
                (a.kind(), a.offset(), a.to_string()),
                (b.kind(), b.offset(), b.to_string()),
                "{what}"
            );
            false
        }
        (tree, view) => panic!(
            "{what}: the tree gives {:?}, the view {:?}",
            tree.map(|v| v.to_json()),
            view.map(|v| v.map(|v| format!("{v:?}")))
        ),
    }
}

#[test]
fn view_and_tree_agree_on_every_jsontestsuite_file_bare_and_embedded() {
    let limits = Limits::new();
    let (mut objects, mut embedded_objects) = (0, 0);
    for (name, bytes) in suite_files() {
        objects += usize::from(agree(&name, &bytes, &limits));
        for (open, close) in [
            (&br#"{"a":"#[..], &b"}"[..]),
            (br#"{"x":1,"a":["#, b"]}"),
            (br#"{"n":{"a":1,"b":"#, b"}}"),
            (br#"{"aud":["s","#, br#","t"],"z":null}"#),
        ] {
            let mut embedded = open.to_vec();
            embedded.extend_from_slice(&bytes);
            embedded.extend_from_slice(close);
            embedded_objects += usize::from(agree(&format!("{name} embedded"), &embedded, &limits));
        }
    }
    // At least every accepted y_ file (93) is accepted embedded, four ways.
    println!("{objects} bare objects, {embedded_objects} embedded ones accepted");
    assert!(objects >= 10, "only {objects} suite files were objects");
    assert!(
        embedded_objects >= 93 * 4,
        "{embedded_objects} embedded files accepted"
    );
}

#[test]
fn duplicate_names_and_member_limits_are_refused_alike_at_every_depth() {
    let mut cases: Vec<String> = vec![
        r#"{"a":1,"a":2}"#.into(),
        r#"{"a":1,"\u0061":2}"#.into(),
        r#"{"\u0061":1,"a":2}"#.into(),
        r#"{"a":{"b":1,"b":2}}"#.into(),
        r#"{"a":{"b":{"c":1,"c\u0000":2,"c":3}}}"#.into(),
        r#"{"a":[{"b":1},{"b":1,"b":2}]}"#.into(),
        r#"[{"b":1,"b":2}]"#.into(),
        r#"{"a":{"a":1},"b":{"a":1}}"#.into(),
        r#"{"a":{},"a":[]}"#.into(),
        r#"{"aud":["a","b\"c","d\\"],"x":"\ud83d\ude00"}"#.into(),
        r#"{"aud":[]}"#.into(),
        r#"{"aud":["a",1,"b"]}"#.into(),
        r#"{"aud":["a",["b"]]}"#.into(),
    ];
    // Objects past the pairwise limit, at the top and nested, with the
    // repeat early, late, and absent.
    for n in [15, 16, 17, 40] {
        for repeat in [None, Some(0), Some(n / 2), Some(n - 1)] {
            let mut members: Vec<String> = (0..n).map(|i| format!("\"m{i}\":{i}")).collect();
            if let Some(r) = repeat {
                members.push(format!("\"m{r}\":0"));
            }
            let body = members.join(",");
            cases.push(format!("{{{body}}}"));
            cases.push(format!("{{\"outer\":{{{body}}},\"z\":1}}"));
            cases.push(format!("{{\"o\":[{{{body}}},{{{body}}}]}}"));
        }
    }
    for case in &cases {
        for limits in [
            Limits::new(),
            Limits::new().with_max_members(2),
            Limits::new().with_max_members(16),
            Limits::new().with_max_depth(2),
            Limits::new().with_max_string_len(2),
        ] {
            agree(
                &format!("{case} under {limits:?}"),
                case.as_bytes(),
                &limits,
            );
        }
    }
}

#[test]
fn view_and_tree_agree_on_pseudo_random_objects() {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    const PIECES: &[&str] = &[
        "{",
        "}",
        "[",
        "]",
        ",",
        ":",
        "\"a\"",
        "\"b\"",
        "\"\\u0061\"",
        "\"\\n\"",
        "1",
        "-0.5e3",
        "true",
        "null",
        " ",
        "\"aud\"",
        "\"x\\\"y\"",
        "01",
        "\"\\ud800\"",
    ];
    for _ in 0..20_000 {
        let mut text = String::from("{");
        for _ in 0..(next() % 12) {
            text.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
        }
        if next() % 2 == 0 {
            text.push('}');
        }
        agree(&text, text.as_bytes(), &Limits::new().with_max_depth(4));
    }
}
