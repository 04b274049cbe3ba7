/**
 * AWS request signatures as keystoneclient's `Ec2Signer` computes them
 * (signature versions 0, 1, 2 and 4), from the request facts the client
 * (keystonemiddleware's ec2token/s3token, swift3, nova's ec2 API) forwards.
 */
import { createHash, createHmac } from 'node:crypto';
import { pythonStr } from '../python-json';

export interface SignedRequest {
  params?: Record<string, unknown>;
  verb?: string;
  host?: string;
  path?: string;
  headers?: Record<string, unknown>;
  body_hash?: string;
  [other: string]: unknown;
}

/** The request cannot be signed as described (keystoneclient raises here). */
export class SignatureComputationError extends Error {}

export function ec2Signature(secret: string, request: SignedRequest): string {
  const params = request.params ?? {};
  const version = params.SignatureVersion;
  if (version === '0') return signatureV0(secret, params);
  if (version === '1') return signatureV1(secret, params);
  if (version === '2') return signatureV2(secret, { ...params }, need(request.verb), need(request.host), need(request.path));
  if (isV4(request)) return signatureV4(secret, request);
  if (version !== undefined) throw new SignatureComputationError(`Unknown signature version: ${pythonStr(version)}`);
  throw new SignatureComputationError('Unexpected signature format');
}

function need(value: unknown): string {
  if (typeof value !== 'string') throw new SignatureComputationError('Incomplete request description');
  return value;
}

function isV4(request: SignedRequest): boolean {
  const auth = request.headers?.Authorization;
  if (auth !== undefined) return typeof auth === 'string' && auth.startsWith('AWS4-HMAC-SHA256');
  return request.params?.['X-Amz-Algorithm'] === 'AWS4-HMAC-SHA256';
}

function signatureV0(secret: string, params: Record<string, unknown>): string {
  return createHmac('sha1', secret).update(need(params.Action) + need(params.Timestamp), 'utf8').digest('base64');
}

function signatureV1(secret: string, params: Record<string, unknown>): string {
  const hmac = createHmac('sha1', secret);
  const keys = Object.keys(params).sort((a, b) => byCodePoint(a.toLowerCase(), b.toLowerCase()));
  for (const key of keys) hmac.update(key, 'utf8').update(pythonStr(params[key]), 'utf8');
  return hmac.digest('base64');
}

function signatureV2(secret: string, params: Record<string, unknown>, verb: string, host: string, path: string): string {
  // keystoneclient always signs v2 with HMAC-SHA256 and says so in the parameters it signs.
  params.SignatureMethod = 'HmacSHA256';
  const toSign = `${verb}\n${host}\n${path}\n${canonicalQuery(params)}`;
  return createHmac('sha256', secret).update(toSign, 'utf8').digest('base64');
}

function signatureV4(secret: string, request: SignedRequest): string {
  const params = request.params ?? {};
  const headers = request.headers ?? {};
  const verb = need(request.verb);
  const authorization = headers.Authorization;
  const authParam = (name: string): string => {
    if (typeof authorization === 'string') {
      const at = authorization.indexOf(`${name}=`);
      return at < 0 ? '' : authorization.slice(at + name.length + 1).split(',')[0];
    }
    return need(params[`X-Amz-${name}`]);
  };
  const signedHeaders = authParam('SignedHeaders');
  const canonicalRequest = [
    verb.toUpperCase(),
    need(request.path),
    verb.toUpperCase() !== 'POST' ? canonicalQuery(params) : '',
    canonicalHeaders(headers, signedHeaders),
    signedHeaders,
    need(request.body_hash),
  ].join('\n');
  const scopeParts = authParam('Credential').split('/');
  if (scopeParts.length < 4) throw new SignatureComputationError('Malformed credential scope');
  const [, date, region, service] = scopeParts;
  const amzDate = need(headers['X-Amz-Date'] ?? params['X-Amz-Date']);
  if (!amzDate.startsWith(date)) throw new SignatureComputationError('Request date mismatch error');
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scopeParts.slice(1).join('/'), createHash('sha256').update(canonicalRequest, 'utf8').digest('hex')].join('\n');
  let key: Buffer = createHmac('sha256', Buffer.concat([Buffer.from('AWS4'), Buffer.from(secret, 'utf8')])).update(date, 'utf8').digest();
  for (const part of [region, service, 'aws4_request']) key = createHmac('sha256', key).update(part, 'utf8').digest();
  return createHmac('sha256', key).update(toSign, 'utf8').digest('hex');
}

function canonicalHeaders(headers: Record<string, unknown>, signedHeaders: string): string {
  const lower = new Map<string, string>();
  for (const [k, v] of Object.entries(headers)) lower.set(k.toLowerCase().trim(), pythonStr(v).trim());
  // Boto 2.0–2.2 signed the host without its port.
  const stripPort = /^Boto\/2\.[0-9]\.[0-2]/.test(lower.get('user-agent') ?? '');
  const lines: string[] = [];
  for (const h of signedHeaders.split(';')) {
    const value = lower.get(h);
    if (value === undefined) continue;
    lines.push(`${h}:${h === 'host' && stripPort ? value.split(':')[0] : value}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Sorted `key=value` pairs, both percent-encoded as Python's urllib.parse.quote(safe='-_~'). */
function canonicalQuery(params: Record<string, unknown>): string {
  return Object.keys(params)
    .sort(byCodePoint)
    .map((k) => `${quote(k)}=${quote(pythonStr(params[k]))}`)
    .join('&');
}

function quote(s: string): string {
  let out = '';
  for (const byte of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9_.~-]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Python's string order (code points, not UTF-16 units). */
function byCodePoint(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
