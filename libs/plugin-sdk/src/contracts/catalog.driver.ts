import type { DriverHints } from '../hints';

/**
 * Catalog records as drivers return them: Keystone's columns plus whatever
 * extra attributes a client set (kept in the `extra` JSON column by SQL, as
 * Keystone's `ModelDictMixinWithExtras` does), echoed back as they came.
 */
export interface RegionRecord {
  id: string;
  description: string;
  /** null for a root region (Keystone's templated backend says ''). */
  parent_region_id: string | null;
  [extra: string]: unknown;
}

/** A service: `name`, `description` and any other attribute live in extras. */
export interface ServiceRecord {
  id: string;
  type: string | null;
  enabled: boolean;
  [extra: string]: unknown;
}

export interface EndpointRecord {
  id: string;
  /** public, internal or admin. */
  interface: string;
  region_id: string | null;
  service_id: string;
  /** The URL template as stored, `$(project_id)s` substitutions unexpanded. */
  url: string;
  legacy_endpoint_id: string | null;
  enabled: boolean;
  [extra: string]: unknown;
}

/** The attributes a create or update hands the driver (extras included). */
export type NewRegion = { id: string; description: string; parent_region_id?: string | null; [extra: string]: unknown };
export type NewService = { type: string | null; enabled: boolean; [extra: string]: unknown };
export type NewEndpoint = { interface: string; service_id: string; url: string; region_id?: string | null; enabled: boolean; [extra: string]: unknown };

/** One v3 catalog endpoint; the templated backend has no `id` nor `region_id`. */
export interface CatalogEndpoint {
  id?: string;
  interface: string;
  region: string | null;
  region_id?: string | null;
  url: string;
  [extra: string]: unknown;
}

/** One v3 catalog service; the templated backend has no `id`. */
export interface CatalogService {
  id?: string;
  type: string | null;
  name?: string;
  endpoints: CatalogEndpoint[];
  [extra: string]: unknown;
}

/** What Keystone's `format_url` makes of a URL template. */
export type FormattedUrl =
  | { kind: 'ok'; url: string }
  /** A project substitution without a project (domain/system token): left out silently. */
  | { kind: 'omitted' }
  /** Unknown key, bad conversion, stray `%`: left out, already logged by the formatter. */
  | { kind: 'malformed' };

export interface CatalogRequest {
  userId: string;
  projectId: string | null;
  /** Expands `$(project_id)s`-style templates with this request's values (never throws). */
  formatUrl(template: string): FormattedUrl;
}

/**
 * The `keystone.catalog` contract (Keystone's CatalogDriverBase without the
 * endpoint-filter half, which is `EndpointFilterDriver`). A read-only
 * backend throws NotImplemented from every write. Business rules that span
 * calls (region cycles, checks that referenced regions and services exist)
 * live in the manager.
 */
export interface CatalogDriver {
  /**
   * Whether the manager narrows this backend's catalog with the project's
   * endpoint filter (Keystone's sql backend does; its templated one never
   * does and refuses the OS-EP-FILTER API with 501).
   */
  readonly supportsEndpointFilter: boolean;
  /**
   * False for a read-only backend. Its writes throw NotImplemented anyway;
   * the manager uses this to answer 501 before checks Keystone's manager
   * does not make for such a backend either (a region update's parent).
   */
  readonly writable: boolean;

  /** @throws Conflict (duplicate id), NotFound ("Could not find region: <parent>.") when the parent is unknown */
  createRegion(region: NewRegion): Promise<RegionRecord>;
  /** Honours (and removes) the filters on columns it has; never truncates (Keystone does not limit regions). */
  listRegions(hints: DriverHints): Promise<RegionRecord[]>;
  /** @throws NotFound ("Could not find region: <id>.") */
  getRegion(regionId: string): Promise<RegionRecord>;
  /** Merges the patch (extras included). @throws NotFound for the region or the new parent */
  updateRegion(regionId: string, patch: Partial<NewRegion>): Promise<RegionRecord>;
  /**
   * Deletes the region and every region below it.
   * @throws Forbidden ("Unable to delete region <id> because it or its child regions have associated endpoints.")
   * @throws NotFound
   */
  deleteRegion(regionId: string): Promise<void>;

  /** @throws Conflict on a duplicate id */
  createService(serviceId: string, service: NewService): Promise<ServiceRecord>;
  /** Honours the column filters it can; with a limit and no filter left, fetches one more row and sets `hints.limit.truncated`. */
  listServices(hints: DriverHints): Promise<ServiceRecord[]>;
  /** @throws NotFound ("Could not find service: <id>.") */
  getService(serviceId: string): Promise<ServiceRecord>;
  updateService(serviceId: string, patch: Partial<NewService>): Promise<ServiceRecord>;
  /** Deletes the service and its endpoints. @throws NotFound */
  deleteService(serviceId: string): Promise<void>;

  /** @throws Conflict on a duplicate id */
  createEndpoint(endpointId: string, endpoint: NewEndpoint): Promise<EndpointRecord>;
  listEndpoints(hints: DriverHints): Promise<EndpointRecord[]>;
  /** @throws NotFound ("Could not find endpoint: <id>.") */
  getEndpoint(endpointId: string): Promise<EndpointRecord>;
  updateEndpoint(endpointId: string, patch: Partial<NewEndpoint>): Promise<EndpointRecord>;
  /** @throws NotFound */
  deleteEndpoint(endpointId: string): Promise<void>;

