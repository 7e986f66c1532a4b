//! Speakers read from the dependency parse (`Analysis::syntax`).
//!
//! The speaker of a quotation is the subject of the speech verb that
//! governs it: the verb the quote's clause depends on (`ccomp` or
//! `parataxis` of "said", before or after the quote, inverted "said X"
//! included), reached by climbing the tree from the quoted words, or a
//! speech verb hanging off the quote itself (`"...," he said` parsed with the
//! quote as the root). A verb with no subject of its own takes the subject
//! of the verb it depends on ("..., adding that", "said and added", "was
//! quoted as saying"); a participle or relative clause on a noun takes the
//! noun ("a statement saying", "Lin, who said"). "according to X" names X.
//!
//! The subject names the speaker:
//! - an apposition names the same person: "Ana Ruiz, Peru's envoy to the
//!   UN, said" gives Ana Ruiz, never the organization inside the apposition
//!   ("Peru's envoy, Ana Ruiz, said" gives her too);
//! - "he"/"she" resolve to the latest person in the sentences before (a
//!   quote's speaker, else a subject, else a person named), "it" to the
//!   latest organization;
//! - a definite description resolves to what the document introduced: "the
//!   spokeswoman" to the person introduced with that title ("Ministry
//!   spokeswoman Pham Thu Hang"), "the ministry" or "the newspaper" to the
//!   organization named with that noun ("the daily El Mercurio"), "the
//!   statement" to whoever issued it; otherwise it stays a description
//!   ("senior Finance Ministry official"), with its country adjective.
//!
//! Everything here is bounded by the sentence: climbs stop at the root or
//! at a visited token, and antecedents are looked for at most
//! [`BACK_SENTENCES`] sentences back.

use std::collections::HashMap;

use dyad_model::syntax::{Dep, Pos, Syntax, Tag};
use dyad_model::{ByteSpan, EntityKind, Mention};

use super::{Found, Raw, Speaker};
use crate::lexicon::{self, Class};
use crate::quantities::Ctx;

/// How far back a pronoun or a description looks for what it names.
const BACK_SENTENCES: usize = 12;

/// How far back a one-word name looks for its full form.
const NAME_SENTENCES: usize = 40;

/// Nouns naming a person by role: "the spokesman said".
const PERSON_ROLES: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "president",
    "premier",
    "ambassador",
    "envoy",
    "official",
    "diplomat",
    "secretary",
    "chairman",
    "chairwoman",
    "chair",
    "governor",
    "director",
    "chief",
    "leader",
    "commissioner",
    "adviser",
    "advisor",
    "aide",
    "negotiator",
    "delegate",
    "representative",
    "executive",
    "analyst",
    "economist",
    "expert",
    "researcher",
    "source",
    "banker",
    "dealer",
    "trader",
    "observer",
    "mayor",
    "senator",
    "general",
    "commander",
    "prosecutor",
    "chancellor",
    "king",
    "queen",
    "prince",
];

/// Titles and honorifics that stand before a name and are not part of it.
const NAME_TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "captain",
    "capt",
    "colonel",
    "col",
    "lieutenant",
    "lt",
    "sergeant",
    "sgt",
    "major",
    "detective",
    "inspector",
    "superintendent",
    "officer",
    "constable",
    "judge",
    "justice",
    "attorney",
    "rep",
    "sen",
    "gov",
    "assemblywoman",
    "assemblyman",
    "congressman",
    "congresswoman",
    "councillor",
    "councilman",
    "councilwoman",
    "author",
    "co-author",
    "coach",
    "pastor",
    "father",
    "rabbi",
    "imam",
    "sheikh",
    "deputy",
    "vice",
    "acting",
];

/// Whether `w` (lowercase) is a title before a name.
fn is_title(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    PERSON_ROLES.contains(&w) || NAME_TITLES.contains(&w)
}

