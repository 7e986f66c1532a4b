//! GDELT geography: FIPS 10-4 country codes and the geo fields of a
//! resolved place.
//!
//! GDELT writes FIPS 10-4 codes in every geographic field ("JA" Japan, "UK"
//! the United Kingdom, "GM" Germany), not ISO codes; its actor country
//! fields hold CAMEO (ISO alpha-3 style) codes. `data/gdelt/countries.tsv`
//! maps ISO alpha-3 to FIPS, with each country's name and centre
//! (`data/gen/gdelt_countries.py`, sources in `data/SOURCES.md`).

use std::collections::HashMap;
use std::sync::OnceLock;

use dyad_model::{Entity, EntityKind};

const TABLE: &str = include_str!("../../../../../data/gdelt/countries.tsv");

/// One row of the table.
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    pub alpha3: &'static str,
    pub fips: &'static str,
    pub name: &'static str,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
}

fn table() -> &'static HashMap<&'static str, Country> {
    static T: OnceLock<HashMap<&'static str, Country>> = OnceLock::new();
    T.get_or_init(|| {
        TABLE
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let f: Vec<&str> = l.split('\t').collect();
                let [alpha3, _alpha2, fips, name, lat, lon] = f[..] else {
                    return None;
                };
                Some((
                    alpha3,
                    Country {
                        alpha3,
                        fips,
                        name,
                        lat: lat.parse().ok(),
                        lon: lon.parse().ok(),
                    },
                ))
            })
            .collect()
    })
}

/// The country with ISO alpha-3 code `alpha3` ("JPN"), if the table has it.
pub fn country(alpha3: &str) -> Option<&'static Country> {
    table().get(alpha3)
}

/// The FIPS 10-4 code of an ISO alpha-3 code ("JPN" -> "JA").
#[cfg(test)]
pub fn fips(alpha3: &str) -> Option<&'static str> {
    country(alpha3).map(|c| c.fips)
}

/// GDELT's geo type: 1 country, 3 US city, 4 world city.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GeoType {
    Country = 1,
    UsCity = 3,
    WorldCity = 4,
}

/// The eight geo fields of one GDELT location (Type, FullName,
/// CountryCode, ADM1Code, ADM2Code, Lat, Long, FeatureID).
#[derive(Debug, Clone, PartialEq)]
pub struct Geo {
    pub kind: GeoType,
    pub full_name: String,
    pub fips: String,
    /// For a country, its FIPS code (as GDELT writes it); empty for a city
    /// (dyad's gazetteer has no first-order divisions).
    pub adm1: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// A country's FIPS code; a city's GeoNames id.
    pub feature: String,
}

impl Geo {
    /// A country-level location.
    pub fn of_country(alpha3: &str) -> Option<Geo> {
        let c = country(alpha3)?;
        Some(Geo {
            kind: GeoType::Country,
            full_name: c.name.to_string(),
            fips: c.fips.to_string(),
            adm1: c.fips.to_string(),
            lat: c.lat,
            lon: c.lon,
            feature: c.fips.to_string(),
        })
    }

    /// The location of a resolved entity: a country, or a gazetteer place
    /// of a known country (a GeoNames city, "place:<geonameid>"). Regions
    /// and continents have no GDELT location.
    pub fn of_entity(e: &Entity) -> Option<Geo> {
        match e.kind {
            EntityKind::Country => Geo::of_country(&e.id),
            EntityKind::Place => {
                let c = country(e.country?.as_str())?;
                let kind = if c.alpha3 == "USA" {
                    GeoType::UsCity
                } else {
                    GeoType::WorldCity
                };
                Some(Geo {
                    kind,
                    full_name: format!("{}, {}", e.name, c.name),
                    fips: c.fips.to_string(),
                    adm1: String::new(),
                    lat: e.lat,
                    lon: e.lon,
                    feature: e
                        .id
                        .strip_prefix("place:")
                        .filter(|id| id.bytes().all(|b| b.is_ascii_digit()))
                        .unwrap_or("")
                        .to_string(),
                })
            }
            _ => None,
        }
    }

    /// The eight fields, in GDELT's order.
    pub fn fields(geo: Option<&Geo>) -> [String; 8] {
        let Some(g) = geo else {
            return Default::default();
        };
        let coord = |v: Option<f64>| v.map(|v| format!("{v:.4}")).unwrap_or_default();
        [
            (g.kind as u8).to_string(),
            super::clean(&g.full_name),
            g.fips.clone(),
            g.adm1.clone(),
            String::new(),
            coord(g.lat),
            coord(g.lon),
            g.feature.clone(),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fips_differs_from_iso_where_gdelt_says_so() {
        for (iso, f) in [
            ("JPN", "JA"),
            ("GBR", "UK"),
            ("DEU", "GM"),
            ("KAZ", "KZ"),
            ("BGR", "BU"),
            ("CHN", "CH"),
            ("RUS", "RS"),
            ("USA", "US"),
            ("XKX", "KV"),
        ] {
            assert_eq!(fips(iso), Some(f), "{iso}");
        }
        assert_eq!(fips("IGO"), None);
    }

    #[test]
    fn every_gazetteer_country_has_a_fips_code() {
        let gazetteer = include_str!("../../../../../data/countries.tsv");
        let missing: Vec<&str> = gazetteer
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split('\t').next())
            .filter(|a3| fips(a3).is_none())
            .collect();
        // GeoNames gives no FIPS code to these three.
        assert_eq!(missing, ["ALA", "BES", "UMI"]);
    }

    #[test]
    fn places_and_countries() {
        let city = Entity {
            id: "place:1526273".into(),
            kind: EntityKind::Place,
            name: "Astana".into(),
            country: dyad_model::CountryCode::new("KAZ").ok(),
            role: None,
            lat: Some(51.1801),
            lon: Some(71.446),
            mentions: vec![],
        };
        let g = Geo::of_entity(&city).unwrap();
        assert_eq!(
            Geo::fields(Some(&g)),
            [
                "4",
                "Astana, Kazakhstan",
                "KZ",
                "",
                "",
                "51.1801",
                "71.4460",
                "1526273"
            ]
            .map(String::from)
        );
        let g = Geo::of_country("GBR").unwrap();
        assert_eq!(
            Geo::fields(Some(&g))[..4],
            ["1", "United Kingdom", "UK", "UK"].map(String::from)
        );
        let region = Entity {
            id: "place:central-asia".into(),
            country: None,
            ..city
        };
        assert_eq!(Geo::of_entity(&region), None);
    }
}
