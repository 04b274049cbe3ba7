import type {
  DriverHints,
  FederationDriver,
  FederationProtocolPatch,
  FederationProtocolRecord,
  IdentityProviderPatch,
  IdentityProviderRecord,
  MappingRecord,
  ServiceProviderPatch,
  ServiceProviderRecord,
} from '@keystone-ts/plugin-sdk';
import type { Knex } from 'knex';
import type { Dialect } from '../common/sql-values';
import { SqlIdentityProviderStore } from './sql-identity-provider.store';
import { SqlMappingStore } from './sql-mapping.store';
import { SqlServiceProviderStore } from './sql-service-provider.store';

/** Keystone's `keystone.federation.backends.sql.Federation` on its own tables. */
export class SqlFederationDriver implements FederationDriver {
  private readonly idps: SqlIdentityProviderStore;
  private readonly mappings: SqlMappingStore;
  private readonly sps: SqlServiceProviderStore;

  constructor(db: () => Knex, dialect: Dialect) {
    this.idps = new SqlIdentityProviderStore(db, dialect);
    this.mappings = new SqlMappingStore(db);
    this.sps = new SqlServiceProviderStore(db, dialect);
  }

  createIdp(idp: IdentityProviderRecord): Promise<IdentityProviderRecord> {
    return this.idps.create(idp);
  }
  listIdps(hints: DriverHints): Promise<IdentityProviderRecord[]> {
    return this.idps.list(hints);
  }
  getIdp(idpId: string): Promise<IdentityProviderRecord> {
    return this.idps.get(idpId);
  }
  getIdpFromRemoteId(remoteId: string): Promise<IdentityProviderRecord> {
    return this.idps.getFromRemoteId(remoteId);
  }
  updateIdp(idpId: string, patch: IdentityProviderPatch): Promise<IdentityProviderRecord> {
    return this.idps.update(idpId, patch);
  }
  deleteIdp(idpId: string): Promise<void> {
    return this.idps.delete(idpId);
  }

  createProtocol(protocol: FederationProtocolRecord): Promise<FederationProtocolRecord> {
    return this.idps.createProtocol(protocol);
  }
  listProtocols(idpId: string): Promise<FederationProtocolRecord[]> {
    return this.idps.listProtocols(idpId);
  }
  getProtocol(idpId: string, protocolId: string): Promise<FederationProtocolRecord> {
    return this.idps.getProtocol(idpId, protocolId);
  }
  updateProtocol(idpId: string, protocolId: string, patch: FederationProtocolPatch): Promise<FederationProtocolRecord> {
    return this.idps.updateProtocol(idpId, protocolId, patch);
  }
  deleteProtocol(idpId: string, protocolId: string): Promise<void> {
    return this.idps.deleteProtocol(idpId, protocolId);
  }

  createMapping(mapping: MappingRecord): Promise<MappingRecord> {
    return this.mappings.create(mapping);
  }
  listMappings(): Promise<MappingRecord[]> {
    return this.mappings.list();
  }
  getMapping(mappingId: string): Promise<MappingRecord> {
    return this.mappings.get(mappingId);
  }
  updateMapping(mappingId: string, rules: unknown[]): Promise<MappingRecord> {
    return this.mappings.update(mappingId, rules);
  }
  deleteMapping(mappingId: string): Promise<void> {
    return this.mappings.delete(mappingId);
  }
  async getMappingFromIdpAndProtocol(idpId: string, protocolId: string): Promise<MappingRecord> {
    const protocol = await this.idps.getProtocol(idpId, protocolId);
    return this.mappings.get(protocol.mapping_id);
  }

  createSp(sp: ServiceProviderRecord): Promise<ServiceProviderRecord> {
    return this.sps.create(sp);
  }
  listSps(hints: DriverHints): Promise<ServiceProviderRecord[]> {
    return this.sps.list(hints);
  }
  getSp(spId: string): Promise<ServiceProviderRecord> {
    return this.sps.get(spId);
  }
  updateSp(spId: string, patch: ServiceProviderPatch): Promise<ServiceProviderRecord> {
    return this.sps.update(spId, patch);
  }
  deleteSp(spId: string): Promise<void> {
    return this.sps.delete(spId);
  }
  listEnabledSps(): Promise<ServiceProviderRecord[]> {
    return this.sps.listEnabled();
  }
}
