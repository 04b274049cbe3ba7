// bcrypt-floor.js ROUNDS [SECONDS=5]
// The machine's password-hash limit: bcrypt checks per second on ALL cores, at cost
// ROUNDS, with the `bcrypt` package (native, libuv thread pool sized to the cores).
// Token issue by password can not beat this: each request is one bcrypt check.
// Prints one line: BCRYPT {"rounds","cores","hashes_per_s","ms_per_hash_1core"}.
'use strict';
const os = require('os');
const cores = os.availableParallelism ? os.availableParallelism() : os.cpus().length;
// Must be set before the first thread-pool job (libuv reads it lazily).
if (!process.env.UV_THREADPOOL_SIZE) process.env.UV_THREADPOOL_SIZE = String(cores);

const rounds = parseInt(process.argv[2] || '4', 10);
const seconds = parseFloat(process.argv[3] || '5');
let bcrypt;
try {
  bcrypt = require('bcrypt');
} catch (e) {
  console.log('BCRYPT ' + JSON.stringify({ rounds, cores, error: 'bcrypt package not installed (npm ci)' }));
  process.exit(0);
}

(async () => {
  const hash = bcrypt.hashSync('bench-password-secret', rounds);
  // one core, synchronous: latency of one check
  let n1 = 0;
  const t1 = process.hrtime.bigint();
  const end1 = Date.now() + Math.min(1000, seconds * 200);
  while (Date.now() < end1) { bcrypt.compareSync('bench-password-secret', hash); n1++; }
  const ms1 = Number(process.hrtime.bigint() - t1) / 1e6 / n1;

  // all cores: keep 2 checks per pool thread in flight for SECONDS
  const inflight = 2 * parseInt(process.env.UV_THREADPOOL_SIZE, 10);
  const deadline = Date.now() + seconds * 1000;
  let done = 0;
  const t0 = process.hrtime.bigint();
  const lane = async () => {
    while (Date.now() < deadline) {
      if (!(await bcrypt.compare('bench-password-secret', hash))) throw new Error('bcrypt mismatch');
      done++;
    }
  };
  await Promise.all(Array.from({ length: inflight }, lane));
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log('BCRYPT ' + JSON.stringify({
    rounds, cores, threads: parseInt(process.env.UV_THREADPOOL_SIZE, 10),
    hashes_per_s: +(done / secs).toFixed(1), ms_per_hash_1core: +ms1.toFixed(3),
  }));
})().catch((e) => { console.error(e); process.exit(1); });
