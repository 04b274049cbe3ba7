#!/usr/bin/env bash
# keystone-ts-down.sh DIR — stops what keystone-ts-up.sh started for DIR, by the pids it
# recorded: the keystone-all process group (DIR/keystone-ts.pid), the private
# PostgreSQL cluster (DIR/pg) and memcached/redis. Never kills by name. Keeps DIR.
set -uo pipefail
[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
DIR=$(cd "$1" 2>/dev/null && pwd -P) || { echo "keystone-ts-down: no such dir: $1" >&2; exit 1; }
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$HERE/../.." && pwd -P)
# shellcheck source=../../scripts/reference-keystone/lib.sh
source "$REPO/scripts/reference-keystone/lib.sh"
# shellcheck source=../../scripts/reference-keystone/pg.sh
source "$REPO/scripts/reference-keystone/pg.sh"

if [ -s "$DIR/keystone-ts.pid" ]; then
  P=$(tr -dc 0-9 <"$DIR/keystone-ts.pid")
  if [ -n "$P" ] && kill -0 "$P" 2>/dev/null && pid_is "$P" "$DIR/keystone.conf"; then
    # The group led by P (setsid in keystone-ts-up.sh): the master and its workers.
    kill -TERM -- "-$P" 2>/dev/null || kill -TERM "$P"
    if ! wait_gone 15 "$P"; then kill -KILL -- "-$P" 2>/dev/null || kill -KILL "$P" 2>/dev/null; wait_gone 5 "$P"; fi
    echo "keystone-ts-down: keystone-all ($P) stopped"
  fi
  # workers that outlived their master (same process group)
  if [ -n "${P:-}" ] && pgrep -g "$P" >/dev/null 2>&1; then kill -KILL -- "-$P" 2>/dev/null || true; fi
  rm -f "$DIR/keystone-ts.pid"
fi
if [ -f "$DIR/pg/data/postmaster.pid" ]; then pg_cluster_stop "$DIR/pg" && echo "keystone-ts-down: postgres stopped"; fi
if [ -s "$DIR/memcached.pid" ]; then "$REPO/scripts/services/memcached.sh" stop "$DIR"; fi
if [ -s "$DIR/redis.pid" ]; then "$REPO/scripts/services/redis.sh" stop "$DIR"; fi
exit 0
