//! The parser's network: its own Linear over tok2vec, the precomputable
//! affine "lower" layer with maxout, and the "upper" Linear to class scores.
//!
//! As in spaCy's `parser_model.pyx`, the lower layer is computed once per
//! document for every (token, feature) pair as one GEMM, giving for token `t`
//! and feature slot `f` a vector of `HIDDEN * PIECES` floats laid out
//! `[hidden][piece]`. A state's hidden vector is then the sum of its 8
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

    /// Fills `cached` (n x FEATS*HP) with the lower layer of every token:
    /// `proj = t2v . lin_W^T + lin_b`, then `cached = proj . lower_W^T`.
    /// `proj` is scratch space. `t2v` holds exactly `n` rows.
    pub(crate) fn precompute(
        &self,
        t2v: &[f32],
        n: usize,
        proj: &mut Vec<f32>,
        cached: &mut Vec<f32>,
    ) {
        // Both buffers are fully overwritten below (GEMM with beta = 0), so
        // they are only grown, never cleared.
        proj.resize(n * HIDDEN, 0.0);
        cached.resize(n * FEATS * HP, 0.0);
        let proj = &mut proj[..n * HIDDEN];
        let cached = &mut cached[..n * FEATS * HP];
        if n == 0 {
            return;
        }
        // Shapes below are consistent by construction (n rows of fixed
        // widths), so the view constructors cannot fail; if they ever did,
        // the buffers are left as they are rather than panicking.
        let (Ok(x), Ok(w), Ok(mut y)) = (
            ArrayView2::from_shape((n, T2V_WIDTH), t2v),
            ArrayView2::from_shape((HIDDEN, T2V_WIDTH), &self.lin_w[..]),
            ArrayViewMut2::from_shape((n, HIDDEN), &mut proj[..]),
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
            ArrayView2::from_shape((n, HIDDEN), &proj[..]),
            ArrayView2::from_shape((FEATS * HP, HIDDEN), &self.lower_w[..]),
            ArrayViewMut2::from_shape((n, FEATS * HP), &mut cached[..]),
        ) else {
            return;
        };
        general_mat_mul(1.0, &x, &w.t(), 0.0, &mut y);
    }

    /// The hidden vector of a state from its context tokens.
    #[inline(always)]
    pub(crate) fn hidden(&self, cached: &[f32], ids: &[i32; FEATS], out: &mut [f32; HIDDEN]) {
        let mut acc = [0f32; HP];
        for (f, &id) in ids.iter().enumerate() {
            let v = if id < 0 {
                self.lower_pad.get(f * HP..(f + 1) * HP)
            } else {
                let start = id as usize * FEATS * HP + f * HP;
                cached.get(start..start + HP)
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
