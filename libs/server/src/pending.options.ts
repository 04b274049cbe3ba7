import { defineOptionGroup, opt } from '@keystone-ts/plugin-sdk';

/**
 * Groups of subsystems not built yet whose options other parts already need
 * (the credential key repository for `credential_setup`). Each moves to its
 * subsystem's own options file when that subsystem lands.
 */
export const credentialOptions = defineOptionGroup({
  name: 'credential',
  options: {
    key_repository: opt.str({ default: '/etc/keystone/credential-keys/', help: 'Fernet keys that encrypt credentials.' }),
    caching: opt.bool({ default: true, help: 'Cache credential reads.' }),
    cache_time: opt.int({ default: null, help: 'Seconds credential reads stay cached.' }),
    auth_ttl: opt.int({ default: 15, help: 'Minutes an EC2/S3 signature stays valid.' }),
    user_limit: opt.int({ default: -1, help: 'Credentials per user (-1: unlimited).' }),
  },
});
