//! Quotations attributed to speakers.

use serde::{Deserialize, Serialize};

use crate::Span;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    /// The speaker's entity id, when resolved.
    pub speaker: Option<String>,
    /// The speaker's name as the entity has it ("Rumen Radev").
    pub speaker_name: Option<String>,
    /// The quoted words, without the quote marks.
    pub text: String,
    /// The quoted words' span.
    pub evidence: Span,
}
