//! Quotations and their speakers.
//!
//! **Finding quotes.** Straight (`"`), curly (`“ ”`), low (`„`) and
//! guillemet (`« »`) marks are paired paragraph by paragraph. A straight
//! mark opens when it follows a space or an opening bracket and precedes a
//! letter; inside a quote any straight or closing mark closes it. A quote
//! still open at the end of its paragraph continues into the next one only
//! if that paragraph starts with an opening mark (the news convention for
//! multi-paragraph quotes); otherwise it closes there, so an unbalanced
//! mark never swallows the rest of an article.
//!
//! **Keeping quotes.** A quote of four or more words is kept; a shorter one
//! of two or three words ("a historic moment", "show restraint") only when
//! a speech verb introduces or follows it, or a speech act that quotes a
//! characterization ("accused X of \"reckless escalation\"").
//! Quoted titles and names in title case ("Operation Peace Spring") are
//! not speech and are dropped.
//!
//! **Speakers**, in this order:
//! 1. an attribution right after the closing mark: `"...," said Tokayev`,
//!    `"...," Radev said`, `"...," he said`, `"...," the ministry said`,
//!    `"...," the Bank of Japan official told Reuters`;
//! 2. the quote's own sentence before the opening mark: `According to Mr
//!    Waller, ...`, `Baker's statement that "..."`, `X said, "..."`,
//!    `X described the talks as "..."`, `X: "..."`, and otherwise the
//!    sentence's subject (partial quotes: `Radev expressed appreciation for
//!    the “traditionally warm and productive” relations`);
//! 3. a quote standing alone right after another quote of the same or the
//!    previous paragraph continues that speaker.
//!
//! "he"/"she" resolve to the last speaker or person subject in the text
//! before: sentences whose subject is itself a pronoun are skipped. A
//! speaker resolves to a person entity when one is mentioned, else to an
//! organization or country entity; a description without an entity ("the
//! senior ministry official") is kept as `speaker_name` with no id.

use dyad_model::{Analysis, ByteSpan, CharMap, Document, EntityKind, Quote};

use crate::lexicon::{self, Class, ClassSet};
use crate::numbers::TokKind;
use crate::quantities::Ctx;

pub(crate) fn extract(doc: &Document, analysis: &Analysis, map: &CharMap) -> Vec<Quote> {
    extract_in(&Ctx::new(doc, analysis), map)
}

/// [`extract`] with the document's context already built.
pub(crate) fn extract_in(ctx: &Ctx, map: &CharMap) -> Vec<Quote> {
    quotes(ctx)
        .into_iter()
        .map(|q| Quote {
            speaker: q.speaker.id,
            speaker_name: q.speaker.name,
            text: q.text,
            evidence: map.span(q.inner),
        })
        .collect()
}

/// A quote found in the text, before speakers.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Raw {
    /// The opening mark's byte offset.
    pub open: usize,
    /// Just after the closing mark (or the paragraph's end when unclosed).
    pub close: usize,
    /// From the first to the last quoted character.
    pub inner: ByteSpan,
    /// The quoted words, marks removed, paragraphs joined by a newline.
    pub text: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Speaker {
    pub id: Option<String>,
    pub name: Option<String>,
}

