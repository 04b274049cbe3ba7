import { BUILTIN_PLUGIN_PACKAGES } from '@keystone-ts/server';
import { startTestServer, type TestServer } from '../../../../test/support/e2e-server';

const PACKAGE = '@keystone-ts/plugin-catalog-templated';

// bootstrap finds its identity endpoint here unchanged, so it writes nothing (a write would be a 501).
const TEMPLATES = [
  'catalog.RegionOne.identity.publicURL = http://localhost/v3',
  'catalog.RegionOne.identity.name = keystone',
  'catalog.RegionOne.compute.publicURL = http://nova:$(public_port)s/v2.1/$(tenant_id)s',
  'catalog.RegionOne.compute.name = nova',
  '',
].join('\n');

/** `[catalog] driver = templated`, configured through keystone.conf alone. */
describe('templated catalog over HTTP', () => {
  let ks: TestServer;
  let auth: Record<string, string>;

  beforeAll(async () => {
    const plugins = BUILTIN_PLUGIN_PACKAGES.includes(PACKAGE) ? '' : `[plugins]\npackages = ${PACKAGE}\n`;
    ks = await startTestServer({
      files: { 'default_catalog.templates': TEMPLATES },
      // A relative name is found next to keystone.conf, as oslo's find_file does.
      extraConfig: `${plugins}[catalog]\ndriver = templated\ntemplate_file = default_catalog.templates\n`,
    });
    auth = { 'x-auth-token': ks.adminToken };
  });
  afterAll(async () => ks?.close());

  it('serves the template as regions, services and endpoints', async () => {
    expect((await ks.request({ method: 'GET', url: '/v3/regions', headers: auth })).json().regions).toEqual([
      { id: 'RegionOne', description: '', parent_region_id: '', links: { self: expect.stringMatching(/\/v3\/regions\/RegionOne$/) } },
    ]);
    const services = (await ks.request({ method: 'GET', url: '/v3/services?type=compute', headers: auth })).json().services;
    expect(services).toEqual([{ id: 'compute', enabled: true, name: 'nova', description: '', type: 'compute', links: expect.anything() }]);
    const endpoint = (await ks.request({ method: 'GET', url: '/v3/endpoints/RegionOne-compute-public', headers: auth })).json().endpoint;
    expect(endpoint).toMatchObject({ service_id: 'compute', url: 'http://nova:$(public_port)s/v2.1/$(tenant_id)s', region: 'RegionOne' });
  });

  it('puts the templated catalog in tokens', async () => {
    const token = await ks.token('admin', ks.adminPassword, 'admin');
    const body = (await ks.request({ method: 'GET', url: '/v3/auth/tokens', headers: { ...auth, 'x-subject-token': token } })).json().token;
    expect(body.catalog).toEqual([
      { type: 'identity', endpoints: [{ interface: 'public', region: 'RegionOne', url: 'http://localhost/v3' }], name: 'keystone' },
      { type: 'compute', endpoints: [{ interface: 'public', region: 'RegionOne', url: `http://nova:5000/v2.1/${body.project.id}` }], name: 'nova' },
    ]);
  });

  it("answers writes and OS-EP-FILTER with Keystone's 501", async () => {
    const notImplemented = { error: { code: 501, title: 'Not Implemented', message: 'The action you have requested has not been implemented.' } };
    const post = await ks.request({ method: 'POST', url: '/v3/services', headers: auth, payload: { service: { type: 'x' } } });
    expect([post.statusCode, post.json()]).toEqual([501, notImplemented]);
    expect((await ks.request({ method: 'PUT', url: '/v3/regions/RegionOne', headers: auth, payload: { region: {} } })).statusCode).toBe(409);
    expect((await ks.request({ method: 'DELETE', url: '/v3/endpoints/RegionOne-compute-public', headers: auth })).statusCode).toBe(501);
    expect((await ks.request({ method: 'GET', url: '/v3/OS-EP-FILTER/endpoint_groups', headers: auth })).statusCode).toBe(501);
  });
});
