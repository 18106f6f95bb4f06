//! Strict JSON (RFC 8259): parsing any bytes never panics, hangs or
//! overflows the stack; and parse → write → parse gives an equal value whose
//! written form is a fixed point.
#![no_main]

use barejwt::json::{self, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // A deep limit as well as the default one: the parser must stay
    // iterative whatever the limit.
    let deep = Limits::new().with_max_depth(1024);
    let _ = json::parse_with_limits(data, &deep);
    let Ok(value) = json::parse(data) else {
        return;
    };
    let mut written = String::new();
    json::write(&value, &mut written);
    let again = json::parse(written.as_bytes())
        .unwrap_or_else(|e| panic!("the writer's output does not parse: {e}: {written:?}"));
    assert_eq!(again, value, "parse → write → parse changed the value");
    let mut rewritten = String::new();
    json::write(&again, &mut rewritten);
    assert_eq!(rewritten, written, "write is not a fixed point");
});