impl Speaker {
    fn is_some(&self) -> bool {
        self.name.is_some()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    pub raw: Raw,
    pub speaker: Speaker,
    pub text: String,
    pub inner: ByteSpan,
}

fn is_open_mark(c: char) -> bool {
    matches!(c, '“' | '„' | '«')
}

fn is_close_mark(c: char) -> bool {
    matches!(c, '”' | '»')
}

/// Pairs the quote marks of the text.
pub(crate) fn pair(text: &str, paragraphs: &[ByteSpan]) -> Vec<Raw> {
    let mut out = Vec::new();
    // (open offset, segments so far, current segment start)
    let mut open: Option<(usize, Vec<ByteSpan>, usize)> = None;
    for (pi, p) in paragraphs.iter().enumerate() {
        let para = &text[p.start..p.end];
        // Most paragraphs hold no quote mark: nothing opens or closes there.
        let marks = para.contains(|c: char| c == '"' || is_open_mark(c) || is_close_mark(c));
        let chars: Vec<(usize, char)> = if marks {
            para.char_indices().collect()
        } else {
            Vec::new()
        };
        for (k, &(i, c)) in chars.iter().enumerate() {
            let at = p.start + i;
            let prev = if k == 0 { None } else { Some(chars[k - 1].1) };
            let next = chars.get(k + 1).map(|x| x.1);
            match open.as_mut() {
                None => {
                    let opens = is_open_mark(c)
                        || (c == '"'
                            && prev.is_none_or(|p| {
                                p.is_whitespace()
                                    || matches!(p, '(' | '[' | '—' | '–' | '-' | ':' | '/')
                            })
                            && next.is_some_and(|n| !n.is_whitespace()));
                    if opens {
                        open = Some((at, Vec::new(), at + c.len_utf8()));
                    }
                }
                Some((_, _, seg_start)) => {
                    // A continuation paragraph's opening mark.
                    if k == 0 && (is_open_mark(c) || c == '"') && *seg_start == at {
                        *seg_start = at + c.len_utf8();
                        continue;
                    }
                    let closes = c == '"'
                        || is_close_mark(c)
                        || (c == '“'
                            && next.is_none_or(|n| n.is_whitespace() || n.is_ascii_punctuation()));
                    if closes {
                        let (o, mut segs, s) = open.take().expect("inside a quote");
                        segs.push(ByteSpan::new(s, at));
                        out.push(raw(text, o, at + c.len_utf8(), &segs));
                    }
                }
            }
        }
        // End of the paragraph with a quote open.
        if let Some((o, mut segs, s)) = open.take() {
            segs.push(ByteSpan::new(s.min(p.end), p.end));
            let next_opens = paragraphs.get(pi + 1).is_some_and(|n| {
                text[n.start..n.end]
                    .chars()
                    .next()
                    .is_some_and(|c| is_open_mark(c) || c == '"')
            });
            if next_opens {
                let n = paragraphs[pi + 1];
                open = Some((o, segs, n.start));
            } else {
                out.push(raw(text, o, p.end, &segs));
            }
        }
    }
    if let Some((o, mut segs, s)) = open.take() {
        let end = paragraphs.last().map_or(text.len(), |p| p.end);
        segs.push(ByteSpan::new(s.min(end), end));
        out.push(raw(text, o, end, &segs));
    }
    out
}

fn raw(text: &str, open: usize, close: usize, segs: &[ByteSpan]) -> Raw {
    let parts: Vec<&str> = segs
        .iter()
        .filter(|s| s.start < s.end)
        .map(|s| text[s.start..s.end].trim())
        .filter(|s| !s.is_empty())
        .collect();
    let mut joined = String::new();
    for (k, part) in parts.iter().enumerate() {
        if k > 0 {
            joined.push('\n');
        }
        joined.push_str(&part.split_whitespace().collect::<Vec<_>>().join(" "));
    }
    let t = joined.trim_end_matches([',', ' ']).to_string();
    let first = segs.iter().find(|s| s.start < s.end);
    let last = segs.iter().rev().find(|s| s.start < s.end);
    let inner = match (first, last) {
        (Some(f), Some(l)) => {
            let s =
                f.start + (text[f.start..f.end].len() - text[f.start..f.end].trim_start().len());
            let e = l.start + text[l.start..l.end].trim_end().trim_end_matches(',').len();
            ByteSpan::new(s, e.max(s))
        }
        _ => ByteSpan::new(open, open),
    };
    Raw {
        open,
        close,
        inner,
        text: t,
    }
}

/// Verbs that introduce a quote: statements, and speech acts that quote a
/// characterization (`[characterizing_verb]`: they introduce a short quote
/// but do not mark the subject of a sentence the way speech verbs do).
const INTRODUCING: ClassSet = ClassSet::of(&[Class::SpeechVerb, Class::CharacterizingVerb]);

const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "lord", "lady", "sir", "dame", "baroness", "baron", "prof",
];

