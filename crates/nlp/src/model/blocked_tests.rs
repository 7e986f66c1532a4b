//! The blocked computations (tok2vec encoder blocks, tagger score blocks,
//! the parser's lower layer computed per block with evictions) give exactly
//! the floats and decisions of one pass over the whole document, including
//! documents of one token, empty ones and lengths around a block size.

use super::parser::{Arc, Parser};
use super::tagger::Tagger;
use super::tok2vec::{Tok2Vec, TokenInput, BLOCK as T2V_BLOCK};
use crate::tokenizer::{Token, Tokenizer};

/// A text of a few thousand tokens: one paragraph (written for this test)
/// repeated with varied numbers and names, blank lines between some.
fn long_text() -> String {
    let names = ["Ana Ruiz", "the ministry", "Mr. Okafor", "U.N. envoys"];
    let mut s = String::new();
    for i in 0..120 {
        let name = names[i % names.len()];
        s.push_str(&format!(
            "On Tuesday {name} said that {n} delegates from {m} provinces would meet in \
             Lisbon on May {d}, after talks that lasted {h} hours. \"We are not there yet,\" \
             an aide told reporters; the budget of ${n}.{d} million (up {p}% from 20{y:02}) \
             was approved by {m} votes to {q}.",
            n = 17 * i + 3,
            m = i % 9 + 2,
            d = i % 28 + 1,
            h = i * 3 % 50,
            p = i % 13,
            y = i % 24,
            q = 40 - i % 40,
        ));
        s.push_str(if i % 5 == 4 { "\n\n" } else { " " });
    }
    s
}

fn tokens(text: &str) -> Vec<Token> {
    Tokenizer::english().tokenize(text)
}

fn inputs<'a>(text: &'a str, toks: &[Token]) -> Vec<TokenInput<'a>> {
    toks.iter()
        .map(|t| TokenInput {
            text: t.text(text),
            norm_override: t.norm,
            space_after: t.space_after,
        })
        .collect()
}

fn bits(v: &[f32]) -> Vec<u32> {
    v.iter().map(|x| x.to_bits()).collect()
}

fn t2v_blocks(inp: &[TokenInput], block: usize) -> Vec<f32> {
    let mut out = Vec::new();
    Tok2Vec::english().forward_blocks(inp, block, &mut out);
    out
}

#[test]
fn the_text_spans_many_blocks() {
    let text = long_text();
    let n = tokens(&text).len();
    assert!(n > 8 * T2V_BLOCK, "{n} tokens");
}

#[test]
fn tok2vec_blocks_equal_one_pass() {
    let text = long_text();
    let toks = tokens(&text);
    let inp = inputs(&text, &toks);
    let whole = t2v_blocks(&inp, usize::MAX);
    assert_eq!(whole.len(), inp.len() * 96);
    assert!(whole.iter().all(|x| x.is_finite()));
    // the default blocks and small odd ones, down to one token per block
    for block in [T2V_BLOCK, 256, 100, 9] {
        assert_eq!(
            bits(&t2v_blocks(&inp, block)),
            bits(&whole),
            "block {block}"
        );
    }
    // one or two tokens per block (each block computes 9 or 10 rows), on a
    // shorter document
    let part = &inp[..700];
    let part_whole = t2v_blocks(part, usize::MAX);
    for block in [2, 1] {
        assert_eq!(
            bits(&t2v_blocks(part, block)),
            bits(&part_whole),
            "block {block}"
        );
    }
    let mut out = Vec::new();
    Tok2Vec::english().forward(&inp, &mut out);
    assert_eq!(bits(&out), bits(&whole));
}

#[test]
fn tok2vec_block_boundaries() {
    let text = long_text();
    let toks = tokens(&text);
    let inp = inputs(&text, &toks);
    assert!(t2v_blocks(&inp[..0], T2V_BLOCK).is_empty());
    for n in [
        1,
        2,
        5,
        T2V_BLOCK - 1,
        T2V_BLOCK,
        T2V_BLOCK + 1,
        2 * T2V_BLOCK,
        2 * T2V_BLOCK + 4,
    ] {
        let doc = &inp[..n];
        let whole = t2v_blocks(doc, usize::MAX);
        assert_eq!(whole.len(), n * 96);
        assert_eq!(bits(&t2v_blocks(doc, T2V_BLOCK)), bits(&whole), "n {n}");
        // a block of n - 1 leaves a last block of one token; n + 1 is one
        // block
        for block in [n.saturating_sub(1).max(1), n + 1, 4] {
            assert_eq!(
                bits(&t2v_blocks(doc, block)),
                bits(&whole),
                "n {n} block {block}"
            );
        }
    }
    // a token's vector depends on its neighbours: a block boundary right
    // next to it must not change it, but a different neighbour does
    let a = t2v_blocks(&inp[..3], usize::MAX);
    let b = t2v_blocks(&inp[1..3], usize::MAX);
    assert_ne!(bits(&a[96..]), bits(&b));
}

