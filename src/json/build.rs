//! Builds the owned [`Value`] tree from what the grammar reports.
//!
//! Members and elements of every open container sit on one shared stack;
//! when a container closes, its entries move into a `Vec` of exactly the
//! right size. So a parse allocates one `Vec` per array or object, one
//! `String` per string value (none per short name or number, see
//! [`ShortText`]), and the stack itself, all bounded by the input's length.

use alloc::string::String;
use alloc::vec::Vec;

use super::error::Error;
use super::names;
use super::number::Number;
use super::parse::Sink;
use super::string::Str;
use super::text::ShortText;
use super::value::{Object, Value};

/// One entry on the stack: an array element (empty name) or an object member.
struct Slot {
    name: ShortText,
    /// Offset of the name's opening quote, for the duplicate-name error.
    quote: usize,
    value: Value,
}

/// The tree under construction.
pub(crate) struct Tree {
    /// Entries of all open containers, outermost first. Each open container
    /// has a placeholder slot just below its entries, which receives it when
    /// it closes.
    stack: Vec<Slot>,
    /// Where the innermost open container's entries start on `stack`.
    open: usize,
    /// `open` of each enclosing container, for levels 2 and deeper.
    enclosing: Vec<usize>,
    /// The name just read, waiting for its value.
    pending_name: Option<(ShortText, usize)>,
}

/// The first stack reservation: enough for a JWT header or claims set, and
/// never more than the input could fill (a member takes at least 4 bytes).
const FIRST_RESERVATION: usize = 16;

impl Tree {
    /// An empty tree for an input of `input_len` bytes.
    pub(crate) fn for_input(input_len: usize) -> Tree {
        Tree {
            stack: Vec::with_capacity(FIRST_RESERVATION.min(1 + input_len / 4)),
            open: 0,
            enclosing: Vec::new(),
            pending_name: None,
        }
    }

    /// The parsed value, once the grammar has accepted the whole input.
    pub(crate) fn finish(mut self) -> Value {
        // The grammar reports exactly one top-level value before succeeding.
        self.stack.pop().map_or(Value::Null, |slot| slot.value)
    }

    /// Adds `value` to the innermost container (or as the top-level value).
    #[inline]
    fn push(&mut self, value: Value) {
        let (name, quote) = self
            .pending_name
            .take()
            .unwrap_or_else(|| (ShortText::new(""), 0));
        self.stack.push(Slot { name, quote, value });
    }

    /// Opens a container at `depth`: its placeholder, then its entries.
    #[inline]
    fn begin(&mut self, depth: usize) {
        self.push(Value::Null);
        if depth > 1 {
            self.enclosing.push(self.open);
        }
        self.open = self.stack.len();
    }

    /// Closes the container at `depth`, which becomes `value`.
    #[inline]
    fn end(&mut self, depth: usize, value: Value) {
        if let Some(placeholder) = self.stack.last_mut() {
            placeholder.value = value;
        }
        self.open = if depth > 1 {
            self.enclosing.pop().unwrap_or(0)
        } else {
            0
        };
    }
}

impl<'a> Sink<'a> for Tree {
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

    fn name(&mut self, name: Str<'a, '_>, quote: usize) {
        self.pending_name = Some((ShortText::new(name.as_str()), quote));
    }

    fn begin_array(&mut self, depth: usize) {
        self.begin(depth);
    }

    fn end_array(&mut self, depth: usize) {
        let elements: Vec<Value> = self
            .stack
            .drain(self.open..)
            .map(|slot| slot.value)
            .collect();
        self.end(depth, Value::Array(elements));
    }

    fn begin_object(&mut self, depth: usize) {
        self.begin(depth);
    }

    fn end_object(&mut self, depth: usize) -> Result<(), Error> {
        let members = self.stack.get(self.open..).unwrap_or(&[]);
        if let Some(repeat) = names::first_repeat(members, |slot| slot.name.as_bytes()) {
            if let Some(slot) = members.get(repeat) {
                return Err(Error::duplicate(slot.name.as_str(), slot.quote));
            }
        }
        let members: Vec<(ShortText, Value)> = self
            .stack
            .drain(self.open..)
            .map(|slot| (slot.name, slot.value))
            .collect();
        self.end(depth, Value::Object(Object::from_unique(members)));
        Ok(())
    }
}
