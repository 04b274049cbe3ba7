/** A revocation event as Keystone stores it (`revocation_event` table). */
export interface RevocationEvent {
  id?: number;
  domain_id?: string | null;
  project_id?: string | null;
  user_id?: string | null;
  role_id?: string | null;
  trust_id?: string | null;
  consumer_id?: string | null;
  access_token_id?: string | null;
  issued_before: Date;
  expires_at?: Date | null;
  revoked_at: Date;
  audit_id?: string | null;
  audit_chain_id?: string | null;
}

/** The `keystone.revoke` contract. */
export interface RevokeDriver {
  /** Events revoked at or after `since` (all when null), oldest first. */
  listEvents(since: Date | null): Promise<RevocationEvent[]>;
  /** Stores an event and prunes events older than the expiration buffer. */
  revoke(event: RevocationEvent, pruneBefore: Date): Promise<void>;
  /** A cheap fingerprint that changes whenever events change (max id / count), for caches. */
  version(): Promise<string>;
}
