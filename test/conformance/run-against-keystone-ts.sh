#!/usr/bin/env bash
# run-against-keystone-ts.sh [sqlite|postgres] [ratchet.sh options...]
#
# Starts keystone-ts from this repository on a fresh database in a temp dir
# (keystone-ts-up.sh: keystone-manage db_sync, fernet_setup, credential_setup,
# bootstrap; keystone-all on a free 127.0.0.1 port) and runs the conformance ratchet
# (ratchet.sh) against it. The server is always stopped at exit. Options after the
# engine go to ratchet.sh (--update, --prune).
# Keeps everything in KTS_RUN_DIR (default /tmp/keystone-ts-conformance.XXXXXX):
# instance/ (keystone.conf, db, keys, log/), tempest/ (results). On failure the server
# log tails are printed.
# Exit: ratchet.sh's (0 ok, 1 regressions, 2 harness error); 3 = keystone-ts did not start.
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$HERE/../.." && pwd -P)
# shellcheck source=../../scripts/reference-keystone/lib.sh
source "$REPO/scripts/reference-keystone/lib.sh"
DB=sqlite
case "${1:-}" in sqlite|postgres) DB=$1; shift ;; esac

# Server-side [security_compliance] matching what tempest is told (lib.sh); set
# CONFORMANCE_SECURITY_COMPLIANCE=0 to run without it (4 tests are then skipped).
if [ "${CONFORMANCE_SECURITY_COMPLIANCE:-1}" = 1 ]; then
  export KTS_EXTRA_CONF=${KTS_EXTRA_CONF:-$HERE/security-compliance.conf}
  export TEMPEST_SECURITY_COMPLIANCE=1 TEMPEST_LOCKOUT_ATTEMPTS=2 TEMPEST_LOCKOUT_DURATION=5 TEMPEST_UNIQUE_LAST_PASSWORD_COUNT=2
fi
RUN=${KTS_RUN_DIR:-$(mktemp -d /tmp/keystone-ts-conformance.XXXXXX)}
mkdir -p "$RUN"; RUN=$(cd "$RUN" && pwd -P)
# mktemp -d makes it 0700; the postgres user must traverse it to the private cluster.
chmod 755 "$RUN"
INST=$RUN/instance
stop() { [ -d "$INST" ] && "$HERE/keystone-ts-down.sh" "$INST" >/dev/null 2>&1; }
trap stop EXIT
trap 'exit 130' INT TERM

tails() {
  local f
  for f in "$INST"/log/*.log; do
    [ -s "$f" ] || continue
    echo "----- tail -n 60 $f"; tail -n 60 "$f"
  done
}

PORT=$(free_port)
START=$SECONDS
echo "run-against-keystone-ts: starting keystone-ts ($DB) on 127.0.0.1:$PORT in $INST"
if ! URL=$("$HERE/keystone-ts-up.sh" "$PORT" "$INST" "$DB" 2>"$RUN/up.log"); then
  cat "$RUN/up.log"
  echo "run-against-keystone-ts: keystone-ts DID NOT START; nothing was tested"
  exit 3
fi
echo "run-against-keystone-ts: keystone-ts up at $URL after $((SECONDS - START))s"

"$HERE/ratchet.sh" --outdir "$RUN/tempest" "$@" "$URL"
RC=$?
if [ $RC -ne 0 ]; then
  if ! curl -s -o /dev/null --max-time 5 "$URL"; then echo "run-against-keystone-ts: keystone-ts no longer answers on $URL"; fi
  tails
fi
echo "run-against-keystone-ts: total $((SECONDS - START))s; kept in $RUN"
exit $RC
