#!/usr/bin/env bash
# up.sh PORT DIR [sqlite|postgres]
#
# A FRESH, self-contained reference Keystone (Debian's keystone 22 / Zed) in DIR: the
# public WSGI app (/usr/bin/keystone-wsgi-public) under uWSGI on 127.0.0.1:PORT, in the
# background, bootstrapped with admin / $KS_ADMIN_PASSWORD (project admin, region
# RegionOne, identity endpoints http://127.0.0.1:PORT/v3). Prints the base URL
# (http://127.0.0.1:PORT/v3) on stdout, progress on stderr. Stop it with down.sh DIR.
#
# Everything lives in DIR: keystone.conf, the database (sqlite file or a private
# PostgreSQL cluster in DIR/pg), fernet + credential keys, logs (DIR/log), pids, and the
# optional private memcached. /etc/keystone is never read or written: the WSGI app gets
# its config from OS_KEYSTONE_CONFIG_DIR/OS_KEYSTONE_CONFIG_FILES
# (keystone/server/flask/core.py:_get_config_files), keystone-manage from --config-file.
#
# Knobs (environment):
#   KS_PROCESSES=2      uWSGI worker processes
#   KS_THREADS=4        threads per worker (GIL-bound; they mostly wait on DB/cache)
#   KS_HASH_ALGO=       [identity] password_hash_algorithm (empty: Keystone's bcrypt)
#   KS_HASH_ROUNDS=     [identity] password_hash_rounds (empty: bcrypt cost 12). Written
#                       before bootstrap, so the admin's password uses it too.
#   KS_CACHE=none       none: Keystone's default ([cache] enabled, dogpile.cache.null:
#                       request-local memoization only); memcached: a private memcached
#                       (scripts/services/memcached.sh, port KS_MEMCACHED_PORT or free)
#                       with [cache] backend = dogpile.cache.memcached
#   KS_FRONT=socket     socket: workers speak HTTP themselves (--http-socket) and close
#                       the connection after each response; http11: the same with
#                       HTTP/1.1 keep-alive (--http11-socket); router: uWSGI's HTTP
#                       router in front (--http, keep-alive), like a small reverse proxy
#   KS_PG_PORT=         postgres mode: port of the private cluster (default: a free one)
#   KS_SQLITE_WORKAROUND=1  sqlite: ?check_same_thread=false + WAL (see below)
#   KS_ADMIN_PASSWORD=admin-secret
#   KS_EXTRA_CONF=      a file appended verbatim to keystone.conf (extra sections)
set -euo pipefail

usage() { sed -n '2,6p' "$0" >&2; exit 2; }
[ $# -ge 2 ] || usage
PORT=$1; DIR_ARG=$2; DB=${3:-sqlite}
case "$DB" in sqlite|postgres) ;; *) usage ;; esac
[[ "$PORT" =~ ^[0-9]+$ ]] || usage

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
# shellcheck source=lib.sh
source "$HERE/lib.sh"
# shellcheck source=pg.sh
source "$HERE/pg.sh"

PROCESSES=${KS_PROCESSES:-2}
THREADS=${KS_THREADS:-4}
CACHE=${KS_CACHE:-none}
FRONT=${KS_FRONT:-socket}
ADMIN_PASSWORD=${KS_ADMIN_PASSWORD:-admin-secret}
SQLITE_FIX=${KS_SQLITE_WORKAROUND:-1}
case "$CACHE" in none|memcached) ;; *) echo "KS_CACHE must be none or memcached" >&2; exit 2 ;; esac
case "$FRONT" in socket|http11|router) ;; *) echo "KS_FRONT must be socket, http11 or router" >&2; exit 2 ;; esac
for b in /usr/bin/keystone-manage /usr/bin/keystone-wsgi-public /usr/bin/uwsgi; do
  [ -x "$b" ] || { echo "up.sh: $b missing; run $HERE/install.sh" >&2; exit 1; }
done

