//! spaCy's `tagger` component of `en_core_web_sm` 3.8.0 (Tagger.v2): a linear
//! layer over the tok2vec output (96 → 50 fine-grained PTB tags) and argmax
//! (the softmax is monotonic, so it is skipped).

use std::sync::OnceLock;

use super::ops::affine;
use crate::weights::WeightsError;

/// Rows scored at once (50 KB of scores).
const BLOCK: usize = 256;

/// The tagger (weights borrowed from the embedded container).
#[derive(Debug)]
pub struct Tagger {
    w: &'static [f32],
    b: &'static [f32],
    labels: Vec<String>,
    n_in: usize,
}

impl Tagger {
    fn load() -> Result<Self, WeightsError> {
        let c = super::container();
        let labels: Vec<String> = c.meta()["tags"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str())
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        let n_in = 96;
        let w = c.f32_shaped("tagger.W", &[labels.len(), n_in])?.data;
        let b = c.f32_shaped("tagger.b", &[labels.len()])?.data;
        Ok(Tagger { w, b, labels, n_in })
    }

    /// The tagger of `en_core_web_sm` 3.8.0, loaded on first use.
    ///
    /// Panics only if the embedded weights are malformed, which this crate's
    /// tests rule out (the file is committed with the code).
    pub fn english() -> &'static Tagger {
        static M: OnceLock<Tagger> = OnceLock::new();
        M.get_or_init(|| Tagger::load().expect("embedded tagger weights are valid"))
    }

    /// Tag names, indexed by the ids [`Tagger::predict`] returns.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Tag ids for the tokens of a tok2vec output (n × 96, row-major; a
    /// trailing partial row is ignored). Scores are computed a block of rows
    /// at a time, so that scratch memory does not grow with the document.
    pub fn predict(&self, t2v: &[f32], out: &mut Vec<u16>) {
        self.predict_blocks(t2v, BLOCK, out);
    }

    /// [`Tagger::predict`] with blocks of `block` rows (at least one).
    pub(crate) fn predict_blocks(&self, t2v: &[f32], block: usize, out: &mut Vec<u16>) {
        out.clear();
        let n = t2v.len() / self.n_in;
        // At most the whole document: a larger block is one pass (and
        // `block * n_in` cannot overflow).
        let block = block.clamp(1, n.max(1));
        let mut scores = Vec::new();
        let m = self.labels.len().max(1);
        for rows in t2v[..n * self.n_in].chunks(block * self.n_in) {
            let k = rows.len() / self.n_in;
            affine(rows, k, self.n_in, self.w, self.b, &mut scores);
            for row in scores.chunks_exact(m) {
                let mut best = 0usize;
                for (i, &s) in row.iter().enumerate() {
                    if s > row[best] {
                        best = i;
                    }
                }
                out.push(u16::try_from(best).unwrap_or(0));
            }
        }
    }
}
