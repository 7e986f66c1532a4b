"""Runs dyad inside Spark executors over a DataFrame of articles and writes facts as Parquet.

    spark-submit python/examples/spark_extract.py ARTICLES OUT [--kind events]
        [--format jsonl|parquet] [--jobs N] [--partition]

ARTICLES is JSON Lines or Parquet (a file or a folder) with a ``text``
column and optional ``date`` (string or date), ``title``, ``dateline``,
``url`` and ``id`` columns, read as ``dyad extract`` reads such records; ``id`` becomes ``doc_source`` in the output, so rows join back to
the articles. OUT receives one Parquet table of ``--kind`` rows (events by
default; any of ``dyad.KINDS``) with the schema ``dyad.schema(kind)``;
``--partition`` splits it into ``year=/month=`` folders by the fact's date,
else the document's (events and agreements only).

dyad runs in ``mapInArrow``: each Arrow batch of articles goes to
``dyad.extract_batch`` on ``--jobs`` threads (default 1: Spark runs one task
per core already) and comes back as a batch of rows. An empty or binary text
gives no rows and a warning in the executor's log; it does not fail the job.
The ``dyad`` wheel must be installed on every executor (README.md, "Spark").
"""

from __future__ import annotations

import argparse
import sys


def extract_in_batches(kind, jobs):
    """The function ``mapInArrow`` runs on each executor: article batches in, fact batches out."""

    def run(batches):
        import dyad

        for batch in batches:
            cols = batch.to_pydict()
            texts = cols["text"]
            n = len(texts)
            keep = [i for i, t in enumerate(texts) if isinstance(t, str) and t.strip()]

            def column(name):
                values = cols.get(name)
                return [values[i] for i in keep] if values is not None else None

            ids = column("id")
            results = dyad.extract_batch(
                [texts[i] for i in keep],
                dates=column("date"),
                titles=column("title"),
                datelines=column("dateline"),
                urls=column("url"),
                sources=[None if v is None else str(v) for v in ids] if ids else None,
                jobs=jobs,
                errors="none",
                include_text=True,
            )
            if len(keep) < n:
                print(f"dyad: {n - len(keep)} articles without text skipped", file=sys.stderr)
            yield dyad.to_arrow(results, kind)

    return run


def read_articles(spark, path, fmt):
    reader = spark.read
    df = reader.json(path) if fmt == "jsonl" else reader.parquet(path)
    if "text" not in df.columns:
        raise SystemExit(f"{path}: no 'text' column (columns: {', '.join(df.columns)})")
    wanted = [c for c in ("id", "date", "title", "dateline", "url", "text") if c in df.columns]
    df = df.select(*wanted)
    if "id" in df.columns:
        df = df.withColumn("id", df["id"].cast("string"))
    if "date" in df.columns and dict(df.dtypes)["date"] not in ("string", "date"):
        df = df.withColumn("date", df["date"].cast("date"))
    return df


def extract(spark, articles, kind="events", jobs=1):
    """The DataFrame of ``kind`` rows for a DataFrame of articles."""
    import dyad
    from pyspark.sql.pandas.types import from_arrow_schema

    out_schema = from_arrow_schema(dyad.schema(kind))
    return articles.mapInArrow(extract_in_batches(kind, jobs), out_schema)


def write(facts, out, kind, partition):
    from pyspark.sql import functions as F

    writer_df = facts
    if partition:
        if kind not in ("events", "agreements"):
            raise SystemExit("--partition needs --kind events or agreements")
        day = F.col("date") if kind == "agreements" else F.coalesce("date", "doc_date")
        writer_df = facts.withColumn("year", F.year(day)).withColumn("month", F.month(day))
        writer_df.write.mode("overwrite").partitionBy("year", "month").parquet(out)
    else:
        writer_df.write.mode("overwrite").parquet(out)


def main(argv=None):
    import dyad

    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("articles", help="JSON Lines or Parquet file or folder")
    p.add_argument("out", help="output folder (Parquet)")
    p.add_argument("--kind", default="events", choices=dyad.KINDS)
    p.add_argument("--format", choices=("jsonl", "parquet"), help="default: from the extension")
    p.add_argument("--jobs", type=int, default=1, help="dyad threads per Spark task")
    p.add_argument("--partition", action="store_true", help="year=/month= folders")
    p.add_argument("--master", help="e.g. local[2]; default: spark-submit's")
    args = p.parse_args(argv)
    fmt = args.format or ("parquet" if args.articles.rstrip("/").endswith(".parquet") else "jsonl")

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("dyad-extract")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.getOrCreate()
    try:
        facts = extract(spark, read_articles(spark, args.articles, fmt), args.kind, args.jobs)
        write(facts, args.out, args.kind, args.partition)
    finally:
        spark.stop()


if __name__ == "__main__":
    main()
