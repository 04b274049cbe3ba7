import { defineOptionGroup, opt } from '@keystone-ts/plugin-sdk';

/** `[application_credential]`, as Keystone 22 has it. */
export const applicationCredentialOptions = defineOptionGroup({
  name: 'application_credential',
  options: {
    driver: opt.str({ default: 'sql', help: 'Storage of application credentials and access rules (keystone.application_credential).' }),
    caching: opt.bool({ default: true, help: 'Cache application credential reads (needs [cache] enabled).' }),
    cache_time: opt.int({ default: null, help: 'Seconds application credential reads stay cached; unset: [cache] expiration_time.' }),
    user_limit: opt.int({ default: -1, help: 'Application credentials a user may have (-1: unlimited).' }),
  },
});
