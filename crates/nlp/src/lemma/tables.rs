//! The rule lemmatizer's lookup tables (`lemma_rules`, `lemma_exc`,
//! `lemma_index` of en_core_web_sm 3.8.0), read from the text file
//! `data/nlp/lemma_tables.txt` that `data/gen/nlp/export_lemma.py` writes.
//!
//! Format: sections `@rules <pos> <n>`, `@exc <pos> <n>`, `@index <pos> <n>`
//! (`n`: the section's line count, used to allocate once); below a
//! `@rules` header each line is `old<TAB>new` (table order), below `@exc` it is
//! `word<TAB>lemma[<TAB>lemma..]` and below `@index` one word. Exception and
//! index lines are sorted by bytes, so lookups are binary searches on slices
//! that borrow the embedded text.

use std::cmp::Ordering;

use super::Pos;

/// The tables of one universal POS.
#[derive(Debug, Default)]
pub(crate) struct PosTables {
    /// `(old suffix, new suffix)` in table order.
    pub rules: Vec<(&'static str, &'static str)>,
    /// `(word, "lemma[\tlemma..]")`, sorted by word.
    pub exc: Vec<(&'static str, &'static str)>,
    /// Known lemmas, sorted.
    pub index: Vec<&'static str>,
    /// `index_starts[k]..index_starts[k + 1]`: the index entries in
    /// [`bucket`] `k` (binary searches stay short).
    index_starts: Vec<u32>,
    exc_starts: Vec<u32>,
}

/// Rank of a byte for [`bucket`]: 0 below `a`, 1..=26 for `a..=z`, 27 above.
fn rank(b: Option<u8>) -> usize {
    match b {
        Some(b @ b'a'..=b'z') => usize::from(b - b'a') + 1,
        Some(b) if b > b'z' => 27,
        _ => 0,
    }
}

/// Bucket of a string by the ranks of its first two bytes (a missing byte
/// ranks 0), which never decreases along byte order.
fn bucket(mut bytes: impl Iterator<Item = u8>) -> usize {
    let r0 = rank(bytes.next());
    r0 * 28 + rank(bytes.next())
}

const BUCKETS: usize = 28 * 28;

/// Start offsets of the buckets of sorted `keys` (`BUCKETS + 1` entries), or
/// nothing when there are no keys.
fn bucket_starts<'a>(keys: impl ExactSizeIterator<Item = &'a str>) -> Vec<u32> {
    if keys.len() == 0 {
        return Vec::new();
    }
    // Count into starts[b + 1], then accumulate.
    let mut starts = vec![0u32; BUCKETS + 1];
    for k in keys {
        if let Some(c) = starts.get_mut(bucket(k.bytes()) + 1) {
            *c += 1;
        }
    }
    for i in 1..starts.len() {
        starts[i] += starts[i - 1];
    }
    starts
}

/// The range of bucket `b` in `starts` (empty when there are no buckets).
fn bucket_range(starts: &[u32], b: usize) -> std::ops::Range<usize> {
    match (starts.get(b), starts.get(b + 1)) {
        (Some(&s), Some(&e)) => s as usize..e as usize,
        _ => 0..0,
    }
}

impl PosTables {
    /// Whether spaCy's `any((index, exc, rules))` holds.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty() && self.exc.is_empty() && self.index.is_empty()
    }

    /// Whether `head + tail` is in the index.
    pub fn in_index(&self, head: &str, tail: &str) -> bool {
        let r = bucket_range(&self.index_starts, bucket(head.bytes().chain(tail.bytes())));
        self.index
            .get(r)
            .is_some_and(|s| s.binary_search_by(|e| cmp_concat(e, head, tail)).is_ok())
    }

    /// The exception lemmas of `word`, in table order.
    pub fn exceptions(&self, word: &str) -> impl Iterator<Item = &'static str> + Clone {
        let r = bucket_range(&self.exc_starts, bucket(word.bytes()));
        let exc = self.exc.get(r).unwrap_or(&[]);
        let forms = match exc.binary_search_by(|(w, _)| (*w).cmp(word)) {
            Ok(i) => exc.get(i).map_or("", |(_, f)| *f),
            Err(_) => "",
        };
        forms.split('\t').filter(|f| !f.is_empty())
    }
}

/// Compares `entry` with the concatenation `head + tail` bytewise.
fn cmp_concat(entry: &str, head: &str, tail: &str) -> Ordering {
    let e = entry.as_bytes();
    let h = head.as_bytes();
    let n = e.len().min(h.len());
    match e[..n].cmp(&h[..n]) {
        Ordering::Equal if e.len() <= h.len() => {
            if e.len() == h.len() && tail.is_empty() {
                Ordering::Equal
            } else {
                Ordering::Less
            }
        }
        Ordering::Equal => e[n..].cmp(tail.as_bytes()),
        other => other,
    }
}

