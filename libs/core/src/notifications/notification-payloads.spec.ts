import { Unauthorized, ValidationError, passwordExpiredError } from '@keystone-ts/plugin-sdk';
import { cadfTime, resourceUuid } from './cadf';
import {
  authenticateCadfEvent,
  authenticationFailureReason,
  basicPayload,
  buildInitiator,
  isOptedOut,
  messagingTimestamp,
  notificationMessage,
  resourceCadfEvent,
  roleAssignmentCadfEvent,
} from './notification-payloads';
import type { RequestAuditInfo } from './request-audit-context';
import type { Caller } from '../authz/caller';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const caller = { userId: 'u1', projectId: 'p1', domainId: null } as unknown as Caller;
const request: RequestAuditInfo = { requestId: 'req-1', remoteAddress: '10.0.0.5', userAgent: 'python-keystoneclient', caller: () => caller };

describe('resourceUuid (Keystone utils.resource_uuid)', () => {
  it('keeps UUIDs and maps anything else to the UUIDv5 hex Keystone computes', () => {
    expect(resourceUuid('0123456789abcdef0123456789abcdef')).toBe('0123456789abcdef0123456789abcdef');
    expect(resourceUuid('4332ecab-770b-4288-a680-b9aca3b1b153')).toBe('4332ecab-770b-4288-a680-b9aca3b1b153');
    // uuid.uuid5(RESOURCE_ID_NAMESPACE, 'u1').hex, from Keystone 22
    expect(resourceUuid('u1')).toBe('da70ab3e32735fc4b72f31e14d69f0e9');
  });
});

describe('timestamps', () => {
  const at = new Date('2026-01-31T12:34:56.789Z');
  it('formats pyCADF eventTime and oslo.messaging timestamp', () => {
    expect(cadfTime(at)).toBe('2026-01-31T12:34:56.789000+0000');
    expect(messagingTimestamp(at)).toBe('2026-01-31 12:34:56.789000');
  });
});

describe('basic payload', () => {
  it('is resource_info, plus the request id inside a request', () => {
    expect(basicPayload('abc')).toEqual({ resource_info: 'abc' });
    expect(basicPayload('abc', undefined, request)).toEqual({ resource_info: 'abc', request_id: 'req-1' });
  });
  it('names the actor of a membership change', () => {
    expect(basicPayload('g1', { id: 'u2', type: 'user', operation: 'added' })).toEqual({ resource_info: 'g1', actor_id: 'u2', actor_type: 'user', actor_operation: 'added' });
  });
});

describe('initiator (build_audit_initiator)', () => {
  it('describes the caller, the peer and the request', () => {
    expect(buildInitiator(request, { username: 'admin' })).toEqual({
      id: resourceUuid('u1'),
      typeURI: 'service/security/account/user',
      host: { address: '10.0.0.5', agent: 'python-keystoneclient' },
      user_id: 'u1',
      project_id: 'p1',
      request_id: 'req-1',
      username: 'admin',
    });
  });
  it('outside a request has only a fresh id', () => {
    const i = buildInitiator(undefined);
    expect(i.typeURI).toBe('service/security/account/user');
    expect(i.id).toMatch(UUID);
    expect(Object.keys(i)).toEqual(['id', 'typeURI']);
  });
});

