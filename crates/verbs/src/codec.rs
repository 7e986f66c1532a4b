//! A compact binary form of the parsed dictionary.
//!
//! `build.rs` parses `CAMEO.2.0.txt` (checking it) and writes this form to
//! `OUT_DIR`; the library embeds it and decodes it on first use, which skips
//! the lexing and checking of the text. Only the parsed parts are stored; the
//! lookup maps and the pattern index are rebuilt by
//! `Dictionary::assemble`, the same code `Dictionary::parse` ends with, so a
//! decoded dictionary equals a parsed one (a test checks it).
//!
//! Layout: the magic bytes, then each part in order; numbers are LEB128
//! `u32`, strings a length then UTF-8 bytes, optional codes a length (0 =
//! none) then digits. This module is shared with `build.rs` (it needs
//! `super::parse`, `super::make_code` and `Code::as_str`).

use super::index::{BlockIndex, Keys};
use super::make_code;
use super::parse::{
    reasons, Block, BlockId, Codes, Derived, Dictionary, Element, Item, Normalisation, Pattern,
    Sense, Synset, SynsetId, Transformation, Word,
};
use super::Code;

const MAGIC: &[u8; 8] = b"DYADVB\x01\n";

struct Out(Vec<u8>);

impl Out {
    fn n(&mut self, mut x: u32) {
        loop {
            let b = (x & 0x7f) as u8;
            x >>= 7;
            if x == 0 {
                self.0.push(b);
                return;
            }
            self.0.push(b | 0x80);
        }
    }

    fn len(&mut self, x: usize) {
        self.n(u32::try_from(x).expect("dictionary part larger than u32"));
    }

    fn str(&mut self, s: &str) {
        self.len(s.len());
        self.0.extend_from_slice(s.as_bytes());
    }

    fn strs(&mut self, v: &[String]) {
        self.len(v.len());
        for s in v {
            self.str(s);
        }
    }

    fn code(&mut self, c: Option<Code>) {
        match c {
            None => self.n(0),
            Some(c) => self.str(c.as_str()),
        }
    }

    fn codes(&mut self, c: Codes) {
        self.code(c.forward);
        self.code(c.reverse);
    }

    fn opt_codes(&mut self, c: Option<Codes>) {
        match c {
            None => self.n(0),
            Some(c) => {
                self.n(1);
                self.codes(c);
            }
        }
    }

    fn word(&mut self, w: &Word) {
        self.n(w.exact as u32);
        self.strs(&w.alts);
    }

    fn elements(&mut self, es: &[Element]) {
        self.len(es.len());
        for e in es {
            match e {
                Element::Phrase(items) => {
                    self.n(0);
                    self.len(items.len());
                    for it in items {
                        match it {
                            Item::Word(w) => {
                                self.n(0);
                                self.word(w);
                            }
                            Item::Synset(id) => {
                                self.n(1);
                                self.n(id.0);
                            }
                        }
                    }
                }
                Element::Prep { preps, inner } => {
                    self.n(1);
                    self.strs(preps);
                    self.elements(inner);
                }
                Element::Source => self.n(2),
                Element::Target => self.n(3),
                Element::Any => self.n(4),
                Element::Compound => self.n(5),
            }
        }
    }
}

/// The binary form of `d`.
pub fn encode(d: &Dictionary) -> Vec<u8> {
    let mut o = Out(MAGIC.to_vec());
    o.len(d.synsets.len());
    for s in &d.synsets {
        o.str(&s.name);
        o.n(s.line);
        o.len(s.members.len());
        for m in &s.members {
            o.len(m.len());
            for w in m {
                o.word(w);
            }
        }
    }
    o.len(d.blocks.len());
    for b in &d.blocks {
        o.str(&b.name);
        o.opt_codes(b.codes);
        o.n(b.line);
        o.len(b.patterns.len());
        for p in &b.patterns {
            o.elements(&p.pre);
            o.elements(&p.post);
            o.codes(p.codes);
            o.n(p.line);
            o.str(&p.text);
            o.str(&p.comment);
            o.n(p.enabled as u32);
        }
    }
    o.len(d.senses.len());
    for s in &d.senses {
        o.n(s.block.0);
        o.str(&s.verb);
        o.strs(&s.before);
        o.strs(&s.after);
        o.opt_codes(s.codes);
        o.strs(&s.forms);
        o.n(s.line);
    }
    o.len(d.transformations.len());
    for t in &d.transformations {
        o.n(t.line);
        o.str(&t.text);
        o.code(t.code);
    }
    o.len(d.normalisations.len());
    for n in &d.normalisations {
        o.n(n.line);
        let i = reasons()
            .position(|r| r == n.reason)
            .expect("normalisation reason from the parser's tables");
        o.len(i);
    }
    // The pattern index, so that loading does not rebuild it.
    o.str(&d.keys.text);
    o.len(d.keys.ends.len());
    for &e in &d.keys.ends {
        o.n(e);
    }
    for b in &d.blocks {
        for &i in &b.by_weight {
            o.n(i);
        }
        let ix = &b.index;
        o.n(ix.linear as u32);
        o.len(ix.always.len());
        for &w in &ix.always {
            o.n(w as u32);
            o.n((w >> 32) as u32);
        }
        o.len(ix.postings.len());
        for &(k, r) in &ix.postings {
            o.n(k);
            o.n(r as u32);
        }
    }
    o.len(d.by_form.len());
    for &(s, f) in &d.by_form {
        o.n(s);
        o.n(f);
    }
    o.0
}