/// Parses the table text into one [`PosTables`] per [`Pos`] (indexed by
/// `Pos as usize`). Malformed lines are skipped; unknown POS names ignored.
pub(crate) fn parse(text: &'static str) -> Vec<PosTables> {
    let mut out: Vec<PosTables> = (0..Pos::ALL.len()).map(|_| PosTables::default()).collect();
    #[derive(Clone, Copy)]
    enum Section {
        Rules,
        Exc,
        Index,
        Skip,
    }
    let mut section = Section::Skip;
    let mut cur = 0usize;
    for line in text.split('\n') {
        if let Some(head) = line.strip_prefix('@') {
            let mut parts = head.split(' ');
            let kind = parts.next().unwrap_or("");
            let pos = parts
                .next()
                .and_then(|p| Pos::ALL.iter().find(|x| x.as_lower_str() == p));
            // The line count, to allocate once (capped against odd data).
            let count = parts
                .next()
                .and_then(|n| n.parse::<usize>().ok())
                .unwrap_or(0)
                .min(1 << 20);
            section = match (kind, pos) {
                ("rules", Some(_)) => Section::Rules,
                ("exc", Some(_)) => Section::Exc,
                ("index", Some(_)) => Section::Index,
                _ => Section::Skip,
            };
            if let Some(p) = pos {
                cur = *p as usize;
                if let Some(t) = out.get_mut(cur) {
                    match section {
                        Section::Rules => t.rules.reserve(count),
                        Section::Exc => t.exc.reserve(count),
                        Section::Index => t.index.reserve(count),
                        Section::Skip => {}
                    }
                }
            }
            continue;
        }
        let Some(t) = out.get_mut(cur) else { continue };
        match section {
            Section::Rules => {
                if let Some((old, new)) = line.split_once('\t') {
                    t.rules.push((old, new));
                }
            }
            Section::Exc => {
                if let Some((w, forms)) = line.split_once('\t') {
                    t.exc.push((w, forms));
                }
            }
            Section::Index => {
                if !line.is_empty() {
                    t.index.push(line);
                }
            }
            Section::Skip => {}
        }
    }
    // The exporter sorts by bytes (checked by the `embedded_tables_sorted`
    // test), so the searches need no sorting here.
    for t in &mut out {
        t.index_starts = bucket_starts(t.index.iter().copied());
        t.exc_starts = bucket_starts(t.exc.iter().map(|(w, _)| *w));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_tables_sorted() {
        let tables = parse(super::super::TABLES_TXT);
        let noun = &tables[Pos::NOUN as usize];
        assert!(noun.index.len() > 50_000 && noun.exc.len() > 2_000);
        for t in &tables {
            assert!(t.index.windows(2).all(|w| w[0] < w[1]));
            assert!(t.exc.windows(2).all(|w| w[0].0 < w[1].0));
        }
    }

    #[test]
    fn buckets_follow_byte_order() {
        let words = [
            "", "'s", "a", "a\u{0}b", "a-b", "ab", "abc", "az{", "b", "~", "é",
        ];
        for w in words.windows(2) {
            assert!(bucket(w[0].bytes()) <= bucket(w[1].bytes()));
        }
        let mut t = PosTables {
            index: words.to_vec(),
            ..PosTables::default()
        };
        t.index_starts = bucket_starts(t.index.iter().copied());
        for w in words {
            assert!(t.in_index(w, ""));
        }
        assert!(t.in_index("a", "bc"));
        assert!(!t.in_index("a", "c"));
        assert!(!PosTables::default().in_index("a", ""));
    }

    #[test]
    fn concat_compare() {
        assert_eq!(cmp_concat("abc", "ab", "c"), Ordering::Equal);
        assert_eq!(cmp_concat("abc", "abc", ""), Ordering::Equal);
        assert_eq!(cmp_concat("ab", "ab", "c"), Ordering::Less);
        assert_eq!(cmp_concat("abd", "ab", "c"), Ordering::Greater);
        assert_eq!(cmp_concat("abcd", "ab", "c"), Ordering::Greater);
        assert_eq!(cmp_concat("a", "ab", ""), Ordering::Less);
        assert_eq!(cmp_concat("b", "ab", ""), Ordering::Greater);
        assert_eq!(cmp_concat("", "", ""), Ordering::Equal);
    }
}