#[test]
fn tagger_blocks_equal_one_pass() {
    let text = long_text();
    let toks = tokens(&text);
    let inp = inputs(&text, &toks);
    let t2v = t2v_blocks(&inp, T2V_BLOCK);
    let tagger = Tagger::english();
    let mut whole = Vec::new();
    tagger.predict_blocks(&t2v, usize::MAX, &mut whole);
    assert_eq!(whole.len(), inp.len());
    for block in [256, 255, 7, 1] {
        let mut out = Vec::new();
        tagger.predict_blocks(&t2v, block, &mut out);
        assert_eq!(out, whole, "block {block}");
    }
    let mut empty = vec![1u16];
    tagger.predict(&[], &mut empty);
    assert!(empty.is_empty());
}

fn parse_blocks(t2v: &[f32], is_space: &[bool], block: usize, slots: usize) -> (Vec<Arc>, usize) {
    let mut out = Vec::new();
    let computed = Parser::english().parse_blocks(t2v, is_space, block, slots, &mut out);
    (out, computed)
}

#[test]
fn parser_blocks_equal_one_pass() {
    let text = long_text();
    let toks = tokens(&text);
    let inp = inputs(&text, &toks);
    let n = inp.len();
    let t2v = t2v_blocks(&inp, T2V_BLOCK);
    let is_space: Vec<bool> = inp.iter().map(|t| crate::lex::is_space(t.text)).collect();
    let (whole, one) = parse_blocks(&t2v, &is_space, usize::MAX, 1);
    assert_eq!(one, 1);
    assert_eq!(whole.len(), n);
    assert!(whole.iter().filter(|a| a.sent_start).count() > 100);
    // the default, and tiny caches that evict blocks the stack still
    // reads (each one recomputed, identically)
    for (block, slots) in [(64, 16), (64, 1), (8, 2), (3, 1), (1, 1), (1, 3)] {
        let (arcs, computed) = parse_blocks(&t2v, &is_space, block, slots);
        assert_eq!(arcs, whole, "block {block} slots {slots}");
        let blocks = n.div_ceil(block);
        assert!(computed >= blocks, "block {block}: {computed} < {blocks}");
        if slots == 1 && block <= 3 {
            assert!(computed > blocks, "block {block}: no block read twice");
        }
    }
    let mut out = Vec::new();
    Parser::english().parse(&t2v, &is_space, &mut out);
    assert_eq!(out, whole);
    // the default cache holds what the state reads on this text: every
    // block is computed once
    let (_, computed) = parse_blocks(&t2v, &is_space, 64, 16);
    assert_eq!(computed, n.div_ceil(64));
}

#[test]
fn parser_block_boundaries() {
    let text = long_text();
    let toks = tokens(&text);
    let inp = inputs(&text, &toks);
    let is_all: Vec<bool> = inp.iter().map(|t| crate::lex::is_space(t.text)).collect();
    assert!(parse_blocks(&[], &[], 64, 16).0.is_empty());
    for n in [1, 2, 63, 64, 65, 128, 129] {
        // the tok2vec of the n-token document itself
        let t2v = t2v_blocks(&inp[..n], T2V_BLOCK);
        let is_space = &is_all[..n];
        let (whole, _) = parse_blocks(&t2v, is_space, usize::MAX, 1);
        assert_eq!(whole.len(), n);
        for (block, slots) in [
            (64, 16),
            (n, 1),
            (n.saturating_sub(1).max(1), 1),
            (n + 1, 2),
        ] {
            let (arcs, _) = parse_blocks(&t2v, is_space, block, slots);
            assert_eq!(arcs, whole, "n {n} block {block} slots {slots}");
        }
    }
}
