//! Builds the owned [`Value`] tree from what the grammar reports.
//!
//! Members and elements of every open container sit on one shared stack;
//! when a nested container closes, its entries move into a `Vec` of exactly
//! the right size, and a top-level object simply takes the stack. So a parse
//! allocates one `Vec` per array or object, one `String` per string value
//! (none per short name or number, see [`ShortText`]), all bounded by the
//! input's length.

use alloc::string::String;
use alloc::vec::Vec;

use super::error::Error;
use super::names::DuplicateNames;
use super::number::Number;
use super::parse::Sink;
use super::string::Str;
use super::text::ShortText;
use super::value::{Object, Value};

/// The first stack reservation: enough for a JWT header or claims set, and
/// never more than the input could fill (a member takes at least 4 bytes).
const FIRST_RESERVATION: usize = 16;

/// The tree under construction.
pub(crate) struct TreeBuilder {
    /// Entries of all open containers, outermost first: (name, value) for
    /// object members, (empty name, value) for array elements. A nested open
    /// container has a placeholder entry just below its own entries, which
    /// receives it when it closes.
    stack: Vec<(ShortText, Value)>,
    /// How many containers are open.
    depth: usize,
    /// Where the innermost open container's entries start on `stack`.
    open: usize,
    /// `open` of each enclosing container, for levels 2 and deeper.
    enclosing: Vec<usize>,
    /// The name of the member whose value comes next, once read: it goes
    /// on `stack` with its value, so no placeholder value is written and
    /// then dropped.
    pending_name: Option<ShortText>,
    /// The finished top-level value.
    done: Option<Value>,
    /// Name sets of large open objects, for the duplicate check.
    large: DuplicateNames,
    /// [`Limits::max_members`](super::Limits::max_members).
    max_members: usize,
}

impl TreeBuilder {
    /// An empty tree for an input of `input_len` bytes.
    pub(crate) fn for_input(input_len: usize, max_members: usize) -> TreeBuilder {
        TreeBuilder {
            stack: Vec::with_capacity(FIRST_RESERVATION.min(1 + input_len / 4)),
            depth: 0,
            open: 0,
            enclosing: Vec::new(),
            pending_name: None,
            done: None,
            large: DuplicateNames::default(),
            max_members,
        }
    }

    /// The parsed value, once the grammar has accepted the whole input.
    pub(crate) fn finish(self) -> Value {
        // The grammar reports exactly one top-level value before succeeding.
        self.done.unwrap_or(Value::Null)
    }

    /// Adds `value` to the innermost container, or makes it the result.
    #[inline]
    fn push(&mut self, value: Value) {
        if self.depth == 0 {
            self.done = Some(value);
        } else {
            // An array element has no name: the empty one stands in.
            let name = self
                .pending_name
                .take()
                .unwrap_or_else(|| ShortText::new(""));
            self.stack.push((name, value));
        }
    }

    /// Opens a container: a placeholder in its parent, then its entries.
    #[inline]
    fn begin(&mut self) {
        if self.depth > 0 {
            self.push(Value::Null);
            self.enclosing.push(self.open);
            self.open = self.stack.len();
        }
        self.depth += 1;
    }

    /// Closes the innermost container, which has become `value`.
    #[inline]
    fn end(&mut self, value: Value) {
        self.depth -= 1;
        if self.depth == 0 {
            self.done = Some(value);
        } else {
            if let Some((_, placeholder)) = self.stack.last_mut() {
                *placeholder = value;
            }
            self.open = self.enclosing.pop().unwrap_or(0);
        }
    }
}

impl<'a> Sink<'a> for TreeBuilder {
    fn null(&mut self) {
        self.push(Value::Null);
    }

    fn boolean(&mut self, value: bool) {
        self.push(Value::Bool(value));
    }

    fn number(&mut self, text: &'a str) {
        self.push(Value::Number(Number::from_checked_text(text)));
    }

    fn string(&mut self, value: Str<'a, '_>) {
        self.push(Value::String(String::from(value.as_str())));
    }

    #[inline]
    fn name(&mut self, name: Str<'a, '_>, quote: usize) -> Result<(), Error> {
        let name = ShortText::new(name.as_str());
        let earlier = self.stack.get(self.open..).unwrap_or(&[]);
        // The innermost object's entries are exactly its members so far
        // (nested containers' entries have moved out when they closed).
        if earlier.len() >= self.max_members {
            return Err(Error::too_many_members(self.max_members, quote));
        }
        let names = earlier.iter().map(|(n, _)| n.as_str());
        if self.large.repeats(self.open, names, name.as_str()) {
            return Err(Error::duplicate(name.as_str(), quote));
        }
        self.pending_name = Some(name);
        Ok(())
    }

    fn begin_array(&mut self, _depth: usize, _at: usize) {
        self.begin();
    }

    fn end_array(&mut self, _depth: usize, _end: usize) {
        let elements: Vec<Value> = self
            .stack
            .drain(self.open..)
            .map(|(_, value)| value)
            .collect();
        self.end(Value::Array(elements));
    }

    fn begin_object(&mut self, _depth: usize, _at: usize) {
        self.begin();
    }

    fn end_object(&mut self, _depth: usize, _end: usize) {
        self.large.close(self.open);
        let members = if self.depth == 1 {
            // The top-level object takes the stack itself, unless most of it
            // would be spare capacity.
            let mut members = core::mem::take(&mut self.stack);
            if members.capacity() > 2 * members.len() + FIRST_RESERVATION {
                members.shrink_to_fit();
            }
            members
        } else {
            self.stack.drain(self.open..).collect()
        };
        self.end(Value::Object(Object::from_unique(members)));
    }
}