struct In<'a> {
    b: &'a [u8],
    at: usize,
}

type R<T> = Result<T, String>;

impl<'a> In<'a> {
    fn n(&mut self) -> R<u32> {
        let mut x: u32 = 0;
        for shift in (0..35).step_by(7) {
            let Some(&b) = self.b.get(self.at) else {
                return Err(format!("truncated at byte {}", self.at));
            };
            self.at += 1;
            x |= ((b & 0x7f) as u32)
                .checked_shl(shift)
                .ok_or("number too large")?;
            if b & 0x80 == 0 {
                return Ok(x);
            }
        }
        Err(format!("number too long at byte {}", self.at))
    }

    /// A count, bounded by the bytes left (each item takes at least one).
    fn count(&mut self) -> R<usize> {
        let n = self.n()? as usize;
        if n > self.b.len() - self.at {
            return Err(format!("count {n} beyond the end at byte {}", self.at));
        }
        Ok(n)
    }

    fn bytes(&mut self) -> R<&'a [u8]> {
        let n = self.n()? as usize;
        let end = self.at.checked_add(n).filter(|&e| e <= self.b.len());
        let end = end.ok_or_else(|| format!("string beyond the end at byte {}", self.at))?;
        let s = &self.b[self.at..end];
        self.at = end;
        Ok(s)
    }

    fn str(&mut self) -> R<String> {
        let b = self.bytes()?;
        std::str::from_utf8(b)
            .map(str::to_string)
            .map_err(|e| format!("bad UTF-8 at byte {}: {e}", self.at))
    }

    fn strs(&mut self) -> R<Vec<String>> {
        let n = self.count()?;
        (0..n).map(|_| self.str()).collect()
    }

    fn flag(&mut self) -> R<bool> {
        match self.n()? {
            0 => Ok(false),
            1 => Ok(true),
            x => Err(format!("bad flag {x} at byte {}", self.at)),
        }
    }

    fn code(&mut self) -> R<Option<Code>> {
        let b = self.bytes()?;
        if b.is_empty() {
            return Ok(None);
        }
        let s = std::str::from_utf8(b).map_err(|e| e.to_string())?;
        make_code(s).map(Some)
    }

    fn codes(&mut self) -> R<Codes> {
        Ok(Codes {
            forward: self.code()?,
            reverse: self.code()?,
        })
    }

    fn opt_codes(&mut self) -> R<Option<Codes>> {
        Ok(if self.flag()? {
            Some(self.codes()?)
        } else {
            None
        })
    }

    fn word(&mut self) -> R<Word> {
        let exact = self.flag()?;
        Ok(Word {
            alts: self.strs()?,
            exact,
        })
    }

    fn elements(&mut self, synsets: usize, depth: u32) -> R<Vec<Element>> {
        if depth > 1 {
            return Err("nested prepositional elements".into());
        }
        let n = self.count()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(match self.n()? {
                0 => {
                    let k = self.count()?;
                    let mut items = Vec::with_capacity(k);
                    for _ in 0..k {
                        items.push(match self.n()? {
                            0 => Item::Word(self.word()?),
                            1 => {
                                let id = self.n()?;
                                if id as usize >= synsets {
                                    return Err(format!("synset {id} out of range"));
                                }
                                Item::Synset(SynsetId(id))
                            }
                            x => return Err(format!("bad item tag {x}")),
                        });
                    }
                    Element::Phrase(items)
                }
                1 => Element::Prep {
                    preps: self.strs()?,
                    inner: self.elements(synsets, depth + 1)?,
                },
                2 => Element::Source,
                3 => Element::Target,
                4 => Element::Any,
                5 => Element::Compound,
                x => return Err(format!("bad element tag {x}")),
            });
        }
        Ok(out)
    }
}

