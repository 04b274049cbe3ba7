import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JsonHomeRegistry, PARAM, type JsonHomeResource } from '@keystone-ts/core';

const EP_FILTER = 'ext/OS-EP-FILTER/1.0';
const EP_POLICY = 'ext/OS-ENDPOINT-POLICY/1.0';
const GROUP_PARAM = `https://docs.openstack.org/api/openstack-identity/3/${EP_FILTER}/param/endpoint_group_id`;

const vars = (...names: string[]) => Object.fromEntries(names.map((n) => [n, n === 'endpoint_group_id' ? GROUP_PARAM : PARAM(n)]));
const template = (href: string, ...names: string[]): JsonHomeResource => ({ 'href-template': href, 'href-vars': vars(...names) });

/** The JSON-Home relations Keystone 22 publishes for the catalog APIs (checked against its /v3 document). */
export const CATALOG_JSON_HOME: readonly [string, JsonHomeResource][] = [
  ['regions', { href: '/regions' }],
  ['region', template('/regions/{region_id}', 'region_id')],
  ['services', { href: '/services' }],
  ['service', template('/services/{service_id}', 'service_id')],
  ['endpoints', { href: '/endpoints' }],
  ['endpoint', template('/endpoints/{endpoint_id}', 'endpoint_id')],
  [`${EP_FILTER}/rel/endpoint_groups`, { href: '/OS-EP-FILTER/endpoint_groups' }],
  [`${EP_FILTER}/rel/endpoint_group`, template('/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}', 'endpoint_group_id')],
  [`${EP_FILTER}/rel/endpoint_group_to_project_association`, template('/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}/projects/{project_id}', 'endpoint_group_id', 'project_id')],
  [`${EP_FILTER}/rel/endpoints_in_endpoint_group`, template('/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}/endpoints', 'endpoint_group_id')],
  [`${EP_FILTER}/rel/projects_associated_with_endpoint_group`, template('/OS-EP-FILTER/endpoint_groups/{endpoint_group_id}/projects', 'endpoint_group_id')],
  [`${EP_FILTER}/rel/endpoint_projects`, template('/OS-EP-FILTER/endpoints/{endpoint_id}/projects', 'endpoint_id')],
  [`${EP_FILTER}/rel/project_endpoint`, template('/OS-EP-FILTER/projects/{project_id}/endpoints/{endpoint_id}', 'endpoint_id', 'project_id')],
  [`${EP_FILTER}/rel/project_endpoints`, template('/OS-EP-FILTER/projects/{project_id}/endpoints', 'project_id')],
  [`${EP_FILTER}/rel/project_endpoint_groups`, template('/OS-EP-FILTER/projects/{project_id}/endpoint_groups', 'project_id')],
  [`${EP_POLICY}/rel/endpoint_policy`, template('/endpoints/{endpoint_id}/OS-ENDPOINT-POLICY/policy', 'endpoint_id')],
  [`${EP_POLICY}/rel/policy_endpoints`, template('/policies/{policy_id}/OS-ENDPOINT-POLICY/endpoints', 'policy_id')],
  [`${EP_POLICY}/rel/endpoint_policy_association`, template('/policies/{policy_id}/OS-ENDPOINT-POLICY/endpoints/{endpoint_id}', 'endpoint_id', 'policy_id')],
  [`${EP_POLICY}/rel/service_policy_association`, template('/policies/{policy_id}/OS-ENDPOINT-POLICY/services/{service_id}', 'policy_id', 'service_id')],
  [
    `${EP_POLICY}/rel/region_and_service_policy_association`,
    template('/policies/{policy_id}/OS-ENDPOINT-POLICY/services/{service_id}/regions/{region_id}', 'policy_id', 'region_id', 'service_id'),
  ],
];

@Injectable()
export class CatalogJsonHome implements OnModuleInit {
  constructor(private readonly registry: JsonHomeRegistry) {}

  onModuleInit(): void {
    for (const [rel, resource] of CATALOG_JSON_HOME) this.registry.add(rel, resource);
  }
}
