/** Version 0, `UnscopedPayload`: (user, methods, expires_at, audit_ids). */
import { packAuditIds, packExpiry, packUserAndMethods, unpackCommon } from './payload-fields';
import { buildFacts } from './payload-types';
import type { PayloadFormatter } from './payload-types';

export const unscopedPayload: PayloadFormatter = {
  version: 0,
  name: 'UnscopedPayload',
  assemble: (p, ctx) => [...packUserAndMethods(p, ctx), packExpiry(p.expiresAt), packAuditIds(p.auditIds)],
  disassemble: (items, ctx) => buildFacts(unpackCommon(items, ctx, 2, 3), {}),
};
