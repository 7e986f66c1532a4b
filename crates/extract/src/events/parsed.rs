//! Event coding from the dependency parse: each verb's code comes from the
//! trigger patterns, and its source and target from the verb's arguments in
//! the tree ([`clause`]), not from word positions.
//!
//! The actors of a sentence are those of [`sentence_actors`]; an argument
//! is an actor when its noun phrase holds one: the head itself ("Kenya"),
//! a modifier ("Kyrgyz police", "Russia's foreign minister") or an
//! "of"/"from" complement ("the president of Peru", "troops from Chad").

use dyad_model::syntax::{Dep, Pos, Syntax, Tag};
use dyad_model::{ActorCode, Analysis, ByteSpan, EntityKind, MentionForm};

use super::clause::{self, Mode, Pred};
use super::lexicon::{Hit, Kind, LEXICON};
use super::{future_code, Actor, Cand, DocContext, Sent};
use crate::lexicon::Class;
use crate::when;

/// The tokens `lo..hi` of the parse that lie inside `span`.
pub(super) fn token_range(syn: &Syntax, span: ByteSpan) -> (usize, usize) {
    let lo = syn.tokens.partition_point(|t| t.span.end <= span.start);
    let hi = syn.tokens.partition_point(|t| t.span.start < span.end);
    (lo, hi.max(lo))
}

/// What earlier sentences said, for pronouns and descriptions: the latest
/// person, the latest state or organization that acted, the latest group
/// of two or more parties.
#[derive(Default)]
pub(super) struct Discourse {
    /// Sentences coded so far.
    sentence: usize,
    /// Each with the sentence that named it.
    person: Option<(usize, Actor)>,
    thing: Option<(usize, Actor)>,
    group: (usize, Vec<Actor>),
}

/// How many sentences back a pronoun may reach for its antecedent.
const PRONOUN_REACH: usize = 2;

/// The code an actor lends an agent it modifies: an organization's whole
/// code ("UN officials": IGOUNO), else its country.
fn igo_or_country(a: &Actor) -> String {
    if a.code.as_str().starts_with("IGO") {
        a.code.to_string()
    } else {
        a.country().to_string()
    }
}

/// The Phoenix agent a noun phrase headed by `h` names ("police", "riot
/// police", "opposition leaders"): the longest agent name that ends at
/// `h` and starts at `h` or at one of its left modifiers.
fn agent_at(syn: &Syntax, text: &str, h: usize) -> Option<dyad_actors::Agent> {
    let (first, _) = syn.subtree(h);
    let toks: Vec<dyad_actors::Tok> = (first..=h)
        .map(|k| dyad_actors::Tok::new(syn.text(text, k), syn.tokens[k].space_after))
        .collect();
    let dict = dyad_actors::agents();
    (0..toks.len()).find_map(|i| match dict.longest_whole_words(&toks[i..]) {
        Some((n, agent)) if i + n == toks.len() => Some(agent),
        _ => None,
    })
}

/// One sentence's actors, indexed by token.
struct Actors<'s> {
    lo: usize,
    /// For tokens `lo..hi`: the index into `list` of the actor covering it.
    at: Vec<Option<usize>>,
    /// For tokens `lo..hi`: the country a country mention there names
    /// ("Kenyan", "Uganda's"), for agents it modifies.
    country: Vec<Option<Box<str>>>,
    list: Vec<Actor>,
    /// The document's two most mentioned parties.
    doc_pair: Vec<Actor>,
    /// Where the sentence happens, for agents named without a country
    /// ("police arrested ... in Nairobi").
    context: Option<String>,
    discourse: &'s Discourse,
}

impl<'s> Actors<'s> {
    #[allow(clippy::too_many_arguments)]
    fn new(
        syn: &Syntax,
        text: &str,
        analysis: &Analysis,
        lo: usize,
        hi: usize,
        s: &'s Sent,
        ctx: &DocContext,
        discourse: &'s Discourse,
    ) -> Self {
        let mut at = vec![None; hi - lo];
        for (k, a) in s.actors.iter().enumerate() {
            let (a0, a1) = token_range(syn, a.span);
            for slot in at
                .iter_mut()
                .take(a1.min(hi).saturating_sub(lo))
                .skip(a0.saturating_sub(lo))
            {
                *slot = Some(k);
            }
        }
        let mut country = vec![None; hi - lo];
        for m in analysis.mentions_in(s.span) {
            let Some(e) = analysis.entities.get(m.entity) else {
                continue;
            };
            if e.kind != EntityKind::Country || m.form == MentionForm::Dateline {
                continue;
            }
            let Some(c) = e.country else { continue };
            let (a0, a1) = token_range(syn, m.span);
            for slot in country
                .iter_mut()
                .take(a1.min(hi).saturating_sub(lo))
                .skip(a0.saturating_sub(lo))
            {
                *slot = Some(Box::from(c.as_str()));
            }
        }
        // Names the entity finder did not resolve, from the Phoenix actor
        // dictionaries ("the NPFL", "Hutu rebels"), as of the document's
        // date; only capitalized words start one.
        let mut list = s.actors.clone();
        let mut in_mention = vec![false; hi - lo];
        for m in analysis.mentions_in(s.span) {
            // Names the entity finder resolved to no actor (a person with
            // no country, an unknown organization) may still be in the
            // dictionaries; places are where things happen.
            if analysis
                .entities
                .get(m.entity)
                .is_some_and(|e| e.kind != EntityKind::Place)
            {
                continue;
            }
            let (a0, a1) = token_range(syn, m.span);
            for slot in in_mention
                .iter_mut()
                .take(a1.min(hi).saturating_sub(lo))
                .skip(a0.saturating_sub(lo))
            {
                *slot = true;
            }
        }
        let dict = dyad_actors::actors();
        let toks: Vec<dyad_actors::Tok> = (lo..hi)
            .map(|k| dyad_actors::Tok::new(syn.text(text, k), syn.tokens[k].space_after))
            .collect();
        let mut k = 0;
        while k < toks.len() {
            let free = |i: usize| at[i].is_none() && country[i].is_none() && !in_mention[i];
            // A name starts with a capital, and not in the middle of a
            // longer name ("New Jersey" is not Jersey).
            let starts_name = toks[k].text.chars().next().is_some_and(char::is_uppercase)
                && !(k > 0 && syn.tokens[lo + k - 1].pos == Pos::PROPN);
            if !free(k) || !starts_name {
                k += 1;
                continue;
            }
            let Some((n, id)) = dict.longest_whole_words(&toks[k..]) else {
                k += 1;
                continue;
            };
            if !(k..k + n).all(free) {
                k += 1;
                continue;
            }
            if let Some(code) = dict
                .code_on(id, ctx.date)
                .and_then(|c| ActorCode::new(c).ok())
            {
                let span = ByteSpan::new(
                    syn.tokens[lo + k].span.start,
                    syn.tokens[lo + k + n - 1].span.end,
                );
                let idx = list.len();
                let entity = Some(std::rc::Rc::from(code.country_part()));
                list.push(Actor::of_code(code, entity, span, MentionForm::Name));
                for slot in &mut at[k..k + n] {
                    *slot = Some(idx);
                }
            }
            k += n;
        }
        let context = s
            .places
            .iter()
            .find(|p| p.locative && p.country.is_some())
            .and_then(|p| p.country.map(str::to_string))
            .or_else(|| ctx.dateline.as_ref().and_then(|d| d.1.clone()))
            .or_else(|| ctx.pair.as_ref().map(|p| p.0.country().to_string()));
        Actors {
            lo,
            at,
            country,
            list,
            doc_pair: ctx
                .pair
                .as_ref()
                .map(|(a, b)| vec![a.clone(), b.clone()])
                .unwrap_or_default(),
            context,
            discourse,
        }
    }

