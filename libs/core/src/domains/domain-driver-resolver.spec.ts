import { ConfigurationError, defineOptionGroup, opt, type Logger } from '@keystone-ts/plugin-sdk';
import { KeystoneConfig } from '../config/keystone-config';
import { OptionRegistry } from '../config/option-registry';
import { CORE_OPTION_GROUPS } from '../config/groups';
import { parseIni } from '../config/ini-parser';
import type { DomainConfigSource } from './domain-config-source';
import { DomainDriverResolver } from './domain-driver-resolver';

const ldapOptions = defineOptionGroup({
  name: 'ldap',
  options: { url: opt.str({ default: 'ldap://localhost', help: '' }), page_size: opt.int({ default: 0, min: 0, help: '' }) },
});

interface FakeDriver {
  kind: string;
  domainId: string | null;
  url: string;
  destroyed: boolean;
  destroy(): Promise<void>;
}

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** Domain files held in memory: domain id → file text. */
class MemorySource implements DomainConfigSource {
  files = new Map<string, string>();
  loads = 0;
  async load(domainId: string) {
    this.loads++;
    await new Promise((r) => setImmediate(r));
    const text = this.files.get(domainId);
    if (text === undefined) return null;
    const origin = `/etc/keystone/domains/keystone.${domainId}.conf`;
    return { sections: parseIni(text, origin), fingerprint: text, origin };
  }
  async listConfigured() {
    return [...this.files.keys()].sort().map((domainId) => ({ domainId, sections: new Map(), origin: `keystone.${domainId}.conf` }));
  }
}

function setup(mainText: string, opts: { enabled?: boolean } = {}) {
  const registry = new OptionRegistry();
  for (const g of CORE_OPTION_GROUPS) registry.register(g, 'core');
  registry.register(ldapOptions, 'identity-ldap');
  const config = KeystoneConfig.fromText(mainText, registry, '/etc/keystone/keystone.conf');
  const source = new MemorySource();
  const builds: FakeDriver[] = [];
  let clock = 0;
  const resolver = new DomainDriverResolver<FakeDriver>({
    config,
    enabled: opts.enabled ?? true,
    source,
    logger: quiet,
    recheckMs: 1000,
    now: () => clock,
    async build(cfg, domainId) {
      await new Promise((r) => setImmediate(r));
      const d: FakeDriver = {
        kind: cfg.get<string>('identity', 'driver'),
        domainId,
        url: cfg.get<string>('ldap', 'url'),
        destroyed: false,
        async destroy() {
          d.destroyed = true;
        },
      };
      builds.push(d);
      return d;
    },
    isSql: (d) => d.kind === 'sql',
  });
  return { resolver, source, builds, tick: (ms: number) => (clock += ms) };
}

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigurationError);
    expect((e as Error).message).not.toContain('\n');
    return (e as Error).message;
  }
  throw new Error('expected a ConfigurationError');
}

