import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseIni } from '@keystone-ts/core';
import { option, type Symptom } from './symptom';

const DOMAIN_CONFIG_FILE = /^keystone\..*?\.conf$/;

function fileBasedDomainConfigs(c: Parameters<Symptom['present']>[0]): string | null {
  if (option<boolean>(c, 'identity', 'domain_specific_drivers_enabled') !== true) return null;
  if (option<boolean>(c, 'identity', 'domain_configurations_from_database') === true) return null;
  return option<string>(c, 'identity', 'domain_config_dir') ?? null;
}

/** Deployment settings Keystone's doctor questions: database, debug, SAML paths, password rules, LDAP, domain configs. */
export const settingsSymptoms: Symptom[] = [
  {
    name: 'database_connection_is_not_SQLite',
    title: 'SQLite is not recommended for production deployments.',
    advice: 'keystone-ts serves SQLite well for one node, but many processes and nodes writing at once need a server: set `[database] connection` to a PostgreSQL URL.',
    present: (c) => {
      const url = option<string | null>(c, 'database', 'connection');
      return url !== null && url !== undefined && url.includes('sqlite');
    },
  },
  {
    name: 'debug_mode_is_enabled',
    title: 'Debug mode should be set to False.',
    advice: 'Debug mode logs more and can put internal detail in responses; do not run production with `[DEFAULT] debug = true`.',
    present: (c) => option<boolean>(c, 'DEFAULT', 'debug') === true,
  },
  {
    name: 'comma_in_SAML_public_certificate_path',
    title: '`[saml] certfile` should not contain a comma (`,`).',
    advice: 'The signing tool receives the path in a comma-separated argument; move the certificate to a path without commas.',
    present: (c) => (option<string>(c, 'saml', 'certfile') ?? '').includes(','),
  },
  {
    name: 'comma_in_SAML_private_key_file_path',
    title: '`[saml] keyfile` should not contain a comma (`,`).',
    advice: 'The signing tool receives the path in a comma-separated argument; move the key to a path without commas.',
    present: (c) => (option<string>(c, 'saml', 'keyfile') ?? '').includes(','),
  },
  {
    name: 'minimum_password_age_greater_than_expires_days',
    title: 'Minimum password age should be less than the password expires days.',
    advice: 'Users could not change their passwords before they expire: make `[security_compliance] minimum_password_age` less than `password_expires_days`.',
    present: (c) => {
      const min = option<number>(c, 'security_compliance', 'minimum_password_age') ?? 0;
      const expires = option<number | null>(c, 'security_compliance', 'password_expires_days') ?? 0;
      return min > 0 && expires > 0 && min >= expires;
    },
  },
  {
    name: 'invalid_password_regular_expression',
    title: 'Invalid password regular expression.',
    advice: 'Users cannot change passwords until `[security_compliance] password_regex` is a valid regular expression.',
    present: (c) => {
      const re = option<string | null>(c, 'security_compliance', 'password_regex');
      if (!re) return false;
      try {
        new RegExp(re);
        return false;
      } catch {
        return true;
      }
    },
  },
  {
    name: 'password_regular_expression_description_not_set',
    title: 'Password regular expression description is not set.',
    advice: 'Users whose password fails `[security_compliance] password_regex` are told nothing; set `password_regex_description` in words.',
    present: (c) => !!option<string | null>(c, 'security_compliance', 'password_regex') && !option<string | null>(c, 'security_compliance', 'password_regex_description'),
  },
  {
    name: 'LDAP_user_enabled_emulation_dn_ignored',
    title: '`[ldap] user_enabled_emulation_dn` is being ignored.',
    advice: 'It only matters with `[ldap] user_enabled_emulation = true`.',
    present: (c) => option<boolean>(c, 'ldap', 'user_enabled_emulation') === false && (option<string | null>(c, 'ldap', 'user_enabled_emulation_dn') ?? null) !== null,
  },
  {
    name: 'LDAP_user_enabled_emulation_use_group_config_ignored',
    title: '`[ldap] user_enabled_emulation_use_group_config` is being ignored.',
    advice: 'It only matters with `[ldap] user_enabled_emulation = true`.',
    present: (c) => option<boolean>(c, 'ldap', 'user_enabled_emulation') === false && option<boolean>(c, 'ldap', 'user_enabled_emulation_use_group_config') === true,
  },
  {
    name: 'LDAP_group_members_are_ids_disabled',
    title: '`[ldap] group_members_are_ids` is not enabled.',
    advice: 'With `[ldap] group_objectclass = posixGroup` members are usually user ids (Open Directory), not DNs: set `group_members_are_ids = true`.',
    present: (c) => option<string>(c, 'ldap', 'group_objectclass') === 'posixGroup' && option<boolean>(c, 'ldap', 'group_members_are_ids') === false,
  },
  {
    name: 'LDAP_file_based_domain_specific_configs',
    title: 'Domain specific driver directory is invalid or contains invalid files.',
    advice: '`[identity] domain_config_dir` must exist and hold only `keystone.<domain_name>.conf` files.',
    present: (c) => {
      const dir = fileBasedDomainConfigs(c);
      if (dir === null) return false;
      if (!existsSync(dir) || !statSync(dir).isDirectory()) return true;
      return readdirSync(dir).some((f) => !DOMAIN_CONFIG_FILE.test(f));
    },
  },
  {
    name: 'LDAP_file_based_domain_specific_configs_formatted_correctly',
    title: 'LDAP domain specific configuration files are not formatted correctly.',
    advice: 'Every `keystone.<domain_name>.conf` in `[identity] domain_config_dir` must parse as a keystone.conf (sections such as [ldap] and [identity]).',
    present: (c) => {
      const dir = fileBasedDomainConfigs(c);
      if (dir === null || !existsSync(dir) || !statSync(dir).isDirectory()) return false;
      return readdirSync(dir)
        .filter((f) => DOMAIN_CONFIG_FILE.test(f))
        .some((f) => {
          try {
            parseIni(readFileSync(join(dir, f), 'utf8'), join(dir, f));
            return false;
          } catch {
            return true;
          }
        });
    },
  },
];
