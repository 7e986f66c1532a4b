"""``dyad.to_arrow``: results as typed pyarrow record batches, one row per fact.

Each kind has a fixed schema (``dyad.schema(kind)``): dates are ``date32``,
codes and ids strings, offsets ``int32`` characters of ``doc.text``.
Every kind but ``documents`` starts with ``doc_id`` and ``doc_source``, so
rows join back to their article; ``evidence_text`` is the supporting text
when the result carries ``doc.text`` (always when ``to_arrow`` is given
texts), else null. pyarrow is needed for this module only.
"""

from __future__ import annotations

KINDS = (
    "events",
    "entities",
    "agreements",
    "parties",
    "quantities",
    "quotes",
    "topics",
    "documents",
)


def _pa():
    try:
        import pyarrow
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            "dyad.to_arrow needs pyarrow: pip install pyarrow (or dyad[arrow])"
        ) from e
    return pyarrow


# Column types by short name; "date" columns are built as strings and cast.
def _types(pa):
    return {
        "str": pa.string(),
        "date": pa.date32(),
        "i8": pa.int8(),
        "i32": pa.int32(),
        "i64": pa.int64(),
        "f32": pa.float32(),
        "f64": pa.float64(),
        "strs": pa.list_(pa.string()),
        "spans": pa.list_(pa.struct([("start", pa.int32()), ("end", pa.int32())])),
        "parties": pa.list_(
            pa.struct([("name", pa.string()), ("entity", pa.string()), ("country", pa.string())])
        ),
    }


def _ev(i):
    def get(doc, rec, text):
        span = rec.get("evidence")
        return span[i] if span else None

    return get


def _ev_text(doc, rec, text):
    span = rec.get("evidence")
    if text is None or not span:
        return None
    return text[span[0] : span[1]]


def _field(name):
    return lambda doc, rec, text: rec.get(name)


def _path(*names):
    def get(doc, rec, text):
        v = rec
        for n in names:
            if not isinstance(v, dict):
                return None
            v = v.get(n)
        return v

    return get


_DOC = [
    ("doc_id", "str", lambda doc, rec, text: doc.get("id")),
    ("doc_source", "str", lambda doc, rec, text: doc.get("source")),
]

_EVIDENCE = [
    ("evidence_start", "i32", _ev(0)),
    ("evidence_end", "i32", _ev(1)),
    ("evidence_text", "str", _ev_text),
]

# kind -> (the list in a result that gives the rows, columns)
_COLUMNS = {
    "events": (
        "events",
        _DOC
        + [
            ("doc_date", "date", lambda doc, rec, text: doc.get("date")),
            ("code", "str", _field("code")),
            ("root_code", "str", lambda doc, rec, text: (rec.get("code") or "")[:2] or None),
            ("plover", "str", _field("plover")),
            ("mode", "str", _field("mode")),
            ("quad_class", "i8", _field("quad_class")),
            ("goldstein", "f32", _field("goldstein")),
            ("source", "str", _field("source")),
            ("target", "str", _field("target")),
            ("source_entity", "str", _field("source_entity")),
            ("target_entity", "str", _field("target_entity")),
            ("date", "date", _field("date")),
            ("place", "str", _field("place")),
        ]
        + _EVIDENCE,
    ),
    "entities": (
        "entities",
        _DOC
        + [
            ("id", "str", _field("id")),
            ("type", "str", _field("type")),
            ("name", "str", _field("name")),
            ("country", "str", _field("country")),
            ("role", "str", _field("role")),
            ("lat", "f64", _field("lat")),
            ("lon", "f64", _field("lon")),
            (
                "mentions",
                "spans",
                lambda doc, rec, text: [
                    {"start": s, "end": e} for s, e in (rec.get("mentions") or [])
                ],
            ),
        ],
    ),
    "agreements": (
        "agreements",
        _DOC
        + [
            ("agreement", "i32", lambda doc, rec, text: rec["_index"]),
            ("type", "str", _field("type")),
            ("title", "str", _field("title")),
            ("subject", "str", _field("subject")),
            ("date", "date", _field("date")),
            ("place", "str", _field("place")),
            ("parties", "parties", lambda doc, rec, text: rec.get("parties") or []),
        ]
        + _EVIDENCE,
    ),
    "parties": (
        None,  # one row per party of each agreement, built below
        _DOC
        + [
            ("agreement", "i32", lambda doc, rec, text: rec["_index"]),
            ("name", "str", _field("name")),
            ("entity", "str", _field("entity")),
            ("country", "str", _field("country")),
        ],
    ),
    "quantities": (
        "quantities",
        _DOC
        + [
            ("kind", "str", _field("kind")),
            ("value", "f64", _field("value")),
            ("unit", "str", _field("unit")),
            ("approx", "str", _field("approx")),
            ("measure", "str", _field("measure")),
            ("subject", "str", _field("subject")),
            ("countries", "strs", lambda doc, rec, text: rec.get("countries") or []),
            ("period_start", "date", _path("period", "start")),
            ("period_end", "date", _path("period", "end")),
            ("change_factor", "f64", _path("change", "factor")),
            ("change_percent", "f64", _path("change", "percent")),
            ("change_from_start", "date", _path("change", "from", "start")),
            ("change_from_end", "date", _path("change", "from", "end")),
        ]
        + _EVIDENCE,
    ),
    "quotes": (
        "quotes",
        _DOC
        + [
            ("speaker", "str", _field("speaker")),
            ("speaker_name", "str", _field("speaker_name")),
            ("text", "str", _field("text")),
        ]
        + _EVIDENCE,
    ),
    "topics": (
        "topics",
        _DOC
        + [
            ("topic", "str", _field("topic")),
            ("status", "str", _field("status")),
            ("countries", "strs", lambda doc, rec, text: rec.get("countries") or []),
        ]
        + _EVIDENCE,
    ),
    "documents": (
        None,  # one row per result
        [
            ("doc_id", "str", _field("id")),
            ("source", "str", _field("source")),
            ("url", "str", _field("url")),
            ("date", "date", _field("date")),
            ("dateline", "str", _field("dateline")),
            ("title", "str", _field("title")),
            ("language", "str", _field("language")),
            ("chars", "i64", _field("chars")),
            ("entities", "i32", lambda doc, rec, text: rec["_counts"]["entities"]),
            ("events", "i32", lambda doc, rec, text: rec["_counts"]["events"]),
            ("agreements", "i32", lambda doc, rec, text: rec["_counts"]["agreements"]),
            ("quantities", "i32", lambda doc, rec, text: rec["_counts"]["quantities"]),
            ("quotes", "i32", lambda doc, rec, text: rec["_counts"]["quotes"]),
            ("topics", "i32", lambda doc, rec, text: rec["_counts"]["topics"]),
        ],
    ),
}

