/** The `[jwt_tokens]` option group, as Keystone 22 declares it. */
import { defineOptionGroup, opt } from '@keystone-ts/plugin-sdk';
import type { OptionValues } from '@keystone-ts/plugin-sdk';

export const jwtTokensOptions = defineOptionGroup({
  name: 'jwt_tokens',
  help: 'Key repositories of the jws token provider.',
  options: {
    jws_public_key_repository: opt.str({
      default: '/etc/keystone/jws-keys/public',
      help:
        'Directory of public keys that validate JWS token signatures; every file in it is tried. It must ' +
        'exist, be readable by the server and hold at least one key matching a private key of ' +
        '`jws_private_key_repository` when `[token] provider = jws`.',
    }),
    jws_private_key_repository: opt.str({
      default: '/etc/keystone/jws-keys/private',
      help:
        'Directory holding `private.pem`, the ECDSA P-256 key that signs JWS tokens (other files are ' +
        'ignored). Create a key pair with `keystone-manage create_jws_keypair`.',
    }),
  },
});

export type JwtTokensOptions = OptionValues<typeof jwtTokensOptions>;
