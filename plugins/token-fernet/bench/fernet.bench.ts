/**
 * Verify+decrypt throughput of a typical Keystone token: our node:crypto
 * Fernet against the `fernet` npm package (crypto-js).
 *
 *   node -r ./plugins/token-fernet/test/support/register-ts.js plugins/token-fernet/bench/fernet.bench.ts
 *
 * The npm package decodes plaintext as UTF-8 text, which a msgpack payload is
 * not, so its speed is measured on a token of the same size carrying an ASCII
 * payload; its behaviour on the real token is reported separately.
 */
import { randomUUID } from 'node:crypto';
import { decodeCanonical, encodeUnpadded } from '../src/fernet/base64url';
import { FernetKey, fernetDecrypt, fernetEncrypt } from '../src/fernet/fernet-token';
import { AuthMethodMap } from '../src/payloads/auth-methods';
import { TokenFormatter } from '../src/token-formatter';

const fernetNpm = require('fernet') as {
  Secret: new (key: string) => unknown;
  Token: new (o: { secret: unknown; token: string; ttl: number }) => { decode(): string };
};

const hex = () => randomUUID().replace(/-/g, '');
const keyTexts = [0, 1, 2].map(() => FernetKey.generateText());
const keys = keyTexts.map((k) => FernetKey.parse(k));
const formatter = new TokenFormatter({ methods: new AuthMethodMap(), defaultDomainId: 'default' });
const payload = {
  userId: hex(),
  methods: ['password'],
  projectId: hex(),
  expiresAt: Math.floor(Date.now() / 1000) + 3600,
  auditIds: [Buffer.from(randomUUID().replace(/-/g, ''), 'hex').toString('base64url')],
};
const token = formatter.create(payload, keys[0]);
const tokenByOldestKey = formatter.create(payload, keys[2]);
const plainBytes = formatter.serialize(payload).bytes;
const asciiToken = encodeUnpadded(fernetEncrypt(keys[0], Buffer.from('x'.repeat(plainBytes.length))));

/** ops/s of one timed slice. */
function slice(fn: () => unknown, ms: number): number {
  let n = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(ms) * 1_000_000n;
  let now = start;
  while (now < end) {
    for (let i = 0; i < 200; i++) fn();
    n += 200;
    now = process.hrtime.bigint();
  }
  return n / (Number(now - start) / 1e9);
}

/**
 * Cases run interleaved in short slices and the median is reported: on a
 * shared machine, load drifts over seconds and would otherwise favour
 * whichever case happened to run in a quiet moment.
 */
function benchAll(cases: Array<[string, () => unknown]>, rounds = 9, ms = 250): void {
  for (const [, fn] of cases) for (let i = 0; i < 2000; i++) fn(); // warm-up
  const samples = cases.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) cases.forEach(([, fn], i) => samples[i].push(slice(fn, ms)));
  cases.forEach(([name], i) => {
    const sorted = samples[i].sort((a, b) => a - b);
    const median = sorted[Math.floor(sorted.length / 2)];
    const range = `${Math.round(sorted[0]).toLocaleString('en-US')}–${Math.round(sorted[sorted.length - 1]).toLocaleString('en-US')}`;
    console.log(`${name.padEnd(58)} ${Math.round(median).toLocaleString('en-US').padStart(8)} ops/s  ${(1e6 / median).toFixed(1).padStart(6)} µs/op  (range ${range})`);
  });
}

console.log(`node ${process.version}, OpenSSL ${process.versions.openssl}; token ${token.length} chars, payload ${plainBytes.length} bytes`);
const secret = new fernetNpm.Secret(keyTexts[0]);
benchAll([
  ['node:crypto  verify+decrypt (primary key)', () => fernetDecrypt(keys, decodeCanonical(token)!)],
  ['node:crypto  verify+decrypt (3rd of 3 keys)', () => fernetDecrypt(keys, decodeCanonical(tokenByOldestKey)!)],
  ['node:crypto  verify+decrypt, ASCII payload', () => fernetDecrypt(keys, decodeCanonical(asciiToken)!)],
  ['fernet npm   verify+decrypt, ASCII payload', () => new fernetNpm.Token({ secret, token: asciiToken, ttl: 0 }).decode()],
  ['node:crypto  full validate (+ msgpack, payload facts)', () => formatter.validate(token, keys)],
  ['node:crypto  issue (payload + encrypt + sign)', () => formatter.create(payload, keys[0])],
]);

let npmOnReal: string;
try {
  const out = new fernetNpm.Token({ secret, token, ttl: 0 }).decode();
  npmOnReal = Buffer.from(out, 'utf8').equals(plainBytes) ? 'correct' : 'wrong bytes (decoded as UTF-8 text)';
} catch (e) {
  npmOnReal = `throws: ${(e as Error).message}`;
}
console.log(`fernet npm on the real msgpack token: ${npmOnReal}`);