    fn covering(&self, tok: usize) -> Option<usize> {
        self.at.get(tok.checked_sub(self.lo)?).copied().flatten()
    }

    fn country_at(&self, tok: usize) -> Option<&str> {
        self.country
            .get(tok.checked_sub(self.lo)?)
            .and_then(|c| c.as_deref())
    }

    /// The actors the noun phrase headed by `h` names.
    fn of_phrase(&self, syn: &Syntax, text: &str, h: usize) -> Vec<Actor> {
        self.of_phrase_as(syn, text, h, false)
    }

    /// [`Actors::of_phrase`]; as a subject (`subject`), a noun that names
    /// no agent or group ("Japanese car exports jumped") is no actor even
    /// with a country modifier, while the thing acted upon belongs to its
    /// modifier's country ("condemned the Turkish offensive").
    fn of_phrase_as(&self, syn: &Syntax, text: &str, h: usize, subject: bool) -> Vec<Actor> {
        if let Some(a) = self.covering(h) {
            let actor = &self.list[a];
            // "The Bolivian Congress", "Peru's parliament": a country
            // modifier makes a body that resolved to another country's
            // ("Congress") that country's own.
            let modifier = syn
                .children(h)
                .filter(|&c| matches!(syn.tokens[c].dep, Dep::amod | Dep::poss | Dep::compound))
                .filter(|&c| self.covering(c) != Some(a))
                .find_map(|c| self.country_at(c));
            if let Some(cc) = modifier {
                let own = actor.country();
                if !actor.person && own.len() == 3 && !own.starts_with("IGO") && own != cc {
                    let role = actor.code.as_str().get(3..).unwrap_or("");
                    if let Ok(code) = ActorCode::new(&format!("{cc}{role}")) {
                        return vec![Actor::of_code(
                            code,
                            Some(std::rc::Rc::from(cc)),
                            actor.span,
                            actor.form,
                        )];
                    }
                }
            }
            return vec![actor.clone()];
        }
        let t = &syn.tokens[h];
        if t.tag == Tag::PRP || t.tag == Tag::PRPS {
            let word = syn.text(text, h).to_ascii_lowercase();
            let here = self.antecedent_here(syn, text, h, &word);
            if !here.is_empty() {
                return here;
            }
            return self.pronoun(&word);
        }
        // The actors among the noun's modifiers, each conjunct: "Kenyan
        // and Ugandan officials", "Kenya's police".
        let mut mods: Vec<(String, Option<Actor>)> = Vec::new();
        let mut own = false;
        for c in syn.children(h) {
            if matches!(
                syn.tokens[c].dep,
                Dep::amod | Dep::compound | Dep::poss | Dep::nmod
            ) {
                let mut conj = Vec::new();
                clause::with_conjuncts(syn, c, &mut conj);
                for k in conj {
                    // "recalled its ambassador", "withdrew their troops": the
                    // subject's own people are no other party.
                    if !subject && syn.tokens[k].tag == Tag::PRPS {
                        own = true;
                        continue;
                    }
                    let m = if let Some(a) = self.covering(k) {
                        (igo_or_country(&self.list[a]), Some(self.list[a].clone()))
                    } else if let Some(cc) = self.country_at(k) {
                        (cc.to_string(), None)
                    } else {
                        continue;
                    };
                    if !mods.iter().any(|x| x.0 == m.0) {
                        mods.push(m);
                    }
                }
            }
        }
        let span = ByteSpan::new(syn.tokens[h].span.start, syn.tokens[h].span.end);
        let make = |code: &str, country: &str| {
            Some(Actor::of_code(
                ActorCode::new(code).ok()?,
                Some(std::rc::Rc::from(&country[..3.min(country.len())])),
                span,
                MentionForm::Description,
            ))
        };
        // The agent the head names ("police"), or a modifier names ("a
        // government convoy").
        let lemma = syn.lemma(h).to_ascii_lowercase();
        // "the two countries", "both sides": the two parties named last.
        if crate::lexicon::is(&lemma, Class::PairNoun)
            && syn.children(h).any(|c| {
                let w = syn.text(text, c);
                (syn.tokens[c].dep == Dep::nummod && (w.eq_ignore_ascii_case("two") || w == "2"))
                    || (syn.tokens[c].dep == Dep::det && w.eq_ignore_ascii_case("both"))
            })
        {
            return self.pair();
        }
        let military = || {
            crate::lexicon::is(&lemma, Class::MilitaryNoun).then_some(dyad_actors::Agent {
                code: "MIL",
                prefix: false,
            })
        };
        let agent = agent_at(syn, text, h).or_else(military).or_else(|| {
            if !mods.is_empty() {
                return None;
            }
            syn.children_with(h, Dep::compound)
                .find_map(|c| agent_at(syn, text, c))
        });
        if let Some(agent) = agent {
            if own && mods.is_empty() {
                return Vec::new();
            }
            let mut countries: Vec<String> = mods.iter().map(|m| m.0.clone()).collect();
            if countries.is_empty() {
                // "police in Kenya", "officials from Chad".
                for c in syn.children_with(h, Dep::prep) {
                    if matches!(syn.lemma(c), "of" | "from" | "in") {
                        for o in syn.children_with(c, Dep::pobj) {
                            if let Some(cc) = self.country_at(o) {
                                countries.push(cc.to_string());
                            } else if let Some(a) = self.covering(o) {
                                countries.push(igo_or_country(&self.list[a]));
                            }
                        }
                    }
                }
            }
            // Where the sentence happens, unless the noun is generic: a
            // bare plural with a clause of its own ("governments accounting
            // for 80 pct").
            let generic = t.tag == Tag::NNS
                && !syn
                    .children(h)
                    .any(|c| matches!(syn.tokens[c].dep, Dep::det | Dep::poss))
                && syn
                    .children(h)
                    .any(|c| matches!(syn.tokens[c].dep, Dep::acl | Dep::relcl));
            let inferred = countries.is_empty();
            if inferred && !generic {
                countries.extend(self.context.clone());
            }
            return countries
                .iter()
                .filter_map(|c| {
                    let code = if c.starts_with("IGO") {
                        c.clone()
                    } else {
                        dyad_actors::combine(c, agent)
                    };
                    let mut a = make(&code, c)?;
                    // A country taken from where the sentence happens has
                    // no entity behind it: it may act abroad, never make a
                    // domestic event (see `emit`).
                    if inferred {
                        a.entity = None;
                    }
                    Some(a)
                })
                .collect();
        }
        let group = crate::lexicon::is(&lemma, Class::GroupNoun);
        if subject && !group && t.pos == Pos::NOUN {
            return Vec::new();
        }
        // "a group of Moroccan diplomats", "hundreds of Tajik troops".
        if group && mods.is_empty() {
            for c in syn.children_with(h, Dep::prep) {
                if syn.lemma(c).eq_ignore_ascii_case("of") {
                    for o in syn.children_with(c, Dep::pobj) {
                        let found = self.of_phrase_as(syn, text, o, subject);
                        if !found.is_empty() {
                            return found;
                        }
                    }
                }
            }
        }
        if !mods.is_empty() && matches!(t.pos, Pos::NOUN) {
            return mods
                .into_iter()
                .filter_map(|(c, a)| a.or_else(|| make(&c, &c)))
                .collect();
        }
        self.search(syn, h, 0)
            .map(|a| vec![self.list[a].clone()])
            .unwrap_or_default()
    }