if port_in_use "$PORT"; then echo "up.sh: port $PORT already in use" >&2; exit 1; fi
mkdir -p "$DIR_ARG"
DIR=$(cd "$DIR_ARG" && pwd -P)
if [ -n "$(ls -A "$DIR")" ]; then
  echo "up.sh: $DIR is not empty; up.sh only creates fresh instances (down.sh $DIR; rm -rf $DIR)" >&2
  exit 1
fi
chmod 755 "$DIR"          # postgres (runs as user postgres) must traverse it
echo "$PORT $DB" > "$DIR/.reference-keystone"
mkdir -p "$DIR/fernet-keys" "$DIR/credential-keys" "$DIR/lock" "$DIR/log"
chmod 700 "$DIR/fernet-keys" "$DIR/credential-keys"   # else a WARNING per token operation

log() { echo "[up.sh] $*" >&2; }
# On any failure from here on, stop whatever was started (down.sh, by recorded pids).
cleanup_on_fail() {
  local rc=$?
  if [ $rc -ne 0 ]; then
    log "failed (rc=$rc); stopping what was started; logs in $DIR/log"
    tail -n 20 "$DIR/log/manage.log" "$DIR/log/uwsgi.log" 2>/dev/null >&2 || true
    "$HERE/down.sh" "$DIR" >&2 || true
  fi
}
trap cleanup_on_fail EXIT

# ---------------------------------------------------------------- database
if [ "$DB" = sqlite ]; then
  if [ "$SQLITE_FIX" = 1 ]; then
    # Keystone 22 leaks one read connection per token render (federation
    # get_enabled_service_providers iterates a Query after its session closed); under
    # threaded uWSGI the GC then closes it from another thread (pysqlite
    # ProgrammingError, a traceback per request) and its open BEGIN holds a SHARED
    # lock, so writers fail with "database is locked". check_same_thread=false lets
    # the GC close it; WAL lets writers commit anyway.
    DB_URL="sqlite:///$DIR/keystone.db?check_same_thread=false"
  else
    DB_URL="sqlite:///$DIR/keystone.db"
  fi
else
  PG_PORT=${KS_PG_PORT:-$(free_port)}
  if port_in_use "$PG_PORT"; then echo "up.sh: postgres port $PG_PORT already in use" >&2; exit 1; fi
  log "postgres: private cluster in $DIR/pg on 127.0.0.1:$PG_PORT"
  pg_cluster_start "$DIR/pg" "$PG_PORT"
  DB_URL="postgresql+psycopg2://keystone@127.0.0.1:$PG_PORT/keystone"
fi

# ---------------------------------------------------------------- cache
# Keystone's own default (keystone/conf/__init__.py) is [cache] enabled=true with backend
# dogpile.cache.null: no shared cache, but request-local memoization. enabled=false would
# switch that off too (~10x more SQL per request), so it is left alone.
CACHE_SECTION="[cache]
# (Keystone default: enabled = true, backend = dogpile.cache.null)"
if [ "$CACHE" = memcached ]; then
  MC_ADDR=$("$HERE/../services/memcached.sh" start "$DIR" ${KS_MEMCACHED_PORT:-})
  log "memcached on $MC_ADDR"
  CACHE_SECTION="[cache]
enabled = true
backend = dogpile.cache.memcached
memcache_servers = $MC_ADDR"
fi

# ---------------------------------------------------------------- keystone.conf
IDENTITY_EXTRA=""
[ -n "${KS_HASH_ALGO:-}" ] && IDENTITY_EXTRA+="password_hash_algorithm = $KS_HASH_ALGO"$'\n'
[ -n "${KS_HASH_ROUNDS:-}" ] && IDENTITY_EXTRA+="password_hash_rounds = $KS_HASH_ROUNDS"$'\n'

cat >"$DIR/keystone.conf" <<CONF
# Generated by scripts/reference-keystone/up.sh (port $PORT, db $DB).
[DEFAULT]
debug = false
use_stderr = false
log_dir = $DIR/log
log_file = keystone.log

