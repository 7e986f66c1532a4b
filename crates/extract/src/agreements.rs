//! Agreements: signed (or reached, adopted, entered into) documents as
//! records of their own, with type, title, subject, parties, date and place.
//!
//! An agreement noun ("memorandum of understanding", "sister city
//! agreement", "treaty", "roadmap", "joint statement") makes a record when
//! the sentence reports a signing, continues a signing sentence ("These
//! include ..."), names the document ("the Louvre accord") or gives its
//! parties ("an agreement with the IMF"). Documents only sought, negotiated,
//! hedged or pending ("talks on a trade pact", "will sign", "a deal could
//! offer", "after the agreement is signed", "no treaty") are not records,
//! nor are nouns that are no document ("to deal with", "the July contract",
//! "a barrier to agreement", "GATT (General Agreement on Tariffs and
//! Trade)"). Enumerations split into one record per document and per
//! "between X and Y" phrase.
//!
//! Parties come from the clause that holds the noun, bounded by ";",
//! "while", "but", verbs of saying, relative pronouns and an "and" that
//! starts a clause of its own: "between X, Y and Z" and "signed by X and Y"
//! inside the noun phrase; "with X"; "X's" or a body named in the title
//! ("Spain's EC accession treaty"); "the U.S.-Japan pact"; the clause's
//! coordinated subject ("Eni and SOCAR signed", "Presidents A of X and B of
//! Y signed", "Indian and Australian businessmen signed"); else its single
//! subject (a company unknown to the gazetteer included, a capital for its
//! country, a relative clause's antecedent), joined by the seller or buyer
//! of a purchase ("to buy wagons from X"). The document's two main actors
//! stand in only for a group that signs ("the two sides signed"), a passive
//! signing naming nobody, or the counterpart of one country signing in its
//! own clause. A named document with one party keeps it only when that
//! party owns or keeps it ("the G-7 still comply with the Louvre accord").
//!
//! The subject is the noun phrase after the title or its parties ("on", "in
//! the field of", "concerning", "for the supply of", "to build"), ending
//! before a date, a place, "between", "worth" or a verb; else the topic
//! words of the title ("a free trade agreement" -> "free trade"), else the
//! content a participle gives ("a letter of intent stating ...").

use chrono::NaiveDate;
use dyad_model::{
    Agreement, AgreementType, Analysis, ByteSpan, CharMap, CountryCode, Document, EntityKind,
    Mention, MentionForm, Party,
};

use crate::events::words::{word_at, words, Word};
use crate::lexicon::Class;
use crate::when;

/// The head nouns of agreements and the type each names.
const NOUNS: &[(&str, AgreementType)] = &[
    ("memorandum", AgreementType::Memorandum),
    ("memoranda", AgreementType::Memorandum),
    ("memorandums", AgreementType::Memorandum),
    ("mou", AgreementType::Memorandum),
    ("mous", AgreementType::Memorandum),
    ("agreement", AgreementType::Agreement),
    ("agreements", AgreementType::Agreement),
    ("accord", AgreementType::Agreement),
    ("accords", AgreementType::Agreement),
    ("pact", AgreementType::Agreement),
    ("deal", AgreementType::Agreement),
    ("treaty", AgreementType::Treaty),
    ("treaties", AgreementType::Treaty),
    ("declaration", AgreementType::Declaration),
    ("declarations", AgreementType::Declaration),
    ("communique", AgreementType::Declaration),
    ("communiqué", AgreementType::Declaration),
    ("statement", AgreementType::Declaration),
    ("roadmap", AgreementType::Roadmap),
    ("roadmaps", AgreementType::Roadmap),
    ("contract", AgreementType::Contract),
    ("contracts", AgreementType::Contract),
    ("protocol", AgreementType::Other),
    ("protocols", AgreementType::Other),
    ("letter", AgreementType::Other),
];

const SIGNING: &[&str] = &[
    "sign",
    "signs",
    "signed",
    "signing",
    "ink",
    "inked",
    "inks",
    "conclude",
    "concluded",
    "adopt",
    "adopted",
    "adopts",
    "reached",
    "reach",
    "reaches",
    "entered",
    "enter",
    "struck",
    "agreed",
    "initialled",
    "initialed",
    "ratified",
    "exchanged",
];

const STOP: &[&str] = &[
    "on",
    "for",
    "to",
    "regarding",
    "concerning",
    "aimed",
    "which",
    "that",
    "was",
    "were",
    "is",
    "are",
    "has",
    "have",
    "had",
    "signed",
    "as",
    "in",
    "at",
    "during",
    "within",
    "worth",
    "valued",
    "providing",
    "covering",
    "while",
    "after",
    "before",
];

/// Lowercase heads of party names: "the Syrian government".
const GENERIC: &[&str] = &[
    "government",
    "authorities",
    "side",
    "ministry",
    "delegation",
    "administration",
    "parliament",
    "company",
    "firm",
    "leadership",
    "state",
];

/// One sentence, prepared.
struct Sent<'a> {
    span: ByteSpan,
    words: Vec<Word<'a>>,
}

struct Ctx<'a> {
    analysis: &'a Analysis,
    /// `reach[i]`: the furthest end of `analysis.mentions[..=i]`.
    reach: Vec<usize>,
    text: &'a str,
    /// The two most mentioned parties (countries and international
    /// organizations).
    pair: Vec<Party>,
    dateline: Option<String>,
}

impl Ctx<'_> {
    /// The mentions starting at byte `at`, the longer first.
    fn mentions_at(&self, at: usize) -> &[Mention] {
        let all = &self.analysis.mentions;
        let a = all.partition_point(|m| m.span.start < at);
        let n = all[a..].partition_point(|m| m.span.start == at);
        &all[a..a + n]
    }

    /// Whether a mention of an entity of `kind` contains `span`. Mentions
    /// are in text order: the scan goes back from `span` only as far as a
    /// mention can still reach it.
    fn in_mention_of(&self, span: ByteSpan, kind: EntityKind) -> bool {
        let all = &self.analysis.mentions;
        let upto = all.partition_point(|m| m.span.start <= span.start);
        (0..upto)
            .rev()
            .take_while(|&j| self.reach[j] >= span.end)
            .any(|j| {
                let m = &all[j];
                m.span.contains(span)
                    && self
                        .analysis
                        .entities
                        .get(m.entity)
                        .is_some_and(|e| e.kind == kind)
            })
    }
}

pub(crate) fn extract(doc: &Document, analysis: &Analysis, map: &CharMap) -> Vec<Agreement> {
    let text = doc.text.as_str();
    let lower = text.to_ascii_lowercase();
    let spans: Vec<ByteSpan> = if analysis.sentences.is_empty() && !text.trim().is_empty() {
        vec![ByteSpan::new(0, text.len())]
    } else {
        analysis.sentences.clone()
    };
    let sents: Vec<Sent> = spans
        .iter()
        .filter(|s| {
            s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
        })
        .map(|&span| Sent {
            span,
            // Only sentences that name a document or a signing need words.
            words: if relevant(&lower[span.start..span.end]) {
                words(text, &lower, span)
            } else {
                Vec::new()
            },
        })
        .collect();
    let ctx = Ctx {
        analysis,
        reach: analysis
            .mentions
            .iter()
            .scan(0, |r, m| {
                *r = (*r).max(m.span.end);
                Some(*r)
            })
            .collect(),
        text,
        pair: main_pair(analysis),
        dateline: dateline(doc, analysis),
    };
    let mut out: Vec<Agreement> = Vec::new();
    let mut prev_signing = false;
    let mut prev_date: Option<NaiveDate> = None;
    let mut heads: Vec<(usize, usize)> = Vec::new();
    for (si, s) in sents.iter().enumerate() {
        let signing = s.words.iter().enumerate().any(|(i, w)| {
            w.is_any(SIGNING)
                && !s.words[i.saturating_sub(3)..i]
                    .iter()
                    .any(|x| x.is_a(Class::Negation) || x.lower.ends_with("n't"))
        });
        let continues = prev_signing
            && s.words
                .iter()
                .take(6)
                .any(|w| w.is_any(&["include", "includes", "included", "including", "among"]));
        let date = when::dates(&s.words, doc.date, when::Tense::Unknown)
            .first()
            .map(|d| d.date)
            .or(if continues { prev_date } else { None })
            .or(doc.date);
        for (head, rec) in sentence_agreements(&ctx, s, signing || continues) {
            let a = Agreement {
                date,
                evidence: map.span(s.span),
                ..rec
            };
            push(&mut out, &mut heads, (si, head), a);
        }
        if signing {
            prev_date = Some(date).flatten();
        }
        prev_signing = signing || continues;
    }
    out
}

