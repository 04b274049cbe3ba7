import { randomUUID } from 'node:crypto';
import type { NotificationMessage, NotificationPriority } from '@keystone-ts/plugin-sdk';
import type { RequestAuditInfo } from './request-audit-context';
import { CADF_TARGET_TYPES, Taxonomy, buildCadfEvent, resourceUuid, cadfId, anonymousResource, type CadfEvent, type CadfOutcome, type CadfReason, type CadfResource } from './cadf';

/** The service every Keystone event type starts with. */
export const SERVICE = 'identity';

/** Keystone's notification actions on resources (`disabled` and `internal` stay in-process). */
export type ResourceOperation = 'created' | 'updated' | 'deleted' | 'disabled' | 'internal';

/** The hidden root of the project tree: never notified. */
export const ROOT_DOMAIN_ID = '<<keystone.domain.root>>';

export interface ActorChange {
  id: string;
  type: string;
  operation: 'added' | 'removed';
}

/** `identity.<resource>.<operation>` */
export function resourceEventType(resourceType: string, operation: string): string {
  return `${SERVICE}.${resourceType}.${operation}`;
}

/** The `basic` format payload: `{resource_info}`, the actor of a membership change, the request's id. */
export function basicPayload(resourceId: string | null, actor?: ActorChange, request?: RequestAuditInfo): Record<string, unknown> {
  const payload: Record<string, unknown> = { resource_info: resourceId };
  if (actor) {
    payload.actor_id = actor.id;
    payload.actor_type = actor.type;
    payload.actor_operation = actor.operation;
  }
  if (request) payload.request_id = request.requestId;
  return payload;
}

/**
 * Keystone's build_audit_initiator: the requesting user (id made a UUID as
 * Keystone does), their scope, the peer's address and agent, the request id.
 * `userId` overrides the caller (authentication names the authenticating user).
 */
export function buildInitiator(request: RequestAuditInfo | undefined, opts: { userId?: string | null; username?: string | null } = {}): CadfResource {
  const caller = request?.caller();
  const userId = opts.userId ?? caller?.userId ?? null;
  const initiator: CadfResource = { id: userId ? resourceUuid(userId) : cadfId(), typeURI: Taxonomy.ACCOUNT_USER };
  if (request) {
    const host: Record<string, string> = {};
    if (request.remoteAddress !== undefined) host.address = request.remoteAddress;
    if (request.userAgent !== undefined) host.agent = request.userAgent;
    initiator.host = host;
  }
  if (userId) initiator.user_id = userId;
  if (caller?.projectId) initiator.project_id = caller.projectId;
  if (caller?.domainId) initiator.domain_id = caller.domainId;
  if (request) initiator.request_id = request.requestId;
  if (opts.username) initiator.username = opts.username;
  return initiator;
}

/** A resource event in CADF: action `<operation>.<type>`, target typed by Keystone's map, `resource_info`. */
export function resourceCadfEvent(input: {
  operation: ResourceOperation;
  resourceType: string;
  resourceId: string | null;
  outcome: CadfOutcome;
  initiator: CadfResource;
  observerId?: string | null;
  reason?: CadfReason;
}): CadfEvent {
  const typeURI = CADF_TARGET_TYPES[input.resourceType] ?? Taxonomy.UNKNOWN;
  return buildCadfEvent({
    action: `${input.operation}.${input.resourceType}`,
    outcome: input.outcome,
    initiator: input.initiator,
    target: input.resourceId === null ? anonymousResource(typeURI) : { id: input.resourceId, typeURI },
    observerId: input.observerId,
    reason: input.reason,
    attributes: { resource_info: input.resourceId },
  });
}

/** `identity.authenticate`: action `authenticate`, an anonymous user as target. */
export function authenticateCadfEvent(input: { outcome: CadfOutcome; initiator: CadfResource; observerId?: string | null; reason?: CadfReason }): CadfEvent {
  return buildCadfEvent({
    action: 'authenticate',
    outcome: input.outcome,
    initiator: input.initiator,
    target: anonymousResource(Taxonomy.ACCOUNT_USER),
    observerId: input.observerId,
    reason: input.reason,
  });
}

export interface GrantNotice {
  roleId: string;
  userId?: string;
  groupId?: string;
  projectId?: string;
  domainId?: string;
  inheritedToProjects?: boolean;
}

/** `identity.role_assignment.<created|deleted>`: the grant's parts as top-level attributes. */
export function roleAssignmentCadfEvent(input: {
  operation: 'created' | 'deleted';
  grant: GrantNotice;
  outcome: CadfOutcome;
  initiator: CadfResource;
  observerId?: string | null;
}): CadfEvent {
  const g = input.grant;
  const attributes: Record<string, unknown> = {};
  if (g.projectId) attributes.project = g.projectId;
  else if (g.domainId) attributes.domain = g.domainId;
  if (g.userId) attributes.user = g.userId;
  else if (g.groupId) attributes.group = g.groupId;
  attributes.inherited_to_projects = g.inheritedToProjects ?? false;
  attributes.role = g.roleId;
  return buildCadfEvent({
    action: `${input.operation}.role_assignment`,
    outcome: input.outcome,
    initiator: input.initiator,
    target: anonymousResource(Taxonomy.ACCOUNT_USER),
    observerId: input.observerId,
    attributes,
  });
}

/** The reason of a failure, as Keystone builds it from an exception: its message and HTTP code. */
export function failureReason(error: unknown): CadfReason | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'number' ? { reasonType: error.message, reasonCode: String(code) } : undefined;
}

/**
 * Keystone gives a failed authentication a reason only for the PCI-DSS
 * refusals (expired password, locked account); a wrong password has none.
 */
export function authenticationFailureReason(error: unknown, passwordExpired: boolean): CadfReason | undefined {
  if (!(error instanceof Error)) return undefined;
  if (passwordExpired || error.message.startsWith('The account is locked')) return failureReason(error);
  return undefined;
}

/**
 * `[DEFAULT] notification_opt_out`. Authentication events are one type,
 * `identity.authenticate`; the outcome is appended so they can be opted out
 * of one outcome at a time (`identity.authenticate.success`).
 */
export function isOptedOut(optOut: readonly string[], eventType: string, outcome?: CadfOutcome): boolean {
  const name = eventType.includes('authenticate') && outcome ? `${eventType}.${outcome}` : eventType;
  return optOut.includes(name);
}

/** Python's `str(datetime.utcnow())`. */
export function messagingTimestamp(at: Date = new Date()): string {
  return `${at.toISOString().slice(0, 23).replace('T', ' ')}000`;
}

/** oslo.messaging's notification message around a payload. */
export function notificationMessage(publisherId: string, eventType: string, payload: Record<string, unknown>, priority: NotificationPriority = 'INFO', at?: Date): NotificationMessage {
  return { message_id: randomUUID(), publisher_id: publisherId, event_type: eventType, priority, payload, timestamp: messagingTimestamp(at) };
}
