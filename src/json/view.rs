//! A borrowed view of a JSON object: the members of one object, their
//! names and values pointing into the input, built by the one grammar
//! (`parse.rs`) through another [`Sink`], so the view and the owned
//! [`Value`](super::Value) tree can never disagree on what JSON is.
//!
//! Strictness is the grammar's and the same checks as the tree builder's:
//! UTF-8, no byte order mark, depth, lone surrogates, members per object
//! and duplicate names (compared after unescaping) at every depth.
//!
//! What the view keeps of each top-level member:
//!
//! | value | kept as |
//! | --- | --- |
//! | string without escapes | the slice of the input between the quotes |
//! | string with escapes | the string as written; unescaped on demand ([`StrView::to_str`]) |
//! | number | its text (RFC 8259 §6), never converted while parsing |
//! | array, object | its JSON text, parsed again on demand; an array also its length and whether every element is a string |
//!
//! Names without escapes are slices too; a name with escapes is copied,
//! unescaped (inline up to 22 bytes). Up to [`INLINE_MEMBERS`] members are
//! kept without allocating.

use alloc::borrow::Cow;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use super::error::Error;
use super::names::{DuplicateNames, Named};
use super::number::Number;
use super::parse::{Limits, Sink};
use super::string::{self, Str};
use super::text::ShortText;
use super::value::{Object, Value};

/// Members kept inline, without allocating; a larger object moves them
/// all to one `Vec`.
pub const INLINE_MEMBERS: usize = 16;

/// A JSON string in a view: borrowed from the input, unescaped on demand.
#[derive(Clone, Copy)]
pub struct StrView<'a> {
    /// The content between the quotes when `escaped` is false; else the
    /// string as written, quotes included.
    text: &'a str,
    escaped: bool,
}

impl<'a> StrView<'a> {
    /// The string's content when it has no escapes, with no copy.
    pub fn as_raw(&self) -> Option<&'a str> {
        (!self.escaped).then_some(self.text)
    }

    /// Whether the string was written with escapes.
    pub fn is_escaped(&self) -> bool {
        self.escaped
    }

    /// The string, unescaped: borrowed when it had no escapes.
    pub fn to_str(&self) -> Cow<'a, str> {
        if !self.escaped {
            return Cow::Borrowed(self.text);
        }
        let mut scratch = String::new();
        // The text was accepted by the grammar, so it scans again.
        match string::scan(self.text, 0, &mut scratch) {
            Ok((value, _)) => Cow::Owned(String::from(value.as_str())),
            Err(_) => Cow::Borrowed(""),
        }
    }
}

impl PartialEq<str> for StrView<'_> {
    fn eq(&self, other: &str) -> bool {
        match self.as_raw() {
            Some(raw) => raw == other,
            None => *self.to_str() == *other,
        }
    }
}

impl PartialEq<&str> for StrView<'_> {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

impl fmt::Debug for StrView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.to_str(), f)
    }
}

/// An array in a view: its JSON text, length and element types.
#[derive(Clone, Copy, Debug)]
pub struct ArrayView<'a> {
    text: &'a str,
    len: usize,
    all_strings: bool,
}

impl<'a> ArrayView<'a> {
    /// The array's JSON text, brackets included.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The number of elements.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the array is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether every element is a string (true for an empty array).
    pub fn all_strings(&self) -> bool {
        self.all_strings
    }

    /// The elements, when every one is a string; else nothing.
    pub fn strings(&self) -> impl Iterator<Item = StrView<'a>> {
        Strings {
            text: if self.all_strings { self.text } else { "" },
            pos: 0,
        }
    }
}

/// The strings of an array of strings the grammar has accepted: each
/// ends at the first quote not preceded by a backslash escape.
struct Strings<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Iterator for Strings<'a> {
    type Item = StrView<'a>;

    fn next(&mut self) -> Option<StrView<'a>> {
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(self.pos) {
            if b == b'"' {
                break;
            }
            self.pos += 1;
        }
        let quote = self.pos;
        let mut pos = quote + 1;
        let mut escaped = false;
        loop {
            match bytes.get(pos)? {
                b'"' => break,
                b'\\' => {
                    escaped = true;
                    pos += 2;
                }
                _ => pos += 1,
            }
        }
        self.pos = pos + 1;
        let text = if escaped {
            self.text.get(quote..pos + 1)?
        } else {
            self.text.get(quote + 1..pos)?
        };
        Some(StrView { text, escaped })
    }
}