/// A title compared across mentions: lowercase, "accord"/"pact"/"deal" as
/// "agreement", determiners dropped.
fn title_key(t: &str) -> String {
    t.split_whitespace()
        .map(|w| match w.to_ascii_lowercase().as_str() {
            "accord" | "pact" | "deal" => "agreement".to_string(),
            "accords" | "pacts" | "deals" => "agreement".to_string(),
            "mou" | "mous" => "memorandum of understanding".to_string(),
            "memoranda" | "memorandums" => "memorandum".to_string(),
            w => w
                .strip_suffix('s')
                .filter(|x| x.len() > 3)
                .unwrap_or(w)
                .to_string(),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Stems of agreement nouns, signing verbs and enumerations: a sentence
/// without any is skipped before tokenizing.
const STEMS: &[&str] = &[
    "memorand",
    "mou",
    "agree",
    "accord",
    "pact",
    "deal",
    "treat",
    "declaration",
    "communiqu",
    "statement",
    "roadmap",
    "road map",
    "contract",
    "protocol",
    "letter of",
    "sign",
    "ink",
    "conclu",
    "adopt",
    "reach",
    "enter",
    "struck",
    "initial",
    "ratif",
    "exchang",
    "includ",
    "among",
];

fn relevant(lower: &str) -> bool {
    STEMS.iter().any(|s| lower.contains(s))
}

/// Adds `a` (found at `head`: sentence and noun index) unless it reports a
/// document already recorded from another mention: the same named title
/// ("the Louvre accord"), or the same type, title and party countries.
fn push(
    out: &mut Vec<Agreement>,
    heads: &mut Vec<(usize, usize)>,
    head: (usize, usize),
    a: Agreement,
) {
    let title = a.title.as_deref().map(title_key).unwrap_or_default();
    let named = a
        .title
        .as_deref()
        .is_some_and(|t| t.chars().next().is_some_and(char::is_uppercase));
    let countries = |x: &Agreement| {
        let mut c: Vec<String> = x.parties.iter().map(party_key).collect();
        c.sort();
        c
    };
    let found = out.iter().zip(heads.iter()).position(|(x, h)| {
        // "the deal" after "a co-operation deal": one document.
        let other = x.title.as_deref().map(title_key).unwrap_or_default();
        let same_title = other == title
            || (!named
                && !other.is_empty()
                && !title.is_empty()
                && (other.ends_with(&format!(" {title}"))
                    || title.ends_with(&format!(" {other}"))));
        // Two mentions of one unnamed document do not disagree on what it
        // is about or on who signed it.
        let subjects_agree = match (&x.subject, &a.subject) {
            (Some(p), Some(q)) => title_key(p) == title_key(q),
            _ => true,
        };
        let names = |x: &Agreement| {
            let mut n: Vec<String> = x
                .parties
                .iter()
                .map(|p| p.entity.clone().unwrap_or_else(|| p.name.to_lowercase()))
                .collect();
            n.sort();
            n
        };
        // The same countries, and the same signatories unless one mention
        // says nothing of the subject ("signed by the finance minister and
        // the ECGD" after "Nigeria and Britain signed an agreement to ...").
        let states = |x: &Agreement| {
            x.parties
                .iter()
                .all(|p| p.country.is_some() && p.entity == p.country.map(|c| c.to_string()))
        };
        let parties_agree = countries(x) == countries(&a)
            && (names(x) == names(&a)
                || (states(x) || states(&a)) && (x.subject.is_none() || a.subject.is_none()));
        *h != head && x.kind == a.kind && same_title && (named || parties_agree && subjects_agree)
    });
    match found {
        Some(i) => {
            let x = &mut out[i];
            if x.subject.is_none() {
                x.subject = a.subject;
            }
            if x.parties.len() < a.parties.len() {
                x.parties = a.parties;
            }
        }
        None => {
            out.push(a);
            heads.push(head);
        }
    }
}

/// The first word of the title whose head noun is word `i`: the modifiers
/// before it, up to a determiner, a number, a possessive or a country
/// adjective.
fn title_start(ctx: &Ctx, words: &[Word], i: usize) -> usize {
    let mut t0 = i;
    while t0 > 0 && i - t0 < 5 {
        let w = &words[t0 - 1];
        if w.punct
            || w.is_any(NOT_TITLE)
            || w.is_any(STOP)
            || w.is_any(&["over", "with", "from", "by", "under", "against", "into"])
            || w.poss
            || w.lower.chars().next().is_some_and(|c| c.is_ascii_digit())
            || w.is_any(&[
                "million",
                "billion",
                "bn",
                "mln",
                "trillion",
                "$",
                "€",
                "£",
                "dlr",
                "dlrs",
                "pct",
                "reaching",
                "signing",
                "concluding",
                "sign",
                "reach",
            ])
            || w.is_any(SIGNING)
            || mention_at(ctx, w.span.start).is_some_and(|(f, _)| f == MentionForm::Adjective)
        {
            break;
        }
        t0 -= 1;
    }
    t0
}

fn noun_type(words: &[Word], i: usize) -> Option<AgreementType> {
    let w = &words[i];
    let (_, t) = NOUNS.iter().find(|(n, _)| *n == w.lower)?;
    // "statement" only as "joint statement".
    if w.is("statement") && !(i > 0 && words[i - 1].is("joint")) {
        return None;
    }
    // "letter" only as "letter of intent".
    if w.is("letter")
        && !(words.get(i + 1).is_some_and(|x| x.is("of"))
            && words.get(i + 2).is_some_and(|x| x.is("intent")))
    {
        return None;
    }
    let prev = |k: usize| if i >= k { Some(&words[i - k]) } else { None };
    // "a barrier to agreement", "close to agreement": the state, no
    // document.
    if w.is("agreement")
        && prev(1).is_some_and(|x| x.is_any(&["to", "towards", "toward", "of", "for"]))
    {
        return None;
    }
    // "the July contract", "futures contracts": traded, not signed.
    if w.lower.starts_with("contract")
        && prev(1).is_some_and(|x| {
            x.is_any(&[
                "futures",
                "forward",
                "delivery",
                "spot",
                "options",
                "nearby",
                "front-month",
                "benchmark",
            ]) || x.cap && dyad_model::month_number(x.lower).is_some() && x.lower != "may"
        })
    {
        return None;
    }
    // "deal" as a verb: "obliged to deal with", "deals with".
    if w.is_any(&["deal", "deals"])
        && (prev(1).is_some_and(|x| {
            x.is_any(&[
                "to", "will", "would", "can", "cannot", "could", "must", "should", "not",
            ])
        }) || words.get(i + 1).is_some_and(|x| x.is("with"))
            // "they deal with", "which deals with"; not "a supply deal with".
            && prev(1).is_some_and(|x| {
                x.is_any(&[
                    "they", "we", "you", "who", "which", "that", "i", "also", "directly", "only",
                    "mainly", "largely", "effectively",
                ])
            }))
    {
        return None;
    }
    let sister = (1..=3)
        .any(|k| prev(k).is_some_and(|x| x.is_any(&["sister", "twin", "twinning", "twinned"])));
    if sister {
        return Some(AgreementType::SisterCities);
    }
    // Not an agreement noun: "in agreement", "agreement that".
    if prev(1).is_some_and(|x| x.is_any(&["in"])) {
        return None;
    }
    Some(*t)
}

/// Determiners and quantifiers that are not part of a title.
const NOT_TITLE: &[&str] = &[
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "its",
    "their",
    "his",
    "her",
    "several",
    "two",
    "three",
    "four",
    "five",
    "some",
    "new",
    "additional",
    "other",
    "bilateral",
    "current",
    "last",
    "previous",
    "such",
    "any",
    "all",
    "both",
    "various",
    "number",
    "of",
    "and",
    "also",
    "basic",
    "general",
    "preliminary",
    "draft",
    "formal",
    "first",
    "separate",
    "further",
    "another",
    "signed",
    "own",
];

fn sentence_agreements(ctx: &Ctx, s: &Sent, signing: bool) -> Vec<(usize, Agreement)> {
    let words = &s.words;
    let heads: Vec<(usize, AgreementType)> = (0..words.len())
        .filter_map(|i| noun_type(words, i).map(|t| (i, t)))
        .collect();
    let mut out = Vec::new();
    let starts: Vec<usize> = heads
        .iter()
        .map(|&(i, _)| title_start(ctx, words, i))
        .collect();
    // A signing verb in the past, not under a modal: "was signed", "inked".
    let signed_past = words.iter().enumerate().any(|(k, w)| {
        w.is_any(PAST_SIGNING)
            && !words[k.saturating_sub(3)..k].iter().any(|x| {
                x.in_any(Class::Modal | Class::NegationAdverb) || x.is_any(&["being", "be"])
            })
    });
    for (k, &(i, kind)) in heads.iter().enumerate() {
        let from = clause_start(words, i);
        // Negated: "did not sign the protocol".
        let neg = words[i.saturating_sub(6).max(from)..i]
            .iter()
            .any(|w| w.is_a(Class::SigningNegator) || w.lower.ends_with("n't"));
        if neg {
            continue;
        }
        // "the General Agreement on Tariffs and Trade": part of a name.
        let in_org = ctx.in_mention_of(words[i].span, EntityKind::Organization);
        if in_org {
            continue;
        }
        // Hypothetical or planned: "a deal would be reached", "will sign";
        // a modal after the noun ("the agreement will enable") only when
        // nothing in the sentence was signed.
        let modal_before = words[i.saturating_sub(6).max(from)..i]
            .iter()
            .any(|w| w.is_a(Class::Modal));
        // A relative clause that states the terms ("a contract under which
        // X will supply Y") is the content, not a hedge.
        let terms_end = (i + 16).min(clause_end(words, i));
        let terms_end = (i + 1..terms_end)
            .find(|&k| terms_clause_at(words, k))
            .unwrap_or(terms_end);
        let modal_after = words[i + 1..terms_end].iter().any(|w| w.is_a(Class::Modal));
        if modal_before || (modal_after && !signed_past) {
            continue;
        }
        // Still negotiated or only sought: "talks on a free trade
        // agreement", "a proposed deal", "pushing for an accord".
        let sought = words[starts[k].saturating_sub(8).max(from)..i]
            .iter()
            .any(|w| w.is_any(SOUGHT))
            || words
                .get(i + 1)
                .is_some_and(|w| w.is_any(&["talks", "negotiations", "negotiators"]));
        if sought && !signed_past {
            continue;
        }
        // "after the agreement with the IMF is signed": not yet.
        let pending = words[i + 1..clause_end(words, i).min(i + 8)]
            .windows(2)
            .any(|w| {
                w[0].is_any(&["is", "are", "be", "being", "gets", "get"])
                    && w[1].is_any(PAST_SIGNING)
            });
        if pending {
            continue;
        }
        let seg_end = starts.get(k + 1).copied().unwrap_or(words.len()).max(i + 1);
        let t0 = starts[k];
        let mut t1 = i + 1;
        if words.get(t1).is_some_and(|w| w.is("of"))
            && words.get(t1 + 1).is_some_and(|w| {
                w.is_any(&[
                    "understanding",
                    "intent",
                    "intention",
                    "cooperation",
                    "friendship",
                ])
            })
        {
            t1 += 2;
        }
        // A named document: "the Agreement on the Avoidance of Double
        // Taxation" runs on over capitalized words.
        // A name: a capitalized modifier ("the Louvre accord"), or a
        // capitalized head with a name after it ("the Treaty of Rome"); not
        // a bare "the Treaty".
        let cap_modifier = (t0..i).any(|k| words[k].cap && k > 0);
        let cap_tail = words
            .get(i + 1)
            .is_some_and(|w| w.is_any(&["on", "of", "for", "between", "in"]))
            && words
                .get(i + 2)
                .is_some_and(|w| w.cap || w.is("the") && words.get(i + 3).is_some_and(|x| x.cap));
        let named_head = cap_modifier || words[i].cap && (cap_tail || t0 < i);
        let mut name_on = None;
        if named_head {
            let mut e = t1;
            // The name goes on only through a joiner ("Treaty of Rome"),
            // not into the next capitalized word ("... treaty Image:").
            let opens = words
                .get(t1)
                .is_some_and(|w| w.is_any(&["on", "of", "for", "in"]))
                || t1 > i + 1;
            while opens && e < words.len() {
                let w = &words[e];
                // Not "between the Ministry of ...": the parties follow.
                let joins = (w.is_any(&["on", "of", "for", "the", "in"])
                    && words.get(e + 1).is_some_and(|n| n.cap || n.is("the")))
                    || (w.is("and") && words.get(e + 1).is_some_and(|n| n.cap));
                if (w.cap && !w.punct && !is_time_word(words, e)) || (joins && e + 1 < words.len())
                {
                    if w.is_any(&["on", "for", "in"]) && name_on.is_none() {
                        name_on = Some(e);
                    }
                    e += 1;
                } else {
                    break;
                }
            }
            // Do not end on a joiner.
            while e > t1 && words[e - 1].is_any(&["on", "of", "for", "the", "and", "in", "between"])
            {
                e -= 1;
            }
            if e > t1 {
                t1 = e;
            } else {
                name_on = None;
            }
        }
        let t1 = t1.min(seg_end.max(i + 1));
        // "GATT (General Agreement on Tariffs and Trade)", "the General
        // Agreement on Tariffs and Trade (GATT)": an organization's name
        // spelled out, not a document signed.
        if named_head && glosses_org(ctx, words, t0, t1) {
            continue;
        }
        let title_span = ByteSpan::new(words[t0].span.start, words[t1 - 1].span.end);
        // Wire copy breaks lines inside phrases: one space between words.
        let title = squash(title_span.slice(ctx.text));
        let named = named_head;
        // Parties.
        let seg_start = skip_closing(words, t1.min(seg_end), seg_end);
        let seg = &words[seg_start..seg_end];
        let mut pairs: Vec<Vec<Party>> = Vec::new();
        // The subject follows the title or the first "between" phrase.
        let mut subject_at = 0;
        for (b, w) in seg.iter().enumerate() {
            if w.is("between") {
                let (parties, end) = between(ctx, &seg[b + 1..]);
                // "..., as well as between C and D": parallel to the first.
                let parallel = !pairs.is_empty() && b > 0 && seg[b - 1].is_any(&["as", "and", ","]);
                if !between_is_parties(ctx, seg, b, &parties)
                    || !parallel
                        && seg[..b].iter().any(|x| {
                            (x.punct && !x.is_any(&["-", "$", "\"", "”", "’"]))
                                || x.is_any(&["which", "whereby", "under", "according"])
                        })
                {
                    continue;
                }
                if pairs.is_empty() {
                    subject_at = b + 1 + end;
                }
                if !parties.is_empty() {
                    pairs.push(parties);
                }
            }
        }
        // "was signed by the ministers of X and Y".
        let mut by_unresolved = false;
        if pairs.is_empty() {
            if let Some(b) = seg.iter().enumerate().position(|(b, w)| {
                w.is("by")
                    && b > 0
                    && (seg[b - 1].is_any(PAST_SIGNING)
                        || seg[b - 1].is_any(&[
                            "reached",
                            "agreed",
                            "approved",
                            "negotiated",
                            "brokered",
                        ]))
                    && !seg[..b].iter().any(|x| x.punct && !x.is("-"))
            }) {
                let rest = &seg[b + 1..];
                let collective = rest.iter().take(8).collect::<Vec<_>>().windows(2).any(|w| {
                    w[0].is_any(&["two", "both"])
                        && w[1].is_any(&["countries", "sides", "governments", "nations", "states"])
                })
                    // "signed by the energy ministers": no names, the
                    // article's two sides.
                    || rest.first().is_some_and(|w| w.is("the"))
                        && rest
                            .iter()
                            .skip(1)
                            .take_while(|w| !w.punct)
                            .take(3)
                            .all(|w| !w.cap)
                        && rest.iter().skip(1).take_while(|w| !w.punct).take(3).any(|w| {
                            w.is_any(&["ministers", "presidents", "leaders", "sides", "delegations", "heads", "premiers"])
                        })
                        && !rest.iter().take(6).any(|w| w.is("of") || w.is_any(&["g7", "eu"]));
                let (parties, end) = between(ctx, rest);
                // "agreements reached by Indonesia, Venezuela and Brazil":
                // each its own, with partners unnamed.
                let each = words[i].lower.ends_with('s') && parties.len() >= 3;
                if parties.len() >= 2 && !each {
                    pairs.push(parties);
                    subject_at = b + 1 + end;
                } else if collective && ctx.pair.len() == 2 {
                    pairs.push(ctx.pair.clone());
                } else {
                    // "reached by six major industrial nations": the
                    // signatories are named there, unresolved; no guess.
                    by_unresolved = true;
                }
            }
        }
        // "a contract under which QatarEnergy will supply Eni": the two
        // sides of the terms.
        if pairs.is_empty() && !by_unresolved {
            if let Some(both) = terms_parties(ctx, seg) {
                pairs.push(both);
            }
        }
        // "the NATO treaty": an organization or country named in the title.
        let in_title = ctx
            .analysis
            .mentions_in(title_span)
            .iter()
            .filter(|m| m.form != MentionForm::Adjective)
            .find_map(|m| {
                let e = ctx.analysis.entities.get(m.entity)?;
                matches!(e.kind, EntityKind::Organization | EntityKind::Country).then(|| Party {
                    name: e.name.clone(),
                    entity: Some(e.id.clone()),
                    country: e.country,
                })
            });
        let mut with_party: Option<Party> = None;
        let mut with_end = None;
        if pairs.is_empty() {
            if let Some(b) = seg.iter().take(4).position(|w| w.is("with")) {
                with_party = phrase_party(ctx, &seg[b + 1..], true);
                if with_party.is_some() {
                    with_end = Some(b + 1 + name_len(ctx, &seg[b + 1..]));
                }
            }
        }
        // A possessive before the title: "Turkey's loan agreement".
        // Only modifiers between: not "the EC's obligations under the
        // General Agreement".
        let poss = words[i.saturating_sub(6).max(from)..i]
            .iter()
            .rposition(|w| w.poss)
            .map(|p| i.saturating_sub(6).max(from) + p)
            .filter(|&p| {
                !words[p + 1..i].iter().any(|w| {
                    (w.punct && !w.is_any(&["$", "-", "."]))
                        || w.is_any(STOP)
                        || w.is_any(&["of", "under", "with", "by"])
                })
            })
            .and_then(|p| party_for_word(ctx, &words[p]));
        let subject = name_on
            .and_then(|o| subject_of(ctx, &words[o..t1]))
            .or_else(|| subject_of(ctx, seg))
            .or_else(|| subject_of(ctx, &seg[subject_at.min(seg.len())..]))
            .or_else(|| {
                with_end.and_then(|e| {
                    let e = skip_aside(seg, e);
                    subject_of(ctx, &seg[e.min(seg.len())..])
                })
            })
            .or_else(|| modifier_subject(ctx, words, t0, i))
            .or_else(|| content_clause(ctx, seg))
            .or_else(|| terms_subject(ctx, seg));
        if pairs.is_empty() && !by_unresolved {
            let mut parties: Vec<Party> = Vec::new();
            // A named document only when signed right there ("the two
            // governments signed the \"Agreement on ...\""), not "the parties
            // agreed to continue under the Louvre agreement".
            let mut v = t0;
            while v > 0 && words[v - 1].is_any(&["the", "a", "an", "\"", "“", "'"]) {
                v -= 1;
            }
            let signed_it = v > 0 && words[v - 1].is_any(PAST_SIGNING);
            let collective = in_title.is_none()
                && poss.is_none()
                && signing
                && (!named || signed_it)
                && collective_before(&words[from..], i - from)
                    .is_some_and(|c| collective_fits(ctx, c));
            // "Kazakhstan's KazMunayGas and China's CNPC signed": the
            // coordinated subject over a possessive inside it.
            let coordinated = if collective || in_title.is_some() {
                None
            } else {
                coordinated_subject(ctx, words, from, i, kind)
            };
            let first = if collective {
                parties.extend(ctx.pair.iter().cloned());
                None
            } else if let Some(both) = coordinated {
                // "Eni and SOCAR signed a contract": the two named
                // signatories, not their countries.
                parties.extend(both);
                None
            } else {
                // "Portugal's EC accession treaty": the country and the body.
                if let (Some(a), Some(b)) = (&in_title, &poss) {
                    if party_key(a) != party_key(b) {
                        parties.push(b.clone());
                    }
                }
                in_title
                    .clone()
                    .or(poss)
                    .or_else(|| clause_subject(ctx, words, from, i))
            };
            if let Some(p) = first {
                parties.push(p);
            }
            if let Some(p) = with_party {
                if !parties.iter().any(|q| q.name == p.name) {
                    parties.push(p);
                }
            }
            // "signed a contract to buy 36 planes from ATR", "a deal to
            // supply trains to Egypt": the seller or the buyer.
            if parties.len() == 1 {
                if let Some(p) = trade_counterparty(ctx, seg) {
                    if party_key(&p) != party_key(&parties[0]) {
                        parties.push(p);
                    }
                }
            }
            // "The leaders signed a treaty": the main pair.
            if parties.is_empty()
                && signing
                && (!named || signed_it)
                && collective_before(words, i).is_some_and(|c| collective_fits(ctx, c))
            {
                parties = ctx.pair.clone();
            }
            // "An intergovernmental agreement on visa-free travel was also
            // signed": a passive with nobody named in the sentence, in a
            // report on two countries.
            // "was signed", "was also signed".
            let passive = words[i + 1..clause_end(words, i)].windows(3).any(|w| {
                w[0].is_any(&["was", "were"])
                    && (w[1].is_any(PAST_SIGNING) || w[2].is_any(PAST_SIGNING))
            }) || words[i + 1..clause_end(words, i)]
                .windows(2)
                .any(|w| w[0].is_any(&["was", "were"]) && w[1].is_any(PAST_SIGNING));
            let nobody = ctx.analysis.mentions_in(s.span).iter().all(|m| {
                m.form == MentionForm::Dateline
                    || ctx
                        .analysis
                        .entities
                        .get(m.entity)
                        .is_some_and(|e| e.kind == EntityKind::Place)
            });
            if parties.is_empty()
                && passive
                && nobody
                && !named
                && ctx.pair.len() == 2
                && ctx.pair.iter().all(|p| p.country.is_some())
            {
                parties = ctx.pair.clone();
            }
            // One country signing an unnamed document in its own clause
            // ("Kazakhstan signed a memorandum on transport" in a report on
            // the Kazakh-Bulgarian visit): the other country of the main
            // pair. Not for a document only "reached" or named ("Japan ...
            // since the Paris Agreement"), nor for companies.
            // One signatory named before the verb, not an enumeration.
            let named_before = ctx
                .analysis
                .mentions_in(ByteSpan::new(words[from].span.start, words[i].span.start))
                .iter()
                .filter(|m| {
                    m.form != MentionForm::Adjective
                        && ctx
                            .analysis
                            .entities
                            .get(m.entity)
                            .is_some_and(|e| e.kind != EntityKind::Place)
                })
                .count();
            let signed_here = named_before <= 1
                && words[from..i].iter().enumerate().any(|(k, w)| {
                    (w.is_any(PAST_SIGNING) || w.is_any(&["sign", "signs", "signing"]))
                        && !words[(from + k).saturating_sub(3)..from + k]
                            .iter()
                            .any(|x| x.is_a(Class::Modal))
                });
            // Another name after the noun may be the real counterpart
            // ("struck a deal to supply French car maker Peugeot").
            // (within the document's own phrase: up to a comma or a
            // relative clause).
            let end = clause_end(words, i);
            let end = words[i + 1..end]
                .iter()
                .position(|w| w.is_any(&[",", "which", "who", "that", ";"]))
                .map_or(end, |p| i + 1 + p);
            let other_name = words[i + 1..end].iter().enumerate().any(|(k, w)| {
                w.cap
                    && !is_time_word(words, i + 1 + k)
                    && !ctx.in_mention_of(w.span, EntityKind::Place)
            });
            if parties.len() == 1 && signing && signed_here && !named && !other_name {
                let key = party_key(&parties[0]);
                if ctx.pair.iter().any(|p| party_key(p) == key) {
                    if let Some(other) = ctx.pair.iter().find(|p| party_key(p) != key) {
                        parties.push(other.clone());
                    }
                }
            }
            if !parties.is_empty() {
                pairs.push(parties);
            }
        }
        // An item of a list after a colon ("the leaders witnessed the
        // signing of four documents: a memorandum between A and B, an
        // agreement on double taxation, ..."): an item that names no
        // parties of its own was signed by the two sides of the report.
        if pairs.iter().all(|p| p.len() < 2)
            && from > 0
            && words[from - 1].is(":")
            && words[..from - 1].iter().any(|w| w.is_any(SIGNING))
            && ctx.pair.len() == 2
            && ctx.pair.iter().all(|p| p.country.is_some())
        {
            pairs = vec![ctx.pair.clone()];
        }
        // "signed five agreements, including a memorandum ...": a count
        // that the listed documents itemize.
        let itemized = words[i].lower.ends_with('s')
            && k + 1 < heads.len()
            && words[i + 1..heads[k + 1].0]
                .iter()
                .take(4)
                .any(|w| w.is_any(&["including", "include", "includes", "among", ":", "namely"]));
        if itemized {
            continue;
        }
        // "a deal on China-UK tourism", "the U.S.-Japan agreement": two
        // countries joined by a hyphen or slash name the sides.
        if pairs.iter().all(|p| p.len() < 2) {
            if let Some(both) = hyphen_pair(ctx, words, t0, seg_end) {
                pairs = vec![both];
            }
        }
        let has_with = seg.iter().take(4).any(|w| w.is("with"));
        let generic = title.split_whitespace().count() == 1
            && words[i].lower.ends_with('s')
            && pairs.iter().all(|p| p.len() < 2);
        let qualifies = signing || named || has_with || pairs.iter().any(|p| p.len() >= 2);
        // A document known only by the company it keeps ("a deal with
        // Euronext could ..."): not under a modal or condition.
        let hedged = !signing
            && words[from..clause_end(words, i)].iter().any(|w| {
                w.is_a(Class::Modal) || w.is_any(&["if", "unless", "until", "potentially"])
            });
        if hedged && !named {
            continue;
        }
        // One party and no name ("the 1979 agreement"): not a record. A
        // named document with one party keeps it only when that party is an
        // international body ("the G-7 still comply with the Louvre
        // accord", "the NATO treaty"): a single country or person in the
        // sentence is seldom its signatory ("Japan said ... the Paris
        // agreement").
        let plural_head = words[i].lower.ends_with('s') && !words[i].cap;
        // ... and only as the named document's owner ("the OPEC accord") or
        // as the subject that signs, keeps or supports it ("the G-7 still
        // comply with the Louvre accord"), not "members of the ICA".
        // "an IMF agreement is only a weak signal": any such document, not
        // one.
        let indefinite = t0 > 0 && words[t0 - 1].is_any(&["a", "an"]) && !signing;
        let committed = in_title.is_some() && !indefinite
            || words[from.min(t0)..t0].iter().any(|w| {
                w.is_any(PAST_SIGNING)
                    || w.is_any(&[
                        "reached",
                        "agreed",
                        "support",
                        "supports",
                        "supported",
                        "comply",
                        "complies",
                        "complied",
                        "adhere",
                        "adheres",
                        "adhered",
                        "reaffirm",
                        "reaffirms",
                        "reaffirmed",
                        "reaffirming",
                        "honor",
                        "honour",
                        "honored",
                        "honoured",
                        "implement",
                        "implemented",
                        "implementing",
                        "abide",
                        "abides",
                        "respect",
                        "respects",
                        "respected",
                        "uphold",
                        "upholds",
                        "upheld",
                        "signatory",
                        "signatories",
                        "joined",
                        "join",
                        "joins",
                    ])
            });
        pairs.retain(|p| {
            p.len() >= 2
                || named
                    && committed
                    && !plural_head
                    && p.iter().all(|q| {
                        q.country.is_none()
                            && q.entity.as_ref().is_some_and(|id| {
                                ctx.analysis
                                    .entities
                                    .iter()
                                    .any(|e| &e.id == id && e.kind == EntityKind::Organization)
                            })
                    })
        });
        if !qualifies || generic {
            continue;
        }
        for parties in pairs {
            if parties.is_empty() {
                continue;
            }
            out.push((
                k,
                Agreement {
                    kind,
                    title: Some(title.clone()),
                    subject: subject.as_deref().map(squash),
                    date: None,
                    place: place_of(ctx, s).or_else(|| ctx.dateline.clone()),
                    parties,
                    evidence: Default::default(),
                },
            ));
        }
    }
    out
}

/// Whether the named title `words[t0..t1]` stands in parentheses right
/// after an organization's name or acronym, or has one right after it in
/// parentheses.
fn glosses_org(ctx: &Ctx, words: &[Word], t0: usize, t1: usize) -> bool {
    let org_at = |k: usize| {
        words
            .get(k)
            .is_some_and(|w| ctx.in_mention_of(w.span, EntityKind::Organization))
    };
    let mut a = t0;
    while a > 0 && (words[a - 1].is_any(&["the", "a"]) || words[a - 1].cap) {
        a -= 1;
    }
    let before = a >= 2 && words[a - 1].is("(") && org_at(a - 2);
    let after = words.get(t1).is_some_and(|w| w.is_any(&["(", ","]))
        && org_at(t1 + 1)
        && words.get(t1 + 2).is_none_or(|w| w.is_any(&[")", ",", "."]));
    before || after
}

/// `s` with every run of whitespace as one space.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Past forms of signing verbs: the document exists.
const PAST_SIGNING: &[&str] = &[
    "signed",
    "inked",
    "concluded",
    "adopted",
    "initialled",
    "initialed",
    "ratified",
    "struck",
    "exchanged",
];

/// Words before an agreement noun that make it sought, not signed.
const SOUGHT: &[&str] = &[
    "talks",
    "negotiations",
    "negotiating",
    "negotiate",
    "negotiated",
    "proposed",
    "possible",
    "potential",
    "planned",
    "future",
    "toward",
    "towards",
    "seek",
    "seeking",
    "seeks",
    "sought",
    "pursue",
    "pursuing",
    "push",
    "pushing",
    "hopes",
    "hope",
    "hoped",
    "want",
    "wants",
    "wanted",
    "prepare",
    "preparing",
    "drafting",
    "discuss",
    "discussed",
    "discussing",
    "considering",
    "consider",
    "work",
    "working",
    "aim",
    "aims",
    "aimed",
    "plan",
    "plans",
    "intend",
    "intends",
    "expected",
    "expects",
    "ready",
    "prospect",
    "prospects",
    "conclude",
    "reach",
    "sign",
    "need",
    "needs",
    "needed",
    "demand",
    "demands",
    "demanded",
    "issue",
    "idea",
    "chance",
    "chances",
    "obstacle",
    "obstacles",
    "without",
    "until",
    "unless",
    "lack",
    "absence",
    "keen",
    "eager",
    "willing",
    "subject",
    "anticipated",
    "anticipate",
    "anticipates",
    "awaited",
    "awaiting",
    "await",
    "expecting",
    "predicted",
    "forecast",
    "any",
    "recommend",
    "recommends",
    "recommended",
    "recommending",
    "urge",
    "urged",
    "urging",
    "favourable",
    "favorable",
    "calling",
    "called",
    "close",
    "verge",
    "striking",
];

/// The first word of the clause that holds word `i`: after a semicolon, a
/// subordinating or contrasting conjunction ("while", "whereas", "but"), a
/// verb of saying ("said", "that"), a relative pronoun ("which", "who"), or
/// an "and" that starts a clause with its own subject ("the presidents held
/// talks and the ministers signed ...").
fn clause_start(words: &[Word], i: usize) -> usize {
    let mut k = i;
    while k > 0 {
        k -= 1;
        let w = &words[k];
        if w.is_any(&[";", ":"])
            || w.in_any(Class::ClauseOpener | Class::ClauseSpeechVerb)
            || (w.is("out") && k > 0 && words[k - 1].is("pointed"))
        {
            return k + 1;
        }
        if w.is("and") && and_starts_clause(words, k, i) {
            return k + 1;
        }
    }
    0
}

/// The end (exclusive) of the clause that holds word `i`: a semicolon, a
/// contrasting conjunction, or an "and" that starts a new clause after a
/// finite verb ("the loan agreement expires in February and the new deal
/// would ...").
fn clause_end(words: &[Word], i: usize) -> usize {
    let mut verb = false;
    for k in i + 1..words.len() {
        let w = &words[k];
        if w.is_any(&[";", "while", "whereas", "but", "although", "though"]) {
            return k;
        }
        if w.is("and")
            && verb
            && words.get(k + 1).is_some_and(|n| {
                n.is_any(&["the", "a", "an", "its", "their", "his", "her"]) || n.cap
            })
        {
            return k;
        }
        verb = verb || is_finite(words, k);
    }
    words.len()
}

/// Whether the "and" at `k` joins two clauses: a finite verb stands before
/// it (in its clause) and a new subject, not a verb, follows it.
fn and_starts_clause(words: &[Word], k: usize, i: usize) -> bool {
    let Some(next) = words.get(k + 1) else {
        return false;
    };
    if next.is_any(SIGNING)
        || next.is_any(&[
            "also",
            "have",
            "has",
            "had",
            "then",
            "later",
            "jointly",
            "together",
            "thereby",
            "subsequently",
            "finally",
        ])
        || next.punct
    {
        return false;
    }
    // A verb of its own must follow before the noun ("and the ministers
    // signed a memorandum"), else "and" joins noun phrases.
    if !words[k + 1..i]
        .iter()
        .any(|w| w.is_any(SIGNING) || w.is_any(&["was", "were", "has", "have", "had"]))
    {
        return false;
    }
    let mut j = k;
    while j > 0 {
        j -= 1;
        let w = &words[j];
        if w.is_any(&[";", ":", "when"]) || w.in_any(Class::ClauseOpener | Class::SayTell) {
            break;
        }
        // A ", and" before this one ends the clause this "and" is in:
        // in "..., and A and B concluded", the second "and" joins A and B.
        if w.is("and") && j > 0 && words[j - 1].is(",") {
            break;
        }
        if is_finite(words, j) {
            return true;
        }
    }
    false
}

/// A finite verb of the genre: "held", "discussed", "signed", "met".
fn is_finite(words: &[Word], j: usize) -> bool {
    let w = &words[j];
    if w.cap || w.punct {
        return false;
    }
    if w.is_any(&[
        "held",
        "met",
        "said",
        "made",
        "took",
        "gave",
        "began",
        "agreed",
        "is",
        "was",
        "were",
        "are",
        "has",
        "have",
        "had",
        "did",
        "went",
        "saw",
        "won",
        "set",
        "sent",
        "led",
        "paid",
        "meets",
        "holds",
        "says",
        "signs",
        "expires",
        "expire",
        "remains",
        "provides",
        "allows",
        "covers",
        "runs",
        "ends",
        "calls",
        "sets",
        "gives",
        "takes",
        "comes",
        "goes",
        "aims",
        "seeks",
        "requires",
        "envisages",
        "stipulates",
        "foresees",
    ]) || w.is_any(PAST_SIGNING)
    {
        return true;
    }
    // A past form after a noun, not an adjective before one: "the
    // presidents discussed", not "the newly created agency".
    w.lower.ends_with("ed")
        && w.lower.len() > 4
        && !w.lower.contains('-')
        && j > 0
        && !words[j - 1].is_any(&[
            "the", "a", "an", "newly", "jointly", "recently", "its", "their", "his", "her", "of",
            "and", "by", "is", "was", "were", "are", "be", "been", "being",
        ])
        && !words.get(j + 1).is_some_and(|n| {
            n.is_any(&["by", "to", "in", "at", "with", "on"]) && j + 1 < words.len()
        })
}

/// A date or time word at `k`: a weekday, a capitalized month, a year,
/// "today", "yesterday", "last", "next".
fn is_time_word(words: &[Word], k: usize) -> bool {
    let w = &words[k];
    w.is_any(&[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
        "tomorrow",
        "last",
        "next",
        "earlier",
        "later",
    ]) || (w.cap && dyad_model::month_number(w.lower).is_some() && w.lower.len() >= 3)
        || (w.lower.len() == 4 && w.lower.chars().all(|c| c.is_ascii_digit()))
}

/// Past a closing quotation mark or bracket right after the title.
fn skip_closing(words: &[Word], at: usize, end: usize) -> usize {
    let mut at = at;
    while at < end && words[at].is_any(&["\"", "”", "’", "'", ")", "»"]) {
        at += 1;
    }
    at
}

/// Past an aside that opens at `at` ("— whose duty it is ... —", "(...)" or
/// ", which ...,"): the index after it, or `at` when none opens there.
fn skip_aside(seg: &[Word], at: usize) -> usize {
    let Some(open) = seg.get(at) else {
        return at;
    };
    let close: &[&str] = if open.is_any(&["—", "–"]) {
        &["—", "–"]
    } else if open.is("(") {
        &[")"]
    } else if open.is(",") {
        &[","]
    } else {
        return at;
    };
    match seg[at + 1..].iter().position(|w| w.is_any(close)) {
        Some(p) => at + 1 + p + 1,
        None => at,
    }
}

/// How many words of `ws` a party name cut from it takes (see
/// [`phrase_party`] with `cut`).
fn name_len(ctx: &Ctx, ws: &[Word]) -> usize {
    let mut end = 0;
    for (k, w) in ws.iter().enumerate() {
        let next_cap = ws.get(k + 1).is_some_and(|n| n.cap);
        let joiner = w.is_any(&[
            "of", "for", "and", "the", "on", "de", "du", "des", "la", "von", "van", "al",
        ]);
        let ok = w.cap
            || w.is_any(GENERIC)
            || (k == 0 && w.is_any(&["the", "a", "an", "state-owned"]))
            || (joiner
                && next_cap
                // "on" can hang from the verb ("signed with Bulgaria on
                // Monday"); the parse tells.
                && !(k > 0 && w.is("on") && !inside_phrase(ctx, w, &ws[..k])));
        if !ok || w.punct {
            break;
        }
        end = k + 1;
    }
    end
}

/// Whether the parse attaches word `w` inside the phrase `before` (its chain
/// of heads reaches one of those words): "on" in "the Commission on Human
/// Rights" hangs from "Commission", but in "with Bulgaria on Monday" from
/// the verb, so the name ends before it. Without a parse, true.
fn inside_phrase(ctx: &Ctx, w: &Word, before: &[Word]) -> bool {
    let syn = &ctx.analysis.syntax;
    let (Some(first), Some(last)) = (before.first(), before.last()) else {
        return false;
    };
    let Some(mut i) = syn.token_at(w.span.start) else {
        return true;
    };
    let range = first.span.start..last.span.end;
    // Heads are followed a bounded number of steps: linear time on any input.
    for _ in 0..64 {
        let h = syn.tokens[i].head as usize;
        if h == i {
            return false;
        }
        if range.contains(&syn.tokens[h].span.start) {
            return true;
        }
        i = h;
    }
    false
}

/// Whether the "between" at `b` of the words after a title gives the
/// document's parties, not those of its content: "a contract to launch
/// flights between Hanoi and Budapest", "an agreement on trade between
/// the two countries".
fn between_is_parties(ctx: &Ctx, seg: &[Word], b: usize, parties: &[Party]) -> bool {
    // "a similar deal to one between Iran and China": another document.
    if b > 0 && seg[b - 1].is_any(&["one", "those", "that", "ones", "race", "talks", "meeting"]) {
        return false;
    }
    // "sealed after talks in New Delhi between ...": another event's.
    if seg[..b].iter().any(|w| {
        w.is_any(&[
            "after",
            "before",
            "during",
            "talks",
            "meeting",
            "negotiations",
            "conference",
            "summit",
        ])
    }) {
        return false;
    }
    // "The deal resulted from a race between ...": a verb of its own.
    if (0..b).any(|k| {
        is_finite(seg, k)
            && !seg[k].is_any(PAST_SIGNING)
            && !seg[k].is_any(&[
                "was", "were", "is", "are", "has", "have", "had", "reached", "agreed",
            ])
    }) {
        return false;
    }
    if b > 0
        && seg[b - 1].is_any(&[
            "flights",
            "flight",
            "route",
            "routes",
            "border",
            "borders",
            "link",
            "links",
            "connection",
            "connections",
            "pipeline",
            "railway",
            "road",
            "bridge",
            "line",
            "service",
            "services",
            "traffic",
            "travel",
            "transit",
            "shipments",
            "cargo",
        ])
    {
        return false;
    }
    // "to launch ... between Hanoi and Budapest": the infinitive's own
    // places.
    let places = !parties.is_empty()
        && parties.iter().all(|p| {
            ctx.analysis
                .entities
                .iter()
                .any(|e| Some(&e.id) == p.entity.as_ref() && e.kind == EntityKind::Place)
        });
    !places
        || !seg[..b]
            .windows(2)
            .any(|w| w[0].is("to") && !w[1].cap && !w[1].is_any(&["the", "a", "an"]) && !w[1].punct)
}

/// "the Kazakh Ministry of Transport and the Bulgarian Ministry of ..." ->
/// two parties; "the cities of Astana and Sofia" -> Astana, Sofia.
fn between(ctx: &Ctx, ws: &[Word]) -> (Vec<Party>, usize) {
    // The phrase ends at a stop word followed by a lowercase word, at
    // punctuation other than an apostrophe, or at "as well as".
    let mut end = ws.len();
    for (k, w) in ws.iter().enumerate() {
        let next_lower = ws.get(k + 1).is_some_and(|n| !n.cap);
        let enumeration = w.is("and") && ws.get(k + 1).is_some_and(|n| n.is_any(&["a", "an"]));
        // "Cyprus, Greece and Israel": a comma inside a list of names.
        let listed = w.is(",")
            && ws.get(k + 1).is_some_and(|n| n.cap)
            && ws[k + 1..]
                .iter()
                .take(8)
                .take_while(|x| x.cap || x.is_any(&[",", "and", "the", "of"]))
                .any(|x| x.is("and"));
        if (w.punct && !w.is("-") && !listed)
            || (w.is_any(STOP) && (next_lower || k + 1 == ws.len()))
            || (w.is_any(&["on", "in", "at", "last", "this"])
                && k + 1 < ws.len()
                && is_time_word(ws, k + 1))
            || (is_time_word(ws, k) && !w.cap)
            || w.is("between")
            || w.is_any(&["including", "such", "led", "comprising", "notably", "like"])
            || enumeration
        {
            end = k;
            break;
        }
    }
    let ws = &ws[..end];
    // Split at the "and" that starts a new party: before "the", a
    // determiner, or a mention that starts there.
    let ands: Vec<usize> = ws
        .iter()
        .enumerate()
        .filter(|(_, w)| w.is("and"))
        .map(|(k, _)| k)
        .collect();
    let split = ands
        .iter()
        .copied()
        .find(|&k| {
            ws.get(k + 1).is_some_and(|n| {
                n.is_any(&["the", "a", "an"])
                    || mention_at(ctx, n.span.start).is_some_and(|(_, inside)| !inside)
                        && mention_covering(ctx, ws[k].span.start).is_none()
            })
        })
        // Else the first "and" that does not join two capitalized words of
        // one unknown name ("Organization for Economic Cooperation and
        // Development").
        .or(ands
            .iter()
            .copied()
            .find(|&k| k == 0 || !ws[k - 1].cap || !ws.get(k + 1).is_some_and(|n| n.cap)));
    let Some(k) = split else {
        return (Vec::new(), end);
    };
    let (left, right) = (&ws[..k], &ws[k + 1..]);
    // "the cities of A and B": the shared head applies to both.
    let shared = left.iter().position(|w| w.is("of")).filter(|&o| {
        left[..o].iter().all(|w| {
            w.is_any(&[
                "the",
                "cities",
                "city",
                "towns",
                "regions",
                "municipalities",
                "provinces",
            ])
        }) && o > 0
    });
    let left = match shared {
        Some(o) => &left[o + 1..],
        None => left,
    };
    // "between Cyprus, Greece and Israel": a list before the last "and".
    let mut sides: Vec<&[Word]> = Vec::new();
    if shared.is_none() && left.iter().any(|w| w.is(",")) {
        let mut rest = left;
        while let Some(c) = rest.iter().position(|w| w.is(",")) {
            sides.push(&rest[..c]);
            rest = &rest[c + 1..];
        }
        sides.push(rest);
    } else {
        sides.push(left);
    }
    sides.push(right);
    // A person signs for a country ("Nigerian Finance Minister Chu
    // Okongwu").
    let parties = sides
        .into_iter()
        .filter_map(|p| phrase_party(ctx, p, false))
        .map(|p| {
            let person = p.entity.as_ref().and_then(|id| {
                ctx.analysis
                    .entities
                    .iter()
                    .find(|e| &e.id == id && e.kind == EntityKind::Person)
            });
            // An office holder the gazetteer does not know ("Finance
            // Minister Chu Okongwu" after "Nigerian") stands for the
            // country too.
            let office = p.entity.is_none()
                && p.name.split_whitespace().take(3).any(|w| {
                    [
                        "minister",
                        "president",
                        "premier",
                        "secretary",
                        "ambassador",
                        "chancellor",
                        "king",
                        "queen",
                        "prince",
                        "emir",
                        "sheikh",
                        "governor",
                        "mayor",
                        "envoy",
                        "chairman",
                    ]
                    .contains(&w.to_ascii_lowercase().as_str())
                });
            match person
                .and_then(|e| e.country)
                .or(p.country.filter(|_| office))
            {
                Some(c) => country_party(ctx, c),
                None => p,
            }
        })
        .collect();
    (parties, end)
}

/// The mention starting at byte `at`: (form, whether inside a longer one).
fn mention_at(ctx: &Ctx, at: usize) -> Option<(MentionForm, bool)> {
    let ms = &ctx.analysis.mentions;
    let i = ms.partition_point(|m| m.span.start < at);
    let m = ms.get(i).filter(|m| m.span.start == at)?;
    Some((
        m.form,
        mention_covering(ctx, at).is_some_and(|c| c.start < at),
    ))
}

/// The longest mention covering byte `at`.
fn mention_covering(ctx: &Ctx, at: usize) -> Option<ByteSpan> {
    // Back from `at` as far as a mention can reach it; of equally long
    // ones the last in text order, met first going back.
    let all = &ctx.analysis.mentions;
    let upto = all.partition_point(|m| m.span.start <= at);
    let mut best: Option<ByteSpan> = None;
    for j in (0..upto).rev().take_while(|&j| ctx.reach[j] > at) {
        let s = all[j].span;
        if at < s.end && best.is_none_or(|b| s.len() > b.len()) {
            best = Some(s);
        }
    }
    best
}

/// A party from a noun phrase: its name (determiners, a leading country
/// adjective or possessive, and an "under ..." tail dropped), the entity it
/// names, and its country.
fn phrase_party(ctx: &Ctx, ws: &[Word], cut: bool) -> Option<Party> {
    let mut ws = ws;
    // "Japanese rival Nissan Motor", "Scottish club Rangers": a country
    // adjective and a common noun describing the name that follows.
    let mut described: Option<CountryCode> = None;
    if cut {
        let lead = usize::from(ws.first().is_some_and(|w| w.is_any(&["the", "a", "an"])));
        let adj = ws.get(lead).and_then(|w| {
            ctx.mentions_at(w.span.start).iter().find_map(|m| {
                (m.span.start == w.span.start && m.form == MentionForm::Adjective)
                    .then(|| ctx.analysis.entities.get(m.entity))
                    .flatten()
                    .filter(|e| e.kind == EntityKind::Country)
                    .and_then(|e| e.country)
            })
        });
        if let Some(c) = adj {
            let nouns = ws[lead + 1..]
                .iter()
                .take_while(|w| !w.cap && !w.punct && !w.is_any(STOP) && !w.is_any(GENERIC))
                .count();
            if (1..=3).contains(&nouns) && ws.get(lead + 1 + nouns).is_some_and(|w| w.cap) {
                ws = &ws[lead + 1 + nouns..];
                described = Some(c);
            }
        }
    }
    if cut {
        // A name: capitalized words, joined by "of", "for", "and", "the"
        // before a capitalized word, with generic heads ("the government of
        // Syria", "the Syrian government").
        ws = &ws[..name_len(ctx, ws)];
    }
    if ws.is_empty() {
        return None;
    }
    let full = ByteSpan::new(ws[0].span.start, ws[ws.len() - 1].span.end);
    let mentions = ctx.analysis.mentions_in(full);
    // Country: the first mention in the full phrase that has one; the
    // organization or place heading the phrase first.
    let country_of =
        |m: &dyad_model::Mention| ctx.analysis.entities.get(m.entity).and_then(|e| e.country);
    let head = mentions
        .iter()
        .filter(|m| {
            ctx.analysis.entities.get(m.entity).is_some_and(|e| {
                matches!(
                    e.kind,
                    EntityKind::Organization | EntityKind::Place | EntityKind::Person
                )
            })
        })
        .max_by_key(|m| m.span.len());
    // Name: drop determiners, leading country adjectives / possessives.
    let mut start = 0;
    while start < ws.len() {
        let w = &ws[start];
        let is_country_mod = mentions.iter().any(|m| {
            m.span.start == w.span.start
                && matches!(m.form, MentionForm::Adjective | MentionForm::Possessive)
                && ctx
                    .analysis
                    .entities
                    .get(m.entity)
                    .is_some_and(|e| e.kind == EntityKind::Country)
        });
        if w.is_any(&["the", "a", "an", "state-owned", "state"])
            || (is_country_mod && start + 1 < ws.len())
        {
            start += 1;
        } else {
            break;
        }
    }
    let mut end = ws.len();
    if let Some(u) = ws[start..].iter().position(|w| w.is_any(&["under", "("])) {
        if u > 0 {
            end = start + u;
        }
    }
    // A name ends at a lowercase word that does not lead to another
    // capitalized one: "Cyprus would cross ...", but "the group Mercosur".
    if let Some(u) = ws[start..end].iter().enumerate().position(|(k, w)| {
        k > 0
            && !w.cap
            && !w.is_any(&["of", "for", "and", "the", "de", "on", "-"])
            && !w.is_any(GENERIC)
            && !ws.get(start + k + 1).is_some_and(|n| n.cap)
    }) {
        end = start + u;
    }
    let ws_name = &ws[start..end];
    if ws_name.is_empty() {
        return None;
    }
    // "the Syrian government", "the government of Syria": the country.
    let generic_only = ws_name.iter().all(|w| {
        w.is_any(GENERIC)
            || w.is_any(&["of", "the", "republic", "kingdom", "federation"])
            || w.cap
                && w.span.start >= ws_name[0].span.start
                && mentions.iter().any(|m| {
                    m.span.contains(w.span)
                        && ctx
                            .analysis
                            .entities
                            .get(m.entity)
                            .is_some_and(|e| e.kind == EntityKind::Country)
                })
    });
    let country_mention = mentions.iter().find(|m| {
        ctx.analysis
            .entities
            .get(m.entity)
            .is_some_and(|e| e.kind == EntityKind::Country)
    });
    if let Some(cm) =
        country_mention.filter(|_| generic_only && ws.iter().any(|w| w.is_any(GENERIC)))
    {
        if let Some(e) = ctx.analysis.entities.get(cm.entity) {
            return Some(Party {
                name: e.name.clone(),
                entity: Some(e.id.clone()),
                country: e.country,
            });
        }
    }
    let name_span = ByteSpan::new(ws_name[0].span.start, ws_name[ws_name.len() - 1].span.end);
    let mut name = name_span.slice(ctx.text).to_string();
    if let Some(stem) = name.strip_suffix("'s").or_else(|| name.strip_suffix("’s")) {
        name = stem.to_string();
    }
    // A phrase of lowercase words only names nobody.
    if !ws_name.iter().any(|w| w.cap) && head.is_none() {
        return None;
    }
    let entity = head
        .filter(|m| {
            let inter = m
                .span
                .end
                .min(name_span.end)
                .saturating_sub(m.span.start.max(name_span.start));
            inter * 5 >= name_span.len() * 3
        })
        .or_else(|| mentions.iter().find(|m| m.span.start == name_span.start))
        .and_then(|m| ctx.analysis.entities.get(m.entity));
    let country = entity
        .and_then(|e| e.country)
        .or_else(|| mentions.iter().find_map(country_of))
        .or(described);
    Some(Party {
        name,
        entity: entity.map(|e| e.id.clone()),
        country,
    })
}

/// The party a possessive word names ("Turkey's").
fn party_for_word(ctx: &Ctx, w: &Word) -> Option<Party> {
    let m = ctx
        .analysis
        .mentions
        .iter()
        .find(|m| m.span.overlaps(w.span))?;
    let e = ctx.analysis.entities.get(m.entity)?;
    if e.kind == EntityKind::Place {
        return None;
    }
    Some(Party {
        name: e.name.clone(),
        entity: Some(e.id.clone()),
        country: e.country,
    })
}

/// The subject of the clause that holds the agreement noun at `i`: the first
/// named entity of the sentence (or of the clause after "that"), not a place.
fn clause_subject(ctx: &Ctx, words: &[Word], from: usize, i: usize) -> Option<Party> {
    clause_subject_known(ctx, words, from, i)
        .or_else(|| leading_name(ctx, words, from, i))
        .or_else(|| {
            let relative = from >= 1 && words[from - 1].is_any(&["which", "who", "that"]);
            (from > 1 && !relative)
                .then(|| leading_name(ctx, words, 0, from - 1))
                .flatten()
        })
}

/// "Lockheed said it had signed ...": a name the gazetteer does not know,
/// heading the clause right before its verb, and written capitalized
/// inside some sentence of the document too (so not a sentence's first
/// common word).
fn leading_name(ctx: &Ctx, words: &[Word], from: usize, i: usize) -> Option<Party> {
    // After an introductory phrase: "Last month, Tatramat said ...".
    let from = words[from..i.min(words.len())]
        .iter()
        .rposition(|w| w.is(","))
        .map_or(from, |c| from + c + 1);
    let mut k = from;
    if words.get(k).is_some_and(|w| w.is("the")) {
        k += 1;
    }
    let start = k;
    while k < i && k - start < 5 && words[k].cap && !words[k].punct {
        k += 1;
    }
    if k == start || k > i {
        return None;
    }
    let next = words.get(k)?;
    let verb = next.is_any(SIGNING)
        || next.is_a(Class::Say)
        || next.is_any(&["has", "had", "have", "also", "announced", "on", "today"]);
    if !verb || (start..k).any(|j| is_time_word(words, j)) {
        return None;
    }
    let name = ByteSpan::new(words[start].span.start, words[k - 1].span.end).slice(ctx.text);
    let mid_sentence = ctx.text.match_indices(name).any(|(at, _)| {
        ctx.text[..at]
            .trim_end()
            .chars()
            .next_back()
            .is_some_and(|c| c.is_lowercase() || c == ',')
    });
    if !mid_sentence {
        return None;
    }
    // "Washington signed ...": a capital for its country; other places
    // sign nothing here.
    let span = ByteSpan::new(words[start].span.start, words[k - 1].span.end);
    if let Some(e) = ctx.analysis.mentions_in(span).iter().find_map(|m| {
        ctx.analysis
            .entities
            .get(m.entity)
            .filter(|e| e.kind == EntityKind::Place)
    }) {
        return e.country.map(|c| country_party(ctx, c));
    }
    unknown_name(ctx, &words[from..k])
}

fn clause_subject_known(ctx: &Ctx, words: &[Word], from: usize, i: usize) -> Option<Party> {
    // The reported clause's subject, else the speaker's ("the SDF said, an
    // agreement has been reached with ...").
    // A relative clause ("debtor countries which reached agreements",
    // "Eni, which signed a contract"): the antecedent right before the
    // pronoun, or nobody.
    if from >= 1 && words[from - 1].is_any(&["which", "who", "that"]) {
        if let Some(p) = subject_between(ctx, words, from, i) {
            return Some(p);
        }
        let mut a = from - 1;
        if a > 0 && words[a - 1].is(",") {
            a -= 1;
        }
        let prev = a.checked_sub(1).map(|k| &words[k])?;
        let m = ctx
            .analysis
            .mentions
            .iter()
            .filter(|m| m.span.end == prev.span.end && m.form != MentionForm::Adjective)
            .max_by_key(|m| m.span.len())?;
        let e = ctx.analysis.entities.get(m.entity)?;
        return match e.kind {
            EntityKind::Person => e.country.map(|c| country_party(ctx, c)),
            EntityKind::Place | EntityKind::Other => None,
            _ => Some(Party {
                name: e.name.clone(),
                entity: Some(e.id.clone()),
                country: e.country,
            }),
        };
    }
    subject_between(ctx, words, from, i).or_else(|| {
        // The words before the clause's verb.
        let verb = words[from..i]
            .iter()
            .position(|w| {
                w.is_any(SIGNING) || w.is_any(&["has", "have", "had", "was", "were", "is", "are"])
            })
            .map_or(i, |v| from + v);
        let own = words[from..verb].iter().any(|w| {
            !w.punct
                && !w.cap
                && !w.is_any(NOT_TITLE)
                && !w.is_any(SIGNING)
                && !w.is_any(&[
                    "it",
                    "they",
                    "we",
                    "he",
                    "she",
                    "has",
                    "have",
                    "had",
                    "was",
                    "were",
                    "is",
                    "are",
                    "been",
                    "be",
                    "being",
                    "also",
                    "jointly",
                    "formally",
                    "officially",
                    "already",
                    "now",
                    "then",
                    "reportedly",
                    "finally",
                ])
                && !w.lower.ends_with("ly")
        });
        (from > 0 && !own)
            .then(|| subject_between(ctx, words, 0, from - 1))
            .flatten()
    })
}

fn subject_between(ctx: &Ctx, words: &[Word], from: usize, i: usize) -> Option<Party> {
    if from >= i {
        return None;
    }
    let span = ByteSpan::new(words.get(from)?.span.start, words[i].span.start);
    for m in ctx.analysis.mentions_in(span) {
        let Some(e) = ctx.analysis.entities.get(m.entity) else {
            continue;
        };
        if e.kind == EntityKind::Place || m.form == MentionForm::Dateline {
            continue;
        }
        // After a preposition the mention is not the subject.
        let k = word_at(words, m.span.start);
        if k > 0 && words[k - 1].is_any(&["in", "with", "by", "to", "of", "from", "on", "at"]) {
            continue;
        }
        if m.form == MentionForm::Adjective {
            // "Kazakh Minister X": the mention after it is the party.
            continue;
        }
        // "US oil giant Exxon": the country modifies the company.
        if e.kind == EntityKind::Country {
            let Some(last) = words.last() else { continue };
            let ahead_end = words
                .get(word_at(words, m.span.end) + 3)
                .map_or(last.span.end, |w| w.span.end)
                .max(m.span.end);
            let ahead = ByteSpan::new(m.span.end, ahead_end);
            let modifies = ctx.analysis.mentions_in(ahead).iter().any(|n| {
                ctx.analysis.entities.get(n.entity).is_some_and(|x| {
                    matches!(x.kind, EntityKind::Organization | EntityKind::Person)
                }) && !words
                    .get(word_at(words, m.span.end)..word_at(words, n.span.start))
                    .unwrap_or(&[])
                    .iter()
                    .any(|w| {
                        w.punct
                            || !w.cap
                                && !w.is_any(&[
                                    "oil", "giant", "firm", "company", "group", "miner", "carrier",
                                    "bank", "lender",
                                ])
                    })
            });
            if modifies {
                continue;
            }
        }
        let wk = &words[k];
        let ws_end = word_at(words, m.span.end);
        let phrase = &words[k..ws_end.max(k + 1)];
        // A signatory stands for its country.
        if e.kind == EntityKind::Person {
            if let Some(c) = e.country {
                return Some(country_party(ctx, c));
            }
        }
        return phrase_party(ctx, phrase, false)
            .map(|p| Party {
                name: if e.kind == EntityKind::Person || e.kind == EntityKind::Country {
                    e.name.clone()
                } else {
                    p.name
                },
                entity: Some(e.id.clone()),
                country: e.country.or(p.country),
            })
            .or_else(|| party_for_word(ctx, wk));
    }
    None
}

/// "the Italian company Eni and the State Oil Company of Azerbaijan
/// Republic (SOCAR) signed a contract": the two signatories of a subject
/// coordinated by "and" before a signing verb, when at least one of them is
/// an organization (a company, ministry, chamber, university or city). A
/// person stands for its country. `None` when the subject is not two named
/// parties.
fn coordinated_subject(
    ctx: &Ctx,
    words: &[Word],
    from: usize,
    i: usize,
    kind: AgreementType,
) -> Option<Vec<Party>> {
    let verb = (from..i).rev().find(|&k| words[k].is_any(SIGNING))?;
    // A leading time: "on Sunday Presidents X and Y signed".
    let start = from;
    let mut from = from;
    while from < verb {
        if is_time_word(words, from) {
            from += 1;
        } else if words[from].is_any(&["on", "in", "at", "last", "this", "next", "early", "late"])
            && from + 1 < verb
            && is_time_word(words, from + 1)
        {
            from += 2;
        } else {
            break;
        }
    }
    // Only determiners, adjectives and the like between verb and noun:
    // "signed a contract", "signed a memorandum of understanding".
    // Or a list of documents: "signed an agreement on X, and a roadmap".
    let listed = words[verb + 1..i]
        .iter()
        .any(|w| NOUNS.iter().any(|(n, _)| *n == w.lower));
    if !listed
        && words[verb + 1..i]
            .iter()
            .any(|w| (w.punct && !w.is("$")) || w.is_any(STOP))
    {
        return None;
    }
    let mut end = verb;
    while end > from
        && (words[end - 1].is_any(&[
            "have",
            "has",
            "had",
            "also",
            "jointly",
            "formally",
            "officially",
            "today",
            "yesterday",
            "on",
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
        ]) || (words[end - 1].lower.ends_with("ly") && !words[end - 1].cap))
    {
        end -= 1;
    }
    // After an introductory phrase ("After the talks, X and Y signed"),
    // else the whole clause ("Eni, Italy's largest company, and SOCAR").
    let comma = words[from..end]
        .iter()
        .rposition(|w| w.is(","))
        .map(|c| from + c + 1);
    // An introductory phrase opens with a preposition or an adverb; a
    // name before the comma is an enumeration ("Argentina, Peru and
    // Ecuador").
    let intro = from > start
        || words
            .get(from)
            .is_some_and(|w| w.lower.starts_with(|c: char| c.is_ascii_digit()))
        || words.get(from).is_some_and(|w| {
            w.is_any(&[
                "after",
                "following",
                "meanwhile",
                "on",
                "in",
                "at",
                "during",
                "later",
                "earlier",
                "separately",
                "also",
                "today",
                "yesterday",
                "additionally",
                "furthermore",
                "moreover",
                "besides",
                "since",
                "as",
                "under",
                "with",
                "within",
                "upon",
                "before",
                "by",
            ]) || (w.lower.ends_with("ly") && !w.cap)
        });
    if let Some(c) = comma.filter(|&c| c < end && intro) {
        if let Some(both) = coordinated_in(ctx, &words[c..end], kind) {
            return Some(both);
        }
    }
    coordinated_in(ctx, &words[from..end], kind)
}

/// The two signatories of a subject phrase coordinated by "and".
fn coordinated_in(ctx: &Ctx, subj: &[Word], kind: AgreementType) -> Option<Vec<Party>> {
    let mut subj = subj;
    // "The mayors of Tashkent and Budapest signed": the two cities; so are
    // "Shymkent and Plovdiv" signing a sister city agreement.
    let mut cities = kind == AgreementType::SisterCities;
    if let Some(k) = subj
        .iter()
        .take(3)
        .position(|w| w.is_any(&["mayors", "cities", "municipalities", "city", "towns"]))
    {
        if subj.get(k + 1).is_some_and(|w| w.is("of")) {
            subj = &subj[k + 2..];
            cities = true;
        }
    }
    // The "and" that joins the two parties lies inside no name.
    let mut found = None;
    for (a, w) in subj.iter().enumerate() {
        if !w.is("and") || a == 0 || a + 1 >= subj.len() {
            continue;
        }
        if mention_covering(ctx, w.span.start).is_some() {
            continue;
        }
        if found.is_some() {
            // Three or more signatories: left to other rules.
            return None;
        }
        found = Some(a);
    }
    let a = found?;
    if let Some(both) = adjective_pair(ctx, subj, a) {
        return Some(both);
    }
    let left = side_party(ctx, &subj[..a], cities)?;
    let right = side_party(ctx, &subj[a + 1..], cities)?;
    // Two sides of one country ("the Kazakh government and the Kazakh
    // parliament") are no signing pair unless named apart.
    if party_key(&left.0) == party_key(&right.0)
        && (left.0.name == right.0.name || !(left.1 || right.1))
    {
        return None;
    }
    Some(vec![left.0, right.0])
}

/// Two country mentions joined by "-", "–" or "/" around the title or in
/// its subject: "U.S.-Japan agreement", "on China-UK tourism".
fn hyphen_pair(ctx: &Ctx, words: &[Word], t0: usize, end: usize) -> Option<Vec<Party>> {
    let from = words.get(t0.saturating_sub(3))?.span.start;
    let to = words.get(end.saturating_sub(1))?.span.end;
    let ms: Vec<_> = ctx
        .analysis
        .mentions_in(ByteSpan::new(from, to))
        .iter()
        .filter_map(|m| {
            let e = ctx.analysis.entities.get(m.entity)?;
            // Countries, and bodies of none ("the U.S./ASEAN memorandum").
            let party = match (e.kind, e.country) {
                (EntityKind::Country, Some(c)) => country_party(ctx, c),
                (EntityKind::Organization, None) => Party {
                    name: e.name.clone(),
                    entity: Some(e.id.clone()),
                    country: None,
                },
                _ => return None,
            };
            Some((m.span, party))
        })
        .collect();
    ms.windows(2).find_map(|w| {
        let gap = ctx.text.get(w[0].0.end..w[1].0.start)?;
        (matches!(gap, "-" | "–" | "/") && party_key(&w[0].1) != party_key(&w[1].1))
            .then(|| vec![w[0].1.clone(), w[1].1.clone()])
    })
}

/// Whether a relative clause stating a document's terms starts at word
/// `k`: "under which", "by which", "whereby".
fn terms_clause_at(words: &[Word], k: usize) -> bool {
    words[k].is("whereby")
        || words[k].is_any(&["under", "by"]) && words.get(k + 1).is_some_and(|w| w.is("which"))
}

/// The two sides of a document's terms stated in a relative clause right
/// after it: "a contract under which Sonatrach will supply Enel with gas",
/// "a deal whereby Petrobras buys crude from Angola".
fn terms_parties(ctx: &Ctx, seg: &[Word]) -> Option<Vec<Party>> {
    let (c, v) = terms_verb(seg)?;
    let mut subj_end = v;
    while subj_end > c && seg[subj_end - 1].is_a(Class::Modal) {
        subj_end -= 1;
    }
    if subj_end == c || seg[c..subj_end].iter().any(|w| w.punct) {
        return None;
    }
    let first = phrase_party(ctx, &seg[c..subj_end], true)?;
    let buying = seg[v].lower.starts_with("buy")
        || seg[v].lower.starts_with("purchase")
        || seg[v].lower.starts_with("import");
    let rest = &seg[v + 1..];
    let rest = &rest[..rest
        .iter()
        .position(|w| (w.punct && !w.is_any(&["-", "$"])) || w.is_any(&["which", "while", "but"]))
        .unwrap_or(rest.len())];
    // "supply Enel with gas": the receiver right after the verb; else
    // "supply gas to Italy", "buy crude from Angola".
    let second = if !buying && rest.first().is_some_and(|w| w.cap) {
        phrase_party(ctx, rest, true)
    } else {
        let prep = if buying { "from" } else { "to" };
        let p = rest.iter().position(|w| w.is(prep))?;
        rest.get(p + 1..)
            .filter(|ph| ph.iter().take(3).any(|w| w.cap))
            .and_then(|ph| phrase_party(ctx, ph, true))
    }?;
    (party_key(&first) != party_key(&second)).then(|| vec![first, second])
}

/// The terms clause right after a document ([`terms_clause_at`]): the
/// index of its first word after "which"/"whereby" and of its verb.
fn terms_verb(seg: &[Word]) -> Option<(usize, usize)> {
    let r = (0..seg.len().min(6)).find(|&k| terms_clause_at(seg, k))?;
    let c = if seg[r].is("whereby") { r + 1 } else { r + 2 };
    let v = (c..seg.len().min(c + 8)).find(|&k| {
        seg[k].is_any(&[
            "supply",
            "supplies",
            "provide",
            "provides",
            "deliver",
            "delivers",
            "sell",
            "sells",
            "buy",
            "buys",
            "purchase",
            "purchases",
            "import",
            "imports",
            "export",
            "exports",
            "build",
            "builds",
            "finance",
            "finances",
            "lend",
            "lends",
            "ship",
            "ships",
        ])
    })?;
    Some((c, v))
}

/// The subject a terms clause states: its verb and what follows, to the
/// end of the phrase ("supply Enel with 2 billion cubic metres of gas").
fn terms_subject(ctx: &Ctx, seg: &[Word]) -> Option<String> {
    let (_, v) = terms_verb(seg)?;
    let rest = &seg[v..];
    let end = rest
        .iter()
        .position(|w| {
            (w.punct && !w.is_any(&["-", "$", "’", "'"])) || w.is_any(&["which", "while", "but"])
        })
        .unwrap_or(rest.len());
    let rest = &rest[..end];
    (rest.len() >= 2).then(|| {
        ByteSpan::new(rest[0].span.start, rest[rest.len() - 1].span.end)
            .slice(ctx.text)
            .to_string()
    })
}

/// The other side of a purchase or sale the document is for: "to buy
/// asbestos from Zimbabwe", "to supply 20 locomotives to Egypt".
fn trade_counterparty(ctx: &Ctx, seg: &[Word]) -> Option<Party> {
    let end = seg
        .iter()
        .enumerate()
        .position(|(k, w)| {
            (w.punct && !w.is_any(&["-", "$", "’", "'"]) && !thousands(seg, k))
                || w.is_any(&["which", "while", "but"])
        })
        .unwrap_or(seg.len());
    let seg = &seg[..end];
    let v = seg.iter().take(3).position(|w| {
        w.is_any(&[
            "buy",
            "purchase",
            "acquire",
            "import",
            "sell",
            "supply",
            "export",
            "deliver",
            "provide",
            "lease",
            "cooperate",
            "co-operate",
            "partner",
            "work",
        ])
    })?;
    let buying = seg[v].is_any(&["buy", "purchase", "acquire", "import", "lease"]);
    let prep = if seg[v].is_any(&["cooperate", "co-operate", "partner", "work"]) {
        "with"
    } else if buying {
        "from"
    } else {
        "to"
    };
    let Some(p) = seg[v + 1..]
        .iter()
        .position(|w| w.is(prep))
        .map(|p| p + v + 1)
    else {
        // "to import Venezuelan fuel": the goods' country.
        return seg[v + 1..].iter().take(4).find_map(|w| {
            ctx.mentions_at(w.span.start).iter().find_map(|m| {
                (m.span.start == w.span.start && m.form == MentionForm::Adjective && buying)
                    .then(|| ctx.analysis.entities.get(m.entity))
                    .flatten()
                    .filter(|e| e.kind == EntityKind::Country)
                    .and_then(|e| e.country)
                    .map(|c| country_party(ctx, c))
            })
        });
    };
    let phrase = &seg[p + 1..];
    // A name must follow: "to Egypt", "from Avions de Transport Regional".
    if !phrase.iter().take(3).any(|w| w.cap) {
        return None;
    }
    let party = phrase_party(ctx, phrase, true)?;
    // A place is where, not who.
    let place = party.entity.as_ref().is_some_and(|id| {
        ctx.analysis
            .entities
            .iter()
            .any(|e| &e.id == id && e.kind == EntityKind::Place)
    });
    (!place).then_some(party)
}

/// "Indian and Australian businessmen", "the Kazakh and Bulgarian
/// ministers": two country adjectives sharing one head, as the two
/// countries.
fn adjective_pair(ctx: &Ctx, subj: &[Word], a: usize) -> Option<Vec<Party>> {
    let adj = |w: &Word| {
        ctx.mentions_at(w.span.start).iter().find_map(|m| {
            (m.span.start == w.span.start && m.form == MentionForm::Adjective)
                .then(|| ctx.analysis.entities.get(m.entity))
                .flatten()
                .filter(|e| e.kind == EntityKind::Country)
                .and_then(|e| e.country)
        })
    };
    let left = subj[..a]
        .iter()
        .rev()
        .find(|w| !w.is_any(&["the", "both"]))?;
    if subj[..a]
        .iter()
        .filter(|w| !w.is_any(&["the", "both"]))
        .count()
        != 1
    {
        return None;
    }
    let l = adj(left)?;
    let r = adj(subj.get(a + 1)?)?;
    // The shared head follows: lowercase words only.
    let rest = &subj[a + 2..];
    if rest.is_empty() || rest.iter().any(|w| w.cap || w.punct) || l == r {
        return None;
    }
    Some(vec![country_party(ctx, l), country_party(ctx, r)])
}

/// The party one side of a coordinated subject names: its longest named
/// mention (not a place, an adjective or a dateline), and whether that is
/// an organization.
fn side_party(ctx: &Ctx, ws: &[Word], cities: bool) -> Option<(Party, bool)> {
    // "Venezuela, Chile and the Philippines": three or more, left to other
    // rules (a comma inside a name's parentheses aside).
    if ws.iter().any(|w| w.is(",")) && !ws.iter().any(|w| w.is("(")) {
        return None;
    }
    let first = ws.first()?;
    let last = ws.last()?;
    let span = ByteSpan::new(first.span.start, last.span.end);
    let m = ctx
        .analysis
        .mentions_in(span)
        .iter()
        .filter(|m| !matches!(m.form, MentionForm::Adjective | MentionForm::Dateline))
        .filter(|m| {
            ctx.analysis
                .entities
                .get(m.entity)
                .is_some_and(|e| (e.kind == EntityKind::Place) == cities)
        })
        // "Kazakhstan's KazMunayGas": the company, not its country.
        .max_by_key(|m| {
            let country = ctx
                .analysis
                .entities
                .get(m.entity)
                .is_some_and(|e| e.kind == EntityKind::Country);
            (!country, m.span.len())
        });
    let Some(m) = m else {
        // "the Polish company PKP Cargo" unknown to the gazetteer: the
        // capitalized name that ends the phrase, as an organization, with
        // the country of an adjective before it.
        if cities {
            return None;
        }
        // "Washington and Tokyo signed": a capital alone stands for its
        // country.
        let bare: Vec<&Word> = ws.iter().filter(|w| !w.is_any(&["the"])).collect();
        let place = ctx.analysis.mentions_in(span).iter().find_map(|m| {
            let e = ctx.analysis.entities.get(m.entity)?;
            let whole = bare.first().is_some_and(|f| f.span.start == m.span.start)
                && bare.last().is_some_and(|l| l.span.end == m.span.end);
            (e.kind == EntityKind::Place && whole && m.form == MentionForm::Name)
                .then_some(e.country)
                .flatten()
        });
        if let Some(c) = place {
            return Some((country_party(ctx, c), false));
        }
        return unknown_name(ctx, ws).map(|p| (p, true));
    };
    let e = ctx.analysis.entities.get(m.entity)?;
    // "the National Iranian Oil Company": a country inside an
    // organization's own name says its country (a city does not: "the
    // Shanghai Cooperation Organisation").
    let inner = (e.kind == EntityKind::Organization)
        .then(|| {
            ctx.analysis.mentions_in(m.span).iter().find_map(|n| {
                ctx.analysis
                    .entities
                    .get(n.entity)
                    .filter(|x| x.id != e.id)
                    .filter(|x| x.kind == EntityKind::Country)
                    .and_then(|x| x.country)
            })
        })
        .flatten();
    let country = inner.or(e.country);
    // The mention must carry the phrase: "the Italian energy company Eni",
    // not "officials from Eni".
    let k = word_at(ws, m.span.start);
    // "Prime Minister Anibal Cavaco Silva of Portugal": a named person (or
    // office) of a country.
    let person_of = e.kind == EntityKind::Country
        && k >= 2
        && ws[k - 1].is("of")
        && ws[k - 2].cap
        && ws[..k - 1].iter().all(|w| w.cap || w.is_any(&["the", "-"]));
    if !person_of
        && ws[..k]
            .iter()
            .any(|w| w.punct || w.is_any(&["of", "from", "with", "by", "in", "for", "to"]))
    {
        return None;
    }
    match e.kind {
        EntityKind::Person => Some((country_party(ctx, e.country?), false)),
        EntityKind::Place => Some((
            Party {
                name: e.name.clone(),
                entity: Some(e.id.clone()),
                country,
            },
            true,
        )),
        EntityKind::Organization => Some((
            Party {
                name: e.name.clone(),
                entity: Some(e.id.clone()),
                country,
            },
            true,
        )),
        _ => Some((
            Party {
                name: e.name.clone(),
                entity: Some(e.id.clone()),
                country,
            },
            false,
        )),
    }
}

/// Offices and generic heads: not names of signatories.
const ROLES: &[&str] = &[
    "president",
    "presidents",
    "prime",
    "minister",
    "ministers",
    "king",
    "queen",
    "prince",
    "chancellor",
    "secretary",
    "foreign",
    "deputy",
    "vice",
    "first",
    "leader",
    "leaders",
    "head",
    "heads",
    "chairman",
    "emir",
    "sheikh",
    "mayor",
    "governor",
    "ambassador",
    "envoy",
    "government",
    "governments",
    "state",
    "states",
    "general",
    "meanwhile",
    "also",
    "earlier",
    "later",
    "separately",
];

/// "the Polish company PKP Cargo", "the Georgian Railway": a name the
/// gazetteer does not know, as the run of capitalized words that ends the
/// phrase, after nothing but determiners, adjectives and common nouns.
fn unknown_name(ctx: &Ctx, ws: &[Word]) -> Option<Party> {
    let mut start = ws.len();
    while start > 0 {
        let w = &ws[start - 1];
        let joins = w.is_any(&["of", "and", "for", "&", "-"])
            && start < ws.len()
            && start >= 2
            && ws[start - 2].cap;
        if (w.cap && !w.punct) || joins {
            start -= 1;
        } else {
            break;
        }
    }
    if start == ws.len()
        || ws[..start].iter().any(|w| {
            w.punct
                || w.is_any(&[
                    "of", "from", "with", "by", "in", "for", "to", "on", "at", "and",
                ])
        })
    {
        return None;
    }
    let name_ws = &ws[start..];
    // "the President and the Prime Minister": offices, not names.
    if name_ws
        .iter()
        .all(|w| w.is_any(ROLES) || w.is_any(&["of", "and", "for", "-"]))
    {
        return None;
    }
    let span = ByteSpan::new(name_ws[0].span.start, name_ws[name_ws.len() - 1].span.end);
    let country = ctx
        .analysis
        .mentions_in(ByteSpan::new(ws[0].span.start, span.end))
        .iter()
        .find_map(|m| {
            ctx.analysis
                .entities
                .get(m.entity)
                .filter(|e| e.kind == EntityKind::Country)
                .and_then(|e| e.country)
        });
    Some(Party {
        name: span.slice(ctx.text).to_string(),
        entity: None,
        country,
    })
}

/// "the two countries", "both sides", "they": the signatories as a group,
/// and whether the group is one of states (so the main pair must be two
/// countries) or of any sides.
fn collective_before(words: &[Word], i: usize) -> Option<bool> {
    // The group signs: a signing verb stands between it and the noun ("the
    // two sides signed a memorandum", not "the countries involved in the
    // accord").
    let verb = words[..i].iter().rposition(|w| w.is_any(SIGNING))?;
    let words = &words[..verb];
    let i = verb;
    let states = words[..i].windows(2).any(|w| {
        w[0].is_any(&["two", "both", "the"])
            && w[1].is_any(&[
                "leaders",
                "presidents",
                "countries",
                "ministers",
                "governments",
                "nations",
                "states",
                "heads",
            ])
    });
    if states {
        return Some(true);
    }
    let sides = words[..i].windows(2).any(|w| {
        w[0].is_any(&["two", "both", "the"]) && w[1].is_any(&["sides", "parties", "delegations"])
    }) || words.first().is_some_and(|w| w.is("they"));
    sides.then_some(false)
}

/// Whether the main pair can stand for a collective: two parties, both
/// countries when the group is one of states.
fn collective_fits(ctx: &Ctx, states: bool) -> bool {
    ctx.pair.len() == 2 && (!states || ctx.pair.iter().all(|p| p.country.is_some()))
}

/// A country as a party, named as its entity is (or by its code).
fn country_party(ctx: &Ctx, c: CountryCode) -> Party {
    let e = ctx
        .analysis
        .entities
        .iter()
        .find(|x| x.kind == EntityKind::Country && x.country == Some(c));
    Party {
        name: e.map_or_else(|| c.to_string(), |x| x.name.clone()),
        entity: Some(e.map_or_else(|| c.to_string(), |x| x.id.clone())),
        country: Some(c),
    }
}

/// What identifies a party for the main pair: its country, or for an
/// international organization its entity.
fn party_key(p: &Party) -> String {
    match (&p.country, &p.entity) {
        (Some(c), _) => c.to_string(),
        (None, Some(e)) => e.clone(),
        (None, None) => p.name.clone(),
    }
}

/// The subject a phrase right after the title (or its parties) gives:
/// "on the development of the Trans-Caspian International Transport Route
/// (TITR), also known as ..." -> "the development of the Trans-Caspian
/// International Transport Route"; "in the field of education",
/// "concerning", "regarding", "for the supply of", "to build a plant".
/// The subject ends with its noun phrase: before punctuation, a date ("on
/// Tuesday"), a place ("in Baku"), "between", "worth", a verb.
fn subject_of(ctx: &Ctx, seg: &[Word]) -> Option<String> {
    let start = seg.iter().take(2).enumerate().find_map(|(k, w)| {
        let next = seg.get(k + 1)?;
        if next.punct
            || is_time_word(seg, k + 1)
            || next.lower.starts_with(|c: char| c.is_ascii_digit())
        {
            return None;
        }
        // "in the field(s) / area / sphere of X", "in X" (not "in Baku").
        if w.is_any(&["in", "within"]) {
            let field = next.is("the")
                && seg.get(k + 2).is_some_and(|x| {
                    x.is_any(&[
                        "field",
                        "fields",
                        "area",
                        "areas",
                        "sphere",
                        "spheres",
                        "domain",
                        "framework",
                    ])
                })
                && seg.get(k + 3).is_some_and(|x| x.is("of"));
            return field.then_some(k + 4);
        }
        if w.is_any(&[
            "on",
            "for",
            "to",
            "regarding",
            "concerning",
            "covering",
            "about",
            "over",
        ]) {
            // "to" + a name is a party ("an agreement to Russia"), "for"
            // + a name a beneficiary.
            if next.cap && w.is_any(&["to", "for"]) && !next.is("the") {
                return None;
            }
            return Some(k + 1);
        }
        None
    })?;
    let rest = &seg[start.min(seg.len())..];
    let end = subject_end(rest);
    let mut rest = &rest[..end];
    // Drop a trailing "and" or determiner left by a cut.
    while rest.last().is_some_and(|w| {
        w.is_any(&[
            "and", "the", "a", "an", "of", "its", "their", "to", "for", "in",
        ])
    }) {
        rest = &rest[..rest.len() - 1];
    }
    if rest.is_empty() || rest.iter().all(|w| w.is_any(NOT_TITLE)) {
        return None;
    }
    let span = ByteSpan::new(rest[0].span.start, rest[rest.len() - 1].span.end);
    Some(span.slice(ctx.text).to_string())
}

/// The comma at `k` separates thousands: "15,000".
fn thousands(ws: &[Word], k: usize) -> bool {
    let digits = |w: &Word| !w.lower.is_empty() && w.lower.bytes().all(|b| b.is_ascii_digit());
    ws[k].is(",")
        && k > 0
        && digits(&ws[k - 1])
        && ws
            .get(k + 1)
            .is_some_and(|n| digits(n) && n.lower.len() == 3)
}

/// Where a subject phrase stops.
fn subject_end(rest: &[Word]) -> usize {
    rest.iter()
        .enumerate()
        .position(|(k, w)| {
            let next = rest.get(k + 1);
            (w.punct
                && !w.is_any(&["-", "$", "€", "£", "%", "’", "'", "/", "&", "+"])
                && !thousands(rest, k))
                || w.is_any(&[
                    "between",
                    "which",
                    "while",
                    "but",
                    "was",
                    "were",
                    "is",
                    "are",
                    "has",
                    "have",
                    "had",
                    "signed",
                    "worth",
                    "valued",
                    "estimated",
                    "that",
                    "during",
                    "after",
                    "before",
                    "when",
                    "amid",
                    "as",
                    "by",
                    "will",
                    "would",
                    "according",
                ])
                || (k > 0
                    && is_time_word(rest, k)
                    && rest[k - 1].is_any(&["on", "in", "at", "this", "of", "last", "next"]))
                || (w.is_any(&["on", "at"]) && next.is_some_and(|_| is_time_word(rest, k + 1)))
                || (w.is_any(&["in", "at"])
                    && next.is_some_and(|n| n.cap && !is_time_word(rest, k + 1))
                    && k > 0)
                || (w.is("and")
                    && next.is_some_and(|n| {
                        n.is_any(&["a", "an", "another", "signed", "also"])
                            || rest
                                .get(k + 2)
                                .is_some_and(|x| NOUNS.iter().any(|(h, _)| *h == x.lower))
                    }))
                || (w.is("with") && next.is_some_and(|n| n.cap || n.is("the")))
                || NOUNS.iter().any(|(h, _)| *h == w.lower)
                    && k > 0
                    && rest[k - 1].is_any(&["a", "an"])
        })
        .unwrap_or(rest.len())
}

/// "a free trade agreement" -> "free trade", "Turkey's $18.6bn loan
/// agreement" -> "loan", "a gas supply contract" -> "gas supply": the
/// modifiers of an unnamed title that say what it is about.
fn modifier_subject(ctx: &Ctx, words: &[Word], t0: usize, i: usize) -> Option<String> {
    let mods: Vec<&Word> = words[t0..i]
        .iter()
        .filter(|w| {
            // "the OPEC accord", "the Paris agreement": who or where.
            let named = ctx
                .analysis
                .mentions
                .iter()
                .any(|m| m.span.overlaps(w.span));
            // "a three-year accord", "the 1986 pact", "the February
            // accord": when, not what.
            let when = w.lower.contains("year")
                || w.lower.contains("month")
                || w.lower.starts_with(|c: char| c.is_ascii_digit())
                || w.cap && dyad_model::month_number(w.lower).is_some();
            !(w.is_any(NOT_TOPIC) || w.punct || named || when)
        })
        .collect();
    let first = mods.first()?;
    let last = mods.last()?;
    // A name's own words ("the Louvre accord") say nothing of the subject;
    // a named document's topic words do ("the International Natural Rubber
    // Agreement" -> "Natural Rubber").
    let named_topic = mods.len() >= 2 || mods.iter().all(|w| !w.cap);
    if !named_topic {
        return None;
    }
    Some(
        ByteSpan::new(first.span.start, last.span.end)
            .slice(ctx.text)
            .to_string(),
    )
}

/// Title modifiers that say nothing of the subject.
const NOT_TOPIC: &[&str] = &[
    "international",
    "comprehensive",
    "global",
    "general",
    "joint",
    "intergovernmental",
    "interstate",
    "interagency",
    "interdepartmental",
    "bilateral",
    "trilateral",
    "multilateral",
    "framework",
    "final",
    "interim",
    "preliminary",
    "sister",
    "city",
    "twin",
    "twinning",
    "cities",
    "separate",
    "historic",
    "landmark",
    "important",
    "key",
    "major",
    "new",
    "signed",
    "long-term",
    "binding",
    "legally",
    "legally-binding",
    "umbrella",
    "relevant",
    "corresponding",
    "respective",
    "official",
    "package",
    "understanding",
    "memorandum",
    "mou",
    "agreement",
    "million",
    "billion",
    "bn",
    "mln",
    "trillion",
];

/// "a 'letter of intent' stating its determination to push through
/// reforms to its tax system": the content a participle gives.
fn content_clause(ctx: &Ctx, seg: &[Word]) -> Option<String> {
    let at = seg.iter().take(3).position(|w| {
        w.is_any(&[
            "stating",
            "outlining",
            "setting",
            "laying",
            "committing",
            "pledging",
            "envisaging",
            "envisioning",
            "providing",
            "allowing",
            "enabling",
            "aimed",
            "aiming",
            "designed",
            "intended",
            "calling",
            "establishing",
            "creating",
            "governing",
            "defining",
        ])
    })?;
    let mut rest = &seg[at + 1..];
    // "setting out", "providing for", "aimed at", "calling for".
    while rest
        .first()
        .is_some_and(|w| w.is_any(&["out", "for", "at", "to", "down", "forth"]))
    {
        rest = &rest[1..];
    }
    // "its determination to": the intention, not the subject.
    if let Some(t) = rest.iter().take(5).position(|w| w.is("to")) {
        if rest[..t].iter().any(|w| {
            w.is_any(&[
                "determination",
                "intention",
                "commitment",
                "readiness",
                "resolve",
                "plan",
                "plans",
                "will",
                "desire",
            ])
        }) {
            rest = &rest[t + 1..];
        }
    }
    let end = rest
        .iter()
        .position(|w| w.punct && !w.is_any(&["-", "$", "’", "'"]))
        .unwrap_or(rest.len());
    let rest = &rest[..end];
    if rest.is_empty() {
        return None;
    }
    Some(
        ByteSpan::new(rest[0].span.start, rest[rest.len() - 1].span.end)
            .slice(ctx.text)
            .to_string(),
    )
}

fn place_of(ctx: &Ctx, s: &Sent) -> Option<String> {
    for m in ctx.analysis.mentions_in(s.span) {
        let Some(e) = ctx.analysis.entities.get(m.entity) else {
            continue;
        };
        if e.kind != EntityKind::Place {
            continue;
        }
        let k = word_at(&s.words, m.span.start);
        if k > 0 && s.words[k - 1].is_any(&["in", "at"]) {
            return Some(e.name.clone());
        }
    }
    None
}

/// The two parties mentioned most: countries (names, adjectives, their
/// people and organizations) and organizations without a country.
fn main_pair(analysis: &Analysis) -> Vec<Party> {
    let mut counts: Vec<(Party, usize)> = Vec::new();
    for m in &analysis.mentions {
        let Some(e) = analysis.entities.get(m.entity) else {
            continue;
        };
        if matches!(e.kind, EntityKind::Place | EntityKind::Other)
            || m.form == MentionForm::Dateline
        {
            continue;
        }
        let party = match e.country {
            Some(c) => {
                let ce = analysis
                    .entities
                    .iter()
                    .find(|x| x.kind == EntityKind::Country && x.country == Some(c));
                Party {
                    name: ce.map_or_else(|| c.to_string(), |x| x.name.clone()),
                    entity: Some(ce.map_or_else(|| c.to_string(), |x| x.id.clone())),
                    country: Some(c),
                }
            }
            None if e.kind == EntityKind::Organization => Party {
                name: e.name.clone(),
                entity: Some(e.id.clone()),
                country: None,
            },
            None => continue,
        };
        let key = party_key(&party);
        match counts.iter_mut().find(|(p, _)| party_key(p) == key) {
            Some(x) => x.1 += 1,
            None => counts.push((party, 1)),
        }
    }
    counts.sort_by_key(|x| std::cmp::Reverse(x.1));
    counts.into_iter().take(2).map(|(p, _)| p).collect()
}

fn dateline(doc: &Document, analysis: &Analysis) -> Option<String> {
    let d = doc.dateline.as_deref()?.trim();
    if d.is_empty() {
        return None;
    }
    Some(
        analysis
            .entities
            .iter()
            .find(|e| e.kind == EntityKind::Place && e.name.eq_ignore_ascii_case(d))
            .map_or_else(|| d.to_string(), |e| e.name.clone()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::tests::{country, ent, fixture};

    fn run(f: &crate::events::tests::Fixture) -> Vec<String> {
        let map = CharMap::new(&f.doc.text);
        extract(&f.doc, &f.analysis, &map)
            .iter()
            .map(|a| {
                let parties: Vec<String> = a
                    .parties
                    .iter()
                    .map(|p| {
                        format!(
                            "{}/{}",
                            p.name,
                            p.country.map_or("-".into(), |c| c.to_string())
                        )
                    })
                    .collect();
                format!(
                    "{} [{}] {} | {}",
                    a.kind,
                    a.title.as_deref().unwrap_or("-"),
                    parties.join(" + "),
                    a.subject.as_deref().unwrap_or("-")
                )
            })
            .collect()
    }

    #[test]
    fn enumerations_split_into_records() {
        let text = "Uzbekistan and Hungary signed several documents. \
These include a memorandum of understanding between the Uzbek Ministry of Energy and the Hungarian Ministry of Foreign Affairs and Trade on cooperation in renewable energy, a memorandum between the cities of Samarkand and Pecs and a sister city agreement between Bukhara and Eger. \
Additional agreements were signed between the Tashkent State University of Economics and Hungary's Corvinus University, as well as between the Chamber of Commerce of Uzbekistan and the Hungarian Chamber of Commerce and Industry. \
Hungary did not sign the gas transit protocol.";
        let entities = vec![
            country("UZB", "Uzbekistan"),
            country("HUN", "Hungary"),
            ent(
                "org:uzb:energy",
                EntityKind::Organization,
                "Ministry of Energy",
                Some("UZB"),
                None,
            ),
            ent(
                "place:samarkand",
                EntityKind::Place,
                "Samarkand",
                Some("UZB"),
                None,
            ),
            ent("place:pecs", EntityKind::Place, "Pecs", Some("HUN"), None),
            ent(
                "place:bukhara",
                EntityKind::Place,
                "Bukhara",
                Some("UZB"),
                None,
            ),
            ent("place:eger", EntityKind::Place, "Eger", Some("HUN"), None),
            ent(
                "place:tashkent",
                EntityKind::Place,
                "Tashkent",
                Some("UZB"),
                None,
            ),
        ];
        let f = fixture(
            text,
            Some("2025-03-14"),
            None,
            entities,
            &[
                ("Uzbekistan", 0, MentionForm::Name),
                ("Uzbek", 0, MentionForm::Adjective),
                ("Hungary's", 1, MentionForm::Possessive),
                ("Hungary", 1, MentionForm::Name),
                ("Hungarian", 1, MentionForm::Adjective),
                ("Ministry of Energy", 2, MentionForm::Name),
                ("Samarkand", 3, MentionForm::Name),
                ("Pecs", 4, MentionForm::Name),
                ("Bukhara", 5, MentionForm::Name),
                ("Eger", 6, MentionForm::Name),
                ("Tashkent", 7, MentionForm::Name),
            ],
        );
        let got = run(&f);
        assert_eq!(
            got,
            [
                "memorandum [memorandum of understanding] Ministry of Energy/UZB + Ministry of Foreign Affairs and Trade/HUN | cooperation in renewable energy",
                "memorandum [memorandum] Samarkand/UZB + Pecs/HUN | -",
                "sister_cities [sister city agreement] Bukhara/UZB + Eger/HUN | -",
                "agreement [agreements] Tashkent State University of Economics/UZB + Corvinus University/HUN | -",
                "agreement [agreements] Chamber of Commerce of Uzbekistan/UZB + Chamber of Commerce and Industry/HUN | -",
            ],
            "{got:#?}"
        );
    }
}
