//! `dyad export --format parquet -o DIR`: one Parquet table per record
//! kind, partitioned by the document's year and month (Hive style, as
//! DuckDB, Spark, pandas and pyarrow read it):
//!
//! ```text
//! DIR/<table>/year=2025/month=6/part-0.parquet
//! ```
//!
//! Tables: `documents`, `events`, `agreements`, `parties` (agreement
//! parties), `quantities`, `quotes`, `topics`. Every row has `doc_id`; facts
//! have `ord` (their position in the document's list) and `ev_start`,
//! `ev_end` (Int64, Unicode characters of the text) with `evidence_text`.
//! Dates are Date32, the ingest time a UTC timestamp (milliseconds, whole seconds), codes and
//! categories strings, numbers Int32/Int64/Float32/Float64. The partition
//! is the document's date, else its ingest date (`year=0/month=0` when it
//! has neither). Compression: Snappy.

use std::collections::BTreeMap;
use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use arrow_array::{
    ArrayRef, Date32Array, Float32Array, Float64Array, Int32Array, Int64Array, RecordBatch,
    StringArray, TimestampMillisecondArray,
};
use arrow_schema::{DataType, Field, Schema, TimeUnit};
use chrono::{Datelike, NaiveDate};
use dyad_model::{Extraction, Span};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

/// One column under construction.
enum Col {
    Str(Vec<Option<String>>),
    I32(Vec<Option<i32>>),
    I64(Vec<Option<i64>>),
    F32(Vec<Option<f32>>),
    F64(Vec<Option<f64>>),
    Date(Vec<Option<i32>>),
    Ts(Vec<Option<i64>>),
}

impl Col {
    fn of(ty: &DataType) -> Col {
        match ty {
            DataType::Int32 => Col::I32(Vec::new()),
            DataType::Int64 => Col::I64(Vec::new()),
            DataType::Float32 => Col::F32(Vec::new()),
            DataType::Float64 => Col::F64(Vec::new()),
            DataType::Date32 => Col::Date(Vec::new()),
            DataType::Timestamp(..) => Col::Ts(Vec::new()),
            _ => Col::Str(Vec::new()),
        }
    }

    fn array(self) -> ArrayRef {
        match self {
            Col::Str(v) => Arc::new(StringArray::from(v)),
            Col::I32(v) => Arc::new(Int32Array::from(v)),
            Col::I64(v) => Arc::new(Int64Array::from(v)),
            Col::F32(v) => Arc::new(Float32Array::from(v)),
            Col::F64(v) => Arc::new(Float64Array::from(v)),
            Col::Date(v) => Arc::new(Date32Array::from(v)),
            Col::Ts(v) => Arc::new(TimestampMillisecondArray::from(v).with_timezone("UTC")),
        }
    }
}

/// A cell of a row, matched to its column's type.
enum V {
    S(Option<String>),
    I(Option<i64>),
    F(Option<f64>),
    D(Option<NaiveDate>),
    T(Option<i64>),
}

fn s(v: impl Into<String>) -> V {
    V::S(Some(v.into()))
}
fn os<T: ToString>(v: Option<T>) -> V {
    V::S(v.map(|x| x.to_string()))
}
fn i(v: usize) -> V {
    V::I(i64::try_from(v).ok())
}

/// The tables' schemas: name, then (column, type) pairs.
fn schemas() -> Vec<(&'static str, Vec<(&'static str, DataType)>)> {
    use DataType::*;
    let ts = Timestamp(TimeUnit::Millisecond, Some("UTC".into()));
    let ev = |mut cols: Vec<(&'static str, DataType)>| {
        cols.extend([
            ("ev_start", Int64),
            ("ev_end", Int64),
            ("evidence_text", Utf8),
        ]);
        cols
    };
    vec![
        (
            "documents",
            vec![
                ("doc_id", Utf8),
                ("source", Utf8),
                ("url", Utf8),
                ("date", Date32),
                ("dateline", Utf8),
                ("title", Utf8),
                ("language", Utf8),
                ("chars", Int64),
                ("ingested", ts),
                ("text", Utf8),
            ],
        ),
        (
            "events",
            ev(vec![
                ("doc_id", Utf8),
                ("ord", Int32),
                ("code", Utf8),
                ("root_code", Utf8),
                ("plover", Utf8),
                ("quad_class", Int32),
                ("goldstein", Float32),
                ("source", Utf8),
                ("target", Utf8),
                ("source_entity", Utf8),
                ("target_entity", Utf8),
                ("date", Date32),
                ("place", Utf8),
            ]),
        ),
        (
            "agreements",
            ev(vec![
                ("doc_id", Utf8),
                ("ord", Int32),
                ("type", Utf8),
                ("title", Utf8),
                ("subject", Utf8),
                ("date", Date32),
                ("place", Utf8),
            ]),
        ),
        (
            "parties",
            vec![
                ("doc_id", Utf8),
                ("agreement_ord", Int32),
                ("ord", Int32),
                ("name", Utf8),
                ("entity", Utf8),
                ("country", Utf8),
            ],
        ),
        (
            "quantities",
            ev(vec![
                ("doc_id", Utf8),
                ("ord", Int32),
                ("kind", Utf8),
                ("value", Float64),
                ("unit", Utf8),
                ("approx", Utf8),
                ("measure", Utf8),
                ("subject", Utf8),
                ("countries", Utf8),
                ("period_start", Date32),
                ("period_end", Date32),
            ]),
        ),
        (
            "quotes",
            ev(vec![
                ("doc_id", Utf8),
                ("ord", Int32),
                ("speaker", Utf8),
                ("speaker_name", Utf8),
                ("text", Utf8),
            ]),
        ),
        (
            "topics",
            ev(vec![
                ("doc_id", Utf8),
                ("ord", Int32),
                ("topic", Utf8),
                ("status", Utf8),
                ("countries", Utf8),
            ]),
        ),
    ]
}

