//! Lookups never panic, on any tokens, and a match never covers more tokens
//! than were given.

use dyad_actors::{actors, agents, Tok};
use proptest::prelude::*;

fn token() -> impl Strategy<Value = (String, bool)> {
    (
        prop_oneof![
            "[A-Za-z'.,-]{0,12}",
            "\\PC{0,6}",
            Just("U.N.".to_string()),
            Just("Ki".to_string()),
            Just("-".to_string()),
            Just("police".to_string()),
            Just("the".to_string()),
            Just("United".to_string()),
            Just("Nations".to_string()),
            Just(" ".to_string()),
        ],
        any::<bool>(),
    )
}

proptest! {
    #[test]
    fn lookups_never_panic(toks in proptest::collection::vec(token(), 0..12), y in 1500i32..2100, d in 0u32..366) {
        let t: Vec<Tok> = toks.iter().map(|(s, sp)| Tok::new(s, *sp)).collect();
        let date = chrono::NaiveDate::from_yo_opt(y, d.max(1));
        for i in 0..t.len() {
            if let Some((n, id)) = actors().longest(&t[i..]) {
                prop_assert!(n >= 1 && n <= t.len() - i);
                let _ = actors().code_on(id, date);
                let _ = actors().code_on(id, None);
                prop_assert!(!actors().name(id).is_empty());
            }
            if let Some((n, a)) = agents().longest(&t[i..]) {
                prop_assert!(n >= 1 && n <= t.len() - i);
                prop_assert!(!a.code.is_empty());
            }
        }
    }
}
