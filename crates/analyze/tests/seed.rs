//! The canonical seed article (`../shared/seed`, third-party text read in
//! place, never copied) against its gold entities (`../shared/eval`): every
//! required entity found with its country, and nothing else of a scored
//! type. Skips when `../shared` is absent.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use dyad_analyze::Analyzer;

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// Lowercase content words, as the scorer compares names.
fn words(s: &str) -> HashSet<String> {
    const STOP: &[&str] = &[
        "the", "of", "and", "on", "under", "for", "s", "a", "an", "in", "to", "de",
    ];
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !STOP.contains(w))
        .map(str::to_string)
        .collect()
}

#[test]
fn seed_entities_match_gold() {
    let dir = shared();
    let gold_path = dir.join("eval/seed.gold.json");
    let Ok(gold) = std::fs::read_to_string(&gold_path) else {
        println!("skipped: {} is absent", gold_path.display());
        return;
    };
    let gold: serde_json::Value = serde_json::from_str(&gold).expect("gold is JSON");
    let file = gold["file"].as_str().expect("gold names its file");
    let docs: Vec<_> = dyad_read::read_paths(&[dir.join("seed").join(file)], &Default::default())
        .filter_map(Result::ok)
        .collect();
    assert_eq!(docs.len(), 1);
    let a = Analyzer::new().analyze(&docs[0]);
    let mut used = vec![false; a.entities.len()];
    for g in gold["entities"].as_array().expect("entities") {
        let kind = g["type"].as_str().unwrap_or("");
        if kind == "other" {
            continue;
        }
        let name = g["name"].as_str().unwrap_or("");
        let country = g["country"].as_str();
        let optional = g["optional"].as_bool().unwrap_or(false);
        let found = a.entities.iter().enumerate().find(|(i, e)| {
            if used[*i] || e.kind.as_str() != kind {
                return false;
            }
            if kind == "country" {
                return g["id"].as_str() == Some(e.id.as_str());
            }
            if let (Some(c), Some(ec)) = (country, e.country) {
                if c != ec.as_str() {
                    return false;
                }
            }
            let (gw, pw) = (words(name), words(&e.name));
            if kind == "person" {
                return name.split_whitespace().last() == e.name.split_whitespace().last();
            }
            (gw.is_subset(&pw) || pw.is_subset(&gw))
                && gw.intersection(&pw).count() * 2 >= gw.len().max(pw.len())
        });
        match found {
            Some((i, e)) => {
                used[i] = true;
                if let (false, Some(c)) = (optional, country) {
                    assert_eq!(
                        e.country.map(|x| x.to_string()).as_deref(),
                        Some(c),
                        "{name}: country"
                    );
                }
            }
            None => assert!(optional, "gold entity not found: {kind} {name}"),
        }
    }
    let extras: Vec<&str> = a
        .entities
        .iter()
        .enumerate()
        .filter(|(i, e)| !used[*i] && e.kind.as_str() != "other")
        .map(|(_, e)| e.name.as_str())
        .collect();
    assert!(extras.is_empty(), "entities not in gold: {extras:?}");
}
