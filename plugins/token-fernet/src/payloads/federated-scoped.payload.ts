/**
 * Versions 5 and 6, `FederatedProjectScopedPayload` and
 * `FederatedDomainScopedPayload` (one Keystone class, `FederatedScopedPayload`):
 * (user, methods, scope, group_ids, idp, protocol, expires_at, audit_ids).
 * The scope is the project id, or the domain id when there is no project
 * (Keystone's `project_id or domain_id`), as a (flag, id) pair; the version
 * says which of the two it is.
 */
import { packGroupIds, packProtocol, unpackGroupIds, unpackProtocol } from './federated-fields';
import { packAuditIds, packExpiry, packUserAndMethods, unpackCommon } from './payload-fields';
import { buildFacts, item } from './payload-types';
import type { PayloadFormatter } from './payload-types';
import { packId, unpackId } from './uuid-packing';

function federatedScoped(version: 5 | 6, name: string): PayloadFormatter {
  return {
    version,
    name,
    assemble: (p, ctx) => [
      ...packUserAndMethods(p, ctx),
      packId(p.projectId || p.domainId),
      packGroupIds(p.federatedGroupIds),
      packId(p.identityProviderId),
      packProtocol(p.protocolId),
      packExpiry(p.expiresAt),
      packAuditIds(p.auditIds),
    ],
    disassemble: (items, ctx) => {
      const scopeId = unpackId(item(items, 2));
      return buildFacts(unpackCommon(items, ctx, 6, 7), {
        projectId: version === 5 ? scopeId : null,
        domainId: version === 6 ? scopeId : null,
        federatedGroupIds: unpackGroupIds(item(items, 3)),
        identityProviderId: unpackId(item(items, 4)),
        protocolId: unpackProtocol(item(items, 5)),
      });
    },
  };
}

export const federatedProjectScopedPayload = federatedScoped(5, 'FederatedProjectScopedPayload');
export const federatedDomainScopedPayload = federatedScoped(6, 'FederatedDomainScopedPayload');