const ROLE_NOUNS: &[&str] = &[
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "source",
    "sources",
    "analyst",
    "analysts",
    "diplomat",
    "diplomats",
    "dealer",
    "dealers",
    "economist",
    "economists",
    "trader",
    "traders",
    "expert",
    "experts",
    "observers",
    "delegates",
    "delegate",
    "representative",
    "representatives",
    "statement",
    "ministry",
    "government",
    "embassy",
    "office",
    "spokespeople",
    "minister",
    "aide",
    "aides",
    "executive",
];

fn quotes(ctx: &Ctx) -> Vec<Found> {
    let text = ctx.text;
    let raws = pair(text, &ctx.paragraphs);
    let quoted: Vec<ByteSpan> = raws
        .iter()
        .map(|r| ByteSpan::new(r.open, r.close))
        .collect();
    let reader = parse::Reader::new(ctx, &quoted);
    let mut out: Vec<Found> = Vec::new();
    for (qi, r) in raws.iter().enumerate() {
        let words = r
            .text
            .split_whitespace()
            .filter(|w| w.chars().any(char::is_alphabetic))
            .count();
        if words < 2 {
            continue;
        }
        let long: Vec<&str> = r
            .text
            .split_whitespace()
            .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() > 3)
            .collect();
        let title = !long.is_empty()
            && long
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase));
        if title && words <= 8 {
            continue;
        }
        let after = after_attribution(ctx, r, &raws[qi + 1..], &quoted, &out);
        let before = if after.is_some() {
            None
        } else {
            before_attribution(ctx, r, &quoted, &out)
        };
        let introduced = before.as_ref().is_some_and(|b| b.1);
        if words < 4 && after.is_none() && !introduced {
            continue;
        }
        let parsed = reader
            .as_ref()
            .and_then(|p| p.attribution(r, &out))
            .and_then(|a| a.speaker);
        let speaker = parsed
            .or(after)
            .or_else(|| before.map(|b| b.0).filter(Speaker::is_some))
            .or_else(|| continuation(ctx, r, &out))
            .unwrap_or_default();
        out.push(Found {
            raw: r.clone(),
            speaker,
            text: r.text.clone(),
            inner: r.inner,
        });
    }
    out
}

/// Tokens of `span` outside every quote, as indices.
fn outside(ctx: &Ctx, span: ByteSpan, quoted: &[ByteSpan]) -> Vec<usize> {
    ctx.toks_in(span)
        .filter(|&i| {
            let t = ctx.toks[i];
            !quoted.iter().any(|q| q.start <= t.start && t.end <= q.end)
        })
        .collect()
}

fn lower<'a>(ctx: &Ctx<'a>, i: usize) -> std::borrow::Cow<'a, str> {
    crate::numbers::lower(ctx.toks[i].text(ctx.text))
}

fn is_pronoun(w: &str) -> bool {
    matches!(w, "he" | "she")
}

