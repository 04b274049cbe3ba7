import type { CatalogService, DriverHints, EndpointRecord, GroupRecord, RegionRecord, ServiceRecord, TrustRecord, UserRecord } from '@keystone-ts/plugin-sdk';

/**
 * What subsystems ask of each other. Each manager implements its interface
 * and registers in ProviderApis. Records use Keystone's attribute names.
 */
export interface DomainRef {
  id: string;
  name: string;
  enabled: boolean;
  description?: string | null;
  options?: Record<string, unknown>;
  [extra: string]: unknown;
}

export interface ProjectRef {
  id: string;
  name: string;
  domain_id: string;
  parent_id: string | null;
  is_domain: boolean;
  enabled: boolean;
  description?: string | null;
  tags?: string[];
  options?: Record<string, unknown>;
  [extra: string]: unknown;
}

export interface RoleRef {
  id: string;
  name: string;
  domain_id: string | null;
  description?: string | null;
  options?: Record<string, unknown>;
  [extra: string]: unknown;
}

export interface IdentityApi {
  getUser(userId: string): Promise<UserRecord>;
  getUserByName(name: string, domainId: string): Promise<UserRecord>;
  authenticate(userId: string, password: string): Promise<UserRecord>;
  listUsers(hints: DriverHints, domainScope?: string | null): Promise<{ refs: UserRecord[]; truncated: boolean }>;
  getGroup(groupId: string): Promise<GroupRecord>;
  listGroupsForUser(userId: string): Promise<GroupRecord[]>;
  listUsersInGroup(groupId: string): Promise<UserRecord[]>;
  /** Deletes every user and group of a domain (domain deletion). */
  deleteDomainContents(domainId: string): Promise<void>;
}

export interface ResourceApi {
  getDomain(domainId: string): Promise<DomainRef>;
  getDomainByName(name: string): Promise<DomainRef>;
  /** For a project acting as a domain, `domain_id` is null at run time. */
  getProject(projectId: string): Promise<ProjectRef>;
  getProjectByName(name: string, domainId: string): Promise<ProjectRef>;
  /** Ancestors of a project, nearest first (for inherited assignments). */
  listProjectParents(projectId: string): Promise<ProjectRef[]>;
  /** Every project below a project (for inherited assignments). */
  listProjectsInSubtree(projectId: string): Promise<ProjectRef[]>;
  listProjectsInDomain(domainId: string): Promise<ProjectRef[]>;
  /** @throws Unauthorized when the project or its domain is disabled */
  assertProjectEnabled(projectId: string): Promise<ProjectRef>;
  assertDomainEnabled(domainId: string): Promise<DomainRef>;
  /** Bulk reads for the assignment manager; unknown IDs are skipped. */
  listProjectsFromIds(projectIds: readonly string[]): Promise<ProjectRef[]>;
  listDomainsFromIds(domainIds: readonly string[]): Promise<DomainRef[]>;
  listProjectIdsFromDomainIds(domainIds: readonly string[]): Promise<string[]>;
  /** Projects matching the hints, domains included unless `is_domain` is hinted; list limit honoured. */
  listProjects(hints: DriverHints): Promise<{ refs: ProjectRef[]; truncated: boolean }>;
  listDomains(hints: DriverHints): Promise<{ refs: DomainRef[]; truncated: boolean }>;
  /** Keystone's create_domain (bootstrap, keystone-manage). @throws Conflict, ValidationError */
  createDomain(domainId: string, domain: { name: string; [k: string]: unknown }): Promise<DomainRef>;
  /** Keystone's create_project; `domain_id` is required for a regular project. @throws Conflict, ValidationError, NotFound */
  createProject(projectId: string, project: { name: string; [k: string]: unknown }): Promise<ProjectRef>;
  updateDomain(domainId: string, patch: Record<string, unknown>): Promise<DomainRef>;
  updateProject(projectId: string, patch: Record<string, unknown>): Promise<ProjectRef>;
  /** Deletes a disabled domain with its projects, users, groups and assignments. */
  deleteDomain(domainId: string): Promise<void>;
  deleteProject(projectId: string, cascade?: boolean): Promise<void>;
}

export interface RoleAssignmentRef {
  role_id: string;
  user_id?: string;
  group_id?: string;
  project_id?: string;
  domain_id?: string;
  system?: 'all';
  inherited_to_projects?: boolean;
  indirect?: { group_id?: string; project_id?: string; domain_id?: string; role_id?: string };
}

