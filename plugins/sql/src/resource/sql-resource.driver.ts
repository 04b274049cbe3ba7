import { Conflict, NotFound, ValidationError, type DriverHints, type NewProject, type ProjectRecord, type ProjectTagFilters, type ResourceDriver } from '@keystone-ts/plugin-sdk';
import type { Knex } from 'knex';
import { applyHintFilters } from '../common/knex-filters';
import { toDbBool, type Dialect } from '../common/sql-values';
import { applyTagFilters } from './project-tag-filters';
import {
  ROOT_DOMAIN_ID,
  attrAsBoolean,
  chunked,
  encodeDomainId,
  extraOf,
  hydrate,
  isBadValue,
  isUniqueViolation,
  unmatchable,
  projectColumns,
  writeOptions,
  writeTags,
} from './project-rows';
import { parseExtra } from '../common/sql-values';

type Row = Record<string, unknown>;

const STRING_COLUMNS = { id: 'id', name: 'name', domain_id: 'domain_id', parent_id: 'parent_id', description: 'description' };
const BOOLEAN_COLUMNS: Readonly<Record<string, string>> = { enabled: 'enabled', is_domain: 'is_domain' };

/**
 * Projects and domains in Keystone's `project`, `project_tag` and
 * `project_option` tables (Keystone's `resource.backends.sql.Resource`).
 */
export class SqlResourceDriver implements ResourceDriver {
  constructor(
    private readonly db: () => Knex,
    private readonly dialect: Dialect,
  ) {}

  async getProject(projectId: string): Promise<ProjectRecord> {
    return this.getIn(this.db(), projectId);
  }

  async getProjectByName(name: string, domainId: string | null): Promise<ProjectRecord> {
    if (unmatchable(this.dialect, name, domainId)) throw NotFound.entity('project', name);
    const rows = await this.visible(this.db()).where({ name, domain_id: encodeDomainId(domainId) });
    if (rows.length === 0) throw NotFound.entity('project', name);
    return (await hydrate(this.db(), rows))[0];
  }

  async listProjects(hints: DriverHints, tags?: ProjectTagFilters): Promise<ProjectRecord[]> {
    const db = this.db();
    if (unmatchable(this.dialect, ...hints.filters.map((f) => f.value), tags?.tags, tags?.tagsAny)) {
      hints.filters = [];
      return [];
    }
    if (unmatchable(this.dialect, tags?.notTags, tags?.notTagsAny)) {
      // Nothing carries such a tag: the negative filters exclude nothing.
      tags = { tags: tags?.tags, tagsAny: tags?.tagsAny };
    }
    const q = this.visible(db);
    for (const f of [...hints.filters]) {
      const col = BOOLEAN_COLUMNS[f.name];
      // Inexact comparators on booleans are left to the manager (LIKE on a PostgreSQL boolean is an error).
      if (col && f.comparator === 'equals') {
        q.where(col, toDbBool(this.dialect, attrAsBoolean(f.value)));
        hints.removeFilter(f);
      } else if (f.name === 'domain_id' && f.comparator === 'equals' && f.value === null) {
        f.value = ROOT_DOMAIN_ID;
      }
    }
    applyHintFilters(q as never, hints, STRING_COLUMNS);
    applyTagFilters(db, q, tags, 'id');
    // Keystone limits in SQL only once every filter is satisfied there.
    const limit = hints.limit && hints.filters.length === 0 ? hints.limit.limit : null;
    if (limit !== null) q.limit(limit + 1);
    let rows = await q;
    if (limit !== null && rows.length > limit) {
      rows = rows.slice(0, limit);
      hints.limit!.truncated = true;
    }
    return hydrate(db, rows);
  }

  async listProjectsFromIds(projectIds: readonly string[]): Promise<ProjectRecord[]> {
    projectIds = projectIds.filter((id) => !unmatchable(this.dialect, id));
    const rows = await chunked<string, Row>(projectIds, (c) => this.visible(this.db()).whereIn('id', c));
    return hydrate(this.db(), rows);
  }

  async listProjectIdsFromDomainIds(domainIds: readonly string[]): Promise<string[]> {
    domainIds = domainIds.filter((id) => !unmatchable(this.dialect, id));
    const rows = await chunked<string, Row>(domainIds, (c) => this.visible(this.db()).whereIn('domain_id', c).select('id'));
    return rows.map((r) => r.id as string);
  }

  async listProjectsInDomain(domainId: string): Promise<ProjectRecord[]> {
    const db = this.db();
    if (unmatchable(this.dialect, domainId)) throw NotFound.entity('domain', domainId);
    const found = await this.visible(db).where({ id: domainId }).first('id');
    if (!found) throw NotFound.entity('domain', domainId);
    return hydrate(db, await this.visible(db).where({ domain_id: domainId }));
  }

