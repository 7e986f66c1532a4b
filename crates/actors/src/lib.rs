//! The PETRARCH2 Phoenix actor and agent dictionaries as compiled lookups.
//!
//! `build.rs` parses `data/petrarch2/Phoenix.*.txt` (see [`parse`] for the
//! format and the upstream defects it normalises) and writes byte tries into
//! `OUT_DIR`; this crate includes them with `include_bytes!` and reads them
//! in place, so the dictionaries are ready at once and a lookup walks the
//! trie once over the text it matches.
//!
//! Matching works on tokens (spaCy's tokenization) with a flag for the
//! whitespace after each: the tokens are read as one case-folded character
//! stream in which a token followed by whitespace contributes one space, so
//! "Ban" "Ki" "-" "moon" (spaces after "Ban" only) reads "ban ki-moon" and
//! matches `BAN_KI-MOON`. A name ending in `_` (exact) must end at a token
//! end ("Annan" "," matches `ANNAN_`; "Kazakhstan" "'s" matches
//! `KAZAKHSTAN_`); any other name's last word is a stem that may end inside a
//! token (`MINISTR` matches "ministry"). Spaces inside a name must match
//! whitespace in the text.

pub mod parse;

#[path = "compile.rs"]
#[doc(hidden)]
pub mod compile;
mod trie;

use std::sync::OnceLock;

pub use parse::Source;
use trie::{section, u32_at, Trie, EXACT, NONE, STEM};

/// A token of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tok<'a> {
    /// The token's text.
    pub text: &'a str,
    /// Whether whitespace follows it.
    pub space_after: bool,
}

impl<'a> Tok<'a> {
    /// A token.
    pub fn new(text: &'a str, space_after: bool) -> Self {
        Tok { text, space_after }
    }
}

/// Longest match in `trie` starting at `toks[0]`: (tokens covered, value).
/// With `whole_words`, stems too must end at a token end.
fn longest_in(trie: &Trie<'_>, toks: &[Tok<'_>], whole_words: bool) -> Option<(usize, u32)> {
    let mut node = Trie::ROOT;
    let mut best = None;
    let mut buf = [0u8; 4];
    for (i, tok) in toks.iter().enumerate() {
        if i > 0 && toks[i - 1].space_after {
            match trie.child(node, b' ') {
                Some(n) => node = n,
                None => return best,
            }
        }
        let mut chars = tok.text.chars().peekable();
        if chars.peek().is_none() {
            return best;
        }
        while let Some(c) = chars.next() {
            if c.is_whitespace() {
                return best;
            }
            for &b in parse::fold_char(c).encode_utf8(&mut buf).as_bytes() {
                match trie.child(node, b) {
                    Some(n) => node = n,
                    None => return best,
                }
            }
            if let Some(v) = trie.values(node) {
                let at_end = chars.peek().is_none();
                if at_end && v[EXACT] != NONE {
                    best = Some((i + 1, v[EXACT]));
                } else if v[STEM] != NONE && (at_end || !whole_words) {
                    best = Some((i + 1, v[STEM]));
                }
            }
        }
    }
    best
}

/// An actor entry (index into the compiled dictionary).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActorId(pub u32);

/// One code of an actor with its validity range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CodeSpan<'a> {
    /// The CAMEO code; `---` means "no code".
    pub code: &'a str,
    /// First day of validity (inclusive).
    pub from: Option<chrono::NaiveDate>,
    /// End of validity (exclusive).
    pub until: Option<chrono::NaiveDate>,
}

/// The actor dictionaries (Countries, International, MilNonState).
#[derive(Debug)]
pub struct ActorDict {
    trie: Trie<'static>,
    entries: &'static [u8],
    codes: &'static [u8],
    strings: &'static [u8],
}

/// A code record: (code, from day, until day) with the `compile` sentinels.
struct RawCode<'a> {
    code: &'a str,
    from: i32,
    until: i32,
}

