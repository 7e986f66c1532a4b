//! The gazetteer's keys: which surface forms name which record.
//!
//! Shared by `build.rs` (which compiles every key into an FST) and the
//! library (which folds text the same way while matching). Standard library
//! only, so that the build script can include it.

/// Which data file a key's record comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    Country = 0,
    City = 1,
    Region = 2,
    Org = 3,
    Person = 4,
}

impl Source {
    pub fn from_u8(v: u8) -> Option<Source> {
        Some(match v {
            0 => Source::Country,
            1 => Source::City,
            2 => Source::Region,
            3 => Source::Org,
            4 => Source::Person,
            _ => return None,
        })
    }
}

/// How a key names its record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Form {
    /// A name or alias ("Kazakhstan", "Ivory Coast").
    Name = 0,
    /// A code or acronym, matched only in capitals ("EU", "U.S.").
    Acronym = 1,
    /// A country adjective ("Kazakh").
    Adjective = 2,
    /// A plural demonym ("Kazakhs").
    Demonym = 3,
    /// A person's surname alone ("Tokayev").
    Surname = 4,
}

impl Form {
    pub fn from_u8(v: u8) -> Option<Form> {
        Some(match v {
            0 => Form::Name,
            1 => Form::Acronym,
            2 => Form::Adjective,
            3 => Form::Demonym,
            4 => Form::Surname,
            _ => return None,
        })
    }
}

/// One key: a surface form and what it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    pub text: String,
    pub source: Source,
    /// The row of the record in its data file (comments and blank lines
    /// not counted).
    pub record: u32,
    pub form: Form,
}

/// Packs a posting (what one key names) into a u64.
pub fn pack(source: Source, form: Form, record: u32) -> u64 {
    ((source as u64) << 40) | ((form as u64) << 32) | u64::from(record)
}

/// Unpacks a posting; `None` for a value `pack` cannot produce.
pub fn unpack(v: u64) -> Option<(Source, Form, u32)> {
    let source = Source::from_u8(u8::try_from(v >> 40).ok()?)?;
    let form = Form::from_u8(((v >> 32) & 0xff) as u8)?;
    Some((source, form, (v & 0xffff_ffff) as u32))
}

/// The data rows of a TSV file: tab-separated fields, without comment
/// (`#`) and blank lines.
pub fn rows(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
}

/// The `;`-separated values of a field.
pub fn list<'a>(field: Option<&&'a str>) -> impl Iterator<Item = &'a str> {
    field
        .copied()
        .unwrap_or("")
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// Folds one character for matching: lowercase, Latin diacritics removed,
/// curly apostrophes and dashes made ASCII, whitespace made a space.
/// Characters it does not know pass through lowercased.
pub fn fold_char(c: char, out: &mut String) {
    if c.is_ascii() {
        if c.is_ascii_whitespace() {
            out.push(' ');
        } else {
            out.push(c.to_ascii_lowercase());
        }
        return;
    }
    let s = match c {
        '’' | '‘' | 'ʼ' | '`' | '´' => "'",
        '‐' | '‑' | '‒' | '–' => "-",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' | 'à' | 'á' | 'â' | 'ã' | 'ä' | 'å'
        | 'ā' | 'ă' | 'ą' => "a",
        'Æ' | 'æ' => "ae",
        'Ç' | 'Ć' | 'Č' | 'Ĉ' | 'Ċ' | 'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => "c",
        'Ď' | 'Đ' | 'ď' | 'đ' | 'Ð' | 'ð' => "d",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ĕ' | 'Ė' | 'Ę' | 'Ě' | 'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ'
        | 'ė' | 'ę' | 'ě' | 'Ə' | 'ə' => "e",
        'Ĝ' | 'Ğ' | 'Ġ' | 'Ģ' | 'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'Ĥ' | 'Ħ' | 'ĥ' | 'ħ' => "h",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ĩ' | 'Ī' | 'Ĭ' | 'Į' | 'İ' | 'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī'
        | 'ĭ' | 'į' | 'ı' => "i",
        'Ĵ' | 'ĵ' => "j",
        'Ķ' | 'ķ' => "k",
        'Ĺ' | 'Ļ' | 'Ľ' | 'Ŀ' | 'Ł' | 'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'Ñ' | 'Ń' | 'Ņ' | 'Ň' | 'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ŏ' | 'Ő' | 'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø'
        | 'ō' | 'ŏ' | 'ő' => "o",
        'Œ' | 'œ' => "oe",
        'Ŕ' | 'Ŗ' | 'Ř' | 'ŕ' | 'ŗ' | 'ř' => "r",
        'Ś' | 'Ŝ' | 'Ş' | 'Š' | 'Ș' | 'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'Ţ' | 'Ť' | 'Ŧ' | 'Ț' | 'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ũ' | 'Ū' | 'Ŭ' | 'Ů' | 'Ű' | 'Ų' | 'ù' | 'ú' | 'û' | 'ü' | 'ũ'
        | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'Ŵ' | 'ŵ' => "w",
        'Ý' | 'Ÿ' | 'Ŷ' | 'ý' | 'ÿ' | 'ŷ' => "y",
        'Ź' | 'Ż' | 'Ž' | 'ź' | 'ż' | 'ž' => "z",
        'Þ' | 'þ' => "th",
        _ if c.is_whitespace() => " ",
        _ => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push_str(s);
}

/// Folds a string for matching (see [`fold_char`]); runs of spaces become
/// one.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Appends the folded form of `s` (see [`fold`]) to `out`.
pub fn fold_into(s: &str, out: &mut String) {
    let start = out.len();
    let s = s.trim();
    if s.is_ascii() && !s.bytes().any(|b| b.is_ascii_whitespace()) {
        // One word of ASCII: lowercased (as `fold_char` folds ASCII).
        out.push_str(s);
        out[start..].make_ascii_lowercase();
        return;
    }
    if s.is_ascii() {
        // Byte by byte, as `fold_char` folds ASCII.
        for b in s.bytes() {
            if b.is_ascii_whitespace() {
                if out.len() > start && out.ends_with(' ') {
                    continue;
                }
                out.push(' ');
            } else {
                out.push(char::from(b.to_ascii_lowercase()));
            }
        }
        return;
    }
    for c in s.chars() {
        fold_char(c, out);
        if out[start..].ends_with("  ") {
            out.pop();
        }
    }
}

/// Whether a name is written as an acronym (all capitals, digits, dots,
/// hyphens, "&"): "EU", "U.S.", "G-7", "S&P".
pub fn is_acronym(s: &str) -> bool {
    if s.is_empty()
        || s.len() > 8
        || !s
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | '&'))
    {
        return false;
    }
    let upper = s.chars().filter(|c| c.is_uppercase()).count();
    let lower = s.chars().filter(|c| c.is_lowercase()).count();
    upper >= 1 && (lower == 0 || upper >= 3 && lower <= 1)
}

