import type { ProviderApis } from '@keystone-ts/core';

/**
 * Keystone 22 answers a removed grant or role with a token-cache
 * invalidation, not a revocation event: tokens stay valid, and validation
 * recomputes their roles (failing once none is left). Dropping cached
 * validations is therefore all that is owed to the token subsystem.
 */
export function invalidateTokenCaches(apis: ProviderApis): void {
  if (apis.has('token')) apis.token.invalidateCaches?.();
}
