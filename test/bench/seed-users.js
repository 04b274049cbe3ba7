// seed-users.js BASE_URL ADMIN_TOKEN FROM TO [CONCURRENCY=4] [PREFIX=bench-user-]
// Creates users PREFIX<FROM>..PREFIX<TO-1> (5 digits) in domain default through the
// API (POST /v3/users), each with a password (hashed by the server with its own
// configured algorithm and rounds), so they are real local users. 409 (exists) counts
// as done. Bounded: each request times out after 60 s, 3 tries, TO - FROM <= 20000.
// Prints one line: SEED {"created","existing","failed","seconds","per_s","codes"};
// exit 1 if any failed.
'use strict';
const [base0, token, fromArg, toArg, concArg, prefixArg] = process.argv.slice(2);
if (!base0 || !token || fromArg === undefined || toArg === undefined) {
  console.error('usage: node seed-users.js BASE_URL ADMIN_TOKEN FROM TO [CONCURRENCY] [PREFIX]');
  process.exit(2);
}
const base = base0.replace(/\/+$/, '').replace(/\/v3$/, '') + '/v3';
const from = parseInt(fromArg, 10);
const to = parseInt(toArg, 10);
const conc = parseInt(concArg || '4', 10);
const prefix = prefixArg || 'bench-user-';
if (!(to >= from) || to - from > 20000) { console.error('seed-users: bad range'); process.exit(2); }

const codes = {};
let created = 0, existing = 0, failed = 0, next = from;
async function createOne(i) {
  const name = prefix + String(i).padStart(5, '0');
  const body = JSON.stringify({ user: {
    name, domain_id: 'default', enabled: true, password: `pw-${i}-secret`,
    description: `benchmark user ${i}`, email: `${name}@example.org` } });
  let last = '';
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const r = await fetch(base + '/users', {
        method: 'POST', body, signal: AbortSignal.timeout(60000),
        headers: { 'X-Auth-Token': token, 'Content-Type': 'application/json', Accept: 'application/json' },
      });
      await r.arrayBuffer();
      last = String(r.status);
      if (r.status === 201 || r.status === 409) break;
      if (r.status < 500 && r.status !== 429) break; // a client error will not get better
    } catch (e) {
      last = e.name || 'error';
    }
    await new Promise((res) => setTimeout(res, 500 * (attempt + 1)));
  }
  codes[last] = (codes[last] || 0) + 1;
  if (last === '201') created++; else if (last === '409') existing++; else failed++;
}
(async () => {
  const t0 = Date.now();
  await Promise.all(Array.from({ length: conc }, async () => {
    while (next < to) await createOne(next++);
  }));
  const secs = (Date.now() - t0) / 1000;
  console.log('SEED ' + JSON.stringify({ created, existing, failed, seconds: +secs.toFixed(1),
    per_s: +((to - from) / Math.max(secs, 0.001)).toFixed(1), codes }));
  process.exit(failed ? 1 : 0);
})();
