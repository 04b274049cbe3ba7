import type { OptionGroup } from '@keystone-ts/plugin-sdk';
import { tokenOptionGroups } from '@keystone-ts/token';
import { authOptionGroups } from '@keystone-ts/auth';
import { credentialOptions } from './pending.options';

/** Option groups owned by the subsystem modules (core and plugins register their own). */
export const SUBSYSTEM_OPTION_GROUPS: readonly { group: OptionGroup; owner: string }[] = [
  ...tokenOptionGroups.map((group) => ({ group, owner: '@keystone-ts/token' })),
  ...authOptionGroups.map((group) => ({ group, owner: '@keystone-ts/auth' })),
  { group: credentialOptions, owner: '@keystone-ts/server' },
];
