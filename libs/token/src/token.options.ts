import { defineOptionGroup, opt } from '@keystone-ts/plugin-sdk';

export const tokenOptions = defineOptionGroup({
  name: 'token',
  options: {
    expiration: opt.int({ default: 3600, min: 0, max: 9223372036854775807, help: 'Seconds a token is valid.' }),
    provider: opt.str({ default: 'fernet', help: 'Token format (keystone.token.provider): fernet, uuid, jws, pki, pkiz.' }),
    caching: opt.bool({ default: true, help: 'Cache token validations.' }),
    cache_time: opt.int({ default: null, help: 'Seconds validations stay cached.' }),
    revoke_by_id: opt.bool({ default: true, help: 'Allow revoking a single token by its id.' }),
    allow_rescope_scoped_token: opt.bool({ default: true, help: 'Allow a scoped token to be exchanged for another scope.' }),
    cache_on_issue: opt.bool({ default: true, help: 'Prime the validation cache when a token is issued.' }),
    allow_expired_window: opt.int({ default: 172800, help: 'Seconds after expiry a token can still be fetched with ?allow_expired=true.' }),
    bind: opt.list({ default: [], help: 'External authentication mechanisms to bind tokens to (kerberos, x509).' }),
    enforce_token_bind: opt.str({ default: 'permissive', help: 'disabled, permissive, strict, required, or a bind type that must be present.' }),
    driver: opt.str({ default: 'sql', help: 'Token persistence for formats that need it (keystone.token.persistence).' }),
    infer_roles: opt.bool({ default: true, help: 'Include implied roles in tokens.' }),
  },
});

export const revokeOptions = defineOptionGroup({
  name: 'revoke',
  options: {
    driver: opt.str({ default: 'sql', help: 'Revocation event storage (keystone.revoke).' }),
    expiration_buffer: opt.int({ default: 1800, min: 0, help: 'Seconds after token expiry that revocation events are kept.' }),
    caching: opt.bool({ default: true, help: 'Cache the revocation list.' }),
    cache_time: opt.int({ default: 3600, help: 'Seconds the revocation list stays cached.' }),
  },
});

export const fernetReceiptsOptions = defineOptionGroup({
  name: 'fernet_receipts',
  options: {
    key_repository: opt.str({ default: '/etc/keystone/fernet-keys/', help: 'Key repository of MFA receipts.' }),
    max_active_keys: opt.int({ default: 3, min: 1, help: 'Keys kept in the receipt repository.' }),
  },
});

export const tokenOptionGroups = [tokenOptions, revokeOptions, fernetReceiptsOptions];
