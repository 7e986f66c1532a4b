//! The pattern index: which patterns of a block can match a verb occurrence.
//!
//! Every element of a pattern must match for the pattern to match, and most
//! elements need one token with a given word (a plain word, a synset
//! member's first word, a preposition). For each enabled pattern the index
//! picks one such requirement, a *clause* (a set of keys, any of which must
//! be present), the cheapest it has, and files the pattern under each key of
//! that clause. Patterns without a literal (markers only) are always tried.
//!
//! A call of the matcher collects the keys its tokens can satisfy (form,
//! lemma, the stems of the regular plurals the matcher accepts), and tries,
//! in the block's usual order, only the patterns filed under one of them.
//! The filter is sound: a key is filed only if every match of the pattern
//! needs a token offering it, so the result is that of trying every pattern.
//!
//! This module is shared with `build.rs` (it needs `super::parse`).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::parse::{Block, Element, Item, Synset, Word};

/// A small multiplicative hasher for short strings and integers (the
/// standard SipHash costs more than the lookups it serves here).
#[derive(Default, Clone, Copy)]
pub struct WordHasher(u64);

const SEED: u64 = 0x9e37_79b9_7f4a_7c15;

impl WordHasher {
    fn mix(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(SEED);
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.mix(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut b = [0u8; 8];
            b[..rest.len()].copy_from_slice(rest);
            self.mix(u64::from_le_bytes(b));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.mix(i as u64);
    }

    fn write_u32(&mut self, i: u32) {
        self.mix(i as u64);
    }

    fn write_u64(&mut self, i: u64) {
        self.mix(i);
    }

    fn write_usize(&mut self, i: usize) {
        self.mix(i as u64);
    }

    fn finish(&self) -> u64 {
        // The low bits of a product depend on the low bits of the input
        // only; the high ones on all of it. Tables index by the low bits.
        self.0.rotate_left(26)
    }
}

/// A `HashMap` with [`WordHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// Where a key must be found: side (pre/post) and kind (any word / a
/// preposition token).
pub const PRE_WORD: u32 = 0;
pub const POST_WORD: u32 = 1;
pub const PRE_PREP: u32 = 2;
pub const POST_PREP: u32 = 3;

/// A tagged key: `key_id * 4 + tag`.
pub fn tagged(id: u32, tag: u32) -> u32 {
    id * 4 + tag
}

/// Blocks with at most this many enabled patterns are matched by trying
/// them all: collecting the keys of the tokens would cost more.
pub const SMALL_BLOCK: usize = 12;

/// The index of one block.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BlockIndex {
    /// True when the block is small: try every pattern (no postings).
    pub linear: bool,
    /// Bit r set: the pattern of rank r (position in `by_weight`) has no
    /// literal requirement and is always tried.
    pub always: Vec<u64>,
    /// (tagged key, rank), sorted.
    pub postings: Vec<(u32, u16)>,
}

/// One requirement of a pattern: (tag, key strings), any of which must be offered.
type Clause<'a> = (u32, Vec<&'a str>);

fn word_keys<'a>(w: &'a Word, out: &mut Vec<&'a str>) {
    for a in &w.alts {
        out.push(a);
        // `sit-in` also matches the tokens `sit` `-` `in`; the first token
        // must then be the first part (as its form).
        if let Some((first, _)) = a.split_once('-') {
            out.push(first);
        }
    }
}

/// The clauses of one side's elements; `tags` = (word tag, preposition tag) of the side.
fn clauses<'a>(
    elems: &'a [Element],
    tags: (u32, u32),
    synsets: &'a [Synset],
    out: &mut Vec<Clause<'a>>,
) {
    for e in elems {
        match e {
            Element::Phrase(items) => {
                for it in items {
                    let mut keys = Vec::new();
                    match it {
                        Item::Word(w) => word_keys(w, &mut keys),
                        Item::Synset(id) => {
                            for m in &synsets[id.0 as usize].members {
                                match m.first() {
                                    Some(w) => word_keys(w, &mut keys),
                                    // An empty member matches anywhere: no requirement.
                                    None => {
                                        keys.clear();
                                        break;
                                    }
                                }
                            }
                            if synsets[id.0 as usize].members.is_empty() {
                                // Matches nothing; not a usable clause either way.
                                keys.clear();
                            }
                        }
                    }
                    if !keys.is_empty() {
                        keys.sort();
                        keys.dedup();
                        out.push((tags.0, keys));
                    }
                }
            }
            Element::Prep { preps, inner } => {
                let mut keys: Vec<&str> = preps.iter().map(String::as_str).collect();
                keys.sort();
                keys.dedup();
                out.push((tags.1, keys));
                clauses(inner, tags, synsets, out);
            }
            Element::Source | Element::Target | Element::Any | Element::Compound => {}
        }
    }
}

/// The key strings of all blocks' postings, numbered: one text with the
/// end offset of each key, and an open-addressing table of ids by hash (no
/// allocation per key).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Keys {
    /// The keys, concatenated in id order.
    pub text: String,
    /// `ends[i]`: end of key i in `text` (it starts where key i-1 ends).
    pub ends: Vec<u32>,
    /// id + 1 per slot, 0 = empty; the length is a power of two.
    table: Vec<u32>,
}

