#!/usr/bin/env bash
# test.sh — install what the suite needs and run all of it:
#   1. Debian packages (PostgreSQL, the reference Keystone 22 and its Python
#      libraries used by the differential tests, Tempest, wrk, memcached)
#   2. npm ci + build
#   3. jest on SQLite (unit, differential and e2e specs)
#   4. jest again on a real PostgreSQL (SQL and e2e specs)
#   5. the Tempest ratchet against keystone-ts (test/conformance), on SQLite and PostgreSQL
#   6. interop with the real Keystone 22 on one database (test/interop), and
#      the openstack CLI scenario (test/clients)
#   7. the side-by-side benchmark in smoke mode (test/bench)
# Each stage prints its duration. The last line is
#   keystone-ts: N passed, N failed, N skipped
#
#   KEYSTONE_TS_SKIP_APT=1     do not apt-get install (packages already there)
#   KEYSTONE_TS_STAGES="..."   run only these stages (apt npm build unit pg tempest interop clients bench)
set -uo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
cd "$ROOT"
STAGES=${KEYSTONE_TS_STAGES:-"apt npm build unit pg tempest interop clients bench"}
WORK=${KEYSTONE_TS_TEST_DIR:-$ROOT/.test-run}
mkdir -p "$WORK"
T0=$(date +%s)
FAILED_STAGES=()
PASSED=0; FAILED=0; SKIPPED=0

want() { [[ " $STAGES " == *" $1 "* ]]; }
stage() {
  local name=$1; shift
  want "$name" || return 0
  local s; s=$(date +%s)
  printf '\n=== stage %s (t+%ss) ===\n' "$name" $((s - T0))
  if "$@"; then rc=0; else rc=$?; FAILED_STAGES+=("$name"); fi
  printf '=== stage %s: %s in %ss ===\n' "$name" "$([ $rc = 0 ] && echo ok || echo "FAILED rc=$rc")" $(($(date +%s) - s))
  return 0
}

apt_packages() {
  [ "${KEYSTONE_TS_SKIP_APT:-0}" = 1 ] && { echo "skipped by KEYSTONE_TS_SKIP_APT"; return 0; }
  local need=(postgresql keystone python3-oslo.policy python3-passlib python3-psycopg2 tempest keystone-tempest-plugin python3-openstackclient uwsgi uwsgi-plugin-python3 wrk memcached redis-server redis-sentinel krb5-kdc krb5-admin-server krb5-user libkrb5-dev slapd ldap-utils openssl curl)
  local missing=()
  for p in "${need[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && { echo "all Debian packages present"; return 0; }
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# Not `npm ci`: this registry has no macOS/Windows builds of the platform packages
# (@swc/core-*, @unrs/resolver-binding-*), so the lock cannot list them and `npm ci`
# refuses it as out of sync. `npm install` installs exactly the locked tree; the
# diff check fails the stage if it had to change the lock (a real drift).
npm_install() {
  npm install --no-audit --no-fund || return 1
  git diff --quiet -- package-lock.json 2>/dev/null || { echo "package-lock.json is out of date with package.json:"; git diff --stat -- package-lock.json; return 1; }
}
build() { npm run --silent build; }

# Runs jest and adds its counts to the totals.
jest_run() {
  local label=$1; shift
  local out=$WORK/jest-$label.json p f s
  npx jest --ci --json --outputFile="$out" "$@"
  local rc=$?
  if [ -f "$out" ]; then
    read -r p f s < <(node -e "const r=require('$out');console.log(r.numPassedTests,r.numFailedTests,r.numPendingTests+r.numTodoTests)")
    PASSED=$((PASSED + p)); FAILED=$((FAILED + f)); SKIPPED=$((SKIPPED + s))
    echo "jest ($label): $p passed, $f failed, $s skipped"
  fi
  return $rc
}

unit() { jest_run sqlite; }

pg() {
  local url
  url=$(bash scripts/services/postgres.sh start "$WORK/pg" 55432) || return 1
  # Everything that touches SQL, again on PostgreSQL; process-level suites (workers, TLS,
  # Kerberos, cache faults) are about the server, not the database, and ran in `unit`.
  KEYSTONE_TS_TEST_PG_URL=$url jest_run postgresql --testPathPatterns 'e2e-spec|plugins/sql' \
    --testPathIgnorePatterns '/test/server/' '/test/kerberos/' 'cache-faults' 'schema-compare' '/node_modules/'
  local rc=$?
  bash scripts/services/postgres.sh stop "$WORK/pg" || true
  return $rc
}

tempest() {
  [ -x test/conformance/run-against-keystone-ts.sh ] || { echo "no conformance harness"; return 0; }
  local rc=0
  bash test/conformance/run-against-keystone-ts.sh sqlite || rc=1
  # The same ratchet on PostgreSQL: a test that passes on one engine only is a bug.
  bash test/conformance/run-against-keystone-ts.sh postgres || rc=1
  return $rc
}

# Black-box harnesses print `interop: N passed, N failed` / `clients: ...`.
count_line() {
  local label=$1 log=$2 line p f
  line=$(grep -E "^$label: [0-9]+ passed, [0-9]+ failed" "$log" | tail -1)
  [ -n "$line" ] || return 0
  read -r p f < <(sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed.*/\1 \2/' <<<"$line")
  PASSED=$((PASSED + p)); FAILED=$((FAILED + f))
}

interop() {
  local rc=0 db
  for db in sqlite postgres; do
    bash test/interop/run.sh "$db" 2>&1 | tee "$WORK/interop-$db.log"
    [ "${PIPESTATUS[0]}" = 0 ] || rc=1
    count_line interop "$WORK/interop-$db.log"
  done
  return $rc
}

clients() {
  bash test/clients/openstack-cli.sh 2>&1 | tee "$WORK/clients.log"
  local rc=${PIPESTATUS[0]}
  count_line clients "$WORK/clients.log"
  return "$rc"
}

bench() {
  [ -f test/bench/run.sh ] || { echo "no benchmark harness"; return 0; }
  bash test/bench/run.sh --smoke sqlite
}

stage apt apt_packages
stage npm npm_install
stage build build
# Nothing after this point can run without the installed, built tree.
if [ ${#FAILED_STAGES[@]} -eq 0 ]; then
  stage unit unit
  stage pg pg
  stage tempest tempest
  stage interop interop
  stage clients clients
  stage bench bench
else
  echo "install or build failed; the remaining stages cannot run"
fi

printf '\n=== total %ss; failed stages: %s ===\n' $(($(date +%s) - T0)) "${FAILED_STAGES[*]:-none}"
echo "keystone-ts: $PASSED passed, $FAILED failed, $SKIPPED skipped"
[ ${#FAILED_STAGES[@]} -eq 0 ]
