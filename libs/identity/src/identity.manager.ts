import { Inject, Injectable, Optional, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  CacheRegions,
  DisabledCacheRegion,
  KEYSTONE_RUNTIME,
  Notifier,
  ProviderApis,
  authenticationFailureReason,
  failureReason,
  type CacheRegion,
  applyLimit,
  applyRemainingFilters,
  type DomainDriverResolver,
  type IdentityApi,
  type KeystoneRuntime,
} from '@keystone-ts/core';
import {
  DriverHints,
  Forbidden,
  Namespaces,
  NotFound,
  ValidationError,
  isPasswordExpiredError,
  type GroupRecord,
  type NewGroup,
  type IdGenerator,
  type IdMappingDriver,
  type IdentityDriver,
  type NewUser,
  type UserRecord,
} from '@keystone-ts/plugin-sdk';
import { createIdentityDriverResolver } from './identity-drivers';
import { PublicIds } from './public-ids';
import { validatePassword } from './password-validator';

type Located = { driver: IdentityDriver; localId: string; domainId: string | null };

/**
 * Business rules of users and groups over whichever driver serves their
 * domain: public-ID mapping, domain checks, cascades and revocations.
 */
@Injectable()
export class IdentityManager implements IdentityApi, OnApplicationBootstrap, OnModuleDestroy {
  private resolver!: DomainDriverResolver<IdentityDriver>;
  private ids!: PublicIds;

  constructor(
    @Inject(KEYSTONE_RUNTIME) private readonly runtime: KeystoneRuntime,
    private readonly apis: ProviderApis,
    @Optional() private readonly cache?: CacheRegions,
    @Optional() private readonly notifier?: Notifier,
  ) {
    apis.register('identity', this);
  }

  async onApplicationBootstrap(): Promise<void> {
    const cfg = this.runtime.config;
    this.resolver = createIdentityDriverResolver(this.runtime, this.apis);
    const store = await this.runtime.drivers.createDriver<IdMappingDriver>(Namespaces.idMapping, cfg.get('identity_mapping', 'driver'), cfg);
    const generator = await this.runtime.drivers.createDriver<IdGenerator>(Namespaces.idGenerator, cfg.get('identity_mapping', 'generator'), cfg);
    this.ids = new PublicIds(store, generator, cfg.get('identity_mapping', 'backward_compatible_ids'), (d) => this.resolver.isDefault(d));
    await this.resolver.init();
  }

  async onModuleDestroy(): Promise<void> {
    await this.resolver?.destroy();
  }

  private get defaultDomainId(): string {
    return this.runtime.config.get<string>('identity', 'default_domain_id');
  }

  /** Keystone's `_get_domain_driver_and_entity_id`. */
  private async locate(publicId: string, type: 'user' | 'group'): Promise<Located> {
    // As Keystone: with one driver that makes its own UUIDs nothing is mapped, so the
    // id_mapping table is not asked (this is on the path of every password login).
    if (!this.runtime.config.get<boolean>('identity', 'domain_specific_drivers_enabled') && !this.ids.needed(this.resolver.default)) {
      return { driver: this.resolver.default, localId: publicId, domainId: null };
    }
    const mapping = await this.ids.lookup(publicId);
    if (mapping && mapping.entity_type === type) {
      return { driver: await this.resolver.forDomain(mapping.domain_id), localId: mapping.local_id, domainId: mapping.domain_id };
    }
    return { driver: this.resolver.default, localId: publicId, domainId: null };
  }

  private async publicUser(u: UserRecord, loc: { driver: IdentityDriver; domainId: string | null }): Promise<UserRecord> {
    return this.ids.toPublic(u, loc.driver, loc.domainId ?? this.defaultDomainId, 'user');
  }

  /** Cached in the identity region (every token validation reads the user); writes below drop it. */
  async getUser(userId: string): Promise<UserRecord> {
    return this.users.getOrSet(['user', userId], async () => {
      const loc = await this.locate(userId, 'user');
      return this.publicUser(await loc.driver.getUser(loc.localId), loc);
    });
  }

