//! The strict DER reader: one element at a time, front to back.
//!
//! An element is identifier octet, length octets, contents (X.690 §8.1.1):
//!
//! ```text
//!   tag      length                      contents
//!  +----+  +----+ - - - - - - +          +------------------+
//!  | 30 |  | 82 | 01 | 22     |          | 0x0122 octets    |
//!  +----+  +----+ - - - - - - +          +------------------+
//!   low     0x00-0x7f: the length itself (short form)
//!   tag     0x81-0x84: that many length octets follow, big-endian, minimal
//!   form    0x80 indefinite (BER only), 0xff reserved, 0x85-0xfe too long
//! ```
//!
//! Every read checks the header first (a BER length is reported as such,
//! whatever the tag), then the tag against the one asked for, then the
//! contents of the type.

use super::{DerError, DerErrorKind, Oid, BIT_STRING, BOOLEAN, INTEGER, MAX_DEPTH, MAX_LEN};
use super::{NULL, OBJECT_IDENTIFIER, OCTET_STRING, SEQUENCE};

/// A cursor over DER elements that knows the absolute offset of everything
/// it reads (for errors) and its nesting depth.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    /// The elements still to read.
    rest: &'a [u8],
    /// Offset of `rest[0]` in the outermost input.
    offset: usize,
    /// Constructed values entered to get here.
    depth: usize,
}

/// One element: its identifier octet and contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Element<'a> {
    /// The identifier octet (low-tag-number form).
    pub tag: u8,
    /// Offset of the identifier octet in the outermost input.
    pub offset: usize,
    /// The contents octets (for a BIT STRING read with
    /// [`Reader::bit_string`], those after the initial octet).
    pub content: &'a [u8],
    /// Offset of `content[0]` in the outermost input.
    pub content_offset: usize,
}

