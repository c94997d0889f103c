#!/usr/bin/env bash
# Creates (once) the Python venv that runs local-bigquery, the BigQuery emulator the cloud
# backend is tested against, plus google-cloud-bigquery to seed it as an independent writer.
# The recipe is in shared/contracts/BIGQUERY-API.md §4: Python 3.13, DuckDB pinned to 1.5.5 with
# its extension wheels installed before start (the emulator cannot download them offline).
# Prints the venv path; quiet when the venv is already complete.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.cache/emulator-venv"
stamp="$venv/.complete-v1"
if [ -f "$stamp" ]; then echo "$venv"; exit 0; fi

# A Python 3.13 interpreter itself (not pyenv's shim, which refuses without PYENV_VERSION).
python=""
for candidate in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.13*/bin/python3.13 /usr/local/bin/python3.13 /usr/bin/python3.13; do
  if [ -x "$candidate" ] && "$candidate" --version >/dev/null 2>&1; then python="$candidate"; break; fi
done
if [ -z "$python" ]; then
  echo "emulator-venv: no Python 3.13 (local-bigquery needs it)" >&2
  exit 3
fi

rm -rf "$venv"
$python -m venv "$venv" >&2
pip="$venv/bin/pip"
$pip install -q --disable-pip-version-check "duckdb==1.5.5" duckdb-extension-spatial==1.5.5 duckdb-extension-ducklake==1.5.5 \
  duckdb-extension-icu==1.5.5 duckdb-extension-postgres==1.5.5 >&2
# local-bigquery 0.4.0 declares duckdb>=2.0.0, so it goes in without dependencies and they follow by hand.
$pip install -q --disable-pip-version-check --no-deps local-bigquery==0.4.0 >&2
$pip install -q --disable-pip-version-check "fastapi>=0.139" "fastavro>=1.13.1" "google-cloud-bigquery-storage>=2.41.0" "grpcio>=1.84.1" \
  "mini-racer>=0.12.4" "numpy>=2.5.4" "prompt-toolkit>=3.0.50" "pyarrow>=26.0.0" "pydantic-settings>=2.8.1" \
  "pygments>=2.19.1" "sqlglot>=30.24" "uvicorn>=0.35" "google-cloud-bigquery==3.47.0" >&2
touch "$stamp"
echo "$venv"