  async getUserByName(name: string, domainId: string): Promise<UserRecord> {
    return this.users.getOrSet(['user_by_name', domainId, name], async () => {
      const driver = await this.resolver.forDomain(domainId);
      return this.publicUser(await driver.getUserByName(name, domainId), { driver, domainId });
    });
  }

  private get users(): CacheRegion {
    return this.cache?.region('identity') ?? NO_CACHE;
  }

  /** Effective roles come through groups: Keystone drops its computed assignments on membership changes. */
  private async forgetMemberships(): Promise<void> {
    await this.cache?.region('assignment').invalidateAll();
  }

  /** Drops a user's cached records (by id, and by the name it had), on every worker. */
  private async forgetUser(user: { id: string; name: string; domain_id: string }): Promise<void> {
    await Promise.all([this.users.invalidate(['user', user.id]), this.users.invalidate(['user_by_name', user.domain_id, user.name])]);
  }

  /** Every attempt is an `identity.authenticate` event (Keystone's emit_event wraps this same call). */
  async authenticate(userId: string, password: string): Promise<UserRecord> {
    let user: UserRecord;
    try {
      const loc = await this.locate(userId, 'user');
      if (loc.driver.checkPassword) {
        await loc.driver.checkPassword(loc.localId, password);
        user = await this.getUser(userId);
      } else {
        user = await this.publicUser(await loc.driver.authenticate(loc.localId, password), loc);
      }
    } catch (e) {
      await this.notifier?.authenticate('failure', { userId, reason: authenticationFailureReason(e, isPasswordExpiredError(e)) });
      throw e;
    }
    await this.notifier?.authenticate('success', { userId });
    return user;
  }

  async createUser(user: NewUser): Promise<UserRecord> {
    if (user.password !== undefined) validatePassword(this.runtime.config, user.password);
    const domainId = user.domain_id ?? this.defaultDomainId;
    await this.apis.resource.getDomain(domainId);
    const driver = await this.writableDriver(domainId);
    const id = driver.generatesUuids ? uuidHex() : user.name;
    const created = await this.publicUser(await driver.createUser(id, { ...user, domain_id: domainId }), { driver, domainId });
    await this.notifier?.created('user', created.id);
    return created;
  }

  async listUsers(hints: DriverHints, domainScope: string | null = null): Promise<{ refs: UserRecord[]; truncated: boolean }> {
    const domainId = (hints.getExactFilterByName('domain_id')?.value as string | undefined) ?? domainScope;
    const driver = await this.resolver.forDomain(domainId);
    if (!driver.isDomainAware) {
      const f = hints.getExactFilterByName('domain_id');
      if (f) hints.removeFilter(f);
    }
    const refs = await this.ids.listToPublic(await driver.listUsers(hints), driver, domainId ?? this.defaultDomainId, 'user');
    return applyLimit(applyRemainingFilters(refs, hints), hints);
  }

  async updateUser(userId: string, patch: Partial<NewUser>): Promise<UserRecord> {
    if (patch.id !== undefined && patch.id !== userId) throw ValidationError.field('id', 'Cannot change user ID');
    if (patch.password !== undefined) validatePassword(this.runtime.config, patch.password);
    const loc = await this.locate(userId, 'user');
    const before = await loc.driver.getUser(loc.localId);
    if (patch.domain_id !== undefined && patch.domain_id !== before.domain_id) {
      throw ValidationError.field('domain_id', 'Cannot change Domain ID');
    }
    if (!loc.driver.writable) throw readOnly(loc.driver);
    const { id: _id, domain_id: _d, ...rest } = patch;
    const updated = await loc.driver.updateUser(loc.localId, rest);
    await this.forgetUser(await this.publicUser(before, loc));
    // A validated token shows the user's name and password expiry.
    if (this.apis.has('token')) await this.apis.token.invalidateCaches?.();
    if (patch.enabled === false && before.enabled !== false) await this.revokeUser(userId);
    if (patch.password !== undefined) await this.revokeUser(userId);
    await this.notifier?.updated('user', userId);
    return this.publicUser(updated, loc);
  }

