//! quotes (being built).

use dyad_model::{Analysis, CharMap, Document, Quote};

pub(crate) fn extract(doc: &Document, analysis: &Analysis, map: &CharMap) -> Vec<Quote> {
    let _ = (doc, analysis, map);
    Vec::new()
}
