import type { FederationProtocolRecord, IdentityProviderRecord, MappingRecord, ServiceProviderRecord } from '@keystone-ts/plugin-sdk';

const PREFIX = '/v3/OS-FEDERATION';

export function idpUrl(base: string, idpId: string): string {
  return `${base}${PREFIX}/identity_providers/${idpId}`;
}

/** Keystone's public attributes of an identity provider, with its links. */
export function renderIdp(idp: IdentityProviderRecord, base: string): Record<string, unknown> {
  const self = idpUrl(base, idp.id);
  return {
    id: idp.id,
    enabled: idp.enabled,
    description: idp.description,
    domain_id: idp.domain_id,
    authorization_ttl: idp.authorization_ttl,
    remote_ids: idp.remote_ids,
    links: { self, protocols: `${self}/protocols` },
  };
}

/** Links point into the identity provider's own protocol collection. */
export function renderProtocol(p: FederationProtocolRecord, base: string, opts: { withIdp: boolean }): Record<string, unknown> {
  const idp = idpUrl(base, p.idp_id);
  return {
    id: p.id,
    mapping_id: p.mapping_id,
    remote_id_attribute: p.remote_id_attribute,
    // Keystone's listing shows the owner; its member answers do not.
    ...(opts.withIdp ? { idp_id: p.idp_id } : {}),
    links: { self: `${idp}/protocols/${p.id}`, identity_provider: idp },
  };
}

export function renderMapping(m: MappingRecord, base: string): Record<string, unknown> {
  return { id: m.id, rules: m.rules, links: { self: `${base}${PREFIX}/mappings/${m.id}` } };
}

export function renderSp(sp: ServiceProviderRecord, base: string): Record<string, unknown> {
  return {
    id: sp.id,
    enabled: sp.enabled,
    description: sp.description,
    auth_url: sp.auth_url,
    sp_url: sp.sp_url,
    relay_state_prefix: sp.relay_state_prefix,
    links: { self: `${base}${PREFIX}/service_providers/${sp.id}` },
  };
}
