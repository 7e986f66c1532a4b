//! agreements (being built).

use dyad_model::{Analysis, CharMap, Document, Agreement};

pub(crate) fn extract(doc: &Document, analysis: &Analysis, map: &CharMap) -> Vec<Agreement> {
    let _ = (doc, analysis, map);
    Vec::new()
}
