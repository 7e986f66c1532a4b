//! Parser of the PETRARCH2 / TABARI actor and agent dictionaries.
//!
//! Shared by `build.rs` (which compiles the dictionaries and fails the build on
//! any error) and the library (whose tests check every error kind). Written
//! from the format as PETRARCH2's `PETRreader.py` reads it; no code copied.
//!
//! # Actor files
//!
//! * `#` anywhere starts a comment that runs to the end of the line (PETRARCH2
//!   cuts at the first `#`, with or without a space before it); `<!-- ... -->`
//!   comments may span lines. Blank lines are skipped; indentation is ignored.
//! * A line that starts with neither `+` nor `[` opens an entry: a name, then
//!   optionally one or more `[CODE date]` groups.
//! * `+NAME` lines add synonyms to the entry above.
//! * `[CODE date]` lines add codes to the entry above.
//! * A name's words are joined by `_` (or, in a few upstream lines, spaces); a
//!   trailing `_` means the last word must end there (exact), otherwise the
//!   last word is a stem that may end inside a text word.
//! * Dates: none (undated), `<D` (before D), `>D` (on or after D), `D-D`
//!   (from the first, inclusive, to the second, exclusive: the same test as
//!   PETRARCH2's `check_date`). D is `YYMMDD` (YY <= 30 is 20YY, else 19YY) or
//!   `YYYYMMDD`; the two ends of a range may use different widths.
//! * The code `---` is an explicit "no code" (the name is known but codes to
//!   nothing, e.g. `INDIAN_OCEAN [---]`, or a person after leaving office).
//!
//! Upstream defects, each normalised explicitly and counted in [`Fixes`]:
//! see the `FIX_*` constants. Anything else that does not fit the grammar is
//! an error with its line number.
//!
//! # Agent file
//!
//! * `!MARKER! = A, B, C` defines a substitution set; a phrase containing
//!   `!MARKER!` stands for one phrase per member, with no plural formed.
//! * `PHRASE {PLURAL} [~CODE]` or `PHRASE [CODE~]`: `~CODE` is appended to an
//!   actor code, `CODE~` is put before it. `{}` means no plural; without
//!   braces the regular plural is generated as PETRARCH2 does it (last word
//!   ending in `Y` -> `IES`, in `S` -> `SES`, else `+S`).

use std::collections::BTreeMap;
use std::fmt;

/// Which actor file an entry comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Source {
    /// `Phoenix.Countries.actors.txt`
    Countries,
    /// `Phoenix.International.actors.txt`
    International,
    /// `Phoenix.MilNonState.actors.txt`
    NonState,
}

impl Source {
    /// Index used in the compiled form.
    pub fn index(self) -> u8 {
        match self {
            Source::Countries => 0,
            Source::International => 1,
            Source::NonState => 2,
        }
    }
    /// Inverse of [`Source::index`].
    #[allow(dead_code)]
    pub fn from_index(i: u8) -> Source {
        match i {
            0 => Source::Countries,
            1 => Source::International,
            _ => Source::NonState,
        }
    }
}

/// A name as written in a dictionary, split into words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Name {
    /// The words, as written (not folded).
    pub words: Vec<String>,
    /// Trailing `_`: the last word must end at a word end.
    pub exact: bool,
    /// 1-based line number.
    pub line: usize,
}

/// Characters that stand for a letter lost upstream.
pub const LOST: [char; 2] = ['\u{1a}', '\u{fffd}'];

impl Name {
    /// False when the name holds a lost character and cannot match text.
    pub fn matchable(&self) -> bool {
        !self.words.iter().any(|w| w.contains(LOST))
    }

    /// The lookup key: words case-folded (see [`fold_char`]) and joined by one space.
    pub fn key(&self) -> String {
        let mut s = String::new();
        for (i, w) in self.words.iter().enumerate() {
            if i > 0 {
                s.push(' ');
            }
            s.extend(w.chars().map(fold_char));
        }
        s
    }
}

/// One code of an actor with its validity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedCode {
    /// The CAMEO code (`---` is "no code").
    pub code: String,
    /// Valid from this day (inclusive), in days from the Common Era (chrono's
    /// `num_days_from_ce`).
    pub from: Option<i32>,
    /// Valid until this day (exclusive).
    pub until: Option<i32>,
}

