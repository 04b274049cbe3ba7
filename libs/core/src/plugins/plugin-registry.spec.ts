import {
  ConfigurationError,
  defineAuthMethod,
  defineDriver,
  defineOptionGroup,
  definePlugin,
  opt,
  type DriverContext,
} from '@keystone-ts/plugin-sdk';
import { KeystoneConfig } from '../config/keystone-config';
import { OptionRegistry } from '../config/option-registry';
import { DriverFactory } from './driver-factory';
import { PluginRegistry } from './plugin-registry';

const sqlIdentity = defineDriver({
  namespace: 'keystone.identity',
  name: 'sql',
  aliases: ['keystone.identity.backends.sql.Identity'],
  create: (ctx: DriverContext) => ({ kind: 'sql', ctx }),
});
const sqlPlugin = definePlugin({ id: 'sql', compatibility: '^1.0.0', drivers: [sqlIdentity] });

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigurationError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigurationError');
}

describe('PluginRegistry', () => {
  it('finds drivers by name and by alias, and lists primary names only', () => {
    const r = new PluginRegistry();
    r.register(sqlPlugin, '@keystone-ts/plugin-sql');
    expect(r.driver('keystone.identity', 'sql')).toBe(sqlIdentity);
    expect(r.driver('keystone.identity', 'keystone.identity.backends.sql.Identity')).toBe(sqlIdentity);
    expect(r.hasDriver('keystone.identity', 'ldap')).toBe(false);
    expect(r.driverNames('keystone.identity')).toEqual(['sql']);
    expect(r.loadedPlugins()).toEqual([{ plugin: sqlPlugin, packageName: '@keystone-ts/plugin-sql' }]);
  });

  it("says what was asked and what is installed: Unable to find 'ldap' driver in 'keystone.identity' (installed: sql)", () => {
    const r = new PluginRegistry();
    r.register(sqlPlugin, '@keystone-ts/plugin-sql');
    expect(message(() => r.driver('keystone.identity', 'ldap'))).toBe(
      "Unable to find 'ldap' driver in 'keystone.identity' (installed: sql)",
    );
    expect(message(() => r.driver('keystone.catalog', 'templated'))).toBe(
      "Unable to find 'templated' driver in 'keystone.catalog' (installed: none)",
    );
  });

  it('refuses a duplicate plugin id naming both packages', () => {
    const r = new PluginRegistry();
    r.register(sqlPlugin, '@keystone-ts/plugin-sql');
    const again = definePlugin({ id: 'sql', compatibility: '^1.0.0' });
    expect(message(() => r.register(again, 'keystone-sql-fork'))).toBe(
      "Duplicate plugin 'sql': provided by both @keystone-ts/plugin-sql and keystone-sql-fork",
    );
  });

  it('refuses a duplicate driver name (or alias clash) naming both packages', () => {
    const r = new PluginRegistry();
    r.register(sqlPlugin, '@keystone-ts/plugin-sql');
    const other = definePlugin({
      id: 'other-sql',
      compatibility: '^1.0.0',
      drivers: [defineDriver({ namespace: 'keystone.identity', name: 'sql', create: () => ({}) })],
    });
    expect(message(() => r.register(other, 'other-sql-pkg'))).toBe(
      "Duplicate driver 'sql' in 'keystone.identity': provided by both @keystone-ts/plugin-sql and other-sql-pkg",
    );
    const aliasClash = definePlugin({
      id: 'alias-clash',
      compatibility: '^1.0.0',
      drivers: [defineDriver({ namespace: 'keystone.identity', name: 'x', aliases: ['keystone.identity.backends.sql.Identity'], create: () => ({}) })],
    });
    expect(message(() => r.register(aliasClash, 'alias-pkg'))).toContain('provided by both @keystone-ts/plugin-sql and alias-pkg');
  });

  it('allows the same driver name in different namespaces', () => {
    const r = new PluginRegistry();
    r.register(sqlPlugin, 'a');
    r.register(
      definePlugin({ id: 'res', compatibility: '^1.0.0', drivers: [defineDriver({ namespace: 'keystone.resource', name: 'sql', create: () => ({}) })] }),
      'b',
    );
    expect(r.driverNames('keystone.resource')).toEqual(['sql']);
  });

  it('registers auth methods per method and refuses duplicates', () => {
    const r = new PluginRegistry();
    const pw = defineAuthMethod({ method: 'password', name: 'default', create: () => ({}) });
    r.register(definePlugin({ id: 'auth', compatibility: '^1.0.0', authMethods: [pw] }), 'auth-pkg');
    expect(r.authMethod('password', 'default')).toBe(pw);
    expect(r.authMethodNames('password')).toEqual(['default']);
    expect(message(() => r.authMethod('totp', 'default'))).toBe("Unable to find 'default' driver in 'keystone.auth.totp' (installed: none)");
    const dup = definePlugin({ id: 'auth2', compatibility: '^1.0.0', authMethods: [defineAuthMethod({ method: 'password', name: 'default', create: () => ({}) })] });
    expect(message(() => r.register(dup, 'auth2-pkg'))).toBe(
      "Duplicate auth method 'default' in 'password': provided by both auth-pkg and auth2-pkg",
    );
  });

  it('is locked after boot', () => {
    const r = new PluginRegistry();
    r.lock();
    expect(r.isLocked).toBe(true);
    expect(message(() => r.register(sqlPlugin, '@keystone-ts/plugin-sql'))).toBe(
      "Plugin registry is locked; cannot register 'sql' from @keystone-ts/plugin-sql",
    );
  });
});

