import type { ProjectRecord } from '@keystone-ts/plugin-sdk';

/** Nested IDs, Keystone's `parents_as_ids` / `subtree_as_ids` shape: `{id: {id: null}}`, or null when empty. */
export type IdTree = { [id: string]: IdTree | null };

/**
 * `{parent: {grandparent: ... {domain: null}}}` from a project and its
 * ancestors (in any order); null for a root project.
 */
export function parentsAsIds(project: ProjectRecord, parents: readonly ProjectRecord[]): IdTree | null {
  const byId = new Map(parents.map((p) => [p.id, p]));
  const seen = new Set<string>();
  const up = (p: ProjectRecord | undefined): IdTree | null => {
    const parentId = p?.parent_id;
    if (!parentId || seen.has(parentId)) return null;
    seen.add(parentId);
    return { [parentId]: up(byId.get(parentId)) };
  };
  return up(project);
}

/** `{child: {grandchild: null}, child2: null}` below a project; null when it has no children. */
export function subtreeAsIds(projectId: string, subtree: readonly ProjectRecord[]): IdTree | null {
  const children = new Map<string, ProjectRecord[]>();
  for (const p of subtree) {
    if (p.parent_id) children.set(p.parent_id, [...(children.get(p.parent_id) ?? []), p]);
  }
  const seen = new Set<string>();
  const down = (id: string): IdTree | null => {
    const kids = (children.get(id) ?? []).filter((k) => !seen.has(k.id));
    if (kids.length === 0) return null;
    const out: IdTree = {};
    for (const k of kids) {
      seen.add(k.id);
      out[k.id] = down(k.id);
    }
    return out;
  };
  return down(projectId);
}
