//! `senses` + `best_match` on a few verbs, and the one-time parse.

use dyad_verbs::{dictionary, Dictionary, Tok};

fn main() {
    divan::main();
}

fn t(lower: &'static str, prep: bool, actor: bool) -> Tok<'static> {
    Tok {
        lower,
        lemma: lower,
        prep,
        phrase_start: prep || actor,
        actor,
    }
}

#[divan::bench]
fn parse_whole_file() -> Dictionary {
    Dictionary::parse(divan::black_box(dyad_verbs::SOURCE)).unwrap()
}

/// What the first `dictionary()` call does.
#[divan::bench]
fn decode_embedded() -> Dictionary {
    dyad_verbs::decode_embedded()
}

#[divan::bench(args = ["rush", "set", "call", "say", "attack"])]
fn senses_and_best_match(bencher: divan::Bencher, verb: &str) {
    let d = dictionary();
    let pre = [t("the", false, false), t("russia", false, true)];
    let post = [
        t("humanitarian", false, false),
        t("aid", false, false),
        t("to", true, false),
        t("the", false, false),
        t("ukraine", false, true),
        t("on", true, false),
        t("monday", false, false),
    ];
    assert!(!d.senses(verb).is_empty());
    bencher.bench(|| {
        let mut n = 0;
        for s in d.senses(divan::black_box(verb)) {
            if d.best_match(s, &pre, &post).is_some() {
                n += 1;
            }
        }
        n
    });
}
