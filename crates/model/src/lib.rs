//! dyad's data model: the types every pipeline stage passes to the next.
//!
//! ```text
//! read      bytes    -> Document
//! analyze   Document -> Analysis (sentences, tokens, entities, mentions)
//! extract   Analysis -> Extraction (events, agreements, quantities, quotes, topics)
//! store / aggregate / serve read and write Extraction
//! ```
//!
//! This crate does no I/O. Offsets inside the pipeline are byte offsets
//! ([`ByteSpan`]); offsets in the output contract are Unicode character
//! offsets ([`Span`]), converted once with [`CharMap`].
//!
//! ```
//! use dyad_model::{Document, CharMap, ByteSpan};
//! let doc = Document::new("example.txt", "Sofia — Leaders met.".to_string());
//! let map = CharMap::new(&doc.text);
//! let span = map.span(ByteSpan::new(10, 22)); // "Leaders met." after the 3-byte dash
//! assert_eq!((span.start, span.end), (8, 20));
//! ```

mod agreement;
mod analysis;
mod calendar;
mod country;
mod document;
mod entity;
mod event;
mod output;
mod quantity;
mod quote;
mod span;
pub mod syntax;
mod topic;

pub use agreement::{Agreement, AgreementType, Party};
pub use analysis::{Analysis, Mention, MentionForm, Token};
pub use calendar::{month_number, MONTHS, WEEKDAYS};
pub use country::CountryCode;
pub use document::{doc_id, DocId, Document};
pub use entity::{Entity, EntityKind, Role};
pub use event::{ActorCode, CameoCode, Event, Plover};
pub use output::{DocMeta, Extraction};
pub use quantity::{Approx, Change, Measure, Period, Quantity, QuantityKind};
pub use quote::Quote;
pub use span::{ByteSpan, CharMap, Span};
pub use topic::{Topic, TopicStatus};

/// A category string that is not one of the values a typed field accepts.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {value:?}")]
pub struct ParseError {
    /// The kind of value that was expected ("country code", "measure", ...).
    pub what: &'static str,
    /// The rejected input.
    pub value: String,
}

impl ParseError {
    pub fn new(what: &'static str, value: impl Into<String>) -> Self {
        ParseError {
            what,
            value: value.into(),
        }
    }
}

/// Implements `Display`, `FromStr` and serde as the snake_case names given,
/// for a fieldless enum whose values are categories of the output contract.
#[macro_export]
macro_rules! string_enum {
    ($what:literal, $ty:ident { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $ty {
            /// Every value, in declaration order.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];
            /// The value's name in the output contract.
            pub fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $name),+ }
            }
        }
        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl ::std::str::FromStr for $ty {
            type Err = $crate::ParseError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($name => Ok($ty::$variant),)+
                    _ => Err($crate::ParseError::new($what, s)),
                }
            }
        }
        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <::std::borrow::Cow<'de, str>>::deserialize(d)?;
                s.parse().map_err(::serde::de::Error::custom)
            }
        }
    };
}
