//! Predicates and their arguments, read from the dependency parse.
//!
//! For every verb of a sentence this finds who acts (the subject, or the
//! agent of a passive), what the act is done to (objects and prepositional
//! objects), and how the clause qualifies the act (negation, modality). The
//! arguments of a verb that has no subject of its own come from the tree:
//! a controlled infinitive takes its controller ("A urged B to withdraw":
//! B withdraws; "A agreed to cooperate": A cooperates), a conjoined verb its
//! first conjunct's subject, a relative clause or participle its noun.
//! Coordinated arguments expand to each conjunct.

use dyad_model::syntax::{Dep, Pos, Syntax, Tag};

/// How a clause presents its act.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Stated as done or happening.
    Fact,
    /// Announced for the future, planned, or intended ("will visit",
    /// "plans to visit", "agreed to visit").
    Future,
    /// Possible, conditional or asked about ("could", "may", "whether").
    Hypothetical,
}

/// One verb and its arguments, as token indices of the [`Syntax`].
#[derive(Debug, Clone)]
pub(crate) struct Pred {
    pub verb: usize,
    /// The act's doers: subject heads, coordination expanded; for a
    /// passive, the heads of the "by" agent.
    pub sources: Vec<usize>,
    /// For a passive, the grammatical subject (the patient).
    pub patients: Vec<usize>,
    /// Direct and indirect objects (heads, coordination expanded).
    pub objects: Vec<usize>,
    /// Prepositional objects: (preposition token, object heads).
    pub preps: Vec<(usize, Vec<usize>)>,
    pub passive: bool,
    pub negated: bool,
    pub mode: Mode,
    /// The words before the verb that belong to its subject phrase, in
    /// text order (for patterns with words before the verb).
    pub pre: Vec<usize>,
    /// The words after the verb inside its clause (objects, particles,
    /// prepositional phrases, a controlled infinitive), in text order.
    pub post: Vec<usize>,
}

impl Pred {
    /// A predicate at token `verb` with no arguments yet, stated as a fact.
    pub(crate) fn new(verb: usize) -> Pred {
        Pred {
            verb,
            sources: Vec::new(),
            patients: Vec::new(),
            objects: Vec::new(),
            preps: Vec::new(),
            passive: false,
            negated: false,
            mode: Mode::Fact,
            pre: Vec::new(),
            post: Vec::new(),
        }
    }
}

/// Auxiliaries and verbs whose complement is not (yet) a fact.
const FUTURE_AUX: &[&str] = &["will", "shall", "'ll", "wo"];
const HYPOTHETICAL_AUX: &[&str] = &[
    "would", "could", "may", "might", "should", "can", "ca", "must", "ought",
];
/// Verbs whose infinitive complement is planned or intended, not done.
const PLAN_VERBS: &[&str] = &[
    "plan", "intend", "aim", "hope", "expect", "want", "seek", "wish", "prepare", "propose",
    "schedule", "decide", "agree", "promise", "pledge", "vow", "offer", "threaten", "try",
    "attempt", "mean", "be", "set", "go", "due",
];
/// Whether verb `v` presents its infinitive complement as planned or
/// intended ("agreed to", "plans to", "threatened to").
pub(crate) fn is_plan_verb(syn: &Syntax, v: usize) -> bool {
    lemma_in(syn, v, PLAN_VERBS)
}

/// Verbs whose infinitive complement is not done.
const REFUSE_VERBS: &[&str] = &[
    "refuse", "decline", "fail", "reject", "avoid", "cease", "stop",
];
/// Verbs whose object also controls the infinitive ("urged B to", "asked B
/// to", "forced B to").
fn object_control(lemma: &str) -> bool {
    matches!(
        lemma,
        "urge"
            | "ask"
            | "call"
            | "request"
            | "force"
            | "persuade"
            | "invite"
            | "order"
            | "tell"
            | "encourage"
            | "allow"
            | "permit"
            | "press"
            | "pressure"
            | "push"
            | "compel"
            | "advise"
            | "warn"
            | "help"
            | "require"
            | "authorize"
            | "instruct"
            | "appeal"
            | "challenge"
            | "demand"
    )
}

