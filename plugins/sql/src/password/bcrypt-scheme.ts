import { randomBytes } from 'node:crypto';
import * as bcrypt from 'bcrypt';
import { decodeBcrypt64, encodeBcrypt64 } from './crypt-base64-codec';
import { digestsEqual, MalformedHashError, requireRange, type HashScheme } from './hash-scheme';

export const BCRYPT_MIN_ROUNDS = 4;
export const BCRYPT_MAX_ROUNDS = 31;

const NAME = 'bcrypt';
// passlib: ident, then exactly two cost digits, then 22 salt + 31 checksum chars.
const BCRYPT_RE = /^\$(2|2a|2x|2y|2b)\$(\d\d)\$([./A-Za-z0-9]{22})([./A-Za-z0-9]{31})$/;

/**
 * passlib (and so Keystone) refuses NUL bytes for bcrypt: C implementations
 * stop at the first NUL, so "a\0b" and "a" would share one hash.
 */
export function bcryptAcceptsSecret(secret: Buffer): boolean {
  return !secret.includes(0);
}

/** `$2b$` hash as passlib writes it (salt padding bits are zero by construction). */
export async function hashBcrypt(secret: Buffer, rounds: number): Promise<string> {
  const salt = encodeBcrypt64(randomBytes(16));
  return bcrypt.hash(secret, `$2b$${String(rounds).padStart(2, '0')}$${salt}`);
}

/**
 * Every variant is computed as `$2b$`, which is what passlib does on top of
 * the `bcrypt` package Debian ships with Zed:
 * - `$2a$`, `$2y$`: the same algorithm as `$2b$` once the key is capped at
 *   72 bytes (that backend has no 2a length-wraparound bug, so neither may we,
 *   and node's own `$2a$` path does wrap around at 255 bytes);
 * - `$2$`: the original variant cycles the key without its NUL, emulated by
 *   repeating the password to 72 bytes, passlib's own workaround;
 * - `$2x$` (crypt_blowfish's buggy sign-extension): passlib refuses it.
 * Only the 31-character checksum is compared, decoded, so a stored hash
 * whose unused padding bits are set still verifies, as passlib allows.
 */
async function verifyBcrypt(secret: Buffer, hash: string): Promise<boolean> {
  const m = BCRYPT_RE.exec(hash);
  if (!m) throw new MalformedHashError(NAME, 'unexpected layout');
  const [, variant, cost, salt, checksum] = m;
  if (variant === '2x') throw new MalformedHashError(NAME, "'$2x$' hashes are not supported");
  const rounds = Number(cost);
  requireRange(NAME, 'rounds', rounds, BCRYPT_MIN_ROUNDS, BCRYPT_MAX_ROUNDS);
  if (!bcryptAcceptsSecret(secret)) return false;

  let key = secret;
  if (variant === '2' && secret.length > 0) {
    key = Buffer.alloc(72);
    for (let i = 0; i < 72; i++) key[i] = secret[i % secret.length];
  }
  try {
    const computed = await bcrypt.hash(key, `$2b$${cost}$${salt}`);
    const mine = decodeBcrypt64(computed.slice(-31));
    const stored = decodeBcrypt64(checksum);
    if (!mine || !stored) throw new MalformedHashError(NAME, 'undecodable checksum');
    return digestsEqual(mine, stored);
  } finally {
    if (key !== secret) key.fill(0);
  }
}

export const bcryptScheme: HashScheme = {
  name: NAME,
  idents: ['$2$', '$2a$', '$2x$', '$2y$', '$2b$'],
  verify: verifyBcrypt,
};
