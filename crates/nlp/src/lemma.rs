//! Universal POS, morphology and lemmas: spaCy's `attribute_ruler` and
//! English rule `lemmatizer` of en_core_web_sm 3.8.0, run after the tagger
//! and the parser.
//!
//! Input per token: its text, its fine-grained (PTB) tag and, when the parse
//! is known, its dependency label. The attribute ruler ([`attribute_ruler`])
//! maps tags to POS and morphological features and applies the model's word-
//! and label-specific exceptions (some set the lemma directly); then every
//! token without a lemma goes through spaCy's `rule_lemmatize`:
//!
//! 1. POS unset or SPACE: the lowercase text;
//! 2. a base form by `EnglishLemmatizer.is_base_form` (singular noun,
//!    infinitive or present non-3rd-person verb, positive degree, ...): the
//!    lowercase text;
//! 3. a POS with no tables (everything but ADJ, ADV, NOUN, VERB, PUNCT): the
//!    text for PROPN, the lowercase text otherwise;
//! 4. otherwise suffix rules on the lowercase text, preferring forms in the
//!    POS's index and non-alphabetic forms, then exceptions (`lemma_exc`), then
//!    out-of-index forms, and finally the text itself.
//!
//! spaCy's lemma cache keyed by (text, POS, morphology) does not change
//! results, so there is none here. Lowercasing follows Python's `str.lower`
//! (full Unicode mapping), `str.isalpha` (general category L*) and
//! `str.isspace` (including U+001C..U+001F).

mod attribute_ruler;
mod tables;

use std::sync::OnceLock;

use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

use crate::weights::WeightsError;
use attribute_ruler::{AttributeRuler, Attrs, TokenView};
use tables::PosTables;

static RULER_JSON: &str = include_str!("../../../data/nlp/attribute_ruler.json");
static TABLES_TXT: &str = include_str!("../../../data/nlp/lemma_tables.txt");

/// Universal POS tag, as spaCy's `token.pos_`.
#[allow(clippy::upper_case_acronyms)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pos {
    ADJ,
    ADP,
    ADV,
    AUX,
    CCONJ,
    DET,
    INTJ,
    NOUN,
    NUM,
    PART,
    PRON,
    PROPN,
    PUNCT,
    SCONJ,
    SYM,
    VERB,
    X,
    SPACE,
    /// No POS set (spaCy's `pos_ == ""`): only for tags that no attribute-ruler
    /// pattern knows, i.e. tags outside the model's tag set.
    EMPTY,
}

impl Pos {
    /// Every variant, in declaration order (`Pos::ALL[p as usize] == p`).
    pub const ALL: [Pos; 19] = [
        Pos::ADJ,
        Pos::ADP,
        Pos::ADV,
        Pos::AUX,
        Pos::CCONJ,
        Pos::DET,
        Pos::INTJ,
        Pos::NOUN,
        Pos::NUM,
        Pos::PART,
        Pos::PRON,
        Pos::PROPN,
        Pos::PUNCT,
        Pos::SCONJ,
        Pos::SYM,
        Pos::VERB,
        Pos::X,
        Pos::SPACE,
        Pos::EMPTY,
    ];

