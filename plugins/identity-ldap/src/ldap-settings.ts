import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { FilterParser } from 'ldapts';
import { ConfigurationError } from '@keystone-ts/plugin-sdk';
import type { AttributeMap } from './ldap-filter';
import type { LdapOptionValues } from './ldap.options';

/** Where and how one kind of entity (users, groups) lives in the directory. */
export interface EntitySchema {
  kind: 'user' | 'group';
  treeDn: string;
  objectClass: string;
  idAttribute: string;
  /** The operator's extra filter (already checked to parse), or ''. */
  filter: string;
  /** Keystone attribute → LDAP attribute. */
  mapping: AttributeMap;
  /** LDAP attribute → Keystone attribute, from *_additional_attribute_mapping. */
  extra: Readonly<Record<string, string>>;
  ignored: readonly string[];
}

export interface EnabledSettings {
  mask: number;
  default: string;
  invert: boolean;
  emulation: null | {
    dn: string;
    memberAttribute: string;
    objectClass: string;
    membersAreIds: boolean;
  };
}

export interface ConnectionSettings {
  urls: string[];
  bindDn: string | null;
  bindPassword: string | null;
  useTls: boolean;
  /** CA certificates (PEM) to trust; null: Node's defaults. */
  ca: string[] | null;
  rejectUnauthorized: boolean;
  connectTimeoutMs: number | undefined;
  usePool: boolean;
  poolSize: number;
  retryMax: number;
  retryDelayMs: number;
  poolConnectTimeoutMs: number | undefined;
  poolLifetimeMs: number;
  useAuthPool: boolean;
  authPoolSize: number;
  authPoolLifetimeMs: number;
}

export interface LdapSettings {
  connection: ConnectionSettings;
  scope: 'one' | 'sub';
  derefAliases: 'never' | 'search' | 'find' | 'always';
  pageSize: number;
  users: EntitySchema;
  groups: EntitySchema;
  enabled: EnabledSettings;
  groupMemberAttribute: string;
  groupMembersAreIds: boolean;
  groupAdNesting: boolean;
}

const DEREF = { never: 'never', searching: 'search', finding: 'find', always: 'always', default: 'never' } as const;
const ATTRIBUTE = /^([A-Za-z][A-Za-z0-9-]*|[0-9]+(\.[0-9]+)+)(;[A-Za-z0-9-]+)*$/;
/** Keystone attributes that an additional mapping must not replace. */
const RESERVED = { user: ['id', 'domain_id', 'password', 'name', 'enabled'], group: ['id', 'domain_id', 'name'] };

