import { InMemoryNotificationDriver } from '@keystone-ts/core';
import { bootKeystone } from '@keystone-ts/server';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startTestServer, type TestServer } from '../support/e2e-server';

/** Keystone 22's notifications, read back through the `test` driver (oslo's in-memory one). */
const sent = () => InMemoryNotificationDriver.sent;
const ofType = (type: string) => sent().filter((m) => m.event_type === type);

describe('notifications (CADF, opt-out of identity.project.updated)', () => {
  let ks: TestServer;
  let auth: Record<string, string>;
  let adminId: string;

  beforeAll(async () => {
    ks = await startTestServer({
      extraConfig: ['[DEFAULT]', 'notification_opt_out = identity.project.updated', 'default_publisher_id = ks-test', '[oslo_messaging_notifications]', 'driver = test'].join('\n'),
    });
    auth = { 'x-auth-token': ks.adminToken, 'user-agent': 'notification-test/1.0' };
    adminId = (await ks.request({ method: 'GET', url: '/v3/auth/tokens', headers: { ...auth, 'x-subject-token': ks.adminToken } })).json().token.user.id;
  });
  afterAll(() => ks?.close());
  beforeEach(() => InMemoryNotificationDriver.reset());

  it('user created, updated, deleted: CADF events naming the caller', async () => {
    const res = await ks.request({ method: 'POST', url: '/v3/users', headers: auth, payload: { user: { name: 'n-user', password: 'secret-1' } } });
    expect(res.statusCode).toBe(201);
    const id = res.json().user.id;
    expect((await ks.request({ method: 'PATCH', url: `/v3/users/${id}`, headers: auth, payload: { user: { description: 'x' } } })).statusCode).toBe(200);
    expect((await ks.request({ method: 'DELETE', url: `/v3/users/${id}`, headers: auth })).statusCode).toBe(204);

    expect(sent().map((m) => m.event_type)).toEqual(['identity.user.created', 'identity.user.updated', 'identity.user.deleted']);
    const [created] = ofType('identity.user.created');
    expect(created.publisher_id).toBe('identity.ks-test');
    expect(created.priority).toBe('INFO');
    expect(created.payload).toMatchObject({
      typeURI: 'http://schemas.dmtf.org/cloud/audit/1.0/event',
      eventType: 'activity',
      action: 'created.user',
      outcome: 'success',
      resource_info: id,
      target: { id, typeURI: 'data/security/account/user' },
      initiator: { typeURI: 'service/security/account/user', user_id: adminId, username: 'admin', host: { agent: 'notification-test/1.0' } },
      observer: { typeURI: 'service/security' },
    });
    expect((created.payload.initiator as Record<string, unknown>).request_id).toMatch(/^req-/);
    expect((created.payload.initiator as Record<string, unknown>).project_id).toEqual(expect.any(String));
    // The observer is the identity service of the catalog.
    const services = (await ks.request({ method: 'GET', url: '/v3/services?type=identity', headers: auth })).json().services;
    expect((created.payload.observer as Record<string, unknown>).id).toBe(services[0].id);
  });

  it('project created and deleted; the opted-out update is not published', async () => {
    const res = await ks.request({ method: 'POST', url: '/v3/projects', headers: auth, payload: { project: { name: 'n-project' } } });
    expect(res.statusCode).toBe(201);
    const id = res.json().project.id;
    expect((await ks.request({ method: 'PATCH', url: `/v3/projects/${id}`, headers: auth, payload: { project: { description: 'd' } } })).statusCode).toBe(200);
    expect((await ks.request({ method: 'DELETE', url: `/v3/projects/${id}`, headers: auth })).statusCode).toBe(204);
    expect(sent().map((m) => [m.event_type, m.payload.action, m.payload.resource_info])).toEqual([
      ['identity.project.created', 'created.project', id],
      ['identity.project.deleted', 'deleted.project', id],
    ]);
    expect(ofType('identity.project.created')[0].payload.target).toEqual({ id, typeURI: 'data/security/project' });
  });

  it('role assignment created and deleted, with the grant in the event', async () => {
    const user = (await ks.request({ method: 'POST', url: '/v3/users', headers: auth, payload: { user: { name: 'n-grantee' } } })).json().user;
    const project = (await ks.request({ method: 'POST', url: '/v3/projects', headers: auth, payload: { project: { name: 'n-grant-project' } } })).json().project;
    const role = (await ks.request({ method: 'POST', url: '/v3/roles', headers: auth, payload: { role: { name: 'n-role' } } })).json().role;
    expect(ofType('identity.role.created')[0].payload).toMatchObject({ action: 'created.role', resource_info: role.id, target: { typeURI: 'data/security/role' } });
    InMemoryNotificationDriver.reset();
    const url = `/v3/projects/${project.id}/users/${user.id}/roles/${role.id}`;
    expect((await ks.request({ method: 'PUT', url, headers: auth })).statusCode).toBe(204);
    expect((await ks.request({ method: 'DELETE', url, headers: auth })).statusCode).toBe(204);
    expect(sent().map((m) => m.event_type)).toEqual(['identity.role_assignment.created', 'identity.role_assignment.deleted']);
    const grant = { project: project.id, user: user.id, role: role.id, inherited_to_projects: false };
    expect(sent()[0].payload).toMatchObject({ action: 'created.role_assignment', outcome: 'success', ...grant, initiator: { user_id: adminId } });
    expect(sent()[1].payload).toMatchObject({ action: 'deleted.role_assignment', outcome: 'success', ...grant });
  });

  it('group membership: the group is updated', async () => {
    const user = (await ks.request({ method: 'POST', url: '/v3/users', headers: auth, payload: { user: { name: 'n-member' } } })).json().user;
    const group = (await ks.request({ method: 'POST', url: '/v3/groups', headers: auth, payload: { group: { name: 'n-group' } } })).json().group;
    InMemoryNotificationDriver.reset();
    expect((await ks.request({ method: 'PUT', url: `/v3/groups/${group.id}/users/${user.id}`, headers: auth })).statusCode).toBe(204);
    expect((await ks.request({ method: 'DELETE', url: `/v3/groups/${group.id}/users/${user.id}`, headers: auth })).statusCode).toBe(204);
    expect(sent().map((m) => [m.event_type, m.payload.action, m.payload.resource_info])).toEqual([
      ['identity.group.updated', 'updated.group', group.id],
      ['identity.group.updated', 'updated.group', group.id],
    ]);
  });

  it('catalog and policy writes', async () => {
    const region = (await ks.request({ method: 'POST', url: '/v3/regions', headers: auth, payload: { region: { id: 'n-region' } } })).json().region;
    const service = (await ks.request({ method: 'POST', url: '/v3/services', headers: auth, payload: { service: { type: 'n-type' } } })).json().service;
    const endpoint = (await ks.request({ method: 'POST', url: '/v3/endpoints', headers: auth, payload: { endpoint: { service_id: service.id, interface: 'public', url: 'http://x' } } })).json().endpoint;
    const policy = (await ks.request({ method: 'POST', url: '/v3/policies', headers: auth, payload: { policy: { blob: '{}', type: 'application/json' } } })).json().policy;
    expect((await ks.request({ method: 'DELETE', url: `/v3/services/${service.id}`, headers: auth })).statusCode).toBe(204);
    expect(sent().map((m) => [m.event_type, m.payload.resource_info, (m.payload.target as Record<string, unknown>).typeURI])).toEqual([
      ['identity.region.created', region.id, 'data/security/region'],
      ['identity.service.created', service.id, 'data/security/service'],
      ['identity.endpoint.created', endpoint.id, 'data/security/endpoint'],
      ['identity.policy.created', policy.id, 'data/security/policy'],
      ['identity.service.deleted', service.id, 'data/security/service'],
    ]);
  });

  it('authentication (no longer opted out): success and failure, CADF', async () => {
    await ks.token('admin', ks.adminPassword, 'admin');
    const bad = await ks.request({
      method: 'POST',
      url: '/v3/auth/tokens',
      headers: { 'user-agent': 'bad-client' },
      payload: { auth: { identity: { methods: ['password'], password: { user: { id: adminId, password: 'wrong' } } } } },
    });
    expect(bad.statusCode).toBe(401);
    const events = ofType('identity.authenticate');
    expect(events.map((m) => m.payload.outcome)).toEqual(['success', 'failure']);
    expect(events[1].payload).toMatchObject({
      action: 'authenticate',
      outcome: 'failure',
      eventType: 'activity',
      initiator: { user_id: adminId, username: 'admin', host: { agent: 'bad-client' } },
      target: { typeURI: 'service/security/account/user' },
    });
  });
});

