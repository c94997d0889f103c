#!/usr/bin/env bash
# `make bench`: every benchmark (release build), one summary table — figure, katalog, peer,
# ratio, target, met? — printed and written with the full figures to docs/performance.md.
# `bench.sh --quick` runs every benchmark at tiny sizes on the debug build (the smoke run of
# `make test`) and writes nothing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ "${1:-}" = --quick ]; then
  .build/debug/katalog-benchmarks --quick >/dev/null
  scripts/bench-start.sh .build/debug/katalog 200 1 >/dev/null
  scripts/idle-cpu.sh .build/debug/katalog 1 >/dev/null
  scripts/bench-emulator.sh .build/debug/katalog 1 2 3 >/dev/null
  exit 0
fi
bin="$(swift build -c release --show-bin-path)"
output="$(mktemp)"
trap 'rm -f "$output"' EXIT
{
  "$bin/katalog-benchmarks"
  echo
  scripts/bench-start.sh "$bin/katalog"
  echo
  scripts/idle-cpu.sh "$bin/katalog" 5
  echo
  scripts/bench-emulator.sh "$bin/katalog" 1  # the emulator takes minutes a run at this size
} 2>&1 | tee "$output" | grep -v '^ROW'

table="$(printf '| figure | katalog | peer | ratio | target | met? |\n|---|---:|---|---:|---|:-:|\n'; \
         grep '^ROW' "$output" | cut -f2- | awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6 }')"
echo
echo "$table"
machine="$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(. /etc/os-release; echo "$PRETTY_NAME"), $(swift --version 2>/dev/null | head -1)"
{
  cat <<MD
# Performance

Written by \`make bench\` (scripts/bench.sh) on $(date -u +%Y-%m-%d): release build, on $machine.
Benchmarks measure; the tests assert behaviour, never time. Ratios are katalog's figure over the
peer's: below 1.0× katalog is faster or smaller. The machine is shared and noisy; each figure is
the best or the median of several runs, as its section below says.

$table

How each figure is made:
- **Explorer** and **\`/\` filter**: the TUI's own update and frame code (\`AppState.handle\` +
  \`Renderer.render\`, 160×48) without a terminal; the filter types \`tab99ved\` one key at a time
  over N names, best of three; \`fzf --filter\` runs once per prefix of the same query on the same
  names, best of three.
- **Lineage layout** against Graphviz \`dot -Tplain\` on the same lineage-shaped graphs; crossings
  between neighbouring ranks counted from each one's positions by the same counter.
- **Local listing**: one dataset's table list from the workspace, against the \`sqlite3\` command
  line running the same SELECT (its process start included).
- **TUI start**: \`katalog demo --synthetic N\` workspaces (N tables in N/50 datasets, ~20 columns
  each, views with real SQL, scheduled queries, dataprodukter with grants); katalog under a
  pseudo-terminal (\`script\`) with \`KATALOG_EXIT_AFTER_FIRST_FRAME=1\` (first frame) or \`=loaded\`
  (every dataset's tables in, so the filter has every name), median of 10 (hyperfine), against
  a bare Swift \`print\` binary under the same pseudo-terminal; peak RSS from \`/usr/bin/time\`.
- **Idle CPU**: katalog under tmux on the demo, each screen left alone for 5 s, CPU from \`/proc\`.
- **REST listing**: local-bigquery on 127.0.0.1 with a cached project of 40 datasets × 50
  tables seeded by the official client; \`katalog ls -r --no-sizes\` (datasets.list, then
  tables.list per dataset, as the peers read it) against \`google-cloud-bigquery\`'s
  \`list_tables\` per dataset and \`bq ls\` per dataset (dummy token), wall and CPU, one run (the
  emulator takes minutes at this size; its own time is most of the wall figures). Sizes are
  left out: local-bigquery answers a dataset's \`__TABLES__\` in about a minute at this size and
  never finishes \`TABLE_STORAGE\` (katalog waits 10 s for it, then asks \`__TABLES__\`).

## Full output of the last run

\`\`\`
$(grep -v '^ROW' "$output")
\`\`\`
MD
} >docs/performance.md
echo
echo "Wrote docs/performance.md."
