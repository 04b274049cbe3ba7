import { Forbidden, ValidationError, type TrustRecord } from '@keystone-ts/plugin-sdk';

/** What a new trust asks for, before the redelegation rules settle its count. */
export interface TrustRequest {
  remaining_uses: number | null;
  expires_at: Date | null;
  impersonation: boolean;
  roles: { id: string }[];
  allow_redelegation?: boolean | null;
  redelegation_count?: number | null;
}

/**
 * Keystone's check of a trust against the trust it was redelegated from:
 * the parent may still be redelegated, the child has no use limit, does not
 * outlive the parent, delegates no more roles and impersonates only if the
 * parent does. A child without expiry takes the parent's (returned).
 * @throws Forbidden
 */
export function checkRedelegation(parent: TrustRecord, child: TrustRequest, maxCount: number): { expires_at: Date | null } {
  const depth = parent.redelegation_count ?? 0;
  if (!(depth > 0 && depth <= maxCount)) {
    throw new Forbidden(`Remaining redelegation depth of ${depth} out of allowed range of [0..${maxCount}]`);
  }
  if (child.remaining_uses !== null && child.remaining_uses !== undefined) {
    throw new Forbidden(`Field "remaining_uses" is set to ${child.remaining_uses} while it must not be set in order to redelegate a trust`);
  }
  let expires = child.expires_at;
  if (expires) {
    if (parent.expires_at && parent.expires_at.getTime() < expires.getTime()) {
      throw new Forbidden('Requested expiration time is more than redelegated trust can provide');
    }
  } else {
    expires = parent.expires_at;
  }
  const parentRoles = new Set((parent.roles ?? []).map((r) => r.id));
  if (!child.roles.every((r) => parentRoles.has(r.id))) throw new Forbidden('Some of requested roles are not in redelegated trust');
  if (!parent.impersonation && child.impersonation) {
    throw new Forbidden(`Impersonation is not allowed because redelegated trust does not specify impersonation. Redelegated trust id: ${parent.id}`);
  }
  return { expires_at: expires };
}

/**
 * The redelegation_count a new trust gets (Keystone's create_trust): 0 when
 * it may not be redelegated, one less than its parent's when it redelegates
 * one, else the requested depth or the maximum.
 * @throws ValidationError (remaining_uses with redelegation), Forbidden (depth)
 */
export function settleRedelegationCount(req: TrustRequest, parent: TrustRecord | null, maxCount: number): number {
  const requested = req.redelegation_count ?? null;
  const redelegatable = req.allow_redelegation === true && requested !== 0;
  if (!redelegatable) {
    if (req.remaining_uses !== null && req.remaining_uses <= 0) throw new ValidationError('remaining_uses must be a positive integer or null.');
  } else {
    if (requested !== null && requested > maxCount) {
      throw new Forbidden(`Requested redelegation depth of ${requested} is greater than allowed ${maxCount}`);
    }
    if (req.remaining_uses !== null) throw new ValidationError('remaining_uses must not be set if redelegation is allowed');
  }
  if (!redelegatable) return 0;
  if (parent) {
    const remaining = (parent.redelegation_count ?? 0) - 1;
    if (requested !== null && requested !== remaining) {
      throw new Forbidden('Modifying "redelegation_count" upon redelegation is forbidden. Omitting this parameter is advised.');
    }
    return remaining;
  }
  return requested ?? maxCount;
}
