//! The JSON value model (RFC 8259 §3): null, true/false, numbers, strings,
//! arrays, and objects whose members keep their order and unique names.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use super::number::Number;
use super::text::ShortText;

/// A JSON value (RFC 8259 §3).
///
/// Derived `Clone`, `PartialEq`, `Debug` and `Drop` recurse once per level of
/// nesting; values from [`parse`](super::parse) are bounded by
/// [`Limits::max_depth`](super::Limits).
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, with its exact text.
    Number(Number),
    /// A string, unescaped.
    String(String),
    /// An array, in order.
    Array(Vec<Value>),
    /// An object: members in order, names unique.
    Object(Object),
}

impl Value {
    /// The string, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The object, if this is an object.
    pub fn as_object(&self) -> Option<&Object> {
        match self {
            Value::Object(o) => Some(o),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[Value]> {
        match self {
            Value::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The number, if this is a number.
    pub fn as_number(&self) -> Option<&Number> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    /// The boolean, if this is `true` or `false`.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The JSON type's name, for messages: `"null"`, `"boolean"`, `"number"`,
    /// `"string"`, `"array"` or `"object"`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "boolean",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::Array(_) => "array",
            Value::Object(_) => "object",
        }
    }

    /// The JSON type's name with its article, for messages: `"a string"`,
    /// `"an array"`, `"null"`.
    pub fn type_name_with_article(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }

    /// The value as compact JSON text (see [`write`](super::write)).
    ///
    /// ```
    /// use barejwt::json;
    ///
    /// let value = json::parse(br#"{ "alg" : "HS256", "n" : 1.50 }"#).unwrap();
    /// assert_eq!(value.to_json(), r#"{"alg":"HS256","n":1.50}"#);
    /// ```
    pub fn to_json(&self) -> String {
        let mut out = String::new();
        super::write::write(self, &mut out);
        out
    }
}

impl fmt::Display for Value {
    /// Prints the compact JSON text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_json())
    }
}

// Conversions into a value, for building claims and headers:
// `Value::from(3)`, `Value::from("admin")`, `Value::from(vec!["read", "write"])`,
// `Object::insert("role", "admin")`. Floats go through `TryFrom`, because
// JSON has no NaN or infinity: a NaN is an error, not a value.

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<Number> for Value {
    fn from(n: Number) -> Value {
        Value::Number(n)
    }
}

/// Integers are written in decimal, exactly.
macro_rules! from_integer {
    ($($t:ty => $via:ident as $wide:ty),* $(,)?) => {$(
        impl From<$t> for Value {
            fn from(n: $t) -> Value {
                Value::Number(Number::$via(<$wide>::from(n)))
            }
        }
    )*};
}

from_integer!(
    i8 => from_i64 as i64,
    i16 => from_i64 as i64,
    i32 => from_i64 as i64,
    i64 => from_i64 as i64,
    u8 => from_u64 as u64,
    u16 => from_u64 as u64,
    u32 => from_u64 as u64,
    u64 => from_u64 as u64,
);

impl From<usize> for Value {
    fn from(n: usize) -> Value {
        // usize is at most 64 bits on every target Rust supports.
        Value::Number(Number::from_u64(n as u64))
    }
}

impl From<isize> for Value {
    fn from(n: isize) -> Value {
        Value::Number(Number::from_i64(n as i64))
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s)
    }
}

impl From<&String> for Value {
    fn from(s: &String) -> Value {
        Value::String(s.clone())
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(String::from(s))
    }
}

impl From<char> for Value {
    fn from(c: char) -> Value {
        Value::String(String::from(c))
    }
}

/// An array of the converted elements: `Value::from(vec!["read", "write"])`.
impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(items: Vec<T>) -> Value {
        Value::Array(items.into_iter().map(Into::into).collect())
    }
}

/// An array of the converted elements: `Value::from(["read", "write"])`.
impl<T: Into<Value>, const N: usize> From<[T; N]> for Value {
    fn from(items: [T; N]) -> Value {
        Value::Array(items.into_iter().map(Into::into).collect())
    }
}

/// An array of the converted (cloned) elements.
impl<T: Clone + Into<Value>> From<&[T]> for Value {
    fn from(items: &[T]) -> Value {
        Value::Array(items.iter().cloned().map(Into::into).collect())
    }
}

/// `None` is `null`. (To leave a member out instead, do not insert it.)
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(value: Option<T>) -> Value {
        value.map_or(Value::Null, Into::into)
    }
}

impl From<Object> for Value {
    fn from(o: Object) -> Value {
        Value::Object(o)
    }
}

/// A `NumericDate` of whole seconds is written as that integer; a
/// fractional one (only ever read from a token) as its whole seconds
/// rounded down, since only the whole seconds are kept.
impl From<crate::numeric_date::NumericDate> for Value {
    fn from(date: crate::numeric_date::NumericDate) -> Value {
        Value::Number(Number::from_i64(date.floor_secs()))
    }
}

/// A float that is not finite (NaN, an infinity), which JSON cannot write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NonFiniteFloat;

