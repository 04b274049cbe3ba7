import { defineOptionGroup, opt } from '@keystone-ts/plugin-sdk';

/** `[policy]`: where policy blobs are stored (not the rules the server enforces: those are [oslo_policy]). */
export const policyOptions = defineOptionGroup({
  name: 'policy',
  options: {
    driver: opt.str({ default: 'sql', help: 'Storage of policy blobs (keystone.policy).' }),
    list_limit: opt.int({ default: null, help: 'Maximum policies a listing returns.' }),
  },
});
