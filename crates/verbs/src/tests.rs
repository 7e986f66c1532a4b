//! Parser tests on small inputs and matcher tests on the real dictionary.

use super::*;
use crate::parse::plural;

const SMALL: &str = "\
# a comment
&FOOD
+FOOD
+RICE_
+BABY_FORMULA

&AUX_
+WAS

---  RUSH   [---]  ---
RUSH  # comment
+ASK_FOR {+ASKED_FOR +ASKING_FOR +ASKS_FOR} [020]
WIRE_+TAP {WIRE_+TAPS WIRE_+TAPPED}
GO {WENT GONE GOING GOES} [---]
- * (TO)                 [042:043]     # RUSH
- * &FOOD                [073]
- $ * {ARMS SHIPMENT} (TO +)  [072]
- * (BEFORE COURT)       [:173]
- * FLAG                 [---]

---  SAY   [010]  ---
SAY {SAYS SAID SAYING}
- * ^ (FROM $)            [020]
~ a (a b ATTACK) SAY = a b 015
~ a (a b Q) SAY = a b Q
";

fn code(s: &str) -> Option<CameoCode> {
    Some(CameoCode::new(s).unwrap())
}

#[test]
fn parses_a_small_file() {
    let d = Dictionary::parse(SMALL).unwrap();
    let st = d.stats();
    assert_eq!((st.blocks, st.verbs, st.patterns, st.synsets), (2, 5, 6, 2));
    assert_eq!(st.synset_members, 4);
    assert_eq!(st.transformations, 2);
    assert_eq!(st.normalisations, 0);

    let food = d.synset_by_name("&FOOD").unwrap();
    assert_eq!(food.members.len(), 3);
    assert!(!food.members[0][0].exact);
    assert!(food.members[1][0].exact, "RICE_ has no plural");
    assert_eq!(food.members[2].len(), 2, "BABY_FORMULA is two words");
    assert!(d.synset_by_name("&AUX_").unwrap().members[0][0].exact);

    let rush = &d.senses("rush")[0];
    assert_eq!(rush.codes, None);
    assert_eq!(rush.forms, ["rush", "rushes", "rushed", "rushing"]);
    let ask = &d.senses("ask")[0];
    assert_eq!(
        (ask.before.len(), ask.after.as_slice()),
        (0, &["for".to_string()][..])
    );
    assert_eq!(ask.codes.unwrap().forward, code("020"));
    assert_eq!(ask.forms, ["ask", "asked", "asking", "asks"]);
    let tap = &d.senses("tap")[0];
    assert_eq!(tap.before, ["wire"]);
    assert!(tap.after.is_empty());
    assert_eq!(d.senses_for_form("went").next().unwrap().verb, "go");
    assert!(d.senses_for_form("goed").next().is_none());
    assert!(d.senses("went").is_empty());
    assert!(d.senses("go")[0].codes.unwrap().is_null());

    let b = d.block(rush.block);
    assert_eq!(b.name, "RUSH");
    assert_eq!(b.codes, None);
    let p = &b.patterns[0];
    assert_eq!(p.codes.forward, code("042"));
    assert_eq!(p.codes.reverse, code("043"));
    assert_eq!(p.comment, "RUSH");
    assert_eq!(
        p.post,
        [Element::Prep {
            preps: vec!["to".into()],
            inner: vec![]
        }]
    );
    let p = &b.patterns[2];
    assert_eq!(p.pre, [Element::Source]);
    assert!(matches!(&p.post[0], Element::Phrase(items) if items.len() == 2));
    assert!(matches!(&p.post[1], Element::Prep { inner, .. } if inner == &[Element::Target]));
    assert_eq!(p.weight(), 5);
    let p = &b.patterns[3];
    assert_eq!((p.codes.forward, p.codes.reverse), (None, code("173")));
    assert!(b.patterns[4].codes.is_null());
    let say = d.block(BlockId(1));
    assert_eq!(say.codes.unwrap().forward, code("010"));
    assert_eq!(say.patterns[0].post[0], Element::Any);
    assert_eq!(d.transformations()[0].code, code("015"));
    assert_eq!(d.transformations()[1].code, None);
}

