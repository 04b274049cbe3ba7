import type { DriverHints, GroupRecord, UserRecord } from '@keystone-ts/plugin-sdk';

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

export interface AssignmentApi {
  getRole(roleId: string): Promise<RoleRef>;
  getRoleByName(name: string, domainId: string | null): Promise<RoleRef>;
  /** Effective roles (groups, inheritance, implied roles) of a user on a project. */
  getRolesForUserOnProject(userId: string, projectId: string): Promise<RoleRef[]>;
  getRolesForUserOnDomain(userId: string, domainId: string): Promise<RoleRef[]>;
  getRolesForUserOnSystem(userId: string): Promise<RoleRef[]>;
  /** Projects/domains the user has any effective role on. */
  listProjectsForUser(userId: string): Promise<string[]>;
  listDomainsForUser(userId: string): Promise<string[]>;
  deleteUserAssignments(userId: string): Promise<void>;
  deleteGroupAssignments(groupId: string): Promise<void>;
  deleteProjectAssignments(projectId: string): Promise<void>;
  deleteDomainAssignments(domainId: string): Promise<void>;
}

export interface CatalogEntry {
  id: string;
  type: string;
  name: string;
  endpoints: { id: string; interface: string; region: string | null; region_id: string | null; url: string }[];
}

export interface CatalogApi {
  /** The v3 catalog for a token (project may be null for unscoped/domain/system tokens). */
  getCatalog(userId: string, projectId: string | null): Promise<CatalogEntry[]>;
}

export interface TokenApi {
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
}