  async deleteUser(userId: string): Promise<void> {
    const loc = await this.locate(userId, 'user');
    if (!loc.driver.writable) throw readOnly(loc.driver);
    const doomed = await this.publicUser(await loc.driver.getUser(loc.localId), loc);
    await loc.driver.deleteUser(loc.localId);
    await this.forgetUser(doomed);
    if (this.apis.has('assignment')) await this.apis.assignment.deleteUserAssignments(userId);
    if (this.apis.has('applicationCredential')) await this.apis.applicationCredential.deleteForUser(userId);
    if (this.apis.has('credential')) await this.apis.credential.deleteCredentialsForUser(userId);
    if (loc.domainId !== null) await this.ids.forget(userId);
    await this.revokeUser(userId);
    await this.notifier?.deleted('user', userId);
  }

  /** Keystone's change_password: an expired original still allows the change; the driver applies history/age rules. */
  async changePassword(userId: string, original: string, password: string): Promise<void> {
    try {
      await this.authenticate(userId, original);
    } catch (e) {
      if (!isPasswordExpiredError(e)) throw e;
    }
    const loc = await this.locate(userId, 'user');
    try {
      validatePassword(this.runtime.config, password);
      if (loc.driver.changePassword) await loc.driver.changePassword(loc.localId, password);
      else await loc.driver.updateUser(loc.localId, { password });
    } catch (e) {
      // Keystone reports a refused new password (strength, history, age) as an update with the reason.
      if (e instanceof ValidationError) await this.notifier?.updated('user', userId, { reason: failureReason(e) });
      throw e;
    }
    // password_expires_at changed.
    await this.forgetUser(await this.publicUser(await loc.driver.getUser(loc.localId), loc));
    await this.notifier?.updated('user', userId);
    await this.revokeUser(userId);
  }

  async createGroup(group: NewGroup): Promise<GroupRecord> {
    const domainId = group.domain_id ?? this.defaultDomainId;
    await this.apis.resource.getDomain(domainId);
    const driver = await this.writableDriver(domainId);
    const created = await driver.createGroup(driver.generatesUuids ? uuidHex() : group.name, { ...group, domain_id: domainId });
    const ref = await this.ids.toPublic(created, driver, domainId, 'group');
    await this.notifier?.created('group', ref.id);
    return ref;
  }

  async getGroup(groupId: string): Promise<GroupRecord> {
    const loc = await this.locate(groupId, 'group');
    return this.ids.toPublic(await loc.driver.getGroup(loc.localId), loc.driver, loc.domainId ?? this.defaultDomainId, 'group');
  }

  async listGroups(hints: DriverHints, domainScope: string | null = null): Promise<{ refs: GroupRecord[]; truncated: boolean }> {
    const domainId = (hints.getExactFilterByName('domain_id')?.value as string | undefined) ?? domainScope;
    const driver = await this.resolver.forDomain(domainId);
    const refs = await this.ids.listToPublic(await driver.listGroups(hints), driver, domainId ?? this.defaultDomainId, 'group');
    return applyLimit(applyRemainingFilters(refs, hints), hints);
  }

  async updateGroup(groupId: string, patch: Partial<GroupRecord>): Promise<GroupRecord> {
    const loc = await this.locate(groupId, 'group');
    const before = await loc.driver.getGroup(loc.localId);
    if (patch.domain_id !== undefined && patch.domain_id !== before.domain_id) throw ValidationError.field('domain_id', 'Cannot change Domain ID');
    const { id: _id, domain_id: _d, ...rest } = patch;
    const updated = await this.ids.toPublic(await loc.driver.updateGroup(loc.localId, rest), loc.driver, loc.domainId ?? this.defaultDomainId, 'group');
    await this.notifier?.updated('group', groupId);
    return updated;
  }

