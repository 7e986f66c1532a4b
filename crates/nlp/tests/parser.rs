//! The parser against spaCy: heads, labels and sentence starts of
//! en_core_web_sm 3.8.0 on texts written by the team, from spaCy's own
//! tok2vec output (reference written by data/gen/nlp/parser_reference.py).

use dyad_nlp::model::parser::{Arc, Parser, T2V_WIDTH};
use dyad_nlp::weights::{Aligned, Container};

static REF: &Aligned<[u8]> = &Aligned {
    align: [],
    bytes: *include_bytes!("data/parser_ref.bin"),
};

#[test]
fn matches_spacy_on_reference_texts() {
    let c = Container::parse(&REF.bytes).unwrap();
    let t2v = c.f32("t2v").unwrap().data;
    let offsets = c.u32("offsets").unwrap().data;
    let is_space: Vec<bool> = c
        .u32("is_space")
        .unwrap()
        .data
        .iter()
        .map(|&x| x != 0)
        .collect();
    let heads = c.u32("heads").unwrap().data;
    let sent = c.u32("sent").unwrap().data;
    let labels: Vec<&str> = c.meta()["labels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    let texts = c.meta()["texts"].as_array().unwrap();
    let p = Parser::english();
    let mut out = Vec::new();
    let mut bad = Vec::new();
    let mut n_tokens = 0;
    for d in 0..offsets.len() - 1 {
        let (a, b) = (offsets[d] as usize, offsets[d + 1] as usize);
        p.parse(
            &t2v[a * T2V_WIDTH..b * T2V_WIDTH],
            &is_space[a..b],
            &mut out,
        );
        assert_eq!(out.len(), b - a);
        for (i, arc) in out.iter().enumerate() {
            n_tokens += 1;
            let want = Arc {
                head: heads[a + i],
                label: p.label_id(labels[a + i]).unwrap(),
                sent_start: sent[a + i] != 0,
            };
            if *arc != want {
                bad.push(format!(
                    "text {d} {:?} token {i}: got ({}, {}, {}) want ({}, {}, {})",
                    texts[d].as_str().unwrap(),
                    arc.head,
                    p.labels()[arc.label as usize],
                    arc.sent_start,
                    want.head,
                    labels[a + i],
                    want.sent_start
                ));
            }
        }
    }
    assert!(n_tokens > 500);
    assert!(
        bad.is_empty(),
        "{} mismatches:\n{}",
        bad.len(),
        bad.join("\n")
    );
}

#[test]
fn labels_are_undecorated_and_include_root() {
    let p = Parser::english();
    assert!(p.label_id("ROOT").is_some());
    assert!(p.label_id("nsubj").is_some());
    assert!(p.labels().iter().all(|l| !l.contains("||")));
    assert_eq!(p.class_names().count(), 106);
}

#[test]
fn odd_inputs_do_not_panic() {
    let p = Parser::english();
    let mut out = vec![Arc {
        head: 9,
        label: 0,
        sent_start: false,
    }];
    p.parse(&[], &[], &mut out);
    assert!(out.is_empty());
    // Fewer rows than tokens, NaN and huge values, one token.
    p.parse(&[f32::NAN; 50], &[false; 3], &mut out);
    assert_eq!(out.len(), 3);
    p.parse(&[1e30; T2V_WIDTH], &[true], &mut out);
    assert_eq!(
        out,
        vec![Arc {
            head: 0,
            label: p.label_id("ROOT").unwrap(),
            sent_start: true
        }]
    );
    let n = 300;
    let rows: Vec<f32> = (0..n * T2V_WIDTH)
        .map(|i| ((i * 7919) % 1000) as f32 / 100.0 - 5.0)
        .collect();
    let spaces: Vec<bool> = (0..n).map(|i| i % 7 == 0).collect();
    p.parse(&rows, &spaces, &mut out);
    assert_eq!(out.len(), n);
    for (i, a) in out.iter().enumerate() {
        assert!((a.head as usize) < n);
        // Every chain of heads reaches a root.
        let mut h = i;
        for _ in 0..=n {
            if out[h].head as usize == h {
                break;
            }
            h = out[h].head as usize;
        }
        assert_eq!(out[h].head as usize, h, "cycle from token {i}");
    }
    assert!(out[0].sent_start);
}
