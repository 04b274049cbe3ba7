import { defineAuthMethod, definePlugin } from '@keystone-ts/plugin-sdk';
import { PasswordAuthMethod } from './password.auth-method';
import { TokenAuthMethod } from './token.auth-method';
import { ExternalAuthMethod } from './external.auth-method';
import { OAuth1AuthMethod } from './oauth1.auth-method';
import { ApplicationCredentialAuthMethod } from './application-credential.auth-method';

/** Keystone's built-in auth methods; third-party methods register exactly the same way. */
export const authBuiltinPlugin = definePlugin({
  id: 'auth-builtin',
  compatibility: '^1.0.0',
  authMethods: [
    defineAuthMethod({
      method: 'password',
      name: 'default',
      aliases: ['keystone.auth.plugins.password.Password', 'keystone.auth.password.Password'],
      create: (ctx) => new PasswordAuthMethod(ctx.services),
    }),
    defineAuthMethod({
      method: 'token',
      name: 'default',
      aliases: ['keystone.auth.plugins.token.Token', 'keystone.auth.token.Token'],
      create: (ctx) => new TokenAuthMethod(ctx.services, ctx.config),
    }),
    ...(['DefaultDomain', 'Domain', 'KerberosDomain'] as const).map((mode) =>
      defineAuthMethod({
        method: 'external',
        name: mode,
        aliases: [`keystone.auth.plugins.external.${mode}`, ...(mode === 'DefaultDomain' ? ['default'] : [])],
        create: (ctx) => new ExternalAuthMethod(mode, ctx.services, ctx.config),
      }),
    ),
    defineAuthMethod({
      method: 'application_credential',
      name: 'default',
      aliases: ['keystone.auth.plugins.application_credential.ApplicationCredential'],
      create: (ctx) => new ApplicationCredentialAuthMethod(ctx.services),
    }),
    defineAuthMethod({
      method: 'oauth1',
      name: 'default',
      aliases: ['keystone.auth.plugins.oauth1.OAuth'],
      create: (ctx) => new OAuth1AuthMethod(ctx.services),
    }),
    // Keystone's entry point keystone.auth.kerberos: default = external.KerberosDomain
    // (REMOTE_USER from SPNEGO, natively with [kerberos] keytab or from a trusted proxy).
    defineAuthMethod({
      method: 'kerberos',
      name: 'default',
      aliases: ['KerberosDomain', 'keystone.auth.plugins.external.KerberosDomain'],
      create: (ctx) => new ExternalAuthMethod('KerberosDomain', ctx.services, ctx.config),
    }),
  ],
});
