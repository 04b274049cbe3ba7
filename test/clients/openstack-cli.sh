#!/usr/bin/env bash
# openstack-cli.sh — a real client against keystone-ts: python3-openstackclient (the
# `openstack` CLI, Debian's) drives a keystone-ts started from this repository on a
# fresh SQLite database, the way scripts/start.sh starts it (same keystone.conf, same
# keystone-manage steps, KEYSTONE_TS_HOME / KEYSTONE_TS_PORT / KEYSTONE_TS_ADMIN_PORT /
# OS_BOOTSTRAP_PASSWORD) in a temp dir on a free 127.0.0.1 port.
#
# Every command's exit status is checked, and the values it prints (-f json) where they
# matter. One line per check (ok/FAIL + the command, its exit status, output and stderr
# on failure); the last line: clients: N passed, N failed. Exit 0 only if none failed.
# The server is always stopped (trap).
#
#   CLIENTS_VIA_START_SH=1   run scripts/start.sh itself (it also runs npm ci if needed
#                            and `npm run build`); default: its steps without the build,
#                            on the already built apps/*/dist
#   CLIENTS_DIR=             where to keep everything (default: a fresh /tmp dir; a given
#                            one is emptied of this script's files first); kept after the run
#   OPENSTACK=/usr/bin/openstack
#
# openstack-cli.sh --reference runs the same scenario against Debian's Keystone 22
# (scripts/reference-keystone/up.sh, SQLite) instead: every check must pass there too,
# which is how the expectations of this script are themselves checked.
set -uo pipefail
TARGET=keystone-ts
[ "${1:-}" = --reference ] && TARGET=keystone22
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$HERE/../.." && pwd -P)
# shellcheck source=../../scripts/reference-keystone/lib.sh
source "$REPO/scripts/reference-keystone/lib.sh"
OPENSTACK=${OPENSTACK:-/usr/bin/openstack}
[ -x "$OPENSTACK" ] || { echo "clients: $OPENSTACK missing (apt-get install python3-openstackclient)" >&2; exit 2; }
T0=$SECONDS

WORK=${CLIENTS_DIR:-$(mktemp -d /tmp/keystone-ts-clients.XXXXXX)}
mkdir -p "$WORK"; WORK=$(cd "$WORK" && pwd -P)
HOME_DIR=$WORK/home
rm -rf "$HOME_DIR" "$WORK/out" "$WORK/server.log"   # a reused CLIENTS_DIR starts fresh
mkdir -p "$HOME_DIR" "$WORK/out"
PORT=$(free_port); ADMIN_PORT=$(free_port)
ADMIN_PW="adm-$(date +%s)-Pw1"
URL="http://127.0.0.1:$PORT/v3"
SERVER_LOG=$WORK/server.log
PIDFILE=$WORK/server.pid

# ------------------------------------------------------------------ server
stop_server() {
  local p
  if [ "$TARGET" = keystone22 ]; then
    [ -s "$HOME_DIR/uwsgi.pid" ] && "$REPO/scripts/reference-keystone/down.sh" "$HOME_DIR" >/dev/null 2>&1
    return 0
  fi
  [ -s "$PIDFILE" ] || return 0
  p=$(tr -dc 0-9 <"$PIDFILE")
  if [ -n "$p" ] && kill -0 "$p" 2>/dev/null && { pid_is "$p" "keystone-all" || pid_is "$p" "start.sh"; }; then
    kill -TERM -- "-$p" 2>/dev/null || kill -TERM "$p"
    wait_gone 15 "$p" || { kill -KILL -- "-$p" 2>/dev/null || kill -KILL "$p" 2>/dev/null; wait_gone 5 "$p"; }
  fi
  rm -f "$PIDFILE"
}
trap stop_server EXIT
trap 'exit 130' INT TERM

