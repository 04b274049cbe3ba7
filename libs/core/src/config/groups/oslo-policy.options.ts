import { defineOptionGroup, opt } from '@keystone-ts/plugin-sdk';

export const osloPolicyOptions = defineOptionGroup({
  name: 'oslo_policy',
  options: {
    enforce_scope: opt.bool({ default: false, help: 'Refuse a token whose scope does not match the rule\'s scope types (otherwise only logged).' }),
    enforce_new_defaults: opt.bool({ default: false, help: 'Use only the new default rules, not "new OR deprecated".' }),
    policy_file: opt.str({ default: 'policy.yaml', deprecatedNames: ['DEFAULT.policy_file'], help: 'Policy file (YAML or JSON); relative paths are looked up beside the config files.' }),
    policy_default_rule: opt.str({ default: 'default', deprecatedNames: ['DEFAULT.policy_default_rule'], help: 'Rule used when a requested rule is not found.' }),
    policy_dirs: opt.multi({ default: ['policy.d'], deprecatedNames: ['DEFAULT.policy_dirs'], help: 'Directories of further policy files, read in sorted order.' }),
  },
});
