/**
 * Fields every payload version carries (user, methods, expiry, audit ids),
 * packed and unpacked as Keystone's BasePayload does.
 */
import type { TokenPayload } from '@keystone-ts/plugin-sdk';
import { pythonUrlsafeB64Decode } from '../fernet/python-base64';
import { packExpiry, unpackExpiry } from './expiry-time';
import { MalformedPayload, item } from './payload-types';
import type { PayloadContext, PayloadFacts } from './payload-types';
import type { PyValue } from './python-msgpack';
import { isBytes, packId, unpackRequiredId } from './uuid-packing';

/**
 * `random_urlsafe_str_to_bytes`: Keystone appends '==' and decodes
 * leniently, so a 22-character audit id becomes its 16 bytes.
 */
export function auditIdToBytes(auditId: string): Buffer {
  return pythonUrlsafeB64Decode(auditId + '==');
}

/** `base64_encode`: urlsafe base64 with the padding stripped. */
export function auditIdFromBytes(v: unknown): string {
  if (!isBytes(v)) throw new MalformedPayload('audit id is not bytes');
  return Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64url');
}

export function packAuditIds(auditIds: readonly string[]): Buffer[] {
  return auditIds.map(auditIdToBytes);
}

export function unpackAuditIds(v: unknown): string[] {
  if (!Array.isArray(v)) throw new MalformedPayload('audit ids are not a list');
  return v.map(auditIdFromBytes);
}

export function packMethods(methods: readonly string[], ctx: PayloadContext): bigint {
  return ctx.methods.toInteger(methods);
}

export function unpackMethods(v: unknown, ctx: PayloadContext): string[] {
  if (typeof v === 'boolean') return ctx.methods.toList(v ? 1 : 0);
  if (typeof v !== 'number' && typeof v !== 'bigint') throw new MalformedPayload('methods is not an integer');
  return ctx.methods.toList(v);
}

/** The leading `(user, methods)` every payload starts with. */
export function packUserAndMethods(p: TokenPayload, ctx: PayloadContext): PyValue[] {
  return [packId(p.userId), packMethods(p.methods, ctx)];
}

/** Unpacks user (0), methods (1), expiry and audit ids at the given indexes. */
export function unpackCommon(
  items: unknown[],
  ctx: PayloadContext,
  expiryIndex: number,
  auditIndex: number,
): Pick<PayloadFacts, 'userId' | 'methods' | 'expiresAt' | 'expiresAtIso' | 'auditIds'> {
  const userId = unpackRequiredId(item(items, 0), 'user id');
  const methods = unpackMethods(item(items, 1), ctx);
  const expiry = unpackExpiry(item(items, expiryIndex));
  const auditIds = unpackAuditIds(item(items, auditIndex));
  return { userId, methods, expiresAt: expiry.seconds, expiresAtIso: expiry.iso, auditIds };
}

export { packExpiry };