/// Rows of every table of one partition.
struct Part {
    tables: Vec<Vec<Col>>,
}

/// The Parquet export being built: partitions by (year, month).
pub struct Writer {
    schemas: Vec<(&'static str, Vec<(&'static str, DataType)>)>,
    parts: BTreeMap<(i32, u32), Part>,
    /// Rows written per table.
    pub counts: Vec<(&'static str, u64)>,
}

const EPOCH: NaiveDate = NaiveDate::from_ymd_opt(1970, 1, 1).expect("a date");

fn days(d: NaiveDate) -> i32 {
    i32::try_from((d - EPOCH).num_days()).unwrap_or(i32::MIN)
}

impl Writer {
    pub fn new() -> Self {
        let schemas = schemas();
        let counts = schemas.iter().map(|(n, _)| (*n, 0)).collect();
        Writer {
            schemas,
            parts: BTreeMap::new(),
            counts,
        }
    }

    fn push(&mut self, key: (i32, u32), table: usize, row: Vec<V>) {
        let schemas = &self.schemas;
        let part = self.parts.entry(key).or_insert_with(|| Part {
            tables: schemas
                .iter()
                .map(|(_, cols)| cols.iter().map(|(_, ty)| Col::of(ty)).collect())
                .collect(),
        });
        debug_assert_eq!(row.len(), part.tables[table].len());
        for (col, v) in part.tables[table].iter_mut().zip(row) {
            match (col, v) {
                (Col::Str(c), V::S(x)) => c.push(x),
                (Col::I32(c), V::I(x)) => c.push(x.and_then(|x| i32::try_from(x).ok())),
                (Col::I64(c), V::I(x)) => c.push(x),
                (Col::F32(c), V::F(x)) => c.push(x.map(|x| x as f32)),
                (Col::F64(c), V::F(x)) => c.push(x),
                (Col::Date(c), V::D(x)) => c.push(x.map(days)),
                (Col::Ts(c), V::T(x)) => c.push(x),
                _ => unreachable!("a row's cells follow its table's schema"),
            }
        }
        self.counts[table].1 += 1;
    }

