import type { DriverHints } from '../hints';
import { Unauthorized } from '../errors';

interface UserFields {
  name: string;
  domain_id: string;
  enabled: boolean;
  default_project_id?: string | null;
  description?: string | null;
  email?: string | null;
  password_expires_at?: string | null;
  options?: Record<string, unknown>;
}

/** A user as drivers store it (the API adds `links` and hides secrets). */
export interface UserRecord extends UserFields {
  id: string;
  /** Arbitrary extra attributes a client set; kept and echoed as Keystone does. */
  [extra: string]: unknown;
}

export interface NewUser extends Partial<UserFields> {
  name: string;
  domain_id: string;
  password?: string | null;
  [extra: string]: unknown;
}

interface GroupFields {
  name: string;
  domain_id: string;
  description?: string | null;
}

export interface GroupRecord extends GroupFields {
  id: string;
  [extra: string]: unknown;
}

export interface NewGroup extends GroupFields {
  [extra: string]: unknown;
}

/**
 * The `keystone.identity` contract. Every method is async; every failure is a
 * plugin-sdk error.
 *
 * IDs here are the driver's local IDs. Core maps them to public IDs (the
 * `id_mapping` table) for domains served by a non-default driver.
 */
export interface IdentityDriver {
  /** True when the driver stores `domain_id` itself (SQL); false for one-domain backends (LDAP, files). */
  readonly isDomainAware: boolean;
  /** True for the SQL driver: at most one SQL-backed identity driver may be configured. */
  readonly isSql: boolean;
  /** True when the driver invents IDs (so public IDs need no mapping under `backward_compatible_ids`). */
  readonly generatesUuids: boolean;
  /** False for read-only backends: writes raise Forbidden. */
  readonly writable: boolean;
  /** What a refused write says for a read-only backend (LDAP: "LDAP does not support write operations"). */
  readonly readOnlyMessage?: string;

  /**
   * Check a password. @returns the user.
   * @throws Unauthorized when the user is unknown or the password is wrong
   * (callers must not learn which).
   */
  authenticate(userId: string, password: string): Promise<UserRecord>;

  /**
   * Optional: `authenticate` without building the user record, which core
   * then serves from its cache (the record is what every login reads again).
   * Same failures as `authenticate`.
   */
  checkPassword?(userId: string, password: string): Promise<void>;

  /**
   * Self-service password change (`POST /v3/users/{id}/password`), after
   * core checked the original password: the driver applies its own rules
   * (SQL: lock_password, minimum_password_age, unique_last_password_count).
   * Optional: without it core falls back to `updateUser({password})`.
   * @throws ValidationError (400) when a rule refuses the new password
   */
  changePassword?(userId: string, newPassword: string): Promise<void>;

  /** @throws Conflict when a user with that name exists in the domain. */
  createUser(userId: string, user: NewUser): Promise<UserRecord>;
  listUsers(hints: DriverHints): Promise<UserRecord[]>;
  listUsersInGroup(groupId: string, hints: DriverHints): Promise<UserRecord[]>;
  /** @throws NotFound ("Could not find user: <id>.") */
  getUser(userId: string): Promise<UserRecord>;
  /** @throws NotFound */
  getUserByName(userName: string, domainId: string): Promise<UserRecord>;
  /** @throws NotFound, Conflict */
  updateUser(userId: string, patch: Partial<NewUser>): Promise<UserRecord>;
  /** @throws NotFound */
  deleteUser(userId: string): Promise<void>;

  /** @throws NotFound for an unknown user or group */
  addUserToGroup(userId: string, groupId: string): Promise<void>;
  /** @throws NotFound when the user is not a member */
  checkUserInGroup(userId: string, groupId: string): Promise<void>;
  removeUserFromGroup(userId: string, groupId: string): Promise<void>;

  createGroup(groupId: string, group: NewGroup): Promise<GroupRecord>;
  listGroups(hints: DriverHints): Promise<GroupRecord[]>;
  listGroupsForUser(userId: string, hints: DriverHints): Promise<GroupRecord[]>;
  getGroup(groupId: string): Promise<GroupRecord>;
  getGroupByName(groupName: string, domainId: string): Promise<GroupRecord>;
  updateGroup(groupId: string, patch: Partial<GroupRecord>): Promise<GroupRecord>;
  deleteGroup(groupId: string): Promise<void>;

  /** Release connections; called when the driver is replaced or the server stops. */
  destroy?(): Promise<void>;
}

/** The `keystone.identity.id_generator` contract: public IDs for mapped entities. */
export interface IdGenerator {
  generatePublicId(mapping: { domain_id: string; local_id: string; entity_type: 'user' | 'group' }): string;
}

export interface IdMappingEntry {
  public_id: string;
  domain_id: string;
  local_id: string;
  entity_type: 'user' | 'group';
}

/** The `keystone.identity.id_mapping` contract: storage of public ID ↔ (domain, local id). */
export interface IdMappingDriver {
  getPublicId(local: Omit<IdMappingEntry, 'public_id'>): Promise<string | null>;
  /** null when the public ID is not mapped. */
  getIdMapping(publicId: string): Promise<IdMappingEntry | null>;
  createIdMapping(entry: IdMappingEntry): Promise<void>;
  deleteIdMapping(publicId: string): Promise<void>;
  listDomainMappings(domainId: string, entityType?: 'user' | 'group'): Promise<IdMappingEntry[]>;
  purgeMappings(filter: Partial<Omit<IdMappingEntry, 'public_id'>> & { public_id?: string }): Promise<void>;
}

const PASSWORD_EXPIRED = Symbol.for('keystone-ts.password-expired');

/**
 * Keystone's PasswordExpired (401): thrown by `authenticate` when only the
 * password's age failed. Core lets a self-service change through despite it.
 * A marked Unauthorized rather than a subclass, so that it is recognised
 * across copies of the SDK.
 */
export function passwordExpiredError(userId: string): Unauthorized {
  const e = new Unauthorized(`The password is expired and needs to be changed for user: ${userId}.`);
  (e as unknown as Record<symbol, boolean>)[PASSWORD_EXPIRED] = true;
  return e;
}

export function isPasswordExpiredError(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as Record<symbol, unknown>)[PASSWORD_EXPIRED] === true;
}
