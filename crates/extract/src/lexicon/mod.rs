//! Word classes as data: `data/lexicon.txt`, compiled by `build.rs` into a
//! static table from lowercase word to [`ClassSet`]. One fact, one place: a
//! speech verb, a negator or a modal is listed there once, and every stage
//! asks [`is`] / [`classes`] (or [`Word::is_a`](crate::events::words)).
//! Lookups hash with [`word_key`] (already on every `Word`), probe about
//! one slot and never allocate.

mod key;

pub(crate) use key::word_key;

include!(concat!(env!("OUT_DIR"), "/lexicon.rs"));

/// A set of [`Class`]es, as bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct ClassSet(u64);

impl ClassSet {
    pub(crate) const EMPTY: ClassSet = ClassSet(0);

    /// The set of these classes (usable in a `const`).
    pub(crate) const fn of(classes: &[Class]) -> ClassSet {
        let mut bits = 0;
        let mut i = 0;
        while i < classes.len() {
            bits |= 1 << classes[i] as u32;
            i += 1;
        }
        ClassSet(bits)
    }

    #[inline]
    pub(crate) const fn contains(self, c: Class) -> bool {
        self.0 & (1 << c as u32) != 0
    }

    /// Whether the two sets share a class.
    #[inline]
    pub(crate) const fn intersects(self, other: ClassSet) -> bool {
        self.0 & other.0 != 0
    }
}

impl From<Class> for ClassSet {
    #[inline]
    fn from(c: Class) -> ClassSet {
        ClassSet(1 << c as u32)
    }
}

impl std::ops::BitOr for Class {
    type Output = ClassSet;
    #[inline]
    fn bitor(self, rhs: Class) -> ClassSet {
        ClassSet::from(self) | rhs
    }
}

impl<C: Into<ClassSet>> std::ops::BitOr<C> for ClassSet {
    type Output = ClassSet;
    #[inline]
    fn bitor(self, rhs: C) -> ClassSet {
        ClassSet(self.0 | rhs.into().0)
    }
}

/// The classes of a lowercase word whose [`word_key`] is `key`.
#[inline]
pub(crate) fn classes_keyed(word: &str, key: u16) -> ClassSet {
    let mut slot = usize::from(key) & (SLOTS - 1);
    loop {
        // In bounds: `slot` is masked to the table's power-of-two size; the
        // table is at most a quarter full, so a free slot ends every probe.
        let (w, bits) = TABLE[slot];
        if w == word {
            return if w.is_empty() {
                ClassSet::EMPTY
            } else {
                ClassSet(bits)
            };
        }
        if w.is_empty() {
            return ClassSet::EMPTY;
        }
        slot = (slot + 1) & (SLOTS - 1);
    }
}

/// The classes of a lowercase word.
#[inline]
pub(crate) fn classes(word: &str) -> ClassSet {
    classes_keyed(word, word_key(word.as_bytes()))
}

/// Whether a lowercase word is in `class`.
#[inline]
pub(crate) fn is(word: &str, class: Class) -> bool {
    classes(word).contains(class)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::words::words;
    use dyad_model::ByteSpan;

    /// Every `example:` line of the data file: the words of the sentence in
    /// the class are the expected ones, in order (`-` for none).
    #[test]
    fn data_file_examples() {
        let mut bad = Vec::new();
        for &(class, line, sentence, want) in EXAMPLES {
            let lower = sentence.to_ascii_lowercase();
            let got: Vec<&str> = words(sentence, &lower, ByteSpan::new(0, sentence.len()))
                .iter()
                .filter(|w| w.is_a(class))
                .map(|w| w.lower)
                .collect();
            let got = if got.is_empty() {
                "-".to_string()
            } else {
                got.join(" ")
            };
            if got != want {
                bad.push(format!(
                    "data/lexicon.txt:{line} [{}]: {sentence:?} gives {got:?}, not {want:?}",
                    class.name()
                ));
            }
        }
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }

    #[test]
    fn every_class_has_an_example() {
        for c in Class::ALL {
            assert!(
                EXAMPLES.iter().any(|e| e.0 == c),
                "[{}] has no example: line",
                c.name()
            );
        }
    }

    #[test]
    fn lookups() {
        assert!(is("said", Class::Say));
        assert!(is("said", Class::SpeechVerb));
        assert!(!is("Said", Class::Say));
        assert!(!is("", Class::Say));
        assert!(!is("sai", Class::Say));
        assert_eq!(classes("zebra"), ClassSet::EMPTY);
        assert!(classes("told").intersects(Class::Negator | Class::SayTell));
    }
}