  /**
   * The unfiltered v3 catalog: enabled services with their enabled endpoints,
   * URLs expanded with `req.formatUrl`, endpoints whose URL cannot be
   * expanded left out. A constant number of queries, whatever the size.
   */
  getV3Catalog(req: CatalogRequest): Promise<CatalogService[]>;
}

export interface EndpointGroupRecord {
  id: string;
  name: string;
  description: string | null;
  /** Attribute → value an endpoint must have: any of service_id, region_id, interface. */
  filters: Record<string, unknown>;
}

export type NewEndpointGroup = Omit<EndpointGroupRecord, 'id'>;

/**
 * The `keystone.endpoint_filter` contract: project ↔ endpoint associations
 * and endpoint groups (Keystone's `project_endpoint`, `endpoint_group` and
 * `project_endpoint_group` tables). The driver does not check that projects
 * or endpoints exist; the manager does.
 */
export interface EndpointFilterDriver {
  /** @throws Conflict ("... store project_endpoint - Duplicate entry.") */
  addEndpointToProject(endpointId: string, projectId: string): Promise<void>;
  /** @throws NotFound ("Endpoint <e> not found in project <p>") */
  checkEndpointInProject(endpointId: string, projectId: string): Promise<void>;
  /** @throws NotFound as check does */
  removeEndpointFromProject(endpointId: string, projectId: string): Promise<void>;
  listEndpointIdsForProject(projectId: string): Promise<string[]>;
  listProjectIdsForEndpoint(endpointId: string): Promise<string[]>;
  deleteAssociationsByEndpoint(endpointId: string): Promise<void>;
  deleteAssociationsByProject(projectId: string): Promise<void>;

  createEndpointGroup(groupId: string, group: NewEndpointGroup): Promise<EndpointGroupRecord>;
  /** @throws NotFound ("Could not find Endpoint Group: <id>.") */
  getEndpointGroup(groupId: string): Promise<EndpointGroupRecord>;
  updateEndpointGroup(groupId: string, patch: Partial<NewEndpointGroup>): Promise<EndpointGroupRecord>;
  /** Deletes the group and its project associations. @throws NotFound */
  deleteEndpointGroup(groupId: string): Promise<void>;
  listEndpointGroups(hints: DriverHints): Promise<EndpointGroupRecord[]>;
  /** @throws Conflict ("... store project_endpoint_group - Duplicate entry.") */
  addEndpointGroupToProject(groupId: string, projectId: string): Promise<void>;
  /** @throws NotFound ("Endpoint Group Project Association not found") */
  getEndpointGroupInProject(groupId: string, projectId: string): Promise<{ endpoint_group_id: string; project_id: string }>;
  /** @throws NotFound as get does */
  removeEndpointGroupFromProject(groupId: string, projectId: string): Promise<void>;
  /** The groups associated with a project, in one round trip. */
  listEndpointGroupsForProject(projectId: string): Promise<EndpointGroupRecord[]>;
  listProjectIdsForEndpointGroup(groupId: string): Promise<string[]>;
  deleteEndpointGroupAssociationsByProject(projectId: string): Promise<void>;
}

/** Exactly one of: an endpoint; a service; a service in a region. */
export interface PolicyAssociationTarget {
  endpoint_id: string | null;
  service_id: string | null;
  region_id: string | null;
}

export interface PolicyAssociationRecord extends PolicyAssociationTarget {
  policy_id: string;
}

/** A row of Keystone's `policy` table (the v3 /policies API). */
export interface PolicyRecord {
  id: string;
  type: string;
  blob: unknown;
  [extra: string]: unknown;
}

/** The `keystone.endpoint_policy` contract (Keystone's `policy_association` table). */
export interface EndpointPolicyDriver {
  /** Creates the association, or points an existing one for the same target at this policy. */
  createPolicyAssociation(policyId: string, target: PolicyAssociationTarget): Promise<void>;
  /** @throws NotFound ("Could not find policy association.") */
  checkPolicyAssociation(policyId: string, target: PolicyAssociationTarget): Promise<void>;
  /** Deleting an association that does not exist is not an error (as in Keystone). */
  deletePolicyAssociation(policyId: string, target: PolicyAssociationTarget): Promise<void>;
  /** The policy id associated with exactly this target, or null. */
  getPolicyAssociation(target: PolicyAssociationTarget): Promise<string | null>;
  listAssociationsForPolicy(policyId: string): Promise<PolicyAssociationRecord[]>;
  deleteAssociationsByEndpoint(endpointId: string): Promise<void>;
  deleteAssociationsByService(serviceId: string): Promise<void>;
  deleteAssociationsByRegion(regionId: string): Promise<void>;
  deleteAssociationsByPolicy(policyId: string): Promise<void>;
  /**
   * Reads a policy blob. The policy subsystem owns that table; until it
   * offers an API to other subsystems, the endpoint-policy driver reads it.
   * @throws NotFound ("Could not find policy: <id>.")
   */
  getPolicy(policyId: string): Promise<PolicyRecord>;
}
