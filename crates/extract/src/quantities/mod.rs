//! quantities (being built).

use dyad_model::{Analysis, CharMap, Document, Quantity};

pub(crate) fn extract(doc: &Document, analysis: &Analysis, map: &CharMap) -> Vec<Quantity> {
    let _ = (doc, analysis, map);
    Vec::new()
}
