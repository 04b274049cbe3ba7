import { Conflict, Forbidden, NotFound, ValidationError } from '@keystone-ts/plugin-sdk';
import { createAssignmentFixture, type AssignmentFixture } from '../test/support/assignment-fixture';

describe('RoleManager (real SQLite)', () => {
  let fx: AssignmentFixture;
  beforeEach(async () => {
    fx = await createAssignmentFixture();
    fx.resource.domain('d1').project('p1', 'd1');
    fx.identity.user('u1');
  });
  afterEach(() => fx.close());

  it('creates roles with uuid hex ids and finds them by name within their domain', async () => {
    const g = await fx.roles.createRole({ name: 'reader' });
    const d = await fx.roles.createRole({ name: 'reader', domain_id: 'd1' });
    expect(g.id).toMatch(/^[0-9a-f]{32}$/);
    expect((await fx.assignment.getRoleByName('reader', null)).id).toBe(g.id);
    expect((await fx.assignment.getRoleByName('reader', 'd1')).id).toBe(d.id);
    await expect(fx.assignment.getRoleByName('reader', 'd2')).rejects.toBeInstanceOf(NotFound);
    await expect(fx.roles.createRole({ name: 'reader' })).rejects.toBeInstanceOf(Conflict);
  });

  it('protects immutable roles: only turning immutable off is allowed', async () => {
    const r = await fx.roles.createRole({ name: 'admin', options: { immutable: true } });
    const msg = `Unable to update immutable role resource: \`${r.id}. Set resource option "immutable" to false first.`;
    await expect(fx.roles.updateRole(r.id, { description: 'x' })).rejects.toThrow(new Forbidden(msg));
    await expect(fx.roles.updateRole(r.id, { options: { immutable: false }, description: 'x' })).rejects.toBeInstanceOf(Forbidden);
    await expect(fx.roles.deleteRole(r.id)).rejects.toThrow(`Unable to delete immutable role resource: \`${r.id}. Set resource option "immutable" to false first.`);
    expect((await fx.roles.updateRole(r.id, { options: { immutable: false } })).options).toEqual({ immutable: false });
    await fx.roles.deleteRole(r.id);
  });

  it('refuses to move a role to another domain', async () => {
    const r = await fx.roles.createRole({ name: 'r' });
    await expect(fx.roles.updateRole(r.id, { domain_id: 'd1' })).rejects.toThrow(new ValidationError('Update of `domain_id` is not allowed.'));
    await expect(fx.roles.updateRole(r.id, { domain_id: null, name: 'r2' })).resolves.toMatchObject({ name: 'r2' });
  });

  it('deletes a role with its assignments, system grants and inference rules', async () => {
    const a = await fx.roles.createRole({ name: 'a' });
    const b = await fx.roles.createRole({ name: 'b' });
    await fx.roles.createImpliedRole(a.id, b.id);
    await fx.assignment.createGrant(b.id, { userId: 'u1', projectId: 'p1' });
    await fx.assignment.createSystemGrantForUser('u1', b.id);
    await fx.roles.deleteRole(b.id);
    expect(await fx.db.knex('assignment').select('*')).toEqual([]);
    expect(await fx.db.knex('system_assignment').select('*')).toEqual([]);
    expect(await fx.roles.listRoleInferenceRules()).toEqual([]);
  });

  describe('implied roles', () => {
    it('refuses prohibited implied roles ([assignment] prohibited_implied_role, default admin)', async () => {
      const admin = await fx.roles.createRole({ name: 'admin' });
      const member = await fx.roles.createRole({ name: 'member' });
      await expect(fx.roles.createImpliedRole(member.id, admin.id)).rejects.toThrow(new Forbidden(`${admin.id} cannot be an implied roles.`));
      await fx.roles.createImpliedRole(admin.id, member.id);
    });

    it('follows the configured prohibited list', async () => {
      await fx.close();
      fx = await createAssignmentFixture('[assignment]\nprohibited_implied_role = member,reader\n');
      const admin = await fx.roles.createRole({ name: 'admin' });
      const member = await fx.roles.createRole({ name: 'member' });
      await fx.roles.createImpliedRole(member.id, admin.id);
      await expect(fx.roles.createImpliedRole(admin.id, member.id)).rejects.toBeInstanceOf(Forbidden);
    });

    it('lets a domain role imply a global one, never the reverse', async () => {
      const global = await fx.roles.createRole({ name: 'g' });
      const domain = await fx.roles.createRole({ name: 'd', domain_id: 'd1' });
      await expect(fx.roles.createImpliedRole(global.id, domain.id)).rejects.toThrow(`${domain.id} cannot be an implied roles.`);
      await fx.roles.createImpliedRole(domain.id, global.id);
    });

    it('allows cycles, as Keystone does (expansion stops on them)', async () => {
      const a = await fx.roles.createRole({ name: 'a' });
      const b = await fx.roles.createRole({ name: 'b' });
      await fx.roles.createImpliedRole(a.id, b.id);
      await fx.roles.createImpliedRole(b.id, a.id);
      await fx.assignment.createGrant(a.id, { userId: 'u1', projectId: 'p1' });
      expect((await fx.assignment.getRolesForUserOnProject('u1', 'p1')).map((r) => r.name).sort()).toEqual(['a', 'b']);
    });

    it('404s on an unknown role before anything else', async () => {
      const a = await fx.roles.createRole({ name: 'a' });
      await expect(fx.roles.createImpliedRole(a.id, 'nope')).rejects.toThrow(NotFound.entity('role', 'nope'));
    });
  });
});
