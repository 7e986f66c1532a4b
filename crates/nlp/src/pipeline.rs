//! The whole pipeline: text -> tokens -> tok2vec -> tags -> parse -> lemmas.

use crate::lemma::Lemmatizer;
use crate::model::parser::{Arc, Parser};
use crate::model::tagger::Tagger;
use crate::model::tok2vec::{Tok2Vec, TokenInput};
use crate::tokenizer::{Token, Tokenizer};

/// The result of [`Nlp::parse`]: one entry per token in each vector.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub tokens: Vec<Token>,
    /// Fine-grained tags, as spaCy's `tag_` after the attribute ruler
    /// (whitespace tokens are `_SP`).
    pub tags: Vec<&'static str>,
    /// Heads and labels; [`Arc::label`] indexes [`Nlp::dep_labels`].
    pub arcs: Vec<Arc>,
    /// Dependency labels, as spaCy's `dep_` after the attribute ruler.
    pub deps: Vec<&'static str>,
    /// Universal POS, as spaCy's `pos_` ("NOUN"; "" for none).
    pub pos: Vec<&'static str>,
    pub lemmas: Vec<String>,
}

/// spaCy's `en_core_web_sm` pipeline (tokenizer, tok2vec, tagger, parser,
/// attribute ruler, lemmatizer), built once and shared.
#[derive(Debug)]
pub struct Nlp {
    tokenizer: &'static Tokenizer,
    tok2vec: &'static Tok2Vec,
    tagger: &'static Tagger,
    parser: &'static Parser,
    lemmatizer: &'static Lemmatizer,
}

/// Scratch buffers reused across documents by one thread.
#[derive(Debug, Default)]
pub struct Scratch {
    t2v: Vec<f32>,
}

impl Nlp {
    /// The English pipeline (weights embedded in the binary, loaded once).
    pub fn english() -> &'static Nlp {
        static NLP: std::sync::OnceLock<Nlp> = std::sync::OnceLock::new();
        NLP.get_or_init(|| Nlp {
            tokenizer: Tokenizer::english(),
            tok2vec: Tok2Vec::english(),
            tagger: Tagger::english(),
            parser: Parser::english(),
            lemmatizer: Lemmatizer::english(),
        })
    }

    /// The tagger's fine-grained tag names.
    pub fn tag_labels(&self) -> &[String] {
        self.tagger.labels()
    }

    /// The dependency label names, indexed by [`Arc::label`].
    pub fn dep_labels(&self) -> &[String] {
        self.parser.labels()
    }

    /// Tokenizes and parses `text`.
    pub fn parse(&self, text: &str, scratch: &mut Scratch) -> Parsed {
        let tokens = self.tokenizer.tokenize(text);
        self.parse_tokens(text, tokens, scratch)
    }

    /// Parses tokens found elsewhere (a treebank's own words); `tokens` must
    /// be increasing, non-overlapping byte spans of `text`.
    pub fn parse_tokens(&self, text: &str, tokens: Vec<Token>, scratch: &mut Scratch) -> Parsed {
        let words: Vec<&str> = tokens
            .iter()
            .map(|t| text.get(t.start..t.end).unwrap_or(""))
            .collect();
        let inputs: Vec<TokenInput> = tokens
            .iter()
            .zip(&words)
            .map(|(t, w)| TokenInput {
                text: w,
                norm_override: t.norm,
                space_after: t.space_after,
            })
            .collect();
        let mut tag_ids = Vec::new();
        let mut arcs = Vec::new();
        if !tokens.is_empty() {
            self.tok2vec.forward(&inputs, &mut scratch.t2v);
            self.tagger.predict(&scratch.t2v, &mut tag_ids);
            let is_space: Vec<bool> = words.iter().map(|w| crate::lex::is_space(w)).collect();
            self.parser.parse(&scratch.t2v, &is_space, &mut arcs);
        }
        let tag_labels: &'static [String] = self.tagger.labels();
        let dep_labels: &'static [String] = self.parser.labels();
        let mut tags: Vec<&'static str> = tag_ids
            .iter()
            .map(|&t| tag_labels.get(t as usize).map_or("", String::as_str))
            .collect();
        let mut deps: Vec<&'static str> = arcs
            .iter()
            .map(|a| dep_labels.get(a.label as usize).map_or("", String::as_str))
            .collect();
        let annotated = self.lemmatizer.annotate_with_deps(&words, &tags, &deps);
        let mut pos = Vec::with_capacity(annotated.len());
        let mut lemmas = Vec::with_capacity(annotated.len());
        for (i, a) in annotated.into_iter().enumerate() {
            pos.push(a.pos.as_str());
            if let (Some(t), Some(slot)) = (a.tag, tags.get_mut(i)) {
                *slot = t;
            }
            if let (Some(d), Some(slot)) = (a.dep, deps.get_mut(i)) {
                *slot = d;
            }
            lemmas.push(a.lemma);
        }
        Parsed {
            tokens,
            tags,
            arcs,
            deps,
            pos,
            lemmas,
        }
    }
}