    /// The antecedent of a pronoun in its own sentence: the subject of a
    /// clause it is embedded in ("Iraq said it would allow", "the rebels
    /// said they will release", "Annan announced that he will withdraw").
    fn antecedent_here(&self, syn: &Syntax, text: &str, h: usize, word: &str) -> Vec<Actor> {
        let person = matches!(word, "he" | "she" | "him" | "her" | "his");
        let plural = matches!(word, "they" | "them" | "their");
        let thing = matches!(word, "it" | "its");
        if !(person || plural || thing) {
            return Vec::new();
        }
        // Up from the pronoun to the verb of its clause, then up through
        // the clauses that embed it.
        let mut v = h;
        for _ in 0..4 {
            let hd = syn.tokens[v].head as usize;
            if hd == v {
                return Vec::new();
            }
            v = hd;
            if clause::is_predicate(syn, v) {
                break;
            }
        }
        for _ in 0..4 {
            let t = &syn.tokens[v];
            let g = t.head as usize;
            if g == v || !matches!(t.dep, Dep::ccomp | Dep::xcomp | Dep::conj | Dep::advcl) {
                return Vec::new();
            }
            for c in syn.children(g) {
                if !matches!(syn.tokens[c].dep, Dep::nsubj | Dep::nsubjpass) || c == h {
                    continue;
                }
                if matches!(syn.tokens[c].tag, Tag::PRP | Tag::PRPS) {
                    continue;
                }
                let mut heads = Vec::new();
                clause::with_conjuncts(syn, c, &mut heads);
                let found: Vec<Actor> = heads
                    .iter()
                    .flat_map(|&k| self.of_phrase(syn, text, k))
                    .collect();
                let fits = |a: &Actor| {
                    if person {
                        a.person
                    } else if thing {
                        !a.person
                    } else {
                        true
                    }
                };
                let plural_np = heads.len() > 1
                    || syn.tokens[c].tag == Tag::NNS
                    || syn.tokens[c].tag == Tag::NNPS;
                if !found.is_empty()
                    && found.iter().all(fits)
                    && (!plural || plural_np || found.len() > 1)
                {
                    return found;
                }
            }
            v = g;
        }
        Vec::new()
    }

    /// The two parties a "the two countries" stands for: the group of the
    /// last two sentences if it has two, else the document's two most
    /// mentioned parties.
    fn pair(&self) -> Vec<Actor> {
        let d = self.discourse;
        // The group just named, when it shares a party with the document's
        // pair ("Modi received the Emir ... The two sides discussed");
        // else the document's pair ("Burkina Faso and Niger withdrew ...
        // The African Union urged both sides" means Mali and Algeria).
        let shares = self.doc_pair.is_empty()
            || d.group
                .1
                .iter()
                .any(|a| self.doc_pair.iter().any(|b| b.country() == a.country()));
        if d.group.1.len() == 2 && d.sentence.saturating_sub(d.group.0) <= 1 && shares {
            return d.group.1.clone();
        }
        self.doc_pair.clone()
    }

    fn pronoun(&self, word: &str) -> Vec<Actor> {
        let d = self.discourse;
        let near = |at: usize| d.sentence.saturating_sub(at) <= PRONOUN_REACH;
        match word {
            "he" | "she" | "him" | "her" | "his" => d
                .person
                .iter()
                .filter(|p| near(p.0))
                .map(|p| p.1.clone())
                .collect(),
            "it" | "its" => d
                .thing
                .iter()
                .filter(|p| near(p.0))
                .map(|p| p.1.clone())
                .collect(),
            "they" | "them" | "their" if near(d.group.0) => d.group.1.clone(),
            _ => Vec::new(),
        }
    }

    fn search(&self, syn: &Syntax, h: usize, depth: usize) -> Option<usize> {
        if let Some(a) = self.covering(h) {
            return Some(a);
        }
        if depth >= 2 {
            return None;
        }
        // Modifiers first ("Russia's minister"), then an apposition ("the
        // minister, Ana Ruiz"), then "of"/"from".
        for c in syn.children(h) {
            if matches!(
                syn.tokens[c].dep,
                Dep::compound | Dep::amod | Dep::poss | Dep::nmod | Dep::appos
            ) {
                if let Some(a) = self.search(syn, c, depth + 1) {
                    return Some(a);
                }
            }
        }
        // "a group of Moroccan diplomats", "positions of the Palestinian
        // forces", "the withdrawal of Serbian forces"; not inside a name
        // ("the Gulf of Oman").
        if syn.tokens[h].pos == Pos::NOUN {
            for c in syn.children_with(h, Dep::prep) {
                let l = syn.lemma(c);
                if l.eq_ignore_ascii_case("of") || l.eq_ignore_ascii_case("from") {
                    for o in syn.children_with(c, Dep::pobj) {
                        if let Some(a) = self.search(syn, o, depth + 1) {
                            return Some(a);
                        }
                    }
                }
            }
        }
        None
    }

