//! Strict JSON, RFC 8259, for JOSE headers and JWT claims.
//!
//! A JWT's header and claims are JSON, and every difference between how an
//! issuer and a verifier read the same bytes is a security bug: repeated
//! member names read last-wins by one and first-wins by another, names
//! matched without regard to case, lone surrogates, integers rounded through
//! floating point. So this parser accepts exactly RFC 8259 and refuses
//! everything the RFC leaves open:
//!
//! | Input | Here |
//! | --- | --- |
//! | byte order mark, non-UTF-8 bytes (§8.1) | [`ErrorKind::ByteOrderMark`], [`ErrorKind::InvalidUtf8`] |
//! | comments, trailing commas, `'single'` quotes, `NaN`, `+1`, `01` | [`ErrorKind::UnexpectedByte`] |
//! | white space other than space, tab, LF, CR (§2) | [`ErrorKind::UnexpectedByte`] / [`ErrorKind::TrailingContent`] |
//! | raw U+0000..U+001F in a string (§7) | [`ErrorKind::ControlCharacter`] |
//! | a lone or reversed surrogate escape, `"\ud800"` (§8.2) | [`ErrorKind::LoneSurrogate`] |
//! | repeated member names, compared after unescaping (§4; RFC 7519 §4) | [`ErrorKind::DuplicateName`] |
//! | nesting deeper than [`DEFAULT_MAX_DEPTH`] arrays/objects (§9) | [`ErrorKind::TooDeep`] ([`Limits`]) |
//! | more than [`DEFAULT_MAX_MEMBERS`] members in one object; strings over a set length (§9) | [`ErrorKind::TooManyMembers`], [`ErrorKind::StringTooLong`] ([`Limits`]) |
//! | huge or very precise numbers (§6) | accepted, kept as text; [`Number::as_i64`] etc. say `None` when inexact |
//!
//! Any JSON value is accepted at the top level; the JWT layer insists on
//! objects. Member names are compared byte for byte (case matters), and
//! numbers compare by text.
//!
//! Files, in the order data flows:
//! `parse.rs` (the grammar, §2–§5, one loop with an explicit stack),
//! `string.rs` (§7 strings and escapes), `number.rs` (§6 numbers and
//! [`Number`]), `names.rs` (unique names), `build.rs` (the [`Value`] tree),
//! `value.rs` ([`Value`], [`Object`]), `write.rs` (compact output),
//! `view.rs` ([`ObjectView`], the borrowed view, another sink of the grammar),
//! `error.rs` ([`Error`]), `text.rs` (inline short text), `object.rs`
//! (a text that must be an object, for the JWT layer).
//!
//! ```
//! use barejwt::json::{self, Value};
//!
//! let claims = json::parse(br#"{"sub":"1234567890","exp":4102444800,"admin":true}"#).unwrap();
//! let claims = claims.as_object().unwrap();
//! assert_eq!(claims.get("exp").and_then(Value::as_number).and_then(|n| n.as_i64()), Some(4102444800));
//! assert_eq!(claims.get("EXP"), None); // names are case-sensitive
//! ```

mod build;
mod error;
mod names;
mod number;
mod object;
mod parse;
mod string;
mod text;
mod value;
mod view;
mod write;

pub use error::{Error, ErrorKind};
pub use number::Number;
pub(crate) use object::parse_object;
pub use parse::{
    parse, parse_with_limits, Limits, DEFAULT_MAX_DEPTH, DEFAULT_MAX_MEMBERS, MAX_SAFE_DEPTH,
};
pub use value::{IntoIter, NonFiniteFloat, Object, Value};
pub(crate) use view::parse_view;
pub use view::{ArrayView, ObjectView, StrView, ValueView, ViewStorage, INLINE_MEMBERS};
pub use write::{write, write_object, write_str};
pub(crate) use write::{write_object_within, Shape, ShapeError};