/// One actor entry: a primary name, its synonyms and its codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorEntry {
    /// The primary name first, then the synonyms.
    pub names: Vec<Name>,
    /// Codes in file order.
    pub codes: Vec<DatedCode>,
    /// 1-based line of the primary name.
    pub line: usize,
}

impl ActorEntry {
    /// The primary name with spaces between words.
    pub fn primary(&self) -> String {
        self.names[0].words.join(" ")
    }
}

/// How an agent code combines with an actor code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentCode {
    /// The code without `~`.
    pub code: String,
    /// `[CODE~]`: put before the actor code.
    pub prefix: bool,
}

/// One agent phrase (after marker substitution and plural generation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentEntry {
    /// The phrase.
    pub name: Name,
    /// Its code.
    pub code: AgentCode,
    /// True when this phrase is a generated or listed plural.
    pub plural: bool,
}

/// A malformed line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

impl std::error::Error for ParseError {}

/// Counts of upstream defects normalised, by kind (one of the `FIX_*` names).
pub type Fixes = BTreeMap<&'static str, usize>;

/// `[X > 140608]`: a space between `<`/`>` and the date; joined (as PETRARCH2 does).
pub const FIX_SPACE_IN_DATE: &str = "space inside a date restriction, joined";
/// `[MNEGOV 20121204]`: a single date without `<` or `>`; read as `>D` (on or
/// after D), which is what PETRARCH2's `check_date` does with it.
pub const FIX_BARE_DATE: &str = "single date without < or >, read as >date";
/// `1920030320`: ten digits, `19` or `20` before a valid YYYYMMDD (the
/// converter added a century to a date that already had one); the first two
/// digits are dropped.
pub const FIX_TEN_DIGITS: &str = "10-digit date with a doubled century, first two digits dropped";
/// `>201005011`: nine digits; the first eight are read as YYYYMMDD (PETRARCH2
/// reads only the first eight characters of a long date).
pub const FIX_NINE_DIGITS: &str = "9-digit date, first 8 digits read as YYYYMMDD";
/// `2004017` as one end of a range whose other end has eight digits: a
/// YYYYMMDD with a digit lost; read as YYYYMM0D (2004-01-07).
pub const FIX_SEVEN_DIGITS_LONG: &str = "7-digit date next to an 8-digit one, read as YYYYMMD";
/// `9008223` next to a six-digit date: read as its first six digits YYMMDD
/// (what PETRARCH2 does with a date of seven characters or fewer).
pub const FIX_SEVEN_DIGITS_SHORT: &str =
    "7-digit date next to a 6-digit one, first 6 digits read as YYMMDD";
/// `STANKO_TODOROV (ACTING_`: an unclosed `(` in a name starts a remark; cut.
pub const FIX_OPEN_PAREN: &str = "unclosed ( in a name, remark cut";
/// `HAMMARSKJOLD)`: a stray `)` ending a name with no `(`; removed.
pub const FIX_STRAY_PAREN: &str = "stray ) ending a name, removed";
/// `A.H._BELO_CORPORATION_ [MNCMED] Newspapers/Magazines $137,000,000`: a
/// remark after the code groups without `#`; ignored (PETRARCH2 would read
/// its first word as a code).
pub const FIX_TRAILING_REMARK: &str = "remark after the codes without #, ignored";
/// `+TAIOAN_ +TAWIAN_`: several `+` synonyms on one line; split.
pub const FIX_MULTI_SYNONYM: &str = "several + synonyms on one line, split";
/// `+FAEROYENE]_`: a stray `]` inside a name; removed.
pub const FIX_STRAY_BRACKET: &str = "stray ] inside a name, removed";
/// An entry with no code at all (PETRARCH2 never matches those); left out.
pub const FIX_NO_CODE: &str = "actor entry without any code, left out";
/// `LIAMINE_Z\u{1a}ROUAL_`, `COTE_D\u{fffd}IVOIRE_`: a letter lost in an
/// old conversion (SUB control character or U+FFFD). Such a name cannot match
/// any text: it is not indexed (a primary name still names its entry).
pub const FIX_LOST_CHAR: &str = "name with a lost character (U+001A or U+FFFD), not indexed";
/// `[EGYGOV 20121207-20120802]`: a range that ends before it starts. No date
/// is in it (PETRARCH2's test never holds either), so the code is dropped.
pub const FIX_REVERSED_RANGE: &str = "date range ending before it starts, code dropped";
/// `!MINIST! FOR_TERRITORIAL_AD!MINIST!RATION`: a marker inside a word (a bulk
/// replace of "MINIST"); restored to its text.
pub const FIX_INNER_MARKER: &str = "substitution marker inside a word, restored to its text";
/// `[~ENV}`: an agent code closed by `}`; read as `]`.
pub const FIX_BRACE_CLOSE: &str = "agent code closed by }, read as ]";
/// `ISLAMIC_EXTREMIST` alone on a line: an agent without a code; skipped (as
/// PETRARCH2 does, with a warning).
pub const FIX_AGENT_NO_CODE: &str = "agent line without a code, skipped";

