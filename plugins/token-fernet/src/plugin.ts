/** The token-fernet plugin: the `fernet` driver of `keystone.token.provider`. */
import { defineDriver, definePlugin } from '@keystone-ts/plugin-sdk';
import type { ConfigView, DriverContext } from '@keystone-ts/plugin-sdk';
import { FernetTokenProvider } from './fernet-token.provider';
import { fernetTokensOptions } from './fernet-tokens.options';
import type { FernetTokensOptions } from './fernet-tokens.options';
import { DEFAULT_AUTH_METHODS } from './payloads/auth-methods';
import { FernetCredentialProvider } from './credential-provider';

/** Another module owns the option; read it if registered, else use Keystone's default. */
function optional<T>(config: ConfigView, group: string, name: string, fallback: T): T {
  try {
    const value = config.get<T | null | undefined>(group, name);
    return value === null || value === undefined ? fallback : value;
  } catch {
    return fallback;
  }
}

export const tokenFernetPlugin = definePlugin({
  id: 'token-fernet',
  compatibility: '^1.0.0',
  optionGroups: [fernetTokensOptions],
  drivers: [
    defineDriver({
      namespace: 'keystone.token.provider',
      name: 'fernet',
      aliases: ['keystone.token.providers.fernet.Provider', 'keystone.token.providers.fernet.core.Provider'],
      optionGroup: 'fernet_tokens',
      create: (ctx: DriverContext) => {
        const options = ctx.options as FernetTokensOptions;
        return new FernetTokenProvider({
          keyRepository: options.key_repository ?? '/etc/keystone/fernet-keys/',
          maxActiveKeys: options.max_active_keys ?? 3,
          // The bitmask depends on this order: it must be the same list, in the same order, on every node.
          methods: optional<string[]>(ctx.config, 'auth', 'methods', [...DEFAULT_AUTH_METHODS]),
          defaultDomainId: optional(ctx.config, 'identity', 'default_domain_id', 'default'),
          maxTokenSize: optional(ctx.config, 'DEFAULT', 'max_token_size', 255),
          logger: ctx.logger,
        });
      },
    }),
    defineDriver({
      namespace: 'keystone.credential.provider',
      name: 'fernet',
      aliases: ['keystone.credential.providers.fernet.Provider', 'keystone.credential.providers.fernet.core.Provider'],
      create: (ctx: DriverContext) =>
        new FernetCredentialProvider(optional(ctx.config, 'credential', 'key_repository', '/etc/keystone/credential-keys/'), ctx.logger),
    }),
  ],
});