export KEYSTONE_TS_HOME=$HOME_DIR KEYSTONE_TS_PORT=$PORT KEYSTONE_TS_ADMIN_PORT=$ADMIN_PORT KEYSTONE_TS_HOST=127.0.0.1
export OS_BOOTSTRAP_PASSWORD=$ADMIN_PW
echo "# $TARGET in $HOME_DIR on $URL"
if [ "$TARGET" = keystone22 ]; then
  KS_ADMIN_PASSWORD=$ADMIN_PW "$REPO/scripts/reference-keystone/up.sh" "$PORT" "$HOME_DIR" sqlite >/dev/null 2>"$SERVER_LOG" \
    || { echo "FAIL - Keystone 22 starts (scripts/reference-keystone/up.sh)"; tail -n 30 "$SERVER_LOG" | sed 's/^/       /'; echo "clients: 0 passed, 1 failed"; exit 1; }
  START_WAIT=60
elif [ "${CLIENTS_VIA_START_SH:-0}" = 1 ]; then
  ( cd "$REPO" && exec setsid bash scripts/start.sh >"$SERVER_LOG" 2>&1 </dev/null ) &
  echo $! >"$PIDFILE"
  START_WAIT=600   # start.sh builds first
else
  # scripts/start.sh's steps, without npm ci / build.
  for f in apps/keystone-manage/dist/main.js apps/keystone-all/dist/main.js; do
    [ -f "$REPO/$f" ] || { echo "clients: keystone-ts is not built ($f missing)" >&2; exit 2; }
  done
  CONF=$HOME_DIR/keystone.conf
  cat >"$CONF" <<CONF
[DEFAULT]
state_path = $HOME_DIR

[database]
connection = sqlite:///$HOME_DIR/keystone.db

[eventlet_server]
public_bind_host = 127.0.0.1
public_port = $PORT
admin_bind_host = 127.0.0.1
admin_port = $ADMIN_PORT

[fernet_tokens]
key_repository = $HOME_DIR/fernet-keys

[credential]
key_repository = $HOME_DIR/credential-keys

[oslo_policy]
policy_file = $HOME_DIR/policy.yaml
CONF
  KM=(timeout 300 node "$REPO/apps/keystone-manage/dist/main.js" --config-file "$CONF")
  for step in db_sync fernet_setup credential_setup; do
    "${KM[@]}" $step >>"$SERVER_LOG" 2>&1 || { echo "clients: keystone-manage $step failed"; tail -n 30 "$SERVER_LOG"; echo "clients: 0 passed, 1 failed"; exit 1; }
  done
  "${KM[@]}" bootstrap --bootstrap-admin-url "$URL" --bootstrap-public-url "$URL" --bootstrap-internal-url "$URL" \
      --bootstrap-region-id RegionOne >>"$SERVER_LOG" 2>&1 \
    || { echo "clients: keystone-manage bootstrap failed"; tail -n 30 "$SERVER_LOG"; echo "clients: 0 passed, 1 failed"; exit 1; }
  ( cd "$REPO" && exec setsid node "$REPO/apps/keystone-all/dist/main.js" --config-file "$CONF" >>"$SERVER_LOG" 2>&1 </dev/null ) &
  echo $! >"$PIDFILE"
  START_WAIT=60
fi
if ! wait_http "$URL" "$START_WAIT" "$(cat "$PIDFILE" 2>/dev/null)"; then
  echo "FAIL - $TARGET answers GET /v3 within ${START_WAIT}s"
  tail -n 40 "$SERVER_LOG" | sed 's/^/       /'
  echo "clients: 0 passed, 1 failed"
  exit 1
fi
echo "# $TARGET up after $((SECONDS - T0))s"

# ------------------------------------------------------------------ client helpers
unset OS_CLOUD OS_TOKEN OS_AUTH_TYPE OS_SYSTEM_SCOPE OS_DOMAIN_NAME OS_DOMAIN_ID OS_PROJECT_ID OS_USER_ID \
      OS_REGION_NAME OS_CACERT OS_CERT OS_KEY OS_ENDPOINT OS_URL PYTHONPATH PYTHONHOME VIRTUAL_ENV
