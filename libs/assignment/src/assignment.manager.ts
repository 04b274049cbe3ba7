import { Inject, Injectable, Optional } from '@nestjs/common';
import { CacheRegions, DisabledCacheRegion, Notifier, ProviderApis, type AssignmentApi, type CacheRegion, type RoleAssignmentFilter, type RoleAssignmentRef } from '@keystone-ts/core';
import { Forbidden, NotFound, type AssignmentDriver, type GrantKey, type NewRole, type RoleRecord } from '@keystone-ts/plugin-sdk';
import { ASSIGNMENT_DRIVERS, type AssignmentDrivers } from './assignment-drivers';
import { RoleManager } from './role.manager';
import { SystemGrants } from './system-grants';
import { CallLookups } from './effective/call-lookups';
import { InferenceRules } from './effective/implied-roles';
import { RoleAssignmentLister } from './effective/role-assignment.lister';
import type { Assignment, AssignmentFilter } from './effective/assignment.types';

/** A grant as the API names it: one actor, one target, and whether it is inherited to projects. */
export interface GrantSpec {
  userId?: string;
  groupId?: string;
  projectId?: string;
  domainId?: string;
  inheritedToProjects?: boolean;
}

/**
 * Keystone's assignment manager (assignment_api): grants on projects,
 * domains and the system, role assignment listings and the effective roles
 * tokens carry. Registered as `assignment` in ProviderApis.
 */
@Injectable()
export class AssignmentManager implements AssignmentApi {
  private readonly driver: AssignmentDriver;
  private readonly lister: RoleAssignmentLister;
  readonly system: SystemGrants;

  constructor(
    @Inject(ASSIGNMENT_DRIVERS) drivers: AssignmentDrivers,
    readonly roles: RoleManager,
    private readonly apis: ProviderApis,
    @Optional() private readonly cache?: CacheRegions,
    @Optional() private readonly notifier?: Notifier,
  ) {
    this.driver = drivers.assignment;
    this.lister = new RoleAssignmentLister(this.driver, roles);
    this.system = new SystemGrants(this.driver, roles, apis, () => this.forget());
    apis.register('assignment', this);
  }

  /**
   * Effective roles and targets (what every token validation computes) are
   * cached in the assignment region. They depend on grants (written here),
   * roles and implied roles (RoleManager drops this region too), group
   * memberships (IdentityManager drops it) and project hierarchies
   * (ResourceManager drops it). Failed computations are not cached.
   */
  private get computed(): CacheRegion {
    return this.cache?.region('assignment') ?? NO_CACHE;
  }

  /** Drops every computed assignment on every worker. */
  async forget(): Promise<void> {
    await this.computed.invalidateAll();
  }