/** Reads and checks `[ldap]`: a bad value fails when the driver is built, naming the option. */
export function readLdapSettings(o: LdapOptionValues, randomize: <T>(items: T[]) => T[] = shuffle): LdapSettings {
  let urls = (o.url ?? '').split(/[\s,]+/).filter(Boolean);
  if (urls.length === 0) throw new ConfigurationError('[ldap] url: no LDAP URL given');
  for (const u of urls) {
    if (!/^ldaps?:\/\/[^/]*/i.test(u)) throw new ConfigurationError(`[ldap] url: unsupported LDAP URL '${u}' (ldap:// or ldaps:// expected)`);
  }
  if (o.randomize_urls) urls = randomize(urls);
  const secure = urls.some((u) => /^ldaps:/i.test(u));
  if (o.use_tls && secure) throw new ConfigurationError('[ldap] use_tls: Invalid TLS / LDAPS combination (use_tls with an ldaps:// URL)');
  const suffix = o.suffix ?? '';
  const users: EntitySchema = {
    kind: 'user',
    treeDn: o.user_tree_dn || `ou=Users,${suffix}`,
    objectClass: attr('user_objectclass', o.user_objectclass || 'inetOrgPerson'),
    idAttribute: attr('user_id_attribute', o.user_id_attribute || 'cn'),
    filter: filter('user_filter', o.user_filter),
    mapping: {
      name: attr('user_name_attribute', o.user_name_attribute),
      description: optionalAttr('user_description_attribute', o.user_description_attribute),
      email: optionalAttr('user_mail_attribute', o.user_mail_attribute),
      password: optionalAttr('user_pass_attribute', o.user_pass_attribute),
      enabled: optionalAttr('user_enabled_attribute', o.user_enabled_attribute),
      default_project_id: optionalAttr('user_default_project_id_attribute', o.user_default_project_id_attribute),
    },
    extra: extraMapping('user_additional_attribute_mapping', o.user_additional_attribute_mapping, RESERVED.user),
    ignored: o.user_attribute_ignore ?? [],
  };
  const groups: EntitySchema = {
    kind: 'group',
    treeDn: o.group_tree_dn || `ou=UserGroups,${suffix}`,
    objectClass: attr('group_objectclass', o.group_objectclass || 'groupOfNames'),
    idAttribute: attr('group_id_attribute', o.group_id_attribute || 'cn'),
    filter: filter('group_filter', o.group_filter),
    mapping: {
      name: attr('group_name_attribute', o.group_name_attribute),
      description: optionalAttr('group_desc_attribute', o.group_desc_attribute),
    },
    extra: extraMapping('group_additional_attribute_mapping', o.group_additional_attribute_mapping, RESERVED.group),
    ignored: o.group_attribute_ignore ?? [],
  };
  const groupMemberAttribute = attr('group_member_attribute', o.group_member_attribute || 'member');
  const useGroupConfig = o.user_enabled_emulation_use_group_config === true;
  const tlsUsed = o.use_tls === true || secure;
  const seconds = (n: number | null | undefined) => (n !== null && n !== undefined && n > 0 ? n * 1000 : undefined);
  return {
    connection: {
      urls,
      bindDn: o.user || null,
      bindPassword: o.password || null,
      useTls: o.use_tls === true,
      ca: tlsUsed ? readCa(o.tls_cacertfile, o.tls_cacertdir) : null,
      rejectUnauthorized: (o.tls_req_cert ?? 'demand') === 'demand',
      connectTimeoutMs: seconds(o.connection_timeout),
      usePool: o.use_pool !== false,
      poolSize: o.pool_size ?? 10,
      retryMax: o.pool_retry_max ?? 3,
      retryDelayMs: Math.max(0, (o.pool_retry_delay ?? 0.1) * 1000),
      poolConnectTimeoutMs: seconds(o.pool_connection_timeout) ?? seconds(o.connection_timeout),
      poolLifetimeMs: (o.pool_connection_lifetime ?? 600) * 1000,
      useAuthPool: o.use_pool !== false && o.use_auth_pool !== false,
      authPoolSize: o.auth_pool_size ?? 100,
      authPoolLifetimeMs: (o.auth_pool_connection_lifetime ?? 60) * 1000,
    },
    scope: o.query_scope === 'sub' ? 'sub' : 'one',
    derefAliases: DEREF[(o.alias_dereferencing ?? 'default') as keyof typeof DEREF] ?? 'never',
    pageSize: o.page_size ?? 0,
    users,
    groups,
    enabled: {
      mask: o.user_enabled_mask ?? 0,
      default: o.user_enabled_default ?? 'True',
      invert: o.user_enabled_invert === true,
      emulation: o.user_enabled_emulation
        ? {
            dn: o.user_enabled_emulation_dn || `cn=enabled_users,${users.treeDn}`,
            memberAttribute: useGroupConfig ? groupMemberAttribute : 'member',
            objectClass: useGroupConfig ? groups.objectClass : 'groupOfNames',
            membersAreIds: useGroupConfig && o.group_members_are_ids === true,
          }
        : null,
    },
    groupMemberAttribute,
    groupMembersAreIds: o.group_members_are_ids === true,
    groupAdNesting: o.group_ad_nesting === true,
  };
}

/** Attribute names go into filters unescaped, so they must be attribute descriptions. */
function attr(option: string, value: string | null | undefined): string {
  if (!value || !ATTRIBUTE.test(value)) throw new ConfigurationError(`[ldap] ${option}: '${value ?? ''}' is not an LDAP attribute name`);
  return value;
}

function optionalAttr(option: string, value: string | null | undefined): string | null {
  return value ? attr(option, value) : null;
}

function filter(option: string, value: string | null | undefined): string {
  if (!value) return '';
  try {
    FilterParser.parseString(value);
  } catch (e) {
    throw new ConfigurationError(`[ldap] ${option}: '${value}' is not an LDAP filter (RFC 4515, in parentheses): ${(e as Error).message}`);
  }
  return value;
}

/** `<ldap_attr>:<keystone_attr>` pairs; malformed ones are refused rather than skipped. */
function extraMapping(option: string, items: readonly string[] | null | undefined, reserved: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items ?? []) {
    const parts = item.split(':');
    if (parts.length !== 2 || !parts[1]) throw new ConfigurationError(`[ldap] ${option}: '${item}' is not <ldap_attribute>:<keystone_attribute>`);
    const [ldapAttr, keystoneAttr] = parts.map((p) => p.trim());
    attr(option, ldapAttr);
    if (reserved.includes(keystoneAttr)) throw new ConfigurationError(`[ldap] ${option}: '${keystoneAttr}' cannot be mapped (it has its own option)`);
    out[ldapAttr] = keystoneAttr;
  }
  return out;
}

function readCa(file: string | null | undefined, dir: string | null | undefined): string[] | null {
  if (file) {
    if (!existsSync(file) || !statSync(file).isFile()) throw new ConfigurationError(`[ldap] tls_cacertfile: ${file} not found or is not a file`);
    return [readFileSync(file, 'utf8')];
  }
  if (dir) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new ConfigurationError(`[ldap] tls_cacertdir: ${dir} not found or is not a directory`);
    const pems = readdirSync(dir)
      .map((name) => join(dir, name))
      .filter((p) => statSync(p).isFile())
      .map((p) => readFileSync(p, 'utf8'))
      .filter((text) => text.includes('-----BEGIN CERTIFICATE-----'));
    return pems;
  }
  return null;
}

function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