fn bump(fixes: &mut Fixes, kind: &'static str) {
    *fixes.entry(kind).or_insert(0) += 1;
}

/// Case folding used on both the dictionary names and the text: the simple
/// lowercase mapping when it is a single character, else the character itself.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(x), None) => x,
        _ => c,
    }
}

fn err<T>(line: usize, reason: impl Into<String>) -> Result<T, ParseError> {
    Err(ParseError {
        line,
        reason: reason.into(),
    })
}

/// Removes comments from the lines: `#` to the end of the line and
/// `<!-- ... -->` (possibly over several lines). Returns (line number, text).
fn strip_comments(text: &str) -> Result<Vec<(usize, String)>, ParseError> {
    let mut out = Vec::new();
    let mut in_xml: Option<usize> = None;
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let mut line = raw.to_string();
        if in_xml.is_some() {
            match line.find("-->") {
                Some(p) => {
                    line = line[p + 3..].to_string();
                    in_xml = None;
                }
                None => continue,
            }
        }
        while let Some(p) = line.find("<!--") {
            match line[p..].find("-->") {
                Some(q) => line = format!("{}{}", &line[..p], &line[p + q + 3..]),
                None => {
                    line.truncate(p);
                    in_xml = Some(n);
                }
            }
        }
        if let Some(p) = line.find('#') {
            line.truncate(p);
        }
        out.push((n, line));
    }
    if let Some(n) = in_xml {
        return err(n, "<!-- comment never closed");
    }
    Ok(out)
}

/// Parses a name (no `[`, `{`, `}`, `~` allowed).
fn parse_name(text: &str, line: usize, fixes: &mut Fixes) -> Result<Name, ParseError> {
    let mut t = text.trim().to_string();
    if t.contains(']') {
        bump(fixes, FIX_STRAY_BRACKET);
        t = t.replace(']', "");
    }
    // Parentheses must nest, with two known exceptions.
    let mut depth = 0i32;
    let mut stray_close = false;
    for c in t.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => stray_close = true,
            ')' => depth -= 1,
            _ => {}
        }
    }
    if stray_close {
        // "HAMMARSKJOLD)": a stray ")" ending a name that has no "(".
        let body = t.trim_end().strip_suffix(')').unwrap_or("");
        if t.contains('(') || body.contains(')') || body.is_empty() {
            return err(line, format!("unbalanced parenthesis in name {text:?}"));
        }
        bump(fixes, FIX_STRAY_PAREN);
        t = body.to_string();
    } else if depth > 0 {
        // "TODOROV (ACTING_": one unclosed "(" at a word start begins a remark.
        let p = t.rfind('(').unwrap_or(0);
        let at_word_start = p > 0 && matches!(t.as_bytes()[p - 1], b' ' | b'_' | b'\t');
        if depth > 1 || !at_word_start || t[p..].contains(')') {
            return err(line, format!("unbalanced parenthesis in name {text:?}"));
        }
        bump(fixes, FIX_OPEN_PAREN);
        t.truncate(p);
        // The name stays exact when written with a trailing "_" before the
        // remark or when the remark was a separate word.
        let kept = t.trim_end();
        let exact = kept.ends_with('_') || t.ends_with(' ') || t.ends_with('\t');
        t = kept.to_string();
        if exact && !t.ends_with('_') {
            t.push('_');
        }
    }
    if t.contains(LOST) {
        bump(fixes, FIX_LOST_CHAR);
    }
    if let Some(c) = t.chars().find(|c| {
        "[{}~".contains(*c) || (c.is_control() && !c.is_whitespace() && !LOST.contains(c))
    }) {
        return err(
            line,
            format!("character {c:?} not allowed in name {text:?}"),
        );
    }
    let exact = t.ends_with('_');
    let words: Vec<String> = t
        .split(|c: char| c == '_' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    if words.is_empty() {
        return err(line, format!("empty name {text:?}"));
    }
    Ok(Name { words, exact, line })
}