[database]
connection = $DB_URL

[token]
provider = fernet

[fernet_tokens]
key_repository = $DIR/fernet-keys

[fernet_receipts]
key_repository = $DIR/fernet-keys

[credential]
key_repository = $DIR/credential-keys

[identity]
$IDENTITY_EXTRA
$CACHE_SECTION

[oslo_policy]
# policy lookups stay inside DIR (files absent => in-code defaults), never /etc/keystone
policy_file = $DIR/policy.yaml
policy_dirs = $DIR/policy.d

[oslo_concurrency]
lock_path = $DIR/lock
CONF
if [ -n "${KS_EXTRA_CONF:-}" ]; then cat "$KS_EXTRA_CONF" >>"$DIR/keystone.conf"; fi

KM=(/usr/bin/keystone-manage --config-file "$DIR/keystone.conf")
log "db_sync";          "${KM[@]}" db_sync >>"$DIR/log/manage.log" 2>&1
if [ "$DB" = sqlite ] && [ "$SQLITE_FIX" = 1 ]; then
  "$SYS_PY" -c 'import sqlite3,sys; print("journal_mode:", sqlite3.connect(sys.argv[1]).execute("PRAGMA journal_mode=WAL").fetchone()[0])' \
      "$DIR/keystone.db" >>"$DIR/log/manage.log"
fi
log "fernet_setup";     "${KM[@]}" fernet_setup --keystone-user root --keystone-group root >>"$DIR/log/manage.log" 2>&1
log "credential_setup"; "${KM[@]}" credential_setup --keystone-user root --keystone-group root >>"$DIR/log/manage.log" 2>&1
log "bootstrap"
"${KM[@]}" bootstrap --bootstrap-password "$ADMIN_PASSWORD" \
    --bootstrap-admin-url "http://127.0.0.1:$PORT/v3" \
    --bootstrap-public-url "http://127.0.0.1:$PORT/v3" \
    --bootstrap-internal-url "http://127.0.0.1:$PORT/v3" \
    --bootstrap-region-id RegionOne >>"$DIR/log/manage.log" 2>&1

# ---------------------------------------------------------------- uWSGI
if [ "$FRONT" = router ]; then
  FRONT_CFG="plugins = http,python3
http = 127.0.0.1:$PORT
http-keepalive = 1
socket = $DIR/uwsgi.sock"
elif [ "$FRONT" = http11 ]; then
  FRONT_CFG="plugins = python3
http11-socket = 127.0.0.1:$PORT"
else
  FRONT_CFG="plugins = python3
http-socket = 127.0.0.1:$PORT
add-header = Connection: close"
fi

cat >"$DIR/uwsgi.ini" <<INI
[uwsgi]
$FRONT_CFG
wsgi-file = /usr/bin/keystone-wsgi-public
env = OS_KEYSTONE_CONFIG_DIR=$DIR
env = OS_KEYSTONE_CONFIG_FILES=keystone.conf
chdir = $DIR
master = true
processes = $PROCESSES
threads = $THREADS
enable-threads = true
thunder-lock = true
lazy-apps = true
single-interpreter = true
need-app = true
die-on-term = true
no-orphans = true
buffer-size = 65535
listen = 1024
disable-logging = true
pidfile = $DIR/uwsgi.pid
daemonize = $DIR/log/uwsgi.log
INI

log "uwsgi on 127.0.0.1:$PORT ($PROCESSES processes x $THREADS threads, front=$FRONT)"
/usr/bin/uwsgi --ini "$DIR/uwsgi.ini" >>"$DIR/log/uwsgi.log" 2>&1   # daemonizes

URL="http://127.0.0.1:$PORT/v3"
if wait_http "$URL" 60; then
  echo "$URL"
  exit 0
fi
echo "up.sh: keystone did not answer 200 on $URL within 60 s; see $DIR/log/uwsgi.log and $DIR/log/keystone.log" >&2
exit 1
