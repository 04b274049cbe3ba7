import type { DriverHints } from '../hints';

/** An access rule as the API shows it: what an application credential may call. */
export interface AccessRuleRecord {
  id: string;
  service: string;
  path: string;
  method: string;
}

/**
 * A stored application credential (never its secret or hash).
 * `expires_at` is microseconds since the epoch (Keystone's DateTimeInt), so
 * a client's sub-millisecond expiry comes back exactly as it was sent.
 */
export interface ApplicationCredentialRecord {
  id: string;
  name: string;
  description: string | null;
  user_id: string;
  project_id: string | null;
  system: string | null;
  expires_at: number | null;
  unrestricted: boolean;
  /** Role ids only; the manager fills in names. */
  roles: { id: string }[];
  /** Present only when the credential has access rules. */
  access_rules?: AccessRuleRecord[];
}

export interface NewApplicationCredential extends Omit<ApplicationCredentialRecord, 'roles' | 'access_rules'> {
  /** The clear secret; the driver stores only its hash. */
  secret: string;
}

/** The `keystone.application_credential` contract. */
export interface ApplicationCredentialDriver {
  /**
   * Stores the credential, its roles and its access rules. An access rule is
   * reused when one with its id, or the same service/path/method for this
   * user, exists; otherwise it is created with the given id.
   * @throws Conflict when the user has a credential of that name
   */
  createApplicationCredential(ref: NewApplicationCredential, roles: { id: string }[], accessRules: AccessRuleRecord[] | null): Promise<ApplicationCredentialRecord>;
  /** @throws NotFound ("Could not find Application Credential: <id>.") */
  getApplicationCredential(id: string): Promise<ApplicationCredentialRecord>;
  /** Hints may filter on `name` and `project_id`. */
  listApplicationCredentialsForUser(userId: string, hints: DriverHints): Promise<ApplicationCredentialRecord[]>;
  /** Credentials holding a role (role deletion). */
  listApplicationCredentialsWithRole(roleId: string): Promise<ApplicationCredentialRecord[]>;
  /** True when the secret matches the stored hash; expiry is the caller's concern. */
  checkSecret(id: string, secret: string): Promise<boolean>;
  /** @throws NotFound */
  deleteApplicationCredential(id: string): Promise<void>;
  deleteApplicationCredentialsForUser(userId: string): Promise<void>;
  /** @throws NotFound ("Could not find Access Rule: <id>.") */
  getAccessRule(id: string): Promise<AccessRuleRecord>;
  /** Hints may filter on `service`, `path` and `method`. */
  listAccessRulesForUser(userId: string, hints: DriverHints): Promise<AccessRuleRecord[]>;
  /** @throws NotFound; Forbidden while an application credential uses the rule */
  deleteAccessRule(id: string): Promise<void>;
  deleteAccessRulesForUser(userId: string): Promise<void>;
}
