import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, defineDriver, defineOptionGroup, definePlugin, opt, type KeystonePlugin } from '@keystone-ts/plugin-sdk';
import { bootRuntime } from './boot-runtime';

const driver = (namespace: string, name: string, aliases?: string[]) => defineDriver({ namespace, name, aliases, create: () => ({ name }) });

/** What core's own option groups select by default, so a minimal config boots. */
const basePlugin = definePlugin({
  id: 'test-sql',
  compatibility: '^1.0.0',
  drivers: [
    driver('keystone.identity', 'sql', ['keystone.identity.backends.sql.Identity']),
    driver('keystone.identity.id_mapping', 'sql'),
    driver('keystone.identity.id_generator', 'sha256'),
    driver('keystone.cache.backend', 'dogpile.cache.null'),
    driver('keystone.notification.driver', 'log'),
  ],
});

const fakeOptions = defineOptionGroup({ name: 'fake', options: { retries: opt.int({ default: 3, min: 0, help: '' }) } });
const fakePlugin = definePlugin({ id: 'fake', compatibility: '^1.0.0', optionGroups: [fakeOptions] });

let dir: string;
let savedHome: string | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ks-boot-'));
  savedHome = process.env.HOME;
  process.env.HOME = dir; // keep ~/.keystone/keystone.conf.d of the machine out of the way
});
afterEach(() => {
  process.env.HOME = savedHome;
  rmSync(dir, { recursive: true, force: true });
});

function boot(text: string, extra: { plugins?: KeystonePlugin[]; argv?: string[] } = {}) {
  const file = join(dir, 'keystone.conf');
  writeFileSync(file, text);
  return bootRuntime({
    argv: ['--config-file', file, ...(extra.argv ?? [])],
    builtinPackages: [],
    inlinePlugins: [basePlugin, ...(extra.plugins ?? [])].map((plugin) => ({ plugin, packageName: `inline:${plugin.id}` })),
  });
}

function bootError(text: string, extra?: Parameters<typeof boot>[1]): string {
  try {
    boot(text, extra);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigurationError);
    expect((e as Error).message).not.toContain('\n');
    return (e as Error).message;
  }
  throw new Error('expected the boot to fail');
}

describe('bootRuntime', () => {
  it('loads config and plugins, then locks both registries', () => {
    const rt = boot('[DEFAULT]\ndebug = true\n[identity]\ndriver = keystone.identity.backends.sql.Identity\n', { argv: ['db_sync'] });
    expect(rt.config.get('DEFAULT', 'debug')).toBe(true);
    expect(rt.configFiles).toEqual([join(dir, 'keystone.conf')]);
    expect(rt.rest).toEqual(['db_sync']);
    expect(rt.registry.isLocked).toBe(true);
    expect(rt.registry.driverNames('keystone.identity')).toEqual(['sql']);
    expect(() => rt.config.registry.register(fakeOptions, 'late')).toThrow(/locked/);
  });

  it('refuses an unknown driver naming file, line, section, option and what is installed', () => {
    expect(bootError('[DEFAULT]\ndebug = false\n[identity]\ndriver = ldap\n')).toBe(
      `${join(dir, 'keystone.conf')}:4: [identity] driver = 'ldap': Unable to find 'ldap' driver in 'keystone.identity' (installed: sql)`,
    );
  });

  it('refuses a bad integer naming file, line, section and option', () => {
    expect(bootError('[eventlet_server]\npublic_port = http\n')).toBe(
      `${join(dir, 'keystone.conf')}:2: [eventlet_server] public_port = 'http': must be an integer`,
    );
  });

  it('refuses a bad boolean naming file, line, section and option', () => {
    expect(bootError('[DEFAULT]\n\n\ndebug = sometimes\n')).toBe(
      `${join(dir, 'keystone.conf')}:4: [DEFAULT] debug = 'sometimes': must be a boolean (true/false, yes/no, on/off, 1/0)`,
    );
  });

  it('validates the option groups plugins register', () => {
    expect(boot('[fake]\nretries = 5\n', { plugins: [fakePlugin] }).config.get('fake', 'retries')).toBe(5);
    expect(bootError('[fake]\nretries = -1\n', { plugins: [fakePlugin] })).toMatch(/keystone\.conf:2: \[fake\] retries = '-1': must be >= 0$/);
  });

  it('refuses an inline plugin built for another SDK', () => {
    const old = definePlugin({ id: 'old', compatibility: '^0.1.0' });
    expect(bootError('', { plugins: [old] })).toMatch(/^Plugin 'old' \(inline:old\) requires plugin-sdk \^0\.1\.0/);
  });

  it('refuses two plugins providing the same driver, naming both packages', () => {
    const twin = definePlugin({ id: 'twin', compatibility: '^1.0.0', drivers: [driver('keystone.identity', 'sql')] });
    expect(bootError('', { plugins: [twin] })).toBe(
      "Duplicate driver 'sql' in 'keystone.identity': provided by both inline:test-sql and inline:twin",
    );
  });

  it('loads [plugins] packages from beside the config file and uses their drivers', () => {
    const pkgDir = join(dir, 'node_modules', 'keystone-identity-fake');
    mkdirSync(pkgDir, { recursive: true });
    writeFileSync(join(pkgDir, 'package.json'), JSON.stringify({ name: 'keystone-identity-fake', main: 'index.js', keystone: {} }));
    writeFileSync(
      join(pkgDir, 'index.js'),
      `const { definePlugin, defineDriver } = require('@keystone-ts/plugin-sdk');
exports.default = definePlugin({ id: 'identity-fake', compatibility: '^1.0.0',
  drivers: [defineDriver({ namespace: 'keystone.identity', name: 'fake', create: () => ({}) })] });`,
    );
    const rt = boot('[plugins]\npackages = keystone-identity-fake\n[identity]\ndriver = fake\n');
    expect(rt.registry.driverNames('keystone.identity')).toEqual(['fake', 'sql']);
    expect(rt.registry.loadedPlugins().map((p) => p.packageName)).toContain('keystone-identity-fake');
  });

  it('refuses a [plugins] package that is not installed', () => {
    expect(bootError('[plugins]\npackages = keystone-missing\n')).toMatch(/^Plugin package 'keystone-missing' is not installed/);
  });

  it('refuses a missing --config-file', () => {
    expect(() =>
      bootRuntime({ argv: ['--config-file', join(dir, 'absent.conf')], builtinPackages: [] }),
    ).toThrow(/Config file not found: .*absent\.conf/);
  });
});
