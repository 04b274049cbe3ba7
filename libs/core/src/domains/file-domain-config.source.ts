import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseIni, type RawSections } from '../config/ini-parser';
import { ConfigurationError, type Logger } from '@keystone-ts/plugin-sdk';
import { DOMAIN_OVERLAY_GROUPS, type DomainConfigSource } from './domain-config-source';

const FILE_PATTERN = /^keystone\.(.+)\.conf$/;

/**
 * `keystone.<domain name>.conf` files in `[identity] domain_config_dir`.
 * Domain names are resolved to IDs through the resource API; a file naming
 * an unknown domain is skipped with a warning, like Keystone does.
 */
export class FileDomainConfigSource implements DomainConfigSource {
  constructor(
    private readonly dir: string,
    private readonly domainIdByName: (name: string) => Promise<string | null>,
    private readonly domainNameById: (id: string) => Promise<string | null>,
    private readonly logger: Logger,
  ) {}

  async load(domainId: string) {
    const name = await this.domainNameById(domainId);
    if (name === null) return null;
    const file = join(this.dir, `keystone.${name}.conf`);
    if (!existsSync(file)) return null;
    const text = readFileSync(file, 'utf8');
    return {
      sections: this.overlayOnly(parse(text, file), file),
      fingerprint: createHash('sha256').update(text).digest('hex'),
      origin: file,
    };
  }

  async listConfigured() {
    if (!existsSync(this.dir) || !statSync(this.dir).isDirectory()) {
      this.logger.warn(`Domain config directory ${this.dir} does not exist; no domain-specific drivers loaded`);
      return [];
    }
    const out: { domainId: string; sections: RawSections; origin: string }[] = [];
    for (const entry of readdirSync(this.dir).sort()) {
      const m = FILE_PATTERN.exec(entry);
      if (!m) continue;
      const file = join(this.dir, entry);
      const domainId = await this.domainIdByName(m[1]);
      if (domainId === null) {
        this.logger.warn(`Invalid domain name '${m[1]}' found in config file name ${file}: ignored`);
        continue;
      }
      out.push({ domainId, sections: this.overlayOnly(parse(readFileSync(file, 'utf8'), file), file), origin: file });
    }
    return out;
  }

  private overlayOnly(sections: RawSections, file: string): RawSections {
    for (const name of [...sections.keys()]) {
      if (!DOMAIN_OVERLAY_GROUPS.includes(name)) {
        this.logger.warn(`Section [${name}] in ${file} is not domain-specific: ignored`);
        sections.delete(name);
      }
    }
    return sections;
  }
}

/** A syntax error in a domain file stops the start like one in keystone.conf: one line naming file and line. */
function parse(text: string, file: string): RawSections {
  try {
    return parseIni(text, file);
  } catch (e) {
    throw new ConfigurationError(`Domain-specific configuration ${file}: ${(e as Error).message}`);
  }
}
