import {
  NotFound,
  type DomainConfigDriver,
  type DomainConfigEntry,
  type DomainConfigOption,
} from '@keystone-ts/plugin-sdk';
import type { Knex } from 'knex';
import { isUniqueViolation } from '../resource/project-rows';
import { pythonJsonDumps, pythonJsonLoads } from './python-json';

const WHITELISTED = 'whitelisted_config';
const SENSITIVE = 'sensitive_config';

type Row = { group: string; option: string; value: unknown };

/**
 * Keystone's `resource/config_backends/sql.py` over its own tables:
 * `whitelisted_config` and `sensitive_config` (value = JSON text, as
 * SQLAlchemy's JsonBlob writes it) and `config_register`.
 */
export class SqlDomainConfigDriver implements DomainConfigDriver {
  constructor(private readonly knex: () => Knex) {}

  async createConfigOptions(domainId: string, options: readonly DomainConfigEntry[]): Promise<void> {
    await this.knex().transaction(async (trx) => {
      for (const table of [WHITELISTED, SENSITIVE]) await trx(table).where({ domain_id: domainId }).delete();
      for (const o of options) await insert(trx, domainId, o);
    });
  }

  async getConfigOption(domainId: string, group: string, option: string, sensitive = false): Promise<DomainConfigOption> {
    const row = (await this.knex()(table(sensitive)).where({ domain_id: domainId, group, option }).first()) as Row | undefined;
    if (!row) throw new NotFound(`Could not find option ${option} in group ${group} in domain configuration for domain ${domainId}.`);
    return toOption(row);
  }

  async listConfigOptions(domainId: string, group: string | null = null, option: string | null = null, sensitive = false): Promise<DomainConfigOption[]> {
    const q = this.knex()(table(sensitive)).select('group', 'option', 'value').where({ domain_id: domainId });
    // As Keystone: an option narrows only within a group.
    if (group) {
      q.andWhere({ group });
      if (option) q.andWhere({ option });
    }
    return ((await q.orderBy(['group', 'option'])) as Row[]).map(toOption);
  }

  async loadConfig(domainId: string): Promise<DomainConfigEntry[]> {
    const k = this.knex();
    // One statement for both tables: this runs on every recheck of a domain's driver.
    const rows = (await k
      .select('group', 'option', 'value', k.raw('0 as sensitive'))
      .from(WHITELISTED)
      .where({ domain_id: domainId })
      .unionAll((q) => q.select('group', 'option', 'value', k.raw('1 as sensitive')).from(SENSITIVE).where({ domain_id: domainId }))) as (Row & {
      sensitive: number | string;
    })[];
    return rows
      .map((r) => ({ ...toOption(r), sensitive: Number(r.sensitive) === 1 }))
      .sort((a, b) => cmp(a.group, b.group) || cmp(a.option, b.option) || Number(a.sensitive) - Number(b.sensitive));
  }

  async listConfiguredDomainIds(): Promise<string[]> {
    const k = this.knex();
    const rows = (await k.select('domain_id').from(WHITELISTED).union((q) => q.select('domain_id').from(SENSITIVE))) as { domain_id: string }[];
    return rows.map((r) => r.domain_id).sort();
  }

  async updateConfigOptions(domainId: string, options: readonly DomainConfigEntry[]): Promise<void> {
    await this.knex().transaction(async (trx) => {
      for (const o of options) {
        // An option may move between tables (its sensitivity is the manager's call), so both lose it first.
        for (const t of [WHITELISTED, SENSITIVE]) await trx(t).where({ domain_id: domainId, group: o.group, option: o.option }).delete();
        await insert(trx, domainId, o);
      }
    });
  }

  async deleteConfigOptions(domainId: string, group: string | null = null, option: string | null = null): Promise<void> {
    await this.knex().transaction(async (trx) => {
      for (const t of [WHITELISTED, SENSITIVE]) {
        const q = trx(t).where({ domain_id: domainId });
        if (group) {
          q.andWhere({ group });
          if (option) q.andWhere({ option });
        }
        await q.delete();
      }
    });
  }

  async obtainRegistration(domainId: string, type: string): Promise<boolean> {
    try {
      await this.knex()('config_register').insert({ type, domain_id: domainId });
      return true;
    } catch (e) {
      // Another domain (or another process for this one) got there first.
      if (isUniqueViolation(e)) return false;
      throw e;
    }
  }

  async readRegistration(type: string): Promise<string | null> {
    const row = (await this.knex()('config_register').where({ type }).first()) as { domain_id: string } | undefined;
    return row?.domain_id ?? null;
  }

  async releaseRegistration(domainId: string, type: string | null = null): Promise<void> {
    const q = this.knex()('config_register').where({ domain_id: domainId });
    if (type) q.andWhere({ type });
    await q.delete();
  }
}

function table(sensitive: boolean): string {
  return sensitive ? SENSITIVE : WHITELISTED;
}

function insert(trx: Knex.Transaction, domainId: string, o: DomainConfigEntry) {
  return trx(table(o.sensitive)).insert({ domain_id: domainId, group: o.group, option: o.option, value: pythonJsonDumps(o.value) });
}

function toOption(r: Row): DomainConfigOption {
  return { group: r.group, option: r.option, value: pythonJsonLoads(r.value) };
}

/** Byte order, as SQL's default collation would give on both databases for these ASCII names. */
function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
