import { CORE_OPTION_GROUPS, DatabaseDomainConfigSource, KeystoneConfig, MultipleSqlDriversError, OptionRegistry, claimSqlDriver } from '@keystone-ts/core';
import { SQL_DRIVER_REGISTRATION, defineOptionGroup, opt, type Logger } from '@keystone-ts/plugin-sdk';
import type { Knex } from 'knex';
import { keystoneTestDb } from '../resource/testing/keystone-test-db';
import { SqlDomainConfigDriver } from './sql-domain-config.driver';

const ldap = defineOptionGroup({
  name: 'ldap',
  options: {
    url: opt.str({ default: 'ldap://localhost', help: '' }),
    user: opt.str({ default: null, help: '' }),
    password: opt.str({ default: null, secret: true, help: '' }),
    page_size: opt.int({ default: 0, min: 0, help: '' }),
    use_tls: opt.bool({ default: false, help: '' }),
    user_attribute_ignore: opt.list({ default: ['default_project_id'], help: '' }),
  },
});

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, debug() {}, info() {}, warn: (m: string) => void warnings.push(m), error() {} };
}

describe('DatabaseDomainConfigSource over the SQL domain-config driver', () => {
  let knex: Knex;
  let close: () => Promise<void>;
  let driver: SqlDomainConfigDriver;
  let logger: ReturnType<typeof recordingLogger>;
  let source: DatabaseDomainConfigSource;
  const live = new Set(['d1', 'd2']);

  beforeEach(async () => {
    ({ knex, close } = await keystoneTestDb());
    driver = new SqlDomainConfigDriver(() => knex);
    logger = recordingLogger();
    source = new DatabaseDomainConfigSource({ driver: async () => driver, domainExists: async (id) => live.has(id), logger });
  });
  afterEach(() => close());

  function overlay(sections: Parameters<KeystoneConfig['withOverlay']>[0]): KeystoneConfig {
    const registry = new OptionRegistry();
    for (const g of CORE_OPTION_GROUPS) registry.register(g, 'core');
    registry.register(ldap, 'ldap-plugin');
    return KeystoneConfig.fromText('[identity]\nlist_limit = 7\n', registry).withOverlay(sections, ['identity', 'ldap']);
  }

  it('has nothing for a domain without rows', async () => {
    expect(await source.load('d1')).toBeNull();
  });

  it('turns stored JSON values into the typed options the domain driver reads', async () => {
    await driver.createConfigOptions('d1', [
      { group: 'identity', option: 'driver', value: 'ldap', sensitive: false },
      { group: 'identity', option: 'list_limit', value: 5, sensitive: false },
      { group: 'ldap', option: 'use_tls', value: true, sensitive: false },
      { group: 'ldap', option: 'user_attribute_ignore', value: ['a', 'b'], sensitive: false },
      { group: 'ldap', option: 'page_size', value: '10', sensitive: false },
      { group: 'ldap', option: 'user', value: null, sensitive: false },
    ]);
    const loaded = (await source.load('d1'))!;
    expect(loaded.origin).toBe('Config API entity at /domains/d1/config');
    const cfg = overlay(loaded.sections);
    cfg.validateAll();
    expect(cfg.get('identity', 'driver')).toBe('ldap');
    expect(cfg.get('identity', 'list_limit')).toBe(5);
    expect(cfg.get('ldap', 'use_tls')).toBe(true);
    expect(cfg.get('ldap', 'user_attribute_ignore')).toEqual(['a', 'b']);
    expect(cfg.get('ldap', 'page_size')).toBe(10);
    // null means "not set": the default, not keystone.conf's value.
    expect(cfg.get('ldap', 'user')).toBeNull();
  });

  it('substitutes sensitive values into whitelisted ones as Keystone does, warning on a bad reference', async () => {
    await driver.createConfigOptions('d1', [
      { group: 'ldap', option: 'password', value: 'pw', sensitive: true },
      { group: 'ldap', option: 'url', value: 'ldap://u:%(password)s@host', sensitive: false },
      { group: 'ldap', option: 'user', value: 'cn=%(nope)s', sensitive: false },
      { group: 'identity', option: 'driver', value: 'my_%%(password)s', sensitive: false },
    ]);
    const cfg = overlay((await source.load('d1'))!.sections);
    expect(cfg.get('ldap', 'url')).toBe('ldap://u:pw@host');
    expect(cfg.get('ldap', 'password')).toBe('pw');
    expect(cfg.get('ldap', 'user')).toBe('cn=%(nope)s');
    // An escaped reference is not one: the escape is removed, nothing substituted.
    expect(cfg.get('identity', 'driver')).toBe('my_%(password)s');
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).not.toContain('pw');
  });

  it('changes its fingerprint on any change, sensitive values included, and only then', async () => {
    await driver.createConfigOptions('d1', [
      { group: 'identity', option: 'driver', value: 'ldap', sensitive: false },
      { group: 'ldap', option: 'password', value: 'a', sensitive: true },
    ]);
    const first = (await source.load('d1'))!.fingerprint;
    expect((await source.load('d1'))!.fingerprint).toBe(first);
    await driver.updateConfigOptions('d1', [{ group: 'ldap', option: 'password', value: 'b', sensitive: true }]);
    const second = (await source.load('d1'))!.fingerprint;
    expect(second).not.toBe(first);
    await driver.updateConfigOptions('d1', [{ group: 'identity', option: 'driver', value: 'ldap', sensitive: false }]);
    expect((await source.load('d1'))!.fingerprint).toBe(second);
  });

  it('lists configured domains that still exist', async () => {
    await driver.createConfigOptions('d1', [{ group: 'identity', option: 'driver', value: 'ldap', sensitive: false }]);
    await driver.createConfigOptions('gone', [{ group: 'identity', option: 'driver', value: 'ldap', sensitive: false }]);
    expect((await source.listConfigured()).map((c) => c.domainId)).toEqual(['d1']);
  });

  describe('claimSqlDriver (config_register)', () => {
    it('gives the one SQL driver to the first domain, refuses a second, and is idempotent', async () => {
      await claimSqlDriver(driver, 'd1', true, async (id) => live.has(id), logger);
      await claimSqlDriver(driver, 'd1', true, async (id) => live.has(id), logger);
      await expect(claimSqlDriver(driver, 'd2', true, async (id) => live.has(id), logger)).rejects.toThrow(
        new MultipleSqlDriversError('Config API entity at /domains/d2/config'),
      );
    });

    it('releases the claim when the domain\'s driver is no longer SQL', async () => {
      await claimSqlDriver(driver, 'd1', true, async (id) => live.has(id), logger);
      await claimSqlDriver(driver, 'd1', false, async (id) => live.has(id), logger);
      await claimSqlDriver(driver, 'd2', true, async (id) => live.has(id), logger);
      expect(await driver.readRegistration(SQL_DRIVER_REGISTRATION)).toBe('d2');
    });

    it('heals a claim left by a deleted domain', async () => {
      await driver.obtainRegistration('gone', SQL_DRIVER_REGISTRATION);
      await claimSqlDriver(driver, 'd1', true, async (id) => live.has(id), logger);
      expect(await driver.readRegistration(SQL_DRIVER_REGISTRATION)).toBe('d1');
    });
  });
});
