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
//!  9  token.rs, json/view.rs  decode_part_into, parse_object_view  only now the payload: base64url, a JSON object
//! 10  view.rs, claims.rs      ClaimsView::from_view             the registered claims' types, in the same pass
//! 11  validate/claims.rs      Validation::check_claims          exp, nbf, iat, iss, sub, aud, typ, in order
//! ```
//!
//! [`verify_borrowed`] walks these steps into the caller's [`Scratch`] and
//! returns views into it ([`TokenView`]); [`verify()`] is the same walk,
//! then the owned [`Token`] built from the views.
//!
//! The first failure is the one reported, so the claims of a token whose
//! signature fails are never looked at (CVE-2024-51744), and on any failure
//! no claims are returned.

use crate::claims::Claims;
use crate::error::Error;
use crate::header::Header;
use crate::json::ViewStorage;
use crate::keys::KeyResolver;
use crate::token;
use crate::validate::Validation;
pub use crate::view::TokenView;
use crate::view::{parse_object_view, ClaimsView, HeaderView};
use alloc::vec::Vec;

/// A token that passed every check: its header and claims.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    header: Header,
    claims: Claims,
}

impl Token {
    pub(crate) fn new(header: Header, claims: Claims) -> Token {
        Token { header, claims }
    }

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
    let mut scratch = Scratch::new();
    verify_borrowed(token.as_ref(), keys, validation, &mut scratch)?.to_token()
}

/// The buffers [`verify_borrowed`] decodes the header and the payload
/// into, with the members of their views, that its [`TokenView`] borrows
/// from.
///
/// Parts up to a few hundred bytes (the header) and 1 KiB (the payload)
/// are decoded inline; longer ones into a `Vec` that the scratch keeps, so
/// a scratch reused from token to token allocates at most once.
pub struct Scratch {
    header: [u8; token::INLINE_HEADER_LEN],
    payload: [u8; token::INLINE_PAYLOAD_LEN],
    header_heap: Vec<u8>,
    payload_heap: Vec<u8>,
    header_members: ViewStorage,
    claims_members: ViewStorage,
}

impl Scratch {
    /// Empty buffers; nothing is allocated until a part needs it.
    pub fn new() -> Scratch {
        Scratch {
            header: [0; token::INLINE_HEADER_LEN],
            payload: [0; token::INLINE_PAYLOAD_LEN],
            header_heap: Vec::new(),
            payload_heap: Vec::new(),
            header_members: ViewStorage::new(),
            claims_members: ViewStorage::new(),
        }
    }
}

impl Default for Scratch {
    fn default() -> Scratch {
        Scratch::new()
    }
}

impl core::fmt::Debug for Scratch {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str("Scratch")
    }
}

/// Verifies a compact JWS/JWT like [`verify()`], with the same checks in
/// the same order, and returns the header and claims as views into
/// `scratch`: strings without escapes are slices, numbers their text, and
/// nothing is copied or allocated for the standard token.
///
/// ```
/// use barejwt::{sign, Algorithm, Key, Validation};
/// use barejwt::json::{Object, Value, Number};
/// use barejwt::verify::{verify_borrowed, Scratch};
///
/// let key = Key::hs256(b"an example secret of 32+ bytes!!")?;
/// let mut claims = Object::new();
/// claims.insert("sub", Value::String("alice".into()));
/// claims.insert("exp", Value::Number(Number::from_u64(1_900_000_000)));
/// let token = sign(&key, &claims)?;
///
/// let validation = Validation::new(&[Algorithm::Hs256]).now(1_800_000_000);
/// let mut scratch = Scratch::new();
/// let verified = verify_borrowed(token.as_bytes(), &key, &validation, &mut scratch)?;
/// assert!(verified.claims().sub().is_some_and(|s| s == "alice"));
/// # Ok::<(), barejwt::Error>(())
/// ```
///
/// # Errors
///
/// As [`verify()`].
pub fn verify_borrowed<'s, K: KeyResolver + ?Sized>(
    token: &[u8],
    keys: &K,
    validation: &Validation,
    scratch: &'s mut Scratch,
) -> Result<TokenView<'s>, Error> {
    let Scratch {
        header: header_stack,
        payload: payload_stack,
        header_heap,
        payload_heap,
        header_members,
        claims_members,
    } = scratch;

    // 1. Size, then structure: exactly three parts.
    let parts = token::split(token, validation.max_token_len)?;

    // 2–3. The header: strict base64url, then JSON.
    //      Short parts are decoded inline, longer ones on the heap.
    let header_json = token::decode_header(
        parts.header,
        validation.max_header_len,
        header_stack,
        header_heap,
    )?;
    let header = HeaderView::from_view(parse_object_view(
        header_json,
        &validation.json_limits,
        header_members,
        "the header",
    )?)?;

    // 4–5. `alg` against the allow-list, then against the key.
    let alg = validation.check_alg(&header.alg())?;
    let kid = header.kid();
    keys.check_algorithm(alg, kid.as_deref())?;

    // 6. `crit` (RFC 7515 §4.1.11), on the owned header: rare, and the
    //    rule is written once.
    if header.get("crit").is_some() {
        header
            .to_header()?
            .check_crit(&validation.understood_critical)?;
    }

    // 7. Key selection, by `kid` only. The key handed back must fit `alg`
    //    by the same rule as step 5: a resolver written elsewhere can never
    //    make a key verify a token of another algorithm.
    let key = keys.resolve(alg, kid.as_deref())?;
    key.fits(alg)?;

    // 8. The signature over the exact signing input received.
    key.verify_signature(alg, parts.signing_input, parts.signature)?;

    // 9. Only now, the payload: base64url, then a JSON object.
    let payload =
        token::decode_part_buffered(parts.payload, "payload", payload_stack, payload_heap)?;
    let object = parse_object_view(
        payload,
        &validation.json_limits,
        claims_members,
        "the claims set",
    )?;

    // 10. The registered claims' types, from the members just read.
    let claims = ClaimsView::from_view(object)?;

    // 11. The claim checks, at the validation's clock.
    validation.check_claims(&header, &claims, validation.clock.now())?;

    Ok(TokenView { header, claims })
}
