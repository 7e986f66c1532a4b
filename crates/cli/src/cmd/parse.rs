//! `dyad parse FILE|DIR|- [--format conllu|json] [--input auto|conllu]`: the
//! document view as dyad sees it (tokens, tags, lemmas, heads, labels,
//! sentences), as CoNLL-U or JSON Lines.

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use dyad_model::syntax::{Dep, Syntax};
use dyad_model::CharMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// CoNLL-U: one token per line, sentences separated by blank lines.
    Conllu,
    /// One JSON object per document: text, tokens with offsets and attributes.
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Input {
    /// Documents in any format `dyad extract` reads (text, HTML, feeds, JSON Lines, WARC).
    Auto,
    /// A CoNLL-U treebank: its own words are kept (no tokenization), one
    /// sentence per document.
    Conllu,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, folders (read recursively) or `-` for standard input.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Conllu)]
    format: Format,
    /// How to read the input.
    #[arg(long, value_enum, default_value_t = Input::Auto)]
    input: Input,
    /// Refuse files larger than this many megabytes.
    #[arg(long, default_value_t = 20)]
    max_mb: u64,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if args.input == Input::Conllu {
        for path in &args.inputs {
            let text = if path.as_os_str() == "-" {
                std::io::read_to_string(std::io::stdin()).context("reading standard input")?
            } else {
                std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read {}", path.display()))?
            };
            let name = path.display().to_string();
            for (k, sent) in conllu_sentences(&text).enumerate() {
                let (doc_text, spans) = join_words(&sent);
                let syntax = dyad_analyze::syntax::parse_tokens(&doc_text, &spans);
                let id = format!("{name}#{}", k + 1);
                write_doc(&mut out, args.format, &id, &name, &doc_text, &syntax)?;
            }
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let code = super::for_each_document(&args.inputs, args.max_mb, |doc| {
        let syntax = dyad_analyze::syntax::parse(&doc.text);
        write_doc(
            &mut out,
            args.format,
            doc.id.as_str(),
            &doc.source,
            &doc.text,
            &syntax,
        )
    })?;
    out.flush()?;
    Ok(code)
}

/// The words of each sentence of a CoNLL-U file, with whether a space
/// follows (multiword-token ranges and empty nodes are skipped).
fn conllu_sentences(text: &str) -> impl Iterator<Item = Vec<(&str, bool)>> {
    text.split("\n\n").filter_map(|block| {
        let words: Vec<(&str, bool)> = block
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let cols: Vec<&str> = l.split('\t').collect();
                let id = cols.first()?;
                if id.contains('-') || id.contains('.') {
                    return None;
                }
                let form = *cols.get(1)?;
                let misc = cols.get(9).copied().unwrap_or("_");
                let space = !misc.split('|').any(|m| m == "SpaceAfter=No");
                Some((form, space))
            })
            .collect();
        (!words.is_empty()).then_some(words)
    })
}

/// The text of a sentence's words and their byte spans. A space follows
/// every word unless the treebank says `SpaceAfter=No`, the last word too,
/// as spaCy's `Doc(words, spaces)` has it (the model reads that bit).
fn join_words(words: &[(&str, bool)]) -> (String, Vec<(usize, usize, bool)>) {
    let mut text = String::new();
    let mut spans = Vec::with_capacity(words.len());
    for &(w, space) in words {
        let start = text.len();
        text.push_str(w);
        spans.push((start, text.len(), space));
        if space {
            text.push(' ');
        }
    }
    (text, spans)
}

fn is_space_token(text: &str) -> bool {
    !text.is_empty() && text.chars().all(char::is_whitespace)
}

fn write_doc(
    out: &mut impl Write,
    format: Format,
    id: &str,
    source: &str,
    text: &str,
    s: &Syntax,
) -> anyhow::Result<()> {
    match format {
        Format::Json => write_json(out, id, source, text, s),
        Format::Conllu => write_conllu(out, id, text, s),
    }
}

