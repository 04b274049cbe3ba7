import type { DriverHints } from '../hints';

/** An identity provider (Keystone's `identity_provider` with its `idp_remote_ids`). */
export type IdentityProviderRecord = {
  id: string;
  enabled: boolean;
  description: string | null;
  domain_id: string;
  /** Minutes mapped group memberships stay valid; null: [federation] default_authorization_ttl. */
  authorization_ttl: number | null;
  /** Sorted, as Keystone's relationship orders them. */
  remote_ids: string[];
};

/** The mutable attributes of an identity provider (its domain never changes). */
export type IdentityProviderPatch = Partial<Pick<IdentityProviderRecord, 'enabled' | 'description' | 'authorization_ttl'>> & {
  /** null or [] drops every remote id. */
  remote_ids?: string[] | null;
};

/** A protocol of an identity provider: which mapping turns its assertions into local identities. */
export type FederationProtocolRecord = {
  id: string;
  idp_id: string;
  mapping_id: string;
  remote_id_attribute: string | null;
};

export type FederationProtocolPatch = Partial<Pick<FederationProtocolRecord, 'mapping_id' | 'remote_id_attribute'>>;

/** A mapping: rules as the API gave them (validated against Keystone's mapping schema). */
export type MappingRecord = {
  id: string;
  rules: unknown[];
};

/** A Keystone-to-Keystone service provider. */
export type ServiceProviderRecord = {
  id: string;
  enabled: boolean;
  description: string | null;
  auth_url: string;
  sp_url: string;
  relay_state_prefix: string;
};

export type ServiceProviderPatch = Partial<Omit<ServiceProviderRecord, 'id'>>;

/** The `keystone.federation` contract. Messages are Keystone's. */
export interface FederationDriver {
  /** @throws Conflict ("Duplicate entry: <id>" or "Duplicate remote ID: <remote_id>") */
  createIdp(idp: IdentityProviderRecord): Promise<IdentityProviderRecord>;
  /** Filters `id`, `enabled`, `domain_id` are applied here when the driver can. */
  listIdps(hints: DriverHints): Promise<IdentityProviderRecord[]>;
  /** @throws NotFound ("Could not find Identity Provider: <id>.") */
  getIdp(idpId: string): Promise<IdentityProviderRecord>;
  /** @throws NotFound when no identity provider has this remote id */
  getIdpFromRemoteId(remoteId: string): Promise<IdentityProviderRecord>;
  /** @throws NotFound, Conflict (a remote id another identity provider has) */
  updateIdp(idpId: string, patch: IdentityProviderPatch): Promise<IdentityProviderRecord>;
  /** Deletes the provider with its remote ids, protocols, federated users' records and expiring memberships. @throws NotFound */
  deleteIdp(idpId: string): Promise<void>;

  /** @throws NotFound (identity provider), Conflict */
  createProtocol(protocol: FederationProtocolRecord): Promise<FederationProtocolRecord>;
  /** Protocols of one identity provider (none when it does not exist). */
  listProtocols(idpId: string): Promise<FederationProtocolRecord[]>;
  /** @throws NotFound ("Could not find federated protocol <id> for Identity Provider: <idp>.") */
  getProtocol(idpId: string, protocolId: string): Promise<FederationProtocolRecord>;
  /** @throws NotFound */
  updateProtocol(idpId: string, protocolId: string, patch: FederationProtocolPatch): Promise<FederationProtocolRecord>;
  /** Also deletes the federated users' records made through this protocol. @throws NotFound */
  deleteProtocol(idpId: string, protocolId: string): Promise<void>;

  /** @throws Conflict */
  createMapping(mapping: MappingRecord): Promise<MappingRecord>;
  listMappings(): Promise<MappingRecord[]>;
  /** @throws NotFound ("Could not find mapping: <id>.") */
  getMapping(mappingId: string): Promise<MappingRecord>;
  /** @throws NotFound */
  updateMapping(mappingId: string, rules: unknown[]): Promise<MappingRecord>;
  /** @throws NotFound */
  deleteMapping(mappingId: string): Promise<void>;
  /** @throws NotFound (protocol or mapping) */
  getMappingFromIdpAndProtocol(idpId: string, protocolId: string): Promise<MappingRecord>;

  /** @throws Conflict */
  createSp(sp: ServiceProviderRecord): Promise<ServiceProviderRecord>;
  /** Filters `id`, `enabled` are applied here when the driver can. */
  listSps(hints: DriverHints): Promise<ServiceProviderRecord[]>;
  /** @throws NotFound ("Could not find Service Provider: <id>.") */
  getSp(spId: string): Promise<ServiceProviderRecord>;
  /** @throws NotFound */
  updateSp(spId: string, patch: ServiceProviderPatch): Promise<ServiceProviderRecord>;
  /** @throws NotFound */
  deleteSp(spId: string): Promise<void>;
  listEnabledSps(): Promise<ServiceProviderRecord[]>;
}
