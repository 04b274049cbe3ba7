import { pbkdf2, randomBytes } from 'node:crypto';
import { decodeAb64, encodeAb64 } from './crypt-base64-codec';
import { digestsEqual, MalformedHashError, parseRoundsField, requireRange, type HashScheme } from './hash-scheme';

export const PBKDF2_MIN_ROUNDS = 1;
export const PBKDF2_MAX_ROUNDS = 0xffffffff;
const MAX_SALT_BYTES = 1024;
const KEY_BYTES = 64;
const NAME = 'pbkdf2_sha512';
const IDENT = '$pbkdf2-sha512$';

function derive(secret: Buffer, salt: Buffer, rounds: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    pbkdf2(secret, salt, rounds, KEY_BYTES, 'sha512', (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/** `$pbkdf2-sha512$<rounds>$<salt>$<key>` in ab64 (`./`, unpadded), as passlib writes. */
export async function hashPbkdf2Sha512(secret: Buffer, rounds: number, saltBytes: number): Promise<string> {
  const salt = randomBytes(saltBytes);
  const key = await derive(secret, salt, rounds);
  return `${IDENT}${rounds}$${encodeAb64(salt)}$${encodeAb64(key)}`;
}

async function verifyPbkdf2Sha512(secret: Buffer, hash: string): Promise<boolean> {
  const parts = hash.slice(IDENT.length).split('$');
  // An empty salt is legal (salt_bytesize may be 0); an empty digest is not.
  if (!hash.startsWith(IDENT) || parts.length !== 3 || parts[2] === '') {
    throw new MalformedHashError(NAME, 'expected rounds, salt and digest');
  }
  const rounds = parseRoundsField(NAME, parts[0]);
  requireRange(NAME, 'rounds', rounds, PBKDF2_MIN_ROUNDS, PBKDF2_MAX_ROUNDS);
  const salt = decodeAb64(parts[1]);
  const key = decodeAb64(parts[2]);
  if (!salt || !key) throw new MalformedHashError(NAME, 'bad base64');
  if (salt.length > MAX_SALT_BYTES) throw new MalformedHashError(NAME, 'salt too long');
  if (key.length !== KEY_BYTES) throw new MalformedHashError(NAME, 'digest is not 64 bytes');
  return digestsEqual(await derive(secret, salt, rounds), key);
}

export const pbkdf2Sha512Scheme: HashScheme = {
  name: NAME,
  idents: [IDENT],
  verify: verifyPbkdf2Sha512,
};
