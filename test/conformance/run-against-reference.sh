#!/usr/bin/env bash
# run-against-reference.sh [sqlite|postgres]
#
# Runs the same Tempest selection against the real Keystone 22 (Debian's, started by
# scripts/reference-keystone/up.sh on a free port, fresh database, stopped at exit)
# and rewrites test/conformance/keystone22-passing.txt with the ids it passes: the
# reference list (what a drop-in can reach on this machine). Results stay in
# REF_RUN_DIR (default /tmp/keystone22-conformance.XXXXXX).
# Knobs: KS_* of up.sh (KS_PROCESSES, KS_HASH_ROUNDS, ...), tempest-run.sh's TEMPEST_*.
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
REPO=$(cd "$HERE/../.." && pwd -P)
REF=$REPO/scripts/reference-keystone
# shellcheck source=../../scripts/reference-keystone/lib.sh
source "$REF/lib.sh"
DB=${1:-sqlite}
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
' "$RUN/tempest/results.csv" "$HERE/keystone22-passing.txt"
echo "run-against-reference: tempest took $((SECONDS - START))s; results in $RUN/tempest"
