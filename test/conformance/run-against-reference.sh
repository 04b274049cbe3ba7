#!/usr/bin/env bash
# run-against-reference.sh [sqlite|postgres]
#
# Runs the same Tempest selection against the real Keystone 22 (Debian's, started by
# scripts/reference-keystone/up.sh on a free port, fresh database, stopped at exit)
# and rewrites test/conformance/keystone22-passing.txt with the ids it passes: the
# reference list (what a drop-in can reach on this machine). Results stay in
# REF_RUN_DIR (default /tmp/keystone22-conformance.XXXXXX); REF_PASSING_OUT writes the
# list elsewhere. The committed list comes from postgres (SQLite makes Keystone 22 flaky).
# Knobs: KS_* of up.sh (KS_PROCESSES, KS_HASH_ROUNDS, ...), tempest-run.sh's TEMPEST_*.
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$HERE/../.." && pwd -P)
REF=$REPO/scripts/reference-keystone
# shellcheck source=../../scripts/reference-keystone/lib.sh
source "$REF/lib.sh"
DB=${1:-sqlite}
# Server-side [security_compliance] matching what tempest is told (lib.sh); set
# CONFORMANCE_SECURITY_COMPLIANCE=0 to run without it (4 tests are then skipped).
if [ "${CONFORMANCE_SECURITY_COMPLIANCE:-1}" = 1 ]; then
  export KS_EXTRA_CONF=${KS_EXTRA_CONF:-$HERE/security-compliance.conf}
  export TEMPEST_SECURITY_COMPLIANCE=1 TEMPEST_LOCKOUT_ATTEMPTS=2 TEMPEST_LOCKOUT_DURATION=5 TEMPEST_UNIQUE_LAST_PASSWORD_COUNT=2
fi
RUN=${REF_RUN_DIR:-$(mktemp -d /tmp/keystone22-conformance.XXXXXX)}
mkdir -p "$RUN"; RUN=$(cd "$RUN" && pwd -P)
INST=$RUN/instance
trap '[ -d "$INST" ] && "$REF/down.sh" "$INST" >/dev/null 2>&1' EXIT
"$REF/install.sh" >/dev/null || exit 2
PORT=$(free_port)
URL=$("$REF/up.sh" "$PORT" "$INST" "$DB") || { echo "run-against-reference: Keystone 22 did not start"; exit 2; }
START=$SECONDS
"$HERE/tempest-run.sh" "$URL" "" "$RUN/tempest"
RC=$?
[ $RC -le 1 ] || exit $RC
"$SYS_PY" -c '
import csv, sys
ok = sorted(r["test"] for r in csv.DictReader(open(sys.argv[1])) if r["status"] in ("success", "xfail"))
open(sys.argv[2], "w").write("".join(t + "\n" for t in ok))
print("run-against-reference: %d passing ids -> %s" % (len(ok), sys.argv[2]))
' "$RUN/tempest/results.csv" "${REF_PASSING_OUT:-$HERE/keystone22-passing.txt}"
echo "run-against-reference: tempest took $((SECONDS - START))s; results in $RUN/tempest"
