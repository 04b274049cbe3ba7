import type { DomainRef, IdentityApi, ProjectRef, ResourceApi } from '@keystone-ts/core';
import { NotFound, type GroupRecord, type UserRecord } from '@keystone-ts/plugin-sdk';

/**
 * Small in-memory identity and resource subsystems, for unit tests of the
 * assignment algorithms (the assignment data itself is in a real SQLite
 * database). They count calls, so tests can check query budgets.
 */
export class FakeIdentity {
  readonly users = new Map<string, UserRecord>();
  readonly groups = new Map<string, GroupRecord>();
  readonly members = new Map<string, Set<string>>();
  calls = 0;

  user(id: string, domainId = 'default'): this {
    this.users.set(id, { id, name: `${id}-name`, domain_id: domainId, enabled: true });
    return this;
  }
  group(id: string, memberIds: string[] = [], domainId = 'default'): this {
    this.groups.set(id, { id, name: `${id}-name`, domain_id: domainId });
    this.members.set(id, new Set(memberIds));
    return this;
  }

  async getUser(id: string): Promise<UserRecord> {
    this.calls++;
    const u = this.users.get(id);
    if (!u) throw NotFound.entity('user', id);
    return u;
  }
  async getGroup(id: string): Promise<GroupRecord> {
    this.calls++;
    const g = this.groups.get(id);
    if (!g) throw NotFound.entity('group', id);
    return g;
  }
  async listGroupsForUser(userId: string): Promise<GroupRecord[]> {
    await this.getUser(userId);
    return [...this.groups.values()].filter((g) => this.members.get(g.id)?.has(userId));
  }
  async listUsersInGroup(groupId: string): Promise<UserRecord[]> {
    await this.getGroup(groupId);
    return [...(this.members.get(groupId) ?? [])].map((id) => this.users.get(id)!).filter(Boolean);
  }

  asApi(): IdentityApi {
    return this as unknown as IdentityApi;
  }
}

export class FakeResource {
  readonly domains = new Map<string, DomainRef>();
  readonly projects = new Map<string, ProjectRef>();
  calls = 0;

  domain(id: string): this {
    this.domains.set(id, { id, name: `${id}-name`, enabled: true });
    return this;
  }
  /** A project under a domain, or under another project (same domain). */
  project(id: string, parent: string, domainId?: string): this {
    const parentProject = this.projects.get(parent);
    const domain = domainId ?? parentProject?.domain_id ?? parent;
    this.projects.set(id, { id, name: `${id}-name`, domain_id: domain, parent_id: parent, is_domain: false, enabled: true });
    return this;
  }

  async getDomain(id: string): Promise<DomainRef> {
    this.calls++;
    const d = this.domains.get(id);
    if (!d) throw NotFound.entity('domain', id);
    return d;
  }
  async getProject(id: string): Promise<ProjectRef> {
    this.calls++;
    const p = this.projects.get(id);
    if (!p) throw NotFound.entity('project', id);
    return p;
  }
  async listProjectParents(id: string): Promise<ProjectRef[]> {
    const out: ProjectRef[] = [];
    let p = await this.getProject(id);
    while (p.parent_id && this.projects.has(p.parent_id)) {
      p = this.projects.get(p.parent_id)!;
      out.push(p);
    }
    return out;
  }
  async listProjectsInSubtree(id: string): Promise<ProjectRef[]> {
    await this.getProject(id);
    const out: ProjectRef[] = [];
    const walk = (parent: string) => {
      for (const p of this.projects.values()) if (p.parent_id === parent) out.push(p), walk(p.id);
    };
    walk(id);
    return out;
  }
  async listProjectsInDomain(domainId: string): Promise<ProjectRef[]> {
    this.calls++;
    return [...this.projects.values()].filter((p) => p.domain_id === domainId);
  }
  async listProjectsFromIds(ids: readonly string[]): Promise<ProjectRef[]> {
    this.calls++;
    return ids.map((id) => this.projects.get(id)).filter((p): p is ProjectRef => p !== undefined);
  }

  asApi(): ResourceApi {
    return this as unknown as ResourceApi;
  }
}
