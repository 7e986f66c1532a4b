//! Draws a fixed-seed random sample of agreement records from `dyad
//! extract --json --text` output, for judging precision by hand: each
//! record is printed with its evidence sentence, type, title, subject and
//! parties, numbered for a verdict sheet.
//!
//!     dyad extract ../shared/data/news/reuters21578_trade_politics.jsonl --json --text \
//!         | cargo run -p dyad-extract --example agreement_sample -- 30 7
//!
//! Arguments: sample size (default 30) and seed (default 1). The text it
//! prints is the input's: read it, do not commit it.

use std::io::BufRead;

/// A small deterministic generator (SplitMix64): same seed, same sample.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = args.first().map_or(Ok(30), |a| a.parse())?;
    let seed: u64 = args.get(1).map_or(Ok(1), |a| a.parse())?;
    let mut records: Vec<(String, serde_json::Value, String)> = Vec::new();
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: serde_json::Value = serde_json::from_str(&line)?;
        let text: Vec<char> = doc["doc"]["text"].as_str().unwrap_or("").chars().collect();
        let id = doc["doc"]["id"].as_str().unwrap_or("?").to_string();
        for a in doc["agreements"].as_array().into_iter().flatten() {
            let ev = &a["evidence"];
            let s = ev[0].as_u64().unwrap_or(0) as usize;
            let e = (ev[1].as_u64().unwrap_or(0) as usize).min(text.len());
            let sentence: String = text[s.min(e)..e].iter().collect();
            let sentence = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
            records.push((id.clone(), a.clone(), sentence));
        }
    }
    let total = records.len();
    // Partial Fisher-Yates: the first `n` records after shuffling.
    let mut rng = SplitMix(seed);
    let k = n.min(total);
    for i in 0..k {
        let j = i + (rng.next() % (total - i) as u64) as usize;
        records.swap(i, j);
    }
    println!("{total} agreement records; sample of {k} (seed {seed})");
    for (no, (id, a, sentence)) in records.iter().take(k).enumerate() {
        let parties: Vec<String> = a["parties"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| {
                format!(
                    "{}/{}",
                    p["name"].as_str().unwrap_or("-"),
                    p["country"].as_str().unwrap_or("-")
                )
            })
            .collect();
        println!(
            "\n#{} {id}\n  {} title={:?} subject={:?}\n  parties: {}\n  > {sentence}",
            no + 1,
            a["type"].as_str().unwrap_or("-"),
            a["title"].as_str().unwrap_or("-"),
            a["subject"].as_str().unwrap_or("-"),
            parties.join(" + "),
        );
    }
    Ok(())
}
