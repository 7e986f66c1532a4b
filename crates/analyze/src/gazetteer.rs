//! The compiled gazetteer: records of the data files and one-pass matching.
//!
//! `build.rs` compiles every folded key into an FST (`names.fst`) whose
//! value points into a postings table (`postings.bin`). Matching walks the
//! FST once from every word start in the text, following folded characters,
//! and reports every key that ends on a word boundary.

use std::collections::HashMap;
use std::sync::OnceLock;

use dyad_model::{CountryCode, Role};
use fst::raw::{Fst, Node};

use crate::lexicon::{self, Form, Source};

const COUNTRIES: &str = include_str!("../../../data/countries.tsv");
const CITIES: &str = include_str!("../../../data/cities.tsv");
const REGIONS: &str = include_str!("../../../data/regions.tsv");
const ORGS: &str = include_str!("../../../data/orgs.tsv");
const PEOPLE: &str = include_str!("../../../data/people.tsv");
const FIRST_NAMES: &str = include_str!("../../../data/first_names.txt");
static FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/names.fst"));
static POSTINGS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/postings.bin"));

#[derive(Debug, Clone)]
pub struct CountryRec {
    pub code: CountryCode,
    pub name: String,
}

#[derive(Debug, Clone)]
pub struct CityRec {
    pub geonameid: u32,
    pub name: String,
    pub country: CountryCode,
    pub lat: f64,
    pub lon: f64,
    pub population: u32,
    /// The name is a common English word ("Mobile", "Split").
    pub common: bool,
    /// The national capital ("Reykjavík"): a place whatever its size.
    pub capital: bool,
}

#[derive(Debug, Clone)]
pub struct RegionRec {
    pub id: String,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
}

/// What kind of organization a gazetteer record is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrgKind {
    International,
    National,
    /// A name that is also a common word: matched only when capitalized
    /// inside a sentence.
    Word,
}

#[derive(Debug, Clone)]
pub struct OrgRec {
    pub id: String,
    pub name: String,
    pub country: Option<CountryCode>,
    pub kind: OrgKind,
}

#[derive(Debug, Clone)]
pub struct PersonRec {
    pub id: String,
    pub name: String,
    pub role: Option<Role>,
    pub country: Option<CountryCode>,
}

/// One key found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    pub source: Source,
    pub form: Form,
    pub record: u32,
}

/// A span of text that matches one or more keys: the postings still
/// packed (see [`Gazetteer::postings_into`]).
#[derive(Debug, Clone, Copy)]
pub struct RawHit {
    pub start: usize,
    pub end: usize,
    pub value: u64,
}

/// All records, plus the FST.
pub struct Gazetteer {
    pub countries: Vec<CountryRec>,
    pub cities: Vec<CityRec>,
    pub regions: Vec<RegionRec>,
    pub orgs: Vec<OrgRec>,
    pub people: Vec<PersonRec>,
    /// Folded given names: the team's list plus the first words of known
    /// people's names.
    pub first_names: std::collections::HashSet<String>,
    by_code: HashMap<CountryCode, usize>,
    fst: Fst<&'static [u8]>,
}

impl std::fmt::Debug for Gazetteer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Gazetteer")
            .field("countries", &self.countries.len())
            .field("cities", &self.cities.len())
            .field("regions", &self.regions.len())
            .field("orgs", &self.orgs.len())
            .field("people", &self.people.len())
            .field("first_names", &self.first_names.len())
            .field("keys", &self.fst.len())
            .finish()
    }
}

fn code(s: &str) -> Option<CountryCode> {
    CountryCode::new(s).ok()
}

