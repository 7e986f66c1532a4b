#!/usr/bin/env bash
# eval/run.sh [DYAD_BINARY]: scores dyad on the team's own annotated articles
# (eval/articles, gold in eval/gold, same format as ../shared/eval) with the
# shared scorer. These articles are invented and written by the team; they
# are a held-out check kept apart from the examples and golden tests.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:-$here/../target/release/dyad}
scorer=$here/../../shared/eval/score.py
[ -f "$scorer" ] || { echo "eval: $scorer is absent" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
"$bin" extract "$here/articles" --json > "$work/pred.jsonl"
python3 "$scorer" ${DETAIL:+--detail} --pred "$work/pred.jsonl" "$here"/gold/*.gold.json
