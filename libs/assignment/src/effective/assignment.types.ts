import type { AssignmentRecord } from '@keystone-ts/plugin-sdk';

/**
 * A role assignment as Keystone's assignment manager passes it around: the
 * driver's record, `system` for system grants, `indirect` once expanded
 * (from a group, an inherited target, a prior role), and the `*_name` keys
 * `include_names` adds.
 */
export interface Assignment extends AssignmentRecord {
  system?: { all: true };
  indirect?: { group_id?: string; project_id?: string; domain_id?: string; role_id?: string };
  domain_name?: string;
  user_name?: string;
  user_domain_id?: string;
  user_domain_name?: string;
  group_name?: string;
  group_domain_id?: string;
  group_domain_name?: string;
  project_name?: string;
  project_domain_id?: string;
  project_domain_name?: string;
  role_name?: string;
  role_domain_id?: string;
  role_domain_name?: string;
}

/** The filters of Keystone's `list_role_assignments`. */
export interface AssignmentFilter {
  roleId?: string;
  userId?: string;
  groupId?: string;
  /** Only `'all'` means the system; any other value is ignored, as in Keystone. */
  system?: string;
  domainId?: string;
  projectId?: string;
  includeSubtree?: boolean;
  /** undefined = both inherited and direct assignments. */
  inherited?: boolean;
  effective?: boolean;
  includeNames?: boolean;
  /** Internal (federation): only assignments of these groups, not expanded to members. */
  sourceFromGroupIds?: readonly string[];
  /** Effective mode drops domain-specific roles unless this is false (trusts). */
  stripDomainRoles?: boolean;
}
