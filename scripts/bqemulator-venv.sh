#!/usr/bin/env bash
# Creates (once) the Python venv that runs bqemulator, the fallback BigQuery emulator for
# machines where local-bigquery cannot be installed (it needs Python 3.13; bqemulator runs on the
# system python3), plus google-cloud-bigquery to seed it as an independent writer.
# The recipe is in shared/contracts/BIGQUERY-API.md §4: DuckDB pinned to 1.5.5 with the spatial
# extension wheel installed before start (the emulator cannot download it offline), and numpy,
# which bqemulator needs at run time but does not declare.
# Prints the venv path; quiet when the venv is already complete.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.cache/bqemulator-venv"
stamp="$venv/.complete-v1"
if [ -f "$stamp" ]; then echo "$venv"; exit 0; fi

# python3 on PATH, else the system's (a pyenv shim may refuse without PYENV_VERSION); bqemulator
# needs 3.11 or later, and venv with ensurepip (Debian's python3-venv).
python=""
for candidate in "$(command -v python3 || true)" /usr/bin/python3; do
  if [ -n "$candidate" ] && "$candidate" -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then
    python="$candidate"; break
  fi
done
if [ -z "$python" ]; then
  echo "bqemulator-venv: no python3 >= 3.11 with venv (bqemulator needs it)" >&2
  exit 3
fi

rm -rf "$venv"
"$python" -m venv "$venv" >&2
"$venv/bin/pip" install -q --disable-pip-version-check bqemulator==1.4.0 "duckdb==1.5.5" duckdb-extension-spatial==1.5.5 numpy \
  "google-cloud-bigquery==3.47.0" >&2
touch "$stamp"
echo "$venv"
