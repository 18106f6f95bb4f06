//! Member names are unique: finding the first name that repeats.
//!
//! RFC 8259 §4 only says names "SHOULD be unique", and parsers differ on
//! repeats (most keep the last). For a JWT that difference is a security bug,
//! so RFC 7515 §4 (header) and RFC 7519 §4 (claims) let a parser reject
//! repeats, and this one does, for every object at every depth. Names are
//! compared after unescaping: `"a"` and `"\u0061"` are the same name.
//!
//! The check runs when an object closes. Small objects compare every pair;
//! large ones sort member indices by name, so a hostile object with many
//! members costs O(n log n), never O(n²).

use alloc::vec::Vec;

/// Objects with at most this many members are checked pair by pair, which
/// is faster than sorting for JWT-sized objects and needs no allocation.
const PAIRWISE_MAX: usize = 16;

/// The index of the first member (in document order) whose name equals the
/// name of an earlier member, or `None` when all names differ.
pub(crate) fn first_repeat<T>(members: &[T], name: impl Fn(&T) -> &[u8]) -> Option<usize> {
    if members.len() <= PAIRWISE_MAX {
        return members
            .iter()
            .enumerate()
            .skip(1)
            .find_map(|(later, member)| {
                let this = name(member);
                let earlier = members.get(..later)?;
                earlier.iter().any(|m| name(m) == this).then_some(later)
            });
    }
    // Sort indices by (name, index): equal names become neighbours, the
    // earliest first. Every neighbour that repeats its predecessor's name is
    // a repeat; the first repeat in document order is the smallest of them.
    let mut order: Vec<usize> = (0..members.len()).collect();
    let name_at = |i: usize| members.get(i).map(&name);
    order.sort_unstable_by(|&a, &b| name_at(a).cmp(&name_at(b)).then(a.cmp(&b)));
    order
        .windows(2)
        .filter_map(|pair| match pair {
            [a, b] if name_at(*a) == name_at(*b) => Some(*b),
            _ => None,
        })
        .min()
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::format;
    use alloc::string::String;

    fn first(names: &[&str]) -> Option<usize> {
        first_repeat(names, |n| n.as_bytes())
    }

    #[test]
    fn small_objects() {
        assert_eq!(first(&[]), None);
        assert_eq!(first(&["a"]), None);
        assert_eq!(first(&["a", "b", "c"]), None);
        assert_eq!(first(&["a", "b", "a"]), Some(2));
        assert_eq!(first(&["a", "b", "b", "a"]), Some(2));
        assert_eq!(first(&["", ""]), Some(1));
    }

    #[test]
    fn large_objects_agree_with_the_pairwise_rule() {
        let mut names: Vec<String> = (0..100).map(|i| format!("n{i}")).collect();
        fn as_refs(names: &[String]) -> Vec<&str> {
            names.iter().map(String::as_str).collect()
        }
        assert_eq!(first(&as_refs(&names)), None);
        names[70] = String::from("n5");
        names[40] = String::from("n90");
        names[95] = String::from("n3");
        // n90 at 40 repeats nothing earlier; n5 at 70 repeats index 5.
        assert_eq!(first(&as_refs(&names)), Some(70));
        names[60] = String::from("n40");
        assert_eq!(first(&as_refs(&names)), Some(70));
        names[50] = String::from("n0");
        assert_eq!(first(&as_refs(&names)), Some(50));
    }
}
