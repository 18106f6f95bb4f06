//! The TOKEN argument: the argument's bytes exactly, or, for `-`, standard
//! input with surrounding ASCII white space trimmed (there, and only there).
//!
//! Standard input is read in bounded memory: once the token text (after
//! the trim) is over the size limit, reading stops and the token is
//! `too_large`, so an endless stream cannot exhaust memory.

use barejwt::{Error, ErrorKind, DEFAULT_MAX_TOKEN_LEN};
use std::ffi::OsStr;
use std::io::{self, Read};

/// The token's bytes, or why there are none.
pub enum TokenInput {
    /// The bytes to judge.
    Bytes(Vec<u8>),
    /// Over the size limit while reading standard input: exit 1.
    TooLarge(Error),
}

/// The bytes of the TOKEN argument; `-` reads standard input.
///
/// # Errors
///
/// An I/O error reading standard input.
pub fn token(arg: &OsStr) -> io::Result<TokenInput> {
    if arg == "-" {
        read_trimmed(io::stdin().lock(), DEFAULT_MAX_TOKEN_LEN)
    } else {
        Ok(TokenInput::Bytes(arg_bytes(arg)))
    }
}

/// An argument's bytes, exactly (never trimmed).
#[cfg(unix)]
fn arg_bytes(arg: &OsStr) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    arg.as_bytes().to_vec()
}

/// An argument's bytes (its UTF-8 form where the platform has no byte
/// view; invalid text becomes U+FFFD, which no token contains).
#[cfg(not(unix))]
fn arg_bytes(arg: &OsStr) -> Vec<u8> {
    arg.to_string_lossy().into_owned().into_bytes()
}

/// Reads `input` to its end, dropping leading and trailing ASCII white
/// space, keeping at most `limit` bytes of what lies between.
///
/// White space after the text is held apart until more text follows, so
/// that trailing white space of any length costs nothing.
pub fn read_trimmed(mut input: impl Read, limit: usize) -> io::Result<TokenInput> {
    let mut text: Vec<u8> = Vec::new();
    let mut pending_space: Vec<u8> = Vec::new();
    let mut space_overflowed = false;
    let mut chunk = [0u8; 8192];
    let too_large = || {
        TokenInput::TooLarge(Error::new(
            ErrorKind::TooLarge,
            format!("the token on standard input is over the limit of {limit} bytes"),
        ))
    };
    loop {
        let n = match input.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        for &byte in chunk.iter().take(n) {
            if byte.is_ascii_whitespace() {
                if text.is_empty() {
                    continue; // leading
                }
                if text.len() + pending_space.len() < limit {
                    pending_space.push(byte);
                } else {
                    // Text after this space could not fit; until some
                    // comes, the space is only trailing.
                    space_overflowed = true;
                }
                continue;
            }
            if space_overflowed || text.len() + pending_space.len() >= limit {
                return Ok(too_large());
            }
            text.append(&mut pending_space);
            text.push(byte);
        }
    }
    Ok(TokenInput::Bytes(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(input: &[u8], limit: usize) -> Option<Vec<u8>> {
        match read_trimmed(input, limit).unwrap() {
            TokenInput::Bytes(b) => Some(b),
            TokenInput::TooLarge(_) => None,
        }
    }

    #[test]
    fn surrounding_ascii_white_space_is_trimmed() {
        assert_eq!(read(b" \t\r\n a.b.c \n\r\t ", 100).unwrap(), b"a.b.c");
        assert_eq!(read(b"a.b.c", 100).unwrap(), b"a.b.c");
        assert_eq!(read(b"  \n", 100).unwrap(), b"");
    }

    #[test]
    fn inner_white_space_is_kept() {
        assert_eq!(read(b"\na. b\t.c\n", 100).unwrap(), b"a. b\t.c");
    }

    #[test]
    fn the_limit_counts_the_text_after_the_trim() {
        let exact = [b'a'; 10];
        let mut padded = b"   ".to_vec();
        padded.extend_from_slice(&exact);
        padded.extend_from_slice(&[b'\n'; 1000]);
        assert_eq!(read(&padded, 10).unwrap(), exact);
        assert!(read(&[b'a'; 11], 10).is_none());
        assert!(read(b"aaaaa     a", 10).is_none());
        assert_eq!(read(b"aaaaa    a", 10).unwrap(), b"aaaaa    a");
    }
}
