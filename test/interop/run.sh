#!/usr/bin/env bash
# run.sh [sqlite|postgres] — interop between Debian's Keystone 22 (uWSGI) and keystone-ts.
#
# Both servers share ONE database and ONE fernet (and credential) key repository, and
# read ONE keystone.conf. Two scenarios, each on a fresh database:
#   keystone-made  Keystone 22's keystone-manage db_sync/fernet_setup/credential_setup/
#                  bootstrap make everything; keystone-ts's keystone-manage must accept
#                  it (db_sync, db_version) and keystone-all serves it
#   ts-made        keystone-ts's keystone-manage makes everything; Keystone must accept
#                  our schema (keystone-manage db_sync --check exits 0, db_version) and
#                  serves it under uWSGI
# Then, with both servers up, test/interop/checks.mjs runs the HTTP checks in both
# directions (tokens, data, passwords, revocations; see its header).
# One line per check (ok/FAIL), the last line: interop: N passed, N failed.
# Exit 0 only if nothing failed.
#
# Needs: keystone-ts built (apps/*/dist), Debian's keystone + uwsgi + uwsgi-plugin-python3,
# and for postgres, PostgreSQL (scripts/services/postgres.sh) and python3-psycopg2.
# Everything is on 127.0.0.1, in INTEROP_DIR (default: a fresh /tmp/keystone-ts-interop.*;
# a given one is reused: this engine's subdirs in it are emptied first), kept after the
# run (logs in */log, check output in */checks.out). Servers and PostgreSQL are always
# stopped.
#   INTEROP_ADMIN_PASSWORD=admin-secret
#   INTEROP_START_TIMEOUT=60   seconds to wait for each server's GET /v3 -> 200
#   NODE=node
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$HERE/../.." && pwd -P)
# shellcheck source=../../scripts/reference-keystone/lib.sh
source "$REPO/scripts/reference-keystone/lib.sh"

DB=${1:-sqlite}
case "$DB" in sqlite|postgres) ;; *) echo "usage: $0 [sqlite|postgres]" >&2; exit 2 ;; esac
NODE=${NODE:-node}
PW=${INTEROP_ADMIN_PASSWORD:-admin-secret}
START_TIMEOUT=${INTEROP_START_TIMEOUT:-60}
MANAGE_JS=$REPO/apps/keystone-manage/dist/main.js
SERVER_JS=$REPO/apps/keystone-all/dist/main.js
KS_MANAGE=/usr/bin/keystone-manage
T0=$SECONDS

for f in "$MANAGE_JS" "$SERVER_JS"; do
  [ -f "$f" ] || { echo "interop: keystone-ts is not built (${f#"$REPO"/} missing; npx tsc -b tsconfig.build.json)" >&2; exit 2; }
done
for b in "$KS_MANAGE" /usr/bin/keystone-wsgi-public /usr/bin/uwsgi; do
  [ -x "$b" ] || { echo "interop: $b missing (scripts/reference-keystone/install.sh)" >&2; exit 2; }
done

WORK=${INTEROP_DIR:-$(mktemp -d /tmp/keystone-ts-interop.XXXXXX)}
mkdir -p "$WORK"; WORK=$(cd "$WORK" && pwd -P)
chmod 755 "$WORK"
# A reused INTEROP_DIR: drop what an earlier run of this engine left (its own subdirs only).
[ -d "$WORK/pg" ] && [ "$DB" = postgres ] && bash "$REPO/scripts/services/postgres.sh" stop "$WORK/pg" >/dev/null 2>&1
rm -rf "$WORK/$DB-keystone-made" "$WORK/$DB-ts-made"
[ "$DB" = postgres ] && rm -rf "$WORK/pg" "$WORK/pg-start.log"

PASSED=0; FAILED=0
ok()   { PASSED=$((PASSED + 1)); echo "ok   - $*"; }
bad()  { FAILED=$((FAILED + 1)); echo "FAIL - $*"; }
indent() { sed 's/^/       /'; }
log()  { echo "# $*"; }

