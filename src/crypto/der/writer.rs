//! The DER writer: the few types keys need, always in their one DER form.
//!
//! A constructed value is written by a closure into a buffer of its own,
//! then appended behind its header with the length now known; the inner
//! buffer is wiped, since it may hold a private key.

use super::{context_constructed, wipe, BIT_STRING, BOOLEAN, INTEGER, NULL};
use super::{OBJECT_IDENTIFIER, OCTET_STRING, SEQUENCE};
use alloc::vec::Vec;

/// Builds one DER encoding front to back.
///
/// ```
/// use barejwt::crypto::der::Writer;
///
/// let mut w = Writer::new();
/// w.sequence(|w| {
///     w.integer(&[0x00, 0x80]); // leading zeros dropped, a sign octet added
///     w.null();
/// });
/// assert_eq!(w.into_vec(), [0x30, 0x06, 0x02, 0x02, 0x00, 0x80, 0x05, 0x00]);
/// ```
#[derive(Debug, Default, Clone)]
pub struct Writer {
    out: Vec<u8>,
}

impl Writer {
    /// An empty writer.
    pub fn new() -> Writer {
        Writer::default()
    }

    /// The encoding written so far.
    pub fn as_bytes(&self) -> &[u8] {
        &self.out
    }

    /// The encoding.
    pub fn into_vec(self) -> Vec<u8> {
        self.out
    }

    /// An element of identifier octet `tag` and the given contents, with
    /// its length in the fewest octets (X.690 §10.1).
    pub fn element(&mut self, tag: u8, content: &[u8]) {
        self.out.push(tag);
        push_length(&mut self.out, content.len());
        self.out.extend_from_slice(content);
    }

    /// A constructed element of identifier octet `tag` whose contents `f`
    /// writes.
    pub fn constructed(&mut self, tag: u8, f: impl FnOnce(&mut Writer)) {
        let mut inner = Writer::new();
        f(&mut inner);
        self.element(tag, &inner.out);
        wipe(&mut inner.out);
    }

    /// A SEQUENCE whose fields `f` writes.
    pub fn sequence(&mut self, f: impl FnOnce(&mut Writer)) {
        self.constructed(SEQUENCE, f);
    }

    /// A `[number] EXPLICIT` tag around the value `f` writes.
    pub fn explicit(&mut self, number: u8, f: impl FnOnce(&mut Writer)) {
        self.constructed(context_constructed(number), f);
    }

    /// A non-negative INTEGER from its big-endian magnitude: leading zero
    /// octets are dropped and a `0x00` sign octet is added when the top bit
    /// is set (X.690 §8.3.2). An empty or all-zero magnitude is 0.
    pub fn integer(&mut self, magnitude: &[u8]) {
        let start = magnitude
            .iter()
            .position(|&b| b != 0)
            .unwrap_or(magnitude.len());
        let digits = magnitude.get(start..).unwrap_or_default();
        match digits.first() {
            None => self.element(INTEGER, &[0x00]),
            Some(&top) if top & 0x80 != 0 => {
                self.out.push(INTEGER);
                push_length(&mut self.out, digits.len() + 1);
                self.out.push(0x00);
                self.out.extend_from_slice(digits);
            }
            Some(_) => self.element(INTEGER, digits),
        }
    }

    /// A small non-negative INTEGER (a version number).
    pub fn small_integer(&mut self, value: u64) {
        self.integer(&value.to_be_bytes());
    }

    /// A BOOLEAN: `0xff` for TRUE, `0x00` for FALSE (X.690 §11.1).
    pub fn boolean(&mut self, value: bool) {
        self.element(BOOLEAN, &[if value { 0xff } else { 0x00 }]);
    }

    /// A NULL.
    pub fn null(&mut self) {
        self.element(NULL, &[]);
    }

    /// An OBJECT IDENTIFIER from its contents octets (a constant such as
    /// those of [`crate::crypto::pkix`]; they are written as given).
    pub fn oid(&mut self, content: &[u8]) {
        self.element(OBJECT_IDENTIFIER, content);
    }

    /// An OCTET STRING.
    pub fn octet_string(&mut self, content: &[u8]) {
        self.element(OCTET_STRING, content);
    }

    /// An OCTET STRING holding the DER that `f` writes (PKCS #8's
    /// `privateKey`).
    pub fn octet_string_with(&mut self, f: impl FnOnce(&mut Writer)) {
        self.constructed_primitive(OCTET_STRING, &[], f);
    }

    /// A BIT STRING of whole octets (initial octet 0).
    pub fn bit_string(&mut self, octets: &[u8]) {
        self.bit_string_tagged(BIT_STRING, octets);
    }

    /// A BIT STRING of whole octets under an IMPLICIT tag's identifier
    /// octet (RFC 5958's `publicKey [1]` is `0x81`).
    pub fn bit_string_tagged(&mut self, tag: u8, octets: &[u8]) {
        self.out.push(tag);
        push_length(&mut self.out, octets.len() + 1);
        self.out.push(0x00);
        self.out.extend_from_slice(octets);
    }

