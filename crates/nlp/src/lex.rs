//! Lexical attributes that spaCy's `en_core_web_sm` tok2vec reads from each
//! token, and spaCy's string hashes.
//!
//! - [`hash_string`]: the `StringStore` key of a string (a reserved symbol's id,
//!   else MurmurHash64A, seed 1, over the UTF-8 bytes), which is what spaCy feeds the hash embeddings.
//! - [`norm`]: the lexeme norm: the model's `lexeme_norm` lookups table (merged
//!   with spaCy's `BASE_NORMS`), else Python's `str.lower()`.
//! - [`prefix`] / [`suffix`]: the first code point / the last three.
//! - [`shape`]: spaCy's `word_shape` ("Xxxxx", "dd.d", ...).
//! - [`is_space`]: Python's `str.isspace()`.
//!
//! Character classes follow Python 3.11's `str.isalpha`, `isupper`, `isdigit`
//! and `isspace` exactly: their code point ranges are exported with the model
//! into `data/nlp/tok2vec.bin`, so that non-ASCII text gets the same features
//! as in spaCy (Rust's own Unicode tables are a different Unicode version and
//! different definitions).

use std::borrow::Cow;

use crate::model::tables;

/// MurmurHash64A (Austin Appleby), as used by spaCy's `StringStore`.
pub fn murmurhash64a(data: &[u8], seed: u64) -> u64 {
    const M: u64 = 0xc6a4_a793_5bd1_e995;
    const R: u32 = 47;
    let mut h = seed ^ (data.len() as u64).wrapping_mul(M);
    let mut chunks = data.chunks_exact(8);
    for c in &mut chunks {
        let mut b = [0u8; 8];
        b.copy_from_slice(c);
        let mut k = u64::from_le_bytes(b);
        k = k.wrapping_mul(M);
        k ^= k >> R;
        k = k.wrapping_mul(M);
        h ^= k;
        h = h.wrapping_mul(M);
    }
    let tail = chunks.remainder();
    if !tail.is_empty() {
        for (i, &byte) in tail.iter().enumerate() {
            h ^= u64::from(byte) << (8 * i);
        }
        h = h.wrapping_mul(M);
    }
    h ^= h >> R;
    h = h.wrapping_mul(M);
    h ^= h >> R;
    h
}

/// spaCy's `StringStore` key of a string (`nlp.vocab.strings[s]`).
///
/// The empty string has key 0, and spaCy's reserved symbols (`"X"`, `"NOUN"`,
/// `"nsubj"`, `"IS_ALPHA"`, ...) their symbol id, as in spaCy.
pub fn hash_string(s: &str) -> u64 {
    if s.is_empty() {
        return 0;
    }
    if let Some(id) = tables().symbol(s) {
        return id;
    }
    murmurhash64a(s.as_bytes(), 1)
}

/// thinc's `ops.hash` of one `u64` key under a seed: four `u32`, which
/// HashEmbed reduces modulo its row count to pick the four rows it sums.
///
/// thinc calls it `MurmurHash3_x86_128_uint64`, but the function is the
/// x64 128-bit variant of MurmurHash3 for an 8-byte little-endian input (one
/// tail word, no full block), its two 64-bit halves split low word first.
pub fn thinc_hash_u64(key: u64, seed: u32) -> [u32; 4] {
    const C1: u64 = 0x87c3_7b91_1142_53d5;
    const C2: u64 = 0x4cf5_ad43_2745_937f;
    fn fmix(mut k: u64) -> u64 {
        k ^= k >> 33;
        k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
        k ^= k >> 33;
        k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        k ^= k >> 33;
        k
    }
    let k1 = key.wrapping_mul(C1).rotate_left(31).wrapping_mul(C2);
    let mut h1 = u64::from(seed) ^ k1 ^ 8;
    let mut h2 = u64::from(seed) ^ 8;
    h1 = h1.wrapping_add(h2);
    h2 = h2.wrapping_add(h1);
    h1 = fmix(h1);
    h2 = fmix(h2);
    h1 = h1.wrapping_add(h2);
    h2 = h2.wrapping_add(h1);
    [h1 as u32, (h1 >> 32) as u32, h2 as u32, (h2 >> 32) as u32]
}

fn in_ranges(ranges: &[[u32; 2]], c: char) -> bool {
    let cp = c as u32;
    let i = ranges.partition_point(|r| r[1] < cp);
    ranges.get(i).is_some_and(|r| r[0] <= cp)
}

/// Python's `str.isalpha()` for one character.
pub fn is_alpha_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    in_ranges(tables().alpha, c)
}

