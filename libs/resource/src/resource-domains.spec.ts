import { Conflict, DriverHints, Forbidden, NotFound, ValidationError } from '@keystone-ts/plugin-sdk';
import { resourceTestBed } from '../test/resource-test-bed';
import type { ResourceManager } from './resource.manager';

describe('ResourceManager: domains (real SQLite, Keystone 22 schema)', () => {
  let m: ResourceManager;
  let recorded: { calls: string[] };
  let close: () => Promise<void>;

  beforeEach(async () => ({ manager: m, recorded, close } = await resourceTestBed()));
  afterEach(() => close());

  it('creates a domain as Keystone shows it: defaults, tags, options, extras; no project-only keys', async () => {
    const d = await m.createDomain('d1', { name: ' D1 ', tags: ['t'], options: { immutable: false }, colour: 'blue' });
    expect(d).toEqual({ colour: 'blue', id: 'd1', name: 'D1', description: '', enabled: true, tags: ['t'], options: { immutable: false } });
    expect(await m.getDomain('d1')).toEqual(d);
    expect(await m.getDomainByName('D1')).toEqual(d);
    expect((await m.getProject('d1')).domain_id).toBeNull();
  });

  it('answers Could not find domain for unknown ids, regular projects and the hidden root', async () => {
    await m.createDomain('d1', { name: 'D1' });
    await m.createProject('p1', { name: 'P1', domain_id: 'd1' });
    for (const id of ['nope', 'p1', '<<keystone.domain.root>>']) {
      await expect(m.getDomain(id)).rejects.toThrow(new NotFound(`Could not find domain: ${id}.`));
    }
    await expect(m.getDomainByName('P1')).rejects.toThrow('Could not find domain: P1.');
  });

  it('refuses a second domain of the same name with Keystone\'s conflict message', async () => {
    await m.createDomain('d1', { name: 'D1' });
    await expect(m.createDomain('d2', { name: 'D1' })).rejects.toThrow(
      new Conflict('Conflict occurred attempting to store project - it is not permitted to have two projects acting as domains with the same name: D1.'),
    );
  });

  it('refuses the reserved federated domain name (a 400, where Keystone fails with a 500)', async () => {
    await expect(m.createDomain('d1', { name: 'federated' })).rejects.toThrow(new ValidationError('Domain cannot be named federated'));
    await m.createDomain('d1', { name: 'D1' });
    await expect(m.updateDomain('d1', { name: 'Federated' })).rejects.toBeInstanceOf(ValidationError);
  });

  it('checks URL-unsafe names only when asked to', async () => {
    await m.createDomain('d1', { name: 'a/b?' });
    const strict = await resourceTestBed('[resource]\ndomain_name_url_safe = new\n');
    await expect(strict.manager.createDomain('d2', { name: 'a/b?' })).rejects.toThrow('Domain name cannot contain the following reserved characters: /?');
    await strict.close();
  });

  it('lists domains (never projects, never the root) with filters and the list limit', async () => {
    await m.createDomain('d1', { name: 'D1' });
    await m.createDomain('d2', { name: 'D2', enabled: false });
    await m.createProject('p1', { name: 'P1', domain_id: 'd1' });
    expect((await m.listDomains(new DriverHints())).refs.map((d) => d.id).sort()).toEqual(['d1', 'd2']);
    expect((await m.listDomains(new DriverHints().addFilter('enabled', 'false'))).refs.map((d) => d.id)).toEqual(['d2']);
    expect((await m.listDomains(new DriverHints().addFilter('name', 'd1', 'equals', false))).refs.map((d) => d.id)).toEqual(['d1']);
    expect(await m.listDomains(new DriverHints().setLimit(1))).toMatchObject({ refs: [expect.anything()], truncated: true });
    expect((await m.listDomainsFromIds(['d1', 'p1', 'x'])).map((d) => d.id)).toEqual(['d1']);
  });

  it('updates a domain, revoking its tokens when it is disabled', async () => {
    await m.createDomain('d1', { name: 'D1' });
    expect(await m.updateDomain('d1', { description: 'x', enabled: false })).toMatchObject({ description: 'x', enabled: false });
    expect(recorded.calls).toEqual(['revoke.revokeByDomain:d1']);
    await expect(m.updateDomain('nope', { enabled: false })).rejects.toThrow('Could not find domain: nope.');
  });

  it('keeps an immutable domain as it is (even unsetting needs PATCH /v3/projects, as in Keystone)', async () => {
    await m.createDomain('d1', { name: 'D1', options: { immutable: true } });
    const msg = 'Unable to update immutable domain resource: `d1. Set resource option "immutable" to false first.';
    await expect(m.updateDomain('d1', { name: 'x' })).rejects.toThrow(new Forbidden(msg));
    await expect(m.updateDomain('d1', { options: { immutable: false } })).rejects.toThrow(msg);
    await expect(m.deleteDomain('d1')).rejects.toThrow('Unable to delete immutable domain resource: `d1. Set resource option "immutable" to false first.');
    expect((await m.updateProject('d1', { options: { immutable: false } })).options).toEqual({ immutable: false });
  });

  it('deletes only a disabled domain', async () => {
    await m.createDomain('d1', { name: 'D1' });
    await expect(m.deleteDomain('d1')).rejects.toThrow(new Forbidden('Cannot delete a domain that is enabled, please disable it first.'));
    await expect(m.deleteDomain('nope')).rejects.toThrow('Could not find domain: nope.');
  });

  it('deletes a domain with its project trees leaves first, then users/groups, then assignments', async () => {
    await m.createDomain('d1', { name: 'D1' });
    await m.createProject('a', { name: 'A', domain_id: 'd1' });
    await m.createProject('b', { name: 'B', domain_id: 'd1', parent_id: 'a' });
    await m.createProject('c', { name: 'C', domain_id: 'd1' });
    await m.updateDomain('d1', { enabled: false });
    recorded.calls.length = 0;
    await m.deleteDomain('d1');
    await expect(m.getProject('a')).rejects.toBeInstanceOf(NotFound);
    await expect(m.getDomain('d1')).rejects.toBeInstanceOf(NotFound);
    const order = recorded.calls.filter((c) => c.startsWith('assignment.deleteProject') || c.startsWith('identity'));
    expect(order.indexOf('assignment.deleteProjectAssignments:b')).toBeLessThan(order.indexOf('assignment.deleteProjectAssignments:a'));
    expect(order.indexOf('identity.deleteDomainContents:d1')).toBeGreaterThan(order.indexOf('assignment.deleteProjectAssignments:c'));
    expect(recorded.calls.slice(-2)).toEqual(['assignment.deleteDomainAssignments:d1', 'revoke.revokeByDomain:d1']);
  });

  it('stops a domain deletion at an immutable project, as Keystone does', async () => {
    await m.createDomain('d1', { name: 'D1' });
    await m.createProject('a', { name: 'A', domain_id: 'd1', options: { immutable: true } });
    await m.updateDomain('d1', { enabled: false });
    await expect(m.deleteDomain('d1')).rejects.toThrow('Unable to delete immutable project resource: `a.');
    expect((await m.getDomain('d1')).id).toBe('d1');
  });

  it('deletes a domain named through DELETE /v3/projects too', async () => {
    await m.createDomain('d1', { name: 'D1', enabled: false });
    await m.deleteProject('d1');
    await expect(m.getDomain('d1')).rejects.toBeInstanceOf(NotFound);
  });

  it('asserts enabled domains and projects with Unauthorized', async () => {
    await m.createDomain('d1', { name: 'D1' });
    await m.createProject('p1', { name: 'P1', domain_id: 'd1' });
    expect((await m.assertProjectEnabled('p1')).id).toBe('p1');
    await m.updateDomain('d1', { enabled: false });
    await expect(m.assertProjectEnabled('p1')).rejects.toThrow('Domain is disabled: d1');
    await expect(m.assertDomainEnabled('d1')).rejects.toMatchObject({ code: 401 });
  });
});
