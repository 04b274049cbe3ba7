import {
  ConfigurationError,
  type AuthMethodDefinition,
  type DriverDefinition,
  type KeystonePlugin,
} from '@keystone-ts/plugin-sdk';

interface Registered<T> {
  def: T;
  packageName: string;
}

/**
 * Every driver and auth method the loaded plugins provide. Filled during boot,
 * locked before Nest starts; lookups by short name or alias.
 */
export class PluginRegistry {
  private readonly plugins = new Map<string, Registered<KeystonePlugin>>();
  private readonly drivers = new Map<string, Map<string, Registered<DriverDefinition>>>();
  private readonly authMethods = new Map<string, Map<string, Registered<AuthMethodDefinition>>>();
  private locked = false;

  register(plugin: KeystonePlugin, packageName: string): void {
    if (this.locked) {
      throw new ConfigurationError(`Plugin registry is locked; cannot register '${plugin.id}' from ${packageName}`);
    }
    const existing = this.plugins.get(plugin.id);
    if (existing) {
      throw new ConfigurationError(
        `Duplicate plugin '${plugin.id}': provided by both ${existing.packageName} and ${packageName}`,
      );
    }
    this.plugins.set(plugin.id, { def: plugin, packageName });
    for (const d of plugin.drivers ?? []) {
      this.add(this.drivers, d.namespace, [d.name, ...(d.aliases ?? [])], { def: d, packageName }, 'driver');
    }
    for (const m of plugin.authMethods ?? []) {
      this.add(this.authMethods, m.method, [m.name, ...(m.aliases ?? [])], { def: m, packageName }, 'auth method');
    }
  }

  lock(): void {
    this.locked = true;
  }

  get isLocked(): boolean {
    return this.locked;
  }

  loadedPlugins(): { plugin: KeystonePlugin; packageName: string }[] {
    return [...this.plugins.values()].map((r) => ({ plugin: r.def, packageName: r.packageName }));
  }

  /** @throws ConfigurationError naming the namespace and what is installed */
  driver<T = unknown>(namespace: string, name: string): DriverDefinition<T> {
    const found = this.drivers.get(namespace)?.get(name);
    if (!found) {
      throw new ConfigurationError(
        `Unable to find '${name}' driver in '${namespace}' (installed: ${this.driverNames(namespace).join(', ') || 'none'})`,
      );
    }
    return found.def as DriverDefinition<T>;
  }

  hasDriver(namespace: string, name: string): boolean {
    return this.drivers.get(namespace)?.has(name) ?? false;
  }

  /** Primary names (no aliases) of the drivers in a namespace. */
  driverNames(namespace: string): string[] {
    return [...new Set([...(this.drivers.get(namespace)?.values() ?? [])].map((r) => r.def.name))].sort();
  }

  /** @throws ConfigurationError */
  authMethod<T = unknown>(method: string, name: string): AuthMethodDefinition<T> {
    const found = this.authMethods.get(method)?.get(name);
    if (!found) {
      const installed = [...new Set([...(this.authMethods.get(method)?.values() ?? [])].map((r) => r.def.name))];
      throw new ConfigurationError(
        `Unable to find '${name}' driver in 'keystone.auth.${method}' (installed: ${installed.join(', ') || 'none'})`,
      );
    }
    return found.def as AuthMethodDefinition<T>;
  }

  authMethodNames(method: string): string[] {
    return [...new Set([...(this.authMethods.get(method)?.values() ?? [])].map((r) => r.def.name))];
  }

  private add<T extends { name: string }>(
    table: Map<string, Map<string, Registered<T>>>,
    key: string,
    names: string[],
    entry: Registered<T>,
    kind: string,
  ): void {
    const byName = table.get(key) ?? new Map<string, Registered<T>>();
    for (const n of names) {
      const clash = byName.get(n);
      if (clash) {
        throw new ConfigurationError(
          `Duplicate ${kind} '${n}' in '${key}': provided by both ${clash.packageName} and ${entry.packageName}`,
        );
      }
      byName.set(n, entry);
    }
    table.set(key, byName);
  }
}
