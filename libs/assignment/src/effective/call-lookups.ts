import type { DomainRef, IdentityApi, ProjectRef, ResourceApi } from '@keystone-ts/core';
import type { GroupRecord, UserRecord } from '@keystone-ts/plugin-sdk';

/**
 * Reads of other subsystems made while computing one listing, each asked
 * once: expanding a hundred inherited assignments on one domain lists that
 * domain's projects once, not a hundred times.
 */
export class CallLookups {
  private readonly memo = new Map<string, Promise<unknown>>();

  constructor(
    private readonly resource: () => ResourceApi,
    private readonly identity: () => IdentityApi,
  ) {}

  project(id: string): Promise<ProjectRef> {
    return this.once(`project:${id}`, () => this.resource().getProject(id));
  }
  domain(id: string): Promise<DomainRef> {
    return this.once(`domain:${id}`, () => this.resource().getDomain(id));
  }
  parents(projectId: string): Promise<ProjectRef[]> {
    return this.once(`parents:${projectId}`, () => this.resource().listProjectParents(projectId));
  }
  subtree(projectId: string): Promise<ProjectRef[]> {
    return this.once(`subtree:${projectId}`, () => this.resource().listProjectsInSubtree(projectId));
  }
  projectsInDomain(domainId: string): Promise<ProjectRef[]> {
    return this.once(`in-domain:${domainId}`, () => this.resource().listProjectsInDomain(domainId));
  }
  user(id: string): Promise<UserRecord> {
    return this.once(`user:${id}`, () => this.identity().getUser(id));
  }
  group(id: string): Promise<GroupRecord> {
    return this.once(`group:${id}`, () => this.identity().getGroup(id));
  }
  usersInGroup(groupId: string): Promise<UserRecord[]> {
    return this.once(`members:${groupId}`, () => this.identity().listUsersInGroup(groupId));
  }
  groupsForUser(userId: string): Promise<GroupRecord[]> {
    return this.once(`groups:${userId}`, () => this.identity().listGroupsForUser(userId));
  }

  private once<T>(key: string, load: () => Promise<T>): Promise<T> {
    let p = this.memo.get(key) as Promise<T> | undefined;
    if (!p) {
      p = load();
      this.memo.set(key, p);
    }
    return p;
  }
}
