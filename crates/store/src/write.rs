//! Writing a batch: the same steps on both backends, through [`Tx`].

use std::collections::HashSet;

use dyad_model::{Document, Extraction, Span};

use crate::error::Cause;
use crate::sql::Value;
use crate::BatchOutcome;

/// One open transaction of a backend.
pub(crate) trait Tx {
    /// Inserts document rows (columns [`DOCUMENT_COLUMNS`], ids distinct)
    /// unless their id is stored already; returns each new row's `seq`,
    /// `None` for ids stored before.
    fn insert_documents(&mut self, rows: Vec<Vec<Value>>) -> Result<Vec<Option<i64>>, Cause>;
    /// Inserts plain rows.
    fn insert(
        &mut self,
        table: &'static str,
        columns: &'static [&'static str],
        rows: Vec<Vec<Value>>,
    ) -> Result<(), Cause>;
}

pub(crate) const DOCUMENT_COLUMNS: &[&str] = &[
    "id", "source", "date", "dateline", "title", "text", "chars", "url", "language", "ingested",
];

/// The child tables in the order their foreign keys need, with columns.
const ENTITIES: &[&str] = &[
    "doc",
    "ord",
    "entity_id",
    "kind",
    "name",
    "country",
    "role",
    "lat",
    "lon",
];
const MENTIONS: &[&str] = &["doc", "entity_ord", "ord", "start_char", "end_char"];
const EVENTS: &[&str] = &[
    "doc",
    "ord",
    "code",
    "root",
    "plover",
    "quad_class",
    "goldstein",
    "source_actor",
    "target_actor",
    "source_country",
    "target_country",
    "source_entity",
    "target_entity",
    "date",
    "place",
    "ev_start",
    "ev_end",
    "evidence_text",
];
const AGREEMENTS: &[&str] = &[
    "doc",
    "ord",
    "kind",
    "title",
    "subject",
    "date",
    "place",
    "ev_start",
    "ev_end",
    "evidence_text",
];
const PARTIES: &[&str] = &["doc", "agreement_ord", "ord", "name", "entity", "country"];
const QUANTITIES: &[&str] = &[
    "doc",
    "ord",
    "kind",
    "value",
    "unit",
    "approx",
    "measure",
    "subject",
    "period_start",
    "period_end",
    "has_change",
    "change_factor",
    "change_percent",
    "change_from_start",
    "change_from_end",
    "ev_start",
    "ev_end",
    "evidence_text",
];
const QUANTITY_COUNTRIES: &[&str] = &["doc", "quantity_ord", "ord", "country"];
const QUOTES: &[&str] = &[
    "doc",
    "ord",
    "speaker",
    "speaker_name",
    "text",
    "ev_start",
    "ev_end",
    "evidence_text",
];
const TOPICS: &[&str] = &[
    "doc",
    "ord",
    "topic",
    "status",
    "ev_start",
    "ev_end",
    "evidence_text",
];
const TOPIC_COUNTRIES: &[&str] = &["doc", "topic_ord", "ord", "country"];

