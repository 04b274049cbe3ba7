import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import {
  CacheRegions,
  DisabledCacheRegion,
  KEYSTONE_RUNTIME,
  Notifier,
  ProviderApis,
  applyLimit,
  applyRemainingFilters,
  type CacheRegion,
  type DomainRef,
  type KeystoneRuntime,
  type ProjectRef,
  type ResourceApi,
} from '@keystone-ts/core';
import {
  DriverHints,
  Namespaces,
  NotFound,
  Unauthorized,
  type ProjectRecord,
  type ProjectTagFilters,
  type ResourceDriver,
} from '@keystone-ts/plugin-sdk';
import { ProjectWriter, type ResourceSettings } from './project-writer';
import { assertNotFederated, assertUrlSafe, checkTagsMutable, domainFromProject, projectFromDomain, type UrlSafeMode } from './resource-rules';
import { parentsAsIds, subtreeAsIds, type IdTree } from './project-hierarchy';

/** Query parameters that filter projects by tag (comma-separated lists). */
const TAG_FILTERS: Readonly<Record<string, keyof ProjectTagFilters>> = {
  tags: 'tags',
  'tags-any': 'tagsAny',
  'not-tags': 'notTags',
  'not-tags-any': 'notTagsAny',
};

/**
 * ProjectRef types `domain_id` as a string; for a project acting as a domain
 * it is null at run time, exactly as Keystone returns it.
 */
const asRef = (p: ProjectRecord): ProjectRef => p as ProjectRef;

/**
 * Domains, projects and project tags (Keystone's resource_api): reads,
 * listings and the tag operations here; the write rules in ProjectWriter.
 */
@Injectable()
export class ResourceManager implements ResourceApi, OnModuleInit {
  private driver!: ResourceDriver;
  private writer!: ProjectWriter;

  constructor(
    @Inject(KEYSTONE_RUNTIME) private readonly runtime: KeystoneRuntime,
    private readonly apis: ProviderApis,
    @Optional() private readonly cache?: CacheRegions,
    @Optional() private readonly notifier?: Notifier,
  ) {
    apis.register('resource', this);
  }

  /** Built at module init (before any bootstrap hook) since other managers read domains while bootstrapping. */
  async onModuleInit(): Promise<void> {
    const cfg = this.runtime.config;
    this.driver = await this.runtime.drivers.createDriver<ResourceDriver>(Namespaces.resource, cfg.get('resource', 'driver'), cfg);
    this.writer = new ProjectWriter(this.driver, () => this.settings(), this.apis, this.notifier);
    this.runtime.services.resource = { getDomain: (id) => this.getDomain(id), getDomainByName: (n) => this.getDomainByName(n) };
  }

  settings(): ResourceSettings {
    const cfg = this.runtime.config;
    const federation = cfg.registry.get('federation', 'federated_domain_name') ? cfg.get<string | null>('federation', 'federated_domain_name') : null;
    return {
      projectNameUrlSafe: cfg.get<UrlSafeMode>('resource', 'project_name_url_safe'),
      domainNameUrlSafe: cfg.get<UrlSafeMode>('resource', 'domain_name_url_safe'),
      maxProjectTreeDepth: cfg.get<number>('resource', 'max_project_tree_depth'),
      federatedDomainName: federation || 'Federated',
    };
  }

  /**
   * Project rows (domains are projects) and their parent chains are cached in
   * the resource region: every token validation reads them. Writes below go
   * through `write`, which drops the region. Lookups that fail are not cached.
   */
  private get region(): CacheRegion {
    return this.cache?.region('resource') ?? NO_CACHE;
  }

  private record(projectId: string): Promise<ProjectRecord> {
    return this.region.getOrSet(['project', projectId], () => this.driver.getProject(projectId));
  }

  private recordByName(name: string, domainId: string | null): Promise<ProjectRecord> {
    return this.region.getOrSet(['project_by_name', domainId, name], () => this.driver.getProjectByName(name, domainId));
  }

