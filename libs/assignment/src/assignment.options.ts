import { defineOptionGroup, opt, type OptionGroup } from '@keystone-ts/plugin-sdk';

/** `[assignment]`, as keystone/conf/assignment.py declares it. */
export const assignmentOptions = defineOptionGroup({
  name: 'assignment',
  options: {
    driver: opt.str({
      default: 'sql',
      help: 'Entry point for the assignment backend driver (where role assignments are stored) in the `keystone.assignment` namespace. Only a SQL driver is supplied by keystone itself.',
    }),
    prohibited_implied_role: opt.list({ default: ['admin'], help: 'A list of role names which are prohibited from being an implied role.' }),
  },
});

/** `[role]`, as keystone/conf/role.py declares it. */
export const roleOptions = defineOptionGroup({
  name: 'role',
  options: {
    driver: opt.str({
      default: null,
      help: "Entry point for the role backend driver in the `keystone.role` namespace. When unset, the assignment driver's default role driver is used (`sql`).",
    }),
    caching: opt.bool({ default: true, help: 'Toggle for role caching. This has no effect unless global caching is enabled.' }),
    cache_time: opt.int({ default: null, help: 'Time to cache role data, in seconds. This has no effect unless both global caching and `[role] caching` are enabled.' }),
    list_limit: opt.int({ default: null, help: 'Maximum number of entities that will be returned in a role collection.' }),
  },
});

/** Registered by the app at boot (bootRuntime's `optionGroups`). */
export const assignmentOptionGroups: readonly OptionGroup[] = [assignmentOptions, roleOptions];
