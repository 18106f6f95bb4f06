//! Hints for the common mistakes behind an error: each is one more
//! sentence at the end of the same one-line message, never a change of
//! kind or exit code.
//!
//! | mistake | error it causes | hint |
//! | --- | --- | --- |
//! | a `--key-file` that ends in a newline (`echo secret > file`) | `invalid_signature` | the newline is part of the key |
//! | `Bearer eyJ...` pasted as the token | `malformed` (byte 0x20 at offset 6) | give the token alone |
//! | a TOKEN argument ending in a newline or a space | `malformed` | give `-` to read it trimmed from standard input |
//! | a token piped in without `-` | usage: TOKEN is missing | give `-` |
//! | no `exp`, refused by default | `missing_claim` | the flag `--allow-missing-exp` |

use super::args::Usage;
use barejwt::{Error, ErrorKind};
use std::ffi::OsStr;

/// `error` with `sentence` appended to its reason, kind and claim kept.
fn with_sentence(error: Error, sentence: &str) -> Error {
    let mut out = Error::new(error.kind(), format!("{}. {sentence}", error.reason()));
    if let Some(claim) = error.claim() {
        out = out.with_claim(claim.to_string());
    }
    if let Some(parameter) = error.parameter() {
        out = out.with_parameter(parameter.to_string());
    }
    out
}

/// What the library says a missing `exp` can be allowed with.
const LIBRARY_OPT_OUT: &str = "(Validation::allow_missing_exp)";

/// The hints for an error of `verify` or `decode` about `token` (the bytes
/// judged) read from `arg` (the TOKEN argument).
pub fn for_token(error: Error, arg: &OsStr, token: &[u8]) -> Error {
    if error.kind() == ErrorKind::MissingClaim && error.claim() == Some("exp") {
        if let Some(start) = error.reason().strip_suffix(LIBRARY_OPT_OUT) {
            return Error::new(
                ErrorKind::MissingClaim,
                format!("{start}(--allow-missing-exp)"),
            )
            .with_claim("exp");
        }
    }
    if error.kind() != ErrorKind::Malformed {
        return error;
    }
    let scheme = b"bearer ";
    if token
        .get(..scheme.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(scheme))
    {
        return with_sentence(
            error,
            "The token starts with \"Bearer \": give the token alone, without the Authorization scheme",
        );
    }
    if arg != "-" {
        match token.last() {
            Some(b'\n' | b'\r') => {
                return with_sentence(
                    error,
                    "The TOKEN argument ends in a newline: give it without one, or give - to read the token from standard input (white space around it is trimmed there)",
                )
            }
            Some(b) if b.is_ascii_whitespace() => {
                return with_sentence(
                    error,
                    "The TOKEN argument ends in white space: give it without, or give - to read the token from standard input (white space around it is trimmed there)",
                )
            }
            _ => {}
        }
    }
    error
}

/// The hint for a signature that does not match when the HMAC secret came
/// from a `--key-file` that ends in a newline.
pub fn for_key_file(error: Error, key_file_ends_in_newline: bool) -> Error {
    if error.kind() == ErrorKind::InvalidSignature && key_file_ends_in_newline {
        return with_sentence(
            error,
            "The key file ends in a newline, which is part of the key (--key-file uses the file's bytes exactly); if the secret does not end in one, write the file without it (printf '%s' SECRET > FILE)",
        );
    }
    error
}

/// `usage` (a missing positional `what`) with a hint when standard input
/// holds data, which suggests the value was piped in without `-`.
pub fn for_missing_positional(mut usage: Usage, what: &str, stdin_has_input: bool) -> Usage {
    if stdin_has_input && usage.message == format!("{what} is missing") {
        usage.message.push_str(&format!(
            ". Standard input is a pipe or a file: to read {what} from it, give - as {what}"
        ));
    }
    usage
}

/// Whether standard input is a pipe or a non-empty file (not a terminal,
/// not `/dev/null`): where a token or claims could have been meant to come
/// from.
#[cfg(unix)]
pub fn stdin_has_input() -> bool {
    use std::os::unix::fs::FileTypeExt;
    match std::fs::metadata("/dev/stdin") {
        Ok(meta) => {
            let kind = meta.file_type();
            kind.is_fifo() || kind.is_socket() || (kind.is_file() && meta.len() > 0)
        }
        Err(_) => false,
    }
}

/// Whether standard input is not a terminal.
#[cfg(not(unix))]
pub fn stdin_has_input() -> bool {
    use std::io::IsTerminal;
    !std::io::stdin().is_terminal()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn malformed() -> Error {
        Error::new(ErrorKind::Malformed, "bad")
    }

    #[test]
    fn each_hint_is_one_more_sentence_of_the_same_kind() {
        let bearer = for_token(malformed(), OsStr::new("Bearer x"), b"Bearer x");
        assert_eq!(bearer.kind(), ErrorKind::Malformed);
        assert!(bearer
            .reason()
            .starts_with("bad. The token starts with \"Bearer \""));
        let newline = for_token(malformed(), OsStr::new("a\n"), b"a\n");
        assert!(newline
            .reason()
            .starts_with("bad. The TOKEN argument ends in a newline"));
        // From standard input the token was trimmed: no hint.
        assert_eq!(for_token(malformed(), OsStr::new("-"), b"a"), malformed());
        let signature = Error::new(ErrorKind::InvalidSignature, "the signature does not match");
        assert_eq!(for_key_file(signature.clone(), false), signature);
        assert_eq!(
            for_key_file(signature, true).kind(),
            ErrorKind::InvalidSignature
        );
    }
}
