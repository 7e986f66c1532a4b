//! The pattern matcher over caller-built token lists.

use crate::index::{self, BlockIndex};
use crate::parse::{Block, Codes, Dictionary, Element, Item, Pattern, Sense, Word};

/// One word of the text as the matcher sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok<'a> {
    /// Lowercase surface form.
    pub lower: &'a str,
    /// Lowercase lemma.
    pub lemma: &'a str,
    /// The word heads a prepositional phrase.
    pub prep: bool,
    /// First word of a noun phrase or prepositional phrase.
    pub phrase_start: bool,
    /// The word is (the head of) an actor mention.
    pub actor: bool,
}

impl<'a> Tok<'a> {
    /// A plain word (no flags).
    pub fn word(lower: &'a str, lemma: &'a str) -> Self {
        Tok {
            lower,
            lemma,
            prep: false,
            phrase_start: false,
            actor: false,
        }
    }
}

/// The result of [`Dictionary::best_match`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match<'d> {
    /// The pattern that matched; None = the verb's or block's default code.
    pub pattern: Option<&'d Pattern>,
    /// The codes to apply. Both halves None means a pattern says "no event"
    /// (`[---]`): the caller must not code the verb at all.
    pub codes: Codes,
    /// Index of the token `$` (or `%`) matched, in `post` if `source_in_post`
    /// else in `pre`.
    pub source: Option<usize>,
    pub source_in_post: bool,
    /// Index of the token `+` matched, in `post` if `target_in_post` else in `pre`.
    pub target: Option<usize>,
    pub target_in_post: bool,
    /// `%` matched: the source is a compound actor (source and target both).
    pub compound: bool,
    /// The pattern's weight (0 for defaults).
    pub weight: usize,
}

/// Where markers matched while matching one side.
#[derive(Default, Clone, Copy)]
struct Marks {
    source: Option<usize>,
    target: Option<usize>,
    compound: bool,
}

fn word_matches(w: &Word, t: &Tok<'_>) -> bool {
    w.alts.iter().any(|a| {
        if t.lower == a {
            return true;
        }
        if w.exact {
            return false;
        }
        t.lemma == a
            || t.lower.strip_suffix('s').is_some_and(|s| {
                // Regular plural / third person: a + s, a + es, a(-y) + ies.
                s == a
                    || s.strip_suffix('e').is_some_and(|s| s == a)
                    || (a.ends_with('y')
                        && s.strip_suffix("ie").is_some_and(|s| s == &a[..a.len() - 1]))
            })
    })
}