/// Stores `docs` inside `tx`: new documents with all their facts,
/// duplicates (already stored, or repeated in the batch) skipped.
pub(crate) fn put_batch(
    tx: &mut dyn Tx,
    docs: &[(Document, Extraction)],
) -> Result<BatchOutcome, Cause> {
    let mut seen = HashSet::new();
    let mut unique = Vec::with_capacity(docs.len());
    for pair in docs {
        if seen.insert(pair.0.id.as_str()) {
            unique.push(pair);
        }
    }
    let mut outcome = BatchOutcome {
        stored: 0,
        duplicates: docs.len() - unique.len(),
    };
    // One ingest time for the batch, in whole seconds (UTC).
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let ingested = chrono::DateTime::from_timestamp(i64::try_from(now).unwrap_or(0), 0)
        .unwrap_or_default()
        .format("%Y-%m-%dT%H:%M:%S")
        .to_string();
    let rows = unique
        .iter()
        .map(|(d, ex)| {
            vec![
                Value::text(&d.id),
                Value::text(&d.source),
                Value::opt_date(d.date),
                Value::opt_text(d.dateline.as_deref()),
                Value::opt_text(d.title.as_deref()),
                Value::text(&d.text),
                Value::int(d.text.chars().count()),
                Value::opt_text(d.url.as_deref().or(ex.doc.url.as_deref())),
                Value::opt_text(ex.doc.language.as_deref().or(d.language.as_deref())),
                Value::text(ingested.clone()),
            ]
        })
        .collect();
    let new = tx.insert_documents(rows)?;
    let mut t = Tables::default();
    for (pair, seq) in unique.iter().zip(new) {
        if let Some(seq) = seq {
            outcome.stored += 1;
            t.add(seq, &pair.0, &pair.1);
        } else {
            outcome.duplicates += 1;
        }
    }
    tx.insert("entities", ENTITIES, t.entities)?;
    tx.insert("mentions", MENTIONS, t.mentions)?;
    tx.insert("events", EVENTS, t.events)?;
    tx.insert("agreements", AGREEMENTS, t.agreements)?;
    tx.insert("agreement_parties", PARTIES, t.parties)?;
    tx.insert("quantities", QUANTITIES, t.quantities)?;
    tx.insert(
        "quantity_countries",
        QUANTITY_COUNTRIES,
        t.quantity_countries,
    )?;
    tx.insert("quotes", QUOTES, t.quotes)?;
    tx.insert("topics", TOPICS, t.topics)?;
    tx.insert("topic_countries", TOPIC_COUNTRIES, t.topic_countries)?;
    Ok(outcome)
}

/// The rows of every child table for a batch.
#[derive(Default)]
struct Tables {
    entities: Vec<Vec<Value>>,
    mentions: Vec<Vec<Value>>,
    events: Vec<Vec<Value>>,
    agreements: Vec<Vec<Value>>,
    parties: Vec<Vec<Value>>,
    quantities: Vec<Vec<Value>>,
    quantity_countries: Vec<Vec<Value>>,
    quotes: Vec<Vec<Value>>,
    topics: Vec<Vec<Value>>,
    topic_countries: Vec<Vec<Value>>,
}

