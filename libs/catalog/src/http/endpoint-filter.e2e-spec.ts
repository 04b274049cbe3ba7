import { startTestServer, type TestServer } from '../../../../test/support/e2e-server';

/** OS-EP-FILTER and OS-ENDPOINT-POLICY over HTTP. */
describe('endpoint filter and endpoint policy APIs over HTTP', () => {
  let ks: TestServer;
  let auth: Record<string, string>;
  let projectId: string;
  let svc: { id: string };
  let pub: { id: string };
  let adm: { id: string };
  const req = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => ks.request({ method, url, headers: auth, payload });

  beforeAll(async () => {
    ks = await startTestServer();
    auth = { 'x-auth-token': ks.adminToken };
    const token = (await ks.request({ method: 'GET', url: '/v3/auth/tokens', headers: { ...auth, 'x-subject-token': ks.adminToken } })).json().token;
    projectId = token.project.id;
    await req('PUT', '/v3/regions/R1', { region: {} });
    svc = (await req('POST', '/v3/services', { service: { type: 'filtered', name: 'f' } })).json().service;
    pub = (await req('POST', '/v3/endpoints', { endpoint: { interface: 'public', service_id: svc.id, url: 'http://pub', region_id: 'R1' } })).json().endpoint;
    adm = (await req('POST', '/v3/endpoints', { endpoint: { interface: 'admin', service_id: svc.id, url: 'http://adm' } })).json().endpoint;
  });
  afterAll(async () => ks?.close());

  const catalogIds = async () => {
    const token = await ks.token('admin', ks.adminPassword, 'admin');
    const body = (await ks.request({ method: 'GET', url: '/v3/auth/catalog', headers: { 'x-auth-token': token } })).json();
    return body.catalog.flatMap((s: { endpoints: { id: string }[] }) => s.endpoints.map((e) => e.id)).sort();
  };

  it('associates an endpoint with a project and narrows the project catalog to it', async () => {
    expect(await catalogIds()).toEqual(expect.arrayContaining([pub.id, adm.id].sort()));
    expect((await req('GET', `/v3/OS-EP-FILTER/projects/${projectId}/endpoints/${adm.id}`)).statusCode).toBe(404);
    expect((await req('PUT', `/v3/OS-EP-FILTER/projects/${projectId}/endpoints/${adm.id}`)).statusCode).toBe(204);
    expect((await req('PUT', `/v3/OS-EP-FILTER/projects/${projectId}/endpoints/${adm.id}`)).statusCode).toBe(409);
    expect((await req('PUT', `/v3/OS-EP-FILTER/projects/ghost/endpoints/${adm.id}`)).statusCode).toBe(404);
    expect((await req('GET', `/v3/OS-EP-FILTER/projects/${projectId}/endpoints/${adm.id}`)).statusCode).toBe(204);
    expect(await catalogIds()).toEqual([adm.id]);
    const listed = (await req('GET', `/v3/OS-EP-FILTER/projects/${projectId}/endpoints`)).json();
    expect(listed.endpoints).toEqual([expect.objectContaining({ id: adm.id, region: null, links: { self: expect.stringMatching(`/v3/endpoints/${adm.id}$`) } })]);
    const projects = (await req('GET', `/v3/OS-EP-FILTER/endpoints/${adm.id}/projects`)).json().projects;
    expect(projects.map((p: { id: string }) => p.id)).toEqual([projectId]);
    expect((await req('DELETE', `/v3/OS-EP-FILTER/projects/${projectId}/endpoints/${adm.id}`)).statusCode).toBe(204);
    expect((await req('DELETE', `/v3/OS-EP-FILTER/projects/${projectId}/endpoints/${adm.id}`)).statusCode).toBe(404);
  });

  it('manages endpoint groups and their projects', async () => {
    expect((await req('POST', '/v3/OS-EP-FILTER/endpoint_groups', { endpoint_group: { name: 'g', filters: {} } })).statusCode).toBe(400);
    expect((await req('POST', '/v3/OS-EP-FILTER/endpoint_groups', { endpoint_group: { name: 'g', filters: { url: 'x' } } })).statusCode).toBe(400);
    const created = await req('POST', '/v3/OS-EP-FILTER/endpoint_groups', { endpoint_group: { name: 'public R1', filters: { interface: 'public', region_id: 'R1' } } });
    expect(created.statusCode).toBe(201);
    const group = created.json().endpoint_group;
    expect(group).toEqual({ id: group.id, name: 'public R1', description: null, filters: { interface: 'public', region_id: 'R1' }, links: { self: expect.stringMatching(`/v3/OS-EP-FILTER/endpoint_groups/${group.id}$`) } });
    expect((await req('GET', '/v3/OS-EP-FILTER/endpoint_groups?name=public%20R1')).json().endpoint_groups.map((g: { id: string }) => g.id)).toEqual([group.id]);
    expect((await req('GET', `/v3/OS-EP-FILTER/endpoint_groups/${group.id}/endpoints`)).json().endpoints.map((e: { id: string }) => e.id)).toEqual([pub.id]);
    expect((await req('PUT', `/v3/OS-EP-FILTER/endpoint_groups/${group.id}/projects/${projectId}`)).statusCode).toBe(204);
    const assoc = await req('GET', `/v3/OS-EP-FILTER/endpoint_groups/${group.id}/projects/${projectId}`);
    expect(assoc.json()).toEqual({
      project_endpoint_group: { endpoint_group_id: group.id, project_id: projectId, links: { self: `/OS-EP-FILTER/endpoint_groups/${group.id}/projects/${projectId}` } },
    });
    expect((await req('GET', `/v3/OS-EP-FILTER/projects/${projectId}/endpoint_groups`)).json().endpoint_groups.map((g: { id: string }) => g.id)).toEqual([group.id]);
    expect((await req('GET', `/v3/OS-EP-FILTER/endpoint_groups/${group.id}/projects`)).json().projects.map((p: { id: string }) => p.id)).toEqual([projectId]);
    expect(await catalogIds()).toEqual([pub.id]);
    expect((await req('PATCH', `/v3/OS-EP-FILTER/endpoint_groups/${group.id}`, { endpoint_group: { description: 'd' } })).json().endpoint_group.description).toBe('d');
    expect((await req('DELETE', `/v3/OS-EP-FILTER/endpoint_groups/${group.id}`)).statusCode).toBe(204);
    expect((await req('GET', `/v3/OS-EP-FILTER/endpoint_groups/${group.id}`)).json().error.message).toBe(`Could not find Endpoint Group: ${group.id}.`);
    expect(await catalogIds()).toEqual(expect.arrayContaining([pub.id, adm.id].sort()));
  });

  it('serves the policy of an endpoint by Keystone\'s precedence', async () => {
    const policy = async (blob: string) => (await req('POST', '/v3/policies', { policy: { type: 'application/json', blob } })).json().policy.id as string;
    const polSvc = await policy('{}');
    const polEp = await policy('{"a": 1}');
    const base = `/v3/policies`;
    expect((await req('GET', `/v3/endpoints/${pub.id}/OS-ENDPOINT-POLICY/policy`)).json().error.message).toBe(`No policy is associated with endpoint ${pub.id}.`);
    expect((await req('PUT', `${base}/${polSvc}/OS-ENDPOINT-POLICY/services/${svc.id}`)).statusCode).toBe(204);
    expect((await req('PUT', `${base}/ghost/OS-ENDPOINT-POLICY/services/${svc.id}`)).statusCode).toBe(404);
    expect((await req('GET', `${base}/${polSvc}/OS-ENDPOINT-POLICY/services/${svc.id}`)).statusCode).toBe(204);
    expect((await req('GET', `/v3/endpoints/${pub.id}/OS-ENDPOINT-POLICY/policy`)).json().policy).toMatchObject({ id: polSvc, blob: '{}' });
    expect((await req('PUT', `${base}/${polEp}/OS-ENDPOINT-POLICY/endpoints/${pub.id}`)).statusCode).toBe(204);
    const effective = (await req('GET', `/v3/endpoints/${pub.id}/OS-ENDPOINT-POLICY/policy`)).json().policy;
    expect(effective).toEqual({ id: polEp, type: 'application/json', blob: '{"a": 1}', links: { self: expect.stringMatching(new RegExp(`/v3/endpoints/${polEp}$`)) } });
    const endpoints = (await req('GET', `${base}/${polSvc}/OS-ENDPOINT-POLICY/endpoints`)).json().endpoints;
    expect(endpoints.map((e: { id: string }) => e.id).sort()).toEqual([pub.id, adm.id].sort());
    expect(endpoints[0]).not.toHaveProperty('legacy_endpoint_id');
    expect((await req('PUT', `${base}/${polSvc}/OS-ENDPOINT-POLICY/services/${svc.id}/regions/R1`)).statusCode).toBe(204);
    expect((await req('DELETE', `${base}/${polSvc}/OS-ENDPOINT-POLICY/services/${svc.id}/regions/R1`)).statusCode).toBe(204);
    expect((await req('GET', `${base}/${polSvc}/OS-ENDPOINT-POLICY/services/${svc.id}/regions/R1`)).statusCode).toBe(404);
  });
});
