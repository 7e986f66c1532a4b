//! Extraction: analyzed documents -> events, agreements, quantities, quotes,
//! topics. [`Pipeline`] runs analyze and every extraction stage in order.

mod agreements;
mod events;
mod lexicon;
pub mod limits;
mod numbers;
mod period;
mod pipeline;
mod quantities;
mod quotes;
mod topics;
mod when;

pub use limits::Diagnostic;

/// Whether `word` (any case) is a verb that introduces a quotation
/// ("said", "told", "added": the lexicon's `[speech_verb]` class), for
/// exports that name a quotation's verb.
pub fn is_speech_verb(word: &str) -> bool {
    lexicon::is(&word.to_lowercase(), lexicon::Class::SpeechVerb)
}
pub use pipeline::Pipeline;
#[doc(hidden)]
pub use pipeline::Stage;
