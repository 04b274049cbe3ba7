#!/usr/bin/env bash
# run.sh [--smoke] [sqlite|postgres]
#
# Side-by-side benchmark: the real Keystone 22 (Debian's, under uWSGI) and keystone-ts
# from this repository, on the same machine, database engine, cache, bcrypt cost and
# number of worker processes, seeded with the same users, loaded with the same wrk
# scripts (lua/): token validation, token issue (password), catalog, user listing.
# Prints ONE table: per scenario and connection count, rps / p50 / p99 / errors of
# each side, the ratio keystone-ts/Keystone, and the targets (goals, not assertions).
# Also prints the machine's floor: bcrypt checks/s on all cores, one Fernet
# verify+decrypt in Node, and a bare Node http server under the same wrk load.
#
#   full (default): 20 s per measurement (+3 s warm-up), 8 and 32 connections,
#                   users listed at 1,000 and at 10,000 users. ~30 min on 2 cores.
#   --smoke:        2 s per measurement, 8 connections, 200 users (CI: < 3 min).
# Exit: 0 ok; 1 a scenario returned errors (non-2xx or socket errors/timeouts) or the
# reference Keystone did not start; 2 usage / missing tool; 3 keystone-ts did not
# start (the Keystone side is still measured and printed). Never fails on a ratio.
#
# Knobs (environment):
#   BENCH_HASH_ROUNDS=4     bcrypt cost on both sides (KS_HASH_ROUNDS /
#                           [identity] password_hash_rounds)
#   BENCH_WORKERS=$(nproc)  worker processes on both sides (uWSGI processes /
#                           [eventlet_server] public_workers); uWSGI threads: KS_THREADS (4)
#   BENCH_CACHE=memcached   none | memcached: a private memcached per side
#   BENCH_KS_FRONT=socket   uWSGI front of Keystone (socket | http11 | router, see up.sh)
#   BENCH_DURATION, BENCH_WARMUP, BENCH_CONNS ("8 32"), BENCH_USERS ("1000 10000")
#   BENCH_WRK_TIMEOUT=60    wrk per-request timeout (s); a timeout counts as an error
#   BENCH_IDLE_WAIT=20      max seconds to wait for an idle CPU before a measurement
#   BENCH_SIDES="keystone keystone-ts"   measure only some sides
#   BENCH_OUT=              output dir (default /tmp/keystone-bench.XXXXXX): results.jsonl,
#                           raw wrk outputs, both instances' logs, table.txt
# wrk targets 127.0.0.1 only; every load is bounded in time (wrk -d, under `timeout`).
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$HERE/../.." && pwd -P)
REF=$REPO/scripts/reference-keystone
CONF=$REPO/test/conformance
# shellcheck source=../../scripts/reference-keystone/lib.sh
source "$REF/lib.sh"

MODE=full DB=sqlite
for a in "$@"; do
  case "$a" in
    --smoke) MODE=smoke ;;
    sqlite|postgres) DB=$a ;;
    -h|--help) sed -n '2,37p' "$0"; exit 0 ;;
    *) echo "usage: $0 [--smoke] [sqlite|postgres]" >&2; exit 2 ;;
  esac
done

CORES=$(nproc)
ROUNDS=${BENCH_HASH_ROUNDS:-4}
WORKERS=${BENCH_WORKERS:-$CORES}
CACHE=${BENCH_CACHE:-memcached}
KS_FRONT=${BENCH_KS_FRONT:-socket}
WRK_TIMEOUT=${BENCH_WRK_TIMEOUT:-60}
SIDES=${BENCH_SIDES:-keystone keystone-ts}
if [ $MODE = smoke ]; then
  D=${BENCH_DURATION:-2} WARM=${BENCH_WARMUP:-1} CONNS=${BENCH_CONNS:-8}
  USERS=${BENCH_USERS:-200} IDLE_WAIT=${BENCH_IDLE_WAIT:-1} FLOOR_S=1
else
  D=${BENCH_DURATION:-20} WARM=${BENCH_WARMUP:-3} CONNS=${BENCH_CONNS:-8 32}
  USERS=${BENCH_USERS:-1000 10000} IDLE_WAIT=${BENCH_IDLE_WAIT:-20} FLOOR_S=5
fi
NODE=${NODE:-node}
for t in wrk curl "$NODE" ss; do
  command -v "$t" >/dev/null || { echo "bench: '$t' not found (scripts/reference-keystone/install.sh installs wrk)" >&2; exit 2; }
