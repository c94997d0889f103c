#!/usr/bin/env bash
# Runs a command with a BigQuery emulator (local-bigquery) on 127.0.0.1, seeded with the demo
# project by Google's official Python client, and stops it by its PID afterwards.
# The command sees KATALOG_TEST_BIGQUERY=http://127.0.0.1:PORT. When the emulator cannot be
# installed here, the command runs without it and the emulator tests say they were skipped.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
project="dagpenger-prod-4e2b"

if ! venv="$("$root/scripts/emulator-venv.sh")"; then
  echo "with-emulator: local-bigquery could not be installed; the BigQuery REST tests against it are skipped." >&2
  exec "$@"
fi

home="$root/.cache/emulator-home"
mkdir -p "$home"
# The emulator cannot download DuckDB extensions offline: install the bundled wheels' files.
if ! ls "$home"/.duckdb/extensions/v1.5.5/*/spatial.duckdb_extension >/dev/null 2>&1; then
  HOME="$home" "$venv/bin/python" - <<'PY' >&2
import duckdb, glob, importlib, os
connection = duckdb.connect()
for name in ("spatial", "ducklake", "icu", "postgres"):
    module = importlib.import_module("duckdb_extension_" + name)
    connection.execute(f"INSTALL '{glob.glob(os.path.dirname(module.__file__) + '/extensions/*/*.duckdb_extension')[0]}'")
PY
fi

free_port() { "$venv/bin/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port="$(free_port)"
grpc="$(free_port)"
data="$(mktemp -d)"
log="$data/emulator.log"
HOME="$home" "$venv/bin/local-bigquery" serve --host 127.0.0.1 --port "$port" --grpc-port "$grpc" \
  --project "$project" --data-dir "$data/db" >"$log" 2>&1 &
pid=$!
cleanup() { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$data"; }
trap cleanup EXIT

url="http://127.0.0.1:$port"
for _ in $(seq 1 100); do
  if "$venv/bin/python" -c "import urllib.request,sys; urllib.request.urlopen('$url/bigquery/v2/projects/$project/datasets', timeout=1)" 2>/dev/null; then
    break
  fi
  kill -0 "$pid" 2>/dev/null || { echo "with-emulator: the emulator did not start:" >&2; tail -20 "$log" >&2; exit 1; }
  sleep 0.2
done

"$root/.build/debug/katalog" demo --export-bigquery "$data/demo.json" >/dev/null

# The Google endpoints no emulator serves: token endpoint, metadata server, sibling APIs.
mkdir -p "$data/keys"
"$venv/bin/python" "$root/Tests/Emulator/fake_google.py" "$data/keys" "$data/demo.json" >"$data/google.port" 2>"$data/google.log" &
google=$!
cleanup() { kill "$pid" "$google" 2>/dev/null; wait "$pid" "$google" 2>/dev/null; rm -rf "$data"; }
for _ in $(seq 1 50); do [ -s "$data/google.port" ] && break; sleep 0.1; done
"$venv/bin/python" "$root/Tests/Emulator/seed.py" "$url" "$project" "$data/demo.json" >&2 || { tail -20 "$log" >&2; exit 1; }

# Run, keeping the output: afterwards no token or key material may appear in it.
set +e
KATALOG_TEST_BIGQUERY="$url" KATALOG_TEST_GOOGLE="http://127.0.0.1:$(cat "$data/google.port")" KATALOG_TEST_KEYS="$data/keys" \
  "$@" 2>&1 | tee "$data/output.log"
status=${PIPESTATUS[0]}
if grep -qE "ya29\.katalog-test-|BEGIN PRIVATE KEY|client-secret-x|refresh-1" "$data/output.log"; then
  echo "with-emulator: token or key material appeared in the test output:" >&2
  grep -nE "ya29\.katalog-test-|BEGIN PRIVATE KEY|client-secret-x|refresh-1" "$data/output.log" | cut -c1-120 >&2
  exit 1
fi
exit "$status"
