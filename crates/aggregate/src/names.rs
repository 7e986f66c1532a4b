//! Names for the three-letter codes that stand for one side of a pair: the
//! ISO 3166 countries of `data/countries.tsv`, and the group and region
//! codes of the Phoenix actor dictionaries ("IGO", "NGO", "AFR").

use std::collections::HashMap;
use std::sync::OnceLock;

use dyad_model::CountryCode;

const COUNTRIES: &str = include_str!("../../../data/countries.tsv");

/// Codes the Phoenix dictionaries use in place of a country: groups of
/// actors that belong to no one state, and regions.
const GROUPS: &[(&str, &str)] = &[
    ("IGO", "International organizations"),
    ("NGO", "Non-governmental organizations"),
    ("NGM", "Non-governmental movements"),
    ("MNC", "Multinational corporations"),
    ("IMG", "International militarized groups"),
    ("INT", "International actors"),
    ("UIS", "Unidentified state actors"),
    ("AFR", "Africa"),
    ("ASA", "Asia"),
    ("BAL", "Balkans"),
    ("CAS", "Central Asia"),
    ("CAU", "Caucasus"),
    ("CFR", "Central Africa"),
    ("CRB", "Caribbean"),
    ("EAF", "East Africa"),
    ("EEU", "Eastern Europe"),
    ("EIN", "East Indies"),
    ("EUR", "Europe"),
    ("LAM", "Latin America"),
    ("MEA", "Middle East"),
    ("MED", "Mediterranean"),
    ("NAF", "North Africa"),
    ("NMR", "North America"),
    ("SAF", "Southern Africa"),
    ("SAM", "South America"),
    ("SAS", "South Asia"),
    ("SEA", "Southeast Asia"),
    ("WAF", "West Africa"),
    ("WEU", "Western Europe"),
    ("WST", "The West"),
];

fn table() -> &'static HashMap<CountryCode, &'static str> {
    static T: OnceLock<HashMap<CountryCode, &'static str>> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = HashMap::new();
        for line in COUNTRIES.lines().filter(|l| !l.starts_with('#')) {
            let mut cols = line.split('\t');
            if let (Some(code), Some(_), Some(name)) = (cols.next(), cols.next(), cols.next()) {
                if let Ok(c) = CountryCode::new(code) {
                    t.insert(c, name);
                }
            }
        }
        for (code, name) in GROUPS {
            if let Ok(c) = CountryCode::new(code) {
                t.entry(c).or_insert(*name);
            }
        }
        t
    })
}

/// The English name of a country or group code, when it is one.
pub fn code_name(c: CountryCode) -> Option<&'static str> {
    table().get(&c).copied()
}

/// Whether `c` is a group or region code rather than a country.
pub fn is_group(c: CountryCode) -> bool {
    GROUPS.iter().any(|(g, _)| *g == c.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_and_groups_have_names() {
        let c = |s| CountryCode::new(s).unwrap();
        assert_eq!(code_name(c("USA")), Some("United States"));
        assert_eq!(code_name(c("BGR")), Some("Bulgaria"));
        assert_eq!(code_name(c("IGO")), Some("International organizations"));
        assert!(is_group(c("IGO")) && !is_group(c("JPN")));
        assert_eq!(code_name(c("XYZ")), None);
    }
}