export PATH="/usr/bin:/bin:/usr/sbin:/sbin:$PATH"
export HOME=$WORK                       # no ~/.config/openstack/clouds.yaml of the caller
export OS_AUTH_URL=$URL OS_IDENTITY_API_VERSION=3 OS_INTERFACE=public
export OS_USERNAME=admin OS_PASSWORD=$ADMIN_PW OS_PROJECT_NAME=admin
export OS_USER_DOMAIN_NAME=Default OS_PROJECT_DOMAIN_NAME=Default

PASSED=0; FAILED=0; N=0
OUT=""; ERR=""; RC=0
ok()  { PASSED=$((PASSED + 1)); echo "ok   - $*"; }
bad() { FAILED=$((FAILED + 1)); echo "FAIL - $*"; }
indent() { sed 's/^/       /'; }
show_last() {  # details of the last command
  echo "command: openstack ${LAST_CMD}" | indent
  echo "exit status: $RC" | indent
  [ -s "$OUT" ] && { echo "stdout:"; head -c 3000 "$OUT"; echo; } | indent
  [ -s "$ERR" ] && { echo "stderr:"; grep -v '^$' "$ERR" | tail -n 25; } | indent
  return 0
}
# os [ENV=VAL ...] -- ARGS: runs `openstack ARGS` (in an env with the given overrides)
os() {
  local envs=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do envs+=("$1"); shift; done
  shift
  N=$((N + 1))
  OUT=$WORK/out/$N.out; ERR=$WORK/out/$N.err
  LAST_CMD="$*"
  env "${envs[@]}" timeout 120 "$OPENSTACK" "$@" >"$OUT" 2>"$ERR"
  RC=$?
  return $RC
}
# run NAME [ENV=VAL ...] -- ARGS: the command must exit 0
run() {
  local name=$1; shift
  if os "$@"; then ok "$name"; return 0; fi
  bad "$name (exit $RC)"; show_last; return 1
}
# run_fails NAME [ENV=VAL ...] -- ARGS: the command must exit non-zero
run_fails() {
  local name=$1; shift
  if os "$@"; then bad "$name (exit 0, expected a failure)"; show_last; return 1; fi
  ok "$name"; return 0
}
# js FILE EXPR: evaluates the JavaScript expression EXPR with d = the JSON in FILE
# (helpers: eq(a, b) deep equality, sorted(array)); prints the value, exit 1 if falsy.
js() {
  node -e '
    const d = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const eq = (a, b) => JSON.stringify(a) === JSON.stringify(b);
    const sorted = (a) => [...a].sort();
    const v = eval(process.argv[2]);
    if (v !== undefined && v !== null && typeof v !== "boolean") console.log(typeof v === "object" ? JSON.stringify(v) : String(v));
    process.exit(v ? 0 : 1);
  ' "$1" "$2" 2>/dev/null
}
# expect NAME JS_EXPR: the last command's stdout (JSON, as d) makes JS_EXPR true
expect() {
  local name=$1 filter=$2
  if [ "$RC" = 0 ] && js "$OUT" "$filter" >/dev/null; then ok "$name"; return 0; fi
  bad "$name (expected: $filter)"; show_last; return 1
}
# expect_text NAME REGEX: the last command's stdout matches REGEX
expect_text() {
  local name=$1 re=$2
  if [ "$RC" = 0 ] && grep -Eq -- "$re" "$OUT"; then ok "$name"; return 0; fi
  bad "$name (expected output matching /$re/)"; show_last; return 1
}
val() { js "$OUT" "$1"; }
http_status() {  # http_status TOKEN_FOR_AUTH SUBJECT: GET /v3/auth/tokens status
  curl -s -o /dev/null -w '%{http_code}' --max-time 30 -H "X-Auth-Token: $1" -H "X-Subject-Token: $2" "$URL/auth/tokens"
}

S=iop$(date +%s)   # unique names
DOM=$S-dom; PROJ=$S-proj; USR=$S-user; GRP=$S-grp; ROLE=$S-role; SVC=$S-svc; REG=$S-region
PW1="Pw1-$S"; PW2="Pw2-$S"

