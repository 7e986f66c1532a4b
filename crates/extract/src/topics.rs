//! topics (being built).

use dyad_model::{Analysis, CharMap, Document, Topic};

pub(crate) fn extract(doc: &Document, analysis: &Analysis, map: &CharMap) -> Vec<Topic> {
    let _ = (doc, analysis, map);
    Vec::new()
}
