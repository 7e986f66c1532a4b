//! Event coding: sentences -> CAMEO events between actors.
//!
//! For every sentence the trigger lexicon ([`lexicon`], compiled from
//! `data/event_triggers.tsv`) finds verbs and nominalizations; each trigger
//! takes its source and target from the clause (subject, object, "with",
//! "between", a possessive, a passive's "by"), expands collective subjects
//! ("the two leaders", "Kazakhstan and Bulgaria") to both parties, drops
//! negated and speculative statements, recodes reported futures as intents
//! (03x), and dates and places the event. Events that report the same action
//! (same code family, countries and date) merge into one, with the first
//! sentence that states it as evidence.

mod actors;
mod clause;
mod codes;
mod lexicon;
mod parsed;
pub(crate) mod words;

use std::rc::Rc;

use chrono::NaiveDate;
use dyad_model::{
    ActorCode, Analysis, ByteSpan, CameoCode, CharMap, Document, EntityKind, Event, MentionForm,
};

use crate::lexicon::{Class, ClassSet};
use crate::when;
use actors::{org_infos, sentence_actors, Actor, PlaceRef};
use lexicon::{Hit, Kind, LEXICON};
use words::{words_into, Word};

/// Which coder runs (transitional, while the parse-based coder replaces the
/// word-position one): `DYAD_EVENT_CODER=legacy|parse|both`; both by
/// default (the parse coder's events first, then the word-position coder's
/// that report other acts, merged).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CoderKind {
    Legacy,
    Parse,
    Both,
}

static CODER: std::sync::LazyLock<CoderKind> =
    std::sync::LazyLock::new(|| match std::env::var("DYAD_EVENT_CODER").as_deref() {
        Ok("parse") => CoderKind::Parse,
        Ok("legacy") => CoderKind::Legacy,
        _ => CoderKind::Both,
    });

/// One sentence, prepared once.
struct Sent<'w, 'a> {
    span: ByteSpan,
    /// The sentence's words: a slice of the document's.
    words: &'w [Word<'a>],
    actors: Vec<Actor>,
    places: Vec<PlaceRef<'a>>,
}

/// What the document as a whole says about its actors.
struct DocContext {
    date: Option<NaiveDate>,
    /// The two most mentioned parties (country parts of actor codes).
    pair: Option<(Actor, Actor)>,
    /// The dateline's place and country.
    dateline: Option<(String, Option<String>)>,
}

/// An event before merging.
#[derive(Debug, Clone)]
struct Cand {
    code: CameoCode,
    source: Actor,
    target: Actor,
    date: Option<NaiveDate>,
    place: Option<String>,
    evidence: ByteSpan,
}

const FUTURE: &[&str] = &[
    "prepares",
    "preparing",
    "prepare",
    "due",
    "ahead",
    "will",
    "shall",
    "would",
    "'ll",
    "plan",
    "plans",
    "planned",
    "planning",
    "intend",
    "intends",
    "intended",
    "expected",
    "scheduled",
    "going",
    "upcoming",
    "forthcoming",
    "next",
    "future",
    "proposed",
    "potential",
    "possible",
    "whether",
    "invitation",
    "imminent",
];
/// Verbs whose object nominalization is the subject's act.
pub(super) const LIGHT_VERBS: &[&str] = &[
    "began",
    "opened",
    "staged",
    "begin",
    "begins",
    "launched",
    "launch",
    "launches",
    "started",
    "start",
    "starts",
    "carried",
    "conducted",
    "conducts",
    "staged",
    "mounted",
    "continued",
    "unleashed",
    "ordered",
    "held",
    "holds",
    "hold",
    "made",
    "makes",
    "paid",
    "pays",
    "imposed",
    "announced",
    "resumed",
];
/// Words that open a subordinate clause: its subject is not the sentence's.
const SUBORDINATORS: ClassSet = ClassSet::of(&[Class::Subordinator, Class::Say]);
/// Words before "to" that make the infinitive a plan, not a fact.
const INTENT_TO: &[&str] = &[
    "agreed",
    "agree",
    "agrees",
    "plan",
    "plans",
    "planned",
    "planning",
    "intend",
    "intends",
    "intended",
    "aim",
    "aims",
    "aimed",
    "hope",
    "hopes",
    "hoped",
    "ready",
    "want",
    "wants",
    "wanted",
    "expected",
    "scheduled",
    "set",
    "going",
    "seek",
    "seeks",
    "sought",
    "try",
    "tries",
    "tried",
    "attempt",
    "offered",
    "offer",
    "offers",
    "proposed",
    "propose",
    "promised",
    "vowed",
    "pledged",
    "threatened",
    "threatens",
    "urged",
    "asked",
    "called",
    "invited",
    "willing",
    "prepared",
    "able",
    "decide",
    "whether",
    "begin",
    "continue",
    "need",
    "must",
    "opportunity",
    "efforts",
    "effort",
    "bid",
    "wish",
    "wishes",
];
const DEMANDING: &[&str] = &[
    "demanded",
    "demands",
    "demand",
    "urged",
    "urges",
    "asked",
    "insisted",
    "called",
    // "has come under pressure to take action": pressed for, not done.
    "pressure",
    "pressured",
    "pressed",
];
/// Disparaging labels that make a verb of naming an accusation: "called
/// Greece a threat", "branded the group terrorists".
const LABELS: &[&str] = &[
    "terrorist",
    "terrorists",
    "threat",
    "threats",
    "menace",
    "aggressor",
    "aggressors",
    "occupier",
    "occupiers",
    "invaders",
    "criminal",
    "criminals",
    "murderers",
    "killers",
    "enemy",
    "enemies",
    "dictator",
    "dictatorship",
    "fascist",
    "fascists",
    "extremist",
    "extremists",
    "rogue",
    "pariah",
    "liar",
    "liars",
    "sponsor",
];
/// Prepositions before a trigger that make it a noun: "despite protests
/// from Taiwan", "amid demands for".
const NOUN_PREPS: &[&str] = &[
    "despite",
    "amid",
    "amidst",
    "after",
    "against",
    "of",
    "for",
    "over",
    "following",
    "about",
    "from",
    "without",
];
const SPECULATIVE: ClassSet = ClassSet::of(&[Class::HedgeModal, Class::Conditional]);
const PASSIVE_AUX: &[&str] = &["was", "were", "been", "being", "is", "are", "be"];