/// Length of the match of word `w` starting at `toks[at]` (hyphenated words
/// may span the tokens `sit` `-` `in`), or None.
fn word_len(w: &Word, toks: &[Tok<'_>], at: usize) -> Option<usize> {
    let t = toks.get(at)?;
    if word_matches(w, t) {
        return Some(1);
    }
    for a in &w.alts {
        if !a.contains('-') {
            continue;
        }
        let mut i = at;
        let mut ok = true;
        for (k, part) in a.split('-').enumerate() {
            if k > 0 {
                if toks.get(i).map(|t| t.lower) != Some("-") {
                    ok = false;
                    break;
                }
                i += 1;
            }
            let last = k + 1 == a.split('-').count();
            let pw = Word {
                alts: vec![part.to_string()],
                exact: w.exact || !last,
            };
            match toks.get(i) {
                Some(t) if word_matches(&pw, t) => i += 1,
                _ => {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            return Some(i - at);
        }
    }
    None
}

impl Dictionary {
    /// Shortest length of a contiguous match of `items` at `toks[at..]`.
    fn items_len(&self, items: &[Item], toks: &[Tok<'_>], at: usize) -> Option<usize> {
        let Some((first, rest)) = items.split_first() else {
            return Some(0);
        };
        let mut best: Option<usize> = None;
        let consider = |len: usize, best: &mut Option<usize>| {
            if let Some(r) = self.items_len(rest, toks, at + len) {
                let total = len + r;
                if best.is_none_or(|b| total < b) {
                    *best = Some(total);
                }
            }
        };
        match first {
            Item::Word(w) => {
                if let Some(l) = word_len(w, toks, at) {
                    consider(l, &mut best);
                }
            }
            Item::Synset(id) => {
                for member in &self.synset(*id).members {
                    let mut i = at;
                    let mut ok = true;
                    for w in member {
                        match word_len(w, toks, i) {
                            Some(l) => i += l,
                            None => {
                                ok = false;
                                break;
                            }
                        }
                    }
                    if ok {
                        consider(i - at, &mut best);
                    }
                }
            }
        }
        best
    }

    /// Earliest end (exclusive) of a match of `e` starting at or after
    /// `from`, within `toks[..limit]`.
    fn element_end(
        &self,
        e: &Element,
        toks: &[Tok<'_>],
        from: usize,
        limit: usize,
        marks: &mut Marks,
    ) -> Option<usize> {
        let single = |pred: &dyn Fn(&Tok<'_>) -> bool| -> Option<usize> {
            (from..limit).find(|&i| pred(&toks[i]))
        };
        match e {
            Element::Phrase(items) => {
                let mut best: Option<usize> = None;
                for s in from..limit {
                    if best.is_some_and(|b| s >= b) {
                        break;
                    }
                    if let Some(l) = self.items_len(items, &toks[..limit], s) {
                        let end = s + l.max(1);
                        if best.is_none_or(|b| end < b) {
                            best = Some(end);
                        }
                    }
                }
                best
            }
            Element::Source => {
                let i = single(&|t| t.actor)?;
                marks.source = Some(i);
                Some(i + 1)
            }
            Element::Target => {
                let i = single(&|t| t.actor)?;
                marks.target = Some(i);
                Some(i + 1)
            }
            Element::Compound => {
                let i = single(&|t| t.actor)?;
                marks.source = Some(i);
                marks.compound = true;
                Some(i + 1)
            }
            Element::Any => single(&|t| t.phrase_start && !t.prep).map(|i| i + 1),
            Element::Prep { preps, inner } => {
                for p in from..limit {
                    let t = &toks[p];
                    if !t.prep || !preps.iter().any(|x| x == t.lower || x == t.lemma) {
                        continue;
                    }
                    let region_end = (p + 1..limit).find(|&i| toks[i].prep).unwrap_or(limit);
                    let mut m = *marks;
                    if let Some(end) = self.seq_end(inner, toks, p + 1, region_end, &mut m) {
                        *marks = m;
                        return Some(end.max(p + 1));
                    }
                }
                None
            }
        }
    }

    /// Matches elements in order with gaps; returns the end of the last one.
    fn seq_end(
        &self,
        elems: &[Element],
        toks: &[Tok<'_>],
        from: usize,
        limit: usize,
        marks: &mut Marks,
    ) -> Option<usize> {
        let mut at = from;
        for e in elems {
            at = self.element_end(e, toks, at, limit, marks)?;
        }
        Some(at)
    }

    /// Does `p` match this verb occurrence? Returns the marks on each side.
    fn pattern_marks(
        &self,
        p: &Pattern,
        pre: &[Tok<'_>],
        post: &[Tok<'_>],
    ) -> Option<(Marks, Marks)> {
        if !p.enabled {
            return None;
        }
        let mut mpre = Marks::default();
        self.seq_end(&p.pre, pre, 0, pre.len(), &mut mpre)?;
        let mut mpost = Marks::default();
        self.seq_end(&p.post, post, 0, post.len(), &mut mpost)?;
        Some((mpre, mpost))
    }

    /// The best pattern of `sense`'s block for a verb occurrence whose subject
    /// phrase is `pre` and whose words after the verb are `post`.
    ///
    /// The pattern with the highest [`Pattern::weight`] among those that
    /// match wins; ties go to the pattern earlier in the file. With no
    /// matching pattern the sense's own code applies, else the block's; if
    /// that is absent or `[---]` there is no event and the result is None.
    ///
    /// Only the patterns the block's index lists for the tokens' words
    /// (plus those without any literal) are tried; the result is the same as
    /// trying them all.
    pub fn best_match<'d>(
        &'d self,
        sense: &Sense,
        pre: &[Tok<'_>],
        post: &[Tok<'_>],
    ) -> Option<Match<'d>> {
        let block = self.blocks.get(sense.block.0 as usize)?;
        let ix = &block.index;
        if ix.linear {
            return self.best_of(sense, block, block.by_weight.iter().copied(), pre, post);
        }
        let n = block.by_weight.len();
        let mut stack = [0u64; 4];
        let mut heap = Vec::new();
        let bits: &mut [u64] = if n <= 256 {
            &mut stack[..ix.always.len()]
        } else {
            heap.resize(ix.always.len(), 0);
            &mut heap
        };
        self.mark_candidates(ix, pre, post, bits);
        let bits = &*bits;
        let ranks = bits.iter().enumerate().flat_map(|(w, &word)| {
            let mut word = word;
            std::iter::from_fn(move || {
                if word == 0 {
                    return None;
                }
                let b = word.trailing_zeros() as usize;
                word &= word - 1;
                Some(w * 64 + b)
            })
        });
        self.best_of(sense, block, ranks.map(|r| block.by_weight[r]), pre, post)
    }

    /// Sets in `bits` (one per rank of the block's `by_weight`) the patterns
    /// that can match: the always-tried ones and those filed under a key the
    /// tokens offer.
    pub(crate) fn mark_candidates(
        &self,
        ix: &BlockIndex,
        pre: &[Tok<'_>],
        post: &[Tok<'_>],
        bits: &mut [u64],
    ) {
        bits.copy_from_slice(&ix.always);
        for k in self.token_keys(pre, post) {
            let from = ix.postings.partition_point(|&(x, _)| x < k);
            for &(x, rank) in &ix.postings[from..] {
                if x != k {
                    break;
                }
                bits[rank as usize / 64] |= 1 << (rank % 64);
            }
        }
    }

    /// The tagged keys (see `index.rs`) the tokens offer, sorted, deduplicated.
    fn token_keys(&self, pre: &[Tok<'_>], post: &[Tok<'_>]) -> Vec<u32> {
        let ids = &self.keys;
        let mut out = Vec::with_capacity(4 * (pre.len() + post.len()));
        let sides = [
            (index::PRE_WORD, index::PRE_PREP, pre),
            (index::POST_WORD, index::POST_PREP, post),
        ];
        for (word_tag, prep_tag, toks) in sides {
            for t in toks {
                let word = |k: &str, out: &mut Vec<u32>| {
                    if let Some(id) = ids.get(k) {
                        out.push(index::tagged(id, word_tag));
                    }
                };
                word(t.lower, &mut out);
                if t.lemma != t.lower {
                    word(t.lemma, &mut out);
                }
                // The stems the regular plural rule of `word_matches` accepts.
                if let Some(s) = t.lower.strip_suffix('s') {
                    word(s, &mut out);
                    if let Some(s) = s.strip_suffix('e') {
                        word(s, &mut out);
                        if let Some(s) = s.strip_suffix('i') {
                            let mut y = String::with_capacity(s.len() + 1);
                            y.push_str(s);
                            y.push('y');
                            word(&y, &mut out);
                        }
                    }
                }
                if t.prep {
                    for k in [t.lower, t.lemma] {
                        if let Some(id) = ids.get(k) {
                            out.push(index::tagged(id, prep_tag));
                        }
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The first of `order` (pattern indices, best first) that matches, else
    /// the sense's or block's default.
    fn best_of<'d>(
        &'d self,
        sense: &Sense,
        block: &'d Block,
        order: impl Iterator<Item = u32>,
        pre: &[Tok<'_>],
        post: &[Tok<'_>],
    ) -> Option<Match<'d>> {
        // Heaviest first, file order within a weight: the first match wins.
        let mut best: Option<(usize, &'d Pattern, Marks, Marks)> = None;
        for i in order {
            let p = &block.patterns[i as usize];
            if let Some((a, b)) = self.pattern_marks(p, pre, post) {
                best = Some((p.weight(), p, a, b));
                break;
            }
        }
        if let Some((w, p, a, b)) = best {
            let (source, source_in_post) = match (a.source, b.source) {
                (Some(i), _) => (Some(i), false),
                (None, Some(i)) => (Some(i), true),
                _ => (None, false),
            };
            let (target, target_in_post) = match (a.target, b.target) {
                (Some(i), _) => (Some(i), false),
                (None, Some(i)) => (Some(i), true),
                _ => (None, false),
            };
            return Some(Match {
                pattern: Some(p),
                codes: p.codes,
                source,
                source_in_post,
                target,
                target_in_post,
                compound: a.compound || b.compound,
                weight: w,
            });
        }
        let codes = sense.codes.or(block.codes)?;
        if codes.is_null() {
            return None;
        }
        Some(Match {
            pattern: None,
            codes,
            source: None,
            source_in_post: false,
            target: None,
            target_in_post: false,
            compound: false,
            weight: 0,
        })
    }

    /// The matcher before the index: tries every pattern of the block. The
    /// reference the tests compare [`Dictionary::best_match`] with.
    #[cfg(test)]
    pub(crate) fn best_match_reference<'d>(
        &'d self,
        sense: &Sense,
        pre: &[Tok<'_>],
        post: &[Tok<'_>],
    ) -> Option<Match<'d>> {
        let block = self.blocks.get(sense.block.0 as usize)?;
        self.best_of(sense, block, block.by_weight.iter().copied(), pre, post)
    }
}

impl Sense {
    /// True if the words of a multi-word verb after the inflected word
    /// (`after`, e.g. "for" of `+ASK_FOR`) occur in `post` in order. The
    /// words before it are not checked (the caller sees them in the text).
    pub fn fits(&self, post: &[Tok<'_>]) -> bool {
        let mut i = 0;
        for a in &self.after {
            match post[i..].iter().position(|t| t.lower == a) {
                Some(k) => i += k + 1,
                None => return false,
            }
        }
        true
    }
}
