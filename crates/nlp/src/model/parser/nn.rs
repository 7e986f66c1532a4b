//! The parser's network: its own Linear over tok2vec, the precomputable
//! affine "lower" layer with maxout, and the "upper" Linear to class scores.
//!
//! As in spaCy's `parser_model.pyx`, the lower layer is precomputed for
//! every (token, feature) pair, giving for token `t` and feature slot `f` a
//! vector of `HIDDEN * PIECES` floats laid out `[hidden][piece]`; unlike
//! spaCy, it is computed in blocks of tokens on first use and only a few
//! blocks are kept ([`Lower`]), so that memory does not grow with the
//! document (4 KiB per token otherwise). A state's hidden vector is then the sum of its 8
//! feature vectors (the layer's `pad` vector of that slot for a missing
//! token), plus the bias, max over the pieces; class scores are the upper
//! Linear of that.

use ndarray::linalg::general_mat_mul;
use ndarray::{ArrayView2, ArrayViewMut2};

use crate::weights::{Container, WeightsError};

/// Width of the tok2vec rows the parser reads.
pub const T2V_WIDTH: usize = 96;
/// Width of the parser's own projection and of the hidden layer.
pub(crate) const HIDDEN: usize = 64;
/// Maxout pieces.
pub(crate) const PIECES: usize = 2;
/// Context features per state.
pub(crate) const FEATS: usize = 8;
/// Most transition classes a model may have (en_core_web_sm 3.8.0: 106).
pub(crate) const MAX_CLASSES: usize = 112;
/// Floats of one (token, feature) vector.
pub(crate) const HP: usize = HIDDEN * PIECES;

/// The network weights, copied out of the container.
#[derive(Debug)]
pub(crate) struct Net {
    lin_w: Vec<f32>,
    lin_b: Vec<f32>,
    /// `(FEATS * HP) x HIDDEN` row-major: row `f*HP + o*PIECES + p`.
    lower_w: Vec<f32>,
    lower_b: Vec<f32>,
    /// `FEATS x HP`.
    lower_pad: Vec<f32>,
    /// The upper weights transposed, `HIDDEN` rows of `MAX_CLASSES` (zero
    /// columns past `n_classes`), so that all scores are one fixed-size
    /// multiply-add per hidden unit (kept in registers).
    upper_wt: Vec<[f32; MAX_CLASSES]>,
    /// Bias (zeros past `n_classes`).
    upper_b: [f32; MAX_CLASSES],
    pub(crate) n_classes: usize,
}

impl Net {
    pub(crate) fn load(c: &Container<'_>) -> Result<Net, WeightsError> {
        let upper_b = c.f32("upper_b")?;
        let n_classes = upper_b.data.len();
        if n_classes > MAX_CLASSES {
            return Err(WeightsError::Shape {
                name: "upper_b".into(),
                found: vec![n_classes],
                expected: vec![MAX_CLASSES],
            });
        }
        let upper_w = c.f32_shaped("upper_W", &[n_classes, HIDDEN])?.data;
        let mut upper_wt = vec![[0f32; MAX_CLASSES]; HIDDEN];
        for (cl, row) in upper_w.chunks_exact(HIDDEN).enumerate() {
            for (j, &w) in row.iter().enumerate() {
                upper_wt[j][cl] = w;
            }
        }
        let mut bias = [0f32; MAX_CLASSES];
        bias[..n_classes].copy_from_slice(upper_b.data);
        Ok(Net {
            lin_w: c.f32_shaped("lin_W", &[HIDDEN, T2V_WIDTH])?.data.to_vec(),
            lin_b: c.f32_shaped("lin_b", &[HIDDEN])?.data.to_vec(),
            lower_w: c
                .f32_shaped("lower_W", &[FEATS, HIDDEN, PIECES, HIDDEN])?
                .data
                .to_vec(),
            lower_b: c.f32_shaped("lower_b", &[HIDDEN, PIECES])?.data.to_vec(),
            lower_pad: c
                .f32_shaped("lower_pad", &[FEATS, HIDDEN, PIECES])?
                .data
                .to_vec(),
            upper_wt,
            upper_b: bias,
            n_classes,
        })
    }