/// Labels of dependents that open another clause: their words are not
/// part of this verb's phrase.
fn clause_label(d: Dep) -> bool {
    matches!(
        d,
        Dep::ccomp
            | Dep::advcl
            | Dep::conj
            | Dep::parataxis
            | Dep::relcl
            | Dep::csubj
            | Dep::punct
            | Dep::cc
            | Dep::mark
            | Dep::dep
    )
}

/// Whether token `i` is a verb that can carry an act.
pub(crate) fn is_predicate(syn: &Syntax, i: usize) -> bool {
    let t = &syn.tokens[i];
    t.pos == Pos::VERB || (t.pos == Pos::AUX && t.dep == Dep::ROOT && syn.lemma(i) != "be")
}

/// The predicates of the sentence spanning tokens `lo..hi`.
pub(crate) fn predicates(syn: &Syntax, lo: usize, hi: usize) -> Vec<Pred> {
    (lo..hi)
        .filter(|&i| is_predicate(syn, i))
        .map(|v| pred(syn, v, lo, hi))
        .collect()
}

/// The argument heads of `h` with its conjuncts ("Kazakhstan and Bulgaria").
pub(crate) fn with_conjuncts(syn: &Syntax, h: usize, out: &mut Vec<usize>) {
    let mut stack = vec![h];
    let mut steps = 0;
    while let Some(k) = stack.pop() {
        steps += 1;
        if steps > 64 {
            break;
        }
        if !out.contains(&k) {
            out.push(k);
        }
        for c in syn.children_with(k, Dep::conj) {
            // Only nominal conjuncts: "met and agreed" is two acts.
            if !is_predicate(syn, c) {
                stack.push(c);
            }
        }
    }
    out.sort_unstable();
}

fn lemma_in(syn: &Syntax, i: usize, list: &[&str]) -> bool {
    list.contains(&syn.lemma(i).to_ascii_lowercase().as_str())
}

fn pred(syn: &Syntax, v: usize, lo: usize, hi: usize) -> Pred {
    let mut p = Pred::new(v);
    let mut subject_phrase = None;
    for c in syn.children(v) {
        let t = &syn.tokens[c];
        match t.dep {
            Dep::nsubj => {
                // Two subjects is a parse error ("X's remarks ..., officials
                // agreed"): the one nearest the verb is its subject.
                p.sources.clear();
                with_conjuncts(syn, c, &mut p.sources);
                subject_phrase = Some(c);
            }
            Dep::nsubjpass => {
                p.passive = true;
                with_conjuncts(syn, c, &mut p.patients);
                subject_phrase = Some(c);
            }
            Dep::auxpass => p.passive = true,
            Dep::agent => {
                for o in syn.children_with(c, Dep::pobj) {
                    with_conjuncts(syn, o, &mut p.sources);
                }
            }
            Dep::dobj | Dep::dative => {
                if t.dep == Dep::dative && t.tag == Tag::IN {
                    // "gave aid to Haiti" parsed as a dative preposition.
                    let mut objs = Vec::new();
                    for o in syn.children_with(c, Dep::pobj) {
                        with_conjuncts(syn, o, &mut objs);
                    }
                    p.preps.push((c, objs));
                } else {
                    with_conjuncts(syn, c, &mut p.objects);
                }
            }
            Dep::prep => {
                let mut objs = Vec::new();
                for o in syn.children_with(c, Dep::pobj) {
                    with_conjuncts(syn, o, &mut objs);
                }
                p.preps.push((c, objs));
            }
            Dep::neg => p.negated = true,
            Dep::aux => {
                if lemma_in(syn, c, FUTURE_AUX) {
                    p.mode = Mode::Future;
                } else if lemma_in(syn, c, HYPOTHETICAL_AUX) && p.mode == Mode::Fact {
                    p.mode = Mode::Hypothetical;
                }
            }
            Dep::advmod if lemma_in(syn, c, &["never"]) => p.negated = true,
            _ => {}
        }
    }
    // Prepositional phrases of the objects: "signed an agreement with
    // Bulgaria", "imposed sanctions on Iran".
    let objects = p.objects.clone();
    for o in objects {
        for c in syn.children_with(o, Dep::prep) {
            let mut objs = Vec::new();
            for x in syn.children_with(c, Dep::pobj) {
                with_conjuncts(syn, x, &mut objs);
            }
            p.preps.push((c, objs));
        }
    }
    p.preps.sort_by_key(|e| e.0);
    inherit(syn, v, &mut p);
    // The words of the subject phrase that precede the verb.
    if let Some(s) = subject_phrase {
        let (a, b) = syn.subtree(s);
        p.pre = (a.max(lo)..=b.min(hi.saturating_sub(1)))
            .filter(|&k| k < v)
            .collect();
    }
    // The words after the verb inside its own clause.
    let mut post = Vec::new();
    for c in syn.children(v) {
        if c < v || clause_label(syn.tokens[c].dep) {
            continue;
        }
        if matches!(syn.tokens[c].dep, Dep::nsubj | Dep::nsubjpass | Dep::aux) {
            continue;
        }
        let (a, b) = syn.subtree(c);
        post.extend((a.max(v + 1)..=b.min(hi.saturating_sub(1))).filter(|&k| {
            // Drop the words of clauses nested in the objects ("the
            // troops, who ..."), keeping the phrase itself, and the words
            // deep inside it: patterns name the heads of the verb's phrases
            // and their modifiers ("sent aid", "put forward a peace plan"),
            // not a word of a conjunct or a possessor ("cited X's repression
            // and its support").
            !inside_clause(syn, k, c) && shallow(syn, k, v)
        }));
    }
    post.sort_unstable();
    post.dedup();
    p.post = post;
    p
}

