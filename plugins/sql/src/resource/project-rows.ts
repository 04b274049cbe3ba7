import type { Knex } from 'knex';
import type { NewProject, ProjectRecord } from '@keystone-ts/plugin-sdk';
import { fromDbBool, parseExtra, toDbBool, type Dialect } from '../common/sql-values';

/**
 * Keystone stores a domain's (null) domain_id as this hidden row's id so the
 * (domain_id, name) unique constraint also covers domains; the row itself is
 * never shown.
 */
export const ROOT_DOMAIN_ID = '<<keystone.domain.root>>';

/** Columns of `project` (plus `tags`, kept in `project_tag`): Keystone's `Project.attributes`. */
export const PROJECT_ATTRS = new Set(['id', 'name', 'domain_id', 'description', 'enabled', 'parent_id', 'is_domain', 'tags']);

/** Keystone's PROJECT_OPTIONS_REGISTRY: option id (as stored) ↔ option name (as shown). */
export const PROJECT_OPTION_IDS: Readonly<Record<string, string>> = { immutable: 'IMMU' };
const OPTION_NAMES: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(PROJECT_OPTION_IDS).map(([n, id]) => [id, n]));

export const encodeDomainId = (v: string | null | undefined): string => v ?? ROOT_DOMAIN_ID;

/** Client-sent attributes that are not columns; `extra` and `options` never land there (as in from_dict). */
export function extraOf(p: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(p).filter(([k]) => !PROJECT_ATTRS.has(k) && k !== 'extra' && k !== 'options'));
}

export function projectColumns(dialect: Dialect, id: string, p: NewProject): Record<string, unknown> {
  return {
    id,
    name: p.name,
    extra: JSON.stringify(extraOf(p)),
    description: p.description,
    enabled: toDbBool(dialect, p.enabled),
    domain_id: encodeDomainId(p.domain_id),
    parent_id: p.parent_id,
    is_domain: toDbBool(dialect, p.is_domain),
  };
}

/** Keystone's `Project.to_dict`: extras first, then the attributes, then options. */
export function toRecord(row: Record<string, unknown>, tags: string[], options: Record<string, unknown>): ProjectRecord {
  return {
    ...parseExtra(row.extra),
    id: row.id as string,
    name: row.name as string,
    domain_id: row.domain_id === ROOT_DOMAIN_ID ? null : (row.domain_id as string),
    description: (row.description as string | null) ?? null,
    enabled: fromDbBool(row.enabled) as boolean,
    parent_id: (row.parent_id as string | null) ?? null,
    is_domain: fromDbBool(row.is_domain) ?? false,
    tags,
    options,
  };
}

/** SQLite caps bound parameters; long IN lists go in slices. */
export async function chunked<T, R>(items: readonly T[], q: (chunk: T[]) => PromiseLike<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += 500) out.push(...(await q(items.slice(i, i + 500))));
  return out;
}

/** Rows → records with their tags and options: two queries for the whole list. */
export async function hydrate(db: Knex | Knex.Transaction, rows: Record<string, unknown>[]): Promise<ProjectRecord[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id as string);
  const [tagRows, optionRows] = await Promise.all([
    chunked(ids, (c) => db('project_tag').whereIn('project_id', c).select('project_id', 'name')),
    chunked(ids, (c) => db('project_option').whereIn('project_id', c).select('project_id', 'option_id', 'option_value')),
  ]);
  const tags = new Map<string, string[]>();
  for (const t of tagRows) tags.set(t.project_id, [...(tags.get(t.project_id) ?? []), t.name]);
  const options = new Map<string, Record<string, unknown>>();
  for (const o of optionRows) {
    const name = OPTION_NAMES[o.option_id as string];
    if (!name) continue; // options this release does not know are not shown (Keystone ignores them too)
    options.set(o.project_id, { ...(options.get(o.project_id) ?? {}), [name]: parseJsonValue(o.option_value) });
  }
  return rows.map((r) => toRecord(r, tags.get(r.id as string) ?? [], options.get(r.id as string) ?? {}));
}

/** Replaces a project's tags (duplicates collapse, as Keystone's ORM collection does). */
export async function writeTags(trx: Knex.Transaction, projectId: string, tags: readonly string[]): Promise<void> {
  await trx('project_tag').where({ project_id: projectId }).delete();
  const unique = [...new Set(tags.map(String))];
  if (unique.length > 0) await trx('project_tag').insert(unique.map((name) => ({ project_id: projectId, name })));
}

/**
 * Keystone's resource_options_ref_to_mapper: registered options are set or
 * (when null) removed; options with an unregistered id are dropped.
 */
export async function writeOptions(trx: Knex.Transaction, projectId: string, options: Record<string, unknown>): Promise<void> {
  await trx('project_option').where({ project_id: projectId }).whereNotIn('option_id', Object.values(PROJECT_OPTION_IDS)).delete();
  for (const [name, value] of Object.entries(options)) {
    const id = PROJECT_OPTION_IDS[name];
    if (!id || value === undefined) continue;
    await trx('project_option').where({ project_id: projectId, option_id: id }).delete();
    if (value !== null) await trx('project_option').insert({ project_id: projectId, option_id: id, option_value: JSON.stringify(value) });
  }
}

function parseJsonValue(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

/** oslo strutils.bool_from_string(default=True), as Keystone reads boolean query filters. */
export function attrAsBoolean(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  return !['0', 'f', 'false', 'off', 'n', 'no'].includes(String(v).trim().toLowerCase());
}

/**
 * PostgreSQL refuses NUL in text and SQLite cuts LIKE patterns at it, so a
 * value with NUL is taken to match nothing, on both, without asking the
 * database (the dialect is an argument so the rule can differ if need be).
 */
export function unmatchable(_dialect: Dialect, ...values: unknown[]): boolean {
  return values.some((v) => (Array.isArray(v) ? v.some((x) => String(x).includes('\u0000')) : typeof v === 'string' && v.includes('\u0000')));
}

/** PostgreSQL's complaints about a value itself (too long, NUL, bad encoding): the client's input, not our fault. */
export function isBadValue(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '22001' || code === '22021' || code === '22P05';
}

/** Unique/primary-key violations on SQLite and PostgreSQL. */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
