/** The token-uuid plugin: the `uuid` driver of `keystone.token.provider` (Keystone ≤ Pike's format). */
import { defineDriver, definePlugin, Namespaces } from '@keystone-ts/plugin-sdk';
import { UuidTokenProvider } from './uuid-token.provider';

export const tokenUuidPlugin = definePlugin({
  id: 'token-uuid',
  compatibility: '^1.0.0',
  drivers: [
    defineDriver({
      namespace: Namespaces.tokenProvider,
      name: 'uuid',
      aliases: ['keystone.token.providers.uuid.Provider'],
      create: () => new UuidTokenProvider(),
    }),
  ],
});