    /// Adds one document with all its facts.
    pub fn add(&mut self, ex: &Extraction) {
        let d = &ex.doc;
        let text = d.text.as_deref().unwrap_or("");
        let key = d
            .date
            .or(d.ingested.map(|t| t.date()))
            .map_or((0, 0), |x| (x.year(), x.month()));
        // Byte offset of every char boundary, for evidence text in one pass.
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain([text.len()])
            .collect();
        let slice = |sp: Span| -> String {
            let at = |c: usize| bounds[c.min(bounds.len() - 1)];
            text[at(sp.start)..at(sp.end.max(sp.start))].to_string()
        };
        let evidence = |sp: Span| [i(sp.start), i(sp.end), s(slice(sp))];
        let id = || s(d.id.clone());
        let countries = |cs: &[dyad_model::CountryCode]| {
            if cs.is_empty() {
                V::S(None)
            } else {
                s(cs.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(","))
            }
        };
        self.push(
            key,
            0,
            vec![
                id(),
                s(d.source.clone()),
                os(d.url.as_ref()),
                V::D(d.date),
                os(d.dateline.as_ref()),
                os(d.title.as_ref()),
                os(d.language.as_ref()),
                i(d.chars),
                V::T(d.ingested.map(|t| t.and_utc().timestamp_millis())),
                s(text),
            ],
        );
        for (n, e) in ex.events.iter().enumerate() {
            let mut row = vec![
                id(),
                i(n),
                s(e.code.to_string()),
                s(format!("{:02}", e.code.root())),
                os(e.plover),
                V::I(Some(e.quad_class.into())),
                V::F(Some(f64::from(e.goldstein)).filter(|g| g.is_finite())),
                os(e.source.as_ref().map(|a| a.as_str())),
                os(e.target.as_ref().map(|a| a.as_str())),
                os(e.source_entity.as_ref()),
                os(e.target_entity.as_ref()),
                V::D(e.date),
                os(e.place.as_ref()),
            ];
            row.extend(evidence(e.evidence));
            self.push(key, 1, row);
        }
        for (n, a) in ex.agreements.iter().enumerate() {
            let mut row = vec![
                id(),
                i(n),
                s(a.kind.to_string()),
                os(a.title.as_ref()),
                os(a.subject.as_ref()),
                V::D(a.date),
                os(a.place.as_ref()),
            ];
            row.extend(evidence(a.evidence));
            self.push(key, 2, row);
            for (k, p) in a.parties.iter().enumerate() {
                self.push(
                    key,
                    3,
                    vec![
                        id(),
                        i(n),
                        i(k),
                        s(p.name.clone()),
                        os(p.entity.as_ref()),
                        os(p.country),
                    ],
                );
            }
        }
        for (n, q) in ex.quantities.iter().enumerate() {
            let mut row = vec![
                id(),
                i(n),
                s(q.kind.to_string()),
                V::F(Some(q.value).filter(|v| v.is_finite())),
                os(q.unit.as_ref()),
                s(q.approx.to_string()),
                os(q.measure),
                os(q.subject.as_ref()),
                countries(&q.countries),
                V::D(q.period.map(|p| p.start)),
                V::D(q.period.map(|p| p.end)),
            ];
            row.extend(evidence(q.evidence));
            self.push(key, 4, row);
        }
        for (n, q) in ex.quotes.iter().enumerate() {
            let mut row = vec![
                id(),
                i(n),
                os(q.speaker.as_ref()),
                os(q.speaker_name.as_ref()),
                s(q.text.clone()),
            ];
            row.extend(evidence(q.evidence));
            self.push(key, 5, row);
        }
        for (n, t) in ex.topics.iter().enumerate() {
            let mut row = vec![
                id(),
                i(n),
                s(t.topic.clone()),
                os(t.status),
                countries(&t.countries),
            ];
            row.extend(evidence(t.evidence));
            self.push(key, 6, row);
        }
    }

    /// Writes every table of every partition under `dir` (created if
    /// absent; refused if it holds files already, so that two exports never
    /// mix). A table without rows still gets its folder and one empty file
    /// (so that readers find its schema).
    pub fn finish(self, dir: &Path) -> anyhow::Result<Vec<(&'static str, u64)>> {
        if dir.exists()
            && std::fs::read_dir(dir)
                .with_context(|| format!("reading {}", dir.display()))?
                .next()
                .is_some()
        {
            anyhow::bail!(
                "{}: the folder is not empty; give a new or empty folder for a Parquet export",
                dir.display()
            );
        }
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build();
        let schemas: Vec<Arc<Schema>> = self
            .schemas
            .iter()
            .map(|(_, cols)| {
                Arc::new(Schema::new(
                    cols.iter()
                        .map(|(n, ty)| Field::new(*n, ty.clone(), true))
                        .collect::<Vec<_>>(),
                ))
            })
            .collect();
        let write = |path: &Path, schema: &Arc<Schema>, batch: Option<RecordBatch>| {
            std::fs::create_dir_all(path.parent().expect("a file in a folder"))
                .with_context(|| format!("creating {}", path.display()))?;
            let file =
                File::create(path).with_context(|| format!("creating {}", path.display()))?;
            let mut w = ArrowWriter::try_new(file, schema.clone(), Some(props.clone()))
                .with_context(|| format!("writing {}", path.display()))?;
            if let Some(b) = batch {
                w.write(&b)
                    .with_context(|| format!("writing {}", path.display()))?;
            }
            w.close()
                .with_context(|| format!("writing {}", path.display()))?;
            anyhow::Ok(())
        };
        let mut written = vec![false; schemas.len()];
        for ((year, month), part) in self.parts {
            for (t, cols) in part.tables.into_iter().enumerate() {
                let arrays: Vec<ArrayRef> = cols.into_iter().map(Col::array).collect();
                if arrays.first().is_none_or(|a| a.is_empty()) {
                    continue;
                }
                let batch = RecordBatch::try_new(schemas[t].clone(), arrays)
                    .context("building a Parquet batch")?;
                let path = dir
                    .join(self.schemas[t].0)
                    .join(format!("year={year}"))
                    .join(format!("month={month}"))
                    .join("part-0.parquet");
                write(&path, &schemas[t], Some(batch))?;
                written[t] = true;
            }
        }
        for (t, done) in written.iter().enumerate() {
            if !done {
                let path = dir.join(self.schemas[t].0).join("empty.parquet");
                write(&path, &schemas[t], None)?;
            }
        }
        Ok(self.counts)
    }
}
