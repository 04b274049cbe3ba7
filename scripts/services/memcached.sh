#!/usr/bin/env bash
# memcached.sh start DIR [PORT]   a private memcached on 127.0.0.1:PORT (default: a free
#                                 port); pid in DIR/memcached.pid, log DIR/memcached.log.
#                                 Prints HOST:PORT (also written to DIR/memcached.addr).
# memcached.sh stop DIR           stops it (by the recorded pid only).
# memcached.sh status DIR         exit 0 if it runs, printing HOST:PORT.
#
# Env: MEMCACHED_MEM_MB (64), MEMCACHED_CONNS (1024). Installs Debian's memcached
# with apt-get when missing (root). Never touches the system-wide memcached service.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=../reference-keystone/lib.sh
source "$HERE/../reference-keystone/lib.sh"
usage() { sed -n '2,9p' "$0" >&2; exit 2; }
[ $# -ge 2 ] || usage
CMD=$1; mkdir -p "$2"; DIR=$(cd "$2" && pwd -P)
BIN=/usr/bin/memcached

case "$CMD" in
start)
  if [ ! -x "$BIN" ]; then
    [ "$(id -u)" = 0 ] || { echo "memcached.sh: memcached not installed (apt-get install memcached)" >&2; exit 1; }
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq memcached >/dev/null 2>&1 \
      || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq memcached >/dev/null; }
  fi
  if [ -s "$DIR/memcached.pid" ] && pid_is "$(cat "$DIR/memcached.pid")" memcached; then
    echo "memcached.sh: already running for $DIR ($(cat "$DIR/memcached.addr"))" >&2; exit 1
  fi
  PORT=${3:-$(free_port)}
  if port_in_use "$PORT"; then echo "memcached.sh: port $PORT already in use" >&2; exit 1; fi
  USER_OPT=(); [ "$(id -u)" = 0 ] && USER_OPT=(-u memcache)
  setsid "$BIN" "${USER_OPT[@]}" -l 127.0.0.1 -p "$PORT" -U 0 \
      -m "${MEMCACHED_MEM_MB:-64}" -c "${MEMCACHED_CONNS:-1024}" \
      >"$DIR/memcached.log" 2>&1 </dev/null &
  echo $! >"$DIR/memcached.pid"
  for _ in $(seq 100); do port_in_use "$PORT" && break; sleep 0.05; done
  if ! port_in_use "$PORT"; then
    echo "memcached.sh: memcached did not listen on 127.0.0.1:$PORT" >&2; cat "$DIR/memcached.log" >&2
    stop_pidfile "$DIR/memcached.pid" memcached; exit 1
  fi
  echo "127.0.0.1:$PORT" | tee "$DIR/memcached.addr"
  ;;
stop)
  stop_pidfile "$DIR/memcached.pid" memcached
  rm -f "$DIR/memcached.addr"
  ;;
status)
  [ -s "$DIR/memcached.pid" ] && pid_is "$(cat "$DIR/memcached.pid")" memcached && cat "$DIR/memcached.addr"
  ;;
*) usage ;;
esac
