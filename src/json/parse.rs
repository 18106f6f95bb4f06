//! The JSON grammar, RFC 8259 §2–§5, as one loop over the input bytes.
//!
//! ```text
//! JSON-text = ws value ws
//! value     = false / null / true / object / array / number / string
//! object    = begin-object [ member *( value-separator member ) ] end-object
//! member    = string name-separator value
//! array     = begin-array [ value *( value-separator value ) ] end-array
//! ws        = *( %x20 / %x09 / %x0A / %x0D )
//! ```
//!
//! This file is the only grammar in the crate. It reports what it reads to a
//! [`Sink`]. The owned [`Value`](super::Value) tree is built by one sink
//! (`build.rs`); a later borrowed view (names and unescaped strings as
//! slices of the input) would be another sink over this same loop, so the
//! two could never disagree on what JSON is.
//!
//! The loop has two states, like Go's `encoding/json` scanner: "a value is
//! expected" and "a value has just ended". Open arrays and objects are kept
//! on an explicit stack (one bit each), never on the call stack, so nesting
//! is bounded only by [`Limits::max_depth`] and can never overflow the stack.

use alloc::string::String;
use alloc::vec::Vec;

use super::error::{Error, ErrorKind};
use super::number;
use super::string::{self, Str};

/// Limits on what [`parse_with_limits`](super::parse_with_limits) accepts (RFC 8259 §9:
/// "An implementation may set limits on the size of texts that it accepts
/// [...] on the maximum depth of nesting [...] on the length and character
/// contents of strings").
///
/// Every limit is checked where the data is read, and parsing stops at the
/// first excess: nothing is allocated in proportion to what lies beyond a
/// limit.
///
/// | limit | default | error | why this default |
/// | --- | --- | --- | --- |
/// | [`max_depth`](Limits::max_depth) | [`DEFAULT_MAX_DEPTH`] (64) | [`ErrorKind::TooDeep`] | the command line contract; real headers and claims nest 2 or 3 levels |
/// | [`max_members`](Limits::max_members) | [`DEFAULT_MAX_MEMBERS`] (1,024) | [`ErrorKind::TooManyMembers`] | real claim sets hold tens of members; bounds the duplicate-name check per object |
/// | [`max_string_len`](Limits::max_string_len) | no limit of its own | [`ErrorKind::StringTooLong`] | a string is never longer than the input, which the caller bounds (a token: `DEFAULT_MAX_TOKEN_LEN`) |
///
/// ```
/// use barejwt::json::{self, ErrorKind, Limits};
///
/// let deep = [b'['; 100].iter().chain([b']'; 100].iter()).copied().collect::<Vec<u8>>();
/// assert_eq!(json::parse(&deep).unwrap_err().kind(), ErrorKind::TooDeep);
/// assert!(json::parse_with_limits(&deep, &Limits::new().with_max_depth(100)).is_ok());
///
/// let two = br#"{"a":1,"b":2}"#;
/// assert!(json::parse_with_limits(two, &Limits::new().with_max_members(2)).is_ok());
/// let err = json::parse_with_limits(two, &Limits::new().with_max_members(1)).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::TooManyMembers);
/// ```
#[non_exhaustive]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The deepest nesting of arrays and objects accepted; the outermost
    /// array or object is level 1. Default [`DEFAULT_MAX_DEPTH`].
    ///
    /// Safe range: parsing never recurses, whatever the limit, but
    /// dropping, cloning, comparing and `Debug`-printing a
    /// [`Value`](super::Value) recurse once per level. Up to a few thousand
    /// levels that is harmless on any thread; a limit in the hundreds of
    /// thousands lets a hostile input build a value whose drop overflows
    /// the stack. The JWT verifier never goes above
    /// [`MAX_SAFE_DEPTH`] (see `Validation::max_json_depth`).
    pub max_depth: usize,
    /// The most members one object may hold. Default
    /// [`DEFAULT_MAX_MEMBERS`]: a JWT header has a handful of
    /// members and a claims set tens; the limit also bounds the work of the
    /// duplicate-name check for any one object. The parser stops at the
    /// first member over the limit.
    pub max_members: usize,
    /// The longest string accepted, name or value, in bytes after
    /// unescaping. Default `usize::MAX`: a string can never be longer than
    /// the input, and the JWT verifier bounds the input (the token size
    /// limit, then the header size limit), so a separate default would only
    /// refuse tokens the size limit already admits. Set it when parsing
    /// unbounded text.
    pub max_string_len: usize,
}

