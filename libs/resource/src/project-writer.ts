import { Conflict, Forbidden, NotFound, ValidationError, type NewProject, type ProjectRecord, type ResourceDriver } from '@keystone-ts/plugin-sdk';
import type { Notifier, ProviderApis } from '@keystone-ts/core';
import {
  assertNotFederated,
  assertUrlSafe,
  checkImmutableDelete,
  checkImmutableUpdate,
  conflictDetail,
  validateOptions,
  wholeSubtreeDisabled,
  type UrlSafeMode,
} from './resource-rules';

export interface ResourceSettings {
  projectNameUrlSafe: UrlSafeMode;
  domainNameUrlSafe: UrlSafeMode;
  maxProjectTreeDepth: number;
  federatedDomainName: string;
}

/**
 * Keystone's create/update/delete rules for projects (domains are projects):
 * hierarchy constraints, enabled-state rules, immutability, and the
 * cascades into other subsystems.
 */
export class ProjectWriter {
  constructor(
    private readonly driver: ResourceDriver,
    private readonly settings: () => ResourceSettings,
    private readonly apis: ProviderApis,
    private readonly notifier?: Notifier,
  ) {}

  async create(projectId: string, input: Record<string, unknown>): Promise<ProjectRecord> {
    const s = this.settings();
    const name = input.name;
    if (typeof name !== 'string') throw ValidationError.missing('name', 'project');
    assertUrlSafe(s.projectNameUrlSafe, 'Project', name);
    const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
    const p = { enabled: true, description: '', domain_id: null, parent_id: null, is_domain: false, ...given, name: name.trim() } as NewProject;
    if (!p.parent_id) p.parent_id = p.domain_id;
    await this.enforceConstraints(projectId, p);
    // Keystone checks option values last, when it maps them to rows.
    validateOptions(p.options);
    let created: ProjectRecord;
    try {
      created = await this.driver.createProject(projectId, p);
    } catch (e) {
      if (e instanceof Conflict) throw Conflict.duplicate('project', conflictDetail({ ...p, id: projectId }));
      throw e;
    }
    await this.notifier?.created(p.is_domain ? 'domain' : 'project', projectId);
    return created;
  }

  /** Keystone's `_update_project` (cascade only flips `enabled` below). */
  async update(projectId: string, input: Record<string, unknown>, cascade = false): Promise<ProjectRecord> {
    const s = this.settings();
    const original = await this.driver.getProject(projectId);
    const patch = { ...input };
    if ('domain_id' in patch && patch.domain_id !== original.domain_id) throw new ValidationError('Cannot change Domain ID');
    const type = original.is_domain ? 'domain' : 'project';
    checkImmutableUpdate(original, patch, type, projectId);
    if (original.is_domain) assertNotFederated(s.federatedDomainName, projectId, original.name);
    const nameChanged = 'name' in patch && patch.name !== original.name;
    if (nameChanged && typeof patch.name === 'string') {
      assertUrlSafe(original.is_domain ? s.domainNameUrlSafe : s.projectNameUrlSafe, original.is_domain ? 'Domain' : 'Project', patch.name);
      patch.name = patch.name.trim();
    }
    if ('parent_id' in patch && patch.parent_id !== original.parent_id) throw new Forbidden('Update of `parent_id` is not allowed.');
    if ('is_domain' in patch && patch.is_domain !== original.is_domain) throw new ValidationError('Update of `is_domain` is not allowed.');

    // As Keystone: a patch without `enabled` counts as enabling (so it re-checks the parents of a disabled project).
    const wasEnabled = Boolean(original.enabled);
    const willBeEnabled = patch.enabled === undefined ? true : Boolean(patch.enabled);
    if (!wasEnabled && willBeEnabled) await this.assertParentsEnabled(projectId);
    if (wasEnabled && !willBeEnabled && !original.is_domain && !cascade) {
      // A domain may be disabled whatever its projects' state: that disables them in effect.
      if (!wholeSubtreeDisabled(await this.driver.listProjectsInSubtree(projectId))) {
        throw new Forbidden(`Cannot disable project ${projectId} since its subtree contains enabled projects.`);
      }
    }
    if (cascade) await this.cascadeEnabled(projectId, patch, original, willBeEnabled);
    patch.is_domain = Boolean(patch.is_domain) || original.is_domain;
    validateOptions(patch.options);
    let updated: ProjectRecord;
    try {
      updated = await this.driver.updateProject(projectId, patch as Partial<NewProject>);
    } catch (e) {
      if (e instanceof Conflict) throw Conflict.duplicate('project', conflictDetail({ ...patch, name: patch.name ?? original.name, id: projectId }));
      throw e;
    }
    if (wasEnabled && !willBeEnabled) await (original.is_domain ? this.revokeDomain(projectId) : this.revokeProject(projectId));
    await this.notifyUpdated(projectId, original.is_domain, wasEnabled && !willBeEnabled);
    return updated;
  }

