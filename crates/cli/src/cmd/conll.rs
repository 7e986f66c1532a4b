//! `dyad conll FILE [-o OUT]`: runs the analyzer on CoNLL-2003 data.
//!
//! Reads `token POS chunk NER` lines (`-DOCSTART-` separates documents,
//! blank lines separate sentences), rebuilds each document's text (tokens
//! joined by spaces, one paragraph per sentence), analyzes it and writes
//! `token gold pred` lines with IOB2 tags: people are PER, countries and
//! places LOC, organizations ORG, country adjectives and demonyms MISC. The
//! output is what `conll_score.py` reads.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use dyad_analyze::Analyzer;
use dyad_model::{Document, EntityKind, MentionForm};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// A CoNLL-2003 file (`token POS chunk NER` per line).
    input: PathBuf,
    /// Write here instead of standard output.
    #[arg(short, long)]
    out: Option<PathBuf>,
}

/// One token of the input: its text, gold tag and byte span in the rebuilt
/// text.
struct Tok {
    text: String,
    gold: String,
    start: usize,
    end: usize,
}

/// One document: its sentences of tokens and the rebuilt text.
#[derive(Default)]
struct Doc {
    sentences: Vec<Vec<Tok>>,
    text: String,
}

impl Doc {
    fn push(&mut self, sentence: Vec<(String, String)>) {
        if sentence.is_empty() {
            return;
        }
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        let mut toks = Vec::with_capacity(sentence.len());
        for (i, (text, gold)) in sentence.into_iter().enumerate() {
            if i > 0 {
                self.text.push(' ');
            }
            let start = self.text.len();
            self.text.push_str(&text);
            toks.push(Tok {
                text,
                gold,
                start,
                end: self.text.len(),
            });
        }
        self.sentences.push(toks);
    }
}

fn parse(input: &str) -> Vec<Doc> {
    let mut docs = vec![Doc::default()];
    let mut sentence: Vec<(String, String)> = Vec::new();
    for line in input.lines() {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.is_empty() {
            if let Some(d) = docs.last_mut() {
                d.push(std::mem::take(&mut sentence));
            }
            continue;
        }
        if cols[0] == "-DOCSTART-" {
            if let Some(d) = docs.last_mut() {
                d.push(std::mem::take(&mut sentence));
            }
            docs.push(Doc::default());
            continue;
        }
        let gold = cols.last().copied().unwrap_or("O").to_string();
        sentence.push((cols[0].to_string(), gold));
    }
    if let Some(d) = docs.last_mut() {
        d.push(sentence);
    }
    docs.retain(|d| !d.sentences.is_empty());
    docs
}

/// The CoNLL type of a mention.
fn label(kind: EntityKind, form: MentionForm) -> Option<&'static str> {
    match (kind, form) {
        (_, MentionForm::Description) => None,
        (EntityKind::Country, MentionForm::Adjective | MentionForm::Demonym) => Some("MISC"),
        (EntityKind::Country | EntityKind::Place, _) => Some("LOC"),
        (EntityKind::Person, _) => Some("PER"),
        (EntityKind::Organization, _) => Some("ORG"),
        (EntityKind::Other, _) => Some("MISC"),
    }
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let input = std::fs::read_to_string(&args.input)
        .with_context(|| format!("reading {}", args.input.display()))?;
    let analyzer = Analyzer::new();
    let sink: Box<dyn Write> = match &args.out {
        Some(p) => {
            Box::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?)
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = BufWriter::new(sink);
    for doc in parse(&input) {
        let d = Document::new(args.input.display().to_string(), doc.text.clone());
        let a = analyzer.entities(&d);
        // The outermost mention over each byte, with where it starts.
        let mut outer: Vec<(usize, usize, &'static str)> = Vec::new();
        for m in &a.mentions {
            if outer.last().is_some_and(|&(_, e, _)| m.span.start < e) {
                continue;
            }
            let Some(kind) = a.entities.get(m.entity).map(|e| e.kind) else {
                continue;
            };
            if let Some(l) = label(kind, m.form) {
                outer.push((m.span.start, m.span.end, l));
            }
        }
        writeln!(out, "-DOCSTART- O O\n")?;
        let mut k = 0;
        for sentence in &doc.sentences {
            let mut prev: Option<usize> = None;
            for t in sentence {
                while k < outer.len() && outer[k].1 <= t.start {
                    k += 1;
                }
                let pred = match outer.get(k) {
                    Some(&(s, e, l)) if s < t.end && t.start < e => {
                        let tag = if prev == Some(k) { "I" } else { "B" };
                        prev = Some(k);
                        format!("{tag}-{l}")
                    }
                    _ => {
                        prev = None;
                        "O".to_string()
                    }
                };
                writeln!(out, "{} {} {}", t.text, t.gold, pred)?;
            }
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rebuilds_text_and_spans() {
        let docs = parse("-DOCSTART- -X- -X- O\n\nRadev NNP B-NP B-PER\nvisits VBZ B-VP O\nAstana NNP B-NP B-LOC\n\nHe PRP B-NP O\n");
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].text, "Radev visits Astana\n\nHe");
        let t = &docs[0].sentences[0][2];
        assert_eq!(&docs[0].text[t.start..t.end], "Astana");
        assert_eq!(t.gold, "B-LOC");
    }
}
