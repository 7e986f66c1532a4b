//! dyad's verb blocks (`data/dyad/verbs.txt`): each construction they were
//! added for, on tokens of an example written for it, gets its code; and
//! an upstream verb still matches its upstream patterns.

use dyad_verbs::{dictionary, Tok};

/// Post-verb tokens: (lower, lemma), the first starting a phrase.
fn post<'a>(words: &[(&'a str, &'a str)]) -> Vec<Tok<'a>> {
    words
        .iter()
        .enumerate()
        .map(|(i, &(lower, lemma))| Tok {
            lower,
            lemma,
            prep: false,
            phrase_start: i == 1,
            actor: false,
        })
        .collect()
}

/// The best code for `verb` followed by `words`, over all its senses.
fn code(verb: &str, words: &[(&str, &str)]) -> Option<String> {
    let d = dictionary();
    let post = post(words);
    let mut best: Option<dyad_verbs::Match> = None;
    for sense in d.senses(verb) {
        if !sense.fits(&post) {
            continue;
        }
        if let Some(m) = d.best_match(sense, &[], &post) {
            if best.as_ref().is_none_or(|b| m.weight > b.weight) {
                best = Some(m);
            }
        }
    }
    let m = best?;
    m.codes.forward.map(|c| c.as_str().to_string())
}

#[test]
fn accepting_a_demand_is_yielding() {
    // "The government accepted the demands of the striking miners."
    assert_eq!(
        code("accept", &[("the", "the"), ("demands", "demand")]).as_deref(),
        Some("080")
    );
    // Upstream patterns of the same verb still win where they fit:
    // "Peru accepted the invitation."
    assert_eq!(
        code("accept", &[("the", "the"), ("invitation", "invitation")]).as_deref(),
        Some("036")
    );
}

#[test]
fn dispersing_protesters_is_repression() {
    // "Riot police dispersed the protesters with tear gas."
    assert_eq!(
        code("disperse", &[("the", "the"), ("protesters", "protester")]).as_deref(),
        Some("175")
    );
    // "Police dispersed the crowd."
    assert_eq!(
        code("disperse", &[("the", "the"), ("crowd", "crowd")]).as_deref(),
        Some("175")
    );
}
