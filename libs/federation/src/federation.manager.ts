import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  CacheRegions,
  DisabledCacheRegion,
  KEYSTONE_RUNTIME,
  ProviderApis,
  applyLimit,
  applyRemainingFilters,
  getLogger,
  type CacheRegion,
  type FederationApi,
  type KeystoneRuntime,
  type ServiceProviderRef,
} from '@keystone-ts/core';
import {
  Conflict,
  DriverHints,
  NotFound,
  Namespaces,
  ValidationError,
  type FederationDriver,
  type FederationProtocolPatch,
  type FederationProtocolRecord,
  type IdentityProviderPatch,
  type IdentityProviderRecord,
  type MappingRecord,
  type ServiceProviderPatch,
  type ServiceProviderRecord,
} from '@keystone-ts/plugin-sdk';

type Listed<T> = { refs: T[]; truncated: boolean };

/** What a create request may carry for an identity provider (the id comes from the URL). */
export interface NewIdentityProvider {
  enabled?: boolean;
  description?: string | null;
  domain_id?: string | null;
  authorization_ttl?: number | null;
  remote_ids?: string[] | null;
}

export interface NewServiceProvider {
  auth_url: string;
  sp_url: string;
  enabled?: boolean;
  description?: string | null;
  relay_state_prefix?: string | null;
}

const ENABLED_SPS_KEY = ['enabled_service_providers'];

/**
 * Keystone's federation_api: identity providers (each tied to a domain its
 * users land in), their protocols, mappings and Keystone-to-Keystone service
 * providers. Storage is the `keystone.federation` driver's.
 */
@Injectable()
export class FederationManager implements FederationApi, OnModuleInit {
  private readonly log = getLogger('keystone.federation');
  private driver!: FederationDriver;

  constructor(
    @Inject(KEYSTONE_RUNTIME) private readonly runtime: KeystoneRuntime,
    private readonly apis: ProviderApis,
    @Optional() private readonly cache?: CacheRegions,
  ) {
    apis.register('federation', this);
  }

  async onModuleInit(): Promise<void> {
    const cfg = this.runtime.config;
    this.driver = await this.runtime.drivers.createDriver<FederationDriver>(Namespaces.federation, cfg.get('federation', 'driver'), cfg);
  }

  private get region(): CacheRegion {
    return this.cache?.region('federation') ?? NO_CACHE;
  }

  // Identity providers

  /** Without a domain_id, the provider gets a domain of its own, removed again if the provider cannot be stored. */
  async createIdp(idpId: string, idp: NewIdentityProvider): Promise<IdentityProviderRecord> {
    let autoDomain: string | null = null;
    let domainId = idp.domain_id ?? null;
    if (domainId) {
      await this.apis.resource.getDomain(domainId);
    } else {
      // Answer a plain duplicate before a domain is made for nothing.
      if (await this.driver.getIdp(idpId).then(() => true, () => false)) throw Conflict.duplicate('identity_provider', `Duplicate entry: ${idpId}`);
      domainId = autoDomain = await this.createIdpDomain(idpId);
    }
    try {
      return await this.driver.createIdp({
        id: idpId,
        enabled: idp.enabled ?? false,
        description: idp.description ?? null,
        domain_id: domainId,
        authorization_ttl: idp.authorization_ttl ?? null,
        remote_ids: idp.remote_ids ?? [],
      });
    } catch (e) {
      if (autoDomain) await this.removeIdpDomain(autoDomain);
      throw e;
    }
  }

  async listIdps(hints: DriverHints): Promise<Listed<IdentityProviderRecord>> {
    return applyLimit(applyRemainingFilters(await this.driver.listIdps(hints), hints), hints);
  }

  getIdp(idpId: string): Promise<IdentityProviderRecord> {
    return this.driver.getIdp(idpId);
  }

  getIdpFromRemoteId(remoteId: string): Promise<IdentityProviderRecord> {
    return this.driver.getIdpFromRemoteId(remoteId);
  }

  updateIdp(idpId: string, patch: IdentityProviderPatch): Promise<IdentityProviderRecord> {
    return this.driver.updateIdp(idpId, patch);
  }

  /** Federated tokens are revalidated against their provider, so cached validations must go with it. */
  async deleteIdp(idpId: string): Promise<void> {
    await this.driver.deleteIdp(idpId);
    if (this.apis.has('token')) await this.apis.token.invalidateCaches?.();
  }

  async deleteIdpsOfDomain(domainId: string): Promise<void> {
    const idps = await this.driver.listIdps(new DriverHints().addFilter('domain_id', domainId));
    for (const idp of idps.filter((i) => i.domain_id === domainId)) {
      try {
        await this.deleteIdp(idp.id);
      } catch (e) {
        if (!(e instanceof NotFound)) throw e;
      }
    }
  }

  private async createIdpDomain(idpId: string): Promise<string> {
    const id = uuidHex();
    await this.apis.resource.createDomain(id, { name: id, description: `Auto generated federated domain for Identity Provider: ${idpId}`, enabled: true });
    return id;
  }

