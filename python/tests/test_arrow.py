"""dyad.to_arrow: typed record batches, one row per fact."""

import datetime

import pytest

import dyad
from conftest import articles, need_module


@pytest.fixture(scope="module")
def pa():
    return need_module("pyarrow")


@pytest.fixture(scope="module")
def results():
    recs = articles()
    return dyad.extract_batch(
        [r["text"] for r in recs],
        dates=[r["date"] for r in recs],
        titles=[r["title"] for r in recs],
        datelines=[r.get("dateline") for r in recs],
        sources=[r["id"] for r in recs],
        include_text=True,
    )


def test_every_kind_has_its_schema_and_row_count(pa, results):
    counts = {
        "events": sum(len(r["events"]) for r in results),
        "entities": sum(len(r["entities"]) for r in results),
        "agreements": sum(len(r["agreements"]) for r in results),
        "parties": sum(len(a["parties"]) for r in results for a in r["agreements"]),
        "quantities": sum(len(r["quantities"]) for r in results),
        "quotes": sum(len(r["quotes"]) for r in results),
        "topics": sum(len(r["topics"]) for r in results),
        "documents": len(results),
    }
    assert set(counts) == set(dyad.KINDS)
    for kind, n in counts.items():
        batch = dyad.to_arrow(results, kind=kind)
        assert isinstance(batch, pa.RecordBatch)
        assert batch.schema == dyad.schema(kind), kind
        assert batch.num_rows == n, kind
        assert n > 0, f"the fixtures give no {kind}: the test would prove nothing"


def test_event_columns_are_typed_and_match_the_json(pa, results):
    batch = dyad.to_arrow(results, "events")
    s = batch.schema
    assert s.field("doc_date").type == pa.date32()
    assert s.field("date").type == pa.date32()
    assert s.field("quad_class").type == pa.int8()
    assert s.field("goldstein").type == pa.float32()
    assert s.field("evidence_start").type == pa.int32()
    rows = batch.to_pylist()
    flat = [(r, e) for r in results for e in r["events"]]
    assert len(rows) == len(flat)
    for row, (r, e) in zip(rows, flat):
        assert row["doc_id"] == r["doc"]["id"]
        assert row["doc_source"] == r["doc"]["source"]
        assert row["code"] == e["code"] and row["root_code"] == e["code"][:2]
        assert (row["source"], row["target"]) == (e["source"], e["target"])
        assert row["quad_class"] == e["quad_class"]
        assert row["goldstein"] == pytest.approx(e["goldstein"], abs=1e-6)
        want_date = e["date"] and datetime.date.fromisoformat(e["date"])
        assert row["date"] == (want_date or None)
        s_, end = e["evidence"]
        assert (row["evidence_start"], row["evidence_end"]) == (s_, end)
        assert row["evidence_text"] == r["doc"]["text"][s_:end]
        assert row["evidence_text"]


def test_quantities_and_parties_flatten_nested_fields(pa, results):
    q = dyad.to_arrow(results, "quantities").to_pylist()
    with_period = [row for row in q if row["period_start"] is not None]
    assert with_period, "the fixtures state figures for a year"
    assert all(isinstance(row["period_start"], datetime.date) for row in with_period)
    changed = [row for row in q if row["change_percent"] is not None]
    assert changed and all(row["change_factor"] is not None for row in changed)
    parties = dyad.to_arrow(results, "parties").to_pylist()
    agreements = dyad.to_arrow(results, "agreements").to_pylist()
    for p in parties:
        owner = [
            a for a in agreements if a["doc_id"] == p["doc_id"] and a["agreement"] == p["agreement"]
        ]
        assert len(owner) == 1
        assert {"name": p["name"], "entity": p["entity"], "country": p["country"]} in owner[0][
            "parties"
        ]


def test_texts_in_give_the_same_batch_as_results_in(pa, results):
    texts = [r["text"] for r in articles()]
    from_texts = dyad.to_arrow(texts, "events")
    plain = dyad.extract_batch(texts, include_text=True)
    assert from_texts.equals(dyad.to_arrow(plain, "events"))
    # Without doc.text there is no evidence text, and nothing else changes.
    bare = dyad.to_arrow(dyad.extract_batch(texts), "events")
    assert bare.column("evidence_text").null_count == bare.num_rows
    assert bare.drop_columns(["evidence_text"]).equals(from_texts.drop_columns(["evidence_text"]))


def test_one_result_none_items_and_empty_input(pa, results):
    one = dyad.to_arrow(results[0], "documents")
    assert one.num_rows == 1 and one.column("events")[0].as_py() == len(results[0]["events"])
    with_none = dyad.to_arrow([results[0], None, results[1]], "events")
    assert with_none.num_rows == len(results[0]["events"]) + len(results[1]["events"])
    empty = dyad.to_arrow([], "topics")
    assert empty.num_rows == 0 and empty.schema == dyad.schema("topics")


def test_bad_arguments(pa, results):
    with pytest.raises(ValueError, match="unknown kind 'event'"):
        dyad.to_arrow(results, "event")
    with pytest.raises(TypeError, match="not a single str"):
        dyad.to_arrow("Japan met Mongolia.")
    with pytest.raises(TypeError, match="item 1 is not a dyad result"):
        dyad.to_arrow([results[0], {"events": []}])
