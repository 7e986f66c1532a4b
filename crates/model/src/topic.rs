//! Cooperation topics (sectors) with their status.

use serde::{Deserialize, Serialize};

use crate::{CountryCode, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TopicStatus {
    /// Cooperation that exists: "growing cooperation in", "operating in".
    Active,
    /// "significant potential in".
    Potential,
    /// "agreed to launch", "will develop".
    Planned,
}

crate::string_enum!("topic status", TopicStatus {
    Active => "active",
    Potential => "potential",
    Planned => "planned",
});

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Topic {
    /// A sector of the taxonomy documented in extract ("energy",
    /// "green_technology", "healthcare").
    pub topic: String,
    pub status: Option<TopicStatus>,
    pub countries: Vec<CountryCode>,
    pub evidence: Span,
}
