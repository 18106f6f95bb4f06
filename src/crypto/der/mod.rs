//! Strict DER: the Distinguished Encoding Rules of [X.690] §10, the one
//! spelling of an ASN.1 value that key files use.
//!
//! A key has exactly one DER encoding, so a reader that takes BER's other
//! spellings would let one key arrive in many byte forms (and give fuzzers
//! and differential attacks room between this parser and another). The
//! [`Reader`] therefore refuses, each with a [`DerError`] naming the rule and
//! the offset of the offending octet:
//!
//! - indefinite lengths (X.690 §8.1.3.6; DER uses the definite form, §10.1),
//!   and lengths not in the fewest octets (§10.1), the reserved length octet
//!   `0xff` (§8.1.3.5), lengths beyond [`MAX_LEN`];
//! - the high-tag-number form (§8.1.2.4): no key structure uses a tag number
//!   above 30, so such a tag is refused rather than read;
//! - constructed strings (§10.2): an OCTET STRING or BIT STRING tag with the
//!   constructed bit set is simply not the tag asked for;
//! - bytes after the outer value, or after the last field of a SEQUENCE;
//! - INTEGERs that are empty (§8.3.1) or have a superfluous leading `0x00`
//!   or `0xff` (§8.3.2); negative INTEGERs and zero where the structure
//!   needs a positive value (a modulus, an exponent);
//! - BOOLEANs other than `0x00` and `0xff` (§11.1), NULLs with content
//!   (§8.8.2), BIT STRINGs without their initial octet (§8.6.2) or, for the
//!   keys and signatures that are whole octets, with unused bits (§8.6.2.2);
//! - OBJECT IDENTIFIERs that are empty, end inside a subidentifier, or write
//!   a subidentifier with a leading `0x80` octet (§8.19.2);
//! - nesting deeper than [`MAX_DEPTH`] and inputs longer than [`MAX_LEN`].
//!
//! **Nothing beyond strict DER is accepted.** Every encoder of keys in use
//! (OpenSSL, BoringSSL, Go, Java, Python `cryptography`) writes DER, so no
//! leniency is needed for real-world keys. The one place the reader looks
//! at less than everything is a value it is told to skip (the names and
//! extensions of a certificate): such a value is checked as one element of
//! the right tag and a strict length, and its inside is not read.
//!
//! The reader never recurses: each structure is read by fixed code in
//! [`crate::crypto::pkix`], and the depth count is a guard for that code.
//! Parsing is not constant time (lengths and the first octets of integers
//! steer it, as in every DER parser); it runs once per key load.
//!
//! [`Writer`] is the inverse for the few types keys need: SEQUENCE,
//! INTEGER from a big-endian magnitude, OBJECT IDENTIFIER, NULL, BIT STRING,
//! OCTET STRING and context-specific tags, always in DER.
//!
//! [X.690]: https://www.itu.int/rec/T-REC-X.690

mod oid;
mod reader;
mod writer;

pub use oid::Oid;
pub(crate) use reader::check_null;
pub use reader::{Element, Reader};
pub use writer::Writer;

use core::fmt;

/// The longest DER input read, and the longest length accepted inside it:
/// 64 KiB. An 8192-bit RSA private key is under 5 KiB and certificates are a
/// few KiB; the bound keeps allocation independent of hostile input.
pub const MAX_LEN: usize = 65_536;

/// The deepest nesting of constructed values followed (a certificate's key
/// parameters sit at depth 4; the bound leaves room and no more).
pub const MAX_DEPTH: usize = 8;

