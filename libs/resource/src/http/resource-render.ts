import type { FastifyRequest } from 'fastify';
import { NotFound } from '@keystone-ts/plugin-sdk';

type Ref = { id: string; [k: string]: unknown };

/**
 * A member with its `links.self`. A client's own `links` object keeps its
 * other keys, as Keystone's `setdefault('links', {})['self']` does; any other
 * value is replaced (Keystone would fail on it).
 */
export function withLinks<T extends Ref>(ref: T, base: string, collection: 'projects' | 'domains'): T & { links: { self: string } } {
  const own = ref.links !== null && typeof ref.links === 'object' && !Array.isArray(ref.links) ? (ref.links as Record<string, unknown>) : {};
  return { ...ref, links: { ...own, self: `${base}/v3/${collection}/${ref.id}` } };
}

/** Keystone's `full_url()`: `<base>/v3` plus the request's query string. */
export function fullV3Url(req: FastifyRequest, base: string): string {
  const q = req.url.indexOf('?');
  return `${base}/v3${q >= 0 ? req.url.slice(q) : ''}`;
}

/** The first value of a query parameter (Werkzeug's `args.get`). */
export function firstValue(v: unknown): string | undefined {
  if (Array.isArray(v)) return v.length > 0 ? String(v[0]) : undefined;
  return v === undefined ? undefined : String(v);
}

/** Keystone's `query_filter_is_true`: present and not '0' (a bare `?flag` counts). */
export function queryFlag(query: Record<string, unknown>, name: string): boolean {
  return name in query && firstValue(query[name]) !== '0';
}

export function pick(query: Record<string, unknown>, names: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(query).filter(([k]) => names.includes(k)));
}

/**
 * Keystone builds most enforcement targets without failing on a missing
 * entity: the policy decides first, the handler's own read answers 404.
 */
export function orEmpty<T>(read: () => Promise<T>, key: string): () => Promise<Record<string, unknown>> {
  return async () => {
    try {
      return { [key]: await read() };
    } catch (e) {
      if (e instanceof NotFound) return {};
      throw e;
    }
  };
}
