"""dyad.extract and dyad.extract_batch: the JSON contract, batches, errors."""

import datetime
import json
import os
import pathlib
import subprocess
import warnings

import pytest

import dyad
from conftest import FIXTURES, REPO, articles, need

CONTRACT_KEYS = ["doc", "entities", "events", "agreements", "quantities", "quotes", "topics"]


def dyad_binary():
    path = os.environ.get("DYAD_BIN")
    candidates = [pathlib.Path(path)] if path else []
    target = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    candidates += [target / "debug" / "dyad", target / "release" / "dyad"]
    for c in candidates:
        if c.is_file() and os.access(c, os.X_OK):
            return c
    need("the dyad binary", f"set DYAD_BIN or build it (cargo build -p dyad); looked at {candidates}")


def cli_extract(*names):
    out = subprocess.run(
        [str(dyad_binary()), "extract", "--json", *names],
        cwd=FIXTURES,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [json.loads(line) for line in out.splitlines()]


def test_extract_batch_is_the_cli_json_for_json_lines():
    recs = articles()
    expected = cli_extract("articles.jsonl")
    got = dyad.extract_batch(
        [r["text"] for r in recs],
        dates=[r["date"] for r in recs],
        titles=[r["title"] for r in recs],
        datelines=[r.get("dateline") for r in recs],
        sources=[f"articles.jsonl#{r['id']}" for r in recs],
    )
    assert got == expected
    # Same keys in the same order as the command prints them.
    assert [list(r) for r in got] == [list(r) for r in expected]
    assert list(got[0]) == CONTRACT_KEYS
    assert list(got[0]["doc"]) == list(expected[0]["doc"])
    # The fixtures are a real test: facts of every kind came out, and the
    # datelines at the start of the text and apart were both read.
    for key in CONTRACT_KEYS[1:]:
        assert any(r[key] for r in got), f"no {key} in the fixture articles"
    datelines = {r["doc"]["source"].split("#")[1]: r["doc"]["dateline"] for r in got}
    assert datelines["fx-001"] == "NAIROBI" and datelines["fx-007"] == "SANTIAGO"
    assert datelines["fx-006"] is None


def test_extract_is_the_cli_json_for_one_record():
    rec = articles()[-1]
    expected = cli_extract("articles.jsonl")[-1]
    got = dyad.extract(
        rec["text"],
        date=rec["date"],
        title=rec["title"],
        dateline=rec["dateline"],
        source=f"articles.jsonl#{rec['id']}",
    )
    assert got == expected
    assert got["doc"]["title"] == "CHILE, SOUTH KOREA SIGN MINERALS MEMORANDUM"
    assert got["agreements"] and got["quantities"] and got["quotes"]


def test_batch_keeps_order_and_matches_single_calls():
    recs = articles()
    texts = [r["text"] for r in recs] * 3
    single = [dyad.extract(t, source=f"texts[{i}]") for i, t in enumerate(texts)]
    for jobs in (1, 2, 5, 64):
        assert dyad.extract_batch(texts, jobs=jobs) == single, f"jobs={jobs}"
    assert dyad.extract_batch([]) == []


def test_python_threads_share_the_pipeline():
    # Each call releases the interpreter while dyad works: four Python
    # threads run batches at once and get what one thread gets alone.
    import concurrent.futures

    texts = [r["text"] for r in articles()]
    alone = dyad.extract_batch(texts, jobs=1)
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        runs = list(pool.map(lambda j: dyad.extract_batch(texts, jobs=j), [1, 2, 1, 2]))
    assert all(r == alone for r in runs)


def test_date_and_title_arguments():
    text = "Hungary and Uzbekistan signed a roadmap on Friday."
    assert dyad.extract(text)["doc"]["date"] is None
    for date in ("2025-03-14", datetime.date(2025, 3, 14), datetime.datetime(2025, 3, 14, 9, 30)):
        r = dyad.extract(text, date=date, title="  A   roadmap ")
        assert r["doc"]["date"] == "2025-03-14"
        assert r["doc"]["title"] == "A roadmap"
    # "Friday" is dated against the document date.
    r = dyad.extract(text, date="2025-03-14")
    assert r["agreements"][0]["date"] == "2025-03-14"
    # Written dates are read as the readers read them.
    assert dyad.extract(text, date="March 14, 2025")["doc"]["date"] == "2025-03-14"
    # A date line at the top of the text counts when no date is given; an
    # argument wins over it.
    dated = "Friday, January 3, 2020\n\n" + text
    assert dyad.extract(dated)["doc"]["date"] == "2020-01-03"
    assert dyad.extract(dated, date="2025-03-14")["doc"]["date"] == "2025-03-14"


@pytest.mark.parametrize("bad", ["2025-13-40", "tomorrow", "14/14/2025"])
def test_bad_date_is_a_value_error(bad):
    with pytest.raises(ValueError, match=r"^text: bad date"):
        dyad.extract("Japan and Mongolia held talks.", date=bad)
    with pytest.raises(ValueError, match=r"^texts\[1\]: bad date"):
        dyad.extract_batch(["Japan met Mongolia.", "Chile met Peru."], dates=[None, bad])


def test_bad_texts_are_value_errors():
    with pytest.raises(ValueError, match=r"^text: empty text$"):
        dyad.extract("   \n ")
    with pytest.raises(ValueError, match=r"^texts\[1\]: empty text$"):
        dyad.extract_batch(["Japan met Mongolia.", ""])
    # A date line alone is a page with no article (the readers say so too).
    with pytest.raises(ValueError, match=r"^text: no article text"):
        dyad.extract("Monday, March 15, 2021")
    with pytest.raises(ValueError, match=r"^report.pdf: text holds NUL characters"):
        dyad.extract("%PDF-1.7\x00\x01\x02\x03 \x00\x00" * 20, source="report.pdf")


def test_errors_none_gives_none_and_a_warning():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = dyad.extract_batch(["Japan met Mongolia.", "", "Chile met Peru."], errors="none")
    assert out[1] is None
    assert out[0]["doc"]["source"] == "texts[0]" and out[2]["doc"]["source"] == "texts[2]"
    messages = [str(w.message) for w in caught if issubclass(w.category, dyad.DyadWarning)]
    assert messages == ["texts[1]: empty text"]
    with pytest.raises(ValueError, match="errors must be"):
        dyad.extract_batch(["x"], errors="ignore")


def test_nan_is_a_missing_value():
    # pandas marks a missing date or title as NaN.
    nan = float("nan")
    (r,) = dyad.extract_batch(["Japan met Mongolia."], dates=[nan], titles=[nan])
    assert r["doc"]["date"] is None and r["doc"]["title"] is None


def test_wrong_types_are_type_errors():
    with pytest.raises(TypeError, match="text must be a str, not bytes"):
        dyad.extract(b"Japan met Mongolia.")
    with pytest.raises(TypeError, match="date must be"):
        dyad.extract("Japan met Mongolia.", date=20250314)
    with pytest.raises(TypeError, match="title must be"):
        dyad.extract("Japan met Mongolia.", title=5)
    with pytest.raises(TypeError, match="texts must be a list of str, not a str"):
        dyad.extract_batch("Japan met Mongolia.")
    with pytest.raises(TypeError, match=r"texts\[1\] must be a str, not NoneType"):
        dyad.extract_batch(["Japan met Mongolia.", None])
    with pytest.raises(TypeError, match="jobs must be an int"):
        dyad.extract_batch(["x"], jobs="2")


def test_bad_batch_shapes_are_value_errors():
    with pytest.raises(ValueError, match="2 texts but 1 dates"):
        dyad.extract_batch(["a b", "c d"], dates=["2025-01-01"])
    with pytest.raises(ValueError, match="2 texts but 3 titles"):
        dyad.extract_batch(["a b", "c d"], titles=["x", "y", "z"])
    with pytest.raises(ValueError, match="jobs must be at least 1"):
        dyad.extract_batch(["a b"], jobs=0)


def test_include_text_gives_the_text_offsets_count_in():
    rec = articles()[0]
    r = dyad.extract(rec["text"], date=rec["date"], include_text=True)
    text = r["doc"]["text"]
    # The dateline is out of the text the offsets count in.
    assert rec["text"].startswith("NAIROBI — Kenyan President")
    assert text.startswith("Kenyan President") and r["doc"]["dateline"] == "NAIROBI"
    assert len(text) == r["doc"]["chars"]
    without = dyad.extract(rec["text"], date=rec["date"])
    assert "text" not in without["doc"]
    del r["doc"]["text"]
    assert r == without
    for e in without["entities"]:
        for s, end in e["mentions"]:
            assert 0 <= s < end <= len(text)
    names = {e["name"]: e for e in without["entities"]}
    s, end = names["William Ruto"]["mentions"][0]
    assert text[s:end] == "William Ruto"
    for ev in without["events"]:
        s, end = ev["evidence"]
        assert 0 <= s < end <= len(text)


def test_non_ascii_offsets_count_characters():
    text = "Hungarian President Tamás Sulyok welcomed Uzbek President Shavkat Mirziyoyev to Budapest on Friday."
    r = dyad.extract("Ünnepélyes fogadás. " + text, include_text=True)
    doc_text = r["doc"]["text"]
    people = [e for e in r["entities"] if e["type"] == "person"]
    assert people
    for p in people:
        for s, end in p["mentions"]:
            assert doc_text[s:end] in p["name"] or p["name"].endswith(doc_text[s:end])


def test_version():
    assert dyad.__version__.count(".") == 2


def test_the_module_docstring_example_runs():
    import doctest

    result = doctest.testmod(dyad)
    assert result.attempted >= 3 and result.failed == 0
