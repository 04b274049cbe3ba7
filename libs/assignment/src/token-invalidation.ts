import type { ProviderApis } from '@keystone-ts/core';

/**
 * Keystone 22 answers a removed grant or role with a token-cache
 * invalidation, not a revocation event: tokens stay valid, and validation
 * recomputes their roles (failing once none is left). So the only thing owed
 * to the token subsystem is dropping cached validations, if it keeps any;
 * the hook is optional because a token subsystem need not cache.
 */
export async function invalidateTokenCaches(apis: ProviderApis): Promise<void> {
  if (!apis.has('token')) return;
  await apis.token.invalidateCaches?.();
}