/// Universal tag of BOOLEAN (X.690 §8.2).
pub const BOOLEAN: u8 = 0x01;
/// Universal tag of INTEGER (X.690 §8.3).
pub const INTEGER: u8 = 0x02;
/// Universal tag of BIT STRING, primitive (X.690 §8.6, §10.2).
pub const BIT_STRING: u8 = 0x03;
/// Universal tag of OCTET STRING, primitive (X.690 §8.7, §10.2).
pub const OCTET_STRING: u8 = 0x04;
/// Universal tag of NULL (X.690 §8.8).
pub const NULL: u8 = 0x05;
/// Universal tag of OBJECT IDENTIFIER (X.690 §8.19).
pub const OBJECT_IDENTIFIER: u8 = 0x06;
/// Universal tag of SEQUENCE and SEQUENCE OF, constructed (X.690 §8.9).
pub const SEQUENCE: u8 = 0x30;
/// Universal tag of SET and SET OF, constructed (X.690 §8.11).
pub const SET: u8 = 0x31;

/// The class bits of a context-specific tag (X.690 §8.1.2.2, Table 1).
const CONTEXT: u8 = 0x80;
/// The constructed bit of an identifier octet (X.690 §8.1.2.5).
const CONSTRUCTED: u8 = 0x20;

/// The identifier octet of a constructed context-specific tag `[number]`,
/// as an EXPLICIT tag is written: `[0]` is `0xa0`. `number` is below 31
/// (the low-tag-number form, X.690 §8.1.2.2); only its low five bits are
/// used.
pub const fn context_constructed(number: u8) -> u8 {
    CONTEXT | CONSTRUCTED | (number & 0x1f)
}

/// The identifier octet of a primitive context-specific tag `[number]`, as
/// an IMPLICIT tag on a primitive type is written: `[1]` is `0x81`.
/// `number` is below 31; only its low five bits are used.
pub const fn context_primitive(number: u8) -> u8 {
    CONTEXT | (number & 0x1f)
}

/// What was wrong with a DER encoding, and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DerError {
    /// What rule the input broke.
    pub kind: DerErrorKind,
    /// Offset in octets, from the start of the outermost DER input, of the
    /// element or octet at fault.
    pub offset: usize,
}

/// The rule a DER input broke (X.690 sections in [`DerError`]'s sentence).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DerErrorKind {
    /// The input ends inside an element's header or contents.
    Truncated,
    /// A tag in the high-tag-number form (number 31 or more, X.690
    /// §8.1.2.4), which no key structure uses.
    HighTagNumber,
    /// The indefinite length form (X.690 §8.1.3.6): BER only.
    IndefiniteLength,
    /// A length not in the fewest octets (X.690 §10.1).
    NonMinimalLength,
    /// The reserved length octet `0xff` (X.690 §8.1.3.5).
    ReservedLength,
    /// An input or a length beyond [`MAX_LEN`].
    TooLarge,
    /// Another tag than the structure has at this place.
    UnexpectedTag {
        /// The identifier octet the structure asks for.
        expected: u8,
        /// The identifier octet found (0 at the end of the input).
        found: u8,
    },
    /// Octets after the outer value or after a SEQUENCE's last field.
    TrailingData,
    /// An INTEGER without contents octets (X.690 §8.3.1).
    EmptyInteger,
    /// An INTEGER with a superfluous leading `0x00` or `0xff` (X.690 §8.3.2).
    NonMinimalInteger,
    /// A negative INTEGER where the structure needs a non-negative one.
    NegativeInteger,
    /// Zero where the structure needs a positive INTEGER.
    ZeroInteger,
    /// An INTEGER too large for the small number (a version) it holds.
    IntegerTooLarge,
    /// A BOOLEAN not of one octet `0x00` or `0xff` (X.690 §8.2.1, §11.1).
    InvalidBoolean,
    /// A NULL with contents octets (X.690 §8.8.2).
    InvalidNull,
    /// A BIT STRING without its initial octet (X.690 §8.6.2).
    EmptyBitString,
    /// A BIT STRING whose initial octet is not 0: keys and signatures are
    /// whole octets (X.690 §8.6.2.2).
    BitStringUnusedBits,
    /// An OBJECT IDENTIFIER that is empty, ends inside a subidentifier or
    /// pads one with a leading `0x80` (X.690 §8.19.2).
    InvalidOid,
    /// Nesting deeper than [`MAX_DEPTH`].
    TooDeep,
}