# ------------------------------------------------------------------ token issue
if run "token issue (admin, password)" -- token issue -f json; then
  expect "token issue: id, project_id, user_id, expires are printed" 'd.id.length > 0' && ADMIN_TOKEN=$(val d.id)
  ADMIN_PROJECT_FROM_TOKEN=$(val d.project_id); ADMIN_USER_FROM_TOKEN=$(val d.user_id)
  expect "token issue: expires is in the future" 'Date.parse(d.expires.slice(0, 19) + "Z") > Date.now()'
fi
run "user show admin" -- user show admin --domain Default -f json && expect "user show admin: id matches token issue's user_id" "d.id === '$ADMIN_USER_FROM_TOKEN' && d.name === 'admin' && d.domain_id === 'default' && d.enabled === true"
run "project show admin" -- project show admin --domain Default -f json && expect "project show admin: id matches token issue's project_id" "d.id === '$ADMIN_PROJECT_FROM_TOKEN'"

# ------------------------------------------------------------------ catalog, endpoints, regions, services
run "catalog list" -- catalog list -f json && expect "catalog list: identity service keystone with public/internal/admin endpoints at $URL" \
  "d.some((s) => s.Type === 'identity' && s.Name === 'keystone' && eq(sorted(s.Endpoints.map((e) => e.interface)), ['admin', 'internal', 'public']) && s.Endpoints.every((e) => e.url === '$URL' && e.region === 'RegionOne'))"
run "catalog show identity" -- catalog show identity -f json && expect "catalog show identity: type identity" 'd.type === "identity" && d.endpoints.length > 0'
run "endpoint list" -- endpoint list -f json && expect "endpoint list: the 3 bootstrap endpoints (RegionOne, keystone, identity)" \
  "eq(sorted(d.filter((e) => e['Service Type'] === 'identity' && e['Service Name'] === 'keystone' && e.Region === 'RegionOne' && e.URL === '$URL' && e.Enabled === true).map((e) => e.Interface)), ['admin', 'internal', 'public'])"
run "region list" -- region list -f json && expect "region list: RegionOne" 'd.some((r) => r.Region === "RegionOne")'
run "service list" -- service list -f json && expect "service list: keystone/identity" 'd.some((s) => s.Name === "keystone" && s.Type === "identity")'
run "region create" -- region create "$REG" --description "cli region" -f json && expect "region create: prints region and description" "d.region === '$REG' && d.description === 'cli region'"
run "service create" -- service create --name "$SVC" --description "cli service" "$S-type" -f json && expect "service create: prints name, type, enabled" "d.name === '$SVC' && d.type === '$S-type' && d.enabled === true" && SVC_ID=$(val d.id)
run "endpoint create" -- endpoint create --region "$REG" "$SVC" public "http://example.invalid/$S" -f json && expect "endpoint create: prints interface, url, region, service" \
  "d.interface === 'public' && d.url === 'http://example.invalid/$S' && d.region === '$REG' && d.service_id === '${SVC_ID:-}'" && EP_ID=$(val d.id)
run "endpoint list --service" -- endpoint list --service "$SVC" -f json && expect "endpoint list --service: the new endpoint only" "d.length === 1 && d[0].ID === '${EP_ID:-}'"
run "endpoint show" -- endpoint show "${EP_ID:-none}" -f json && expect "endpoint show: url" "d.url === 'http://example.invalid/$S' && d.service_name === '$SVC'"
run "endpoint set --disable" -- endpoint set --disable "${EP_ID:-none}"
run "endpoint show after set" -- endpoint show "${EP_ID:-none}" -f json && expect "endpoint show: disabled" 'd.enabled === false'
run "catalog list after endpoint create" -- catalog list -f json && expect "catalog list: the disabled endpoint is not listed" \
  "d.every((s) => s.Name !== '$SVC' || s.Endpoints.every((e) => e.url !== 'http://example.invalid/$S'))"
run "service set" -- service set --description "cli service 2" "$SVC"
run "service show" -- service show "$SVC" -f json && expect "service show: new description" 'd.description === "cli service 2"'
run "region set" -- region set --description "cli region 2" "$REG"
run "region show" -- region show "$REG" -f json && expect "region show: new description" 'd.description === "cli region 2"'

