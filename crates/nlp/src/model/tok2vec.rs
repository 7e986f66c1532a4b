//! spaCy's shared `tok2vec` component of `en_core_web_sm` 3.8.0.
//!
//! Architecture (spaCy `Tok2Vec.v2`):
//! 1. MultiHashEmbed.v2, width 96: six HashEmbed tables over the token
//!    attributes NORM, PREFIX, SUFFIX, SHAPE (string hashes, see
//!    [`crate::lex`]), SPACY (a space follows) and IS_SPACE. Each key is hashed
//!    with thinc's MurmurHash3 under the table's seed into four row indices,
//!    and the four rows are summed; the six results are concatenated (576).
//! 2. Maxout(96, 576, 3 pieces) + LayerNorm mixes them to 96. The export
//!    folds the Maxout weights into the tables (each row stored already
//!    multiplied, 288 wide), so this step sums 24 projected rows per token
//!    instead of a GEMM over the 576-wide concatenation (same math, a third of
//!    the flops gone).
//! 3. MaxoutWindowEncoder.v2: the document is padded with 4 zero rows at each
//!    end (thinc's `with_array(pad=4)`), then 4 residual layers each
//!    concatenate every row with its left and right neighbours (288; zero
//!    beyond the padded ends), apply Maxout(96, 288, 3) + LayerNorm and add the
//!    result to their input. The padding rows are transformed like any other,
//!    so they are not zero from the second layer on.
//!
//! The output is exactly spaCy's `doc.tensor`: n × 96 row-major.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use super::ops::{affine, layernorm_add, maxout_layernorm};
use crate::lex;
use crate::weights::{Container, WeightsError};

/// One token as tok2vec sees it.
#[derive(Debug, Clone, Copy)]
pub struct TokenInput<'a> {
    /// The token text (`token.text`).
    pub text: &'a str,
    /// A tokenizer special case's NORM (`token.norm_` when it differs from the
    /// lexeme's norm), else `None`.
    pub norm_override: Option<&'a str>,
    /// Whether whitespace follows the token (`token.whitespace_` non-empty).
    pub space_after: bool,
}

const WIDTH: usize = 96;
const PIECES: usize = 3;
const PAD: usize = 4;
const N_EMBED: usize = 6;

#[derive(Debug)]
struct Layer {
    /// The Maxout weights with their rows reordered piece-major (row
    /// `p * 96 + o` is the model's row `o * 3 + p`), so that the three pieces
    /// of the outputs are three contiguous 96-wide blocks.
    w: Vec<f32>,
    b: Vec<f32>,
    g: &'static [f32],
    beta: &'static [f32],
    n_in: usize,
}

impl Layer {
    fn load(c: &'static Container<'static>, name: &str, n_in: usize) -> Result<Self, WeightsError> {
        let t = |s: &str, shape: &[usize]| c.f32_shaped(&format!("{name}.{s}"), shape);
        let w = t("W", &[WIDTH * PIECES, n_in])?.data;
        let b = t("b", &[WIDTH * PIECES])?.data;
        let mut wp = Vec::with_capacity(w.len());
        let mut bp = Vec::with_capacity(b.len());
        for p in 0..PIECES {
            for o in 0..WIDTH {
                let r = o * PIECES + p;
                wp.extend_from_slice(&w[r * n_in..(r + 1) * n_in]);
                bp.push(b[r]);
            }
        }
        Ok(Layer {
            w: wp,
            b: bp,
            g: t("G", &[WIDTH])?.data,
            beta: t("beta", &[WIDTH])?.data,
            n_in,
        })
    }
}

#[derive(Debug)]
struct Embed {
    /// (rows, 288): the table times its block of the mixing weights.
    proj: &'static [f32],
    rows: u32,
    seed: u32,
}

/// The tok2vec model (weights borrowed from the embedded container).
#[derive(Debug)]
pub struct Tok2Vec {
    embeds: Vec<Embed>,
    mix_b: &'static [f32],
    mix_g: &'static [f32],
    mix_beta: &'static [f32],
    encode: Vec<Layer>,
}

/// Per-text features: hashes of NORM, PREFIX, SUFFIX, SHAPE, and IS_SPACE.
type LexKeys = [u64; 5];

fn lex_keys(text: &str, shape_buf: &mut String) -> LexKeys {
    lex::shape_into(text, shape_buf);
    [
        lex::hash_string(&lex::norm(text)),
        lex::hash_string(lex::prefix(text)),
        lex::hash_string(lex::suffix(text)),
        lex::hash_string(shape_buf),
        u64::from(lex::is_space(text)),
    ]
}

