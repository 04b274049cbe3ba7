import { resourceHttpBed } from '../../test/resource-http-bed';

type Bed = Awaited<ReturnType<typeof resourceHttpBed>>;
const BASE = 'http://localhost:80';

describe('/v3/projects over HTTP (core app, real policy, SQLite)', () => {
  let bed: Bed;
  let create: (project: Record<string, unknown>, token?: string) => Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  beforeAll(async () => {
    bed = await resourceHttpBed('[resource]\nmax_project_tree_depth = 2\n');
    create = async (project, token = 'admin') => {
      const res = await bed.request('POST', '/v3/projects', { project }, token);
      if (res.statusCode !== 201) throw new Error(`${res.statusCode} ${res.body}`);
      return res.json().project;
    };
    await bed.request('POST', '/v3/domains', { domain: { name: 'dom-a', explicit_domain_id: 'a'.repeat(32) } });
  });
  afterAll(() => bed.close());

  it('creates a project in the default domain when none is given: 201, Keystone\'s body', async () => {
    const res = await bed.request('POST', '/v3/projects', { project: { name: '  spaced ', 'x-colour': 'red' } });
    expect(res.statusCode).toBe(201);
    const p = res.json().project;
    expect(p).toEqual({
      x_colour: 'red', id: expect.stringMatching(/^[0-9a-f]{32}$/), name: 'spaced', domain_id: 'default', description: '',
      enabled: true, parent_id: 'default', is_domain: false, tags: [], options: {}, links: { self: `${BASE}/v3/projects/${p.id}` },
    });
    expect((await bed.request('GET', `/v3/projects/${p.id}`)).json().project).toEqual(p);
  });

  it('answers 400 for a missing domain or parent, or a parent in another domain', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'x', domain_id: 'nope' }, 'Could not find domain: nope.'],
      [{ name: 'x', parent_id: 'nope' }, 'Could not find project: nope.'],
      [{ name: 'x', domain_id: 'default', parent_id: 'a'.repeat(32) }, `Cannot create project, the parent (${'a'.repeat(32)}) is acting as a domain, but this project's domain id (default) does not match the parent's id.`],
      [{ name: 'x', is_domain: true, domain_id: 'default' }, 'only root projects are allowed to act as domains.'],
    ];
    for (const [project, message] of cases) {
      const res = await bed.request('POST', '/v3/projects', { project });
      expect([res.statusCode, res.json().error.message]).toEqual([400, message]);
    }
  });

  it('creates a project acting as a domain, listed under /v3/domains and with ?is_domain=true only', async () => {
    const d = await create({ name: 'dom-b', is_domain: true });
    expect(d).toMatchObject({ domain_id: null, parent_id: null, is_domain: true });
    expect((await bed.request('GET', `/v3/domains/${d.id}`)).statusCode).toBe(200);
    const plain = (await bed.request('GET', '/v3/projects')).json().projects.map((p: { id: string }) => p.id);
    expect(plain).not.toContain(d.id);
    const domains = (await bed.request('GET', '/v3/projects?is_domain=true')).json().projects.map((p: { id: string }) => p.id);
    expect(domains).toEqual(expect.arrayContaining([d.id, 'default']));
  });

  it('builds hierarchies up to max_project_tree_depth, and shows parents/subtree in Keystone\'s shapes', async () => {
    const a = await create({ name: 'h-a', domain_id: 'default' });
    const b = await create({ name: 'h-b', parent_id: a.id });
    const deep = await bed.request('POST', '/v3/projects', { project: { name: 'h-c', parent_id: b.id } });
    expect([deep.statusCode, deep.json().error.message]).toEqual([403, `Max hierarchy depth reached for ${b.id} branch.`]);
    expect((await bed.request('GET', `/v3/projects/${b.id}?parents_as_ids`)).json().project.parents).toEqual({ [a.id]: { default: null } });
    expect((await bed.request('GET', `/v3/projects/${a.id}?subtree_as_ids=1`)).json().project.subtree).toEqual({ [b.id]: null });
    const listed = (await bed.request('GET', `/v3/projects/${b.id}?parents_as_list&subtree_as_list`)).json().project;
    expect(listed.parents.map((x: { project: { id: string } }) => x.project.id)).toEqual([a.id, 'default']);
    expect(listed.parents[0].project.links.self).toBe(`${BASE}/v3/projects/${a.id}`);
    expect(listed.subtree).toEqual([]);
    expect((await bed.request('GET', `/v3/projects/${b.id}?parents_as_ids=0`)).json().project).not.toHaveProperty('parents');
    const both = await bed.request('GET', `/v3/projects/${b.id}?subtree_as_list&subtree_as_ids`);
    expect([both.statusCode, both.json().error.message]).toEqual([400, 'Cannot use subtree_as_list and subtree_as_ids query params at the same time.']);
    const children = (await bed.request('GET', `/v3/projects?parent_id=${a.id}`)).json().projects;
    expect(children.map((p: { id: string }) => p.id)).toEqual([b.id]);
  });

  it('enforces the enabled rules and the leaf rule with Keystone\'s 403s', async () => {
    const a = await create({ name: 'e-a', domain_id: 'default' });
    const b = await create({ name: 'e-b', parent_id: a.id });
    const disableParent = await bed.request('PATCH', `/v3/projects/${a.id}`, { project: { enabled: false } });
    expect([disableParent.statusCode, disableParent.json().error.message]).toEqual([403, `Cannot disable project ${a.id} since its subtree contains enabled projects.`]);
    const del = await bed.request('DELETE', `/v3/projects/${a.id}`);
    expect(del.statusCode).toBe(403);
    expect(del.json().error.message).toMatch(/since it is not a leaf in the hierarchy/);
    expect((await bed.request('PATCH', `/v3/projects/${b.id}`, { project: { enabled: false } })).statusCode).toBe(200);
    expect((await bed.request('PATCH', `/v3/projects/${a.id}`, { project: { enabled: false } })).statusCode).toBe(200);
    const enableChild = await bed.request('PATCH', `/v3/projects/${b.id}`, { project: { enabled: true } });
    expect([enableChild.statusCode, enableChild.json().error.message]).toEqual([403, `Cannot enable project ${b.id} since it has disabled parents`]);
    const inDisabled = await bed.request('POST', '/v3/projects', { project: { name: 'e-c', parent_id: a.id } });
    expect([inDisabled.statusCode, inDisabled.json().error.message]).toEqual([400, `cannot create a project in a branch containing a disabled project: ${a.id}`]);
    expect((await bed.request('DELETE', `/v3/projects/${b.id}`)).statusCode).toBe(204);
    expect((await bed.request('DELETE', `/v3/projects/${a.id}`)).statusCode).toBe(204);
    expect((await bed.request('GET', `/v3/projects/${a.id}`)).statusCode).toBe(404);
  });

  it('updates like Keystone: the body carries `extra`; id, parent, domain and is_domain are fixed', async () => {
    const p = await create({ name: 'u-a', domain_id: 'default', shade: 'dark' });
    const res = await bed.request('PATCH', `/v3/projects/${p.id}`, { project: { name: ' u-b ', description: null } });
    expect(res.statusCode).toBe(200);
    expect(res.json().project).toMatchObject({ name: 'u-b', description: null, shade: 'dark', extra: { shade: 'dark' } });
    const refused: [Record<string, unknown>, number, string][] = [
      [{ id: 'other' }, 400, 'Cannot change ID'],
      [{ domain_id: 'a'.repeat(32) }, 400, 'Cannot change Domain ID'],
      [{ parent_id: 'a'.repeat(32) }, 403, 'Update of `parent_id` is not allowed.'],
      [{ is_domain: true }, 400, 'Update of `is_domain` is not allowed.'],
    ];
    for (const [project, code, message] of refused) {
      const r = await bed.request('PATCH', `/v3/projects/${p.id}`, { project });
      expect([r.statusCode, r.json().error.message]).toEqual([code, message]);
    }
    expect((await bed.request('PATCH', `/v3/projects/${p.id}`, { project: {} })).statusCode).toBe(400);
    expect((await bed.request('PATCH', '/v3/projects/nope', { project: { name: 'x' } })).statusCode).toBe(404);
  });

  it('protects an immutable project until the option alone is unset', async () => {
    const p = await create({ name: 'imm', domain_id: 'default', options: { immutable: true } });
    expect((await bed.request('PATCH', `/v3/projects/${p.id}`, { project: { name: 'imm2' } })).statusCode).toBe(403);
    expect((await bed.request('DELETE', `/v3/projects/${p.id}`)).statusCode).toBe(403);
    expect((await bed.request('PATCH', `/v3/projects/${p.id}`, { project: { options: { immutable: 'yes' } } })).statusCode).toBe(400);
    const unset = await bed.request('PATCH', `/v3/projects/${p.id}`, { project: { options: { immutable: false } } });
    expect(unset.json().project.options).toEqual({ immutable: false });
    expect((await bed.request('DELETE', `/v3/projects/${p.id}`)).statusCode).toBe(204);
  });

  it('refuses duplicate names with Keystone\'s 409 message', async () => {
    await create({ name: 'twin', domain_id: 'default' });
    const res = await bed.request('POST', '/v3/projects', { project: { name: 'twin', domain_id: 'default' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toMatch(/^Conflict occurred attempting to store project - it is not permitted to have two projects with either the same name or same id in the same domain: name is twin, project id [0-9a-f]{32}\.$/);
  });

  it('lists with filters, tag filters and truncation; a domain-scoped token sees its domain only', async () => {
    await create({ name: 'l-1', domain_id: 'a'.repeat(32), tags: ['red', 'big'] });
    await create({ name: 'l-2', domain_id: 'a'.repeat(32), tags: ['red'], enabled: false });
    const names = async (q: string, token = 'admin') => (await bed.request('GET', `/v3/projects${q}`, undefined, token)).json().projects.map((p: { name: string }) => p.name).sort();
    expect(await names(`?domain_id=${'a'.repeat(32)}`)).toEqual(['l-1', 'l-2']);
    expect(await names('?tags=red,big')).toEqual(['l-1']);
    expect(await names('?tags-any=big,nothing')).toEqual(['l-1']);
    expect(await names('?tags=red&not-tags-any=big')).toEqual(['l-2']);
    expect(await names('?enabled=false&name__istartswith=L-')).toEqual(['l-2']);
    expect(await names('?name__startswith=L-')).toEqual([]);
    expect(await names('?name__contains=-1')).toEqual(['l-1']);
    expect(await names('', 'domain-admin')).toEqual(['l-1', 'l-2']);
    // A domain-scoped token puts new projects in its own domain.
    expect((await create({ name: 'l-3' }, 'domain-admin')).domain_id).toBe('a'.repeat(32));
    const limited = await resourceHttpBed('[resource]\nlist_limit = 1\n');
    await limited.request('POST', '/v3/projects', { project: { name: 'one' } });
    await limited.request('POST', '/v3/projects', { project: { name: 'two' } });
    const page = (await limited.request('GET', '/v3/projects')).json();
    expect(page).toMatchObject({ truncated: true, links: { self: `${BASE}/v3/projects`, previous: null, next: null } });
    expect(page.projects).toHaveLength(1);
    await limited.close();
  });

  it('leaves policy to decide before existence (403 for members, 404 for admins)', async () => {
    expect((await bed.request('GET', '/v3/projects/nope', undefined, 'member')).statusCode).toBe(403);
    expect((await bed.request('GET', '/v3/projects/nope')).statusCode).toBe(404);
    expect((await bed.request('DELETE', '/v3/projects/nope', undefined, 'member')).statusCode).toBe(403);
  });
});
