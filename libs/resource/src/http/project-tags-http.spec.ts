import { resourceHttpBed } from '../../test/resource-http-bed';

type Bed = Awaited<ReturnType<typeof resourceHttpBed>>;
const BASE = 'http://localhost:80';

describe('/v3/projects/{id}/tags over HTTP', () => {
  let bed: Bed;
  let id: string;
  const url = (tag?: string) => `/v3/projects/${id}/tags${tag === undefined ? '' : `/${encodeURIComponent(tag)}`}`;

  beforeAll(async () => (bed = await resourceHttpBed()));
  afterAll(() => bed.close());
  beforeEach(async () => {
    id = (await bed.request('POST', '/v3/projects', { project: { name: `t-${Math.random()}`, tags: ['a'] } })).json().project.id;
  });

  it('adds a tag: 201, empty body, Keystone\'s Location (which lacks "projects/")', async () => {
    const res = await bed.request('PUT', url('b c'));
    expect(res.statusCode).toBe(201);
    expect(res.body).toBe('');
    expect(res.headers.location).toBe(`${BASE}/v3/${id}/tags/b%20c`);
    expect((await bed.request('GET', url())).json()).toEqual({ links: { self: `${BASE}/v3` }, tags: expect.arrayContaining(['a', 'b c']) });
  });

  it('checks one tag with GET and HEAD (204), 404 when absent', async () => {
    expect((await bed.request('GET', url('a'))).statusCode).toBe(204);
    expect((await bed.request('HEAD', url('a'))).statusCode).toBe(204);
    const missing = await bed.request('GET', url('zz'));
    expect([missing.statusCode, missing.json().error.message]).toEqual([404, 'Could not find project tag: zz.']);
    expect((await bed.request('GET', '/v3/projects/nope/tags/a')).statusCode).toBe(404);
  });

  it('refuses bad tags with 400: a duplicate, a comma or slash, too long, the 81st', async () => {
    expect((await bed.request('PUT', url('a'))).statusCode).toBe(400);
    expect((await bed.request('PUT', url('x,y'))).statusCode).toBe(400);
    expect((await bed.request('PUT', url('x/y'))).statusCode).toBe(400);
    expect((await bed.request('PUT', url('x'.repeat(256)))).statusCode).toBe(400);
    const eighty = Array.from({ length: 80 }, (_, i) => `t${i}`);
    expect((await bed.request('PUT', url(), { tags: eighty })).statusCode).toBe(200);
    expect((await bed.request('PUT', url('one-more'))).statusCode).toBe(400);
    expect((await bed.request('PUT', url(), { tags: [...eighty, 'x'] })).statusCode).toBe(400);
  });

  it('replaces all tags (stripped) and answers with the list, and deletes all (204)', async () => {
    const res = await bed.request('PUT', url(), { tags: ['x', ' y '] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ links: { self: `${BASE}/v3` }, tags: ['x', 'y'] });
    for (const body of [{ tags: 'x' }, { tag: ['x'] }, { tags: ['x', 'x'] }, { tags: [1] }]) {
      expect((await bed.request('PUT', url(), body)).statusCode).toBe(400);
    }
    expect((await bed.request('DELETE', url())).statusCode).toBe(204);
    expect((await bed.request('GET', url())).json().tags).toEqual([]);
  });

  it('deletes one tag (204), 404 for one it does not have', async () => {
    expect((await bed.request('DELETE', url('a'))).statusCode).toBe(204);
    const again = await bed.request('DELETE', url('a'));
    expect([again.statusCode, again.json().error.message]).toEqual([404, 'Could not find project tag: a.']);
  });

  it('leaves an immutable project\'s tags alone (403)', async () => {
    await bed.request('PATCH', `/v3/projects/${id}`, { project: { options: { immutable: true } } });
    const add = await bed.request('PUT', url('b'));
    expect(add.statusCode).toBe(403);
    expect(add.json().error.message).toBe(
      `Cannot create project tags for ${id}, project is immutable. Set "immutable" option to false before creating project tags.`,
    );
    expect((await bed.request('DELETE', url('a'))).statusCode).toBe(403);
    expect((await bed.request('DELETE', url())).statusCode).toBe(403);
    expect((await bed.request('PUT', url(), { tags: [] })).statusCode).toBe(403);
  });

  it('needs a token (401) and the right role (403)', async () => {
    expect((await bed.request('PUT', url('b'), undefined, null)).statusCode).toBe(401);
    expect((await bed.request('PUT', url('b'), undefined, 'member')).statusCode).toBe(403);
  });
});