/// Words that may stand between a speaker and the verb: "the Bank of Japan
/// official said", "Radev also highlighted".
const SPEAKER_FILLERS: &[&str] = &[
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "ministry",
    "director",
    "chief",
    "head",
    "leader",
    "president",
    "secretary",
    "also",
    "further",
    "later",
    "then",
    "has",
    "had",
    "have",
    "again",
    "once",
    "managing",
    "general",
    "senior",
    "deputy",
    "envoy",
    "ambassador",
    "chairman",
    "representative",
    "representatives",
];
const COLLECTIVES: &[&[&str]] = &[
    &["two", "leaders"],
    &["both", "leaders"],
    &["the", "leaders"],
    &["two", "presidents"],
    &["both", "presidents"],
    &["the", "presidents"],
    &["two", "sides"],
    &["both", "sides"],
    &["the", "sides"],
    &["the", "parties"],
    &["both", "parties"],
    &["two", "parties"],
    &["two", "countries"],
    &["both", "countries"],
    &["two", "nations"],
    &["both", "nations"],
    &["two", "governments"],
    &["the", "delegations"],
    &["two", "delegations"],
    &["both", "delegations"],
    &["two", "ministers"],
    &["the", "ministers"],
    &["two", "heads"],
    &["two", "premiers"],
    &["two", "prime"],
    &["they"],
];

pub(crate) fn extract(doc: &Document, analysis: &Analysis, map: &CharMap) -> Vec<Event> {
    let text = doc.text.as_str();
    let lower = text.to_ascii_lowercase();
    let spans: Vec<ByteSpan> = if analysis.sentences.is_empty() && !text.trim().is_empty() {
        vec![ByteSpan::new(0, text.len())]
    } else {
        analysis.sentences.clone()
    };
    let quotes = quoted_ranges(text);
    let in_quote = |at: usize| {
        let i = quotes.partition_point(|q| q.end <= at);
        quotes.get(i).is_some_and(|q| q.start <= at)
    };
    let orgs = org_infos(analysis);
    // The words of every sentence in one vector (one allocation).
    let mut all_words = Vec::with_capacity(text.len() / 4 + 4);
    let ranges: Vec<(ByteSpan, std::ops::Range<usize>)> = spans
        .iter()
        .filter(|s| {
            s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
        })
        .map(|&span| {
            let from = all_words.len();
            words_into(text, &lower, span, &mut all_words);
            (span, from..all_words.len())
        })
        .collect();
    let sents: Vec<Sent> = ranges
        .into_iter()
        .map(|(span, range)| {
            let words = &all_words[range];
            let (mut actors, places) = sentence_actors(analysis, &orgs, text, words, span);
            for a in &mut actors {
                a.quoted = in_quote(a.span.start);
            }
            Sent {
                span,
                words,
                actors,
                places,
            }
        })
        .collect();
    let ctx = DocContext::new(doc, analysis, &sents);
    let mut coder = Coder {
        ctx: &ctx,
        last_person: None,
        last_group: None,
        last_event: None,
        last_force: None,
        sent_no: 0,
        last_group_at: 0,
        narrative: None,
        starts: Vec::new(),
        recent: Vec::new(),
        out: Vec::new(),
    };
    let coder_kind = *CODER;
    let mut parsed_out = Vec::new();
    if coder_kind != CoderKind::Legacy {
        let mut out = Vec::new();
        let mut discourse = parsed::Discourse::default();
        for s in &sents {
            parsed::code_sentence(
                &analysis.syntax,
                analysis,
                text,
                &ctx,
                s,
                &in_quote,
                &mut discourse,
                &mut out,
            );
        }
        if coder_kind == CoderKind::Parse {
            return merge(out).into_iter().map(|c| to_event(c, map)).collect();
        }
        parsed_out = out;
    }
    let mut hits = Vec::new();
    for s in &sents {
        hits.clear();
        LEXICON.matches(s.words, &mut hits);
        // Inside a quotation only the speaker's own acts count: "We condemn",
        // "I strongly reject".
        // A trigger inside a name ("Operation Peace Spring", "Department of
        // Justice") is part of the name.
        hits.retain(|h| {
            let at = s.words[h.start].span.start;
            let i = analysis.mentions.partition_point(|m| m.span.start <= at);
            !analysis.mentions[..i]
                .iter()
                .rev()
                .take(4)
                .any(|m| m.span.start <= at && at < m.span.end)
        });
        hits.retain(|h| {
            !in_quote(s.words[h.start].span.start)
                || s.words[h.start.saturating_sub(2)..h.start]
                    .iter()
                    .any(|w| w.is_any(&["i", "we"]))
        });
        let hits = select(&mut hits);
        let before = coder.out.len();
        for h in &hits {
            coder.code(s, h);
        }
        if coder.out.len() == before {
            coder.statement(s, &in_quote);
        }
        coder.update(s);
    }
    // Both coders: the word-position coder's events, then the parse
    // coder's between parties it did not code in that sentence (one act
    // read twice is counted once).
    let key = |c: &Cand| {
        let (mut a, mut b) = (
            c.source.country().to_string(),
            c.target.country().to_string(),
        );
        if b < a {
            std::mem::swap(&mut a, &mut b);
        }
        (a, b, c.evidence.start)
    };
    // A statement the word-position coder read ("010": "Peru and Chile
    // have agreed upon a pact, the ministry announced") gives way to what
    // the parse coded between the same parties in that sentence.
    let specific: Vec<_> = parsed_out
        .iter()
        .filter(|c| c.code.root() != 1)
        .map(key)
        .collect();
    let mut legacy = coder.out;
    legacy.retain(|c| c.code.root() != 1 || !specific.contains(&key(c)));
    let known: Vec<_> = legacy.iter().map(key).collect();
    let mut all = legacy;
    all.extend(parsed_out.into_iter().filter(|c| !known.contains(&key(c))));
    merge(all).into_iter().map(|c| to_event(c, map)).collect()
}

/// Words `a..b`, empty when the range is reversed or out of bounds.
fn span_words<'w, 'a>(words: &'w [Word<'a>], a: usize, b: usize) -> &'w [Word<'a>] {
    words.get(a..b).unwrap_or(&[])
}

/// Byte ranges inside quotation marks ("…", “…”, «…»); a quote left open
/// ends with its paragraph.
fn quoted_ranges(text: &str) -> Vec<ByteSpan> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Skip to the next byte that can start a quotation mark or a newline.
        // Continuation bytes of multi-byte characters never match the lead
        // bytes below.
        match b[i] {
            b'"' => match open.take() {
                Some(o) => out.push(ByteSpan::new(o, i + 1)),
                None => open = Some(i),
            },
            b'\n' => {
                // A blank line (spaces and "\r" aside) ends an open quote.
                let before = b[..i].iter().rposition(|&c| c != b' ' && c != b'\r');
                if before.is_some_and(|k| b[k] == b'\n') {
                    if let Some(o) = open.take() {
                        out.push(ByteSpan::new(o, i));
                    }
                }
            }
            // “ ” (E2 80 9C / 9D)
            0xE2 if b.get(i + 1) == Some(&0x80) => match b.get(i + 2) {
                Some(0x9C) if open.is_none() => open = Some(i),
                Some(0x9D) => {
                    if let Some(o) = open.take() {
                        out.push(ByteSpan::new(o, i + 3));
                    }
                }
                _ => {}
            },
            // « » (C2 AB / BB)
            0xC2 => match b.get(i + 1) {
                Some(0xAB) if open.is_none() => open = Some(i),
                Some(0xBB) => {
                    if let Some(o) = open.take() {
                        out.push(ByteSpan::new(o, i + 2));
                    }
                }
                _ => {}
            },
            _ => {}
        }
        i = next_quote_byte(b, i + 1);
    }
    if let Some(o) = open {
        out.push(ByteSpan::new(o, text.len()));
    }
    out
}

