import { defineOptionGroup, opt, type OptionGroup } from '@keystone-ts/plugin-sdk';

/**
 * Keystone 22's DomainConfigManager lists (resource/core.py), verbatim and
 * in its order. Each option is named on purpose: a new `[ldap]` option is
 * not configurable per domain until someone adds it here, as in Keystone.
 */
export const KEYSTONE_WHITELISTED: Readonly<Record<string, readonly string[]>> = {
  identity: ['driver', 'list_limit'],
  ldap: [
    'url', 'user', 'suffix', 'query_scope', 'page_size', 'alias_dereferencing', 'debug_level',
    'chase_referrals', 'user_tree_dn', 'user_filter', 'user_objectclass', 'user_id_attribute',
    'user_name_attribute', 'user_mail_attribute', 'user_description_attribute', 'user_pass_attribute',
    'user_enabled_attribute', 'user_enabled_invert', 'user_enabled_mask', 'user_enabled_default',
    'user_attribute_ignore', 'user_default_project_id_attribute', 'user_enabled_emulation',
    'user_enabled_emulation_dn', 'user_enabled_emulation_use_group_config',
    'user_additional_attribute_mapping', 'group_tree_dn', 'group_filter', 'group_objectclass',
    'group_id_attribute', 'group_name_attribute', 'group_members_are_ids', 'group_member_attribute',
    'group_desc_attribute', 'group_attribute_ignore', 'group_additional_attribute_mapping', 'tls_cacertfile',
    'tls_cacertdir', 'use_tls', 'tls_req_cert', 'use_pool', 'pool_size', 'pool_retry_max', 'pool_retry_delay',
    'pool_connection_timeout', 'pool_connection_lifetime', 'use_auth_pool', 'auth_pool_size',
    'auth_pool_connection_lifetime',
  ],
};

export const KEYSTONE_SENSITIVE: Readonly<Record<string, readonly string[]>> = {
  identity: [],
  ldap: ['password'],
};

/**
 * Every option Keystone 22 itself has in the overlay groups
 * (keystone/conf/identity.py, ldap.py). An option registered in these
 * groups that is NOT one of Keystone's was added by a plugin for its own
 * driver (e.g. the example plugin's `example_users_file`); those are
 * accepted per domain (see DomainOptionCatalog). Keystone's own options
 * outside the lists above stay refused, exactly as Keystone refuses them.
 */
export const KEYSTONE_GROUP_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  identity: [
    'default_domain_id', 'domain_specific_drivers_enabled', 'domain_configurations_from_database',
    'domain_config_dir', 'driver', 'caching', 'cache_time', 'max_password_length', 'list_limit',
    'password_hash_algorithm', 'password_hash_rounds', 'scrypt_block_size', 'scrypt_parallelism',
    'salt_bytesize',
  ],
  ldap: [
    'url', 'randomize_urls', 'user', 'password', 'suffix', 'query_scope', 'page_size', 'alias_dereferencing',
    'debug_level', 'chase_referrals', 'user_tree_dn', 'user_filter', 'user_objectclass', 'user_id_attribute',
    'user_name_attribute', 'user_description_attribute', 'user_mail_attribute', 'user_pass_attribute',
    'user_enabled_attribute', 'user_enabled_invert', 'user_enabled_mask', 'user_enabled_default',
    'user_attribute_ignore', 'user_default_project_id_attribute', 'user_enabled_emulation',
    'user_enabled_emulation_dn', 'user_enabled_emulation_use_group_config',
    'user_additional_attribute_mapping', 'group_tree_dn', 'group_filter', 'group_objectclass',
    'group_id_attribute', 'group_name_attribute', 'group_member_attribute', 'group_members_are_ids',
    'group_desc_attribute', 'group_attribute_ignore', 'group_additional_attribute_mapping',
    'group_ad_nesting', 'tls_cacertfile', 'tls_cacertdir', 'use_tls', 'tls_req_cert', 'connection_timeout',
    'use_pool', 'pool_size', 'pool_retry_max', 'pool_retry_delay', 'pool_connection_timeout',
    'pool_connection_lifetime', 'use_auth_pool', 'auth_pool_size', 'auth_pool_connection_lifetime',
  ],
};

