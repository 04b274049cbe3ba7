// table.js OUTDIR: the report of run.sh, from OUTDIR/results.jsonl (+ keystone-ts.status).
// Prints the setup, the machine's floor and ONE table (per scenario and connection count:
// rps / p50 / p99 / errors of Keystone 22 and keystone-ts, ratio, targets).
// Targets are goals, not assertions: they never change the exit code.
// Exit 1 when a measured run returned errors or produced no result, else 0.
'use strict';
const fs = require('fs');
const path = require('path');
const out = process.argv[2];
if (!out) { console.error('usage: node table.js OUTDIR'); process.exit(2); }
const lines = fs.readFileSync(path.join(out, 'results.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => {
  try { return JSON.parse(l); } catch { return { kind: 'bad', line: l }; }
});
let ktsStatus = 'unknown';
try { ktsStatus = fs.readFileSync(path.join(out, 'keystone-ts.status'), 'utf8').trim(); } catch { /* none */ }
const meta = lines.find((l) => l.kind === 'meta') || {};
const bcrypt = (lines.find((l) => l.kind === 'bcrypt') || {}).result;
const fernet = (lines.find((l) => l.kind === 'fernet') || {}).result;
const wrk = lines.filter((l) => l.kind === 'wrk');
const procs = lines.find((l) => l.kind === 'procs') || {};
const seeds = lines.filter((l) => l.kind === 'seed');
const get = (side, sc, c) => wrk.find((w) => w.side === side && w.scenario === sc && w.conns === c);

