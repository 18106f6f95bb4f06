//! The borrowed result of [`verify_borrowed`](crate::verify::verify_borrowed):
//! the header and claims as views into the decoded parts, which live in the
//! caller's [`Scratch`](crate::verify::Scratch).
//!
//! A view is built by the one JSON grammar through another sink
//! ([`json::ObjectView`]), with the same strictness as the owned
//! [`Header`] and [`Claims`]; the registered members' types are checked by
//! the same functions. Strings without escapes are slices, numbers their
//! text; the owned values are built only when asked
//! ([`TokenView::to_token`], [`ClaimsView::to_claims`]).

use crate::claims::{check_registered, ClaimType, Claims, Dates, NumericDate};
use crate::error::Error;
use crate::header::{check_member_types, Header};
use crate::json::{self, ObjectView, StrView, ValueView};
use crate::verify::Token;
use alloc::borrow::Cow;
use alloc::format;

/// The error of a JSON text that must be an object, as
/// `json::parse_object` words it.
pub(crate) fn parse_object_view<'a>(
    text: &'a [u8],
    limits: &json::Limits,
    storage: &'a mut json::ViewStorage,
    what: &str,
) -> Result<ObjectView<'a>, Error> {
    match json::parse_view(text, limits, storage) {
        Ok((Some(view), _)) => Ok(view),
        Ok((None, type_name)) => Err(Error::malformed(format!(
            "{what} is a JSON {type_name}, not an object"
        ))),
        Err(e) => {
            Err(Error::malformed(format!("{what} is not valid JSON: {e}")).with_offset(e.offset()))
        }
    }
}

/// A verified token's header, borrowed.
#[derive(Debug, Clone, Copy)]
pub struct HeaderView<'a> {
    members: ObjectView<'a>,
    alg: StrView<'a>,
    typ: Option<StrView<'a>>,
    kid: Option<StrView<'a>>,
}

impl<'a> HeaderView<'a> {
    /// Checks the registered members' types as [`Header::from_object`]
    /// does, and keeps the view.
    pub(crate) fn from_view(members: ObjectView<'a>) -> Result<HeaderView<'a>, Error> {
        let (mut alg, mut typ, mut cty, mut kid) = (None, None, None, None);
        for (name, value) in members.iter() {
            match name {
                "alg" => alg = Some(value),
                "typ" => typ = Some(value),
                "cty" => cty = Some(value),
                "kid" => kid = Some(value),
                _ => {}
            }
        }
        let kind = |v: Option<ValueView<'_>>| {
            v.map(|v| match v {
                ValueView::String(_) => None,
                other => Some(other.type_name_with_article()),
            })
        };
        check_member_types([kind(alg), kind(typ), kind(cty), kind(kid)])?;
        let alg = alg.and_then(|v| v.as_str());
        let Some(alg) = alg else {
            return Err(Error::malformed("header has no \"alg\"").with_parameter("alg"));
        };
        Ok(HeaderView {
            members,
            alg,
            typ: typ.and_then(|v| v.as_str()),
            kid: kid.and_then(|v| v.as_str()),
        })
    }

    /// `alg` exactly as received (RFC 7515 §4.1.1), unescaped.
    pub fn alg(&self) -> Cow<'a, str> {
        self.alg.to_str()
    }

    /// `typ` (RFC 7515 §4.1.9), unescaped.
    pub fn typ(&self) -> Option<Cow<'a, str>> {
        self.typ.map(|t| t.to_str())
    }

    /// `kid` (RFC 7515 §4.1.4), unescaped.
    pub fn kid(&self) -> Option<Cow<'a, str>> {
        self.kid.map(|t| t.to_str())
    }

    /// The member `name`, if present.
    pub fn get(&self, name: &str) -> Option<ValueView<'a>> {
        self.members.get(name)
    }

    /// Every member, in the order received.
    pub fn members(&self) -> &ObjectView<'a> {
        &self.members
    }

    /// The owned [`Header`].
    ///
    /// # Errors
    ///
    /// Never for a view made by verification (its members were accepted
    /// once within the same limits).
    pub fn to_header(&self) -> Result<Header, Error> {
        let object = self
            .members
            .to_object()
            .map_err(|e| Error::malformed(format!("the header is not valid JSON: {e}")))?;
        Header::from_object(object)
    }
}

/// A verified token's claims, borrowed: the registered claims typed, read
/// in the one pass over the members, every other claim as a [`ValueView`].
#[derive(Debug, Clone, Copy)]
pub struct ClaimsView<'a> {
    object: ObjectView<'a>,
    iss: Option<StrView<'a>>,
    sub: Option<StrView<'a>>,
    aud: Option<ValueView<'a>>,
    jti: Option<StrView<'a>>,
    exp: Option<NumericDate>,
    nbf: Option<NumericDate>,
    iat: Option<NumericDate>,
}

