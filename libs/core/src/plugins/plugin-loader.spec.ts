import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, definePlugin, isKeystonePlugin, SDK_VERSION } from '@keystone-ts/plugin-sdk';
import { checkCompatibility, loadPluginPackage } from './plugin-loader';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'ks-plugins-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A throwaway package in <root>/node_modules/<name>. */
function pkg(name: string, manifest: Record<string, unknown>, index: string, file = 'index.js'): void {
  const dir = join(root, 'node_modules', name);
  mkdirSync(join(dir, 'lib'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', main: file, ...manifest }));
  writeFileSync(join(dir, file), index);
}

/** Inside jest, '@keystone-ts/plugin-sdk' maps to libs/plugin-sdk/src (moduleNameMapper). */
const viaSdk = (id: string, compatibility = '^1.0.0') => `
const { definePlugin, defineDriver } = require('@keystone-ts/plugin-sdk');
exports.default = definePlugin({
  id: '${id}',
  compatibility: '${compatibility}',
  drivers: [defineDriver({ namespace: 'keystone.identity', name: '${id}', create: () => ({}) })],
});`;

function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigurationError);
    expect((e as Error).message).not.toContain('\n');
    return (e as Error).message;
  }
  throw new Error('expected a ConfigurationError');
}

describe('loadPluginPackage', () => {
  it('loads a package with a "keystone" field and a branded default export', () => {
    pkg('keystone-yubikey', { keystone: {} }, viaSdk('auth-yubikey'));
    const loaded = loadPluginPackage('keystone-yubikey', [root]);
    expect(loaded.packageName).toBe('keystone-yubikey');
    expect(isKeystonePlugin(loaded.plugin)).toBe(true);
    expect(loaded.plugin.id).toBe('auth-yubikey');
    expect(loaded.plugin.drivers?.[0].name).toBe('auth-yubikey');
  });

  it('loads a scoped package whose entry is in a subdirectory', () => {
    pkg('@acme/keystone-ldap', { keystone: { kind: 'identity' } }, viaSdk('acme-ldap'), 'lib/index.js');
    expect(loadPluginPackage('@acme/keystone-ldap', [root]).plugin.id).toBe('acme-ldap');
  });

  it('accepts module.exports = plugin and a plugin branded by another SDK copy (Symbol.for)', () => {
    pkg(
      'hand-made',
      { keystone: {} },
      "module.exports = { id: 'hand-made', compatibility: '^1.0.0', [Symbol.for('keystone-ts.plugin')]: true };",
    );
    expect(loadPluginPackage('hand-made', [root]).plugin.id).toBe('hand-made');
  });

  it('refuses a package without the "keystone" field in its package.json', () => {
    pkg('left-pad-ish', {}, viaSdk('left-pad-ish'));
    expect(message(() => loadPluginPackage('left-pad-ish', [root]))).toBe(
      `Package 'left-pad-ish' is not a keystone-ts plugin (no "keystone" field in its package.json)`,
    );
  });

  it('refuses a package whose package.json cannot be found under its name', () => {
    pkg('renamed', { keystone: {}, name: 'something-else' }, viaSdk('renamed'));
    expect(message(() => loadPluginPackage('renamed', [root]))).toMatch(/^Package 'renamed' is not a keystone-ts plugin \(no package.json named 'renamed'/);
  });

  it('refuses a default export that is not made with definePlugin()', () => {
    pkg('plain-object', { keystone: {} }, "exports.default = { id: 'plain-object', compatibility: '^1.0.0' };");
    expect(message(() => loadPluginPackage('plain-object', [root]))).toBe(
      "Package 'plain-object' does not export a plugin made with definePlugin() as its default export",
    );
  });

  it('refuses a plugin built for another SDK major, naming both versions', () => {
    pkg('too-new', { keystone: {} }, viaSdk('too-new', '^2.0.0'));
    expect(message(() => loadPluginPackage('too-new', [root]))).toBe(
      `Plugin 'too-new' (too-new) requires plugin-sdk ^2.0.0, but this keystone-ts provides ${SDK_VERSION}`,
    );
  });

  it('refuses a package that is not installed, saying where it looked', () => {
    expect(message(() => loadPluginPackage('keystone-nope', [root]))).toBe(
      `Plugin package 'keystone-nope' is not installed (searched from ${root})`,
    );
  });
});

describe('checkCompatibility', () => {
  it('accepts ranges that include the SDK version', () => {
    for (const range of ['^1.0.0', '>=1.0.0 <2', '1.x', '*']) {
      expect(() => checkCompatibility(definePlugin({ id: 'p', compatibility: range }), 'p')).not.toThrow();
    }
  });

  it('refuses an invalid range', () => {
    expect(message(() => checkCompatibility(definePlugin({ id: 'p', compatibility: 'banana' }), 'pkg'))).toBe(
      "Plugin 'p' (pkg) declares an invalid compatibility range 'banana'",
    );
  });

  it('refuses a range below the SDK version', () => {
    expect(message(() => checkCompatibility(definePlugin({ id: 'p', compatibility: '^0.9.0' }), 'pkg'))).toContain(
      'requires plugin-sdk ^0.9.0, but this keystone-ts provides',
    );
  });
});
