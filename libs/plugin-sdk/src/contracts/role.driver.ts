import type { DriverHints } from '../hints';

/**
 * A role as drivers return it: Keystone's columns, `options` by name
 * (`immutable`), and whatever extra attributes a client set. `domain_id` is
 * null for a global role (drivers translate their own storage of "none").
 */
export interface RoleRecord {
  id: string;
  name: string;
  domain_id: string | null;
  description: string | null;
  options: Record<string, unknown>;
  [extra: string]: unknown;
}

export interface NewRole {
  name: string;
  domain_id?: string | null;
  description?: string | null;
  /** Option values by name; a null value removes the option. */
  options?: Record<string, unknown>;
  [extra: string]: unknown;
}

/** One inference rule: holding `prior_role_id` implies `implied_role_id`. */
export interface ImpliedRoleRecord {
  prior_role_id: string;
  implied_role_id: string;
}

/**
 * The `keystone.role` contract (Keystone's RoleDriverBase). Business rules
 * (immutable roles, prohibited implied roles, cascades to assignments) live
 * in the manager; a driver stores and fetches.
 */
export interface RoleDriver {
  /** @throws Conflict when the name is taken in that domain (or globally). */
  createRole(roleId: string, role: NewRole): Promise<RoleRecord>;
  /**
   * Honours (and removes) the `name` and `domain_id` filters it can apply; a
   * `domain_id` filter whose value is null selects global roles.
   */
  listRoles(hints: DriverHints): Promise<RoleRecord[]>;
  /** One round trip; unknown ids are skipped. */
  listRolesFromIds(roleIds: readonly string[]): Promise<RoleRecord[]>;
  /** @throws NotFound ("Could not find role: <id>.") */
  getRole(roleId: string): Promise<RoleRecord>;
  /** Merges the patch (extra attributes and options included). @throws NotFound, Conflict */
  updateRole(roleId: string, patch: Partial<NewRole>): Promise<RoleRecord>;
  /** Deletes the role, its options and every inference rule naming it. @throws NotFound */
  deleteRole(roleId: string): Promise<void>;

  /** @throws Conflict when the rule exists, NotFound when a role is unknown. */
  createImpliedRole(priorRoleId: string, impliedRoleId: string): Promise<ImpliedRoleRecord>;
  /** @throws NotFound ("<prior> does not imply <implied>.") */
  getImpliedRole(priorRoleId: string, impliedRoleId: string): Promise<ImpliedRoleRecord>;
  /** @throws NotFound */
  deleteImpliedRole(priorRoleId: string, impliedRoleId: string): Promise<void>;
  listImpliedRoles(priorRoleId: string): Promise<ImpliedRoleRecord[]>;
  /** Every rule, in one round trip (the manager computes closures from it). */
  listRoleInferenceRules(): Promise<ImpliedRoleRecord[]>;
}