/// A member's value in a view.
#[derive(Clone, Copy, Debug)]
pub enum ValueView<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, as its text (RFC 8259 §6).
    Number(&'a str),
    /// A string.
    String(StrView<'a>),
    /// An array.
    Array(ArrayView<'a>),
    /// An object, as its JSON text.
    Object(&'a str),
}

impl<'a> ValueView<'a> {
    /// The string, when this is one.
    pub fn as_str(&self) -> Option<StrView<'a>> {
        match self {
            ValueView::String(s) => Some(*s),
            _ => None,
        }
    }

    /// The number's text, when this is one.
    pub fn as_number_text(&self) -> Option<&'a str> {
        match self {
            ValueView::Number(text) => Some(text),
            _ => None,
        }
    }

    /// The number, when this is one.
    pub fn as_number(&self) -> Option<Number> {
        self.as_number_text().map(Number::from_checked_text)
    }

    /// The boolean, when this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            ValueView::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The array, when this is one.
    pub fn as_array(&self) -> Option<ArrayView<'a>> {
        match self {
            ValueView::Array(a) => Some(*a),
            _ => None,
        }
    }

    /// The JSON type's name with its article, as
    /// [`Value::type_name_with_article`].
    pub fn type_name_with_article(&self) -> &'static str {
        match self {
            ValueView::Null => "null",
            ValueView::Bool(_) => "a boolean",
            ValueView::Number(_) => "a number",
            ValueView::String(_) => "a string",
            ValueView::Array(_) => "an array",
            ValueView::Object(_) => "an object",
        }
    }

    /// The owned value, parsing an array or object again within `limits`.
    fn to_value(self, limits: &Limits) -> Result<Value, Error> {
        Ok(match self {
            ValueView::Null => Value::Null,
            ValueView::Bool(b) => Value::Bool(b),
            ValueView::Number(text) => Value::Number(Number::from_checked_text(text)),
            ValueView::String(s) => Value::String(s.to_str().into_owned()),
            ValueView::Array(a) => super::parse_with_limits(a.text.as_bytes(), limits)?,
            ValueView::Object(text) => super::parse_with_limits(text.as_bytes(), limits)?,
        })
    }
}

/// A member name: a slice of the input, or its unescaped copy.
#[derive(Clone)]
enum Name<'a> {
    Borrowed(&'a str),
    Owned(ShortText),
}

impl Name<'_> {
    #[inline]
    fn as_str(&self) -> &str {
        match self {
            Name::Borrowed(s) => s,
            Name::Owned(t) => t.as_str(),
        }
    }
}

#[derive(Clone)]
struct Member<'a> {
    name: Name<'a>,
    value: ValueView<'a>,
}

impl Named for Member<'_> {
    #[inline]
    fn name(&self) -> &str {
        self.name.as_str()
    }
}

fn empty_member<'a>() -> Member<'a> {
    Member {
        name: Name::Borrowed(""),
        value: ValueView::Null,
    }
}

/// The members: inline up to [`INLINE_MEMBERS`], then all in one `Vec`.
#[derive(Clone)]
struct Members<'a> {
    inline: [Member<'a>; INLINE_MEMBERS],
    len: usize,
    spilled: Vec<Member<'a>>,
}

impl<'a> Members<'a> {
    fn new() -> Members<'a> {
        Members {
            inline: core::array::from_fn(|_| empty_member()),
            len: 0,
            spilled: Vec::new(),
        }
    }

    #[inline]
    fn as_slice(&self) -> &[Member<'a>] {
        if self.spilled.is_empty() {
            self.inline.get(..self.len).unwrap_or_default()
        } else {
            &self.spilled
        }
    }

    #[inline]
    fn push(&mut self, member: Member<'a>) {
        if self.spilled.is_empty() {
            if let Some(slot) = self.inline.get_mut(self.len) {
                *slot = member;
                self.len += 1;
                return;
            }
            self.spilled.reserve(2 * INLINE_MEMBERS);
            for slot in &mut self.inline {
                self.spilled.push(core::mem::replace(slot, empty_member()));
            }
        }
        self.spilled.push(member);
    }
}

