/** Version 2, `ProjectScopedPayload`: (user, methods, project, expires_at, audit_ids). */
import { packAuditIds, packExpiry, packUserAndMethods, unpackCommon } from './payload-fields';
import { buildFacts, item } from './payload-types';
import type { PayloadFormatter } from './payload-types';
import { packId, unpackId } from './uuid-packing';

export const projectScopedPayload: PayloadFormatter = {
  version: 2,
  name: 'ProjectScopedPayload',
  assemble: (p, ctx) => [
    ...packUserAndMethods(p, ctx),
    packId(p.projectId),
    packExpiry(p.expiresAt),
    packAuditIds(p.auditIds),
  ],
  disassemble: (items, ctx) => buildFacts(unpackCommon(items, ctx, 3, 4), {
    projectId: unpackId(item(items, 2)),
  }),
};
