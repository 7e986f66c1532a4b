//! A reproducible random sample of coded events for checking precision by
//! hand: `cargo run --release -p dyad-extract --example sample_events --
//! PATH [N] [SEED]` prints N events (default 30) drawn with a fixed seed
//! (default 1) from every event found in PATH (a file or directory), each
//! with its evidence sentence, so that a reader can judge whether the code,
//! the source and the target are right.

use std::path::PathBuf;

use dyad_extract::Pipeline;
use dyad_model::Document;
use dyad_read::{read_paths, ReadOptions};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: sample_events PATH [N] [SEED]");
        std::process::exit(2);
    };
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(30);
    let seed: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1);
    let docs: Vec<Document> = read_paths(&[PathBuf::from(path)], &ReadOptions::default())
        .filter_map(Result::ok)
        .collect();
    let pipeline = Pipeline::new();
    // (document index, event) for every event, in corpus order.
    let mut all = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        for e in pipeline.run(d).events {
            all.push((i, e));
        }
    }
    println!(
        "{} events in {} documents; seed {seed}",
        all.len(),
        docs.len()
    );
    // A partial Fisher-Yates shuffle driven by a 64-bit LCG (Knuth's MMIX).
    let mut state = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
    let mut next = |bound: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % bound
    };
    let n = n.min(all.len());
    for k in 0..n {
        let j = k + next(all.len() - k);
        all.swap(k, j);
    }
    for (k, (i, e)) in all.iter().take(n).enumerate() {
        let text = &docs[*i].text;
        let sentence: String = text
            .chars()
            .skip(e.evidence.start)
            .take(e.evidence.end - e.evidence.start)
            .collect();
        let code = |a: &Option<dyad_model::ActorCode>| {
            a.as_ref().map_or("-".to_string(), |c| c.to_string())
        };
        println!(
            "\n#{:02} {} {} -> {}  ({} -> {})  {}\n   {}",
            k + 1,
            e.code,
            code(&e.source),
            code(&e.target),
            e.source_entity.as_deref().unwrap_or("-"),
            e.target_entity.as_deref().unwrap_or("-"),
            docs[*i].id_hint(),
            sentence.split_whitespace().collect::<Vec<_>>().join(" ")
        );
    }
}

/// A short name of a document for the listing.
trait IdHint {
    fn id_hint(&self) -> String;
}

impl IdHint for Document {
    fn id_hint(&self) -> String {
        self.source.rsplit('#').next().unwrap_or("").to_string()
    }
}