    /// spaCy's `pos_` string ("" for [`Pos::EMPTY`]).
    pub fn as_str(self) -> &'static str {
        match self {
            Pos::ADJ => "ADJ",
            Pos::ADP => "ADP",
            Pos::ADV => "ADV",
            Pos::AUX => "AUX",
            Pos::CCONJ => "CCONJ",
            Pos::DET => "DET",
            Pos::INTJ => "INTJ",
            Pos::NOUN => "NOUN",
            Pos::NUM => "NUM",
            Pos::PART => "PART",
            Pos::PRON => "PRON",
            Pos::PROPN => "PROPN",
            Pos::PUNCT => "PUNCT",
            Pos::SCONJ => "SCONJ",
            Pos::SYM => "SYM",
            Pos::VERB => "VERB",
            Pos::X => "X",
            Pos::SPACE => "SPACE",
            Pos::EMPTY => "",
        }
    }

    /// The lowercase name, as the lemmatizer's tables are keyed.
    pub fn as_lower_str(self) -> &'static str {
        match self {
            Pos::ADJ => "adj",
            Pos::ADP => "adp",
            Pos::ADV => "adv",
            Pos::AUX => "aux",
            Pos::CCONJ => "cconj",
            Pos::DET => "det",
            Pos::INTJ => "intj",
            Pos::NOUN => "noun",
            Pos::NUM => "num",
            Pos::PART => "part",
            Pos::PRON => "pron",
            Pos::PROPN => "propn",
            Pos::PUNCT => "punct",
            Pos::SCONJ => "sconj",
            Pos::SYM => "sym",
            Pos::VERB => "verb",
            Pos::X => "x",
            Pos::SPACE => "space",
            Pos::EMPTY => "",
        }
    }

    /// The variant whose [`Pos::as_str`] is `s`.
    pub fn parse(s: &str) -> Option<Pos> {
        Pos::ALL.iter().copied().find(|p| p.as_str() == s)
    }
}

impl std::fmt::Display for Pos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What spaCy's `attribute_ruler` + `lemmatizer` give one token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotated {
    /// `token.pos_`.
    pub pos: Pos,
    /// `str(token.morph)`, e.g. `"Tense=Past|VerbForm=Fin"` ("" when empty).
    pub morph: &'static str,
    /// `token.lemma_`.
    pub lemma: String,
    /// `Some(tag)` when the attribute ruler rewrote `token.tag_` (whitespace
    /// tokens become `"_SP"`), `None` when the tagger's tag stands.
    pub tag: Option<&'static str>,
    /// `Some(dep)` when the attribute ruler rewrote `token.dep_` (labelled
    /// whitespace tokens become `"dep"`), `None` otherwise.
    pub dep: Option<&'static str>,
}

/// The morphological features `is_base_form` reads, per morphology string.
#[derive(Debug, Clone, Copy, Default)]
struct BaseFeats {
    number_sing: bool,
    has_number: bool,
    verbform_inf: bool,
    verbform_fin: bool,
    verbform_none: bool,
    tense_pres: bool,
    degree_pos: bool,
}

impl BaseFeats {
    fn of(morph: &str) -> BaseFeats {
        let mut f = BaseFeats::default();
        for feat in morph.split('|') {
            let Some((field, value)) = feat.split_once('=') else {
                continue;
            };
            match field {
                "Number" => {
                    f.has_number = true;
                    f.number_sing = value == "Sing";
                }
                "VerbForm" => {
                    f.verbform_inf = value == "Inf";
                    f.verbform_fin = value == "Fin";
                    f.verbform_none = value == "None";
                }
                "Tense" => f.tense_pres = value == "Pres",
                "Degree" => f.degree_pos = value == "Pos",
                _ => {}
            }
        }
        f
    }

    /// spaCy's `EnglishLemmatizer.is_base_form`.
    fn is_base_form(self, pos: Pos) -> bool {
        (pos == Pos::NOUN && self.number_sing)
            || (pos == Pos::VERB && self.verbform_fin && self.tense_pres && !self.has_number)
            || self.verbform_inf
            || self.verbform_none
            || self.degree_pos
    }
}

/// The English attribute ruler and rule lemmatizer with the model's data.
#[derive(Debug)]
pub struct Lemmatizer {
    ruler: AttributeRuler,
    feats: Vec<BaseFeats>,
    tables: Vec<PosTables>,
}

/// Where a token's lemma comes from, before it becomes a `String`.
enum Lemma<'a> {
    Word,
    Lower,
    Static(&'static str),
    Form(&'a str, &'static str),
}