    /// The actors of argument heads, in order, without repeats.
    fn of_all(&self, syn: &Syntax, text: &str, heads: &[usize]) -> Vec<Actor> {
        self.of_all_as(syn, text, heads, false)
    }

    /// The actors of subject heads ([`Actors::of_phrase_as`]).
    fn subjects(&self, syn: &Syntax, text: &str, heads: &[usize]) -> Vec<Actor> {
        self.of_all_as(syn, text, heads, true)
    }

    fn of_all_as(&self, syn: &Syntax, text: &str, heads: &[usize], subject: bool) -> Vec<Actor> {
        let mut out: Vec<Actor> = Vec::new();
        for &h in heads {
            for a in self.of_phrase_as(syn, text, h, subject) {
                if !out.iter().any(|x| x.code == a.code) {
                    out.push(a);
                }
            }
        }
        out
    }
}

/// Whether the CAMEO verb dictionary codes verbs (else only the trigger
/// patterns do); `DYAD_VERB_DICTIONARY=0` turns it off for comparison.
static USE_DICTIONARY_FLAG: std::sync::LazyLock<bool> =
    std::sync::LazyLock::new(|| std::env::var("DYAD_VERB_DICTIONARY").as_deref() != Ok("0"));

/// Codes the verbs of one sentence; appends candidates to `out`.
#[allow(clippy::too_many_arguments)]
pub(super) fn code_sentence(
    syn: &Syntax,
    analysis: &Analysis,
    text: &str,
    ctx: &DocContext,
    s: &Sent,
    in_quote: &dyn Fn(usize) -> bool,
    discourse: &mut Discourse,
    out: &mut Vec<Cand>,
) {
    let (lo, hi) = token_range(syn, s.span);
    if lo >= hi {
        return;
    }
    let before = out.len();
    let actors = Actors::new(syn, text, analysis, lo, hi, s, ctx, discourse);
    let preds = clause::predicates(syn, lo, hi);
    // The verb dictionary first; the trigger patterns code the verbs it
    // does not know, and the nominalizations.
    let mut coded: Vec<usize> = Vec::new();
    // The root of each coded verb's code (for the nominalizations it governs).
    let mut coded_roots: Vec<(usize, u8)> = Vec::new();
    if *USE_DICTIONARY_FLAG {
        let codes: Vec<Option<DictCode>> = preds
            .iter()
            .map(|p| {
                (!in_quote(syn.tokens[p.verb].span.start))
                    .then(|| dictionary_code(syn, text, &actors, p))
                    .flatten()
            })
            .collect();
        let root_of = |v: usize| -> Option<u8> {
            let i = preds.iter().position(|q| q.verb == v)?;
            let d = codes[i].as_ref()?;
            d.codes.forward.or(d.codes.reverse).map(|c| c.root())
        };
        for (p, d) in preds.iter().zip(codes.iter()) {
            let Some(d) = d else { continue };
            coded.push(p.verb);
            let root = d.codes.forward.or(d.codes.reverse).map(|c| c.root());
            coded_roots.extend(root.map(|r| (p.verb, r)));
            // "demanded that Hamas renounce", "asked Peru to ...": the
            // complement of an appeal or a demand is asked for, not done.
            let t = &syn.tokens[p.verb];
            let g = t.head as usize;
            if g != p.verb
                && matches!(t.dep, Dep::xcomp | Dep::ccomp)
                && matches!(root_of(g), Some(2 | 10))
            {
                continue;
            }
            // "agreed to reopen", "threatened to impose": a verb of intent
            // whose own code is only its default gives way to its coded
            // complement, which is coded as the intent.
            if d.default
                && clause::is_plan_verb(syn, p.verb)
                && syn.children_with(p.verb, Dep::xcomp).any(|c| {
                    root_of(c).is_some_and(|r| r >= 3)
                        && preds.iter().any(|q| q.verb == c && !q.negated)
                })
            {
                continue;
            }
            code_by_dictionary(syn, text, ctx, s, &actors, p, d, out);
        }
    }
    let mut coded_nouns: Vec<usize> = Vec::new();
    let mut hits = Vec::new();
    LEXICON.matches(s.words, &mut hits);
    let hits = super::select(&mut hits);
    for h in &hits {
        let pat = &LEXICON.patterns[h.pattern];
        if pat.kind == Kind::Label {
            continue;
        }
        let Some(w) = s.words.get(h.start) else {
            continue;
        };
        if in_quote(w.span.start) {
            continue;
        }
        // A verb trigger on a noun ("paid an official visit") is a
        // nominalization; a noun trigger on a verb a verb.
        if let Some(p) = pred_for(syn, &preds, w.span, s.words, h) {
            if coded.contains(&p.verb) {
                continue;
            }
            let kind = if pat.kind == Kind::Noun {
                Kind::Verb
            } else {
                pat.kind
            };
            code_pred(syn, text, ctx, s, &actors, p, pat.code, kind, out);
        } else if let Some(p) = noun_pred(syn, &coded_roots, &preds, w.span, s.words, h, lo, hi) {
            coded_nouns.push(p.verb);
            code_pred(syn, text, ctx, s, &actors, &p, pat.code, Kind::Noun, out);
        }
    }
    // Nouns that are a dictionary verb's own form ("an appeal to Belgium",
    // "Turkey's attack on", "calls by Belarus"): coded like the verb when
    // the phrase names both who acts and on whom.
    if *USE_DICTIONARY_FLAG {
        for n in lo..hi {
            let t = &syn.tokens[n];
            if t.pos != Pos::NOUN
                || coded_nouns.contains(&n)
                || actors.covering(n).is_some()
                || in_quote(t.span.start)
            {
                continue;
            }
            let lemma = syn.lemma(n).to_ascii_lowercase();
            if dyad_verbs::dictionary().senses(&lemma).is_empty() {
                continue;
            }
            let Some(p) = noun_pred_at(syn, &coded_roots, &preds, n, lo, hi) else {
                continue;
            };
            // Its doer must be named as one: a possessor ("Turkey's
            // appeal"), "by", or the subject of a light verb ("renewed an
            // appeal"); an adjective is not enough ("Argentine exports").
            let named_doer = syn.children(n).any(|c| {
                syn.tokens[c].dep == Dep::poss
                    || (syn.tokens[c].dep == Dep::prep && syn.lemma(c).eq_ignore_ascii_case("by"))
            });
            let light_object = syn.tokens[n].dep == Dep::dobj
                && crate::lexicon::is(
                    &syn.lemma(syn.tokens[n].head as usize).to_ascii_lowercase(),
                    Class::LightVerbLemma,
                );
            if !named_doer && !light_object {
                continue;
            }
            let args = arguments(syn, text, &actors, &p);
            if args.sources.is_empty() || args.targets.is_empty() {
                continue;
            }
            if let Some(d) = dictionary_code(syn, text, &actors, &p) {
                code_by_dictionary(syn, text, ctx, s, &actors, &p, &d, out);
            }
        }
    }
    // What later pronouns refer to: the subject of the sentence's main
    // verb, else the first actor named.
    let main = preds
        .iter()
        .find(|p| syn.tokens[p.verb].dep == Dep::ROOT)
        .map(|p| actors.of_all(syn, text, &p.sources))
        .unwrap_or_default();
    let _ = before;
    let named: Vec<Actor> = if main.is_empty() {
        s.actors
            .iter()
            .filter(|a| !a.located)
            .take(1)
            .cloned()
            .collect()
    } else {
        main
    };
    discourse.sentence += 1;
    let now = discourse.sentence;
    if let Some(p) = named.iter().find(|a| a.person) {
        discourse.person = Some((now, p.clone()));
    }
    if let Some(t) = named.iter().find(|a| !a.person) {
        discourse.thing = Some((now, t.clone()));
    }
    if named.len() >= 2 {
        discourse.group = (now, named);
    }
}

