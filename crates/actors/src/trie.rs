//! A byte trie stored as flat little-endian arrays, built by `build.rs` and
//! read in place at run time (no decoding at load).
//!
//! Nodes are numbered breadth first, so the children of node `i` are the
//! consecutive nodes `first[i] .. first[i + 1]`, sorted by their label (the
//! byte on the edge into them). A bitmap marks terminal nodes and a rank
//! table (terminals before each 64-node block) turns a terminal node into an
//! index into `values`, which holds two `u32` per terminal: the value for an
//! exact name and the value for a stem (`NONE` when absent).
//!
//! Layout of a serialized trie: `n_nodes: u32`, `n_terms: u32`, then
//! `labels[n_nodes]` (padded to 4 bytes), `first[n_nodes + 1]: u32`,
//! `bits[ceil(n/64)]: u64`, `rank[ceil(n/64)]: u32`, `values[2 * n_terms]: u32`.

#![allow(dead_code)]

/// No value.
pub const NONE: u32 = u32::MAX;
/// Slot of a value for a name whose last word must end at a word end.
pub const EXACT: usize = 0;
/// Slot of a value for a name whose last word is a stem.
pub const STEM: usize = 1;

/// Builds a trie from keys; the first value given for a (key, slot) wins.
#[derive(Debug, Default)]
pub struct Builder {
    children: Vec<Vec<(u8, u32)>>,
    values: Vec<[u32; 2]>,
}

impl Builder {
    /// An empty trie (just the root).
    pub fn new() -> Self {
        Builder {
            children: vec![Vec::new()],
            values: vec![[NONE; 2]],
        }
    }

    /// Inserts `key` with `value` in `slot`; returns false (and changes
    /// nothing) when that key and slot already have a value.
    pub fn insert(&mut self, key: &[u8], slot: usize, value: u32) -> bool {
        let mut node = 0usize;
        for &b in key {
            let next = match self.children[node].binary_search_by_key(&b, |&(l, _)| l) {
                Ok(i) => self.children[node][i].1 as usize,
                Err(i) => {
                    let id = self.children.len();
                    self.children.push(Vec::new());
                    self.values.push([NONE; 2]);
                    self.children[node].insert(i, (b, id as u32));
                    id
                }
            };
            node = next;
        }
        if self.values[node][slot] != NONE {
            return false;
        }
        self.values[node][slot] = value;
        true
    }

    /// Serializes in breadth-first order.
    pub fn to_bytes(&self) -> Vec<u8> {
        let n = self.children.len();
        let mut order = Vec::with_capacity(n); // new id -> old id
        let mut labels = Vec::with_capacity(n);
        order.push(0usize);
        labels.push(0u8);
        let mut first = Vec::with_capacity(n + 1);
        let mut head = 0;
        while head < order.len() {
            let old = order[head];
            first.push(order.len() as u32);
            for &(l, c) in &self.children[old] {
                order.push(c as usize);
                labels.push(l);
            }
            head += 1;
        }
        first.push(order.len() as u32);
        let blocks = n.div_ceil(64);
        let mut bits = vec![0u64; blocks];
        let mut rank = vec![0u32; blocks];
        let mut values = Vec::new();
        let mut terms = 0u32;
        for (new, &old) in order.iter().enumerate() {
            if new % 64 == 0 {
                rank[new / 64] = terms;
            }
            let v = self.values[old];
            if v != [NONE; 2] {
                bits[new / 64] |= 1 << (new % 64);
                values.extend_from_slice(&v);
                terms += 1;
            }
        }
        let mut out = Vec::new();
        out.extend_from_slice(&(n as u32).to_le_bytes());
        out.extend_from_slice(&terms.to_le_bytes());
        out.extend_from_slice(&labels);
        while out.len() % 4 != 0 {
            out.push(0);
        }
        for f in first {
            out.extend_from_slice(&f.to_le_bytes());
        }
        for b in bits {
            out.extend_from_slice(&b.to_le_bytes());
        }
        for r in rank {
            out.extend_from_slice(&r.to_le_bytes());
        }
        for v in values {
            out.extend_from_slice(&v.to_le_bytes());
        }
        out
    }

