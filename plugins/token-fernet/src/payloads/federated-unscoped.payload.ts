/**
 * Version 4, `FederatedUnscopedPayload`:
 * (user, methods, group_ids, idp, protocol, expires_at, audit_ids).
 */
import { packGroupIds, packProtocol, unpackGroupIds, unpackProtocol } from './federated-fields';
import { packAuditIds, packExpiry, packUserAndMethods, unpackCommon } from './payload-fields';
import { buildFacts, item } from './payload-types';
import type { PayloadFormatter } from './payload-types';
import { packId, unpackId } from './uuid-packing';

export const federatedUnscopedPayload: PayloadFormatter = {
  version: 4,
  name: 'FederatedUnscopedPayload',
  assemble: (p, ctx) => [
    ...packUserAndMethods(p, ctx),
    packGroupIds(p.federatedGroupIds),
    packId(p.identityProviderId),
    packProtocol(p.protocolId),
    packExpiry(p.expiresAt),
    packAuditIds(p.auditIds),
  ],
  disassemble: (items, ctx) => buildFacts(unpackCommon(items, ctx, 5, 6), {
    federatedGroupIds: unpackGroupIds(item(items, 2)),
    identityProviderId: unpackId(item(items, 3)),
    protocolId: unpackProtocol(item(items, 4)),
  }),
};
