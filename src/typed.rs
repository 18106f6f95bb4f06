//! Typed claims without serde: [`typed_claims!`](crate::typed_claims)
//! declares a plain struct that reads itself from verified claims and
//! writes itself as claims to sign.
//!
//! ```
//! use barejwt::{sign, typed_claims, verify, Algorithm, Key, NumericDate, Validation};
//!
//! typed_claims! {
//!     /// What the login service puts in its tokens.
//!     #[derive(Debug, PartialEq)]
//!     pub struct Session {
//!         pub sub: String,
//!         pub role: String,
//!         pub scopes: Vec<String>,
//!         pub team: Option<Team>,
//!         pub exp: NumericDate,
//!     }
//! }
//! typed_claims! {
//!     #[derive(Debug, PartialEq)]
//!     pub struct Team {
//!         #[claim = "team_id"]
//!         pub id: u64,
//!         pub admin: bool,
//!     }
//! }
//!
//! let key = Key::hs256(&[7u8; 32])?;
//! let session = Session {
//!     sub: "alice".into(),
//!     role: "admin".into(),
//!     scopes: vec!["read".into(), "write".into()],
//!     team: Some(Team { id: 7, admin: true }),
//!     exp: NumericDate::from_secs(4_102_444_800),
//! };
//! let token = sign(&key, &session.to_claims())?;
//!
//! let verified = verify(&token, &key, &Validation::new(&[Algorithm::Hs256]))?;
//! let read: Session = verified.claims().read()?;
//! assert_eq!(read, session);
//! # Ok::<(), barejwt::Error>(())
//! ```
//!
//! Each member's type says what its JSON must be ([`ClaimValue`]):
//!
//! | Rust | JSON | absent |
//! | --- | --- | --- |
//! | `String` | a string | [`ErrorKind::MissingClaim`] |
//! | `bool` | `true` or `false` | `MissingClaim` |
//! | `i8` ... `i64`, `u8` ... `u64` | integer text that fits the type exactly (`1.0` and `1e2` do not) | `MissingClaim` |
//! | [`NumericDate`] | a number (RFC 7519 §2) | `MissingClaim` |
//! | `Vec<T>` | an array of `T` | `MissingClaim` |
//! | `Option<T>` | a `T` or `null`; `None` is written by leaving the member out | `None` |
//! | a `typed_claims!` struct | an object of its members | `MissingClaim` |
//! | [`Value`], [`Object`] | any JSON value; an object | `MissingClaim` |
//!
//! A member of the wrong type is [`ErrorKind::InvalidClaim`], whose
//! message names the member by its path and the type expected:
//! `claim "team.team_id" is a string, not an integer (u64)`;
//! `claim "scopes[1]" is a number, not a string`. The error's
//! [`claim`](Error::claim) is the top-level claim. Members the struct does
//! not name are ignored when reading.

use crate::error::{quote, Error, ErrorKind};
use crate::json::{Number, Object, Value};
use crate::numeric_date::NumericDate;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// Where a member sits in the claims, for messages: `role`, `team.team_id`,
/// `scopes[1]`. Built on the stack while reading; nothing is allocated
/// unless an error is reported.
#[derive(Debug, Clone, Copy)]
pub enum Path<'a> {
    /// A top-level claim.
    Claim(&'a str),
    /// A member of the object at the parent path.
    Member(&'a Path<'a>, &'a str),
    /// An element of the array at the parent path.
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    /// The top-level claim this path starts from.
    pub fn claim(&self) -> &'a str {
        match *self {
            Path::Claim(name) => name,
            Path::Member(parent, _) | Path::Index(parent, _) => parent.claim(),
        }
    }

    /// [`ErrorKind::InvalidClaim`]: the value here is `found`, not
    /// `expected` (`"a string"`).
    pub fn wrong_type(&self, found: &Value, expected: &str) -> Error {
        self.invalid(format!(
            "is {}, not {expected}",
            found.type_name_with_article()
        ))
    }

    /// [`ErrorKind::InvalidClaim`] with `what` said of the value here
    /// (`is the number 1.5, not an integer (u8)`).
    pub fn invalid(&self, what: String) -> Error {
        let path = format!("{self}");
        Error::new(
            ErrorKind::InvalidClaim,
            format!("claim {} {what}", quote(&path)),
        )
        .with_claim(String::from(self.claim()))
    }

    /// [`ErrorKind::MissingClaim`]: nothing is here, and `expected` was.
    pub fn missing(&self, expected: &str) -> Error {
        let path = format!("{self}");
        Error::new(
            ErrorKind::MissingClaim,
            format!("claim {} is absent; expected {expected}", quote(&path)),
        )
        .with_claim(String::from(self.claim()))
    }
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Claim(name) => f.write_str(name),
            Path::Member(parent, name) => write!(f, "{parent}.{name}"),
            Path::Index(parent, i) => write!(f, "{parent}[{i}]"),
        }
    }
}