/// Reads the binary form back (errors name the byte offset).
pub fn decode(b: &[u8]) -> Result<Dictionary, String> {
    let Some(rest) = b.strip_prefix(MAGIC.as_slice()) else {
        return Err("not a dyad verb dictionary (bad magic)".into());
    };
    let mut r = In { b: rest, at: 0 };
    let n = r.count()?;
    let mut synsets = Vec::with_capacity(n);
    for _ in 0..n {
        let name = r.str()?;
        let line = r.n()?;
        let m = r.count()?;
        let mut members = Vec::with_capacity(m);
        for _ in 0..m {
            let k = r.count()?;
            members.push((0..k).map(|_| r.word()).collect::<R<Vec<_>>>()?);
        }
        synsets.push(Synset {
            name,
            members,
            line,
        });
    }
    let n = r.count()?;
    let mut blocks = Vec::with_capacity(n);
    for _ in 0..n {
        let name = r.str()?;
        let codes = r.opt_codes()?;
        let line = r.n()?;
        let k = r.count()?;
        let mut patterns = Vec::with_capacity(k);
        for _ in 0..k {
            patterns.push(Pattern {
                pre: r.elements(synsets.len(), 0)?,
                post: r.elements(synsets.len(), 0)?,
                codes: r.codes()?,
                line: r.n()?,
                text: r.str()?,
                comment: r.str()?,
                enabled: r.flag()?,
            });
        }
        blocks.push(Block {
            name,
            codes,
            patterns,
            line,
            by_weight: Vec::new(),
            index: Default::default(),
        });
    }
    let n = r.count()?;
    let mut senses = Vec::with_capacity(n);
    for _ in 0..n {
        let block = r.n()?;
        if block as usize >= blocks.len() {
            return Err(format!("block {block} out of range"));
        }
        senses.push(Sense {
            block: BlockId(block),
            verb: r.str()?,
            before: r.strs()?,
            after: r.strs()?,
            codes: r.opt_codes()?,
            forms: r.strs()?,
            line: r.n()?,
        });
    }
    let n = r.count()?;
    let mut transformations = Vec::with_capacity(n);
    for _ in 0..n {
        transformations.push(Transformation {
            line: r.n()?,
            text: r.str()?,
            code: r.code()?,
        });
    }
    let n = r.count()?;
    let mut normalisations = Vec::with_capacity(n);
    for _ in 0..n {
        let line = r.n()?;
        let i = r.n()? as usize;
        let reason = reasons()
            .nth(i)
            .ok_or_else(|| format!("normalisation reason {i} out of range"))?;
        normalisations.push(Normalisation { line, reason });
    }
    let text = r.str()?;
    let n = r.count()?;
    let ends = (0..n).map(|_| r.n()).collect::<R<Vec<u32>>>()?;
    let keys = Keys::new(text, ends)?;
    let mut ixs = Vec::with_capacity(blocks.len());
    let mut by_weight = Vec::with_capacity(blocks.len());
    for b in &blocks {
        let n = b.patterns.len();
        let mut seen = vec![false; n];
        let mut order = Vec::with_capacity(n);
        for _ in 0..n {
            let i = r.n()? as usize;
            if i >= n || std::mem::replace(&mut seen[i], true) {
                return Err(format!("block {}: pattern order is no permutation", b.name));
            }
            order.push(i as u32);
        }
        by_weight.push(order);
        let linear = r.flag()?;
        let n = r.count()?;
        if n != b.patterns.len().div_ceil(64) && !(linear && n == 0) {
            return Err(format!("block {}: bad index size {n}", b.name));
        }
        let always = (0..n)
            .map(|_| Ok(r.n()? as u64 | (r.n()? as u64) << 32))
            .collect::<R<Vec<u64>>>()?;
        // No rank beyond the block's patterns.
        let spare = (always.len() * 64).saturating_sub(b.patterns.len());
        if spare > 0 && always.last().is_some_and(|&w| w >> (64 - spare) != 0) {
            return Err(format!("block {}: always-tried rank out of range", b.name));
        }
        let n = r.count()?;
        let mut postings = Vec::with_capacity(n);
        for _ in 0..n {
            let k = r.n()?;
            let rank = r.n()?;
            if k / 4 >= keys.len() as u32 || rank as usize >= b.patterns.len() {
                return Err(format!("block {}: bad posting ({k}, {rank})", b.name));
            }
            postings.push((k, rank as u16));
        }
        if linear && !postings.is_empty() {
            return Err(format!("block {}: postings in a linear block", b.name));
        }
        ixs.push(BlockIndex {
            linear,
            always,
            postings,
        });
    }
    let n = r.count()?;
    let mut by_form = Vec::with_capacity(n);
    for _ in 0..n {
        let (s, f) = (r.n()?, r.n()?);
        if senses
            .get(s as usize)
            .is_none_or(|x| f as usize >= x.forms.len())
        {
            return Err(format!("bad form ({s}, {f})"));
        }
        by_form.push((s, f));
    }
    if r.at != r.b.len() {
        return Err(format!("{} bytes after the end", r.b.len() - r.at));
    }
    if !senses.is_sorted_by(|a, b| a.verb <= b.verb) {
        return Err("senses not grouped by verb".into());
    }
    Ok(Dictionary::assemble(
        synsets,
        blocks,
        senses,
        transformations,
        normalisations,
        Some(Derived {
            by_weight,
            keys,
            ixs,
            by_form,
        }),
    ))
}
