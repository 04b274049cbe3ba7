/**
 * Version 9, `ApplicationCredentialScopedPayload`:
 * (user, methods, project, expires_at, audit_ids, app_cred).
 */
import { packAuditIds, packExpiry, packUserAndMethods, unpackCommon } from './payload-fields';
import { buildFacts, item } from './payload-types';
import type { PayloadFormatter } from './payload-types';
import { packId, unpackId } from './uuid-packing';

export const applicationCredentialScopedPayload: PayloadFormatter = {
  version: 9,
  name: 'ApplicationCredentialScopedPayload',
  assemble: (p, ctx) => [
    ...packUserAndMethods(p, ctx),
    packId(p.projectId),
    packExpiry(p.expiresAt),
    packAuditIds(p.auditIds),
    packId(p.appCredId),
  ],
  disassemble: (items, ctx) => buildFacts(unpackCommon(items, ctx, 3, 4), {
    projectId: unpackId(item(items, 2)),
    appCredId: unpackId(item(items, 5)),
  }),
};