impl Tok2Vec {
    fn load() -> Result<Self, WeightsError> {
        let c = super::container();
        let seeds: Vec<u32> = c.meta()["seeds"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_u64())
                    .filter_map(|v| u32::try_from(v).ok())
                    .collect()
            })
            .unwrap_or_default();
        let mut embeds = Vec::with_capacity(N_EMBED);
        for i in 0..N_EMBED {
            let name = format!("embed.{i}.P");
            let t = c.f32(&name)?;
            let rows = t.shape.first().copied().unwrap_or(0);
            if t.shape != [rows, WIDTH * PIECES] || rows == 0 {
                return Err(WeightsError::Shape {
                    name,
                    found: t.shape.to_vec(),
                    expected: vec![rows, WIDTH * PIECES],
                });
            }
            let seed = *seeds.get(i).ok_or_else(|| WeightsError::Missing {
                name: format!("meta.seeds[{i}]"),
            })?;
            embeds.push(Embed {
                proj: t.data,
                rows: u32::try_from(rows).map_err(|_| WeightsError::OutOfBounds { name })?,
                seed,
            });
        }
        let mix_b = c.f32_shaped("mix.b", &[WIDTH * PIECES])?.data;
        let mix_g = c.f32_shaped("mix.G", &[WIDTH])?.data;
        let mix_beta = c.f32_shaped("mix.beta", &[WIDTH])?.data;
        let encode = (0..4)
            .map(|d| Layer::load(c, &format!("enc.{d}"), WIDTH * 3))
            .collect::<Result<Vec<_>, _>>()?;
        // make sure the lexical tables load too
        let _ = super::tables();
        Ok(Tok2Vec {
            embeds,
            mix_b,
            mix_g,
            mix_beta,
            encode,
        })
    }

    /// The model of `en_core_web_sm` 3.8.0, loaded on first use.
    ///
    /// Panics only if the embedded weights are malformed, which this crate's
    /// tests rule out (the file is committed with the code).
    pub fn english() -> &'static Tok2Vec {
        static M: OnceLock<Tok2Vec> = OnceLock::new();
        M.get_or_init(|| Tok2Vec::load().expect("embedded tok2vec weights are valid"))
    }

    /// Output width (96).
    pub fn width(&self) -> usize {
        WIDTH
    }

    /// The mixing Maxout's pre-activations (one row of 288 per token): its
    /// bias plus the projected rows of every table. `cache` memoizes the
    /// lexical keys of each distinct text within a document.
    #[inline(always)]
    fn embed<'t>(
        &self,
        tokens: &[TokenInput<'t>],
        cache: &mut HashMap<&'t str, LexKeys>,
        shape_buf: &mut String,
        y: &mut Vec<f32>,
    ) {
        let cols = WIDTH * PIECES;
        y.clear();
        y.reserve(tokens.len() * cols);
        for _ in tokens {
            y.extend_from_slice(self.mix_b);
        }
        for (tok, yr) in tokens.iter().zip(y.chunks_exact_mut(cols)) {
            let lk = *cache
                .entry(tok.text)
                .or_insert_with(|| lex_keys(tok.text, shape_buf));
            let norm = match tok.norm_override {
                Some(n) => lex::hash_string(n),
                None => lk[0],
            };
            let keys = [norm, lk[1], lk[2], lk[3], u64::from(tok.space_after), lk[4]];
            for (e, key) in self.embeds.iter().zip(keys) {
                for h in lex::thinc_hash_u64(key, e.seed) {
                    let row = (h % e.rows) as usize * cols;
                    if let Some(src) = e.proj.get(row..row + cols) {
                        for (o, &v) in yr.iter_mut().zip(src) {
                            *o += v;
                        }
                    }
                }
            }
        }
    }

    /// Runs tok2vec over one document (the whole document is one sequence,
    /// whitespace tokens included) and writes n × 96 floats into `out`.
    ///
    /// The encoder runs over blocks of [`BLOCK`] tokens, each with the 4
    /// neighbouring rows on either side that its receptive field reaches,
    /// so that the scratch memory does not grow with the document; the
    /// output is bit-identical to one pass over the whole document (every
    /// row is computed by the same per-row arithmetic).
    pub fn forward(&self, tokens: &[TokenInput], out: &mut Vec<f32>) {
        self.forward_blocks(tokens, BLOCK, out);
    }

    /// [`Tok2Vec::forward`] with blocks of `block` tokens (at least one;
    /// `usize::MAX` is one block for the whole document).
    pub(crate) fn forward_blocks(&self, tokens: &[TokenInput], block: usize, out: &mut Vec<f32>) {
        out.clear();
        let n = tokens.len();
        if n == 0 {
            return;
        }
        out.reserve(n * WIDTH);
        BUFS.with(|b| {
            let mut b = b.borrow_mut();
            let Bufs { y, p, cols } = &mut *b;
            // The vector loops below are plain Rust; compile them for the
            // best SIMD the CPU has (detected at run time).
            pulp::Arch::new().dispatch(Forward {
                model: self,
                tokens,
                block: block.clamp(1, n),
                y,
                p,
                cols,
                out,
            });
            if p.capacity() > KEEP_FLOATS {
                *b = Bufs::default();
            }
        });
    }

    #[inline(always)]
    fn forward_in(&self, tokens: &[TokenInput], block: usize, bufs: BufsMut, out: &mut Vec<f32>) {
        let BufsMut { y, p, cols } = bufs;
        let n = tokens.len();
        let mut cache: HashMap<&str, LexKeys> = HashMap::new();
        let mut shape_buf = String::new();
        let mut a = 0;
        while a < n {
            let b = a.saturating_add(block).min(n);
            // The block's padded sequence: rows a..b+8 of the document's
            // padded sequence (PAD zero rows, the tokens, PAD zero rows),
            // i.e. tokens a-4..b+4, zero where that leaves the document.
            let m = b - a + 2 * PAD;
            let t0 = a.saturating_sub(PAD);
            let t1 = (b + PAD).min(n);
            let before = (t0 + PAD) - a;
            self.embed(&tokens[t0..t1], &mut cache, &mut shape_buf, y);
            p.clear();
            p.resize(before * WIDTH, 0.0);
            maxout_layernorm(y, PIECES, self.mix_g, self.mix_beta, p);
            p.resize(m * WIDTH, 0.0);
            cols.resize(m * 3 * WIDTH, 0.0);
            for (d, layer) in self.encode.iter().enumerate() {
                // Rows whose output can still reach a token of the block:
                // layer d (0-based) of 4 must cover PAD - 1 - d rows beyond
                // it on each side (padding rows included).
                let lo = d + 1;
                let hi = m - lo;
                let rows = hi - lo;
                seq2col(p, lo, hi, cols);
                affine(
                    &cols[..rows * 3 * WIDTH],
                    rows,
                    layer.n_in,
                    &layer.w,
                    &layer.b,
                    y,
                );
                layernorm_add(y, layer.g, layer.beta, &mut p[lo * WIDTH..hi * WIDTH]);
            }
            out.extend_from_slice(&p[PAD * WIDTH..(m - PAD) * WIDTH]);
            a = b;
        }
    }
}

