/**
 * ES256 compact JWS (RFC 7515) on node:crypto, serialized as PyJWT 2 does so
 * that, for the same claims, our header and payload segments are the bytes
 * Keystone's tokens carry (ECDSA signatures are randomized, so only the
 * signature segment differs between two signings).
 */
import { sign, verify, type KeyObject } from 'node:crypto';

/** PyJWT sorts header keys: `{"alg":"ES256","typ":"JWT"}`. */
const HEADER = Buffer.from(JSON.stringify({ alg: 'ES256', typ: 'JWT' })).toString('base64url');
const SEGMENT = /^[A-Za-z0-9_-]*$/;
/** P-256 r||s, 32 bytes each (JOSE's encoding, not DER). */
const SIGNATURE_BYTES = 64;

export class MalformedJws extends Error {}

/** Signs a claim set whose key order is the caller's (JSON.stringify keeps insertion order, as json.dumps). */
export function signEs256(claims: Record<string, unknown>, privateKey: KeyObject): string {
  const payload = Buffer.from(pythonJson(claims)).toString('base64url');
  const input = `${HEADER}.${payload}`;
  const signature = sign('sha256', Buffer.from(input), { key: privateKey, dsaEncoding: 'ieee-p1363' });
  return `${input}.${signature.toString('base64url')}`;
}

export interface ParsedJws {
  signingInput: Buffer;
  signature: Buffer;
  claims: Record<string, unknown>;
}

/** Splits and decodes a compact JWS; checks structure and that the header names ES256. @throws MalformedJws */
export function parseEs256(token: string): ParsedJws {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts.every((p) => SEGMENT.test(p))) throw new MalformedJws('not a compact JWS');
  const header = jsonObject(parts[0], 'header');
  if (header.alg !== 'ES256') throw new MalformedJws(`algorithm ${String(header.alg)} is not allowed`);
  const claims = jsonObject(parts[1], 'payload');
  const signature = Buffer.from(parts[2], 'base64url');
  if (signature.length !== SIGNATURE_BYTES) throw new MalformedJws('bad signature length');
  return { signingInput: Buffer.from(`${parts[0]}.${parts[1]}`), signature, claims };
}

export function verifiesWith(jws: ParsedJws, publicKey: KeyObject): boolean {
  try {
    return verify('sha256', jws.signingInput, { key: publicKey, dsaEncoding: 'ieee-p1363' }, jws.signature);
  } catch {
    // A key of another type or curve cannot have signed it.
    return false;
  }
}

function jsonObject(segment: string, what: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
  } catch {
    throw new MalformedJws(`${what} is not JSON`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new MalformedJws(`${what} is not an object`);
  return value as Record<string, unknown>;
}

/** json.dumps(..., separators=(",", ":")) with its default ensure_ascii: non-ASCII as \uXXXX escapes. */
export function pythonJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
