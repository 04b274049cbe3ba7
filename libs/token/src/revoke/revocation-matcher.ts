import type { RevocationEvent } from '@keystone-ts/plugin-sdk';

/** The facts of a token that revocation events are compared with (Keystone's build_token_values). */
export interface TokenValues {
  userId: string;
  trustorId: string | null;
  trusteeId: string | null;
  projectId: string | null;
  /** The user's domain. */
  identityDomainId: string;
  /** The scoped domain, or the domain of the scoped project. */
  assignmentDomainId: string | null;
  roleIds: string[];
  trustId: string | null;
  consumerId: string | null;
  accessTokenId: string | null;
  auditId: string;
  auditChainId: string;
  issuedAt: Date;
  expiresAt: Date;
}

/**
 * Whether an event revokes a token: every attribute the event sets must
 * match, and the token must have been issued no later than the event's
 * `issued_before` (Keystone's revoke_model.matches).
 */
export function eventMatches(e: RevocationEvent, t: TokenValues): boolean {
  if (t.issuedAt.getTime() > e.issued_before.getTime()) return false;
  if (e.user_id && ![t.userId, t.trustorId, t.trusteeId].includes(e.user_id)) return false;
  if (e.domain_id) {
    // With expires_at the event revokes one domain-scoped token; without, every token of the domain.
    const candidates = e.expires_at ? [t.assignmentDomainId] : [t.identityDomainId, t.assignmentDomainId];
    if (!candidates.includes(e.domain_id)) return false;
  }
  if (e.project_id && e.project_id !== t.projectId) return false;
  if (e.role_id && !t.roleIds.includes(e.role_id)) return false;
  if (e.trust_id && e.trust_id !== t.trustId) return false;
  if (e.consumer_id && e.consumer_id !== t.consumerId) return false;
  if (e.access_token_id && e.access_token_id !== t.accessTokenId) return false;
  if (e.audit_id && e.audit_id !== t.auditId) return false;
  if (e.audit_chain_id && e.audit_chain_id !== t.auditChainId) return false;
  // Keystone compares expires_at to the second: a revoke-by-expiry event.
  if (e.expires_at && Math.floor(e.expires_at.getTime() / 1000) !== Math.floor(t.expiresAt.getTime() / 1000)) return false;
  return true;
}
