import { Forbidden, InternalError, NotFound, ValidationError, defineOptionGroup, opt } from '@keystone-ts/plugin-sdk';
import { domainConfigTestBed } from '../test/domain-config-test-bed';
import type { DomainConfigManager } from './domain-config.manager';

const CONFIG = { ldap: { url: 'ldap://a', user_tree_dn: 'ou=Users', password: 'pw' }, identity: { driver: 'ldap' } };
const SHOWN = { ldap: { url: 'ldap://a', user_tree_dn: 'ou=Users' }, identity: { driver: 'ldap' } };
const invalid = (reason: string) => new Forbidden(`Invalid domain specific configuration: ${reason}.`);

describe('DomainConfigManager (real SQLite, Keystone 22 tables)', () => {
  let m: DomainConfigManager;
  let changes: string[];
  let close: () => Promise<void>;

  beforeEach(async () => ({ manager: m, changes, close } = await domainConfigTestBed()));
  afterEach(() => close());

  it('creates a configuration, shows it without sensitive options, and announces the change', async () => {
    expect(await m.createConfig('d1', CONFIG)).toEqual(SHOWN);
    expect(await m.getConfig('d1')).toEqual(SHOWN);
    expect(await m.getConfigWithSensitiveInfo('d1')).toEqual(CONFIG);
    expect(changes).toEqual(['d1']);
  });

  it('shows a group or one option, and never a sensitive one', async () => {
    await m.createConfig('d1', CONFIG);
    expect(await m.getConfig('d1', 'ldap')).toEqual({ ldap: SHOWN.ldap });
    expect(await m.getConfig('d1', 'ldap', 'url')).toEqual({ url: 'ldap://a' });
    await expect(m.getConfig('d1', 'ldap', 'password')).rejects.toThrow(
      new NotFound('Could not find option password in group ldap in domain configuration for domain d1.'),
    );
  });

  it('answers Keystone\'s not-found wording for a domain, a group and an option', async () => {
    await expect(m.getConfig('d1')).rejects.toThrow(new NotFound('Could not find any options in domain configuration for domain d1.'));
    await m.createConfig('d1', { ldap: { url: 'x' } });
    await expect(m.getConfig('d1', 'identity')).rejects.toThrow(new NotFound('Could not find group identity in domain configuration for domain d1.'));
    await expect(m.getConfig('d1', 'ldap', 'suffix')).rejects.toThrow(NotFound);
  });

  it('refuses what Keystone refuses, with a 403 and its reason', async () => {
    await expect(m.createConfig('d1', {})).rejects.toThrow(invalid('No options specified'));
    await expect(m.createConfig('d1', { ldap: 'x' })).rejects.toThrow(
      invalid('The value of group ldap specified in the config should be a dictionary of options'),
    );
    await expect(m.createConfig('d1', { resource: { driver: 'x' } })).rejects.toThrow(
      invalid('Group resource is not supported for domain specific configurations'),
    );
    await expect(m.createConfig('d1', { ldap: { nope: 'x' } })).rejects.toThrow(
      invalid('Option nope in group ldap is not supported for domain specific configurations'),
    );
    // Keystone's own [identity] options outside the whitelist stay refused.
    for (const option of ['password_hash_algorithm', 'default_domain_id', 'user_tree_dn']) {
      await expect(m.createConfig('d1', { identity: { [option]: 'x' } })).rejects.toBeInstanceOf(Forbidden);
    }
    await expect(m.createConfig('d1', ['ldap'])).rejects.toBeInstanceOf(ValidationError);
    expect(changes).toEqual([]);
  });

  it('replaces the configuration on a second create', async () => {
    await m.createConfig('d1', CONFIG);
    expect(await m.createConfig('d1', { identity: { list_limit: 3 } })).toEqual({ identity: { list_limit: 3 } });
    expect(await m.getConfigWithSensitiveInfo('d1')).toEqual({ identity: { list_limit: 3 } });
  });

  it('merges a whole-config update, creating new options', async () => {
    await m.createConfig('d1', CONFIG);
    const out = await m.updateConfig('d1', { ldap: { url: 'ldap://b', suffix: 'dc=x' }, identity: { list_limit: 10 } });
    expect(out).toEqual({ ldap: { url: 'ldap://b', user_tree_dn: 'ou=Users', suffix: 'dc=x' }, identity: { driver: 'ldap', list_limit: 10 } });
  });

  it('updates a group or one option only when it exists, with only that in the body', async () => {
    await m.createConfig('d1', CONFIG);
    expect((await m.updateConfig('d1', { ldap: { user_filter: 'f' } }, 'ldap')).ldap).toMatchObject({ user_filter: 'f' });
    expect(await m.updateConfig('d1', { url: 'ldap://c' }, 'ldap', 'url')).toMatchObject({ ldap: { url: 'ldap://c' } });
    await expect(m.updateConfig('d1', { ldap: { url: 'x' }, identity: { driver: 'y' } }, 'ldap')).rejects.toThrow(
      invalid('Trying to update group ldap, so that, and only that, group must be specified in the config'),
    );
    await expect(m.updateConfig('d1', { ldap: { url: 'x' } }, 'identity')).rejects.toThrow(
      invalid('request to update group identity, but config provided contains group ldap instead'),
    );
    await expect(m.updateConfig('d1', { url: 'x', suffix: 'y' }, 'ldap', 'url')).rejects.toThrow(
      invalid('Trying to update option url in group ldap, so that, and only that, option must be specified  in the config'),
    );
    await expect(m.updateConfig('d1', { suffix: 'y' }, 'ldap', 'url')).rejects.toThrow(
      invalid('Trying to update option url in group ldap, but config provided contains option suffix instead'),
    );
    await m.createConfig('d1', { ldap: { suffix: 's' } });
    await expect(m.updateConfig('d1', { identity: { driver: 'x' } }, 'identity')).rejects.toThrow(NotFound);
    await expect(m.updateConfig('d1', { url: 'x' }, 'ldap', 'url')).rejects.toThrow(
      new NotFound('Could not find option url in group ldap in domain configuration for domain d1.'),
    );
  });

  it('answers 404 after updating a configuration of sensitive options only, as Keystone does', async () => {
    await m.createConfig('d1', { ldap: { password: 'a' } });
    await expect(m.updateConfig('d1', { ldap: { password: 'b' } })).rejects.toThrow(NotFound);
    expect(await m.getConfigWithSensitiveInfo('d1')).toEqual({ ldap: { password: 'b' } });
  });

  it('deletes a config, a group or an option that exists', async () => {
    await m.createConfig('d1', CONFIG);
    await m.deleteConfig('d1', 'ldap', 'password');
    expect((await m.getConfigWithSensitiveInfo('d1')).ldap).toEqual(SHOWN.ldap);
    await expect(m.deleteConfig('d1', 'ldap', 'password')).rejects.toThrow(NotFound);
    await m.deleteConfig('d1', 'ldap');
    await expect(m.deleteConfig('d1', 'ldap')).rejects.toThrow(new NotFound('Could not find group ldap in domain configuration for domain d1.'));
    await m.deleteConfig('d1');
    expect(await m.getConfigWithSensitiveInfo('d1')).toEqual({});
    await expect(m.deleteConfig('d1', 'nope')).rejects.toBeInstanceOf(Forbidden);
  });

  it('deletes an option whose value is falsy (Keystone tests truth there)', async () => {
    await m.createConfig('d1', { identity: { list_limit: 0, driver: 'ldap' } });
    await m.deleteConfig('d1', 'identity', 'list_limit');
    expect(await m.getConfig('d1')).toEqual({ identity: { driver: 'ldap' } });
  });

  it('gives the defaults keystone.conf sets, whitelisted options only', async () => {
    expect(m.getConfigDefault('identity')).toEqual({ identity: { driver: 'sql', list_limit: null } });
    expect(m.getConfigDefault('ldap', 'url')).toEqual({ url: 'ldap://localhost' });
    const all = m.getConfigDefault();
    expect(Object.keys(all)).toEqual(['identity', 'ldap']);
    expect(Object.keys(all.ldap as object)).toHaveLength(49);
    expect(all.ldap).not.toHaveProperty('password');
    expect(() => m.getConfigDefault('ldap', 'password')).toThrow(invalid('Reading the default for option password in group ldap is not supported'));
    expect(() => m.getConfigDefault('resource')).toThrow(invalid('Group resource is not supported for domain specific configurations'));
    expect(() => m.getConfigDefault('ldap', 'nope')).toThrow(Forbidden);
  });

  it('gives the password rules of the default domain only', async () => {
    expect(m.getSecurityComplianceConfig('default', 'security_compliance')).toEqual({
      security_compliance: { password_regex: null, password_regex_description: null },
    });
    expect(m.getSecurityComplianceConfig('default', 'security_compliance', 'password_regex')).toEqual({ password_regex: null });
    expect(() => m.getSecurityComplianceConfig('d1', 'security_compliance')).toThrow(Forbidden);
    expect(() => m.getSecurityComplianceConfig('default', 'security_compliance', 'lockout_failure_attempts')).toThrow(
      invalid('Reading security compliance values other than password_regex and password_regex_description is not allowed'),
    );
  });

  it('drops a deleted domain\'s configuration and registration', async () => {
    await m.createConfig('d1', CONFIG);
    await m.deleteDomainData('d1');
    expect(await m.getConfigWithSensitiveInfo('d1')).toEqual({});
    expect(changes).toEqual(['d1', 'd1']);
  });

  it('is an internal error when the store answers more than the one option asked for', async () => {
    const { listToConfig } = await import('./domain-config-rules');
    expect(() => listToConfig([{ group: 'ldap', option: 'url', value: 1 }, { group: 'ldap', option: 'url', value: 2 }], 'url')).toThrow(InternalError);
  });
});

