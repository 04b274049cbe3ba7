import { defineOptionGroup, opt, type OptionGroup } from '@keystone-ts/plugin-sdk';

/** Keystone 22's `[domain_config]` group (keystone/conf/domain_config.py). */
export const domainConfigOptions = defineOptionGroup({
  name: 'domain_config',
  options: {
    driver: opt.str({
      default: 'sql',
      help: 'Entry point for the domain-specific configuration driver in the `keystone.resource.domain_config` namespace. Only a `sql` option is provided by keystone, so there is no reason to set this unless you are providing a custom entry point.',
    }),
    caching: opt.bool({
      default: true,
      help: 'Toggle for caching of the domain-specific configuration backend. This has no effect unless global caching is enabled. There is normally no reason to disable this.',
    }),
    cache_time: opt.int({
      default: 300,
      help: 'Time-to-live (TTL, in seconds) to cache domain-specific configuration data. This has no effect unless `[domain_config] caching` is enabled.',
    }),
  },
});

/** Option groups this subsystem owns; the app registers them at boot. */
export const domainConfigOptionGroups: readonly OptionGroup[] = [domainConfigOptions];