/// Each malformed input gives an error naming its line.
#[test]
fn malformed_lines_name_the_line() {
    let head = "&S\n+A\n---  B   [---]  ---\nVERB\n";
    let cases: &[(&str, &str)] = &[
        ("- * AID", "without [code]"),
        ("- * AID [070] extra", "text after the [code]"),
        ("- AID [070]", "exactly one '*'"),
        ("- * AID * [070]", "exactly one '*'"),
        ("- *AID [070]", "'*' must stand alone"),
        ("- * (TO AID [070]", "unclosed '('"),
        ("- * {ARMS SHIPMENT [070]", "unclosed '{'"),
        ("- * (TO (FOR AID)) [070]", "nested '('"),
        ("- * AID) [070]", "unmatched ')'"),
        ("- * {} [070]", "empty {}"),
        ("- * { $ } [070]", "inside {...}"),
        ("- * ( ) [070]", "preposition"),
        ("- * &NOPE [070]", "unknown synset &NOPE"),
        ("- * AID [999]", "bad CAMEO code"),
        ("- * AID [07a]", "bad CAMEO code"),
        ("- * AID [070:071:072]", "more than one ':'"),
        ("- * AID []", "empty code"),
        ("- * A#B [070]", "without [code]"),
        ("- * AI@D [070]", "bad word"),
        ("---  X  ---", "without [code]"),
        ("---  X [010  ---", "must end with ']'"),
        ("---  X Y [010]  ---", "bad block name"),
        ("TWO WORDS", "one base verb"),
        ("ASK_FOR", "no '+'"),
        ("+ASK_+FOR", "more than one '+'"),
        ("+ASK_FOR {+ASKED_OF}", "other words"),
        ("ASK {ASKED", "without a final '}'"),
        ("ASK [020] X", "text after the [code]"),
        ("&LATE", "synset definition after"),
        ("~ a (a b ATTACK) SAY a b 015", "without '='"),
        ("~ a = a b", "must be '~ pattern = a b CODE'"),
    ];
    for (line, want) in cases {
        let text = format!("{head}{line}\n");
        match Dictionary::parse(&text) {
            Ok(_) => panic!("{line:?} parsed"),
            Err(e) => {
                assert_eq!(e.line, 5, "{line:?}: {e}");
                assert!(e.message.contains(want), "{line:?}: got {e}, want {want:?}");
            }
        }
    }
    // Errors in the synonym-set section.
    for (text, line, want) in [
        ("+A\n", 1, "before any &NAME"),
        ("&S\n+A B\n", 2, "bad synset member"),
        ("&S\n&S\n", 2, "defined twice"),
        ("&S-X\n", 1, "bad synset name"),
        ("&S\nVERB\n", 2, "expected &SYNSET"),
        ("&S\n- * A [010]\n", 2, "before the first verb block"),
    ] {
        let e = Dictionary::parse(text).unwrap_err();
        assert_eq!(e.line, line, "{text:?}: {e}");
        assert!(e.message.contains(want), "{text:?}: {e}");
    }
}

