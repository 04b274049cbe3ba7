import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { KeystoneConfig, ProviderApis, applyLimit, applyRemainingFilters } from '@keystone-ts/core';
import { DriverHints, Forbidden, NotFound, ValidationError, type ImpliedRoleRecord, type NewRole, type RoleDriver, type RoleRecord } from '@keystone-ts/plugin-sdk';
import { ASSIGNMENT_DRIVERS, type AssignmentDrivers } from './assignment-drivers';
import { invalidateTokenCaches } from './token-invalidation';
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
  ) {
    this.driver = drivers.role;
  }

  getRole(roleId: string): Promise<RoleRecord> {
    return this.driver.getRole(roleId);
  }

  /** The role of that exact name among global roles (domainId null) or the domain's roles. */
  async getRoleByName(name: string, domainId: string | null): Promise<RoleRecord> {
    const found = await this.driver.listRoles(new DriverHints().addFilter('name', name).addFilter('domain_id', domainId));
    const exact = found.filter((r) => r.name === name && r.domain_id === domainId);
    if (exact.length === 0) throw NotFound.entity('role', name);
    return exact[0];
  }

  async listRoles(hints: DriverHints): Promise<{ refs: RoleRecord[]; truncated: boolean }> {
    const refs = await this.driver.listRoles(hints);
    return applyLimit(applyRemainingFilters(refs, hints), hints);
  }

  listRolesFromIds(roleIds: readonly string[]): Promise<RoleRecord[]> {
    return this.driver.listRolesFromIds(roleIds);
  }

  createRole(role: NewRole): Promise<RoleRecord> {
    return this.driver.createRole(randomUUID().replace(/-/g, ''), role);
  }

  async updateRole(roleId: string, patch: Partial<NewRole>): Promise<RoleRecord> {
    const original = await this.driver.getRole(roleId);
    if (isImmutable(original) && !onlyClearsImmutable(patch)) {
      throw new Forbidden(`Unable to update immutable role resource: \`${roleId}. Set resource option "immutable" to false first.`);
    }
    if ('domain_id' in patch && patch.domain_id !== original.domain_id) throw new ValidationError('Update of `domain_id` is not allowed.');
    return this.driver.updateRole(roleId, patch);
  }

  async deleteRole(roleId: string): Promise<void> {
    const role = await this.driver.getRole(roleId);
    if (isImmutable(role)) {
      throw new Forbidden(`Unable to delete immutable role resource: \`${roleId}. Set resource option "immutable" to false first.`);
    }
    await this.apis.assignment.deleteRoleAssignments(roleId);
    await this.driver.deleteRole(roleId);
    await invalidateTokenCaches(this.apis);
  }

  async createImpliedRole(priorRoleId: string, impliedRoleId: string): Promise<ImpliedRoleRecord> {
    const implied = await this.driver.getRole(impliedRoleId);
    const prior = await this.driver.getRole(priorRoleId);
    const prohibited = this.config.get<string[] | null>('assignment', 'prohibited_implied_role') ?? [];
    // Keystone's InvalidImpliedRole shows only its format, whichever of the two rules tripped.
    if (prohibited.includes(implied.name) || (prior.domain_id === null && implied.domain_id !== null)) {
      throw new Forbidden(`${impliedRoleId} cannot be an implied roles.`);
    }
    const rule = await this.driver.createImpliedRole(priorRoleId, impliedRoleId);
    await invalidateTokenCaches(this.apis);
    return rule;
  }

  getImpliedRole(priorRoleId: string, impliedRoleId: string): Promise<ImpliedRoleRecord> {
    return this.driver.getImpliedRole(priorRoleId, impliedRoleId);
  }

  async deleteImpliedRole(priorRoleId: string, impliedRoleId: string): Promise<void> {
    await this.driver.deleteImpliedRole(priorRoleId, impliedRoleId);
    await invalidateTokenCaches(this.apis);
  }

  listImpliedRoles(priorRoleId: string): Promise<ImpliedRoleRecord[]> {
    return this.driver.listImpliedRoles(priorRoleId);
  }

  listRoleInferenceRules(): Promise<ImpliedRoleRecord[]> {
    return this.driver.listRoleInferenceRules();
  }
}

function isImmutable(role: RoleRecord): boolean {
  return role.options?.immutable === true;
}

/** Keystone's check_immutable_update: the only change allowed is turning `immutable` off. */
function onlyClearsImmutable(patch: Partial<NewRole>): boolean {
  const options = (patch.options ?? {}) as Record<string, unknown>;
  return Object.keys(patch).length <= 1 && 'immutable' in options && (options.immutable === false || options.immutable === null);
}