  /**
   * Runs a write, then drops the resource region everywhere (even when the
   * write failed half-way), and the computed assignments, which embed
   * hierarchies and the projects a domain's inherited grants reach.
   * Awaited, so the caller's answer is never older than the write.
   */
  private async write<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } finally {
      await this.region.invalidateAll();
      await this.cache?.region('assignment').invalidateAll();
    }
  }

  async getProject(projectId: string): Promise<ProjectRef> {
    return asRef(await this.record(projectId));
  }

  async getProjectByName(name: string, domainId: string): Promise<ProjectRef> {
    return asRef(await this.recordByName(name, domainId));
  }

  async getDomain(domainId: string): Promise<DomainRef> {
    const p = await this.record(domainId).catch(notFoundAs('domain', domainId));
    if (!p.is_domain || p.id !== domainId) throw NotFound.entity('domain', domainId);
    return domainFromProject(p);
  }

  async getDomainByName(name: string): Promise<DomainRef> {
    return domainFromProject(await this.recordByName(name, null).catch(notFoundAs('domain', name)));
  }

  async listProjectParents(projectId: string): Promise<ProjectRef[]> {
    return (await this.region.getOrSet(['parents', projectId], () => this.driver.listProjectParents(projectId))).map(asRef);
  }

  async listProjectsInSubtree(projectId: string): Promise<ProjectRef[]> {
    await this.driver.getProject(projectId);
    return (await this.driver.listProjectsInSubtree(projectId)).map(asRef);
  }

  async listProjectsInDomain(domainId: string): Promise<ProjectRef[]> {
    return (await this.driver.listProjectsInDomain(domainId)).map(asRef);
  }

  /** The `?parents_as_ids` shape. */
  async projectParentsAsIds(project: ProjectRecord): Promise<IdTree | null> {
    return parentsAsIds(project, await this.driver.listProjectParents(project.id));
  }

  /** The `?subtree_as_ids` shape. */
  async projectSubtreeAsIds(projectId: string): Promise<IdTree | null> {
    return subtreeAsIds(projectId, await this.driver.listProjectsInSubtree(projectId));
  }

  async assertDomainEnabled(domainId: string): Promise<DomainRef> {
    const domain = await this.getDomain(domainId);
    if (domain.enabled === false || domain.enabled === null) throw new Unauthorized(`Domain is disabled: ${domainId}`);
    return domain;
  }

  async assertProjectEnabled(projectId: string): Promise<ProjectRef> {
    const project = await this.record(projectId);
    if (project.domain_id) await this.assertDomainEnabled(project.domain_id);
    if (project.enabled === false || project.enabled === null) throw new Unauthorized(`Project is disabled: ${projectId}`);
    return asRef(project);
  }

  async listProjectsFromIds(projectIds: readonly string[]): Promise<ProjectRef[]> {
    return projectIds.length === 0 ? [] : (await this.driver.listProjectsFromIds(projectIds)).map(asRef);
  }

  async listDomainsFromIds(domainIds: readonly string[]): Promise<DomainRef[]> {
    if (domainIds.length === 0) return [];
    return (await this.driver.listProjectsFromIds(domainIds)).filter((p) => p.is_domain).map(domainFromProject);
  }

  async listProjectIdsFromDomainIds(domainIds: readonly string[]): Promise<string[]> {
    return domainIds.length === 0 ? [] : this.driver.listProjectIdsFromDomainIds(domainIds);
  }

  /** Keystone's list_projects: tag filters go to the driver apart, as lists. */
  async listProjects(hints: DriverHints): Promise<{ refs: ProjectRef[]; truncated: boolean }> {
    const tags: ProjectTagFilters = {};
    for (const f of [...hints.filters]) {
      const key = TAG_FILTERS[f.name];
      if (!key) continue;
      tags[key] = String(f.value).split(',');
      hints.removeFilter(f);
    }
    const refs = await this.driver.listProjects(hints, Object.keys(tags).length > 0 ? tags : undefined);
    return applyLimit(applyRemainingFilters(refs, hints), hints) as { refs: ProjectRef[]; truncated: boolean };
  }

  async listDomains(hints: DriverHints): Promise<{ refs: DomainRef[]; truncated: boolean }> {
    hints.addFilter('is_domain', true);
    const refs = (await this.driver.listProjects(hints)).map(domainFromProject);
    return applyLimit(applyRemainingFilters(refs, hints), hints);
  }

  async createProject(projectId: string, project: { name: string; [k: string]: unknown }): Promise<ProjectRef> {
    return this.write(async () => asRef(await this.writer.create(projectId, project)));
  }

  async createDomain(domainId: string, domain: { name: string; [k: string]: unknown }): Promise<DomainRef> {
    assertUrlSafe(this.settings().domainNameUrlSafe, 'Domain', domain.name);
    return this.write(async () => domainFromProject(await this.writer.create(domainId, projectFromDomain(domain))));
  }

  /** The updated project, with Keystone's `extra` copy of the extra attributes. */
  async updateProject(projectId: string, patch: Record<string, unknown>, cascade = false): Promise<ProjectRef> {
    return this.write(async () => asRef(await this.writer.update(projectId, patch, cascade)));
  }

  async updateDomain(domainId: string, patch: Record<string, unknown>): Promise<DomainRef> {
    assertNotFederated(this.settings().federatedDomainName, domainId, patch.name);
    await this.getDomain(domainId);
    return this.write(async () => domainFromProject(await this.writer.update(domainId, projectFromDomain(patch))));
  }

  async deleteProject(projectId: string, cascade = false): Promise<void> {
    await this.write(() => this.writer.delete(projectId, cascade));
  }

  async deleteDomain(domainId: string): Promise<void> {
    const domain = await this.driver.getProject(domainId).catch(notFoundAs('domain', domainId));
    await this.write(() => this.writer.deleteDomainRef(domain));
  }

  async listProjectTags(projectId: string): Promise<string[]> {
    return (await this.driver.getProject(projectId)).tags;
  }

  async getProjectTag(projectId: string, tag: string): Promise<string> {
    if (!(await this.driver.getProject(projectId)).tags.includes(tag)) throw NotFound.entity('project tag', tag);
    return tag;
  }

  async createProjectTag(projectId: string, tag: string): Promise<string> {
    const project = await this.driver.getProject(projectId);
    checkTagsMutable(project, 'create');
    const name = tag.trim();
    await this.write(() => this.writer.update(projectId, { tags: [...project.tags, name] }));
    await this.notifier?.created('project_tag', name);
    return name;
  }

  async updateProjectTags(projectId: string, tags: readonly string[]): Promise<string[]> {
    checkTagsMutable(await this.driver.getProject(projectId), 'update');
    const list = tags.map((t) => t.trim());
    await this.write(() => this.writer.update(projectId, { tags: list }));
    return list;
  }

  async deleteProjectTag(projectId: string, tag: string): Promise<void> {
    const project = await this.driver.getProject(projectId);
    checkTagsMutable(project, 'delete');
    if (!project.tags.includes(tag)) throw NotFound.entity('project tag', tag);
    // Keystone writes the whole project back (so a disabled project's state is left alone).
    await this.write(() => this.writer.update(projectId, { ...project, tags: project.tags.filter((t) => t !== tag) }));
    await this.notifier?.deleted('project_tag', tag);
  }
}

const NO_CACHE: CacheRegion = new DisabledCacheRegion('resource');

/** Maps a project NotFound to the named entity's, as Keystone's DomainNotFound. */
function notFoundAs(kind: string, id: string) {
  return (e: unknown): never => {
    throw e instanceof NotFound ? NotFound.entity(kind, id) : e;
  };
}
