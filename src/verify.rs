//! Verification, as one top-down function a reader can tick off against
//! the command line contract's "Order of checks" (`docs/cli.md`).
//!
//! This is the crate's one table of the steps; the README and the crate
//! docs point here.
//!
//! ```text
//!  #  file                    function                          the check
//!  1  token.rs                token::split                      size limit; exactly three parts; keep the signing input
//!  2  token.rs, base64url.rs  token::decode_header              header size; strict base64url (RFC 4648 §5)
//!  3  header.rs, json/        Header::parse                     a JSON object; alg a string; typ, cty, kid strings
//!  4  validate/mod.rs         Validation::check_alg             alg in the allow-list; never none
//!  5  keys/mod.rs             KeyResolver::check_algorithm      ... and fits the key (Key::fits)
//!  6  header.rs               Header::check_crit                crit: every listed name understood
//!  7  keys/, jwk/set.rs       KeyResolver::resolve, Key::fits   the key, chosen by kid only; it fits alg
//!  8  keys/hmac.rs, crypto/   Key::verify_signature             the signature over the exact bytes received
//!  9  token.rs, json/         decode_part_buffered, parse_object  only now the payload: base64url, a JSON object
//! 10  claims.rs               Claims::from_object               the registered claims' types
//! 11  validate/claims.rs      Validation::check_claims          exp, nbf, iat, iss, sub, aud, typ, in order
//! ```
//!
//! The first failure is the one reported, so the claims of a token whose
//! signature fails are never looked at (CVE-2024-51744), and on any failure
//! no claims are returned.

use crate::claims::Claims;
use crate::error::Error;
use crate::header::Header;
use crate::keys::KeyResolver;
use crate::token;
use crate::validate::Validation;
use alloc::vec::Vec;

/// A token that passed every check: its header and claims.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    header: Header,
    claims: Claims,
}

impl Token {
    /// The protected header.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// The verified claims.
    pub fn claims(&self) -> &Claims {
        &self.claims
    }

    /// The claims, giving up the header.
    pub fn into_claims(self) -> Claims {
        self.claims
    }
}

/// Verifies a compact JWS/JWT: signature, then claims.
///
/// ```
/// use barejwt::{sign, verify, Algorithm, Key, Validation};
/// use barejwt::json::{Object, Value, Number};
///
/// let key = Key::hs256(b"an example secret of 32+ bytes!!")?;
/// let mut claims = Object::new();
/// claims.insert("sub", Value::String("alice".into()));
/// claims.insert("exp", Value::Number(Number::from_u64(1_900_000_000)));
/// let token = sign(&key, &claims)?;
///
/// let validation = Validation::new(&[Algorithm::Hs256]).now(1_800_000_000);
/// let verified = verify(&token, &key, &validation)?;
/// assert_eq!(verified.claims().sub(), Some("alice"));
/// # Ok::<(), barejwt::Error>(())
/// ```
///
/// # Errors
///
/// The first check that fails, in the contract's order:
/// [`TooLarge`](crate::ErrorKind::TooLarge),
/// [`Malformed`](crate::ErrorKind::Malformed),
/// [`AlgorithmNotAllowed`](crate::ErrorKind::AlgorithmNotAllowed),
/// [`UnsupportedCriticalHeader`](crate::ErrorKind::UnsupportedCriticalHeader),
/// [`InvalidKey`](crate::ErrorKind::InvalidKey),
/// [`UnknownKey`](crate::ErrorKind::UnknownKey),
/// [`InvalidSignature`](crate::ErrorKind::InvalidSignature), then the claim
/// kinds ([`InvalidClaim`](crate::ErrorKind::InvalidClaim),
/// [`MissingClaim`](crate::ErrorKind::MissingClaim),
/// [`Expired`](crate::ErrorKind::Expired),
/// [`NotYetValid`](crate::ErrorKind::NotYetValid),
/// [`TooOld`](crate::ErrorKind::TooOld),
/// [`InvalidIssuer`](crate::ErrorKind::InvalidIssuer),
/// [`InvalidSubject`](crate::ErrorKind::InvalidSubject),
/// [`InvalidAudience`](crate::ErrorKind::InvalidAudience),
/// [`InvalidType`](crate::ErrorKind::InvalidType)).
pub fn verify<K: KeyResolver + ?Sized>(
    token: impl AsRef<[u8]>,
    keys: &K,
    validation: &Validation,
) -> Result<Token, Error> {
    let token = token.as_ref();

    // 1. Size, then structure: exactly three parts.
    let parts = token::split(token, validation.max_token_len)?;

    // 2–3. The header: strict base64url, then JSON.
    //      Short parts are decoded on the stack, longer ones on the heap.
    let (mut header_stack, mut header_heap) = ([0u8; token::INLINE_HEADER_LEN], Vec::new());
    let header_json = token::decode_header(
        parts.header,
        validation.max_header_len,
        &mut header_stack,
        &mut header_heap,
    )?;
    let header = Header::parse(header_json, &validation.json_limits)?;

    // 4–5. `alg` against the allow-list, then against the key.
    let alg = validation.check_alg(header.alg())?;
    keys.check_algorithm(alg, header.kid())?;

    // 6. `crit` (RFC 7515 §4.1.11).
    header.check_crit(&validation.understood_critical)?;

    // 7. Key selection, by `kid` only. The key handed back must fit `alg`
    //    by the same rule as step 5: a resolver written elsewhere can never
    //    make a key verify a token of another algorithm.
    let key = keys.resolve(alg, header.kid())?;
    key.fits(alg)?;

    // 8. The signature over the exact signing input received.
    key.verify_signature(alg, parts.signing_input, parts.signature)?;

    // 9. Only now, the payload: base64url, then a JSON object.
    let (mut payload_stack, mut payload_heap) = ([0u8; token::INLINE_PAYLOAD_LEN], Vec::new());
    let payload = token::decode_part_buffered(
        parts.payload,
        "payload",
        &mut payload_stack,
        &mut payload_heap,
    )?;
    let object = crate::json::parse_object(payload, &validation.json_limits, "the claims set")?;

    // 10. The registered claims' types.
    let claims = Claims::from_object(object)?;

    // 11. The claim checks, at the validation's clock.
    validation.check_claims(&header, &claims, validation.clock.now())?;

    Ok(Token { header, claims })
}
