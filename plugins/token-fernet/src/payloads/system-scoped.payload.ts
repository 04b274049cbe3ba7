/**
 * Version 8, `SystemScopedPayload`: (user, methods, system, expires_at, audit_ids).
 * The system scope travels as the plain string ('all').
 */
import { packAuditIds, packExpiry, packUserAndMethods, unpackCommon } from './payload-fields';
import { MalformedPayload, buildFacts, item } from './payload-types';
import type { PayloadFormatter } from './payload-types';
import { decodeUtf8, isBytes } from './uuid-packing';

function unpackSystem(v: unknown): string | null {
  // Keystone decodes a bytes system scope (tokens from the msgpack<1.0 era).
  if (isBytes(v)) return decodeUtf8(v);
  if (v === null || typeof v === 'string') return v;
  throw new MalformedPayload('system scope is not a string');
}

export const systemScopedPayload: PayloadFormatter = {
  version: 8,
  name: 'SystemScopedPayload',
  assemble: (p, ctx) => [
    ...packUserAndMethods(p, ctx),
    p.systemScope ?? null,
    packExpiry(p.expiresAt),
    packAuditIds(p.auditIds),
  ],
  disassemble: (items, ctx) => buildFacts(unpackCommon(items, ctx, 3, 4), {
    systemScope: unpackSystem(item(items, 2)),
  }),
};
