import { Injectable } from '@nestjs/common';
import { ProviderApis } from '@keystone-ts/core';
import { NotFound } from '@keystone-ts/plugin-sdk';
import { RoleManager } from '../role.manager';

export interface GrantParams {
  roleId?: string;
  userId?: string;
  groupId?: string;
  projectId?: string;
  domainId?: string;
}

type Target = Record<string, unknown>;

/**
 * The policy targets of the grant APIs. Each Keystone API builds its own, in
 * its own order and with its own tolerance of missing entities; the order
 * decides which 404 a request gets, so each is restated as is.
 */
@Injectable()
export class GrantTargets {
  constructor(
    private readonly apis: ProviderApis,
    private readonly roles: RoleManager,
  ) {}

  /** api/projects.py: role → user or group → project; all must exist (the actor may not, on DELETE). */
  async project(p: GrantParams, allowMissingActor = false): Promise<Target> {
    const t: Target = {};
    if (p.roleId) t.role = await this.roles.getRole(p.roleId);
    await this.actor(t, p, allowMissingActor);
    t.project = await this.apis.resource.getProject(p.projectId!);
    return t;
  }

  /** api/domains.py: domain → role → user or group. */
  async domain(p: GrantParams, allowMissingActor = false): Promise<Target> {
    const t: Target = { domain: await this.apis.resource.getDomain(p.domainId!) };
    if (p.roleId) t.role = await this.roles.getRole(p.roleId);
    await this.actor(t, p, allowMissingActor);
    return t;
  }

  /** api/system.py: role → user or group. */
  async system(p: GrantParams, allowMissingActor = false): Promise<Target> {
    const t: Target = {};
    if (p.roleId) t.role = await this.roles.getRole(p.roleId);
    await this.actor(t, p, allowMissingActor);
    return t;
  }

  /**
   * api/os_inherit.py never answers 404 before enforcement: a missing entity
   * leaves an empty target, and the policy decides (the manager 404s later).
   */
  async osInherit(p: GrantParams): Promise<Target> {
    const t: Target = {};
    if (p.roleId) t.role = await orEmpty(() => this.roles.getRole(p.roleId!));
    if (p.userId) t.user = await orEmpty(() => this.apis.identity.getUser(p.userId!));
    else t.group = await orEmpty(() => this.apis.identity.getGroup(p.groupId!));
    if (p.domainId) t.domain = await orEmpty(() => this.apis.resource.getDomain(p.domainId!));
    else if (p.projectId) t.project = await orEmpty(() => this.apis.resource.getProject(p.projectId!));
    return t;
  }

  private async actor(t: Target, p: GrantParams, allowMissing: boolean): Promise<void> {
    try {
      if (p.userId) t.user = await this.apis.identity.getUser(p.userId);
      else t.group = await this.apis.identity.getGroup(p.groupId!);
    } catch (e) {
      if (!(allowMissing && e instanceof NotFound)) throw e;
    }
  }
}

async function orEmpty(load: () => Promise<unknown>): Promise<unknown> {
  try {
    return await load();
  } catch (e) {
    if (e instanceof NotFound) return {};
    throw e;
  }
}
