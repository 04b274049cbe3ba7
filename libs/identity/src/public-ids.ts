import type { IdGenerator, IdMappingDriver, IdentityDriver } from '@keystone-ts/plugin-sdk';

type Entity = { id: string; domain_id: string; [k: string]: unknown };

/**
 * Public ↔ local IDs of users and groups (Keystone's identity mapping).
 * Mapping is needed for any non-default driver, and for a default driver
 * that does not generate UUIDs unless `backward_compatible_ids` is on.
 */
export class PublicIds {
  constructor(
    private readonly store: IdMappingDriver,
    private readonly generator: IdGenerator,
    private readonly backwardCompatible: boolean,
    private readonly isDefault: (d: IdentityDriver) => boolean,
  ) {}

  needed(driver: IdentityDriver): boolean {
    return !this.isDefault(driver) || (!driver.generatesUuids && !this.backwardCompatible);
  }

  /** The driver-local entity with its public ID (creating the mapping on first sight). */
  async toPublic<T extends Entity>(ref: T, driver: IdentityDriver, domainId: string, type: 'user' | 'group'): Promise<T> {
    const out = { ...ref };
    if (!driver.isDomainAware) out.domain_id = domainId;
    if (!this.needed(driver)) return out;
    const local = { domain_id: out.domain_id, local_id: ref.id, entity_type: type };
    let publicId = await this.store.getPublicId(local);
    if (!publicId) {
      publicId = driver.generatesUuids ? ref.id : this.generator.generatePublicId(local);
      await this.store.createIdMapping({ ...local, public_id: publicId });
    }
    out.id = publicId;
    return out;
  }

  /** Lists are mapped with one query for the whole domain rather than one per entity. */
  async listToPublic<T extends Entity>(refs: T[], driver: IdentityDriver, domainId: string, type: 'user' | 'group'): Promise<T[]> {
    const out = refs.map((r) => (driver.isDomainAware ? { ...r } : { ...r, domain_id: domainId }));
    if (!this.needed(driver) || out.length === 0) return out;
    const known = new Map(
      (await this.store.listDomainMappings(domainId, type)).map((m) => [m.local_id, m.public_id]),
    );
    for (const r of out) {
      const found = known.get(r.id);
      r.id = found ?? (await this.toPublic(r, driver, domainId, type)).id;
    }
    return out;
  }

  lookup(publicId: string) {
    return this.store.getIdMapping(publicId);
  }

  forget(publicId: string) {
    return this.store.deleteIdMapping(publicId);
  }

  purgeDomain(domainId: string) {
    return this.store.purgeMappings({ domain_id: domainId });
  }
}
