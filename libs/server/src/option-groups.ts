import type { OptionGroup } from '@keystone-ts/plugin-sdk';
import { tokenOptionGroups } from '@keystone-ts/token';
import { authOptionGroups } from '@keystone-ts/auth';
import { resourceOptionGroups } from '@keystone-ts/resource';
import { assignmentOptionGroups } from '@keystone-ts/assignment';
import { catalogOptionGroups } from '@keystone-ts/catalog';
import { identityOptionGroups } from '@keystone-ts/identity';
import { policyOptions } from '@keystone-ts/policy';
import { trustOptions } from '@keystone-ts/trust';
import { federationOptionGroups } from '@keystone-ts/federation';
import { domainConfigOptionGroups } from '@keystone-ts/domain-config';
import { applicationCredentialOptions } from '@keystone-ts/application-credential';
import { oauth1Options } from '@keystone-ts/oauth1';
import { credentialOptionGroups } from '@keystone-ts/credential';

/** Option groups owned by the subsystem modules (core and plugins register their own). */
export const SUBSYSTEM_OPTION_GROUPS: readonly { group: OptionGroup; owner: string }[] = [
  ...identityOptionGroups.map((group) => ({ group, owner: '@keystone-ts/identity' })),
  ...tokenOptionGroups.map((group) => ({ group, owner: '@keystone-ts/token' })),
  ...authOptionGroups.map((group) => ({ group, owner: '@keystone-ts/auth' })),
  ...resourceOptionGroups.map((group) => ({ group, owner: '@keystone-ts/resource' })),
  ...assignmentOptionGroups.map((group) => ({ group, owner: '@keystone-ts/assignment' })),
  ...catalogOptionGroups.map((group) => ({ group, owner: '@keystone-ts/catalog' })),
  { group: policyOptions, owner: '@keystone-ts/policy' },
  { group: trustOptions, owner: '@keystone-ts/trust' },
  ...federationOptionGroups.map((group) => ({ group, owner: '@keystone-ts/federation' })),
  ...domainConfigOptionGroups.map((group) => ({ group, owner: '@keystone-ts/domain-config' })),
  ...credentialOptionGroups.map((group) => ({ group, owner: '@keystone-ts/credential' })),
  { group: applicationCredentialOptions, owner: '@keystone-ts/application-credential' },
  { group: oauth1Options, owner: '@keystone-ts/oauth1' },
];
