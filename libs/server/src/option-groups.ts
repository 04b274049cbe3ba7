import type { OptionGroup } from '@keystone-ts/plugin-sdk';
import { tokenOptionGroups } from '@keystone-ts/token';
import { authOptionGroups } from '@keystone-ts/auth';
import { resourceOptionGroups } from '@keystone-ts/resource';
import { assignmentOptionGroups } from '@keystone-ts/assignment';
import { catalogOptionGroups } from '@keystone-ts/catalog';
import { identityOptionGroups } from '@keystone-ts/identity';
import { policyOptions } from '@keystone-ts/policy';
import { domainConfigOptionGroups } from '@keystone-ts/domain-config';
import { credentialOptions } from './pending.options';

/** Option groups owned by the subsystem modules (core and plugins register their own). */
export const SUBSYSTEM_OPTION_GROUPS: readonly { group: OptionGroup; owner: string }[] = [
  ...identityOptionGroups.map((group) => ({ group, owner: '@keystone-ts/identity' })),
  ...tokenOptionGroups.map((group) => ({ group, owner: '@keystone-ts/token' })),
  ...authOptionGroups.map((group) => ({ group, owner: '@keystone-ts/auth' })),
  ...resourceOptionGroups.map((group) => ({ group, owner: '@keystone-ts/resource' })),
  ...assignmentOptionGroups.map((group) => ({ group, owner: '@keystone-ts/assignment' })),
  ...catalogOptionGroups.map((group) => ({ group, owner: '@keystone-ts/catalog' })),
  { group: policyOptions, owner: '@keystone-ts/policy' },
  ...domainConfigOptionGroups.map((group) => ({ group, owner: '@keystone-ts/domain-config' })),
  { group: credentialOptions, owner: '@keystone-ts/server' },
];
