#!/usr/bin/env bash
# start.sh — install, build and start keystone-ts on the embedded SQLite
# database, with a bootstrapped admin. Everything lives in ./var (or
# $KEYSTONE_TS_HOME). Re-running reuses the database, keys and password.
#
#   KEYSTONE_TS_PORT (5000)        public port; the admin port is PORT+30357 unless KEYSTONE_TS_ADMIN_PORT
#   KEYSTONE_TS_HOST (127.0.0.1)   bind address
#   OS_BOOTSTRAP_PASSWORD          admin password (default: generated once, kept in var/admin-password)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
HOME_DIR=${KEYSTONE_TS_HOME:-$ROOT/var}
PORT=${KEYSTONE_TS_PORT:-5000}
ADMIN_PORT=${KEYSTONE_TS_ADMIN_PORT:-35357}
HOST=${KEYSTONE_TS_HOST:-127.0.0.1}
cd "$ROOT"

step() { printf '[start] %s\n' "$*" >&2; }

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "installing npm packages"
  npm ci --no-audit --no-fund >&2
fi
step "building"
npm run --silent build >&2

mkdir -p "$HOME_DIR"
CONF=$HOME_DIR/keystone.conf
if [ ! -f "$CONF" ]; then
  cat >"$CONF" <<CONF
[DEFAULT]
state_path = $HOME_DIR

[database]
connection = sqlite:///$HOME_DIR/keystone.db

[eventlet_server]
public_bind_host = $HOST
public_port = $PORT
admin_bind_host = $HOST
admin_port = $ADMIN_PORT

[fernet_tokens]
key_repository = $HOME_DIR/fernet-keys

[credential]
key_repository = $HOME_DIR/credential-keys

[oslo_policy]
policy_file = $HOME_DIR/policy.yaml
CONF
  step "wrote $CONF"
fi

PW_FILE=$HOME_DIR/admin-password
if [ -n "${OS_BOOTSTRAP_PASSWORD:-}" ]; then
  PASSWORD=$OS_BOOTSTRAP_PASSWORD
elif [ -f "$PW_FILE" ]; then
  PASSWORD=$(cat "$PW_FILE")
else
  PASSWORD=$(node -e "process.stdout.write(require('crypto').randomBytes(12).toString('base64url'))")
fi
umask 077; printf '%s' "$PASSWORD" >"$PW_FILE"; umask 022

KM=(node "$ROOT/apps/keystone-manage/dist/main.js" --config-file "$CONF")
URL="http://$HOST:$PORT/v3"
step "db_sync";          "${KM[@]}" db_sync >&2
step "fernet_setup";     "${KM[@]}" fernet_setup >&2
step "credential_setup"; "${KM[@]}" credential_setup >&2
step "bootstrap";        OS_BOOTSTRAP_PASSWORD=$PASSWORD "${KM[@]}" bootstrap \
  --bootstrap-admin-url "$URL" --bootstrap-public-url "$URL" --bootstrap-internal-url "$URL" \
  --bootstrap-region-id RegionOne >&2

cat >&2 <<MSG

keystone-ts is starting on $URL
  admin user:     admin (domain Default, project admin)
  admin password: $PASSWORD   (kept in $PW_FILE)
  try:            openstack --os-auth-url $URL --os-username admin --os-password '$PASSWORD' \\
                    --os-project-name admin --os-user-domain-name Default --os-project-domain-name Default token issue

MSG
exec node "$ROOT/apps/keystone-all/dist/main.js" --config-file "$CONF"
