import { defineOptionGroup, opt } from '@keystone-ts/plugin-sdk';

/** `[trust]`, as Keystone 22 declares it. */
export const trustOptions = defineOptionGroup({
  name: 'trust',
  options: {
    allow_redelegation: opt.bool({
      default: false,
      help: 'Allows authorization to be redelegated from one user to another, chaining trusts together. (Keystone 22 declares it but decides redelegation by the trust\'s own allow_redelegation attribute; so does this server.)',
    }),
    max_redelegation_count: opt.int({ default: 3, help: 'Maximum number of times authorization can be redelegated in a chain of trusts.' }),
    driver: opt.str({ default: 'sql', help: 'Trust backend (keystone.trust).' }),
  },
});