fn str_at(strings: &[u8], off: u32, len: u32) -> &str {
    std::str::from_utf8(&strings[off as usize..(off + len) as usize]).unwrap_or("")
}

fn day(d: i32) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_num_days_from_ce_opt(d)
}

impl ActorDict {
    fn from_blob(blob: &'static [u8]) -> Self {
        ActorDict {
            trie: Trie::new(section(blob, 0)),
            entries: section(blob, 1),
            codes: section(blob, 2),
            strings: section(blob, 3),
        }
    }

    /// Compiles actor dictionary texts (for tests and tools; the built-in
    /// dictionary is [`actors`]). The blob is leaked.
    pub fn from_texts(files: &[(&str, Source, &str)]) -> Result<Self, String> {
        let (blob, _) = compile::compile_actors(files)
            .map_err(|e| format!("{}:{}: {}", e.file, e.error.line, e.error.reason))?;
        Ok(Self::from_blob(Box::leak(blob.into_boxed_slice())))
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len() / 20
    }

    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Longest actor name starting at `toks[0]`: (tokens covered, id).
    pub fn longest(&self, toks: &[Tok<'_>]) -> Option<(usize, ActorId)> {
        longest_in(&self.trie, toks, false).map(|(n, v)| (n, ActorId(v)))
    }

    /// Like [`ActorDict::longest`], but a stem must also end at a token end
    /// (short stems such as `PLA` or `GOA` would otherwise match "plan" and
    /// "goal").
    pub fn longest_whole_words(&self, toks: &[Tok<'_>]) -> Option<(usize, ActorId)> {
        longest_in(&self.trie, toks, true).map(|(n, v)| (n, ActorId(v)))
    }

    fn field(&self, id: ActorId, k: usize) -> u32 {
        u32_at(self.entries, id.0 as usize * 5 + k)
    }

    fn raw_codes(&self, id: ActorId) -> impl Iterator<Item = RawCode<'_>> + '_ {
        let start = self.field(id, 3) as usize;
        let n = self.field(id, 4) as usize;
        (start..start + n).map(move |c| RawCode {
            code: str_at(
                self.strings,
                u32_at(self.codes, 4 * c),
                u32_at(self.codes, 4 * c + 1),
            ),
            from: u32_at(self.codes, 4 * c + 2) as i32,
            until: u32_at(self.codes, 4 * c + 3) as i32,
        })
    }

    /// The entry's codes in file order.
    pub fn codes(&self, id: ActorId) -> Vec<CodeSpan<'_>> {
        self.raw_codes(id)
            .map(|c| CodeSpan {
                code: c.code,
                from: (c.from != compile::NO_FROM).then(|| day(c.from)).flatten(),
                until: (c.until != compile::NO_UNTIL)
                    .then(|| day(c.until))
                    .flatten(),
            })
            .collect()
    }

    /// The code valid on `date`: the first dated code whose range covers it,
    /// else the first undated code; None if no code applies. With no date:
    /// the first undated code, else the dated code that reaches latest. A
    /// chosen `---` (the dictionaries' "no code") gives None.
    pub fn code_on(&self, id: ActorId, date: Option<chrono::NaiveDate>) -> Option<&str> {
        use chrono::Datelike;
        let undated = |c: &RawCode<'_>| c.from == compile::NO_FROM && c.until == compile::NO_UNTIL;
        let chosen = match date {
            Some(d) => {
                let d = d.num_days_from_ce();
                self.raw_codes(id)
                    .find(|c| !undated(c) && d >= c.from && d < c.until)
                    .or_else(|| self.raw_codes(id).find(undated))
            }
            None => self.raw_codes(id).find(undated).or_else(|| {
                // max_by_key keeps the last maximum; reverse to keep the first.
                let all: Vec<_> = self.raw_codes(id).collect();
                all.into_iter().rev().max_by_key(|c| (c.until, c.from))
            }),
        };
        chosen.map(|c| c.code).filter(|c| *c != "---")
    }

    /// The entry's primary name (words separated by spaces).
    pub fn name(&self, id: ActorId) -> &str {
        str_at(self.strings, self.field(id, 0), self.field(id, 1))
    }

    /// The file the entry comes from.
    pub fn source(&self, id: ActorId) -> Source {
        Source::from_index(self.field(id, 2) as u8)
    }
}

/// An agent code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Agent {
    /// The code without `~` ("COP").
    pub code: &'static str,
    /// `[CODE~]`: goes before the actor code (NGO~, IGO~).
    pub prefix: bool,
}

