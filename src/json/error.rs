//! Errors of the strict JSON parser: a typed kind and the byte offset where
//! the input stopped being acceptable.
//!
//! Offsets are 0-based byte offsets into the input given to
//! [`parse`](super::parse). Each kind documents which byte it points at.

use alloc::boxed::Box;
use alloc::string::String;
use core::fmt;

/// What was wrong with the JSON text. Each variant says where
/// [`Error::offset`] points.
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// A byte the grammar does not allow here (RFC 8259 §2–§7); the offset is
    /// that byte. Also a leading zero, `+`, `NaN`, a comment or a trailing comma.
    UnexpectedByte,
    /// The input ended inside a value; the offset is the input's length.
    UnexpectedEnd,
    /// A backslash escape other than the nine of RFC 8259 §7, or `\u` not
    /// followed by four hex digits; the offset is the backslash.
    InvalidEscape,
    /// The input is not UTF-8 (RFC 8259 §8.1): overlong forms, UTF-8-encoded
    /// surrogates and code points above U+10FFFF included. The offset is the
    /// first byte of the bad sequence.
    InvalidUtf8,
    /// A `\u` escape of a UTF-16 surrogate that is not part of a high-low pair
    /// (RFC 8259 §8.2 leaves these to the parser; we reject them). The offset
    /// is the backslash of the unpaired escape.
    LoneSurrogate,
    /// A character U+0000 to U+001F written raw inside a string (RFC 8259 §7
    /// requires it escaped); the offset is that byte.
    ControlCharacter,
    /// The input starts with a UTF-8 byte order mark (RFC 8259 §8.1: "MUST
    /// NOT add a byte order mark"); the offset is 0.
    ByteOrderMark,
    /// Two members of one object have the same name after unescaping
    /// (RFC 7515 §4 and RFC 7519 §4 let a JWT parser reject these, and we do).
    /// The offset is the opening quote of the first member whose name repeats
    /// an earlier one.
    DuplicateName,
    /// Arrays and objects nested deeper than [`Limits::max_depth`](super::Limits);
    /// the offset is the `[` or `{` that opens the first level too many.
    TooDeep,
    /// Reserved: [`parse`](super::parse) never returns it. Numbers keep their
    /// exact text whatever their size, and range is judged only when a number
    /// is read ([`Number::as_i64`](super::Number::as_i64) and friends return
    /// `None`). The kind exists so that a later size limit on number text has
    /// a stable name.
    NumberOutOfRange,
    /// Something other than JSON white space follows the value; the offset is
    /// the first such byte.
    TrailingContent,
    /// An object has more members than [`Limits::max_members`](super::Limits);
    /// the offset is the opening quote of the first member too many.
    TooManyMembers,
    /// A string (name or value) is longer after unescaping than
    /// [`Limits::max_string_len`](super::Limits); the offset is its opening
    /// quote.
    StringTooLong,
}

impl ErrorKind {
    /// A stable snake_case name for the kind (`duplicate_name`, `too_deep`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::UnexpectedByte => "unexpected_byte",
            ErrorKind::UnexpectedEnd => "unexpected_end",
            ErrorKind::InvalidEscape => "invalid_escape",
            ErrorKind::InvalidUtf8 => "invalid_utf8",
            ErrorKind::LoneSurrogate => "lone_surrogate",
            ErrorKind::ControlCharacter => "control_character",
            ErrorKind::ByteOrderMark => "byte_order_mark",
            ErrorKind::DuplicateName => "duplicate_name",
            ErrorKind::TooDeep => "too_deep",
            ErrorKind::NumberOutOfRange => "number_out_of_range",
            ErrorKind::TrailingContent => "trailing_content",
            ErrorKind::TooManyMembers => "too_many_members",
            ErrorKind::StringTooLong => "string_too_long",
        }
    }
}

/// Longest member name echoed in a [`ErrorKind::DuplicateName`] message, in
/// characters; longer names are cut and end in `...`.
const MAX_ECHOED_NAME: usize = 40;

/// A JSON parse error: its [`ErrorKind`], the byte offset, and what the
/// parser expected. `Display` gives one line such as
/// `duplicate member name "exp" at byte 42`.
///
/// Boxed, so that `Result<_, Error>` stays two words in the parser's hot loop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error(Box<Inner>);