/// An open-addressing table of ids (+1, 0 = empty) of strings stored
/// elsewhere: `key(id)` gives the string of an id. Its length is a power of
/// two, at least twice the number of ids.
pub fn str_table<'a>(ids: impl Iterator<Item = (u32, &'a str)>, n: usize) -> Vec<u32> {
    let size = (2 * n + 2).next_power_of_two();
    let mut table = vec![0; size];
    for (id, k) in ids {
        let mut slot = hash(k) as usize & (size - 1);
        while table[slot] != 0 {
            slot = (slot + 1) & (size - 1);
        }
        table[slot] = id + 1;
    }
    table
}

/// The id of `k` in a [`str_table`].
pub fn str_table_get<'a>(table: &[u32], k: &str, key: impl Fn(u32) -> &'a str) -> Option<u32> {
    let mask = table.len().checked_sub(1)?;
    let mut slot = hash(k) as usize & mask;
    loop {
        match table[slot] {
            0 => return None,
            id if key(id - 1) == k => return Some(id - 1),
            _ => slot = (slot + 1) & mask,
        }
    }
}

fn hash(k: &str) -> u64 {
    let mut h = WordHasher::default();
    h.write(k.as_bytes());
    h.finish()
}

impl Keys {
    /// The keys of `text` split at `ends` (both as `Keys::text`/`ends`).
    pub fn new(text: String, ends: Vec<u32>) -> Result<Keys, String> {
        let mut prev = 0;
        for &e in &ends {
            if e < prev || e as usize > text.len() || !text.is_char_boundary(e as usize) {
                return Err(format!("bad key end {e}"));
            }
            prev = e;
        }
        let mut k = Keys {
            text,
            ends,
            table: Vec::new(),
        };
        k.rehash(k.ends.len());
        Ok(k)
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn key(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    fn rehash(&mut self, n: usize) {
        let ids = (0..self.ends.len()).map(|i| (i as u32, self.key(i)));
        self.table = str_table(ids, n);
    }

    /// The id of key `k`, if some posting uses it.
    pub fn get(&self, k: &str) -> Option<u32> {
        str_table_get(&self.table, k, |i| self.key(i as usize))
    }

    fn id(&mut self, k: &str) -> u32 {
        if let Some(i) = self.get(k) {
            return i;
        }
        self.text.push_str(k);
        self.ends.push(self.text.len() as u32);
        if 2 * self.ends.len() >= self.table.len() {
            self.rehash(2 * self.ends.len());
        } else {
            let mask = self.table.len() - 1;
            let mut slot = hash(k) as usize & mask;
            while self.table[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            self.table[slot] = self.ends.len() as u32;
        }
        self.ends.len() as u32 - 1
    }
}

/// Builds the index of every block (whose `by_weight` must be set).
pub fn build(blocks: &[Block], synsets: &[Synset]) -> (Keys, Vec<BlockIndex>) {
    // Document frequency of (tag, key) over the chosen clauses' candidates:
    // how many patterns mention it (a proxy for how common it is).
    let linear = |b: &Block| {
        let enabled = b.patterns.iter().filter(|p| p.enabled).count();
        enabled <= SMALL_BLOCK || b.by_weight.len() > u16::MAX as usize
    };
    let mut all: Vec<Vec<Vec<Clause>>> = Vec::with_capacity(blocks.len());
    let mut df: FastMap<(u32, &str), u32> = FastMap::default();
    for b in blocks {
        let patterns = &b.patterns;
        let mut per = Vec::with_capacity(patterns.len());
        for p in patterns.iter() {
            let mut cs = Vec::new();
            if p.enabled && !linear(b) {
                clauses(&p.pre, (PRE_WORD, PRE_PREP), synsets, &mut cs);
                clauses(&p.post, (POST_WORD, POST_PREP), synsets, &mut cs);
            }
            per.push(cs);
        }
        all.push(per);
    }
    for per in &all {
        for cs in per {
            for (tag, keys) in cs {
                for k in keys {
                    *df.entry((*tag, *k)).or_default() += 1;
                }
            }
        }
    }
    let cost = |tag: u32, keys: &[&str]| -> u64 {
        // Prepositions are in most sentences; pattern words rarely are.
        let base = if tag >= PRE_PREP { 1000 } else { 10 };
        keys.iter()
            .map(|k| base + df.get(&(tag, *k)).copied().unwrap_or(0) as u64)
            .sum()
    };
    let mut keys = Keys::default();
    let mut out = Vec::with_capacity(blocks.len());
    for (b, per) in blocks.iter().zip(&all) {
        let (patterns, by_weight) = (&b.patterns, &b.by_weight);
        let words = by_weight.len().div_ceil(64);
        let mut ix = BlockIndex {
            linear: linear(b),
            always: vec![0; words],
            postings: Vec::new(),
        };
        if ix.linear {
            ix.always.clear();
            out.push(ix);
            continue;
        }
        for (rank, &pi) in by_weight.iter().enumerate() {
            let p = &patterns[pi as usize];
            if !p.enabled {
                continue;
            }
            let best = per[pi as usize]
                .iter()
                .min_by_key(|(tag, ks)| cost(*tag, ks));
            match best {
                None => ix.always[rank / 64] |= 1 << (rank % 64),
                Some((tag, ks)) => {
                    for k in ks {
                        ix.postings.push((tagged(keys.id(k), *tag), rank as u16));
                    }
                }
            }
        }
        ix.postings.sort_unstable();
        ix.postings.dedup();
        out.push(ix);
    }
    // The table as `Keys::new` lays it out, so that a decoded index is equal.
    keys.rehash(keys.len());
    (keys, out)
}
