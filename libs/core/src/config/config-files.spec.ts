import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { ConfigurationError, opt } from '@keystone-ts/plugin-sdk';
import { extractConfigArgs, resolveConfigFiles } from './config-files';
import { KeystoneConfig } from './keystone-config';
import { OptionRegistry } from './option-registry';

const PYTHON = '/usr/bin/python3';
const haveOslo = spawnSync(PYTHON, ['-c', 'import oslo_config'], { stdio: 'ignore' }).status === 0;

let home: string;
let savedHome: string | undefined;
beforeEach(() => {
  home = mkdtempSync(join(tmpdir(), 'ks-home-'));
  savedHome = process.env.HOME;
  process.env.HOME = home;
});
afterEach(() => {
  process.env.HOME = savedHome;
  rmSync(home, { recursive: true, force: true });
});

/** Writes `[DEFAULT] marker = <relative path>` so the read order shows in a multi-valued option. */
function conf(rel: string): string {
  const p = join(home, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, `[DEFAULT]\nmarker = ${rel}\n`);
  return p;
}

function resolveArgv(argv: string[]): string[] {
  return resolveConfigFiles(extractConfigArgs(argv).args);
}

function markers(argv: string[]): string[] {
  const registry = new OptionRegistry();
  registry.register({ name: 'DEFAULT', options: { marker: opt.multi({ default: [], help: '' }) } }, 'test');
  return KeystoneConfig.fromFiles(resolveArgv(argv), registry).get<string[]>('DEFAULT', 'marker');
}

function osloMarkers(argv: string[]): string[] {
  const input = JSON.stringify({ args: argv, search: true, options: [{ group: 'DEFAULT', name: 'marker', type: 'multi', default: [] }] });
  const out = execFileSync(PYTHON, [join(__dirname, 'oslo_reference.py')], {
    input,
    encoding: 'utf8',
    env: { ...process.env, HOME: home },
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  const parsed = JSON.parse(out) as Record<string, { value?: string[]; error?: string }>;
  if (parsed.__load__) throw new Error(parsed.__load__.error);
  return parsed['DEFAULT.marker'].value!;
}

describe('extractConfigArgs', () => {
  it('takes both spellings out of argv, keeps the rest and their order', () => {
    const { args, rest } = extractConfigArgs(['--config-file', 'a.conf', 'db_sync', '--config-dir=d', '--config-file=/b.conf', '--debug']);
    expect(rest).toEqual(['db_sync', '--debug']);
    expect(args.configFiles).toEqual([resolve('a.conf'), '/b.conf']);
    expect(args.configDirs).toEqual([resolve('d')]);
    expect(args.sources).toEqual([
      { kind: 'file', path: resolve('a.conf') },
      { kind: 'dir', path: resolve('d') },
      { kind: 'file', path: '/b.conf' },
    ]);
  });

  it('expands ~ like oslo _fixpath', () => {
    expect(extractConfigArgs(['--config-file=~/k.conf']).args.configFiles).toEqual([join(home, 'k.conf')]);
  });

  it('refuses a flag without a value', () => {
    expect(() => extractConfigArgs(['--config-file'])).toThrow(ConfigurationError);
    expect(() => extractConfigArgs(['--config-dir='])).toThrow('--config-dir needs a value');
  });
});

describe('resolveConfigFiles', () => {
  it('searches ~/.keystone/ before ~/ (first keystone.conf wins)', () => {
    const dotted = conf('.keystone/keystone.conf');
    conf('keystone.conf');
    expect(resolveArgv([])).toEqual([dotted]);
  });

  it('falls back to ~/keystone.conf', () => {
    const plain = conf('keystone.conf');
    expect(resolveArgv([])).toEqual([plain]);
  });

  it('reads keystone.conf.d/*.conf sorted, searched on its own, after the default file', () => {
    const main = conf('.keystone/keystone.conf');
    const b = conf('keystone.conf.d/20-b.conf');
    const a = conf('keystone.conf.d/10-a.conf');
    conf('keystone.conf.d/.hidden.conf');
    writeFileSync(join(home, 'keystone.conf.d/notes.txt'), 'x');
    expect(resolveArgv([])).toEqual([main, a, b]);
  });

  it('with --config-file: no default file, but the default conf.d is still read first', () => {
    conf('.keystone/keystone.conf');
    const d = conf('.keystone/keystone.conf.d/a.conf');
    const given = conf('given.conf');
    expect(resolveArgv(['--config-file', given])).toEqual([d, given]);
  });

  it('with --config-dir: the default file is still read first, then the dir sorted', () => {
    const main = conf('.keystone/keystone.conf');
    conf('.keystone/keystone.conf.d/ignored.conf');
    const y = conf('cli.d/y.conf');
    const x = conf('cli.d/x.conf');
    expect(resolveArgv(['--config-dir', join(home, 'cli.d')])).toEqual([main, x, y]);
  });

  it('keeps command-line order between --config-file and --config-dir', () => {
    const f1 = conf('f1.conf');
    const d = conf('d/a.conf');
    const f2 = conf('f2.conf');
    expect(resolveArgv(['--config-file', f2, '--config-dir', join(home, 'd'), '--config-file', f1])).toEqual([f2, d, f1]);
  });

  it('refuses a missing --config-file or --config-dir', () => {
    expect(() => resolveArgv(['--config-file', join(home, 'nope.conf')])).toThrow(/Config file not found: .*nope\.conf/);
    expect(() => resolveArgv(['--config-dir', join(home, 'nope.d')])).toThrow(/Config directory not found: .*nope\.d/);
  });

  it('lets the later file win for a single value', () => {
    const registry = new OptionRegistry();
    registry.register({ name: 'DEFAULT', options: { marker: opt.str({ default: null, help: '' }) } }, 'test');
    const a = conf('a.conf');
    const b = conf('b.conf');
    expect(KeystoneConfig.fromFiles(resolveArgv(['--config-file', a, '--config-file', b]), registry).get('DEFAULT', 'marker')).toBe('b.conf');
  });
});

(haveOslo ? describe : describe.skip)('file order agrees with oslo.config', () => {
  const layouts: [string, string[], (h: string) => string[]][] = [
    ['defaults only', ['.keystone/keystone.conf', 'keystone.conf', 'keystone.conf.d/b.conf', 'keystone.conf.d/a.conf'], () => []],
    ['--config-file only', ['.keystone/keystone.conf', '.keystone/keystone.conf.d/x.conf', 'f.conf'], (h) => ['--config-file', join(h, 'f.conf')]],
    ['--config-dir only', ['.keystone/keystone.conf', 'keystone.conf.d/x.conf', 'cli/2.conf', 'cli/1.conf'], (h) => ['--config-dir', join(h, 'cli')]],
    ['mixed order', ['.keystone/keystone.conf', 'f1.conf', 'f2.conf', 'd/z.conf', 'd/a.conf'], (h) => [
      '--config-file', join(h, 'f2.conf'), '--config-dir', join(h, 'd'), '--config-file', join(h, 'f1.conf'),
    ]],
  ];

  it.each(layouts)('%s', (_label, files, argv) => {
    files.forEach(conf);
    expect(markers(argv(home))).toEqual(osloMarkers(argv(home)));
  });
});
