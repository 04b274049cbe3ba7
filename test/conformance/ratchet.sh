#!/usr/bin/env bash
# ratchet.sh [--update] [--prune] [--outdir DIR] URL
# ratchet.sh [--update] [--prune] --from OUTDIR      (re-judge an earlier run, no server)
#
# The conformance ratchet: runs the whole Tempest identity selection
# (tempest-run.sh) against the server at URL and compares it with the committed list
# test/conformance/passing.txt (one test id per line, sorted).
#   * FAILS (exit 1) when a listed test fails, is skipped or is missing from the run.
#     Listed tests that failed are re-run once, alone (RATCHET_RETRY=1, the default);
#     one that passes then is reported FLAKY and does not fail the ratchet.
#   * prints `tempest: N passed, N failed, N skipped`, then the newly passing tests
#     (NEW <id>) to add to passing.txt.
#   --update   adds the newly passing tests to passing.txt (sorted). Never removes.
#   --prune    removes the listed tests that regressed (explicit only); the ratchet
#              then exits 0 for them.
#   --outdir   where tempest-run.sh writes (default: a new /tmp/ratchet.XXXXXX).
#   --from     use the results of an earlier run (a tempest-run.sh OUTDIR) instead of
#              running tempest; no re-run of failures.
# Exit: 0 ok, 1 regressions, 2 harness error (server unusable, tempest broken).
# Env: RATCHET_PASSING (the list file), RATCHET_RETRY (1), and tempest-run.sh's knobs.
set -uo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)
PY=/usr/bin/python3
UPDATE=0 PRUNE=0 OUTDIR="" URL="" FROM=""
while [ $# -gt 0 ]; do
  case "$1" in
    --update) UPDATE=1 ;;
    --prune) PRUNE=1 ;;
    --outdir) OUTDIR=${2:?--outdir DIR}; shift ;;
    --outdir=*) OUTDIR=${1#--outdir=} ;;
    --from) FROM=${2:?--from OUTDIR}; shift ;;
    -h|--help) sed -n '2,23p' "$0"; exit 0 ;;
    -*) echo "ratchet.sh: unknown option $1" >&2; exit 2 ;;
    *) [ -z "$URL" ] || { echo "ratchet.sh: one URL only" >&2; exit 2; }; URL=$1 ;;
  esac
  shift
done
[ -n "$URL" ] || [ -n "$FROM" ] || { sed -n '2,23p' "$0" >&2; exit 2; }
PASSING=${RATCHET_PASSING:-$HERE/passing.txt}
RETRY=${RATCHET_RETRY:-1}
[ -f "$PASSING" ] || { echo "ratchet.sh: $PASSING does not exist" >&2; exit 2; }
if [ -n "$FROM" ]; then
  OUTDIR=$(cd "$FROM" && pwd -P) || exit 2; RETRY=0
else
  [ -n "$OUTDIR" ] || OUTDIR=$(mktemp -d /tmp/ratchet.XXXXXX)
  mkdir -p "$OUTDIR"; OUTDIR=$(cd "$OUTDIR" && pwd -P)
fi
NLISTED=$(grep -cv '^[[:space:]]*\(#.*\)\?$' "$PASSING" || true)

echo "ratchet: $NLISTED listed tests in ${PASSING#"$PWD"/}; results in $OUTDIR"
if [ -n "$FROM" ]; then
  [ -s "$OUTDIR/summary.txt" ]; RC=$?
else
  "$HERE/tempest-run.sh" "$URL" "" "$OUTDIR"
  RC=$?
fi
if [ $RC -ge 2 ] || [ ! -s "$OUTDIR/results.csv" ]; then
  echo "ratchet: HARNESS ERROR (tempest-run.sh exit $RC): no results to compare; see $OUTDIR"
  exit 2
fi
SUMMARY=$(cat "$OUTDIR/summary.txt")

"$PY" "$HERE/ratchet.py" compare "$PASSING" "$OUTDIR/results.csv" >"$OUTDIR/ratchet.txt"
CRC=$?
if [ $CRC = 1 ] && [ "$RETRY" = 1 ]; then
  sed -n 's/^REGRESSION \([^ ]*\) .*/\1/p' "$OUTDIR/ratchet.txt" >"$OUTDIR/regressed.txt"
  echo "ratchet: $(wc -l <"$OUTDIR/regressed.txt") listed test(s) failed; re-running them once, alone"
  "$HERE/tempest-run.sh" "$URL" "$("$PY" "$HERE/ratchet.py" regex "$OUTDIR/regressed.txt")" "$OUTDIR/retry" \
    >"$OUTDIR/retry.log" 2>&1
  if [ -s "$OUTDIR/retry/results.csv" ]; then
    "$PY" "$HERE/ratchet.py" compare "$PASSING" "$OUTDIR/results.csv" "$OUTDIR/retry/results.csv" >"$OUTDIR/ratchet.txt"
    CRC=$?
  else
    echo "ratchet: the re-run produced no results (see $OUTDIR/retry.log)"
  fi
fi
[ $CRC -le 1 ] || { echo "ratchet: HARNESS ERROR: ratchet.py compare exit $CRC"; cat "$OUTDIR/ratchet.txt"; exit 2; }

echo
echo "$SUMMARY"
grep -v '^\(REGRESSION\|FLAKY\|NEW\) ' "$OUTDIR/ratchet.txt"
grep '^FLAKY ' "$OUTDIR/ratchet.txt"
NEW=$(sed -n 's/^NEW //p' "$OUTDIR/ratchet.txt")
REG=$(sed -n 's/^REGRESSION \([^ ]*\) .*/\1/p' "$OUTDIR/ratchet.txt")
if [ -n "$NEW" ]; then
  echo "newly passing ($(echo "$NEW" | wc -l)), to add to passing.txt (ratchet.sh --update does it):"
  echo "$NEW" | sed 's/^/  /'
fi

rewrite() {  # rewrite FILE_WITH_IDS -> passing.txt, sorted (C order), unique
  LC_ALL=C sort -u "$1" >"$PASSING.tmp" && mv "$PASSING.tmp" "$PASSING"
}
if [ $UPDATE = 1 ] && [ -n "$NEW" ]; then
  { grep -v '^[[:space:]]*\(#.*\)\?$' "$PASSING"; echo "$NEW"; } >"$OUTDIR/passing.new"
  rewrite "$OUTDIR/passing.new"
  echo "ratchet: --update: added $(echo "$NEW" | wc -l) test(s) to $PASSING"
fi
if [ -n "$REG" ]; then
  echo "REGRESSIONS ($(echo "$REG" | wc -l)): listed in passing.txt but not passing (details: $OUTDIR/failures.txt):"
  grep '^REGRESSION ' "$OUTDIR/ratchet.txt" | sed 's/^REGRESSION /  /'
  if [ $PRUNE = 1 ]; then
    grep -v '^[[:space:]]*\(#.*\)\?$' "$PASSING" | grep -vxF -f <(echo "$REG") >"$OUTDIR/passing.pruned"
    rewrite "$OUTDIR/passing.pruned"
    echo "ratchet: --prune: REMOVED $(echo "$REG" | wc -l) test(s) from $PASSING"
    echo "ratchet: OK after prune"
    exit 0
  fi
  echo "ratchet: FAILED ($(echo "$REG" | wc -l) regression(s))"
  exit 1
fi
echo "ratchet: OK (all $NLISTED listed tests pass)"
exit 0