/// A Rust type that a member of a claims object can be read into and
/// written from. [`typed_claims!`](crate::typed_claims) structs implement
/// it; so do the types in the [module](self)'s table.
pub trait ClaimValue: Sized {
    /// What the JSON must be, for messages: `"a string"`, `"an array"`.
    const EXPECTED: &'static str;

    /// Reads the value found at `at`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidClaim`] (see [`Path::wrong_type`]).
    fn from_claim(value: &Value, at: &Path<'_>) -> Result<Self, Error>;

    /// What an absent member reads as: an error, except for `Option`.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::MissingClaim`] (see [`Path::missing`]).
    fn from_absent(at: &Path<'_>) -> Result<Self, Error> {
        Err(at.missing(Self::EXPECTED))
    }

    /// The JSON to write, or `None` to leave the member out (`Option`'s
    /// `None`).
    fn to_claim(&self) -> Option<Value>;
}

impl ClaimValue for String {
    const EXPECTED: &'static str = "a string";

    fn from_claim(value: &Value, at: &Path<'_>) -> Result<Self, Error> {
        match value {
            Value::String(s) => Ok(s.clone()),
            other => Err(at.wrong_type(other, Self::EXPECTED)),
        }
    }

    fn to_claim(&self) -> Option<Value> {
        Some(Value::String(self.clone()))
    }
}

impl ClaimValue for bool {
    const EXPECTED: &'static str = "a boolean";

    fn from_claim(value: &Value, at: &Path<'_>) -> Result<Self, Error> {
        match value {
            Value::Bool(b) => Ok(*b),
            other => Err(at.wrong_type(other, Self::EXPECTED)),
        }
    }

    fn to_claim(&self) -> Option<Value> {
        Some(Value::Bool(*self))
    }
}

/// Integers: exact integer text in the type's range, never a rounding.
macro_rules! integer_claim {
    ($($t:ty => $read:ident),* $(,)?) => {$(
        impl ClaimValue for $t {
            const EXPECTED: &'static str = concat!("an integer (", stringify!($t), ")");

            fn from_claim(value: &Value, at: &Path<'_>) -> Result<Self, Error> {
                let Value::Number(n) = value else {
                    return Err(at.wrong_type(value, Self::EXPECTED));
                };
                n.$read()
                    .and_then(|wide| <$t>::try_from(wide).ok())
                    .ok_or_else(|| not_integer(n, at, Self::EXPECTED))
            }

            fn to_claim(&self) -> Option<Value> {
                Some(Value::from(*self))
            }
        }
    )*};
}

integer_claim!(
    i8 => as_i64,
    i16 => as_i64,
    i32 => as_i64,
    i64 => as_i64,
    u8 => as_u64,
    u16 => as_u64,
    u32 => as_u64,
    u64 => as_u64,
);

fn not_integer(n: &Number, at: &Path<'_>, expected: &str) -> Error {
    at.invalid(format!("is the number {}, not {expected}", n.as_str()))
}

impl ClaimValue for NumericDate {
    const EXPECTED: &'static str = "a number (NumericDate)";

    fn from_claim(value: &Value, at: &Path<'_>) -> Result<Self, Error> {
        match value {
            Value::Number(n) => NumericDate::from_number(n)
                .map_err(|why| at.invalid(format!("({}) {why}", quote(n.as_str())))),
            other => Err(at.wrong_type(other, Self::EXPECTED)),
        }
    }