/// The predicate a verb trigger names: the verb token at the trigger's
/// first word, or the first verb inside the trigger ("voiced concern").
fn pred_for<'p>(
    syn: &Syntax,
    preds: &'p [Pred],
    first: ByteSpan,
    words: &[super::Word],
    h: &Hit,
) -> Option<&'p Pred> {
    let end = words
        .get(h.end.saturating_sub(1))
        .map_or(first.end, |w| w.span.end);
    preds.iter().find(|p| {
        let t = syn.tokens[p.verb].span;
        t.start >= first.start && t.end <= end
    })
}

/// A nominalization as a predicate: "Radev's visit to Kazakhstan", "the
/// Turkish offensive", "talks between Peru and Chile", "held talks with
/// Chile" (the light verb's subject is the doer).
#[allow(clippy::too_many_arguments)]
fn noun_pred(
    syn: &Syntax,
    governor_roots: &[(usize, u8)],
    preds: &[Pred],
    first: ByteSpan,
    words: &[super::Word],
    h: &Hit,
    lo: usize,
    hi: usize,
) -> Option<Pred> {
    let end = words
        .get(h.end.saturating_sub(1))
        .map_or(first.end, |w| w.span.end);
    let (a, b) = token_range(syn, ByteSpan::new(first.start, end));
    // The phrase's head: the token of the trigger whose head lies outside it.
    let n = (a..b).rev().find(|&k| {
        let hd = syn.tokens[k].head as usize;
        !(a..b).contains(&hd) || hd == k
    })?;
    noun_pred_at(syn, governor_roots, preds, n, lo, hi)
}

/// The nominalization headed by noun `n` as a predicate.
fn noun_pred_at(
    syn: &Syntax,
    governor_roots: &[(usize, u8)],
    preds: &[Pred],
    n: usize,
    lo: usize,
    hi: usize,
) -> Option<Pred> {
    if !matches!(syn.tokens[n].pos, Pos::NOUN | Pos::PROPN) {
        return None;
    }
    let mut p = Pred::new(n);
    let mut between = Vec::new();
    for c in syn.children(n) {
        match syn.tokens[c].dep {
            Dep::poss | Dep::amod | Dep::compound | Dep::nmod => {
                clause::with_conjuncts(syn, c, &mut p.sources)
            }
            Dep::prep => {
                let l = syn.lemma(c).to_ascii_lowercase();
                let mut objs = Vec::new();
                for o in syn.children_with(c, Dep::pobj) {
                    clause::with_conjuncts(syn, o, &mut objs);
                }
                match l.as_str() {
                    "by" | "from" => p.sources.extend(objs),
                    "between" | "among" => between.extend(objs),
                    _ => p.preps.push((c, objs)),
                }
            }
            _ => {}
        }
    }
    // The governing verb: "held talks", "launched an offensive", "after
    // talks with" (a preposition of the verb).
    let head = syn.tokens[n].head as usize;
    let gov = match syn.tokens[n].dep {
        Dep::dobj | Dep::nsubj | Dep::nsubjpass | Dep::attr => Some(head),
        Dep::pobj => {
            let ph = syn.tokens[head].head as usize;
            (ph != head).then_some(ph)
        }
        _ => None,
    };
    if let Some(g) = gov.and_then(|g| preds.iter().find(|q| q.verb == g)) {
        // "demanded the withdrawal", "proposed talks": asked for or
        // planned, not done.
        if governor_roots
            .iter()
            .any(|&(v, r)| v == g.verb && matches!(r, 2 | 3 | 10))
        {
            return None;
        }
        // Only a light verb ("held talks", "launched an offensive") makes
        // its subject the doer; "condemned the offensive" does not.
        let gl = syn.lemma(g.verb).to_ascii_lowercase();
        let light = crate::lexicon::is(&gl, Class::LightVerbLemma);
        if light && p.sources.is_empty() && syn.tokens[n].dep == Dep::dobj {
            p.sources = g.sources.clone();
        }
        if light && p.preps.is_empty() && syn.tokens[n].dep == Dep::dobj {
            p.preps = g.preps.clone();
        }
        p.negated = g.negated;
        p.mode = g.mode;
    }
    if !between.is_empty() {
        p.sources.extend(&between);
    }
    p.sources.retain(|&k| (lo..hi).contains(&k));
    // The words after the noun inside its phrase, for patterns.
    let (_, last) = syn.subtree(n);
    p.post = (n + 1..=last.min(hi.saturating_sub(1)))
        .filter(|&k| !inside_noun_clause(syn, k, n))
        .collect();
    Some(p)
}

/// Whether token `k` lies in a clause below noun `n` ("the visit, which
/// ...").
fn inside_noun_clause(syn: &Syntax, k: usize, n: usize) -> bool {
    let mut i = k;
    for _ in 0..64 {
        if i == n {
            return false;
        }
        let t = &syn.tokens[i];
        if matches!(t.dep, Dep::relcl | Dep::acl | Dep::ccomp | Dep::advcl) {
            return true;
        }
        let h = t.head as usize;
        if h == i {
            return false;
        }
        i = h;
    }
    false
}

