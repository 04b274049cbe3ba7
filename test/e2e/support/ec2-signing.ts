/**
 * Builds `/v3/ec2tokens` bodies the way an EC2/S3 front end does: it signs
 * like the AWS clients (boto's v2 query signing, AWS SigV4) and forwards the
 * request facts. Written from the AWS documentation, independently of the
 * server's checker.
 */
import { createHash, createHmac } from 'node:crypto';

const rfc3986 = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export function isoNow(offsetMs = 0): string {
  return new Date(Date.now() + offsetMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** AWS signature version 2 (HmacSHA256) of a query API request. */
export function signedV2(secret: string, access: string, verb: string, host: string, path: string, extra: Record<string, string> = {}) {
  const params: Record<string, string> = {
    Action: 'DescribeInstances',
    AWSAccessKeyId: access,
    SignatureMethod: 'HmacSHA256',
    SignatureVersion: '2',
    Timestamp: isoNow(),
    ...extra,
  };
  const query = Object.keys(params)
    .sort()
    .map((k) => `${rfc3986(k)}=${rfc3986(params[k])}`)
    .join('&');
  const signature = createHmac('sha256', secret).update(`${verb}\n${host}\n${path}\n${query}`).digest('base64');
  return { access, signature, host, verb, path, params };
}

/** AWS SigV4 with the Authorization header (as S3 clients send it). */
export function signedV4(secret: string, access: string, opts: { verb: string; host: string; path: string; query?: Record<string, string>; body?: string; amzDate?: string }) {
  const amzDate = opts.amzDate ?? isoNow().replace(/[-:]/g, '');
  const date = amzDate.slice(0, 8);
  const scope = `${date}/RegionOne/s3/aws4_request`;
  const bodyHash = createHash('sha256').update(opts.body ?? '').digest('hex');
  const headers: Record<string, string> = { Host: opts.host, 'X-Amz-Date': amzDate, 'X-Amz-Content-Sha256': bodyHash };
  const signedHeaders = 'host;x-amz-content-sha256;x-amz-date';
  const query = opts.query ?? {};
  const canonicalQuery = Object.keys(query)
    .sort()
    .map((k) => `${rfc3986(k)}=${rfc3986(query[k])}`)
    .join('&');
  const canonicalHeaders = `host:${opts.host}\nx-amz-content-sha256:${bodyHash}\nx-amz-date:${amzDate}\n`;
  const canonicalRequest = [opts.verb, opts.path, opts.verb === 'POST' ? '' : canonicalQuery, canonicalHeaders, signedHeaders, bodyHash].join('\n');
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
  const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
  const signingKey = ['RegionOne', 's3', 'aws4_request'].reduce((k, part) => hmac(k, part), hmac(`AWS4${secret}`, date));
  const signature = createHmac('sha256', signingKey).update(toSign).digest('hex');
  headers.Authorization = `AWS4-HMAC-SHA256 Credential=${access}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return { access, signature, host: opts.host, verb: opts.verb, path: opts.path, params: query, headers, body_hash: bodyHash };
}