/// A JSON object, borrowed from its text: see the [module](self) docs.
///
/// ```
/// use barejwt::json::{ObjectView, Limits};
///
/// let text = br#"{"sub":"alice","n":1.50,"esc":"a\u0062c","aud":["x","y"]}"#;
/// let view = ObjectView::parse(text, &Limits::new())?.expect("an object");
/// assert_eq!(view.get("sub").and_then(|v| v.as_str()).and_then(|s| s.as_raw()), Some("alice"));
/// assert_eq!(view.get("n").and_then(|v| v.as_number_text()), Some("1.50"));
/// assert_eq!(view.get("esc").and_then(|v| v.as_str()).map(|s| s.to_str()).as_deref(), Some("abc"));
/// assert_eq!(view.get("aud").and_then(|v| v.as_array()).map(|a| a.len()), Some(2));
/// # Ok::<(), barejwt::json::Error>(())
/// ```
#[derive(Clone)]
pub struct ObjectView<'a> {
    members: Members<'a>,
    limits: Limits,
}

impl<'a> ObjectView<'a> {
    /// Parses `input` within `limits`, as strictly as
    /// [`parse_with_limits`](super::parse_with_limits); `None` when the
    /// JSON text is valid but not an object (then its type is in the
    /// error of the JWT layer).
    ///
    /// # Errors
    ///
    /// As [`parse_with_limits`](super::parse_with_limits).
    pub fn parse(input: &'a [u8], limits: &Limits) -> Result<Option<ObjectView<'a>>, Error> {
        match parse_view(input, limits)? {
            (Some(view), _) => Ok(Some(view)),
            (None, _) => Ok(None),
        }
    }

    /// The value of member `name`.
    pub fn get(&self, name: &str) -> Option<ValueView<'a>> {
        self.members
            .as_slice()
            .iter()
            .find(|m| m.name.as_str().as_bytes() == name.as_bytes())
            .map(|m| m.value)
    }

    /// Whether there is a member `name`.
    pub fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// The number of members.
    pub fn len(&self) -> usize {
        self.members.as_slice().len()
    }

    /// Whether there are no members.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The members in order, as (name, value).
    pub fn iter(&self) -> impl Iterator<Item = (&str, ValueView<'a>)> {
        self.members
            .as_slice()
            .iter()
            .map(|m| (m.name.as_str(), m.value))
    }

    /// The owned [`Object`], equal to what [`parse_with_limits`](super::parse_with_limits)
    /// gives for the same text.
    ///
    /// # Errors
    ///
    /// Never for a view made by [`ObjectView::parse`]: its arrays and
    /// objects were accepted once within the same limits.
    pub fn to_object(&self) -> Result<Object, Error> {
        let members = self.members.as_slice();
        let mut out = Vec::with_capacity(members.len());
        for m in members {
            let name = match &m.name {
                Name::Borrowed(s) => ShortText::new(s),
                Name::Owned(t) => t.clone(),
            };
            out.push((name, m.value.to_value(&self.limits)?));
        }
        Ok(Object::from_unique(out))
    }
}

impl fmt::Debug for ObjectView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// Parses `input` into a view; `(None, type name)` when the text is valid
/// JSON but not an object.
pub(crate) fn parse_view<'a>(
    input: &'a [u8],
    limits: &Limits,
) -> Result<(Option<ObjectView<'a>>, &'static str), Error> {
    let mut sink = ViewBuilder {
        input,
        top: "",
        depth: 0,
        members: Members::new(),
        pending: None,
        container_start: 0,
        elements: 0,
        all_strings: true,
        nested_names: Vec::new(),
        nested_open: Vec::new(),
        large: DuplicateNames::default(),
        max_members: limits.max_members,
    };
    super::parse::run(input, limits, &mut sink)?;
    if sink.top != "object" {
        return Ok((None, sink.top));
    }
    Ok((
        Some(ObjectView {
            members: sink.members,
            limits: limits.clone(),
        }),
        "object",
    ))
}

/// The key under which the top-level object's names are kept in
/// [`DuplicateNames`] (nested objects use where their names start).
const TOP: usize = usize::MAX;

/// The sink that builds an [`ObjectView`].
struct ViewBuilder<'a> {
    input: &'a [u8],
    /// The top-level value's type name.
    top: &'static str,
    /// How many containers are open.
    depth: usize,
    members: Members<'a>,
    /// The name of the top-level member whose value comes next.
    pending: Option<Name<'a>>,
    /// Where the array or object value of the current top-level member
    /// starts; for an array, its elements so far and whether all are
    /// strings.
    container_start: usize,
    elements: usize,
    all_strings: bool,
    /// Names of the open nested objects (level 2 and deeper), innermost
    /// last, and where each one's names start.
    nested_names: Vec<ShortText>,
    nested_open: Vec<usize>,
    large: DuplicateNames,
    max_members: usize,
}