/// The default source and target actors of a predicate: the subject (or
/// a passive's agent) acts on the patient of a passive, the objects, then
/// the prepositional objects (non-locative ones first).
fn arguments(syn: &Syntax, text: &str, actors: &Actors, p: &Pred) -> Args {
    let sources = actors.subjects(syn, text, &p.sources);
    let mut target_heads: Vec<usize> = Vec::new();
    if p.passive {
        target_heads.extend(&p.patients);
    }
    target_heads.extend(&p.objects);
    let objects = actors.of_all(syn, text, &target_heads);
    let mut targets: Vec<Actor> = Vec::new();
    let mut from_preps: Vec<Actor> = Vec::new();
    let mut places: Vec<Actor> = Vec::new();
    {
        // Argument prepositions ("protested to Peru", "aid for Haiti"),
        // and apart the places ("arrived in Mali"); adjuncts ("despite",
        // "after") never.
        for (prep, objs) in &p.preps {
            let l = syn.lemma(*prep).to_ascii_lowercase();
            if crate::lexicon::is(&l, Class::AdjunctPreposition) {
                continue;
            }
            // With a direct object, a "for"/"of"/"about" phrase of the verb
            // is a reason or a content ("thanked his guest for Uzbekistan's
            // support"), not a second party.
            if !p.objects.is_empty()
                && syn.tokens[*prep].head as usize == p.verb
                && !crate::lexicon::is(&l, Class::ObjectPreposition)
                && !crate::lexicon::is(&l, Class::PlacePreposition)
            {
                continue;
            }
            let place = crate::lexicon::is(&l, Class::PlacePreposition);
            let into = if place {
                // A place before the verb sets the scene ("In Jamaica,
                // the minister said").
                if *prep < p.verb {
                    continue;
                }
                &mut places
            } else {
                &mut targets
            };
            for a in actors.of_all(syn, text, objs) {
                if !into.iter().any(|x| x.code == a.code) {
                    into.push(a.clone());
                }
                if !place
                    && syn.tokens[*prep].head as usize == p.verb
                    && !from_preps.iter().any(|x: &Actor| x.code == a.code)
                {
                    from_preps.push(a);
                }
            }
        }
    }
    if !objects.is_empty() {
        targets = objects;
        places.clear();
    }
    Args {
        sources,
        targets,
        from_preps,
        places,
    }
}

/// A predicate's actors: who acts, on whom, and where (a place is a
/// target only of acts that go somewhere or bear on it: visits, aid,
/// easing or imposing measures, demands, threats, force; never of what is
/// said, meant, or agreed there).
struct Args {
    sources: Vec<Actor>,
    /// The objects' actors, else the prepositional objects'.
    targets: Vec<Actor>,
    /// The actors of the verb's own prepositional objects (not its
    /// objects' complements).
    from_preps: Vec<Actor>,
    places: Vec<Actor>,
}

impl Args {
    fn place_is_target(code: dyad_model::CameoCode) -> bool {
        matches!(code.as_str(), "042" | "043") || matches!(code.root(), 7..=20)
    }

    fn targets_for(&self, code: dyad_model::CameoCode) -> &[Actor] {
        if self.targets.is_empty() && Self::place_is_target(code) {
            &self.places
        } else {
            &self.targets
        }
    }
}

/// The head of the noun phrase token `k` belongs to.
fn phrase_head(syn: &Syntax, k: usize) -> usize {
    let mut i = k;
    for _ in 0..8 {
        let t = &syn.tokens[i];
        let h = t.head as usize;
        if h == i
            || !matches!(
                t.dep,
                Dep::compound
                    | Dep::amod
                    | Dep::det
                    | Dep::poss
                    | Dep::nmod
                    | Dep::nummod
                    | Dep::case
            )
        {
            break;
        }
        i = h;
    }
    i
}

/// A verb coded by the CAMEO verb dictionary: the codes, and the source
/// or target a pattern's `$`/`+` names, if any.
struct DictCode {
    codes: dyad_verbs::Codes,
    /// The verb's or block's default code: no pattern matched.
    default: bool,
    source: Option<Vec<Actor>>,
    target: Option<Vec<Actor>>,
}

fn dictionary_code(syn: &Syntax, text: &str, actors: &Actors, p: &Pred) -> Option<DictCode> {
    let dict = dyad_verbs::dictionary();
    let lemma = syn.lemma(p.verb).to_ascii_lowercase();
    let lower = syn.text(text, p.verb).to_ascii_lowercase();
    let mut senses: Vec<&dyad_verbs::Sense> = dict.senses(&lemma).iter().collect();
    if senses.is_empty() {
        senses.extend(dict.senses_for_form(&lower));
    }
    if senses.is_empty() {
        return None;
    }
    let lowers: Vec<(String, String)> = p
        .pre
        .iter()
        .chain(&p.post)
        .map(|&k| {
            (
                syn.text(text, k).to_ascii_lowercase(),
                syn.lemma(k).to_ascii_lowercase(),
            )
        })
        .collect();
    // First words of the phrases: a token that is the leftmost of an
    // argument's or a preposition's subtree.
    let starts: Vec<usize> = p
        .pre
        .iter()
        .chain(&p.post)
        .filter(|&&k| {
            matches!(
                syn.tokens[k].dep,
                Dep::dobj
                    | Dep::pobj
                    | Dep::prep
                    | Dep::attr
                    | Dep::dative
                    | Dep::nsubj
                    | Dep::nsubjpass
                    | Dep::oprd
            )
        })
        .map(|&k| syn.subtree(k).0)
        .collect();
    let tok = |i: usize, k: usize| dyad_verbs::Tok {
        lower: &lowers[i].0,
        lemma: &lowers[i].1,
        prep: matches!(syn.tokens[k].dep, Dep::prep | Dep::agent | Dep::dative)
            && syn.tokens[k].tag == Tag::IN
            || syn.tokens[k].dep == Dep::prep,
        phrase_start: starts.contains(&k),
        // A phrase's head is resolved only once, and only for heads.
        actor: actors.covering(k).is_some()
            || (phrase_head(syn, k) == k && !actors.of_phrase(syn, text, k).is_empty()),
    };
    let pre: Vec<dyad_verbs::Tok> = p.pre.iter().enumerate().map(|(i, &k)| tok(i, k)).collect();
    let n = p.pre.len();
    let post: Vec<dyad_verbs::Tok> = p
        .post
        .iter()
        .enumerate()
        .map(|(i, &k)| tok(n + i, k))
        .collect();
    let mut best: Option<dyad_verbs::Match> = None;
    for sense in senses {
        if !sense.fits(&post) {
            continue;
        }
        if let Some(m) = dict.best_match(sense, &pre, &post) {
            // A multi-word verb that fits ("ask for") beats the plain one.
            let w = m.weight + sense.after.len() * 2;
            if best.as_ref().is_none_or(|b| w > b.weight) {
                let mut m = m;
                m.weight = w;
                best = Some(m);
            }
        }
    }
    let m = best?;
    let actor_at = |i: Option<usize>, in_post: bool| -> Option<Vec<Actor>> {
        let i = i?;
        let k = if in_post {
            *p.post.get(i)?
        } else {
            *p.pre.get(i)?
        };
        let a = actors.of_phrase(syn, text, phrase_head(syn, k));
        (!a.is_empty()).then_some(a)
    };
    Some(DictCode {
        codes: m.codes,
        default: m.pattern.is_none(),
        source: actor_at(m.source, m.source_in_post),
        target: actor_at(m.target, m.target_in_post),
    })
}

