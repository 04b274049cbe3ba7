import { dirname, resolve } from 'node:path';
import { ConfigurationError, type CoreServices } from '@keystone-ts/plugin-sdk';
import { KeystoneConfig } from '../config/keystone-config';
import { OptionRegistry } from '../config/option-registry';
import { extractConfigArgs, resolveConfigFiles } from '../config/config-files';
import { CORE_OPTION_GROUPS } from '../config/groups';
import { PluginRegistry } from '../plugins/plugin-registry';
import { loadPluginPackage, type LoadedPlugin, checkCompatibility } from '../plugins/plugin-loader';
import { DriverFactory } from '../plugins/driver-factory';
import { getLogger } from '../logging/logger';
import { DRIVER_SELECTIONS } from './driver-selections';
import type { KeystonePlugin, OptionGroup } from '@keystone-ts/plugin-sdk';

/** Everything decided before Nest starts: config, plugins, drivers' names. */
export interface KeystoneRuntime {
  config: KeystoneConfig;
  /** Every option this process accepts (core, subsystem modules, loaded plugins). */
  options: OptionRegistry;
  registry: PluginRegistry;
  drivers: DriverFactory;
  /** Filled by subsystem modules at init; handed to drivers as ctx.services. */
  services: MutableCoreServices;
  configFiles: readonly string[];
  /** argv left after --config-file/--config-dir were taken out. */
  rest: string[];
}

export type MutableCoreServices = { -readonly [K in keyof CoreServices]: CoreServices[K] };

export interface BootOptions {
  argv: readonly string[];
  /** Package names of built-in plugins, loaded exactly like third-party ones. */
  builtinPackages: readonly string[];
  /** Plugins defined in-process (core's own defaults); still branded and version-checked. */
  inlinePlugins?: readonly { plugin: KeystonePlugin; packageName: string }[];
  /** Option groups of the app's own subsystem modules. */
  optionGroups?: readonly { group: OptionGroup; owner: string }[];
}

export function bootRuntime(opts: BootOptions): KeystoneRuntime {
  const { args, rest } = extractConfigArgs(opts.argv);
  const files = resolveConfigFiles(args);
  const options = new OptionRegistry();
  for (const g of CORE_OPTION_GROUPS) options.register(g, '@keystone-ts/core');
  for (const { group, owner } of opts.optionGroups ?? []) options.register(group, owner);
  const config = KeystoneConfig.fromFiles(files, options);

  const registry = new PluginRegistry();
  const searchPaths = [process.cwd(), ...files.map((f) => dirname(f)), resolve(__dirname, '..', '..')];
  const loaded: LoadedPlugin[] = [];
  for (const inline of opts.inlinePlugins ?? []) {
    checkCompatibility(inline.plugin, inline.packageName);
    loaded.push(inline);
  }
  const thirdParty = config.get<string[]>('plugins', 'packages') ?? [];
  for (const name of [...opts.builtinPackages, ...thirdParty]) {
    loaded.push(loadPluginPackage(name, searchPaths));
  }
  for (const { plugin, packageName } of loaded) {
    registry.register(plugin, packageName);
    for (const g of plugin.optionGroups ?? []) options.register(g, packageName);
  }
  options.lock();
  registry.lock();

  config.validateAll();
  checkDriverSelections(config, registry, options);
  const log = getLogger('keystone.config');
  for (const unknown of config.unknownOptions()) {
    log.warn(`Unknown option ${unknown}: ignored`);
  }

  const services: MutableCoreServices = {};
  const drivers = new DriverFactory(registry, services, getLogger);
  return { config, options, registry, drivers, services, configFiles: files, rest };
}

function checkDriverSelections(config: KeystoneConfig, registry: PluginRegistry, options: OptionRegistry): void {
  for (const sel of DRIVER_SELECTIONS) {
    if (!options.get(sel.group, sel.option)) continue;
    const value = config.get<string | string[] | null>(sel.group, sel.option);
    // A multi-valued selection (notification drivers) names several drivers.
    for (const name of Array.isArray(value) ? value.map((v) => v.trim()) : [value]) {
      if (name === null || name === '') continue;
      try {
        registry.driver(sel.namespace, name);
      } catch (e) {
        const at = config.locate(sel.group, sel.option);
        const where = at ? `${at.file}:${at.line}: ` : '';
        throw new ConfigurationError(`${where}[${sel.group}] ${sel.option} = '${name}': ${(e as Error).message}`);
      }
    }
  }
}
