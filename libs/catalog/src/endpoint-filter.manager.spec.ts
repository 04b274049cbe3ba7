import { Conflict, NotFound, ValidationError } from '@keystone-ts/plugin-sdk';
import { catalogTestBed, project, type CatalogTestBed } from '../test/catalog-test-bed';

describe('EndpointFilterManager (OS-EP-FILTER)', () => {
  let t: CatalogTestBed;
  beforeEach(async () => {
    t = await catalogTestBed();
    await t.catalog.createRegion({ id: 'r1' });
    await t.catalog.createService({ type: 'compute' }, 'nova');
    await t.catalog.createService({ type: 'image' }, 'glance');
    await t.catalog.createEndpoint({ interface: 'public', service_id: 'nova', url: 'http://n', region_id: 'r1' }, 'e1');
    await t.catalog.createEndpoint({ interface: 'admin', service_id: 'nova', url: 'http://n/a' }, 'e2');
    await t.catalog.createEndpoint({ interface: 'public', service_id: 'glance', url: 'http://g' }, 'e3');
    t.projects.set('p1', project('p1'));
    t.projects.set('p2', project('p2'));
  });
  afterEach(() => t.close());

  it('checks the endpoint, then the project, then the association, as Keystone does', async () => {
    await expect(t.filters.addEndpointToProject('ghost', 'nope')).rejects.toThrow(new NotFound('Could not find endpoint: nope.'));
    await expect(t.filters.addEndpointToProject('ghost', 'e1')).rejects.toThrow(new NotFound('Could not find project: ghost.'));
    await t.filters.addEndpointToProject('p1', 'e1');
    await expect(t.filters.addEndpointToProject('p1', 'e1')).rejects.toBeInstanceOf(Conflict);
    await t.filters.checkEndpointInProject('p1', 'e1');
    await expect(t.filters.checkEndpointInProject('p2', 'e1')).rejects.toThrow('Endpoint e1 not found in project p2');
    expect((await t.filters.listProjectsForEndpoint('e1')).map((p) => p.id)).toEqual(['p1']);
    await expect(t.filters.removeEndpointFromProject('p2', 'e1')).rejects.toBeInstanceOf(NotFound);
    await t.filters.removeEndpointFromProject('p1', 'e1');
  });

  it('validates endpoint group filters with Keystone\'s messages', async () => {
    await expect(t.filters.createEndpointGroup({ name: 'g', filters: {} })).rejects.toThrow(new ValidationError('filters field is required and cannot be empty'));
    await expect(t.filters.createEndpointGroup({ name: 'g', filters: { url: 'x' } })).rejects.toThrow(
      ValidationError.missing('service_id or region_id or interface', 'endpoint_group'),
    );
    const g = await t.filters.createEndpointGroup({ name: 'g', filters: { interface: 'public' } });
    expect(g).toEqual({ id: g.id, name: 'g', description: null, filters: { interface: 'public' } });
    await expect(t.filters.updateEndpointGroup(g.id, { filters: { bad: 1 } })).rejects.toBeInstanceOf(ValidationError);
    expect(await t.filters.updateEndpointGroup(g.id, { description: 'd', id: 'ignored' } as never)).toEqual({ ...g, description: 'd' });
  });

  it('lists endpoints matched by a group, and a project\'s endpoints from associations and groups', async () => {
    const g = await t.filters.createEndpointGroup({ name: 'nova in r1', filters: { service_id: 'nova', region_id: 'r1' } });
    expect((await t.filters.listEndpointsInGroup(g.id)).map((e) => e.id)).toEqual(['e1']);
    await expect(t.filters.listEndpointsInGroup('ghost')).rejects.toThrow('Could not find Endpoint Group: ghost.');
    await t.filters.addEndpointToProject('p1', 'e3');
    await t.filters.addEndpointGroupToProject(g.id, 'p1');
    expect((await t.filters.listEndpointsForProject('p1')).map((e) => e.id)).toEqual(['e3', 'e1']);
    expect((await t.filters.listEndpointGroupsForProject('p1')).map((x) => x.id)).toEqual([g.id]);
    expect((await t.filters.listProjectsForEndpointGroup(g.id)).map((p) => p.id)).toEqual(['p1']);
    expect(await t.filters.listProjectsForEndpointGroup('ghost')).toEqual([]);
    await expect(t.filters.listEndpointsForProject('ghost')).rejects.toThrow('Could not find project: ghost.');
  });

  it('associates groups with projects: project checked before group, then the association', async () => {
    const g = await t.filters.createEndpointGroup({ name: 'g', filters: { interface: 'admin' } });
    await expect(t.filters.addEndpointGroupToProject('ghost', 'nope')).rejects.toThrow('Could not find project: nope.');
    await expect(t.filters.addEndpointGroupToProject('ghost', 'p1')).rejects.toThrow('Could not find Endpoint Group: ghost.');
    await t.filters.addEndpointGroupToProject(g.id, 'p1');
    await expect(t.filters.addEndpointGroupToProject(g.id, 'p1')).rejects.toThrow('Conflict occurred attempting to store project_endpoint_group - Duplicate entry.');
    expect(await t.filters.getEndpointGroupInProject(g.id, 'p1')).toEqual({ endpoint_group_id: g.id, project_id: 'p1' });
    await expect(t.filters.getEndpointGroupInProject(g.id, 'p2')).rejects.toThrow('Endpoint Group Project Association not found');
    await t.filters.removeEndpointGroupFromProject(g.id, 'p1');
    await t.filters.addEndpointGroupToProject(g.id, 'p2');
    await t.catalog.deleteProjectAssociations('p2');
    expect(await t.filters.listProjectsForEndpointGroup(g.id)).toEqual([]);
    await t.filters.deleteEndpointGroup(g.id);
    await expect(t.filters.getEndpointGroup(g.id)).rejects.toBeInstanceOf(NotFound);
  });
});