#[allow(clippy::too_many_arguments)]
fn code_pred(
    syn: &Syntax,
    text: &str,
    ctx: &DocContext,
    s: &Sent,
    actors: &Actors,
    p: &Pred,
    code: dyad_model::CameoCode,
    kind: Kind,
    out: &mut Vec<Cand>,
) {
    if p.negated || p.mode == Mode::Hypothetical {
        return;
    }
    let args = arguments(syn, text, actors, p);
    let targets = args.targets_for(code);
    if kind == Kind::Pointed && targets.is_empty() {
        return;
    }
    emit(syn, ctx, s, p, code, &args.sources, targets, true, out);
}

/// Emits the events of a predicate the verb dictionary coded.
#[allow(clippy::too_many_arguments)]
fn code_by_dictionary(
    syn: &Syntax,
    text: &str,
    ctx: &DocContext,
    s: &Sent,
    actors: &Actors,
    p: &Pred,
    d: &DictCode,
    out: &mut Vec<Cand>,
) {
    if debug() {
        eprintln!(
            "dict {} -> {:?} src {:?} tgt {:?}",
            syn.text(text, p.verb),
            d.codes,
            d.source
                .as_ref()
                .map(|v| v.iter().map(|a| a.code.to_string()).collect::<Vec<_>>()),
            d.target
                .as_ref()
                .map(|v| v.iter().map(|a| a.code.to_string()).collect::<Vec<_>>()),
        );
    }
    if p.negated || p.mode == Mode::Hypothetical {
        return;
    }
    let args = arguments(syn, text, actors, p);
    let mut sources = args.sources.clone();
    let code = d.codes.forward.or(d.codes.reverse);
    let mut targets = code.map_or_else(Vec::new, |c| args.targets_for(c).to_vec());
    // What a statement says is no target ("said hundreds of fighters
    // escaped", "noted the presence of"): only its addressee is ("said to
    // Peru", "told the envoy").
    let lower = syn.text(text, p.verb).to_ascii_lowercase();
    let mut code_override = None;
    if code.is_some_and(|c| c.root() == 1)
        && crate::lexicon::is(&lower, Class::StatementVerb)
        && syn.lemma(p.verb) != "tell"
    {
        targets = args.from_preps.clone();
        // "Russia said that Sudan must return the helicopter": what a party
        // says another must do is a demand on it, what it should do an
        // appeal to it.
        if let Some((c, on)) = obligation(syn, text, actors, p) {
            code_override = Some(c);
            targets = on;
        }
    }
    if let Some(t) = &d.target {
        targets = t.clone();
    }
    // No target among the verb's own arguments: the one its complement
    // names ("demanded that the Sudanese government end curbs",
    // "threatened to resume attacks in Israel"). Not for statements, whose
    // content is reported, not acted on.
    if targets.is_empty() && code.is_some_and(|c| c.root() != 1) {
        let places = code.is_some_and(Args::place_is_target);
        targets = complement_targets(syn, text, actors, p, places);
        // A party reached that far needs a named actor to act on it, not
        // one taken from where the sentence happens ("Farmers blocked
        // Madrid's traffic to demand a deal from the EU" under a Warsaw
        // dateline).
        if !targets.is_empty() {
            sources.retain(|a| a.entity.is_some());
        }
    }
    if let Some(src) = &d.source {
        sources = src.clone();
    }
    if debug() {
        eprintln!(
            "  args {:?} -> {:?}",
            sources
                .iter()
                .map(|a| a.code.to_string())
                .collect::<Vec<_>>(),
            targets
                .iter()
                .map(|a| a.code.to_string())
                .collect::<Vec<_>>()
        );
    }
    // Only a pattern, or a verb without an object, makes a coordinated
    // subject act on itself: "Peru and Chile signed an agreement", "Peru
    // and Chile met".
    let complement = syn
        .children(p.verb)
        .any(|c| matches!(syn.tokens[c].dep, Dep::xcomp | Dep::ccomp));
    let mutual = !d.default || (p.objects.is_empty() && !complement);
    // "agreed to lift embargoes", "offered to mediate": a verb of intent
    // that no pattern coded, with an infinitive the dictionary does not
    // code either, is the intent its default names (050 -> 030).
    let intends = d.default
        && clause::is_plan_verb(syn, p.verb)
        && syn.children_with(p.verb, Dep::xcomp).next().is_some();
    let forward = code_override.or(d.codes.forward).map(|c| match c.root() {
        4..=8 if intends => super::future_code(c).unwrap_or(c),
        _ => c,
    });
    if let Some(code) = forward {
        emit(syn, ctx, s, p, code, &sources, &targets, mutual, out);
    }
    if let Some(code) = d.codes.reverse.filter(|_| code_override.is_none()) {
        emit(syn, ctx, s, p, code, &targets, &sources, mutual, out);
    }
}

