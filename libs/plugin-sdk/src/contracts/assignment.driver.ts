/** Kinds of project/domain assignment, as Keystone's `assignment.type` column names them. */
export type AssignmentType = 'UserProject' | 'GroupProject' | 'UserDomain' | 'GroupDomain';

/** Kinds of system assignment (`system_assignment.type`). */
export type SystemAssignmentType = 'UserSystem' | 'GroupSystem';

/**
 * One grant's key: exactly one actor (user or group) and one target
 * (project or domain), plus whether it is inherited to projects below.
 */
export interface GrantKey {
  userId?: string;
  groupId?: string;
  projectId?: string;
  domainId?: string;
  inherited: boolean;
}

/**
 * A stored project/domain assignment in Keystone's driver shape: one actor
 * key, one target key, and `inherited_to_projects: 'projects'` when inherited.
 */
export interface AssignmentRecord {
  role_id: string;
  user_id?: string;
  group_id?: string;
  project_id?: string;
  domain_id?: string;
  inherited_to_projects?: 'projects';
}

/**
 * Which assignments to list (Keystone's `list_role_assignments` on the
 * driver). Actor: `userId` alone selects the user's assignments, `groupIds`
 * alone those of the groups, both together the union of the two (so effective
 * role computations need one round trip, not two). Target: `projectIds`
 * selects project assignments on those projects; else `domainId` selects
 * domain assignments on it; else any target. `inherited` undefined = both.
 * An empty `groupIds` array with no `userId` means "no actor filter".
 */
export interface AssignmentQuery {
  roleId?: string;
  userId?: string;
  groupIds?: readonly string[];
  projectIds?: readonly string[];
  domainId?: string;
  inherited?: boolean;
}

export interface SystemGrantRecord {
  type: SystemAssignmentType;
  actor_id: string;
  target_id: string;
  role_id: string;
  inherited: boolean;
}

/** The `keystone.assignment` contract (Keystone's AssignmentDriverBase). */
export interface AssignmentDriver {
  /** The `keystone.role` driver used when `[role] driver` is unset. */
  readonly defaultRoleDriver: string;

  /** Silent when the grant exists already (the v3 grant APIs are idempotent). */
  createGrant(roleId: string, grant: GrantKey): Promise<void>;
  /** Role ids the actor holds on the target (any assignment type, as Keystone queries it). */
  listGrantRoleIds(grant: GrantKey): Promise<string[]>;
  /** @throws NotFound ("Could not find role assignment with role: ...") */
  checkGrantRoleId(roleId: string, grant: GrantKey): Promise<void>;
  /** @throws NotFound when nothing matched */
  deleteGrant(roleId: string, grant: GrantKey): Promise<void>;
  /** One round trip whatever the number of actors and targets. */
  listRoleAssignments(query: AssignmentQuery): Promise<AssignmentRecord[]>;

  deleteProjectAssignments(projectId: string): Promise<void>;
  /** Project/domain and system assignments of the role. */
  deleteRoleAssignments(roleId: string): Promise<void>;
  deleteDomainAssignments(domainId: string): Promise<void>;
  deleteUserAssignments(userId: string): Promise<void>;
  deleteGroupAssignments(groupId: string): Promise<void>;

  /** Silent when it exists already. */
  createSystemGrant(roleId: string, actorId: string, targetId: string, type: SystemAssignmentType, inherited: boolean): Promise<void>;
  /** Filters are optional; `actorIds` lets a user and their groups be read at once. */
  listSystemGrants(filter: { actorIds?: readonly string[]; targetId?: string; type?: SystemAssignmentType }): Promise<SystemGrantRecord[]>;
  /** @throws NotFound */
  checkSystemGrant(roleId: string, actorId: string, targetId: string, inherited: boolean): Promise<void>;
  /** @throws NotFound when nothing matched */
  deleteSystemGrant(roleId: string, actorId: string, targetId: string, inherited: boolean): Promise<void>;
}