#[test]
fn known_defects_are_normalised_and_counted() {
    let text = "---  D   [110]---  ---\nSCRAP {SCRAPS};shan   8/30/93\n\
                +CRACK_DOWN {+CRACKED_DOWN , +CRACKS_DOWN}\n- *SCEPTICAL [012]\n\
                - * (TO/FOR PROTEST) [141]\n- * &WEATHER [---]\n- * DOWN (FROM) [080!]\n\
                - * AID [1213]\n";
    let d = Dictionary::parse(text).unwrap();
    let reasons: Vec<&str> = d.normalisations().iter().map(|n| n.reason).collect();
    assert_eq!(reasons.len(), 8, "{reasons:?}");
    let b = &d.blocks()[0];
    assert_eq!(b.codes.unwrap().forward, code("110"));
    assert_eq!(d.senses("scrap")[0].forms, ["scrap", "scraps"]);
    assert_eq!(d.senses("crack")[0].forms, ["crack", "cracked", "cracks"]);
    assert!(!b.patterns[2].enabled && b.patterns[2].post.is_empty());
    assert_eq!(b.patterns[3].codes.forward, code("080"));
    assert_eq!(b.patterns[4].codes.forward, code("121"));
    match &b.patterns[1].post[0] {
        Element::Prep { preps, .. } => assert_eq!(preps, &["to", "for"]),
        e => panic!("{e:?}"),
    }
}