/// `"...," said X` / `"...," X said` right after the closing mark.
fn after_attribution(
    ctx: &Ctx,
    r: &Raw,
    later: &[Raw],
    quoted: &[ByteSpan],
    done: &[Found],
) -> Option<Speaker> {
    let text = ctx.text;
    let end_char = text[..r.close].chars().next_back();
    let sentence = ctx.sentence(r.close.saturating_sub(1));
    let mut limit = sentence.end.max(r.close);
    // The attribution may lie past the sentence splitter's cut after `."`.
    if limit <= r.close + 1 {
        limit = text[r.close..]
            .find(['.', '\n'])
            .map_or(text.len(), |p| r.close + p + 1);
    }
    if let Some(n) = later.first() {
        limit = limit.min(n.open);
    }
    let window = ByteSpan::new(r.close, limit);
    let toks: Vec<usize> = ctx.toks_in(window).collect();
    if toks.is_empty() {
        return None;
    }
    // A quote ending its sentence ("...moment.") is not followed by its
    // attribution unless the text goes on in lower case ("he said").
    let _ = end_char;
    if r.text.ends_with(['.', '!', '?'])
        && ctx.toks[toks[0]]
            .text(text)
            .chars()
            .next()
            .is_some_and(|c| !c.is_lowercase())
    {
        return None;
    }
    let mut k = 0;
    if ctx.toks[toks[0]].text(text) == "," {
        k = 1;
    }
    let verb_at = toks
        .iter()
        .enumerate()
        .skip(k)
        .take(12)
        .find(|(_, &i)| lexicon::is(&lower(ctx, i), Class::SpeechVerb))
        .map(|(p, _)| p)?;
    // Nothing but a noun phrase may stand between the mark and the verb.
    let between = &toks[k..verb_at];
    // Dots of initials and abbreviations ("U.S.", "Charles H. Dallara") are
    // part of a noun phrase.
    let abbreviation = |i: usize| {
        i > 0 && {
            let p = ctx.toks[i - 1];
            p.end == ctx.toks[i].start && p.kind == TokKind::Word && p.text(text).len() <= 2
        }
    };
    if between.iter().any(|&i| {
        (matches!(ctx.toks[i].text(text), "." | ";" | "!" | "?")
            && !(ctx.toks[i].text(text) == "." && abbreviation(i)))
            || matches!(lower(ctx, i).as_ref(), "and" | "this" | "that" | "which")
    }) {
        return None;
    }
    let (np, _) = if between.is_empty() {
        // "said Tokayev", "said Al Breach, an economist at ..."
        let after: Vec<usize> = toks[verb_at + 1..]
            .iter()
            .copied()
            .take_while(|&i| !matches!(ctx.toks[i].text(text), "," | "." | ";" | "(" | "—" | "–"))
            .take(8)
            .collect();
        (after, ())
    } else {
        (between.to_vec(), ())
    };
    if np.is_empty() {
        return None;
    }
    let span = ByteSpan::new(ctx.toks[np[0]].start, ctx.toks[*np.last()?].end);
    resolve_np(ctx, span, r.open, quoted, done)
}