    /// Computes the lower layer of `rows` tokens into `out` (rows x
    /// FEATS*HP): `proj = t2v . lin_W^T + lin_b`, then
    /// `out = proj . lower_W^T`. `t2v` holds exactly `rows` rows; `proj` is
    /// scratch space. Each output row depends only on its own input row, so
    /// computing a document in blocks gives the same floats as in one go.
    pub(crate) fn lower_rows(
        &self,
        t2v: &[f32],
        rows: usize,
        proj: &mut Vec<f32>,
        out: &mut [f32],
    ) {
        // Both are fully overwritten below (GEMM with beta = 0), so `proj`
        // is only grown, never cleared.
        if proj.len() < rows * HIDDEN {
            proj.resize(rows * HIDDEN, 0.0);
        }
        let proj = &mut proj[..rows * HIDDEN];
        if rows == 0 {
            return;
        }
        // Shapes are consistent by construction (fixed widths; the caller
        // passes `rows` rows), so the view constructors cannot fail; if they
        // ever did, `out` is left as it is rather than panicking.
        let (Some(t2v), Some(out)) = (
            t2v.get(..rows * T2V_WIDTH),
            out.get_mut(..rows * FEATS * HP),
        ) else {
            return;
        };
        let (Ok(x), Ok(w), Ok(mut y)) = (
            ArrayView2::from_shape((rows, T2V_WIDTH), t2v),
            ArrayView2::from_shape((HIDDEN, T2V_WIDTH), &self.lin_w[..]),
            ArrayViewMut2::from_shape((rows, HIDDEN), &mut proj[..]),
        ) else {
            return;
        };
        general_mat_mul(1.0, &x, &w.t(), 0.0, &mut y);
        for row in proj.chunks_exact_mut(HIDDEN) {
            for (v, b) in row.iter_mut().zip(&self.lin_b) {
                *v += b;
            }
        }
        let (Ok(x), Ok(w), Ok(mut y)) = (
            ArrayView2::from_shape((rows, HIDDEN), &proj[..]),
            ArrayView2::from_shape((FEATS * HP, HIDDEN), &self.lower_w[..]),
            ArrayViewMut2::from_shape((rows, FEATS * HP), out),
        ) else {
            return;
        };
        general_mat_mul(1.0, &x, &w.t(), 0.0, &mut y);
    }

    /// The hidden vector of a state from its context tokens, reading their
    /// lower-layer rows from `lower` (computed there on first use).
    #[inline(always)]
    pub(crate) fn hidden(
        &self,
        lower: &mut Lower,
        t2v: &[f32],
        ids: &[i32; FEATS],
        out: &mut [f32; HIDDEN],
    ) {
        let mut acc = [0f32; HP];
        for (f, &id) in ids.iter().enumerate() {
            let v = if id < 0 {
                self.lower_pad.get(f * HP..(f + 1) * HP)
            } else {
                lower
                    .row(self, t2v, id as usize)
                    .and_then(|r| r.get(f * HP..(f + 1) * HP))
            };
            if let Some(v) = v {
                for (a, x) in acc.iter_mut().zip(v) {
                    *a += x;
                }
            }
        }
        for (a, b) in acc.iter_mut().zip(&self.lower_b) {
            *a += b;
        }
        for (o, pair) in out.iter_mut().zip(acc.chunks_exact(PIECES)) {
            // thinc's arg_max over 2 pieces: piece 0 only if strictly greater.
            *o = if pair[0] > pair[1] { pair[0] } else { pair[1] };
        }
    }

    /// The scores of all classes for a hidden vector (the first
    /// `n_classes` are meaningful).
    #[inline(always)]
    pub(crate) fn scores(&self, hidden: &[f32; HIDDEN]) -> [f32; MAX_CLASSES] {
        let mut s = self.upper_b;
        for (&h, row) in hidden.iter().zip(&self.upper_wt) {
            for (x, &w) in s.iter_mut().zip(row) {
                *x += h * w;
            }
        }
        s
    }
}

/// Tokens per block of the lower layer (1 MiB; smaller blocks cost time in
/// the GEMM's packing of the 256 KiB weights, done once per block).
pub(crate) const BLOCK: usize = 256;
/// Blocks kept at once (8 MiB): the parse state reads the buffer front and
/// the stack, which in practice lie within a few blocks of each other.
pub(crate) const SLOTS: usize = 8;

const NO_SLOT: u32 = u32::MAX;

/// The lower layer of one document's tokens, computed a block at a time
/// when a token is first read and kept in a few slots, least recently used
/// evicted (a token read again after eviction is recomputed, identically).
#[derive(Debug, Default)]
pub(crate) struct Lower {
    block: usize,
    slots: usize,
    n: usize,
    /// `slots x block` rows of `FEATS * HP` floats.
    data: Vec<f32>,
    proj: Vec<f32>,
    /// The block each slot holds (`usize::MAX`: none).
    slot_block: Vec<usize>,
    last_use: Vec<u64>,
    /// The slot holding each block of the document, or `NO_SLOT`.
    block_slot: Vec<u32>,
    tick: u64,
    /// Blocks computed since [`Lower::reset`] (for tests and statistics).
    pub(crate) computed: usize,
}

