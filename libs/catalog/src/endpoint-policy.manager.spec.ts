import { NotFound } from '@keystone-ts/plugin-sdk';
import { catalogTestBed, type CatalogTestBed } from '../test/catalog-test-bed';

describe('EndpointPolicyManager (OS-ENDPOINT-POLICY)', () => {
  let t: CatalogTestBed;
  const policyRow = (id: string) => ({ id, type: 'application/json', blob: JSON.stringify(`{"rule": "${id}"}`), extra: '{}' });

  beforeEach(async () => {
    t = await catalogTestBed();
    // The /v3/policies API is another subsystem's; rows are written as Keystone writes them.
    await t.db.knex()('policy').insert(['pe', 'pr', 'pp', 'ps'].map(policyRow));
    await t.catalog.createRegion({ id: 'root' });
    await t.catalog.createRegion({ id: 'mid', parent_region_id: 'root' });
    await t.catalog.createRegion({ id: 'leaf', parent_region_id: 'mid' });
    await t.catalog.createService({ type: 'compute' }, 'nova');
    await t.catalog.createService({ type: 'image' }, 'glance');
    await t.catalog.createEndpoint({ interface: 'public', service_id: 'nova', url: 'http://n', region_id: 'leaf' }, 'e-leaf');
    await t.catalog.createEndpoint({ interface: 'public', service_id: 'nova', url: 'http://n', region_id: 'mid' }, 'e-mid');
    await t.catalog.createEndpoint({ interface: 'admin', service_id: 'nova', url: 'http://n' }, 'e-none');
    await t.catalog.createEndpoint({ interface: 'public', service_id: 'glance', url: 'http://g', region_id: 'leaf' }, 'e-glance');
  });
  afterEach(() => t.close());

  it('picks the endpoint\'s own policy, then service+region up the tree, then the service', async () => {
    await expect(t.policies.getPolicyForEndpoint('e-leaf')).rejects.toThrow(new NotFound('No policy is associated with endpoint e-leaf.'));
    await t.policies.createAssociation('ps', { serviceId: 'nova' });
    expect((await t.policies.getPolicyForEndpoint('e-leaf')).id).toBe('ps');
    await t.policies.createAssociation('pr', { serviceId: 'nova', regionId: 'root' });
    expect((await t.policies.getPolicyForEndpoint('e-leaf')).id).toBe('pr');
    expect((await t.policies.getPolicyForEndpoint('e-none')).id).toBe('ps');
    await t.policies.createAssociation('pp', { serviceId: 'nova', regionId: 'mid' });
    expect((await t.policies.getPolicyForEndpoint('e-leaf')).id).toBe('pp');
    await t.policies.createAssociation('pe', { endpointId: 'e-leaf' });
    expect(await t.policies.getPolicyForEndpoint('e-leaf')).toEqual({ id: 'pe', type: 'application/json', blob: '{"rule": "pe"}' });
    await expect(t.policies.getPolicyForEndpoint('e-glance')).rejects.toBeInstanceOf(NotFound);
  });

  it('checks the policy, then each entity, before touching an association', async () => {
    await expect(t.policies.createAssociation('ghost', { endpointId: 'e-leaf' })).rejects.toThrow(new NotFound('Could not find policy: ghost.'));
    await expect(t.policies.createAssociation('pe', { endpointId: 'ghost' })).rejects.toThrow('Could not find endpoint: ghost.');
    await expect(t.policies.createAssociation('pe', { serviceId: 'nova', regionId: 'ghost' })).rejects.toThrow('Could not find region: ghost.');
    await expect(t.policies.checkAssociation('pe', { serviceId: 'nova' })).rejects.toThrow(new NotFound('Could not find policy association.'));
    await t.policies.createAssociation('pe', { serviceId: 'nova' });
    await t.policies.checkAssociation('pe', { serviceId: 'nova' });
    await t.policies.deleteAssociation('pe', { serviceId: 'nova' });
    await t.policies.deleteAssociation('pe', { serviceId: 'nova' });
    await expect(t.policies.checkAssociation('pe', { serviceId: 'nova' })).rejects.toBeInstanceOf(NotFound);
  });

  it('lists the endpoints a policy reaches, walking down the region tree', async () => {
    await t.policies.createAssociation('pr', { serviceId: 'nova', regionId: 'mid' });
    await t.policies.createAssociation('pr', { endpointId: 'e-glance' });
    expect((await t.policies.listEndpointsForPolicy('pr')).map((e) => e.id).sort()).toEqual(['e-glance', 'e-leaf', 'e-mid']);
    await t.policies.createAssociation('ps', { serviceId: 'glance' });
    expect((await t.policies.listEndpointsForPolicy('ps')).map((e) => e.id)).toEqual(['e-glance']);
    await expect(t.policies.listEndpointsForPolicy('ghost')).rejects.toThrow('Could not find policy: ghost.');
  });
});
