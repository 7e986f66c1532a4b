//! spaCy's `attribute_ruler` of en_core_web_sm 3.8.0: token patterns (the tag
//! map TAG -> POS + morphology, and word-, dependency- and whitespace-specific
//! rules) that set POS, MORPH, LEMMA, TAG and DEP.
//!
//! The patterns are exported by `data/gen/nlp/export_lemma.py` into
//! `data/nlp/attribute_ruler.json`, in the model's order. spaCy runs one
//! `Matcher` over the document *before* setting anything, then applies the
//! matches sorted by pattern number, so a later pattern overrides an earlier
//! one. Every pattern sets attributes on exactly one token of its match (its
//! `index`), so per token this is: walk the patterns in order and apply each
//! one whose match covers the token at that position. Matching reads the
//! tagger's tags and the parser's labels, never values set by other patterns.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::Value;

use super::Pos;
use crate::weights::WeightsError;

/// A condition on one string attribute (TAG, LOWER or DEP) of a token.
#[derive(Debug, Clone)]
enum Cond {
    Any,
    In(Vec<String>),
    NotIn(Vec<String>),
    Regex(Rx),
    /// A predicate this implementation does not know: never matches.
    Never,
}

/// The regular expressions the model's patterns use (Python `re.search`
/// semantics, where `$` also matches before one final newline).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rx {
    /// `^n'?t$`
    NAposT,
    /// `^n[ou]thin'$`
    NothinApos,
    /// `^y'?$`
    YApos,
}

impl Rx {
    fn parse(src: &str) -> Option<Rx> {
        match src {
            "^n'?t$" => Some(Rx::NAposT),
            "^n[ou]thin'$" => Some(Rx::NothinApos),
            "^y'?$" => Some(Rx::YApos),
            _ => None,
        }
    }

    fn is_match(self, s: &str) -> bool {
        let s = s.strip_suffix('\n').unwrap_or(s);
        match self {
            Rx::NAposT => s == "nt" || s == "n't",
            Rx::NothinApos => s == "nothin'" || s == "nuthin'",
            Rx::YApos => s == "y" || s == "y'",
        }
    }
}

impl Cond {
    fn accepts(&self, s: &str) -> bool {
        match self {
            Cond::Any => true,
            Cond::In(v) => v.iter().any(|x| x == s),
            Cond::NotIn(v) => !v.iter().any(|x| x == s),
            Cond::Regex(rx) => rx.is_match(s),
            Cond::Never => false,
        }
    }

    fn from_json(v: &Value) -> Cond {
        match v {
            Value::String(s) => Cond::In(vec![s.clone()]),
            Value::Object(m) if m.len() == 1 => {
                let strings = |x: &Value| -> Option<Vec<String>> {
                    x.as_array()?
                        .iter()
                        .map(|e| e.as_str().map(str::to_owned))
                        .collect()
                };
                let (op, arg) = m
                    .iter()
                    .next()
                    .map_or(("", &Value::Null), |(k, v)| (k.as_str(), v));
                match op {
                    "IN" => strings(arg).map_or(Cond::Never, Cond::In),
                    "NOT_IN" => strings(arg).map_or(Cond::Never, Cond::NotIn),
                    "REGEX" => arg
                        .as_str()
                        .and_then(Rx::parse)
                        .map_or(Cond::Never, Cond::Regex),
                    _ => Cond::Never,
                }
            }
            _ => Cond::Never,
        }
    }
}

/// What one pattern token asks of a document token.
#[derive(Debug, Clone)]
struct TokenSpec {
    tag: Cond,
    lower: Cond,
    dep: Cond,
    is_space: Option<bool>,
    /// `tag` and `dep` compiled to bitsets over the tag / label classes.
    tag_bits: ClassSet,
    dep_bits: ClassSet,
}

/// A set of string classes: the strings some condition names, sorted, then
/// one class for every other string.
#[derive(Debug, Clone, Default)]
struct ClassSet(Box<[u64]>);

