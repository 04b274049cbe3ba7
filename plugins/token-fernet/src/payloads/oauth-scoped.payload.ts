/**
 * Version 7, `OauthScopedPayload`:
 * (user, methods, project, access_token, expires_at, audit_ids).
 */
import { packAuditIds, packExpiry, packUserAndMethods, unpackCommon } from './payload-fields';
import { buildFacts, item } from './payload-types';
import type { PayloadFormatter } from './payload-types';
import { packId, unpackId } from './uuid-packing';

export const oauthScopedPayload: PayloadFormatter = {
  version: 7,
  name: 'OauthScopedPayload',
  assemble: (p, ctx) => [
    ...packUserAndMethods(p, ctx),
    packId(p.projectId),
    packId(p.accessTokenId),
    packExpiry(p.expiresAt),
    packAuditIds(p.auditIds),
  ],
  disassemble: (items, ctx) => buildFacts(unpackCommon(items, ctx, 4, 5), {
    projectId: unpackId(item(items, 2)),
    accessTokenId: unpackId(item(items, 3)),
  }),
};
