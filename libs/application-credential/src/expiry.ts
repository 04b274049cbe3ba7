import { ValidationError } from '@keystone-ts/plugin-sdk';

const MALFORMED = 'Timestamp not in expected format. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.';
const PAST = "The 'expires_at' must not be before now. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.";

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:Z|([+-])(\d{2}):?(\d{2}))?$/i;

/**
 * Keystone's parse_expiration_date, to the microsecond: a naive time is UTC,
 * an offset is honoured, a past time is refused. Returns microseconds since
 * the epoch (what Keystone's DateTimeInt column stores).
 */
export function parseExpiresAt(value: string): number {
  const m = ISO.exec(value.trim());
  if (!m) throw new ValidationError(MALFORMED);
  const [, y, mo, d, h, mi, s, frac, sign, oh, om] = m;
  const ms = Date.UTC(+y, +mo - 1, +d, +h, +mi, +(s ?? 0));
  if (Number.isNaN(ms) || +mo < 1 || +mo > 12 || +d < 1 || +d > 31 || +h > 23 || +mi > 59 || +(s ?? 0) > 59) throw new ValidationError(MALFORMED);
  const offsetMin = sign ? (sign === '-' ? -1 : 1) * (+oh * 60 + +om) : 0;
  const micros = (ms - offsetMin * 60_000) * 1000 + Number((frac ?? '').padEnd(6, '0').slice(0, 6));
  if (micros <= Date.now() * 1000) throw new ValidationError(PAST);
  return micros;
}

/** How Keystone's JSON shows a DateTimeInt: `2030-01-02T03:04:05.123456`, no zone. */
export function renderExpiresAt(micros: number | null): string | null {
  if (micros === null) return null;
  const ms = Math.floor(micros / 1000);
  const frac = String(micros - ms * 1000).padStart(3, '0');
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, `.$1${frac}`);
}

export function expiresAtDate(micros: number | null): Date | null {
  return micros === null ? null : new Date(Math.floor(micros / 1000));
}