/// Nouns naming an organization, grouped by what they may name: "the
/// newspaper" names a daily introduced as "the daily El Mercurio".
const ORG_GROUPS: &[&[&str]] = &[
    &["ministry", "department"],
    &["government", "administration", "cabinet"],
    &["embassy", "consulate", "mission"],
    &[
        "newspaper",
        "daily",
        "paper",
        "tabloid",
        "weekly",
        "magazine",
        "journal",
    ],
    &["agency"],
    &["broadcaster", "television", "channel", "station", "network"],
    &["company", "firm", "group", "corporation", "operator"],
    &["bank"],
    &["office", "presidency"],
    &["army", "military", "navy", "force", "forces"],
    &["police"],
    &[
        "council",
        "commission",
        "committee",
        "authority",
        "board",
        "court",
    ],
    &["parliament", "assembly", "congress", "senate"],
    &["party", "movement", "coalition", "union", "association"],
    &["organization", "organisation", "alliance", "bloc"],
    &["statement", "communique", "communiqué", "release"],
];

/// The kind of a speaker, for pronouns: "he" needs a person, "it" an
/// organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Person,
    Org,
}

/// A quotation's attribution found in the parse.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Attribution {
    /// The named speaker, when the subject could be named.
    pub speaker: Option<Speaker>,
}

/// The parse of a document, read for speakers.
pub(super) struct Reader<'a> {
    ctx: &'a Ctx<'a>,
    syn: &'a Syntax,
    quoted: &'a [ByteSpan],
    kinds: HashMap<&'a str, EntityKind>,
}

impl<'a> Reader<'a> {
    /// `None` when the analysis has no parse (hand-built analyses in tests).
    pub(super) fn new(ctx: &'a Ctx<'a>, quoted: &'a [ByteSpan]) -> Option<Reader<'a>> {
        let syn = &ctx.analysis.syntax;
        if syn.tokens.is_empty() {
            return None;
        }
        let kinds = ctx
            .analysis
            .entities
            .iter()
            .map(|e| (e.id.as_str(), e.kind))
            .collect();
        Some(Reader {
            ctx,
            syn,
            quoted,
            kinds,
        })
    }

    fn text(&self, i: usize) -> &'a str {
        self.syn.text(self.ctx.text, i)
    }

