import type { ProviderApis } from '@keystone-ts/core';
import { Forbidden, ValidationError } from '@keystone-ts/plugin-sdk';

/**
 * `scope: {"OS-TRUST:trust": {"id": ...}}`: the trust must be usable (a
 * NotFound here is the caller's 401), the authenticated user its trustee
 * and the trustor enabled (both 403, as Keystone answers when minting).
 */
export async function resolveTrustScope(apis: ProviderApis, ref: { id?: unknown }, userId: string): Promise<{ trustId: string; projectId?: string }> {
  if (typeof ref.id !== 'string' || ref.id === '') throw ValidationError.missing('trust_id', 'trust');
  const trust = await apis.trust.getTrust(ref.id);
  if (trust.trustee_user_id !== userId) throw new Forbidden('User is not a trustee.');
  if (!(await apis.identity.getUser(trust.trustor_user_id)).enabled) throw new Forbidden('Trustor is disabled.');
  return { trustId: trust.id, projectId: trust.project_id ?? undefined };
}

/** A trust-scoped token was issued: one use of the trust is taken (Keystone consumes only after success). */
export async function consumeTrustUse(apis: ProviderApis, trustId: string | undefined): Promise<void> {
  if (trustId) await apis.trust.consumeUse(trustId);
}
