import { Inject, Injectable, Optional } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CacheRegions, DisabledCacheRegion, KeystoneConfig, Notifier, ProviderApis, applyLimit, applyRemainingFilters, type CacheRegion } from '@keystone-ts/core';
import { DriverHints, Forbidden, NotFound, ValidationError, type ImpliedRoleRecord, type NewRole, type RoleDriver, type RoleRecord } from '@keystone-ts/plugin-sdk';
import { ASSIGNMENT_DRIVERS, type AssignmentDrivers } from './assignment-drivers';
import type { RoleSource } from './effective/role-assignment.lister';

/**
 * Keystone's RoleManager (role_api): roles, the `immutable` option and
 * inference rules. Deleting a role first removes its assignments through the
 * assignment API, as Keystone does.
 */
@Injectable()
export class RoleManager implements RoleSource {
  private readonly driver: RoleDriver;

  constructor(
    @Inject(ASSIGNMENT_DRIVERS) drivers: AssignmentDrivers,
    private readonly config: KeystoneConfig,
    private readonly apis: ProviderApis,
    @Optional() private readonly cache?: CacheRegions,
    @Optional() private readonly notifier?: Notifier,
  ) {
    this.driver = drivers.role;
  }

  /** Roles by id and name, and the inference rules, are cached in the role region; writes below drop it. */
  private get region(): CacheRegion {
    return this.cache?.region('role') ?? NO_CACHE;
  }

  /**
   * Runs a write, then (even when it failed half-way) drops the role region
   * and the computed assignments, which embed role records and implications.
   * Awaited, and before any token-cache invalidation the caller does, so a
   * validation recomputed after that never reads stale roles.
   */
  private async write<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } finally {
      await this.region.invalidateAll();
      await this.cache?.region('assignment').invalidateAll();
    }
  }

  getRole(roleId: string): Promise<RoleRecord> {
    return this.region.getOrSet(['role', roleId], () => this.driver.getRole(roleId));
  }

  /** The role of that exact name among global roles (domainId null) or the domain's roles. */
  getRoleByName(name: string, domainId: string | null): Promise<RoleRecord> {
    return this.region.getOrSet(['role_by_name', domainId, name], async () => {
      const found = await this.driver.listRoles(new DriverHints().addFilter('name', name).addFilter('domain_id', domainId));
      const exact = found.filter((r) => r.name === name && r.domain_id === domainId);
      if (exact.length === 0) throw NotFound.entity('role', name);
      return exact[0];
    });
  }

  async listRoles(hints: DriverHints): Promise<{ refs: RoleRecord[]; truncated: boolean }> {
    const refs = await this.driver.listRoles(hints);
    return applyLimit(applyRemainingFilters(refs, hints), hints);
  }

  listRolesFromIds(roleIds: readonly string[]): Promise<RoleRecord[]> {
    return this.driver.listRolesFromIds(roleIds);
  }

  async createRole(role: NewRole): Promise<RoleRecord> {
    const created = await this.write(() => this.driver.createRole(randomUUID().replace(/-/g, ''), role));
    await this.notifier?.created('role', created.id);
    return created;
  }

  async updateRole(roleId: string, patch: Partial<NewRole>): Promise<RoleRecord> {
    const original = await this.driver.getRole(roleId);
    if (isImmutable(original) && !onlyClearsImmutable(patch)) {
      throw new Forbidden(`Unable to update immutable role resource: \`${roleId}. Set resource option "immutable" to false first.`);
    }
    if ('domain_id' in patch && patch.domain_id !== original.domain_id) throw new ValidationError('Update of `domain_id` is not allowed.');
    const updated = await this.write(() => this.driver.updateRole(roleId, patch));
    await this.notifier?.updated('role', roleId);
    return updated;
  }

  async deleteRole(roleId: string): Promise<void> {
    const role = await this.driver.getRole(roleId);
    if (isImmutable(role)) {
      throw new Forbidden(`Unable to delete immutable role resource: \`${roleId}. Set resource option "immutable" to false first.`);
    }
    await this.apis.assignment.deleteRoleAssignments(roleId);
    if (this.apis.has('applicationCredential')) await this.apis.applicationCredential.deleteWithRole(roleId);
    await this.write(() => this.driver.deleteRole(roleId));
    await this.notifier?.deleted('role', roleId);
  }

  async createImpliedRole(priorRoleId: string, impliedRoleId: string): Promise<ImpliedRoleRecord> {
    const implied = await this.driver.getRole(impliedRoleId);
    const prior = await this.driver.getRole(priorRoleId);
    const prohibited = this.config.get<string[] | null>('assignment', 'prohibited_implied_role') ?? [];
    // Keystone's InvalidImpliedRole shows only its format, whichever of the two rules tripped.
    if (prohibited.includes(implied.name) || (prior.domain_id === null && implied.domain_id !== null)) {
      throw new Forbidden(`${impliedRoleId} cannot be an implied roles.`);
    }
    const rule = await this.write(() => this.driver.createImpliedRole(priorRoleId, impliedRoleId));
    return rule;
  }

  getImpliedRole(priorRoleId: string, impliedRoleId: string): Promise<ImpliedRoleRecord> {
    return this.driver.getImpliedRole(priorRoleId, impliedRoleId);
  }

  async deleteImpliedRole(priorRoleId: string, impliedRoleId: string): Promise<void> {
    await this.write(() => this.driver.deleteImpliedRole(priorRoleId, impliedRoleId));
  }

  listImpliedRoles(priorRoleId: string): Promise<ImpliedRoleRecord[]> {
    return this.driver.listImpliedRoles(priorRoleId);
  }

  listRoleInferenceRules(): Promise<ImpliedRoleRecord[]> {
    return this.region.getOrSet(['inference_rules'], () => this.driver.listRoleInferenceRules());
  }
}

const NO_CACHE: CacheRegion = new DisabledCacheRegion('role');

function isImmutable(role: RoleRecord): boolean {
  return role.options?.immutable === true;
}

/** Keystone's check_immutable_update: the only change allowed is turning `immutable` off. */
function onlyClearsImmutable(patch: Partial<NewRole>): boolean {
  const options = (patch.options ?? {}) as Record<string, unknown>;
  return Object.keys(patch).length <= 1 && 'immutable' in options && (options.immutable === false || options.immutable === null);
}