impl<'a> Reader<'a> {
    /// A reader over a whole DER input.
    ///
    /// # Errors
    ///
    /// [`DerErrorKind::TooLarge`] when `input` is longer than [`MAX_LEN`].
    ///
    /// ```
    /// use barejwt::crypto::der::Reader;
    ///
    /// // SEQUENCE { INTEGER 5 }
    /// let mut outer = Reader::new(&[0x30, 0x03, 0x02, 0x01, 0x05])?;
    /// let mut fields = outer.sequence()?;
    /// assert_eq!(fields.small_unsigned()?, 5);
    /// fields.finish()?;
    /// outer.finish()?;
    /// # Ok::<(), barejwt::crypto::der::DerError>(())
    /// ```
    pub fn new(input: &'a [u8]) -> Result<Reader<'a>, DerError> {
        if input.len() > MAX_LEN {
            return Err(DerError::new(DerErrorKind::TooLarge, 0));
        }
        Ok(Reader {
            rest: input,
            offset: 0,
            depth: 0,
        })
    }

    /// The absolute offset of the next element.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// Whether every element has been read.
    pub fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    /// The identifier octet of the next element, if any, without reading it.
    pub fn peek_tag(&self) -> Option<u8> {
        self.rest.first().copied()
    }

    /// Checks that nothing is left: the end of a whole input or of a
    /// SEQUENCE's fields.
    ///
    /// # Errors
    ///
    /// [`DerErrorKind::TrailingData`] at the first octet left over.
    pub fn finish(&self) -> Result<(), DerError> {
        if self.rest.is_empty() {
            Ok(())
        } else {
            Err(DerError::new(DerErrorKind::TrailingData, self.offset))
        }
    }

    /// A reader over an element's contents (a SEQUENCE's fields, an OCTET
    /// STRING that holds DER), one level deeper, reporting offsets in the
    /// outermost input.
    ///
    /// # Errors
    ///
    /// [`DerErrorKind::TooDeep`] beyond [`MAX_DEPTH`].
    pub fn enter(&self, element: &Element<'a>) -> Result<Reader<'a>, DerError> {
        let depth = self.depth + 1;
        if depth > MAX_DEPTH {
            return Err(DerError::new(DerErrorKind::TooDeep, element.offset));
        }
        Ok(Reader {
            rest: element.content,
            offset: element.content_offset,
            depth,
        })
    }

    /// Reads the next element, of any tag, checking its header.
    ///
    /// # Errors
    ///
    /// [`DerErrorKind::Truncated`], [`HighTagNumber`](DerErrorKind::HighTagNumber),
    /// [`IndefiniteLength`](DerErrorKind::IndefiniteLength),
    /// [`NonMinimalLength`](DerErrorKind::NonMinimalLength),
    /// [`ReservedLength`](DerErrorKind::ReservedLength) or
    /// [`TooLarge`](DerErrorKind::TooLarge), at the offending octet.
    pub fn read_any(&mut self) -> Result<Element<'a>, DerError> {
        let start = self.offset;
        let at = |k: usize| start + k;
        let (&tag, after_tag) = self
            .rest
            .split_first()
            .ok_or(DerError::new(DerErrorKind::Truncated, at(0)))?;
        // X.690 §8.1.2.4: tag number 31 in the low bits announces the
        // high-tag-number form.
        if tag & 0x1f == 0x1f {
            return Err(DerError::new(DerErrorKind::HighTagNumber, at(0)));
        }
        let (&first, mut after) = after_tag
            .split_first()
            .ok_or(DerError::new(DerErrorKind::Truncated, at(1)))?;
        let length = match first {
            // Short form (X.690 §8.1.3.4).
            0x00..=0x7f => usize::from(first),
            0x80 => return Err(DerError::new(DerErrorKind::IndefiniteLength, at(1))),
            0xff => return Err(DerError::new(DerErrorKind::ReservedLength, at(1))),
            // Long form (X.690 §8.1.3.5) of one to four octets; more would
            // exceed MAX_LEN anyway.
            0x81..=0x84 => {
                let count = usize::from(first & 0x7f);
                let (octets, contents) =
                    split(after, count).ok_or(DerError::new(DerErrorKind::Truncated, at(2)))?;
                after = contents;
                let mut length = 0usize;
                for &octet in octets {
                    length = (length << 8) | usize::from(octet); // < 2^32: four octets at most
                }
                // X.690 §10.1: the fewest octets, so no leading zero octet
                // and no long form for what the short form can say.
                if octets.first() == Some(&0) || length < 0x80 {
                    return Err(DerError::new(DerErrorKind::NonMinimalLength, at(1)));
                }
                length
            }
            _ => return Err(DerError::new(DerErrorKind::TooLarge, at(1))),
        };
        if length > MAX_LEN {
            return Err(DerError::new(DerErrorKind::TooLarge, at(1)));
        }
        let header = self.rest.len() - after.len();
        let (content, rest) =
            split(after, length).ok_or(DerError::new(DerErrorKind::Truncated, at(header)))?;
        self.rest = rest;
        self.offset = at(header + length);
        Ok(Element {
            tag,
            offset: start,
            content,
            content_offset: at(header),
        })
    }

    /// Reads the next element, which must have identifier octet `tag`.
    ///
    /// # Errors
    ///
    /// Those of [`read_any`](Self::read_any), and
    /// [`DerErrorKind::UnexpectedTag`] (also at the end of the input).
    pub fn read(&mut self, tag: u8) -> Result<Element<'a>, DerError> {
        let mut ahead = self.clone();
        let element = ahead
            .read_any()
            .map_err(|e| match (e.kind, self.peek_tag()) {
                (DerErrorKind::Truncated, None) => DerError::new(
                    DerErrorKind::UnexpectedTag {
                        expected: tag,
                        found: 0,
                    },
                    e.offset,
                ),
                _ => e,
            })?;
        if element.tag != tag {
            return Err(DerError::new(
                DerErrorKind::UnexpectedTag {
                    expected: tag,
                    found: element.tag,
                },
                element.offset,
            ));
        }
        *self = ahead;
        Ok(element)
    }

