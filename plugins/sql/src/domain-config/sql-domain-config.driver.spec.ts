import { execFileSync, spawnSync } from 'node:child_process';
import { NotFound, SQL_DRIVER_REGISTRATION } from '@keystone-ts/plugin-sdk';
import type { Knex } from 'knex';
import { keystoneTestDb } from '../resource/testing/keystone-test-db';
import { SqlDomainConfigDriver } from './sql-domain-config.driver';
import { pythonJsonDumps } from './python-json';

const CONFIG = [
  { group: 'identity', option: 'driver', value: 'ldap', sensitive: false },
  { group: 'ldap', option: 'url', value: 'ldap://a', sensitive: false },
  { group: 'identity', option: 'list_limit', value: 5, sensitive: false },
  { group: 'ldap', option: 'password', value: 's3cret', sensitive: true },
];

describe(`SqlDomainConfigDriver on ${process.env.KEYSTONE_TS_TEST_PG_URL ? 'PostgreSQL' : 'SQLite'} (Keystone 22 tables)`, () => {
  let knex: Knex;
  let close: () => Promise<void>;
  let driver: SqlDomainConfigDriver;

  beforeEach(async () => {
    ({ knex, close } = await keystoneTestDb());
    driver = new SqlDomainConfigDriver(() => knex);
  });
  afterEach(() => close());

  it('stores values as JSON text in the table their sensitivity names, as Keystone\'s JsonBlob does', async () => {
    await driver.createConfigOptions('d1', CONFIG);
    expect(await knex('whitelisted_config').orderBy('option')).toEqual([
      { domain_id: 'd1', group: 'identity', option: 'driver', value: '"ldap"' },
      { domain_id: 'd1', group: 'identity', option: 'list_limit', value: '5' },
      { domain_id: 'd1', group: 'ldap', option: 'url', value: '"ldap://a"' },
    ]);
    expect(await knex('sensitive_config')).toEqual([{ domain_id: 'd1', group: 'ldap', option: 'password', value: '"s3cret"' }]);
  });

  it('replaces the whole configuration on create, other domains untouched', async () => {
    await driver.createConfigOptions('d1', CONFIG);
    await driver.createConfigOptions('d2', CONFIG.slice(0, 1));
    await driver.createConfigOptions('d1', [{ group: 'ldap', option: 'suffix', value: 'dc=x', sensitive: false }]);
    expect(await driver.loadConfig('d1')).toEqual([{ group: 'ldap', option: 'suffix', value: 'dc=x', sensitive: false }]);
    expect(await driver.listConfigOptions('d2')).toEqual([{ group: 'identity', option: 'driver', value: 'ldap' }]);
    expect(await driver.listConfiguredDomainIds()).toEqual(['d1', 'd2']);
  });

  it('lists one table, narrowed by group then option (an option alone narrows nothing)', async () => {
    await driver.createConfigOptions('d1', CONFIG);
    expect((await driver.listConfigOptions('d1')).map((o) => o.option)).toEqual(['driver', 'list_limit', 'url']);
    expect(await driver.listConfigOptions('d1', 'ldap')).toEqual([{ group: 'ldap', option: 'url', value: 'ldap://a' }]);
    expect(await driver.listConfigOptions('d1', 'identity', 'list_limit')).toEqual([{ group: 'identity', option: 'list_limit', value: 5 }]);
    expect(await driver.listConfigOptions('d1', null, 'url')).toHaveLength(3);
    expect(await driver.listConfigOptions('d1', 'ldap', null, true)).toEqual([{ group: 'ldap', option: 'password', value: 's3cret' }]);
  });

  it('reads both tables in one load, flagged, in a stable order', async () => {
    await driver.createConfigOptions('d1', CONFIG);
    expect(await driver.loadConfig('d1')).toEqual([
      { group: 'identity', option: 'driver', value: 'ldap', sensitive: false },
      { group: 'identity', option: 'list_limit', value: 5, sensitive: false },
      { group: 'ldap', option: 'password', value: 's3cret', sensitive: true },
      { group: 'ldap', option: 'url', value: 'ldap://a', sensitive: false },
    ]);
    expect(await driver.loadConfig('nobody')).toEqual([]);
  });

  it('gets one option or answers Keystone\'s DomainConfigNotFound', async () => {
    await driver.createConfigOptions('d1', CONFIG);
    expect(await driver.getConfigOption('d1', 'ldap', 'password', true)).toEqual({ group: 'ldap', option: 'password', value: 's3cret' });
    await expect(driver.getConfigOption('d1', 'ldap', 'password')).rejects.toThrow(
      new NotFound('Could not find option password in group ldap in domain configuration for domain d1.'),
    );
  });

  it('updates by upsert and moves an option between tables', async () => {
    await driver.createConfigOptions('d1', CONFIG);
    await driver.updateConfigOptions('d1', [
      { group: 'ldap', option: 'url', value: 'ldap://b', sensitive: false },
      { group: 'ldap', option: 'user', value: 'cn=admin', sensitive: false },
      { group: 'ldap', option: 'password', value: 'p2', sensitive: false },
    ]);
    expect(await driver.listConfigOptions('d1', 'ldap')).toEqual([
      { group: 'ldap', option: 'password', value: 'p2' },
      { group: 'ldap', option: 'url', value: 'ldap://b' },
      { group: 'ldap', option: 'user', value: 'cn=admin' },
    ]);
    expect(await knex('sensitive_config')).toEqual([]);
  });

  it('deletes everything, a group or one option, from both tables', async () => {
    await driver.createConfigOptions('d1', CONFIG);
    await driver.deleteConfigOptions('d1', 'ldap', 'password');
    expect(await knex('sensitive_config')).toEqual([]);
    await driver.deleteConfigOptions('d1', 'identity');
    expect((await driver.loadConfig('d1')).map((o) => o.option)).toEqual(['url']);
    await driver.deleteConfigOptions('d1');
    expect(await driver.listConfiguredDomainIds()).toEqual([]);
  });

  it('registers one domain per type, reads and releases it', async () => {
    expect(await driver.readRegistration(SQL_DRIVER_REGISTRATION)).toBeNull();
    expect(await driver.obtainRegistration('d1', SQL_DRIVER_REGISTRATION)).toBe(true);
    expect(await driver.obtainRegistration('d2', SQL_DRIVER_REGISTRATION)).toBe(false);
    expect(await driver.obtainRegistration('d1', SQL_DRIVER_REGISTRATION)).toBe(false);
    expect(await driver.readRegistration(SQL_DRIVER_REGISTRATION)).toBe('d1');
    await driver.releaseRegistration('d2');
    expect(await driver.readRegistration(SQL_DRIVER_REGISTRATION)).toBe('d1');
    await driver.releaseRegistration('d1', SQL_DRIVER_REGISTRATION);
    expect(await driver.obtainRegistration('d2', SQL_DRIVER_REGISTRATION)).toBe(true);
  });
});

const hasKeystone = spawnSync('/usr/bin/python3', ['-c', 'import keystone.common.sql.core'], { stdio: 'ignore' }).status === 0;

(hasKeystone ? describe : describe.skip)('pythonJsonDumps against Keystone\'s JsonBlob', () => {
  it('writes the same text for strings, numbers, booleans, null, lists and dicts', () => {
    const values = ['ldap://a', 'é ü "q" \\ \n', 5, -3, 0.1, 2.5, true, false, null, [], ['a', 1], { k: 'v', n: [1, { x: null }] }, ''];
    const script =
      'import json,sys\nfrom keystone.common.sql.core import JsonBlob\nb=JsonBlob()\nprint(json.dumps([b.process_bind_param(v, None) for v in json.load(sys.stdin)]))';
    const expected = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(values), encoding: 'utf8' })) as string[];
    expect(values.map(pythonJsonDumps)).toEqual(expected);
  });
});