/// Parses `YYMMDD` or `YYYYMMDD` (already normalised) to days from CE.
fn ymd(d: &str, line: usize) -> Result<i32, ParseError> {
    let (y, rest) = match d.len() {
        6 => {
            let yy: i32 = d[..2].parse().map_err(|_| bad_date(d, line))?;
            (if yy <= 30 { 2000 + yy } else { 1900 + yy }, &d[2..])
        }
        8 => (d[..4].parse().map_err(|_| bad_date(d, line))?, &d[4..]),
        _ => return Err(bad_date(d, line)),
    };
    let m: u32 = rest[..2].parse().map_err(|_| bad_date(d, line))?;
    let day: u32 = rest[2..].parse().map_err(|_| bad_date(d, line))?;
    use chrono::Datelike;
    chrono::NaiveDate::from_ymd_opt(y, m, day)
        .map(|nd| nd.num_days_from_ce())
        .ok_or_else(|| bad_date(d, line))
}

fn bad_date(d: &str, line: usize) -> ParseError {
    ParseError {
        line,
        reason: format!("invalid date {d:?}"),
    }
}

/// Normalises one date of `other_len` context (the width of the other end of
/// a range, 0 if none) and converts it.
fn date(d: &str, other_len: usize, line: usize, fixes: &mut Fixes) -> Result<i32, ParseError> {
    if d.is_empty() || !d.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad_date(d, line));
    }
    match d.len() {
        6 | 8 => ymd(d, line),
        7 if other_len == 8 && (d.starts_with("19") || d.starts_with("20")) => {
            bump(fixes, FIX_SEVEN_DIGITS_LONG);
            ymd(&format!("{}0{}", &d[..6], &d[6..]), line)
        }
        7 if other_len == 6 => {
            bump(fixes, FIX_SEVEN_DIGITS_SHORT);
            ymd(&d[..6], line)
        }
        9 => {
            bump(fixes, FIX_NINE_DIGITS);
            ymd(&d[..8], line)
        }
        10 if (d.starts_with("19") || d.starts_with("20")) && ymd(&d[2..], line).is_ok() => {
            bump(fixes, FIX_TEN_DIGITS);
            ymd(&d[2..], line)
        }
        _ => Err(bad_date(d, line)),
    }
}

fn valid_code(c: &str) -> bool {
    c == "---"
        || (!c.is_empty()
            && c.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()))
}

/// Parses the inside of one `[...]` group of an actor file.
/// `Ok(None)`: a code dropped by a documented normalisation.
fn parse_group(
    inner: &str,
    line: usize,
    fixes: &mut Fixes,
) -> Result<Option<DatedCode>, ParseError> {
    let mut parts = inner.split_whitespace();
    let code = match parts.next() {
        Some(c) => c.to_string(),
        None => return err(line, "empty [] code group"),
    };
    if !valid_code(&code) {
        return err(line, format!("invalid code {code:?}"));
    }
    let rest: Vec<&str> = parts.collect();
    if rest.len() > 1 {
        if rest.len() == 2 && (rest[0] == "<" || rest[0] == ">") {
            bump(fixes, FIX_SPACE_IN_DATE);
        } else {
            return err(line, format!("unexpected text in code group [{inner}]"));
        }
    }
    let spec = rest.concat();
    let (from, until) = if spec.is_empty() {
        (None, None)
    } else if let Some(d) = spec.strip_prefix('<') {
        (None, Some(date(d, 0, line, fixes)?))
    } else if let Some(d) = spec.strip_prefix('>') {
        (Some(date(d, 0, line, fixes)?), None)
    } else if let Some((a, b)) = spec.split_once('-') {
        let f = date(a, b.len(), line, fixes)?;
        let u = date(b, a.len(), line, fixes)?;
        if f > u {
            bump(fixes, FIX_REVERSED_RANGE);
            return Ok(None);
        }
        (Some(f), Some(u))
    } else {
        bump(fixes, FIX_BARE_DATE);
        (Some(date(&spec, 0, line, fixes)?), None)
    };
    Ok(Some(DatedCode { code, from, until }))
}