/// The first position at or after `i` of a byte that may start a quotation
/// mark or is a newline (`"`, `\n`, or a lead byte 0xE2 / 0xC2); `b.len()`
/// if none. Eight ASCII bytes at a time.
fn next_quote_byte(b: &[u8], mut i: usize) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    // Nonzero when some byte of `v` is zero.
    let has_zero = |v: u64| v.wrapping_sub(LO) & !v & HI;
    loop {
        // Skip chunks of eight ASCII bytes without a quote or a newline.
        while let Some(chunk) = b.get(i..i + 8).and_then(|c| <[u8; 8]>::try_from(c).ok()) {
            let x = u64::from_le_bytes(chunk);
            if x & HI != 0
                || has_zero(x ^ (LO * u64::from(b'"'))) != 0
                || has_zero(x ^ (LO * u64::from(b'\n'))) != 0
            {
                break;
            }
            i += 8;
        }
        // Then byte by byte through the chunk that stopped the skip.
        let end = (i + 8).min(b.len());
        match b[i..end]
            .iter()
            .position(|c| matches!(c, b'"' | b'\n' | 0xE2 | 0xC2))
        {
            Some(k) => return i + k,
            None if end == b.len() => return end,
            None => i = end,
        }
    }
}

/// Longest matches first; overlapping shorter ones are dropped.
fn select(hits: &mut [Hit]) -> Vec<Hit> {
    hits.sort_by_key(|h| (std::cmp::Reverse(h.end - h.start), h.start, h.pattern));
    let mut kept: Vec<Hit> = Vec::new();
    for h in hits.iter() {
        if kept.iter().all(|k| h.end <= k.start || k.end <= h.start) {
            kept.push(*h);
        }
    }
    kept.sort_by_key(|h| h.start);
    kept
}

impl DocContext {
    fn new(doc: &Document, analysis: &Analysis, sents: &[Sent]) -> Self {
        // Salience: mentions of each party (country part), people and names
        // counting double.
        let mut score: Vec<(String, usize, Actor)> = Vec::new();
        for s in sents {
            for a in &s.actors {
                let w = if a.person || a.form == MentionForm::Name {
                    2
                } else {
                    1
                };
                match score.iter_mut().find(|(c, _, _)| c == a.country()) {
                    Some(e) => e.1 += w,
                    None => score.push((a.country().to_string(), w, a.clone())),
                }
            }
        }
        score.sort_by_key(|e| std::cmp::Reverse(e.1));
        let pair = (score.len() >= 2).then(|| (score[0].2.clone(), score[1].2.clone()));
        let dateline = doc.dateline.as_deref().and_then(|d| {
            let d = d.trim().trim_end_matches([',', '-', '—']).trim();
            let place = analysis.entities.iter().find(|e| {
                matches!(e.kind, EntityKind::Place | EntityKind::Country)
                    && e.name.eq_ignore_ascii_case(d)
            });
            match place {
                Some(e) => Some((e.name.clone(), e.country.map(|c| c.to_string()))),
                None if !d.is_empty() => Some((title_case(d), None)),
                None => None,
            }
        });
        let dateline = dateline.or_else(|| {
            analysis
                .mentions
                .iter()
                .find(|m| m.form == MentionForm::Dateline)
                .and_then(|m| {
                    let e = analysis.entities.get(m.entity)?;
                    Some((e.name.clone(), e.country.map(|c| c.to_string())))
                })
        });
        DocContext {
            date: doc.date,
            pair,
            dateline,
        }
    }

    /// The other party of the document's main pair.
    fn counterpart(&self, country: &str) -> Option<&Actor> {
        let (a, b) = self.pair.as_ref()?;
        if a.country() == country {
            Some(b)
        } else if b.country() == country {
            Some(a)
        } else {
            None
        }
    }
}

fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let mut c = w.chars();
            match c.next() {
                Some(f) => f
                    .to_uppercase()
                    .chain(c.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join(" ")
}

/// A country as an actor when only its code is known (a host country).
fn country_actor(country: &str, span: ByteSpan) -> Option<Actor> {
    Some(Actor::of_code(
        ActorCode::new(country).ok()?,
        Some(Rc::from(country)),
        span,
        MentionForm::Name,
    ))
}

struct Coder<'c> {
    ctx: &'c DocContext,
    last_person: Option<Actor>,
    last_group: Option<(Actor, Actor)>,
    /// Source of the latest event ("the operation was condemned").
    last_event: Option<Actor>,
    /// Sentences seen, and the sentence that named `last_group`.
    sent_no: usize,
    last_group_at: usize,
    /// Source of the latest use of force ("the operation was condemned").
    last_force: Option<Actor>,
    /// The latest date the paragraph stated, for sentences that state none.
    narrative: Option<NaiveDate>,
    /// Start bytes of the sentences seen, in order.
    starts: Vec<usize>,
    /// The countries (first three bytes of the actor codes) of the actors
    /// of the sentences seen, with the sentence number; only the last two
    /// sentences are kept.
    recent: Vec<(usize, [u8; 3])>,
    out: Vec<Cand>,
}