# ------------------------------------------------------------------ domain
run "domain create" -- domain create "$DOM" --description "cli domain" -f json && expect "domain create: name, description, enabled" "d.name === '$DOM' && d.description === 'cli domain' && d.enabled === true" && DOM_ID=$(val d.id)
run "domain show" -- domain show "$DOM" -f json && expect "domain show: same id" "d.id === '${DOM_ID:-}'"
run "domain list" -- domain list -f json && expect "domain list: Default and the new domain" "d.some((x) => x.ID === 'default') && d.some((x) => x.Name === '$DOM')"
run "domain set --description" -- domain set --description "cli domain 2" "$DOM"
run "domain show after set" -- domain show "$DOM" -f json && expect "domain show: new description" 'd.description === "cli domain 2"'

# ------------------------------------------------------------------ project (+ tags)
run "project create" -- project create "$PROJ" --domain "$DOM" --description "cli project" -f json && expect "project create: name, domain_id, description, enabled" \
  "d.name === '$PROJ' && d.domain_id === '${DOM_ID:-}' && d.description === 'cli project' && d.enabled === true" && PROJ_ID=$(val d.id)
run "project show" -- project show "$PROJ" --domain "$DOM" -f json && expect "project show: same id" "d.id === '${PROJ_ID:-}'"
run "project list --domain" -- project list --domain "$DOM" -f json && expect "project list --domain: the project" "d.length === 1 && d[0].Name === '$PROJ'"
run "project set --tag" -- project set --tag "$S-a" --tag "$S-b" "$PROJ" --domain "$DOM"
run "project show after --tag" -- project show "$PROJ" --domain "$DOM" -f json && expect "project show: tags" "eq(sorted(d.tags), ['$S-a', '$S-b'])"
run "project list --tags" -- project list --tags "$S-a" -f json && expect "project list --tags: the project" "d.length === 1 && d[0].ID === '${PROJ_ID:-}'"
run "project set --remove-tag" -- project set --remove-tag "$S-a" "$PROJ" --domain "$DOM"
run "project show after --remove-tag" -- project show "$PROJ" --domain "$DOM" -f json && expect "project show: remaining tag" "eq(d.tags, ['$S-b'])"
run "project set --description --disable" -- project set --description "cli project 2" --disable "$PROJ" --domain "$DOM"
run "project show after set" -- project show "$PROJ" --domain "$DOM" -f json && expect "project show: description, disabled" 'd.description === "cli project 2" && d.enabled === false'
run "project set --enable" -- project set --enable "$PROJ" --domain "$DOM"

# ------------------------------------------------------------------ user
run "user create" -- user create "$USR" --domain "$DOM" --password "$PW1" --project "$PROJ" --project-domain "$DOM" --email "$S@example.invalid" --description "cli user" -f json \
  && expect "user create: name, domain_id, default_project_id, email, enabled" \
    "d.name === '$USR' && d.domain_id === '${DOM_ID:-}' && d.default_project_id === '${PROJ_ID:-}' && d.email === '$S@example.invalid' && d.enabled === true" && USR_ID=$(val d.id)
run "user show" -- user show "$USR" --domain "$DOM" -f json && expect "user show: same id, no password echoed" "d.id === '${USR_ID:-}' && !('password' in d)"
run "user list --domain" -- user list --domain "$DOM" -f json && expect "user list --domain: the user" "d.length === 1 && d[0].Name === '$USR'"
run "user list --long" -- user list --domain "$DOM" --long -f json && expect "user list --long: email, project, enabled" "d[0].Email === '$S@example.invalid' && d[0].Project === '${PROJ_ID:-}' && d[0].Enabled === true"
run "user set --email --description" -- user set --email "$S-2@example.invalid" --description "cli user 2" "$USR" --domain "$DOM"
run "user show after set" -- user show "$USR" --domain "$DOM" -f json && expect "user show: new email and description" "d.email === '$S-2@example.invalid' && d.description === 'cli user 2'"