/// Resolves a noun phrase naming a speaker.
fn resolve_np(
    ctx: &Ctx,
    span: ByteSpan,
    before: usize,
    quoted: &[ByteSpan],
    done: &[Found],
) -> Option<Speaker> {
    let text = ctx.text;
    let a = ctx.analysis;
    let words: Vec<std::borrow::Cow<str>> = ctx.toks_in(span).map(|i| lower(ctx, i)).collect();
    if words.len() == 1 && is_pronoun(&words[0]) {
        return last_subject(ctx, before, quoted, done);
    }
    if words
        .first()
        .is_some_and(|w| matches!(w.as_ref(), "they" | "it" | "we" | "i" | "you"))
    {
        return None;
    }
    let mentions = a.mentions_in(span);
    let kind_of = |m: &dyad_model::Mention| a.entities.get(m.entity).map(|e| e.kind);
    if let Some(m) = mentions
        .iter()
        .find(|m| kind_of(m) == Some(EntityKind::Person))
    {
        let e = &a.entities[m.entity];
        return Some(Speaker {
            id: Some(e.id.clone()),
            name: Some(e.name.clone()),
        });
    }
    let role = words
        .last()
        .is_some_and(|w| ROLE_NOUNS.contains(&w.as_ref()));
    let described = role
        && !matches!(
            words.last().map(|w| w.as_ref()),
            Some("ministry" | "government" | "embassy" | "office")
        );
    // "Mr German", "Lord Holme": a titled name is a person.
    let titled = words.iter().any(|w| HONORIFICS.contains(&w.as_ref()));
    // "U.S. Trade Representative Clayton Yeutter", "Deputy prime minister
    // Kim Mahn-Je": a name the gazetteer lacks ends the phrase.
    if !described && !titled {
        if let Some(name) = trailing_name(ctx, span) {
            return Some(Speaker {
                id: None,
                name: Some(name),
            });
        }
    }
    if !described && !titled {
        let org = mentions
            .iter()
            .find(|m| kind_of(m) == Some(EntityKind::Organization))
            .or_else(|| {
                mentions
                    .iter()
                    .find(|m| kind_of(m) == Some(EntityKind::Country))
            });
        if let Some(m) = org {
            let e = &a.entities[m.entity];
            return Some(Speaker {
                id: Some(e.id.clone()),
                name: Some(e.name.clone()),
            });
        }
    }
    // A description or an unknown name: keep its words.
    let mut s = span.start;
    for i in ctx.toks_in(span) {
        let w = lower(ctx, i);
        if matches!(
            w.as_ref(),
            "the"
                | "a"
                | "an"
                | "mr"
                | "mrs"
                | "ms"
                | "dr"
                | "."
                | "and"
                | "but"
                | "while"
                | "as"
                | "so"
        ) {
            s = ctx.toks[i].end;
        } else {
            break;
        }
    }
    let mut end = span.end;
    if !role {
        // An unknown name: its capitalized words only ("Schwartz went on to").
        let mut last = None;
        for i in ctx.toks_in(ByteSpan::new(s, span.end)) {
            let t = ctx.toks[i];
            let w = t.text(text);
            let cap = w.chars().next().is_some_and(char::is_uppercase);
            let joiner = matches!(w, "of" | "de" | "van" | "von" | "al" | "bin" | "." | "-");
            if cap {
                last = Some(t.end);
            } else if !joiner {
                break;
            }
        }
        end = last.unwrap_or(s);
    }
    let name = text[s..end.max(s)].trim().trim_start_matches('.').trim();
    let capitalized = name.chars().next().is_some_and(char::is_uppercase);
    if name.is_empty() || !(capitalized || role) {
        return None;
    }
    Some(Speaker {
        id: None,
        name: Some(name.to_string()),
    })
}

/// The last one or two capitalized words of a phrase when they are a name
/// no entity covers: not a role, not inside an organization or country
/// mention, and preceded by a title or role word.
fn trailing_name(ctx: &Ctx, span: ByteSpan) -> Option<String> {
    let text = ctx.text;
    let idx: Vec<usize> = ctx.toks_in(span).collect();
    let titles = [
        "representative",
        "minister",
        "president",
        "secretary",
        "chairman",
        "governor",
        "director",
        "spokesman",
        "spokeswoman",
        "ambassador",
        "delegate",
        "envoy",
        "chief",
        "senator",
        "premier",
        "chancellor",
        "leader",
        "official",
        "head",
        "economist",
        "analyst",
        "adviser",
        "advisor",
        "commissioner",
        "general",
        "mayor",
    ];
    let covered = |i: usize| {
        let t = ctx.toks[i];
        ctx.analysis
            .mentions
            .iter()
            .any(|m| m.span.start <= t.start && t.end <= m.span.end)
    };
    // Walk back over capitalized words and initials to a title word.
    let mut start = None;
    let mut words = 0;
    for (k, &i) in idx.iter().enumerate().rev() {
        let t = ctx.toks[i];
        let w = t.text(text);
        if titles.contains(&w.to_ascii_lowercase().as_str()) {
            start = idx.get(k + 1).copied();
            break;
        }
        let cap = t.kind == TokKind::Word && w.chars().next().is_some_and(char::is_uppercase);
        if (cap && !covered(i)) || w == "." {
            words += usize::from(cap && w.len() > 1);
            continue;
        }
        return None;
    }
    let first = start?;
    if words < 2 {
        return None;
    }
    Some(text[ctx.toks[first].start..span.end].to_string())
}

