//! Compact JSON text from a [`Value`]: no white space, minimal escaping.
//!
//! Strings escape only what RFC 8259 §7 requires: `"`, `\` and the control
//! characters U+0000..U+001F (as `\b \f \n \r \t` where those exist, else
//! `\u00XX`). Everything else, including `/`, DEL and all non-ASCII text, is
//! written as raw UTF-8. Numbers are written with their exact text. Whatever
//! is written here parses back to an equal value.
//!
//! Writing walks the value with an explicit stack, so a value of any depth
//! (even one built by hand) cannot overflow the call stack here.

use alloc::string::String;
use alloc::vec::Vec;
use core::slice;

use super::number::Number;
use super::string::{needs_escape, plain_run_end};
use super::text::ShortText;
use super::value::{Object, Value};

const HEX_DIGITS: &[u8; 16] = b"0123456789abcdef";

/// Appends `s` to `out` with the escapes of RFC 8259 §7, without quotes.
pub(crate) fn write_escaped(s: &str, out: &mut String) {
    let bytes = s.as_bytes();
    let mut start = 0;
    loop {
        let end = plain_run_end(bytes, start);
        // Both ends are ASCII positions, so the slice is on char boundaries.
        out.push_str(s.get(start..end).unwrap_or(""));
        let Some(&byte) = bytes.get(end) else { return };
        match byte {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            0x08 => out.push_str("\\b"),
            0x0c => out.push_str("\\f"),
            control => {
                out.push_str("\\u00");
                for nibble in [control >> 4, control & 0xf] {
                    let digit = HEX_DIGITS.get(usize::from(nibble)).copied().unwrap_or(b'0');
                    out.push(char::from(digit));
                }
            }
        }
        start = end + 1;
    }
}

/// Appends `s` to `out` as a quoted JSON string, escaped minimally.
///
/// ```
/// let mut out = String::new();
/// barejwt::json::write_str("a \"b\"\n\u{1}é", &mut out);
/// assert_eq!(out, "\"a \\\"b\\\"\\n\\u0001é\"");
/// ```
pub fn write_str(s: &str, out: &mut String) {
    out.reserve(s.len() + 2);
    out.push('"');
    write_escaped(s, out);
    out.push('"');
}

/// Appends `text`, known to be plain ASCII, without the UTF-8 check that
/// turning its bytes into a `&str` costs: each byte is its own character.
#[inline]
fn push_ascii(text: &[u8], out: &mut String) {
    out.extend(text.iter().map(|&b| char::from(b)));
}

/// Writes a member name as a JSON string. Short plain names (the usual
/// `"exp"`, `"sub"`) skip the UTF-8 check of [`ShortText::as_str`].
#[inline]
pub(crate) fn write_name(name: &ShortText, out: &mut String) {
    let bytes = name.as_bytes();
    if bytes.iter().all(|&b| b.is_ascii() && !needs_escape(b)) {
        out.reserve(bytes.len() + 2);
        out.push('"');
        push_ascii(bytes, out);
        out.push('"');
    } else {
        write_str(name.as_str(), out);
    }
}

/// Writes a number's text (always ASCII: RFC 8259 §6 grammar).
#[inline]
pub(crate) fn write_number(number: &Number, out: &mut String) {
    let bytes = number.text_bytes();
    if bytes.is_ascii() {
        push_ascii(bytes, out);
    } else {
        out.push_str(number.as_str());
    }
}

/// An array or object being written, with the members still to write.
enum Open<'v> {
    Array(slice::Iter<'v, Value>, bool),
    Object(slice::Iter<'v, (ShortText, Value)>, bool),
}

/// Appends `value` to `out` as compact JSON text.
///
/// ```
/// use barejwt::json;
///
/// let value = json::parse(b"[ 1.50, \"\\u00e9\\/\", {\"a\" : null} ]").unwrap();
/// let mut out = String::new();
/// json::write(&value, &mut out);
/// assert_eq!(out, r#"[1.50,"é/",{"a":null}]"#);
/// ```
pub fn write(value: &Value, out: &mut String) {
    // Unbounded: nothing to refuse.
    let _ = write_from(Vec::new(), Some(value), out, Shape::ANY);
}

/// Appends `object` as compact JSON text, as [`write()`] would write
/// `Value::Object(object)`, without building that value.
///
/// ```
/// use barejwt::json;
///
/// let value = json::parse(br#"{"sub":"alice","n":[1,2]}"#).unwrap();
/// let mut out = String::new();
/// json::write_object(value.as_object().unwrap(), &mut out);
/// assert_eq!(out, r#"{"sub":"alice","n":[1,2]}"#);
/// ```
pub fn write_object(object: &Object, out: &mut String) {
    // Unbounded: nothing to refuse.
    let _ = write_object_within(object, out, Shape::ANY);
}

/// The most a written value may nest and hold, as a parser's
/// [`Limits`](super::Limits) would read it back: containers at most
/// `max_depth` deep (the outermost is at depth 1), objects of at most
/// `max_members` members.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Shape {
    pub(crate) max_depth: usize,
    pub(crate) max_members: usize,
}

