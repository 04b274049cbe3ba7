/**
 * The plugin object as core loads it, and the driver built from a config
 * view: [fernet_tokens] options, plus [auth] methods and
 * [identity] default_domain_id read from the rest of the configuration.
 */
import { isKeystonePlugin } from '@keystone-ts/plugin-sdk';
import type { ConfigView, DriverContext, TokenProvider } from '@keystone-ts/plugin-sdk';
import pluginDefault, { FernetTokenProvider, tokenFernetPlugin } from '../src';
import { setup } from '../src/key-repository';
import { recordingLogger, tempDir } from './support/fixtures';

function config(values: Record<string, Record<string, unknown>>): ConfigView {
  return {
    get: <T>(group: string, name: string) => {
      if (!(group in values)) throw new Error(`no such group ${group}`);
      return values[group][name] as T;
    },
    has: (group) => group in values,
    group: <T>(name: string) => values[name] as T,
  };
}

async function build(dir: string, values: Record<string, Record<string, unknown>>): Promise<TokenProvider> {
  const driver = tokenFernetPlugin.drivers![0];
  const ctx: DriverContext = {
    options: { key_repository: dir, max_active_keys: 3 },
    config: config(values),
    domainId: null,
    logger: recordingLogger(),
    services: {},
  };
  return (await driver.create(ctx)) as TokenProvider;
}

describe('token-fernet plugin', () => {
  it('is a branded plugin exported as default and by name', () => {
    expect(isKeystonePlugin(pluginDefault)).toBe(true);
    expect(pluginDefault).toBe(tokenFernetPlugin);
    expect(tokenFernetPlugin.id).toBe('token-fernet');
    expect(tokenFernetPlugin.compatibility).toBe('^1.0.0');
  });

  it('declares [fernet_tokens] as Keystone does', () => {
    const group = tokenFernetPlugin.optionGroups![0];
    expect(group.name).toBe('fernet_tokens');
    expect(group.options.key_repository).toMatchObject({ type: 'string', default: '/etc/keystone/fernet-keys/' });
    expect(group.options.max_active_keys).toMatchObject({ type: 'integer', default: 3, min: 1 });
  });

  it('registers the fernet provider under its name and Keystone\u2019s class paths', () => {
    const driver = tokenFernetPlugin.drivers![0];
    expect(driver).toMatchObject({ namespace: 'keystone.token.provider', name: 'fernet', optionGroup: 'fernet_tokens' });
    expect(driver.aliases).toEqual(['keystone.token.providers.fernet.Provider', 'keystone.token.providers.fernet.core.Provider']);
  });

  it('builds a provider that follows [auth] methods and [identity] default_domain_id', async () => {
    const t = tempDir();
    await setup(t.path);
    const p = await build(t.path, { auth: { methods: ['password', 'totp'] }, identity: { default_domain_id: 'corp' } });
    expect(p).toBeInstanceOf(FernetTokenProvider);
    const token = await p.issue({ userId: 'u', methods: ['totp'], expiresAt: 2e9, auditIds: ['AAAAAAAAAAAAAAAAAAAAAA'], domainId: 'corp' });
    expect(await p.validate(token)).toMatchObject({ methods: ['totp'], domainId: 'corp' });
    // Without those groups registered, Keystone's defaults apply.
    const d = await build(t.path, {});
    expect(() => d.issue({ userId: 'u', methods: ['password'], expiresAt: 2e9, auditIds: ['AAAAAAAAAAAAAAAAAAAAAA'], domainId: 'corp' })).toThrow();
    t.cleanup();
  });
});
