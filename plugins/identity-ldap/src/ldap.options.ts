import { defineOptionGroup, opt, type OptionValues } from '@keystone-ts/plugin-sdk';

const NOT_HONOURED = 'Not honoured by keystone-ts';

/**
 * Keystone 22's `[ldap]` group (keystone/conf/ldap.py): same names, types,
 * bounds and defaults. Options the driver ignores say so in their help.
 */
export const ldapOptions = defineOptionGroup({
  name: 'ldap',
  help: 'LDAP identity driver ([identity] driver = ldap). Read-only: users and groups are managed in the directory.',
  options: {
    url: opt.str({
      default: 'ldap://localhost',
      help: 'LDAP server URL(s), comma separated (ldap:// or ldaps://). They are tried in order; the first that answers serves the request, so later ones are fail-overs.',
    }),
    randomize_urls: opt.bool({
      default: false,
      help: 'Shuffle the URL list once per driver instance, spreading load and making a dead first server cost every process less.',
    }),
    user: opt.str({ default: null, help: 'Bind DN used to search the directory. Unset (with password unset): anonymous searches.' }),
    password: opt.str({ default: null, secret: true, help: 'Password of the bind DN in `user`.' }),
    suffix: opt.str({
      default: 'cn=example,cn=com',
      help: 'Directory suffix; user_tree_dn and group_tree_dn default to ou=Users,<suffix> and ou=UserGroups,<suffix>.',
    }),
    query_scope: opt.str({
      default: 'one',
      choices: ['one', 'sub'],
      help: 'Search depth below the tree DNs: `one` (direct children only) or `sub` (the whole subtree).',
    }),
    page_size: opt.int({
      default: 0,
      min: 0,
      help: 'Entries per page of a listing (RFC 2696 paged results). 0 disables paging; a server without paging support makes the driver stop asking.',
    }),
    alias_dereferencing: opt.str({
      default: 'default',
      choices: ['never', 'searching', 'always', 'finding', 'default'],
      help: 'Alias dereferencing of searches. `default` means `never` here (there is no ldap.conf to inherit from).',
    }),
    debug_level: opt.int({
      default: null,
      min: -1,
      help: `libldap debug bitmask. ${NOT_HONOURED} (no libldap); LDAP operations are logged by the keystone.identity.ldap logger at debug level.`,
    }),
    chase_referrals: opt.bool({
      default: null,
      help: `Whether referrals are followed. ${NOT_HONOURED}: referrals returned by the server are ignored.`,
    }),
    user_tree_dn: opt.str({ default: null, help: 'Search base for users. Default: ou=Users,<suffix>.' }),
    user_filter: opt.str({ default: null, help: 'Extra LDAP filter (RFC 4515, in parentheses) every user must match.' }),
    user_objectclass: opt.str({ default: 'inetOrgPerson', help: 'Object class of user entries.' }),
    user_id_attribute: opt.str({
      default: 'cn',
      help: 'Attribute holding the user ID: single-valued, unique across domains, URL-safe.',
    }),
    user_name_attribute: opt.str({ default: 'sn', help: 'Attribute holding the user name (unique within the domain). Entries without it are ignored.' }),
    user_description_attribute: opt.str({ default: 'description', help: 'Attribute holding the user description.' }),
    user_mail_attribute: opt.str({ default: 'mail', help: 'Attribute shown as the user email.' }),
    user_pass_attribute: opt.str({
      default: 'userPassword',
      help: `Attribute holding user passwords. ${NOT_HONOURED} beyond documentation: passwords are checked by binding as the user, never read, and the driver does not write.`,
    }),
    user_enabled_attribute: opt.str({
      default: 'enabled',
      help: 'Attribute holding the enabled flag (TRUE/FALSE, or an integer with user_enabled_mask, e.g. userAccountControl).',
    }),
    user_enabled_invert: opt.bool({
      default: false,
      help: 'Negate the enabled attribute (a "locked" flag). No effect with user_enabled_mask or user_enabled_emulation.',
    }),
    user_enabled_mask: opt.int({
      default: 0,
      min: 0,
      help: 'Bit(s) of an integer enabled attribute that mean "disabled" when all set (typically 2 for userAccountControl). 0: not a bitmask. Overrides user_enabled_invert.',
    }),
    user_enabled_default: opt.str({
      default: 'True',
      help: 'Enabled value assumed when the attribute is absent: a boolean, or an integer (typically 512) with user_enabled_mask.',
    }),
    user_attribute_ignore: opt.list({
      default: ['default_project_id'],
      help: 'User attributes never read from the directory (e.g. enabled, description, email, default_project_id).',
    }),
    user_default_project_id_attribute: opt.str({
      default: null,
      help: "Attribute holding the user's default_project_id (also remove default_project_id from user_attribute_ignore).",
    }),
    user_enabled_emulation: opt.bool({
      default: false,
      help: 'A user is enabled when it is a member of the group user_enabled_emulation_dn (user_enabled_invert is then ignored).',
    }),
    user_enabled_emulation_dn: opt.str({
      default: null,
      help: 'Group entry listing enabled users, with user_enabled_emulation. Default: cn=enabled_users,<user_tree_dn>.',
    }),
    user_enabled_emulation_use_group_config: opt.bool({
      default: false,
      help: 'Read the enabled-users group with group_member_attribute, group_objectclass and group_members_are_ids instead of member/groupOfNames/DNs.',
    }),
    user_additional_attribute_mapping: opt.list({
      default: [],
      help: 'Extra attributes shown on users, as <ldap_attr>:<user_attr> pairs (never id, domain_id, password, name or enabled).',
    }),
    group_tree_dn: opt.str({ default: null, help: 'Search base for groups. Default: ou=UserGroups,<suffix>.' }),
    group_filter: opt.str({ default: null, help: 'Extra LDAP filter (RFC 4515, in parentheses) every group must match.' }),
    group_objectclass: opt.str({
      default: 'groupOfNames',
      help: 'Object class of group entries (with posixGroup, consider group_members_are_ids).',
    }),
    group_id_attribute: opt.str({ default: 'cn', help: 'Attribute holding the group ID: single-valued, unique across domains, URL-safe.' }),
    group_name_attribute: opt.str({ default: 'ou', help: 'Attribute holding the group name (unique within the domain). Entries without it are ignored.' }),
    group_member_attribute: opt.str({ default: 'member', help: 'Group attribute listing its members.' }),
    group_members_are_ids: opt.bool({
      default: false,
      help: 'Members are user IDs (e.g. posixGroup memberUid) rather than user DNs.',
    }),
    group_desc_attribute: opt.str({ default: 'description', help: 'Attribute holding the group description.' }),
    group_attribute_ignore: opt.list({ default: [], help: 'Group attributes never read from the directory (e.g. description).' }),
    group_additional_attribute_mapping: opt.list({
      default: [],
      help: 'Extra attributes shown on groups, as <ldap_attr>:<group_attr> pairs (never id, domain_id or name).',
    }),
    group_ad_nesting: opt.bool({
      default: false,
      help: "Resolve nested groups with Active Directory's LDAP_MATCHING_RULE_IN_CHAIN (1.2.840.113556.1.4.1941).",
    }),
    tls_cacertfile: opt.str({ default: null, help: 'CA certificate file (PEM) trusted for ldaps:// and use_tls. Takes precedence over tls_cacertdir.' }),
    tls_cacertdir: opt.str({ default: null, help: 'Directory of CA certificates (PEM files) trusted for ldaps:// and use_tls.' }),
    use_tls: opt.bool({ default: false, help: 'Upgrade ldap:// connections with StartTLS. Not with ldaps:// URLs.' }),
    tls_req_cert: opt.str({
      default: 'demand',
      choices: ['demand', 'never', 'allow'],
      help: "Server certificate check: `demand` refuses an untrusted certificate; `allow` and `never` accept it (Node's TLS always receives one).",
    }),
    connection_timeout: opt.int({
      default: -1,
      min: -1,
      help: 'Seconds to wait for a TCP connection to a server before trying the next URL. -1: the operating system decides.',
    }),
    use_pool: opt.bool({ default: true, help: 'Keep and reuse connections for directory searches.' }),
    pool_size: opt.int({ default: 10, min: 1, help: 'Most simultaneous search connections per driver, with use_pool.' }),
    pool_retry_max: opt.int({
      default: 3,
      min: 1,
      help: 'Rounds over all URLs before a request fails with a server error (1: one round), with use_pool.',
    }),
    pool_retry_delay: opt.float({ default: 0.1, help: 'Seconds between two rounds over the URLs, with use_pool.' }),
    pool_connection_timeout: opt.int({
      default: -1,
      min: -1,
      help: 'connection_timeout for pooled connections, with use_pool. -1: connection_timeout applies.',
    }),
    pool_connection_lifetime: opt.int({
      default: 600,
      min: 1,
      help: 'Seconds a pooled search connection is reused before it is closed, with use_pool.',
    }),
    use_auth_pool: opt.bool({
      default: true,
      help: 'Keep and reuse connections for end-user authentication (binds), with use_pool.',
    }),
    auth_pool_size: opt.int({ default: 100, min: 1, help: 'Most simultaneous authentication connections, with use_auth_pool.' }),
    auth_pool_connection_lifetime: opt.int({
      default: 60,
      min: 1,
      help: 'Seconds an authentication connection is reused before it is closed, with use_auth_pool.',
    }),
  },
});

export type LdapOptionValues = OptionValues<typeof ldapOptions>;
