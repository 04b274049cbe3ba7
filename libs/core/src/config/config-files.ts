import { existsSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigurationError } from '@keystone-ts/plugin-sdk';

export interface ConfigArgs {
  configFiles: string[];
  configDirs: string[];
  /** Both kinds in command-line order (oslo reads them in that order); derived from the two lists when absent. */
  sources?: { kind: 'file' | 'dir'; path: string }[];
}

/** Python's expanduser: $HOME when set, else the account's home directory. */
function home(): string {
  return process.env.HOME || homedir();
}

/** oslo's _fixpath: `~` expanded, made absolute. */
function fixPath(p: string): string {
  return resolve(p === '~' || p.startsWith('~/') ? join(home(), p.slice(1)) : p);
}

/** Pulls `--config-file X`/`--config-file=X` and `--config-dir` out of argv; returns the rest. */
export function extractConfigArgs(argv: readonly string[]): { args: ConfigArgs; rest: string[] } {
  const args: ConfigArgs = { configFiles: [], configDirs: [], sources: [] };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--(config-file|config-dir)(?:=(.*))?$/.exec(a);
    if (!m) {
      rest.push(a);
      continue;
    }
    const value = m[2] ?? argv[++i];
    if (value === undefined || value === '') {
      throw new ConfigurationError(`--${m[1]} needs a value`);
    }
    const path = fixPath(value);
    const kind = m[1] === 'config-file' ? 'file' : 'dir';
    (kind === 'file' ? args.configFiles : args.configDirs).push(path);
    args.sources!.push({ kind, path });
  }
  return { args, rest };
}

/**
 * The files to read, in order (later wins), as oslo.config finds them:
 * - unless `--config-file` is given, the first `keystone.conf` in ~/.keystone/,
 *   ~/, /etc/keystone/, /etc/ (then $SNAP_COMMON/etc/keystone, $SNAP/etc/keystone);
 * - unless `--config-dir` is given, the `*.conf` (sorted) of the first
 *   `keystone.conf.d/` found in those same directories, searched on its own;
 * - then every `--config-file` and `--config-dir` (its `*.conf`, sorted) in
 *   command-line order.
 */
export function resolveConfigFiles(args: ConfigArgs, project = 'keystone'): string[] {
  const sources =
    args.sources ??
    [
      ...args.configFiles.map((path) => ({ kind: 'file' as const, path })),
      ...args.configDirs.map((path) => ({ kind: 'dir' as const, path })),
    ];
  const files: string[] = [];
  const searchDirs = defaultSearchDirs(project);
  if (!sources.some((s) => s.kind === 'file')) {
    const found = searchDirs.map((d) => join(d, `${project}.conf`)).find((f) => existsSync(f));
    if (found) files.push(found);
  }
  if (!sources.some((s) => s.kind === 'dir')) {
    const found = searchDirs.map((d) => join(d, `${project}.conf.d`)).find((d) => existsSync(d));
    if (found && statSync(found).isDirectory()) files.push(...confFilesIn(found));
  }
  for (const { kind, path } of sources) {
    if (kind === 'file') {
      if (!existsSync(path)) throw new ConfigurationError(`Config file not found: ${path}`);
      files.push(path);
    } else {
      if (!existsSync(path) || !statSync(path).isDirectory()) {
        throw new ConfigurationError(`Config directory not found: ${path}`);
      }
      files.push(...confFilesIn(path));
    }
  }
  return files;
}

/** oslo's _get_config_dirs. */
function defaultSearchDirs(project: string): string[] {
  const dirs = [join(home(), `.${project}`), home(), join('/etc', project), '/etc'];
  if (process.env.SNAP_COMMON) dirs.push(join(process.env.SNAP_COMMON, 'etc', project));
  if (process.env.SNAP) dirs.push(join(process.env.SNAP, 'etc', project));
  return dirs;
}

/** `glob(dir/*.conf)` sorted: dot-files are not matched by the glob. */
function confFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.conf') && !f.startsWith('.'))
    .sort()
    .map((f) => join(dir, f));
}
