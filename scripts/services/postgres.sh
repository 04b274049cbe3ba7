#!/usr/bin/env bash
# postgres.sh start DIR [PORT]   -> prints postgresql://keystone@127.0.0.1:PORT/keystone
# postgres.sh stop DIR
#
# A throwaway PostgreSQL cluster for tests and local runs, entirely inside DIR:
# trust auth, TCP on 127.0.0.1 only (no unix socket, so long DIR paths are fine),
# a login role `keystone` owning a database `keystone`.
#
# Idempotent: `start` on a DIR that already holds a cluster starts it if it is
# stopped and (re)creates the role/database if missing; `stop` on a stopped or
# missing cluster does nothing. The port is remembered in DIR/port, so a second
# `start DIR` without PORT reuses it.
#
# Works as root (the server runs as user `postgres`, as PostgreSQL refuses to run
# as root), as `postgres`, or as any other non-root user (runs as that user).
# On a fresh Debian machine without PostgreSQL it installs the distribution's
# `postgresql` package first (root only).
set -euo pipefail

usage() { echo "usage: $0 start DIR [PORT] | stop DIR" >&2; exit 2; }
log() { echo "[postgres.sh] $*" >&2; }
[ $# -ge 2 ] || usage
CMD=$1
DIR_ARG=$2
DEFAULT_PORT=55432

# Prefer 15 (what the project is tested on), else the newest installed major.
find_bindir() {
  if [ -x /usr/lib/postgresql/15/bin/initdb ]; then echo /usr/lib/postgresql/15/bin; return; fi
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  [ -n "$d" ] && [ -x "$d/initdb" ] && echo "$d"
}

ensure_installed() {
  PGBIN=$(find_bindir || true)
  [ -n "${PGBIN:-}" ] && return
  if [ "$(id -u)" -ne 0 ]; then
    echo "PostgreSQL is not installed and installing it needs root (apt-get install postgresql)" >&2
    exit 1
  fi
  log "PostgreSQL binaries not found; installing the Debian package"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update >&2
  apt-get install -y postgresql >&2
  PGBIN=$(find_bindir || true)
  [ -n "${PGBIN:-}" ] || { echo "postgresql installed but no initdb found under /usr/lib/postgresql" >&2; exit 1; }
}

# Run a PostgreSQL binary as the user that owns the cluster.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

is_running() { [ -f "$DATA/postmaster.pid" ] && as_pg "$PGBIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; }

psql_admin() { as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -qAtX "$@"; }

start() {
  ensure_installed
  mkdir -p "$DIR_ARG"
  DIR=$(cd "$DIR_ARG" && pwd -P)
  DATA=$DIR/data
  if [ -f "$DIR/port" ]; then
    PORT=$(cat "$DIR/port")
    if [ -n "${1:-}" ] && [ "$1" != "$PORT" ]; then
      echo "$DIR already holds a cluster on port $PORT (asked for $1)" >&2; exit 1
    fi
  else
    PORT=${1:-$DEFAULT_PORT}
  fi
  [[ "$PORT" =~ ^[0-9]+$ ]] || usage

  if [ "$(id -u)" -eq 0 ]; then
    # The server runs as postgres: it must traverse DIR and own the data directory.
    chmod 755 "$DIR"
  fi
  if [ ! -f "$DATA/PG_VERSION" ]; then
    mkdir -p "$DATA"
    if [ "$(id -u)" -eq 0 ]; then chown postgres:postgres "$DATA"; fi
    chmod 700 "$DATA"
    log "initdb $DATA"
    as_pg "$PGBIN/initdb" -D "$DATA" -A trust -U postgres -E UTF8 --no-instructions >"$DIR/initdb.log" 2>&1 \
      || { cat "$DIR/initdb.log" >&2; exit 1; }
    cat >>"$DATA/postgresql.conf" <<EOF

# --- scripts/services/postgres.sh ---
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
EOF
    echo "$PORT" >"$DIR/port"
  fi

  if ! is_running; then
    if port_in_use "$PORT"; then echo "port $PORT is already in use" >&2; exit 1; fi
    log "starting postgres on 127.0.0.1:$PORT"
    if [ "$(id -u)" -eq 0 ]; then touch "$DIR/postgres.log" && chown postgres:postgres "$DIR/postgres.log"; fi
    as_pg "$PGBIN/pg_ctl" -D "$DATA" -l "$DIR/postgres.log" -w -t 60 start >/dev/null \
      || { tail -20 "$DIR/postgres.log" >&2; exit 1; }
  fi

  if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = 'keystone'")" != 1 ]; then
    psql_admin -c "CREATE ROLE keystone LOGIN"
  fi
  # The e2e suite gives every test server a database of its own.
  psql_admin -c "ALTER ROLE keystone CREATEDB" >/dev/null
  if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = 'keystone'")" != 1 ]; then
    psql_admin -c "CREATE DATABASE keystone OWNER keystone"
  fi
  echo "postgresql://keystone@127.0.0.1:$PORT/keystone"
}

stop() {
  [ -d "$DIR_ARG" ] || return 0
  DIR=$(cd "$DIR_ARG" && pwd -P)
  DATA=$DIR/data
  [ -f "$DATA/PG_VERSION" ] || return 0
  PGBIN=$(find_bindir || true)
  [ -n "${PGBIN:-}" ] || { echo "no PostgreSQL binaries found" >&2; exit 1; }
  if is_running; then
    log "stopping postgres in $DATA"
    as_pg "$PGBIN/pg_ctl" -D "$DATA" -m fast -w -t 60 stop >/dev/null
  fi
}

case "$CMD" in
  start) [ $# -le 3 ] || usage; start "${3:-}" ;;
  stop) [ $# -eq 2 ] || usage; stop ;;
  *) usage ;;
esac
