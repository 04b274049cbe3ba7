#!/usr/bin/python3
"""ratchet.py compare PASSING_TXT RESULTS_CSV [RETRY_RESULTS_CSV]
   ratchet.py regex  IDS_FILE

compare: checks a tempest-run.sh result (OUTDIR/results.csv) against the ratchet
list PASSING_TXT (one test id per line, sorted; blank lines and '#' comments
ignored).
  * regression = a listed test whose status is not success/xfail, or that is not
    in the results at all (missing: renamed, no longer selected, worker crash);
  * with RETRY_RESULTS_CSV (a second run of just the regressions), a regression
    that passed there is reported as flaky and not counted;
  * newly passing = passed, not listed.
Writes nothing. Prints a report; machine-readable lines start with
'REGRESSION ', 'FLAKY ', 'NEW '. Exit 0 = no regression, 1 = regressions.

regex: prints an anchored python regex selecting exactly the ids in IDS_FILE (for
tempest-run.sh's FILTER, to re-run them).
"""
import csv
import re
import sys

PASS = ('success', 'xfail')


def read_ids(path):
    try:
        with open(path) as f:
            return [ln.strip() for ln in f
                    if ln.strip() and not ln.lstrip().startswith('#')]
    except FileNotFoundError:
        return []


def read_results(path):
    st = {}
    with open(path, newline='') as f:
        for row in csv.DictReader(f):
            st[row['test']] = (row['status'], row.get('detail', ''))
    return st


def compare(passing_txt, results_csv, retry_csv=None):
    listed = read_ids(passing_txt)
    dups = sorted({t for t in listed if listed.count(t) > 1})
    res = read_results(results_csv)
    retry = read_results(retry_csv) if retry_csv else {}
    passed = {t for t, (s, _) in res.items() if s in PASS}

    regressions, flaky = [], []
    for t in sorted(set(listed)):
        if t in passed:
            continue
        if retry.get(t, ('',))[0] in PASS:
            flaky.append(t)
            continue
        status, detail = res.get(t, ('missing', 'not in the results'))
        regressions.append((t, status, detail))
    new = sorted(passed - set(listed))

    if dups:
        print('ratchet: WARNING: duplicate lines in %s: %s' % (passing_txt, ', '.join(dups)))
    if listed != sorted(listed):
        print('ratchet: WARNING: %s is not sorted (--update rewrites it sorted)' % passing_txt)
    print('ratchet: %d listed, %d still pass, %d regressed, %d flaky, %d newly passing'
          % (len(set(listed)), len(set(listed)) - len(regressions) - len(flaky),
             len(regressions), len(flaky), len(new)))
    for t, status, detail in regressions:
        print('REGRESSION %s  (%s%s)' % (t, status, ': ' + detail if detail else ''))
    for t in flaky:
        print('FLAKY %s  (failed, then passed when re-run alone)' % t)
    for t in new:
        print('NEW %s' % t)
    return 1 if regressions else 0


def regex(ids_file):
    ids = read_ids(ids_file)
    print('^(%s)$' % '|'.join(re.escape(t) for t in ids) if ids else '^$')
    return 0


def main(argv):
    if len(argv) >= 3 and argv[0] == 'compare':
        return compare(*argv[1:4])
    if len(argv) == 2 and argv[0] == 'regex':
        return regex(argv[1])
    sys.stderr.write(__doc__)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