impl Coder<'_> {
    /// The clause start for word `t`: after the last ";" or ":" before it.
    fn clause_start(words: &[Word], t: usize) -> usize {
        words[..t]
            .iter()
            .rposition(|w| w.is(";") || w.is(":"))
            .map_or(0, |i| i + 1)
    }

    /// Whether the words before the trigger negate it.
    fn negated(words: &[Word], t: usize) -> bool {
        words[..t]
            .iter()
            .rev()
            .take(4)
            .take_while(|w| !w.punct)
            .any(|w| w.is_a(Class::Negator) || w.lower.ends_with("n't") || w.lower.ends_with("n’t"))
    }

    /// Future or speculative modality of the trigger: (future, speculative).
    fn modality(words: &[Word], t: usize) -> (bool, bool) {
        let mut future = false;
        let mut spec = false;
        // "Moscow called the move unfriendly and vowed to respond": a finite
        // verb coordinated with the one before has its own mood.
        let coordinated = t > 0
            && words[t - 1].is("and")
            && (words[t].lower.ends_with("ed") || words[t].lower.ends_with('s'));
        let scan = if coordinated { 0 } else { 5 };
        for w in words[..t].iter().rev().take(scan).take_while(|w| !w.punct) {
            // "demanded that Kyrgyzstan withdraw": asked for, not done.
            if w.in_any(SPECULATIVE) || w.is_any(DEMANDING) {
                spec = true;
            }
            if w.is_any(FUTURE) || w.lower.ends_with("'ll") {
                future = true;
            }
        }
        // "agreed to sign", "plans to visit": an infinitive after a word of intent.
        for back in [2, 3] {
            if t >= back && words[t - 1].is("to") && words[t - back].is_any(INTENT_TO) {
                future = true;
            }
        }
        (future, spec)
    }

    /// The collective subject before word `t` in the clause, if any.
    fn collective(words: &[Word], from: usize, t: usize) -> bool {
        let ws = &words[from..t];
        ws.iter().enumerate().any(|(i, w)| {
            // Every collective starts with one of these.
            w.is_any(&["two", "both", "the", "they"])
                && COLLECTIVES.iter().any(|pat| {
                    pat.iter()
                        .enumerate()
                        .all(|(k, p)| ws.get(i + k).is_some_and(|w| w.is(p)))
                })
        })
    }

    /// The pair for a collective subject: the latest group, or the
    /// document's main pair.
    fn group(&self) -> Option<(Actor, Actor)> {
        self.last_group.clone().or_else(|| self.ctx.pair.clone())
    }

    /// The pair a collective before word `t` names: a bare "they" only a
    /// pair named in the last two sentences.
    fn group_for(&self, words: &[Word], from: usize, t: usize) -> Option<(Actor, Actor)> {
        let only_they = !Self::collective_noun(words, from, t);
        if only_they {
            return self
                .last_group
                .clone()
                .filter(|_| self.sent_no.saturating_sub(self.last_group_at) <= 2);
        }
        self.group()
    }

    fn collective_noun(words: &[Word], from: usize, t: usize) -> bool {
        let ws = &words[from..t];
        (0..ws.len()).any(|i| {
            ws[i].is_any(&["two", "both", "the"])
                && COLLECTIVES.iter().filter(|p| p.len() > 1).any(|pat| {
                    pat.iter()
                        .enumerate()
                        .all(|(k, p)| ws.get(i + k).is_some_and(|w| w.is(p)))
                })
        })
    }

    /// The subject of the clause before word `t`: the leftmost actor not in
    /// a locative phrase, with a coordinated second actor.
    fn subject(s: &Sent, from: usize, t: usize) -> Option<(Actor, Option<Actor>)> {
        // "In a letter to the UN, Poland accused ...": an introductory
        // phrase ends at its comma; a preposition inside it governs no actor
        // after it.
        let intro = s.words.get(from).filter(|w| {
            w.cap && w.is_any(&["in", "at", "during", "after", "following", "on", "with"])
        });
        let floor = intro
            .and_then(|_| s.words[from..t].iter().position(|w| w.is(",")))
            .map(|k| from + k + 1)
            // Not a list: "During the meeting of Cyprus, Greece and Israel".
            .filter(|&f| {
                !s.words[f..(f + 4).min(t).max(f)]
                    .iter()
                    .any(|w| w.is_any(&["and", ","]))
            })
            .unwrap_or(0);
        let mut before = s.actors.iter().filter(|a| {
            let prep = if floor > 0 && a.word >= floor {
                Self::prep_before_from(s, a, floor)
            } else {
                Self::prep_before(s, a)
            };
            a.word >= from
                && a.end <= t
                && !a.located
                && !a.quoted
                && (!matches!(prep, Some(p) if p != "by") || Self::speaks_for(s, a))
        });
        let first = before.next()?;
        // A subject after "with", "between", "by", "of", "for", "on", "from" is
        // an object of a preposition, not the subject.
        // "Kazakhstan and Bulgaria", "US President X and Turkish President Y":
        // only "and", commas, determiners and titles between the two.
        let second = before.find(|a| {
            let between = span_words(s.words, first.end, a.word);
            a.country() != first.country()
                && between.iter().any(|w| w.is("and"))
                && between.len() <= 6
                && between
                    .iter()
                    .all(|w| w.cap || w.is_any(&["and", ",", "the", "both", "its", "his", "her"]))
        });
        Some((first.clone(), second.cloned()))
    }

    /// "A spokesman for the Japanese embassy", "hundreds of Vietnamese
    /// workers": the preposition does not keep the actor from acting.
    fn speaks_for(s: &Sent, a: &Actor) -> bool {
        // "members of", and those who act for a state or body: "the
        // leaders of the European Union", "the government of Mali".
        const GROUPS: &[&str] = &[
            "hundreds",
            "thousands",
            "dozens",
            "members",
            "group",
            "groups",
            "leaders",
            "leader",
            "heads",
            "head",
            "ministers",
            "government",
            "governments",
            "delegation",
            "delegations",
            "officials",
            "representatives",
        ];
        let k = s.words[..a.word]
            .iter()
            .rposition(|w| w.is_any(&["for", "of"]))
            .filter(|&k| k + 3 >= a.word && k > 0);
        // "A letter from the Japanese embassy accused ...": the sender.
        const DOCUMENTS: &[&str] = &[
            "letter",
            "statement",
            "note",
            "message",
            "communique",
            "communiqué",
        ];
        let sender = s.words[..a.word]
            .iter()
            .rposition(|w| w.is("from"))
            .filter(|&k| k + 3 >= a.word && k > 0)
            .is_some_and(|k| {
                s.words[k - 1].is_any(DOCUMENTS)
                    && s.words[k + 1..a.word]
                        .iter()
                        .all(|w| w.cap || w.is_any(&["the", "a", "an"]))
            });
        sender
            || k.is_some_and(|k| {
                s.words[k - 1].is_any(SPEAKER_FILLERS) || s.words[k - 1].is_any(GROUPS)
            })
    }

    fn prep_before(s: &Sent, a: &Actor) -> Option<&'static str> {
        Self::prep_before_from(s, a, 0)
    }

    /// [`Self::prep_before`] looking no further back than word `floor`.
    fn prep_before_from(s: &Sent, a: &Actor, floor: usize) -> Option<&'static str> {
        let w = s.words[floor.min(a.word)..a.word]
            .iter()
            .rev()
            .take(4)
            .find(|w| !w.cap && !w.is_any(&["the", "a", "an"]) && !w.punct)?;
        [
            "with", "between", "by", "of", "for", "on", "from", "to", "against", "toward",
            "towards",
        ]
        .into_iter()
        .find(|p| w.is(p))
    }

    fn code(&mut self, s: &Sent, h: &Hit) {
        let pat = &LEXICON.patterns[h.pattern];
        let mut code = pat.code;
        let mut kind = pat.kind;
        let words = &s.words;
        let t = h.start;
        if Self::negated(words, t) {
            return;
        }
        let (mut future, spec) = Self::modality(words, t);
        let root = code.root();
        if spec && root > 3 {
            return;
        }
        // "his state visit", "a banned organization": a noun, whose agent must be
        // named (a possessive, an adjective, "by").
        const DETERMINERS: &[&str] = &[
            "a", "an", "the", "its", "their", "his", "her", "our", "this",
        ];
        let base = !["ed", "ing", "s"]
            .iter()
            .any(|x| words[t].lower.ends_with(x));
        if kind != Kind::Noun
            && ((t > 0 && words[t - 1].is_any(DETERMINERS))
                || (base
                    && words[t.saturating_sub(2)..t]
                        .iter()
                        .any(|w| w.is_any(DETERMINERS))))
            && h.end == t + 1
        {
            kind = Kind::Noun;
        }
        // "despite protests from Taiwan": after a preposition, a trigger
        // that is not a participle ("after meeting", "after visiting") is a
        // noun.
        if kind != Kind::Noun
            && h.end == t + 1
            && !words[t].lower.ends_with("ing")
            && !words[t].lower.ends_with("ed")
            && t > 0
            && words[t - 1].is_any(NOUN_PREPS)
        {
            if kind == Kind::Label {
                return;
            }
            kind = Kind::Noun;
        }
        // "came under pressure", "under fire from Congress": the subject
        // undergoes the act; its agent, if any, follows "from".
        let undergone = words[t.saturating_sub(2)..t].iter().any(|w| w.is("under"));
        if undergone {
            kind = Kind::Noun;
        }
        // A verb of naming is an accusation when its object actor, right
        // after it, gets a disparaging label: "called Greece a threat".
        let label = kind == Kind::Label;
        if label {
            kind = Kind::Pointed;
        }
        // "a meeting expected to take place next month".
        if kind == Kind::Noun
            && words
                .get(h.end)
                .is_some_and(|w| w.is_any(&["expected", "scheduled", "due", "planned", "set"]))
        {
            future = true;
        }
        if future && kind == Kind::Noun && root >= 15 {
            return;
        }
        let from = Self::clause_start(words, t);
        let passive = kind != Kind::Noun
            && t > 0
            && words[..t]
                .iter()
                .rev()
                .take(3)
                .take_while(|w| !w.punct)
                .any(|w| w.is_any(PASSIVE_AUX))
            && words[t].lower.ends_with("ed")
            || words[t].is_any(&["met", "held", "signed", "struck", "sent", "seen"])
                && t > 0
                && words[t - 1].is_any(PASSIVE_AUX);

        let mut source: Option<Actor> = None;
        let mut target: Option<Actor> = None;
        // The second of a coordinated subject whose act is not mutual.
        let mut co_source: Option<Actor> = None;
        // "blamed one another", "accused each other": mutual whatever the code.
        let mutual = reciprocal(root)
            || words[h.end..(h.end + 4).min(words.len())]
                .windows(2)
                .any(|w| w[0].is_any(&["each", "one"]) && w[1].is_any(&["other", "another"]));
        // The clause after the trigger ends at a subordinator, ";" or a
        // ", and" / ", but" that starts the next clause ("condemned the
        // ramming, and Japan voiced concern").
        let clause_end = (h.end..words.len())
            .find(|&k| {
                let w = &words[k];
                w.is(";")
                    || (w.in_any(SUBORDINATORS) && !(kind == Kind::Pointed && w.is("that")))
                    || (w.is_any(&["and", "but"]) && k > h.end && words[k - 1].is(","))
            })
            .unwrap_or(words.len());
        let after: Vec<&Actor> = s
            .actors
            .iter()
            .filter(|a| a.word > t && a.word < clause_end)
            .collect();

        // "between X and Y"
        let between = words[h.end..clause_end]
            .iter()
            .take(4)
            .position(|w| w.is("between"))
            .filter(|_| (3..=6).contains(&root))
            .and_then(|k| after.iter().position(|a| a.word > h.end + k));
        if let Some(i) = between {
            let x = after[i];
            if let Some(y) = after[i + 1..].iter().find(|b| b.country() != x.country()) {
                source = Some(x.clone());
                target = Some((*y).clone());
            }
        }
        let by_actor = words[h.end..clause_end]
            .iter()
            .position(|w| w.is("by"))
            .map(|k| h.end + k)
            .and_then(|b| {
                after
                    .iter()
                    .find(|a| a.word > b && a.word <= b + 5)
                    .copied()
            });
        // "I strongly reject ...", the minister said: the speaker acts.
        if words[t.saturating_sub(2)..t]
            .iter()
            .any(|w| w.is_any(&["i", "we"]))
        {
            source = s
                .actors
                .iter()
                .find(|a| !a.quoted && !a.located)
                .cloned()
                .or_else(|| self.last_person.clone());
            if source.is_none() {
                return;
            }
        }
        if source.is_none() && passive {
            if let Some(by) = by_actor {
                source = Some((*by).clone());
                let force_noun = words[from..t].iter().any(|w| {
                    w.is_any(&[
                        "operation",
                        "offensive",
                        "attack",
                        "attacks",
                        "invasion",
                        "incursion",
                        "strikes",
                        "airstrikes",
                        "assault",
                    ])
                });
                target = Self::subject(s, from, t).map(|(a, _)| a).or_else(|| {
                    if force_noun {
                        self.last_force.clone()
                    } else {
                        self.last_event.clone()
                    }
                });
            } else if let Some((a, Some(b))) = Self::subject(s, from, t) {
                source = Some(a);
                target = Some(b);
            } else if code.as_str() == "057" {
                if let Some((a, b)) = self.group() {
                    source = Some(a);
                    target = Some(b);
                }
            }
        }
        if source.is_none() {
            // A possessive right before a nominalization: "Radev's visit".
            let poss = s
                .actors
                .iter()
                .rev()
                .find(|a| a.form == MentionForm::Possessive && a.end <= t && a.end + 3 >= t);
            let pronoun = words[t.saturating_sub(3)..t]
                .iter()
                .rev()
                .find(|w| w.is_any(&["his", "her", "he", "she"]));
            let sub = (from..t)
                .rev()
                .find(|&k| {
                    words[k].in_any(SUBORDINATORS)
                        || (words[k].is("and") && k > 0 && words[k - 1].is(","))
                })
                .map(|k| k + 1);
            let subj = sub
                .and_then(|f| Self::subject(s, f, t))
                .or_else(|| Self::subject(s, from, t));
            // An adjective right before a nominalization: "Turkish airstrikes".
            let adj = s.actors.iter().rev().find(|a| {
                a.form == MentionForm::Adjective && a.end <= t && a.end + 2 >= t && !a.quoted
            });
            if kind != Kind::Noun && poss.is_some_and(|p| p.end + 2 >= t) {
                // "Baker's pressure on West Germany".
                source = poss.cloned();
            } else if kind == Kind::Noun && poss.is_none() && adj.is_some() {
                source = adj.cloned();
            } else if kind == Kind::Noun {
                if let Some(p) = poss {
                    source = Some(p.clone());
                } else if let Some(by) = after.iter().find(|a| {
                    // "criticism by Japan", "protests from Taiwan".
                    let prep = Self::prep_before(s, a);
                    (prep == Some("by") && words.get(h.end).is_some_and(|w| w.is("by")))
                        || (prep == Some("from")
                            && (11..=14).contains(&root)
                            && words.get(h.end).is_some_and(|w| w.is("from")))
                }) {
                    source = Some((*by).clone());
                } else if pronoun.is_some() && subj.is_none() {
                    source = self.last_person.clone();
                }
            }
            // A nominalized conflict ("the air strike") needs its own agent.
            // ... unless a light verb makes the subject its agent: "Turkey
            // began a military offensive".
            let light = words[t.saturating_sub(3)..t]
                .iter()
                .any(|w| w.is_any(LIGHT_VERBS));
            if source.is_none() && (kind != Kind::Noun || light || (3..=5).contains(&root)) {
                if let Some((a, b)) = subj {
                    source = Some(a);
                    // "Bulgaria and Kazakhstan signed": each side the
                    // other's partner. An act that is not mutual ("Japan
                    // and South Korea voiced concern") is each one's own,
                    // towards whomever the clause names.
                    if mutual {
                        if b.is_some() {
                            target = b;
                        }
                    } else {
                        co_source = b;
                    }
                } else if Self::collective(words, from, t) {
                    if let Some((a, b)) = self.group_for(words, from, t) {
                        source = Some(a);
                        if mutual {
                            target = Some(b);
                        } else {
                            co_source = Some(b);
                        }
                    }
                } else if words[from..t]
                    .iter()
                    .any(|w| w.is_any(&["he", "she", "his", "her"]))
                {
                    source = self.last_person.clone();
                } else if kind == Kind::Noun {
                    // "During an expanded meeting with delegations, Tokayev ...":
                    // the sentence's subject.
                    source = Self::subject(s, 0, words.len()).map(|(a, _)| a);
                }
            }
        }

        if undergone {
            let from_agent = after
                .iter()
                .find(|a| Self::prep_before(s, a) == Some("from") && a.word <= h.end + 4);
            let (Some(agent), Some((subject, _))) = (from_agent, Self::subject(s, from, t)) else {
                return;
            };
            source = Some((*agent).clone());
            target = Some(subject);
        }

        // Visits: the visitor is the foreign party, the host the place's country.
        if code.as_str() == "042" {
            let host = self.host_country(s, h);
            if let (Some(hc), Some(src)) = (host.as_deref(), source.as_ref()) {
                if src.country() == hc {
                    // The subject is the host: the visitor is the other party.
                    let other = s
                        .actors
                        .iter()
                        .find(|a| a.country() != hc && !a.located)
                        .cloned()
                        .or_else(|| self.last_person.clone().filter(|p| p.country() != hc))
                        .or_else(|| self.ctx.counterpart(hc).cloned());
                    target = Some(src.clone());
                    source = other;
                } else if target.is_none() || target.as_ref().is_some_and(|x| x.country() != hc) {
                    target = s
                        .actors
                        .iter()
                        .find(|a| a.country() == hc)
                        .cloned()
                        .or_else(|| country_actor(hc, s.span));
                }
            }
        }

        let Some(source) = source else { return };
        // An explicit partner of the same country makes the act domestic.
        if target.is_none()
            && after.first().is_some_and(|a| {
                a.country() == source.country()
                    && a.word <= h.end + 6
                    && span_words(words, h.end, a.word)
                        .iter()
                        .any(|w| w.is("with"))
            })
        {
            return;
        }
        if target.is_none() {
            target = after
                .iter()
                .find(|a| {
                    a.country() != source.country() && (!a.located || matches!(root, 4 | 15..=20))
                })
                .map(|a| (*a).clone());
        }
        if target.is_none() && root >= 15 {
            // Force against a place: "airstrikes on a camp at Ain Issa".
            target = s
                .places
                .iter()
                .filter(|p| p.word >= h.end)
                .find_map(|p| p.country.filter(|c| *c != source.country()))
                .and_then(|c| country_actor(c, s.span));
        }
        // A nominalization without a light verb ("said the talks must not
        // stall") reports no act of the subject with the other party.
        let light_noun = kind != Kind::Noun
            || words[t.saturating_sub(3)..t]
                .iter()
                .any(|w| w.is_any(LIGHT_VERBS));
        if target.is_none() && kind != Kind::Pointed && root <= 8 && light_noun {
            // The document's other party, when this sentence or the two
            // before it name it: an act stated long after the last mention
            // of the counterpart is not known to concern it.
            target = self
                .ctx
                .counterpart(source.country())
                .filter(|c| {
                    s.actors.iter().any(|a| a.country() == c.country())
                        || self
                            .recent
                            .iter()
                            .any(|(_, r)| r.as_slice() == c.country().as_bytes())
                })
                .cloned();
        }
        // Only a bare reaction or one to "the decision", "this move".
        let bare_reaction = kind != Kind::Noun
            && words.get(h.end).is_none_or(|w| {
                w.punct || w.is_any(&["the", "this", "these", "such", "and", "against", "its"])
            });
        if target.is_none() && bare_reaction && (11..=14).contains(&root) {
            // A reaction without a named target ("Moscow condemned the
            // decision and threatened to retaliate") answers the latest act
            // against the reacting party, in this or the two sentences before.
            target = self
                .reacting_to(&source)
                .or_else(|| self.latest_force(&source));
        }
        // "rejected the protest", "denied the accusations": the act named
        // is the latest complaint against the party, however far back.
        let answers_complaint = words
            .get(h.end)
            .is_some_and(|w| w.is_any(&["the", "these", "those", "its", "their"]))
            && words.get(h.end + 1).is_some_and(|w| {
                w.is_any(&[
                    "protest",
                    "protests",
                    "complaint",
                    "complaints",
                    "accusation",
                    "accusations",
                    "allegation",
                    "allegations",
                    "charges",
                    "claims",
                    "demand",
                    "demands",
                ])
            });
        if target.is_none() && kind != Kind::Noun && answers_complaint && (11..=13).contains(&root)
        {
            target = self.latest_complaint(&source);
        }
        if label {
            // The object after the verb, then the label within four words
            // ("as", "a", adjectives), in the same clause.
            let labelled = target.as_ref().is_some_and(|x| {
                // Only names, determiners and a coordination before the
                // object: "named both the PKK and the YPG as terrorists".
                x.word <= h.end + 12
                    && span_words(words, h.end, x.word).iter().all(|w| {
                        w.cap
                            || w.is_any(&["the", "both", "and", "a", "an", "its", "their"])
                            || w.is_any(&["(", ")", "'", "’", ","])
                    })
                    && span_words(words, x.end, (x.end + 6).min(words.len()))
                        .iter()
                        .take_while(|w| !w.punct || w.is_any(&["(", ")"]))
                        .any(|w| w.is_any(LABELS))
            });
            if !labelled {
                return;
            }
        }
        let Some(target) = target else { return };
        if target.country() == source.country() {
            return;
        }

        // Dates, futures.
        let tense = if future {
            when::Tense::Future
        } else {
            when::Tense::Unknown
        };
        let dates = when::dates(words, self.ctx.date, tense);
        let date_here = dates
            .iter()
            .min_by_key(|d| (d.word as isize - t as isize).unsigned_abs())
            .map(|d| d.date);
        if let (Some(d), Some(doc)) = (date_here, self.ctx.date) {
            if d > doc {
                future = true;
            }
        }
        if future {
            match future_code(code) {
                Some(c) => code = c,
                None => return,
            }
        }
        let date = if future && code != pat.code {
            self.ctx.date
        } else {
            date_here.or(self.narrative).or(self.ctx.date)
        };
        let place = s
            .places
            .iter()
            .find(|p| p.locative)
            .map(|p| p.name.to_string())
            .or_else(|| self.ctx.dateline.as_ref().map(|d| d.0.clone()));
        self.last_event = Some(source.clone());
        if code.root() >= 15 {
            self.last_force = Some(source.clone());
        }
        // Hosting is also the guest's visit: "Modi hosted the Crown Prince
        // in New Delhi" = 043 host->guest and 042 guest->host, unless the
        // place is not the host's country.
        // "welcomed President Reagan's announcement": the guest's act, not the guest.
        if code.as_str() == "043"
            && after.first().is_some_and(|a| {
                a.form == MentionForm::Possessive
                    || a.end
                        .checked_sub(1)
                        .and_then(|k| words.get(k))
                        .is_some_and(|w| w.poss)
            })
        {
            return;
        }
        let guest_named = s.span.contains(target.span)
            && (target.person || target.code.as_str().ends_with("GOV"));
        let hosting_verb = ["ed", "s", "ing"]
            .iter()
            .any(|x| words[t].lower.ends_with(x))
            && !words.get(t + 1).is_some_and(|w| w.is("of"));
        let hosted_here = code.as_str() == "043"
            && guest_named
            && hosting_verb
            && !passive
            && self
                .host_country(s, h)
                .is_none_or(|c| c == source.country());
        let visit = if hosted_here {
            CameoCode::new("042").ok()
        } else {
            None
        };
        // A meeting or visit names the pair that "the two sides" refers to next.
        let official = |a: &Actor| a.person || a.code.as_str().ends_with("GOV");
        if code.root() == 4 && !future && official(&source) && official(&target) {
            self.last_group = Some((source.clone(), target.clone()));
            self.last_group_at = self.sent_no + 1;
        }
        if let Some(v) = visit {
            self.out.push(Cand {
                code: v,
                source: target.clone(),
                target: source.clone(),
                date,
                place: place.clone(),
                evidence: s.span,
            });
        }
        if let Some(co) = co_source.filter(|c| c.country() != target.country()) {
            self.out.push(Cand {
                code,
                source: co,
                target: target.clone(),
                date,
                place: place.clone(),
                evidence: s.span,
            });
        }
        self.out.push(Cand {
            code,
            source,
            target,
            date,
            place,
            evidence: s.span,
        });
    }

    /// The agent of the latest event that `fits`, among those stated in
    /// this sentence or the `back + 1` before it (`starts` holds the earlier
    /// sentences only), or anywhere before for `None`.
    fn latest_agent(&self, back: Option<usize>, fits: impl Fn(&Cand) -> bool) -> Option<Actor> {
        let from = back.map_or(0, |n| self.starts.iter().rev().nth(n).copied().unwrap_or(0));
        self.out
            .iter()
            .rev()
            .take_while(|c| c.evidence.start >= from)
            .find(|c| fits(c))
            .map(|c| c.source.clone())
    }

    /// The agent of the latest use of force by another country, stated in
    /// this sentence or the three before it: what a third party's bare
    /// reaction answers ("Chinese vessels rammed a Vietnamese boat ... The
    /// United States condemned the ramming").
    fn latest_force(&self, source: &Actor) -> Option<Actor> {
        self.latest_agent(Some(2), |c| {
            c.code.root() >= 15 && c.source.country() != source.country()
        })
    }

    /// The actor of the latest event against `source`'s country, stated in
    /// this sentence or the two before it.
    fn reacting_to(&self, source: &Actor) -> Option<Actor> {
        self.latest_agent(Some(1), |c| against(c, source))
    }

    /// The actor of the latest complaint, demand, disapproval, rejection or
    /// threat against `source`'s country anywhere before: what "rejected
    /// the protest" answers.
    fn latest_complaint(&self, source: &Actor) -> Option<Actor> {
        self.latest_agent(None, |c| {
            (10..=14).contains(&c.code.root()) && against(c, source)
        })
    }

    /// The host country of a visit: "to X", "in X", the dateline.
    fn host_country(&self, s: &Sent, h: &Hit) -> Option<String> {
        let after_to = s
            .actors
            .iter()
            .find(|a| a.word >= h.end && a.word <= h.end + 3 && a.located)
            .map(|a| a.country().to_string());
        after_to
            .or_else(|| {
                s.places
                    .iter()
                    .find(|p| p.locative && p.country.is_some())
                    .and_then(|p| p.country.map(str::to_string))
            })
            .or_else(|| self.ctx.dateline.as_ref().and_then(|d| d.1.clone()))
    }

    /// A statement about another party: "Tokayev emphasized Bulgaria's role".
    fn statement(&mut self, s: &Sent, in_quote: &dyn Fn(usize) -> bool) {
        let words = &s.words;
        let Some(v) = words
            .iter()
            .position(|w| w.is_a(Class::StatementVerb) && !w.cap && !in_quote(w.span.start))
        else {
            return;
        };
        if Self::negated(words, v) {
            return;
        }
        // The speaker: the actor right before the verb ("the Bank of Japan
        // official said"), right after it ("said Tokayev"), a pronoun, or
        // the sentence's opening subject.
        let speaking = |a: &&Actor| !a.quoted && !a.located && !a.code.as_str().ends_with("MED");
        let speaker = s
            .actors
            .iter()
            .filter(speaking)
            .rfind(|a| {
                a.end <= v
                    && a.end + 3 >= v
                    && words[a.end..v]
                        .iter()
                        .all(|w| w.cap || w.is(",") || w.is_any(SPEAKER_FILLERS))
            })
            .or_else(|| {
                s.actors
                    .iter()
                    .filter(speaking)
                    .find(|a| a.word > v && a.word <= v + 3)
            })
            .cloned()
            .or_else(|| {
                words[v.saturating_sub(3)..v]
                    .iter()
                    .any(|w| w.is_any(&["he", "she"]))
                    .then(|| self.last_person.clone())
                    .flatten()
            })
            .or_else(|| {
                Self::subject(s, 0, v)
                    .map(|(a, _)| a)
                    .filter(|a| a.word <= 3 && a.end + 8 >= v)
            });
        let Some(speaker) = speaker else { return };
        // About the other party of the document's main pair, when the
        // speaker is one of them.
        let Some(counterpart) = self
            .ctx
            .counterpart(speaker.country())
            .map(|c| c.country().to_string())
        else {
            // Statements are coded within the document's main pair only.
            return;
        };
        let counterpart = Some(counterpart);
        let about = |a: &&Actor| {
            a.country() != speaker.country()
                && a.span != speaker.span
                && !a.code.as_str().ends_with("MED")
                && match counterpart.as_deref() {
                    Some(c) => c == a.country(),
                    None => true,
                }
        };
        let target = s
            .actors
            .iter()
            .filter(about)
            .find(|a| a.form != MentionForm::Adjective || a.code.as_str().len() > 3)
            .or_else(|| s.actors.iter().find(about));
        let Some(target) = target.cloned() else {
            return;
        };
        let Ok(code) = CameoCode::new("010") else {
            return;
        };
        let date = when::dates(words, self.ctx.date, when::Tense::Unknown)
            .first()
            .map(|d| d.date)
            .or(self.narrative)
            .or(self.ctx.date);
        self.out.push(Cand {
            code,
            source: speaker,
            target,
            date,
            place: self.ctx.dateline.as_ref().map(|d| d.0.clone()),
            evidence: s.span,
        });
    }

    /// Remembers the sentence's subject person and coordinated pair.
    fn update(&mut self, s: &Sent) {
        self.sent_no += 1;
        self.starts.push(s.span.start);
        let now = self.sent_no;
        self.recent.retain(|(n, _)| n + 2 > now);
        self.recent.extend(
            s.actors
                .iter()
                .filter_map(|a| <[u8; 3]>::try_from(a.country().as_bytes()).ok())
                .map(|c| (now, c)),
        );
        // "X will visit Ganja on Thursday" dates a plan, not the narrative
        // ("Japan will provide aid, Ishiba said on Friday" does).
        let planned = |at: usize| {
            let before = &s.words[at.saturating_sub(8)..at];
            before
                .iter()
                .rposition(|w| w.is_any(&["will", "shall", "'ll"]))
                .is_some_and(|k| !before[k..].iter().any(|w| w.is_a(Class::StatementVerb)))
        };
        if let Some(d) = when::dates(s.words, self.ctx.date, when::Tense::Unknown)
            .iter()
            .rev()
            .filter(|d| !planned(d.word))
            .map(|d| d.date)
            .find(|d| narrative_date(*d, self.ctx.date))
        {
            self.narrative = Some(d);
        }
        if let Some((a, b)) = Self::subject(s, 0, s.words.len()) {
            if a.person {
                self.last_person = Some(a.clone());
            }
            if let Some(b) = b {
                self.last_group = Some((a, b));
                self.last_group_at = self.sent_no;
            }
        } else if let Some(p) = s.actors.iter().find(|a| a.person) {
            self.last_person = Some(p.clone());
        }
    }
}

