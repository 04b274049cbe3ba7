/**
 * Expiry as Keystone carries it: a float of seconds since the epoch in the
 * payload, an ISO 8601 string outside it.
 *
 * Packing: Keystone turns the expiry string into `timedelta.total_seconds()`,
 * i.e. whole microseconds divided by 1e6. We round the caller's number to the
 * microsecond and divide the same way, which gives the very same double.
 *
 * Unpacking: `datetime.utcfromtimestamp(f)` rounds to the microsecond, half to
 * even (so x.9999996 carries into the next second), then `isotime(...,
 * subsecond=True)` zeroes the microseconds: the result always ends in
 * '.000000Z'. Both steps are reproduced.
 */
import { MalformedPayload } from './payload-types';
import { PyFloat } from './python-msgpack';

/** Python's datetime range ends at 9999-12-31T23:59:59. */
const MAX_SECONDS = 253402300799;
const MIN_SECONDS = -62135596800; // 0001-01-01T00:00:00

export function packExpiry(expiresAt: number): PyFloat {
  if (!Number.isFinite(expiresAt)) throw new RangeError('expiresAt must be a finite number of seconds');
  return new PyFloat(Math.round(expiresAt * 1e6) / 1e6);
}

/** C's round(): half away from zero. */
function cRound(x: number): number {
  const t = Math.trunc(x);
  return Math.abs(x - t) >= 0.5 ? t + Math.sign(x) : t;
}

/** CPython's `_PyTime_RoundHalfEven`. */
function roundHalfEven(x: number): number {
  const r = cRound(x);
  return Math.abs(x - r) === 0.5 ? 2 * cRound(x / 2) : r;
}

/** Whole seconds of `utcfromtimestamp(value)` (microseconds rounded, then dropped). */
export function pythonTimestampSeconds(value: number | bigint): number {
  if (typeof value === 'bigint') {
    if (value > BigInt(MAX_SECONDS) || value < BigInt(MIN_SECONDS)) throw new MalformedPayload('timestamp out of range');
    return Number(value);
  }
  if (!Number.isFinite(value)) throw new MalformedPayload('timestamp is not finite');
  let intPart = Math.trunc(value);
  const frac = roundHalfEven((value - intPart) * 1e6);
  if (frac >= 1e6) intPart += 1;
  else if (frac < 0) intPart -= 1;
  if (intPart > MAX_SECONDS || intPart < MIN_SECONDS) throw new MalformedPayload('timestamp out of range');
  return intPart;
}

/** `isotime(at, subsecond=True)` for whole seconds: 'YYYY-MM-DDTHH:MM:SS.000000Z'. */
export function isoFromSeconds(seconds: number): string {
  const iso = new Date(seconds * 1000).toISOString();
  // Python's strftime('%Y') does not zero-pad years before 1000 (glibc).
  const year = Number(iso.slice(0, 4));
  return `${year < 1000 ? String(year) + iso.slice(4, 19) : iso.slice(0, 19)}.000000Z`;
}

/** Unpacks a payload expiry: whole seconds as Keystone reports them, and the string. */
export function unpackExpiry(v: unknown): { seconds: number; iso: string } {
  let n: number | bigint;
  if (typeof v === 'number' || typeof v === 'bigint') n = v;
  else if (typeof v === 'boolean') n = v ? 1 : 0; // Python bools are ints
  else throw new MalformedPayload('expiry is not a number');
  const seconds = pythonTimestampSeconds(n);
  return { seconds, iso: isoFromSeconds(seconds) };
}

/**
 * Keystone's expiry string → the seconds it would pack (oslo's
 * parse_isotime + normalize_time): for callers holding an ISO string such as
 * an application credential's `expires_at`. Naive strings are UTC.
 */
export function isoToEpochSeconds(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,6})\d*)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(iso.trim());
  if (!m) throw new RangeError(`Unable to parse date string '${iso}'`);
  const [, y, mo, d, h, mi, s, frac = '', tz] = m;
  const whole = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s) / 1000;
  let offset = 0;
  if (tz && tz.toUpperCase() !== 'Z') {
    const sign = tz[0] === '-' ? -1 : 1;
    const digits = tz.slice(1).replace(':', '');
    offset = sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2, 4)) * 60);
  }
  const micros = (whole - offset) * 1e6 + Number(frac.padEnd(6, '0'));
  return micros / 1e6;
}
