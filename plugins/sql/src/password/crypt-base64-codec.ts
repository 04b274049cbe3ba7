/**
 * The four base64 dialects found in Keystone's password column. They differ
 * in alphabet and bit order, and mixing them up silently produces hashes that
 * nothing else can verify, so each has its own pair of functions here.
 *
 * - "b64s": standard alphabet (`+/`), no `=` padding. passlib's `$scrypt$`.
 * - "ab64": b64s with `.` instead of `+`. passlib's `$pbkdf2-sha512$`.
 * - "bcrypt64": `./A-Za-z0-9`, big-endian like standard base64. bcrypt.
 * - "hash64": `./0-9A-Za-z`, little-endian (crypt(3)). sha512_crypt, `$7$`.
 *
 * Decoders are strict about the alphabet (Node's own base64 decoder skips
 * junk, which would let a corrupt hash decode to something unexpected) and
 * return null instead of throwing, so callers treat it as a malformed hash.
 */

const STANDARD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BCRYPT64 = './ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const HASH64_ALPHABET = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

const B64S_RE = /^[A-Za-z0-9+/]*$/;
const AB64_RE = /^[A-Za-z0-9+./]*$/;
const BCRYPT64_RE = /^[./A-Za-z0-9]*$/;

const HASH64_VALUES = new Map<string, number>([...HASH64_ALPHABET].map((c, i) => [c, i]));

/** A length of 1 mod 4 cannot carry a whole byte; passlib rejects it too. */
function decodableLength(text: string): boolean {
  return text.length % 4 !== 1;
}

export function encodeB64s(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64').replace(/=+$/, '');
}

export function decodeB64s(text: string): Buffer | null {
  if (!B64S_RE.test(text) || !decodableLength(text)) return null;
  return Buffer.from(text, 'base64');
}

export function encodeAb64(bytes: Uint8Array): string {
  return encodeB64s(bytes).replace(/\+/g, '.');
}

/** Accepts `+` as well as `.`, as passlib does. */
export function decodeAb64(text: string): Buffer | null {
  if (!AB64_RE.test(text) || !decodableLength(text)) return null;
  return Buffer.from(text.replace(/\./g, '+'), 'base64');
}

function translate(text: string, from: string, to: string): string {
  let out = '';
  for (const c of text) out += to[from.indexOf(c)];
  return out;
}

export function encodeBcrypt64(bytes: Uint8Array): string {
  return translate(encodeB64s(bytes), STANDARD, BCRYPT64);
}

/** Unused low bits of the last character are ignored, like passlib's repair step. */
export function decodeBcrypt64(text: string): Buffer | null {
  if (!BCRYPT64_RE.test(text) || !decodableLength(text)) return null;
  return Buffer.from(translate(text, BCRYPT64, STANDARD), 'base64');
}

/** crypt(3)'s little-endian hash64: each 3 bytes become 4 characters, low bits first. */
export function encodeHash64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = Math.min(3, bytes.length - i);
    let w = bytes[i];
    if (n > 1) w |= bytes[i + 1] << 8;
    if (n > 2) w |= bytes[i + 2] << 16;
    for (let k = 0; k <= n; k++) {
      out += HASH64_ALPHABET[w & 0x3f];
      w >>>= 6;
    }
  }
  return out;
}

export function decodeHash64(text: string): Buffer | null {
  if (!decodableLength(text)) return null;
  const values: number[] = [];
  for (const c of text) {
    const v = HASH64_VALUES.get(c);
    if (v === undefined) return null;
    values.push(v);
  }
  const out: number[] = [];
  for (let i = 0; i < values.length; i += 4) {
    const group = values.slice(i, i + 4);
    let w = 0;
    group.forEach((v, k) => (w |= v << (6 * k)));
    for (let k = 0; k < group.length - 1; k++) out.push((w >>> (8 * k)) & 0xff);
  }
  return Buffer.from(out);
}

/** A little-endian integer in hash64 (the `$7$` header's N, r and p fields). */
export function decodeHash64Int(text: string): number | null {
  let value = 0;
  for (let k = text.length - 1; k >= 0; k--) {
    const v = HASH64_VALUES.get(text[k]);
    if (v === undefined) return null;
    value = value * 64 + v;
  }
  return value;
}
