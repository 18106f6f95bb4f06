//! Short text kept inline: member names and number texts.
//!
//! JWT member names (`alg`, `exp`, `iss`, ...) and numbers (`1700000000`)
//! are short. Keeping up to [`INLINE_CAPACITY`] bytes inside the value saves
//! one heap allocation per name and per number; longer text goes to the heap.
//! Nothing here changes what the text says: it is an exact copy of a `&str`.

use alloc::boxed::Box;
use core::fmt;

/// The longest text stored inline, chosen so that a [`ShortText`] is three
/// machine words on 64-bit targets (the size of a `String`).
pub(crate) const INLINE_CAPACITY: usize = 22;

/// An immutable string, inline when it has at most [`INLINE_CAPACITY`] bytes.
#[derive(Clone)]
pub(crate) enum ShortText {
    /// `bytes[..len]` is the text; always a whole `&str` copied in.
    Inline {
        len: u8,
        bytes: [u8; INLINE_CAPACITY],
    },
    /// Longer text.
    Heap(Box<str>),
}

impl ShortText {
    /// A copy of `text`.
    #[inline]
    pub(crate) fn new(text: &str) -> ShortText {
        let mut bytes = [0u8; INLINE_CAPACITY];
        match (bytes.get_mut(..text.len()), u8::try_from(text.len())) {
            (Some(head), Ok(len)) => {
                head.copy_from_slice(text.as_bytes());
                ShortText::Inline { len, bytes }
            }
            _ => ShortText::Heap(Box::from(text)),
        }
    }

    /// The text.
    #[inline]
    pub(crate) fn as_str(&self) -> &str {
        match self {
            // The inline bytes were copied from a whole `&str`, so they are
            // UTF-8 and the fallback is never taken.
            ShortText::Inline { len, bytes } => bytes
                .get(..usize::from(*len))
                .and_then(|b| core::str::from_utf8(b).ok())
                .unwrap_or(""),
            ShortText::Heap(text) => text,
        }
    }

    /// The text's bytes, without re-checking UTF-8 (for comparisons).
    #[inline]
    pub(crate) fn as_bytes(&self) -> &[u8] {
        match self {
            ShortText::Inline { len, bytes } => bytes.get(..usize::from(*len)).unwrap_or(&[]),
            ShortText::Heap(text) => text.as_bytes(),
        }
    }
}

impl PartialEq for ShortText {
    #[inline]
    fn eq(&self, other: &ShortText) -> bool {
        match (self, other) {
            // Unused inline bytes are always zero, so equal texts have equal
            // arrays: a fixed-size compare, no call to `memcmp`.
            (ShortText::Inline { len: a, bytes: x }, ShortText::Inline { len: b, bytes: y }) => {
                a == b && x == y
            }
            _ => self.as_bytes() == other.as_bytes(),
        }
    }
}

impl Eq for ShortText {}

impl PartialOrd for ShortText {
    fn partial_cmp(&self, other: &ShortText) -> Option<core::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for ShortText {
    /// Byte order, which for UTF-8 is code point order.
    fn cmp(&self, other: &ShortText) -> core::cmp::Ordering {
        self.as_bytes().cmp(other.as_bytes())
    }
}

impl fmt::Debug for ShortText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_text_round_trip() {
        for text in [
            "",
            "a",
            "exp",
            "é€𝄞",
            "0123456789012345678901",
            "01234567890123456789012",
            "a much longer member name than fits",
        ] {
            let t = ShortText::new(text);
            assert_eq!(t.as_str(), text);
            assert_eq!(t.as_bytes(), text.as_bytes());
            assert_eq!(
                matches!(t, ShortText::Inline { .. }),
                text.len() <= INLINE_CAPACITY
            );
        }
    }

    #[test]
    #[cfg(target_pointer_width = "64")]
    fn short_text_is_three_words() {
        assert_eq!(
            core::mem::size_of::<ShortText>(),
            3 * core::mem::size_of::<usize>()
        );
    }
}
