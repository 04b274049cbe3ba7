/** A trust as Keystone's `trust` table holds it, with the delegated roles of `trust_role`. */
export interface TrustRecord {
  id: string;
  trustor_user_id: string;
  trustee_user_id: string;
  project_id: string | null;
  impersonation: boolean;
  /** null: never expires. */
  expires_at: Date | null;
  /** null: unlimited. */
  remaining_uses: number | null;
  redelegated_trust_id: string | null;
  /** How many more times the trust may be redelegated (0: not at all). */
  redelegation_count: number | null;
  deleted_at: Date | null;
  /** Set by getTrust and createTrust; listings leave it out. */
  roles?: { id: string }[];
  [extra: string]: unknown;
}

export interface TrustListFilter {
  trustorUserId?: string;
  trusteeUserId?: string;
  redelegatedTrustId?: string;
  projectId?: string;
}

/**
 * The `keystone.trust` contract. Usability rules (expiry, remaining uses,
 * redelegation chains) belong to the manager; the driver stores.
 */
export interface TrustDriver {
  /** @throws Conflict when the id or an identical trust exists */
  createTrust(trust: TrustRecord, roleIds: readonly string[]): Promise<TrustRecord>;
  /** With its roles. @throws NotFound ("Could not find trust: <id>.") when missing, or deleted unless `includeDeleted` */
  getTrust(trustId: string, opts?: { includeDeleted?: boolean }): Promise<TrustRecord>;
  /** Trusts not deleted, without roles. */
  listTrusts(filter: TrustListFilter): Promise<TrustRecord[]>;
  /**
   * Takes one use of a limited trust atomically (unlimited: no change).
   * @throws NotFound when missing or deleted; Forbidden when no use is left
   */
  consumeUse(trustId: string): Promise<void>;
  /** Soft delete (sets deleted_at). @throws NotFound */
  deleteTrust(trustId: string): Promise<void>;
}
