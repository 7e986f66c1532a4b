//! Entities: countries, people, places, organizations.

use serde::{Deserialize, Serialize};

use crate::{CountryCode, Span};

/// The `type` of an entity in the output contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    Country,
    Person,
    Place,
    Organization,
    Other,
}

crate::string_enum!("entity type", EntityKind {
    Country => "country",
    Person => "person",
    Place => "place",
    Organization => "organization",
    Other => "other",
});

/// A person's office, as far as the text or the gazetteer tells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    President,
    VicePresident,
    PrimeMinister,
    DeputyPrimeMinister,
    ForeignMinister,
    Minister,
    DeputyMinister,
    Monarch,
    /// Heir to a throne ("Crown Prince Sheikh Khaled bin Mohamed").
    CrownPrince,
    Chancellor,
    Speaker,
    Ambassador,
    Governor,
    Mayor,
    Spokesperson,
    SecretaryGeneral,
    Chairman,
    Executive,
    Official,
}

crate::string_enum!("role", Role {
    President => "president",
    VicePresident => "vice_president",
    PrimeMinister => "prime_minister",
    DeputyPrimeMinister => "deputy_prime_minister",
    ForeignMinister => "foreign_minister",
    Minister => "minister",
    DeputyMinister => "deputy_minister",
    Monarch => "monarch",
    CrownPrince => "crown_prince",
    Chancellor => "chancellor",
    Speaker => "speaker",
    Ambassador => "ambassador",
    Governor => "governor",
    Mayor => "mayor",
    Spokesperson => "spokesperson",
    SecretaryGeneral => "secretary_general",
    Chairman => "chairman",
    Executive => "executive",
    Official => "official",
});

impl Role {
    /// Whether the holder acts for a government (CAMEO role `GOV`).
    pub fn is_government(self) -> bool {
        !matches!(self, Role::Chairman | Role::Executive)
    }
}

/// One real-world entity a document mentions, with every mention's span.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// ISO alpha-3 for countries ("KAZ"); a gazetteer id or stable slug
    /// ("person:rumen-radev", "place:727011") for the rest.
    pub id: String,
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// Canonical name ("Kassym-Jomart Tokayev", "Kazakhstan").
    pub name: String,
    /// The country the entity belongs to (itself for a country).
    pub country: Option<CountryCode>,
    pub role: Option<Role>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    /// Character spans of every mention, in text order.
    pub mentions: Vec<Span>,
}
