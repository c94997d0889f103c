#!/usr/bin/env bash
# libFuzzer with AddressSanitizer over every target in Fuzz/Targets (one folder of seeds each in
# Fuzz/Corpus): RUNS inputs a target (default 100,000), bounded at 15 minutes a target. What the
# fuzzer finds is kept in .cache/fuzz/crashes/ (add it to Fuzz/Corpus/TARGET/ as regression-*,
# where the tests replay it); the grown corpora stay in .cache/fuzz/, the committed seeds small.
# Prints one ROW line per target for docs/reliability.md.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
source scripts/bench-rows.sh
runs="${1:-100000}"
swift build --build-path .build-fuzz --product katalog-fuzz \
  -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DKATALOG_LIBFUZZER >&2
fuzzer=.build-fuzz/debug/katalog-fuzz
mkdir -p .cache/fuzz/crashes
for seeds in Fuzz/Corpus/*/; do
  target="$(basename "$seeds")"
  corpus=".cache/fuzz/corpus/$target"
  mkdir -p "$corpus"
  log=".cache/fuzz/$target.log"
  before="$(ls .cache/fuzz/crashes | grep -c "^$target-" || true)"
  started="$(date +%s)"
  # -timeout: an input that takes 10 s is a hang and counts as a failure.
  status=0
  KATALOG_FUZZ_TARGET="$target" SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$fuzzer" -runs="$runs" -max_total_time=900 -timeout=10 -rss_limit_mb=4096 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix=".cache/fuzz/crashes/$target-" "$corpus" "$seeds" >"$log" 2>&1 || status=$?
  done_runs="$(awk '/stat::number_of_executed_units/ { print $NF }' "$log" | tail -1)"
  after="$(ls .cache/fuzz/crashes | grep -c "^$target-" || true)"
  failures=$((after - before))
  [ "$status" -ne 0 ] && [ "$failures" -eq 0 ] && failures=1
  printf '%-17s %8s inputs in %4ss, %s failure(s), exit %s (log: %s)\n' "$target" "${done_runs:-?}" "$(($(date +%s) - started))" "$failures" "$status" "$log"
  [ "$failures" -gt 0 ] && grep -m3 -E 'ERROR|Fatal error|invariant' "$log" >&2 || true
  row "fuzz: $target (libFuzzer + ASan)" "${done_runs:-0} inputs" "$failures" "nothing to lose (a pure function)"
done