    /// Whole seconds (a fractional date read from a token is written
    /// rounded down: only its whole seconds are kept).
    fn to_claim(&self) -> Option<Value> {
        Some(Value::from(*self))
    }
}

impl<T: ClaimValue> ClaimValue for Vec<T> {
    const EXPECTED: &'static str = "an array";

    fn from_claim(value: &Value, at: &Path<'_>) -> Result<Self, Error> {
        let Value::Array(items) = value else {
            return Err(at.wrong_type(value, Self::EXPECTED));
        };
        items
            .iter()
            .enumerate()
            .map(|(i, item)| T::from_claim(item, &Path::Index(at, i)))
            .collect()
    }

    /// An `Option::None` element is written as `null`.
    fn to_claim(&self) -> Option<Value> {
        Some(Value::Array(
            self.iter()
                .map(|item| item.to_claim().unwrap_or(Value::Null))
                .collect(),
        ))
    }
}

impl<T: ClaimValue> ClaimValue for Option<T> {
    const EXPECTED: &'static str = T::EXPECTED;

    /// `null` reads as `None`.
    fn from_claim(value: &Value, at: &Path<'_>) -> Result<Self, Error> {
        match value {
            Value::Null => Ok(None),
            other => T::from_claim(other, at).map(Some),
        }
    }

    fn from_absent(_: &Path<'_>) -> Result<Self, Error> {
        Ok(None)
    }

    fn to_claim(&self) -> Option<Value> {
        self.as_ref().and_then(ClaimValue::to_claim)
    }
}

impl ClaimValue for Value {
    const EXPECTED: &'static str = "a JSON value";

    fn from_claim(value: &Value, _: &Path<'_>) -> Result<Self, Error> {
        Ok(value.clone())
    }

    fn to_claim(&self) -> Option<Value> {
        Some(self.clone())
    }
}

impl ClaimValue for Object {
    const EXPECTED: &'static str = "an object";

    fn from_claim(value: &Value, at: &Path<'_>) -> Result<Self, Error> {
        match value {
            Value::Object(o) => Ok(o.clone()),
            other => Err(at.wrong_type(other, Self::EXPECTED)),
        }
    }