impl<'a> ViewBuilder<'a> {
    /// A scalar value (or the opening of a container) at the current depth.
    #[inline]
    fn value(&mut self, value: ValueView<'a>, type_name: &'static str) {
        match self.depth {
            0 => self.top = type_name,
            1 => {
                if let Some(name) = self.pending.take() {
                    self.members.push(Member { name, value });
                }
            }
            2 => {
                self.elements += 1;
                self.all_strings &= matches!(value, ValueView::String(_));
            }
            _ => {}
        }
    }

    /// `[` or `{` at `at`.
    #[inline]
    fn begin(&mut self, at: usize, type_name: &'static str) {
        match self.depth {
            0 => self.top = type_name,
            1 => {
                self.container_start = at;
                self.elements = 0;
                self.all_strings = true;
            }
            2 => {
                self.elements += 1;
                self.all_strings = false;
            }
            _ => {}
        }
        self.depth += 1;
    }

    /// The text of the current top-level member's container, up to `end`.
    fn container_text(&self, end: usize) -> &'a str {
        // The grammar has checked that the whole input is UTF-8, and a
        // container starts and ends at ASCII brackets: this never fails.
        self.input
            .get(self.container_start..end)
            .and_then(|bytes| core::str::from_utf8(bytes).ok())
            .unwrap_or_default()
    }
}

impl<'a> Sink<'a> for ViewBuilder<'a> {
    fn null(&mut self) {
        self.value(ValueView::Null, "null");
    }

    fn boolean(&mut self, value: bool) {
        self.value(ValueView::Bool(value), "boolean");
    }

    fn number(&mut self, text: &'a str) {
        self.value(ValueView::Number(text), "number");
    }

    fn string(&mut self, value: Str<'a, '_>) {
        let view = match value {
            Str::Raw(text) => StrView {
                text,
                escaped: false,
            },
            Str::Unescaped { quoted, .. } => StrView {
                text: quoted,
                escaped: true,
            },
        };
        self.value(ValueView::String(view), "string");
    }

    #[inline]
    fn name(&mut self, name: Str<'a, '_>, quote: usize) -> Result<(), Error> {
        if self.depth == 1 {
            let earlier = self.members.as_slice();
            if earlier.len() >= self.max_members {
                return Err(Error::too_many_members(self.max_members, quote));
            }
            if self.large.repeats(TOP, earlier, name.as_str()) {
                return Err(Error::duplicate(name.as_str(), quote));
            }
            self.pending = Some(match name {
                Str::Raw(s) => Name::Borrowed(s),
                Str::Unescaped { text, .. } => Name::Owned(ShortText::new(text)),
            });
            return Ok(());
        }
        let start = self.nested_open.last().copied().unwrap_or(0);
        let earlier = self.nested_names.get(start..).unwrap_or_default();
        if earlier.len() >= self.max_members {
            return Err(Error::too_many_members(self.max_members, quote));
        }
        if self.large.repeats(start, earlier, name.as_str()) {
            return Err(Error::duplicate(name.as_str(), quote));
        }
        self.nested_names.push(ShortText::new(name.as_str()));
        Ok(())
    }

    fn begin_array(&mut self, _depth: usize, at: usize) {
        self.begin(at, "array");
    }

    fn end_array(&mut self, depth: usize, end: usize) {
        self.depth -= 1;
        if depth == 2 {
            let value = ValueView::Array(ArrayView {
                text: self.container_text(end),
                len: self.elements,
                all_strings: self.all_strings,
            });
            if let Some(name) = self.pending.take() {
                self.members.push(Member { name, value });
            }
        }
    }

    fn begin_object(&mut self, depth: usize, at: usize) {
        self.begin(at, "object");
        if depth >= 2 {
            self.nested_open.push(self.nested_names.len());
        }
    }

    fn end_object(&mut self, depth: usize, end: usize) {
        self.depth -= 1;
        if depth >= 2 {
            let start = self.nested_open.pop().unwrap_or(0);
            self.large.close(start);
            self.nested_names.truncate(start);
        }
        if depth == 2 {
            let value = ValueView::Object(self.container_text(end));
            if let Some(name) = self.pending.take() {
                self.members.push(Member { name, value });
            }
        }
    }
}
