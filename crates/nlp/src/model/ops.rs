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

/// Maxout over `pieces` adjacent values, then thinc's LayerNorm
/// (`(x - mean) / sqrt(var + 1e-8) * g + beta`), for each row of `y`
/// (n × (width·pieces)); writes n × width into `out`.
pub(crate) fn maxout_layernorm(
    y: &[f32],
    pieces: usize,
    g: &[f32],
    beta: &[f32],
    out: &mut Vec<f32>,
) {
    let width = g.len();
    out.clear();
    if width == 0 || pieces == 0 {
        return;
    }
    let mut row = vec![0f32; width];
    for yr in y.chunks_exact(width * pieces) {
        for (r, p) in row.iter_mut().zip(yr.chunks_exact(pieces)) {
            // argmax keeps the first maximum, like numpy; the value is what counts
            *r = p.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        }
        let mean = row.iter().map(|&v| f64::from(v)).sum::<f64>() / width as f64;
        let var = row
            .iter()
            .map(|&v| {
                let d = f64::from(v) - mean;
                d * d
            })
            .sum::<f64>()
            / width as f64;
        let inv = 1.0 / (var + 1e-8).sqrt();
        for ((&v, &gi), &bi) in row.iter().zip(g).zip(beta) {
            let xhat = ((f64::from(v) - mean) * inv) as f32;
            out.push(xhat * gi + bi);
        }
    }
}
