//! A JSON text that must be an object: a JOSE header (RFC 7515 §4), a
//! claims set (RFC 7519 §7.2 step 10), a JWK (RFC 7517 §4) or a JWK Set
//! (§5). The one place where the JWT layer turns a JSON error into its own
//! [`ErrorKind::Malformed`](crate::ErrorKind::Malformed).

use crate::error::Error;
use alloc::format;

/// Parses decoded JSON text that must be an object: a JOSE header, a
/// claims set (RFC 7519 §7.2 step 10), a JWK or a JWK Set. `what` names it
/// in the message (`"the header"`, ...). Any failure is
/// [`ErrorKind::Malformed`], with the JSON error's offset.
pub(crate) fn parse_object(
    text: &[u8],
    limits: &super::Limits,
    what: &str,
) -> Result<super::Object, Error> {
    match super::parse_with_limits(text, limits) {
        Ok(super::Value::Object(object)) => Ok(object),
        Ok(other) => Err(Error::malformed(format!(
            "{what} is a JSON {}, not an object",
            other.type_name()
        ))),
        Err(e) => {
            Err(Error::malformed(format!("{what} is not valid JSON: {e}")).with_offset(e.offset()))
        }
    }
}
