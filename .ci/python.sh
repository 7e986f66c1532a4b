#!/usr/bin/env bash
# The Python package and the Spark example (python/): builds the wheel with
# `pip install ./python`, runs the pytest suite, runs the Spark example in
# local mode on the fixture articles. Called by .ci/run after the Rust
# tests. The wheel is built with the dev profile into the workspace's target
# directory, so dependencies compiled there with the same features are
# reused (the dyad crates themselves build again: python/ is its own
# workspace and unifies features differently).
#
# DYAD_TEST_PYTHON=1 makes every test that needs a part (pyarrow, pyspark,
# Java, the dyad binary) fail instead of skipping when that part is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d /tmp/dyad-ci-python.XXXXXX)"
trap 'rm -rf "$work"' EXIT
# The venv is kept between runs on one machine (pyspark alone is 400 MB to
# fetch and 40 s to delete); pip only checks it when nothing changed, and
# the dyad wheel is always built and installed again.
venv="${DYAD_CI_VENV:-/tmp/dyad-ci-python-venv}"
py="$venv/bin/python"
# maturin's build backend runs the `maturin` command from PATH.
export PATH="$venv/bin:$PATH"
# Spark (tests and the example) binds and talks on loopback only.
export SPARK_LOCAL_IP=127.0.0.1

echo "== python [${SECONDS}s]: venv and packages"
"$py" -c 'import sys' 2>/dev/null || { rm -rf "$venv"; python3 -m venv "$venv"; }
"$py" -m pip install --quiet --disable-pip-version-check \
    'maturin>=1.5,<2' pytest 'pyarrow>=14' 'pyspark>=4' 'pandas>=2.2,<3'

export CARGO_TARGET_DIR="$PWD/target"
echo "== python [${SECONDS}s]: cargo fmt and clippy on python/ (outside the workspace)"
cargo fmt --manifest-path python/Cargo.toml --check
PYO3_PYTHON="$py" cargo clippy --quiet --manifest-path python/Cargo.toml --all-targets -- -D warnings

echo "== python [${SECONDS}s]: pip install ./python (dev profile, shared target dir)"
# The CLI binary that test_extract.py compares against: `cargo test
# --workspace` has just built it (building it alone would unify features
# differently and compile much of the workspace again).
[ -x "$CARGO_TARGET_DIR/debug/dyad" ] || cargo build --quiet -p dyad
MATURIN_PEP517_ARGS="--profile dev" \
    "$py" -m pip install --quiet --disable-pip-version-check --no-build-isolation \
    --force-reinstall --no-deps ./python

echo "== python [${SECONDS}s]: pytest"
# Run from the tests folder so `import dyad` finds the installed package,
# not the source folder python/dyad (which lacks the compiled module).
(
    cd python/tests
    DYAD_TEST_PYTHON=1 DYAD_BIN="$CARGO_TARGET_DIR/debug/dyad" \
        "$py" -m pytest -q -p no:cacheprovider .
)

echo "== python [${SECONDS}s]: Spark example, local mode, fixture articles"
out="$work/events"
PYSPARK_PYTHON="$py" PYSPARK_DRIVER_PYTHON="$py" \
    "$py" python/examples/spark_extract.py python/tests/fixtures/articles.jsonl "$out" \
    --master 'local[2]' --partition
"$py" - "$out" <<'PY'
import sys
import pyarrow.parquet as pq
t = pq.read_table(sys.argv[1])
assert t.num_rows > 0, "the Spark example wrote no events"
print(f"spark example: {t.num_rows} events in {sys.argv[1]}")
PY
echo "== python: done in ${SECONDS}s"
