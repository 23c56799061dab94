#!/bin/bash
# Behaves like the official image's entrypoint for what Testcontainers relies on:
# POSTGRES_USER / POSTGRES_PASSWORD / POSTGRES_DB, initdb as the postgres user, a temporary
# server for set-up, then the real server listening on all addresses.
set -euo pipefail
user=${POSTGRES_USER:-postgres}
db=${POSTGRES_DB:-$user}
password=${POSTGRES_PASSWORD:-}
mkdir -p "$PGDATA" /var/run/postgresql
chown -R postgres:postgres "$PGDATA" /var/run/postgresql
chmod 700 "$PGDATA"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pwfile=$(mktemp); echo "$password" > "$pwfile"; chown postgres "$pwfile"
  gosu postgres initdb --username="$user" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 -D "$PGDATA" >/dev/null
  rm -f "$pwfile"
  echo "host all all all scram-sha-256" >> "$PGDATA/pg_hba.conf"
  gosu postgres pg_ctl -D "$PGDATA" -o "-c listen_addresses=''" -w start
  if [ "$db" != "postgres" ]; then
    gosu postgres psql -v ON_ERROR_STOP=1 --username "$user" --dbname postgres -c "CREATE DATABASE \"$db\""
  fi
  gosu postgres pg_ctl -D "$PGDATA" -m fast -w stop
fi
if [ "${1:-postgres}" = "postgres" ]; then
  shift || true
  exec gosu postgres postgres -c listen_addresses='*' "$@"
fi
exec "$@"
