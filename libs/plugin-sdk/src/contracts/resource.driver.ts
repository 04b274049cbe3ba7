import type { DriverHints } from '../hints';

/**
 * A project as a resource driver stores it. Domains are projects with
 * `is_domain = true` and `domain_id = null` (Keystone's model since Mitaka).
 */
export interface ProjectRecord {
  id: string;
  name: string;
  /** null for a project acting as a domain. */
  domain_id: string | null;
  description: string | null;
  enabled: boolean;
  /** null for a root project (a domain); a regular project's parent may be its domain. */
  parent_id: string | null;
  is_domain: boolean;
  tags: string[];
  /** Resource options by name (`immutable`), only those that are set. */
  options: Record<string, unknown>;
  /** Attributes a client sent that are not columns, echoed as Keystone does. */
  [extra: string]: unknown;
}

/** What the manager hands a driver to store (all fields already defaulted). */
export interface NewProject {
  name: string;
  domain_id: string | null;
  description: string | null;
  enabled: boolean;
  parent_id: string | null;
  is_domain: boolean;
  tags?: string[];
  /** A null value removes the option. */
  options?: Record<string, unknown>;
  [extra: string]: unknown;
}

/** Keystone's tag query parameters, each a list of tag names. */
export interface ProjectTagFilters {
  /** Projects having every one of these tags (`tags`). */
  tags?: string[];
  /** Projects having at least one of these tags (`tags-any`). */
  tagsAny?: string[];
  /** Projects not having all of these tags (`not-tags`). */
  notTags?: string[];
  /** Projects having none of these tags (`not-tags-any`). */
  notTagsAny?: string[];
}

/**
 * The `keystone.resource` contract. Every method is async; every failure is
 * a plugin-sdk error. The hidden root of all domains (Keystone's
 * `<<keystone.domain.root>>` row) is never returned by any method.
 */
export interface ResourceDriver {
  /** @throws NotFound ("Could not find project: <id>.") */
  getProject(projectId: string): Promise<ProjectRecord>;
  /** `domainId` null looks among domains. @throws NotFound */
  getProjectByName(name: string, domainId: string | null): Promise<ProjectRecord>;
  /**
   * Projects (and domains, unless filtered by `is_domain`) matching the hints
   * and the tag filters. Satisfied filters are removed from the hints; when
   * all are satisfied and a limit is set, the driver may truncate and set
   * `hints.limit.truncated`.
   */
  listProjects(hints: DriverHints, tags?: ProjectTagFilters): Promise<ProjectRecord[]>;
  listProjectsFromIds(projectIds: readonly string[]): Promise<ProjectRecord[]>;
  listProjectIdsFromDomainIds(domainIds: readonly string[]): Promise<string[]>;
  /** Every project whose domain_id is the domain. @throws NotFound when the domain does not exist */
  listProjectsInDomain(domainId: string): Promise<ProjectRecord[]>;
  /** Ancestors, nearest first, up to and including the domain. @throws NotFound */
  listProjectParents(projectId: string): Promise<ProjectRecord[]>;
  /** Descendants, breadth first. */
  listProjectsInSubtree(projectId: string): Promise<ProjectRecord[]>;
  isLeafProject(projectId: string): Promise<boolean>;

  /** @throws Conflict (name taken in the domain, or id taken) */
  createProject(projectId: string, project: NewProject): Promise<ProjectRecord>;
  /**
   * Applies a partial update; `tags` replaces the whole list, `options`
   * merge (null removes). Returns the project plus an `extra` key holding
   * the extra attributes, as Keystone's update does.
   * @throws NotFound, Conflict
   */
  updateProject(projectId: string, patch: Partial<NewProject>): Promise<ProjectRecord>;
  /** @throws NotFound */
  deleteProject(projectId: string): Promise<void>;
  /** Deletes the given projects (children before parents); unknown ids are skipped. */
  deleteProjectsFromIds(projectIds: readonly string[]): Promise<void>;
  /** IDs of projects deeper than `maxDepth` levels (domains count as level 1). */
  checkProjectDepth(maxDepth: number): Promise<string[]>;
}
