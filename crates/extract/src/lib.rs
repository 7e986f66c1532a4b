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
pub use pipeline::Pipeline;
#[doc(hidden)]
pub use pipeline::Stage;
