import type { ProviderApis } from '@keystone-ts/core';

/**
 * Keystone 22 answers a removed grant or role with a token-cache
 * invalidation, not a revocation event: tokens stay valid, and validation
 * recomputes their roles (failing once none is left). So the only thing owed
 * to the token subsystem is dropping cached validations, if it keeps any;
 * TokenApi declares no such hook today, hence the optional lookup.
 */
export function invalidateTokenCaches(apis: ProviderApis): void {
  if (!apis.has('token')) return;
  const token = apis.token as unknown as { invalidateCaches?: () => void };
  token.invalidateCaches?.();
}