    /// Reads the next element if it has identifier octet `tag` (an
    /// OPTIONAL field); `None` when the next element has another tag or
    /// there is none.
    ///
    /// # Errors
    ///
    /// Those of [`read`](Self::read) for an element of that tag.
    pub fn read_optional(&mut self, tag: u8) -> Result<Option<Element<'a>>, DerError> {
        if self.peek_tag() == Some(tag) {
            self.read(tag).map(Some)
        } else {
            Ok(None)
        }
    }

    /// Reads a SEQUENCE and returns a reader over its fields; call
    /// [`finish`](Self::finish) on it after the last field.
    ///
    /// # Errors
    ///
    /// Those of [`read`](Self::read) and [`enter`](Self::enter).
    pub fn sequence(&mut self) -> Result<Reader<'a>, DerError> {
        let element = self.read(SEQUENCE)?;
        self.enter(&element)
    }

    /// Reads an OPTIONAL `[number] EXPLICIT` field (identifier octet
    /// `0xa0 | number`) and returns a reader over the value inside it.
    ///
    /// # Errors
    ///
    /// Those of [`read`](Self::read) and [`enter`](Self::enter).
    pub fn explicit(&mut self, number: u8) -> Result<Option<Reader<'a>>, DerError> {
        match self.read_optional(super::context_constructed(number))? {
            Some(element) => self.enter(&element).map(Some),
            None => Ok(None),
        }
    }

    /// Reads an INTEGER, its contents octets checked to be the
    /// minimal two's-complement encoding (X.690 §8.3): at least one octet,
    /// and the first nine bits neither all zero nor all one.
    ///
    /// # Errors
    ///
    /// Those of [`read`](Self::read), [`DerErrorKind::EmptyInteger`] and
    /// [`DerErrorKind::NonMinimalInteger`].
    pub fn integer(&mut self) -> Result<Element<'a>, DerError> {
        let element = self.read(INTEGER)?;
        match element.content {
            [] => Err(DerError::new(DerErrorKind::EmptyInteger, element.offset)),
            [0x00, next, ..] if next & 0x80 == 0 => Err(DerError::new(
                DerErrorKind::NonMinimalInteger,
                element.offset,
            )),
            [0xff, next, ..] if next & 0x80 != 0 => Err(DerError::new(
                DerErrorKind::NonMinimalInteger,
                element.offset,
            )),
            _ => Ok(element),
        }
    }

    /// Reads a non-negative INTEGER and returns its big-endian magnitude
    /// without the sign octet: no leading zero octet, empty for zero.
    ///
    /// # Errors
    ///
    /// Those of [`integer`](Self::integer), and
    /// [`DerErrorKind::NegativeInteger`].
    pub fn unsigned_integer(&mut self) -> Result<&'a [u8], DerError> {
        let element = self.integer()?;
        match element.content {
            [first, ..] if first & 0x80 != 0 => {
                Err(DerError::new(DerErrorKind::NegativeInteger, element.offset))
            }
            // Minimal, so a leading zero is a sign octet (or the value 0).
            [0x00, magnitude @ ..] => Ok(magnitude),
            magnitude => Ok(magnitude),
        }
    }

    /// Reads a positive INTEGER (a modulus, an exponent) and returns its
    /// big-endian magnitude: no leading zero octet, never empty.
    ///
    /// # Errors
    ///
    /// Those of [`unsigned_integer`](Self::unsigned_integer), and
    /// [`DerErrorKind::ZeroInteger`].
    pub fn positive_integer(&mut self) -> Result<&'a [u8], DerError> {
        let offset = self.offset;
        let magnitude = self.unsigned_integer()?;
        if magnitude.is_empty() {
            return Err(DerError::new(DerErrorKind::ZeroInteger, offset));
        }
        Ok(magnitude)
    }

    /// Reads a small non-negative INTEGER (a version number).
    ///
    /// # Errors
    ///
    /// Those of [`unsigned_integer`](Self::unsigned_integer), and
    /// [`DerErrorKind::IntegerTooLarge`] beyond 64 bits.
    pub fn small_unsigned(&mut self) -> Result<u64, DerError> {
        let offset = self.offset;
        let magnitude = self.unsigned_integer()?;
        if magnitude.len() > 8 {
            return Err(DerError::new(DerErrorKind::IntegerTooLarge, offset));
        }
        Ok(magnitude
            .iter()
            .fold(0u64, |value, &octet| (value << 8) | u64::from(octet))) // < 2^64: eight octets at most
    }

    /// Reads a BOOLEAN: one octet, `0x00` FALSE or `0xff` TRUE (X.690 §11.1).
    ///
    /// # Errors
    ///
    /// Those of [`read`](Self::read), and [`DerErrorKind::InvalidBoolean`].
    pub fn boolean(&mut self) -> Result<bool, DerError> {
        let element = self.read(BOOLEAN)?;
        match element.content {
            [0x00] => Ok(false),
            [0xff] => Ok(true),
            _ => Err(DerError::new(DerErrorKind::InvalidBoolean, element.offset)),
        }
    }

    /// Reads a NULL, which has no contents (X.690 §8.8.2).
    ///
    /// # Errors
    ///
    /// Those of [`read`](Self::read), and [`DerErrorKind::InvalidNull`].
    pub fn null(&mut self) -> Result<(), DerError> {
        let element = self.read(NULL)?;
        check_null(&element)
    }

    /// Reads an OBJECT IDENTIFIER.
    ///
    /// # Errors
    ///
    /// Those of [`read`](Self::read), and [`DerErrorKind::InvalidOid`].
    pub fn oid(&mut self) -> Result<Oid<'a>, DerError> {
        let element = self.read(OBJECT_IDENTIFIER)?;
        Oid::new(element.content).map_err(|kind| DerError::new(kind, element.offset))
    }

    /// Reads an OCTET STRING (primitive, as DER requires, X.690 §10.2).
    ///
    /// # Errors
    ///
    /// Those of [`read`](Self::read).
    pub fn octet_string(&mut self) -> Result<Element<'a>, DerError> {
        self.read(OCTET_STRING)
    }

    /// Reads a BIT STRING of whole octets (a key, a signature): the initial
    /// octet must be 0 (X.690 §8.6.2.2). The element's contents are the
    /// octets after it.
    ///
    /// # Errors
    ///
    /// Those of [`read`](Self::read), [`DerErrorKind::EmptyBitString`] and
    /// [`DerErrorKind::BitStringUnusedBits`].
    pub fn bit_string(&mut self) -> Result<Element<'a>, DerError> {
        self.bit_string_tagged(BIT_STRING)
    }

    /// [`bit_string`](Self::bit_string) under another identifier octet, as
    /// an IMPLICIT tag writes it (RFC 5958's `publicKey [1]` is `0x81`).
    ///
    /// # Errors
    ///
    /// Those of [`bit_string`](Self::bit_string).
    pub fn bit_string_tagged(&mut self, tag: u8) -> Result<Element<'a>, DerError> {
        let element = self.read(tag)?;
        match element.content.split_first() {
            None => Err(DerError::new(DerErrorKind::EmptyBitString, element.offset)),
            Some((&0, octets)) => Ok(Element {
                content: octets,
                content_offset: element.content_offset + 1,
                ..element
            }),
            Some(_) => Err(DerError::new(
                DerErrorKind::BitStringUnusedBits,
                element.content_offset,
            )),
        }
    }
}