/// "word" or "word|lemma", with flags after '^': p prep, s phrase start, a actor.
fn toks(s: &'static str) -> Vec<Tok<'static>> {
    s.split_whitespace()
        .map(|w| {
            let (w, flags) = w.split_once('^').unwrap_or((w, ""));
            let (lower, lemma) = w.split_once('|').unwrap_or((w, w));
            Tok {
                lower,
                lemma,
                prep: flags.contains('p'),
                phrase_start: flags.contains('s') || flags.contains('p'),
                actor: flags.contains('a'),
            }
        })
        .collect()
}

fn best<'d>(verb: &str, pre: &'static str, post: &'static str) -> Option<Match<'d>> {
    let d = dictionary();
    let sense = d
        .senses(verb)
        .first()
        .unwrap_or_else(|| panic!("no sense for {verb}"));
    d.best_match(sense, &toks(pre), &toks(post))
}

fn fwd(m: &Option<Match<'_>>) -> Option<String> {
    m.as_ref()?.codes.forward.map(|c| c.to_string())
}

fn rev(m: &Option<Match<'_>>) -> Option<String> {
    m.as_ref()?.codes.reverse.map(|c| c.to_string())
}

#[test]
fn rushed_aid_is_070() {
    let m = best("rush", "", "aid");
    assert_eq!(fwd(&m).as_deref(), Some("070"));
    assert_eq!(m.unwrap().pattern.unwrap().text, "* AID");
    // Plural form through the lemma or the -s rule.
    assert_eq!(fwd(&best("rush", "", "aids|aid")).as_deref(), Some("070"));
    assert_eq!(fwd(&best("rush", "", "aids")).as_deref(), Some("070"));
    // Whole words: no prefix match ("aide" is not "aid").
    assert_eq!(best("rush", "", "aide"), None);
}

#[test]
fn rushed_to_is_a_visit_with_a_reciprocal() {
    let m = best("rush", "", "to^p kabul^sa");
    assert_eq!(fwd(&m).as_deref(), Some("042"));
    assert_eq!(rev(&m).as_deref(), Some("043"));
    // "to" that is not a preposition does not count.
    assert_eq!(best("rush", "", "to kabul"), None);
}

#[test]
fn set_fire_to_the_flag() {
    let m = best("set", "", "fire^s to^p the^s flag");
    assert_eq!(fwd(&m).as_deref(), Some("140"));
    assert_eq!(m.unwrap().pattern.unwrap().text, "* FIRE (TO FLAG)");
    // The flag must be inside the TO phrase, before the next preposition.
    let m = best("set", "", "fire^s to^p the^s house in^p flag");
    assert_ne!(
        m.and_then(|m| m.pattern).map(|p| p.text.as_str()),
        Some("* FIRE (TO FLAG)")
    );
}

#[test]
fn appeared_before_court_is_reverse_only_173() {
    let m = best("appear", "", "before^p the^s court");
    assert_eq!(fwd(&m), None);
    assert_eq!(rev(&m).as_deref(), Some("173"));
    // The file codes "appear in court" forward.
    let m = best("appear", "", "in^p court^s");
    assert_eq!(fwd(&m).as_deref(), Some("173"));
    assert_eq!(rev(&m), None);
}

#[test]
fn synset_element() {
    // &FOOD has FOOD (plural allowed) and NOURISHMENT_ (exact).
    assert_eq!(
        fwd(&best("rush", "", "nourishment")).as_deref(),
        Some("073")
    );
    assert_eq!(fwd(&best("rush", "", "foods|food")).as_deref(), Some("073"));
    assert_eq!(best("rush", "", "nourishments|nourishment"), None);
    // &MILITARY * in the subject.
    let m = best("rush", "the^s army|army", "");
    assert!(m.is_some());
}

#[test]
fn braced_phrase_is_contiguous() {
    assert_eq!(
        fwd(&best("rush", "", "arms shipment")).as_deref(),
        Some("072")
    );
    assert_eq!(best("rush", "", "arms and^s a shipment"), None);
}

#[test]
fn no_pattern_gives_the_default_code() {
    // FAIL has its own [120]; its block has [---].
    let m = best("fail", "", "utterly");
    assert_eq!(fwd(&m).as_deref(), Some("120"));
    assert!(m.unwrap().pattern.is_none());
    // CIRCULATE: the block's [010].
    let m = best("circulate", "", "");
    assert_eq!(fwd(&m).as_deref(), Some("010"));
    // A block without code and a verb without code: no event.
    assert_eq!(best("rush", "", "home"), None);
}

#[test]
fn null_pattern_says_no_event() {
    let m = best("fly", "", "the^s flag").unwrap();
    assert!(m.pattern.is_some());
    assert!(m.codes.is_null());
}

#[test]
fn markers_give_source_and_target() {
    let d = dictionary();
    let file = &d.senses("file")[0];
    let post = toks("a^s claim against^p russia^sa");
    let m = d.best_match(file, &[], &post).unwrap();
    assert_eq!(m.codes.forward, code("115"));
    assert_eq!((m.target, m.target_in_post), (Some(3), true));
    assert_eq!(m.source, None);
    // Without the actor the bare CLAIM (AGAINST) pattern does not exist, so
    // CASE-less text falls back to no event.
    let post = toks("a^s claim against^p the^s odds");
    assert_eq!(d.best_match(file, &[], &post), None);
}

#[test]
fn more_specific_pattern_wins() {
    // "* POLICE (TO BORDER)" [153] beats "* (TO BORDER)" [154] and "* (TO)".
    let m = best("rush", "", "police^s to^p the^s border");
    assert_eq!(fwd(&m).as_deref(), Some("153"));
    let m = best("rush", "", "troops^s to^p the^s border");
    assert_eq!(fwd(&m).as_deref(), Some("154"));
}

#[test]
fn multi_word_verbs() {
    let d = dictionary();
    let ask_for = d.senses("ask").iter().find(|s| s.after == ["for"]).unwrap();
    assert!(ask_for.fits(&toks("for^p help")));
    assert!(!ask_for.fits(&toks("about^p help")));
    assert!(d.senses_for_form("asked").any(|s| s.after == ["for"]));
    let tap = d
        .senses("tap")
        .iter()
        .find(|s| s.before == ["wire"])
        .unwrap();
    assert!(tap.forms.contains(&"tapped".to_string()));
}

// ---- The binary form -------------------------------------------------------

#[test]
fn embedded_blob_equals_a_parse_of_the_text() {
    let decoded = codec::decode(BLOB).unwrap();
    let parsed = Dictionary::parse_with(SOURCE, crate::SUPPLEMENT).unwrap();
    assert_eq!(decoded, parsed);
    assert_eq!(*dictionary(), parsed);
    // And encoding is deterministic: the blob is what this code writes.
    assert_eq!(codec::encode(&parsed), BLOB);
}

#[test]
fn small_file_round_trips_and_bad_blobs_are_errors() {
    let d = Dictionary::parse(SMALL).unwrap();
    let b = codec::encode(&d);
    assert_eq!(codec::decode(&b).unwrap(), d);
    // Every truncation and a flipped byte anywhere: an error or a
    // dictionary, never a panic; truncations are always errors.
    for n in 0..b.len() {
        assert!(codec::decode(&b[..n]).is_err(), "prefix {n}");
    }
    for i in 0..b.len() {
        let mut c = b.clone();
        c[i] ^= 0x41;
        let _ = codec::decode(&c);
    }
    let mut c = b.clone();
    c.push(0);
    assert!(codec::decode(&c).unwrap_err().contains("after the end"));
    assert!(codec::decode(b"not a blob").is_err());
}

/// Damaged copies of the real blob (a byte changed every few hundred, most
/// of them in the index at its end) decode to an error or to a dictionary
/// the matcher can use without panicking.
#[test]
fn damaged_real_blobs_never_panic() {
    let post = toks("fire^s to^p the^s flag on^p monday");
    let pre = toks("the^s russia^sa");
    let (mut ok, mut bad) = (0, 0);
    let from = BLOB.len() * 3 / 5;
    for i in (0..BLOB.len())
        .step_by(3989)
        .chain((from..BLOB.len()).step_by(331))
    {
        let mut c = BLOB.to_vec();
        c[i] ^= [0x01u8, 0x80, 0xff][i % 3];
        match codec::decode(&c) {
            Ok(d) => {
                ok += 1;
                for s in d.senses("set").iter().chain(d.senses("attack")) {
                    let _ = d.best_match(s, &pre, &post);
                }
            }
            Err(_) => bad += 1,
        }
    }
    assert!(ok > 0 && bad > 0, "{ok} decoded, {bad} rejected");
}

// ---- The pattern index against the reference matcher -----------------------

/// A token with owned strings.
#[derive(Clone, Debug)]
struct T {
    lower: String,
    lemma: String,
    prep: bool,
    phrase_start: bool,
    actor: bool,
}

fn t(lower: &str, lemma: &str) -> T {
    T {
        lower: lower.into(),
        lemma: lemma.into(),
        prep: false,
        phrase_start: false,
        actor: false,
    }
}

fn view(v: &[T]) -> Vec<Tok<'_>> {
    v.iter()
        .map(|x| Tok {
            lower: &x.lower,
            lemma: &x.lemma,
            prep: x.prep,
            phrase_start: x.phrase_start,
            actor: x.actor,
        })
        .collect()
}

