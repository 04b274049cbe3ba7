import { ConfigurationError, type AuthMethod } from '@keystone-ts/plugin-sdk';
import type { KeystoneRuntime } from '@keystone-ts/core';
import { DEFAULT_AUTH_METHODS } from './auth.options';

/**
 * The auth methods `[auth] methods` enables, each built from the plugin
 * registry with `[auth] <method> = <name>` (default `default`). A method in
 * Keystone's default list that no plugin provides yet is skipped; one the
 * operator named explicitly must exist.
 */
export async function loadAuthMethods(runtime: KeystoneRuntime, warn: (m: string) => void): Promise<Map<string, AuthMethod>> {
  const cfg = runtime.config;
  const methods = cfg.get<string[]>('auth', 'methods');
  const explicit = cfg.rawSection('auth').has('methods');
  const out = new Map<string, AuthMethod>();
  for (const method of methods) {
    const chosen = cfg.rawSection('auth').get(method)?.at(-1)?.value || 'default';
    const installed = runtime.registry.authMethodNames(method);
    if (installed.length === 0 && !explicit && DEFAULT_AUTH_METHODS.includes(method)) {
      warn(`Auth method '${method}' is not available yet; skipped`);
      continue;
    }
    try {
      out.set(method, await runtime.drivers.createAuthMethod<AuthMethod>(method, chosen, cfg));
    } catch (e) {
      throw new ConfigurationError(`[auth] ${method}: ${(e as Error).message}`);
    }
  }
  return out;
}