/// `(&s[..n], &s[n..])`, or `None` when `s` is shorter than `n`.
fn split(s: &[u8], n: usize) -> Option<(&[u8], &[u8])> {
    Some((s.get(..n)?, s.get(n..)?))
}

/// Checks that an element already read as a NULL has no contents.
///
/// # Errors
///
/// [`DerErrorKind::UnexpectedTag`] for another tag,
/// [`DerErrorKind::InvalidNull`] for contents.
pub(crate) fn check_null(element: &Element<'_>) -> Result<(), DerError> {
    if element.tag != NULL {
        return Err(DerError::new(
            DerErrorKind::UnexpectedTag {
                expected: NULL,
                found: element.tag,
            },
            element.offset,
        ));
    }
    if !element.content.is_empty() {
        return Err(DerError::new(DerErrorKind::InvalidNull, element.offset));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::der::context_constructed;

    fn one(input: &[u8]) -> Result<Element<'_>, DerError> {
        let mut r = Reader::new(input)?;
        let e = r.read_any()?;
        r.finish()?;
        Ok(e)
    }

    fn kind(r: Result<impl core::fmt::Debug, DerError>) -> DerErrorKind {
        r.expect_err("should fail").kind
    }

    #[test]
    fn lengths_in_short_and_long_form_are_read() {
        assert_eq!(one(&[0x04, 0x00]).unwrap().content, b"");
        assert_eq!(one(&[0x04, 0x01, 0xaa]).unwrap().content, [0xaa]);
        let mut long = alloc::vec![0x04, 0x81, 0x80];
        long.extend([7u8; 0x80]);
        assert_eq!(one(&long).unwrap().content.len(), 0x80);
        let mut longer = alloc::vec![0x04, 0x82, 0x01, 0x00];
        longer.extend([7u8; 0x100]);
        let e = one(&longer).unwrap();
        assert_eq!((e.content.len(), e.content_offset), (0x100, 4));
    }

    #[test]
    fn x690_10_1_non_minimal_and_indefinite_lengths_are_refused() {
        assert_eq!(
            kind(one(&[0x04, 0x81, 0x01, 0xaa])),
            DerErrorKind::NonMinimalLength
        );
        let mut zero_led = alloc::vec![0x04, 0x82, 0x00, 0x80];
        zero_led.extend([7u8; 0x80]);
        assert_eq!(kind(one(&zero_led)), DerErrorKind::NonMinimalLength);
        assert_eq!(
            kind(one(&[0x30, 0x80, 0x05, 0x00, 0x00, 0x00])),
            DerErrorKind::IndefiniteLength
        );
        assert_eq!(kind(one(&[0x04, 0xff])), DerErrorKind::ReservedLength);
        assert_eq!(
            kind(one(&[0x04, 0x85, 1, 0, 0, 0, 0])),
            DerErrorKind::TooLarge
        );
        assert_eq!(
            kind(one(&[0x04, 0x83, 0x01, 0x00, 0x01])),
            DerErrorKind::TooLarge
        );
    }

    #[test]
    fn truncated_headers_and_contents_are_refused_with_their_offset() {
        for (input, offset) in [
            (&[][..], 0),
            (&[0x30][..], 1),
            (&[0x30, 0x82, 0x01][..], 2),
            (&[0x30, 0x03, 0x02, 0x01][..], 2),
        ] {
            let err = one(input).unwrap_err();
            assert_eq!(
                (err.kind, err.offset),
                (DerErrorKind::Truncated, offset),
                "{input:x?}"
            );
        }
    }

    #[test]
    fn high_tag_numbers_and_trailing_octets_are_refused() {
        assert_eq!(kind(one(&[0x1f, 0x20, 0x00])), DerErrorKind::HighTagNumber);
        assert_eq!(kind(one(&[0xbf, 0x20, 0x00])), DerErrorKind::HighTagNumber);
        let err = one(&[0x05, 0x00, 0x00]).unwrap_err();
        assert_eq!((err.kind, err.offset), (DerErrorKind::TrailingData, 2));
    }

    #[test]
    fn x690_8_3_2_integers_must_be_minimal() {
        let int = |c: &[u8]| {
            let mut v = alloc::vec![0x02, c.len() as u8];
            v.extend_from_slice(c);
            v
        };
        let read = |v: &[u8]| {
            Reader::new(v)
                .unwrap()
                .unsigned_integer()
                .map(|m| m.to_vec())
        };
        assert_eq!(read(&int(&[0x00])).unwrap(), b"");
        assert_eq!(read(&int(&[0x7f])).unwrap(), [0x7f]);
        assert_eq!(read(&int(&[0x00, 0x80])).unwrap(), [0x80]);
        assert_eq!(read(&int(&[0x01, 0x00])).unwrap(), [0x01, 0x00]);
        assert_eq!(kind(read(&int(&[]))), DerErrorKind::EmptyInteger);
        assert_eq!(
            kind(read(&int(&[0x00, 0x7f]))),
            DerErrorKind::NonMinimalInteger
        );
        assert_eq!(
            kind(read(&int(&[0x00, 0x00]))),
            DerErrorKind::NonMinimalInteger
        );
        assert_eq!(
            kind(read(&int(&[0xff, 0x80]))),
            DerErrorKind::NonMinimalInteger
        );
        assert_eq!(kind(read(&int(&[0x80]))), DerErrorKind::NegativeInteger);
        assert_eq!(
            kind(read(&int(&[0xff, 0x7f]))),
            DerErrorKind::NegativeInteger
        );
        // Signed reading keeps a minimal negative value.
        assert!(Reader::new(&int(&[0xff, 0x7f])).unwrap().integer().is_ok());
        let zero = int(&[0x00]);
        assert_eq!(
            kind(Reader::new(&zero).unwrap().positive_integer()),
            DerErrorKind::ZeroInteger
        );
        let nine = int(&[0x01, 0, 0, 0, 0, 0, 0, 0, 0]);
        assert_eq!(
            kind(Reader::new(&nine).unwrap().small_unsigned()),
            DerErrorKind::IntegerTooLarge
        );
        let eight = int(&[0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]);
        assert_eq!(
            Reader::new(&eight).unwrap().small_unsigned().unwrap(),
            u64::MAX
        );
    }

    #[test]
    fn x690_11_1_booleans_and_8_8_2_nulls_are_strict() {
        assert!(Reader::new(&[0x01, 0x01, 0xff]).unwrap().boolean().unwrap());
        assert!(!Reader::new(&[0x01, 0x01, 0x00]).unwrap().boolean().unwrap());
        for bad in [
            &[0x01, 0x01, 0x01][..],
            &[0x01, 0x00],
            &[0x01, 0x02, 0xff, 0xff],
        ] {
            assert_eq!(
                kind(Reader::new(bad).unwrap().boolean()),
                DerErrorKind::InvalidBoolean
            );
        }
        assert!(Reader::new(&[0x05, 0x00]).unwrap().null().is_ok());
        assert_eq!(
            kind(Reader::new(&[0x05, 0x01, 0x00]).unwrap().null()),
            DerErrorKind::InvalidNull
        );
    }

    #[test]
    fn bit_strings_of_keys_have_no_unused_bits() {
        let e = Reader::new(&[0x03, 0x03, 0x00, 0xab, 0xcd])
            .unwrap()
            .bit_string()
            .unwrap();
        assert_eq!((e.content, e.content_offset), (&[0xab, 0xcd][..], 3));
        let empty = Reader::new(&[0x03, 0x01, 0x00])
            .unwrap()
            .bit_string()
            .unwrap();
        assert!(empty.content.is_empty());
        assert_eq!(
            kind(Reader::new(&[0x03, 0x00]).unwrap().bit_string()),
            DerErrorKind::EmptyBitString
        );
        assert_eq!(
            kind(Reader::new(&[0x03, 0x02, 0x01, 0xaa]).unwrap().bit_string()),
            DerErrorKind::BitStringUnusedBits
        );
        // A constructed BIT STRING (BER, X.690 §10.2) is another tag.
        assert_eq!(
            kind(
                Reader::new(&[0x23, 0x04, 0x03, 0x02, 0x00, 0xaa])
                    .unwrap()
                    .bit_string()
            ),
            DerErrorKind::UnexpectedTag {
                expected: 0x03,
                found: 0x23
            }
        );
    }

    #[test]
    fn wrong_and_missing_tags_name_what_was_expected() {
        let mut r = Reader::new(&[0x05, 0x00]).unwrap();
        assert_eq!(
            kind(r.octet_string()),
            DerErrorKind::UnexpectedTag {
                expected: 0x04,
                found: 0x05
            }
        );
        r.null().unwrap();
        assert_eq!(
            kind(r.octet_string()),
            DerErrorKind::UnexpectedTag {
                expected: 0x04,
                found: 0
            }
        );
        assert_eq!(r.read_optional(0x04).unwrap(), None);
    }

    #[test]
    fn explicit_tags_open_their_value() {
        // [0] { INTEGER 2 } then [1] absent.
        let mut r = Reader::new(&[0xa0, 0x03, 0x02, 0x01, 0x02]).unwrap();
        assert!(r.explicit(1).unwrap().is_none());
        let mut inner = r.explicit(0).unwrap().unwrap();
        assert_eq!(inner.small_unsigned().unwrap(), 2);
        inner.finish().unwrap();
        r.finish().unwrap();
        assert_eq!(context_constructed(3), 0xa3);
    }

    #[test]
    fn nesting_beyond_the_depth_bound_is_refused() {
        // MAX_DEPTH + 1 nested empty-ended SEQUENCEs.
        let mut v = alloc::vec![0x05, 0x00];
        for _ in 0..=MAX_DEPTH {
            let mut outer = alloc::vec![0x30, v.len() as u8];
            outer.extend(v);
            v = outer;
        }
        let mut r = Reader::new(&v).unwrap();
        let mut levels = 0;
        let err = loop {
            match r.sequence() {
                Ok(inner) => {
                    r = inner;
                    levels += 1;
                }
                Err(e) => break e,
            }
        };
        assert_eq!((err.kind, levels), (DerErrorKind::TooDeep, MAX_DEPTH));
    }

    #[test]
    fn inputs_beyond_the_size_bound_are_refused() {
        let big = alloc::vec![0u8; MAX_LEN + 1];
        assert_eq!(kind(Reader::new(&big)), DerErrorKind::TooLarge);
    }
}
