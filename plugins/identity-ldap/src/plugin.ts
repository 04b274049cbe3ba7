import { defineDriver, definePlugin, Namespaces, type DriverContext, type IdentityDriver } from '@keystone-ts/plugin-sdk';
import { LdapDirectory } from './ldap-directory';
import { LdapIdentityDriver } from './ldap-identity.driver';
import { readLdapSettings } from './ldap-settings';
import { ldapOptions, type LdapOptionValues } from './ldap.options';

/** Checks `[ldap]` and prepares the pools; the first connection is made by the first request. */
export function createLdapIdentityDriver(ctx: DriverContext): LdapIdentityDriver {
  const settings = readLdapSettings(ctx.options as unknown as LdapOptionValues);
  const domainId = ctx.domainId ?? ctx.config.get<string>('identity', 'default_domain_id');
  return new LdapIdentityDriver(settings, new LdapDirectory(settings, ctx.logger), domainId, ctx.logger);
}

/** Keystone's LDAP identity backend: `[identity] driver = ldap`, globally or in keystone.<domain>.conf. */
export const identityLdapPlugin = definePlugin({
  id: 'identity-ldap',
  compatibility: '^1.0.0',
  optionGroups: [ldapOptions],
  drivers: [
    defineDriver<IdentityDriver>({
      namespace: Namespaces.identity,
      name: 'ldap',
      aliases: ['keystone.identity.backends.ldap.Identity', 'keystone.identity.backends.ldap.core.Identity'],
      optionGroup: 'ldap',
      create: createLdapIdentityDriver,
    }),
  ],
});
