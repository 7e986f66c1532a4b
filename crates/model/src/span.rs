//! Offsets: byte spans inside the pipeline, character spans in the output.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A `[start, end)` range of **byte** offsets into `Document::text`, always on
/// char boundaries. Used by analyze and extract, which slice `&str`s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct ByteSpan {
    pub start: usize,
    pub end: usize,
}

impl ByteSpan {
    pub const fn new(start: usize, end: usize) -> Self {
        ByteSpan { start, end }
    }
    pub fn len(self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }
    /// The text this span covers. Panics if the span is not on char
    /// boundaries of `text`, which the pipeline's invariant rules out.
    pub fn slice(self, text: &str) -> &str {
        &text[self.start..self.end]
    }
    pub fn contains(self, other: ByteSpan) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(self, other: ByteSpan) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// A `[start, end)` range of **Unicode character** offsets into
/// `Document::text`: the unit of the output contract. Serialized as `[s, e]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
}

impl Serialize for Span {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        [self.start, self.end].serialize(s)
    }
}

impl<'de> Deserialize<'de> for Span {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let [start, end] = <[usize; 2]>::deserialize(d)?;
        if end < start {
            return Err(serde::de::Error::custom(format!(
                "span end {end} before start {start}"
            )));
        }
        Ok(Span { start, end })
    }
}

/// Converts byte offsets of one text to character offsets in O(log n).
///
/// For pure-ASCII text (most English news) the conversion is the identity and
/// the map holds nothing.
#[derive(Debug, Clone)]
pub struct CharMap {
    /// For every non-ASCII char, in order: its byte offset and the total of
    /// extra bytes (beyond one per char) up to and including it. Empty for
    /// ASCII text.
    wide: Vec<(usize, usize)>,
    len_bytes: usize,
}

impl CharMap {
    pub fn new(text: &str) -> Self {
        let mut wide = Vec::new();
        if !text.is_ascii() {
            let mut extra = 0;
            for (i, c) in text.char_indices() {
                if c.len_utf8() > 1 {
                    extra += c.len_utf8() - 1;
                    wide.push((i, extra));
                }
            }
        }
        CharMap {
            wide,
            len_bytes: text.len(),
        }
    }

    /// The character offset of byte offset `byte` (which must be a char
    /// boundary; a larger offset is clamped to the text's end).
    pub fn char_offset(&self, byte: usize) -> usize {
        let byte = byte.min(self.len_bytes);
        // Every wide char that starts before `byte` took extra bytes.
        let n = self.wide.partition_point(|&(at, _)| at < byte);
        let extra = if n == 0 { 0 } else { self.wide[n - 1].1 };
        byte - extra
    }

    pub fn span(&self, b: ByteSpan) -> Span {
        Span::new(self.char_offset(b.start), self.char_offset(b.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ascii_is_identity() {
        let m = CharMap::new("abc def");
        assert_eq!(m.span(ByteSpan::new(4, 7)), Span::new(4, 7));
    }

    #[test]
    fn wide_chars_shift_offsets() {
        let text = "Bulgaria’s role — key";
        let m = CharMap::new(text);
        let b = text.find("role").unwrap();
        assert_eq!(m.char_offset(b), 11);
        let k = text.find("key").unwrap();
        assert_eq!(m.char_offset(k), 18);
    }

    #[test]
    fn span_serializes_as_pair() {
        let s = serde_json::to_string(&Span::new(3, 9)).unwrap();
        assert_eq!(s, "[3,9]");
        let back: Span = serde_json::from_str(&s).unwrap();
        assert_eq!(back, Span::new(3, 9));
        assert!(serde_json::from_str::<Span>("[9,3]").is_err());
    }

    proptest! {
        #[test]
        fn char_offsets_agree_with_char_indices(text in "\\PC{0,40}") {
            let m = CharMap::new(&text);
            for (n, (b, _)) in text.char_indices().enumerate() {
                prop_assert_eq!(m.char_offset(b), n);
            }
            prop_assert_eq!(m.char_offset(text.len()), text.chars().count());
        }
    }
}
