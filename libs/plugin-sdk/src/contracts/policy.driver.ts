import type { DriverHints } from '../hints';

/** A stored policy blob (Keystone's `policy` entity; the engine never reads it). */
export interface PolicyBlobRecord {
  id: string;
  type: string;
  blob: string;
  [extra: string]: unknown;
}

/** The `keystone.policy` contract. */
export interface PolicyDriver {
  /** @throws Conflict when the id exists */
  createPolicy(policy: PolicyBlobRecord): Promise<PolicyBlobRecord>;
  listPolicies(hints: DriverHints): Promise<PolicyBlobRecord[]>;
  /** @throws NotFound ("Could not find policy: <id>.") */
  getPolicy(policyId: string): Promise<PolicyBlobRecord>;
  /** @throws NotFound */
  updatePolicy(policyId: string, patch: Partial<PolicyBlobRecord>): Promise<PolicyBlobRecord>;
  /** @throws NotFound */
  deletePolicy(policyId: string): Promise<void>;
}