# Keystone's python (Debian's), without another python's environment.
ks_env() { env -u PYTHONPATH -u PYTHONHOME -u VIRTUAL_ENV PATH="/usr/bin:/bin:/usr/sbin:/sbin" "$@"; }

# ------------------------------------------------------------------ process control
KS_DIRS=(); TS_PIDFILES=()
stop_ts() {  # by the recorded pid: the process group setsid made (master + workers)
  local f=$1 p
  [ -s "$f" ] || return 0
  p=$(tr -dc 0-9 <"$f")
  if [ -n "$p" ] && kill -0 "$p" 2>/dev/null && pid_is "$p" "$SERVER_JS"; then
    kill -TERM -- "-$p" 2>/dev/null || kill -TERM "$p"
    wait_gone 15 "$p" || { kill -KILL -- "-$p" 2>/dev/null || kill -KILL "$p" 2>/dev/null; wait_gone 5 "$p"; }
  fi
  rm -f "$f"
}
stop_ks() { [ -s "$1/uwsgi.pid" ] && "$REPO/scripts/reference-keystone/down.sh" "$1" >/dev/null 2>&1; return 0; }
cleanup() {
  local f d
  for f in "${TS_PIDFILES[@]}"; do stop_ts "$f"; done
  for d in "${KS_DIRS[@]}"; do stop_ks "$d"; done
  [ "$DB" = postgres ] && bash "$REPO/scripts/services/postgres.sh" stop "$WORK/pg" >/dev/null 2>&1
  return 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------ database
PG_URL=""
if [ "$DB" = postgres ]; then
  PG_PORT=$(free_port) || { echo "interop: no free port" >&2; exit 2; }
  if ! PG_URL=$(bash "$REPO/scripts/services/postgres.sh" start "$WORK/pg" "$PG_PORT" 2>"$WORK/pg-start.log"); then
    cat "$WORK/pg-start.log" >&2; echo "interop: PostgreSQL did not start" >&2; exit 2
  fi
  PSQL=$(ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -1)
  log "postgres: $PG_URL"
fi
# db_url NAME: a fresh, empty database for one scenario.
db_url() {
  local name=$1 dir=$2
  if [ "$DB" = sqlite ]; then
    # check_same_thread=false: see scripts/reference-keystone/up.sh (Keystone leaks a
    # connection per token render under threaded uWSGI); keystone-ts ignores the query.
    echo "sqlite:///$dir/keystone.db?check_same_thread=false"
  else
    "$PSQL" -h 127.0.0.1 -p "$PG_PORT" -U keystone -d keystone -qAtX -c "CREATE DATABASE $name OWNER keystone" >/dev/null || return 1
    echo "postgresql+psycopg2://keystone@127.0.0.1:$PG_PORT/$name"
  fi
}

# ------------------------------------------------------------------ one scenario
# scenario NAME MAKER(keystone|ts)
scenario() {
  local name=$1 maker=$2 dir url ks_port ts_port ts_admin_port conf L out rc
  dir=$WORK/$DB-$name
  L="$DB $name"
  mkdir -p "$dir/fernet-keys" "$dir/credential-keys" "$dir/log" "$dir/lock"
  chmod 755 "$dir"; chmod 700 "$dir/fernet-keys" "$dir/credential-keys"
  url=$(db_url "iop_$maker" "$dir") || { bad "[$L] create the database"; return; }
  ks_port=$(free_port); ts_port=$(free_port); ts_admin_port=$(free_port)
  conf=$dir/keystone.conf
  cat >"$conf" <<CONF
# test/interop/run.sh: read by BOTH Keystone 22 (keystone-manage, uWSGI) and keystone-ts.
[DEFAULT]
debug = false
use_stderr = true

[eventlet_server]
# keystone-ts's listeners (Keystone under uWSGI ignores this section)
public_bind_host = 127.0.0.1
public_port = $ts_port
admin_bind_host = 127.0.0.1
admin_port = $ts_admin_port

[database]
connection = $url

[token]
provider = fernet

[fernet_tokens]
key_repository = $dir/fernet-keys

[fernet_receipts]
key_repository = $dir/fernet-keys

[credential]
key_repository = $dir/credential-keys

[oslo_policy]
policy_file = $dir/policy.yaml
policy_dirs = $dir/policy.d

[oslo_concurrency]
lock_path = $dir/lock
CONF
  log "[$L] $dir: keystone22 on :$ks_port, keystone-ts on :$ts_port, database made by $maker"

  local KM=(ks_env timeout 300 "$KS_MANAGE" --config-file "$conf")
  local TM=(timeout 300 "$NODE" "$MANAGE_JS" --config-file "$conf")
  local MAKER_M OTHER_M maker_name other_name
  if [ "$maker" = keystone ]; then MAKER_M=("${KM[@]}"); OTHER_M=("${TM[@]}"); maker_name=keystone22; other_name=keystone-ts
  else MAKER_M=("${TM[@]}"); OTHER_M=("${KM[@]}"); maker_name=keystone-ts; other_name=keystone22; fi
  local endpoint_port=$ks_port
  [ "$maker" = ts ] && endpoint_port=$ts_port

  # ---- the maker creates everything
  local step setup_ok=1
  for step in db_sync "fernet_setup --keystone-user root --keystone-group root" \
              "credential_setup --keystone-user root --keystone-group root" \
              "bootstrap --bootstrap-password $PW --bootstrap-admin-url http://127.0.0.1:$endpoint_port/v3 --bootstrap-public-url http://127.0.0.1:$endpoint_port/v3 --bootstrap-internal-url http://127.0.0.1:$endpoint_port/v3 --bootstrap-region-id RegionOne"; do
    # shellcheck disable=SC2086
    if out=$("${MAKER_M[@]}" $step 2>&1); then
      ok "[$L] $maker_name keystone-manage ${step%% --bootstrap-password*}"
    else
      rc=$?; bad "[$L] $maker_name keystone-manage ${step%% --bootstrap-password*} (exit $rc)"; echo "$out" | tail -n 30 | indent; setup_ok=0; break
    fi
    echo "$out" >>"$dir/log/manage.log"
  done
  [ $setup_ok = 1 ] || return
  if [ "$DB" = sqlite ]; then   # as up.sh: WAL, so one server's reads do not block the other's writes
    ks_env /usr/bin/python3 -c 'import sqlite3,sys; sqlite3.connect(sys.argv[1]).execute("PRAGMA journal_mode=WAL")' "$dir/keystone.db"
  fi

  # ---- the other tool accepts the database
  local v_maker v_other
  if [ "$maker" = ts ]; then
    out=$("${KM[@]}" db_sync --check 2>&1); rc=$?
    if [ $rc = 0 ]; then ok "[$L] keystone22 keystone-manage db_sync --check accepts keystone-ts's schema (exit 0)"
    else bad "[$L] keystone22 keystone-manage db_sync --check accepts keystone-ts's schema (exit $rc; 2=expand, 3=migrate, 4=contract pending, 1=error)"; echo "$out" | grep -v '^Exception ignored\|^Traceback\|^  File\|^AttributeError\|^    ' | tail -n 20 | indent; fi
  else
    out=$("${TM[@]}" db_sync 2>&1); rc=$?
    if [ $rc = 0 ]; then ok "[$L] keystone-ts keystone-manage db_sync accepts Keystone 22's database"
    else bad "[$L] keystone-ts keystone-manage db_sync accepts Keystone 22's database (exit $rc)"; echo "$out" | tail -n 20 | indent; fi
  fi
  v_maker=$("${MAKER_M[@]}" db_version 2>/dev/null | grep -E '^[0-9a-f]{12}$' | tail -1)
  v_other=$("${OTHER_M[@]}" db_version 2>/dev/null | grep -E '^[0-9a-f]{12}$' | tail -1)
  if [ -n "$v_maker" ] && [ "$v_maker" = "$v_other" ]; then ok "[$L] db_version agrees ($v_maker)"
  else bad "[$L] db_version agrees ($maker_name: '${v_maker}', $other_name: '${v_other}')"; fi
  # bootstrap is idempotent: the other tool's bootstrap on the same data is a no-op
  out=$("${OTHER_M[@]}" bootstrap --bootstrap-password "$PW" --bootstrap-region-id RegionOne 2>&1); rc=$?
  echo "$out" >>"$dir/log/manage.log"
  if [ $rc = 0 ]; then ok "[$L] $other_name keystone-manage bootstrap re-run on $maker_name's data exits 0"
  else bad "[$L] $other_name keystone-manage bootstrap re-run on $maker_name's data (exit $rc)"; echo "$out" | grep -v '^Exception ignored\|^Traceback\|^  File\|^AttributeError' | tail -n 20 | indent; fi
  # fernet keys made by the maker are read by the other (both load the same repository)

  # ---- both servers
  cat >"$dir/uwsgi.ini" <<INI
[uwsgi]
plugins = python3
http-socket = 127.0.0.1:$ks_port
add-header = Connection: close
wsgi-file = /usr/bin/keystone-wsgi-public
env = OS_KEYSTONE_CONFIG_DIR=$dir
env = OS_KEYSTONE_CONFIG_FILES=keystone.conf
chdir = $dir
master = true
processes = 2
threads = 2
enable-threads = true
thunder-lock = true
lazy-apps = true
single-interpreter = true
need-app = true
die-on-term = true
no-orphans = true
buffer-size = 65535
disable-logging = true
pidfile = $dir/uwsgi.pid
daemonize = $dir/log/uwsgi.log
INI
  KS_DIRS+=("$dir")
  ks_env /usr/bin/uwsgi --ini "$dir/uwsgi.ini" >>"$dir/log/uwsgi.log" 2>&1
  TS_PIDFILES+=("$dir/keystone-ts.pid")
  ( cd "$REPO" && exec setsid "$NODE" "$SERVER_JS" --config-file "$conf" >"$dir/log/keystone-ts.log" 2>&1 </dev/null ) &
  echo $! >"$dir/keystone-ts.pid"
  local up=1
  if wait_http "http://127.0.0.1:$ks_port/v3" "$START_TIMEOUT"; then ok "[$L] keystone22 (uWSGI) serves the database made by $maker_name"
  else bad "[$L] keystone22 (uWSGI) serves the database made by $maker_name (no 200 on GET /v3 within ${START_TIMEOUT}s)"; tail -n 30 "$dir/log/uwsgi.log" | indent; up=0; fi
  if wait_http "http://127.0.0.1:$ts_port/v3" "$START_TIMEOUT" "$(cat "$dir/keystone-ts.pid")"; then ok "[$L] keystone-ts serves the database made by $maker_name"
  else bad "[$L] keystone-ts serves the database made by $maker_name (no 200 on GET /v3 within ${START_TIMEOUT}s)"; tail -n 30 "$dir/log/keystone-ts.log" | indent; up=0; fi

  if [ $up = 1 ]; then
    local s=$SECONDS
    timeout 900 "$NODE" "$HERE/checks.mjs" --ks "http://127.0.0.1:$ks_port/v3" --ts "http://127.0.0.1:$ts_port/v3" \
        --password "$PW" --label "$L" >"$dir/checks.out" 2>&1
    rc=$?
    cat "$dir/checks.out"
    local p f
    p=$(grep -c '^ok ' "$dir/checks.out"); f=$(grep -c '^FAIL ' "$dir/checks.out")
    PASSED=$((PASSED + p)); FAILED=$((FAILED + f))
    if [ $rc != 0 ] && [ "$f" = 0 ]; then bad "[$L] checks.mjs exited $rc without a failed check"; fi
    log "[$L] HTTP checks: $p passed, $f failed in $((SECONDS - s))s"
  fi
  stop_ts "$dir/keystone-ts.pid"
  stop_ks "$dir"
}

scenario keystone-made keystone
scenario ts-made ts

log "interop ($DB) in $((SECONDS - T0))s; files and logs kept in $WORK"
echo "interop: $PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
