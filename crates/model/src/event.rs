//! Events: CAMEO-coded actions between actors.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

use crate::{ParseError, Span};

/// A CAMEO event code: two to four digits ("04", "042", "0311"), the first
/// two the root category 01..=20.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CameoCode {
    digits: [u8; 4],
    len: u8,
}

impl CameoCode {
    pub fn new(code: &str) -> Result<Self, ParseError> {
        let b = code.as_bytes();
        let ok = (2..=4).contains(&b.len()) && b.iter().all(u8::is_ascii_digit) && {
            let root = (b[0] - b'0') * 10 + (b[1] - b'0');
            (1..=20).contains(&root)
        };
        if !ok {
            return Err(ParseError::new("CAMEO code", code));
        }
        let mut digits = [b'0'; 4];
        digits[..b.len()].copy_from_slice(b);
        Ok(CameoCode {
            digits,
            len: b.len() as u8,
        })
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.digits[..self.len as usize]).expect("CAMEO code is ASCII digits")
    }

    /// The root category, 1..=20.
    pub fn root(&self) -> u8 {
        (self.digits[0] - b'0') * 10 + (self.digits[1] - b'0')
    }
}

impl fmt::Display for CameoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for CameoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CameoCode({})", self.as_str())
    }
}

impl FromStr for CameoCode {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        CameoCode::new(s)
    }
}

impl Serialize for CameoCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CameoCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        CameoCode::new(&s).map_err(serde::de::Error::custom)
    }
}

/// A CAMEO actor code: a country or IGO code followed by role codes
/// ("BGRGOV", "KAZBUS", "IGOUNO").
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ActorCode(String);

impl ActorCode {
    pub fn new(code: &str) -> Result<Self, ParseError> {
        let ok = code.len() >= 3
            && code.len().is_multiple_of(3)
            && code
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
        if !ok {
            return Err(ParseError::new("CAMEO actor code", code));
        }
        Ok(ActorCode(code.to_string()))
    }
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The first three letters: a country alpha-3 or a group code ("IGO").
    pub fn country_part(&self) -> &str {
        &self.0[..3]
    }
}

impl TryFrom<String> for ActorCode {
    type Error = ParseError;
    fn try_from(s: String) -> Result<Self, ParseError> {
        ActorCode::new(&s)
    }
}

impl From<ActorCode> for String {
    fn from(a: ActorCode) -> String {
        a.0
    }
}

impl fmt::Display for ActorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// PLOVER event types (the 16 of the ontology).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Plover {
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
}

crate::string_enum!("PLOVER type", Plover {
    Agree => "AGREE",
    Consult => "CONSULT",
    Support => "SUPPORT",
    Concede => "CONCEDE",
    Cooperate => "COOPERATE",
    Aid => "AID",
    Retreat => "RETREAT",
    Request => "REQUEST",
    Accuse => "ACCUSE",
    Reject => "REJECT",
    Threaten => "THREATEN",
    Protest => "PROTEST",
    Sanction => "SANCTION",
    Mobilize => "MOBILIZE",
    Coerce => "COERCE",
    Assault => "ASSAULT",
});

/// One coded event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    pub code: CameoCode,
    pub plover: Option<Plover>,
    /// CAMEO quad class: 1 verbal cooperation, 2 material cooperation,
    /// 3 verbal conflict, 4 material conflict.
    pub quad_class: u8,
    /// Goldstein scale, -10..=10.
    pub goldstein: f32,
    pub source: Option<ActorCode>,
    pub target: Option<ActorCode>,
    /// Entity ids of the source and target.
    pub source_entity: Option<String>,
    pub target_entity: Option<String>,
    pub date: Option<NaiveDate>,
    /// Where it happened: a place name, or the dateline.
    pub place: Option<String>,
    /// The sentence that states it best.
    pub evidence: Span,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cameo_codes() {
        let c = CameoCode::new("042").unwrap();
        assert_eq!((c.as_str(), c.root()), ("042", 4));
        assert_eq!(CameoCode::new("0311").unwrap().to_string(), "0311");
        assert!(CameoCode::new("21").is_err());
        assert!(CameoCode::new("00").is_err());
        assert!(CameoCode::new("4a").is_err());
        assert!(CameoCode::new("12345").is_err());
    }

    #[test]
    fn actor_codes() {
        assert_eq!(ActorCode::new("BGRGOV").unwrap().country_part(), "BGR");
        assert!(ActorCode::new("bgr").is_err());
        assert!(ActorCode::new("BGRG").is_err());
    }
}
