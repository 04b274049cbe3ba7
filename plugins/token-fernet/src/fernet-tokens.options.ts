/** The `[fernet_tokens]` option group, as Keystone 22 declares it (names, types, defaults, bounds). */
import { defineOptionGroup, opt } from '@keystone-ts/plugin-sdk';
import type { OptionValues } from '@keystone-ts/plugin-sdk';

export const fernetTokensOptions = defineOptionGroup({
  name: 'fernet_tokens',
  help: 'Key repository of the fernet token provider.',
  options: {
    key_repository: opt.str({
      default: '/etc/keystone/fernet-keys/',
      help:
        'Directory holding the Fernet keys, one per file named by its index: 0 is the staged key ' +
        '(validation only, next to become primary), the highest index is the primary key (signs and ' +
        'encrypts new tokens), any other index is a secondary key (validation only). Create it with ' +
        '`keystone-manage fernet_setup` and rotate it with `keystone-manage fernet_rotate`; it must be ' +
        'readable by the server and should not be readable by anyone else. Every node must share the ' +
        'same keys, except that the staged key may differ until the next rotation is distributed.',
    }),
    max_active_keys: opt.int({
      default: 3,
      min: 1,
      help:
        'How many keys `keystone-manage fernet_rotate` keeps: the staged key, the primary key and ' +
        '(max_active_keys - 2) secondary keys. Rotating more often than the token lifetime divided by ' +
        '(max_active_keys - 2) invalidates tokens before they expire.',
    }),
  },
});

export type FernetTokensOptions = OptionValues<typeof fernetTokensOptions>;