const num = (v) => (v == null || Number.isNaN(v) ? '-' : v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const errs = (r) => (r ? r.err_connect + r.err_read + r.err_write + r.err_status + r.err_timeout : null);
const pad = (s, n) => String(s).padStart(n);
const padR = (s, n) => String(s).padEnd(n);
const mark = (ok) => (ok == null ? '?' : ok ? 'met' : 'MISSED');

// ---- header
const p = [];
p.push(`keystone-ts vs Keystone 22 -- ${meta.mode} run, ${meta.db}, ${meta.started || ''}`);
p.push(`  same on both sides: bcrypt cost ${meta.rounds} (Keystone: KS_HASH_ROUNDS=${meta.rounds}; keystone-ts: [identity] password_hash_rounds = ${meta.rounds}), ` +
  `${meta.workers} worker processes on ${meta.cores} cores, cache: ${meta.cache}, database: ${meta.db}`);
p.push(`  Keystone 22: Debian keystone under uWSGI, ${meta.workers} processes x ${meta.ks_threads} threads, front '${meta.ks_front}'` +
  `${meta.ks_front === 'socket' ? ' (Connection: close, one TCP connection per request)' : ''}; ` +
  `the uWSGI master has ${procs.keystone ?? '?'} child processes`);
p.push(`  keystone-ts: ${ktsStatus === 'up' ? `[eventlet_server] public_workers = ${meta.workers}, node ${meta.node}; ` +
  `keystone-all has ${procs['keystone-ts'] ?? '?'} child processes` : ktsStatus}`);
if (ktsStatus === 'up' && meta.workers > 1 && procs['keystone-ts'] === 0) {
  p.push(`  WARNING: keystone-ts runs as ONE process although public_workers = ${meta.workers}: the sides do not use the same number of cores`);
}
p.push(`  load: wrk, ${meta.duration} s per measurement after a ${meta.warmup} s warm-up, per-request timeout ${meta.wrk_timeout} s, 127.0.0.1`);
for (const s of seeds) {
  const r = s.result || {};
  p.push(`  users: ${s.side} seeded to ${s.target} (${r.created ?? '?'} created, ${r.existing ?? '?'} existed, ${r.failed ?? '?'} failed, ` +
    `${r.per_s ?? '?'}/s); GET /v3/users lists ${s.listed}`);
}
const seedTargets = [...new Set(seeds.map((s) => s.target))];
for (const t of seedTargets) {
  const l = seeds.filter((s) => s.target === t).map((s) => s.listed);
  if (new Set(l).size > 1) p.push(`  WARNING: the sides list different numbers of users at ${t}: ${l.join(' vs ')} -- listing figures are not comparable`);
}
p.push('');
p.push('machine floor:');
p.push(bcrypt && bcrypt.hashes_per_s
  ? `  bcrypt cost ${bcrypt.rounds}: ${num(bcrypt.hashes_per_s)} checks/s on ${bcrypt.cores} cores (${num(bcrypt.ms_per_hash_1core)} ms per check on one core) = the ceiling of token issue by password`
  : `  bcrypt: ${bcrypt && bcrypt.error ? bcrypt.error : 'not measured'}`);
p.push(fernet
  ? `  Fernet verify+decrypt (Node crypto, one core): ${num(fernet.us_per_op)} us/op = ${fernet.ops_per_s_1core} ops/s`
  : '  Fernet: not measured');
const conns = [...new Set(wrk.map((w) => w.conns))].sort((a, b) => a - b);
const hello = {};
for (const c of conns) { const h = get('node', 'hello', c); hello[c] = h && h.result ? h.result.rps : null; }
p.push(`  bare Node http server (${meta.workers} workers, keep-alive): ` +
  conns.map((c) => `${c} conns ${num(hello[c])} rps (p99 ${num((get('node', 'hello', c) || {}).result?.p99_ms)} ms)`).join(', '));
p.push('');

// ---- table
const scen = [];
for (const w of wrk) if (w.side !== 'node' && !scen.includes(w.scenario)) scen.push(w.scenario);
const order = (s) => ({ validate: 0, catalog: 1, issue: 2 }[s] ?? 3);
scen.sort((a, b) => order(a) - order(b) || (parseInt(a.split('-')[1], 10) - parseInt(b.split('-')[1], 10)));
const label = (s) => (s.startsWith('users-') ? `list users (${Number(s.slice(6)).toLocaleString('en-US')})` : s === 'issue' ? 'issue (password)' : s);
const cell = (w) => {
  if (!w) return padR('  not measured', 33);
  const r = w.result;
  if (!r) return padR('  wrk produced no result', 33);
  return `${pad(num(r.rps), 8)} ${pad(num(r.p50_ms), 8)} ${pad(num(r.p99_ms), 8)} ${pad(errs(r), 6)}`;
};
const head1 = `${padR('scenario', 20)} ${pad('conns', 5)} | ${padR('Keystone 22', 33)} | ${padR('keystone-ts', 33)} | ${pad('ts/ks', 8)} | targets for keystone-ts (goals)`;
const head2 = `${padR('', 20)} ${pad('', 5)} | ${pad('rps', 8)} ${pad('p50 ms', 8)} ${pad('p99 ms', 8)} ${pad('errors', 6)} | ${pad('rps', 8)} ${pad('p50 ms', 8)} ${pad('p99 ms', 8)} ${pad('errors', 6)} | ${pad('', 8)} |`;
p.push(head1); p.push(head2); p.push('-'.repeat(head1.length + 20));
let bad = 0;
const problems = [];
for (const s of seeds) {
  if (!s.result || s.result.failed > 0) {
    bad++;
    problems.push(`${s.side}: seeding to ${s.target} users failed (${s.result ? JSON.stringify(s.result.codes) : 'no result'})`);
  }
}
for (const sc of scen) {
  for (const c of conns) {
    const ks = get('keystone', sc, c);
    const ts = get('keystone-ts', sc, c);
    if (!ks && !ts) continue;
    for (const [side, w] of [['Keystone 22', ks], ['keystone-ts', ts]]) {
      if (!w) continue;
      if (!w.result) { bad++; problems.push(`${side} ${sc} c${c}: wrk produced no result`); }
      else if (errs(w.result) > 0) {
        bad++;
        const r = w.result;
        problems.push(`${side} ${sc} c${c}: ${errs(r)} errors (connect ${r.err_connect}, read ${r.err_read}, write ${r.err_write}, ` +
          `non-2xx/3xx ${r.err_status}, timeout ${r.err_timeout}) of ${r.requests} requests`);
      }
    }
    const kr = ks && ks.result; const tr = ts && ts.result;
    const ratio = kr && tr && kr.rps > 0 ? tr.rps / kr.rps : null;
    const t = [];
    if (sc === 'validate') {
      t.push(`>= 50x ${mark(ratio == null ? null : ratio >= 50)}`);
      if (c === 32) {
        t.push(`p99 < 10 ms ${mark(tr ? tr.p99_ms < 10 : null)}`);
        if (hello[c]) t.push(`>= bare Node/3 = ${num(hello[c] / 3)} rps ${mark(tr ? tr.rps >= hello[c] / 3 : null)}`);
      }
    } else if (sc === 'issue') {
      if (bcrypt && bcrypt.hashes_per_s) {
        const lim = bcrypt.hashes_per_s;
        t.push(`>= 90% of the bcrypt limit = ${num(0.9 * lim)} rps ${mark(tr ? tr.rps >= 0.9 * lim : null)}`);
      }
    } else if (sc === 'users-10000') {
      t.push(`>= 20x ${mark(ratio == null ? null : ratio >= 20)}`);
    }
    p.push(`${padR(label(sc), 20)} ${pad(c, 5)} | ${cell(ks)} | ${cell(ts)} | ${pad(ratio == null ? '-' : num(ratio) + 'x', 8)} | ${t.join('; ') || '-'}`);
  }
}
p.push('');
p.push('rps = requests/s over the run; p50/p99 = wrk latency percentiles (ms); errors = socket errors + timeouts + non-2xx/3xx;');
p.push('ts/ks = keystone-ts rps / Keystone 22 rps. Compare only figures of the same run: the machine is shared and noisy.');
for (const pr of problems) p.push(`ERROR: ${pr}`);
console.log(p.join('\n'));
process.exit(bad ? 1 : 0);