/// Tokens for one word of a pattern, in one of several spellings.
fn word_toks(w: &Word, v: usize, out: &mut Vec<T>) {
    let a = &w.alts[v % w.alts.len()];
    match v % 6 {
        0 => out.push(t(a, a)),
        1 => out.push(t(&plural(a), a)),
        2 => out.push(t(&format!("{a}s"), "zz")),
        3 if a.contains('-') => {
            for (k, part) in a.split('-').enumerate() {
                if k > 0 {
                    out.push(t("-", "-"));
                }
                out.push(t(part, part));
            }
        }
        3 => match a.strip_suffix('y') {
            Some(s) => out.push(t(&format!("{s}ies"), "zz")),
            None => out.push(t(&format!("{a}es"), "zz")),
        },
        4 => out.push(t("zz", a)),
        _ => out.push(t(&format!("{a}x"), a.get(1..).unwrap_or(""))),
    }
}

/// Tokens realising `elems` (variant `v` picks spellings and synset members,
/// drops or reorders elements, clears flags), with filler words between.
fn realise(d: &Dictionary, elems: &[Element], v: usize, out: &mut Vec<T>) {
    let order: Vec<&Element> = if v % 7 == 5 {
        elems.iter().rev().collect()
    } else {
        elems.iter().collect()
    };
    for (i, e) in order.into_iter().enumerate() {
        if v % 7 == 4 && i % 2 == 1 {
            continue;
        }
        if v % 3 == 1 {
            let mut f = t("the", "the");
            f.phrase_start = true;
            out.push(f);
        }
        match e {
            Element::Phrase(items) => {
                for it in items {
                    match it {
                        Item::Word(w) => word_toks(w, v, out),
                        Item::Synset(id) => {
                            let ms = &d.synset(*id).members;
                            for w in &ms[(v * 7 + i) % ms.len()] {
                                word_toks(w, v, out);
                            }
                        }
                    }
                }
            }
            Element::Prep { preps, inner } => {
                let p = &preps[v % preps.len()];
                let mut tok = if v % 5 == 2 { t("zz", p) } else { t(p, p) };
                tok.prep = v % 11 != 3;
                tok.phrase_start = true;
                out.push(tok);
                realise(d, inner, v, out);
            }
            Element::Source | Element::Target | Element::Compound => {
                let mut a = t("russia", "russia");
                a.actor = v % 13 != 6;
                a.phrase_start = true;
                out.push(a);
            }
            Element::Any => {
                let mut a = t("ship", "ship");
                a.phrase_start = v % 9 != 2;
                out.push(a);
            }
        }
    }
}