/// Parses a run of `[...]` groups (the whole text must be groups and blanks).
fn parse_groups(text: &str, line: usize, fixes: &mut Fixes) -> Result<Vec<DatedCode>, ParseError> {
    let mut out = Vec::new();
    let mut rest = text.trim();
    while !rest.is_empty() {
        let Some(after_open) = rest.strip_prefix('[') else {
            if out.is_empty() {
                return err(line, format!("expected [CODE ...], found {rest:?}"));
            }
            bump(fixes, FIX_TRAILING_REMARK);
            break;
        };
        let Some(close) = after_open.find(']') else {
            return err(line, format!("[ not closed in {text:?}"));
        };
        let inner = &after_open[..close];
        if inner.contains('[') {
            return err(line, format!("[ not closed in {text:?}"));
        }
        out.extend(parse_group(inner, line, fixes)?);
        let next = &after_open[close + 1..];
        rest = next.trim_start();
    }
    Ok(out)
}

/// Parses one actor file. Entries without any code are left out (counted).
pub fn parse_actors(text: &str, fixes: &mut Fixes) -> Result<Vec<ActorEntry>, ParseError> {
    let mut entries: Vec<ActorEntry> = Vec::new();
    let mut current: Option<ActorEntry> = None;
    let finish = |cur: Option<ActorEntry>, entries: &mut Vec<ActorEntry>, fixes: &mut Fixes| {
        if let Some(e) = cur {
            if e.codes.is_empty() {
                bump(fixes, FIX_NO_CODE);
            } else {
                entries.push(e);
            }
        }
    };
    for (n, raw) in strip_comments(text)? {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with('[') {
            let codes = parse_groups(line, n, fixes)?;
            match current.as_mut() {
                Some(e) => e.codes.extend(codes),
                None => return err(n, "code line before any actor name"),
            }
        } else if let Some(syn) = line.strip_prefix('+') {
            let Some(e) = current.as_mut() else {
                return err(n, "synonym line before any actor name");
            };
            if syn.contains('[') {
                return err(n, "code group on a synonym line");
            }
            let parts: Vec<&str> = syn.split('+').filter(|p| !p.trim().is_empty()).collect();
            if parts.is_empty() {
                return err(n, "empty synonym");
            }
            if parts.len() > 1 {
                bump(fixes, FIX_MULTI_SYNONYM);
            }
            for p in parts {
                e.names.push(parse_name(p, n, fixes)?);
            }
        } else {
            finish(current.take(), &mut entries, fixes);
            let (name, groups) = match line.find('[') {
                Some(p) => (&line[..p], &line[p..]),
                None => (line, ""),
            };
            let name = parse_name(name, n, fixes)?;
            let codes = parse_groups(groups, n, fixes)?;
            current = Some(ActorEntry {
                names: vec![name],
                codes,
                line: n,
            });
        }
    }
    finish(current.take(), &mut entries, fixes);
    Ok(entries)
}

/// The regular plural of a phrase's last word, as PETRARCH2 forms it.
fn plural_of(name: &Name) -> Name {
    let mut p = name.clone();
    if let Some(last) = p.words.last_mut() {
        if last.ends_with(['Y', 'y']) {
            last.pop();
            last.push_str("IES");
        } else if last.ends_with(['S', 's']) {
            last.push_str("ES");
        } else {
            last.push('S');
        }
    }
    p
}

fn parse_agent_code(inner: &str, line: usize) -> Result<AgentCode, ParseError> {
    let c = inner.trim();
    let (code, prefix) = if let Some(s) = c.strip_prefix('~') {
        (s, false)
    } else if let Some(s) = c.strip_suffix('~') {
        (s, true)
    } else {
        return err(line, format!("agent code {c:?} has no ~"));
    };
    if code.is_empty()
        || !code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    {
        return err(line, format!("invalid agent code {c:?}"));
    }
    Ok(AgentCode {
        code: code.to_string(),
        prefix,
    })
}

/// Replaces each `!M!` (a defined marker) that is directly followed by a
/// letter with `M`.
fn restore_inner_markers(phrase: &str, markers: &BTreeMap<String, Vec<String>>) -> String {
    let mut out = phrase.to_string();
    for m in markers.keys() {
        let pat = format!("!{m}!");
        let mut from = 0;
        while let Some(p) = out[from..].find(&pat).map(|p| p + from) {
            let end = p + pat.len();
            if out[end..].starts_with(|c: char| c.is_alphabetic()) {
                out.replace_range(p..end, m);
                from = p + m.len();
            } else {
                from = end;
            }
        }
    }
    out
}

