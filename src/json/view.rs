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
use super::names::DuplicateNames;
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

/// A range of the input.
#[derive(Clone, Copy, Default)]
struct Span {
    start: usize,
    end: usize,
}

/// A value's type in a [`Member`].
#[derive(Clone, Copy, Default, PartialEq, Eq)]
enum Kind {
    #[default]
    Null,
    False,
    True,
    Number,
    String,
    Array,
    Object,
}

/// One top-level member, as offsets into the input: no lifetime, so the
/// members can live in a [`ViewStorage`] the caller keeps.
#[derive(Clone, Copy, Default)]
struct Member {
    /// The name's content in the input; for an escaped name, `start` is
    /// its index in [`ViewStorage::names`].
    name: Span,
    name_escaped: bool,
    kind: Kind,
    /// The value's text: a number's text; a string's content, or, when
    /// `flag` (escaped), the string with its quotes; an array's or
    /// object's text.
    value: Span,
    /// Escaped, for a string; every element a string, for an array.
    flag: bool,
    /// The number of elements, for an array.
    count: usize,
}

/// Where an [`ObjectView`] keeps its members: up to [`INLINE_MEMBERS`]
/// inline, more in one `Vec`, and unescaped copies of names written with
/// escapes. Reused from parse to parse, it allocates at most once.
#[derive(Clone)]
pub struct ViewStorage {
    inline: [Member; INLINE_MEMBERS],
    len: usize,
    spilled: Vec<Member>,
    names: Vec<ShortText>,
}

impl ViewStorage {
    /// Empty storage; nothing is allocated until an object needs it.
    pub fn new() -> ViewStorage {
        ViewStorage {
            inline: [Member::default(); INLINE_MEMBERS],
            len: 0,
            spilled: Vec::new(),
            names: Vec::new(),
        }
    }

    fn clear(&mut self) {
        self.len = 0;
        self.spilled.clear();
        self.names.clear();
    }

    #[inline]
    fn members(&self) -> &[Member] {
        if self.spilled.is_empty() {
            self.inline.get(..self.len).unwrap_or_default()
        } else {
            &self.spilled
        }
    }

    #[inline]
    fn push(&mut self, member: Member) {
        if self.spilled.is_empty() {
            if let Some(slot) = self.inline.get_mut(self.len) {
                *slot = member;
                self.len += 1;
                return;
            }
            self.spilled.reserve(2 * INLINE_MEMBERS);
            self.spilled.extend_from_slice(&self.inline);
        }
        self.spilled.push(member);
    }
}

impl Default for ViewStorage {
    fn default() -> ViewStorage {
        ViewStorage::new()
    }
}

impl fmt::Debug for ViewStorage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("ViewStorage")
    }
}

/// A JSON object, borrowed from its text and parsed by the same grammar,
/// with the same strictness, as [`parse_with_limits`](super::parse_with_limits):
/// member names and strings without escapes are slices of the input,
/// strings with escapes are unescaped on demand ([`StrView::to_str`]),
/// numbers are their text, arrays and objects their JSON text (an array
/// also its length and whether every element is a string). The members
/// live in a [`ViewStorage`], [`INLINE_MEMBERS`] of them without
/// allocating.
///
/// ```
/// use barejwt::json::{Limits, ObjectView, ViewStorage};
///
/// let text = br#"{"sub":"alice","n":1.50,"esc":"a\u0062c","aud":["x","y"]}"#;
/// let mut storage = ViewStorage::new();
/// let view = ObjectView::parse(text, &Limits::new(), &mut storage)?.expect("an object");
/// assert_eq!(view.get("sub").and_then(|v| v.as_str()).and_then(|s| s.as_raw()), Some("alice"));
/// assert_eq!(view.get("n").and_then(|v| v.as_number_text()), Some("1.50"));
/// assert_eq!(view.get("esc").and_then(|v| v.as_str()).map(|s| s.to_str()).as_deref(), Some("abc"));
/// assert_eq!(view.get("aud").and_then(|v| v.as_array()).map(|a| a.len()), Some(2));
/// # Ok::<(), barejwt::json::Error>(())
/// ```
#[derive(Clone, Copy)]
pub struct ObjectView<'a> {
    text: &'a str,
    members: &'a [Member],
    names: &'a [ShortText],
    max_depth: usize,
    max_members: usize,
    max_string_len: usize,
}

