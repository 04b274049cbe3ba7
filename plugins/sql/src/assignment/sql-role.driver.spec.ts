import { Conflict, DriverHints, Namespaces, NotFound, ValidationError, type RoleDriver } from '@keystone-ts/plugin-sdk';
import { sqlPlugin } from '../plugin';
import { createTestDb, type TestDb } from './testing/test-db';

function roleDriver(db: TestDb, name = 'sql'): Promise<RoleDriver> | RoleDriver {
  const def = sqlPlugin.drivers!.find((d) => d.namespace === Namespaces.role && (d.name === name || d.aliases?.includes(name)));
  if (!def) throw new Error(`no role driver ${name}`);
  return def.create(db.ctx()) as RoleDriver;
}

describe('SqlRoleDriver on the Keystone 22 schema', () => {
  let db: TestDb;
  let roles: RoleDriver;
  beforeEach(async () => {
    db = await createTestDb();
    roles = await roleDriver(db);
  });
  afterEach(() => db.close());

  it('is registered under its name and Keystone class path', async () => {
    expect(await roleDriver(db, 'keystone.assignment.role_backends.sql.Role')).toBeDefined();
  });

  it("stores a global role with domain_id '<<null>>' and reads it back as null, extras and options included", async () => {
    const r = await roles.createRole('r1', { name: 'admin', options: { immutable: true }, colour: 'blue' });
    expect(r).toEqual({ id: 'r1', name: 'admin', domain_id: null, description: null, options: { immutable: true }, colour: 'blue' });
    expect(await db.knex('role').where({ id: 'r1' }).first()).toMatchObject({ domain_id: '<<null>>', extra: '{"colour":"blue"}' });
    expect(await db.knex('role_option').select('*')).toEqual([{ role_id: 'r1', option_id: 'IMMU', option_value: 'true' }]);
  });

  it('keeps names unique per domain, with Keystone conflict wording', async () => {
    await roles.createRole('g', { name: 'member' });
    await roles.createRole('d', { name: 'member', domain_id: 'dom1' });
    await expect(roles.createRole('g2', { name: 'member' })).rejects.toThrow(new Conflict('Conflict occurred attempting to store role - Duplicate entry found with name member.'));
    await expect(roles.createRole('d2', { name: 'member', domain_id: 'dom1' })).rejects.toThrow(
      'Conflict occurred attempting to store role - Duplicate entry found with name member at domain ID dom1.',
    );
    await expect(roles.updateRole('d', { name: 'other' })).resolves.toMatchObject({ name: 'other' });
    await roles.createRole('x', { name: 'x' });
    await expect(roles.updateRole('x', { name: 'member' })).rejects.toBeInstanceOf(Conflict);
  });

  it('lists global roles for a null domain filter and domain roles for a domain filter', async () => {
    await roles.createRole('g', { name: 'reader' });
    await roles.createRole('d', { name: 'reader', domain_id: 'dom1' });
    const globals = new DriverHints().addFilter('domain_id', null);
    expect((await roles.listRoles(globals)).map((r) => r.id)).toEqual(['g']);
    expect(globals.filters).toEqual([]);
    expect((await roles.listRoles(new DriverHints().addFilter('domain_id', 'dom1'))).map((r) => r.id)).toEqual(['d']);
    expect((await roles.listRoles(new DriverHints())).map((r) => r.id).sort()).toEqual(['d', 'g']);
  });

  it('merges updates: extras kept, options removed by null, others kept', async () => {
    await roles.createRole('r', { name: 'r', description: 'd', options: { immutable: true }, a: 1 });
    expect(await roles.updateRole('r', { b: 2 })).toMatchObject({ description: 'd', options: { immutable: true }, a: 1, b: 2 });
    expect(await roles.updateRole('r', { options: { immutable: null } })).toMatchObject({ options: {}, a: 1 });
  });

  it('refuses strings longer than their column with a 400, as Keystone models do', async () => {
    await expect(roles.createRole('r', { name: 'r', description: 'x'.repeat(256) })).rejects.toBeInstanceOf(ValidationError);
    await expect(roles.createRole('r', { name: 'r', domain_id: 'd'.repeat(65) })).rejects.toThrow(/exceeds the limit of column domain_id\(CHAR\(64\)\)/);
  });

  it('manages inference rules and drops them with either role', async () => {
    await roles.createRole('a', { name: 'a' });
    await roles.createRole('b', { name: 'b' });
    await roles.createRole('c', { name: 'c' });
    await roles.createImpliedRole('a', 'b');
    await roles.createImpliedRole('b', 'c');
    await expect(roles.createImpliedRole('a', 'b')).rejects.toThrow('Conflict occurred attempting to store implied_role - Duplicate entry.');
    await expect(roles.createImpliedRole('a', 'nope')).rejects.toThrow(NotFound.entity('role', 'nope'));
    expect(await roles.getImpliedRole('a', 'b')).toEqual({ prior_role_id: 'a', implied_role_id: 'b' });
    await expect(roles.getImpliedRole('a', 'c')).rejects.toThrow('a does not imply c.');
    expect(await roles.listImpliedRoles('a')).toEqual([{ prior_role_id: 'a', implied_role_id: 'b' }]);
    await roles.deleteRole('b');
    expect(await roles.listRoleInferenceRules()).toEqual([]);
    await expect(roles.deleteImpliedRole('a', 'b')).rejects.toBeInstanceOf(NotFound);
  });

  it('reads several roles in one call and skips unknown ids', async () => {
    await roles.createRole('a', { name: 'a' });
    await roles.createRole('b', { name: 'b', options: { immutable: false } });
    const got = await roles.listRolesFromIds(['a', 'b', 'a', 'zz']);
    expect(got.map((r) => [r.id, r.options])).toEqual(expect.arrayContaining([['a', {}], ['b', { immutable: false }]]));
    expect(got).toHaveLength(2);
    expect(await roles.listRolesFromIds([])).toEqual([]);
  });
});
