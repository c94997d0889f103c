#!/usr/bin/env bash
# `make stress`: the long variants of the hardening tests (KATALOG_STRESS=1) against the
# emulator on 127.0.0.1, then libFuzzer over every target and ThreadSanitizer over the whole
# suite. Each reports one row — test, volume, failures, what was lost — and the table goes to
# docs/reliability.md with the full output. Bounded: every test and fuzz target has its own
# count and time limit; loopback only. KATALOG_FUZZ_RUNS sets the inputs per fuzz target.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
# The suites with a long variant (each calls Stress.count and Stress.report).
suites="${KATALOG_STRESS_SUITES:-CrashSafetyTests|NetworkFaultTests|TerminalAbuseTests|HostileCommandTests|HostileScreenTests|ConcurrentWriterTests|CanaryTests|BadFileTests|BadInputTests|WorkspaceFileOnDiskTests|WorkspaceFileTests|ThemeTests|PublishCommandTests|TooLargeFileTests}"
source scripts/bench-rows.sh
# Suites of `make test` that need no long variant give their row from how they ended.
suite_row() {  # LABEL "SUITE NAME"
  if grep -q "✔ Suite \"$2\" passed" "$output"; then row "$1" "every test of “$2”" 0 "nothing written, nothing lost"
  else row "$1" "“$2”" 1 "see the failures"; fi
}
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
  scripts/tsan.sh | tee -a "$rows" | grep -v '^ROW'
} 2>&1 | tee "$output" | grep -v '^ROW'
{
  suite_row "bad file: not SQLite, an unknown table or ref, hostile arguments" "Bad input from the command line"
  suite_row "bad file: empty, a FIFO or a folder, read-only (as nobody), an interrupted demo" "The workspace file on disk"
  suite_row "bad file: another application's SQLite, not SQLite, a newer katalog's" "Opening workspace files"
  suite_row "bad file: a theme with every kind of mistake (file:line)" "Themes"
  suite_row "bad file: a manifest with every kind of mistake (file:line:column)" "Publishing from a manifest"
  suite_row "bad file: a 5.8 MB manifest, lineage.yaml and config.yaml" "Files too large to be what they say"
} >>"$rows"

table="$(printf '| test | volume | failures | lost |\n|---|---|---:|---|\n'; \
         grep '^ROW' "$rows" | cut -f2- | sort -t$'\t' -k1,1 | awk -F'\t' '{ printf "| %s | %s | %s | %s |\n", $1, $2, $3, $4 }')"
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

How each row is made (the suite's doc comment says more):
- **fuzz**: libFuzzer with AddressSanitizer (\`scripts/fuzz.sh\`, \`Fuzz/Targets\`), 100,000 inputs
  a target grown from the committed seeds in \`Fuzz/Corpus\`; a target fails on a crash, a hang
  (10 s), a sanitizer report or a broken promise (a message that would reach the terminal raw, a
  problem at a line the file has not, a cursor outside its text). What it finds becomes a
  \`regression-*\` seed, which \`make test\` replays with 1,000 seeded mutations a target.
- **kill -9** (\`CrashSafetyTests\`): each run killed at a random moment across one run's length;
  after each, \`PRAGMA integrity_check\`, and the audit log against the state: every grant,
  revoke, approval, denial, dataprodukt and datasett with exactly its record. The wizard runs
  under tmux; a draft killed after its autosave (2 s after the last key) must hold what was typed.
- **network faults** (\`NetworkFaultTests\`): \`FaultProxy\` (Tests/Support) on 127.0.0.1 in front
  of the emulator and the test marketplace; a fifth of the calls get one of 12 faults (429 with
  Retry-After, 500, 502 as HTML, 503, 504, reset, never answers, truncated or malformed JSON, an
  HTML page with 200, 10 MB of nothing, a body at 5 bytes a second). Every command with
  \`--timeout 8\`: no crash, over within 11 s, a failure names the API and what to do; reads
  succeed (≥ 85 %), no POST reaches the proxy twice. The faults are drawn from a new seed each
  run (\`KATALOG_STRESS_SEED\` repeats one; \`make test\` uses a fixed one). The terminal UI is timed key → screen through
  tmux while every call hangs, against the same keys on the demo.
- **terminal** (\`TerminalAbuseTests\`): tmux resized to random sizes from 1×1 to 300×100 while
  5,000 tables load; random keys (never \`q\`, \`y\`, Ctrl-C/Z/\\) with escape sequences,
  bracketed-paste markers with and without their end, invalid UTF-8, on every screen; then
  \`stty -a\` compared and the workspace's changes counted.
- **hostile metadata** (\`HostileText\`): escapes marked 6666, OSC 52 and 8, C1, DEL, bidi,
  zero-width, 100,000-character strings and invalid UTF-8 planted in names, descriptions, labels,
  view SQL, dataprodukter, datasett, requests and the audit log; every screen walked in-process
  at three sizes (no cell with a raw control), every command in text and \`--json\`, and a real
  ncurses session whose bytes tmux's \`pipe-pane\` kept, parsed for any escape but ncurses' own.
- **concurrency**: 2 and 10 processes granting and revoking on one datasett (then \`access drift\`
  finds nothing of theirs), and reconciling one table policy on the emulator's IAM (every stray
  binding gone, no other lost); ThreadSanitizer over the whole suite (\`scripts/tsan.sh\`).
- **secrets** (\`CanaryTests\`): canary Google token, service-account key and marketplace token in
  use; every output, screen and file searched; XDG files 0600, folders 0700.
- **bad files** (\`BadFileTests\`, with \`BadInputTests\`, \`WorkspaceFileTests\` and the manifest and
  theme tests in \`make test\`): each a message naming the file (and its line), the exit code,
  the file as it was.

## What the last run said (each test, each fuzz target, ThreadSanitizer)

\`\`\`
$(grep -E '^(✔|✘) Test |inputs in|^ThreadSanitizer:|^stress:|Test run with' "$output")
\`\`\`
MD
} >docs/reliability.md
echo
echo "Wrote docs/reliability.md."
[ "$failures" -eq 0 ]