# ------------------------------------------------------------------ role
run "role create" -- role create "$ROLE" --description "cli role" -f json && expect "role create: name, description" "d.name === '$ROLE' && d.description === 'cli role'" && ROLE_ID=$(val d.id)
run "role show" -- role show "$ROLE" -f json && expect "role show: same id, no domain" "d.id === '${ROLE_ID:-}' && d.domain_id === null"
run "role list" -- role list -f json && expect "role list: admin, member, reader and the new role" "['admin', 'member', 'reader', '$ROLE'].every((n) => d.some((r) => r.Name === n))"
run "role set --description" -- role set --description "cli role 2" "$ROLE"
run "role show after set" -- role show "$ROLE" -f json && expect "role show: new description" 'd.description === "cli role 2"'

# ------------------------------------------------------------------ group
run "group create" -- group create "$GRP" --domain "$DOM" --description "cli group" -f json && expect "group create: name, domain_id" "d.name === '$GRP' && d.domain_id === '${DOM_ID:-}'" && GRP_ID=$(val d.id)
run "group show" -- group show "$GRP" --domain "$DOM" -f json && expect "group show: same id" "d.id === '${GRP_ID:-}'"
run "group list --domain" -- group list --domain "$DOM" -f json && expect "group list --domain: the group" "d.length === 1 && d[0].Name === '$GRP'"
run "group set --description" -- group set --description "cli group 2" "$GRP" --domain "$DOM"
run "group show after set" -- group show "$GRP" --domain "$DOM" -f json && expect "group show: new description" 'd.description === "cli group 2"'
run "group add user" -- group add user --group-domain "$DOM" --user-domain "$DOM" "$GRP" "$USR"
run "group contains user" -- group contains user --group-domain "$DOM" --user-domain "$DOM" "$GRP" "$USR" && expect_text "group contains user: says it is in the group" "$USR in group $GRP"
run "group list --user" -- group list --user "$USR" --user-domain "$DOM" -f json && expect "group list --user: the group" "d.length === 1 && d[0].ID === '${GRP_ID:-}'"
run "user list --group" -- user list --group "$GRP" --domain "$DOM" -f json && expect "user list --group: the user" "d.length === 1 && d[0].ID === '${USR_ID:-}'"

# ------------------------------------------------------------------ role assignments
run "role add (user on project)" -- role add --user "$USR" --user-domain "$DOM" --project "$PROJ" --project-domain "$DOM" "$ROLE"
run "role add member (user on project)" -- role add --user "$USR" --user-domain "$DOM" --project "$PROJ" --project-domain "$DOM" member
run "role add (group on domain)" -- role add --group "$GRP" --group-domain "$DOM" --domain "$DOM" "$ROLE"
run "role assignment list --user --names" -- role assignment list --user "$USR" --user-domain "$DOM" --names -f json \
  && expect "role assignment list --names: the user's two direct project roles" \
    "eq(sorted(d.filter((a) => a.User === '$USR@$DOM' && a.Project === '$PROJ@$DOM').map((a) => a.Role)), sorted(['$ROLE', 'member']))"
run "role assignment list --effective --names" -- role assignment list --effective --names --user "$USR" --user-domain "$DOM" -f json \
  && expect "role assignment list --effective --names: project roles incl. implied reader, and the domain role through the group" \
    "eq(sorted(d.filter((a) => a.User === '$USR@$DOM' && a.Project === '$PROJ@$DOM').map((a) => a.Role)), sorted(['$ROLE', 'member', 'reader'])) && d.some((a) => a.User === '$USR@$DOM' && a.Domain === '$DOM' && a.Role === '$ROLE' && a.Group === '')"
run "role assignment list --project --names" -- role assignment list --project "$PROJ" --project-domain "$DOM" --names -f json \
  && expect "role assignment list --project: the user's assignments" "d.length === 2 && d.every((a) => a.User === '$USR@$DOM')"