describe('OptionRegistry', () => {
  const g = defineOptionGroup({ name: 'ldap', options: { url: opt.str({ default: 'ldap://localhost', help: '' }) } });

  it('accepts the same declaration twice but not a conflicting one, naming both owners', () => {
    const r = new OptionRegistry();
    r.register(g, 'identity-ldap');
    r.register(g, 'another');
    const clash = defineOptionGroup({ name: 'ldap', options: { url: opt.int({ default: 1, help: '' }) } });
    expect(() => r.register(clash, 'third')).toThrow("Option [ldap] url is declared by both 'identity-ldap' and 'third' with different definitions");
  });

  it('is locked after boot', () => {
    const r = new OptionRegistry();
    r.lock();
    expect(() => r.register(g, 'late')).toThrow("Option registry is locked; 'late' registered [ldap] too late");
  });
});

describe('DriverFactory', () => {
  it('hands a driver its own validated options, the config, its domain and a named logger', async () => {
    const group = defineOptionGroup({ name: 'ldap', options: { url: opt.str({ default: 'ldap://localhost', help: '' }), page_size: opt.int({ default: 0, help: '' }) } });
    const options = new OptionRegistry();
    options.register(group, 'ldap');
    const config = KeystoneConfig.fromText('[ldap]\npage_size = 50\n', options);
    const ldap = defineDriver({ namespace: 'keystone.identity', name: 'ldap', optionGroup: 'ldap', create: (ctx: DriverContext) => ctx });
    const r = new PluginRegistry();
    r.register(definePlugin({ id: 'identity-ldap', compatibility: '^1.0.0', drivers: [ldap] }), 'pkg');
    const names: string[] = [];
    const factory = new DriverFactory(r, {}, (name) => {
      names.push(name);
      return { debug() {}, info() {}, warn() {}, error() {} };
    });
    const ctx = await factory.createDriver<DriverContext>('keystone.identity', 'ldap', config, 'dom1');
    expect(ctx.options).toEqual({ url: 'ldap://localhost', page_size: 50 });
    expect(ctx.domainId).toBe('dom1');
    expect(ctx.config.get('ldap', 'page_size')).toBe(50);
    expect(names).toEqual(['keystone.identity.ldap']);
    await expect(factory.createDriver('keystone.identity', 'nope', config)).rejects.toThrow("Unable to find 'nope' driver");
  });
});
