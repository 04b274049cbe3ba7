import fc from 'fast-check';
import { resourceHttpBed } from '../../test/resource-http-bed';

type Bed = Awaited<ReturnType<typeof resourceHttpBed>>;

/** Values a client may put anywhere: JSON of every shape, and strings that upset parsers and databases. */
const nasty = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom('', ' ', '\u0000', 'Federated', '<<keystone.domain.root>>', 'a,b', 'a/b', '%', '_', "'", '..', 'x'.repeat(300), 'ü', '😀'),
  fc.string({ maxLength: 70 }),
);

const member = (keys: string[]) => fc.dictionary(fc.constantFrom(...keys), nasty, { maxKeys: 5 });
const DOMAIN_KEYS = ['name', 'description', 'enabled', 'tags', 'options', 'explicit_domain_id', 'id', 'extra', 'links', 'is-domain', 'domain_id', 'parent_id'];
const PROJECT_KEYS = ['name', 'description', 'enabled', 'tags', 'options', 'domain_id', 'parent_id', 'is_domain', 'id', 'extra', 'links', 'is-domain'];

const body = fc.oneof(
  fc.record({ domain: fc.oneof(member(DOMAIN_KEYS), nasty) }),
  fc.record({ project: fc.oneof(member(PROJECT_KEYS), nasty) }),
  fc.record({ tags: fc.oneof(fc.array(nasty, { maxLength: 85 }), nasty) }),
  nasty,
  fc.constantFrom('{not json', '[', '"x"'),
);

const QUERY_KEYS = ['name', 'enabled', 'domain_id', 'parent_id', 'is_domain', 'tags', 'tags-any', 'not-tags', 'not-tags-any', 'name__contains', 'name__iendswith',
  'enabled__contains', 'description', 'parents_as_list', 'parents_as_ids', 'subtree_as_list', 'subtree_as_ids', 'include_limits'];
const query = fc.dictionary(fc.constantFrom(...QUERY_KEYS), fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('0', 'true', 'f', '\u0000')), { maxKeys: 4 });

describe('resource routes: bad input never yields a 500', () => {
  let bed: Bed;
  let known: string[];
  beforeAll(async () => {
    bed = await resourceHttpBed('[resource]\nproject_name_url_safe = new\ndomain_name_url_safe = strict\n');
    const d = (await bed.request('POST', '/v3/domains', { domain: { name: 'fuzz-d' } })).json().domain.id;
    const p = (await bed.request('POST', '/v3/projects', { project: { name: 'fuzz-p', domain_id: d, tags: ['t'] } })).json().project.id;
    const c = (await bed.request('POST', '/v3/projects', { project: { name: 'fuzz-c', parent_id: p, domain_id: d } })).json().project.id;
    known = ['default', d, p, c];
  });
  afterAll(() => bed.close());

  it('answers every request with a Keystone status below 500 and a well-formed error body', async () => {
    const id = fc.oneof(fc.constantFrom(...known), fc.string({ maxLength: 70 }), fc.constantFrom('<<keystone.domain.root>>', '%00', '..'));
    const path = fc.oneof(
      fc.constant('/v3/domains'),
      id.map((x) => `/v3/domains/${encodeURIComponent(x)}`),
      fc.constant('/v3/projects'),
      id.map((x) => `/v3/projects/${encodeURIComponent(x)}`),
      id.map((x) => `/v3/projects/${encodeURIComponent(x)}/tags`),
      fc.tuple(id, fc.oneof(fc.string({ maxLength: 300 }), fc.constantFrom('t', ' t ', 'a,b'))).map(([x, t]) => `/v3/projects/${encodeURIComponent(x)}/tags/${encodeURIComponent(t)}`),
    );
    const method = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE');
    const token = fc.constantFrom('admin', 'admin', 'member', 'domain-admin', null);
    await fc.assert(
      fc.asyncProperty(method, path, query, fc.option(body, { nil: undefined }), token, async (m, p, q, b, t) => {
        const qs = new URLSearchParams(q as Record<string, string>).toString();
        const res = await bed.request(m, qs ? `${p}?${qs}` : p, m === 'GET' || m === 'HEAD' ? undefined : b, t);
        if (res.statusCode >= 500) throw new Error(`${m} ${p}?${qs} ${JSON.stringify(b)} -> ${res.statusCode} ${res.body}`);
        if (res.statusCode >= 400 && m !== 'HEAD') {
          expect(res.json().error).toEqual({ code: res.statusCode, title: expect.any(String), message: expect.any(String) });
        }
      }),
      { numRuns: 600 },
    );
  });

  it('survives well-formed requests that hit the business rules (hierarchy, enabled state, immutability, conflicts)', async () => {
    const ids = () => fc.constantFrom(...known);
    const name = fc.oneof(fc.constantFrom('fuzz-p', 'fuzz-c', 'Default', 'federated', 'a/b', ' x ', 'dup'), fc.stringMatching(/^[a-z]{1,8}$/));
    const tags = fc.array(fc.oneof(fc.constantFrom('t', 'u', ' t'), fc.stringMatching(/^[a-z]{1,4}$/)), { maxLength: 4 }).map((t) => [...new Set(t)]);
    const options = fc.record({ immutable: fc.constantFrom(true, false, null) }, { requiredKeys: [] });
    const project = fc.record(
      { name, domain_id: ids(), parent_id: ids(), enabled: fc.boolean(), is_domain: fc.boolean(), tags, options, description: fc.constantFrom('d', null), extra_key: fc.string({ maxLength: 5 }) },
      { requiredKeys: [] },
    );
    const domain = fc.record({ name, enabled: fc.boolean(), tags, description: fc.constantFrom('d', null), options }, { requiredKeys: [] });
    const request = fc.oneof(
      project.map((b) => ['POST', '/v3/projects', { project: b }] as const),
      domain.map((b) => ['POST', '/v3/domains', { domain: b }] as const),
      fc.tuple(ids(), project).map(([i, b]) => ['PATCH', `/v3/projects/${i}`, { project: b }] as const),
      fc.tuple(ids(), domain).map(([i, b]) => ['PATCH', `/v3/domains/${i}`, { domain: b }] as const),
      ids().map((i) => ['DELETE', `/v3/projects/${i}`, undefined] as const),
      ids().map((i) => ['DELETE', `/v3/domains/${i}`, undefined] as const),
      fc.tuple(ids(), fc.constantFrom('t', 'u', ' v ')).map(([i, t]) => ['PUT', `/v3/projects/${i}/tags/${encodeURIComponent(t)}`, undefined] as const),
      fc.tuple(ids(), tags).map(([i, t]) => ['PUT', `/v3/projects/${i}/tags`, { tags: t }] as const),
      ids().map((i) => ['GET', `/v3/projects/${i}?parents_as_list&subtree_as_ids`, undefined] as const),
    );
    await fc.assert(
      fc.asyncProperty(request, async ([m, p, b]) => {
        const res = await bed.request(m, p, b);
        if (res.statusCode >= 500) throw new Error(`${m} ${p} ${JSON.stringify(b)} -> ${res.statusCode} ${res.body}`);
        if (m === 'POST' && res.statusCode === 201) known.push((res.json().project ?? res.json().domain).id);
      }),
      { numRuns: 600 },
    );
  });
});
