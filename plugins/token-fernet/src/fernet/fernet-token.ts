/**
 * Fernet (https://github.com/fernet/spec) on node:crypto, with the
 * MultiFernet semantics Keystone relies on: encrypt with the first (primary)
 * key, decrypt with whichever key authenticates the token.
 *
 * Layout: 0x80 | uint64 BE timestamp | 16-byte IV | AES-128-CBC(PKCS7) | HMAC-SHA256
 * The HMAC covers everything before it. A key is 32 bytes: signing key first,
 * encryption key second.
 */
import { createCipheriv, createDecipheriv, createHmac, createSecretKey, randomBytes, timingSafeEqual } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { PythonBase64Error, pythonUrlsafeB64Decode } from './python-base64';

export const FERNET_VERSION = 0x80;
const HEADER_LEN = 1 + 8 + 16;
const HMAC_LEN = 32;
/** Version, timestamp, IV, one cipher block (PKCS7 always adds one), HMAC. */
const MIN_TOKEN_LEN = HEADER_LEN + 16 + HMAC_LEN;

export class InvalidKeyError extends Error {}

export class FernetKey {
  private constructor(
    /** The text of the key as stored (needed for credential key hashes). */
    readonly text: string,
    readonly signing: KeyObject,
    readonly encryption: Buffer,
  ) {}

  /** Parses a key the way cryptography's `Fernet(key)` does (lenient base64). */
  static parse(text: string): FernetKey {
    let raw: Buffer;
    try {
      raw = pythonUrlsafeB64Decode(text);
    } catch (e) {
      if (e instanceof PythonBase64Error) raw = Buffer.alloc(0);
      else throw e;
    }
    if (raw.length !== 32) throw new InvalidKeyError('Fernet key must be 32 url-safe base64-encoded bytes.');
    // A KeyObject keeps the signing key inside OpenSSL: no per-call key import.
    return new FernetKey(text, createSecretKey(raw.subarray(0, 16)), Buffer.from(raw.subarray(16, 32)));
  }

  /** `Fernet.generate_key()`: 32 random bytes, urlsafe base64 with padding. */
  static generateText(): string {
    return randomBytes(32).toString('base64url') + '=';
  }
}

export interface EncryptOptions {
  /** Seconds since the epoch; defaults to now (cryptography uses int(time.time())). */
  now?: number;
  /** Only for test vectors. */
  iv?: Buffer;
}

export function fernetEncrypt(key: FernetKey, plaintext: Uint8Array, opts: EncryptOptions = {}): Buffer {
  const now = opts.now ?? Math.floor(Date.now() / 1000);
  const iv = opts.iv ?? randomBytes(16);
  const header = Buffer.alloc(HEADER_LEN);
  header[0] = FERNET_VERSION;
  header.writeBigUInt64BE(BigInt(now), 1);
  iv.copy(header, 9);
  const cipher = createCipheriv('aes-128-cbc', key.encryption, iv);
  const body = Buffer.concat([header, cipher.update(plaintext), cipher.final()]);
  const mac = createHmac('sha256', key.signing).update(body).digest();
  return Buffer.concat([body, mac]);
}

/** The token's creation time (seconds), read from its header. */
export function fernetTimestamp(token: Buffer): bigint {
  return token.readBigUInt64BE(1);
}

/**
 * Authenticates then decrypts with each key in turn, returning null when no
 * key accepts the token (never throws on bad input: one failure path).
 */
export function fernetDecrypt(keys: readonly FernetKey[], token: Buffer): Buffer | null {
  if (token.length < MIN_TOKEN_LEN || (token.length - HEADER_LEN - HMAC_LEN) % 16 !== 0) return null;
  if (token[0] !== FERNET_VERSION) return null;
  const signed = token.subarray(0, token.length - HMAC_LEN);
  const mac = token.subarray(token.length - HMAC_LEN);
  for (const key of keys) {
    const expected = createHmac('sha256', key.signing).update(signed).digest();
    // Constant time: the comparison must not reveal how many bytes matched.
    if (!timingSafeEqual(expected, mac)) continue;
    try {
      const decipher = createDecipheriv('aes-128-cbc', key.encryption, token.subarray(9, HEADER_LEN));
      return Buffer.concat([decipher.update(token.subarray(HEADER_LEN, signed.length)), decipher.final()]);
    } catch {
      // Bad padding under a valid MAC: MultiFernet moves on to the next key.
      continue;
    }
  }
  return null;
}