impl<'a> ClaimsView<'a> {
    /// Checks the registered claims' types as [`Claims::from_object`]
    /// does, and keeps the view.
    pub(crate) fn from_view(object: ObjectView<'a>) -> Result<ClaimsView<'a>, Error> {
        let found = object.registered_claims();
        let Dates { exp, nbf, iat } = check_registered(found.map(|v| v.map(claim_type)))?;
        let [iss, sub, aud, _, _, _, jti] = found;
        Ok(ClaimsView {
            object,
            iss: iss.and_then(|v| v.as_str()),
            sub: sub.and_then(|v| v.as_str()),
            aud,
            jti: jti.and_then(|v| v.as_str()),
            exp,
            nbf,
            iat,
        })
    }

    /// `iss`, the issuer (RFC 7519 §4.1.1).
    pub fn iss(&self) -> Option<StrView<'a>> {
        self.iss
    }

    /// `sub`, the subject (RFC 7519 §4.1.2).
    pub fn sub(&self) -> Option<StrView<'a>> {
        self.sub
    }

    /// `jti`, the JWT ID (RFC 7519 §4.1.7).
    pub fn jti(&self) -> Option<StrView<'a>> {
        self.jti
    }

    /// `aud`, the audiences (RFC 7519 §4.1.3): one for a string, each
    /// member for an array; nothing when absent.
    pub fn aud(&self) -> impl Iterator<Item = StrView<'a>> {
        let (one, many) = match self.aud {
            Some(ValueView::String(s)) => (Some(s), None),
            Some(ValueView::Array(a)) => (None, Some(a)),
            _ => (None, None),
        };
        one.into_iter()
            .chain(many.into_iter().flat_map(|a| a.strings()))
    }

    /// The number of entries of an `aud` array; `None` for a string or
    /// when absent.
    pub(crate) fn aud_array_len(&self) -> Option<usize> {
        self.aud.and_then(|v| v.as_array()).map(|a| a.len())
    }

    /// `exp`, the expiration time (RFC 7519 §4.1.4).
    pub fn exp(&self) -> Option<NumericDate> {
        self.exp
    }

    /// `nbf`, the not-before time (RFC 7519 §4.1.5).
    pub fn nbf(&self) -> Option<NumericDate> {
        self.nbf
    }

    /// `iat`, the issued-at time (RFC 7519 §4.1.6).
    pub fn iat(&self) -> Option<NumericDate> {
        self.iat
    }

    /// Any claim, registered or not.
    pub fn get(&self, name: &str) -> Option<ValueView<'a>> {
        self.object.get(name)
    }

    /// Whether the claim is present (a `null` value counts as present).
    pub fn contains(&self, name: &str) -> bool {
        self.object.contains_key(name)
    }

    /// The whole claims object.
    pub fn as_object(&self) -> &ObjectView<'a> {
        &self.object
    }

    /// The owned [`Claims`], equal to what [`verify`](crate::verify())
    /// returns for the same token.
    ///
    /// # Errors
    ///
    /// Never for a view made by verification (its members were accepted
    /// once within the same limits).
    pub fn to_claims(&self) -> Result<Claims, Error> {
        let object = self
            .object
            .to_object()
            .map_err(|e| Error::malformed(format!("the claims set is not valid JSON: {e}")))?;
        Ok(Claims::from_parts(
            object,
            Dates {
                exp: self.exp,
                nbf: self.nbf,
                iat: self.iat,
            },
        ))
    }
}

fn claim_type(value: ValueView<'_>) -> ClaimType<'_> {
    match value {
        ValueView::String(_) => ClaimType::String,
        ValueView::Array(a) if a.all_strings() => ClaimType::StringArray,
        ValueView::Number(text) => {
            ClaimType::Number(text.as_bytes(), NumericDate::from_number_text(text))
        }
        other => ClaimType::Other(other.type_name_with_article()),
    }
}

/// A token that passed every check, borrowed: its header and claims.
#[derive(Debug, Clone, Copy)]
pub struct TokenView<'a> {
    pub(crate) header: HeaderView<'a>,
    pub(crate) claims: ClaimsView<'a>,
}

impl<'a> TokenView<'a> {
    /// The protected header.
    pub fn header(&self) -> &HeaderView<'a> {
        &self.header
    }

    /// The verified claims.
    pub fn claims(&self) -> &ClaimsView<'a> {
        &self.claims
    }

    /// The owned [`Token`], as [`verify`](crate::verify()) returns it.
    ///
    /// # Errors
    ///
    /// Never for a view made by verification.
    pub fn to_token(&self) -> Result<Token, Error> {
        Ok(Token::new(
            self.header.to_header()?,
            self.claims.to_claims()?,
        ))
    }
}