impl Gazetteer {
    /// The shared gazetteer, parsed on first use.
    pub fn get() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(Gazetteer::load)
    }

    fn load() -> Gazetteer {
        // build.rs checked every row's shape and codes, so the parses below
        // only fall back to defaults for values build.rs already rejected.
        let countries: Vec<CountryRec> = lexicon::rows(COUNTRIES)
            .filter_map(|r| {
                Some(CountryRec {
                    code: code(r[0])?,
                    name: r.get(2).copied().unwrap_or(r[0]).to_string(),
                })
            })
            .collect();
        let cities = lexicon::rows(CITIES)
            .filter_map(|r| {
                Some(CityRec {
                    geonameid: r[0].parse().ok()?,
                    name: r[1].to_string(),
                    country: code(r[2])?,
                    lat: r[3].parse().ok()?,
                    lon: r[4].parse().ok()?,
                    population: r[5].parse().ok()?,
                    common: r[6].contains('c'),
                    capital: r[6].contains('C'),
                })
            })
            .collect();
        let regions = lexicon::rows(REGIONS)
            .map(|r| RegionRec {
                id: r[0].to_string(),
                name: r[1].to_string(),
                lat: r[3].parse().unwrap_or(0.0),
                lon: r[4].parse().unwrap_or(0.0),
            })
            .collect();
        let orgs = lexicon::rows(ORGS)
            .map(|r| OrgRec {
                id: r[0].to_string(),
                name: r[1].to_string(),
                country: code(r[3]),
                kind: match r[4] {
                    "nat" => OrgKind::National,
                    "word" => OrgKind::Word,
                    _ => OrgKind::International,
                },
            })
            .collect();
        let people: Vec<PersonRec> = lexicon::rows(PEOPLE)
            .map(|r| PersonRec {
                id: r[0].to_string(),
                name: r[1].to_string(),
                role: r[3].parse().ok(),
                country: code(r[4]),
            })
            .collect();
        let mut first_names: std::collections::HashSet<String> = FIRST_NAMES
            .lines()
            .filter(|l| !l.starts_with('#'))
            .flat_map(str::split_whitespace)
            .map(lexicon::fold)
            .collect();
        for p in &people {
            let p: &PersonRec = p;
            if let Some((first, _)) = p.name.split_once(' ') {
                if first.chars().count() >= 3
                    && first.chars().next().is_some_and(char::is_uppercase)
                {
                    first_names.insert(lexicon::fold(first));
                }
            }
        }
        let by_code = countries
            .iter()
            .enumerate()
            .map(|(i, c)| (c.code, i))
            .collect();
        // build.rs wrote these bytes with fst's own builder.
        let fst = Fst::new(FST).expect("names.fst is written by build.rs with fst::MapBuilder");
        Gazetteer {
            countries,
            cities,
            regions,
            orgs,
            people,
            first_names,
            by_code,
            fst,
        }
    }

    /// The row of a country in `countries`.
    pub fn country_index(&self, code: CountryCode) -> Option<usize> {
        self.by_code.get(&code).copied()
    }

    fn postings(&self, value: u64) -> Vec<Posting> {
        let mut out = Vec::new();
        self.postings_into(value, &mut out);
        out
    }

    /// Looks up a whole string (folded).
    pub fn lookup(&self, s: &str) -> Vec<Posting> {
        let key = lexicon::fold(s);
        let mut node = self.fst.root();
        let mut out = 0u64;
        for b in key.bytes() {
            match node.find_input(b) {
                Some(i) => {
                    let t = node.transition(i);
                    out += t.out.value();
                    node = self.fst.node(t.addr);
                }
                None => return Vec::new(),
            }
        }
        if node.is_final() {
            self.postings(out + node.final_output().value())
        } else {
            Vec::new()
        }
    }

    /// Every key that starts at a capitalized word start of `text` and ends
    /// on a word boundary; for each start, the candidates longest first.
    /// (Every name is written capitalized, so lowercase words start none.)
    #[cfg(test)]
    pub fn scan(&'static self, text: &str) -> Vec<Vec<RawHit>> {
        let mut starts = Vec::new();
        let mut prev_alnum = false;
        for (i, c) in text.char_indices() {
            let alnum = c.is_alphanumeric();
            if alnum && !prev_alnum && c.is_uppercase() {
                starts.push(i);
            }
            prev_alnum = alnum;
        }
        self.scan_at(text, starts)
    }

    /// Like [`Gazetteer::scan`], trying only the given byte offsets (word
    /// starts, ascending).
    #[cfg(test)]
    pub fn scan_at(
        &'static self,
        text: &str,
        starts: impl IntoIterator<Item = usize>,
    ) -> Vec<Vec<RawHit>> {
        let mut out = Vec::new();
        let mut raw = Vec::new();
        for i in starts {
            self.scan_one(text, i, &mut raw);
            if !raw.is_empty() {
                out.push(raw.iter().rev().copied().collect());
            }
        }
        out
    }

    /// The postings of a [`RawHit`], appended to `out`.
    pub fn postings_into(&self, value: u64, out: &mut Vec<Posting>) {
        let start = (value >> 8) as usize;
        let count = (value & 0xff) as usize;
        out.extend((start..start + count).filter_map(|i| {
            let bytes = POSTINGS.get(i * 8..i * 8 + 8)?;
            let v = u64::from_le_bytes(bytes.try_into().ok()?);
            let (source, form, record) = lexicon::unpack(v)?;
            Some(Posting {
                source,
                form,
                record,
            })
        }));
    }

    /// The FST's first two levels, decoded once.
    fn prefixes(&'static self) -> &'static Prefixes {
        static P: OnceLock<Prefixes> = OnceLock::new();
        P.get_or_init(|| Prefixes::build(&self.fst))
    }

    /// Every key that starts at byte `i` of `text` and ends on a word
    /// boundary, shortest first, into `hits` (cleared first).
    pub fn scan_one(&'static self, text: &str, i: usize, hits: &mut Vec<RawHit>) {
        hits.clear();
        let bytes = text.as_bytes();
        let Some(&b0) = bytes.get(i) else { return };
        let prefixes = self.prefixes();
        // Fast reject: the first byte must begin some key.
        if b0.is_ascii() && prefixes.first[usize::from(b0.to_ascii_lowercase())].is_none() {
            return;
        }
        let mut buf = String::new();
        let mut ascii = [0u8; 1];
        let mut node = self.fst.root();
        let mut acc = 0u64;
        // Folded bytes fed so far, and the first of them.
        let mut fed = 0usize;
        let mut f0 = 0u8;
        let mut last_space = false;
        // The byte offset of the next character; ASCII is read without
        // decoding.
        let mut j = i;
        while let Some(&b) = bytes.get(j) {
            let (len, ws, this_alnum, folded): (usize, bool, bool, &[u8]) = if b.is_ascii() {
                // As `char::is_whitespace` and `lexicon::fold_char` on ASCII.
                let ws = matches!(b, b' ' | b'\t'..=b'\r');
                ascii[0] = if b.is_ascii_whitespace() {
                    b' '
                } else {
                    b.to_ascii_lowercase()
                };
                (1, ws, b.is_ascii_alphanumeric() || b == b'.', &ascii)
            } else {
                let Some(ch) = text.get(j..).and_then(|r| r.chars().next()) else {
                    break;
                };
                buf.clear();
                lexicon::fold_char(ch, &mut buf);
                (
                    ch.len_utf8(),
                    ch.is_whitespace(),
                    ch.is_alphanumeric(),
                    buf.as_bytes(),
                )
            };
            let end = j + len;
            j = end;
            if ws && last_space {
                continue;
            }
            last_space = ws;
            // The first two bytes from the decoded levels, when known.
            let known = match (fed, folded) {
                (0, &[f]) => Some(prefixes.first[usize::from(f)]),
                (1, &[f]) => prefixes.second(f0, f),
                _ => None,
            };
            match known {
                Some(Some((n, a))) => {
                    node = n;
                    acc = a;
                }
                Some(None) => break,
                None => {
                    let mut stuck = false;
                    for &fb in folded {
                        match node.find_input(fb) {
                            Some(t) => {
                                let t = node.transition(t);
                                acc += t.out.value();
                                node = self.fst.node(t.addr);
                            }
                            None => {
                                stuck = true;
                                break;
                            }
                        }
                    }
                    if stuck {
                        break;
                    }
                }
            }
            if fed == 0 {
                f0 = folded.first().copied().unwrap_or(0);
            }
            fed += folded.len();
            if node.is_final() && this_alnum {
                let next_alnum = match bytes.get(end) {
                    Some(&nb) if nb.is_ascii() => nb.is_ascii_alphanumeric(),
                    Some(_) => text[end..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric),
                    None => false,
                };
                if !next_alnum {
                    hits.push(RawHit {
                        start: i,
                        end,
                        value: acc + node.final_output().value(),
                    });
                }
            }
        }
    }
}

