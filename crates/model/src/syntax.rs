//! The syntactic layer of the document view: one tokenization with
//! fine-grained tags, universal parts of speech, lemmas and a dependency tree
//! (spaCy's `en_core_web_sm` scheme: PTB tags, ClearNLP labels), computed once
//! by `dyad-analyze` and read by every extract stage.

use std::fmt;
use std::str::FromStr;

use crate::ByteSpan;

macro_rules! label_enum {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $s:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)] // the names follow the published tag sets
        pub enum $name { $($variant),+ }

        impl $name {
            /// Every value, in the order of the model's label list.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The label as the tag set writes it.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $s),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = UnknownLabel;
            fn from_str(s: &str) -> Result<Self, UnknownLabel> {
                match s {
                    $($s => Ok($name::$variant),)+
                    _ => Err(UnknownLabel { kind: stringify!($name), label: s.to_string() }),
                }
            }
        }
    };
}

/// A label that is not in the tag set it was parsed as.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} label {label:?}")]
pub struct UnknownLabel {
    pub kind: &'static str,
    pub label: String,
}

label_enum! {
    /// A fine-grained Penn Treebank tag (OntoNotes variant, as en_core_web_sm).
    Tag {
        Dollar => "$", CloseQuote => "''", Comma => ",", LRB => "-LRB-", RRB => "-RRB-",
        Period => ".", Colon => ":", ADD => "ADD", AFX => "AFX", CC => "CC", CD => "CD",
        DT => "DT", EX => "EX", FW => "FW", HYPH => "HYPH", IN => "IN", JJ => "JJ",
        JJR => "JJR", JJS => "JJS", LS => "LS", MD => "MD", NFP => "NFP", NN => "NN",
        NNP => "NNP", NNPS => "NNPS", NNS => "NNS", PDT => "PDT", POS => "POS", PRP => "PRP",
        PRPS => "PRP$", RB => "RB", RBR => "RBR", RBS => "RBS", RP => "RP", SYM => "SYM",
        TO => "TO", UH => "UH", VB => "VB", VBD => "VBD", VBG => "VBG", VBN => "VBN",
        VBP => "VBP", VBZ => "VBZ", WDT => "WDT", WP => "WP", WPS => "WP$", WRB => "WRB",
        XX => "XX", SP => "_SP", OpenQuote => "``",
    }
}

label_enum! {
    /// A dependency label (ClearNLP scheme, as en_core_web_sm).
    Dep {
        ROOT => "ROOT", acl => "acl", acomp => "acomp", advcl => "advcl", advmod => "advmod",
        agent => "agent", amod => "amod", appos => "appos", attr => "attr", aux => "aux",
        auxpass => "auxpass", case => "case", cc => "cc", ccomp => "ccomp",
        compound => "compound", conj => "conj", csubj => "csubj", csubjpass => "csubjpass",
        dative => "dative", dep => "dep", det => "det", dobj => "dobj", expl => "expl",
        intj => "intj", mark => "mark", meta => "meta", neg => "neg", nmod => "nmod",
        npadvmod => "npadvmod", nsubj => "nsubj", nsubjpass => "nsubjpass",
        nummod => "nummod", oprd => "oprd", parataxis => "parataxis", pcomp => "pcomp",
        pobj => "pobj", poss => "poss", preconj => "preconj", predet => "predet",
        prep => "prep", prt => "prt", punct => "punct", quantmod => "quantmod",
        relcl => "relcl", xcomp => "xcomp",
    }
}

label_enum! {
    /// A universal part of speech (UD v2), as spaCy's `token.pos_`.
    Pos {
        ADJ => "ADJ", ADP => "ADP", ADV => "ADV", AUX => "AUX", CCONJ => "CCONJ",
        DET => "DET", INTJ => "INTJ", NOUN => "NOUN", NUM => "NUM", PART => "PART",
        PRON => "PRON", PROPN => "PROPN", PUNCT => "PUNCT", SCONJ => "SCONJ", SYM => "SYM",
        VERB => "VERB", X => "X", SPACE => "SPACE",
    }
}

/// One token of the parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SynToken {
    /// Byte span in `Document::text`.
    pub span: ByteSpan,
    /// Whether one space follows the token (spaCy's `whitespace_`).
    pub space_after: bool,
    pub tag: Tag,
    pub pos: Pos,
    pub dep: Dep,
    /// Index of the head token in `Syntax::tokens`; a root is its own head.
    pub head: u32,
    /// Whether a sentence starts here (the parser's sentence breaks).
    pub sent_start: bool,
    /// Byte range of the lemma in `Syntax::lemmas`.
    pub lemma: (u32, u32),
}

/// The parse of one document: tokens in text order, lemmas, sentences.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Syntax {
    pub tokens: Vec<SynToken>,
    /// Every token's lemma, back to back; `SynToken::lemma` indexes it.
    pub lemmas: String,
    /// Sentence spans, from the parser's sentence starts.
    pub sentences: Vec<ByteSpan>,
    /// Dependents of every token, grouped by head: those of token `i` are
    /// `child_list[child_start[i]..child_start[i + 1]]`, in text order.
    child_start: Vec<u32>,
    child_list: Vec<u32>,
}

