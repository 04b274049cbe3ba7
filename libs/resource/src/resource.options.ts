import { defineOptionGroup, opt, type OptionGroup } from '@keystone-ts/plugin-sdk';

const URL_SAFE = ['off', 'new', 'strict'] as const;

/** Keystone 22's `[resource]` group (keystone/conf/resource.py). */
export const resourceOptions = defineOptionGroup({
  name: 'resource',
  options: {
    driver: opt.str({
      default: 'sql',
      help: 'Entry point for the resource driver in the `keystone.resource` namespace. Only a `sql` driver is supplied by keystone.',
    }),
    caching: opt.bool({
      default: true,
      deprecatedNames: ['assignment.caching'],
      help: 'Toggle for resource caching. This has no effect unless global caching is enabled.',
    }),
    cache_time: opt.int({
      default: null,
      deprecatedNames: ['assignment.cache_time'],
      help: 'Time to cache resource data in seconds. This has no effect unless global caching is enabled.',
    }),
    list_limit: opt.int({
      default: null,
      deprecatedNames: ['assignment.list_limit'],
      help: 'Maximum number of entities that will be returned in a resource collection.',
    }),
    admin_project_domain_name: opt.str({
      default: null,
      help: 'Name of the domain that owns the `admin_project_name`. If left unset, then there is no admin project.',
    }),
    admin_project_name: opt.str({
      default: null,
      help: 'A special project representing cloud-level administrator privileges: tokens scoped to it carry `is_admin_project = true`.',
    }),
    project_name_url_safe: opt.str({
      default: 'off',
      choices: URL_SAFE,
      help: 'Whether project names may contain URL-reserved characters: `new` refuses them on create/update, `strict` also refuses scoping to such a project by name.',
    }),
    domain_name_url_safe: opt.str({
      default: 'off',
      choices: URL_SAFE,
      help: 'Whether domain names may contain URL-reserved characters: `new` refuses them on create/update, `strict` also refuses scoping to such a domain by name.',
    }),
    // Keystone 22 reads this from [DEFAULT] only; both spellings are honoured here.
    max_project_tree_depth: opt.int({
      default: 5,
      deprecatedNames: ['DEFAULT.max_project_tree_depth'],
      help: 'Maximum depth of the project hierarchy, excluding the project acting as a domain at the top of the hierarchy.',
    }),
  },
});

/** Option groups this subsystem owns; the app registers them at boot. */
export const resourceOptionGroups: readonly OptionGroup[] = [resourceOptions];