describe('notifications (CADF, opt-out of identity.project.updated): unknown users', () => {
  let ks: TestServer;

  beforeAll(async () => {
    ks = await startTestServer({ extraConfig: ['[DEFAULT]', 'notification_opt_out = identity.project.updated', '[oslo_messaging_notifications]', 'driver = test'].join('\n') });
  });
  afterAll(() => ks?.close());
  beforeEach(() => InMemoryNotificationDriver.reset());

  it('a user name that does not exist is an authentication failure naming what was asked for', async () => {
    const res = await ks.request({
      method: 'POST',
      url: '/v3/auth/tokens',
      payload: { auth: { identity: { methods: ['password'], password: { user: { name: 'nobody', domain: { id: 'default' }, password: 'x' } } } } },
    });
    expect(res.statusCode).toBe(401);
    const [event] = ofType('identity.authenticate');
    expect(event.payload).toMatchObject({
      action: 'authenticate',
      outcome: 'failure',
      initiator: { typeURI: 'service/security/account/user', user_name: 'nobody', domain_id: 'default', domain_name: 'Default' },
      reason: { reasonCode: '404' },
    });
    expect((event.payload.reason as Record<string, string>).reasonType).toContain('nobody');
  });
});

describe('a notification driver that fails', () => {
  let ks: TestServer;

  beforeAll(async () => {
    ks = await startTestServer({
      setup: (dir) => {
        mkdirSync(join(dir, 'node_modules'), { recursive: true });
        symlinkSync(resolve(__dirname, '../fixtures/failing-notifier-plugin'), join(dir, 'node_modules', 'keystone-ts-failing-notifier'));
      },
      extraConfig: ['[plugins]', 'packages = keystone-ts-failing-notifier', '[oslo_messaging_notifications]', 'driver = always-down', 'driver = test'].join('\n'),
    });
  });
  afterAll(() => ks?.close());

  it('never fails the request, and the other drivers still deliver', async () => {
    InMemoryNotificationDriver.reset();
    const res = await ks.request({ method: 'POST', url: '/v3/projects', headers: { 'x-auth-token': ks.adminToken }, payload: { project: { name: 'still-works' } } });
    expect(res.statusCode).toBe(201);
    expect(ofType('identity.project.created').map((m) => m.payload.resource_info)).toEqual([res.json().project.id]);
  });
});

