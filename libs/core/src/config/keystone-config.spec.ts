import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigurationError, defineOptionGroup, opt } from '@keystone-ts/plugin-sdk';
import { KeystoneConfig } from './keystone-config';
import { OptionRegistry } from './option-registry';
import { CORE_OPTION_GROUPS } from './groups';
import { parseIni } from './ini-parser';

const extra = defineOptionGroup({
  name: 'test',
  options: {
    password: opt.str({ default: null, secret: true, help: '' }),
    ref: opt.str({ default: null, help: '' }),
    a: opt.str({ default: null, help: '' }),
    b: opt.str({ default: null, help: '' }),
    port: opt.int({ default: 1, help: '' }),
    flag: opt.bool({ default: false, help: '' }),
    raw: opt.str({ default: null, interpolate: false, help: '' }),
    tags: opt.multi({ default: [], deprecatedNames: ['DEFAULT.old_tags'], help: '' }),
  },
});

function registry(): OptionRegistry {
  const r = new OptionRegistry();
  for (const g of CORE_OPTION_GROUPS) r.register(g, '@keystone-ts/core');
  r.register(extra, 'test');
  return r;
}

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ks-config-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function files(...texts: string[]): string[] {
  return texts.map((t, i) => {
    const f = join(dir, `${i}.conf`);
    writeFileSync(f, t);
    return f;
  });
}

function load(...texts: string[]): KeystoneConfig {
  return KeystoneConfig.fromFiles(files(...texts), registry());
}

function failure(fn: () => unknown): ConfigurationError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigurationError);
    expect((e as Error).message).not.toContain('\n');
    return e as ConfigurationError;
  }
  throw new Error('expected a ConfigurationError');
}

