import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The pieces of RFC 5849 (OAuth 1.0) a server needs to check a signature:
 * percent-encoding (§3.6), the Authorization header (§3.5.1), the signature
 * base string (§3.4.1) and the HMAC/PLAINTEXT signatures (§3.4.2, §3.4.4).
 * Behaviour follows oauthlib, which Keystone verifies requests with.
 */

export type OAuthParam = readonly [string, string];

export const SIGNATURE_METHODS = ['HMAC-SHA1', 'HMAC-SHA256', 'HMAC-SHA512', 'PLAINTEXT'] as const;
export type SignatureMethod = (typeof SIGNATURE_METHODS)[number];

const HASHES: Record<Exclude<SignatureMethod, 'PLAINTEXT'>, string> = { 'HMAC-SHA1': 'sha1', 'HMAC-SHA256': 'sha256', 'HMAC-SHA512': 'sha512' };

/** §3.6: UTF-8, then every octet outside ALPHA / DIGIT / "-" / "." / "_" / "~" as %XX (upper case). */
export function oauthEscape(value: string): string {
  // encodeURIComponent leaves !'()* alone; RFC 3986 unreserved does not include them.
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Percent-decoding as Python's unquote: a malformed escape stays as it is. */
export function oauthUnescape(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value.replace(/(%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}

/**
 * The parameters of an `Authorization: OAuth k="v", ...` header, in order, values
 * still percent-encoded (as urllib's parse_http_list/parse_keqv_list return them).
 * @returns null when the header is not an OAuth one or is malformed
 */
export function parseAuthorizationHeader(header: string): OAuthParam[] | null {
  if (!/^oauth /i.test(header)) return null;
  const items = splitHttpList(header.slice('OAuth '.length));
  const out = new Map<string, string>();
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq < 0) return null;
    const key = item.slice(0, eq);
    let value = item.slice(eq + 1);
    if (value.startsWith('"')) value = value.slice(1, -1);
    // A repeated key keeps its last value, as a Python dict would.
    out.delete(key);
    out.set(key, value);
  }
  return [...out.entries()];
}

/** urllib's parse_http_list: comma-separated, commas inside quoted strings kept, backslash escapes in quotes. */
function splitHttpList(s: string): string[] {
  const res: string[] = [];
  let part = '';
  let escape = false;
  let quote = false;
  for (const ch of s) {
    if (escape) {
      part += ch;
      escape = false;
      continue;
    }
    if (quote) {
      if (ch === '\\') {
        escape = true;
        continue;
      }
      if (ch === '"') quote = false;
      part += ch;
      continue;
    }
    if (ch === ',') {
      res.push(part);
      part = '';
      continue;
    }
    if (ch === '"') quote = true;
    part += ch;
  }
  if (part) res.push(part);
  return res.map((p) => p.trim()).filter((p) => p !== '');
}

/**
 * §3.4.1.2 base string URI: scheme and host lower-cased, default port dropped,
 * empty path as "/", no query or fragment.
 */
export function baseStringUri(uri: string): string {
  const u = new URL(uri);
  const scheme = u.protocol.replace(/:$/, '').toLowerCase();
  // WHATWG URL already lower-cases the host and drops the scheme's default port.
  const netloc = u.port ? `${u.hostname}:${u.port}` : u.hostname;
  const path = u.pathname || '/';
  return `${scheme}://${netloc}${path}`.replace(/ /g, '%20');
}

/** §3.4.1.3.2: each name and value encoded, sorted by name then value, joined with "&". */
export function normalizeParameters(params: readonly OAuthParam[]): string {
  return params
    .map(([k, v]) => [oauthEscape(k), oauthEscape(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak === bk ? compare(av, bv) : compare(ak, bk)))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

function compare(a: string, b: string): number {
  // Encoded strings are ASCII, so code-unit order is byte order (Python's sort).
  return a < b ? -1 : a > b ? 1 : 0;
}

/** §3.4.1: METHOD&encoded(base URI)&encoded(normalized parameters). */
export function signatureBaseString(httpMethod: string, baseUri: string, normalizedParams: string): string {
  return `${oauthEscape(httpMethod.toUpperCase())}&${oauthEscape(baseUri)}&${oauthEscape(normalizedParams)}`;
}

/** §3.4.2 / §3.4.4: the signature of a base string with the client and token secrets. */
export function sign(method: SignatureMethod, baseString: string, clientSecret: string, tokenSecret: string | null): string {
  const key = `${oauthEscape(clientSecret)}&${oauthEscape(tokenSecret ?? '')}`;
  if (method === 'PLAINTEXT') return key;
  return createHmac(HASHES[method], key).update(baseString, 'utf8').digest('base64');
}

/** Constant-time comparison of two signatures. */
export function signaturesEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return ab.length === bb.length && timingSafeEqual(ab, bb);
}

export function isSignatureMethod(m: string): m is SignatureMethod {
  return (SIGNATURE_METHODS as readonly string[]).includes(m);
}