/// Whether a date a sentence states can date the sentences after it: not
/// after the document's date (a plan), and not more than
/// [`NARRATIVE_DAYS`] before it: "Harris was born October 20, 1964" is
/// background, and the statements that follow it happen in the news' time,
/// not in 1964.
fn narrative_date(d: NaiveDate, doc: Option<NaiveDate>) -> bool {
    match doc {
        Some(doc) => d <= doc && (doc - d).num_days() <= NARRATIVE_DAYS,
        None => true,
    }
}

/// How far before the document's date a stated date may date the
/// narrative (a year: a review of the past year still dates its events).
const NARRATIVE_DAYS: i64 = 366;

/// The intent code of an action reported as future or planned: meetings
/// become "express intent to meet" (036), cooperation "express intent to
/// cooperate" (030/031/033), force "threaten" (13x); verbal conflict and
/// investigations that have not happened are not events.
fn future_code(code: CameoCode) -> Option<CameoCode> {
    let c = match code.root() {
        1..=3 => return Some(code),
        4 => "036",
        5 => "030",
        6 => "031",
        7 => "033",
        8 => "035",
        16 if code.as_str().starts_with("163") => "1312",
        16 | 17 => "130",
        15 | 18..=20 => "138",
        _ => return None,
    };
    CameoCode::new(c).ok()
}

