//! `dyad bench CORPUS...`: whole-corpus throughput of analysis and of the
//! full extraction, single-threaded (so the figures are per core).

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use dyad_analyze::Analyzer;
use dyad_extract::Pipeline;
use dyad_model::Document;
use dyad_read::{read_paths, ReadOptions};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files or folders to read (reading is not timed).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Passes over the corpus per stage; the median pass is reported.
    #[arg(long, default_value_t = 3)]
    repeat: usize,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let docs: Vec<Document> = read_paths(&args.inputs, &ReadOptions::default())
        .filter_map(Result::ok)
        .collect();
    if docs.is_empty() {
        anyhow::bail!("no document could be read from the inputs");
    }
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    eprintln!(
        "corpus: {} documents, {:.2} MB of text",
        docs.len(),
        bytes as f64 / 1e6
    );

    let analyzer = Analyzer::new();
    let pipeline = Pipeline::new();
    let repeat = args.repeat.max(1);

    let mut mentions = 0;
    let analyze = median(repeat, || {
        mentions = docs
            .iter()
            .map(|d| analyzer.analyze(d).mentions.len())
            .sum();
    });
    report(
        "analyze",
        analyze,
        docs.len(),
        bytes,
        &format!("{mentions} mentions"),
    );

    let mut facts = 0;
    let extract = median(repeat, || {
        facts = docs
            .iter()
            .map(|d| {
                let x = pipeline.run(d);
                x.entities.len()
                    + x.events.len()
                    + x.agreements.len()
                    + x.quantities.len()
                    + x.quotes.len()
                    + x.topics.len()
            })
            .sum();
    });
    report(
        "extract",
        extract,
        docs.len(),
        bytes,
        &format!("{facts} facts"),
    );
    Ok(ExitCode::SUCCESS)
}

fn median(repeat: usize, mut pass: impl FnMut()) -> Duration {
    let mut times: Vec<Duration> = (0..repeat)
        .map(|_| {
            let t = Instant::now();
            pass();
            t.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn report(stage: &str, t: Duration, docs: usize, bytes: usize, what: &str) {
    let s = t.as_secs_f64().max(1e-9);
    println!(
        "{stage:<8} {:>8.3} s  {:>8.2} MB/s  {:>9.0} articles/s  ({what})",
        s,
        bytes as f64 / 1e6 / s,
        docs as f64 / s
    );
}
