#!/usr/bin/env bash
# Listing a whole project over BigQuery REST: katalog, `bq` and the official Python client on
# the same local-bigquery emulator (127.0.0.1), a project of 40 datasets × 50 tables seeded once
# by the official client and cached under .cache/bench-emulator/. Wall and CPU time, medians of
# RUNS. Prints figures and `ROW` lines for bench.sh.
# Usage: bench-emulator.sh BINARY [RUNS [DATASETS TABLES]] (smaller projects for the smoke run)
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
binary="$(realpath "$1")"
runs="${2:-5}"
project="bench-prosjekt"
datasets="${3:-40}" tables="${4:-50}"
. "$(dirname "$0")/bench-rows.sh"

if ! venv="$("$root/scripts/emulator-venv.sh")"; then
  echo "bench-emulator: local-bigquery could not be installed; the REST listing is not measured."
  row "\`katalog ls -r\` over REST, $((datasets * tables)) tables" "not run" "–" "–" "ahead of bq and the Python client" "–"
  exit 0
fi
home="$root/.cache/emulator-home"
cache="$root/.cache/bench-emulator"
"$root/scripts/emulator-extensions.sh" "$home" "$venv" spatial ducklake icu postgres
mkdir -p "$cache"
work="$(mktemp -d)"
port="$("$venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
grpc="$("$venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
HOME="$home" "$venv/bin/local-bigquery" serve --host 127.0.0.1 --port "$port" --grpc-port "$grpc" --project "$project" \
  --data-dir "$cache/data-${datasets}x${tables}" >"$work/emulator.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT
url="http://127.0.0.1:$port"
for _ in $(seq 1 150); do
  "$venv/bin/python" -c "import urllib.request; urllib.request.urlopen('$url/bigquery/v2/projects/$project/datasets', timeout=1)" 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || { echo "bench-emulator: the emulator did not start:"; tail -20 "$work/emulator.log"; exit 1; }
  sleep 0.2
done
stamp="$cache/data-${datasets}x${tables}/seeded-v1"
if [ ! -f "$stamp" ]; then
  echo "Seeding the emulator with $datasets datasets × $tables tables (once; cached in $cache) …"
  "$venv/bin/python" "$root/Benchmarks/Emulator/seed_large.py" "$url" "$project" "$datasets" "$tables" 2>"$work/seed.log" \
    || { tail -5 "$work/seed.log"; exit 1; }
  touch "$stamp"
fi

# Median wall and CPU seconds of a command over RUNS runs: "wall cpu".
measure() {
  for _ in $(seq 1 "$runs"); do
    /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >"$work/out" 2>"$work/err" || { echo "failed: $*" >&2; tail -3 "$work/err" >&2; }
    awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$work/time"
  done | sort -n | awk '{ wall[NR] = $1; cpu[NR] = $2 } END { m = int((NR + 1) / 2); printf "%s %s\n", wall[m], cpu[m] }'
}
list_with_bq() {
  for dataset in $("$venv/bin/python" -c "
import json, urllib.request
print(' '.join(d['datasetReference']['datasetId'] for d in json.load(urllib.request.urlopen('$url/bigquery/v2/projects/$project/datasets?maxResults=1000'))['datasets']))"); do
    # bq's default page is 50 tables, a dataset here; --max_results makes it loop on this emulator.
    bq --api="$url" --oauth_access_token=dummy-token --project_id="$project" --quiet ls "$dataset" || return 1
  done
}
export -f list_with_bq
export url project venv

env="BIGQUERY_EMULATOR_HOST=127.0.0.1:$port HOME=$work"
# The list as the peers give it: no sizes. (With sizes, local-bigquery answers each dataset's
# __TABLES__ query in about a minute at this size and never finishes TABLE_STORAGE: that measures
# the emulator, so it is left out here.)
read -r ours_wall ours_cpu < <(measure env $env "$binary" ls -r --no-sizes --project "$project")
listed="$(env $env "$binary" ls -r --no-sizes --project "$project" --json | "$venv/bin/python" -c 'import json, sys; print(len(json.load(sys.stdin)))')"
requests="$(env $env "$binary" ls -r --no-sizes --project "$project" --trace 2>&1 >/dev/null | tail -1)"
read -r python_wall python_cpu < <(measure "$venv/bin/python" "$root/Benchmarks/Emulator/list_tables.py" "$url" "$project")
bq_line=""
if command -v bq >/dev/null && HOME="$work" bq --api="$url" --oauth_access_token=dummy-token --project_id="$project" --quiet ls omraade_000 \
    >/dev/null 2>"$work/bq.err"; then
  # One run: bq starts a Python process per dataset, some 80 s for the project.
  read -r bq_wall bq_cpu < <(runs=1 measure env HOME="$work" bash -c list_with_bq)
  bq_line="bq ls per dataset: ${bq_wall} s wall, ${bq_cpu} s CPU"
else
  bq_line="bq ls: not run ($(head -c 200 "$work/bq.err" 2>/dev/null | tr '\n' ' '))"
fi
echo "Listing every table of a $datasets-dataset project ($listed tables) on local-bigquery, median of $runs:"
echo "  katalog ls -r --no-sizes:   ${ours_wall} s wall, ${ours_cpu} s CPU — $requests"
echo "  Python client list_tables:  ${python_wall} s wall, ${python_cpu} s CPU"
echo "  $bq_line"
row "\`katalog ls -r --no-sizes\` over REST, $listed tables, wall" "$ours_wall s" "Python client: $python_wall s" "$(ratio "$ours_wall" "$python_wall")" "≤ 1.0×" "$(le "$ours_wall" "$python_wall")"
row "\`katalog ls -r --no-sizes\` over REST, $listed tables, CPU" "$ours_cpu s" "Python client: $python_cpu s" "$(ratio "$ours_cpu" "$python_cpu")" "≤ 1.0×" "$(le "$ours_cpu" "$python_cpu")"
if [ -n "${bq_wall:-}" ]; then
  row "\`katalog ls -r --no-sizes\` over REST, $listed tables, wall" "$ours_wall s" "bq ls per dataset: $bq_wall s" "$(ratio "$ours_wall" "$bq_wall")" "≤ 1.0×" "$(le "$ours_wall" "$bq_wall")"
  row "\`katalog ls -r --no-sizes\` over REST, $listed tables, CPU" "$ours_cpu s" "bq ls per dataset: $bq_cpu s" "$(ratio "$ours_cpu" "$bq_cpu")" "≤ 1.0×" "$(le "$ours_cpu" "$bq_cpu")"
fi
