/**
 * The freshness check of a signed EC2/S3 request (Keystone's
 * `_check_timestamp`): the request's own timestamp plus `[credential]
 * auth_ttl` minutes must not be in the past. Unsigned timestamps are the
 * signer's choice and are not required.
 */
import { Unauthorized } from '@keystone-ts/plugin-sdk';
import type { SignedRequest } from './ec2-signer';

/** ISO 8601 as the iso8601 package reads it: extended or basic form, optional time and zone (UTC by default). */
const ISO8601 =
  /^(\d{4})(?:-?(\d{1,2})(?:-?(\d{1,2})(?:[ T](\d{2})(?::?(\d{2}))?(?::?(\d{1,2})(?:[.,](\d+))?)?(Z|([-+])(\d{2}):?(\d{2})?)?)?)?)?$/;

export function parseIsoTime(text: string): Date {
  const m = ISO8601.exec(text);
  const fail = () => new Error(`Unable to parse date string ${pythonRepr(text)}`);
  if (!m) throw fail();
  const [, y, mo = '1', d = '1', h = '0', mi = '0', s = '0', frac = '', zone, sign, tzh = '0', tzm = '0'] = m;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) throw fail();
  let ms = Date.UTC(year, month - 1, day, hour, minute, second) + Math.floor(Number(`0.${frac || '0'}`) * 1000);
  if (zone && zone !== 'Z') ms -= (sign === '-' ? -1 : 1) * (Number(tzh) * 60 + Number(tzm)) * 60_000;
  return new Date(ms);
}

export function checkTimestamp(request: SignedRequest, authTtlMinutes: number, now = Date.now()): void {
  const params = request.params ?? {};
  const headers = request.headers ?? {};
  const timestamp = params.Timestamp || headers['X-Amz-Date'] || params['X-Amz-Date'];
  if (!timestamp) return;
  let when: Date;
  try {
    when = parseIsoTime(String(timestamp));
  } catch (e) {
    throw new Unauthorized(`Credential timestamp is invalid: ${(e as Error).message}`);
  }
  if (now > when.getTime() + authTtlMinutes * 60_000) throw new Unauthorized('Credential is expired');
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pythonRepr(s: string): string {
  return s.includes("'") && !s.includes('"') ? `"${s}"` : `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