impl Shape {
    /// No bound.
    const ANY: Shape = Shape {
        max_depth: usize::MAX,
        max_members: usize::MAX,
    };
}

/// Why a bounded write stopped (what it wrote so far is left in `out`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ShapeError {
    /// A container deeper than [`Shape::max_depth`].
    TooDeep,
    /// An object of this many members, over [`Shape::max_members`].
    TooManyMembers(usize),
}

/// As [`write_object`], refusing what `shape` does not allow, in the same
/// walk: the checks of [`sign`](crate::sign()) cost no second pass.
pub(crate) fn write_object_within(
    object: &Object,
    out: &mut String,
    shape: Shape,
) -> Result<(), ShapeError> {
    if object.len() > shape.max_members {
        return Err(ShapeError::TooManyMembers(object.len()));
    }
    out.push('{');
    write_from(
        alloc::vec![Open::Object(object.members().iter(), true)],
        None,
        out,
        shape,
    )
}

/// The writer's one loop: writes `next` (if any), then everything still
/// open, refusing a container that `shape` does not allow.
fn write_from<'v>(
    mut open: Vec<Open<'v>>,
    mut next: Option<&'v Value>,
    out: &mut String,
    shape: Shape,
) -> Result<(), ShapeError> {
    loop {
        // 1. Write the next value, or open it.
        match next.take() {
            Some(Value::Null) => out.push_str("null"),
            Some(Value::Bool(true)) => out.push_str("true"),
            Some(Value::Bool(false)) => out.push_str("false"),
            Some(Value::Number(n)) => write_number(n, out),
            Some(Value::String(s)) => write_str(s, out),
            Some(Value::Array(elements)) => {
                if open.len() >= shape.max_depth {
                    return Err(ShapeError::TooDeep);
                }
                out.push('[');
                open.push(Open::Array(elements.iter(), true));
            }
            Some(Value::Object(object)) => {
                if open.len() >= shape.max_depth {
                    return Err(ShapeError::TooDeep);
                }
                if object.len() > shape.max_members {
                    return Err(ShapeError::TooManyMembers(object.len()));
                }
                out.push('{');
                open.push(Open::Object(object.members().iter(), true));
            }
            None => {}
        }
        // 2. Find what comes next in the innermost open container, or close it.
        let Some(innermost) = open.last_mut() else {
            return Ok(());
        };
        match innermost {
            Open::Array(elements, first) => match elements.next() {
                Some(element) => {
                    if !core::mem::replace(first, false) {
                        out.push(',');
                    }
                    next = Some(element);
                }
                None => {
                    out.push(']');
                    open.pop();
                }
            },
            Open::Object(members, first) => match members.next() {
                Some((name, value)) => {
                    if !core::mem::replace(first, false) {
                        out.push(',');
                    }
                    write_name(name, out);
                    out.push(':');
                    next = Some(value);
                }
                None => {
                    out.push('}');
                    open.pop();
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_numbers_write_as_the_general_path_does() {
        for name in [
            "",
            "exp",
            "a\"b",
            "back\\slash",
            "tab\t",
            "\u{1}",
            "é€𝄞",
            "x".repeat(40).as_str(),
        ] {
            let (mut fast, mut general) = (String::new(), String::new());
            write_name(&ShortText::new(name), &mut fast);
            write_str(name, &mut general);
            assert_eq!(fast, general, "{name:?}");
        }
        for text in ["0", "-1.5e+10", "4102444800"] {
            let number = Number::parse_text(text).unwrap();
            let mut out = String::from("x");
            write_number(&number, &mut out);
            assert_eq!(out, alloc::format!("x{text}"));
        }
    }
}