/// The default [`Limits::max_depth`]: 64, as the command line contract
/// fixes it ("nesting deeper than 64 arrays/objects (the top-level object is
/// level 1) is an error"); real headers and claims nest 2 or 3 levels.
pub const DEFAULT_MAX_DEPTH: usize = 64;

/// The default [`Limits::max_members`].
pub const DEFAULT_MAX_MEMBERS: usize = 1024;

/// The deepest nesting whose [`Value`](super::Value) is safe to drop, clone,
/// compare and print on a standard 2 MiB thread stack. These recurse once
/// per level; measured at 1,024 levels: dropping needs under 256 KiB of
/// stack, cloning, comparing and `Debug` under 1 MiB in a debug build
/// (half that optimised). The JWT verifier caps its JSON depth here.
pub const MAX_SAFE_DEPTH: usize = 1024;

impl Limits {
    /// The default limits: [`DEFAULT_MAX_DEPTH`], [`DEFAULT_MAX_MEMBERS`],
    /// no string length limit beyond the input's length.
    pub fn new() -> Limits {
        Limits {
            max_depth: DEFAULT_MAX_DEPTH,
            max_members: DEFAULT_MAX_MEMBERS,
            max_string_len: usize::MAX,
        }
    }

    /// These limits with `max_depth` set to `max_depth`.
    pub fn with_max_depth(mut self, max_depth: usize) -> Limits {
        self.max_depth = max_depth;
        self
    }

    /// These limits with `max_members` set to `max_members`.
    pub fn with_max_members(mut self, max_members: usize) -> Limits {
        self.max_members = max_members;
        self
    }

    /// These limits with `max_string_len` set to `max_string_len`.
    pub fn with_max_string_len(mut self, max_string_len: usize) -> Limits {
        self.max_string_len = max_string_len;
        self
    }
}

impl Default for Limits {
    fn default() -> Limits {
        Limits::new()
    }
}