  async deleteGroup(groupId: string): Promise<void> {
    const loc = await this.locate(groupId, 'group');
    const members = await loc.driver.listUsersInGroup(loc.localId, new DriverHints());
    await loc.driver.deleteGroup(loc.localId);
    await this.forgetMemberships();
    if (this.apis.has('assignment')) await this.apis.assignment.deleteGroupAssignments(groupId);
    if (loc.domainId !== null) await this.ids.forget(groupId);
    for (const m of members) await this.revokeUser(m.id);
    await this.notifier?.deleted('group', groupId);
  }

  async listGroupsForUser(userId: string, hints = new DriverHints()): Promise<GroupRecord[]> {
    const loc = await this.locate(userId, 'user');
    // Keystone reports every membership's expiry; only federated (expiring) ones have one.
    const groups = (await loc.driver.listGroupsForUser(loc.localId, hints)).map((g) => ('membership_expires_at' in g ? g : { ...g, membership_expires_at: null }));
    return applyRemainingFilters(await this.ids.listToPublic(groups, loc.driver, loc.domainId ?? this.defaultDomainId, 'group'), hints);
  }

  async listUsersInGroup(groupId: string, hints = new DriverHints()): Promise<UserRecord[]> {
    const loc = await this.locate(groupId, 'group');
    const users = await loc.driver.listUsersInGroup(loc.localId, hints);
    return applyRemainingFilters(await this.ids.listToPublic(users, loc.driver, loc.domainId ?? this.defaultDomainId, 'user'), hints);
  }

  async addUserToGroup(userId: string, groupId: string): Promise<void> {
    const [u, g] = await Promise.all([this.locate(userId, 'user'), this.locate(groupId, 'group')]);
    if (u.driver !== g.driver) throw new Forbidden('Cannot add a user to a group served by another identity backend.');
    await g.driver.addUserToGroup(u.localId, g.localId);
    await this.forgetMemberships();
    await this.notifier?.addedTo('group', groupId, 'user', userId);
  }

  async checkUserInGroup(userId: string, groupId: string): Promise<void> {
    const [u, g] = await Promise.all([this.locate(userId, 'user'), this.locate(groupId, 'group')]);
    if (u.driver !== g.driver) throw new NotFound(`User '${userId}' not found in group '${groupId}'.`);
    await g.driver.checkUserInGroup(u.localId, g.localId);
  }

  async removeUserFromGroup(userId: string, groupId: string): Promise<void> {
    const [u, g] = await Promise.all([this.locate(userId, 'user'), this.locate(groupId, 'group')]);
    await g.driver.removeUserFromGroup(u.localId, g.localId);
    await this.forgetMemberships();
    await this.revokeUser(userId);
    await this.notifier?.removedFrom('group', groupId, 'user', userId);
  }

  async deleteDomainContents(domainId: string): Promise<void> {
    const driver = await this.resolver.forDomain(domainId);
    if (driver.writable) {
      const hints = new DriverHints().addFilter('domain_id', domainId);
      for (const u of await this.ids.listToPublic(await driver.listUsers(hints), driver, domainId, 'user')) await this.deleteUser(u.id);
      const ghints = new DriverHints().addFilter('domain_id', domainId);
      for (const g of await this.ids.listToPublic(await driver.listGroups(ghints), driver, domainId, 'group')) await this.deleteGroup(g.id);
    }
    await this.ids.purgeDomain(domainId);
  }

  private async writableDriver(domainId: string): Promise<IdentityDriver> {
    const driver = await this.resolver.forDomain(domainId);
    if (!driver.writable) throw readOnly(driver);
    return driver;
  }

  private async revokeUser(userId: string): Promise<void> {
    if (this.apis.has('revoke')) await this.apis.revoke.revokeByUser(userId);
  }
}

const NO_CACHE: CacheRegion = new DisabledCacheRegion('identity');

function readOnly(driver: IdentityDriver): Forbidden {
  return new Forbidden(driver.readOnlyMessage ?? 'This identity backend is read-only.');
}

function uuidHex(): string {
  return randomUUID().replace(/-/g, '');
}
