"""examples/spark_extract.py in pyspark local mode on the fixture articles."""

import datetime
import importlib.util
import os
import pathlib
import sys

import pytest

import dyad
from conftest import FIXTURES, articles, need, need_module

EXAMPLE = pathlib.Path(__file__).resolve().parents[1] / "examples" / "spark_extract.py"


def load_example():
    spec = importlib.util.spec_from_file_location("spark_extract", EXAMPLE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def job():
    return load_example()


@pytest.fixture(scope="module")
def spark():
    need_module("pyarrow")
    need_module("pandas")  # mapInArrow checks for it
    pyspark = need_module("pyspark")
    if not any(
        (pathlib.Path(p) / "java").exists() for p in os.environ.get("PATH", "").split(os.pathsep)
    ) and not os.environ.get("JAVA_HOME"):
        need("Java", "pyspark needs a JVM (Java 17)")
    from pyspark.sql import SparkSession

    # Executors run this interpreter, where dyad is installed; Spark talks
    # to itself on loopback only.
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("dyad-test")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1")
        .getOrCreate()
    )
    assert pyspark.__version__
    yield session
    session.stop()


def expected(kind, fields=True):
    """What dyad gives for the fixtures in-process; `fields=False`: text and id only."""
    recs = articles()
    results = dyad.extract_batch(
        [r["text"] for r in recs],
        dates=[r["date"] for r in recs] if fields else None,
        titles=[r["title"] for r in recs] if fields else None,
        datelines=[r.get("dateline") for r in recs] if fields else None,
        sources=[r["id"] for r in recs],
        include_text=True,
    )
    return dyad.to_arrow(results, kind)


def rows(table, order):
    return sorted(table.to_pylist(), key=lambda r: tuple(str(r[c]) for c in order))


def read_parquet(path):
    import pyarrow.parquet as pq

    return pq.read_table(path)


def test_jsonl_in_events_parquet_out(spark, job, tmp_path):
    out = tmp_path / "events"
    articles_df = job.read_articles(spark, str(FIXTURES / "articles.jsonl"), "jsonl")
    facts = job.extract(spark, articles_df, "events")
    job.write(facts, str(out), "events", partition=False)
    got = read_parquet(out)
    want = expected("events")
    assert got.num_rows == want.num_rows > 0
    assert got.schema.field("date").type == want.schema.field("date").type
    key = ["doc_source", "evidence_start", "code", "source", "target"]
    assert rows(got, key) == rows(want, key)


def test_parquet_in_with_dates_and_partitions(spark, job, tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    recs = articles()
    table = pa.table(
        {
            "id": [r["id"] for r in recs],
            "date": pa.array(
                [r["date"] and datetime.date.fromisoformat(r["date"]) for r in recs],
                pa.date32(),
            ),
            "title": [r["title"] for r in recs],
            "dateline": [r.get("dateline") for r in recs],
            "text": [r["text"] for r in recs],
            "extra": list(range(len(recs))),
        }
    )
    src = tmp_path / "articles.parquet"
    pq.write_table(table, src)
    out = tmp_path / "events"
    facts = job.extract(spark, job.read_articles(spark, str(src), "parquet"), "events", jobs=2)
    job.write(facts, str(out), "events", partition=True)
    # fx-006 has no date at all: its events go to Hive's folder for nulls.
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == [
        "year=2025",
        "year=__HIVE_DEFAULT_PARTITION__",
    ]
    got = read_parquet(out)
    want = expected("events")
    assert got.num_rows == want.num_rows
    months = {(r["doc_source"], r["evidence_start"], r["code"]): r["month"] for r in got.to_pylist()}
    for r in want.to_pylist():
        day = r["date"] or r["doc_date"]
        assert months[(r["doc_source"], r["evidence_start"], r["code"])] == (day and day.month)
    assert any(m is None for m in months.values()) and any(m for m in months.values())


def test_other_kinds_and_rows_without_text(spark, job):
    recs = articles()
    data = [(r["id"], r["text"]) for r in recs] + [("blank", "  "), ("none", None)]
    df = spark.createDataFrame(data, "id string, text string")
    for kind in dyad.KINDS:
        got = job.extract(spark, df, kind).collect()
        assert len(got) == expected(kind, fields=False).num_rows > 0, kind
        assert {r["doc_source"] if kind != "documents" else r["source"] for r in got} <= {
            r["id"] for r in recs
        }


def test_command_line(spark, job, tmp_path):
    # main() gets the module's session and stops it: this test runs last.
    out = tmp_path / "topics"
    job.main([str(FIXTURES / "articles.jsonl"), str(out), "--kind", "topics"])
    assert read_parquet(out).num_rows == expected("topics").num_rows
