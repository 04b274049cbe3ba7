import type { Knex } from 'knex';
import type { ProjectTagFilters } from '@keystone-ts/plugin-sdk';

/**
 * The four tag filters as sub-queries on `project_tag`, so a tag-filtered
 * listing stays one query. Semantics are the API reference's (all / any /
 * not all / none); Keystone's Python reaches the same answers except in two
 * combinations where it mis-merges id lists (`tags` matching nothing plus
 * `not-tags`, and `not-tags` plus `not-tags-any`).
 */
export function applyTagFilters(db: Knex, q: Knex.QueryBuilder, f: ProjectTagFilters | undefined, idColumn: string): void {
  if (!f) return;
  if (f.tags) q.whereIn(idColumn, havingAll(db, f.tags));
  if (f.tagsAny) q.whereIn(idColumn, havingAny(db, f.tagsAny));
  if (f.notTags) q.whereNotIn(idColumn, havingAll(db, f.notTags));
  if (f.notTagsAny) q.whereNotIn(idColumn, havingAny(db, f.notTagsAny));
}

function havingAny(db: Knex, tags: readonly string[]): Knex.QueryBuilder {
  return db('project_tag').distinct('project_id').whereIn('name', unique(tags));
}

function havingAll(db: Knex, tags: readonly string[]): Knex.QueryBuilder {
  const wanted = unique(tags);
  return db('project_tag')
    .select('project_id')
    .whereIn('name', wanted)
    .groupBy('project_id')
    .havingRaw('COUNT(DISTINCT name) = ?', [wanted.length]);
}

function unique(tags: readonly string[]): string[] {
  return [...new Set(tags)];
}
