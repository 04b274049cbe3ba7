import { catalogTestBed, project, type CatalogTestBed } from '../test/catalog-test-bed';

/** getCatalog: the catalog a token carries (GET /v3/auth/tokens, /v3/auth/catalog). */
describe('CatalogManager.getCatalog', () => {
  let t: CatalogTestBed;
  afterEach(() => t.close());

  async function seed(bed: CatalogTestBed) {
    await bed.catalog.createRegion({ id: 'RegionOne' });
    const ks = await bed.catalog.createService({ type: 'identity', name: 'keystone' }, 'ks');
    const nova = await bed.catalog.createService({ type: 'compute', name: 'nova' }, 'nova');
    await bed.catalog.createService({ type: 'volume', name: 'off', enabled: false }, 'off');
    await bed.catalog.createEndpoint({ interface: 'public', service_id: ks.id, url: 'http://$(public_bind_host)s:$(public_port)s/v3', region_id: 'RegionOne' }, 'ks-pub');
    await bed.catalog.createEndpoint({ interface: 'admin', service_id: ks.id, url: 'http://h:$(admin_port)s/v3/$(user_id)s', region_id: 'RegionOne' }, 'ks-adm');
    await bed.catalog.createEndpoint({ interface: 'public', service_id: nova.id, url: 'http://nova/v2.1/$(tenant_id)s' }, 'nova-pub');
    await bed.catalog.createEndpoint({ interface: 'internal', service_id: nova.id, url: 'http://nova/$(compute_host)s' }, 'nova-bad');
    await bed.catalog.createEndpoint({ interface: 'admin', service_id: nova.id, url: 'http://nova/admin', enabled: false }, 'nova-off');
    await bed.catalog.createEndpoint({ interface: 'public', service_id: 'off', url: 'http://off' }, 'off-pub');
    bed.projects.set('p1', project('p1'));
  }

  const byType = <T extends { type: string | null }>(c: T[]) => [...c].sort((a, b) => String(a.type).localeCompare(String(b.type)));

  it('expands URLs from the config, the user and the project; leaves out disabled and malformed entries', async () => {
    t = await catalogTestBed('[eventlet_server]\npublic_port = 5001\npublic_bind_host = ks.example\n');
    await seed(t);
    expect(byType(await t.catalog.getCatalog('u1', 'p1'))).toEqual([
      { id: 'nova', type: 'compute', name: 'nova', endpoints: [{ id: 'nova-pub', interface: 'public', region_id: null, region: null, url: 'http://nova/v2.1/p1' }] },
      {
        id: 'ks',
        type: 'identity',
        name: 'keystone',
        endpoints: [
          { id: 'ks-pub', interface: 'public', region_id: 'RegionOne', region: 'RegionOne', url: 'http://ks.example:5001/v3' },
          { id: 'ks-adm', interface: 'admin', region_id: 'RegionOne', region: 'RegionOne', url: 'http://h:35357/v3/u1' },
        ],
      },
    ]);
  });

  it('leaves project endpoints out of a domain- or system-scoped catalog, keeping the service', async () => {
    t = await catalogTestBed();
    await seed(t);
    const nova = (await t.catalog.getCatalog('u1', null)).find((s) => s.type === 'compute');
    expect(nova).toEqual({ id: 'nova', type: 'compute', name: 'nova', endpoints: [] });
  });

  it("narrows a project's catalog to its endpoints and endpoint groups, dropping services left empty", async () => {
    t = await catalogTestBed();
    await seed(t);
    await t.filters.addEndpointToProject('p1', 'ks-adm');
    expect((await t.catalog.getCatalog('u1', 'p1')).map((s) => [s.type, s.endpoints.map((e) => e.id)])).toEqual([['identity', ['ks-adm']]]);
    const g = await t.filters.createEndpointGroup({ name: 'nova', filters: { service_id: 'nova' } });
    await t.filters.addEndpointGroupToProject(g.id, 'p1');
    expect(byType(await t.catalog.getCatalog('u1', 'p1')).map((s) => [s.type, s.endpoints.map((e) => e.id)])).toEqual([
      ['compute', ['nova-pub']],
      ['identity', ['ks-adm']],
    ]);
  });

  it('treats a filter matching only disabled endpoints as a filter (an empty catalog), as Keystone does', async () => {
    t = await catalogTestBed();
    await seed(t);
    await t.filters.addEndpointToProject('p1', 'nova-off');
    expect(await t.catalog.getCatalog('u1', 'p1')).toEqual([]);
  });

  it('returns nothing without a filter when return_all_endpoints_if_no_filter is false', async () => {
    t = await catalogTestBed('[endpoint_filter]\nreturn_all_endpoints_if_no_filter = false\n');
    await seed(t);
    expect(await t.catalog.getCatalog('u1', 'p1')).toEqual([]);
    expect(await t.catalog.getCatalog('u1', null)).toEqual([]);
    await t.filters.addEndpointToProject('p1', 'ks-pub');
    expect((await t.catalog.getCatalog('u1', 'p1')).map((s) => s.id)).toEqual(['ks']);
  });

  it('costs the same few queries whatever the catalog size', async () => {
    t = await catalogTestBed();
    await seed(t);
    const g = await t.filters.createEndpointGroup({ name: 'all public', filters: { interface: 'public' } });
    await t.filters.addEndpointGroupToProject(g.id, 'p1');
    const count = async () => {
      t.queries.length = 0;
      await t.catalog.getCatalog('u1', 'p1');
      return t.queries.length;
    };
    const small = await count();
    for (let i = 0; i < 40; i++) {
      const s = await t.catalog.createService({ type: `t${i}` });
      for (const iface of ['public', 'internal', 'admin']) await t.catalog.createEndpoint({ interface: iface, service_id: s.id, url: `http://${i}/${iface}` });
    }
    expect(await count()).toBe(small);
    expect(small).toBeLessThanOrEqual(4);
    expect((await t.catalog.getCatalog('u1', 'p1')).length).toBe(42);
  });
});
