import type { DynamicModule } from '@nestjs/common';
import { BUILTIN_PLUGIN_PACKAGES, KeystoneModule, SUBSYSTEM_OPTION_GROUPS } from '@keystone-ts/server';
import { CORE_OPTION_GROUPS } from '../../config/groups';
import { cacheOptions } from '../cache.options';
import { CacheModule } from '../cache.module';

const CACHE_PLUGINS = ['@keystone-ts/plugin-cache-memcached', '@keystone-ts/plugin-cache-redis'];

/**
 * Puts the cache layer into the standard e2e server (test/support/e2e-server)
 * for this test file: the [cache] options, the two cache plugins and
 * CacheModule. Each step is skipped once the server wires it itself, so this
 * shim turns into a no-op, and can be deleted, when that lands.
 * (Jest gives every test file its own module registry: nothing leaks out.)
 */
export function wireCacheIntoTestServer(): void {
  const groups = SUBSYSTEM_OPTION_GROUPS as { group: unknown; owner: string }[];
  const hasCacheGroup = CORE_OPTION_GROUPS.some((g) => g.name === 'cache') || groups.some((g) => (g.group as { name: string }).name === 'cache');
  if (!hasCacheGroup) groups.push({ group: cacheOptions, owner: '@keystone-ts/core' });

  const packages = BUILTIN_PLUGIN_PACKAGES as string[];
  for (const p of CACHE_PLUGINS) if (!packages.includes(p)) packages.push(p);

  const original = KeystoneModule.forRuntime.bind(KeystoneModule);
  if ((KeystoneModule.forRuntime as { cacheWired?: boolean }).cacheWired) return;
  const wired = (runtime: Parameters<typeof KeystoneModule.forRuntime>[0]): DynamicModule => {
    const m = original(runtime);
    const imports = m.imports ?? [];
    return imports.includes(CacheModule) ? m : { ...m, imports: [...imports, CacheModule] };
  };
  (wired as { cacheWired?: boolean }).cacheWired = true;
  KeystoneModule.forRuntime = wired;
}