/// What the grammar reports, in document order. A member's name comes just
/// before its value. Depths count from 1 for the outermost container.
pub(crate) trait Sink<'a> {
    /// The whole input, once it is known to be UTF-8, before any value.
    fn start(&mut self, _text: &'a str) {}
    /// `null`.
    fn null(&mut self);
    /// `true` or `false`.
    fn boolean(&mut self, value: bool);
    /// A number; `text` is checked against RFC 8259 §6.
    fn number(&mut self, text: &'a str);
    /// A string value, unescaped.
    fn string(&mut self, value: Str<'a, '_>);
    /// A member name, unescaped; its opening quote is at `quote`. The sink
    /// checks here that it repeats no earlier name of its object.
    fn name(&mut self, name: Str<'a, '_>, quote: usize) -> Result<(), Error>;
    /// `[` at offset `at`, opening level `depth`.
    fn begin_array(&mut self, depth: usize, at: usize);
    /// `]` closing level `depth`; `end` is the offset just past it.
    fn end_array(&mut self, depth: usize, end: usize);
    /// `{` at offset `at`, opening level `depth`.
    fn begin_object(&mut self, depth: usize, at: usize);
    /// `}` closing level `depth`; `end` is the offset just past it.
    fn end_object(&mut self, depth: usize, end: usize);
}

/// Which containers are open: one bit per level, 1 for an object. The first
/// 64 levels live inline, so the default limit never allocates.
struct Nesting {
    depth: usize,
    inline: u64,
    spilled: Vec<u64>,
}

impl Nesting {
    fn new() -> Nesting {
        Nesting {
            depth: 0,
            inline: 0,
            spilled: Vec::new(),
        }
    }

    /// Opens a level for the `[` or `{` at `offset`, within `max_depth`.
    #[inline]
    fn push(&mut self, is_object: bool, max_depth: usize, offset: usize) -> Result<usize, Error> {
        if self.depth >= max_depth {
            return Err(Error::too_deep(max_depth, offset));
        }
        let (word, bit) = (self.depth / 64, self.depth % 64);
        if word == 0 {
            self.inline = (self.inline & !(1 << bit)) | (u64::from(is_object) << bit);
        } else {
            if self.spilled.len() < word {
                self.spilled.push(0);
            }
            if let Some(w) = self.spilled.get_mut(word - 1) {
                *w = (*w & !(1 << bit)) | (u64::from(is_object) << bit);
            }
        }
        self.depth += 1;
        Ok(self.depth)
    }

    /// Closes the innermost level.
    #[inline]
    fn pop(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Whether the innermost open level is an object; `None` at top level.
    #[inline]
    fn innermost_is_object(&self) -> Option<bool> {
        let level = self.depth.checked_sub(1)?;
        let (word, bit) = (level / 64, level % 64);
        let bits = if word == 0 {
            self.inline
        } else {
            self.spilled.get(word - 1).copied().unwrap_or(0)
        };
        Some(bits >> bit & 1 == 1)
    }
}

/// Skips JSON white space (RFC 8259 §2: space, tab, line feed, carriage
/// return; nothing else).
#[inline]
fn skip_ws(bytes: &[u8], mut pos: usize) -> usize {
    while let Some(b' ' | b'\t' | b'\n' | b'\r') = bytes.get(pos) {
        pos += 1;
    }
    pos
}

/// Checks the literal `word` (`true`, `false`, `null`) at `pos` and returns
/// the offset after it.
#[inline]
fn literal(
    bytes: &[u8],
    pos: usize,
    word: &'static [u8],
    what: &'static str,
) -> Result<usize, Error> {
    let end = pos + word.len();
    if bytes.get(pos..end) == Some(word) {
        return Ok(end);
    }
    let mismatch = (pos..end)
        .zip(word)
        .find(|&(at, expected)| bytes.get(at) != Some(expected))
        .map_or(end, |(at, _)| at);
    Err(Error::expected(bytes, mismatch, what))
}

/// Reads `"name" ws : ws` starting at `pos` (after white space), reports
/// the name, and returns the offset of the member's value.
#[inline(always)]
fn member_name<'a, S: Sink<'a>>(
    text: &'a str,
    pos: usize,
    limits: &Limits,
    scratch: &mut String,
    sink: &mut S,
) -> Result<usize, Error> {
    let bytes = text.as_bytes();
    if bytes.get(pos) != Some(&b'"') {
        return Err(Error::expected(bytes, pos, "'\"' to start a member name"));
    }
    let (name, end) = string::scan(text, pos, scratch)?;
    if name.as_str().len() > limits.max_string_len {
        return Err(Error::string_too_long(limits.max_string_len, pos));
    }
    sink.name(name, pos)?;
    let colon = skip_ws(bytes, end);
    if bytes.get(colon) != Some(&b':') {
        return Err(Error::expected(bytes, colon, "':' after a member name"));
    }
    Ok(skip_ws(bytes, colon + 1))
}

/// Runs the grammar over `input`, reporting to `sink`.
pub(crate) fn run<'a, S: Sink<'a>>(
    input: &'a [u8],
    limits: &Limits,
    sink: &mut S,
) -> Result<(), Error> {
    // 1. Encoding. RFC 8259 §8.1: JSON text "MUST be encoded using UTF-8" and
    //    implementations "MUST NOT add a byte order mark". Checking all of the
    //    input first means every string below is a valid `&str` slice.
    if input.starts_with(b"\xEF\xBB\xBF") {
        return Err(Error::at(ErrorKind::ByteOrderMark, 0));
    }
    let text = core::str::from_utf8(input)
        .map_err(|e| Error::at(ErrorKind::InvalidUtf8, e.valid_up_to()))?;
    sink.start(text);
    let bytes = input;
    let mut scratch = String::new();
    let mut nesting = Nesting::new();
    // 2. ws value ws, the value read in the loop below.
    let mut pos = skip_ws(bytes, 0);
    'value: loop {
        // 3. State: a value is expected at `pos`.
        match bytes.get(pos) {
            Some(b'{') => {
                let depth = nesting.push(true, limits.max_depth, pos)?;
                sink.begin_object(depth, pos);
                pos = skip_ws(bytes, pos + 1);
                if bytes.get(pos) == Some(&b'}') {
                    pos += 1;
                    sink.end_object(depth, pos);
                    nesting.pop();
                } else {
                    pos = member_name(text, pos, limits, &mut scratch, sink)?;
                    continue 'value;
                }
            }
            Some(b'[') => {
                let depth = nesting.push(false, limits.max_depth, pos)?;
                sink.begin_array(depth, pos);
                pos = skip_ws(bytes, pos + 1);
                if bytes.get(pos) == Some(&b']') {
                    pos += 1;
                    sink.end_array(depth, pos);
                    nesting.pop();
                } else {
                    continue 'value;
                }
            }
            Some(b'"') => {
                let (value, end) = string::scan(text, pos, &mut scratch)?;
                if value.as_str().len() > limits.max_string_len {
                    return Err(Error::string_too_long(limits.max_string_len, pos));
                }
                sink.string(value);
                pos = end;
            }
            Some(b'-' | b'0'..=b'9') => {
                let end = number::scan(bytes, pos)?;
                let number = text
                    .get(pos..end)
                    .ok_or_else(|| Error::expected(bytes, pos, "a number"))?;
                sink.number(number);
                pos = end;
            }
            Some(b't') => {
                pos = literal(bytes, pos, b"true", "'true'")?;
                sink.boolean(true);
            }
            Some(b'f') => {
                pos = literal(bytes, pos, b"false", "'false'")?;
                sink.boolean(false);
            }
            Some(b'n') => {
                pos = literal(bytes, pos, b"null", "'null'")?;
                sink.null();
            }
            _ => return Err(Error::expected(bytes, pos, "a value")),
        }
        // 4. State: a value has just ended at `pos`; what may follow depends
        //    on the innermost open container.
        loop {
            pos = skip_ws(bytes, pos);
            match nesting.innermost_is_object() {
                // 5. Top level: only white space may follow (RFC 8259 §2).
                None if pos == bytes.len() => return Ok(()),
                None => return Err(Error::at(ErrorKind::TrailingContent, pos)),
                Some(false) => match bytes.get(pos) {
                    Some(b',') => {
                        pos = skip_ws(bytes, pos + 1);
                        continue 'value;
                    }
                    Some(b']') => {
                        pos += 1;
                        sink.end_array(nesting.depth, pos);
                        nesting.pop();
                    }
                    _ => return Err(Error::expected(bytes, pos, "',' or ']'")),
                },
                Some(true) => match bytes.get(pos) {
                    Some(b',') => {
                        pos = skip_ws(bytes, pos + 1);
                        pos = member_name(text, pos, limits, &mut scratch, sink)?;
                        continue 'value;
                    }
                    Some(b'}') => {
                        pos += 1;
                        sink.end_object(nesting.depth, pos);
                        nesting.pop();
                    }
                    _ => return Err(Error::expected(bytes, pos, "',' or '}'")),
                },
            }
        }
    }
}

/// Parses `input` as one JSON text (RFC 8259) with the default [`Limits`].
///
/// Strict: UTF-8 only, no byte order mark, no comments, no trailing commas,
/// no leading zeros or `+`, no `NaN`; raw control characters in strings,
/// lone surrogate escapes and repeated member names (after unescaping) are
/// rejected; nesting and members per object are limited by
/// [`Limits::new`]. Any JSON value is accepted at
/// the top level. Numbers keep their exact text.
///
/// ```
/// use barejwt::json::{self, ErrorKind};
///
/// let header = json::parse(br#"{"alg":"HS256","typ":"JWT"}"#).unwrap();
/// assert_eq!(header.as_object().and_then(|h| h.get("alg")).and_then(|v| v.as_str()), Some("HS256"));
///
/// let err = json::parse(br#"{"exp":1,"\u0065xp":2}"#).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::DuplicateName);
/// assert_eq!(err.to_string(), r#"duplicate member name "exp" at byte 9"#);
/// ```
///
/// # Errors
///
/// An [`Error`] with its [`ErrorKind`] and byte offset: `UnexpectedByte`,
/// `UnexpectedEnd`, `InvalidEscape`, `InvalidUtf8`, `LoneSurrogate`,
/// `ControlCharacter`, `ByteOrderMark`, `DuplicateName`, `TooDeep` or
/// `TrailingContent`.
pub fn parse(input: &[u8]) -> Result<super::Value, Error> {
    parse_with_limits(input, &Limits::new())
}

/// Parses `input` like [`parse`], within `limits`.
///
/// # Errors
///
/// As [`parse`], where `TooDeep` means nesting beyond `limits.max_depth`;
/// also `TooManyMembers` when an object holds more than
/// `limits.max_members`, and `StringTooLong` when a name or string is longer
/// than `limits.max_string_len`.
pub fn parse_with_limits(input: &[u8], limits: &Limits) -> Result<super::Value, Error> {
    let mut tree = super::build::TreeBuilder::for_input(input.len(), limits.max_members);
    run(input, limits, &mut tree)?;
    Ok(tree.finish())
}