impl Syntax {
    /// Builds the view from parsed tokens and their lemmas: sentence spans
    /// from the sentence starts, and the dependents index. Heads out of range
    /// are made roots, so the tree is always well formed.
    pub fn new(mut tokens: Vec<SynToken>, lemmas: String) -> Syntax {
        let n = tokens.len();
        let mut sentences = Vec::new();
        for (i, t) in tokens.iter_mut().enumerate() {
            if t.head as usize >= n {
                t.head = i as u32;
            }
            if i == 0 || t.sent_start {
                sentences.push(t.span);
            } else if let Some(last) = sentences.last_mut() {
                last.end = t.span.end;
            }
        }
        let mut child_start = vec![0u32; n + 1];
        for (i, t) in tokens.iter().enumerate() {
            if t.head as usize != i {
                child_start[t.head as usize + 1] += 1;
            }
        }
        for i in 0..n {
            child_start[i + 1] += child_start[i];
        }
        let mut fill = child_start.clone();
        let mut child_list = vec![0u32; child_start[n] as usize];
        for (i, t) in tokens.iter().enumerate() {
            let h = t.head as usize;
            if h != i {
                child_list[fill[h] as usize] = i as u32;
                fill[h] += 1;
            }
        }
        Syntax {
            tokens,
            lemmas,
            sentences,
            child_start,
            child_list,
        }
    }

    /// The lemma of token `i` ("" when out of range).
    pub fn lemma(&self, i: usize) -> &str {
        self.tokens
            .get(i)
            .and_then(|t| self.lemmas.get(t.lemma.0 as usize..t.lemma.1 as usize))
            .unwrap_or("")
    }

    /// The text of token `i` ("" when out of range).
    pub fn text<'a>(&self, text: &'a str, i: usize) -> &'a str {
        self.tokens
            .get(i)
            .and_then(|t| text.get(t.span.start..t.span.end))
            .unwrap_or("")
    }

    /// The index of the token that starts at or contains byte `at`.
    pub fn token_at(&self, at: usize) -> Option<usize> {
        let i = self.tokens.partition_point(|t| t.span.end <= at);
        (i < self.tokens.len() && self.tokens[i].span.start <= at).then_some(i)
    }

    /// The dependents of token `i`, in text order.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let a = self.child_start.get(i).copied().unwrap_or(0) as usize;
        let b = self.child_start.get(i + 1).copied().unwrap_or(0) as usize;
        self.child_list[a..b.max(a)].iter().map(|&j| j as usize)
    }

    /// The dependents of token `i` with label `dep`.
    pub fn children_with(&self, i: usize, label: Dep) -> impl Iterator<Item = usize> + '_ {
        self.children(i)
            .filter(move |&j| self.tokens[j].dep == label)
    }

    /// The tokens of the subtree headed by `i` form the span from the
    /// leftmost to the rightmost descendant (projective trees); this returns
    /// that token range, `[first, last]`.
    pub fn subtree(&self, i: usize) -> (usize, usize) {
        let (mut lo, mut hi) = (i, i);
        let mut stack = vec![i];
        let mut steps = 0usize;
        while let Some(k) = stack.pop() {
            steps += 1;
            if steps > self.tokens.len() {
                break; // a cycle cannot happen in a parse; stay total anyway
            }
            lo = lo.min(k);
            hi = hi.max(k);
            stack.extend(self.children(k));
        }
        (lo, hi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip() {
        for t in Tag::ALL {
            assert_eq!(t.as_str().parse::<Tag>(), Ok(*t));
        }
        for d in Dep::ALL {
            assert_eq!(d.as_str().parse::<Dep>(), Ok(*d));
        }
        for p in Pos::ALL {
            assert_eq!(p.as_str().parse::<Pos>(), Ok(*p));
        }
        assert_eq!(Tag::ALL.len(), 50);
        assert_eq!(Dep::ALL.len(), 45);
        assert!("nsubj:pass".parse::<Dep>().is_err());
    }

    fn tok(start: usize, end: usize, head: u32, label: Dep, sent_start: bool) -> SynToken {
        SynToken {
            span: ByteSpan::new(start, end),
            space_after: true,
            tag: Tag::NN,
            pos: Pos::NOUN,
            dep: label,
            head,
            sent_start,
            lemma: (0, 0),
        }
    }

    #[test]
    fn children_sentences_and_subtrees() {
        // "A saw B . C ran" : saw <- A, B, . ; ran <- C ; 99 is out of range
        let toks = vec![
            tok(0, 1, 1, Dep::nsubj, true),
            tok(2, 5, 1, Dep::ROOT, false),
            tok(6, 7, 1, Dep::dobj, false),
            tok(8, 9, 1, Dep::punct, false),
            tok(10, 11, 5, Dep::nsubj, true),
            tok(12, 15, 99, Dep::ROOT, false),
        ];
        let s = Syntax::new(toks, String::new());
        assert_eq!(s.children(1).collect::<Vec<_>>(), vec![0, 2, 3]);
        assert_eq!(s.children_with(1, Dep::dobj).collect::<Vec<_>>(), vec![2]);
        assert_eq!(s.children(5).collect::<Vec<_>>(), vec![4]);
        assert_eq!(s.tokens[5].head, 5);
        assert_eq!(
            s.sentences,
            vec![ByteSpan::new(0, 9), ByteSpan::new(10, 15)]
        );
        assert_eq!(s.subtree(1), (0, 3));
        assert_eq!(s.token_at(13), Some(5));
        assert_eq!(s.children(42).count(), 0);
    }
}