done
"$REF/install.sh" >/dev/null || { echo "bench: reference Keystone not installed and could not be" >&2; exit 2; }

OUT=${BENCH_OUT:-$(mktemp -d /tmp/keystone-bench.XXXXXX)}
mkdir -p "$OUT/raw"; OUT=$(cd "$OUT" && pwd -P)
RESULTS=$OUT/results.jsonl; : >"$RESULTS"
KS_DIR=$OUT/keystone KTS_DIR=$OUT/keystone-ts HELLO_PID=""
log() { echo "[bench $(date +%T)] $*" >&2; }
jline() { echo "$*" >>"$RESULTS"; }

cleanup() {
  [ -n "$HELLO_PID" ] && { kill -TERM -- "-$HELLO_PID" 2>/dev/null || kill -TERM "$HELLO_PID" 2>/dev/null; }
  [ -d "$KS_DIR" ] && "$REF/down.sh" "$KS_DIR" >/dev/null 2>&1
  [ -d "$KTS_DIR" ] && "$CONF/keystone-ts-down.sh" "$KTS_DIR" >/dev/null 2>&1
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- measurement
idle_pct() {  # % idle of all CPUs over 1 s, from /proc/stat
  local a b tot=0 i
  read -ra a < <(head -1 /proc/stat); sleep 1; read -ra b < <(head -1 /proc/stat)
  for i in 1 2 3 4 5 6 7 8; do tot=$((tot + b[i] - a[i])); done
  echo $(( (100 * (b[4] - a[4] + b[5] - a[5])) / (tot > 0 ? tot : 1) ))
}
wait_idle() {  # until >= 85% idle, at most IDLE_WAIT s; prints the last idle %
  local p=0 end=$((SECONDS + IDLE_WAIT))
  while :; do p=$(idle_pct); [ "$p" -ge 85 ] || [ $SECONDS -ge $end ] && break; done
  echo "$p"
}
wrk_cmd() {  # wrk_cmd CONNS SECONDS LUA URL [--latency]: bounded wrk run, from lua/
  local c=$1 s=$2 lua=$3 url=$4; shift 4
  local t=2; [ "$c" -lt 2 ] && t=1
  (cd "$HERE/lua" && timeout --kill-after=5 $((s + WRK_TIMEOUT + 30)) \
      wrk -t"$t" -c"$c" -d"${s}s" --timeout "${WRK_TIMEOUT}s" "$@" -s "$lua" "$url")
}
# drain URL: a server keeps working on the requests wrk left in flight when it stopped
# (uWSGI serves them even though the client is gone). Wait until GET URL/v3 answers
# within 0.5 s again, i.e. until that backlog is worked off; at most DRAIN_MAX s.
DRAIN_MAX=${BENCH_DRAIN_MAX:-180}
drain() {
  local end=$((SECONDS + DRAIN_MAX)) t
  while [ $SECONDS -lt $end ]; do
    t=$(curl -s -o /dev/null -w '%{time_total}' --max-time 10 "$1/v3") || t=10
    awk -v t="$t" 'BEGIN { exit !(t < 0.5) }' && return 0
    sleep 0.5
  done
  log "drain: $1 still slow after ${DRAIN_MAX}s"
}
# measure SIDE SCENARIO LUA CONNS URL: warm-up, then the measured run; one JSON line
measure() {
  local side=$1 sc=$2 lua=$3 c=$4 url=$5 idle0 idle raw r
  raw=$OUT/raw/$side-$sc-c$c.txt
  idle0=$(wait_idle)
  wrk_cmd "$c" "$WARM" "$lua" "$url" >/dev/null 2>&1
  drain "$url"
  idle=$(wait_idle)
  { echo "# $side $sc c$c  $(date -u +%FT%TZ)  idle before: ${idle0}% / after warm-up: ${idle}%  load: $(cut -d' ' -f1-3 /proc/loadavg)"
    wrk_cmd "$c" "$D" "$lua" "$url" --latency; } >"$raw" 2>&1
  drain "$url"   # leave the server quiet for the next measurement
  r=$(sed -n 's/^RESULT //p' "$raw" | tail -1)
  [ -n "$r" ] || r=null
  jline "{\"kind\":\"wrk\",\"side\":\"$side\",\"scenario\":\"$sc\",\"conns\":$c,\"idle\":$idle,\"result\":$r}"
  log "$side $sc c$c: $(echo "$r" | sed 's/.*"rps":\([0-9.]*\).*"p50_ms":\([0-9.]*\).*"p99_ms":\([0-9.]*\).*/\1 rps, p50 \2 ms, p99 \3 ms/')"
}

# ---------------------------------------------------------------- servers
jline "{\"kind\":\"meta\",\"mode\":\"$MODE\",\"db\":\"$DB\",\"cores\":$CORES,\"workers\":$WORKERS,\"ks_threads\":${KS_THREADS:-4},\"rounds\":$ROUNDS,\"cache\":\"$CACHE\",\"ks_front\":\"$KS_FRONT\",\"duration\":$D,\"warmup\":$WARM,\"wrk_timeout\":$WRK_TIMEOUT,\"node\":\"$($NODE --version)\",\"started\":\"$(date -u +%FT%TZ)\"}"
KS_URL="" KTS_URL="" KTS_STATUS="not requested (BENCH_SIDES)"
if [[ " $SIDES " == *" keystone "* ]]; then
  log "starting Keystone 22 ($DB, uWSGI $WORKERS x ${KS_THREADS:-4}, bcrypt cost $ROUNDS, cache $CACHE, front $KS_FRONT)"
  if ! KS_URL=$(KS_PROCESSES=$WORKERS KS_HASH_ROUNDS=$ROUNDS KS_CACHE=$CACHE KS_FRONT=$KS_FRONT \
                "$REF/up.sh" "$(free_port)" "$KS_DIR" "$DB" 2>"$OUT/keystone-up.log"); then
    cat "$OUT/keystone-up.log" >&2
    echo "bench: the reference Keystone 22 DID NOT START (logs: $KS_DIR/log)" >&2
    exit 1
  fi
  KS_URL=${KS_URL%/v3}
fi
if [[ " $SIDES " == *" keystone-ts "* ]]; then
  log "starting keystone-ts ($DB, $WORKERS workers, bcrypt cost $ROUNDS, cache $CACHE)"
  if KTS_URL=$(KTS_WORKERS=$WORKERS KTS_HASH_ROUNDS=$ROUNDS KTS_CACHE=$CACHE \
               "$CONF/keystone-ts-up.sh" "$(free_port)" "$KTS_DIR" "$DB" 2>"$OUT/keystone-ts-up.log"); then
    KTS_URL=${KTS_URL%/v3}; KTS_STATUS=up
  else
    KTS_URL=""
    KTS_STATUS="DID NOT START: $(grep -m1 -E 'keystone-ts-up: ' "$OUT/keystone-ts-up.log" | sed 's/^keystone-ts-up: //')"
    log "keystone-ts $KTS_STATUS (log: $OUT/keystone-ts-up.log); measuring the Keystone side only"
  fi
fi
echo "$KTS_STATUS" >"$OUT/keystone-ts.status"
# What really runs: child processes of the uWSGI master / of keystone-all (its workers).
kids() { [ -s "$1" ] && pgrep -P "$(tr -dc 0-9 <"$1")" | wc -l || echo 0; }
jline "{\"kind\":\"procs\",\"keystone\":$(kids "$KS_DIR/uwsgi.pid"),\"keystone-ts\":$(kids "$KTS_DIR/keystone-ts.pid")}"
declare -A URL=([keystone]=$KS_URL [keystone-ts]=$KTS_URL)
declare -A ATOK STOK   # per side: two admin project tokens
ACTIVE=()
for s in keystone keystone-ts; do
  [ -n "${URL[$s]}" ] || continue
  ATOK[$s]=$(get_token "${URL[$s]}") STOK[$s]=$(get_token "${URL[$s]}")
  if [ -z "${ATOK[$s]}" ] || [ -z "${STOK[$s]}" ]; then
    echo "bench: $s at ${URL[$s]} did not issue a token to admin/admin-secret" >&2
    [ $s = keystone ] && exit 1
    KTS_STATUS="started, but did not issue a token"; echo "$KTS_STATUS" >"$OUT/keystone-ts.status"; continue
  fi
  ACTIVE+=("$s")
done

# ---------------------------------------------------------------- the machine's floor
log "floor: bcrypt cost $ROUNDS on $CORES cores"
jline "{\"kind\":\"bcrypt\",\"result\":$(cd "$REPO" && "$NODE" "$HERE/bcrypt-floor.js" "$ROUNDS" "$FLOOR_S" | sed -n 's/^BCRYPT //p' || echo null)}"
if [ ${#ACTIVE[@]} -gt 0 ]; then
  s=${ACTIVE[0]}; keys=$KS_DIR/fernet-keys; [ "$s" = keystone-ts ] && keys=$KTS_DIR/fernet-keys
  log "floor: Fernet verify+decrypt of a $s token in Node"
  F=$("$NODE" "$HERE/fernet-floor.js" "$keys" "${ATOK[$s]}" "$FLOOR_S" | sed -n 's/^FERNET //p')
  jline "{\"kind\":\"fernet\",\"result\":${F:-null}}"
fi
HELLO_PORT=$(free_port)
setsid "$NODE" "$HERE/node-hello.js" "$HELLO_PORT" "$WORKERS" >"$OUT/node-hello.log" 2>&1 </dev/null &
HELLO_PID=$!
if wait_http "http://127.0.0.1:$HELLO_PORT/" 10 "$HELLO_PID"; then
  for c in $CONNS; do measure node hello plain.lua "$c" "http://127.0.0.1:$HELLO_PORT/"; done
else
  log "bare Node server did not start (see $OUT/node-hello.log)"
fi
kill -TERM -- "-$HELLO_PID" 2>/dev/null || kill -TERM "$HELLO_PID" 2>/dev/null; HELLO_PID=""

# ---------------------------------------------------------------- load
user_count() {  # user_count SIDE -> number of users GET /v3/users returns
  curl -sf --max-time 120 -H "X-Auth-Token: ${ATOK[$1]}" "${URL[$1]}/v3/users" \
    | "$NODE" -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{try{console.log(JSON.parse(s).users.length)}catch(e){console.log(-1)}})'
}
# prime SIDE: a few sequential policy-checked requests before any concurrent load.
# Keystone 22 initialises its policy enforcer lazily per process and not thread-safely:
# concurrent first requests in a fresh uWSGI worker can get a spurious 403.
prime() {
  local i
  for i in $(seq 20); do
    curl -s -o /dev/null --max-time 30 -H "X-Auth-Token: ${ATOK[$1]}" "${URL[$1]}/v3/users?name=bench-prime"
  done
}
for s in "${ACTIVE[@]}"; do prime "$s"; done
seeded=0
first=1
for n in $USERS; do
  for s in "${ACTIVE[@]}"; do
    log "$s: seeding users $seeded..$((n - 1)) through POST /v3/users"
    if ! SEED=$("$NODE" "$HERE/seed-users.js" "${URL[$s]}" "${ATOK[$s]}" "$seeded" "$n" $((4 * WORKERS)) | sed -n 's/^SEED //p'); then
      log "$s: seeding failed: $SEED"
    fi
    cnt=$(user_count "$s")
    jline "{\"kind\":\"seed\",\"side\":\"$s\",\"target\":$n,\"listed\":${cnt:--1},\"result\":${SEED:-null}}"
    log "$s: $SEED; GET /v3/users lists ${cnt:-?} users"
  done
  seeded=$n
  for c in $CONNS; do
    if [ $first = 1 ]; then
      for sc in validate catalog issue; do
        for s in "${ACTIVE[@]}"; do
          export ADMIN_TOKEN=${ATOK[$s]} SUBJECT_TOKEN=${STOK[$s]}   # read by lua/*.lua
          measure "$s" "$sc" "$sc.lua" "$c" "${URL[$s]}"
        done
      done
    fi
    for s in "${ACTIVE[@]}"; do
      export ADMIN_TOKEN=${ATOK[$s]}
      measure "$s" "users-$n" users.lua "$c" "${URL[$s]}"
    done
  done
  first=0
done
jline "{\"kind\":\"end\",\"finished\":\"$(date -u +%FT%TZ)\"}"

# ---------------------------------------------------------------- report
"$NODE" "$HERE/table.js" "$OUT" | tee "$OUT/table.txt"
RC=$?
echo "bench: raw wrk outputs, logs and results.jsonl in $OUT"
[ $RC -le 1 ] || exit $RC
if [[ " $SIDES " == *" keystone-ts "* ]] && [ "$KTS_STATUS" != up ]; then
  echo "bench: keystone-ts $KTS_STATUS -- only the Keystone side was measured"
  tail -n 30 "$OUT/keystone-ts-up.log" 2>/dev/null | sed 's/^/  | /'
  exit 3
fi
exit $RC