  /** Runs a write, then (even when it failed half-way) drops the computed assignments, awaited. */
  private async write<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } finally {
      await this.forget();
    }
  }

  /** Fresh per call: lookups are memoised for one computation only. */
  lookups(): CallLookups {
    return new CallLookups(() => this.apis.resource, () => this.apis.identity);
  }

  getRole(roleId: string): Promise<RoleRecord> {
    return this.roles.getRole(roleId);
  }
  getRoleByName(name: string, domainId: string | null): Promise<RoleRecord> {
    return this.roles.getRoleByName(name, domainId);
  }
  listRolesFromIds(roleIds: readonly string[]): Promise<RoleRecord[]> {
    return this.roles.listRolesFromIds(roleIds);
  }
  createRole(role: NewRole): Promise<RoleRecord> {
    return this.roles.createRole(role);
  }

  async createGrant(roleId: string, g: GrantSpec): Promise<void> {
    await this.notifiedGrant('created', roleId, g, () => this.createGrantUnnotified(roleId, g));
  }

  /** Keystone's role_assignment notification: `identity.role_assignment.<operation>`, success or failure. */
  private async notifiedGrant(operation: 'created' | 'deleted', roleId: string, g: GrantSpec, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (e) {
      await this.notifier?.roleAssignment(operation, { roleId, ...g }, 'failure');
      throw e;
    }
    await this.notifier?.roleAssignment(operation, { roleId, ...g }, 'success');
  }

  private async createGrantUnnotified(roleId: string, g: GrantSpec): Promise<void> {
    const role = await this.roles.getRole(roleId);
    if (g.domainId) await this.apis.resource.getDomain(g.domainId);
    if (g.projectId) {
      const project = await this.apis.resource.getProject(g.projectId);
      if (role.domain_id && project.domain_id !== role.domain_id) {
        throw new Forbidden(`Project ${g.projectId} must be in the same domain as the role ${roleId} being assigned.`);
      }
    }
    await this.write(() => this.driver.createGrant(roleId, key(g)));
  }

  /** Keystone's get_grant: 404 for an unknown role, target or grant. */
  async getGrant(roleId: string, g: GrantSpec): Promise<RoleRecord> {
    const role = await this.roles.getRole(roleId);
    await this.assertTarget(g);
    await this.driver.checkGrantRoleId(roleId, key(g));
    return role;
  }

  async listGrants(g: GrantSpec): Promise<RoleRecord[]> {
    await this.assertTarget(g);
    return this.roles.listRolesFromIds(await this.driver.listGrantRoleIds(key(g)));
  }

  async deleteGrant(roleId: string, g: GrantSpec): Promise<void> {
    await this.notifiedGrant('deleted', roleId, g, () => this.deleteGrantUnnotified(roleId, g));
  }

  private async deleteGrantUnnotified(roleId: string, g: GrantSpec): Promise<void> {
    await this.roles.getRole(roleId);
    // Keystone checks the grant before the target, so a missing grant wins over a missing target.
    await this.driver.checkGrantRoleId(roleId, key(g));
    await this.assertTarget(g);
    // The write bumps the assignment generation, which every cached token validation embeds.
    await this.write(() => this.driver.deleteGrant(roleId, key(g)));
    // A user's application credentials on the project may need a role the user just lost.
    if (g.userId && g.projectId && this.apis.has('applicationCredential')) await this.apis.applicationCredential.pruneForUserOnProject(g.userId, g.projectId);
  }

  /** The raw listing, in Keystone's internal shape (the role_assignments API formats it). */
  listAssignments(filter: AssignmentFilter, lookups = this.lookups()): Promise<Assignment[]> {
    return this.lister.list(filter, lookups);
  }

  async listRoleAssignments(filter: RoleAssignmentFilter): Promise<RoleAssignmentRef[]> {
    return (await this.lister.list(filter, this.lookups())).map(toApiRef);
  }

  getRolesForUserOnProject(userId: string, projectId: string): Promise<RoleRecord[]> {
    return this.computed.getOrSet(['project_roles', userId, projectId], async () => {
      const lookups = this.lookups();
      await lookups.project(projectId);
      return this.lister.effectiveRoles({ userId, projectId }, lookups);
    });
  }

  getRolesForTrustorOnProject(userId: string, projectId: string): Promise<RoleRecord[]> {
    return this.computed.getOrSet(['trustor_project_roles', userId, projectId], async () => {
      const lookups = this.lookups();
      await lookups.project(projectId);
      return this.lister.effectiveRoles({ userId, projectId, stripDomainRoles: false }, lookups);
    });
  }

  getRolesForUserOnDomain(userId: string, domainId: string): Promise<RoleRecord[]> {
    return this.computed.getOrSet(['domain_roles', userId, domainId], async () => {
      const lookups = this.lookups();
      await lookups.domain(domainId);
      return this.lister.effectiveRoles({ userId, domainId }, lookups);
    });
  }

  getRolesForUserOnSystem(userId: string): Promise<RoleRecord[]> {
    return this.computed.getOrSet(['system_roles', userId], () => this.system.effectiveRolesForUser(userId));
  }

  async getRolesForGroups(groupIds: readonly string[], target: { projectId?: string; domainId?: string }): Promise<RoleRecord[]> {
    if (groupIds.length === 0) return [];
    const lookups = this.lookups();
    if (target.projectId) await lookups.project(target.projectId);
    else if (!target.domainId) throw new Error('getRolesForGroups: a project or a domain is required');
    return this.lister.effectiveRoles({ sourceFromGroupIds: groupIds, projectId: target.projectId, domainId: target.projectId ? undefined : target.domainId }, lookups);
  }

  async expandImpliedRoleIds(roleIds: readonly string[]): Promise<string[]> {
    if (roleIds.length === 0) return [];
    return new InferenceRules(await this.roles.listRoleInferenceRules()).expandIds(roleIds);
  }

  listProjectsForUser(userId: string): Promise<string[]> {
    return this.computed.getOrSet(['user_projects', userId], () => this.lister.effectiveTargets({ userId }, 'project_id', this.lookups()));
  }
  listDomainsForUser(userId: string): Promise<string[]> {
    return this.computed.getOrSet(['user_domains', userId], () => this.lister.effectiveTargets({ userId }, 'domain_id', this.lookups()));
  }
  listProjectsForGroups(groupIds: readonly string[]): Promise<string[]> {
    return groupIds.length === 0 ? Promise.resolve([]) : this.lister.effectiveTargets({ sourceFromGroupIds: groupIds }, 'project_id', this.lookups());
  }
  listDomainsForGroups(groupIds: readonly string[]): Promise<string[]> {
    return groupIds.length === 0 ? Promise.resolve([]) : this.lister.effectiveTargets({ sourceFromGroupIds: groupIds }, 'domain_id', this.lookups());
  }

  createSystemGrantForUser(userId: string, roleId: string): Promise<void> {
    return this.system.create('UserSystem', userId, roleId);
  }

  deleteUserAssignments(userId: string): Promise<void> {
    return this.write(async () => {
      await this.driver.deleteUserAssignments(userId);
      await this.system.deleteAllFor('UserSystem', userId);
    });
  }
  deleteGroupAssignments(groupId: string): Promise<void> {
    return this.write(async () => {
      await this.driver.deleteGroupAssignments(groupId);
      await this.system.deleteAllFor('GroupSystem', groupId);
    });
  }
  deleteProjectAssignments(projectId: string): Promise<void> {
    return this.write(() => this.driver.deleteProjectAssignments(projectId));
  }
  deleteDomainAssignments(domainId: string): Promise<void> {
    return this.write(() => this.driver.deleteDomainAssignments(domainId));
  }
  deleteRoleAssignments(roleId: string): Promise<void> {
    return this.write(() => this.driver.deleteRoleAssignments(roleId));
  }

  private async assertTarget(g: GrantSpec): Promise<void> {
    if (g.domainId) await this.apis.resource.getDomain(g.domainId);
    if (g.projectId) await this.apis.resource.getProject(g.projectId);
  }
}

const NO_CACHE: CacheRegion = new DisabledCacheRegion('assignment');

function key(g: GrantSpec): GrantKey {
  if (!(g.userId ?? g.groupId) || !(g.projectId ?? g.domainId)) throw new NotFound('Could not find resource.');
  return { userId: g.userId, groupId: g.groupId, projectId: g.projectId, domainId: g.domainId, inherited: g.inheritedToProjects === true };
}

function toApiRef(a: Assignment): RoleAssignmentRef {
  const ref: RoleAssignmentRef = { role_id: a.role_id };
  for (const k of ['user_id', 'group_id', 'project_id', 'domain_id'] as const) if (a[k] !== undefined) ref[k] = a[k];
  if (a.system) ref.system = 'all';
  if (a.inherited_to_projects === 'projects') ref.inherited_to_projects = true;
  if (a.indirect) ref.indirect = { ...a.indirect };
  return ref;
}