    fn lower(&self, i: usize) -> std::borrow::Cow<'a, str> {
        crate::numbers::lower(self.text(i))
    }

    fn lemma(&self, i: usize) -> &str {
        self.syn.lemma(i)
    }

    fn head(&self, i: usize) -> usize {
        self.syn.tokens[i].head as usize
    }

    fn dep(&self, i: usize) -> Dep {
        self.syn.tokens[i].dep
    }

    fn span(&self, i: usize) -> ByteSpan {
        self.syn.tokens[i].span
    }

    /// Whether token `i` lies inside a quotation.
    fn in_quote(&self, i: usize) -> bool {
        let t = self.span(i);
        let k = self.quoted.partition_point(|q| q.start <= t.start);
        k > 0 && t.end <= self.quoted[k - 1].end
    }

    fn is_speech_verb(&self, i: usize) -> bool {
        let tag = self.syn.tokens[i].tag.as_str();
        tag.starts_with("VB")
            && (lexicon::is(&self.lower(i), Class::SpeechVerb)
                || lexicon::is(&crate::numbers::lower(self.lemma(i)), Class::SpeechLemma))
    }

    /// The tokens inside `span`, as an index range.
    fn range(&self, span: ByteSpan) -> (usize, usize) {
        let toks = &self.syn.tokens;
        let a = toks.partition_point(|t| t.span.start < span.start);
        let b = toks.partition_point(|t| t.span.end <= span.end).max(a);
        (a, b)
    }

    /// The attribution of quote `r`: its speech verb's subject, named.
    /// `None` when no speech verb governs the quote.
    pub(super) fn attribution(&self, r: &Raw, done: &[Found]) -> Option<Attribution> {
        let (qa, qb) = self.range(ByteSpan::new(r.open, r.close));
        if qa >= qb {
            return None;
        }
        let inside = |i: usize| qa <= i && i < qb;
        let mut visited: Vec<usize> = Vec::new();
        // (token, whether it is "according" rather than a verb)
        let mut found: Vec<(usize, bool)> = Vec::new();
        for i in qa..qb {
            for c in self.syn.children(i) {
                if inside(c) || self.in_quote(c) {
                    continue;
                }
                if self.lower(c) == "according" {
                    found.push((c, true));
                } else if self.is_speech_verb(c)
                    && matches!(
                        self.dep(c),
                        Dep::parataxis | Dep::ccomp | Dep::conj | Dep::advcl | Dep::dep
                    )
                {
                    found.push((c, false));
                }
            }
            let mut h = self.head(i);
            if inside(h) {
                continue;
            }
            // Climb to the first speech verb outside the quotes.
            loop {
                if visited.contains(&h) {
                    break;
                }
                visited.push(h);
                if !self.in_quote(h) {
                    if self.is_speech_verb(h) {
                        found.push((h, false));
                        break;
                    }
                    if let Some(c) = self
                        .syn
                        .children(h)
                        .find(|&c| self.lower(c) == "according" && !self.in_quote(c))
                    {
                        found.push((c, true));
                        break;
                    }
                }
                let up = self.head(h);
                if up == h || inside(up) {
                    break;
                }
                h = up;
            }
        }
        // The attribution lies in the quote's paragraphs.
        let pa = self.ctx.paragraph_index(r.open);
        let pb = self.ctx.paragraph_index(r.close.saturating_sub(1));
        found.retain(|&(v, _)| {
            let p = self.ctx.paragraph_index(self.span(v).start);
            pa <= p && p <= pb
        });
        let distance = |v: usize| if v < qa { qa - v } else { v + 1 - qb };
        let &(v, according) = found.iter().min_by_key(|(v, _)| distance(*v))?;
        let at = self.span(v).start.min(r.open);
        let subject = if according {
            self.syn
                .children(v)
                .find(|&c| self.lower(c) == "to")
                .and_then(|to| self.syn.children_with(to, Dep::pobj).next())
        } else {
            self.subject_of(v)
        };
        let speaker = subject.and_then(|s| self.speaker_of(s, at, done).map(|x| x.0));
        Some(Attribution { speaker })
    }

    /// The subject of speech verb `v`, taken from the verb it depends on
    /// when it has none.
    fn subject_of(&self, v: usize) -> Option<usize> {
        let mut v = v;
        for _ in 0..6 {
            if let Some(s) = self.syn.children_with(v, Dep::nsubj).next() {
                let relative = matches!(self.syn.tokens[s].tag, Tag::WP | Tag::WDT);
                if relative && self.dep(v) == Dep::relcl {
                    return Some(self.head(v));
                }
                return (!relative).then_some(s);
            }
            if self.lemma(v) == "quote" {
                if let Some(s) = self.syn.children_with(v, Dep::nsubjpass).next() {
                    return Some(s);
                }
            }
            let h = self.head(v);
            if h == v {
                return None;
            }
            // "Kyodo quoted Nakasone as saying": the one quoted speaks.
            if self.dep(v) == Dep::pcomp && self.lower(h) == "as" {
                let verb = self.head(h);
                if let Some(o) = self.syn.children_with(verb, Dep::dobj).next() {
                    return Some(o);
                }
            }
            match self.dep(v) {
                Dep::advcl | Dep::conj | Dep::xcomp | Dep::pcomp | Dep::prep => v = h,
                Dep::acl | Dep::relcl => return Some(h),
                _ => return None,
            }
        }
        None
    }

    /// The left edge of the noun phrase headed by `x` (determiners,
    /// modifiers, compounds, possessors), `x` itself its right edge.
    fn left_edge(&self, x: usize) -> usize {
        let mut lo = x;
        for c in self.syn.children(x) {
            if c < x
                && matches!(
                    self.dep(c),
                    Dep::det
                        | Dep::compound
                        | Dep::amod
                        | Dep::poss
                        | Dep::nmod
                        | Dep::nummod
                        | Dep::quantmod
                        | Dep::case
                        | Dep::predet
                )
            {
                lo = lo.min(self.syn.subtree(c).0);
            }
        }
        lo
    }

    /// The mentions inside the token range `[lo, hi]`.
    fn mentions(&self, lo: usize, hi: usize) -> &'a [Mention] {
        let span = ByteSpan::new(self.span(lo).start, self.span(hi).end);
        self.ctx.analysis.mentions_in(span)
    }

    fn entity_speaker(&self, m: &Mention) -> Option<(Speaker, Kind)> {
        let e = self.ctx.analysis.entities.get(m.entity)?;
        let kind = match e.kind {
            EntityKind::Person => Kind::Person,
            EntityKind::Organization | EntityKind::Country => Kind::Org,
            _ => return None,
        };
        Some((
            Speaker {
                id: Some(e.id.clone()),
                name: Some(e.name.clone()),
            },
            kind,
        ))
    }

    fn mention_kind(&self, m: &Mention) -> Option<EntityKind> {
        self.ctx.analysis.entities.get(m.entity).map(|e| e.kind)
    }

    /// Whether mention `m` covers token `i`.
    fn covers(&self, m: &Mention, i: usize) -> bool {
        let t = self.span(i);
        m.span.start <= t.start && t.end <= m.span.end
    }

    /// Names the noun phrase headed by subject `s`, for a quote at byte
    /// `at`.
    fn speaker_of(&self, s: usize, at: usize, done: &[Found]) -> Option<(Speaker, Kind)> {
        match self.lower(s).as_ref() {
            "he" | "she" => return self.antecedent(at, Kind::Person, done),
            "it" => return self.antecedent(at, Kind::Org, done),
            "they" | "we" | "i" | "you" | "this" | "that" | "these" | "those" | "who" | "which" => {
                return None
            }
            _ => {}
        }
        // An apposition names the same speaker: keep the name.
        if let Some(a) = self.syn.children_with(s, Dep::appos).next() {
            let person_in = |x: usize| {
                self.mentions(self.left_edge(x), x)
                    .iter()
                    .any(|m| self.mention_kind(m) == Some(EntityKind::Person))
            };
            let proper = |x: usize| self.syn.tokens[x].pos == Pos::PROPN;
            let pick = if person_in(s) {
                s
            } else if person_in(a) || ((!proper(s) || is_title(&self.lower(s))) && proper(a)) {
                a
            } else {
                s
            };
            return self.name_of(pick, at, done);
        }
        self.name_of(s, at, done)
    }

    /// Names the noun phrase headed by `x`.
    fn name_of(&self, x: usize, at: usize, done: &[Found]) -> Option<(Speaker, Kind)> {
        let lo = self.left_edge(x);
        let mentions = self.mentions(lo, x);
        let lemma = crate::numbers::lower(self.lemma(x)).into_owned();
        let role = PERSON_ROLES.contains(&lemma.as_str());
        // A person the head names, or an entity the head belongs to (not a
        // modifier: "Merrill Lynch analyst Thomas Kurlack" is Kurlack).
        if let Some(m) = mentions
            .iter()
            .filter(|m| self.mention_kind(m) == Some(EntityKind::Person))
            .find(|m| self.covers(m, x))
        {
            return self.entity_speaker(m);
        }
        // A country inside a longer name is not the speaker ("Nikki
        // Holland"): the name has capitalized words of its own before it.
        let own_words = |m: &Mention| {
            self.syn
                .children_with(x, Dep::compound)
                .any(|c| self.span(c).end <= m.span.start && self.syn.tokens[c].pos == Pos::PROPN)
        };
        if let Some(m) = mentions.iter().find(|m| {
            self.covers(m, x)
                && match self.mention_kind(m) {
                    Some(EntityKind::Organization) => true,
                    Some(EntityKind::Country) => !own_words(m),
                    _ => false,
                }
        }) {
            return self.entity_speaker(m);
        }
        let proper = self.syn.tokens[x].pos == Pos::PROPN;
        if proper && !role {
            let name = self.unknown_name(x, lo)?;
            let full = match name.name.as_deref() {
                Some(w) if !w.contains(' ') => self.full_name(w, at),
                _ => None,
            };
            return Some((full.unwrap_or(name), Kind::Person));
        }
        let definite = self
            .syn
            .children_with(x, Dep::det)
            .any(|d| matches!(self.lower(d).as_ref(), "the" | "this"));
        let group = ORG_GROUPS.iter().find(|g| g.contains(&lemma.as_str()));
        if role {
            // "the mayor of Paris, Anne Hidalgo,": the name in apposition
            // inside the phrase.
            let (_, hi) = self.syn.subtree(x);
            if let Some(a) = (x + 1..=hi).find(|&k| {
                self.dep(k) == Dep::appos
                    && self.syn.tokens[k].pos == Pos::PROPN
                    && !self.in_quote(k)
            }) {
                if let Some(found) = self.name_of(a, at, done) {
                    return Some(found);
                }
            }
            if definite {
                if let Some(p) = self.introduced_person(&lemma, at) {
                    return Some(p);
                }
                // "A CRE spokesman said ... the spokesman said": the fuller
                // description introduced before.
                let bare = (lo..x).all(|m| self.dep(m) == Dep::det);
                if let Some(d) = bare.then(|| self.introduced_description(x)).flatten() {
                    return Some((d, Kind::Person));
                }
            }
            return self.description(x, lo).map(|d| (d, Kind::Person));
        }
        if let Some(group) = group {
            if group.contains(&"statement") {
                if let Some(by) = self.statement_author(x, at, done) {
                    return Some(by);
                }
                return None;
            }
            if definite {
                if let Some(o) = self.introduced_org(group, at) {
                    return Some(o);
                }
            }
            // A description with a country or organization inside: "the
            // Chinese embassy", "Peru's government".
            if let Some(m) = mentions.iter().find(|m| {
                matches!(
                    self.mention_kind(m),
                    Some(EntityKind::Organization | EntityKind::Country)
                )
            }) {
                if self.mention_kind(m) == Some(EntityKind::Organization) {
                    return self.entity_speaker(m);
                }
            }
            return self.description(x, lo).map(|d| (d, Kind::Org));
        }
        None
    }

    /// An unknown name: the capitalized words ending at `x`, after the last
    /// title word ("U.S. Trade Representative Clayton Yeutter" gives
    /// "Clayton Yeutter").
    fn unknown_name(&self, x: usize, lo: usize) -> Option<Speaker> {
        if is_title(&self.lower(x)) {
            return None;
        }
        let cap = |i: usize| self.text(i).chars().next().is_some_and(char::is_uppercase);
        let place = |i: usize| {
            self.mentions(i, i).iter().any(|m| {
                self.covers(m, i)
                    && matches!(
                        self.mention_kind(m),
                        Some(EntityKind::Country | EntityKind::Place)
                    )
            })
        };
        let mut start = x;
        while start > lo {
            let p = start - 1;
            let joined = |a: usize, b: usize| self.span(a).end == self.span(b).start;
            // "Jing-Shan Zhao": a hyphen inside a word.
            if self.syn.tokens[p].tag == Tag::HYPH && p > lo && joined(p - 1, p) && joined(p, start)
            {
                if cap(p - 1) {
                    start = p - 1;
                    continue;
                }
                break;
            }
            if !cap(p)
                || is_title(&self.lower(p))
                || self.syn.tokens[p].pos != Pos::PROPN
                || place(p)
            {
                break;
            }
            start = p;
        }
        let name = &self.ctx.text[self.span(start).start..self.span(x).end];
        name.chars()
            .next()
            .is_some_and(char::is_uppercase)
            .then(|| Speaker {
                id: None,
                name: Some(name.to_string()),
            })
    }

    /// The full form of a one-word name no gazetteer knows ("Lin" after
    /// "spokesman Lin Jian"): the latest longer name before byte `at`, in
    /// [`NAME_SENTENCES`] sentences, that holds the word.
    fn full_name(&self, word: &str, at: usize) -> Option<Speaker> {
        let sents = &self.syn.sentences;
        let k = sents.partition_point(|s| s.start < at);
        let from = sents[k.saturating_sub(NAME_SENTENCES)..k].first()?.start;
        let (a, b) = self.range(ByteSpan::new(from, at));
        for i in (a..b).rev() {
            if self.syn.tokens[i].pos != Pos::PROPN || self.text(i) != word || self.in_quote(i) {
                continue;
            }
            // The head of the name this word belongs to.
            let mut n = i;
            while self.dep(n) == Dep::compound && self.syn.tokens[self.head(n)].pos == Pos::PROPN {
                n = self.head(n);
            }
            let Some(sp) = self.unknown_name(n, self.left_edge(n)) else {
                continue;
            };
            if sp.name.as_deref().is_some_and(|f| f.contains(' ')) {
                return Some(sp);
            }
        }
        None
    }

    /// A description kept as words: the phrase from `lo` to `x` without
    /// its article, and a short "of"/"for"/"at" phrase after it.
    fn description(&self, x: usize, lo: usize) -> Option<Speaker> {
        let mut s = lo;
        while s < x
            && (matches!(self.lower(s).as_ref(), "the" | "a" | "an" | "this")
                || self.syn.tokens[s].pos == Pos::PUNCT)
        {
            s += 1;
        }
        let mut e = x;
        if let Some(p) = self.syn.children_with(x, Dep::prep).find(|&p| {
            p > x && matches!(self.lower(p).as_ref(), "of" | "for" | "at" | "in" | "from")
        }) {
            let (_, hi) = self.syn.subtree(p);
            if hi - x <= 6
                && (p..=hi).all(|k| !self.in_quote(k) && self.syn.tokens[k].pos != Pos::PUNCT)
            {
                e = hi;
            }
        }
        let name = self.ctx.text[self.span(s).start..self.span(e).end].trim();
        (!name.is_empty()).then(|| Speaker {
            id: None,
            name: Some(name.split_whitespace().collect::<Vec<_>>().join(" ")),
        })
    }

    /// The token range of the sentences before byte `at`, latest first: for
    /// each, `(first token, last token + 1)`, the current one cut at `at`.
    fn sentences_back(&self, at: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        let sents = &self.syn.sentences;
        let k = sents.partition_point(|s| s.start < at);
        (0..k).rev().take(BACK_SENTENCES).map(move |j| {
            let s = sents[j];
            self.range(ByteSpan::new(s.start, s.end.min(at)))
        })
    }

    /// Whether speaker `sp` is of kind `want`.
    fn kind_of(&self, sp: &Speaker) -> Option<Kind> {
        match sp.id.as_deref() {
            Some(id) => match self.kinds.get(id) {
                Some(EntityKind::Person) => Some(Kind::Person),
                Some(EntityKind::Organization | EntityKind::Country) => Some(Kind::Org),
                _ => None,
            },
            None => {
                let name = sp.name.as_deref()?;
                let last = crate::numbers::lower(name.split_whitespace().last()?).into_owned();
                if ORG_GROUPS.iter().any(|g| g.contains(&last.as_str())) {
                    Some(Kind::Org)
                } else {
                    Some(Kind::Person)
                }
            }
        }
    }

    /// What "he"/"she" (`Kind::Person`) or "it" (`Kind::Org`) at byte
    /// `at` names: in each sentence before, latest first, a quote's speaker
    /// of that kind, else the subject of the sentence, else (for a person)
    /// the last person named.
    fn antecedent(&self, at: usize, want: Kind, done: &[Found]) -> Option<(Speaker, Kind)> {
        for (a, b) in self.sentences_back(at) {
            if a >= b {
                continue;
            }
            let (s0, s1) = (self.span(a).start, self.span(b - 1).end);
            if let Some(q) = done.iter().rev().find(|q| {
                s0 <= q.raw.open
                    && q.raw.open < s1
                    && q.raw.close <= at
                    && self.kind_of(&q.speaker) == Some(want)
            }) {
                return Some((q.speaker.clone(), want));
            }
            // Subjects outside quotes, main clause first.
            let mut subjects: Vec<usize> = (a..b)
                .filter(|&i| {
                    matches!(self.dep(i), Dep::nsubj | Dep::nsubjpass)
                        && !self.in_quote(i)
                        && self.syn.tokens[i].tag != Tag::PRP
                        && !matches!(self.syn.tokens[i].tag, Tag::WP | Tag::WDT)
                })
                .collect();
            subjects.sort_by_key(|&i| self.dep(self.head(i)) != Dep::ROOT);
            for s in subjects {
                if let Some((sp, kind)) = self.named_subject(s) {
                    if kind == want {
                        return Some((sp, kind));
                    }
                }
            }
            if want == Kind::Person {
                let mentions = self.mentions(a, b - 1);
                if let Some(m) = mentions.iter().rev().find(|m| {
                    self.mention_kind(m) == Some(EntityKind::Person)
                        && !self
                            .quoted
                            .iter()
                            .any(|q| q.start <= m.span.start && m.span.end <= q.end)
                }) {
                    return self.entity_speaker(m);
                }
            }
        }
        None
    }

    /// A subject as a speaker without looking further back (no pronouns,
    /// no descriptions resolved): for antecedents.
    fn named_subject(&self, s: usize) -> Option<(Speaker, Kind)> {
        let x = match self.syn.children_with(s, Dep::appos).next() {
            Some(a)
                if self.syn.tokens[s].pos != Pos::PROPN && self.syn.tokens[a].pos == Pos::PROPN =>
            {
                a
            }
            _ => s,
        };
        let lo = self.left_edge(x);
        let mentions = self.mentions(lo, x);
        if let Some(m) = mentions
            .iter()
            .find(|m| self.mention_kind(m) == Some(EntityKind::Person) && self.covers(m, x))
        {
            return self.entity_speaker(m);
        }
        if let Some(m) = mentions.iter().find(|m| self.covers(m, x)) {
            return self.entity_speaker(m);
        }
        if self.syn.tokens[x].pos == Pos::PROPN {
            return self.unknown_name(x, lo).map(|n| (n, Kind::Person));
        }
        None
    }

    /// The person the document introduced with role `lemma` before byte
    /// `at` ("Ministry spokeswoman Pham Thu Hang", "Lin Jian, the
    /// spokesman,"): the latest person mention with the role word in its
    /// phrase.
    fn introduced_person(&self, lemma: &str, at: usize) -> Option<(Speaker, Kind)> {
        for (a, b) in self.sentences_back(at) {
            if a >= b {
                continue;
            }
            let mentions = self.mentions(a, b - 1);
            for m in mentions.iter().rev() {
                if self.mention_kind(m) != Some(EntityKind::Person) {
                    continue;
                }
                let (ma, mb) = self.range(m.span);
                if ma >= mb {
                    continue;
                }
                let head = (ma..mb)
                    .find(|&i| {
                        let h = self.head(i);
                        h < ma || h >= mb
                    })
                    .unwrap_or(mb - 1);
                // The role word among the phrase's modifiers, the name's
                // apposition, or the noun the name is in apposition to.
                let lo = self.left_edge(head);
                let mut near: Vec<usize> = (lo..ma).collect();
                near.extend(self.syn.children_with(head, Dep::appos));
                if self.dep(head) == Dep::appos {
                    near.push(self.head(head));
                }
                if near
                    .iter()
                    .any(|&k| crate::numbers::lower(self.lemma(k)) == lemma)
                {
                    return self.entity_speaker(m);
                }
            }
        }
        None
    }

    /// The latest description before token `x` with the same head noun (the
    /// same word: "officials" is not "official") and modifiers of its own
    /// ("a CRE spokesman"), as words.
    fn introduced_description(&self, x: usize) -> Option<Speaker> {
        let word = self.lower(x);
        for (a, b) in self.sentences_back(self.span(x).start) {
            for k in (a..b).rev() {
                if k == x
                    || self.in_quote(k)
                    || self.syn.tokens[k].pos != Pos::NOUN
                    || self.lower(k) != word
                {
                    continue;
                }
                let lo = self.left_edge(k);
                let modified = (lo..k).any(|m| {
                    !matches!(self.dep(m), Dep::det | Dep::punct)
                        && !matches!(self.lower(m).as_ref(), "the" | "a" | "an")
                });
                if modified {
                    return self.description(k, lo);
                }
            }
        }
        None
    }

    /// The organization the document introduced with a noun of `group`
    /// before byte `at`: an organization whose name holds the noun ("the
    /// Foreign Ministry"), or a name the noun stands with ("the daily El
    /// Mercurio", "the Mercurio newspaper").
    fn introduced_org(&self, group: &[&str], at: usize) -> Option<(Speaker, Kind)> {
        let in_group = |k: usize| group.contains(&crate::numbers::lower(self.lemma(k)).as_ref());
        for (a, b) in self.sentences_back(at) {
            if a >= b {
                continue;
            }
            let mentions = self.mentions(a, b - 1);
            for m in mentions.iter().rev() {
                if self.mention_kind(m) != Some(EntityKind::Organization) {
                    continue;
                }
                let (ma, mb) = self.range(m.span);
                if (ma..mb).any(in_group) {
                    return self.entity_speaker(m);
                }
                let lo = ma.saturating_sub(2).max(a);
                let hi = (mb + 1).min(b);
                if (lo..hi).any(in_group) {
                    return self.entity_speaker(m);
                }
            }
            // A name the gazetteers lack, standing with the noun.
            for k in (a..b).rev() {
                if !in_group(k) || self.in_quote(k) || self.syn.tokens[k].pos != Pos::NOUN {
                    continue;
                }
                let h = self.head(k);
                let name = if self.dep(k) == Dep::compound && self.syn.tokens[h].pos == Pos::PROPN {
                    Some(h)
                } else {
                    self.syn.children(k).find(|&c| {
                        matches!(self.dep(c), Dep::appos | Dep::compound)
                            && self.syn.tokens[c].pos == Pos::PROPN
                    })
                };
                if let Some(n) = name {
                    let lo = self.left_edge(n);
                    if let Some(sp) = self.unknown_name(n, lo) {
                        return Some((sp, Kind::Org));
                    }
                }
            }
        }
        None
    }

    /// Who issued statement `x`: its possessor or its "from"/"by" object,
    /// else the subject of the verb that issued a statement before `at`.
    fn statement_author(&self, x: usize, at: usize, done: &[Found]) -> Option<(Speaker, Kind)> {
        if let Some(p) = self.syn.children_with(x, Dep::poss).next() {
            return self.speaker_of(p, at, done);
        }
        for p in self.syn.children_with(x, Dep::prep) {
            if matches!(self.lower(p).as_ref(), "from" | "by" | "of") {
                if let Some(o) = self.syn.children_with(p, Dep::pobj).next() {
                    return self.speaker_of(o, at, done);
                }
            }
        }
        for (a, b) in self.sentences_back(self.span(x).start) {
            for k in (a..b).rev() {
                if self.in_quote(k) || !matches!(self.lower(k).as_ref(), "statement" | "communique")
                {
                    continue;
                }
                let v = self.head(k);
                if v != k && self.syn.tokens[v].pos == Pos::VERB {
                    if let Some(s) = self.syn.children_with(v, Dep::nsubj).next() {
                        if self.syn.tokens[s].tag != Tag::PRP {
                            return self.named_subject(s);
                        }
                    }
                }
            }
        }
        None
    }
}