    /// A BIT STRING of whole octets holding the DER that `f` writes (the
    /// `subjectPublicKey` of an RSA key).
    pub fn bit_string_with(&mut self, f: impl FnOnce(&mut Writer)) {
        self.constructed_primitive(BIT_STRING, &[0x00], f);
    }

    /// A primitive element whose contents are `prefix` then what `f`
    /// writes.
    fn constructed_primitive(&mut self, tag: u8, prefix: &[u8], f: impl FnOnce(&mut Writer)) {
        let mut inner = Writer::new();
        inner.out.extend_from_slice(prefix);
        f(&mut inner);
        self.element(tag, &inner.out);
        wipe(&mut inner.out);
    }
}

/// Appends a definite length in the fewest octets (X.690 §8.1.3, §10.1).
fn push_length(out: &mut Vec<u8>, length: usize) {
    if length < 0x80 {
        out.push(length as u8); // < 0x80
        return;
    }
    let bytes = length.to_be_bytes();
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    let digits = bytes.get(start..).unwrap_or_default();
    out.push(0x80 | digits.len() as u8); // at most 0x88
    out.extend_from_slice(digits);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::crypto::der::{DerErrorKind, Reader};

    #[test]
    fn lengths_use_the_fewest_octets() {
        for (len, header) in [
            (0usize, &[0x04, 0x00][..]),
            (0x7f, &[0x04, 0x7f]),
            (0x80, &[0x04, 0x81, 0x80]),
            (0xff, &[0x04, 0x81, 0xff]),
            (0x100, &[0x04, 0x82, 0x01, 0x00]),
            (0x1_0000, &[0x04, 0x83, 0x01, 0x00, 0x00]),
        ] {
            let mut w = Writer::new();
            w.octet_string(&alloc::vec![0x5a; len]);
            let out = w.into_vec();
            assert_eq!(&out[..header.len()], header, "{len}");
            assert_eq!(out.len(), header.len() + len);
        }
    }

    #[test]
    fn integers_are_minimal_and_read_back() {
        for (magnitude, encoding) in [
            (&[][..], &[0x02, 0x01, 0x00][..]),
            (&[0x00, 0x00], &[0x02, 0x01, 0x00]),
            (&[0x7f], &[0x02, 0x01, 0x7f]),
            (&[0x80], &[0x02, 0x02, 0x00, 0x80]),
            (&[0x00, 0x01, 0x00, 0x01], &[0x02, 0x03, 0x01, 0x00, 0x01]),
        ] {
            let mut w = Writer::new();
            w.integer(magnitude);
            let out = w.into_vec();
            assert_eq!(out, encoding, "{magnitude:x?}");
            let read = Reader::new(&out)
                .unwrap()
                .unsigned_integer()
                .unwrap()
                .to_vec();
            let start = magnitude
                .iter()
                .position(|&b| b != 0)
                .unwrap_or(magnitude.len());
            assert_eq!(read, &magnitude[start..]);
        }
    }

    #[test]
    fn strings_tags_and_nesting_round_trip_through_the_reader() {
        let mut w = Writer::new();
        w.sequence(|w| {
            w.small_integer(1);
            w.oid(&[0x2b, 0x65, 0x70]);
            w.octet_string_with(|w| w.octet_string(&[1, 2, 3]));
            w.explicit(1, |w| w.bit_string(&[9, 9]));
            w.bit_string_tagged(0x81, &[7]);
            w.bit_string_with(|w| w.null());
            w.boolean(true);
        });
        let out = w.into_vec();
        let mut outer = Reader::new(&out).unwrap();
        let mut r = outer.sequence().unwrap();
        assert_eq!(r.small_unsigned().unwrap(), 1);
        assert_eq!(r.oid().unwrap().as_bytes(), [0x2b, 0x65, 0x70]);
        let os = r.octet_string().unwrap();
        let mut inner = r.enter(&os).unwrap();
        assert_eq!(inner.octet_string().unwrap().content, [1, 2, 3]);
        inner.finish().unwrap();
        let mut tagged = r.explicit(1).unwrap().unwrap();
        assert_eq!(tagged.bit_string().unwrap().content, [9, 9]);
        assert_eq!(r.bit_string_tagged(0x81).unwrap().content, [7]);
        let bits = r.bit_string().unwrap();
        r.enter(&bits).unwrap().null().unwrap();
        assert!(r.boolean().unwrap());
        r.finish().unwrap();
        outer.finish().unwrap();
        assert_eq!(
            Reader::new(&out[..out.len() - 1])
                .unwrap()
                .sequence()
                .unwrap_err()
                .kind,
            DerErrorKind::Truncated
        );
    }
}
