import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { ConfigurationError } from '@keystone-ts/plugin-sdk';
import { parseTemplates, TemplateSyntaxError, type CatalogTemplates } from './template-parser';

/**
 * Where oslo.config's `find_file` looks for a relative name: next to the
 * config files (last one first), then Keystone's standard directories.
 */
export function templateSearchDirs(configFiles: readonly string[]): string[] {
  return [...[...configFiles].reverse().map((f) => dirname(resolve(f))), join(homedir(), '.keystone'), homedir(), '/etc/keystone', '/etc'];
}

/** `[catalog] template_file` as Keystone resolves it: the path itself, else found in the config directories. */
export function locateTemplateFile(path: string, configFiles: readonly string[]): string | null {
  if (existsSync(path)) return path;
  if (isAbsolute(path)) return null;
  for (const dir of templateSearchDirs(configFiles)) {
    const candidate = join(dir, path);
    if (existsSync(candidate)) return resolve(candidate);
  }
  return null;
}

/** Reads and parses the template file; a missing or broken file stops the start, as it does Keystone. */
export function loadTemplateFile(path: string, configFiles: readonly string[]): CatalogTemplates {
  const found = locateTemplateFile(path, configFiles);
  if (!found) throw new ConfigurationError(`Unable to open template file ${path} ([catalog] template_file)`);
  let text: string;
  try {
    text = readFileSync(found, 'utf8');
  } catch (e) {
    throw new ConfigurationError(`Unable to open template file ${found}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  try {
    return parseTemplates(text, found);
  } catch (e) {
    if (e instanceof TemplateSyntaxError) throw new ConfigurationError(`Invalid catalog template: ${e.message}`);
    throw e;
  }
}
