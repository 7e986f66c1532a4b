//! Dense math shared by the tok2vec and tagger layers: affine maps over whole
//! documents (one GEMM through `ndarray`/`matrixmultiply`), maxout and layer
//! normalization with thinc's definitions.

use ndarray::linalg::general_mat_mul;
use ndarray::{ArrayView2, ArrayViewMut2};

/// `out = x · wᵀ + b` for `x` (n × k) and `w` (m × k), row-major; `out` becomes
/// n × m. Shapes are the caller's invariant (checked in debug builds).
pub(crate) fn affine(x: &[f32], n: usize, k: usize, w: &[f32], b: &[f32], out: &mut Vec<f32>) {
    let m = b.len();
    out.clear();
    out.reserve(n * m);
    for _ in 0..n {
        out.extend_from_slice(b);
    }
    if n == 0 {
        return;
    }
    let (Ok(xa), Ok(wa), Ok(mut ca)) = (
        ArrayView2::from_shape((n, k), x),
        ArrayView2::from_shape((m, k), w),
        ArrayViewMut2::from_shape((n, m), &mut out[..]),
    ) else {
        debug_assert!(false, "affine: shape mismatch");
        return;
    };
    general_mat_mul(1.0, &xa, &wa.t(), 1.0, &mut ca);
}

/// Mean and variance of a row in f64 (four partial sums, so that the loop
/// vectorizes).
#[inline(always)]
fn mean_var(row: &[f32]) -> (f64, f64) {
    let n = row.len() as f64;
    let mut acc = [0f64; 4];
    let mut chunks = row.chunks_exact(4);
    for c in &mut chunks {
        for (a, &v) in acc.iter_mut().zip(c) {
            *a += f64::from(v);
        }
    }
    let tail: f64 = chunks.remainder().iter().map(|&v| f64::from(v)).sum();
    let mean = (acc[0] + acc[1] + acc[2] + acc[3] + tail) / n;
    let mut acc = [0f64; 4];
    let mut chunks = row.chunks_exact(4);
    for c in &mut chunks {
        for (a, &v) in acc.iter_mut().zip(c) {
            let d = f64::from(v) - mean;
            *a += d * d;
        }
    }
    let tail: f64 = chunks
        .remainder()
        .iter()
        .map(|&v| {
            let d = f64::from(v) - mean;
            d * d
        })
        .sum();
    (mean, (acc[0] + acc[1] + acc[2] + acc[3] + tail) / n)
}

/// The larger of two floats (the first on ties and NaN-free input, like
/// numpy's argmax in thinc's Maxout).
#[inline(always)]
fn max2(a: f32, b: f32) -> f32 {
    if b > a {
        b
    } else {
        a
    }
}

/// Width of the tok2vec rows.
const W: usize = 96;

/// Maxout over `pieces` adjacent values, then thinc's LayerNorm
/// (`(x - mean) / sqrt(var + 1e-8) * g + beta`), for each row of `y`
/// (n × (width·pieces), layout `[unit][piece]`); appends n × width to `out`.
#[inline(always)]
pub(crate) fn maxout_layernorm(
    y: &[f32],
    pieces: usize,
    g: &[f32],
    beta: &[f32],
    out: &mut Vec<f32>,
) {
    let width = g.len();
    if width != W || pieces != 3 || beta.len() != W {
        debug_assert!(false, "maxout_layernorm: shape");
        return;
    }
    let mut row = [0f32; W];
    for yr in y.chunks_exact(W * 3) {
        for (r, p) in row.iter_mut().zip(yr.chunks_exact(3)) {
            *r = max2(max2(p[0], p[1]), p[2]);
        }
        let (mean, var) = mean_var(&row);
        let inv = 1.0 / (var + 1e-8).sqrt();
        for ((&v, &gi), &bi) in row.iter().zip(g).zip(beta) {
            let xhat = ((f64::from(v) - mean) * inv) as f32;
            out.push(xhat * gi + bi);
        }
    }
}

/// Maxout over three pieces laid out piece-major (each row of `y` is three
/// 96-wide blocks), thinc's LayerNorm, and a residual add: row `i` of `p`
/// (96 wide) gets the result of row `i` of `y` added.
#[inline(always)]
pub(crate) fn layernorm_add(y: &[f32], g: &[f32], beta: &[f32], p: &mut [f32]) {
    let (Some(g), Some(beta)) = (g.get(..W), beta.get(..W)) else {
        debug_assert!(false, "layernorm_add: shape");
        return;
    };
    let mut row = [0f32; W];
    for (yr, pr) in y.chunks_exact(3 * W).zip(p.chunks_exact_mut(W)) {
        let (a, rest) = yr.split_at(W);
        let (b, c) = rest.split_at(W);
        for ((r, (&a, &b)), &c) in row.iter_mut().zip(a.iter().zip(b)).zip(c) {
            *r = max2(max2(a, b), c);
        }
        let (mean, var) = mean_var(&row);
        let inv = 1.0 / (var + 1e-8).sqrt();
        for (((o, &v), &gi), &bi) in pr.iter_mut().zip(&row).zip(g).zip(beta) {
            let xhat = ((f64::from(v) - mean) * inv) as f32;
            *o += xhat * gi + bi;
        }
    }
}