/// Whether token `k` is reached from verb `v` through the labels that
/// build a verb phrase's heads (objects, prepositions and their objects,
/// particles, complements) and their modifiers, in at most five steps.
fn shallow(syn: &Syntax, k: usize, v: usize) -> bool {
    let mut i = k;
    for _ in 0..6 {
        if i == v {
            return true;
        }
        let t = &syn.tokens[i];
        if !matches!(
            t.dep,
            Dep::dobj
                | Dep::dative
                | Dep::prep
                | Dep::pobj
                | Dep::pcomp
                | Dep::prt
                | Dep::attr
                | Dep::oprd
                | Dep::acomp
                | Dep::xcomp
                | Dep::aux
                | Dep::compound
                | Dep::amod
                | Dep::det
                | Dep::nummod
                | Dep::quantmod
                | Dep::advmod
                | Dep::npadvmod
                | Dep::neg
                | Dep::case
                | Dep::agent
        ) {
            return false;
        }
        let h = t.head as usize;
        if h == i {
            return false;
        }
        i = h;
    }
    false
}

/// Whether token `k` lies inside a clause nested below `top` (a relative
/// clause, a reported clause).
fn inside_clause(syn: &Syntax, k: usize, top: usize) -> bool {
    let mut i = k;
    for _ in 0..64 {
        if i == top {
            return false;
        }
        let t = &syn.tokens[i];
        if matches!(
            t.dep,
            Dep::relcl | Dep::ccomp | Dep::advcl | Dep::acl | Dep::parataxis
        ) {
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

/// Arguments a verb takes from the tree when it has none of its own, and
/// the mode an embedding verb gives it.
fn inherit(syn: &Syntax, v: usize, p: &mut Pred) {
    let t = &syn.tokens[v];
    let head = t.head as usize;
    if head == v {
        return;
    }
    let has_subject = !p.sources.is_empty() || !p.patients.is_empty();
    match t.dep {
        Dep::xcomp => {
            // "A agreed to cooperate", "A urged B to withdraw".
            if !has_subject {
                let hl = syn.lemma(head).to_ascii_lowercase();
                let obj = syn
                    .children(head)
                    .find(|&c| matches!(syn.tokens[c].dep, Dep::dobj));
                match obj {
                    Some(o) if object_control(&hl) => with_conjuncts(syn, o, &mut p.sources),
                    _ => p.sources = controller(syn, head),
                }
            }
            let hl = syn.lemma(head).to_ascii_lowercase();
            if lemma_in(syn, head, PLAN_VERBS) {
                p.mode = Mode::Future;
            } else if object_control(&hl) {
                // Asked for, not done: the appeal is the act.
                p.mode = Mode::Hypothetical;
            } else if lemma_in(syn, head, REFUSE_VERBS) {
                p.negated = true;
            }
            if p.mode == Mode::Fact {
                p.mode = clause_mode(syn, head);
            }
        }
        Dep::conj => {
            if !has_subject {
                p.sources = controller(syn, head);
                if p.sources.is_empty() {
                    // A conjoined passive: "were arrested and deported".
                    p.passive |= preds_passive(syn, head);
                }
            }
            if p.mode == Mode::Fact {
                p.mode = clause_mode(syn, head);
            }
            p.negated |= syn.children_with(head, Dep::neg).next().is_some() && !has_subject;
        }
        Dep::relcl => {
            // "the troops that crossed the border": the noun is the
            // subject unless the clause has its own ("the aid that Japan
            // sent": the noun is the object).
            let relativizer_subject = syn.children(v).any(|c| {
                matches!(syn.tokens[c].dep, Dep::nsubj | Dep::nsubjpass)
                    && matches!(syn.tokens[c].tag, Tag::WDT | Tag::WP | Tag::WPS)
            });
            let own_subject = syn.children(v).any(|c| {
                matches!(syn.tokens[c].dep, Dep::nsubj | Dep::nsubjpass)
                    && !matches!(syn.tokens[c].tag, Tag::WDT | Tag::WP | Tag::WPS)
            });
            if relativizer_subject || !own_subject {
                p.sources.clear();
                p.patients.clear();
                if p.passive {
                    with_conjuncts(syn, head, &mut p.patients);
                } else {
                    with_conjuncts(syn, head, &mut p.sources);
                }
            } else if p.objects.is_empty() {
                with_conjuncts(syn, head, &mut p.objects);
            }
        }
        // "troops deployed to the border" (a participle), "villages
        // shelled by troops" (a passive participle).
        Dep::acl if !has_subject => {
            if t.tag == Tag::VBN {
                p.passive = true;
                with_conjuncts(syn, head, &mut p.patients);
            } else if t.tag == Tag::VBG {
                with_conjuncts(syn, head, &mut p.sources);
            }
        }
        Dep::advcl => {
            // ", killing five" / "after meeting Putin": the main subject.
            if !has_subject && matches!(t.tag, Tag::VBG) {
                p.sources = controller(syn, head);
            }
            if syn
                .children(v)
                .any(|c| syn.tokens[c].dep == Dep::mark && lemma_in(syn, c, &["if", "unless"]))
            {
                p.mode = Mode::Hypothetical;
            }
        }
        Dep::ccomp
            if syn.children(v).any(|c| {
                syn.tokens[c].dep == Dep::mark && lemma_in(syn, c, &["whether", "if"])
            }) =>
        {
            p.mode = Mode::Hypothetical;
        }
        _ => {}
    }
}

/// The mode a verb gives the clauses below it (a future or hypothetical
/// verb makes its complements so too).
fn clause_mode(syn: &Syntax, v: usize) -> Mode {
    let mut mode = Mode::Fact;
    // "if Japan takes action to honor": a condition.
    if syn
        .children_with(v, Dep::mark)
        .any(|c| lemma_in(syn, c, &["if", "unless", "whether"]))
    {
        return Mode::Hypothetical;
    }
    for c in syn.children_with(v, Dep::aux) {
        if lemma_in(syn, c, FUTURE_AUX) {
            mode = Mode::Future;
        } else if lemma_in(syn, c, HYPOTHETICAL_AUX) && mode == Mode::Fact {
            mode = Mode::Hypothetical;
        }
    }
    mode
}

fn preds_passive(syn: &Syntax, v: usize) -> bool {
    syn.children(v)
        .any(|c| matches!(syn.tokens[c].dep, Dep::nsubjpass | Dep::auxpass))
}

/// The subject heads of verb `v`, or of the verb it depends on for them.
fn controller(syn: &Syntax, v: usize) -> Vec<usize> {
    let mut v = v;
    for _ in 0..8 {
        let mut out = Vec::new();
        for c in syn.children(v) {
            match syn.tokens[c].dep {
                Dep::nsubj => with_conjuncts(syn, c, &mut out),
                Dep::agent => {
                    for o in syn.children_with(c, Dep::pobj) {
                        with_conjuncts(syn, o, &mut out);
                    }
                }
                _ => {}
            }
        }
        if !out.is_empty() {
            return out;
        }
        let t = &syn.tokens[v];
        let h = t.head as usize;
        if h == v || !matches!(t.dep, Dep::xcomp | Dep::conj | Dep::advcl) {
            return out;
        }
        v = h;
    }
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The frame of the first predicate whose text is `verb`, rendered as
    /// "src=A,B obj=C prep=to:D mode neg".
    fn frame(text: &str, verb: &str) -> String {
        let syn = dyad_analyze::syntax::parse(text);
        let w = |i: usize| syn.text(text, i).to_string();
        let list = |v: &[usize]| v.iter().map(|&i| w(i)).collect::<Vec<_>>().join(",");
        let preds = predicates(&syn, 0, syn.tokens.len());
        let Some(p) = preds.iter().find(|p| w(p.verb) == verb) else {
            panic!("no predicate {verb:?} in {text:?}");
        };
        let mut s = format!("src={} obj={}", list(&p.sources), list(&p.objects));
        if !p.patients.is_empty() {
            s += &format!(" pat={}", list(&p.patients));
        }
        for (prep, objs) in &p.preps {
            s += &format!(" {}:{}", w(*prep), list(objs));
        }
        if p.mode != Mode::Fact {
            s += &format!(" {:?}", p.mode);
        }
        if p.negated {
            s += " neg";
        }
        s
    }

    #[test]
    fn subject_and_object() {
        assert_eq!(
            frame(
                "Kazakhstan signed an agreement with Bulgaria on Monday.",
                "signed"
            ),
            "src=Kazakhstan obj=agreement with:Bulgaria on:Monday"
        );
    }

    #[test]
    fn passive_agent_is_the_source() {
        assert_eq!(
            frame("Two villages were shelled by Tajik troops.", "shelled"),
            "src=troops obj= pat=villages"
        );
    }

    #[test]
    fn coordination_expands() {
        assert_eq!(
            frame("Kenya and Uganda condemned the attack.", "condemned"),
            "src=Kenya,Uganda obj=attack"
        );
        // The second verb of "met and agreed" takes the first one's subject.
        assert_eq!(
            frame(
                "Peru and Chile met in Lima and agreed to reopen the border.",
                "agreed"
            ),
            "src=Peru,Chile obj="
        );
    }

    #[test]
    fn control_gives_the_infinitive_its_doer() {
        // Object control: Ghana is to withdraw.
        assert_eq!(
            frame("Togo urged Ghana to withdraw its troops.", "withdraw"),
            "src=Ghana obj=troops Hypothetical"
        );
        // Subject control: Peru and Chile are to reopen.
        assert_eq!(
            frame("Peru and Chile agreed to reopen the border.", "reopen"),
            "src=Peru,Chile obj=border Future"
        );
    }

    #[test]
    fn relative_clause_takes_its_noun() {
        assert_eq!(
            frame("The troops that crossed the border were Malian.", "crossed"),
            "src=troops obj=border"
        );
    }

    #[test]
    fn negation_and_modality() {
        assert_eq!(
            frame("Norway did not expel the diplomats.", "expel"),
            "src=Norway obj=diplomats neg"
        );
        assert_eq!(
            frame("Brazil will host the summit next year.", "host"),
            "src=Brazil obj=summit Future"
        );
        assert_eq!(
            frame("Chile could recall its ambassador.", "recall"),
            "src=Chile obj=ambassador Hypothetical"
        );
    }
}
