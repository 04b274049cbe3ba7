import { Conflict, DriverHints, Forbidden, NotFound, ValidationError } from '@keystone-ts/plugin-sdk';
import { catalogTestBed, project, type CatalogTestBed } from '../test/catalog-test-bed';

describe('CatalogManager (real SQLite, Keystone 22 schema)', () => {
  let t: CatalogTestBed;
  beforeEach(async () => (t = await catalogTestBed()));
  afterEach(() => t.close());

  describe('regions', () => {
    it('creates with an empty description by default and refuses a duplicate id as Keystone words it', async () => {
      expect(await t.catalog.createRegion({ id: 'RegionOne', description: null })).toEqual({ id: 'RegionOne', description: '', parent_region_id: null });
      await expect(t.catalog.createRegion({ id: 'RegionOne' })).rejects.toThrow(new Conflict('Conflict occurred attempting to store region - Duplicate ID, RegionOne..'));
      expect((await t.catalog.createRegion({})).id).toMatch(/^[0-9a-f]{32}$/);
    });

    it('names the unknown parent in the 404', async () => {
      await expect(t.catalog.createRegion({ id: 'r', parent_region_id: 'ghost' })).rejects.toThrow(new NotFound('Could not find region: ghost.'));
    });

    it('refuses a parent that would make a cycle, including the region itself', async () => {
      await t.catalog.createRegion({ id: 'a' });
      await t.catalog.createRegion({ id: 'b', parent_region_id: 'a' });
      await t.catalog.createRegion({ id: 'c', parent_region_id: 'b' });
      const cycle = new ValidationError('The specified parent region a would create a circular region hierarchy.');
      await expect(t.catalog.updateRegion('a', { parent_region_id: 'c' })).rejects.toThrow(cycle);
      await expect(t.catalog.updateRegion('a', { parent_region_id: 'a' })).rejects.toThrow(cycle);
      await expect(t.catalog.updateRegion('a', { parent_region_id: 'ghost' })).rejects.toThrow('Could not find region: ghost.');
      await expect(t.catalog.updateRegion('ghost', { description: 'x' })).rejects.toThrow('Could not find region: ghost.');
      expect(await t.catalog.updateRegion('c', { parent_region_id: null, description: null })).toEqual({ id: 'c', description: '', parent_region_id: null });
    });

    it('deletes children along with the region, but not while an endpoint lives below', async () => {
      await t.catalog.createRegion({ id: 'a' });
      await t.catalog.createRegion({ id: 'b', parent_region_id: 'a' });
      const s = await t.catalog.createService({ type: 'compute' });
      const e = await t.catalog.createEndpoint({ interface: 'public', service_id: s.id, url: 'http://x', region_id: 'b' });
      await expect(t.catalog.deleteRegion('a')).rejects.toThrow(Forbidden);
      await t.catalog.deleteEndpoint(e.id);
      await t.catalog.deleteRegion('a');
      expect((await t.catalog.listRegions()).refs).toEqual([]);
    });
  });

  describe('services and endpoints', () => {
    it("defaults a service's name and enabled, keeps extras, filters by name and truncates to the hints' limit", async () => {
      const s = await t.catalog.createService({ type: 'identity', description: 'd', 'x_y': 1 });
      expect(s).toEqual({ id: s.id, type: 'identity', enabled: true, name: '', description: 'd', x_y: 1 });
      await t.catalog.createService({ type: 'identity', name: 'keystone' });
      await t.catalog.createService({ type: 'compute', name: 'nova' });
      expect((await t.catalog.listServices(new DriverHints().addFilter('name', 'nova'))).refs.map((x) => x.type)).toEqual(['compute']);
      expect((await t.catalog.listServices(new DriverHints().addFilter('type', 'identity').setLimit(1))).truncated).toBe(true);
      expect(await t.catalog.listServices(new DriverHints().addFilter('name', 'keystone').setLimit(1))).toMatchObject({ truncated: false, refs: [{ name: 'keystone' }] });
    });

    it("answers unknown regions and services in an endpoint with Keystone's 400", async () => {
      const s = await t.catalog.createService({ type: 'compute' });
      await expect(t.catalog.createEndpoint({ interface: 'public', service_id: 'ghost', url: 'http://x' })).rejects.toThrow(
        ValidationError.missing('endpoint service_id', 'service table'),
      );
      await expect(t.catalog.createEndpoint({ interface: 'public', service_id: s.id, url: 'http://x', region_id: 'ghost' })).rejects.toThrow(
        ValidationError.missing('endpoint region_id', 'region table'),
      );
      const e = await t.catalog.createEndpoint({ interface: 'public', service_id: s.id, url: 'http://x', enabled: null });
      expect(e).toMatchObject({ enabled: true, region_id: null, legacy_endpoint_id: null });
      await expect(t.catalog.updateEndpoint(e.id, { region_id: 'ghost' })).rejects.toBeInstanceOf(ValidationError);
      await expect(t.catalog.updateEndpoint('ghost', { url: 'http://y' })).rejects.toThrow('Could not find endpoint: ghost.');
    });

    it('supports what keystone-manage bootstrap does, run twice', async () => {
      const run = async () => {
        try {
          await t.catalog.createRegion({ id: 'RegionOne' });
        } catch (e) {
          if (!(e instanceof Conflict)) throw e;
        }
        const found = (await t.catalog.listServices(new DriverHints().addFilter('type', 'identity'))).refs;
        const svc = found[0] ?? (await t.catalog.createService({ type: 'identity', name: 'keystone' }));
        const eps = (await t.catalog.listEndpoints(new DriverHints().addFilter('service_id', svc.id).addFilter('region_id', 'RegionOne'))).refs;
        const pub = eps.find((e) => e.interface === 'public');
        if (pub) await t.catalog.updateEndpoint(pub.id, { ...pub, url: 'http://new:5000/v3' });
        else await t.catalog.createEndpoint({ interface: 'public', service_id: svc.id, url: 'http://old:5000/v3', region_id: 'RegionOne' });
      };
      await run();
      await run();
      expect((await t.catalog.listEndpoints()).refs).toEqual([expect.objectContaining({ url: 'http://new:5000/v3', region_id: 'RegionOne' })]);
      expect(await t.catalog.getRegion('RegionOne')).toEqual({ id: 'RegionOne', description: '', parent_region_id: null });
    });

    it("drops an endpoint's and a deleted service's endpoints' project associations", async () => {
      t.projects.set('p1', project('p1'));
      const s = await t.catalog.createService({ type: 'compute' });
      const e1 = await t.catalog.createEndpoint({ interface: 'public', service_id: s.id, url: 'http://1' });
      const e2 = await t.catalog.createEndpoint({ interface: 'admin', service_id: s.id, url: 'http://2' });
      await t.filters.addEndpointToProject('p1', e1.id);
      await t.filters.addEndpointToProject('p1', e2.id);
      await t.catalog.deleteEndpoint(e1.id);
      expect(await t.db.knex()('project_endpoint').select('endpoint_id')).toEqual([{ endpoint_id: e2.id }]);
      await t.catalog.deleteService(s.id);
      expect(await t.db.knex()('project_endpoint').count('* as n')).toEqual([{ n: 0 }]);
    });
  });
});
