#!/usr/bin/env bash
# Sourced by .ci/run: installs DuckDB's Python package from PyPI and
# exports DYAD_TEST_DUCKDB=1, which makes the Parquet export test read the
# files back with DuckDB (crates/cli/tests/parquet.rs); with the variable
# set and duckdb missing that test fails. When the install fails it says so
# and exports nothing; the test then prints that it skipped the DuckDB part.

_dyad_duckdb_setup() {
    local py
    py=$(command -v python3 || true)
    [ -n "$py" ] || return 1
    if ! "$py" -c "import duckdb" >/dev/null 2>&1; then
        echo "installing duckdb (python)"
        "$py" -m pip install -q duckdb >/dev/null 2>&1 \
            || "$py" -m pip install -q --break-system-packages duckdb >/dev/null 2>&1 \
            || return 1
    fi
    "$py" -c "import duckdb" >/dev/null 2>&1 || return 1
    export DYAD_TEST_DUCKDB=1
    echo "duckdb $("$py" -c 'import duckdb; print(duckdb.__version__)'): DYAD_TEST_DUCKDB set"
}

if [ -z "${DYAD_TEST_DUCKDB:-}" ]; then
    if ! _dyad_duckdb_setup; then
        echo "warning: could not install duckdb; the Parquet test reads back with the parquet crate only" >&2
    fi
fi
