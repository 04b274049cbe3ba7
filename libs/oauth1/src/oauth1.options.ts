import { defineOptionGroup, opt } from '@keystone-ts/plugin-sdk';

/** `[oauth1]`: the OS-OAUTH1 delegation extension. */
export const oauth1Options = defineOptionGroup({
  name: 'oauth1',
  options: {
    driver: opt.str({ default: 'sql', help: 'Storage of consumers and OAuth request/access tokens (keystone.oauth1).' }),
    request_token_duration: opt.int({ default: 28800, help: 'Seconds a request token stays valid; 0: forever.' }),
    access_token_duration: opt.int({ default: 86400, help: 'Seconds an access token stays valid; 0: forever.' }),
  },
});
