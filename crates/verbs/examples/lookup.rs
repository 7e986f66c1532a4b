//! `cargo run -p dyad-verbs --example lookup -- rush`: the senses of a verb
//! (by lemma, else by form) with their blocks' patterns.

use dyad_verbs::{dictionary, Codes};

fn codes(c: Option<Codes>) -> String {
    match c {
        None => "(block)".into(),
        Some(c) if c.is_null() => "[---]".into(),
        Some(c) => format!(
            "[{}:{}]",
            c.forward.map(|x| x.to_string()).unwrap_or_default(),
            c.reverse.map(|x| x.to_string()).unwrap_or_default()
        ),
    }
}

fn main() {
    let t = std::time::Instant::now();
    let d = dictionary();
    let took = t.elapsed();
    let words: Vec<String> = std::env::args().skip(1).collect();
    if words.is_empty() {
        eprintln!("usage: lookup VERB...");
        std::process::exit(2);
    }
    println!("{:?} (ready in {took:?})", d.stats());
    for w in words {
        let w = w.to_lowercase();
        let mut senses: Vec<_> = d.senses(&w).iter().collect();
        if senses.is_empty() {
            senses = d.senses_for_form(&w).collect();
        }
        if senses.is_empty() {
            println!("{w}: no sense");
        }
        for s in senses {
            let b = d.block(s.block);
            println!(
                "{w}: line {} {}{}{} forms {:?} code {} in block {} {} ({} patterns)",
                s.line,
                s.before.iter().map(|x| format!("{x} ")).collect::<String>(),
                s.verb,
                s.after.iter().map(|x| format!(" {x}")).collect::<String>(),
                s.forms,
                codes(s.codes),
                b.name,
                codes(b.codes),
                b.patterns.len()
            );
            for p in &b.patterns {
                println!("    {:>5}  - {}  {}", p.line, p.text, codes(Some(p.codes)));
            }
        }
    }
}
