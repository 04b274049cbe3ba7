// fernet-floor.js KEY_REPOSITORY TOKEN [SECONDS=3]
// The floor of token validation's crypto: one Fernet verify + decrypt of a real
// Keystone token with the real keys, in Node's crypto, on one core:
//   token (urlsafe base64, '=' padding stripped by Keystone)
//     = 0x80 | timestamp(8) | IV(16) | AES-128-CBC ciphertext | HMAC-SHA256(32)
//   key file (urlsafe base64 of 32 bytes) = signing key(16) | encryption key(16)
// Keys are tried in Keystone's order (highest number = primary first), like MultiFernet.
// Not included: msgpack decode of the payload, TTL checks, everything after.
// Prints one line: FERNET {"us_per_op","ops_per_s_1core"}.
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const [keyDir, token, secArg] = process.argv.slice(2);
if (!keyDir || !token) { console.error('usage: node fernet-floor.js KEY_REPO TOKEN [SECONDS]'); process.exit(2); }
const seconds = parseFloat(secArg || '3');
const keys = fs.readdirSync(keyDir).filter((f) => /^\d+$/.test(f)).map(Number).sort((a, b) => b - a)
  .map((n) => {
    const raw = Buffer.from(fs.readFileSync(path.join(keyDir, String(n)), 'utf8').trim(), 'base64url');
    if (raw.length !== 32) throw new Error(`bad key ${n}`);
    return { sign: raw.subarray(0, 16), enc: raw.subarray(16) };
  });

function fernetDecrypt(tok) {
  const raw = Buffer.from(tok, 'base64url');
  if (raw.length < 1 + 8 + 16 + 16 + 32 || raw[0] !== 0x80) throw new Error('not a fernet token');
  const signed = raw.subarray(0, raw.length - 32);
  const mac = raw.subarray(raw.length - 32);
  for (const k of keys) {
    if (crypto.timingSafeEqual(crypto.createHmac('sha256', k.sign).update(signed).digest(), mac)) {
      const d = crypto.createDecipheriv('aes-128-cbc', k.enc, raw.subarray(9, 25));
      return Buffer.concat([d.update(raw.subarray(25, raw.length - 32)), d.final()]);
    }
  }
  throw new Error('invalid token (no key matched)');
}

fernetDecrypt(token); // fails loudly on a bad token/key pair
const runFor = (ms) => {
  let n = 0;
  const t0 = process.hrtime.bigint();
  const end = Date.now() + ms;
  while (Date.now() < end) { for (let i = 0; i < 1000; i++) fernetDecrypt(token); n += 1000; }
  return Number(process.hrtime.bigint() - t0) / n; // ns per op
};
runFor(Math.min(500, seconds * 100)); // warm-up / JIT
const runs = Array.from({ length: 5 }, () => runFor((seconds * 1000) / 5)).sort((a, b) => a - b);
console.log('FERNET ' + JSON.stringify({
  us_per_op: +(runs[2] / 1000).toFixed(3), ops_per_s_1core: Math.round(1e9 / runs[2]),
}));