run "role assignment list --group" -- role assignment list --group "$GRP" --group-domain "$DOM" -f json \
  && expect "role assignment list --group (ids): the group's domain role" "d.length === 1 && d[0].Group === '${GRP_ID:-}' && d[0].Domain === '${DOM_ID:-}' && d[0].Role === '${ROLE_ID:-}'"

# ------------------------------------------------------------------ the new user's own session
U_ENV=(OS_USERNAME="$USR" OS_USER_DOMAIN_NAME="$DOM" OS_PROJECT_NAME="$PROJ" OS_PROJECT_DOMAIN_NAME="$DOM")
run "token issue as the new user" "${U_ENV[@]}" OS_PASSWORD="$PW1" -- token issue -f json \
  && expect "token issue (user): user_id and project_id" "d.user_id === '${USR_ID:-}' && d.project_id === '${PROJ_ID:-}'" && U_TOKEN1=$(val d.id)
run "project list --my-projects (as the user)" "${U_ENV[@]}" OS_PASSWORD="$PW1" -- project list --my-projects -f json \
  && expect "project list --my-projects: the user's project" "d.length === 1 && d[0].ID === '${PROJ_ID:-}'"
# Keystone 22's default policy: listing role assignments needs admin (or a system/domain
# reader); a project member gets 403, as at Keystone.
run_fails "role assignment list --auth-user (as a project member) is refused" "${U_ENV[@]}" OS_PASSWORD="$PW1" -- role assignment list --auth-user --auth-project --names -f json \
  && { grep -q "HTTP 403" "$ERR" && ok "role assignment list as a member: HTTP 403 reported" || { bad "role assignment list as a member: HTTP 403 reported"; show_last; }; }
run_fails "user create as a project member is refused" "${U_ENV[@]}" OS_PASSWORD="$PW1" -- user create "$S-nope" --domain "$DOM" \
  && { grep -q "HTTP 403" "$ERR" && ok "user create as a member: HTTP 403 reported" || { bad "user create as a member: HTTP 403 reported"; show_last; }; }
run "catalog list (as the user)" "${U_ENV[@]}" OS_PASSWORD="$PW1" -- catalog list -f json && expect "catalog list (user): identity is there" 'd.some((s) => s.Type === "identity")'
run "user password set (self-service)" "${U_ENV[@]}" OS_PASSWORD="$PW1" -- user password set --original-password "$PW1" --password "$PW2"
sleep 1.1   # Keystone's revocation events have a one-second granularity
if [ -n "${U_TOKEN1:-}" ] && [ -n "${ADMIN_TOKEN:-}" ]; then
  st=$(http_status "$ADMIN_TOKEN" "$U_TOKEN1")
  if [ "$st" = 404 ]; then ok "user password set: the user's earlier token is revoked (GET /v3/auth/tokens -> 404)"
  else bad "user password set: the user's earlier token is revoked (GET /v3/auth/tokens -> $st, expected 404)"; fi
fi
run "token issue with the new password" "${U_ENV[@]}" OS_PASSWORD="$PW2" -- token issue -f json && U_TOKEN2=$(val d.id)
run_fails "token issue with the old password fails" "${U_ENV[@]}" OS_PASSWORD="$PW1" -- token issue -f json \
  && { grep -q "401" "$ERR" && ok "token issue with the old password: HTTP 401 reported" || { bad "token issue with the old password: HTTP 401 reported"; show_last; }; }