/// The merge family of a code: consultations of any kind between the same
/// parties are one meeting; otherwise the three-digit code.
fn family(code: CameoCode) -> String {
    let c = &code.as_str()[..3];
    match c {
        "040" | "041" | "044" | "046" => "040".into(),
        "030" | "031" | "032" | "033" | "034" => "030".into(),
        _ => c.into(),
    }
}

fn symmetric(code: CameoCode) -> bool {
    matches!(
        &code.as_str()[..3],
        "040" | "041" | "044" | "046" | "057" | "019" | "036" | "030" | "031"
    ) || code.root() == 6
}

/// One event per real action: same family, parties and date.
fn merge(cands: Vec<Cand>) -> Vec<Cand> {
    let mut out: Vec<Cand> = Vec::new();
    let mut keys: Vec<(String, String, String, Option<NaiveDate>)> = Vec::new();
    for c in cands {
        let (mut a, mut b) = (
            c.source.country().to_string(),
            c.target.country().to_string(),
        );
        if symmetric(c.code) && b < a {
            std::mem::swap(&mut a, &mut b);
        }
        let key = (family(c.code), a, b, c.date);
        match keys.iter().position(|k| *k == key) {
            Some(i) => {
                let e = &mut out[i];
                // Keep the more specific code and person actors.
                if e.code.as_str() == "040" && c.code.as_str() != "040" {
                    e.code = c.code;
                }
                if e.place.is_none() {
                    e.place = c.place;
                }
            }
            None => {
                keys.push(key);
                out.push(c);
            }
        }
    }
    out
}

fn to_event(c: Cand, map: &CharMap) -> Event {
    let info = codes::info(c.code);
    Event {
        code: c.code,
        plover: info.plover,
        quad_class: info.quad_class,
        goldstein: info.goldstein,
        source: Some(c.source.code),
        target: Some(c.target.code),
        source_entity: c.source.entity.map(|e| e.to_string()),
        target_entity: c.target.entity.map(|e| e.to_string()),
        date: c.date,
        place: c.place,
        evidence: map.span(c.evidence),
    }
}

/// Whether `c` is an act of another country against `source`'s country.
fn against(c: &Cand, source: &Actor) -> bool {
    c.target.country() == source.country() && c.source.country() != source.country()
}

/// Whether an act of a coordinated subject is mutual, done by each side to
/// the other ("met", "signed", "agreed to cooperate", "clashed", "cut
/// ties"): intents, consultations, diplomatic and material cooperation,
/// reduced relations and fighting.
fn reciprocal(root: u8) -> bool {
    matches!(root, 3..=6 | 16 | 19)
}

#[cfg(test)]
pub(crate) mod tests;