/// The actors a verb's complement clause names as the party acted on: the
/// subject of a `that` clause ("demanded that Sudan end"), else the objects
/// and prepositional objects of an infinitive ("threatened to resume attacks
/// in Israel", "agreed to lift embargoes on Iran"); the first clause that
/// names one.
fn complement_targets(
    syn: &Syntax,
    text: &str,
    actors: &Actors,
    p: &Pred,
    places: bool,
) -> Vec<Actor> {
    for c in syn.children(p.verb) {
        // (head, whether a place preposition introduces it)
        let mut heads: Vec<(usize, bool)> = Vec::new();
        match syn.tokens[c].dep {
            Dep::ccomp => heads.extend(
                syn.children(c)
                    .filter(|&k| matches!(syn.tokens[k].dep, Dep::nsubj | Dep::nsubjpass))
                    .map(|k| (k, false)),
            ),
            // An infinitive, also when the parser attaches it as an adverbial
            // clause ("threatened on Sunday to resume"). One with its own
            // subject ("urged Peru to") has it as the verb's object already.
            d if d == Dep::xcomp
                || (d == Dep::advcl
                    && syn
                        .children_with(c, Dep::aux)
                        .any(|a| syn.tokens[a].tag == Tag::TO)) =>
            {
                heads.extend(syn.children_with(c, Dep::dobj).map(|k| (k, false)));
                prep_objects(syn, c, 1, &mut heads);
                // "to resume terrorist activities in Israel", "to lift
                // embargoes on sales to Iran": the object's own place or
                // party, through up to three prepositions.
                for o in syn.children_with(c, Dep::dobj) {
                    prep_objects(syn, o, 3, &mut heads);
                }
            }
            _ => continue,
        }
        let kept: Vec<usize> = heads
            .into_iter()
            .filter(|&(_, place)| places || !place)
            .map(|(k, _)| k)
            .collect();
        let found = actors.of_all(syn, text, &kept);
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}

/// A statement's content that obliges another party: the subject of a
/// reported clause with "must" or "has to" (a demand, 100) or "should" or
/// "ought to" (an appeal, 020), and the code.
fn obligation(
    syn: &Syntax,
    text: &str,
    actors: &Actors,
    p: &Pred,
) -> Option<(dyad_model::CameoCode, Vec<Actor>)> {
    for c in syn.children_with(p.verb, Dep::ccomp) {
        let modal = syn.children(c).find_map(|k| {
            let t = &syn.tokens[k];
            if t.dep != Dep::aux {
                return None;
            }
            match syn.text(text, k).to_ascii_lowercase().as_str() {
                "must" => Some("100"),
                "should" | "ought" => Some("020"),
                _ => None,
            }
        });
        // "has to return": the clause's verb is "have" with an infinitive.
        let modal = modal.or_else(|| {
            (syn.lemma(c) == "have"
                && syn.children_with(c, Dep::xcomp).any(|x| {
                    syn.children_with(x, Dep::aux)
                        .any(|a| syn.tokens[a].tag == Tag::TO)
                }))
            .then_some("100")
        });
        let Some(code) = modal else { continue };
        // "must not stall": a prohibition is no demand on its subject.
        if syn.children_with(c, Dep::neg).next().is_some() {
            continue;
        }
        let subjects: Vec<usize> = syn
            .children(c)
            .filter(|&k| matches!(syn.tokens[k].dep, Dep::nsubj | Dep::nsubjpass))
            .collect();
        // Read as subjects: "the Doha Round must" names no party.
        let on = actors.subjects(syn, text, &subjects);
        if on.is_empty() {
            continue;
        }
        return Some((dyad_model::CameoCode::new(code).ok()?, on));
    }
    None
}

/// The objects of `n`'s argument prepositions (not adjuncts: "despite",
/// "after"), in order, and theirs down to `depth` prepositions, each with
/// whether a place preposition ("in", "at") introduces it.
fn prep_objects(syn: &Syntax, n: usize, depth: usize, out: &mut Vec<(usize, bool)>) {
    if depth == 0 {
        return;
    }
    for prep in syn.children_with(n, Dep::prep) {
        let l = syn.lemma(prep).to_ascii_lowercase();
        if crate::lexicon::is(&l, Class::AdjunctPreposition) {
            continue;
        }
        let place = crate::lexicon::is(&l, Class::PlacePreposition);
        for o in syn.children_with(prep, Dep::pobj) {
            out.push((o, place));
            prep_objects(syn, o, depth - 1, out);
        }
    }
}

/// `DYAD_DEBUG_CODER=1` prints each coded predicate to stderr.
fn debug() -> bool {
    static ON: std::sync::LazyLock<bool> =
        std::sync::LazyLock::new(|| std::env::var_os("DYAD_DEBUG_CODER").is_some());
    *ON
}

#[allow(clippy::too_many_arguments)]
fn emit(
    syn: &Syntax,
    ctx: &DocContext,
    s: &Sent,
    p: &Pred,
    code: dyad_model::CameoCode,
    sources: &[Actor],
    targets: &[Actor],
    mutual: bool,
    out: &mut Vec<Cand>,
) {
    let mut code = code;
    let future = p.mode == Mode::Future;
    if future {
        match future_code(code) {
            Some(c) => code = c,
            None => return,
        }
    }
    let verb_word = s
        .words
        .iter()
        .position(|w| w.span.start >= syn.tokens[p.verb].span.start)
        .unwrap_or(0);
    let tense = if future {
        when::Tense::Future
    } else if syn.tokens[p.verb].tag == Tag::VBD {
        when::Tense::Past
    } else {
        when::Tense::Unknown
    };
    let dates = when::dates(s.words, ctx.date, tense);
    let date = dates
        .iter()
        .min_by_key(|d| (d.word as isize - verb_word as isize).unsigned_abs())
        .map(|d| d.date)
        .or(ctx.date);
    let place = s
        .places
        .iter()
        .find(|p| p.locative)
        .map(|p| p.name.to_string())
        .or_else(|| ctx.dateline.as_ref().map(|d| d.0.clone()));
    let pairs: Vec<(&Actor, &Actor)> = if targets.is_empty() && sources.len() >= 2 {
        // "Kenya and Uganda clashed": a mutual act between the conjuncts
        // (not "the Netherlands and Luxembourg supported this idea", nor
        // "Burkina Faso and Niger withdrew their ambassadors").
        if mutual && (super::symmetric(code) || code.root() == 19) {
            let mut v = Vec::new();
            for a in sources {
                for b in sources {
                    if a.code != b.code {
                        v.push((a, b));
                    }
                }
            }
            v
        } else {
            Vec::new()
        }
    } else {
        let mut v = Vec::new();
        for a in sources {
            for b in targets {
                v.push((a, b));
            }
        }
        v
    };
    for (src, tgt) in pairs {
        if src.code == tgt.code || src.quoted || src.located {
            continue;
        }
        // The press reports what others say; telling reporters or a
        // newspaper's saying is no act between parties.
        let press = |a: &Actor| {
            let c = a.code.as_str();
            c.starts_with("MED") || c.get(3..).is_some_and(|r| r.starts_with("MED"))
        };
        if code.root() == 1 && (press(src) || press(tgt)) {
            continue;
        }
        // Within one country, only towards a sector ("police" and
        // "protesters", "Croatia" and "Croatian extremists"): a country's
        // own name as the target ("reaffirmed Kazakhstan's commitment") is
        // the source's own side.
        // A country taken from the context makes a domestic event only as
        // the target of a named side's force or coercion ("Kenyan police
        // arrested opposition supporters").
        let inferred_ok = src.entity.is_some() && matches!(code.root(), 14..=20);
        if src.country() == tgt.country()
            && (tgt.code.as_str().len() <= 3
                || src.entity.is_none()
                || (tgt.entity.is_none() && !inferred_ok))
        {
            continue;
        }
        if debug() {
            eprintln!(
                "  emit {} {} -> {} (at {})",
                code, src.code, tgt.code, syn.tokens[p.verb].span.start
            );
        }
        out.push(Cand {
            code,
            source: src.clone(),
            target: tgt.clone(),
            date,
            place: place.clone(),
            evidence: s.span,
        });
    }
}
