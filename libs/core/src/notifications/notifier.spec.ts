import type { Logger, NotificationDriver, NotificationMessage } from '@keystone-ts/plugin-sdk';
import { Notifier, type IdentityEvent } from './notifier';
import { LogNotificationDriver, maskSecrets } from './notification.drivers';
import { withRequestAudit } from './request-audit-context';

class Capture implements NotificationDriver {
  readonly sent: NotificationMessage[] = [];
  notify(m: NotificationMessage): void {
    this.sent.push(m);
  }
}

const quiet: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: jest.fn() };

function notifier(opts: { format?: 'basic' | 'cadf'; optOut?: string[]; drivers?: NotificationDriver[] } = {}) {
  const capture = new Capture();
  const drivers = (opts.drivers ?? [capture]).map((driver, i) => ({ name: `d${i}`, driver }));
  const n = new Notifier(drivers, { format: opts.format ?? 'cadf', optOut: opts.optOut ?? [], publisherId: 'identity.host1', retry: -1 }, null, quiet);
  return { n, capture };
}

describe('Notifier', () => {
  it('cadf format: publishes a CADF event under identity.<type>.<operation>', async () => {
    const { n, capture } = notifier();
    await n.created('project', 'p1');
    expect(capture.sent).toHaveLength(1);
    expect(capture.sent[0]).toMatchObject({ publisher_id: 'identity.host1', event_type: 'identity.project.created', priority: 'INFO', payload: { action: 'created.project', outcome: 'success', resource_info: 'p1' } });
  });

  it('basic format: publishes {resource_info} and the request id', async () => {
    const { n, capture } = notifier({ format: 'basic' });
    await withRequestAudit({ requestId: 'req-9', caller: () => undefined }, () => n.deleted('user', 'u1'));
    expect(capture.sent[0].payload).toEqual({ resource_info: 'u1', request_id: 'req-9' });
    await n.addedTo('group', 'g1', 'user', 'u1');
    expect(capture.sent[1]).toMatchObject({ event_type: 'identity.group.updated', payload: { resource_info: 'g1', actor_id: 'u1', actor_type: 'user', actor_operation: 'added' } });
  });

  it('authentication and role assignments are CADF whatever the format', async () => {
    const { n, capture } = notifier({ format: 'basic' });
    await n.authenticate('failure', { userId: 'u1' });
    await n.roleAssignment('created', { roleId: 'r', userId: 'u', projectId: 'p' });
    expect(capture.sent.map((m) => [m.event_type, m.payload.action, m.payload.outcome])).toEqual([
      ['identity.authenticate', 'authenticate', 'failure'],
      ['identity.role_assignment.created', 'created.role_assignment', 'success'],
    ]);
  });

  it('opt-out stops publishing, not subscribers; authentication is opted out per outcome', async () => {
    const { n, capture } = notifier({ optOut: ['identity.user.created', 'identity.authenticate.success'] });
    const heard: string[] = [];
    n.subscribe('*', (e) => void heard.push(e.eventType));
    await n.created('user', 'u1');
    await n.authenticate('success', { userId: 'u1' });
    await n.authenticate('failure', { userId: 'u1' });
    expect(capture.sent.map((m) => `${m.event_type}.${m.payload.outcome}`)).toEqual(['identity.authenticate.failure']);
    expect(heard).toEqual(['identity.user.created', 'identity.authenticate.success', 'identity.authenticate.failure']);
  });

  it('disabled and internal events reach subscribers only', async () => {
    const { n, capture } = notifier();
    const heard: IdentityEvent[] = [];
    n.subscribe('identity.project.*', (e) => void heard.push(e));
    await n.disabled('project', 'p1');
    await n.internal('domain_deleted', 'd1');
    expect(capture.sent).toEqual([]);
    expect(heard.map((e) => [e.eventType, e.public, e.payload])).toEqual([['identity.project.disabled', false, { resource_info: 'p1' }]]);
  });

  it('never rejects: a failing driver or subscriber is logged and the others still run', async () => {
    const good = new Capture();
    const bad: NotificationDriver = { notify: () => Promise.reject(new Error('bus down')) };
    const { n } = notifier({ drivers: [bad, good] });
    n.subscribe('identity.user.created', () => {
      throw new Error('listener bug');
    });
    await expect(n.created('user', 'u1')).resolves.toBeUndefined();
    expect(good.sent).toHaveLength(1);
    expect(quiet.error).toHaveBeenCalledWith(expect.stringContaining('bus down'));
    expect(quiet.error).toHaveBeenCalledWith(expect.stringContaining('listener bug'));
  });

  it('unsubscribes', async () => {
    const { n } = notifier();
    const cb = jest.fn();
    const off = n.subscribe('identity.role.created', cb);
    await n.created('role', 'r1');
    off();
    await n.created('role', 'r2');
    expect(cb).toHaveBeenCalledTimes(1);
  });

  it('uses the request being served for the CADF initiator', async () => {
    const { n, capture } = notifier();
    await withRequestAudit({ requestId: 'req-1', remoteAddress: '192.0.2.1', userAgent: 'curl', caller: () => ({ userId: 'admin-id', projectId: 'p' }) as never }, () => n.updated('role', 'r1'));
    expect(capture.sent[0].payload.initiator).toMatchObject({ user_id: 'admin-id', project_id: 'p', request_id: 'req-1', host: { address: '192.0.2.1', agent: 'curl' } });
  });
});

describe('log driver', () => {
  it('writes the message as one JSON line at info on oslo.messaging.notification.<event_type>', () => {
    const lines: [string, string][] = [];
    const driver = new LogNotificationDriver((name) => ({ ...quiet, info: (msg: string) => void lines.push([name, msg]) }));
    driver.notify({ message_id: 'm', publisher_id: 'identity.h', event_type: 'identity.user.created', priority: 'INFO', payload: { resource_info: 'u' }, timestamp: 't' });
    expect(lines).toHaveLength(1);
    expect(lines[0][0]).toBe('oslo.messaging.notification.identity.user.created');
    expect(JSON.parse(lines[0][1])).toEqual({ message_id: 'm', publisher_id: 'identity.h', event_type: 'identity.user.created', priority: 'INFO', payload: { resource_info: 'u' }, timestamp: 't' });
  });

  it('masks secrets as oslo does', () => {
    expect(maskSecrets({ a: { password: 'x', resource_info: 'y' } })).toEqual({ a: { password: '***', resource_info: 'y' } });
  });
});
