//! Runs the parser on tok2vec tensors dumped by spaCy and compares with
//! spaCy's parse; prints identical heads / labels / sentence starts and the
//! parser's speed. Input: a container as written by
//! `data/gen/nlp/parser_reference.py` (`dump`), e.g. by
//! `data/gen/nlp/parser_parity.py`.
//!
//! `cargo run --release -p dyad-nlp --example parse_t2v -- FILE.bin [REPEAT]`

use std::time::Instant;

use dyad_nlp::model::parser::{Arc, Parser, T2V_WIDTH};
use dyad_nlp::weights::Container;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: parse_t2v FILE.bin [REPEAT]")?;
    let repeat: usize = args.next().map(|r| r.parse()).transpose()?.unwrap_or(3);
    let raw = std::fs::read(&path)?;
    // The container wants 64-byte aligned bytes.
    let mut buf = vec![0u8; raw.len() + 64];
    let off = buf.as_ptr().align_offset(64);
    buf[off..off + raw.len()].copy_from_slice(&raw);
    let c = Container::parse(&buf[off..off + raw.len()])?;
    let t2v = c.f32("t2v")?.data;
    let offsets = c.u32("offsets")?.data;
    let is_space: Vec<bool> = c.u32("is_space")?.data.iter().map(|&x| x != 0).collect();
    let heads = c.u32("heads")?.data;
    let sent = c.u32("sent")?.data;
    let labels: Vec<&str> = c.meta()["labels"]
        .as_array()
        .ok_or("meta.labels")?
        .iter()
        .map(|l| l.as_str().unwrap_or(""))
        .collect();
    let words: Option<Vec<&str>> = c.meta()["words"]
        .as_array()
        .map(|w| w.iter().map(|x| x.as_str().unwrap_or("")).collect());

    let t0 = Instant::now();
    let p = Parser::english();
    let load = t0.elapsed();

    let n_docs = offsets.len().saturating_sub(1);
    let mut all: Vec<Vec<Arc>> = vec![Vec::new(); n_docs];
    let mut best = f64::INFINITY;
    for _ in 0..repeat.max(1) {
        let t = Instant::now();
        for (d, out) in all.iter_mut().enumerate() {
            let (a, b) = (offsets[d] as usize, offsets[d + 1] as usize);
            p.parse(&t2v[a * T2V_WIDTH..b * T2V_WIDTH], &is_space[a..b], out);
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    let n = *offsets.last().unwrap_or(&0) as usize;
    let (mut same_head, mut same_label, mut same_sent, mut same_all) = (0usize, 0, 0, 0);
    let mut docs_identical = 0;
    let mut shown = 0;
    for (d, out) in all.iter().enumerate() {
        let a = offsets[d] as usize;
        let mut doc_ok = true;
        for (i, arc) in out.iter().enumerate() {
            let k = a + i;
            let got_label = p.labels()[arc.label as usize].as_str();
            let h = arc.head == heads[k];
            let l = got_label == labels[k];
            let s = arc.sent_start == (sent[k] != 0);
            same_head += h as usize;
            same_label += l as usize;
            same_sent += s as usize;
            same_all += (h && l && s) as usize;
            if !(h && l && s) {
                doc_ok = false;
                if shown < 10 {
                    shown += 1;
                    let w = |j: usize| words.as_ref().map_or("", |ws| ws[a + j]);
                    println!(
                        "doc {d} token {i} {:?}: got head {} {:?} {} sent {}; spaCy head {} {:?} {} sent {}",
                        w(i),
                        arc.head,
                        w(arc.head as usize),
                        got_label,
                        arc.sent_start,
                        heads[k],
                        w(heads[k] as usize - a),
                        labels[k],
                        sent[k] != 0
                    );
                }
            }
        }
        docs_identical += doc_ok as usize;
    }
    let pct = |x: usize| 100.0 * x as f64 / n.max(1) as f64;
    println!("weights ready in {:.1} ms", load.as_secs_f64() * 1e3);
    println!("docs {n_docs}, tokens {n}, docs fully identical {docs_identical}");
    println!(
        "identical heads {:.3}%  labels {:.3}%  sent starts {:.3}%  all three {:.3}%",
        pct(same_head),
        pct(same_label),
        pct(same_sent),
        pct(same_all)
    );
    println!(
        "parser alone (one core, best of {repeat}): {:.3} s, {:.0} tokens/s",
        best,
        n as f64 / best
    );
    Ok(())
}
