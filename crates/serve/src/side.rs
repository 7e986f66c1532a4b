//! One side of a pair as a user names it: a country ("JPN", "Japan"), a
//! group of actors ("IGO", "NGO"), or a named body ("NATO", "IGOWSTNAT").

use dyad_aggregate::code_name;
use dyad_model::CountryCode;

/// A side: its country or group code, and for a named body the prefix of
/// the actor codes that stand for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    /// The three-letter code the store keys facts by ("JPN", "IGO").
    pub code: CountryCode,
    /// Actor codes of the body start with this ("IGOWSTNAT" for NATO).
    pub actor: Option<String>,
    /// The name to show.
    pub name: Option<String>,
}

/// What to tell a user whose code or name is unknown.
pub const SIDE_HELP: &str = "give an ISO alpha-3 country code (JPN), a group code (IGO, NGO), \
                             or a body's name or actor code (NATO, IGOWSTNAT)";

impl Side {
    /// A country or group code, named by the built-in table.
    pub fn of_code(code: CountryCode) -> Side {
        Side {
            code,
            actor: None,
            name: code_name(code).map(str::to_string),
        }
    }
}

/// The side `input` names: a known three-letter code, an actor code whose
/// first three letters are a known code, or a name in the Phoenix actor
/// dictionaries (countries, international bodies, armed groups). `None`
/// for anything else, so that "XYZ" is an error rather than an empty
/// report.
pub fn resolve_side(input: &str) -> Option<Side> {
    let input = input.trim();
    if input.len() == 3 && input.bytes().all(|b| b.is_ascii_alphabetic()) {
        let c = CountryCode::new(input).ok()?;
        return code_name(c).map(|_| Side::of_code(c));
    }
    if let Some(side) = actor_code(input) {
        return Some(side);
    }
    // A name: the dictionaries' names are upper case, words by spaces.
    let upper: Vec<String> = input.split_whitespace().map(str::to_uppercase).collect();
    if upper.is_empty() {
        return None;
    }
    let toks: Vec<dyad_actors::Tok<'_>> = upper
        .iter()
        .enumerate()
        .map(|(i, w)| dyad_actors::Tok::new(w, i + 1 < upper.len()))
        .collect();
    let dict = dyad_actors::actors();
    let (n, id) = dict.longest_whole_words(&toks)?;
    if n != toks.len() {
        return None;
    }
    let code = dict.code_on(id, None)?;
    let mut side = actor_code(code)?;
    side.name = Some(input.to_string());
    Some(side)
}

/// "IGOWSTNAT": a body under group IGO; "JPNGOV" stays a prefix of Japan.
fn actor_code(s: &str) -> Option<Side> {
    let ok = s.len() >= 3
        && s.len().is_multiple_of(3)
        && s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    if !ok {
        return None;
    }
    let code = CountryCode::new(&s[..3]).ok()?;
    code_name(code)?;
    let mut side = Side::of_code(code);
    if s.len() > 3 {
        side.actor = Some(s.to_string());
        side.name = Some(s.to_string());
    }
    Some(side)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sides_resolve_from_codes_and_names() {
        let jpn = resolve_side("jpn").expect("JPN");
        assert_eq!((jpn.code.as_str(), jpn.actor), ("JPN", None));
        assert_eq!(jpn.name.as_deref(), Some("Japan"));
        let igo = resolve_side("IGO").expect("IGO");
        assert_eq!((igo.code.as_str(), igo.actor), ("IGO", None));
        let nato = resolve_side("NATO").expect("NATO");
        assert_eq!(nato.code.as_str(), "IGO");
        assert_eq!(nato.actor.as_deref(), Some("IGOWSTNAT"));
        assert_eq!(nato.name.as_deref(), Some("NATO"));
        let by_code = resolve_side("IGOWSTNAT").expect("actor code");
        assert_eq!(by_code.actor.as_deref(), Some("IGOWSTNAT"));
        let japan = resolve_side("Japan").expect("a country by name");
        assert_eq!((japan.code.as_str(), japan.actor), ("JPN", None));
        assert_eq!(resolve_side("XYZ"), None);
        assert_eq!(resolve_side("XYZGOV"), None);
        assert_eq!(resolve_side("Atlantis Federation"), None);
        assert_eq!(resolve_side(""), None);
    }
}
