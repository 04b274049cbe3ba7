import { startTestServer, type TestServer } from '../../../test/support/e2e-server';
import { MEMORY_CACHE, countQueries } from '../../../test/support/count-queries';
import { AssignmentManager } from './assignment.manager';

describe('effective roles on a warm memory cache', () => {
  let server: TestServer;
  let assignment: AssignmentManager;
  const headers = () => ({ 'x-auth-token': server.adminToken });
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) => server.request({ method, url, headers: headers(), payload });
  const roleId = async (name: string) => (await call('GET', `/v3/roles?name=${name}`)).json().roles[0].id as string;

  beforeAll(async () => {
    server = await startTestServer({ extraConfig: MEMORY_CACHE });
    assignment = server.app.get(AssignmentManager);
  });
  afterAll(() => server?.close());

  it('computes project, domain and system roles without SQL once warm', async () => {
    const admin = (await call('GET', '/v3/users?name=admin')).json().users[0].id as string;
    const project = (await call('GET', '/v3/projects?name=admin')).json().projects[0].id as string;
    const adminRole = await roleId('admin');
    const reads = () =>
      Promise.all([
        assignment.getRolesForUserOnProject(admin, project),
        assignment.getRolesForUserOnDomain(admin, 'default'),
        assignment.getRolesForUserOnSystem(admin),
        assignment.listProjectsForUser(admin),
        assignment.listDomainsForUser(admin),
        assignment.getRole(adminRole),
        assignment.expandImpliedRoleIds([adminRole]),
      ]);
    const cold = await reads();
    expect(cold[0].map((r) => r.name).sort()).toEqual(['admin', 'member', 'reader']);
    expect(await countQueries(server, reads)).toEqual([]);
    expect(await reads()).toEqual(cold);
  });

  it('grant, implied-role and system-grant writes show in the next validation', async () => {
    const project = (await call('POST', '/v3/projects', { project: { name: 'roles-p', domain_id: 'default' } })).json().project.id as string;
    const user = (await call('POST', '/v3/users', { user: { name: 'roles-u', domain_id: 'default', password: 'Secret-123' } })).json().user.id as string;
    // Roles of our own: the bootstrapped ones imply each other (member implies reader).
    const newRole = async (name: string) => (await call('POST', '/v3/roles', { role: { name } })).json().role.id as string;
    const [member, reader] = [await newRole('r-one'), await newRole('r-two')];
    const grant = (method: 'PUT' | 'DELETE', role: string) => call(method, `/v3/projects/${project}/users/${user}/roles/${role}`);
    expect((await grant('PUT', reader)).statusCode).toBe(204);

    const t = await server.token('roles-u', 'Secret-123', 'roles-p');
    const roles = async () => {
      const res = await server.request({ method: 'GET', url: '/v3/auth/tokens?nocatalog', headers: { ...headers(), 'x-subject-token': t } });
      return res.statusCode === 200 ? (res.json().token.roles as { name: string }[]).map((r) => r.name).sort() : res.statusCode;
    };
    expect(await roles()).toEqual(['r-two']);
    await assignment.getRolesForUserOnProject(user, project);
    expect(await countQueries(server, () => assignment.getRolesForUserOnProject(user, project))).toEqual([]);

    expect((await grant('PUT', member)).statusCode).toBe(204);
    expect((await assignment.getRolesForUserOnProject(user, project)).map((r) => r.name).sort()).toEqual(['r-one', 'r-two']);
    expect(await countQueries(server, () => assignment.listProjectsForUser(user))).not.toEqual([]);

    expect((await grant('DELETE', reader)).statusCode).toBe(204);
    expect(await roles()).toEqual(['r-one']);

    // A new implication of member reaches the token at once.
    const extra = await newRole('r-extra');
    expect((await call('PUT', `/v3/roles/${member}/implies/${extra}`)).statusCode).toBe(201);
    expect((await assignment.getRolesForUserOnProject(user, project)).map((r) => r.name).sort()).toEqual(['r-extra', 'r-one']);
    expect((await call('DELETE', `/v3/roles/${member}/implies/${extra}`)).statusCode).toBe(204);
    expect(await roles()).toEqual(['r-one']);

    // System grants.
    expect(await assignment.getRolesForUserOnSystem(user)).toEqual([]);
    expect((await call('PUT', `/v3/system/users/${user}/roles/${reader}`)).statusCode).toBe(204);
    expect((await assignment.getRolesForUserOnSystem(user)).map((r) => r.name)).toEqual(['r-two']);
    expect((await call('DELETE', `/v3/system/users/${user}/roles/${reader}`)).statusCode).toBe(204);
    expect(await assignment.getRolesForUserOnSystem(user)).toEqual([]);

    // Group membership (IdentityManager drops the region).
    const group = (await call('POST', '/v3/groups', { group: { name: 'roles-g', domain_id: 'default' } })).json().group.id as string;
    expect((await call('PUT', `/v3/projects/${project}/groups/${group}/roles/${reader}`)).statusCode).toBe(204);
    expect((await call('PUT', `/v3/groups/${group}/users/${user}`)).statusCode).toBe(204);
    expect((await assignment.getRolesForUserOnProject(user, project)).map((r) => r.name).sort()).toEqual(['r-one', 'r-two']);

    // Deleting the last grant leaves the token with no access.
    expect((await call('DELETE', `/v3/groups/${group}`)).statusCode).toBe(204);
    expect((await grant('DELETE', member)).statusCode).toBe(204);
    expect(await roles()).toBe(404);
  });

  it('a renamed or deleted role is seen at once', async () => {
    const id = (await call('POST', '/v3/roles', { role: { name: 'roles-rename' } })).json().role.id as string;
    await assignment.getRole(id);
    expect((await server.request({ method: 'PATCH', url: `/v3/roles/${id}`, headers: headers(), payload: { role: { name: 'roles-renamed' } } })).statusCode).toBe(200);
    expect((await assignment.getRole(id)).name).toBe('roles-renamed');
    expect((await assignment.getRoleByName('roles-renamed', null)).id).toBe(id);
    expect((await call('DELETE', `/v3/roles/${id}`)).statusCode).toBe(204);
    await expect(assignment.getRole(id)).rejects.toThrow();
  });
});
