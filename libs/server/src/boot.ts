import { bootRuntime, coreCacheBackendDrivers, coreNotificationDrivers, Sha256IdGenerator, type KeystoneRuntime } from '@keystone-ts/core';
import { definePlugin, defineDriver, Namespaces } from '@keystone-ts/plugin-sdk';
import { BUILTIN_PLUGIN_PACKAGES } from './builtin-plugins';
import { SUBSYSTEM_OPTION_GROUPS } from './option-groups';

/** Core's own defaults, registered through the same registry as any plugin. */
const corePlugin = definePlugin({
  id: 'core-defaults',
  compatibility: '^1.0.0',
  drivers: [
    defineDriver({
      namespace: Namespaces.idGenerator,
      name: 'sha256',
      aliases: ['keystone.identity.id_generators.sha256.Generator'],
      create: () => new Sha256IdGenerator(),
    }),
    ...coreCacheBackendDrivers,
    ...coreNotificationDrivers,
  ],
});

/** Config, plugins and option validation for both keystone-all and keystone-manage. */
export function bootKeystone(argv: readonly string[]): KeystoneRuntime {
  return bootRuntime({
    argv,
    builtinPackages: BUILTIN_PLUGIN_PACKAGES,
    inlinePlugins: [{ plugin: corePlugin, packageName: '@keystone-ts/core' }],
    optionGroups: SUBSYSTEM_OPTION_GROUPS,
  });
}