describe('CADF events', () => {
  it('resource event: Keystone/pyCADF attributes, action <op>.<type>, typed target, resource_info', () => {
    const e = resourceCadfEvent({ operation: 'created', resourceType: 'user', resourceId: 'x1', outcome: 'success', initiator: buildInitiator(request), observerId: 'svc1' });
    expect(Object.keys(e)).toEqual(['typeURI', 'eventType', 'id', 'eventTime', 'action', 'outcome', 'observer', 'initiator', 'target', 'resource_info']);
    expect(e).toMatchObject({
      typeURI: 'http://schemas.dmtf.org/cloud/audit/1.0/event',
      eventType: 'activity',
      action: 'created.user',
      outcome: 'success',
      observer: { id: 'svc1', typeURI: 'service/security' },
      target: { id: 'x1', typeURI: 'data/security/account/user' },
      resource_info: 'x1',
    });
    expect(e.id).toMatch(UUID);
    expect(e.eventTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+0000$/);
  });
  it('unknown resource types get an unknown target typeURI', () => {
    expect(resourceCadfEvent({ operation: 'created', resourceType: 'project_tag', resourceId: 't', outcome: 'success', initiator: buildInitiator(undefined) }).target.typeURI).toBe('unknown');
  });
  it('authenticate: action authenticate, anonymous user target, reason when given', () => {
    const e = authenticateCadfEvent({ outcome: 'failure', initiator: buildInitiator(request, { userId: 'u9' }), reason: { reasonType: 'locked', reasonCode: '401' } });
    expect(e).toMatchObject({ action: 'authenticate', outcome: 'failure', target: { typeURI: 'service/security/account/user' }, reason: { reasonType: 'locked', reasonCode: '401' } });
    expect(e.initiator.user_id).toBe('u9');
    expect(e.initiator.id).toBe(resourceUuid('u9'));
    expect(e.target.id).toMatch(UUID);
  });
  it('role assignment: the grant as top-level attributes, target first', () => {
    const e = roleAssignmentCadfEvent({ operation: 'created', grant: { roleId: 'r', userId: 'u', projectId: 'p' }, outcome: 'success', initiator: buildInitiator(undefined) });
    expect(e).toMatchObject({ action: 'created.role_assignment', project: 'p', user: 'u', inherited_to_projects: false, role: 'r' });
    expect(Object.keys(e).slice(-4)).toEqual(['project', 'user', 'inherited_to_projects', 'role']);
    const g = roleAssignmentCadfEvent({ operation: 'deleted', grant: { roleId: 'r', groupId: 'g', domainId: 'd', inheritedToProjects: true }, outcome: 'failure', initiator: buildInitiator(undefined) });
    expect(g).toMatchObject({ action: 'deleted.role_assignment', outcome: 'failure', domain: 'd', group: 'g', inherited_to_projects: true });
  });
});

describe('failure reasons', () => {
  it('only expired passwords and locked accounts have one', () => {
    expect(authenticationFailureReason(passwordExpiredError('u'), true)).toEqual({ reasonType: 'The password is expired and needs to be changed for user: u.', reasonCode: '401' });
    expect(authenticationFailureReason(new Unauthorized('The account is locked for user: u.'), false)).toEqual({ reasonType: 'The account is locked for user: u.', reasonCode: '401' });
    expect(authenticationFailureReason(new Unauthorized(), false)).toBeUndefined();
    expect(authenticationFailureReason(new ValidationError('x'), false)).toBeUndefined();
  });
});

describe('opt-out', () => {
  it('matches event types, and authentication by outcome', () => {
    expect(isOptedOut(['identity.user.created'], 'identity.user.created')).toBe(true);
    expect(isOptedOut(['identity.user.created'], 'identity.user.deleted')).toBe(false);
    expect(isOptedOut(['identity.authenticate.success'], 'identity.authenticate', 'success')).toBe(true);
    expect(isOptedOut(['identity.authenticate.success'], 'identity.authenticate', 'failure')).toBe(false);
  });
});

describe('message envelope', () => {
  it('is oslo.messaging\'s', () => {
    const m = notificationMessage('identity.host1', 'identity.user.created', { resource_info: 'x' });
    expect(Object.keys(m)).toEqual(['message_id', 'publisher_id', 'event_type', 'priority', 'payload', 'timestamp']);
    expect(m).toMatchObject({ publisher_id: 'identity.host1', event_type: 'identity.user.created', priority: 'INFO', payload: { resource_info: 'x' } });
  });
});
