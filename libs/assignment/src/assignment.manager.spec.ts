import { Forbidden, NotFound, ValidationError } from '@keystone-ts/plugin-sdk';
import { createAssignmentFixture, type AssignmentFixture } from '../test/support/assignment-fixture';

/**
 * Domain d1: p1 ⊃ p11 ⊃ p111, and p2; domain d2: q1.
 * Users u1, u2; group g1 = {u1, u2}, group g2 = {u2}.
 * Roles: admin ⊃ member ⊃ reader (global), dr (d1 role) ⊃ reader, other.
 */
describe('AssignmentManager (real SQLite)', () => {
  let fx: AssignmentFixture;
  const r: Record<string, string> = {};
  beforeEach(async () => {
    fx = await createAssignmentFixture();
    fx.resource.domain('d1').domain('d2').project('p1', 'd1').project('p11', 'p1').project('p111', 'p11').project('p2', 'd1').project('q1', 'd2');
    fx.identity.user('u1').user('u2').group('g1', ['u1', 'u2']).group('g2', ['u2']);
    for (const name of ['admin', 'member', 'reader', 'other']) r[name] = (await fx.roles.createRole({ name })).id;
    r.dr = (await fx.roles.createRole({ name: 'dr', domain_id: 'd1' })).id;
    await fx.roles.createImpliedRole(r.admin, r.member);
    await fx.roles.createImpliedRole(r.member, r.reader);
    await fx.roles.createImpliedRole(r.dr, r.reader);
  });
  afterEach(() => fx.close());

  describe('grants', () => {
    it('checks role, target and domain-specific role domain before storing', async () => {
      await expect(fx.assignment.createGrant('nope', { userId: 'u1', projectId: 'p1' })).rejects.toThrow(NotFound.entity('role', 'nope'));
      await expect(fx.assignment.createGrant(r.admin, { userId: 'u1', projectId: 'zz' })).rejects.toThrow(NotFound.entity('project', 'zz'));
      await expect(fx.assignment.createGrant(r.admin, { userId: 'u1', domainId: 'zz' })).rejects.toThrow(NotFound.entity('domain', 'zz'));
      await expect(fx.assignment.createGrant(r.dr, { userId: 'u1', projectId: 'q1' })).rejects.toThrow(
        new Forbidden(`Project q1 must be in the same domain as the role ${r.dr} being assigned.`),
      );
      await fx.assignment.createGrant(r.dr, { userId: 'u1', projectId: 'p1' });
      await fx.assignment.createGrant(r.dr, { userId: 'u1', projectId: 'p1' });
      expect((await fx.assignment.listGrants({ userId: 'u1', projectId: 'p1' })).map((x) => x.name)).toEqual(['dr']);
    });

    it('checks, lists and deletes grants per inheritance flag', async () => {
      await fx.assignment.createGrant(r.member, { groupId: 'g1', domainId: 'd1', inheritedToProjects: true });
      await expect(fx.assignment.getGrant(r.member, { groupId: 'g1', domainId: 'd1' })).rejects.toBeInstanceOf(NotFound);
      expect((await fx.assignment.getGrant(r.member, { groupId: 'g1', domainId: 'd1', inheritedToProjects: true })).id).toBe(r.member);
      expect(await fx.assignment.listGrants({ groupId: 'g1', domainId: 'd1' })).toEqual([]);
      await expect(fx.assignment.deleteGrant(r.member, { groupId: 'g1', domainId: 'd1' })).rejects.toThrow(/Could not find role assignment with role/);
      await fx.assignment.deleteGrant(r.member, { groupId: 'g1', domainId: 'd1', inheritedToProjects: true });
      expect(await fx.assignment.listGrants({ groupId: 'g1', domainId: 'd1', inheritedToProjects: true })).toEqual([]);
    });

    it('refuses domain-specific roles on the system and drops grants with their user or group', async () => {
      await expect(fx.assignment.system.create('UserSystem', 'u1', r.dr)).rejects.toThrow(
        new ValidationError(`Role ${r.dr} is a domain-specific role. Unable to use a domain-specific role in a system assignment.`),
      );
      await fx.assignment.system.create('UserSystem', 'u1', r.admin);
      await fx.assignment.system.create('GroupSystem', 'g1', r.reader);
      await fx.assignment.createGrant(r.admin, { userId: 'u1', projectId: 'p1' });
      await fx.assignment.deleteUserAssignments('u1');
      await fx.assignment.deleteGroupAssignments('g1');
      expect(await fx.assignment.listAssignments({})).toEqual([]);
    });
  });

  describe('direct listing', () => {
    beforeEach(async () => {
      await fx.assignment.createGrant(r.member, { userId: 'u1', projectId: 'p1' });
      await fx.assignment.createGrant(r.reader, { groupId: 'g1', domainId: 'd1', inheritedToProjects: true });
      await fx.assignment.system.create('UserSystem', 'u1', r.admin);
    });

    it('includes system grants only without a project or domain filter, or with scope.system=all', async () => {
      expect(await fx.assignment.listAssignments({ userId: 'u1' })).toEqual([
        { user_id: 'u1', project_id: 'p1', role_id: r.member },
        { system: { all: true }, user_id: 'u1', role_id: r.admin },
      ]);
      expect(await fx.assignment.listAssignments({ system: 'all' })).toEqual([{ user_id: 'u1', role_id: r.admin, system: { all: true } }]);
      expect(await fx.assignment.listAssignments({ projectId: 'p1' })).toEqual([{ user_id: 'u1', project_id: 'p1', role_id: r.member }]);
      expect(await fx.assignment.listAssignments({ inherited: true, roleId: r.reader })).toEqual([
        { group_id: 'g1', domain_id: 'd1', role_id: r.reader, inherited_to_projects: 'projects' },
      ]);
    });

    it('adds names with include_names, empty ones for a user gone from its backend', async () => {
      fx.resource.domain('default');
      await fx.assignment.createGrant(r.reader, { userId: 'ghost', projectId: 'p1' });
      const ghost = (await fx.assignment.listAssignments({ userId: 'ghost', includeNames: true }))[0];
      expect(ghost).toMatchObject({ user_name: '', user_domain_id: '', user_domain_name: '', role_name: 'reader' });
      const [a] = await fx.assignment.listAssignments({ userId: 'u1', projectId: 'p1', includeNames: true });
      expect(a).toMatchObject({
        user_name: 'u1-name', user_domain_id: 'default', project_name: 'p1-name', project_domain_id: 'd1', project_domain_name: 'd1-name', role_name: 'member',
      });
    });
  });

  describe('effective listing', () => {
    it('expands group grants to members, inherited grants down the tree and implied roles', async () => {
      await fx.assignment.createGrant(r.admin, { userId: 'u1', projectId: 'p1', inheritedToProjects: true });
      await fx.assignment.createGrant(r.other, { groupId: 'g2', projectId: 'p2' });
      const got = await fx.assignment.listAssignments({ effective: true });
      expect(got).toEqual(
        expect.arrayContaining([
          { user_id: 'u1', project_id: 'p11', role_id: r.admin, indirect: { project_id: 'p1' } },
          { user_id: 'u1', project_id: 'p111', role_id: r.admin, indirect: { project_id: 'p1' } },
          { user_id: 'u1', project_id: 'p11', role_id: r.member, indirect: { project_id: 'p1', role_id: r.admin } },
          { user_id: 'u1', project_id: 'p11', role_id: r.reader, indirect: { project_id: 'p1', role_id: r.member } },
          { project_id: 'p2', role_id: r.other, user_id: 'u2', indirect: { group_id: 'g2' } },
        ]),
      );
      expect(got).toHaveLength(7);
      // Never on the assignment point itself.
      expect(got.some((a) => a.project_id === 'p1')).toBe(false);
    });

    it('gives a user the inherited roles of their groups on one project, from the domain and from parents', async () => {
      await fx.assignment.createGrant(r.reader, { groupId: 'g1', domainId: 'd1', inheritedToProjects: true });
      await fx.assignment.createGrant(r.other, { groupId: 'g2', projectId: 'p1', inheritedToProjects: true });
      await fx.assignment.createGrant(r.admin, { userId: 'u2', projectId: 'p111', inheritedToProjects: true });
      const got = await fx.assignment.listAssignments({ effective: true, userId: 'u2', projectId: 'p11' });
      expect(got).toEqual([
        { user_id: 'u2', project_id: 'p11', role_id: r.reader, indirect: { group_id: 'g1', domain_id: 'd1' } },
        { user_id: 'u2', project_id: 'p11', role_id: r.other, indirect: { group_id: 'g2', project_id: 'p1' } },
      ]);
    });

    it('includes the subtree when asked, and only below an assignment point inside it', async () => {
      await fx.assignment.createGrant(r.other, { userId: 'u1', projectId: 'p11', inheritedToProjects: true });
      await fx.assignment.createGrant(r.reader, { userId: 'u1', projectId: 'p11' });
      const got = await fx.assignment.listAssignments({ effective: true, projectId: 'p1', includeSubtree: true });
      expect(got.map((a) => [a.project_id, a.role_id])).toEqual([
        ['p11', r.reader],
        ['p111', r.other],
      ]);
    });

    it('drops domain-specific roles but keeps what they imply', async () => {
      await fx.assignment.createGrant(r.dr, { userId: 'u1', projectId: 'p2' });
      expect(await fx.assignment.listAssignments({ effective: true, userId: 'u1' })).toEqual([
        { user_id: 'u1', project_id: 'p2', role_id: r.reader, indirect: { role_id: r.dr } },
      ]);
      expect((await fx.assignment.getRolesForTrustorOnProject('u1', 'p2')).map((x) => x.name).sort()).toEqual(['dr', 'reader']);
    });

    it('filters by role after expansion and is empty for a group or an inherited domain filter', async () => {
      await fx.assignment.createGrant(r.admin, { userId: 'u1', domainId: 'd1' });
      expect(await fx.assignment.listAssignments({ effective: true, roleId: r.reader })).toEqual([
        { user_id: 'u1', domain_id: 'd1', role_id: r.reader, indirect: { role_id: r.member } },
      ]);
      expect(await fx.assignment.listAssignments({ effective: true, groupId: 'g1' })).toEqual([]);
      expect(await fx.assignment.listAssignments({ effective: true, domainId: 'd1', inherited: true })).toEqual([]);
    });
  });

  describe('what tokens need', () => {
    it('computes effective roles on a project, a domain and the system', async () => {
      await fx.assignment.createGrant(r.member, { groupId: 'g1', domainId: 'd1', inheritedToProjects: true });
      await fx.assignment.createGrant(r.other, { userId: 'u1', domainId: 'd1' });
      await fx.assignment.system.create('GroupSystem', 'g1', r.admin);
      const names = async (p: Promise<{ name: string }[]>) => (await p).map((x) => x.name).sort();
      expect(await names(fx.assignment.getRolesForUserOnProject('u1', 'p111'))).toEqual(['member', 'reader']);
      expect(await names(fx.assignment.getRolesForUserOnDomain('u1', 'd1'))).toEqual(['other']);
      expect(await names(fx.assignment.getRolesForUserOnSystem('u1'))).toEqual(['admin', 'member', 'reader']);
      expect(await fx.assignment.getRolesForUserOnProject('u1', 'q1')).toEqual([]);
      await expect(fx.assignment.getRolesForUserOnProject('u1', 'zz')).rejects.toBeInstanceOf(NotFound);
      expect(await names(fx.assignment.getRolesForGroups(['g1'], { projectId: 'p2' }))).toEqual(['member', 'reader']);
    });

    it('runs a constant number of queries whatever the number of roles', async () => {
      const extra: string[] = [];
      for (let i = 0; i < 12; i++) extra.push((await fx.roles.createRole({ name: `x${i}` })).id);
      await fx.assignment.createGrant(r.admin, { userId: 'u1', projectId: 'p11' });
      const one = await fx.countQueries(() => fx.assignment.getRolesForUserOnProject('u1', 'p11'));
      for (const id of extra) {
        await fx.assignment.createGrant(id, { userId: 'u1', projectId: 'p11' });
        await fx.assignment.createGrant(id, { groupId: 'g1', projectId: 'p1', inheritedToProjects: true });
        await fx.roles.createImpliedRole(id, r.reader);
      }
      const many = await fx.countQueries(() => fx.assignment.getRolesForUserOnProject('u1', 'p11'));
      expect(many.result).toHaveLength(15);
      expect(many.queries).toBe(one.queries);
      expect(many.queries).toBeLessThanOrEqual(6);
      const system = await fx.countQueries(() => fx.assignment.getRolesForUserOnSystem('u1'));
      expect(system.queries).toBeLessThanOrEqual(1);
    });

    it("lists the user's projects and domains, ignoring domain-role-only targets", async () => {
      await fx.assignment.createGrant(r.reader, { groupId: 'g2', domainId: 'd2', inheritedToProjects: true });
      await fx.assignment.createGrant(r.admin, { userId: 'u2', projectId: 'p1', inheritedToProjects: true });
      await fx.assignment.createGrant(r.other, { userId: 'u2', domainId: 'd1' });
      const onlyDomainRole = (await fx.roles.createRole({ name: 'lonely', domain_id: 'd1' })).id;
      await fx.assignment.createGrant(onlyDomainRole, { userId: 'u2', projectId: 'p2' });
      expect((await fx.assignment.listProjectsForUser('u2')).sort()).toEqual(['p11', 'p111', 'q1']);
      expect(await fx.assignment.listDomainsForUser('u2')).toEqual(['d1']);
      await expect(fx.assignment.listProjectsForUser('nobody')).rejects.toBeInstanceOf(NotFound);
    });
  });
});
