import { Conflict, DriverHints, Forbidden, NotFound, ValidationError, type CatalogRequest } from '@keystone-ts/plugin-sdk';
import { createCatalogTestDb, type CatalogTestDb } from './testing/catalog-test-db';
import { SqlCatalogDriver } from './sql-catalog.driver';

const plain: CatalogRequest = { userId: 'u', projectId: 'p', formatUrl: (url) => ({ kind: 'ok', url }) };

describe('SqlCatalogDriver on SQLite (Keystone 22 schema)', () => {
  let db: CatalogTestDb;
  let d: SqlCatalogDriver;

  beforeEach(async () => {
    db = await createCatalogTestDb();
    d = new SqlCatalogDriver(() => db.knex, 'sqlite');
  });
  afterEach(() => db.close());

  it('stores rows as Keystone does: extras in JSON, 0/1 booleans, empty description', async () => {
    await d.createRegion({ id: 'r1', description: '', colour: 'red' });
    await d.createService('s1', { type: 'identity', enabled: true, name: 'keystone', description: 'x' });
    await d.createEndpoint('e1', { interface: 'public', service_id: 's1', url: 'http://a', region_id: 'r1', enabled: false, region: 'r1', note: 1 });
    expect(await db.knex('region').first()).toEqual({ id: 'r1', description: '', parent_region_id: null, extra: '{"colour":"red"}' });
    expect(await db.knex('service').first()).toEqual({ id: 's1', type: 'identity', enabled: 1, extra: '{"name":"keystone","description":"x"}' });
    expect(await db.knex('endpoint').first()).toMatchObject({ id: 'e1', enabled: 0, region_id: 'r1', extra: '{"region":"r1","note":1}' });
    expect(await d.getService('s1')).toEqual({ id: 's1', type: 'identity', enabled: true, name: 'keystone', description: 'x' });
    expect(await d.getEndpoint('e1')).toEqual({
      id: 'e1', interface: 'public', region_id: 'r1', service_id: 's1', url: 'http://a', legacy_endpoint_id: null, enabled: false, region: 'r1', note: 1,
    });
  });

  it('reads rows Keystone wrote (null extra, text booleans)', async () => {
    await db.knex('service').insert({ id: 's9', type: 't', enabled: 1, extra: null });
    expect(await d.getService('s9')).toEqual({ id: 's9', type: 't', enabled: true });
  });

  it('refuses duplicate regions and unknown parents, and merges updates', async () => {
    await d.createRegion({ id: 'r1', description: 'one' });
    await expect(d.createRegion({ id: 'r1', description: '' })).rejects.toThrow(new Conflict('Conflict occurred attempting to store region - Duplicate ID, r1..'));
    await expect(d.createRegion({ id: 'r2', description: '', parent_region_id: 'nope' })).rejects.toThrow(new NotFound('Could not find region: nope.'));
    await d.createRegion({ id: 'r2', description: '', parent_region_id: 'r1', a: 1 });
    expect(await d.updateRegion('r2', { b: 2, description: 'two' })).toEqual({ id: 'r2', description: 'two', parent_region_id: 'r1', a: 1, b: 2 });
    await expect(d.updateRegion('r2', { parent_region_id: 'nope' })).rejects.toThrow('Could not find region: nope.');
    expect((await d.listRegions(new DriverHints().addFilter('parent_region_id', 'r1'))).map((r) => r.id)).toEqual(['r2']);
  });

  it('deletes a region with its subtree, but not while an endpoint lives below it', async () => {
    for (const [id, parent] of [['a', null], ['b', 'a'], ['c', 'b'], ['x', null]] as const) await d.createRegion({ id, description: '', parent_region_id: parent });
    await d.createService('s', { type: 't', enabled: true });
    await d.createEndpoint('e', { interface: 'public', service_id: 's', url: 'http://x', region_id: 'c', enabled: true });
    await expect(d.deleteRegion('a')).rejects.toThrow(new Forbidden('Unable to delete region a because it or its child regions have associated endpoints.'));
    await d.deleteEndpoint('e');
    await d.deleteRegion('a');
    expect((await d.listRegions(new DriverHints())).map((r) => r.id)).toEqual(['x']);
    await expect(d.deleteRegion('a')).rejects.toThrow('Could not find region: a.');
  });

  it('survives a cyclic hierarchy written behind its back', async () => {
    await db.knex('region').insert([
      { id: 'p', description: '', parent_region_id: 'q' },
      { id: 'q', description: '', parent_region_id: 'p' },
    ]);
    await d.deleteRegion('p');
    expect(await db.knex('region').count('* as n')).toEqual([{ n: 0 }]);
  });

  it('lists services with column filters in SQL, others left for the manager, and truncates with one row more', async () => {
    for (const i of [1, 2, 3]) await d.createService(`s${i}`, { type: i === 3 ? 'compute' : 'identity', enabled: true, name: `n${i}` });
    const byType = new DriverHints().addFilter('type', 'identity');
    expect((await d.listServices(byType)).map((s) => s.id).sort()).toEqual(['s1', 's2']);
    expect(byType.filters).toEqual([]);
    const byName = new DriverHints().addFilter('name', 'n1').setLimit(1);
    expect(await d.listServices(byName)).toHaveLength(3);
    expect(byName.filters).toHaveLength(1);
    expect(byName.limit?.truncated).toBe(false);
    const limited = new DriverHints().setLimit(2);
    expect(await d.listServices(limited)).toHaveLength(2);
    expect(limited.limit?.truncated).toBe(true);
  });

  it('updates a service and an endpoint by merging, and deletes a service with its endpoints', async () => {
    await d.createService('s', { type: 't', enabled: true, name: 'a' });
    expect(await d.updateService('s', { enabled: false, description: 'd' })).toEqual({ id: 's', type: 't', enabled: false, name: 'a', description: 'd' });
    await d.createEndpoint('e', { interface: 'public', service_id: 's', url: 'http://x', enabled: true, foo: 'bar' });
    expect(await d.updateEndpoint('e', { url: 'http://y', interface: 'admin' })).toMatchObject({ url: 'http://y', interface: 'admin', foo: 'bar', enabled: true });
    await d.deleteService('s');
    await expect(d.getEndpoint('e')).rejects.toThrow(new NotFound('Could not find endpoint: e.'));
    await expect(d.getService('s')).rejects.toThrow('Could not find service: s.');
    await expect(d.deleteEndpoint('e')).rejects.toThrow('Could not find endpoint: e.');
  });

  it('answers a too-wide value with Keystone\'s 400, not a database error', async () => {
    await expect(d.createRegion({ id: 'r'.repeat(256), description: '' })).rejects.toThrow(ValidationError);
    await d.createService('s1', { type: 't', enabled: true });
    await expect(d.createEndpoint('e', { interface: 'public', service_id: 's1', url: 'http://x', enabled: true, legacy_endpoint_id: { a: 1 } })).rejects.toThrow(ValidationError);
    expect((await d.createEndpoint('e', { interface: 'public', service_id: 's1', url: 'http://x', enabled: true, legacy_endpoint_id: 7 })).legacy_endpoint_id).toBe('7');
    await expect(d.createService('s', { type: 't'.repeat(256), enabled: true })).rejects.toThrow(
      `String length exceeded. The length of string '${'t'.repeat(256)}' exceeds the limit of column type(CHAR(255)).`,
    );
  });

  it('builds the v3 catalog in one query: enabled services and endpoints, URLs expanded, failures left out', async () => {
    await d.createRegion({ id: 'r1', description: '' });
    await d.createService('s1', { type: 'identity', enabled: true, name: 'keystone' });
    await d.createService('s2', { type: 'compute', enabled: false, name: 'nova' });
    await d.createService('s3', { type: 'image', enabled: true });
    await d.createEndpoint('e1', { interface: 'public', service_id: 's1', url: 'http://k/$(project_id)s', region_id: 'r1', enabled: true, extra1: 'x' });
    await d.createEndpoint('e2', { interface: 'admin', service_id: 's1', url: 'http://k/admin', enabled: false });
    await d.createEndpoint('e3', { interface: 'internal', service_id: 's1', url: 'bad', enabled: true });
    await d.createEndpoint('e4', { interface: 'public', service_id: 's2', url: 'http://n', enabled: true });
    const queries: string[] = [];
    db.knex.on('query', (q: { sql: string }) => queries.push(q.sql));
    const catalog = await d.getV3Catalog({
      ...plain,
      formatUrl: (url) => (url === 'bad' ? { kind: 'malformed' } : { kind: 'ok', url: url.replace('$(project_id)s', 'p1') }),
    });
    expect(queries).toHaveLength(1);
    expect(catalog.sort((a, b) => String(a.id).localeCompare(String(b.id)))).toEqual([
      { id: 's1', type: 'identity', name: 'keystone', endpoints: [{ id: 'e1', interface: 'public', region_id: 'r1', region: 'r1', url: 'http://k/p1', extra1: 'x' }] },
      { id: 's3', type: 'image', name: '', endpoints: [] },
    ]);
  });
});