impl Lemmatizer {
    /// The en_core_web_sm 3.8.0 data, parsed once on first use (a few ms).
    pub fn english() -> &'static Lemmatizer {
        static L: OnceLock<Lemmatizer> = OnceLock::new();
        L.get_or_init(|| {
            // Invariant: the embedded data is the exporter's output, and
            // `cargo test` (tests/lemma.rs) parses it, so this cannot fail
            // in a tested build.
            #[allow(clippy::expect_used)]
            Lemmatizer::from_data(RULER_JSON, TABLES_TXT)
                .expect("embedded data/nlp/attribute_ruler.json is valid")
        })
    }

    fn from_data(
        ruler_json: &'static str,
        tables: &'static str,
    ) -> Result<Lemmatizer, WeightsError> {
        let ruler = AttributeRuler::parse(ruler_json)?;
        let feats = ruler.morphs.iter().map(|m| BaseFeats::of(m)).collect();
        Ok(Lemmatizer {
            ruler,
            feats,
            tables: tables::parse(tables),
        })
    }

    /// Number of pattern tokens in the data with a predicate this code does
    /// not implement (they never match). 0 for the shipped data.
    pub fn unknown_predicates(&self) -> usize {
        self.ruler.unknown_predicates
    }

    /// Annotates one document without a parse (every dependency label
    /// empty): the same as spaCy's pipeline with the parser disabled.
    ///
    /// `words`: the token texts (whitespace tokens included); `tags`: their
    /// PTB tags. A missing tag counts as "".
    pub fn annotate(&self, words: &[&str], tags: &[&str]) -> Vec<Annotated> {
        self.annotate_with_deps(words, tags, &[])
    }

    /// Annotates one document with its parse: `deps` are the tokens'
    /// dependency labels (spaCy's `dep_`, e.g. "nsubj", "ROOT"), which some
    /// attribute-ruler patterns read (e.g. `aux` makes a verb AUX, `det` vs
    /// other labels decides DET vs PRON). A missing label counts as "".
    pub fn annotate_with_deps(
        &self,
        words: &[&str],
        tags: &[&str],
        deps: &[&str],
    ) -> Vec<Annotated> {
        let n = words.len();
        // Lowercase forms of all tokens in one buffer.
        let mut buf = String::with_capacity(words.iter().map(|w| w.len()).sum());
        let mut ranges = Vec::with_capacity(n);
        for w in words {
            let start = buf.len();
            push_lower(&mut buf, w);
            ranges.push((start, buf.len()));
        }
        let views: Vec<TokenView<'_>> = (0..n)
            .map(|i| TokenView {
                tag: self.ruler.tag_class(tags.get(i).copied().unwrap_or("")),
                lower: ranges
                    .get(i)
                    .and_then(|&(s, e)| buf.get(s..e))
                    .unwrap_or(""),
                dep: self.ruler.dep_class(deps.get(i).copied().unwrap_or("")),
                is_space: py_isspace(words[i]),
            })
            .collect();
        let mut out = Vec::with_capacity(n);
        for (i, (word, view)) in words.iter().zip(&views).enumerate() {
            let mut attrs = Attrs::default();
            self.ruler.apply(&views, i, &mut attrs);
            let pos = attrs.pos.unwrap_or(Pos::EMPTY);
            let morph_id = attrs.morph.map_or(0, usize::from);
            let morph = self.ruler.morphs.get(morph_id).copied().unwrap_or("");
            let lemma = match attrs.lemma {
                Some(l) => l.to_owned(),
                None => {
                    let feats = self.feats.get(morph_id).copied().unwrap_or_default();
                    match self.rule_lemma(view.lower, pos, feats) {
                        Lemma::Word => (*word).to_owned(),
                        Lemma::Lower => view.lower.to_owned(),
                        Lemma::Static(s) => s.to_owned(),
                        Lemma::Form(head, tail) => {
                            let mut s = String::with_capacity(head.len() + tail.len());
                            s.push_str(head);
                            s.push_str(tail);
                            s
                        }
                    }
                }
            };
            out.push(Annotated {
                pos,
                morph,
                lemma,
                tag: attrs.tag,
                dep: attrs.dep,
            });
        }
        out
    }

    /// spaCy's `Lemmatizer.rule_lemmatize(token)[0]` for a token whose
    /// lowercase text is `lower`.
    fn rule_lemma<'a>(&self, lower: &'a str, pos: Pos, feats: BaseFeats) -> Lemma<'a> {
        if matches!(pos, Pos::EMPTY | Pos::SPACE) || feats.is_base_form(pos) {
            return Lemma::Lower;
        }
        let Some(t) = self.tables.get(pos as usize).filter(|t| !t.is_empty()) else {
            return if pos == Pos::PROPN {
                Lemma::Word
            } else {
                Lemma::Lower
            };
        };
        // The rule forms: spaCy inserts in-index forms at the front and
        // appends non-alphabetic ones, so the first is the last in-index form
        // or else the first non-alphabetic one.
        let mut last_in_index = None;
        let mut first_nonalpha = None;
        let mut first_oov = None;
        for &(old, new) in &t.rules {
            let Some(head) = lower.strip_suffix(old) else {
                continue;
            };
            if head.is_empty() && new.is_empty() {
                continue;
            }
            if t.in_index(head, new) {
                last_in_index = Some((head, new));
            } else if !is_alpha(head, new) {
                first_nonalpha.get_or_insert((head, new));
            } else {
                first_oov.get_or_insert((head, new));
            }
        }
        let rule_first = last_in_index.or(first_nonalpha);
        // Exceptions not already among the forms go to the front, one by
        // one, so the first form is the last such exception.
        let exc = t.exceptions(lower);
        let mut chosen = None;
        for (j, e) in exc.clone().enumerate() {
            let in_rule_forms = (t.in_index(e, "") || !is_alpha(e, ""))
                && t.rules.iter().any(|&(old, new)| {
                    lower.strip_suffix(old).is_some_and(|head| {
                        e.len() == head.len() + new.len() && e.starts_with(head) && e.ends_with(new)
                    })
                });
            if in_rule_forms || exc.clone().take(j).any(|x| x == e) {
                continue;
            }
            chosen = Some(e);
        }
        if let Some(e) = chosen {
            return Lemma::Static(e);
        }
        match rule_first.or(first_oov) {
            Some((head, tail)) => Lemma::Form(head, tail),
            None => Lemma::Word,
        }
    }
}