  private async removeIdpDomain(domainId: string): Promise<void> {
    try {
      await this.apis.resource.updateDomain(domainId, { enabled: false });
      await this.apis.resource.deleteDomain(domainId);
    } catch (e) {
      this.log.warn(`Could not remove domain ${domainId} made for an identity provider that was not stored: ${String(e)}`);
    }
  }

  // Protocols

  async createProtocol(idpId: string, protocolId: string, p: { mapping_id: string; remote_id_attribute?: string | null }): Promise<FederationProtocolRecord> {
    await this.assertMappingExists(p.mapping_id);
    return this.driver.createProtocol({ id: protocolId, idp_id: idpId, mapping_id: p.mapping_id, remote_id_attribute: p.remote_id_attribute ?? null });
  }

  listProtocols(idpId: string): Promise<FederationProtocolRecord[]> {
    return this.driver.listProtocols(idpId);
  }

  getProtocol(idpId: string, protocolId: string): Promise<FederationProtocolRecord> {
    return this.driver.getProtocol(idpId, protocolId);
  }

  async updateProtocol(idpId: string, protocolId: string, patch: FederationProtocolPatch): Promise<FederationProtocolRecord> {
    if (patch.mapping_id !== undefined) await this.assertMappingExists(patch.mapping_id);
    return this.driver.updateProtocol(idpId, protocolId, patch);
  }

  deleteProtocol(idpId: string, protocolId: string): Promise<void> {
    return this.driver.deleteProtocol(idpId, protocolId);
  }

  private async assertMappingExists(mappingId: string): Promise<void> {
    try {
      await this.driver.getMapping(mappingId);
    } catch (e) {
      if (e instanceof NotFound) throw new ValidationError(`Invalid mapping id: ${mappingId}`);
      throw e;
    }
  }

  // Mappings

  createMapping(mappingId: string, rules: unknown[]): Promise<MappingRecord> {
    return this.driver.createMapping({ id: mappingId, rules });
  }

  listMappings(): Promise<MappingRecord[]> {
    return this.driver.listMappings();
  }

  getMapping(mappingId: string): Promise<MappingRecord> {
    return this.driver.getMapping(mappingId);
  }

  updateMapping(mappingId: string, rules: unknown[]): Promise<MappingRecord> {
    return this.driver.updateMapping(mappingId, rules);
  }

  deleteMapping(mappingId: string): Promise<void> {
    return this.driver.deleteMapping(mappingId);
  }

  getMappingFromIdpAndProtocol(idpId: string, protocolId: string): Promise<MappingRecord> {
    return this.driver.getMappingFromIdpAndProtocol(idpId, protocolId);
  }

  // Service providers

  createSp(spId: string, sp: NewServiceProvider): Promise<ServiceProviderRecord> {
    return this.spWrite(() =>
      this.driver.createSp({
        id: spId,
        auth_url: sp.auth_url,
        sp_url: sp.sp_url,
        enabled: sp.enabled ?? false,
        description: sp.description ?? null,
        relay_state_prefix: sp.relay_state_prefix ?? this.defaultRelayStatePrefix(),
      }),
    );
  }

  async listSps(hints: DriverHints): Promise<Listed<ServiceProviderRecord>> {
    return applyLimit(applyRemainingFilters(await this.driver.listSps(hints), hints), hints);
  }

  getSp(spId: string): Promise<ServiceProviderRecord> {
    return this.driver.getSp(spId);
  }

  /** The column cannot be null: a null prefix means the configured default, as on create. */
  updateSp(spId: string, patch: ServiceProviderPatch & { relay_state_prefix?: string | null }): Promise<ServiceProviderRecord> {
    const { relay_state_prefix, ...rest } = patch;
    const normalized: ServiceProviderPatch = relay_state_prefix === undefined ? rest : { ...rest, relay_state_prefix: relay_state_prefix ?? this.defaultRelayStatePrefix() };
    return this.spWrite(() => this.driver.updateSp(spId, normalized));
  }

  deleteSp(spId: string): Promise<void> {
    return this.spWrite(() => this.driver.deleteSp(spId));
  }

  getEnabledServiceProviders(): Promise<ServiceProviderRef[]> {
    return this.region.getOrSet(ENABLED_SPS_KEY, async () =>
      (await this.driver.listEnabledSps()).map((sp) => ({ auth_url: sp.auth_url, id: sp.id, sp_url: sp.sp_url })),
    );
  }

  private async spWrite<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } finally {
      await this.region.invalidate(ENABLED_SPS_KEY);
    }
  }

  private defaultRelayStatePrefix(): string {
    return this.runtime.config.get<string>('saml', 'relay_state_prefix');
  }
}

const NO_CACHE: CacheRegion = new DisabledCacheRegion('federation');

function uuidHex(): string {
  return randomUUID().replace(/-/g, '');
}