  async listProjectParents(projectId: string): Promise<ProjectRecord[]> {
    const db = this.db();
    let current = await this.getIn(db, projectId);
    const parents: ProjectRecord[] = [];
    const seen = new Set([current.id]);
    while (current.parent_id !== null) {
      // A cycle can only come from hand-edited rows; stop rather than loop forever.
      if (seen.has(current.parent_id)) break;
      current = await this.getIn(db, current.parent_id);
      seen.add(current.id);
      parents.push(current);
    }
    return parents;
  }

  async listProjectsInSubtree(projectId: string): Promise<ProjectRecord[]> {
    const db = this.db();
    if (unmatchable(this.dialect, projectId)) return [];
    const out: Row[] = [];
    const seen = new Set([projectId]);
    let frontier = [projectId];
    // One query per level, breadth first, as Keystone walks it.
    while (frontier.length > 0) {
      const children = (await chunked<string, Row>(frontier, (c) => this.visible(db).whereIn('parent_id', c))).filter((r) => !seen.has(r.id as string));
      children.forEach((r) => seen.add(r.id as string));
      out.push(...children);
      frontier = children.map((r) => r.id as string);
    }
    return hydrate(db, out);
  }

  async isLeafProject(projectId: string): Promise<boolean> {
    if (unmatchable(this.dialect, projectId)) return true;
    return !(await this.visible(this.db()).where({ parent_id: projectId }).first('id'));
  }

  async createProject(projectId: string, project: NewProject): Promise<ProjectRecord> {
    await this.write(async (trx) => {
      await trx('project').insert(projectColumns(this.dialect, projectId, project));
      await writeTags(trx, projectId, project.tags ?? []);
      await writeOptions(trx, projectId, project.options ?? {});
    });
    return this.getProject(projectId);
  }

  async updateProject(projectId: string, patch: Partial<NewProject>): Promise<ProjectRecord> {
    let extra: Record<string, unknown> = {};
    await this.write(async (trx) => {
      const before = await this.getIn(trx, projectId);
      const merged = { ...before, ...patch } as NewProject;
      extra = { ...parseExtra((await trx('project').where({ id: projectId }).first('extra'))?.extra), ...extraOf(patch) };
      const { id: _id, ...columns } = projectColumns(this.dialect, projectId, merged);
      await trx('project').where({ id: projectId }).update({ ...columns, extra: JSON.stringify(extra) });
      if (patch.tags !== undefined) await writeTags(trx, projectId, patch.tags);
      await writeOptions(trx, projectId, patch.options ?? {});
    });
    return { ...(await this.getProject(projectId)), extra };
  }

  async deleteProject(projectId: string): Promise<void> {
    await this.write(async (trx) => {
      await this.getIn(trx, projectId);
      await this.deleteRows(trx, [projectId]);
    });
  }

  async deleteProjectsFromIds(projectIds: readonly string[]): Promise<void> {
    const ids = projectIds.filter((id) => id !== ROOT_DOMAIN_ID && !unmatchable(this.dialect, id));
    if (ids.length === 0) return;
    await this.write((trx) => this.deleteRows(trx, ids));
  }

  async checkProjectDepth(maxDepth: number): Promise<string[]> {
    const db = this.db();
    const exceeded: string[] = [];
    let level: Row[] = await this.visible(db).whereNull('parent_id').select('id');
    for (let depth = 1; level.length > 0 && depth <= 1000; depth++) {
      if (depth > maxDepth) exceeded.push(...level.map((r) => r.id as string));
      const ids = level.map((r) => r.id as string);
      level = await chunked<string, Row>(ids, (c) => this.visible(db).whereIn('parent_id', c).select('id'));
    }
    return exceeded;
  }

  /** Every row but the hidden root. */
  private visible(db: Knex | Knex.Transaction): Knex.QueryBuilder {
    return db('project').whereNot('id', ROOT_DOMAIN_ID).select('*');
  }

  private async getIn(db: Knex | Knex.Transaction, projectId: string): Promise<ProjectRecord> {
    if (unmatchable(this.dialect, projectId)) throw NotFound.entity('project', projectId);
    const rows = await this.visible(db).where({ id: projectId });
    if (rows.length === 0) throw NotFound.entity('project', projectId);
    return (await hydrate(db, rows))[0];
  }

  /** Tags and options go first: their foreign keys cascade only where the database enforces them. */
  private async deleteRows(trx: Knex.Transaction, ids: string[]): Promise<void> {
    await chunked(ids, async (c) => {
      await trx('project_tag').whereIn('project_id', c).delete();
      await trx('project_option').whereIn('project_id', c).delete();
      await trx('project').whereIn('id', c).delete();
      return [];
    });
  }

  private async write(work: (trx: Knex.Transaction) => Promise<void>): Promise<void> {
    try {
      await this.db().transaction(work);
    } catch (e) {
      if (isUniqueViolation(e)) throw Conflict.duplicate('project', 'Duplicate entry');
      if (isBadValue(e)) throw new ValidationError('Invalid input: a value is too long or contains characters the database cannot store.');
      throw e;
    }
  }
}