/**
 * Types and defaults of the whitelisted options as Keystone declares them,
 * used only to answer /v3/domains/config/default for an option no loaded
 * module registered (no LDAP plugin loaded: `[ldap] url` still has a
 * default to show). Never registered in the server's option registry, so
 * the plugin that owns `[ldap]` keeps owning it.
 */
export const KEYSTONE_DEFAULT_DEFINITIONS: readonly OptionGroup[] = [
  defineOptionGroup({
    name: 'identity',
    options: {
      driver: opt.str({ default: 'sql', help: '' }),
      list_limit: opt.int({ default: null, help: '' }),
    },
  }),
  defineOptionGroup({
    name: 'ldap',
    options: {
      url: opt.str({ default: 'ldap://localhost', help: '' }),
      user: opt.str({ default: null, help: '' }),
      suffix: opt.str({ default: 'cn=example,cn=com', help: '' }),
      query_scope: opt.str({ default: 'one', choices: ['one', 'sub'], help: '' }),
      page_size: opt.int({ default: 0, min: 0, help: '' }),
      alias_dereferencing: opt.str({ default: 'default', choices: ['never', 'searching', 'always', 'finding', 'default'], help: '' }),
      debug_level: opt.int({ default: null, min: -1, help: '' }),
      chase_referrals: opt.bool({ default: null, help: '' }),
      user_tree_dn: opt.str({ default: null, help: '' }),
      user_filter: opt.str({ default: null, help: '' }),
      user_objectclass: opt.str({ default: 'inetOrgPerson', help: '' }),
      user_id_attribute: opt.str({ default: 'cn', help: '' }),
      user_name_attribute: opt.str({ default: 'sn', help: '' }),
      user_description_attribute: opt.str({ default: 'description', help: '' }),
      user_mail_attribute: opt.str({ default: 'mail', help: '' }),
      user_pass_attribute: opt.str({ default: 'userPassword', help: '' }),
      user_enabled_attribute: opt.str({ default: 'enabled', help: '' }),
      user_enabled_invert: opt.bool({ default: false, help: '' }),
      user_enabled_mask: opt.int({ default: 0, min: 0, help: '' }),
      user_enabled_default: opt.str({ default: 'True', help: '' }),
      user_attribute_ignore: opt.list({ default: ['default_project_id'], help: '' }),
      user_default_project_id_attribute: opt.str({ default: null, help: '' }),
      user_enabled_emulation: opt.bool({ default: false, help: '' }),
      user_enabled_emulation_dn: opt.str({ default: null, help: '' }),
      user_enabled_emulation_use_group_config: opt.bool({ default: false, help: '' }),
      user_additional_attribute_mapping: opt.list({ default: [], help: '' }),
      group_tree_dn: opt.str({ default: null, help: '' }),
      group_filter: opt.str({ default: null, help: '' }),
      group_objectclass: opt.str({ default: 'groupOfNames', help: '' }),
      group_id_attribute: opt.str({ default: 'cn', help: '' }),
      group_name_attribute: opt.str({ default: 'ou', help: '' }),
      group_member_attribute: opt.str({ default: 'member', help: '' }),
      group_members_are_ids: opt.bool({ default: false, help: '' }),
      group_desc_attribute: opt.str({ default: 'description', help: '' }),
      group_attribute_ignore: opt.list({ default: [], help: '' }),
      group_additional_attribute_mapping: opt.list({ default: [], help: '' }),
      tls_cacertfile: opt.str({ default: null, help: '' }),
      tls_cacertdir: opt.str({ default: null, help: '' }),
      use_tls: opt.bool({ default: false, help: '' }),
      tls_req_cert: opt.str({ default: 'demand', choices: ['demand', 'never', 'allow'], help: '' }),
      use_pool: opt.bool({ default: true, help: '' }),
      pool_size: opt.int({ default: 10, min: 1, help: '' }),
      pool_retry_max: opt.int({ default: 3, min: 1, help: '' }),
      pool_retry_delay: opt.float({ default: 0.1, help: '' }),
      pool_connection_timeout: opt.int({ default: -1, min: -1, help: '' }),
      pool_connection_lifetime: opt.int({ default: 600, min: 1, help: '' }),
      use_auth_pool: opt.bool({ default: true, help: '' }),
      auth_pool_size: opt.int({ default: 100, min: 1, help: '' }),
      auth_pool_connection_lifetime: opt.int({ default: 60, min: 1, help: '' }),
    },
  }),
];