/// The scratch buffers of one [`Tok2Vec::forward_in`] call.
struct BufsMut<'a> {
    y: &'a mut Vec<f32>,
    p: &'a mut Vec<f32>,
    cols: &'a mut Vec<f32>,
}

/// [`Tok2Vec::forward_in`] as a [`pulp::WithSimd`] op: `with_simd` is
/// inlined into pulp's function compiled with the detected target features,
/// so the loops get AVX2/FMA (a plain closure is not reliably inlined there).
struct Forward<'a, 'b> {
    model: &'a Tok2Vec,
    tokens: &'a [TokenInput<'b>],
    block: usize,
    y: &'a mut Vec<f32>,
    p: &'a mut Vec<f32>,
    cols: &'a mut Vec<f32>,
    out: &'a mut Vec<f32>,
}

impl pulp::WithSimd for Forward<'_, '_> {
    type Output = ();
    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _simd: S) {
        let bufs = BufsMut {
            y: self.y,
            p: self.p,
            cols: self.cols,
        };
        self.model
            .forward_in(self.tokens, self.block, bufs, self.out);
    }
}

/// Tokens per encoder block: the scratch buffers hold the block and 8
/// neighbouring rows (about 1.4 MB), small enough to stay in the L2 cache;
/// most news articles are one block.
pub(crate) const BLOCK: usize = 512;

/// Largest tok2vec buffers (floats) kept for the next call (only a call
/// with larger blocks than [`BLOCK`] exceeds it).
const KEEP_FLOATS: usize = (BLOCK + 2 * PAD) * WIDTH;

#[derive(Debug, Default)]
struct Bufs {
    y: Vec<f32>,
    p: Vec<f32>,
    cols: Vec<f32>,
}

thread_local! {
    static BUFS: RefCell<Bufs> = RefCell::new(Bufs::default());
}

/// Window of one for rows `lo..hi` of `p`: row `i - lo` of `cols` is
/// [p(i-1), p(i), p(i+1)] (zero outside `p`).
#[inline(always)]
fn seq2col(p: &[f32], lo: usize, hi: usize, cols: &mut [f32]) {
    let w3 = 3 * WIDTH;
    let n = p.len() / WIDTH;
    for (i, dst) in (lo..hi).zip(cols.chunks_exact_mut(w3)) {
        let (left, rest) = dst.split_at_mut(WIDTH);
        let (mid, right) = rest.split_at_mut(WIDTH);
        if i > 0 {
            left.copy_from_slice(&p[(i - 1) * WIDTH..i * WIDTH]);
        } else {
            left.fill(0.0);
        }
        mid.copy_from_slice(&p[i * WIDTH..(i + 1) * WIDTH]);
        if i + 1 < n {
            right.copy_from_slice(&p[(i + 1) * WIDTH..(i + 2) * WIDTH]);
        } else {
            right.fill(0.0);
        }
    }
}
