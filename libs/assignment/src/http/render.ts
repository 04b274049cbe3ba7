import type { FastifyRequest } from 'fastify';
import type { RoleRecord } from '@keystone-ts/plugin-sdk';

/** A role as the API shows it: the driver's attributes plus `links.self`. */
export function renderRole(role: RoleRecord, base: string): Record<string, unknown> {
  return { ...role, links: { self: `${base}/v3/roles/${role.id}` } };
}

/** Keystone's implied-role view of a role: id, name and self link only. */
export function roleSummary(role: { id: string; name: string }, base: string): Record<string, unknown> {
  return { id: role.id, links: { self: `${base}/v3/roles/${role.id}` }, name: role.name };
}

/** The request's own URL, query included, as Keystone's collection `links.self`. */
export function selfUrl(req: FastifyRequest, base: string): string {
  return `${base}${req.url}`;
}

/** werkzeug's `args.get`: the first value of a repeated query key; undefined when absent. */
export function queryValue(query: Record<string, unknown>, key: string): string | undefined {
  const v = query[key];
  const first = Array.isArray(v) ? v[0] : v;
  return first === undefined || first === null ? undefined : String(first);
}

/** Keystone's `query_filter_is_true`: present and not exactly '0'. */
export function queryFlag(query: Record<string, unknown>, key: string): boolean {
  const v = queryValue(query, key);
  return v !== undefined && v !== '0';
}

/** The query filters a policy may look at (`filter_attr`), as Keystone extracts them. */
export function pickFilters(query: Record<string, unknown>, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const n of names) {
    const v = queryValue(query, n);
    if (v !== undefined) out[n] = v;
  }
  return out;
}