fn write_json(
    out: &mut impl Write,
    id: &str,
    source: &str,
    text: &str,
    s: &Syntax,
) -> anyhow::Result<()> {
    let map = CharMap::new(text);
    let tokens: Vec<serde_json::Value> = s
        .tokens
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let span = map.span(t.span);
            serde_json::json!({
                "i": i,
                "start": span.start,
                "end": span.end,
                "text": s.text(text, i),
                "ws": t.space_after,
                "tag": t.tag.as_str(),
                "pos": t.pos.as_str(),
                "lemma": s.lemma(i),
                "head": t.head,
                "dep": t.dep.as_str(),
                "sent_start": t.sent_start,
            })
        })
        .collect();
    let sentences: Vec<[usize; 2]> = s
        .sentences
        .iter()
        .map(|&b| {
            let c = map.span(b);
            [c.start, c.end]
        })
        .collect();
    let v = serde_json::json!({
        "id": id,
        "source": source,
        "text": text,
        "sentences": sentences,
        "tokens": tokens,
    });
    serde_json::to_writer(&mut *out, &v)?;
    out.write_all(b"\n")?;
    Ok(())
}

/// CoNLL-U, one block per sentence. Whitespace-only tokens (spaCy's `_SP`,
/// such as paragraph breaks) are left out: a dependent of one takes its head.
fn write_conllu(out: &mut impl Write, id: &str, text: &str, s: &Syntax) -> anyhow::Result<()> {
    writeln!(out, "# newdoc id = {id}")?;
    let n = s.tokens.len();
    let mut k = 0usize;
    let mut sent_no = 0usize;
    while k < n {
        // the sentence: tokens k..end
        let mut end = k + 1;
        while end < n && !s.tokens[end].sent_start {
            end += 1;
        }
        let words: Vec<usize> = (k..end)
            .filter(|&i| !is_space_token(s.text(text, i)))
            .collect();
        if !words.is_empty() {
            sent_no += 1;
            let mut number = vec![0usize; end - k];
            for (j, &i) in words.iter().enumerate() {
                number[i - k] = j + 1;
            }
            let first = s.tokens[words[0]].span.start;
            let last = s.tokens[words[words.len() - 1]].span.end;
            let sent_text: String = text[first..last]
                .chars()
                .map(|c| if c.is_whitespace() { ' ' } else { c })
                .collect();
            writeln!(out, "# sent_id = {id}-{sent_no}")?;
            writeln!(out, "# text = {sent_text}")?;
            for &i in &words {
                let t = &s.tokens[i];
                // Follow heads through whitespace tokens and out-of-sentence heads.
                let mut h = t.head as usize;
                let mut steps = 0;
                while h != i && (h < k || h >= end || number[h - k] == 0) && steps < n {
                    let next = s.tokens[h].head as usize;
                    if next == h || h < k || h >= end {
                        h = i;
                        break;
                    }
                    h = next;
                    steps += 1;
                }
                let (head, dep) = if h == i || t.dep == Dep::ROOT {
                    (0, "ROOT")
                } else {
                    (number[h - k], t.dep.as_str())
                };
                let next_is_word = i + 1 < n && !is_space_token(s.text(text, i + 1));
                let misc = if !t.space_after && next_is_word {
                    "SpaceAfter=No"
                } else {
                    "_"
                };
                let form = s.text(text, i).replace(['\t', '\n'], " ");
                let lemma = s.lemma(i).replace(['\t', '\n'], " ");
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t_\t{}\t{}\t_\t{}",
                    number[i - k],
                    form,
                    if lemma.is_empty() { "_" } else { &lemma },
                    t.pos.as_str(),
                    t.tag.as_str(),
                    head,
                    dep,
                    misc
                )?;
            }
            writeln!(out)?;
        }
        k = end;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conllu_words_and_spaces() {
        let t = "# text = Hi, you.\n1-2\tHi,\t_\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\tSpaceAfter=No\n2\t,\t,\tPUNCT\t,\t_\t1\tpunct\t_\t_\n3\tyou\tyou\tPRON\tPRP\t_\t1\tvocative\t_\tSpaceAfter=No\n4\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n";
        let sents: Vec<_> = conllu_sentences(t).collect();
        assert_eq!(sents.len(), 1);
        let (text, spans) = join_words(&sents[0]);
        assert_eq!(text, "Hi, you. ");
        assert_eq!(spans[0], (0, 2, false));
        assert_eq!(spans[1], (2, 3, true));
        assert_eq!(spans[3], (7, 8, true));
    }
}
