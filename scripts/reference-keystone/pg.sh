# shellcheck shell=bash
# pg.sh — a private, throw-away PostgreSQL cluster in a directory (sourced).
#
#   pg_cluster_start PGDIR PORT   initdb PGDIR/data (trust auth, owner `postgres`),
#                                 listen on 127.0.0.1:PORT only, socket in PGDIR/sock,
#                                 create role + database `keystone` (owner keystone).
#   pg_cluster_stop PGDIR         pg_ctl stop (fast) if running.
#
# Used by up.sh (reference Keystone) and test/conformance/keystone-ts-up.sh, so both
# servers get the same kind of database. Runs the server as the `postgres` user
# (initdb refuses root), hence PGDIR must be traversable by it.

pg_bindir() {
  local d
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir; return
  fi
  # Debian: /usr/lib/postgresql/<major>/bin, take the newest.
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$d" ] && [ -x "$d/initdb" ] || { echo "pg.sh: no PostgreSQL server binaries found (apt-get install postgresql)" >&2; return 1; }
  echo "$d"
}

pg_as_postgres() { runuser -u postgres -- "$@"; }

pg_cluster_start() {
  local pgdir=$1 port=$2 bin
  bin=$(pg_bindir) || return 1
  mkdir -p "$pgdir/data" "$pgdir/sock"
  chown -R postgres:postgres "$pgdir"
  pg_as_postgres "$bin/initdb" -D "$pgdir/data" -A trust -U postgres -E UTF8 \
      --no-instructions >"$pgdir/initdb.log" 2>&1 \
    || { echo "pg.sh: initdb failed, see $pgdir/initdb.log" >&2; return 1; }
  cat >>"$pgdir/data/postgresql.conf" <<CONF

# --- private cluster (scripts/reference-keystone/pg.sh) ---
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$pgdir/sock'
max_connections = 200
fsync = off                 # throw-away benchmark/test data: no durability needed
synchronous_commit = off
full_page_writes = off
CONF
  pg_as_postgres "$bin/pg_ctl" -D "$pgdir/data" -l "$pgdir/postgres.log" -w -t 60 start >/dev/null \
    || { echo "pg.sh: postgres did not start, see $pgdir/postgres.log" >&2; return 1; }
  pg_as_postgres "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qAt \
      -c "CREATE ROLE keystone LOGIN" -c "CREATE DATABASE keystone OWNER keystone" >/dev/null
}

pg_cluster_stop() {
  local pgdir=$1 bin
  [ -f "$pgdir/data/postmaster.pid" ] || return 0
  bin=$(pg_bindir) || return 1
  pg_as_postgres "$bin/pg_ctl" -D "$pgdir/data" -m fast -w -t 30 stop >/dev/null
}
