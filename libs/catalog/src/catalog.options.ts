import { defineOptionGroup, opt } from '@keystone-ts/plugin-sdk';

/** Keystone 22's `[catalog]`, `[endpoint_filter]` and `[endpoint_policy]`, same names and defaults. */
export const catalogOptions = defineOptionGroup({
  name: 'catalog',
  options: {
    template_file: opt.str({
      default: '/etc/keystone/default_catalog.templates',
      help: 'Path of the file the templated catalog backend reads (`[catalog] driver = templated`); a relative name is looked up in the config directories, as Keystone does.',
    }),
    driver: opt.str({ default: 'sql', help: 'Catalog backend (keystone.catalog): sql, or templated for a read-only catalog from template_file.' }),
    caching: opt.bool({ default: true, help: 'Cache catalog reads. Has no effect unless global caching is enabled.' }),
    cache_time: opt.int({ default: null, help: 'Seconds catalog data stays cached.' }),
    list_limit: opt.int({ default: null, help: 'Maximum number of entities a catalog collection (services, endpoints) returns.' }),
  },
});

export const endpointFilterOptions = defineOptionGroup({
  name: 'endpoint_filter',
  options: {
    driver: opt.str({ default: 'sql', help: 'Endpoint filter backend (keystone.endpoint_filter).' }),
    return_all_endpoints_if_no_filter: opt.bool({
      default: true,
      help: 'When no endpoint filter applies to a project, return the whole catalog (true) or an empty one (false).',
    }),
  },
});

export const endpointPolicyOptions = defineOptionGroup({
  name: 'endpoint_policy',
  options: {
    driver: opt.str({ default: 'sql', help: 'Endpoint policy backend (keystone.endpoint_policy).' }),
  },
});

export const catalogOptionGroups = [catalogOptions, endpointFilterOptions, endpointPolicyOptions];
