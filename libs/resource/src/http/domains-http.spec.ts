import { resourceHttpBed } from '../../test/resource-http-bed';

type Bed = Awaited<ReturnType<typeof resourceHttpBed>>;

describe('/v3/domains over HTTP (core app, real policy, SQLite)', () => {
  let bed: Bed;
  beforeAll(async () => (bed = await resourceHttpBed()));
  afterAll(() => bed.close());

  it('creates a domain: 201 with Keystone\'s body', async () => {
    const res = await bed.request('POST', '/v3/domains', { domain: { name: 'alpha', description: 'A', colour: 'red' } });
    expect(res.statusCode).toBe(201);
    const d = res.json().domain;
    expect(d).toEqual({
      colour: 'red', id: expect.stringMatching(/^[0-9a-f]{32}$/), name: 'alpha', description: 'A', enabled: true, tags: [], options: {},
      links: { self: `http://localhost:80/v3/domains/${d.id}` },
    });
  });

  it('takes an explicit_domain_id only in uuid4().hex form, and echoes it as Keystone does', async () => {
    const id = '0123456789abcdef0123456789abcdef';
    const ok = await bed.request('POST', '/v3/domains', { domain: { name: 'explicit', explicit_domain_id: id } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().domain).toMatchObject({ id, explicit_domain_id: id });
    const bad = await bed.request('POST', '/v3/domains', { domain: { name: 'explicit2', explicit_domain_id: id.toUpperCase() } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toBe('Domain ID does not conform to required UUID format.');
  });

  it('validates the body: name required, at most 64 characters, not blank', async () => {
    for (const body of [{}, { domain: {} }, { domain: { name: '' } }, { domain: { name: '   ' } }, { domain: { name: 'x'.repeat(65) } }, { domain: { name: 'ok', enabled: 'yes' } }, [1], 'x']) {
      expect((await bed.request('POST', '/v3/domains', body)).statusCode).toBe(400);
    }
  });

  it('authenticates first (401), then authorizes (403)', async () => {
    expect((await bed.request('POST', '/v3/domains', { domain: { name: 'z' } }, null)).statusCode).toBe(401);
    expect((await bed.request('POST', '/v3/domains', { domain: { name: 'z' } }, 'member')).statusCode).toBe(403);
    expect((await bed.request('GET', '/v3/domains', undefined, 'nonsense')).statusCode).toBe(401);
  });

  it('gets a domain; 404 for a project, unknown id or the hidden root', async () => {
    const get = await bed.request('GET', '/v3/domains/default');
    expect(get.json().domain).toMatchObject({ id: 'default', name: 'Default', description: 'The default domain', enabled: true });
    const p = (await bed.request('POST', '/v3/projects', { project: { name: 'a-project', domain_id: 'default' } })).json().project;
    for (const id of [p.id, 'nope', encodeURIComponent('<<keystone.domain.root>>')]) {
      const res = await bed.request('GET', `/v3/domains/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.message).toMatch(/^Could not find domain: /);
    }
  });

  it('lists domains with name/enabled filters, collection links and no root', async () => {
    await bed.request('POST', '/v3/domains', { domain: { name: 'off', enabled: false } });
    const all = await bed.request('GET', '/v3/domains');
    expect(all.json().links).toEqual({ self: 'http://localhost:80/v3/domains', previous: null, next: null });
    expect(all.json().domains.map((d: { name: string }) => d.name)).toEqual(expect.arrayContaining(['Default', 'alpha', 'off']));
    expect(all.json().domains.map((d: { id: string }) => d.id)).not.toContain('<<keystone.domain.root>>');
    const disabled = await bed.request('GET', '/v3/domains?enabled=no');
    expect(disabled.json().domains.map((d: { name: string }) => d.name)).toEqual(['off']);
    const named = await bed.request('GET', '/v3/domains?name=alpha');
    expect(named.json().domains).toHaveLength(1);
    expect(named.json().links.self).toBe('http://localhost:80/v3/domains?name=alpha');
  });

  it('updates, refuses to delete an enabled domain (403), deletes a disabled one (204)', async () => {
    const d = (await bed.request('POST', '/v3/domains', { domain: { name: 'doomed' } })).json().domain;
    const patched = await bed.request('PATCH', `/v3/domains/${d.id}`, { domain: { description: 'bye' } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().domain).toMatchObject({ description: 'bye', enabled: true });
    expect(patched.json().domain).not.toHaveProperty('extra');
    const refused = await bed.request('DELETE', `/v3/domains/${d.id}`);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toBe('Cannot delete a domain that is enabled, please disable it first.');
    await bed.request('PATCH', `/v3/domains/${d.id}`, { domain: { enabled: false } });
    expect((await bed.request('DELETE', `/v3/domains/${d.id}`)).statusCode).toBe(204);
    expect((await bed.request('GET', `/v3/domains/${d.id}`)).statusCode).toBe(404);
    expect((await bed.request('DELETE', `/v3/domains/${d.id}`)).statusCode).toBe(404);
  });

  it('refuses a duplicate domain name with 409', async () => {
    const res = await bed.request('POST', '/v3/domains', { domain: { name: 'alpha' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toBe(
      'Conflict occurred attempting to store project - it is not permitted to have two projects acting as domains with the same name: alpha.',
    );
  });

  it('publishes its JSON-Home relations', async () => {
    const home = await bed.request('GET', '/v3', undefined, null, { accept: 'application/json-home' });
    const rels = home.json().resources;
    const rel = (n: string) => `https://docs.openstack.org/api/openstack-identity/3/rel/${n}`;
    expect(rels[rel('domains')]).toEqual({ href: '/domains' });
    expect(rels[rel('domain')]).toEqual({
      'href-template': '/domains/{domain_id}',
      'href-vars': { domain_id: 'https://docs.openstack.org/api/openstack-identity/3/param/domain_id' },
    });
    expect(rels[rel('project_tags')]['href-template']).toBe('/projects/{project_id}/tags/{value}');
  });
});