describe('notifications (basic format, default opt-out)', () => {
  let ks: TestServer;
  let auth: Record<string, string>;

  beforeAll(async () => {
    ks = await startTestServer({ extraConfig: ['[DEFAULT]', 'notification_format = basic', '[oslo_messaging_notifications]', 'driver = test', 'driver = noop'].join('\n') });
    auth = { 'x-auth-token': ks.adminToken };
  });
  afterAll(() => ks?.close());
  beforeEach(() => InMemoryNotificationDriver.reset());

  it('publishes {resource_info, request_id}; authentication stays opted out by default', async () => {
    const res = await ks.request({ method: 'POST', url: '/v3/users', headers: auth, payload: { user: { name: 'b-user', password: 'pw-1' } } });
    const id = res.json().user.id;
    await ks.token('b-user', 'pw-1');
    expect(sent().map((m) => m.event_type)).toEqual(['identity.user.created']);
    expect(sent()[0].payload).toEqual({ resource_info: id, request_id: res.headers['x-openstack-request-id'] });
  });

  it('in-process subscribers hear every event, including unpublished ones', async () => {
    const { Notifier } = await import('@keystone-ts/core');
    const heard: string[] = [];
    const off = ks.app.get(Notifier).subscribe('identity.*', (e) => void heard.push(e.eventType));
    const project = (await ks.request({ method: 'POST', url: '/v3/projects', headers: auth, payload: { project: { name: 'b-project' } } })).json().project;
    await ks.request({ method: 'PATCH', url: `/v3/projects/${project.id}`, headers: auth, payload: { project: { enabled: false } } });
    off();
    expect(heard).toEqual(['identity.project.created', 'identity.project.disabled', 'identity.project.updated']);
    expect(sent().map((m) => m.event_type)).toEqual(['identity.project.created', 'identity.project.updated']);
  });
});

describe('[oslo_messaging_notifications] driver', () => {
  it('an unknown driver name fails at start, naming the option', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ks-notify-'));
    const conf = join(dir, 'keystone.conf');
    writeFileSync(conf, '[oslo_messaging_notifications]\ndriver = log\ndriver = rabbit\n');
    expect(() => bootKeystone(['--config-file', conf])).toThrow(/\[oslo_messaging_notifications\] driver = 'rabbit': Unable to find 'rabbit' driver in 'keystone.notification.driver'/);
  });

  it('accepts oslo.messaging\'s names, and the deprecated [DEFAULT] notification_driver', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ks-notify-'));
    const conf = join(dir, 'keystone.conf');
    writeFileSync(conf, '[DEFAULT]\nnotification_driver = messagingv2\n[oslo_messaging_notifications]\ndriver = messaging\ndriver = noop\ndriver = log\n');
    const runtime = bootKeystone(['--config-file', conf]);
    expect(runtime.config.get('oslo_messaging_notifications', 'driver')).toEqual(['messagingv2', 'messaging', 'noop', 'log']);
  });
});
