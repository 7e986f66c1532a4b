//! Agreements: signed documents as records of their own.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{CountryCode, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AgreementType {
    Memorandum,
    Agreement,
    Treaty,
    Declaration,
    SisterCities,
    Roadmap,
    Contract,
    Other,
}

crate::string_enum!("agreement type", AgreementType {
    Memorandum => "memorandum",
    Agreement => "agreement",
    Treaty => "treaty",
    Declaration => "declaration",
    SisterCities => "sister_cities",
    Roadmap => "roadmap",
    Contract => "contract",
    Other => "other",
});

/// A party to an agreement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Party {
    pub name: String,
    /// The resolved entity's id, when the party is a known entity.
    pub entity: Option<String>,
    pub country: Option<CountryCode>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Agreement {
    #[serde(rename = "type")]
    pub kind: AgreementType,
    /// The document's name as written ("memorandum of understanding").
    pub title: Option<String>,
    /// What it is about ("the development of the Trans-Caspian ...").
    pub subject: Option<String>,
    pub date: Option<NaiveDate>,
    pub place: Option<String>,
    pub parties: Vec<Party>,
    pub evidence: Span,
}
