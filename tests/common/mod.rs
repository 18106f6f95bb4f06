//! Helpers shared by the integration tests: the `vectors/` file reader and a
//! small seeded PRNG, so that property tests need no crate.
#![allow(dead_code)]

/// One record of a vector file: consecutive `Key = value` lines.
///
/// Vector files are plain text. `#` starts a comment line (sources are named
/// there); a blank line ends a record. Keys may repeat across records, not
/// within one.
#[derive(Debug, Clone)]
pub struct Record {
    /// 1-based line number of the record's first line, for failure messages.
    pub line: usize,
    /// The record's fields in file order.
    pub fields: Vec<(String, String)>,
}

impl Record {
    /// The value of `key`, if the record has it.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The value of `key`; panics with the record's line when it is absent.
    pub fn str(&self, key: &str) -> &str {
        self.get(key)
            .unwrap_or_else(|| panic!("record at line {} has no `{key}`", self.line))
    }

    /// The value of `key` decoded from lowercase or uppercase hex.
    pub fn hex(&self, key: &str) -> Vec<u8> {
        hex(self.str(key))
            .unwrap_or_else(|| panic!("record at line {}: `{key}` is not hex", self.line))
    }

    /// Sets `key` to `value` (replacing it, or adding it last).
    pub fn set(&mut self, key: &str, value: &str) {
        match self.fields.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = value.to_string(),
            None => self.fields.push((key.to_string(), value.to_string())),
        }
    }

    /// A short label for assertion messages: the `Id` field, else the line.
    pub fn label(&self) -> String {
        match self.get("Id") {
            Some(id) => format!("{id} (line {})", self.line),
            None => format!("record at line {}", self.line),
        }
    }
}

/// Splits a vector file into records.
pub fn records(text: &str) -> Vec<Record> {
    let mut out = Vec::new();
    let mut current: Option<Record> = None;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end();
        if line.trim_start().starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            if let Some(r) = current.take() {
                out.push(r);
            }
            continue;
        }
        let (k, v) = line
            .split_once('=')
            .unwrap_or_else(|| panic!("line {}: expected `Key = value`, got {line:?}", i + 1));
        let rec = current.get_or_insert_with(|| Record {
            line: i + 1,
            fields: Vec::new(),
        });
        let key = k.trim().to_string();
        assert!(
            rec.get(&key).is_none(),
            "line {}: key `{key}` repeated within one record",
            i + 1
        );
        rec.fields.push((key, v.trim().to_string()));
    }
    if let Some(r) = current.take() {
        out.push(r);
    }
    out
}

/// Decodes hex text (either case, even length); `None` otherwise.
pub fn hex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 {
        return None;
    }
    let nib = |c: u8| match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    };
    s.as_bytes()
        .chunks(2)
        .map(|p| Some(nib(p[0])? << 4 | nib(p[1])?))
        .collect()
}

/// Lowercase hex of `bytes`.
pub fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A small deterministic PRNG (SplitMix64), seeded, for property tests.
/// Not for anything secret.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator whose sequence is fixed by `seed`.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 pseudo-random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`); the tiny modulo bias does not matter here.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// `len` pseudo-random bytes.
    pub fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next_u64() as u8).collect()
    }

    /// True with probability 1/n.
    pub fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }
}
