import { defineOptionGroup, opt } from '@keystone-ts/plugin-sdk';

/** `[credential]`: the credential store, its encryption, EC2/S3 signature lifetime and per-user limit. */
export const credentialOptions = defineOptionGroup({
  name: 'credential',
  options: {
    driver: opt.str({ default: 'sql', help: 'Storage of credentials (keystone.credential).' }),
    provider: opt.str({ default: 'fernet', help: 'Encryption of credential blobs (keystone.credential.provider).' }),
    key_repository: opt.str({ default: '/etc/keystone/credential-keys/', help: 'Fernet keys that encrypt credentials (not the token keys).' }),
    caching: opt.bool({ default: true, help: 'Cache credential reads.' }),
    cache_time: opt.int({ default: null, help: 'Seconds credential reads stay cached.' }),
    auth_ttl: opt.int({ default: 15, help: 'Minutes a signed EC2/S3 request stays valid after its timestamp.' }),
    user_limit: opt.int({ default: -1, help: 'Credentials a user may have (-1: unlimited).' }),
    list_limit: opt.int({ default: null, help: 'Maximum credentials a listing returns.' }),
  },
});

export const credentialOptionGroups = [credentialOptions];
