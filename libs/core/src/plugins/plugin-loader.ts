import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { satisfies, validRange } from 'semver';
import { ConfigurationError, isKeystonePlugin, SDK_VERSION, type KeystonePlugin } from '@keystone-ts/plugin-sdk';

export interface LoadedPlugin {
  plugin: KeystonePlugin;
  packageName: string;
}

/**
 * Loads plugin packages by npm name. Built-in and third-party plugins take the
 * same path: resolve, check the package.json `keystone` marker, import, check
 * the brand and the SDK semver range.
 */
export function loadPluginPackage(packageName: string, searchPaths: readonly string[]): LoadedPlugin {
  let entry: string;
  try {
    entry = require.resolve(packageName, { paths: [...searchPaths] });
  } catch {
    throw new ConfigurationError(`Plugin package '${packageName}' is not installed (searched from ${searchPaths.join(', ')})`);
  }
  const manifest = findManifest(entry, packageName);
  if (!manifest) {
    throw new ConfigurationError(`Package '${packageName}' is not a keystone-ts plugin (no package.json named '${packageName}' above ${entry})`);
  }
  if (manifest.keystone === undefined) {
    throw new ConfigurationError(`Package '${packageName}' is not a keystone-ts plugin (no "keystone" field in its package.json)`);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(entry) as { default?: unknown };
  const plugin = mod.default ?? mod;
  if (!isKeystonePlugin(plugin)) {
    throw new ConfigurationError(`Package '${packageName}' does not export a plugin made with definePlugin() as its default export`);
  }
  checkCompatibility(plugin, packageName);
  return { plugin, packageName };
}

export function checkCompatibility(plugin: KeystonePlugin, packageName: string): void {
  if (!validRange(plugin.compatibility)) {
    throw new ConfigurationError(`Plugin '${plugin.id}' (${packageName}) declares an invalid compatibility range '${plugin.compatibility}'`);
  }
  if (!satisfies(SDK_VERSION, plugin.compatibility)) {
    throw new ConfigurationError(
      `Plugin '${plugin.id}' (${packageName}) requires plugin-sdk ${plugin.compatibility}, but this keystone-ts provides ${SDK_VERSION}`,
    );
  }
}

function findManifest(entry: string, packageName: string): { keystone?: unknown } | null {
  let dir = dirname(entry);
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; keystone?: unknown };
      if (pkg.name === packageName) return pkg;
    } catch {
      // not here; keep walking up
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return null;
}