  /** DELETE /v3/projects/{id} may name a domain: it is then deleted as one. */
  async delete(projectId: string, cascade = false): Promise<void> {
    const project = await this.driver.getProject(projectId);
    if (project.is_domain) await this.deleteDomainRef(project);
    else await this.deleteProjectRef(project, cascade);
  }

  async deleteDomainRef(domain: ProjectRecord): Promise<void> {
    checkImmutableDelete(domain, 'domain');
    // Insisting on a disabled domain avoids accidents, and stops a user deleting the domain their token is scoped to.
    if (domain.enabled) throw new Forbidden('Cannot delete a domain that is enabled, please disable it first.');
    await this.deleteDomainProjects(domain.id);
    if (this.apis.has('identity')) await this.apis.identity.deleteDomainContents(domain.id);
    await this.deleteProjectRef(domain, false);
    if (this.apis.has('assignment')) await this.apis.assignment.deleteDomainAssignments(domain.id);
    if (this.apis.has('domainConfig')) await this.apis.domainConfig.deleteDomainData(domain.id);
    if (this.apis.has('federation')) await this.apis.federation.deleteIdpsOfDomain(domain.id);
    await this.notifier?.internal('domain_deleted', domain.id);
    await this.revokeDomain(domain.id);
    await this.notifier?.deleted('domain', domain.id);
  }

  private async deleteProjectRef(project: ProjectRecord, cascade: boolean): Promise<void> {
    checkImmutableDelete(project, 'project');
    const id = project.id;
    if (project.is_domain && project.enabled) {
      throw new ValidationError(`cannot delete an enabled project acting as a domain. Please disable the project ${id} first.`);
    }
    if (!cascade && !(await this.driver.isLeafProject(id))) {
      throw new Forbidden(
        `Cannot delete the project ${id} since it is not a leaf in the hierarchy. Use the cascade option if you want to delete a whole subtree.`,
      );
    }
    if (!cascade) {
      await this.driver.deleteProject(id);
      await this.afterDelete(id);
      return;
    }
    // Leaves first, so no parent row goes before its children.
    const subtree = (await this.driver.listProjectsInSubtree(id)).reverse();
    if (!wholeSubtreeDisabled(subtree)) throw new Forbidden(`Cannot delete project ${id} since its subtree contains enabled projects.`);
    const all = [...subtree, project];
    await this.driver.deleteProjectsFromIds(all.map((p) => p.id));
    for (const p of all) await this.afterDelete(p.id);
  }

  /** Keystone's `_delete_domain_contents`: each project tree from its leaves up, one project at a time. */
  private async deleteDomainProjects(domainId: string): Promise<void> {
    const projects = await this.driver.listProjectsInDomain(domainId);
    const examined = new Set<string>();
    const remove = async (p: ProjectRecord): Promise<void> => {
      if (examined.has(p.id)) return;
      examined.add(p.id);
      for (const child of projects.filter((c) => c.parent_id === p.id)) await remove(child);
      try {
        await this.deleteProjectRef(p, false);
      } catch (e) {
        if (!(e instanceof NotFound)) throw e;
      }
    };
    for (const root of projects.filter((p) => p.parent_id === domainId)) await remove(root);
  }

