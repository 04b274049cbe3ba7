import { createHash, type Hash } from 'node:crypto';
import { encodeHash64, HASH64_ALPHABET } from './crypt-base64-codec';
import { digestsEqual, MalformedHashError, parseRoundsField, requireRange, type HashScheme } from './hash-scheme';

/**
 * SHA-512-crypt (`$6$`, Ulrich Drepper's "Unix crypt using SHA-256 and
 * SHA-512" spec, as in glibc). Keystone only verifies it, for passwords
 * stored by releases before Pike, so it is written for clarity, with a yield
 * to the event loop every few thousand rounds instead of a worker thread.
 */

const NAME = 'sha512_crypt';
const IMPLICIT_ROUNDS = 5000;
export const SHA512_CRYPT_MIN_ROUNDS = 1000;
export const SHA512_CRYPT_MAX_ROUNDS = 999_999_999;
const MAX_SALT_CHARS = 16;
const ROUNDS_PER_SLICE = 2000;
const CHECKSUM_RE = new RegExp(`^[${HASH64_ALPHABET.replace(/[./]/g, '\\$&')}]{86}$`);
const SALT_RE = new RegExp(`^[${HASH64_ALPHABET.replace(/[./]/g, '\\$&')}]{0,${MAX_SALT_CHARS}}$`);

// Byte order of the final digest in the output (the spec's b64_from_24bit
// triples, written as little-endian groups).
const TRANSPOSE = [
  42, 21, 0, 1, 43, 22, 23, 2, 44, 45, 24, 3, 4, 46, 25, 26, 5, 47, 48, 27, 6, 7, 49, 28, 29, 8, 50, 51, 30, 9, 10, 52,
  31, 32, 11, 53, 54, 33, 12, 13, 55, 34, 35, 14, 56, 57, 36, 15, 16, 58, 37, 38, 17, 59, 60, 39, 18, 19, 61, 40, 41, 20, 62, 63,
];

const sha512 = (): Hash => createHash('sha512');

/** `length` bytes of `block` repeated (the spec's P and S sequences). */
function repeatTo(block: Buffer, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i += block.length) block.copy(out, i, 0, Math.min(block.length, length - i));
  return out;
}

const nextTick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** The 86-character checksum for a password, salt (≤ 16 chars) and rounds. */
export async function sha512CryptChecksum(password: Buffer, saltText: string, rounds: number): Promise<string> {
  const salt = Buffer.from(saltText, 'latin1');
  const pLen = password.length;

  const b = sha512().update(password).update(salt).update(password).digest();
  const a = sha512().update(password).update(salt);
  for (let n = pLen; n > 0; n -= 64) a.update(b.subarray(0, Math.min(64, n)));
  for (let n = pLen; n > 0; n >>= 1) a.update(n & 1 ? b : password);
  let digest = a.digest();

  const dp = sha512();
  for (let i = 0; i < pLen; i++) dp.update(password);
  const p = repeatTo(dp.digest(), pLen);
  const ds = sha512();
  for (let i = 0; i < 16 + digest[0]; i++) ds.update(salt);
  const s = repeatTo(ds.digest(), salt.length);

  for (let i = 0; i < rounds; i++) {
    const c = sha512();
    c.update(i & 1 ? p : digest);
    if (i % 3) c.update(s);
    if (i % 7) c.update(p);
    c.update(i & 1 ? digest : p);
    digest = c.digest();
    if (i % ROUNDS_PER_SLICE === ROUNDS_PER_SLICE - 1) await nextTick();
  }
  p.fill(0);
  return encodeHash64(Buffer.from(TRANSPOSE.map((k) => digest[k])));
}

/**
 * passlib's parse of `$6$[rounds=N$]salt$checksum`. It is stricter than
 * glibc (which clamps rounds and cuts long salts): a stored hash with a
 * checksum must already be in range, else passlib, and so Keystone, refuses.
 */
async function verifySha512Crypt(secret: Buffer, hash: string): Promise<boolean> {
  const parts = hash.slice(3).split('$');
  let rounds = IMPLICIT_ROUNDS;
  if (parts[0].startsWith('rounds=')) rounds = parseRoundsField(NAME, parts.shift()!.slice(7));
  if (parts.length !== 2 || parts[1] === '') throw new MalformedHashError(NAME, 'expected salt and checksum');
  const [salt, checksum] = parts;
  requireRange(NAME, 'rounds', rounds, SHA512_CRYPT_MIN_ROUNDS, SHA512_CRYPT_MAX_ROUNDS);
  if (!SALT_RE.test(salt)) throw new MalformedHashError(NAME, 'bad salt');
  if (!CHECKSUM_RE.test(checksum)) throw new MalformedHashError(NAME, 'bad checksum');
  // passlib refuses NUL in the secret for crypt(3)-family hashes.
  if (secret.includes(0)) return false;
  const computed = await sha512CryptChecksum(secret, salt, rounds);
  return digestsEqual(Buffer.from(computed, 'latin1'), Buffer.from(checksum, 'latin1'));
}

export const sha512CryptScheme: HashScheme = {
  name: NAME,
  idents: ['$6$'],
  verify: verifySha512Crypt,
};
