#!/usr/bin/env bash
# down.sh DIR — stops what up.sh started for the instance in DIR, strictly by the pids
# it recorded: uWSGI (DIR/uwsgi.pid; its workers are collected first and checked after),
# the private PostgreSQL cluster (DIR/pg, pg_ctl) and the private memcached
# (DIR/memcached.pid). Never kills by name. Leaves DIR's files (rm -rf DIR to discard).
set -uo pipefail
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
DIR=$(cd "$1" 2>/dev/null && pwd -P) || { echo "down.sh: no such dir: $1" >&2; exit 1; }
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=lib.sh
source "$HERE/lib.sh"
# shellcheck source=pg.sh
source "$HERE/pg.sh"

if [ -s "$DIR/uwsgi.pid" ]; then
  M=$(tr -dc 0-9 <"$DIR/uwsgi.pid")
  if [ -n "$M" ] && kill -0 "$M" 2>/dev/null && pid_is "$M" uwsgi; then
    KIDS=$(ps -o pid= --ppid "$M" | tr -d ' ' || true)
    kill -TERM "$M"               # die-on-term: graceful stop of master + workers
    wait_gone 20 "$M" || { kill -KILL "$M" 2>/dev/null; wait_gone 5 "$M"; }
    for k in $KIDS; do
      if kill -0 "$k" 2>/dev/null && pid_is "$k" uwsgi; then
        kill -TERM "$k"; wait_gone 5 "$k" || kill -KILL "$k" 2>/dev/null
      fi
    done
    echo "down.sh: uwsgi (master $M) stopped"
  fi
  rm -f "$DIR/uwsgi.pid"
fi

if [ -f "$DIR/pg/data/postmaster.pid" ]; then
  pg_cluster_stop "$DIR/pg" && echo "down.sh: postgres stopped"
fi

if [ -s "$DIR/memcached.pid" ]; then
  "$HERE/../services/memcached.sh" stop "$DIR" && echo "down.sh: memcached stopped"
fi
exit 0
