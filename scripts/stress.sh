#!/usr/bin/env bash
# `make stress`: the long variants of the hardening tests (KATALOG_STRESS=1) against the
# emulator on 127.0.0.1, then libFuzzer over every target. Each reports one row — test, volume,
# failures, what was lost — and the table goes to docs/reliability.md with the full output.
# Bounded: every test and every fuzz target has its own count and time limit; loopback only.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# The suites with a long variant (each calls Stress.count and Stress.report).
suites="${KATALOG_STRESS_SUITES:-KilledWriterTests|CrashSafetyTests|TerminalAbuseTests|HostileScreenTests|NetworkFaultTests|ConcurrentWriterTests|CanaryTests|BadFileTests}"
rows="$(mktemp)"
output="$(mktemp)"
trap 'rm -f "$rows" "$output"' EXIT
started="$(date +%s)"
{
  swift build --build-tests
  status=0
  KATALOG_STRESS=1 KATALOG_STRESS_ROWS="$rows" scripts/with-emulator.sh swift test --skip-build --filter "$suites" || status=$?
  [ "$status" -eq 0 ] || echo "stress: the tests failed (exit $status); their rows are below"
  scripts/fuzz.sh "${KATALOG_FUZZ_RUNS:-100000}" | tee -a "$rows" | grep -v '^ROW'
} 2>&1 | tee "$output" | grep -v '^ROW'

table="$(printf '| test | volume | failures | lost |\n|---|---|---:|---|\n'; \
         grep '^ROW' "$rows" | cut -f2- | awk -F'\t' '{ printf "| %s | %s | %s | %s |\n", $1, $2, $3, $4 }')"
echo
echo "$table"
failures="$(grep '^ROW' "$rows" | awk -F'\t' '{ sum += $4 } END { print sum + 0 }')"
machine="$(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), $(swift --version 2>/dev/null | head -1)"
{
  cat <<MD
# Reliability

Written by \`make stress\` (scripts/stress.sh) on $(date -u +%Y-%m-%d) in $(( ($(date +%s) - started) / 60 )) minutes, on $machine.
Every row is a repeatable test or script; \`make test\` runs the same tests at their quick
size (and the fuzz targets over their committed corpora plus seeded mutations). **Failures in
this run: $failures.** "Lost" is what a failure cost: drafts, workspace integrity, changes
without their audit record or records without their change.

$table

What each row does is in docs/reliability-tests.md.

## Full output of the last run

\`\`\`
$(grep -v '^ROW' "$output" | grep -v '^\[[0-9]*/[0-9]*\]' | tail -200)
\`\`\`
MD
} >docs/reliability.md
echo
echo "Wrote docs/reliability.md."
[ "$failures" -eq 0 ]