fn same(d: &Dictionary, s: &Sense, pre: &[Tok<'_>], post: &[Tok<'_>]) -> bool {
    let new = d.best_match(s, pre, post);
    let old = d.best_match_reference(s, pre, post);
    assert_eq!(new, old, "sense line {} pre {pre:?} post {post:?}", s.line);
    assert_eq!(
        new.and_then(|m| m.pattern).map(|p| p as *const Pattern),
        old.and_then(|m| m.pattern).map(|p| p as *const Pattern)
    );
    new.is_some_and(|m| m.pattern.is_some())
}

fn sense_of_each_block(d: &Dictionary) -> Vec<&Sense> {
    let mut v: Vec<Option<&Sense>> = vec![None; d.blocks().len()];
    for s in d.all_senses() {
        v[s.block.0 as usize].get_or_insert(s);
    }
    v.into_iter().flatten().collect()
}

/// Every pattern of the dictionary, realised in 14 ways from its own words
/// (so most realisations match it or a neighbour), run through its block
/// and through a large indexed block, gives the same result with and
/// without the index.
#[test]
fn index_agrees_with_the_reference_on_every_pattern() {
    let d = dictionary();
    let senses = sense_of_each_block(d);
    let big: Vec<&Sense> = senses
        .iter()
        .copied()
        .filter(|s| !d.block(s.block).index.linear)
        .collect();
    assert!(big.len() > 50, "{} indexed blocks", big.len());
    let (mut calls, mut matched) = (0usize, 0usize);
    for (k, s) in senses.iter().enumerate() {
        for p in &d.block(s.block).patterns {
            for v in 0..14 {
                let (mut pre, mut post) = (Vec::new(), Vec::new());
                realise(d, &p.pre, v, &mut pre);
                realise(d, &p.post, v, &mut post);
                let (pre, post) = (view(&pre), view(&post));
                matched += same(d, s, &pre, &post) as usize;
                same(d, big[(k + v) % big.len()], &pre, &post);
                // Pre and post swapped.
                same(d, s, &post, &pre);
                calls += 3;
            }
        }
    }
    assert!(calls > 190_000);
    // The realisations do exercise matching, not just misses.
    assert!(matched > calls / 6, "{matched} of {calls}");
}

#[test]
fn index_skips_most_patterns_of_a_large_block() {
    let d = dictionary();
    let s = d
        .senses("set")
        .iter()
        .max_by_key(|s| d.block(s.block).patterns.len())
        .unwrap();
    let b = d.block(s.block);
    assert!(!b.index.linear);
    let post = toks("humanitarian aid to^p the^s ukraine^sa on^p monday");
    let pre = toks("the^s russia^sa");
    let mut bits = vec![0u64; b.index.always.len()];
    d.mark_candidates(&b.index, &pre, &post, &mut bits);
    let tried: u32 = bits.iter().map(|w| w.count_ones()).sum();
    assert!(
        (tried as usize) < b.patterns.len() / 4,
        "{tried} of {}",
        b.patterns.len()
    );
    // The words of a pattern select it.
    let fire = toks("fire^s to^p the^s flag");
    let m = d.best_match(&d.senses("set")[0], &[], &fire).unwrap();
    assert_eq!(m.pattern.unwrap().text, "* FIRE (TO FLAG)");
}

