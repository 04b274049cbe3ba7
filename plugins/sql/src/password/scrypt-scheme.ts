import { randomBytes, scrypt } from 'node:crypto';
import { decodeB64s, decodeHash64, decodeHash64Int, encodeB64s } from './crypt-base64-codec';
import { digestsEqual, MalformedHashError, requireRange, type HashScheme } from './hash-scheme';

export const SCRYPT_MIN_ROUNDS = 1;
export const SCRYPT_MAX_ROUNDS = 31;
/** passlib's HasRawSalt limit; Keystone itself caps new salts at 96 bytes. */
const MAX_SALT_BYTES = 1024;
const KEY_BYTES = 32;
const MAX_RP = 2 ** 30 - 1;
/**
 * Ceiling on the memory one scrypt call may take: 2 GiB (Keystone's default
 * ln=16, r=8 takes 64 MiB; ln=20, r=8 takes 1 GiB). passlib would try
 * whatever a stored hash asks for; a corrupt or hostile row claiming ln=31
 * must not take the process down, so above this the hash is unverifiable
 * and such settings are refused at start.
 */
export const SCRYPT_MAX_MEMORY = 2 * 1024 ** 3;

const NAME = 'scrypt';

export interface ScryptParams {
  /** log2(N), what passlib calls rounds. */
  ln: number;
  r: number;
  p: number;
}

/** OpenSSL's own accounting (B + V buffers), which `maxmem` is checked against. */
function memoryNeeded({ ln, r, p }: ScryptParams): number {
  return 128 * r * (p + 2 ** ln + 2);
}

/**
 * Why a parameter set cannot run, or null. Beyond passlib's checks this
 * includes OpenSSL's N < 2^(16r) rule, which passlib only meets at hash
 * time (Keystone with scrypt_block_size=1 and default rounds fails there).
 */
export function scryptParamsProblem(params: ScryptParams): string | null {
  const { ln, r, p } = params;
  if (!Number.isInteger(ln) || ln < SCRYPT_MIN_ROUNDS || ln > SCRYPT_MAX_ROUNDS) return `rounds (ln) ${ln} outside 1..31`;
  if (!Number.isInteger(r) || r < 1) return `block size ${r} must be at least 1`;
  if (!Number.isInteger(p) || p < 1) return `parallelism ${p} must be at least 1`;
  if (r * p > MAX_RP) return 'block size * parallelism must be below 2^30';
  if (16 * r <= 31 && ln >= 16 * r) return `N=2^${ln} must be below 2^(16*r)=2^${16 * r}`;
  if (memoryNeeded(params) > SCRYPT_MAX_MEMORY) return `needs more than ${SCRYPT_MAX_MEMORY} bytes of memory`;
  return null;
}

function derive(secret: Buffer, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const maxmem = Math.ceil(memoryNeeded(params) * 1.05) + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_BYTES, { N: 2 ** params.ln, r: params.r, p: params.p, maxmem }, (err, key) =>
      err ? reject(err) : resolve(key),
    );
  });
}

/** `$scrypt$ln=..,r=..,p=..$<salt>$<key>`, salt and key in b64s (`+/`, unpadded), as passlib writes. */
export async function hashScrypt(secret: Buffer, params: ScryptParams, saltBytes: number): Promise<string> {
  const salt = randomBytes(saltBytes);
  const key = await derive(secret, salt, params);
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${encodeB64s(salt)}$${encodeB64s(key)}`;
}

interface ParsedScrypt extends ScryptParams {
  salt: Buffer;
  key: Buffer;
}

function parseInt10(text: string): number {
  if (!/^\d+$/.test(text)) throw new MalformedHashError(NAME, 'non-numeric setting');
  return Number(text);
}

function parsePasslibFormat(hash: string): ParsedScrypt {
  const parts = hash.slice('$scrypt$'.length).split('$');
  if (parts.length !== 3 || parts[2] === '') throw new MalformedHashError(NAME, 'expected settings, salt and digest');
  const settings = parts[0].split(',');
  if (settings.length !== 3 || !settings[0].startsWith('ln=') || !settings[1].startsWith('r=') || !settings[2].startsWith('p=')) {
    throw new MalformedHashError(NAME, 'malformed settings field');
  }
  const salt = decodeB64s(parts[1]);
  const key = decodeB64s(parts[2]);
  if (!salt || !key) throw new MalformedHashError(NAME, 'bad base64');
  const [ln, r, p] = [settings[0].slice(3), settings[1].slice(2), settings[2].slice(2)].map(parseInt10);
  return { ln, r, p, salt, key };
}

/**
 * `$7$` (Colin Percival's / libsodium's format), which passlib's scrypt also
 * verifies: one hash64 char for log2(N), five each for r and p
 * (little-endian), then the salt, used as its literal ASCII text.
 */
function parseSevenFormat(hash: string): ParsedScrypt {
  const parts = hash.slice('$7$'.length).split('$');
  if (parts.length !== 2 || parts[1] === '') throw new MalformedHashError(NAME, 'expected settings and digest');
  const settings = parts[0];
  if (settings.length < 11 || !/^[\x00-\x7f]*$/.test(settings)) throw new MalformedHashError(NAME, 'settings field too short');
  const ln = decodeHash64Int(settings.slice(0, 1));
  const r = decodeHash64Int(settings.slice(1, 6));
  const p = decodeHash64Int(settings.slice(6, 11));
  const key = decodeHash64(parts[1]);
  if (ln === null || r === null || p === null || !key) throw new MalformedHashError(NAME, 'bad hash64');
  return { ln, r, p, salt: Buffer.from(settings.slice(11), 'latin1'), key };
}

async function verifyScrypt(secret: Buffer, hash: string): Promise<boolean> {
  const parsed = hash.startsWith('$7$') ? parseSevenFormat(hash) : parsePasslibFormat(hash);
  requireRange(NAME, 'rounds', parsed.ln, SCRYPT_MIN_ROUNDS, SCRYPT_MAX_ROUNDS);
  if (parsed.salt.length > MAX_SALT_BYTES) throw new MalformedHashError(NAME, 'salt too long');
  if (parsed.key.length !== KEY_BYTES) throw new MalformedHashError(NAME, 'digest is not 32 bytes');
  const problem = scryptParamsProblem(parsed);
  if (problem) throw new MalformedHashError(NAME, problem);
  return digestsEqual(await derive(secret, parsed.salt, parsed), parsed.key);
}

export const scryptScheme: HashScheme = {
  name: NAME,
  idents: ['$scrypt$', '$7$'],
  verify: verifyScrypt,
};
