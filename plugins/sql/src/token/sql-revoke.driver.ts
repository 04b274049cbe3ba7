import type { RevocationEvent, RevokeDriver } from '@keystone-ts/plugin-sdk';
import type { Knex } from 'knex';
import { fromDbDate, toDbDate, type Dialect } from '../common/sql-values';

const COLUMNS = ['domain_id', 'project_id', 'user_id', 'role_id', 'trust_id', 'consumer_id', 'access_token_id', 'audit_id', 'audit_chain_id'] as const;

/** Keystone's `revocation_event` table. */
export class SqlRevokeDriver implements RevokeDriver {
  constructor(
    private readonly db: () => Knex,
    private readonly dialect: Dialect,
  ) {}

  async listEvents(since: Date | null): Promise<RevocationEvent[]> {
    const q = this.db()('revocation_event').orderBy('revoked_at', 'asc').orderBy('id', 'asc');
    if (since) q.where('revoked_at', '>=', toDbDate(this.dialect, since) as string);
    return (await q).map(toEvent);
  }

  async revoke(event: RevocationEvent, pruneBefore: Date): Promise<void> {
    await this.db().transaction(async (trx) => {
      await trx('revocation_event').where('revoked_at', '<', toDbDate(this.dialect, pruneBefore) as string).delete();
      const row: Record<string, unknown> = {
        issued_before: toDbDate(this.dialect, event.issued_before),
        expires_at: toDbDate(this.dialect, event.expires_at ?? null),
        revoked_at: toDbDate(this.dialect, event.revoked_at),
      };
      for (const c of COLUMNS) row[c] = event[c] ?? null;
      await trx('revocation_event').insert(row);
    });
  }

  async version(): Promise<string> {
    const r = await this.db()('revocation_event').max('id as m').count('id as c').first();
    return `${r?.m ?? 0}:${r?.c ?? 0}`;
  }
}

function toEvent(r: Record<string, unknown>): RevocationEvent {
  const e: RevocationEvent = {
    id: r.id as number,
    issued_before: fromDbDate(r.issued_before)!,
    expires_at: fromDbDate(r.expires_at),
    revoked_at: fromDbDate(r.revoked_at)!,
  };
  for (const c of COLUMNS) e[c] = (r[c] as string | null) ?? null;
  return e;
}