/// The speaker named before the opening mark in the quote's sentence.
/// Returns the speaker and whether a speech verb or colon introduced it.
fn before_attribution(
    ctx: &Ctx,
    r: &Raw,
    quoted: &[ByteSpan],
    done: &[Found],
) -> Option<(Speaker, bool)> {
    let text = ctx.text;
    let sentence = ctx.sentence(r.open);
    let span = ByteSpan::new(sentence.start.min(r.open), r.open);
    let toks = outside(ctx, span, quoted);
    if toks.is_empty() {
        return None;
    }
    let words: Vec<std::borrow::Cow<str>> = toks.iter().map(|&i| lower(ctx, i)).collect();
    let introduced = words
        .iter()
        .any(|w| lexicon::classes(w).intersects(INTRODUCING) || w == ":")
        || words
            .windows(2)
            .any(|w| w[0] == "according" && w[1] == "to");
    // "According to Mr Waller, ..."
    if let Some(p) = words
        .windows(2)
        .position(|w| w[0] == "according" && w[1] == "to")
    {
        let np: Vec<usize> = toks[p + 2..]
            .iter()
            .copied()
            .take_while(|&i| ctx.toks[i].text(text) != ",")
            .collect();
        if let (Some(&f), Some(&l)) = (np.first(), np.last()) {
            let s = resolve_np(
                ctx,
                ByteSpan::new(ctx.toks[f].start, ctx.toks[l].end),
                r.open,
                quoted,
                done,
            );
            if let Some(s) = s {
                return Some((s, true));
            }
        }
    }
    // "Baker's additional statement that ..."
    let statement = [
        "statement",
        "remark",
        "remarks",
        "words",
        "comment",
        "comments",
        "assertion",
        "message",
        "pledge",
        "promise",
    ];
    if let Some(p) = words.iter().rposition(|w| statement.contains(&w.as_ref())) {
        for back in 1..=2 {
            let Some(q) = p.checked_sub(back) else { break };
            let t = ctx.toks[toks[q]];
            let w = t.text(text);
            if w.ends_with("'s") || w.ends_with("’s") {
                let s = resolve_np(ctx, ByteSpan::new(t.start, t.end), r.open, quoted, done);
                if let Some(s) = s {
                    return Some((s, true));
                }
            }
        }
    }
    // The sentence's subject.
    match subject(ctx, sentence, r.open, quoted, done) {
        Subject::Named(s) => Some((s, introduced)),
        Subject::Pronoun => {
            last_subject(ctx, sentence.start, quoted, done).map(|s| (s, introduced))
        }
        Subject::Unknown => None,
    }
}

/// The subject of a sentence, as a speaker.
#[derive(Debug)]
enum Subject {
    Named(Speaker),
    /// "he"/"she": someone named before.
    Pronoun,
    Unknown,
}

