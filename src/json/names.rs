//! Member names are unique: the check made as each name is read.
//!
//! RFC 8259 §4 only says names "SHOULD be unique", and parsers differ on
//! repeats (most keep the last). For a JWT that difference is a security bug,
//! so RFC 7515 §4 (header) and RFC 7519 §4 (claims) let a parser reject
//! repeats, and this one does, for every object at every depth. Names are
//! compared after unescaping (`"a"` and `"\u0061"` are the same name) and
//! byte for byte (`exp` and `EXP` differ).
//!
//! A new name is compared with the earlier members of its object, which is
//! fastest for JWT-sized objects. An object that grows past
//! [`PAIRWISE_MAX`] members also keeps its names in a sorted set, so that a
//! hostile object with many members costs O(n log n), never O(n²).

use alloc::collections::BTreeSet;
use alloc::vec::Vec;

use super::text::ShortText;

/// Objects with up to this many members are checked pair by pair.
const PAIRWISE_MAX: usize = 16;

/// Name sets of the open objects that have grown past [`PAIRWISE_MAX`]
/// members, innermost last, each keyed by where its members start on the
/// builder's stack.
#[derive(Default)]
pub(crate) struct DuplicateNames {
    sets: Vec<(usize, BTreeSet<ShortText>)>,
}

impl DuplicateNames {
    /// Whether `name` repeats one of `earlier`, the names read so far of
    /// the object whose members start at `start` on the stack.
    #[inline]
    pub(crate) fn repeats<'n, I>(&mut self, start: usize, earlier: I, name: &str) -> bool
    where
        I: ExactSizeIterator<Item = &'n str>,
    {
        if earlier.len() < PAIRWISE_MAX {
            let mut earlier = earlier;
            return earlier.any(|n| n.as_bytes() == name.as_bytes());
        }
        self.repeats_in_large(start, earlier, name)
    }

    /// [`DuplicateNames::repeats`] for an object of [`PAIRWISE_MAX`] members
    /// or more; kept out of line so that the common case stays small.
    #[inline(never)]
    fn repeats_in_large<'n>(
        &mut self,
        start: usize,
        earlier: impl Iterator<Item = &'n str>,
        name: &str,
    ) -> bool {
        if self.sets.last().map(|(s, _)| *s) != Some(start) {
            let names = earlier.map(ShortText::new).collect();
            self.sets.push((start, names));
        }
        match self.sets.last_mut() {
            Some((_, names)) => !names.insert(ShortText::new(name)),
            None => false,
        }
    }

    /// Forgets the object whose members start at `start`, which has closed.
    pub(crate) fn close(&mut self, start: usize) {
        if self.sets.last().map(|(s, _)| *s) == Some(start) {
            self.sets.pop();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::Value;
    use alloc::format;

    fn names(members: &[(ShortText, Value)]) -> impl ExactSizeIterator<Item = &str> {
        members.iter().map(|(n, _)| n.as_str())
    }

    fn members(names: &[&str]) -> Vec<(ShortText, Value)> {
        names
            .iter()
            .map(|n| (ShortText::new(n), Value::Null))
            .collect()
    }

    #[test]
    fn small_objects_compare_pairwise() {
        let mut large = DuplicateNames::default();
        let earlier = members(&["a", "b", "exp"]);
        assert!(large.repeats(0, names(&earlier), "exp"));
        assert!(!large.repeats(0, names(&earlier), "EXP"));
        assert!(!large.repeats(0, names(&[]), ""));
        assert!(large.sets.is_empty());
    }

    #[test]
    fn large_objects_use_a_set_per_open_object() {
        let mut large = DuplicateNames::default();
        let outer: Vec<_> = (0..40).map(|i| format!("n{i}")).collect();
        let outer: Vec<&str> = outer.iter().map(|s| s.as_str()).collect();
        let mut outer = members(&outer);
        for i in PAIRWISE_MAX..40 {
            assert!(!large.repeats(1, names(&outer[..i]), outer[i].0.as_str()));
        }
        assert!(large.repeats(1, names(&outer), "n3"));
        // An inner large object has its own set, dropped when it closes.
        let inner = members(&(0..20).map(|_| "x").collect::<Vec<_>>()[..1]);
        let many: Vec<_> = (0..20).map(|i| format!("n{i}")).collect();
        let many = members(&many.iter().map(|s| s.as_str()).collect::<Vec<_>>());
        assert!(!large.repeats(50, names(&inner), "n3"));
        assert!(large.repeats(60, names(&many), "n3"));
        large.close(60);
        assert!(!large.repeats(1, names(&outer), "n40"));
        outer.push((ShortText::new("n40"), Value::Null));
        assert!(large.repeats(1, names(&outer), "n40"));
        large.close(1);
        assert!(large.sets.is_empty());
    }
}