impl DerError {
    /// An error of `kind` at `offset`.
    pub const fn new(kind: DerErrorKind, offset: usize) -> DerError {
        DerError { kind, offset }
    }
}

impl fmt::Display for DerError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DER at offset {}: ", self.offset)?;
        match self.kind {
            DerErrorKind::Truncated => {
                f.write_str("the input ends inside an element (X.690 §8.1.1)")
            }
            DerErrorKind::HighTagNumber => f.write_str(
                "a tag in the high-tag-number form (X.690 §8.1.2.4); no key structure uses one",
            ),
            DerErrorKind::IndefiniteLength => f.write_str(
                "an indefinite length (X.690 §8.1.3.6) is BER only; DER uses the definite \
                 form (X.690 §10.1)",
            ),
            DerErrorKind::NonMinimalLength => {
                f.write_str("the length is not written in the fewest octets (X.690 §10.1)")
            }
            DerErrorKind::ReservedLength => {
                f.write_str("the length octet 0xff is reserved (X.690 §8.1.3.5)")
            }
            DerErrorKind::TooLarge => write!(f, "longer than the {MAX_LEN} octets accepted"),
            DerErrorKind::UnexpectedTag { expected, found } => write!(
                f,
                "expected {} (tag {expected:#04x}), found tag {found:#04x}",
                tag_name(expected)
            ),
            DerErrorKind::TrailingData => {
                f.write_str("octets follow the end of the value (X.690 §8.1.1)")
            }
            DerErrorKind::EmptyInteger => {
                f.write_str("an INTEGER has no contents octets (X.690 §8.3.1)")
            }
            DerErrorKind::NonMinimalInteger => f.write_str(
                "an INTEGER starts with a superfluous 0x00 or 0xff octet (X.690 §8.3.2)",
            ),
            DerErrorKind::NegativeInteger => {
                f.write_str("an INTEGER that must not be negative is negative")
            }
            DerErrorKind::ZeroInteger => f.write_str("an INTEGER that must be positive is zero"),
            DerErrorKind::IntegerTooLarge => f.write_str("an INTEGER is too large for its field"),
            DerErrorKind::InvalidBoolean => {
                f.write_str("a BOOLEAN is not one octet 0x00 or 0xff (X.690 §11.1)")
            }
            DerErrorKind::InvalidNull => f.write_str("a NULL has contents (X.690 §8.8.2)"),
            DerErrorKind::EmptyBitString => {
                f.write_str("a BIT STRING lacks its initial octet (X.690 §8.6.2)")
            }
            DerErrorKind::BitStringUnusedBits => f.write_str(
                "a BIT STRING holding a key or signature has unused bits (X.690 §8.6.2.2)",
            ),
            DerErrorKind::InvalidOid => f.write_str(
                "an OBJECT IDENTIFIER is empty, truncated or not minimally encoded \
                 (X.690 §8.19.2)",
            ),
            DerErrorKind::TooDeep => write!(f, "nested deeper than {MAX_DEPTH} levels"),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for DerError {}

/// The ASN.1 name of an identifier octet, for error sentences.
fn tag_name(tag: u8) -> &'static str {
    match tag {
        BOOLEAN => "a BOOLEAN",
        INTEGER => "an INTEGER",
        BIT_STRING => "a BIT STRING",
        OCTET_STRING => "an OCTET STRING",
        NULL => "a NULL",
        OBJECT_IDENTIFIER => "an OBJECT IDENTIFIER",
        SEQUENCE => "a SEQUENCE",
        SET => "a SET",
        t if t & 0xc0 == CONTEXT => "a context-specific tag",
        _ => "another element",
    }
}

/// Overwrites `buf` with zeros in a way the compiler may not drop as a dead
/// store (the zeroed buffer is passed through [`core::hint::black_box`]).
/// Best effort: earlier copies made by reallocation are not reached.
pub(crate) fn wipe(buf: &mut [u8]) {
    buf.fill(0);
    core::hint::black_box(&buf);
}