describe('KeystoneConfig', () => {
  it('gives defaults, interpolated defaults and typed values', () => {
    const c = load('[DEFAULT]\nstate_path = /srv/ks\ndebug = TRUE\n[eventlet_server]\npublic_port = 5001\n');
    expect(c.get('DEFAULT', 'debug')).toBe(true);
    expect(c.get('eventlet_server', 'public_port')).toBe(5001);
    expect(c.get('eventlet_server', 'admin_port')).toBe(35357);
    expect(c.get('database', 'connection')).toBeNull();
    expect(c.get('DEFAULT', 'notification_opt_out')).toEqual([
      'identity.authenticate.success', 'identity.authenticate.pending', 'identity.authenticate.failed',
    ]);
  });

  it('interpolates references to converted values, also in non-string options', () => {
    const c = load('[DEFAULT]\nstate_path = /srv/ks\ndebug = yes\n[test]\nref = $state_path/x-$debug\nport = $eventlet_server.public_port\n');
    expect(c.get('test', 'ref')).toBe('/srv/ks/x-True');
    expect(c.get('test', 'port')).toBe(5000);
  });

  it('leaves values alone for an option with interpolate: false', () => {
    expect(load('[test]\nraw = $nope\n').get('test', 'raw')).toBe('$nope');
  });

  it.each([
    ['[eventlet_server]\npublic_port = 99999\n', "0.conf:2: [eventlet_server] public_port = '99999': must be <= 65535"],
    ['[DEFAULT]\n\ndebug = maybe\n', "0.conf:3: [DEFAULT] debug = 'maybe': must be a boolean"],
    ['[database]\nmax_pool_size = five\n', "0.conf:2: [database] max_pool_size = 'five': must be an integer"],
    ['[DEFAULT]\nnotification_format = json\n', "0.conf:2: [DEFAULT] notification_format = 'json': must be one of basic, cadf"],
    ['[test]\nref = $missing\n', "0.conf:2: [test] ref = '$missing': $missing refers to an unknown option"],
  ])('refuses a bad value in one line naming file:line, section, option and value (%#)', (text, message) => {
    const c = load(text);
    const e = failure(() => c.validateAll());
    expect(e.message).toContain(message);
    expect(e.message.startsWith(join(dir, '0.conf'))).toBe(true);
  });

  it('masks secret values, even inside the reason', () => {
    const e = failure(() => load('[test]\npassword = s3cr$et\n').get('test', 'password'));
    expect(e.message).toMatch(/0\.conf:2: \[test\] password = \*\*\*\*: /);
    expect(e.message).not.toMatch(/s3cr|et/);
    const e2 = failure(() => load('[database]\nconnection = postgresql://u:pa$word@h/db\n').validateAll());
    expect(e2.message).toContain('[database] connection = ****');
    expect(e2.message).not.toContain('word');
  });

  it('keeps the error on one line for a multi-line value', () => {
    const e = failure(() => load('[DEFAULT]\ndebug = yes\n  no\n').get('DEFAULT', 'debug'));
    expect(e.message).toContain("debug = 'yes\\nno'");
  });

  it('reports a bad value where the referenced option was set', () => {
    const e = failure(() => load('[test]\nport = $flag\nflag = perhaps\n').get('test', 'port'));
    expect(e.message).toContain("0.conf:3: [test] flag = 'perhaps'");
  });

  it('refuses circular references', () => {
    const e = failure(() => load('[test]\na = x$b\nb = y$a\n').get('test', 'a'));
    expect(e.message).toMatch(/circular reference/);
  });

  it('reads deprecated names ([DEFAULT] bind_host → [eventlet_server] public_bind_host)', () => {
    const c = load('[DEFAULT]\nbind_host = 10.0.0.1\npublic_port = 5555\n[ssl]\nenable = true\n');
    expect(c.get('eventlet_server', 'public_bind_host')).toBe('10.0.0.1');
    expect(c.get('eventlet_server', 'admin_bind_host')).toBe('10.0.0.1');
    expect(c.get('eventlet_server', 'public_port')).toBe(5555);
    expect(c.get('eventlet_server_ssl', 'enable')).toBe(true);
    expect(c.unknownOptions()).toEqual([]);
  });

  it('prefers the current name over a deprecated one in the same file', () => {
    const c = load('[DEFAULT]\nbind_host = 10.0.0.1\n[eventlet_server]\npublic_bind_host = 10.0.0.2\n');
    expect(c.get('eventlet_server', 'public_bind_host')).toBe('10.0.0.2');
    expect(c.get('eventlet_server', 'admin_bind_host')).toBe('10.0.0.1');
  });

  it('lets a later file win, also when it uses the deprecated name', () => {
    const c = load(
      '[eventlet_server]\npublic_bind_host = 10.0.0.1\n[DEFAULT]\ndebug = false\n',
      '[DEFAULT]\nbind_host = 10.0.0.9\ndebug = true\n',
    );
    expect(c.get('eventlet_server', 'public_bind_host')).toBe('10.0.0.9');
    expect(c.get('DEFAULT', 'debug')).toBe(true);
  });

  it('collects multi-valued options across files, deprecated names included', () => {
    const c = load('[test]\ntags = a\n[DEFAULT]\nold_tags = o\n', '[test]\ntags = b\ntags = c\n');
    expect(c.get('test', 'tags')).toEqual(['o', 'a', 'b', 'c']);
  });

  it('lists unknown options with their place', () => {
    const c = load('[DEFAULT]\nbogus = 1\n[nosuch]\nx = 2\n[identity]\ndriver = sql\n');
    expect(c.unknownOptions()).toEqual([`[DEFAULT] bogus (${join(dir, '0.conf')}:2)`, `[nosuch] x (${join(dir, '0.conf')}:4)`]);
  });

  it('locates where a value was set', () => {
    const c = load('[identity]\n\ndriver = ldap\n');
    expect(c.locate('identity', 'driver')).toEqual({ value: 'ldap', file: join(dir, '0.conf'), line: 3 });
    expect(c.locate('identity', 'caching')).toBeUndefined();
  });

  it('refuses an unreadable file and a syntax error as ConfigurationError', () => {
    expect(failure(() => KeystoneConfig.fromFiles([join(dir, 'none.conf')], registry())).message).toMatch(/Cannot read config file .*none\.conf: ENOENT/);
    expect(failure(() => load('[DEFAULT]\nnot an assignment\n')).message).toMatch(/0\.conf:2: no ':' or '='/);
  });

  it('replaces overlaid sections wholesale, as Keystone builds a domain config from its file alone', () => {
    const base = load('[identity]\ndriver = sql\ncache_time = 30\n[DEFAULT]\ndebug = true\n');
    const overlay = base.withOverlay(parseIni('[identity]\ndriver = ldap\n', '/etc/keystone/domains/keystone.d.conf'));
    expect(overlay.get('identity', 'driver')).toBe('ldap');
    // Not inherited from keystone.conf: the domain file did not set it.
    expect(overlay.get('identity', 'cache_time')).toBe(600);
    // Sections outside the overlay stay shared.
    expect(overlay.get('DEFAULT', 'debug')).toBe(true);
    expect(base.get('identity', 'driver')).toBe('sql');
    expect(base.get('identity', 'cache_time')).toBe(30);
  });

  it('lets an overlay win over a deprecated spelling in the main files', () => {
    const base = load('[DEFAULT]\nbind_host = 10.0.0.1\n');
    const overlay = base.withOverlay(parseIni('[eventlet_server]\npublic_bind_host = 10.0.0.2\n', 'dom.conf'));
    expect(overlay.get('eventlet_server', 'public_bind_host')).toBe('10.0.0.2');
  });
});
