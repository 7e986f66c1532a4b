//! PETRARCH2's CAMEO verb-pattern dictionary (`data/petrarch2/CAMEO.2.0.txt`,
//! MIT, Open Event Data Alliance) as data, with a pattern matcher that needs
//! no parser types.
//!
//! `build.rs` parses the file with this crate's parser and fails the build,
//! with `file:line: reason`, on a malformed line, an unknown synset or a
//! CAMEO code missing from `crates/extract/data/cameo_codes.tsv`, and writes
//! the parsed dictionary in a compact binary form to `OUT_DIR`. At run time
//! [`dictionary()`] decodes that form once (lazily), which skips lexing and
//! checking the text; lookups are allocation-free hash tables and slices, and
//! each block has an index of its patterns by the words they need, so a
//! match only tries the patterns that can match.
//!
//! # The file format
//!
//! - **Synonym sets** (before the first block): `&NAME` then `+MEMBER` lines.
//!   A member is one word or several joined by `_` (contiguous words). A
//!   trailing `_` on the member, or on the set's name, means no plural: the
//!   word must be equal to the token's own form. Otherwise a member word
//!   matches the token's form, its lemma, or a regular plural of the word.
//! - **Blocks** `--- NAME [code] ---`; `[---]` = the bare verb codes nothing.
//! - **Verb lines** `BASE {FORMS} [code] # comment`. A multi-word verb joins
//!   words with `_` and marks the inflected word with `+` (`+ASK_FOR`,
//!   `WIRE_+TAP`). `{}` lists the other forms of the inflected word; without
//!   `{}` the regular forms are generated as PETRARCH2 does (-s/-es/-ies,
//!   -d/-ed, -ing). A verb's own `[code]` overrides the block's; `[---]` on a
//!   verb means no event even if the block has a code.
//! - **Patterns** `- pre * post [code] # comment`, elements:
//!   - `WORD`: one token whose form or lemma is WORD (or a regular plural);
//!     `WORD_`: the form only. PETRARCH2 compares whole words (it matches
//!     phrase heads; stem/prefix matching was TABARI's), so this crate does
//!     no prefix matching. A hyphenated word also matches its parts as
//!     separate tokens (`sit` `-` `in`).
//!   - `A_B`, `{A B}`: contiguous tokens. `&SET`: any member of the set,
//!     possibly multi-word; sets may appear inside `{}` and after `_`.
//!   - `(P X ...)`: a token equal to P with `prep` set, then the inner
//!     elements in order inside that phrase (up to the next `prep` token).
//!     `(P)` needs the preposition only.
//!   - `$` source, `+` target, `%` compound actor: a token with `actor` set;
//!     `^`: any noun phrase (a `phrase_start` token that is not a preposition).
//!   - Elements of each side match in order with gaps allowed, `pre` against
//!     the subject phrase, `post` against the words after the verb.
//!     PETRARCH2 matches the tree instead (noun elements against the verb
//!     phrase's NPs, then its PPs); in-order-with-gaps is the flat-list
//!     reading of the same patterns (TABARI's rule).
//! - **Transformations** `~ ...`: kept with their codes checked; not used by
//!   the matcher.
//!
//! # Codes `[A:B]`
//!
//! Checked in PETRARCH2's `utilities.convert_code` and `PETRtree.py`:
//! `A` is the "active" code, `B` the "passive" one. `VerbPhrase.get_meaning`
//! codes `subject -> object` with A and, when B is present, adds the event
//! `object -> subject` with B. So `RUSH (TO) [042:043]` is "X visits Y" plus
//! "Y hosts X". With A empty (`[:173]`), `get_code` treats the verb as
//! passive: the grammatical subject is the *target* and the source is looked
//! for in BY/FROM/IN phrases ("X appeared in court" -> X is the target of 173).
//! `[---]` on a pattern means the pattern matches and there is no event.
//!
//! # Matching rule
//!
//! [`Dictionary::best_match`]: among the block's enabled patterns that match,
//! the one with the highest [`Pattern::weight`] (the number of words,
//! prepositions and markers it needs) wins; ties go to the earlier line.
//! With none, the sense's code, else the block's, else no event (None).
//!
//! Blocks of more than a dozen patterns are indexed (`src/index.rs`): each
//! pattern is filed under the keys of one requirement it has (a word, a
//! synset's first words, a preposition; the rarest by a frequency proxy), and
//! a call only tries the patterns filed under a key its tokens offer (form,
//! lemma, the stems of accepted plurals) plus those needing only markers.
//! The result is the same as trying every pattern; the tests compare the two
//! on every pattern of the file and on random token lists.
//!
//! # Known defects of the upstream file
//!
//! Each is normalised explicitly and recorded in
//! [`Dictionary::normalisations`]: a code glued to the block header's
//! closing `---`, `;` comments and commas in verb lines, `*` glued to a word
//! (`*SCEPTICAL`, `*_LAWS`, `SPY_*_DEAL`: read as separate, the adjacency is
//! dropped), a stray `^)`, the code `080!`, `A/B` in patterns (read as
//! alternatives; PETRARCH2 reads them as literals that never match) and
//! four undefined synsets (`&FIGHT_CRIM`, `&FIGHT_GAMES`, `&WEATHER`,
//! `&DEMONSTRATION`: the pattern is kept but disabled, which is what
//! PETRARCH2's behaviour amounts to). Any other irregularity is an error.

use std::sync::LazyLock;

pub use dyad_model::CameoCode;

/// The code type of the parser.
pub type Code = CameoCode;

fn make_code(s: &str) -> Result<Code, String> {
    CameoCode::new(s).map_err(|e| format!("bad CAMEO code {s}: {e}"))
}

// `encode` is used by build.rs and the tests only.
#[cfg_attr(not(test), allow(dead_code))]
mod codec;
mod index;
mod matcher;
pub mod parse;

pub use matcher::{Match, Tok};
pub use parse::{
    Block, BlockId, Codes, Dictionary, Element, Item, Normalisation, ParseError, Pattern, Sense,
    Stats, Synset, SynsetId, Transformation, Word,
};

/// The embedded dictionary file.
pub const SOURCE: &str = include_str!("../../../data/petrarch2/CAMEO.2.0.txt");

/// dyad's own verb blocks, read after [`SOURCE`] (`data/dyad/verbs.txt`).
pub const SUPPLEMENT: &str = include_str!("../../../data/dyad/verbs.txt");

/// The dictionary as build.rs parsed it, in the binary form of `codec.rs`.
static BLOB: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/cameo.bin"));

static DICT: LazyLock<Dictionary> = LazyLock::new(|| {
    // build.rs wrote BLOB with the same codec (a test decodes it and
    // compares it with a parse of SOURCE). Should it still not decode, parse
    // the text: build.rs ran the same parser over the same file and the
    // build fails if it errs, so that cannot fail at run time.
    codec::decode(BLOB).unwrap_or_else(|_| {
        Dictionary::parse_with(SOURCE, SUPPLEMENT).expect("the verb files were checked by build.rs")
    })
});

/// Decodes the embedded dictionary afresh (what [`dictionary()`] does once);
/// for benchmarks.
#[doc(hidden)]
pub fn decode_embedded() -> Dictionary {
    codec::decode(BLOB).expect("build.rs wrote the blob")
}

/// The CAMEO verb dictionary, decoded on first use.
pub fn dictionary() -> &'static Dictionary {
    &DICT
}

#[cfg(test)]
mod tests;
