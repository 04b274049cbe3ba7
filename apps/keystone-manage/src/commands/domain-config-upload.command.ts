import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { DOMAIN_CONFIG_API, ProviderApis, getLogger, parseIni, type DomainConfigApi } from '@keystone-ts/core';
import { DriverHints, NotFound } from '@keystone-ts/plugin-sdk';
import { KeystoneModule } from '@keystone-ts/server';
import type { CommandContext, ManageCommand } from '../command';

const HEAD = 'keystone.';
const TAIL = '.conf';

/** Keystone's `_domain_config_finder`: `keystone.<domain name>.conf` anywhere under the directory (os.walk). */
function* findDomainConfigs(dir: string): Generator<[file: string, domainName: string]> {
  const log = getLogger('keystone.manage');
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      yield* findDomainConfigs(path);
    } else if (entry.startsWith(HEAD) && entry.endsWith(TAIL) && entry.split('.').length - 1 >= 2) {
      yield [path, entry.slice(HEAD.length, -TAIL.length)];
    } else {
      log.warn(`Ignoring file (${entry}) while scanning domain config directory`);
    }
  }
}

/** Keystone's `_upload_config_to_database`: false (with the reason printed) when the file is skipped. */
async function upload(apis: ProviderApis, configs: DomainConfigApi, file: string, domainName: string, out: (l: string) => void): Promise<boolean> {
  let domainId: string;
  try {
    domainId = (await apis.resource.getDomainByName(domainName)).id;
  } catch (e) {
    if (!(e instanceof NotFound)) throw e;
    out(`Invalid domain name: ${domainName} found in config file name: ${file} - ignoring this file.`);
    return false;
  }
  if (Object.keys(await configs.getConfigWithSensitiveInfo(domainId)).length) {
    out(`Domain: ${domainName} already has a configuration defined - ignoring file: ${file}.`);
    return false;
  }
  let config: Record<string, Record<string, string>>;
  try {
    const sections = parseIni(readFileSync(file, 'utf8'), file);
    // oslo's parser keeps every value of a repeated option; Keystone uploads the first.
    config = Object.fromEntries([...sections].map(([g, opts]) => [g, Object.fromEntries([...opts].map(([o, vals]) => [o, vals[0].value]))]));
  } catch {
    out(`Error parsing configuration file for domain: ${domainName}, file: ${file}.`);
    return false;
  }
  try {
    await configs.createConfig(domainId, config);
    return true;
  } catch (e) {
    getLogger('keystone.manage').error(`Error processing config file for domain: ${domainName}, file: ${file}, error: ${(e as Error).message}`);
    return false;
  }
}

async function run(app: INestApplicationContext, { runtime, flags, out }: CommandContext): Promise<number> {
  const apis = app.get(ProviderApis);
  // Keystone checks the database first, so a bad [database] connection is what the operator hears about.
  try {
    await apis.resource.listDomains(new DriverHints());
  } catch (e) {
    out('Unable to access the keystone database, please check it is configured correctly.');
    throw e;
  }
  const domainName = flags['domain-name'] as string | undefined;
  if (!flags.all && domainName === undefined) {
    out('At least one option must be provided, use either --all or --domain-name');
    return 1;
  }
  if (flags.all && domainName !== undefined) {
    out('The --all option cannot be used with the --domain-name option');
    return 1;
  }
  const dir = runtime.config.get<string>('identity', 'domain_config_dir');
  if (!existsSync(dir)) {
    out(`Unable to locate domain config directory: ${dir}`);
    return 1;
  }
  const configs = app.get<DomainConfigApi>(DOMAIN_CONFIG_API, { strict: false });
  if (domainName !== undefined) return (await upload(apis, configs, join(dir, `${HEAD}${domainName}${TAIL}`), domainName, out)) ? 0 : 1;
  let uploaded = 0;
  let failed = 0;
  for (const [file, name] of findDomainConfigs(dir)) {
    if (await upload(apis, configs, file, name, out)) {
      uploaded++;
      getLogger('keystone.manage').info(`Successfully uploaded domain config '${file}'`);
    } else {
      failed++;
    }
  }
  if (uploaded === 0) getLogger('keystone.manage').warn(`No domain configs uploaded from '${dir}'`);
  return failed ? 1 : 0;
}

/** Keystone's `domain_config_upload`: domain files in `[identity] domain_config_dir` into the domain config tables. */
export const domainConfigUploadCommand: ManageCommand = {
  name: 'domain_config_upload',
  help: 'Upload the domain specific configuration files to the database.',
  flags: { all: 'boolean', 'domain-name': 'string' },
  async run(ctx) {
    const app = await NestFactory.createApplicationContext(KeystoneModule.forRuntime(ctx.runtime), { logger: ['error', 'warn'] });
    try {
      return await run(app, ctx);
    } finally {
      await app.close();
    }
  },
};
