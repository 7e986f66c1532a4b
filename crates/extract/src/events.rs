//! events (being built).

use dyad_model::{Analysis, CharMap, Document, Event};

pub(crate) fn extract(doc: &Document, analysis: &Analysis, map: &CharMap) -> Vec<Event> {
    let _ = (doc, analysis, map);
    Vec::new()
}