impl Lower {
    /// Prepares for a document of `n` tokens in blocks of `block` tokens
    /// (at most `n`: `usize::MAX` is one block), at most `slots` kept (both
    /// at least 1).
    pub(crate) fn reset(&mut self, n: usize, block: usize, slots: usize) {
        let block = block.clamp(1, n.max(1));
        let n_blocks = n.div_ceil(block);
        let slots = slots.clamp(1, n_blocks.max(1));
        self.block = block;
        self.slots = slots;
        self.n = n;
        let floats = slots.saturating_mul(block).saturating_mul(FEATS * HP);
        if self.data.len() < floats {
            self.data.resize(floats, 0.0);
        }
        self.slot_block.clear();
        self.slot_block.resize(slots, usize::MAX);
        self.last_use.clear();
        self.last_use.resize(slots, 0);
        self.block_slot.clear();
        self.block_slot.resize(n_blocks, NO_SLOT);
        self.tick = 0;
        self.computed = 0;
    }

    /// Releases buffers above the default size (after a call with larger
    /// blocks or more slots than [`BLOCK`] and [`SLOTS`]).
    pub(crate) fn trim(&mut self) {
        if self.data.capacity() > SLOTS * BLOCK * FEATS * HP {
            *self = Lower::default();
        }
    }

    /// The `FEATS * HP` floats of token `t` (`None` past the document).
    #[inline(always)]
    pub(crate) fn row(&mut self, net: &Net, t2v: &[f32], t: usize) -> Option<&[f32]> {
        if t >= self.n {
            return None;
        }
        let blk = t / self.block;
        self.tick += 1;
        let slot = match *self.block_slot.get(blk)? {
            NO_SLOT => self.fill(net, t2v, blk)?,
            s => s as usize,
        };
        *self.last_use.get_mut(slot)? = self.tick;
        let w = FEATS * HP;
        let start = (slot * self.block + (t - blk * self.block)) * w;
        self.data.get(start..start + w)
    }

    /// Computes block `blk` into a free or the least recently used slot.
    #[inline(never)]
    fn fill(&mut self, net: &Net, t2v: &[f32], blk: usize) -> Option<usize> {
        let slot = (0..self.slots).min_by_key(|&s| self.last_use[s])?;
        if let Some(&old) = self.slot_block.get(slot) {
            if let Some(b) = self.block_slot.get_mut(old) {
                *b = NO_SLOT;
            }
        }
        let r0 = blk * self.block;
        let r1 = (r0 + self.block).min(self.n);
        let w = FEATS * HP;
        let out = self
            .data
            .get_mut(slot * self.block * w..(slot + 1) * self.block * w)?;
        net.lower_rows(
            t2v.get(r0 * T2V_WIDTH..r1 * T2V_WIDTH)?,
            r1 - r0,
            &mut self.proj,
            out,
        );
        self.slot_block[slot] = blk;
        self.block_slot[blk] = slot as u32;
        self.computed += 1;
        Some(slot)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows read through a small evicting cache, in an order that jumps
    /// back and forth, equal the whole document's lower layer bit for bit.
    #[test]
    fn lower_rows_through_the_cache_equal_one_pass() {
        let net = &crate::model::parser::Parser::english().net;
        let n = 203;
        // t2v-like rows with varied values
        let t2v: Vec<f32> = (0..n * T2V_WIDTH)
            .map(|i| ((i * 7919 % 1000) as f32 / 500.0 - 1.0) * (1.0 + (i % 13) as f32))
            .collect();
        let w = FEATS * HP;
        let mut whole = vec![0f32; n * w];
        let mut proj = Vec::new();
        net.lower_rows(&t2v, n, &mut proj, &mut whole);
        assert!(whole.iter().any(|&x| x != 0.0));
        let mut lower = Lower::default();
        lower.reset(n, 5, 2);
        let order = (0..n).chain((0..n).rev()).chain((0..n).map(|i| i * 37 % n));
        for t in order {
            let row = lower.row(net, &t2v, t).map(<[f32]>::to_vec);
            let want = &whole[t * w..(t + 1) * w];
            assert_eq!(
                row.as_deref()
                    .map(|r| r.iter().map(|x| x.to_bits()).collect::<Vec<_>>()),
                Some(want.iter().map(|x| x.to_bits()).collect::<Vec<_>>()),
                "token {t}"
            );
        }
        assert!(lower.computed > n.div_ceil(5), "evictions were exercised");
        assert!(lower.row(net, &t2v, n).is_none());
        // one token, one block
        lower.reset(1, BLOCK, SLOTS);
        let row = lower.row(net, &t2v[..T2V_WIDTH], 0).map(<[f32]>::to_vec);
        assert_eq!(row.as_deref(), Some(&whole[..w]));
    }
}