/// Python's `str.isupper()` for one character.
pub fn is_upper_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_uppercase();
    }
    in_ranges(tables().upper, c)
}

/// Python's `str.isdigit()` for one character.
pub fn is_digit_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    in_ranges(tables().digit, c)
}

/// Python's `str.isspace()` for one character.
pub fn is_space_char(c: char) -> bool {
    if c.is_ascii() {
        return matches!(
            c,
            ' ' | '\t' | '\n' | '\x0b' | '\x0c' | '\r' | '\x1c'..='\x1f'
        );
    }
    in_ranges(tables().space, c)
}

/// Python's `str.isspace()`: non-empty and every character is whitespace.
pub fn is_space(text: &str) -> bool {
    !text.is_empty() && text.chars().all(is_space_char)
}

/// Python's `str.lower()` (borrowed when nothing changes).
pub fn lower(text: &str) -> Cow<'_, str> {
    if text
        .bytes()
        .all(|b| !b.is_ascii_uppercase() && b.is_ascii())
    {
        return Cow::Borrowed(text);
    }
    if text.is_ascii() {
        return Cow::Owned(text.to_ascii_lowercase());
    }
    let low = text.to_lowercase();
    if low == text {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(low)
    }
}

/// The lexeme norm spaCy's tok2vec reads (`token.lex.norm_`): the model's norm
/// table, else lowercase.
pub fn norm(text: &str) -> Cow<'_, str> {
    match tables().norm(hash_string(text)) {
        Some(n) => Cow::Borrowed(n),
        None => lower(text),
    }
}

/// spaCy's PREFIX attribute: the first character (empty for empty text).
pub fn prefix(text: &str) -> &str {
    match text.char_indices().nth(1) {
        Some((i, _)) => &text[..i],
        None => text,
    }
}

/// spaCy's SUFFIX attribute: the last three characters.
pub fn suffix(text: &str) -> &str {
    match text.char_indices().rev().nth(2) {
        Some((i, _)) => &text[i..],
        None => text,
    }
}

/// spaCy's `word_shape`: letters become `X`/`x`, digits `d`, other characters
/// stay; a run of the same shape character is cut after four; texts of 100
/// characters or more are `LONG`.
pub fn shape(text: &str) -> String {
    let mut out = String::with_capacity(text.len().min(64));
    shape_into(text, &mut out);
    out
}

/// [`shape`] into a reused buffer (cleared first).
pub fn shape_into(text: &str, out: &mut String) {
    out.clear();
    if text.chars().nth(99).is_some() {
        out.push_str("LONG");
        return;
    }
    let mut last: Option<char> = None;
    let mut seq = 0usize;
    for c in text.chars() {
        let s = if is_alpha_char(c) {
            if is_upper_char(c) {
                'X'
            } else {
                'x'
            }
        } else if is_digit_char(c) {
            'd'
        } else {
            c
        };
        if Some(s) == last {
            seq += 1;
        } else {
            seq = 0;
            last = Some(s);
        }
        if seq < 4 {
            out.push(s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn string_hashes_match_spacy() {
        assert_eq!(hash_string("hello"), 5983625672228268878);
        assert_eq!(hash_string(""), 0);
        assert_eq!(hash_string("X"), 101);
    }

    #[test]
    fn shapes() {
        assert_eq!(shape("Paris"), "Xxxxx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("2,000.50"), "d,ddd.dd");
        assert_eq!(shape("Washington"), "Xxxxx");
        assert_eq!(shape(&"a".repeat(100)), "LONG");
        assert_eq!(shape(""), "");
    }

    #[test]
    fn affixes() {
        assert_eq!(prefix("État"), "É");
        assert_eq!(suffix("État"), "tat");
        assert_eq!(suffix("é"), "é");
        assert_eq!(prefix(""), "");
        assert_eq!(suffix(""), "");
    }

    #[test]
    fn norms() {
        assert_eq!(norm("Paris"), "paris");
        assert_eq!(norm("theatre"), "theater");
        assert!(is_space("\n\n") && !is_space("") && !is_space(" a"));
    }
}

#[cfg(test)]
mod hash_tests {
    use super::*;

    #[test]
    fn thinc_hash_matches() {
        assert_eq!(hash_string("the"), 7425985699627899538);
        assert_eq!(
            thinc_hash_u64(7425985699627899538, 8),
            [2332737498, 1315472909, 1351622599, 1973209364]
        );
        assert_eq!(
            thinc_hash_u64(1, 12),
            [2938686206, 2291508213, 2246688320, 3554967022]
        );
    }
}