/// The subject of a sentence as a speaker: the noun phrase before its first
/// speech verb, else its first person mention; `None` for a pronoun subject.
/// Only text before `limit` is read.
fn subject(
    ctx: &Ctx,
    sentence: ByteSpan,
    limit: usize,
    quoted: &[ByteSpan],
    done: &[Found],
) -> Subject {
    let text = ctx.text;
    let a = ctx.analysis;
    let span = ByteSpan::new(sentence.start, limit.min(sentence.end).max(sentence.start));
    let toks = outside(ctx, span, quoted);
    let first_words: Vec<std::borrow::Cow<str>> =
        toks.iter().take(3).map(|&i| lower(ctx, i)).collect();
    let pronoun_subject = first_words.first().is_some_and(|w| is_pronoun(w))
        || (first_words.len() >= 2
            && matches!(
                first_words[0].as_ref(),
                "but" | "and" | "so" | "however" | "also"
            )
            && is_pronoun(first_words[1].trim_matches(',')));
    if let Some(v) = toks
        .iter()
        .position(|&i| lexicon::is(&lower(ctx, i), Class::SpeechVerb))
    {
        // The noun phrase before the verb, back to a comma or the start
        // ("Another peer, Lord Skidelsky, said": the name before the comma).
        let mut v_end = v;
        if v > 1 && ctx.toks[toks[v - 1]].text(text) == "," {
            v_end = v - 1;
            // "Rodrigo de Rato, the IMF's managing director, said": the
            // person named before the apposition.
            if let Some(sp) = first_person(ctx, &toks[..v_end]) {
                return Subject::Named(sp);
            }
        }
        let mut s = v_end;
        while s > 0 && ctx.toks[toks[s - 1]].text(text) != "," && v_end - s < 8 {
            s -= 1;
        }
        if s < v_end {
            let np = ByteSpan::new(ctx.toks[toks[s]].start, ctx.toks[toks[v_end - 1]].end);
            let w = lower(ctx, toks[s]);
            if is_pronoun(&w) {
                return Subject::Pronoun;
            }
            if let Some(sp) = resolve_np(ctx, np, limit, quoted, done) {
                return Subject::Named(sp);
            }
        }
    }
    if pronoun_subject {
        return Subject::Pronoun;
    }
    if let Some(sp) = first_person(ctx, &toks) {
        return Subject::Named(sp);
    }
    // An organization as the sentence's first words: "The SDF said ...".
    let Some(first) = toks.first().map(|&i| ctx.toks[i].start) else {
        return Subject::Unknown;
    };
    for m in a.mentions_in(ByteSpan::new(first, limit.max(first))) {
        if let Some(e) = a.entities.get(m.entity) {
            if matches!(e.kind, EntityKind::Organization) && m.span.start < first + 40 {
                return Subject::Named(Speaker {
                    id: Some(e.id.clone()),
                    name: Some(e.name.clone()),
                });
            }
        }
    }
    Subject::Unknown
}

/// The first person mentioned among the tokens `toks` (indices).
fn first_person(ctx: &Ctx, toks: &[usize]) -> Option<Speaker> {
    let a = ctx.analysis;
    for &i in toks {
        let t = ctx.toks[i];
        if t.kind != TokKind::Word {
            continue;
        }
        for m in a.mentions_in(ByteSpan::new(t.start, t.end.max(t.start + 1))) {
            if let Some(e) = a.entities.get(m.entity) {
                if e.kind == EntityKind::Person {
                    return Some(Speaker {
                        id: Some(e.id.clone()),
                        name: Some(e.name.clone()),
                    });
                }
            }
        }
    }
    None
}

/// The last speaker or person subject before byte `at`: for "he said".
fn last_subject(ctx: &Ctx, at: usize, quoted: &[ByteSpan], done: &[Found]) -> Option<Speaker> {
    let last_quote = done
        .iter()
        .rev()
        .find(|q| q.raw.close <= at && q.speaker.is_some());
    let i = ctx.sentences.partition_point(|s| s.start < at);
    for k in (0..i).rev() {
        let s = ctx.sentences[k];
        if let Some(q) = last_quote {
            if q.raw.open >= s.end {
                return Some(q.speaker.clone());
            }
        }
        let limit = s.end.min(at);
        if let Subject::Named(sp) = subject(ctx, s, limit, quoted, done) {
            // A quote of this sentence resolved later than its subject wins.
            if let Some(q) = last_quote {
                if q.raw.open >= s.start {
                    return Some(q.speaker.clone());
                }
            }
            return Some(sp);
        }
        if k + 12 < i {
            break;
        }
    }
    last_quote.map(|q| q.speaker.clone())
}

/// A quote with no attribution of its own, right after another quote in
/// the same or the previous paragraph: that quote's speaker.
fn continuation(ctx: &Ctx, r: &Raw, done: &[Found]) -> Option<Speaker> {
    let prev = done.last()?;
    let pi = ctx.paragraph_index(r.open);
    let pp = ctx.paragraph_index(prev.raw.close.saturating_sub(1));
    (pi <= pp + 1 && prev.speaker.is_some()).then(|| prev.speaker.clone())
}

mod parse;

#[cfg(test)]
mod tests;
