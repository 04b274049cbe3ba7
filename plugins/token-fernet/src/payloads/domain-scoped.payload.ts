/**
 * Version 1, `DomainScopedPayload`: (user, methods, domain, expires_at, audit_ids).
 *
 * The domain is not a (flag, value) pair: it must be a UUID, packed as its 16
 * bytes, except the configured default domain id (usually 'default'), which
 * travels as the plain string.
 */
import { packAuditIds, packExpiry, packUserAndMethods, unpackCommon } from './payload-fields';
import { MalformedPayload, buildFacts, item } from './payload-types';
import type { PayloadContext, PayloadFormatter } from './payload-types';
import type { PyValue } from './python-msgpack';
import { decodeUtf8, isBytes, uuidBytesToHex, uuidHexToBytes } from './uuid-packing';

function packDomain(domainId: string | null | undefined, ctx: PayloadContext): PyValue {
  if (typeof domainId !== 'string') throw new Error('a domain-scoped token needs a domain id');
  const bytes = uuidHexToBytes(domainId);
  if (bytes) return bytes;
  if (domainId === ctx.defaultDomainId) return domainId;
  throw new Error(`domain id '${domainId}' is neither a UUID nor the default domain id; Keystone cannot pack it either`);
}

function unpackDomain(v: unknown, ctx: PayloadContext): string {
  if (isBytes(v) && v.length === 16) return uuidBytesToHex(v);
  const text = isBytes(v) ? decodeUtf8(v) : v;
  // Keystone only accepts a non-UUID here when it is the default domain id.
  if (text === ctx.defaultDomainId) return text;
  throw new MalformedPayload('domain id is neither a UUID nor the default domain id');
}

export const domainScopedPayload: PayloadFormatter = {
  version: 1,
  name: 'DomainScopedPayload',
  assemble: (p, ctx) => [
    ...packUserAndMethods(p, ctx),
    packDomain(p.domainId, ctx),
    packExpiry(p.expiresAt),
    packAuditIds(p.auditIds),
  ],
  disassemble: (items, ctx) => buildFacts(unpackCommon(items, ctx, 3, 4), {
    domainId: unpackDomain(item(items, 2), ctx),
  }),
};
