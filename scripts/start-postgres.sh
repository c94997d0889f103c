#!/usr/bin/env bash
# Starts a throwaway PostgreSQL on 127.0.0.1 for the Federated Query test: the demo's source
# database `vedtak` with `public.tabell_2`, as the demo's EXTERNAL_QUERY reads it.
# Usage: start-postgres.sh DIR PORT — prints the postmaster's PID; the caller stops it by PID.
# PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.
set -euo pipefail
dir="$1"; port="$2"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
[ -x "$bin/postgres" ] || { echo "start-postgres: no PostgreSQL server (Debian package postgresql)" >&2; exit 3; }
as=()
if [ "$(id -u)" -eq 0 ]; then
  id postgres >/dev/null 2>&1 || { echo "start-postgres: running as root and there is no postgres user" >&2; exit 3; }
  as=(runuser -u postgres --)
fi
mkdir -p "$dir"
chmod 755 "$(dirname "$dir")"
[ ${#as[@]} -eq 0 ] || chown postgres "$dir"
"${as[@]}" "$bin/initdb" -D "$dir/data" -U katalog -A trust -E UTF8 --locale C.UTF-8 >"$dir/initdb.log" 2>&1
"${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -o "-h 127.0.0.1 -p $port -k $dir" start >/dev/null
# Started: a failure from here on must not leave the server running with nobody knowing its PID.
trap '"${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null 2>&1' ERR
"${as[@]}" "$bin/psql" -q -h 127.0.0.1 -p "$port" -U katalog -d postgres -c "CREATE DATABASE vedtak" >/dev/null
"${as[@]}" "$bin/psql" -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U katalog -d vedtak >/dev/null <<'SQL'
CREATE TABLE public.tabell_2 (
  vedtak_id text PRIMARY KEY, soknad_id text, utfall text, vedtaksdato date NOT NULL, dagsats numeric(10, 2), hjemler text[]);
INSERT INTO public.tabell_2 VALUES
  ('V-1001', 'S-2001', 'INNVILGET', '2026-11-20', 1021.50, ARRAY['ftrl § 4-3', 'ftrl § 4-12']),
  ('V-1002', 'S-2002', 'AVSLÅTT', '2026-11-21', NULL, ARRAY['ftrl § 4-4']),
  ('V-1003', 'S-2003', 'INNVILGET', '2026-11-24', 987.00, ARRAY[]::text[]);
SQL
head -1 "$dir/data/postmaster.pid"