/// The agent dictionary.
#[derive(Debug)]
pub struct AgentDict {
    trie: Trie<'static>,
    agents: &'static [u8],
    strings: &'static [u8],
}

impl AgentDict {
    fn from_blob(blob: &'static [u8]) -> Self {
        AgentDict {
            trie: Trie::new(section(blob, 0)),
            agents: section(blob, 1),
            strings: section(blob, 2),
        }
    }

    /// Compiles an agent dictionary text (for tests and tools; the built-in
    /// dictionary is [`agents`]). The blob is leaked.
    pub fn from_text(text: &str) -> Result<Self, String> {
        let (blob, _) = compile::compile_agents(&[("agents", text)])
            .map_err(|e| format!("{}:{}: {}", e.file, e.error.line, e.error.reason))?;
        Ok(Self::from_blob(Box::leak(blob.into_boxed_slice())))
    }

    /// Longest agent phrase starting at `toks[0]` ("riot police"): (tokens
    /// covered, agent).
    pub fn longest(&self, toks: &[Tok<'_>]) -> Option<(usize, Agent)> {
        longest_in(&self.trie, toks, false).map(|(n, v)| (n, self.agent(v)))
    }

    /// Like [`AgentDict::longest`], but a stem must also end at a token end.
    pub fn longest_whole_words(&self, toks: &[Tok<'_>]) -> Option<(usize, Agent)> {
        longest_in(&self.trie, toks, true).map(|(n, v)| (n, self.agent(v)))
    }

    fn agent(&self, v: u32) -> Agent {
        let i = v as usize * 3;
        Agent {
            code: str_at(
                self.strings,
                u32_at(self.agents, i),
                u32_at(self.agents, i + 1),
            ),
            prefix: u32_at(self.agents, i + 2) != 0,
        }
    }
}

static ACTORS_BIN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/actors.bin"));
static AGENTS_BIN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/agents.bin"));

/// What `build.rs` read: entries per file, defects normalised, trie sizes.
pub const BUILD_REPORT: &str = include_str!(concat!(env!("OUT_DIR"), "/report.txt"));

/// The built-in actor dictionaries.
pub fn actors() -> &'static ActorDict {
    static D: OnceLock<ActorDict> = OnceLock::new();
    D.get_or_init(|| ActorDict::from_blob(ACTORS_BIN))
}

/// The built-in agent dictionary.
pub fn agents() -> &'static AgentDict {
    static D: OnceLock<AgentDict> = OnceLock::new();
    D.get_or_init(|| AgentDict::from_blob(AGENTS_BIN))
}

/// Combines an actor code and an agent as PETRARCH2 does: a suffix agent is
/// appended unless the actor code already contains it ("ISR" + COP ->
/// "ISRCOP", "USAGOV" + GOV -> "USAGOV"); a prefix agent (`[NGO~]`) is put
/// in front unless the actor code already starts with it (TABARI's rule;
/// PETRARCH2 itself leaves such codes as "NGO~").
pub fn combine(actor: &str, agent: Agent) -> String {
    if agent.prefix {
        if actor.starts_with(agent.code) {
            actor.to_string()
        } else {
            format!("{}{}", agent.code, actor)
        }
    } else if actor.contains(agent.code) {
        actor.to_string()
    } else {
        format!("{actor}{}", agent.code)
    }
}
