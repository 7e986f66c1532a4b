//! Longest actor and agent match at every start of a 30-token sentence.

use dyad_actors::{actors, agents, Tok};

fn main() {
    divan::main();
}

// "U.N. Secretary-General Ban Ki-moon met Kazakhstan's riot police and
// Bulgarian protesters in Kabul on Tuesday, the United Nations said."
const SENTENCE: &[(&str, bool)] = &[
    ("U.N.", true),
    ("Secretary", false),
    ("-", false),
    ("General", true),
    ("Ban", true),
    ("Ki", false),
    ("-", false),
    ("moon", true),
    ("met", true),
    ("Kazakhstan", false),
    ("'s", true),
    ("riot", true),
    ("police", true),
    ("and", true),
    ("Bulgarian", true),
    ("protesters", true),
    ("in", true),
    ("Kabul", true),
    ("on", true),
    ("Tuesday", false),
    (",", true),
    ("the", true),
    ("United", true),
    ("Nations", true),
    ("said", true),
    ("after", true),
    ("the", true),
    ("rebels", true),
    ("left", false),
    (".", false),
];

fn toks() -> Vec<Tok<'static>> {
    SENTENCE.iter().map(|&(t, s)| Tok::new(t, s)).collect()
}

#[divan::bench]
fn actors_every_start(b: divan::Bencher) {
    let t = toks();
    assert_eq!(t.len(), 30);
    let d = actors();
    let found = (0..t.len())
        .filter(|&i| d.longest(&t[i..]).is_some())
        .count();
    assert!(found >= 6, "{found}");
    b.bench(|| {
        let mut n = 0;
        for i in 0..t.len() {
            n += d.longest(divan::black_box(&t[i..])).map_or(0, |m| m.0);
        }
        n
    });
}

#[divan::bench]
fn agents_every_start(b: divan::Bencher) {
    let t = toks();
    let d = agents();
    assert!((0..t.len()).any(|i| d.longest(&t[i..]).is_some()));
    b.bench(|| {
        let mut n = 0;
        for i in 0..t.len() {
            n += d.longest(divan::black_box(&t[i..])).map_or(0, |m| m.0);
        }
        n
    });
}
