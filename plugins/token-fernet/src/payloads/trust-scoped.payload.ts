/**
 * Version 3, `TrustScopedPayload`:
 * (user, methods, project, expires_at, audit_ids, trust).
 * The trust id is always a UUID and travels as bare 16 bytes (no flag).
 */
import { packAuditIds, packExpiry, packUserAndMethods, unpackCommon } from './payload-fields';
import { buildFacts, item } from './payload-types';
import type { PayloadFormatter } from './payload-types';
import { packId, packStrictUuid, unpackId, uuidBytesToHex } from './uuid-packing';

export const trustScopedPayload: PayloadFormatter = {
  version: 3,
  name: 'TrustScopedPayload',
  assemble: (p, ctx) => [
    ...packUserAndMethods(p, ctx),
    packId(p.projectId),
    packExpiry(p.expiresAt),
    packAuditIds(p.auditIds),
    packStrictUuid(p.trustId ?? '', 'trust id'),
  ],
  disassemble: (items, ctx) => buildFacts(unpackCommon(items, ctx, 3, 4), {
    projectId: unpackId(item(items, 2)),
    trustId: uuidBytesToHex(item(items, 5)),
  }),
};
