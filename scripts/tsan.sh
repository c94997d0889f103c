#!/usr/bin/env bash
# ThreadSanitizer over the whole test suite (`make stress`): the suite built with
# -sanitize=thread in .build-tsan/, run against the emulator like `make test` (the CLI tests run
# the TSan-built katalog beside the bundle, so its reports count too). Prints the reports'
# summaries and one ROW line for docs/reliability.md.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/bench-rows.sh
log=.cache/tsan.log
mkdir -p .cache
swift build --build-tests --sanitize=thread --build-path .build-tsan >&2 || { row "ThreadSanitizer over the test suite" "build failed" 1 "–"; exit 1; }
# halt_on_error=0: every report, not only the first.
TSAN_OPTIONS="halt_on_error=0 second_deadlock_stack=1" SWIFT_BACKTRACE=enable=no \
  scripts/with-emulator.sh swift test --skip-build --sanitize=thread --build-path .build-tsan >"$log" 2>&1
status=$?
reports="$(grep -c '^WARNING: ThreadSanitizer' "$log" || true)"
tests="$(grep -oE 'Test run with [0-9]+ tests' "$log" | head -1 | grep -oE '[0-9]+' | head -1 || echo '?')"
# Under TSan everything runs 5–15× slower: tests that time a server out fail by the clock, and
# emulator tests see one another's changes in another order; a race shows as a report.
failed="$(grep -cE '^✘ Test .* failed after' "$log" || true)"
grep -A3 '^WARNING: ThreadSanitizer' "$log" | grep -E 'WARNING|#0|#1' | sort | uniq -c | sort -rn | head -40
echo "ThreadSanitizer: $reports report(s) over $tests tests; $failed tests failed under its slowdown, swift test exit $status (log: $log)"
grep -E '^✘ Test .* failed after' "$log" | head -20
row "ThreadSanitizer over the test suite" "$tests tests ($failed failed under its slowdown, none by a report: listed below)" "$reports" "nothing to lose (reports only)"