/// The surname of a full name, when it can stand alone: the last word that
/// is not a suffix or a regnal number, four letters at least.
pub fn surname(name: &str) -> Option<&str> {
    let words: Vec<&str> = name.split(' ').collect();
    // Regnal names ("Charles III") have no surname.
    let regnal = |w: &&str| w.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    if words.len() < 2 || words.iter().any(regnal) {
        return None;
    }
    let last = words
        .iter()
        .rev()
        .find(|w| !w.ends_with('.') && !w.chars().all(|c| c.is_uppercase()))?;
    (last.chars().count() >= 4 && last.chars().next().is_some_and(char::is_uppercase))
        .then_some(*last)
}

/// Every key of the five data files.
pub fn keys(countries: &str, cities: &str, regions: &str, orgs: &str, people: &str) -> Vec<Key> {
    let mut out = Vec::new();
    let mut push = |text: &str, source: Source, record: usize, form: Form| {
        let text = text.strip_prefix("the ").unwrap_or(text).trim();
        if text.is_empty() {
            return;
        }
        let form = if form == Form::Name && is_acronym(text) {
            Form::Acronym
        } else {
            form
        };
        out.push(Key {
            text: text.to_string(),
            source,
            record: u32::try_from(record).unwrap_or(u32::MAX),
            form,
        });
    };
    // alpha3, alpha2, name, other names, adjectives, demonyms
    for (i, r) in rows(countries).enumerate() {
        // The alpha-3 codes themselves are not keys: many are English
        // words ("CAN", "AND", "PER"); the usual acronyms are aliases.
        if r.len() > 2 {
            push(r[2], Source::Country, i, Form::Name);
        }
        for n in list(r.get(3)) {
            push(n, Source::Country, i, Form::Name);
        }
        for n in list(r.get(4)) {
            let form = if is_acronym(n) {
                Form::Acronym
            } else {
                Form::Adjective
            };
            push(n, Source::Country, i, form);
        }
        for n in list(r.get(5)) {
            push(n, Source::Country, i, Form::Demonym);
        }
    }
    // geonameid, name, alpha3, lat, lon, population, common, alternates
    for (i, r) in rows(cities).enumerate() {
        push(r[1], Source::City, i, Form::Name);
        for n in list(r.get(7)) {
            push(n, Source::City, i, Form::Name);
        }
    }
    // id, name, other names, lat, lon
    for (i, r) in rows(regions).enumerate() {
        push(r[1], Source::Region, i, Form::Name);
        for n in list(r.get(2)) {
            push(n, Source::Region, i, Form::Name);
        }
    }
    // id, name, other names, country, kind
    for (i, r) in rows(orgs).enumerate() {
        push(r[1], Source::Org, i, Form::Name);
        for n in list(r.get(2)) {
            push(n, Source::Org, i, Form::Name);
        }
    }
    // id, name, other names, role, country, start, end. A one-word name
    // ("Francis", "Philippe") is no key: only its longer aliases are.
    for (i, r) in rows(people).enumerate() {
        for n in std::iter::once(r[1]).chain(list(r.get(2))) {
            if n.contains(' ') {
                push(n, Source::Person, i, Form::Name);
            }
        }
        if let Some(surname) = surname(r[1]) {
            push(surname, Source::Person, i, Form::Surname);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_diacritics_and_apostrophes() {
        assert_eq!(fold("Erdoğan’s  Côte"), "erdogan's cote");
        assert_eq!(fold("ASTANA"), "astana");
    }

    #[test]
    fn folds_into_a_buffer() {
        let mut buf = String::from("x  ");
        fold_into("  New\t \nYORK ", &mut buf);
        assert_eq!(buf, "x  new york");
        fold_into(" Zürich  Ost", &mut buf);
        assert_eq!(buf, "x  new yorkzurich ost");
        assert_eq!(fold("A \u{b}B"), "a \u{b}b");
    }

    #[test]
    fn acronyms() {
        for a in ["EU", "U.S.", "G-7", "S&P", "AfDB", "IsDB", "UK"] {
            assert!(is_acronym(a), "{a}");
        }
        for n in ["Europe", "Total", "Kazakh"] {
            assert!(!is_acronym(n), "{n}");
        }
    }

    #[test]
    fn packs_postings() {
        let v = pack(Source::Person, Form::Surname, 123_456);
        assert_eq!(unpack(v), Some((Source::Person, Form::Surname, 123_456)));
    }
}
