//! The whole embedded CAMEO.2.0.txt: counts, codes, and a matcher that
//! never panics.

use std::collections::HashSet;

use dyad_verbs::{dictionary, Tok};
use proptest::prelude::*;

#[test]
fn counts_of_the_real_file() {
    let upstream = dyad_verbs::Dictionary::parse(dyad_verbs::SOURCE).unwrap();
    let s = upstream.stats();
    assert_eq!(s.blocks, 397);
    assert_eq!(s.patterns, 4668);
    assert_eq!(s.synsets, 40);
    assert_eq!(s.synset_members, 558);
    assert_eq!(s.verbs, 1817);
    assert_eq!(s.transformations, 8);
    let enabled: usize = upstream
        .blocks()
        .iter()
        .flat_map(|b| &b.patterns)
        .filter(|p| p.enabled)
        .count();
    assert_eq!(enabled, 4668 - 4, "four patterns name undefined synsets");
    // The embedded dictionary is the upstream file plus dyad's blocks.
    let ours = dyad_verbs::SUPPLEMENT;
    let all = dictionary().stats();
    let blocks = ours.lines().filter(|l| l.starts_with("---")).count();
    let patterns = ours.lines().filter(|l| l.starts_with("- ")).count();
    assert!(blocks > 0);
    assert_eq!(all.blocks, s.blocks + blocks);
    assert_eq!(all.patterns, s.patterns + patterns);
    assert_eq!(all.synsets, s.synsets);
}

#[test]
fn every_normalisation_is_known() {
    let mut by_reason = std::collections::BTreeMap::new();
    for n in dictionary().normalisations() {
        *by_reason.entry(n.reason).or_insert(0) += 1;
    }
    let total: usize = by_reason.values().sum();
    assert_eq!(total, dictionary().stats().normalisations);
    assert_eq!(total, 37, "{by_reason:#?}");
}

#[test]
fn every_code_is_in_cameo_codes_tsv() {
    let tsv = include_str!("../../extract/data/cameo_codes.tsv");
    let known: HashSet<&str> = tsv
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split('\t').next())
        .collect();
    let used = dictionary().codes_used();
    assert!(used.len() > 4668);
    for (line, c) in used {
        assert!(known.contains(c.as_str()), "line {line}: {c}");
    }
}

#[test]
fn every_sense_is_found_by_lemma_and_forms() {
    let d = dictionary();
    for s in d.all_senses() {
        assert!(d.senses(&s.verb).iter().any(|x| std::ptr::eq(x, s)));
        for f in &s.forms {
            assert!(d.senses_for_form(f).any(|x| std::ptr::eq(x, s)), "{f}");
        }
    }
    assert!(d
        .senses("go")
        .iter()
        .any(|s| s.forms.contains(&"went".to_string())));
}

const WORDS: &[&str] = &[
    "aid", "to", "the", "flag", "fire", "court", "in", "before", "arms", "shipment", "-", "sit",
    "food", "troops", "police", "border", "russia", "against", "claim", "of", "for", "talks", "",
];

fn tok_strategy() -> impl Strategy<Value = (usize, usize, bool, bool, bool)> {
    (
        0..WORDS.len(),
        0..WORDS.len(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
}

fn make(v: &[(usize, usize, bool, bool, bool)]) -> Vec<Tok<'static>> {
    v.iter()
        .map(|&(a, b, prep, phrase_start, actor)| Tok {
            lower: WORDS[a],
            lemma: WORDS[b],
            prep,
            phrase_start,
            actor,
        })
        .collect()
}

proptest! {
    #[test]
    fn matcher_never_panics(
        verb in 0..1817usize,
        pre in proptest::collection::vec(tok_strategy(), 0..6),
        post in proptest::collection::vec(tok_strategy(), 0..12),
    ) {
        let d = dictionary();
        let sense = &d.all_senses()[verb % d.all_senses().len()];
        let (pre, post) = (make(&pre), make(&post));
        if let Some(m) = d.best_match(sense, &pre, &post) {
            if let Some(i) = m.source {
                let n = if m.source_in_post { post.len() } else { pre.len() };
                prop_assert!(i < n);
            }
            if let Some(i) = m.target {
                let n = if m.target_in_post { post.len() } else { pre.len() };
                prop_assert!(i < n);
            }
            prop_assert!(m.pattern.is_some() || !m.codes.is_null());
        }
    }
}
