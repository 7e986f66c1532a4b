#!/usr/bin/env bash
# Sourced by .ci/run (as root, on a fresh Debian machine): installs and
# starts PostgreSQL, creates a role and a database for the tests, and
# exports DYAD_TEST_POSTGRES_URL, which turns on the store's conformance
# suite against PostgreSQL (crates/store/tests/conformance.rs). When
# PostgreSQL cannot be installed or started it says so and exports
# nothing; those tests then print that they skipped.

_dyad_pg_as_postgres() {
    if command -v runuser >/dev/null 2>&1; then
        runuser -u postgres -- "$@"
    else
        su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    fi
}

_dyad_pg_setup() {
    local version port tries
    if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
        echo "installing postgresql"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq || return 1
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null || return 1
    fi
    version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    [ -n "$version" ] || return 1
    # pg_lsclusters -h: "version name port status owner datadir logfile"
    if [ -z "$(pg_lsclusters -h 2>/dev/null | awk -v v="$version" '$1 == v && $2 == "main"')" ]; then
        pg_createcluster "$version" main >/dev/null || return 1
    fi
    if [ -z "$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online"')" ]; then
        pg_ctlcluster "$version" main start || return 1
    fi
    port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')
    [ -n "$port" ] || return 1
    tries=0
    until pg_isready -q -h 127.0.0.1 -p "$port"; do
        tries=$((tries + 1))
        [ "$tries" -lt 30 ] || return 1
        sleep 1
    done
    _dyad_pg_as_postgres psql -q -p "$port" -v ON_ERROR_STOP=1 <<'SQL' || return 1
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dyad') THEN
        CREATE ROLE dyad LOGIN PASSWORD 'dyad';
    END IF;
END
$$;
SQL
    if [ "$(_dyad_pg_as_postgres psql -p "$port" -tAc "SELECT 1 FROM pg_database WHERE datname = 'dyad_test'")" != 1 ]; then
        _dyad_pg_as_postgres createdb -p "$port" -O dyad dyad_test || return 1
    fi
    export DYAD_TEST_POSTGRES_URL="postgres://dyad:dyad@127.0.0.1:${port}/dyad_test"
    echo "postgresql $version on port $port: DYAD_TEST_POSTGRES_URL set"
}

if [ -z "${DYAD_TEST_POSTGRES_URL:-}" ]; then
    if ! _dyad_pg_setup; then
        echo "warning: could not install or start postgresql; postgres tests will skip" >&2
    fi
fi
