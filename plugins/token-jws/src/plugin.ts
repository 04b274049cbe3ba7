/** The token-jws plugin: the `jws` driver of `keystone.token.provider`. */
import { defineDriver, definePlugin, Namespaces } from '@keystone-ts/plugin-sdk';
import type { DriverContext } from '@keystone-ts/plugin-sdk';
import { JwsTokenProvider } from './jws-token.provider';
import { jwtTokensOptions } from './jwt-tokens.options';
import type { JwtTokensOptions } from './jwt-tokens.options';

export const tokenJwsPlugin = definePlugin({
  id: 'token-jws',
  compatibility: '^1.0.0',
  optionGroups: [jwtTokensOptions],
  drivers: [
    defineDriver({
      namespace: Namespaces.tokenProvider,
      name: 'jws',
      aliases: ['keystone.token.providers.jws.Provider', 'keystone.token.providers.jws.core.Provider'],
      optionGroup: 'jwt_tokens',
      create: (ctx: DriverContext) => {
        const options = ctx.options as JwtTokensOptions;
        return new JwsTokenProvider({
          privateKeyRepository: options.jws_private_key_repository ?? '/etc/keystone/jws-keys/private',
          publicKeyRepository: options.jws_public_key_repository ?? '/etc/keystone/jws-keys/public',
          logger: ctx.logger,
        });
      },
    }),
  ],
});