impl Tables {
    fn add(&mut self, seq: i64, doc: &Document, ex: &Extraction) {
        let id = || Value::Int(seq);
        let chars = CharIndex::new(&doc.text);
        let evidence = |s: Span| {
            [
                Value::int(s.start),
                Value::int(s.end.max(s.start)),
                Value::text(chars.slice(&doc.text, s)),
            ]
        };
        for (i, e) in ex.entities.iter().enumerate() {
            self.entities.push(vec![
                id(),
                Value::int(i),
                Value::text(&e.id),
                Value::text(e.kind.as_str()),
                Value::text(&e.name),
                Value::opt_text(e.country.map(|c| c.as_str().to_string())),
                Value::opt_text(e.role.map(|r| r.as_str())),
                Value::opt_real(e.lat),
                Value::opt_real(e.lon),
            ]);
            for (j, m) in e.mentions.iter().enumerate() {
                self.mentions.push(vec![
                    id(),
                    Value::int(i),
                    Value::int(j),
                    Value::int(m.start),
                    Value::int(m.end.max(m.start)),
                ]);
            }
        }
        for (i, e) in ex.events.iter().enumerate() {
            let mut row = vec![
                id(),
                Value::int(i),
                Value::text(e.code.as_str()),
                Value::Int(i64::from(e.code.root())),
                Value::opt_text(e.plover.map(|p| p.as_str())),
                Value::Int(i64::from(e.quad_class)),
                Value::real(f64::from(e.goldstein)),
                Value::opt_text(e.source.as_ref().map(|a| a.as_str())),
                Value::opt_text(e.target.as_ref().map(|a| a.as_str())),
                Value::opt_text(e.source.as_ref().map(|a| a.country_part())),
                Value::opt_text(e.target.as_ref().map(|a| a.country_part())),
                Value::opt_text(e.source_entity.as_deref()),
                Value::opt_text(e.target_entity.as_deref()),
                Value::opt_date(e.date),
                Value::opt_text(e.place.as_deref()),
            ];
            row.extend(evidence(e.evidence));
            self.events.push(row);
        }
        for (i, a) in ex.agreements.iter().enumerate() {
            let mut row = vec![
                id(),
                Value::int(i),
                Value::text(a.kind.as_str()),
                Value::opt_text(a.title.as_deref()),
                Value::opt_text(a.subject.as_deref()),
                Value::opt_date(a.date),
                Value::opt_text(a.place.as_deref()),
            ];
            row.extend(evidence(a.evidence));
            self.agreements.push(row);
            for (j, p) in a.parties.iter().enumerate() {
                self.parties.push(vec![
                    id(),
                    Value::int(i),
                    Value::int(j),
                    Value::text(&p.name),
                    Value::opt_text(p.entity.as_deref()),
                    Value::opt_text(p.country.map(|c| c.as_str().to_string())),
                ]);
            }
        }
        for (i, q) in ex.quantities.iter().enumerate() {
            let change = q.change.as_ref();
            let from = change.and_then(|c| c.from);
            let mut row = vec![
                id(),
                Value::int(i),
                Value::text(q.kind.as_str()),
                Value::real(q.value),
                Value::opt_text(q.unit.as_deref()),
                Value::text(q.approx.as_str()),
                Value::opt_text(q.measure.map(|m| m.as_str())),
                Value::opt_text(q.subject.as_deref()),
                Value::opt_date(q.period.map(|p| p.start)),
                Value::opt_date(q.period.map(|p| p.end)),
                Value::Int(i64::from(change.is_some())),
                Value::opt_real(change.and_then(|c| c.factor)),
                Value::opt_real(change.and_then(|c| c.percent)),
                Value::opt_date(from.map(|p| p.start)),
                Value::opt_date(from.map(|p| p.end)),
            ];
            row.extend(evidence(q.evidence));
            self.quantities.push(row);
            for (j, c) in q.countries.iter().enumerate() {
                self.quantity_countries.push(vec![
                    id(),
                    Value::int(i),
                    Value::int(j),
                    Value::text(c.as_str()),
                ]);
            }
        }
        for (i, q) in ex.quotes.iter().enumerate() {
            let mut row = vec![
                id(),
                Value::int(i),
                Value::opt_text(q.speaker.as_deref()),
                Value::opt_text(q.speaker_name.as_deref()),
                Value::text(&q.text),
            ];
            row.extend(evidence(q.evidence));
            self.quotes.push(row);
        }
        for (i, t) in ex.topics.iter().enumerate() {
            let mut row = vec![
                id(),
                Value::int(i),
                Value::text(&t.topic),
                Value::opt_text(t.status.map(|s| s.as_str())),
            ];
            row.extend(evidence(t.evidence));
            self.topics.push(row);
            for (j, c) in t.countries.iter().enumerate() {
                self.topic_countries.push(vec![
                    id(),
                    Value::int(i),
                    Value::int(j),
                    Value::text(c.as_str()),
                ]);
            }
        }
    }
}

/// Character offsets to byte offsets for one text.
struct CharIndex {
    /// Byte offset of every char plus the text's length; empty for ASCII.
    bytes: Vec<usize>,
    len: usize,
}

impl CharIndex {
    fn new(text: &str) -> Self {
        let bytes = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices()
                .map(|(b, _)| b)
                .chain([text.len()])
                .collect()
        };
        CharIndex {
            bytes,
            len: text.len(),
        }
    }

    fn byte(&self, ch: usize) -> usize {
        if self.bytes.is_empty() {
            ch.min(self.len)
        } else {
            self.bytes[ch.min(self.bytes.len() - 1)]
        }
    }

    /// The text of a char span, clamped to the text (a span past the end
    /// yields what is there, never a panic).
    fn slice<'t>(&self, text: &'t str, s: Span) -> &'t str {
        let (a, b) = (self.byte(s.start), self.byte(s.end));
        text.get(a..b.max(a)).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_by_chars_and_clamps() {
        let text = "Sofia — Astana’s talks";
        let ix = CharIndex::new(text);
        assert_eq!(ix.slice(text, Span::new(8, 14)), "Astana");
        assert_eq!(ix.slice(text, Span::new(17, 99)), "talks");
        assert_eq!(ix.slice(text, Span::new(50, 60)), "");
        let ascii = CharIndex::new("abc");
        assert_eq!(ascii.slice("abc", Span::new(1, 9)), "bc");
    }
}
