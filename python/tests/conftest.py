"""Shared helpers: fixture paths, and skipping that turns into failing in CI.

`.ci/python.sh` sets DYAD_TEST_PYTHON=1: then a missing part (pyarrow,
pyspark, the `dyad` binary) fails the test instead of skipping it.
"""

import json
import os
import pathlib

import pytest

FIXTURES = pathlib.Path(__file__).parent / "fixtures"
REPO = pathlib.Path(__file__).resolve().parents[2]


def need(what, why):
    """Skip (with a visible reason) or, in CI, fail: `what` is missing."""
    msg = f"{what} is missing: {why}"
    if os.environ.get("DYAD_TEST_PYTHON") == "1":
        pytest.fail(msg + " (DYAD_TEST_PYTHON=1 requires it)")
    pytest.skip(msg)


def need_module(name):
    try:
        return __import__(name)
    except ImportError as e:
        need(f"the Python package {name}", str(e))


def articles():
    """The fixture articles: records {id, date, title, text}."""
    with open(FIXTURES / "articles.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture
def fixture_articles():
    return articles()
