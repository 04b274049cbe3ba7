import type { ProviderApis } from '@keystone-ts/core';
import { NotFound, ValidationError, type AssignmentDriver, type RoleRecord, type SystemAssignmentType } from '@keystone-ts/plugin-sdk';
import { InferenceRules } from './effective/implied-roles';
import type { RoleManager } from './role.manager';

/** Keystone's only system target. */
const SYSTEM = 'system';

/** Grants on the system (`/v3/system/{users,groups}/{id}/roles`), Keystone's `*_system_grant*` methods. */
export class SystemGrants {
  constructor(
    private readonly driver: AssignmentDriver,
    private readonly roles: RoleManager,
    private readonly apis: ProviderApis,
    /** Drops the computed assignments (system roles are among them); awaited after every write. */
    private readonly forget: () => Promise<void> = async () => undefined,
  ) {}

  /** Roles granted to the actor on the system (grants of deleted roles do not show). */
  async list(type: SystemAssignmentType, actorId: string): Promise<RoleRecord[]> {
    const grants = await this.driver.listSystemGrants({ actorIds: [actorId], targetId: SYSTEM, type });
    return this.roles.listRolesFromIds(grants.map((g) => g.role_id));
  }

  check(actorId: string, roleId: string): Promise<void> {
    return this.driver.checkSystemGrant(roleId, actorId, SYSTEM, false);
  }

  async create(type: SystemAssignmentType, actorId: string, roleId: string): Promise<void> {
    const role = await this.roles.getRole(roleId);
    if (role.domain_id) {
      throw new ValidationError(`Role ${roleId} is a domain-specific role. Unable to use a domain-specific role in a system assignment.`);
    }
    try {
      await this.driver.createSystemGrant(roleId, actorId, SYSTEM, type, false);
    } finally {
      await this.forget();
    }
  }

  async delete(actorId: string, roleId: string): Promise<void> {
    try {
      await this.driver.deleteSystemGrant(roleId, actorId, SYSTEM, false);
    } finally {
      await this.forget();
    }
  }

  /** When a user or group is deleted. */
  async deleteAllFor(type: SystemAssignmentType, actorId: string): Promise<void> {
    for (const g of await this.driver.listSystemGrants({ actorIds: [actorId], type })) {
      try {
        await this.driver.deleteSystemGrant(g.role_id, actorId, g.target_id, g.inherited);
      } catch (e) {
        if (!(e instanceof NotFound)) throw e;
      }
    }
  }

  /**
   * The roles of a system-scoped token: the user's and their groups' system
   * grants (one read), plus every role those imply.
   */
  async effectiveRolesForUser(userId: string): Promise<RoleRecord[]> {
    const groupIds = (await this.apis.identity.listGroupsForUser(userId)).map((g) => g.id);
    const grants = await this.driver.listSystemGrants({ actorIds: [userId, ...groupIds], targetId: SYSTEM });
    const groups = new Set(groupIds);
    const direct = grants
      .filter((g) => (g.type === 'UserSystem' && g.actor_id === userId) || (g.type === 'GroupSystem' && groups.has(g.actor_id)))
      .map((g) => g.role_id);
    if (direct.length === 0) return [];
    // A deleted role has no inference rules left and is skipped by the bulk read, as Keystone skips it.
    const ids = new InferenceRules(await this.roles.listRoleInferenceRules()).expandIds(direct);
    return this.roles.listRolesFromIds(ids);
  }
}
