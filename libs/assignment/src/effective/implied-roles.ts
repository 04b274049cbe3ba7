import type { ImpliedRoleRecord } from '@keystone-ts/plugin-sdk';
import type { Assignment } from './assignment.types';

/** Inference rules indexed by prior role, built from one `listRoleInferenceRules()` read. */
export class InferenceRules {
  private readonly byPrior = new Map<string, string[]>();
  private readonly closures = new Map<string, ReadonlySet<string>>();

  constructor(rules: readonly ImpliedRoleRecord[]) {
    for (const r of rules) {
      const list = this.byPrior.get(r.prior_role_id) ?? [];
      list.push(r.implied_role_id);
      this.byPrior.set(r.prior_role_id, list);
    }
  }

  implied(roleId: string): readonly string[] {
    return this.byPrior.get(roleId) ?? [];
  }

  /** The role and every role it implies, directly or not (cycles allowed, as Keystone allows them). */
  closure(roleId: string): ReadonlySet<string> {
    const known = this.closures.get(roleId);
    if (known) return known;
    const seen = new Set<string>([roleId]);
    const queue = [roleId];
    while (queue.length > 0) {
      for (const next of this.implied(queue.pop()!)) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    this.closures.set(roleId, seen);
    return seen;
  }

  /** Role ids plus everything they imply, each once, in first-seen order. */
  expandIds(roleIds: Iterable<string>): string[] {
    const out = new Set<string>();
    for (const id of roleIds) for (const r of this.closure(id)) out.add(r);
    return [...out];
  }

  /**
   * Keystone's `add_implied_roles`, ref for ref: each assignment whose role
   * implies others is copied once per implied role, with the prior role in
   * `indirect.role_id`. The traversal order (last in, first out) and the
   * cycle check (an identical ref already expanded) are Keystone's, so the
   * listing has the same entries, duplicates included.
   */
  addImpliedRoles(refs: readonly Assignment[]): Assignment[] {
    const results = [...refs];
    const toCheck = [...refs];
    const checked: Assignment[] = [];
    while (toCheck.length > 0) {
      const next = toCheck.pop()!;
      checked.push(next);
      for (const impliedId of this.implied(next.role_id)) {
        const ref: Assignment = { ...next, role_id: impliedId, indirect: { ...(next.indirect ?? {}), role_id: next.role_id } };
        if (checked.some((c) => sameAssignment(c, ref))) continue;
        results.push(ref);
        toCheck.push(ref);
      }
    }
    return results;
  }
}

/** Python dict equality of two assignment refs (key order does not matter). */
export function sameAssignment(a: Assignment, b: Assignment): boolean {
  return canonical(a) === canonical(b);
}

function canonical(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
}