impl ClassSet {
    fn of(cond: &Cond, classes: &[String]) -> ClassSet {
        let n = classes.len() + 1;
        let mut words = vec![0u64; n.div_ceil(64)];
        for c in 0..n {
            let hit = match classes.get(c) {
                Some(name) => cond.accepts(name),
                // Another string: In never names it, NotIn never excludes it.
                // (A regex cannot be decided here; the data has none on
                // TAG or DEP.)
                None => !matches!(cond, Cond::In(_) | Cond::Never),
            };
            if hit {
                if let Some(w) = words.get_mut(c / 64) {
                    *w |= 1 << (c % 64);
                }
            }
        }
        ClassSet(words.into_boxed_slice())
    }

    fn contains(&self, class: usize) -> bool {
        self.0
            .get(class / 64)
            .is_some_and(|w| (w >> (class % 64)) & 1 != 0)
    }
}

/// The class of `s` among the sorted `classes` (`classes.len()` for others).
fn class_in(classes: &[String], s: &str) -> usize {
    classes
        .binary_search_by(|c| c.as_str().cmp(s))
        .unwrap_or(classes.len())
}

/// The sorted, deduplicated strings the conditions `pick` selects name.
fn names(rules: &[Rule], pick: fn(&TokenSpec) -> &Cond) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for rule in rules {
        for alt in &rule.alternatives {
            for spec in alt {
                if let Cond::In(v) | Cond::NotIn(v) = pick(spec) {
                    out.extend(v.iter().cloned());
                }
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

impl TokenSpec {
    fn from_json(m: &serde_json::Map<String, Value>) -> (TokenSpec, bool) {
        let mut spec = TokenSpec {
            tag: Cond::Any,
            lower: Cond::Any,
            dep: Cond::Any,
            is_space: None,
            tag_bits: ClassSet::default(),
            dep_bits: ClassSet::default(),
        };
        let mut known = true;
        for (k, v) in m {
            match k.as_str() {
                "TAG" => spec.tag = Cond::from_json(v),
                "LOWER" => spec.lower = Cond::from_json(v),
                "DEP" => spec.dep = Cond::from_json(v),
                "IS_SPACE" => match v.as_bool() {
                    Some(b) => spec.is_space = Some(b),
                    None => known = false,
                },
                _ => known = false,
            }
        }
        for c in [&spec.tag, &spec.lower, &spec.dep] {
            if matches!(c, Cond::Never) {
                known = false;
            }
        }
        if !known {
            spec.tag = Cond::Never;
        }
        (spec, known)
    }
}

/// The attributes a pattern sets on its target token.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Attrs {
    pub pos: Option<Pos>,
    /// Index into [`AttributeRuler::morphs`].
    pub morph: Option<u16>,
    pub lemma: Option<&'static str>,
    pub tag: Option<&'static str>,
    pub dep: Option<&'static str>,
}

#[derive(Debug, Clone)]
struct Rule {
    /// Alternative token sequences (any one matching is enough).
    alternatives: Vec<Vec<TokenSpec>>,
    /// Which token of the match gets the attributes (negative: from the end).
    index: i64,
    attrs: Attrs,
}

impl Rule {
    /// The position inside an alternative of length `len` that is set.
    fn target(&self, len: usize) -> Option<usize> {
        let len = i64::try_from(len).ok()?;
        let k = if self.index < 0 {
            len + self.index
        } else {
            self.index
        };
        if (0..len).contains(&k) {
            usize::try_from(k).ok()
        } else {
            None
        }
    }
}

/// One token as the matcher sees it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TokenView<'a> {
    /// [`AttributeRuler::tag_class`] of the tag.
    pub tag: usize,
    pub lower: &'a str,
    /// [`AttributeRuler::dep_class`] of the label.
    pub dep: usize,
    pub is_space: bool,
}

impl TokenSpec {
    fn accepts(&self, t: &TokenView<'_>) -> bool {
        self.tag_bits.contains(t.tag)
            && self.dep_bits.contains(t.dep)
            && (self.is_space.is_none() || self.is_space == Some(t.is_space))
            && self.lower.accepts(t.lower)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAttrs<'a> {
    #[serde(rename = "POS", borrow)]
    pos: Option<&'a str>,
    #[serde(rename = "MORPH", borrow)]
    morph: Option<&'a str>,
    #[serde(rename = "LEMMA", borrow)]
    lemma: Option<&'a str>,
    #[serde(rename = "TAG", borrow)]
    tag: Option<&'a str>,
    #[serde(rename = "DEP", borrow)]
    dep: Option<&'a str>,
}

#[derive(Debug, Deserialize)]
struct RawRule<'a> {
    patterns: Vec<Vec<serde_json::Map<String, Value>>>,
    #[serde(borrow)]
    attrs: RawAttrs<'a>,
    index: i64,
}

/// The compiled attribute ruler.
#[derive(Debug)]
pub(crate) struct AttributeRuler {
    rules: Vec<Rule>,
    /// Normalized morphology strings; index 0 is the empty analysis.
    pub morphs: Vec<&'static str>,
    /// Sorted tag strings that some TAG condition names.
    tag_classes: Vec<String>,
    /// Sorted label strings that some DEP condition names.
    dep_classes: Vec<String>,
    /// For each tag class (and a last one for every other tag): the rules
    /// whose target token accepts that tag and whose target LOWER is not a
    /// fixed list of words, in rule order.
    by_tag: Vec<Vec<u16>>,
    /// For each word named in a target LOWER list: the rules whose every
    /// alternative's target LOWER is such a list (and names it), in order.
    by_lower: HashMap<String, Vec<u16>>,
    /// Number of pattern tokens with an attribute or predicate this code does
    /// not implement (they never match); 0 for the shipped data.
    pub unknown_predicates: usize,
}

impl AttributeRuler {
    pub fn parse(json: &'static str) -> Result<AttributeRuler, WeightsError> {
        let raw: Vec<RawRule<'static>> = serde_json::from_str(json)?;
        let mut morphs: Vec<&'static str> = vec![""];
        let mut rules = Vec::with_capacity(raw.len());
        let mut unknown_predicates = 0;
        for r in &raw {
            let morph = r.attrs.morph.map(|m| {
                let m = if m == "_" { "" } else { m };
                match morphs.iter().position(|x| *x == m) {
                    Some(i) => i,
                    None => {
                        morphs.push(m);
                        morphs.len() - 1
                    }
                }
            });
            let attrs = Attrs {
                // An unknown POS string leaves POS alone rather than guessing.
                pos: r.attrs.pos.and_then(Pos::parse),
                morph: morph.and_then(|i| u16::try_from(i).ok()),
                lemma: r.attrs.lemma,
                tag: r.attrs.tag,
                dep: r.attrs.dep,
            };
            let mut alternatives = Vec::with_capacity(r.patterns.len());
            for alt in &r.patterns {
                let mut specs = Vec::with_capacity(alt.len());
                for tok in alt {
                    let (spec, known) = TokenSpec::from_json(tok);
                    if !known {
                        unknown_predicates += 1;
                    }
                    specs.push(spec);
                }
                alternatives.push(specs);
            }
            rules.push(Rule {
                alternatives,
                index: r.index,
                attrs,
            });
        }
        // Tag and label names mentioned in conditions: each is a class of its
        // own, every other string behaves alike.
        let tag_classes = names(&rules, |t| &t.tag);
        let dep_classes = names(&rules, |t| &t.dep);
        for rule in &mut rules {
            for alt in &mut rule.alternatives {
                for spec in alt {
                    spec.tag_bits = ClassSet::of(&spec.tag, &tag_classes);
                    spec.dep_bits = ClassSet::of(&spec.dep, &dep_classes);
                }
            }
        }
        let lower_keyed = |rule: &Rule| {
            rule.alternatives.iter().all(|alt| {
                rule.target(alt.len())
                    .is_some_and(|k| matches!(alt[k].lower, Cond::In(_)))
            })
        };
        let mut by_lower: HashMap<String, Vec<u16>> = HashMap::new();
        for (ri, rule) in rules.iter().enumerate() {
            if !lower_keyed(rule) {
                continue;
            }
            let Ok(ri) = u16::try_from(ri) else { continue };
            for alt in &rule.alternatives {
                if let Some(Cond::In(words)) = rule.target(alt.len()).map(|k| &alt[k].lower) {
                    for w in words {
                        let list = by_lower.entry(w.clone()).or_default();
                        if list.last() != Some(&ri) {
                            list.push(ri);
                        }
                    }
                }
            }
        }
        let mut by_tag = Vec::with_capacity(tag_classes.len() + 1);
        for class in 0..=tag_classes.len() {
            let mut list = Vec::new();
            for (ri, rule) in rules.iter().enumerate() {
                if lower_keyed(rule) {
                    continue;
                }
                let accepts = rule.alternatives.iter().any(|alt| {
                    rule.target(alt.len())
                        .is_some_and(|k| alt[k].tag_bits.contains(class))
                });
                if accepts {
                    if let Ok(ri) = u16::try_from(ri) {
                        list.push(ri);
                    }
                }
            }
            by_tag.push(list);
        }
        Ok(AttributeRuler {
            rules,
            morphs,
            tag_classes,
            dep_classes,
            by_tag,
            by_lower,
            unknown_predicates,
        })
    }

    /// The class of a tag, for [`TokenView::tag`].
    pub fn tag_class(&self, tag: &str) -> usize {
        class_in(&self.tag_classes, tag)
    }

    /// The class of a dependency label, for [`TokenView::dep`].
    pub fn dep_class(&self, dep: &str) -> usize {
        class_in(&self.dep_classes, dep)
    }

    /// Applies every pattern whose match sets token `i` of `doc`, in pattern
    /// order, onto `out`.
    pub fn apply(&self, doc: &[TokenView<'_>], i: usize, out: &mut Attrs) {
        let Some(me) = doc.get(i) else { return };
        let general = self.by_tag.get(me.tag).map_or(&[][..], Vec::as_slice);
        let worded = self.by_lower.get(me.lower).map_or(&[][..], Vec::as_slice);
        // Both lists are in rule order; walk them merged.
        let (mut g, mut w) = (0, 0);
        loop {
            let ri = match (general.get(g), worded.get(w)) {
                (Some(&a), Some(&b)) if a < b => {
                    g += 1;
                    a
                }
                (_, Some(&b)) => {
                    w += 1;
                    b
                }
                (Some(&a), None) => {
                    g += 1;
                    a
                }
                (None, None) => break,
            };
            let Some(rule) = self.rules.get(usize::from(ri)) else {
                continue;
            };
            if self.rule_hits(rule, doc, i, me) {
                let a = &rule.attrs;
                if a.pos.is_some() {
                    out.pos = a.pos;
                }
                if a.morph.is_some() {
                    out.morph = a.morph;
                }
                if a.lemma.is_some() {
                    out.lemma = a.lemma;
                }
                if a.tag.is_some() {
                    out.tag = a.tag;
                }
                if a.dep.is_some() {
                    out.dep = a.dep;
                }
            }
        }
    }

    fn rule_hits(&self, rule: &Rule, doc: &[TokenView<'_>], i: usize, me: &TokenView<'_>) -> bool {
        rule.alternatives.iter().any(|alt| {
            let Some(k) = rule.target(alt.len()) else {
                return false;
            };
            // The target token first: it rejects almost every candidate.
            if !alt[k].accepts(me) {
                return false;
            }
            let Some(start) = i.checked_sub(k) else {
                return false;
            };
            let Some(toks) = doc.get(start..start + alt.len()) else {
                return false;
            };
            alt.iter().zip(toks).all(|(spec, t)| spec.accepts(t))
        })
    }
}
