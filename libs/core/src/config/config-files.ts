import { existsSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigurationError } from '@keystone-ts/plugin-sdk';

export interface ConfigArgs {
  configFiles: string[];
  configDirs: string[];
}

/** Pulls `--config-file X`/`--config-file=X` and `--config-dir` out of argv; returns the rest. */
export function extractConfigArgs(argv: readonly string[]): { args: ConfigArgs; rest: string[] } {
  const args: ConfigArgs = { configFiles: [], configDirs: [] };
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--(config-file|config-dir)(?:=(.*))?$/.exec(a);
    if (!m) {
      rest.push(a);
      continue;
    }
    const value = m[2] ?? argv[++i];
    if (value === undefined) {
      throw new ConfigurationError(`--${m[1]} needs a value`);
    }
    (m[1] === 'config-file' ? args.configFiles : args.configDirs).push(resolve(value));
  }
  return { args, rest };
}

/**
 * The files to read, in order (later wins), as oslo.config finds them: the
 * given files, then `*.conf` of each given dir sorted; when nothing is given,
 * the first `keystone.conf` in ~/.keystone/, ~/, /etc/keystone/, /etc/ plus
 * the `keystone.conf.d/` beside it.
 */
export function resolveConfigFiles(args: ConfigArgs, project = 'keystone'): string[] {
  const files: string[] = [];
  for (const f of args.configFiles) {
    if (!existsSync(f)) throw new ConfigurationError(`Config file not found: ${f}`);
    files.push(f);
  }
  for (const dir of args.configDirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new ConfigurationError(`Config directory not found: ${dir}`);
    }
    files.push(...confFilesIn(dir));
  }
  if (args.configFiles.length || args.configDirs.length) return files;
  for (const dir of [join(homedir(), `.${project}`), homedir(), `/etc/${project}`, '/etc']) {
    const candidate = join(dir, `${project}.conf`);
    if (existsSync(candidate)) {
      const dDir = join(dir, `${project}.conf.d`);
      return [candidate, ...(existsSync(dDir) ? confFilesIn(dDir) : [])];
    }
  }
  return [];
}

function confFilesIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.conf'))
    .sort()
    .map((f) => join(dir, f));
}