_LISTS = ("entities", "events", "agreements", "quantities", "quotes", "topics")


def _check_kind(kind):
    if kind not in _COLUMNS:
        raise ValueError(f"unknown kind {kind!r}: expected one of {', '.join(KINDS)}")
    return _COLUMNS[kind]


def schema(kind="events"):
    """The ``pyarrow.Schema`` of ``to_arrow(..., kind=kind)``."""
    pa = _pa()
    types = _types(pa)
    _, cols = _check_kind(kind)
    return pa.schema([(name, types[t]) for name, t, _ in cols])


def _rows(kind, result):
    """(doc, record) pairs of one result for ``kind``."""
    doc = result["doc"]
    if kind == "documents":
        rec = dict(doc)
        rec["_counts"] = {k: len(result.get(k) or []) for k in _LISTS}
        return [(doc, rec)]
    if kind == "agreements":
        return [(doc, dict(a, _index=i)) for i, a in enumerate(result.get("agreements") or [])]
    if kind == "parties":
        return [
            (doc, dict(p, _index=i))
            for i, a in enumerate(result.get("agreements") or [])
            for p in (a.get("parties") or [])
        ]
    return [(doc, rec) for rec in (result.get(kind) or [])]


def _results(results_or_texts, jobs):
    if isinstance(results_or_texts, dict):
        return [results_or_texts]
    if isinstance(results_or_texts, (str, bytes)):
        raise TypeError(
            "to_arrow takes a list of results (dicts) or of texts (str), not a single "
            + type(results_or_texts).__name__
        )
    items = list(results_or_texts)
    if not items:
        return []
    if all(isinstance(x, str) for x in items):
        from . import extract_batch

        return extract_batch(items, jobs=jobs, include_text=True)
    for i, x in enumerate(items):
        if x is None:
            continue  # extract_batch(errors="none") gave up on that text
        if not isinstance(x, dict) or not isinstance(x.get("doc"), dict):
            raise TypeError(
                f"to_arrow: item {i} is not a dyad result (a dict with a 'doc' object)"
                f" nor a str, but {type(x).__name__}"
            )
    return items


def to_arrow(results_or_texts, kind="events", *, jobs=None):
    """One ``pyarrow.RecordBatch`` of ``kind`` rows (see ``KINDS``).

    ``results_or_texts`` is a list of results (``extract``/``extract_batch``
    dicts; ``None`` items are skipped), one result, or a list of texts,
    which are extracted first with ``extract_batch(jobs=jobs)``.
    """
    pa = _pa()
    types = _types(pa)
    _, cols = _check_kind(kind)
    results = _results(results_or_texts, jobs)
    values = [[] for _ in cols]
    for result in results:
        if result is None:
            continue
        text = result["doc"].get("text")
        for doc, rec in _rows(kind, result):
            for column, (_, _, get) in zip(values, cols):
                column.append(get(doc, rec, text))
    arrays = []
    for (name, t, _), column in zip(cols, values):
        if t == "date":
            arrays.append(pa.array(column, type=pa.string()).cast(pa.date32()))
        else:
            arrays.append(pa.array(column, type=types[t]))
    return pa.RecordBatch.from_arrays(arrays, schema=schema(kind))
