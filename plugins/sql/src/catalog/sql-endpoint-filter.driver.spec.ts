import { Conflict, DriverHints, NotFound } from '@keystone-ts/plugin-sdk';
import { createCatalogTestDb, type CatalogTestDb } from './testing/catalog-test-db';
import { SqlEndpointFilterDriver } from './sql-endpoint-filter.driver';
import { SqlEndpointPolicyDriver } from './sql-endpoint-policy.driver';

describe('SqlEndpointFilterDriver and SqlEndpointPolicyDriver on SQLite', () => {
  let db: CatalogTestDb;
  let f: SqlEndpointFilterDriver;
  let p: SqlEndpointPolicyDriver;

  beforeEach(async () => {
    db = await createCatalogTestDb();
    f = new SqlEndpointFilterDriver(() => db.knex);
    p = new SqlEndpointPolicyDriver(() => db.knex);
  });
  afterEach(() => db.close());

  it('associates endpoints with projects, with Keystone\'s conflict and not-found messages', async () => {
    await f.addEndpointToProject('e1', 'p1');
    await f.addEndpointToProject('e2', 'p1');
    await expect(f.addEndpointToProject('e1', 'p1')).rejects.toThrow(new Conflict('Conflict occurred attempting to store project_endpoint - Duplicate entry.'));
    await f.checkEndpointInProject('e1', 'p1');
    await expect(f.checkEndpointInProject('e1', 'p2')).rejects.toThrow(new NotFound('Endpoint e1 not found in project p2'));
    expect((await f.listEndpointIdsForProject('p1')).sort()).toEqual(['e1', 'e2']);
    expect(await f.listProjectIdsForEndpoint('e1')).toEqual(['p1']);
    await f.removeEndpointFromProject('e1', 'p1');
    await expect(f.removeEndpointFromProject('e1', 'p1')).rejects.toBeInstanceOf(NotFound);
    await f.deleteAssociationsByProject('p1');
    expect(await f.listEndpointIdsForProject('p1')).toEqual([]);
  });

  it('keeps endpoint groups with JSON filters and their project associations', async () => {
    const g = await f.createEndpointGroup('g1', { name: 'G', description: null, filters: { interface: 'public' } });
    expect(g).toEqual({ id: 'g1', name: 'G', description: null, filters: { interface: 'public' } });
    expect(await db.knex('endpoint_group').first()).toEqual({ id: 'g1', name: 'G', description: null, filters: '{"interface":"public"}' });
    expect(await f.updateEndpointGroup('g1', { description: 'd' })).toEqual({ ...g, description: 'd' });
    await f.addEndpointGroupToProject('g1', 'p1');
    await expect(f.addEndpointGroupToProject('g1', 'p1')).rejects.toThrow('Conflict occurred attempting to store project_endpoint_group - Duplicate entry.');
    expect(await f.getEndpointGroupInProject('g1', 'p1')).toEqual({ endpoint_group_id: 'g1', project_id: 'p1' });
    await expect(f.getEndpointGroupInProject('g1', 'p2')).rejects.toThrow(new NotFound('Endpoint Group Project Association not found'));
    expect((await f.listEndpointGroupsForProject('p1')).map((x) => x.id)).toEqual(['g1']);
    expect(await f.listProjectIdsForEndpointGroup('g1')).toEqual(['p1']);
    expect((await f.listEndpointGroups(new DriverHints().addFilter('name', 'G'))).map((x) => x.id)).toEqual(['g1']);
    await f.deleteEndpointGroup('g1');
    expect(await db.knex('project_endpoint_group').count('* as n')).toEqual([{ n: 0 }]);
    await expect(f.getEndpointGroup('g1')).rejects.toThrow(new NotFound('Could not find Endpoint Group: g1.'));
  });

  it('stores one policy per association target, repointing an existing one', async () => {
    const svc = { endpoint_id: null, service_id: 's1', region_id: null };
    await p.createPolicyAssociation('pol1', svc);
    await p.createPolicyAssociation('pol2', svc);
    await p.createPolicyAssociation('pol2', { endpoint_id: null, service_id: 's1', region_id: 'r1' });
    expect(await db.knex('policy_association').count('* as n')).toEqual([{ n: 2 }]);
    expect(await p.getPolicyAssociation(svc)).toBe('pol2');
    expect(await p.getPolicyAssociation({ endpoint_id: 'e', service_id: null, region_id: null })).toBeNull();
    await expect(p.checkPolicyAssociation('pol1', svc)).rejects.toThrow(new NotFound('Could not find policy association.'));
    await p.checkPolicyAssociation('pol2', svc);
    expect(await p.listAssociationsForPolicy('pol2')).toEqual(
      expect.arrayContaining([{ policy_id: 'pol2', endpoint_id: null, service_id: 's1', region_id: null }, { policy_id: 'pol2', endpoint_id: null, service_id: 's1', region_id: 'r1' }]),
    );
    await p.deletePolicyAssociation('pol2', svc);
    await p.deletePolicyAssociation('pol2', svc);
    expect(await p.listAssociationsForPolicy('pol2')).toHaveLength(1);
    await expect(p.createPolicyAssociation('pol2', { endpoint_id: null, service_id: 's1', region_id: 'r'.repeat(65) })).rejects.toThrow(
      `String length exceeded. The length of string '${'r'.repeat(65)}' exceeds the limit of column region_id(CHAR(64)).`,
    );
  });

  it('reads a policy blob as Keystone stores it (a JSON-encoded string, extras flattened)', async () => {
    await db.knex('policy').insert({ id: 'pol', type: 'application/json', blob: JSON.stringify('{"a": 1}'), extra: '{"x": 1}' });
    expect(await p.getPolicy('pol')).toEqual({ id: 'pol', type: 'application/json', blob: '{"a": 1}', x: 1 });
    await expect(p.getPolicy('nope')).rejects.toThrow(new NotFound('Could not find policy: nope.'));
    await db.knex('policy').insert({ id: 'raw', type: 't', blob: '{"a": 1}', extra: null });
    expect((await p.getPolicy('raw')).blob).toBe('{"a": 1}');
  });
});
