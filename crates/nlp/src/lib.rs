//! dyad's linguistic layer: one tokenization and one parse per document.
//!
//! This crate reproduces the CPU pipeline of spaCy's `en_core_web_sm` 3.8.0
//! (MIT) in pure Rust: the English tokenizer rules, the shared tok2vec
//! (MultiHashEmbed + MaxoutWindowEncoder), the tagger (fine-grained PTB tags),
//! the transition-based arc-eager dependency parser (heads, labels, sentence
//! breaks) and the rule lemmatizer. Weights and tables are converted once by
//! the scripts under `data/gen/nlp/` into files under `data/nlp/` that are
//! embedded in the binary and read without copying.
//!
//! Modules:
//! - [`weights`]: the tensor container format the converted model is stored in.
//! - [`tokenizer`]: spaCy's English tokenizer (prefixes, suffixes, infixes,
//!   special cases, URLs).
//! - [`lex`]: lexical attributes the model reads (NORM, PREFIX, SUFFIX, SHAPE)
//!   and spaCy's string hashes.
//! - [`model`]: tok2vec, tagger and parser inference.
//! - [`lemma`]: the English rule lemmatizer and the tag-to-POS map.

pub mod lemma;
pub mod lex;
pub mod model;
pub mod pipeline;
pub mod tokenizer;
pub mod weights;
