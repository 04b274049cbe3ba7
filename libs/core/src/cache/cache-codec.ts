import { createHash, randomBytes } from 'node:crypto';

/**
 * What goes over the wire: values as JSON with Dates kept (token models and
 * revocation events carry Dates), keys as fixed-length hashes.
 *
 * FORMAT is part of every value key: bump it when a cached shape changes, so
 * servers of two releases sharing a cache during an upgrade never read each
 * other's entries.
 */
const FORMAT = 'v1';

/** A value no encoding produces (encodings start with '['): "deleted recently, do not refill". */
export const TOMBSTONE = '~';

/** A logical key: a string or a tuple of scalars (joined unambiguously). */
export type CacheKey = string | readonly (string | number | boolean | null)[];

const DATE_TAG = '\u0000date';

export function encodeValue(value: unknown): string {
  return JSON.stringify([value === undefined ? null : value], function (this: Record<string, unknown>, k: string, v: unknown) {
    // JSON.stringify has already called Date#toJSON on `v`; the holder still has the Date.
    const raw = this[k];
    return raw instanceof Date ? { [DATE_TAG]: raw.getTime() } : v;
  });
}

/** undefined when the text is not one of our encodings (tombstone, other release, corruption). */
export function decodeValue<T>(text: string | undefined): { value: T } | undefined {
  if (text === undefined || !text.startsWith('[')) return undefined;
  try {
    // A plain parse and a walk only when a Date was encoded: a JSON.parse reviver is ~4x slower,
    // and decoding is on the hot path of every warm token validation.
    const parsed = JSON.parse(text) as unknown[];
    if (!Array.isArray(parsed) || parsed.length !== 1) return undefined;
    return { value: (text.includes(ENCODED_DATE_TAG) ? reviveDates(parsed[0]) : parsed[0]) as T };
  } catch {
    return undefined;
  }
}

/** How DATE_TAG looks inside JSON text (JSON escapes the NUL). */
const ENCODED_DATE_TAG = JSON.stringify(DATE_TAG).slice(1, -1);

/** Turns `{DATE_TAG: ms}` objects back into Dates, in place; returns the (possibly replaced) value. */
function reviveDates(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = reviveDates(v[i]);
    return v;
  }
  const obj = v as Record<string, unknown>;
  const ms = obj[DATE_TAG];
  if (typeof ms === 'number' && Object.keys(obj).length === 1) return new Date(ms);
  for (const k of Object.keys(obj)) {
    const x = obj[k];
    if (x === null || typeof x !== 'object') continue;
    const revived = reviveDates(x);
    // defineProperty: a '__proto__' key parsed from JSON is an own property and must stay one.
    if (revived !== x) Object.defineProperty(obj, k, { value: revived, writable: true, enumerable: true, configurable: true });
  }
  return obj;
}

export function logicalKey(key: CacheKey): string {
  return typeof key === 'string' ? key : JSON.stringify(key);
}

/** Key names on the backend: `<ns>:g:<region>` for generations, `<ns>:v:<hash>` for values. */
export class CacheKeys {
  readonly ns: string;

  constructor(configPrefix: string) {
    // Short, safe for memcached (no spaces, < 250 bytes) and Redis alike.
    const clean = configPrefix.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 40);
    this.ns = `ks:${clean || 'cache'}`;
  }

  generation(region: string): string {
    return `${this.ns}:g:${region}`;
  }

  value(region: string, generations: readonly string[], logical: string): string {
    const h = createHash('sha256').update(FORMAT).update('\0').update(region).update('\0').update(generations.join(',')).update('\0').update(logical);
    return `${this.ns}:v:${h.digest('base64url')}`;
  }
}

/** A fresh generation: random, so a generation lost to eviction or a restart can never come back. */
export function newGeneration(): string {
  return randomBytes(9).toString('base64url');
}