impl<'a> ObjectView<'a> {
    /// Parses `input` within `limits` into `storage`, as strictly as
    /// [`parse_with_limits`](super::parse_with_limits); `None` when the
    /// JSON text is valid but not an object.
    ///
    /// # Errors
    ///
    /// As [`parse_with_limits`](super::parse_with_limits).
    pub fn parse(
        input: &'a [u8],
        limits: &Limits,
        storage: &'a mut ViewStorage,
    ) -> Result<Option<ObjectView<'a>>, Error> {
        Ok(parse_view(input, limits, storage)?.0)
    }

    #[inline]
    fn text(&self, span: Span) -> &'a str {
        self.text.get(span.start..span.end).unwrap_or_default()
    }

    #[inline]
    fn name(&self, m: &Member) -> &'a str {
        if m.name_escaped {
            return self.names.get(m.name.start).map_or("", |n| n.as_str());
        }
        self.text(m.name)
    }

    #[inline]
    fn value(&self, m: &Member) -> ValueView<'a> {
        match m.kind {
            Kind::Null => ValueView::Null,
            Kind::False => ValueView::Bool(false),
            Kind::True => ValueView::Bool(true),
            Kind::Number => ValueView::Number(self.text(m.value)),
            Kind::String => ValueView::String(StrView {
                text: self.text(m.value),
                escaped: m.flag,
            }),
            Kind::Array => ValueView::Array(ArrayView {
                text: self.text(m.value),
                len: m.count,
                all_strings: m.flag,
            }),
            Kind::Object => ValueView::Object(self.text(m.value)),
        }
    }

    /// The values of the registered claims (RFC 7519 §4.1), in the order
    /// `iss`, `sub`, `aud`, `exp`, `nbf`, `iat`, `jti`, found in one walk:
    /// a name of three bytes read in place is matched as one number.
    pub(crate) fn registered_claims(&self) -> [Option<ValueView<'a>>; 7] {
        const fn key(name: &[u8; 3]) -> u32 {
            name[0] as u32 | (name[1] as u32) << 8 | (name[2] as u32) << 16
        }
        const KEYS: [u32; 7] = [
            key(b"iss"),
            key(b"sub"),
            key(b"aud"),
            key(b"exp"),
            key(b"nbf"),
            key(b"iat"),
            key(b"jti"),
        ];
        let mut found = [None; 7];
        for m in self.members {
            let name = self.name(m).as_bytes();
            let &[a, b, c] = name else {
                continue;
            };
            let k = u32::from(a) | u32::from(b) << 8 | u32::from(c) << 16;
            if let Some(slot) = KEYS
                .iter()
                .position(|&want| want == k)
                .and_then(|i| found.get_mut(i))
            {
                *slot = Some(self.value(m));
            }
        }
        found
    }

    /// The value of member `name`.
    pub fn get(&self, name: &str) -> Option<ValueView<'a>> {
        self.members
            .iter()
            .find(|m| self.name(m).as_bytes() == name.as_bytes())
            .map(|m| self.value(m))
    }

    /// Whether there is a member `name`.
    pub fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// The number of members.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether there are no members.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// The members in order, as (name, value).
    pub fn iter(&self) -> impl Iterator<Item = (&'a str, ValueView<'a>)> + '_ {
        self.members
            .iter()
            .map(move |m| (self.name(m), self.value(m)))
    }

    /// The owned [`Object`], equal to what
    /// [`parse_with_limits`](super::parse_with_limits) gives for the same
    /// text.
    ///
    /// # Errors
    ///
    /// Never for a view made by [`ObjectView::parse`]: its arrays and
    /// objects were accepted once within the same limits.
    pub fn to_object(&self) -> Result<Object, Error> {
        let limits = Limits::new()
            .with_max_depth(self.max_depth)
            .with_max_members(self.max_members)
            .with_max_string_len(self.max_string_len);
        let mut out = Vec::with_capacity(self.members.len());
        for m in self.members {
            out.push((
                ShortText::new(self.name(m)),
                self.value(m).to_value(&limits)?,
            ));
        }
        Ok(Object::from_unique(out))
    }
}

impl fmt::Debug for ObjectView<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