    fn to_claim(&self) -> Option<Value> {
        Some(Value::Object(self.clone()))
    }
}

/// A struct whose members are claims: what [`typed_claims!`](crate::typed_claims)
/// implements, beside [`ClaimValue`] and [`FromClaims`](crate::FromClaims).
pub trait ClaimsObject: Sized {
    /// Reads the members from `object`; `parent` is the path of the object
    /// itself (`None` at the top level).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::MissingClaim`] or [`ErrorKind::InvalidClaim`], naming
    /// the first member (in declaration order) that is absent or of the
    /// wrong type.
    fn read_members(object: &Object, parent: Option<&Path<'_>>) -> Result<Self, Error>;

    /// Writes the members into `out` (replacing members of the same names).
    fn write_members(&self, out: &mut Object);

    /// Reads the struct from a claims object.
    ///
    /// # Errors
    ///
    /// As [`ClaimsObject::read_members`].
    fn from_object(object: &Object) -> Result<Self, Error> {
        Self::read_members(object, None)
    }

    /// The members as a claims object, ready for [`sign`](crate::sign()).
    fn to_claims(&self) -> Object {
        let mut out = Object::new();
        self.write_members(&mut out);
        out
    }
}

/// Reads member `name` of `object` as a `T` (the code
/// [`typed_claims!`](crate::typed_claims) expands to).
///
/// # Errors
///
/// As [`ClaimValue::from_claim`] and [`ClaimValue::from_absent`].
pub fn read_member<T: ClaimValue>(
    object: &Object,
    parent: Option<&Path<'_>>,
    name: &str,
) -> Result<T, Error> {
    let at = match parent {
        Some(parent) => Path::Member(parent, name),
        None => Path::Claim(name),
    };
    match object.get(name) {
        Some(value) => T::from_claim(value, &at),
        None => T::from_absent(&at),
    }
}

/// Declares a struct whose members are claims, readable from verified
/// [`Claims`](crate::Claims) ([`Claims::read`](crate::Claims::read)) and
/// writable as claims to sign ([`ClaimsObject::to_claims`]). See the
/// [`typed`](crate::typed) module for the member types and the messages.
///
/// Each member may carry doc comments and then `#[claim = "name"]` to use
/// another name in the JSON than in Rust. A struct declared this way may be
/// a member of another.
///
/// ```
/// use barejwt::typed::ClaimsObject; // for from_object
///
/// barejwt::typed_claims! {
///     #[derive(Debug)]
///     pub struct Grant {
///         /// The room's name; "room" in the token.
///         #[claim = "room"]
///         pub room_name: String,
///         pub level: u8,
///     }
/// }
///
/// let object = barejwt::json::parse(br#"{"room":"standup","level":"high"}"#).unwrap();
/// let err = Grant::from_object(object.as_object().unwrap()).unwrap_err();
/// assert_eq!(err.to_string(), r#"invalid_claim: claim "level" is a string, not an integer (u8)"#);
/// ```
#[macro_export]
macro_rules! typed_claims {
    (
        $(#[$meta:meta])*
        $vis:vis struct $name:ident {
            $(
                $(#[doc = $doc:literal])*
                $(#[claim = $rename:literal])?
                $field_vis:vis $field:ident : $ty:ty
            ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis struct $name {
            $(
                $(#[doc = $doc])*
                $field_vis $field: $ty,
            )*
        }

        impl $crate::typed::ClaimsObject for $name {
            fn read_members(
                object: &$crate::json::Object,
                parent: ::core::option::Option<&$crate::typed::Path<'_>>,
            ) -> ::core::result::Result<Self, $crate::Error> {
                ::core::result::Result::Ok($name {
                    $(
                        $field: $crate::typed::read_member::<$ty>(
                            object,
                            parent,
                            $crate::__claim_name!($field $(, $rename)?),
                        )?,
                    )*
                })
            }

            fn write_members(&self, out: &mut $crate::json::Object) {
                $(
                    if let ::core::option::Option::Some(value) =
                        $crate::typed::ClaimValue::to_claim(&self.$field)
                    {
                        out.insert($crate::__claim_name!($field $(, $rename)?), value);
                    }
                )*
            }
        }

        impl $name {
            /// These members as a claims object, ready to sign.
            #[allow(dead_code)]
            pub fn to_claims(&self) -> $crate::json::Object {
                <Self as $crate::typed::ClaimsObject>::to_claims(self)
            }
        }

        impl $crate::typed::ClaimValue for $name {
            const EXPECTED: &'static str = "an object";

            fn from_claim(
                value: &$crate::json::Value,
                at: &$crate::typed::Path<'_>,
            ) -> ::core::result::Result<Self, $crate::Error> {
                match value {
                    $crate::json::Value::Object(object) => {
                        <Self as $crate::typed::ClaimsObject>::read_members(
                            object,
                            ::core::option::Option::Some(at),
                        )
                    }
                    other => ::core::result::Result::Err(at.wrong_type(other, "an object")),
                }
            }

            fn to_claim(&self) -> ::core::option::Option<$crate::json::Value> {
                ::core::option::Option::Some($crate::json::Value::Object(
                    <Self as $crate::typed::ClaimsObject>::to_claims(self),
                ))
            }
        }

        impl $crate::FromClaims for $name {
            fn from_claims(
                claims: &$crate::Claims,
            ) -> ::core::result::Result<Self, $crate::Error> {
                <Self as $crate::typed::ClaimsObject>::from_object(claims.as_object())
            }
        }

        impl ::core::convert::From<&$name> for $crate::json::Object {
            fn from(claims: &$name) -> $crate::json::Object {
                <$name as $crate::typed::ClaimsObject>::to_claims(claims)
            }
        }
    };
}

/// The JSON name of a [`typed_claims!`](crate::typed_claims) member: its
/// `#[claim = "..."]`, else the Rust name.
#[doc(hidden)]
#[macro_export]
macro_rules! __claim_name {
    ($field:ident) => {
        ::core::stringify!($field)
    };
    ($field:ident, $rename:literal) => {
        $rename
    };
}