/** Filters of Keystone's `list_role_assignments` (the API's query parameters, parsed). */
export interface RoleAssignmentFilter {
  roleId?: string;
  userId?: string;
  groupId?: string;
  /** Only 'all' selects system assignments, as in Keystone. */
  system?: string;
  domainId?: string;
  projectId?: string;
  includeSubtree?: boolean;
  /** undefined = inherited and direct ones. */
  inherited?: boolean;
  /** Expand groups, inheritance and implied roles. */
  effective?: boolean;
  /** Federation: only what these groups give, not expanded to members. */
  sourceFromGroupIds?: readonly string[];
  /** Effective mode drops domain-specific roles unless false (trusts). */
  stripDomainRoles?: boolean;
}

export interface AssignmentApi {
  getRole(roleId: string): Promise<RoleRef>;
  getRoleByName(name: string, domainId: string | null): Promise<RoleRef>;
  /** One read; unknown IDs are skipped. */
  listRolesFromIds(roleIds: readonly string[]): Promise<RoleRef[]>;
  /** Keystone's create_role (bootstrap). @throws Conflict, ValidationError */
  createRole(role: { name: string; domain_id?: string | null; description?: string | null; options?: Record<string, unknown> }): Promise<RoleRef>;
  /** Effective roles (groups, inheritance, implied roles) of a user on a project. */
  getRolesForUserOnProject(userId: string, projectId: string): Promise<RoleRef[]>;
  getRolesForUserOnDomain(userId: string, domainId: string): Promise<RoleRef[]>;
  getRolesForUserOnSystem(userId: string): Promise<RoleRef[]>;
  /** Trusts: the trustor's effective roles on a project, domain-specific roles kept. */
  getRolesForTrustorOnProject(userId: string, projectId: string): Promise<RoleRef[]>;
  /** Federation: effective roles the groups give on a project or a domain. */
  getRolesForGroups(groupIds: readonly string[], target: { projectId?: string; domainId?: string }): Promise<RoleRef[]>;
  /** The roles and every role they imply (trust and application credential roles). */
  expandImpliedRoleIds(roleIds: readonly string[]): Promise<string[]>;
  /** Projects/domains the user has any effective role on. */
  listProjectsForUser(userId: string): Promise<string[]>;
  listDomainsForUser(userId: string): Promise<string[]>;
  /** Federation: projects/domains the groups have any effective role on. */
  listProjectsForGroups(groupIds: readonly string[]): Promise<string[]>;
  listDomainsForGroups(groupIds: readonly string[]): Promise<string[]>;
  listRoleAssignments(filter: RoleAssignmentFilter): Promise<RoleAssignmentRef[]>;
  /** Keystone's create_grant (bootstrap); silent when it exists. @throws NotFound, Forbidden */
  createGrant(roleId: string, grant: { userId?: string; groupId?: string; projectId?: string; domainId?: string; inheritedToProjects?: boolean }): Promise<void>;
  createSystemGrantForUser(userId: string, roleId: string): Promise<void>;
  deleteUserAssignments(userId: string): Promise<void>;
  deleteGroupAssignments(groupId: string): Promise<void>;
  deleteProjectAssignments(projectId: string): Promise<void>;
  deleteDomainAssignments(domainId: string): Promise<void>;
  /** Project, domain and system assignments of a role (role deletion). */
  deleteRoleAssignments(roleId: string): Promise<void>;
}

/**
 * One service of a v3 catalog as Keystone renders it. The sql backend gives
 * ids, `region_id` and any extra endpoint attributes; the templated one has
 * no ids and may carry other service attributes (name, description, ...).
 */
export type CatalogEntry = CatalogService;

export interface CatalogApi {
  /**
   * The v3 catalog for a token: `projectId` null for domain/system tokens
   * (project-specific endpoints are left out). URLs are expanded; an
   * endpoint whose URL cannot be is dropped and logged, never an error.
   * One call, a constant number of queries.
   */
  getCatalog(userId: string, projectId: string | null): Promise<CatalogEntry[]>;
  /** @throws Conflict ("... store region - Duplicate ID, <id>..") or NotFound for an unknown parent */
  createRegion(region: { id?: string; description?: string | null; parent_region_id?: string | null; [extra: string]: unknown }): Promise<RegionRecord>;
  /** @throws NotFound ("Could not find region: <id>.") */
  getRegion(regionId: string): Promise<RegionRecord>;
  /** Keystone's create_service (`name` defaults to '', `enabled` to true); the id is generated when absent. */
  createService(service: { type: string; name?: string; enabled?: boolean; [extra: string]: unknown }, serviceId?: string): Promise<ServiceRecord>;
  /** Filters such as `type` and `name`; the hints' limit, if any, is honoured. */
  listServices(hints?: DriverHints): Promise<{ refs: ServiceRecord[]; truncated: boolean }>;
  /** @throws ValidationError when the service or region does not exist */
  createEndpoint(endpoint: { interface: string; service_id: string; url: string; region_id?: string | null; enabled?: boolean; [extra: string]: unknown }, endpointId?: string): Promise<EndpointRecord>;
  /** Filters `interface`, `service_id`, `region_id`. */
  listEndpoints(hints?: DriverHints): Promise<{ refs: EndpointRecord[]; truncated: boolean }>;
  updateEndpoint(endpointId: string, patch: Record<string, unknown>): Promise<EndpointRecord>;
  /** Drops the project's endpoint-filter associations (Keystone does it when a project is deleted). */
  deleteProjectAssociations(projectId: string): Promise<void>;
}

