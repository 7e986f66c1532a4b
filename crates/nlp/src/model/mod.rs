//! Neural inference for `en_core_web_sm` 3.8.0: the shared [`tok2vec`]
//! (MultiHashEmbed + MaxoutWindowEncoder) and the [`tagger`].
//!
//! The weights and the lexical tables live in `data/nlp/tok2vec.bin`
//! (written by `data/gen/nlp/export_tok2vec.py`), embedded in the binary and
//! parsed once on first use; tensors are borrowed from the embedded bytes.

pub mod parser;
pub mod tagger;
pub mod tok2vec;

pub(crate) mod ops;

#[cfg(test)]
mod blocked_tests;

use std::sync::OnceLock;

use crate::weights::{Aligned, Container};

static BIN: &Aligned<[u8]> = &Aligned {
    align: [],
    bytes: *include_bytes!("../../../../data/nlp/tok2vec.bin"),
};

/// The parsed embedded container.
///
/// The container is committed together with the code and checked by this
/// crate's tests, so a parse failure is a build defect, not an input error:
/// that invariant is why this may panic (once, on first use).
pub(crate) fn container() -> &'static Container<'static> {
    static C: OnceLock<Container<'static>> = OnceLock::new();
    C.get_or_init(|| {
        Container::parse(&BIN.bytes).expect("embedded data/nlp/tok2vec.bin is a valid container")
    })
}

/// Lexical tables exported with the model (see [`crate::lex`]).
#[derive(Debug)]
pub(crate) struct Tables {
    pub alpha: &'static [[u32; 2]],
    pub upper: &'static [[u32; 2]],
    pub digit: &'static [[u32; 2]],
    pub space: &'static [[u32; 2]],
    norm_keys: &'static [u64],
    norm_values: Vec<&'static str>,
    symbols: Vec<(&'static str, u64)>,
}

impl Tables {
    /// The norm-table entry of a string key, if any.
    pub fn norm(&self, key: u64) -> Option<&'static str> {
        let i = self.norm_keys.binary_search(&key).ok()?;
        self.norm_values.get(i).copied()
    }

    /// The id of one of spaCy's reserved symbols (`"X"`, `"nsubj"`, ...).
    pub fn symbol(&self, s: &str) -> Option<u64> {
        let i = self.symbols.binary_search_by(|(k, _)| (*k).cmp(s)).ok()?;
        self.symbols.get(i).map(|&(_, id)| id)
    }
}

/// The lexical tables (parsed once). Panics only if the embedded container
/// lacks them, which the tests rule out (see [`container`]).
pub(crate) fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let c = container();
        let ranges = |name: &str| -> &'static [[u32; 2]] {
            let t = c
                .u32(name)
                .expect("embedded tok2vec.bin has the unicode tables");
            bytemuck::cast_slice(t.data)
        };
        let norm_keys = c
            .u64("norm.keys")
            .expect("embedded tok2vec.bin has the norm table")
            .data;
        let norm_values: Vec<&'static str> = c.meta()["norm_values"]
            .as_array()
            .map(|a| a.iter().map(|v| v.as_str().unwrap_or("")).collect())
            .unwrap_or_default();
        let mut symbols: Vec<(&'static str, u64)> = c.meta()["symbols"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|p| Some((p[0].as_str()?, p[1].as_u64()?)))
                    .collect()
            })
            .unwrap_or_default();
        symbols.sort_unstable();
        assert_eq!(norm_keys.len(), norm_values.len(), "norm table is aligned");
        Tables {
            alpha: ranges("uni.alpha"),
            upper: ranges("uni.upper"),
            digit: ranges("uni.digit"),
            space: ranges("uni.space"),
            norm_keys,
            norm_values,
            symbols,
        }
    })
}