describe('DomainConfigManager with keystone.conf values and a plugin\'s [identity] options', () => {
  const pluginOptions = defineOptionGroup({
    name: 'identity',
    options: {
      example_users_file: opt.str({ default: null, help: '' }),
      example_api_key: opt.str({ default: null, secret: true, help: '' }),
    },
  });

  it('accepts a plugin\'s options per domain: secret ones as sensitive', async () => {
    const bed = await domainConfigTestBed('', [pluginOptions]);
    try {
      const shown = await bed.manager.createConfig('d1', { identity: { driver: 'example-file', example_users_file: '/u.json', example_api_key: 'k' } });
      expect(shown).toEqual({ identity: { driver: 'example-file', example_users_file: '/u.json' } });
      expect(bed.manager.getConfigDefault('identity')).toEqual({ identity: { driver: 'sql', list_limit: null, example_users_file: null } });
    } finally {
      await bed.close();
    }
  });

  it('shows keystone.conf\'s values as the defaults, for options no module registered too', async () => {
    const bed = await domainConfigTestBed('[identity]\ndriver = sql\nlist_limit = 50\n[ldap]\nurl = ldap://conf\npage_size = 20\nuser_attribute_ignore = a,b\n');
    try {
      expect(bed.manager.getConfigDefault('identity')).toEqual({ identity: { driver: 'sql', list_limit: 50 } });
      expect(bed.manager.getConfigDefault('ldap', 'url')).toEqual({ url: 'ldap://conf' });
      expect(bed.manager.getConfigDefault('ldap', 'page_size')).toEqual({ page_size: 20 });
      expect(bed.manager.getConfigDefault('ldap', 'user_attribute_ignore')).toEqual({ user_attribute_ignore: ['a', 'b'] });
      expect(bed.manager.getConfigDefault('ldap', 'pool_retry_delay')).toEqual({ pool_retry_delay: 0.1 });
    } finally {
      await bed.close();
    }
  });
});
