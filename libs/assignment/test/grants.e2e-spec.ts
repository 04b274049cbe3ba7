import { startTestServer, type TestServer } from '../../../test/support/e2e-server';

type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/**
 * Grants (projects, domains, OS-INHERIT, system), role assignments and
 * /v3/users/{id}/projects through keystone-all. Domain D holds P ⊃ C; user U
 * is in group G; roles R1, R2 are global, DR belongs to D.
 */
describe('grants and role assignments over HTTP', () => {
  let ks: TestServer;
  let call: (method: Method, url: string, payload?: unknown) => ReturnType<TestServer['request']>;
  let D: Json, P: Json, C: Json, U: Json, G: Json, R1: Json, R2: Json, DR: Json;
  const post = async (url: string, key: string, body: Json) => {
    const res = await call('POST', url, { [key]: body });
    if (res.statusCode !== 201) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json()[key] as Json;
  };
  const ids = (res: { json(): Json }, key = 'roles') => res.json()[key].map((x: Json) => x.id).sort();

  beforeAll(async () => {
    ks = await startTestServer();
    call = (method, url, payload) => ks.request({ method, url, headers: { 'x-auth-token': ks.adminToken }, payload });
    D = await post('/v3/domains', 'domain', { name: 'grants-dom' });
    P = await post('/v3/projects', 'project', { name: 'parent', domain_id: D.id });
    C = await post('/v3/projects', 'project', { name: 'child', domain_id: D.id, parent_id: P.id });
    U = await post('/v3/users', 'user', { name: 'gina', domain_id: D.id, password: 'gina-pass' });
    G = await post('/v3/groups', 'group', { name: 'staff', domain_id: D.id });
    expect((await call('PUT', `/v3/groups/${G.id}/users/${U.id}`)).statusCode).toBe(204);
    R1 = await post('/v3/roles', 'role', { name: 'r-one' });
    R2 = await post('/v3/roles', 'role', { name: 'r-two' });
    DR = await post('/v3/roles', 'role', { name: 'dr', domain_id: D.id });
  });
  afterAll(async () => ks?.close());

  it('grants, checks, lists and revokes a user role on a project', async () => {
    const url = `/v3/projects/${P.id}/users/${U.id}/roles`;
    expect((await call('PUT', `${url}/${R1.id}`)).statusCode).toBe(204);
    expect((await call('PUT', `${url}/${R1.id}`)).statusCode).toBe(204);
    expect((await call('GET', `${url}/${R1.id}`)).statusCode).toBe(204);
    expect((await call('HEAD', `${url}/${R1.id}`)).statusCode).toBe(204);
    const list = await call('GET', url);
    expect(list.json()).toEqual({
      roles: [{ ...R1, links: { self: expect.stringMatching(new RegExp(`/v3/roles/${R1.id}$`)) } }],
      links: { self: expect.stringMatching(new RegExp(`${url}$`)), previous: null, next: null },
    });
    expect((await call('DELETE', `${url}/${R1.id}`)).statusCode).toBe(204);
    const gone = await call('GET', `${url}/${R1.id}`);
    expect([gone.statusCode, gone.json().error.message]).toEqual([
      404,
      `Could not find role assignment with role: ${R1.id}, user or group: ${U.id}, project, domain, or system: ${P.id}.`,
    ]);
    expect((await call('DELETE', `${url}/${R1.id}`)).statusCode).toBe(404);
  });

  it('answers 404 for an unknown role, actor or target, and 403 for a role of another domain', async () => {
    expect((await call('PUT', `/v3/projects/${P.id}/users/${U.id}/roles/nope`)).json().error.message).toBe('Could not find role: nope.');
    expect((await call('PUT', `/v3/projects/${P.id}/users/nope/roles/${R1.id}`)).json().error.message).toBe('Could not find user: nope.');
    expect((await call('PUT', `/v3/projects/nope/groups/${G.id}/roles/${R1.id}`)).json().error.message).toBe('Could not find project: nope.');
    expect((await call('GET', `/v3/domains/nope/users/${U.id}/roles`)).statusCode).toBe(404);
    const admin = (await call('GET', '/v3/projects?name=admin')).json().projects[0];
    const mismatch = await call('PUT', `/v3/projects/${admin.id}/users/${U.id}/roles/${DR.id}`);
    expect([mismatch.statusCode, mismatch.json().error.message]).toEqual([403, `Project ${admin.id} must be in the same domain as the role ${DR.id} being assigned.`]);
    expect((await call('PUT', `/v3/projects/${P.id}/users/${U.id}/roles/${'r'.repeat(200)}`)).statusCode).toBe(404);
  });

  it('handles group grants on domains', async () => {
    const url = `/v3/domains/${D.id}/groups/${G.id}/roles`;
    expect((await call('PUT', `${url}/${R2.id}`)).statusCode).toBe(204);
    expect(ids(await call('GET', url))).toEqual([R2.id]);
    expect((await call('GET', `${url}/${R1.id}`)).statusCode).toBe(404);
    expect((await call('DELETE', `${url}/${R2.id}`)).statusCode).toBe(204);
  });

  it('inherits OS-INHERIT grants to the projects below, and shows where they come from', async () => {
    const inh = `/v3/OS-INHERIT/domains/${D.id}/groups/${G.id}/roles`;
    expect((await call('PUT', `${inh}/${R1.id}/inherited_to_projects`)).statusCode).toBe(204);
    expect((await call('GET', `${inh}/${R1.id}/inherited_to_projects`)).statusCode).toBe(204);
    expect(ids(await call('GET', `${inh}/inherited_to_projects`))).toEqual([R1.id]);
    // Not a direct grant on the domain.
    expect(ids(await call('GET', `/v3/domains/${D.id}/groups/${G.id}/roles`))).toEqual([]);

    const direct = (await call('GET', `/v3/role_assignments?group.id=${G.id}`)).json().role_assignments;
    expect(direct).toEqual([
      {
        scope: { domain: { id: D.id }, 'OS-INHERIT:inherited_to': 'projects' },
        group: { id: G.id },
        role: { id: R1.id },
        links: { assignment: expect.stringMatching(new RegExp(`/v3/OS-INHERIT/domains/${D.id}/groups/${G.id}/roles/${R1.id}/inherited_to_projects$`)) },
      },
    ]);

    const effective = (await call('GET', `/v3/role_assignments?effective&user.id=${U.id}&scope.project.id=${C.id}`)).json().role_assignments;
    expect(effective).toEqual([
      {
        scope: { project: { id: C.id }, 'OS-INHERIT:inherited_to': 'projects' },
        user: { id: U.id },
        role: { id: R1.id },
        links: {
          assignment: expect.stringMatching(new RegExp(`/v3/OS-INHERIT/domains/${D.id}/groups/${G.id}/roles/${R1.id}/inherited_to_projects$`)),
          membership: expect.stringMatching(new RegExp(`/v3/groups/${G.id}/users/${U.id}$`)),
        },
      },
    ]);

    // The user can now get a token on either project.
    await expect(ks.token('gina', 'gina-pass', 'child', 'grants-dom')).resolves.toBeTruthy();
    const projects = await call('GET', `/v3/users/${U.id}/projects`);
    expect(ids(projects, 'projects')).toEqual([C.id, P.id].sort());
    expect(projects.json().projects[0].links.self).toMatch(/\/v3\/projects\/[0-9a-f]{32}$/);
    expect(ids(await call('GET', `/v3/users/${U.id}/projects?name=child`), 'projects')).toEqual([C.id]);
    expect((await call('GET', '/v3/users/nobody/projects')).statusCode).toBe(404);

    expect((await call('DELETE', `${inh}/${R1.id}/inherited_to_projects`)).statusCode).toBe(204);
    expect((await call('GET', `/v3/users/${U.id}/projects`)).json().projects).toEqual([]);
  });

  it('marks implied roles with a prior_role link and lists with names', async () => {
    expect((await call('PUT', `/v3/roles/${R2.id}/implies/${R1.id}`)).statusCode).toBe(201);
    expect((await call('PUT', `/v3/OS-INHERIT/projects/${P.id}/users/${U.id}/roles/${R2.id}/inherited_to_projects`)).statusCode).toBe(204);
    const res = await call('GET', `/v3/role_assignments?effective&include_names&user.id=${U.id}`);
    const got = res.json().role_assignments as Json[];
    expect(got).toHaveLength(2);
    const implied = got.find((a) => a.role.id === R1.id)!;
    expect(implied).toEqual({
      scope: { project: { id: C.id, name: 'child', domain: { id: D.id, name: 'grants-dom' } }, 'OS-INHERIT:inherited_to': 'projects' },
      user: { id: U.id, name: 'gina', domain: { id: D.id, name: 'grants-dom' } },
      role: { id: R1.id, name: 'r-one' },
      links: {
        assignment: expect.stringMatching(new RegExp(`/v3/OS-INHERIT/projects/${P.id}/users/${U.id}/roles/${R2.id}/inherited_to_projects$`)),
        // Keystone 22 writes the implied role first in this link.
        prior_role: expect.stringMatching(new RegExp(`/v3/prior_role/${R1.id}/implies/${R2.id}$`)),
      },
    });
    const tree = await call('GET', `/v3/role_assignments?include_subtree=true&scope.project.id=${P.id}&effective`);
    expect(tree.json().role_assignments.map((a: Json) => a.scope.project.id)).toEqual([C.id, C.id]);
    expect((await call('DELETE', `/v3/OS-INHERIT/projects/${P.id}/users/${U.id}/roles/${R2.id}/inherited_to_projects`)).statusCode).toBe(204);
    expect((await call('DELETE', `/v3/roles/${R2.id}/implies/${R1.id}`)).statusCode).toBe(204);
  });

  it('grants system roles, refusing domain-specific ones', async () => {
    const url = `/v3/system/users/${U.id}/roles`;
    expect((await call('PUT', `${url}/${R1.id}`)).statusCode).toBe(204);
    expect((await call('GET', `${url}/${R1.id}`)).statusCode).toBe(204);
    expect(ids(await call('GET', url))).toEqual([R1.id]);
    const sys = (await call('GET', `/v3/role_assignments?scope.system=all&user.id=${U.id}`)).json().role_assignments;
    expect(sys).toEqual([{ scope: { system: { all: true } }, user: { id: U.id }, role: { id: R1.id }, links: { assignment: expect.stringMatching(new RegExp(`/v3/system/users/${U.id}/roles/${R1.id}$`)) } }]);
    const bad = await call('PUT', `/v3/system/groups/${G.id}/roles/${DR.id}`);
    expect([bad.statusCode, bad.json().error.message]).toEqual([400, `Role ${DR.id} is a domain-specific role. Unable to use a domain-specific role in a system assignment.`]);
    expect((await call('DELETE', `${url}/${R1.id}`)).statusCode).toBe(204);
    expect((await call('DELETE', `${url}/${R1.id}`)).statusCode).toBe(404);
    expect((await call('GET', `/v3/system/groups/nope/roles`)).statusCode).toBe(404);
  });

  it('refuses contradictory role_assignments filters with 400', async () => {
    const cases: [string, string][] = [
      ['scope.domain.id=a&scope.project.id=b', 'Specify a domain or project, not both'],
      ['scope.system=all&scope.domain.id=a', 'Specify system or domain, not both'],
      ['scope.system=all&scope.project.id=a', 'Specify system or project, not both'],
      ['user.id=a&group.id=b', 'Specify a user or group, not both'],
      ['effective&group.id=b', 'Combining effective and group filter will always result in an empty list.'],
      ['effective&scope.domain.id=a&scope.OS-INHERIT:inherited_to=projects', 'Combining effective, domain and inherited filters will always result in an empty list.'],
      ['include_subtree=1', 'scope.project.id must be specified if include_subtree is also specified'],
    ];
    for (const [q, message] of cases) {
      const res = await call('GET', `/v3/role_assignments?${q}`);
      expect([q, res.statusCode, res.json().error.message]).toEqual([q, 400, message]);
    }
    expect((await call('GET', '/v3/role_assignments?include_subtree&scope.project.id=nope')).statusCode).toBe(404);
    expect((await call('GET', '/v3/role_assignments?user.id=a&user.id=b&role.id=x')).statusCode).toBe(200);
    expect((await call('GET', '/v3/role_assignments?role.id=%00')).statusCode).toBe(400);
  });

  it('drops assignments with their role, user and group', async () => {
    const role = await post('/v3/roles', 'role', { name: 'short-lived' });
    await call('PUT', `/v3/projects/${P.id}/users/${U.id}/roles/${role.id}`);
    await call('PUT', `/v3/domains/${D.id}/groups/${G.id}/roles/${role.id}`);
    expect((await call('GET', `/v3/role_assignments?role.id=${role.id}`)).json().role_assignments).toHaveLength(2);
    expect((await call('DELETE', `/v3/roles/${role.id}`)).statusCode).toBe(204);
    expect((await call('GET', `/v3/role_assignments?role.id=${role.id}`)).json().role_assignments).toEqual([]);

    await call('PUT', `/v3/projects/${P.id}/groups/${G.id}/roles/${R2.id}`);
    expect((await call('DELETE', `/v3/groups/${G.id}`)).statusCode).toBe(204);
    expect((await call('GET', `/v3/role_assignments?group.id=${G.id}`)).json().role_assignments).toEqual([]);
  });
});
