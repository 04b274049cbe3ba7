import { ValidationError } from '@keystone-ts/plugin-sdk';

const MALFORMED = 'Timestamp not in expected format. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.';
const PAST = "The 'expires_at' must not be before now. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.";

// Keystone appends 'Z' when missing and then parses: so the time is UTC, and an explicit offset fails.
const ISO_UTC = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?Z$/i;

/** Keystone's parse_expiration_date: a UTC time, not in the past. @throws ValidationError */
export function parseTrustExpiry(value: string): Date {
  const m = ISO_UTC.exec(value.endsWith('Z') ? value : `${value}Z`);
  if (!m) throw new ValidationError(MALFORMED);
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = ''] = m;
  const fields = [+mo, +d, +h, +mi, +s];
  if (fields[0] < 1 || fields[0] > 12 || fields[1] < 1 || fields[1] > 31 || fields[2] > 23 || fields[3] > 59 || fields[4] > 59) {
    throw new ValidationError(MALFORMED);
  }
  const ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s) + Number(frac.padEnd(3, '0').slice(0, 3));
  const date = new Date(ms);
  if (date.getUTCDate() !== +d) throw new ValidationError(MALFORMED);
  if (ms <= Date.now()) throw new ValidationError(PAST);
  return date;
}