/// Parses the agent file into phrases (markers substituted, plurals added).
pub fn parse_agents(text: &str, fixes: &mut Fixes) -> Result<Vec<AgentEntry>, ParseError> {
    let mut markers: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut out = Vec::new();
    for (n, raw) in strip_comments(text)? {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if line.starts_with('!') && line.contains('=') {
            let (lhs, rhs) = line.split_once('=').unwrap_or((line, ""));
            let lhs = lhs.trim();
            let Some(m) = lhs.strip_prefix('!').and_then(|s| s.strip_suffix('!')) else {
                return err(n, format!("substitution marker {lhs:?} is not !NAME!"));
            };
            if m.is_empty() || m.contains('!') {
                return err(n, format!("substitution marker {lhs:?} is not !NAME!"));
            }
            let items: Vec<String> = rhs.split(',').map(|s| s.trim().to_string()).collect();
            if items
                .iter()
                .any(|s| s.is_empty() || s.contains(char::is_whitespace))
            {
                return err(n, "empty or spaced item in a substitution set");
            }
            markers.insert(m.to_string(), items);
            continue;
        }
        let Some(open) = line.find('[') else {
            if line.contains(']') || line.contains('~') {
                return err(n, "agent code without [");
            }
            bump(fixes, FIX_AGENT_NO_CODE);
            continue;
        };
        let (phrase, tail) = (&line[..open], &line[open + 1..]);
        let (inner, after) = match (tail.find(']'), tail.find('}')) {
            (Some(c), _) => (&tail[..c], &tail[c + 1..]),
            (None, Some(c)) => {
                bump(fixes, FIX_BRACE_CLOSE);
                (&tail[..c], &tail[c + 1..])
            }
            (None, None) => return err(n, "agent code [ not closed"),
        };
        if !after.trim().is_empty() {
            return err(
                n,
                format!("unexpected text {:?} after the agent code", after.trim()),
            );
        }
        let code = parse_agent_code(inner, n)?;
        // Plural in braces.
        let (phrase, plural): (&str, Option<&str>) = match phrase.find('{') {
            Some(b) => {
                let Some(e) = phrase[b..].find('}') else {
                    return err(n, "{ not closed");
                };
                if !phrase[b + e + 1..].trim().is_empty() {
                    return err(n, "text between } and [");
                }
                (&phrase[..b], Some(phrase[b + 1..b + e].trim()))
            }
            None => {
                if phrase.contains('}') {
                    return err(n, "} without {");
                }
                (phrase, None)
            }
        };
        // "AD!MINIST!RATION": a marker followed by a letter is the text a bulk
        // replace turned into a marker; restore it.
        let restored = restore_inner_markers(phrase, &markers);
        if restored != phrase {
            bump(fixes, FIX_INNER_MARKER);
        }
        let phrase = restored.as_str();
        // Marker substitution.
        if let Some(p) = phrase.find('!') {
            let Some(q) = phrase[p + 1..].find('!') else {
                return err(n, "substitution marker not closed with !");
            };
            let m = &phrase[p + 1..p + 1 + q];
            let Some(items) = markers.get(m) else {
                return err(n, format!("substitution marker !{m}! not defined"));
            };
            let rest = &phrase[p + q + 2..];
            if rest.contains('!') {
                return err(n, "more than one substitution marker");
            }
            for it in items {
                let s = format!("{}{}{}", &phrase[..p], it, rest);
                out.push(AgentEntry {
                    name: parse_name(&s, n, fixes)?,
                    code: code.clone(),
                    plural: false,
                });
            }
            if let Some(pl) = plural.filter(|s| !s.is_empty()) {
                out.push(AgentEntry {
                    name: parse_name(pl, n, fixes)?,
                    code: code.clone(),
                    plural: true,
                });
            }
            continue;
        }
        let name = parse_name(phrase, n, fixes)?;
        let plural = match plural {
            Some("") => None,
            Some(pl) => Some(parse_name(pl, n, fixes)?),
            None => Some(plural_of(&name)),
        };
        out.push(AgentEntry {
            name,
            code: code.clone(),
            plural: false,
        });
        if let Some(pl) = plural {
            out.push(AgentEntry {
                name: pl,
                code,
                plural: true,
            });
        }
    }
    Ok(out)
}