/// Parses `input` into a view kept in `storage`; `(None, type name)` when
/// the text is valid JSON but not an object.
pub(crate) fn parse_view<'a>(
    input: &'a [u8],
    limits: &Limits,
    storage: &'a mut ViewStorage,
) -> Result<(Option<ObjectView<'a>>, &'static str), Error> {
    storage.clear();
    let mut sink = ViewBuilder {
        base: input.as_ptr() as usize,
        top: "",
        depth: 0,
        storage,
        pending: None,
        container_start: 0,
        elements: 0,
        all_strings: true,
        nested_names: Vec::new(),
        nested_open: Vec::new(),
        large: DuplicateNames::default(),
        max_members: limits.max_members,
        text: "",
        fingerprints: [0; INLINE_MEMBERS],
    };
    super::parse::run(input, limits, &mut sink)?;
    let (top, storage, text) = (sink.top, sink.storage, sink.text);
    if top != "object" {
        return Ok((None, top));
    }
    let storage: &'a ViewStorage = storage;
    Ok((
        Some(ObjectView {
            text,
            members: storage.members(),
            names: &storage.names,
            max_depth: limits.max_depth,
            max_members: limits.max_members,
            max_string_len: limits.max_string_len,
        }),
        "object",
    ))
}

/// The key under which the top-level object's names are kept in
/// [`DuplicateNames`] (nested objects use where their names start).
const TOP: usize = usize::MAX;

/// The sink that builds an [`ObjectView`].
struct ViewBuilder<'a, 's> {
    /// The address of the input's first byte: a `&'a str` the grammar
    /// reports is a slice of the input, found at its address minus this.
    base: usize,
    /// The top-level value's type name.
    top: &'static str,
    /// How many containers are open.
    depth: usize,
    storage: &'s mut ViewStorage,
    /// The name of the top-level member whose value comes next.
    pending: Option<(Span, bool)>,
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
    /// The input as text, from the grammar's [`Sink::start`].
    text: &'a str,
    /// [`fingerprint`]s of the first [`INLINE_MEMBERS`] top-level names:
    /// a name whose fingerprint none of them has repeats none of them.
    fingerprints: [u64; INLINE_MEMBERS],
}

/// A function of a name's bytes, cheap to compare: its first eight bytes
/// (little-endian, zero-padded), its last eight when it is longer, and its
/// length. Equal names have equal fingerprints, however they were spelled.
#[inline]
fn fingerprint(name: &[u8]) -> u64 {
    // Shifts, not a copy into an array: the compiler would call `memcpy`.
    let word = |bytes: &[u8]| {
        bytes
            .iter()
            .take(8)
            .enumerate()
            .fold(0u64, |w, (i, &b)| w | u64::from(b) << (8 * i))
    };
    let tail = match name.len() {
        0..=8 => 0,
        n => word(name.get(n - 8..).unwrap_or_default()),
    };
    mix(word(name), tail, name.len())
}

/// [`fingerprint`] of the `len` bytes at `start` of `input`, read as two
/// eight-byte words when the input has them (names are followed by at
/// least `":` and a value, so it nearly always does).
#[inline]
fn fingerprint_at(input: &[u8], start: usize, len: usize) -> u64 {
    let load = |at: usize| {
        input
            .get(at..at.wrapping_add(8))
            .and_then(|w| <[u8; 8]>::try_from(w).ok())
            .map(u64::from_le_bytes)
    };
    let head = match (load(start), len) {
        (Some(w), 0..=7) => w & ((1u64 << (8 * len)) - 1),
        (Some(w), _) => w,
        (None, _) => {
            return fingerprint(input.get(start..start + len).unwrap_or_default());
        }
    };
    let tail = match len {
        0..=8 => 0,
        _ => load(start + len - 8).unwrap_or(0),
    };
    mix(head, tail, len)
}

