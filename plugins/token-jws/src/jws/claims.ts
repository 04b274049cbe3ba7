/**
 * TokenPayload ↔ Keystone's JWS claim set. The key order is Keystone's dict
 * order (it is what PyJWT serializes) and absent facts are omitted, not null.
 */
import type { TokenPayload } from '@keystone-ts/plugin-sdk';

export class InvalidClaims extends Error {}

export function toClaims(payload: TokenPayload, issuedAt: number): Record<string, unknown> {
  const claims: Record<string, unknown> = {
    sub: payload.userId,
    // Keystone converts both times with int(): whole seconds, truncated.
    iat: Math.floor(issuedAt),
    exp: Math.floor(payload.expiresAt),
    openstack_methods: payload.methods,
    openstack_audit_ids: payload.auditIds,
    openstack_system: payload.systemScope ?? null,
    openstack_domain_id: payload.domainId ?? null,
    openstack_project_id: payload.projectId ?? null,
    openstack_trust_id: payload.trustId ?? null,
    // Keystone's token model keeps federated groups as [{id}], and that is what it signs.
    openstack_group_ids: payload.federatedGroupIds ? payload.federatedGroupIds.map((id) => ({ id })) : null,
    openstack_idp_id: payload.identityProviderId ?? null,
    openstack_protocol_id: payload.protocolId ?? null,
    openstack_access_token_id: payload.accessTokenId ?? null,
    openstack_app_cred_id: payload.appCredId ?? null,
  };
  for (const [k, v] of Object.entries(claims)) if (v === null) delete claims[k];
  return claims;
}

/** @throws InvalidClaims when a claim Keystone requires is missing or of the wrong type */
export function fromClaims(claims: Record<string, unknown>): TokenPayload {
  const sub = claims.sub;
  const iat = claims.iat;
  const exp = claims.exp;
  const methods = claims.openstack_methods;
  const auditIds = claims.openstack_audit_ids;
  if (typeof sub !== 'string') throw new InvalidClaims('sub');
  if (!isNumber(iat) || !isNumber(exp)) throw new InvalidClaims('iat/exp');
  if (!isStringList(methods)) throw new InvalidClaims('openstack_methods');
  if (!isStringList(auditIds) || auditIds.length === 0 || auditIds.length > 2) throw new InvalidClaims('openstack_audit_ids');
  const groups = claims.openstack_group_ids;
  return {
    userId: sub,
    methods,
    auditIds,
    // Keystone renders both as whole seconds (utcfromtimestamp of the int).
    issuedAt: Math.floor(iat),
    expiresAt: Math.floor(exp),
    systemScope: claims.openstack_system === 'all' ? 'all' : null,
    domainId: optionalString(claims, 'openstack_domain_id'),
    projectId: optionalString(claims, 'openstack_project_id'),
    trustId: optionalString(claims, 'openstack_trust_id'),
    federatedGroupIds: groups === undefined || groups === null ? null : groupIds(groups),
    identityProviderId: optionalString(claims, 'openstack_idp_id'),
    protocolId: optionalString(claims, 'openstack_protocol_id'),
    accessTokenId: optionalString(claims, 'openstack_access_token_id'),
    appCredId: optionalString(claims, 'openstack_app_cred_id'),
  };
}

function groupIds(value: unknown): string[] {
  if (!Array.isArray(value)) throw new InvalidClaims('openstack_group_ids');
  return value.map((g) => {
    const id = typeof g === 'object' && g !== null ? (g as { id?: unknown }).id : g;
    if (typeof id !== 'string') throw new InvalidClaims('openstack_group_ids');
    return id;
  });
}

function optionalString(claims: Record<string, unknown>, name: string): string | null {
  const v = claims[name];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new InvalidClaims(name);
  return v;
}

function isNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}
