import { Namespaces, NotFound, type AssignmentDriver, type RoleDriver } from '@keystone-ts/plugin-sdk';
import { sqlPlugin } from '../plugin';
import { createTestDb, type TestDb } from './testing/test-db';

async function driver<T>(db: TestDb, namespace: string, name: string): Promise<T> {
  const def = sqlPlugin.drivers!.find((d) => d.namespace === namespace && (d.name === name || d.aliases?.includes(name)));
  if (!def) throw new Error(`no ${namespace} driver ${name}`);
  return (await def.create(db.ctx())) as T;
}

describe('SqlAssignmentDriver on the Keystone 22 schema', () => {
  let db: TestDb;
  let a: AssignmentDriver;
  beforeEach(async () => {
    db = await createTestDb();
    a = await driver<AssignmentDriver>(db, Namespaces.assignment, 'keystone.assignment.backends.sql.Assignment');
    const roles = await driver<RoleDriver>(db, Namespaces.role, 'sql');
    for (const id of ['r1', 'r2', 'r3']) await roles.createRole(id, { name: id });
  });
  afterEach(() => db.close());

  it("writes Keystone's rows: type, actor, target, role, inherited (0/1 on SQLite)", async () => {
    const bool = (v: boolean) => (db.dialect === 'sqlite' ? (v ? 1 : 0) : v);
    await a.createGrant('r1', { userId: 'u', projectId: 'p', inherited: false });
    await a.createGrant('r1', { groupId: 'g', domainId: 'd', inherited: true });
    await a.createGrant('r1', { userId: 'u', projectId: 'p', inherited: false }); // idempotent
    expect(await db.knex('assignment').select('*').orderBy('actor_id')).toEqual([
      { type: 'GroupDomain', actor_id: 'g', target_id: 'd', role_id: 'r1', inherited: bool(true) },
      { type: 'UserProject', actor_id: 'u', target_id: 'p', role_id: 'r1', inherited: bool(false) },
    ]);
    expect(a.defaultRoleDriver).toBe('sql');
  });

  it('checks and deletes one grant, with Keystone not-found wording', async () => {
    await a.createGrant('r1', { userId: 'u', domainId: 'd', inherited: false });
    await a.checkGrantRoleId('r1', { userId: 'u', domainId: 'd', inherited: false });
    await expect(a.checkGrantRoleId('r1', { userId: 'u', domainId: 'd', inherited: true })).rejects.toThrow(
      new NotFound('Could not find role assignment with role: r1, user or group: u, project, domain, or system: d.'),
    );
    // A project grant check never matches a domain assignment with the same ids.
    await expect(a.checkGrantRoleId('r1', { userId: 'u', projectId: 'd', inherited: false })).rejects.toBeInstanceOf(NotFound);
    await a.deleteGrant('r1', { userId: 'u', domainId: 'd', inherited: false });
    await expect(a.deleteGrant('r1', { userId: 'u', domainId: 'd', inherited: false })).rejects.toBeInstanceOf(NotFound);
  });

  it('lists grant role ids per actor, target and inheritance', async () => {
    await a.createGrant('r1', { userId: 'u', projectId: 'p', inherited: false });
    await a.createGrant('r2', { userId: 'u', projectId: 'p', inherited: false });
    await a.createGrant('r3', { userId: 'u', projectId: 'p', inherited: true });
    expect((await a.listGrantRoleIds({ userId: 'u', projectId: 'p', inherited: false })).sort()).toEqual(['r1', 'r2']);
    expect(await a.listGrantRoleIds({ userId: 'u', projectId: 'p', inherited: true })).toEqual(['r3']);
  });

  describe('listRoleAssignments', () => {
    beforeEach(async () => {
      await a.createGrant('r1', { userId: 'u', projectId: 'p1', inherited: false });
      await a.createGrant('r2', { groupId: 'g', projectId: 'p1', inherited: false });
      await a.createGrant('r3', { userId: 'u', domainId: 'd', inherited: true });
      await a.createGrant('r1', { groupId: 'g2', projectId: 'p2', inherited: true });
      await a.createGrant('r2', { userId: 'other', projectId: 'p1', inherited: false });
    });

    it("returns Keystone's driver shape", async () => {
      expect(await a.listRoleAssignments({ userId: 'u', domainId: 'd' })).toEqual([{ user_id: 'u', domain_id: 'd', role_id: 'r3', inherited_to_projects: 'projects' }]);
    });

    it('takes a user and groups at once', async () => {
      const got = await a.listRoleAssignments({ userId: 'u', groupIds: ['g', 'g2'], projectIds: ['p1', 'p2'] });
      expect(got).toEqual(
        expect.arrayContaining([
          { user_id: 'u', project_id: 'p1', role_id: 'r1' },
          { group_id: 'g', project_id: 'p1', role_id: 'r2' },
          { group_id: 'g2', project_id: 'p2', role_id: 'r1', inherited_to_projects: 'projects' },
        ]),
      );
      expect(got).toHaveLength(3);
    });

    it('filters by role, inheritance and target kind', async () => {
      expect(await a.listRoleAssignments({ roleId: 'r2', projectIds: ['p1'], inherited: false })).toHaveLength(2);
      expect(await a.listRoleAssignments({ inherited: true })).toHaveLength(2);
      expect(await a.listRoleAssignments({ domainId: 'd', inherited: false })).toEqual([]);
      expect(await a.listRoleAssignments({})).toHaveLength(5);
    });
  });

  it('deletes by user, group, project, domain and role', async () => {
    await a.createGrant('r1', { userId: 'x', projectId: 'x', inherited: false });
    await a.createGrant('r1', { groupId: 'x', domainId: 'x', inherited: false });
    await a.createSystemGrant('r1', 'x', 'system', 'UserSystem', false);
    await a.deleteUserAssignments('x');
    expect(await a.listRoleAssignments({})).toEqual([{ group_id: 'x', domain_id: 'x', role_id: 'r1' }]);
    await a.deleteProjectAssignments('x');
    await a.deleteDomainAssignments('x');
    expect(await a.listRoleAssignments({})).toEqual([]);
    await a.deleteRoleAssignments('r1');
    expect(await a.listSystemGrants({})).toEqual([]);
  });

  it('keeps system grants in system_assignment', async () => {
    await a.createSystemGrant('r1', 'u', 'system', 'UserSystem', false);
    await a.createSystemGrant('r1', 'u', 'system', 'UserSystem', false);
    await a.createSystemGrant('r2', 'g', 'system', 'GroupSystem', false);
    expect(await db.knex('system_assignment').where({ actor_id: 'u' })).toEqual([
      { type: 'UserSystem', actor_id: 'u', target_id: 'system', role_id: 'r1', inherited: db.dialect === 'sqlite' ? 0 : false },
    ]);
    expect((await a.listSystemGrants({ actorIds: ['u', 'g'], targetId: 'system' })).map((g) => g.role_id).sort()).toEqual(['r1', 'r2']);
    await a.checkSystemGrant('r1', 'u', 'system', false);
    await a.deleteSystemGrant('r1', 'u', 'system', false);
    await expect(a.checkSystemGrant('r1', 'u', 'system', false)).rejects.toThrow('Could not find role assignment with role: r1, user or group: u, project, domain, or system: system.');
    await expect(a.deleteSystemGrant('r1', 'u', 'system', false)).rejects.toBeInstanceOf(NotFound);
  });

  it('matches nothing with NUL in an id, refuses it on writes, never widens a query', async () => {
    await a.createGrant('r1', { userId: 'u', projectId: 'p', inherited: false });
    expect(await a.listRoleAssignments({ userId: 'u\u0000' })).toEqual([]);
    expect(await a.listRoleAssignments({ groupIds: ['\u0000'] })).toEqual([]);
    expect(await a.listRoleAssignments({ projectIds: ['\u0000'] })).toEqual([]);
    await expect(a.checkGrantRoleId('r1', { userId: '\u0000', projectId: 'p', inherited: false })).rejects.toBeInstanceOf(NotFound);
    await expect(a.createGrant('r1', { userId: '\u0000', projectId: 'p', inherited: false })).rejects.toThrow(/NUL/);
    expect(await a.listSystemGrants({ actorIds: ['\u0000'] })).toEqual([]);
  });

  it('answers 400, not 500, for ids longer than the columns', async () => {
    await expect(a.createGrant('r1', { userId: 'u'.repeat(65), projectId: 'p', inherited: true })).rejects.toThrow(/actor_id\(CHAR\(64\)\)/);
  });
});
