//! End-to-end tests of `dyad parse`: the real binary on an article we wrote,
//! as CoNLL-U and JSON, and on a CoNLL-U treebank's own words.

use std::io::Write as _;
use std::process::{Command, Stdio};

fn dyad(args: &[&str], stdin: &str) -> (String, String, bool) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run dyad");
    child
        .stdin
        .take()
        .expect("piped stdin")
        .write_all(stdin.as_bytes())
        .expect("write stdin");
    let out = child.wait_with_output().expect("dyad finishes");
    (
        String::from_utf8(out.stdout).expect("utf-8 output"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.success(),
    )
}

const ARTICLE: &str = "Kazakhstan signed an agreement with Bulgaria on Monday. \
The U.S. envoy, who arrived in Astana, didn't attend.\n\nThe talks were hosted by Mr. Tokayev.";

#[test]
fn conllu_has_one_block_per_sentence_with_a_tree() {
    let (out, err, ok) = dyad(&["parse", "-"], ARTICLE);
    assert!(ok, "{err}");
    let blocks: Vec<&str> = out
        .split("\n\n")
        .filter(|b| b.lines().any(|l| !l.starts_with('#')))
        .collect();
    assert_eq!(blocks.len(), 3, "{out}");
    for b in &blocks {
        let rows: Vec<Vec<&str>> = b
            .lines()
            .filter(|l| !l.starts_with('#'))
            .map(|l| l.split('\t').collect())
            .collect();
        assert!(rows.iter().all(|r| r.len() == 10), "ten columns: {b}");
        // exactly one root, every head inside the sentence
        assert_eq!(rows.iter().filter(|r| r[6] == "0").count(), 1, "{b}");
        for r in &rows {
            let h: usize = r[6].parse().expect("numeric head");
            assert!(h <= rows.len(), "{b}");
        }
    }
    // "U.S." and "Mr." stay whole; "didn't" splits; the party is Bulgaria.
    assert!(out.contains("\tU.S.\tU.S.\tPROPN\tNNP\t"), "{out}");
    assert!(out.contains("\tMr.\t"), "{out}");
    assert!(out.contains("\tdid\tdo\tAUX\tVBD\t"), "{out}");
    assert!(out.contains("\tn't\tnot\tPART\tRB\t"), "{out}");
    let bulgaria = out
        .lines()
        .find(|l| l.split('\t').nth(1) == Some("Bulgaria"))
        .expect("a Bulgaria row");
    let cols: Vec<&str> = bulgaria.split('\t').collect();
    assert_eq!(cols[7], "pobj");
    // its head is "with" (row 5)
    assert_eq!(cols[6], "5", "{bulgaria}");
    // the passive's agent
    assert!(out.contains("\tby\tby\tADP\tIN\t_\t"), "{out}");
    assert!(out.contains("\tagent\t"), "{out}");
}

#[test]
fn json_offsets_point_into_the_text() {
    let (out, err, ok) = dyad(&["parse", "-", "--format", "json"], ARTICLE);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(out.trim()).expect("one JSON object");
    let text = v["text"].as_str().expect("text");
    let chars: Vec<char> = text.chars().collect();
    let tokens = v["tokens"].as_array().expect("tokens");
    assert!(tokens.len() > 20);
    for t in tokens {
        let (s, e) = (
            t["start"].as_u64().expect("start") as usize,
            t["end"].as_u64().expect("end") as usize,
        );
        let span: String = chars[s..e].iter().collect();
        assert_eq!(span, t["text"].as_str().expect("token text"));
        assert!(t["head"].as_u64().expect("head") < tokens.len() as u64);
    }
    let signed = tokens
        .iter()
        .find(|t| t["text"] == "signed")
        .expect("signed");
    assert_eq!(signed["lemma"], "sign");
    assert_eq!(signed["dep"], "ROOT");
    assert_eq!(v["sentences"].as_array().expect("sentences").len(), 3);
}

#[test]
fn conllu_input_keeps_the_treebank_words() {
    let treebank = "# text = Ministers didn't meet.\n\
1\tMinisters\t_\t_\t_\t_\t_\t_\t_\t_\n\
2\tdid\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n\
3\tn't\t_\t_\t_\t_\t_\t_\t_\t_\n\
4\tmeet\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n\
5\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
    let (out, err, ok) = dyad(&["parse", "-", "--input", "conllu"], treebank);
    assert!(ok, "{err}");
    let rows: Vec<Vec<&str>> = out
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split('\t').collect())
        .collect();
    let forms: Vec<&str> = rows.iter().map(|r| r[1]).collect();
    assert_eq!(forms, ["Ministers", "did", "n't", "meet", "."]);
    assert_eq!(rows[0][4], "NNS");
    assert_eq!(rows[3][7], "ROOT");
}
