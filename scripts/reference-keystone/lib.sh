# shellcheck shell=bash
# lib.sh — small helpers shared by the reference-keystone, conformance and bench
# scripts (sourced). Loopback only; every wait is bounded.

# Debian's python has keystone/tempest/stestr; a pyenv python may come first in PATH.
SYS_PY=/usr/bin/python3

port_in_use() { ss -Hltn "sport = :$1" 2>/dev/null | grep -q .; }

# free_port [START]: a TCP port on 127.0.0.1 nobody listens on. Picked by asking the
# kernel for an ephemeral one, then checked; racy by nature, callers re-check with
# port_in_use right before binding.
free_port() {
  local p
  for _ in 1 2 3 4 5 6 7 8 9 10; do
    p=$("$SYS_PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
    port_in_use "$p" || { echo "$p"; return 0; }
  done
  return 1
}

# wait_http URL SECONDS [PID]: until GET URL answers 200; 1 on timeout, 2 if PID died.
wait_http() {
  local url=$1 secs=$2 pid=${3:-} code deadline=$((SECONDS + $2))
  while [ $SECONDS -lt $deadline ]; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$url" 2>/dev/null) || code=000
    [ "$code" = 200 ] && return 0
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then return 2; fi
    sleep 0.2
  done
  return 1
}

# pid_is PID SUBSTRING: the process PID is alive and its command line contains
# SUBSTRING (guards against signalling a recycled pid).
pid_is() { [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' <"/proc/$1/cmdline" | grep -q -- "$2"; }

# wait_gone SECONDS PID...: until none of the PIDs is alive.
wait_gone() {
  local t=$(( $1 * 10 )); shift
  while [ $t -gt 0 ]; do
    local any=0 p
    for p in "$@"; do kill -0 "$p" 2>/dev/null && any=1; done
    [ $any = 0 ] && return 0
    sleep 0.1; t=$((t - 1))
  done
  return 1
}

# stop_pidfile FILE SUBSTRING [GRACE_S=10]: TERM the pid recorded in FILE (and KILL
# after GRACE_S), only if it still is a SUBSTRING process. Removes FILE.
stop_pidfile() {
  local f=$1 what=$2 grace=${3:-10} p
  [ -s "$f" ] || { rm -f "$f"; return 0; }
  p=$(tr -dc 0-9 <"$f")
  if [ -n "$p" ] && kill -0 "$p" 2>/dev/null && pid_is "$p" "$what"; then
    kill -TERM "$p" 2>/dev/null
    wait_gone "$grace" "$p" || { kill -KILL "$p" 2>/dev/null; wait_gone 5 "$p"; }
  fi
  rm -f "$f"
}

# get_token URL [USER] [PASSWORD] [PROJECT]: a project-scoped token id (domain Default).
get_token() {
  local url=${1%/} u=${2:-admin} pw=${3:-admin-secret} pr=${4:-admin}
  url=${url%/v3}
  curl -sf --max-time 60 -D - -o /dev/null -H 'Content-Type: application/json' \
    -d "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"$u\",\"domain\":{\"name\":\"Default\"},\"password\":\"$pw\"}}},\"scope\":{\"project\":{\"name\":\"$pr\",\"domain\":{\"name\":\"Default\"}}}}}" \
    "$url/v3/auth/tokens" | awk -F': ' 'tolower($1)=="x-subject-token"{print $2}' | tr -d '\r\n'
}