impl fmt::Display for NonFiniteFloat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON numbers are finite: NaN and the infinities have no JSON text")
    }
}

#[cfg(feature = "std")]
impl std::error::Error for NonFiniteFloat {}

impl From<NonFiniteFloat> for crate::error::Error {
    /// [`ErrorKind::InvalidClaim`](crate::ErrorKind::InvalidClaim): a claim
    /// cannot be a NaN.
    fn from(e: NonFiniteFloat) -> crate::error::Error {
        crate::error::Error::new(crate::error::ErrorKind::InvalidClaim, alloc::format!("{e}"))
    }
}

/// A finite float, in its shortest text that reads back to the same value
/// ([`Number::from_f64`]); NaN and the infinities are an error.
///
/// ```
/// use barejwt::json::Value;
/// assert_eq!(Value::try_from(0.5)?.to_json(), "0.5");
/// assert!(Value::try_from(f64::NAN).is_err());
/// # Ok::<(), barejwt::json::NonFiniteFloat>(())
/// ```
impl TryFrom<f64> for Value {
    type Error = NonFiniteFloat;

    fn try_from(value: f64) -> Result<Value, NonFiniteFloat> {
        Number::from_f64(value)
            .map(Value::Number)
            .ok_or(NonFiniteFloat)
    }
}

/// As for `f64` (the value widened exactly).
impl TryFrom<f32> for Value {
    type Error = NonFiniteFloat;

    fn try_from(value: f32) -> Result<Value, NonFiniteFloat> {
        Value::try_from(f64::from(value))
    }
}

/// A JSON object: members in document (or insertion) order, names unique.
///
/// Lookups scan the members, which is fastest for the few members of a JWT
/// header or claims set. Equality compares members in order.
///
/// ```
/// use barejwt::json::{Object, Value};
///
/// let mut claims = Object::new();
/// claims.insert("sub", "1234567890");
/// claims.insert("exp", 4102444800u64);
/// claims.insert("scopes", vec!["read", "write"]);
/// assert_eq!(claims.insert("sub", "other"), Some(Value::from("1234567890")));
/// assert_eq!(claims.len(), 3);
/// assert_eq!(
///     Value::Object(claims).to_json(),
///     r#"{"sub":"other","exp":4102444800,"scopes":["read","write"]}"#
/// );
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Object {
    members: Vec<(ShortText, Value)>,
}

impl Object {
    /// An empty object.
    pub fn new() -> Object {
        Object::default()
    }

    /// An object of members whose names are known to be unique.
    pub(crate) fn from_unique(members: Vec<(ShortText, Value)>) -> Object {
        Object { members }
    }

    /// The members in order, for the writer.
    pub(crate) fn members(&self) -> &[(ShortText, Value)] {
        &self.members
    }

    /// The value of member `name`.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.position(name)
            .and_then(|i| self.members.get(i))
            .map(|(_, v)| v)
    }

    /// Whether there is a member `name`.
    pub fn contains_key(&self, name: &str) -> bool {
        self.position(name).is_some()
    }

    /// The number of members.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether there are no members.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// The members in order, as (name, value).
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Value)> {
        self.members.iter().map(|(n, v)| (n.as_str(), v))
    }

    /// Sets member `name` to `value`. An existing member keeps its place and
    /// its old value is returned; a new member goes last.
    pub fn insert(&mut self, name: impl Into<String>, value: impl Into<Value>) -> Option<Value> {
        let (name, value) = (name.into(), value.into());
        match self.position(&name).and_then(|i| self.members.get_mut(i)) {
            Some((_, old)) => Some(core::mem::replace(old, value)),
            None => {
                self.members.push((ShortText::new(&name), value));
                None
            }
        }
    }

    /// Removes member `name`, keeping the others in order, and returns its value.
    pub fn remove(&mut self, name: &str) -> Option<Value> {
        let i = self.position(name)?;
        Some(self.members.remove(i).1)
    }

    fn position(&self, name: &str) -> Option<usize> {
        self.members
            .iter()
            .position(|(n, _)| n.as_bytes() == name.as_bytes())
    }
}

impl FromIterator<(String, Value)> for Object {
    /// Members in iteration order; a later member with the same name replaces
    /// the earlier one's value, in the earlier one's place.
    fn from_iter<I: IntoIterator<Item = (String, Value)>>(iter: I) -> Object {
        let mut object = Object::new();
        for (name, value) in iter {
            object.insert(name, value);
        }
        object
    }
}

impl IntoIterator for Object {
    type Item = (String, Value);
    type IntoIter = IntoIter;

    /// The members in order, as owned (name, value).
    fn into_iter(self) -> IntoIter {
        IntoIter(self.members.into_iter())
    }
}

/// The members of an [`Object`] by value, in order.
#[derive(Debug)]
pub struct IntoIter(alloc::vec::IntoIter<(ShortText, Value)>);

impl Iterator for IntoIter {
    type Item = (String, Value);

    fn next(&mut self) -> Option<(String, Value)> {
        self.0.next().map(|(n, v)| (String::from(n.as_str()), v))
    }
}