#[derive(Clone, Debug, PartialEq, Eq)]
struct Inner {
    kind: ErrorKind,
    offset: usize,
    detail: Detail,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Detail {
    None,
    /// What the grammar wanted, and the byte found instead (if any).
    Expected(&'static str, Option<u8>),
    /// The repeated member name, already escaped and capped for display.
    Name(String),
    /// The nesting limit that was exceeded.
    Depth(usize),
    /// The members-per-object limit that was exceeded.
    Members(usize),
    /// The string length limit that was exceeded.
    StringLen(usize),
}

impl Error {
    /// The kind of error.
    pub fn kind(&self) -> ErrorKind {
        self.0.kind
    }

    /// The 0-based byte offset in the input; see each [`ErrorKind`] for the
    /// byte it points at.
    pub fn offset(&self) -> usize {
        self.0.offset
    }

    fn new(kind: ErrorKind, offset: usize, detail: Detail) -> Error {
        Error(Box::new(Inner {
            kind,
            offset,
            detail,
        }))
    }

    /// An error of `kind` at `offset` with no further detail.
    #[cold]
    pub(crate) fn at(kind: ErrorKind, offset: usize) -> Error {
        Error::new(kind, offset, Detail::None)
    }

    /// The grammar wanted `expected` at `offset`: [`ErrorKind::UnexpectedByte`]
    /// naming the byte there, or [`ErrorKind::UnexpectedEnd`] past the end.
    #[cold]
    pub(crate) fn expected(input: &[u8], offset: usize, expected: &'static str) -> Error {
        match input.get(offset) {
            Some(&byte) => Error::new(
                ErrorKind::UnexpectedByte,
                offset,
                Detail::Expected(expected, Some(byte)),
            ),
            None => Error::new(
                ErrorKind::UnexpectedEnd,
                offset,
                Detail::Expected(expected, None),
            ),
        }
    }

    /// `name` repeats an earlier member name; its opening quote is at `offset`.
    #[cold]
    pub(crate) fn duplicate(name: &str, offset: usize) -> Error {
        Error::new(
            ErrorKind::DuplicateName,
            offset,
            Detail::Name(echo_name(name)),
        )
    }

    /// The `[` or `{` at `offset` opens a level deeper than `max_depth`.
    #[cold]
    pub(crate) fn too_deep(max_depth: usize, offset: usize) -> Error {
        Error::new(ErrorKind::TooDeep, offset, Detail::Depth(max_depth))
    }

    /// The member whose name starts at `offset` is one more than `max_members`.
    #[cold]
    pub(crate) fn too_many_members(max_members: usize, offset: usize) -> Error {
        Error::new(
            ErrorKind::TooManyMembers,
            offset,
            Detail::Members(max_members),
        )
    }

    /// The string starting at `offset` is longer than `max_len` bytes.
    #[cold]
    pub(crate) fn string_too_long(max_len: usize, offset: usize) -> Error {
        Error::new(ErrorKind::StringTooLong, offset, Detail::StringLen(max_len))
    }
}

/// `name` made safe to print on one line: control characters, quotes and
/// backslashes escaped as in JSON, and cut after [`MAX_ECHOED_NAME`] characters.
fn echo_name(name: &str) -> String {
    let mut out = String::new();
    for (count, c) in name.chars().enumerate() {
        if count == MAX_ECHOED_NAME {
            out.push_str("...");
            break;
        }
        let mut one = [0u8; 4];
        super::write::write_escaped(c.encode_utf8(&mut one), &mut out);
    }
    out
}

/// Prints a byte as a quoted ASCII character when printable, else in hex.
struct ShowByte(u8);

impl fmt::Display for ShowByte {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            b' '..=b'~' => write!(f, "'{}'", char::from(self.0)),
            other => write!(f, "byte 0x{other:02x}"),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let offset = self.0.offset;
        match (&self.0.detail, self.0.kind) {
            (Detail::Expected(expected, Some(found)), _) => write!(
                f,
                "expected {expected}, found {} at byte {offset}",
                ShowByte(*found)
            ),
            (Detail::Expected(expected, None), _) => {
                write!(
                    f,
                    "expected {expected}, found the end of the input at byte {offset}"
                )
            }
            (Detail::Name(name), _) => {
                write!(f, "duplicate member name \"{name}\" at byte {offset}")
            }
            (Detail::Depth(max), _) => {
                write!(
                    f,
                    "arrays and objects nested deeper than {max} levels at byte {offset}"
                )
            }
            (Detail::Members(max), _) => {
                write!(f, "an object with more than {max} members at byte {offset}")
            }
            (Detail::StringLen(max), _) => {
                write!(f, "a string longer than {max} bytes at byte {offset}")
            }
            (Detail::None, kind) => {
                let what = match kind {
                    ErrorKind::UnexpectedByte => "unexpected byte",
                    ErrorKind::UnexpectedEnd => "unexpected end of the input",
                    ErrorKind::InvalidEscape => "invalid escape sequence",
                    ErrorKind::InvalidUtf8 => "invalid UTF-8",
                    ErrorKind::LoneSurrogate => "unpaired UTF-16 surrogate escape",
                    ErrorKind::ControlCharacter => "unescaped control character in a string",
                    ErrorKind::ByteOrderMark => "byte order mark",
                    ErrorKind::DuplicateName => "duplicate member name",
                    ErrorKind::TooDeep => "nesting too deep",
                    ErrorKind::NumberOutOfRange => "number out of range",
                    ErrorKind::TrailingContent => "content after the JSON value",
                    ErrorKind::TooManyMembers => "too many members in an object",
                    ErrorKind::StringTooLong => "string too long",
                };
                write!(f, "{what} at byte {offset}")
            }
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for Error {}
