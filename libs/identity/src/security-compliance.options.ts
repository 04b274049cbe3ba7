import { defineOptionGroup, opt } from '@keystone-ts/plugin-sdk';

/**
 * Keystone 22's `[security_compliance]` (keystone/conf/security_compliance.py):
 * same names, types, bounds and defaults. Identity core applies
 * `password_regex`; the SQL identity driver applies the rest (Keystone:
 * "This feature depends on the `sql` backend for the `[identity] driver`").
 */
export const securityComplianceOptions = defineOptionGroup({
  name: 'security_compliance',
  options: {
    disable_user_account_days_inactive: opt.int({
      default: null,
      min: 1,
      help: 'Days a user may go without authenticating before being considered inactive and shown (and treated) as disabled. Off when unset. SQL backend only.',
    }),
    lockout_failure_attempts: opt.int({
      default: null,
      min: 1,
      help: 'Failed authentications after which a user is locked for lockout_duration seconds. Off when unset. SQL backend only.',
    }),
    lockout_duration: opt.int({
      default: 1800,
      min: 1,
      help: 'Seconds a user stays locked after lockout_failure_attempts failures. SQL backend only.',
    }),
    password_expires_days: opt.int({
      default: null,
      min: 1,
      help: 'Days a new password stays valid before it must be changed. Off when unset; existing passwords are not affected. SQL backend only.',
    }),
    unique_last_password_count: opt.int({
      default: 0,
      min: 0,
      help: 'Previous passwords (the new one included) a self-service change must differ from. 0 disables the rule. SQL backend only.',
    }),
    minimum_password_age: opt.int({
      default: 0,
      min: 0,
      help: 'Days a password must be used before the user may change it again (administrators can always reset). SQL backend only.',
    }),
    password_regex: opt.str({
      default: null,
      help: 'Regular expression new passwords must match (from their start, as Python re.match), e.g. ^(?=.*\\d)(?=.*[a-zA-Z]).{7,}$',
    }),
    password_regex_description: opt.str({
      default: null,
      help: 'Human-readable description of password_regex, returned to users whose new password does not match it.',
    }),
    change_password_upon_first_use: opt.bool({
      default: false,
      help: 'Make users change their password after it is set at creation or by an administrative reset (exempt a user with the option ignore_change_password_upon_first_use). SQL backend only.',
    }),
  },
});

export const identityOptionGroups = [securityComplianceOptions];
