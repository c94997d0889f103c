#!/usr/bin/env bash
# The emulator cannot download DuckDB extensions offline: installs the bundled wheels' files
# into HOME's DuckDB folder, once. Usage: emulator-extensions.sh HOME VENV EXTENSION...
set -euo pipefail
home="$1" venv="$2"
shift 2
mkdir -p "$home"
ls "$home"/.duckdb/extensions/v1.5.5/*/spatial.duckdb_extension >/dev/null 2>&1 && exit 0
HOME="$home" "$venv/bin/python" - "$@" <<'PY' >&2
import duckdb, glob, importlib, os, sys
connection = duckdb.connect()
for name in sys.argv[1:]:
    module = importlib.import_module("duckdb_extension_" + name)
    connection.execute(f"INSTALL '{glob.glob(os.path.dirname(module.__file__) + '/extensions/*/*.duckdb_extension')[0]}'")
PY
