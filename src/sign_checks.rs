//! What [`sign`](crate::sign()) refuses before any signing work: whatever
//! [`verify`](crate::verify()) with the default limits would refuse in a
//! token's header and claims, with the same [`ErrorKind`]s. A token that
//! no verifier of this crate accepts is of no use to anyone, and signing
//! it hides the mistake until the token is used.
//!
//! | check | kind | shared with verify |
//! | --- | --- | --- |
//! | header fields: no `alg`; `typ`, `cty`, `kid` strings | `Malformed` | [`HeaderFields::check`] (the rule of `Header::from_object`) |
//! | `crit`: an array of distinct strings naming unregistered parameters present in the header | `UnsupportedCriticalHeader` | `header::check_crit_members` |
//! | registered claims' types (`exp` a number, `aud` a string or an array of strings, ...) | `InvalidClaim` | `claims::registered_types` |
//! | `aud` entries at most [`DEFAULT_MAX_AUDIENCES`] | `InvalidClaim` | `validate::audience_count` |
//! | JSON nesting at most [`json::DEFAULT_MAX_DEPTH`], members per object at most [`json::DEFAULT_MAX_MEMBERS`] | `Malformed` | the parser's [`json::Limits`] |
//! | the header at most [`DEFAULT_MAX_HEADER_LEN`] bytes of JSON | `Malformed` | `token::decode_header` |
//! | the token at most [`DEFAULT_MAX_TOKEN_LEN`] bytes | `TooLarge` | `token::split` |
//!
//! The claims' nesting and members are judged while `sign` writes them
//! (one walk, [`CLAIMS_SHAPE`]), and the token's size once they are
//! written: both before the key signs anything.
//!
//! A verifier that understands a `crit` extension is the verifier's
//! choice, so the signer takes every listed name as understood.

use crate::claims::registered_types;
use crate::error::{Error, ErrorKind};
use crate::header::check_crit_members;
use crate::json::{self, Object, Value};
use crate::keys::Key;
use crate::sign::HeaderFields;
use crate::token::{DEFAULT_MAX_HEADER_LEN, DEFAULT_MAX_TOKEN_LEN};
use crate::validate::{audience_count, DEFAULT_MAX_AUDIENCES};
use alloc::format;

/// Checks a header (`None`: the fixed `{"alg":...,"typ":"JWT"}`) and
/// claims as [`verify`](crate::verify()) would, before signing.
pub(crate) fn check_signable(
    key: &Key,
    header: Option<&HeaderFields>,
    claims: &Object,
) -> Result<(), Error> {
    // The header: `{"alg":"<name>"` + `,"name":value` per field + `}`.
    let alg_len = key.algorithm().as_str().len();
    let header_len = match header {
        None => alg_len + r#"{"alg":"","typ":"JWT"}"#.len(),
        Some(fields) => {
            fields.check()?;
            let members = fields.as_object();
            check_crit_members(members, None)?;
            // The header object holds `alg` besides these fields.
            check_container(1, members.len() + 1, "the header")?;
            let mut len = alg_len + r#"{"alg":""}"#.len();
            for (name, value) in members.iter() {
                len += 1 + escaped_len(name.as_bytes()) + 1 + shape(value, 2, "the header")?;
            }
            len
        }
    };
    if header_len > DEFAULT_MAX_HEADER_LEN {
        return Err(Error::malformed(format!(
            "the header would be {header_len} bytes of JSON, over the limit of {DEFAULT_MAX_HEADER_LEN} that verify accepts"
        )));
    }

    registered_types(claims)?;
    audience_count(
        claims
            .get("aud")
            .and_then(Value::as_array)
            .map(<[Value]>::len),
        DEFAULT_MAX_AUDIENCES,
    )?;
    // The claims' nesting, members and size are judged as they are
    // written (`CLAIMS_SHAPE`, `check_token_len`), still before the key
    // signs anything.
    Ok(())
}

/// What the claims set may nest and hold: what verify's parser reads with
/// its default limits.
pub(crate) const CLAIMS_SHAPE: json::Shape = json::Shape {
    max_depth: json::DEFAULT_MAX_DEPTH,
    max_members: json::DEFAULT_MAX_MEMBERS,
};

/// The error of a claims set that [`CLAIMS_SHAPE`] refuses, worded as
/// [`check_container`] words it.
pub(crate) fn claims_shape_error(error: json::ShapeError) -> Error {
    let (level, members) = match error {
        json::ShapeError::TooDeep => (json::DEFAULT_MAX_DEPTH + 1, 0),
        json::ShapeError::TooManyMembers(members) => (1, members),
    };
    match check_container(level, members, "the claims set") {
        Err(e) => e,
        Ok(()) => Error::malformed("the claims set is over the limits verify reads"),
    }
}