/// Appends Python's `s.lower()` to `buf`.
fn push_lower(buf: &mut String, s: &str) {
    if s.is_ascii() {
        buf.extend(s.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        buf.push_str(&s.to_lowercase());
    }
}

/// Python's `str.isspace()`: non-empty and all whitespace (Unicode
/// White_Space plus the information separators U+001C..U+001F).
fn py_isspace(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
}

/// Python's `(head + tail).isalpha()`: non-empty and every character a
/// letter (general category L*).
fn is_alpha(head: &str, tail: &str) -> bool {
    let mut any = false;
    for c in head.chars().chain(tail.chars()) {
        any = true;
        let letter = if c.is_ascii() {
            c.is_ascii_alphabetic()
        } else {
            c.general_category_group() == GeneralCategoryGroup::Letter
        };
        if !letter {
            return false;
        }
    }
    any
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn python_string_predicates() {
        assert!(py_isspace(" \n\t\u{a0}\u{1c}"));
        assert!(!py_isspace(""));
        assert!(!py_isspace(" a"));
        assert!(is_alpha("caf", "é"));
        assert!(!is_alpha("u.", "s"));
        assert!(!is_alpha("", ""));
        assert!(!is_alpha("cafe\u{301}", ""));
        let mut b = String::new();
        push_lower(&mut b, "ÉTATS-Unis ΟΔΟΣ");
        assert_eq!(b, "états-unis οδος");
    }

    #[test]
    fn pos_round_trip() {
        for (i, p) in Pos::ALL.iter().enumerate() {
            assert_eq!(*p as usize, i);
            assert_eq!(Pos::parse(p.as_str()), Some(*p));
        }
    }
}