# ------------------------------------------------------------------ token revoke
if [ -n "${U_TOKEN2:-}" ]; then
  st=$(http_status "$ADMIN_TOKEN" "$U_TOKEN2")
  [ "$st" = 200 ] && ok "the user's token validates before token revoke" || bad "the user's token validates before token revoke (GET /v3/auth/tokens -> $st)"
  run "token revoke" -- token revoke "$U_TOKEN2"
  st=$(http_status "$ADMIN_TOKEN" "$U_TOKEN2")
  if [ "$st" = 404 ]; then ok "token revoke: GET /v3/auth/tokens -> 404"
  else bad "token revoke: GET /v3/auth/tokens -> $st (expected 404)"; fi
  run_fails "token revoke: the revoked token is refused by the CLI (--os-auth-type token)" \
    OS_AUTH_TYPE=token OS_TOKEN="$U_TOKEN2" OS_USERNAME= OS_PASSWORD= OS_USER_DOMAIN_NAME= -- project show "$PROJ" --domain "$DOM" -f json \
  && { # keystoneauth rescopes the token (POST /v3/auth/tokens, method token); Keystone 22
       # answers a revoked token there with 404 "Failed to validate token".
       grep -q "Failed to validate token (HTTP 404)" "$ERR" && ok "token revoke: the CLI reports Keystone's 'Failed to validate token (HTTP 404)'" \
         || { bad "token revoke: the CLI reports Keystone's 'Failed to validate token (HTTP 404)'"; show_last; }; }
fi
# token auth with a valid token still works
run "token auth (--os-auth-type token) with the admin's token" OS_AUTH_TYPE=token OS_TOKEN="${ADMIN_TOKEN:-x}" OS_USERNAME= OS_PASSWORD= OS_USER_DOMAIN_NAME= -- domain show "$DOM" -f json \
  && expect "token auth: domain show works" "d.id === '${DOM_ID:-}'"

# ------------------------------------------------------------------ disable, remove, delete
run "user set --disable" -- user set --disable "$USR" --domain "$DOM"
run "user show: disabled" -- user show "$USR" --domain "$DOM" -f json && expect "user show: enabled false" 'd.enabled === false'
run_fails "token issue as the disabled user fails" "${U_ENV[@]}" OS_PASSWORD="$PW2" -- token issue -f json
run "user set --enable" -- user set --enable "$USR" --domain "$DOM"
run "role remove (user on project)" -- role remove --user "$USR" --user-domain "$DOM" --project "$PROJ" --project-domain "$DOM" "$ROLE"
run "role assignment list after remove" -- role assignment list --user "$USR" --user-domain "$DOM" --project "$PROJ" --project-domain "$DOM" --names -f json \
  && expect "role assignment list: only member left" "eq(d.map((a) => a.Role), ['member'])"
run "group remove user" -- group remove user --group-domain "$DOM" --user-domain "$DOM" "$GRP" "$USR"
if os -- group contains user --group-domain "$DOM" --user-domain "$DOM" "$GRP" "$USR"; then
  # python-openstackclient prints "<user> not in group <group>" and exits 1 (6.0: exit 1)
  if grep -q "not in group" "$OUT" "$ERR"; then ok "group contains user after remove: not in group"; else bad "group contains user after remove: not in group"; show_last; fi
else
  if grep -q "not in group" "$OUT" "$ERR"; then ok "group contains user after remove: not in group"; else bad "group contains user after remove: not in group (exit $RC)"; show_last; fi
fi
run "endpoint delete" -- endpoint delete "${EP_ID:-none}"
run "service delete" -- service delete "$SVC"
run "region delete" -- region delete "$REG"
run "service list after delete" -- service list -f json && expect "service list: the service is gone" "d.every((s) => s.Name !== '$SVC')"
run "group delete" -- group delete "$GRP" --domain "$DOM"
run "user delete" -- user delete "$USR" --domain "$DOM"
run_fails "user show after delete fails" -- user show "${USR_ID:-none}"
run "role delete" -- role delete "$ROLE"
run_fails "role show after delete fails" -- role show "$ROLE"
run "project delete" -- project delete "$PROJ" --domain "$DOM"
run "project list after delete" -- project list -f json && expect "project list: the project is gone" "d.every((p) => p.Name !== '$PROJ')"
run_fails "domain delete while enabled is refused" -- domain delete "$DOM"
run "domain set --disable" -- domain set --disable "$DOM"
run "domain delete" -- domain delete "$DOM"
run "domain list after delete" -- domain list -f json && expect "domain list: the domain is gone" "d.every((x) => x.Name !== '$DOM')"

stop_server
echo "# $N openstack commands in $((SECONDS - T0))s; outputs in $WORK/out, server log $SERVER_LOG"
echo "clients: $PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
