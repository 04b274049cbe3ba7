/**
 * Reading operator policy files the way oslo.policy finds and parses them:
 * relative names are searched in the config directories (oslo_config's
 * find_file), a file is tried as JSON first and then as YAML 1.1 (PyYAML's
 * dialect, duplicate keys allowed, last wins), and a policy directory
 * contributes its non-hidden files in sorted order.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { PolicyFileError } from './policy.errors';
import { isPyDict } from './python-value.util';

export interface PolicyDocument {
  readonly path: string;
  /** Rule name → raw rule (string, list of lists or null), in file order. */
  readonly rules: ReadonlyMap<string, unknown>;
  /** oslo warns that JSON policy files are deprecated. */
  readonly json: boolean;
}

/**
 * Finds `name` (a file or directory): absolute paths as they are, relative ones in
 * `configDirs` in order (or against the working directory when none are given).
 */
export function resolvePolicyPath(name: string, configDirs: readonly string[]): string | undefined {
  if (isAbsolute(name)) return existsSync(name) ? name : undefined;
  const dirs = configDirs.length > 0 ? configDirs : [process.cwd()];
  for (const dir of dirs) {
    const candidate = resolve(dir, name);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

export function readPolicyDocument(path: string): PolicyDocument {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new PolicyFileError(path, undefined, `cannot be read (${(e as Error).message})`);
  }
  return parsePolicyText(text, path);
}

export function parsePolicyText(text: string, path: string): PolicyDocument {
  let parsed: unknown;
  let json = true;
  try {
    parsed = JSON.parse(text);
  } catch {
    json = false;
    try {
      parsed = parseYaml(text, { version: '1.1', merge: true, uniqueKeys: false, logLevel: 'error' });
    } catch (e) {
      throw new PolicyFileError(path, undefined, `is neither JSON nor YAML: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  // oslo: `parsed or {}` — an empty document (or an empty list/string) means no rules.
  if (parsed === null || parsed === undefined || parsed === '' || (Array.isArray(parsed) && parsed.length === 0)) {
    return { path, rules: new Map(), json };
  }
  if (!isPyDict(parsed)) {
    throw new PolicyFileError(path, undefined, 'must be a mapping of rule names to rules');
  }
  return { path, rules: new Map(Object.entries(parsed)), json };
}

/** Files of a policy directory in the order oslo applies them (sorted, hidden and sub-directories skipped). */
export function listPolicyDirectory(dir: string): string[] {
  if (!statSync(dir).isDirectory()) throw new PolicyFileError(dir, undefined, 'is not a directory');
  return readdirSync(dir)
    .filter((name) => !name.startsWith('.'))
    .sort(compareCodePoints)
    .map((name) => join(dir, name))
    .filter((path) => !isDirectory(path));
}

/** What a reload compares: the path plus modification time and size (missing files count too). */
export function fileStamp(path: string): string {
  try {
    const st = statSync(path);
    return `${path}@${st.mtimeMs}:${st.size}`;
  } catch {
    return `${path}@missing`;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false; // a dangling link is listed as a file, as os.walk does, and fails on read
  }
}

/** Python sorts by code point; JavaScript's default sort compares UTF-16 units. */
function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0) as number);
  const y = Array.from(b, (c) => c.codePointAt(0) as number);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}