/// A node of the FST and the output accumulated on the way to it.
type Reached = Option<(Node<'static>, u64)>;

/// The nodes after the first one and two folded ASCII bytes, so that most
/// walks skip the widest nodes' searches.
struct Prefixes {
    /// By first byte (ASCII); `None`: no key starts so.
    first: Vec<Reached>,
    /// By two bytes of [`Prefixes::ALPHABET`].
    second: Vec<Reached>,
}

impl Prefixes {
    /// The second-level bytes: letters, space and the joiners of names.
    const ALPHABET: &'static [u8] = b"abcdefghijklmnopqrstuvwxyz .-'";

    /// Each byte's position in [`Prefixes::ALPHABET`], or `u8::MAX`.
    const SLOTS: [u8; 256] = {
        let mut t = [u8::MAX; 256];
        let mut k = 0;
        while k < Self::ALPHABET.len() {
            t[Self::ALPHABET[k] as usize] = k as u8;
            k += 1;
        }
        t
    };

    #[inline]
    fn slot(b: u8) -> Option<usize> {
        let s = Self::SLOTS[usize::from(b)];
        (s != u8::MAX).then_some(usize::from(s))
    }

    fn step(fst: &'static Fst<&'static [u8]>, from: Reached, b: u8) -> Reached {
        let (node, acc) = from?;
        let t = node.transition(node.find_input(b)?);
        Some((fst.node(t.addr), acc + t.out.value()))
    }

    fn build(fst: &'static Fst<&'static [u8]>) -> Prefixes {
        let root = Some((fst.root(), 0));
        let first: Vec<Reached> = (0..128u8).map(|b| Self::step(fst, root, b)).collect();
        let mut second = Vec::with_capacity(Self::ALPHABET.len() * Self::ALPHABET.len());
        for &a in Self::ALPHABET {
            for &b in Self::ALPHABET {
                second.push(Self::step(fst, first[usize::from(a)], b));
            }
        }
        Prefixes { first, second }
    }

    /// The node after bytes `a` and `b`: `None` when not tabulated.
    #[inline]
    fn second(&self, a: u8, b: u8) -> Option<Reached> {
        let (x, y) = (Self::slot(a)?, Self::slot(b)?);
        Some(self.second[x * Self::ALPHABET.len() + y])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_every_row() {
        let g = Gazetteer::get();
        assert!(g.countries.len() >= 249, "{}", g.countries.len());
        assert!(g.cities.len() > 30_000);
        assert_eq!(g.orgs.len(), lexicon::rows(ORGS).count());
        assert_eq!(g.people.len(), lexicon::rows(PEOPLE).count());
        assert_eq!(g.cities.len(), lexicon::rows(CITIES).count());
    }

    #[test]
    fn scans_names_on_word_boundaries() {
        let g = Gazetteer::get();
        let text = "Kazakhstan’s ties with the Kazakh-Bulgarian council in Sofia, not Sofiat.";
        let hits = g.scan(text);
        let spans: Vec<&str> = hits.iter().map(|h| &text[h[0].start..h[0].end]).collect();
        assert!(spans.contains(&"Kazakhstan"), "{spans:?}");
        assert!(spans.contains(&"Kazakh"), "{spans:?}");
        assert!(spans.contains(&"Bulgarian"), "{spans:?}");
        assert!(spans.contains(&"Sofia"), "{spans:?}");
        assert!(!spans.contains(&"Sofiat"), "{spans:?}");
    }

    #[test]
    fn lookup_finds_countries() {
        let g = Gazetteer::get();
        let p = g.lookup("Ivory Coast");
        assert!(p.iter().any(|p| p.source == Source::Country
            && g.countries[p.record as usize].code.as_str() == "CIV"));
    }
}
