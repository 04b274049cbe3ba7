import { createHash, randomUUID } from 'node:crypto';

/** The pyCADF taxonomy URIs Keystone's notifications use. */
export const Taxonomy = {
  EVENT: 'http://schemas.dmtf.org/cloud/audit/1.0/event',
  EVENTTYPE_ACTIVITY: 'activity',
  ACCOUNT_USER: 'service/security/account/user',
  SERVICE_SECURITY: 'service/security',
  UNKNOWN: 'unknown',
} as const;

export type CadfOutcome = 'success' | 'failure' | 'pending';

/** Keystone's CADF_TYPE_MAP: resource type → target typeURI (others are `unknown`). */
export const CADF_TARGET_TYPES: Readonly<Record<string, string>> = {
  group: 'data/security/group',
  project: 'data/security/project',
  role: 'data/security/role',
  user: 'data/security/account/user',
  domain: 'data/security/domain',
  region: 'data/security/region',
  endpoint: 'data/security/endpoint',
  service: 'data/security/service',
  policy: 'data/security/policy',
  'OS-TRUST:trust': 'data/security/trust',
  'OS-OAUTH1:access_token': 'data/security/credential',
  'OS-OAUTH1:request_token': 'data/security/credential',
  'OS-OAUTH1:consumer': 'data/security/account',
  application_credential: 'data/security/credential',
};

export interface CadfHost {
  address?: string;
  agent?: string;
}

/** A pyCADF Resource as `as_dict()` renders it: id and typeURI, then optional attributes. */
export interface CadfResource {
  id: string;
  typeURI: string;
  host?: CadfHost;
  [attribute: string]: unknown;
}

export interface CadfReason {
  reasonType: string;
  reasonCode: string;
}

export interface CadfEvent {
  typeURI: string;
  eventType: string;
  id: string;
  eventTime: string;
  action: string;
  outcome: CadfOutcome;
  observer: CadfResource;
  initiator: CadfResource;
  target: CadfResource;
  reason?: CadfReason;
  [attribute: string]: unknown;
}

/** pyCADF's identifiers are plain random UUIDs (namespaced, which changes nothing visible). */
export function cadfId(): string {
  return randomUUID();
}

const RESOURCE_ID_NAMESPACE = '4332ecab-770b-4288-a680-b9aca3b1b153';
const UUID_TEXT = /^(?:urn:uuid:)?\{?([0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12})\}?$/i;

/**
 * Keystone's `utils.resource_uuid`: a value Python's uuid.UUID() accepts is
 * kept as it is; anything else (up to 64 characters) becomes the hex of a
 * UUIDv5 in Keystone's namespace, so initiator ids match Keystone's.
 */
export function resourceUuid(value: string): string {
  if (UUID_TEXT.test(value)) return value;
  return uuidV5Hex(RESOURCE_ID_NAMESPACE, value);
}

function uuidV5Hex(namespace: string, name: string): string {
  const digest = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(Buffer.from(name, 'utf8'))
    .digest();
  const bytes = digest.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return bytes.toString('hex');
}

/** pyCADF's timestamp: `2026-01-31T12:00:00.123456+0000` (microseconds; JS has milliseconds). */
export function cadfTime(at: Date = new Date()): string {
  return `${at.toISOString().slice(0, 23)}000+0000`;
}

/** A resource whose id is unknown: pyCADF gives it a fresh identifier. */
export function anonymousResource(typeURI: string): CadfResource {
  return { id: cadfId(), typeURI };
}

export interface CadfEventInput {
  action: string;
  outcome: CadfOutcome;
  initiator: CadfResource;
  target: CadfResource;
  /** The identity service's id in the catalog, when there is one. */
  observerId?: string | null;
  reason?: CadfReason;
  /** Extra top-level attributes (Keystone's `resource_info`, role assignment fields). */
  attributes?: Record<string, unknown>;
  at?: Date;
}

/** pyCADF's EventFactory().new_event(eventType=activity, ...).as_dict(), attribute order included. */
export function buildCadfEvent(input: CadfEventInput): CadfEvent {
  const event: CadfEvent = {
    typeURI: Taxonomy.EVENT,
    eventType: Taxonomy.EVENTTYPE_ACTIVITY,
    id: cadfId(),
    eventTime: cadfTime(input.at),
    action: input.action,
    outcome: input.outcome,
    observer: { id: input.observerId ?? cadfId(), typeURI: Taxonomy.SERVICE_SECURITY },
    initiator: input.initiator,
    target: input.target,
  };
  if (input.reason) event.reason = input.reason;
  for (const [k, v] of Object.entries(input.attributes ?? {})) event[k] = v;
  return event;
}