/// Words of the dictionary's patterns and synsets, with plural spellings,
/// prepositions and fillers.
fn vocabulary(d: &Dictionary) -> Vec<String> {
    let mut v: Vec<String> = (0..d.keys.len())
        .map(|i| d.keys.key(i).to_string())
        .collect();
    v.sort();
    let extra: Vec<String> = v
        .iter()
        .step_by(3)
        .map(|w| plural(w))
        .chain(["the", "-", "a", "of", ""].map(String::from))
        .collect();
    v.extend(extra);
    v
}

static VOCAB: std::sync::LazyLock<Vec<String>> =
    std::sync::LazyLock::new(|| vocabulary(dictionary()));

fn tok_strategy() -> impl proptest::strategy::Strategy<Value = (usize, usize, u8)> {
    use proptest::prelude::*;
    (any::<usize>(), any::<usize>(), any::<u8>())
}

fn make(v: &[(usize, usize, u8)]) -> Vec<T> {
    let w = &*VOCAB;
    v.iter()
        .map(|&(a, b, f)| T {
            lower: w[a % w.len()].clone(),
            // Half the time the lemma is the form.
            lemma: if f & 8 == 0 {
                w[a % w.len()].clone()
            } else {
                w[b % w.len()].clone()
            },
            prep: f & 1 != 0,
            phrase_start: f & 2 != 0,
            actor: f & 4 != 0,
        })
        .collect()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
    #[test]
    fn index_agrees_with_the_reference_on_random_tokens(
        sense in proptest::prelude::any::<usize>(),
        pre in proptest::collection::vec(tok_strategy(), 0..5),
        post in proptest::collection::vec(tok_strategy(), 0..14),
    ) {
        let d = dictionary();
        let all = d.all_senses();
        let (pre, post) = (make(&pre), make(&post));
        let (pre, post) = (view(&pre), view(&post));
        // Every sense of the same lemma: large blocks come up often.
        let s = &all[sense % all.len()];
        for s in d.senses(&s.verb) {
            same(d, s, &pre, &post);
        }
    }
}

/// `senses` and `senses_for_form` (binary searches) give what the hash maps
/// they replace gave: each lemma's contiguous group, and per form the senses
/// listing it, in order.
#[test]
fn lookups_equal_the_old_hash_maps() {
    let d = dictionary();
    let all = d.all_senses();
    let mut by_lemma: std::collections::HashMap<&str, Vec<usize>> = Default::default();
    let mut by_form: std::collections::HashMap<&str, Vec<usize>> = Default::default();
    for (i, s) in all.iter().enumerate() {
        by_lemma.entry(&s.verb).or_default().push(i);
        for f in &s.forms {
            let v = by_form.entry(f).or_default();
            if !v.contains(&i) {
                v.push(i);
            }
        }
    }
    let index = |s: &Sense| {
        (s as *const Sense as usize - all.as_ptr() as usize) / std::mem::size_of::<Sense>()
    };
    for (lemma, want) in &by_lemma {
        let got: Vec<usize> = d.senses(lemma).iter().map(index).collect();
        assert_eq!(&got, want, "{lemma}");
    }
    for (form, want) in &by_form {
        let got: Vec<usize> = d.senses_for_form(form).map(index).collect();
        assert_eq!(&got, want, "{form}");
    }
    for missing in ["", "zzz", "a", "~"] {
        assert!(d.senses(missing).is_empty() && d.senses_for_form(missing).next().is_none());
    }
}