  private async enforceConstraints(projectId: string, p: NewProject): Promise<void> {
    const s = this.settings();
    if (p.is_domain) {
      assertNotFederated(s.federatedDomainName, projectId, p.name);
      if (p.parent_id) throw new ValidationError('only root projects are allowed to act as domains.');
      return;
    }
    const domain = await this.getDomainRecord(p.domain_id);
    const parent = await this.driver.getProject(String(p.parent_id));
    if (parent.is_domain && parent.id !== domain.id) {
      throw new ValidationError(
        `Cannot create project, the parent (${parent.id}) is acting as a domain, but this project's domain id (${domain.id}) does not match the parent's id.`,
      );
    }
    if (!parent.is_domain && parent.domain_id !== domain.id) {
      throw new ValidationError(
        `Cannot create project, since it specifies its domain_id ${domain.id}, but specifies a parent in a different domain (${parent.domain_id}).`,
      );
    }
    const branch = [...(await this.driver.listProjectParents(parent.id)), parent];
    const disabled = branch.find((ref) => ref.enabled === false || ref.enabled === null);
    if (disabled) throw new ValidationError(`cannot create a project in a branch containing a disabled project: ${disabled.id}`);
    // Keystone adds one level for the domain at the top of every tree.
    if (branch.length + 1 > s.maxProjectTreeDepth + 1) throw new Forbidden(`Max hierarchy depth reached for ${parent.id} branch.`);
  }

  private async getDomainRecord(domainId: string | null): Promise<ProjectRecord> {
    const notFound = NotFound.entity('domain', String(domainId ?? 'None'));
    if (domainId === null) throw notFound;
    const p = await this.driver.getProject(domainId).catch((e: unknown) => {
      throw e instanceof NotFound ? notFound : e;
    });
    if (!p.is_domain || p.id !== domainId) throw notFound;
    return p;
  }

  private async assertParentsEnabled(projectId: string): Promise<void> {
    const parents = await this.driver.listProjectParents(projectId);
    if (parents.some((p) => !p.enabled)) throw new Forbidden(`Cannot enable project ${projectId} since it has disabled parents`);
  }

  private async cascadeEnabled(projectId: string, patch: Record<string, unknown>, original: ProjectRecord, enabled: boolean): Promise<void> {
    for (const [k, v] of Object.entries(patch)) {
      if (k !== 'enabled' && JSON.stringify(v) !== JSON.stringify(original[k])) {
        throw new ValidationError('Cascade update is only allowed for enabled attribute.');
      }
    }
    for (const child of await this.driver.listProjectsInSubtree(projectId)) {
      if (child.enabled === enabled) continue;
      await this.driver.updateProject(child.id, { enabled });
      if (!enabled) await this.revokeProject(child.id);
      if (!enabled) await this.notifier?.disabled('project', child.id);
    }
  }

  private async afterDelete(projectId: string): Promise<void> {
    if (this.apis.has('assignment')) await this.apis.assignment.deleteProjectAssignments(projectId);
    if (this.apis.has('credential')) await this.apis.credential.deleteCredentialsForProject(projectId);
    // OS-EP-FILTER rows of the project go with it, as in Keystone.
    if (this.apis.has('catalog')) await this.apis.catalog.deleteProjectAssociations(projectId);
    await this.revokeProject(projectId);
    await this.notifier?.deleted('project', projectId);
  }

  /** Keystone's events of `_update_project`: a domain is updated as a project and as a domain; disabling is told in-process. */
  private async notifyUpdated(projectId: string, isDomain: boolean, disabled: boolean): Promise<void> {
    if (!this.notifier) return;
    if (disabled && !isDomain) await this.notifier.disabled('project', projectId);
    await this.notifier.updated('project', projectId);
    if (isDomain) await this.notifier.updated('domain', projectId);
    if (disabled && isDomain) await this.notifier.disabled('domain', projectId);
  }

  private async revokeProject(projectId: string): Promise<void> {
    if (this.apis.has('revoke')) await this.apis.revoke.revokeByProject(projectId);
  }

  private async revokeDomain(domainId: string): Promise<void> {
    if (this.apis.has('revoke')) await this.apis.revoke.revokeByDomain(domainId);
  }
}