    /// Number of nodes.
    pub fn nodes(&self) -> usize {
        self.children.len()
    }
}

/// Reads the `i`-th little-endian `u32` of `b`.
#[inline]
pub fn u32_at(b: &[u8], i: usize) -> u32 {
    let s = &b[i * 4..i * 4 + 4];
    u32::from_le_bytes([s[0], s[1], s[2], s[3]])
}

/// A serialized trie, read in place.
#[derive(Debug, Clone, Copy)]
pub struct Trie<'a> {
    labels: &'a [u8],
    first: &'a [u8],
    bits: &'a [u8],
    rank: &'a [u8],
    values: &'a [u8],
}

impl<'a> Trie<'a> {
    /// Views `b` (written by [`Builder::to_bytes`]) as a trie.
    pub fn new(b: &'a [u8]) -> Trie<'a> {
        let n = u32_at(b, 0) as usize;
        let terms = u32_at(b, 1) as usize;
        let mut at = 8;
        let labels = &b[at..at + n];
        at += n.div_ceil(4) * 4;
        let first = &b[at..at + 4 * (n + 1)];
        at += 4 * (n + 1);
        let blocks = n.div_ceil(64);
        let bits = &b[at..at + 8 * blocks];
        at += 8 * blocks;
        let rank = &b[at..at + 4 * blocks];
        at += 4 * blocks;
        let values = &b[at..at + 8 * terms];
        Trie {
            labels,
            first,
            bits,
            rank,
            values,
        }
    }

    /// The root node.
    pub const ROOT: u32 = 0;

    /// The child of `node` along `byte`.
    #[inline]
    pub fn child(&self, node: u32, byte: u8) -> Option<u32> {
        let lo = u32_at(self.first, node as usize) as usize;
        let hi = u32_at(self.first, node as usize + 1) as usize;
        let kids = &self.labels[lo..hi];
        kids.binary_search(&byte).ok().map(|i| (lo + i) as u32)
    }

    /// The (exact, stem) values at `node`, if it is terminal.
    #[inline]
    pub fn values(&self, node: u32) -> Option<[u32; 2]> {
        let n = node as usize;
        let block = n / 64;
        let s = &self.bits[block * 8..block * 8 + 8];
        let word = u64::from_le_bytes([s[0], s[1], s[2], s[3], s[4], s[5], s[6], s[7]]);
        let bit = 1u64 << (n % 64);
        if word & bit == 0 {
            return None;
        }
        let idx = u32_at(self.rank, block) as usize + (word & (bit - 1)).count_ones() as usize;
        Some([
            u32_at(self.values, 2 * idx),
            u32_at(self.values, 2 * idx + 1),
        ])
    }
}

/// Packs sections into one blob: `count: u32`, then `(offset, len): (u32, u32)`
/// per section, then the sections, each aligned to 8 bytes.
pub fn pack(sections: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(&(sections.len() as u32).to_le_bytes());
    let header = 4 + 8 * sections.len();
    let mut at = header.div_ceil(8) * 8;
    let mut offs = Vec::new();
    for s in sections {
        offs.push((at, s.len()));
        at = (at + s.len()).div_ceil(8) * 8;
    }
    for &(o, l) in &offs {
        out.extend_from_slice(&(o as u32).to_le_bytes());
        out.extend_from_slice(&(l as u32).to_le_bytes());
    }
    for (s, &(o, _)) in sections.iter().zip(&offs) {
        out.resize(o, 0);
        out.extend_from_slice(s);
    }
    out
}

/// The `i`-th section of a blob made by [`pack`].
pub fn section(blob: &[u8], i: usize) -> &[u8] {
    let o = u32_at(blob, 1 + 2 * i) as usize;
    let l = u32_at(blob, 2 + 2 * i) as usize;
    &blob[o..o + l]
}