export interface TokenApi {
  /** Drops cached validations (grants or roles changed); optional for providers that cache nothing. */
  invalidateCaches?(): Promise<void>;
  /** @throws NotFound when the token is not valid now */
  validate(tokenId: string, opts?: { allowExpired?: boolean }): Promise<{ id: string; payload: { userId: string; methods: string[]; auditIds: string[]; expiresAt: number } }>;
}

export interface RevokeApi {
  revokeByUser(userId: string): Promise<void>;
  revokeByProject(projectId: string): Promise<void>;
  revokeByDomain(domainId: string): Promise<void>;
  revokeByUserAndProject?(userId: string, projectId: string): Promise<void>;
  revokeByAuditId(auditId: string): Promise<void>;
  revokeByAuditChainId(auditChainId: string): Promise<void>;
  /** Every token scoped to the trust (the trust was deleted). */
  revokeByTrust?(trustId: string): Promise<void>;
}

/** An application credential as other subsystems need it (token issue and validation). */
export interface ApplicationCredentialRef {
  id: string;
  name: string;
  user_id: string;
  project_id: string | null;
  /** Millisecond precision is enough to cap a token's expiry. */
  expires_at: Date | null;
  unrestricted: boolean;
  roleIds: string[];
  access_rules?: { id: string; service: string; path: string; method: string }[];
}

export interface ApplicationCredentialApi {
  /** @throws NotFound */
  getApplicationCredential(id: string): Promise<ApplicationCredentialRef>;
  /** The user was deleted or disabled: their credentials and access rules go. */
  deleteForUser(userId: string): Promise<void>;
  /** The user lost roles on the project: credentials needing a role they no longer have go. */
  pruneForUserOnProject(userId: string, projectId: string): Promise<void>;
  /** The role was deleted: credentials holding it go. */
  deleteWithRole(roleId: string): Promise<void>;
}

/** A service provider as a token's `service_providers` list shows it. */
export interface ServiceProviderRef {
  id: string;
  auth_url: string;
  sp_url: string;
}

export interface FederationApi {
  /** Enabled service providers for token bodies (cached in the `federation` region). */
  getEnabledServiceProviders(): Promise<ServiceProviderRef[]>;
  /** The domain is being deleted: its identity providers go (Keystone's DOMAIN_DELETED callback). */
  deleteIdpsOfDomain(domainId: string): Promise<void>;
}

export interface TrustApi {
  /** A usable trust with its roles. @throws NotFound (deleted, expired, no use left), Forbidden (broken redelegation chain) */
  getTrust(trustId: string): Promise<TrustRecord>;
  /** For validating an issued token: as getTrust, but a trust whose uses are all taken still counts. */
  getTrustForToken(trustId: string): Promise<TrustRecord>;
  /** The trust, then the trust it redelegates, up to the original one. */
  getTrustPedigree(trustId: string): Promise<TrustRecord[]>;
  /** One token was issued with the trust. @throws NotFound, Forbidden (no use left) */
  consumeUse(trustId: string): Promise<void>;
  /** The user was deleted: trusts they give or receive go. */
  deleteTrustsForUser(userId: string): Promise<void>;
}

/** A credential with its blob decrypted (Keystone's credential_api refs). */
export interface CredentialRef {
  id: string;
  user_id: string;
  project_id: string | null;
  type: string;
  /** A string; an object only for ec2 rows written before Keystone stored blobs as JSON text. */
  blob: unknown;
  [extra: string]: unknown;
}

export interface CredentialApi {
  /** @throws NotFound */
  getCredential(credentialId: string): Promise<CredentialRef>;
  listCredentialsForUser(userId: string, type?: string | null): Promise<CredentialRef[]>;
  /** The user was deleted: their credentials go. */
  deleteCredentialsForUser(userId: string): Promise<void>;
  /** The project was deleted: credentials scoped to it go. */
  deleteCredentialsForProject(projectId: string): Promise<void>;
}

/** An OS-OAUTH1 access token as token validation needs it. */
export interface OAuth1AccessTokenRef {
  id: string;
  consumer_id: string;
  authorizing_user_id: string;
  project_id: string;
  role_ids: string[];
  expires_at: string | null;
}

export interface OAuth1Api {
  /** @throws NotFound once the access token (or its consumer) was deleted */
  getAccessToken(accessTokenId: string): Promise<OAuth1AccessTokenRef>;
}
