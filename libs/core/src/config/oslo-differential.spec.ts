/**
 * Differential tests: the same files read by oslo.config (the Debian
 * python3-oslo.config Keystone 22 runs on) and by KeystoneConfig must give
 * the same values, and fail on the same values. Skipped where python3 with
 * oslo_config is not installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type OptionDef, type OptionGroup } from '@keystone-ts/plugin-sdk';
import { KeystoneConfig } from './keystone-config';
import { OptionRegistry } from './option-registry';

const PYTHON = '/usr/bin/python3';
const haveOslo = spawnSync(PYTHON, ['-c', 'import oslo_config'], { stdio: 'ignore' }).status === 0;
const describeOslo = haveOslo ? describe : describe.skip;

type Spec = { group: string; name: string } & OptionDef;
const o = (group: string, name: string, type: OptionDef['type'], extra: Partial<OptionDef> = {}): Spec =>
  ({ group, name, type, help: '', default: null, ...extra }) as Spec;

const OPTIONS: Spec[] = [
  o('DEFAULT', 'state_path', 'string', { default: '/var/lib/keystone' }),
  o('DEFAULT', 'log_dir', 'string'),
  o('DEFAULT', 's1', 'string'),
  o('DEFAULT', 's2', 'string'),
  o('DEFAULT', 's3', 'string'),
  o('DEFAULT', 's4', 'string'),
  o('DEFAULT', 'choice', 'string', { choices: ['basic', 'cadf'] }),
  o('DEFAULT', 'debug', 'boolean', { default: false }),
  o('DEFAULT', 'verbose', 'boolean', { default: true }),
  o('DEFAULT', 'n', 'integer', { min: 0, max: 100 }),
  o('DEFAULT', 'f', 'float'),
  o('DEFAULT', 'lst', 'list'),
  o('DEFAULT', 'dct', 'dict'),
  o('DEFAULT', 'multi', 'multi', { default: [] }),
  o('DEFAULT', 'db', 'string', { default: '$state_path/keystone.db' }),
  o('eventlet_server', 'public_bind_host', 'string', { default: '0.0.0.0', deprecatedNames: ['DEFAULT.bind_host'] }),
  o('eventlet_server', 'public_port', 'integer', { default: 5000, min: 0, max: 65535, deprecatedNames: ['DEFAULT.public_port'] }),
  o('identity', 'driver', 'string', { default: 'sql' }),
  o('identity', 'domain_config_dir', 'string', { default: '/etc/keystone/domains' }),
  o('identity', 'caching', 'boolean', { default: true }),
  o('identity', 'tags', 'multi', { default: [], deprecatedNames: ['DEFAULT.old_tags'] }),
  o('identity', 'ref', 'string'),
];

function ours(paths: string[]): Record<string, unknown> {
  const registry = new OptionRegistry();
  const groups = new Map<string, Record<string, OptionDef>>();
  for (const { group, name, ...def } of OPTIONS) groups.set(group, { ...(groups.get(group) ?? {}), [name]: def });
  for (const [name, options] of groups) registry.register({ name, options } as OptionGroup, 'test');
  const config = KeystoneConfig.fromFiles(paths, registry);
  const out: Record<string, unknown> = {};
  for (const { group, name } of OPTIONS) {
    try {
      const v = config.get(group, name);
      out[`${group}.${name}`] = typeof v === 'number' && !Number.isFinite(v) ? (v > 0 ? 'inf' : '-inf') : v;
    } catch {
      out[`${group}.${name}`] = 'ERROR';
    }
  }
  return out;
}

function theirs(paths: string[]): Record<string, unknown> {
  const input = JSON.stringify({
    args: paths.flatMap((p) => ['--config-file', p]),
    options: OPTIONS.map((s) => ({ ...s, deprecated: s.deprecatedNames })),
  });
  const raw = JSON.parse(execFileSync(PYTHON, [join(__dirname, 'oslo_reference.py')], { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] })) as Record<
    string,
    { value?: unknown; error?: string }
  >;
  if (raw.__load__) throw new Error(`oslo refused the files: ${raw.__load__.error}`);
  return Object.fromEntries(Object.entries(raw).map(([k, r]) => [k, r.error !== undefined ? 'ERROR' : r.value]));
}

const CASES: [string, string[]][] = [
  ['strings, quotes and comments', ['[DEFAULT]\n# c\n;c\ns1 = "hello world"\ns2 = \'x\'\ns3 = "half\ns4 = a # b\nchoice = cadf\n']],
  ['continuation lines', ['[DEFAULT]\ns1 = first\n  second\n\tthird\n\ns2 = x\n  # kept\n']],
  ['interpolation', [
    '[DEFAULT]\nstate_path = /srv/ks\ns1 = $state_path/a\ns2 = ${identity.driver}/b\ns3 = a$$b\\$c pa$5word a$ $ x\ns4 = $log_dir/x.log-$debug-$n\n' +
      '[identity]\ndriver = ldap\nref = $driver:$state_path:${domain_config_dir}\n',
  ]],
  ['default interpolated from a file value', ['[DEFAULT]\nstate_path = /opt/ks\n']],
  ['unknown references', ['[DEFAULT]\ns1 = pa$sword\ns2 = $nogroup.x\ns3 = $identity.driver.extra\ns4 = ${log_dir}\n']],
  ['booleans in any case', ['[DEFAULT]\ndebug = TRUE\nverbose = Off\n[identity]\ncaching = nO\n']],
  ['bad boolean', ['[DEFAULT]\ndebug = yess\nverbose = \n']],
  ['integers in range', ['[DEFAULT]\nn = 100\n[eventlet_server]\npublic_port = 0\n']],
  ['integers out of range', ['[DEFAULT]\nn = 101\n[eventlet_server]\npublic_port = -1\n']],
  ['integer syntax', ['[DEFAULT]\nn =  +42 \nf = 1e2\n']],
  ['integer junk', ['[DEFAULT]\nn = 4.5\nf = 0x10\n']],
  ['empty numbers', ['[DEFAULT]\nn =\nf =   \n']],
  ['floats', ['[DEFAULT]\nf = -Infinity\n']],
  ['lists', ['[DEFAULT]\nlst = a,,b, c ,\n']],
  ['empty list', ['[DEFAULT]\nlst =\n']],
  ['dicts', ['[DEFAULT]\ndct = a:1, b : 2,url:http://h:5000\n']],
  ['dict retry', ['[DEFAULT]\ndct = a,b:1\n']],
  ['dict duplicates', ['[DEFAULT]\ndct = a:1,a:2\n']],
  ['repeated keys', ['[DEFAULT]\nmulti = a\nmulti = b\ns1 = first\ns1 = second\nmulti = c\n']],
  ['section names are case-insensitive', ['[Identity]\ndriver = ldap\n[IDENTITY]\ncaching = false\n']],
  ['deprecated names', ['[DEFAULT]\nbind_host = 10.0.0.1\npublic_port = 5001\nold_tags = o\n[identity]\ntags = t\n']],
  ['current name beats deprecated in one file', ['[eventlet_server]\npublic_bind_host = 1.1.1.1\n[DEFAULT]\nbind_host = 2.2.2.2\n']],
  ['later files win', [
    '[DEFAULT]\ns1 = one\nmulti = a\ndebug = true\n[eventlet_server]\npublic_bind_host = 1.1.1.1\n',
    '[DEFAULT]\ns1 = two\nmulti = b\nbind_host = 9.9.9.9\n[identity]\ntags = t1\n',
    '[DEFAULT]\nmulti = c\nold_tags = o3\n[identity]\ntags = t3\n',
  ]],
  ['reference to a value of a later file', ['[DEFAULT]\ns1 = $s2\ns2 = one\n', '[DEFAULT]\ns2 = two\n']],
];

describeOslo('KeystoneConfig agrees with oslo.config', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ks-oslo-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(CASES)('%s', (label, texts) => {
    const paths = texts.map((t, i) => {
      const p = join(dir, `${label.replace(/\W+/g, '_')}_${i}.conf`);
      writeFileSync(p, t);
      return p;
    });
    expect(ours(paths)).toEqual(theirs(paths));
  });
});
