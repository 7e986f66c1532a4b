//! Compiles the gazetteer (data/*.tsv at the workspace root) into an FST of
//! folded keys and a postings table, written to OUT_DIR. No network.

#[path = "src/lexicon.rs"]
#[allow(dead_code)]
mod lexicon;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::{env, fs};

const FILES: [&str; 5] = [
    "countries.tsv",
    "cities.tsv",
    "regions.tsv",
    "orgs.tsv",
    "people.tsv",
];

fn main() {
    let manifest =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let data = manifest.join("../../data");
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let mut texts = Vec::new();
    for f in FILES {
        let path = data.join(f);
        println!("cargo:rerun-if-changed={}", path.display());
        let text =
            fs::read_to_string(&path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        check(f, &text);
        texts.push(text);
    }
    println!("cargo:rerun-if-changed=src/lexicon.rs");
    let keys = lexicon::keys(&texts[0], &texts[1], &texts[2], &texts[3], &texts[4]);
    let mut by_key: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    for k in &keys {
        let folded = lexicon::fold(&k.text);
        let v = by_key.entry(folded).or_default();
        let p = lexicon::pack(k.source, k.form, k.record);
        if !v.contains(&p) {
            v.push(p);
        }
    }
    let mut postings: Vec<u8> = Vec::new();
    let mut builder = fst::MapBuilder::memory();
    let mut n = 0u64;
    for (key, mut vals) in by_key {
        vals.sort_unstable();
        vals.truncate(255);
        let count = vals.len() as u64;
        builder
            .insert(key.as_bytes(), (n << 8) | count)
            .expect("keys arrive sorted from the BTreeMap");
        for v in vals {
            postings.extend_from_slice(&v.to_le_bytes());
            n += 1;
        }
    }
    let fst_bytes = builder
        .into_inner()
        .expect("in-memory FST build cannot fail on I/O");
    fs::write(out.join("names.fst"), fst_bytes).expect("writing to OUT_DIR");
    fs::write(out.join("postings.bin"), postings).expect("writing to OUT_DIR");
}

/// Rejects malformed rows, so the library can parse the same files without
/// error paths.
fn check(file: &str, text: &str) {
    let min_fields = match file {
        "countries.tsv" => 3,
        "cities.tsv" => 7,
        "regions.tsv" => 5,
        "orgs.tsv" => 5,
        _ => 6,
    };
    for (i, r) in lexicon::rows(text).enumerate() {
        assert!(
            r.len() >= min_fields,
            "{file}: row {i} has {} fields, want {min_fields}: {r:?}",
            r.len()
        );
        let code_col = match file {
            "countries.tsv" => Some(0),
            "cities.tsv" => Some(2),
            "orgs.tsv" | "people.tsv" if !r[if file == "orgs.tsv" { 3 } else { 4 }].is_empty() => {
                Some(if file == "orgs.tsv" { 3 } else { 4 })
            }
            _ => None,
        };
        if let Some(c) = code_col {
            let code = r[c];
            assert!(
                code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()),
                "{file}: row {i}: bad country code {code:?}"
            );
        }
        match file {
            "cities.tsv" => {
                for c in [0, 5] {
                    r[c].parse::<u64>()
                        .unwrap_or_else(|_| panic!("{file}: row {i}: bad number {:?}", r[c]));
                }
                for c in [3, 4] {
                    r[c].parse::<f64>()
                        .unwrap_or_else(|_| panic!("{file}: row {i}: bad coordinate {:?}", r[c]));
                }
            }
            "regions.tsv" => {
                for c in [3, 4] {
                    r[c].parse::<f64>()
                        .unwrap_or_else(|_| panic!("{file}: row {i}: bad coordinate {:?}", r[c]));
                }
            }
            "people.tsv" => {
                let roles = [
                    "president",
                    "vice_president",
                    "prime_minister",
                    "deputy_prime_minister",
                    "foreign_minister",
                    "minister",
                    "deputy_minister",
                    "monarch",
                    "chancellor",
                    "speaker",
                    "ambassador",
                    "governor",
                    "mayor",
                    "spokesperson",
                    "secretary_general",
                    "chairman",
                    "executive",
                    "official",
                ];
                assert!(
                    roles.contains(&r[3]),
                    "{file}: row {i}: unknown role {:?}",
                    r[3]
                );
            }
            "orgs.tsv" => {
                assert!(
                    ["intl", "nat", "word"].contains(&r[4]),
                    "{file}: row {i}: unknown kind {:?}",
                    r[4]
                );
            }
            _ => {}
        }
    }
}