/// A token of `token_len` bytes, against the size verify accepts.
pub(crate) fn check_token_len(token_len: usize) -> Result<(), Error> {
    if token_len > DEFAULT_MAX_TOKEN_LEN {
        return Err(Error::new(
            ErrorKind::TooLarge,
            format!("the token would be {token_len} bytes, over the limit of {DEFAULT_MAX_TOKEN_LEN} that verify accepts"),
        ));
    }
    Ok(())
}

/// The length of `s` as a quoted JSON string, escaped as
/// [`json::write_str`] escapes it (RFC 8259 §7).
fn escaped_len(s: &[u8]) -> usize {
    let needs_escape = |b: u8| b < 0x20 || b == b'"' || b == b'\\';
    // The common case, no escapes: an OR over 64-byte chunks, which the
    // compiler vectorises (a count or an early exit it does not: 4 KiB
    // took 3 µs that way, 0.25 µs this way).
    let mut any = false;
    for chunk in s.chunks(64) {
        any |= chunk.iter().fold(false, |any, &b| any | needs_escape(b));
    }
    if !any {
        return s.len() + 2;
    }
    s.iter()
        .map(|&b| match b {
            b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 0x08 | 0x0c => 2,
            0x00..=0x1f => 6,
            _ => 1,
        })
        .sum::<usize>()
        + 2
}

/// The compact JSON length of `object` at nesting level `level` (the
/// top-level object is level 1), refusing what the parser's default
/// limits refuse. `what` names the part in messages.
fn object_shape(object: &Object, level: usize, what: &str) -> Result<usize, Error> {
    check_container(level, object.len(), what)?;
    let mut len = 2 + object.len().saturating_sub(1);
    // Names and numbers by their bytes: no UTF-8 check is needed to count.
    for (name, value) in object.members() {
        len += escaped_len(name.as_bytes()) + 1 + shape(value, level + 1, what)?;
    }
    Ok(len)
}

/// As [`object_shape`], for any value. The recursion is bounded: a level
/// over [`json::DEFAULT_MAX_DEPTH`] is refused before it is descended
/// into, so at most 65 calls are ever on the stack, however deep the value.
fn shape(value: &Value, level: usize, what: &str) -> Result<usize, Error> {
    Ok(match value {
        Value::Null => 4,
        Value::Bool(b) => 4 + usize::from(!*b),
        Value::Number(n) => n.text_bytes().len(),
        Value::String(s) => escaped_len(s.as_bytes()),
        Value::Array(items) => {
            check_container(level, 0, what)?;
            let mut len = 2 + items.len().saturating_sub(1);
            for item in items {
                len += shape(item, level + 1, what)?;
            }
            len
        }
        Value::Object(object) => object_shape(object, level, what)?,
    })
}

/// An array or object at `level` with `members` members, against the
/// parser's default limits.
fn check_container(level: usize, members: usize, what: &str) -> Result<(), Error> {
    if level > json::DEFAULT_MAX_DEPTH {
        return Err(Error::malformed(format!(
            "{what} nests deeper than {} arrays/objects, which verify refuses",
            json::DEFAULT_MAX_DEPTH
        )));
    }
    if members > json::DEFAULT_MAX_MEMBERS {
        return Err(Error::malformed(format!(
            "{what} has an object of {members} members, over the limit of {} that verify accepts",
            json::DEFAULT_MAX_MEMBERS
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;

    #[test]
    fn measured_length_is_the_written_length() {
        let texts = [
            r#"{}"#,
            r#"{"a":[]}"#,
            r#"{"sub":"alice","exp":4102444800,"aud":["a","b"],"x":null,"y":true,"z":false}"#,
            r#"{"q\"uote":"back\\slash \n\r\t\b\f \u0001 \u001f é ☃ / \u007f","n":[1.50,-0,1e400,{"d":{"e":[[],[{}]]}}]}"#,
        ];
        for text in texts {
            let value = json::parse(text.as_bytes()).unwrap();
            let object = value.as_object().unwrap();
            let mut written = String::new();
            json::write_object(object, &mut written);
            assert_eq!(
                object_shape(object, 1, "t").unwrap(),
                written.len(),
                "{text}"
            );
            assert_eq!(shape(&value, 1, "t").unwrap(), written.len(), "{text}");
        }
    }
}