#[inline]
fn mix(head: u64, tail: u64, len: usize) -> u64 {
    head ^ tail.rotate_left(29) ^ (len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

impl<'a> ViewBuilder<'a, '_> {
    /// The top-level member name just read, as the member will keep it.
    #[inline]
    fn pending_name(&mut self, name: Str<'a, '_>) -> (Span, bool) {
        match name {
            Str::Raw(s) => (self.span(s), false),
            Str::Unescaped { text, .. } => {
                let index = self.storage.names.len();
                self.storage.names.push(ShortText::new(text));
                (
                    Span {
                        start: index,
                        end: index,
                    },
                    true,
                )
            }
        }
    }

    /// The span of `s`, a slice of the input.
    #[inline]
    fn span(&self, s: &'a str) -> Span {
        let start = (s.as_ptr() as usize).wrapping_sub(self.base);
        Span {
            start,
            end: start + s.len(),
        }
    }

    /// A scalar value at the current depth.
    #[inline]
    fn value(&mut self, kind: Kind, value: Span, flag: bool, type_name: &'static str) {
        match self.depth {
            0 => self.top = type_name,
            1 => self.push(kind, value, flag, 0),
            2 => {
                self.elements += 1;
                self.all_strings &= kind == Kind::String;
            }
            _ => {}
        }
    }

    #[inline]
    fn push(&mut self, kind: Kind, value: Span, flag: bool, count: usize) {
        if let Some((name, name_escaped)) = self.pending.take() {
            self.storage.push(Member {
                name,
                name_escaped,
                kind,
                value,
                flag,
                count,
            });
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
}

impl<'a> Sink<'a> for ViewBuilder<'a, '_> {
    fn start(&mut self, text: &'a str) {
        self.text = text;
    }

    fn null(&mut self) {
        self.value(Kind::Null, Span::default(), false, "null");
    }

    fn boolean(&mut self, value: bool) {
        let kind = if value { Kind::True } else { Kind::False };
        self.value(kind, Span::default(), false, "boolean");
    }

    fn number(&mut self, text: &'a str) {
        let span = self.span(text);
        self.value(Kind::Number, span, false, "number");
    }

    fn string(&mut self, value: Str<'a, '_>) {
        let (span, escaped) = match value {
            Str::Raw(text) => (self.span(text), false),
            Str::Unescaped { quoted, .. } => (self.span(quoted), true),
        };
        self.value(Kind::String, span, escaped, "string");
    }

    #[inline]
    fn name(&mut self, name: Str<'a, '_>, quote: usize) -> Result<(), Error> {
        if self.depth == 1 {
            let (storage, text) = (&*self.storage, self.text);
            let earlier = storage.members();
            if earlier.len() >= self.max_members {
                return Err(Error::too_many_members(self.max_members, quote));
            }
            // Equal names have equal fingerprints: when no earlier name
            // has this one's, there is no repeat to look for.
            let fingerprint = match name {
                Str::Raw(s) => fingerprint_at(self.text.as_bytes(), self.span(s).start, s.len()),
                Str::Unescaped { text, .. } => fingerprint(text.as_bytes()),
            };
            if let Some(seen) = self.fingerprints.get(..earlier.len()) {
                let could_repeat = seen.iter().fold(false, |any, &f| any | (f == fingerprint));
                if let Some(slot) = self.fingerprints.get_mut(earlier.len()) {
                    *slot = fingerprint;
                }
                if !could_repeat {
                    self.pending = Some(self.pending_name(name));
                    return Ok(());
                }
            }
            // The names so far, as the view will read them.
            let names = earlier.iter().map(|m| {
                if m.name_escaped {
                    storage.names.get(m.name.start).map_or("", |n| n.as_str())
                } else {
                    text.get(m.name.start..m.name.end).unwrap_or_default()
                }
            });
            if self.large.repeats(TOP, names, name.as_str()) {
                return Err(Error::duplicate(name.as_str(), quote));
            }
            self.pending = Some(self.pending_name(name));
            return Ok(());
        }
        let start = self.nested_open.last().copied().unwrap_or(0);
        let earlier = self.nested_names.get(start..).unwrap_or_default();
        if earlier.len() >= self.max_members {
            return Err(Error::too_many_members(self.max_members, quote));
        }
        let names = earlier.iter().map(ShortText::as_str);
        if self.large.repeats(start, names, name.as_str()) {
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
            let span = Span {
                start: self.container_start,
                end,
            };
            let (all_strings, count) = (self.all_strings, self.elements);
            self.push(Kind::Array, span, all_strings, count);
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
            let span = Span {
                start: self.container_start,
                end,
            };
            self.push(Kind::Object, span, false, 0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_read_in_place_has_the_fingerprint_of_its_bytes() {
        let text = b"0123456789abcdefghijklmnopqrstuvwxyz";
        for start in 0..text.len() {
            for len in 0..=(text.len() - start) {
                assert_eq!(
                    fingerprint_at(text, start, len),
                    fingerprint(&text[start..start + len]),
                    "{start}+{len}"
                );
            }
        }
    }
}
