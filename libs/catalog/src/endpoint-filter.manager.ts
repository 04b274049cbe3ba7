import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ProviderApis, applyRemainingFilters, type ProjectRef } from '@keystone-ts/core';
import { DriverHints, ValidationError, type EndpointGroupRecord, type EndpointRecord, type NewEndpointGroup } from '@keystone-ts/plugin-sdk';
import { CatalogBackends } from './catalog-backends';
import { CatalogManager } from './catalog.manager';
import { listProjectEndpoints, matchesGroup } from './project-endpoints';

const GROUP_FILTER_KEYS = ['service_id', 'region_id', 'interface'];

/**
 * The OS-EP-FILTER API: endpoints and endpoint groups associated with
 * projects. Each method checks what Keystone's API layer checks, in the
 * same order, so unknown ids give the same 404s. Every write goes through
 * CatalogManager.write, which drops the computed (token) catalogs.
 */
@Injectable()
export class EndpointFilterManager {
  constructor(
    private readonly backends: CatalogBackends,
    private readonly catalog: CatalogManager,
    private readonly apis: ProviderApis,
  ) {}

  async createEndpointGroup(group: { name: string; filters: Record<string, unknown>; description?: string | null }): Promise<EndpointGroupRecord> {
    if (!group.filters || Object.keys(group.filters).length === 0) throw new ValidationError('filters field is required and cannot be empty');
    assertValidFilters(group.filters);
    return this.catalog.write(() => this.backends.filter.createEndpointGroup(randomUUID().replace(/-/g, ''), { name: group.name, description: group.description ?? null, filters: group.filters }));
  }

  getEndpointGroup(groupId: string): Promise<EndpointGroupRecord> {
    return this.backends.filter.getEndpointGroup(groupId);
  }

  async updateEndpointGroup(groupId: string, patch: Partial<NewEndpointGroup>): Promise<EndpointGroupRecord> {
    if (patch.filters !== undefined) assertValidFilters(patch.filters);
    const change: Partial<NewEndpointGroup> = {};
    for (const k of ['name', 'description', 'filters'] as const) if (k in patch) (change as Record<string, unknown>)[k] = patch[k];
    return this.catalog.write(() => this.backends.filter.updateEndpointGroup(groupId, change));
  }

  deleteEndpointGroup(groupId: string): Promise<void> {
    return this.catalog.write(() => this.backends.filter.deleteEndpointGroup(groupId));
  }

  async listEndpointGroups(hints: DriverHints): Promise<EndpointGroupRecord[]> {
    const groups = (await this.backends.filter.listEndpointGroups(hints)) as unknown as Record<string, unknown>[];
    return applyRemainingFilters(groups, hints) as unknown as EndpointGroupRecord[];
  }

  async listProjectsForEndpoint(endpointId: string): Promise<ProjectRef[]> {
    await this.catalog.getEndpoint(endpointId);
    return this.projects(await this.backends.filter.listProjectIdsForEndpoint(endpointId));
  }

  async checkEndpointInProject(projectId: string, endpointId: string): Promise<void> {
    await this.catalog.getEndpoint(endpointId);
    await this.apis.resource.getProject(projectId);
    await this.backends.filter.checkEndpointInProject(endpointId, projectId);
  }

  async addEndpointToProject(projectId: string, endpointId: string): Promise<void> {
    await this.catalog.getEndpoint(endpointId);
    await this.apis.resource.getProject(projectId);
    await this.catalog.write(() => this.backends.filter.addEndpointToProject(endpointId, projectId));
  }

  /** Keystone checks neither the project nor the endpoint here: only the association. */
  removeEndpointFromProject(projectId: string, endpointId: string): Promise<void> {
    return this.catalog.write(() => this.backends.filter.removeEndpointFromProject(endpointId, projectId));
  }

  async listEndpointsForProject(projectId: string): Promise<EndpointRecord[]> {
    await this.apis.resource.getProject(projectId);
    return [...(await listProjectEndpoints(this.backends, projectId)).values()];
  }

  async listEndpointGroupsForProject(projectId: string): Promise<EndpointGroupRecord[]> {
    await this.apis.resource.getProject(projectId);
    return this.backends.filter.listEndpointGroupsForProject(projectId);
  }

  /** Keystone does not check that the group exists: an unknown one has no projects. */
  async listProjectsForEndpointGroup(groupId: string): Promise<ProjectRef[]> {
    return this.projects(await this.backends.filter.listProjectIdsForEndpointGroup(groupId));
  }

  async listEndpointsInGroup(groupId: string): Promise<EndpointRecord[]> {
    const { filters } = await this.getEndpointGroup(groupId);
    const endpoints = await this.backends.catalog.listEndpoints(new DriverHints());
    return endpoints.filter((e) => matchesGroup(e, filters));
  }

  async getEndpointGroupInProject(groupId: string, projectId: string): Promise<{ endpoint_group_id: string; project_id: string }> {
    await this.apis.resource.getProject(projectId);
    await this.getEndpointGroup(groupId);
    return this.backends.filter.getEndpointGroupInProject(groupId, projectId);
  }

  async addEndpointGroupToProject(groupId: string, projectId: string): Promise<void> {
    await this.apis.resource.getProject(projectId);
    await this.getEndpointGroup(groupId);
    await this.catalog.write(() => this.backends.filter.addEndpointGroupToProject(groupId, projectId));
  }

  async removeEndpointGroupFromProject(groupId: string, projectId: string): Promise<void> {
    await this.apis.resource.getProject(projectId);
    await this.getEndpointGroup(groupId);
    await this.catalog.write(() => this.backends.filter.removeEndpointGroupFromProject(groupId, projectId));
  }

  /** Projects in association order, in one read; associations to deleted projects are skipped. */
  private async projects(ids: string[]): Promise<ProjectRef[]> {
    if (ids.length === 0) return [];
    const byId = new Map((await this.apis.resource.listProjectsFromIds(ids)).map((p) => [p.id, p]));
    return ids.map((id) => byId.get(id)).filter((p): p is ProjectRef => p !== undefined);
  }
}

function assertValidFilters(filters: Record<string, unknown>): void {
  if (Object.keys(filters).some((k) => !GROUP_FILTER_KEYS.includes(k))) {
    throw ValidationError.missing(GROUP_FILTER_KEYS.join(' or '), 'endpoint_group');
  }
}