describe('DomainDriverResolver', () => {
  it('serves the default driver for null, for domains without a file, and when disabled', async () => {
    const { resolver, builds } = setup('[identity]\ndriver = sql\n');
    await resolver.init();
    expect(builds).toHaveLength(1);
    expect(await resolver.forDomain(null)).toBe(resolver.default);
    expect(await resolver.forDomain('plain')).toBe(resolver.default);
    expect(resolver.isDefault(await resolver.forDomain('plain'))).toBe(true);

    const off = setup('[identity]\ndriver = sql\n', { enabled: false });
    off.source.files.set('d1', '[identity]\ndriver = ldap\n');
    await off.resolver.init();
    expect(await off.resolver.forDomain('d1')).toBe(off.resolver.default);
    expect(off.builds).toHaveLength(1);
  });

  it('builds a domain driver from the overlay, lazily and once for concurrent callers', async () => {
    const { resolver, source, builds } = setup('[identity]\ndriver = sql\n[ldap]\npage_size = 10\n');
    await resolver.init();
    source.files.set('d1', '[identity]\ndriver = ldap\n[ldap]\nurl = ldap://d1\n');
    const [a, b, c] = await Promise.all([resolver.forDomain('d1'), resolver.forDomain('d1'), resolver.forDomain('d1')]);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(a).toMatchObject({ kind: 'ldap', domainId: 'd1', url: 'ldap://d1' });
    expect(builds).toHaveLength(2);
    expect(source.loads).toBe(1);
  });

  it('caches by fingerprint: re-checks the source after recheckMs, rebuilds only when the file changed', async () => {
    const { resolver, source, builds, tick } = setup('[identity]\ndriver = sql\n');
    source.files.set('d1', '[identity]\ndriver = ldap\n[ldap]\nurl = ldap://one\n');
    await resolver.init();
    const first = await resolver.forDomain('d1');
    const loadsAfterInit = source.loads;

    tick(500);
    expect(await resolver.forDomain('d1')).toBe(first);
    expect(source.loads).toBe(loadsAfterInit); // still fresh: the source is not asked

    tick(1000);
    expect(await resolver.forDomain('d1')).toBe(first); // same fingerprint: kept
    expect(source.loads).toBe(loadsAfterInit + 1);
    expect(builds).toHaveLength(2);

    source.files.set('d1', '[identity]\ndriver = ldap\n[ldap]\nurl = ldap://two\n');
    tick(1000);
    const second = await resolver.forDomain('d1');
    expect(second).not.toBe(first);
    expect(second.url).toBe('ldap://two');
    expect(first.destroyed).toBe(true);

    source.files.delete('d1');
    tick(1000);
    expect(await resolver.forDomain('d1')).toBe(resolver.default);
    expect(second.destroyed).toBe(true);
  });

  it('forgets a domain driver on invalidate()', async () => {
    const { resolver, source, builds } = setup('[identity]\ndriver = sql\n');
    source.files.set('d1', '[identity]\ndriver = ldap\n');
    await resolver.init();
    const first = await resolver.forDomain('d1');
    await resolver.invalidate('d1');
    expect(first.destroyed).toBe(true);
    expect(await resolver.forDomain('d1')).not.toBe(first);
    expect(builds).toHaveLength(3);
  });

  it('refuses a second SQL driver at init, naming the domain file', async () => {
    const { resolver, source } = setup('[identity]\ndriver = sql\n');
    source.files.set('d1', '[identity]\ndriver = sql\n');
    expect(await failure(resolver.init())).toBe(
      'More than one SQL identity driver is configured (only one is permitted): the default [identity] driver, /etc/keystone/domains/keystone.d1.conf',
    );
  });

  it('allows one SQL domain driver when the default is not SQL, but not two', async () => {
    const { resolver, source } = setup('[identity]\ndriver = ldap\n');
    source.files.set('d1', '[identity]\ndriver = sql\n');
    await resolver.init();
    expect((await resolver.forDomain('d1')).kind).toBe('sql');
    source.files.set('d2', '[identity]\ndriver = sql\n');
    expect(await failure(resolver.forDomain('d2'))).toContain(
      'only one is permitted): /etc/keystone/domains/keystone.d1.conf, /etc/keystone/domains/keystone.d2.conf',
    );
  });

  it('refuses a bad option in a domain file naming that file and line', async () => {
    const { resolver, source } = setup('[identity]\ndriver = sql\n');
    source.files.set('bad', '[identity]\ndriver = ldap\n[ldap]\npage_size = lots\n');
    const msg = await failure(resolver.init());
    expect(msg).toMatch(/^Domain-specific configuration \/etc\/keystone\/domains\/keystone\.bad\.conf: /);
    expect(msg).toContain("/etc/keystone/domains/keystone.bad.conf:4: [ldap] page_size = 'lots': must be an integer");
  });

  it('tears everything down on destroy()', async () => {
    const { resolver, source } = setup('[identity]\ndriver = sql\n');
    source.files.set('d1', '[identity]\ndriver = ldap\n');
    await resolver.init();
    const d1 = await resolver.forDomain('d1');
    await resolver.destroy();
    expect(d1.destroyed).toBe(true);
    expect(resolver.default.destroyed).toBe(true);
  });

  it('refuses use before init()', async () => {
    const { resolver } = setup('');
    expect(() => resolver.default).toThrow('used before init()');
  });
});
