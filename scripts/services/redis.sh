#!/usr/bin/env bash
# redis.sh start DIR [PORT]   a private Redis on 127.0.0.1:PORT (default: a free port),
#                             no persistence; pid DIR/redis.pid, log DIR/redis.log.
#                             Prints HOST:PORT (also written to DIR/redis.addr).
# redis.sh stop DIR           stops it (by the recorded pid only).
# redis.sh status DIR         exit 0 if it runs, printing HOST:PORT.
#
# Env: REDIS_MAXMEMORY (64mb). Installs Debian's redis-server with apt-get when missing
# (root). Never touches the system-wide redis service.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=../reference-keystone/lib.sh
source "$HERE/../reference-keystone/lib.sh"
usage() { sed -n '2,9p' "$0" >&2; exit 2; }
[ $# -ge 2 ] || usage
CMD=$1; mkdir -p "$2"; DIR=$(cd "$2" && pwd -P)
BIN=/usr/bin/redis-server

case "$CMD" in
start)
  if [ ! -x "$BIN" ]; then
    [ "$(id -u)" = 0 ] || { echo "redis.sh: redis-server not installed (apt-get install redis-server)" >&2; exit 1; }
    export DEBIAN_FRONTEND=noninteractive
    # policy-rc.d: keep the package's postinst from starting the system-wide service.
    PRC=""; [ -e /usr/sbin/policy-rc.d ] || { printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod 755 /usr/sbin/policy-rc.d; PRC=1; }
    apt-get install -y -qq redis-server >/dev/null 2>&1 \
      || { apt-get update -qq && apt-get install -y -qq redis-server >/dev/null; }
    [ -n "$PRC" ] && rm -f /usr/sbin/policy-rc.d
  fi
  if [ -s "$DIR/redis.pid" ] && pid_is "$(cat "$DIR/redis.pid")" redis-server; then
    echo "redis.sh: already running for $DIR ($(cat "$DIR/redis.addr"))" >&2; exit 1
  fi
  PORT=${3:-$(free_port)}
  if port_in_use "$PORT"; then echo "redis.sh: port $PORT already in use" >&2; exit 1; fi
  # Config on the command line: no file in /etc is read; no RDB/AOF, no unix socket.
  setsid "$BIN" --bind 127.0.0.1 --port "$PORT" --protected-mode yes --save '' \
      --appendonly no --dir "$DIR" --maxmemory "${REDIS_MAXMEMORY:-64mb}" \
      --maxmemory-policy allkeys-lru --daemonize no --logfile "$DIR/redis.log" \
      >/dev/null 2>&1 </dev/null &
  echo $! >"$DIR/redis.pid"
  for _ in $(seq 100); do port_in_use "$PORT" && break; sleep 0.05; done
  if ! port_in_use "$PORT"; then
    echo "redis.sh: redis did not listen on 127.0.0.1:$PORT" >&2; cat "$DIR/redis.log" >&2 || true
    stop_pidfile "$DIR/redis.pid" redis-server; exit 1
  fi
  echo "127.0.0.1:$PORT" | tee "$DIR/redis.addr"
  ;;
stop)
  stop_pidfile "$DIR/redis.pid" redis-server
  rm -f "$DIR/redis.addr"
  ;;
status)
  [ -s "$DIR/redis.pid" ] && pid_is "$(cat "$DIR/redis.pid")" redis-server && cat "$DIR/redis.addr"
  ;;
*) usage ;;
esac
