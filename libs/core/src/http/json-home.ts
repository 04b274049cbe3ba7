/**
 * JSON-Home relations of the v3 API. Each subsystem module adds the
 * resources it serves; GET /v3 with `Accept: application/json-home` lists
 * them, as Keystone does.
 */
export interface JsonHomeResource {
  href?: string;
  'href-template'?: string;
  'href-vars'?: Record<string, string>;
  hints?: Record<string, unknown>;
}

const REL_BASE = 'https://docs.openstack.org/api/openstack-identity/3';

export class JsonHomeRegistry {
  private readonly resources = new Map<string, JsonHomeResource>();

  /** `rel` is Keystone's short name ("users", "user") or "ext/OS-TRUST/1.0/trusts". */
  add(rel: string, resource: JsonHomeResource): void {
    this.resources.set(rel.includes('://') ? rel : `${REL_BASE}/${rel.startsWith('ext/') ? rel : `rel/${rel}`}`, resource);
  }

  document(prefix = ''): { resources: Record<string, JsonHomeResource> } {
    const out: Record<string, JsonHomeResource> = {};
    for (const [rel, r] of this.resources) {
      out[rel] = prefix ? withPrefix(r, prefix) : r;
    }
    return { resources: out };
  }
}

function withPrefix(r: JsonHomeResource, prefix: string): JsonHomeResource {
  const copy = { ...r };
  if (copy.href) copy.href = prefix + copy.href;
  if (copy['href-template']) copy['href-template'] = prefix + copy['href-template'];
  return copy;
}

export const PARAM = (name: string) => `${REL_BASE}/param/${name}`;
