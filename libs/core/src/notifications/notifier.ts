import { hostname } from 'node:os';
import { DriverHints, Namespaces, type Logger, type NotificationDriver, type NotificationServiceFacade } from '@keystone-ts/plugin-sdk';
import type { KeystoneConfig } from '../config/keystone-config';
import type { ProviderApis } from '../apis/provider-apis';
import type { DriverFactory } from '../plugins/driver-factory';
import { getLogger } from '../logging/logger';
import { currentRequestAudit } from './request-audit-context';
import type { CadfOutcome, CadfReason, CadfResource } from './cadf';
import {
  ROOT_DOMAIN_ID,
  SERVICE,
  failureReason,
  authenticateCadfEvent,
  basicPayload,
  buildInitiator,
  isOptedOut,
  notificationMessage,
  resourceCadfEvent,
  resourceEventType,
  roleAssignmentCadfEvent,
  type ActorChange,
  type GrantNotice,
  type ResourceOperation,
} from './notification-payloads';

/** What in-process subscribers receive (Keystone's notify_event_callbacks, plus the CADF-only events). */
export interface IdentityEvent {
  service: typeof SERVICE;
  /** `identity.user.created`; `identity.authenticate.<outcome>`; `identity.role_assignment.<created|deleted>` */
  eventType: string;
  resourceType: string;
  /** created/updated/deleted/disabled/internal; an outcome for authentication */
  operation: string;
  resourceId: string | null;
  /** The basic payload for resource events; the CADF event for authentication and role assignments. */
  payload: Record<string, unknown>;
  /** Whether the event is also published through the drivers (opt-out aside); `disabled`/`internal` are not. */
  public: boolean;
  outcome?: CadfOutcome;
}

export type IdentityEventCallback = (event: IdentityEvent) => void | Promise<void>;

export interface ResourceNoticeOptions {
  /** false: only in-process subscribers hear of it (Keystone's `public=False`). */
  public?: boolean;
  reason?: CadfReason;
}

/** How long the identity service's catalog id (the CADF observer) is reused. */
const OBSERVER_TTL_MS = 60_000;

/**
 * Keystone's notifications: events about identity resources and
 * authentication, published in the `[DEFAULT] notification_format` through
 * the `[oslo_messaging_notifications]` drivers, and handed to in-process
 * subscribers. Every method resolves, never rejects: a failing driver or
 * subscriber is logged, and the request that caused the event goes on.
 */
export class Notifier {
  private readonly subscribers = new Map<string, Set<IdentityEventCallback>>();
  private observer: { id: string | null; until: number } | null = null;

  constructor(
    private readonly drivers: readonly { name: string; driver: NotificationDriver }[],
    private readonly settings: { format: 'basic' | 'cadf'; optOut: readonly string[]; publisherId: string; retry: number },
    private readonly apis: ProviderApis | null = null,
    private readonly log: Logger = getLogger('keystone.notifications'),
  ) {}

  /** Builds the drivers `[oslo_messaging_notifications] driver` names. @throws ConfigurationError for an unknown name */
  static async create(config: KeystoneConfig, factory: DriverFactory, apis: ProviderApis | null): Promise<Notifier> {
    const names = [...new Set((config.get<string[]>('oslo_messaging_notifications', 'driver') ?? []).map((n) => n.trim()).filter((n) => n !== ''))];
    const drivers = [];
    for (const name of names) {
      drivers.push({ name, driver: await factory.createDriver<NotificationDriver>(Namespaces.notificationDriver, name, config) });
    }
    const publisher = config.get<string | null>('DEFAULT', 'default_publisher_id') || hostname();
    return new Notifier(drivers, {
      format: config.get<string>('DEFAULT', 'notification_format') === 'basic' ? 'basic' : 'cadf',
      optOut: config.get<string[]>('DEFAULT', 'notification_opt_out') ?? [],
      publisherId: `${SERVICE}.${publisher}`,
      retry: config.get<number>('oslo_messaging_notifications', 'retry') ?? -1,
    }, apis);
  }

  /**
   * Calls `callback` for each event whose type matches `eventType`: exact
   * (`identity.project.deleted`), a prefix ending in `*` (`identity.user.*`),
   * or `*` for all. Callbacks run in order and are awaited before the
   * request answers. Returns the unsubscribe function.
   */
  subscribe(eventType: string, callback: IdentityEventCallback): () => void {
    let set = this.subscribers.get(eventType);
    if (!set) this.subscribers.set(eventType, (set = new Set()));
    set.add(callback);
    return () => {
      set.delete(callback);
    };
  }

  created(resourceType: string, resourceId: string, opts?: ResourceNoticeOptions): Promise<void> {
    return this.resource('created', resourceType, resourceId, opts);
  }

  updated(resourceType: string, resourceId: string, opts?: ResourceNoticeOptions): Promise<void> {
    return this.resource('updated', resourceType, resourceId, opts);
  }

  deleted(resourceType: string, resourceId: string, opts?: ResourceNoticeOptions): Promise<void> {
    return this.resource('deleted', resourceType, resourceId, opts);
  }

  /** Never published: Keystone tells only in-process listeners that something was disabled. */
  disabled(resourceType: string, resourceId: string): Promise<void> {
    return this.resource('disabled', resourceType, resourceId, { public: false });
  }

  /** In-process only, for housekeeping events (Keystone's `Audit.internal`). */
  internal(resourceType: string, resourceId: string | null): Promise<void> {
    return this.resource('internal', resourceType, resourceId, { public: false });
  }

  /** A membership change is an update of the target (`identity.group.updated`) naming the actor. */
  addedTo(targetType: string, targetId: string, actorType: string, actorId: string): Promise<void> {
    return this.resource('updated', targetType, targetId, {}, { id: actorId, type: actorType, operation: 'added' });
  }

  removedFrom(targetType: string, targetId: string, actorType: string, actorId: string): Promise<void> {
    return this.resource('updated', targetType, targetId, {}, { id: actorId, type: actorType, operation: 'removed' });
  }

  /**
   * `identity.authenticate` (always CADF): `userId` is who authenticated,
   * `initiator` adds what a failure knows instead (a user name that does not exist).
   */
  async authenticate(outcome: CadfOutcome, opts: { userId?: string | null; reason?: CadfReason; initiator?: Record<string, unknown> } = {}): Promise<void> {
    await this.guard('identity.authenticate', async () => {
      const initiator = await this.withUsername({ ...buildInitiator(currentRequestAudit(), { userId: opts.userId }), ...opts.initiator });
      const event = authenticateCadfEvent({ outcome, initiator, observerId: await this.observerId(), reason: opts.reason });
      const eventType = `${SERVICE}.authenticate`;
      await this.tellSubscribers({ service: SERVICE, eventType: `${eventType}.${outcome}`, resourceType: 'authenticate', operation: outcome, resourceId: opts.userId ?? null, payload: event, public: true, outcome });
      if (!isOptedOut(this.settings.optOut, eventType, outcome)) await this.publish(eventType, event);
    });
  }

  /** `identity.role_assignment.<created|deleted>` (always CADF), failures included. */
  async roleAssignment(operation: 'created' | 'deleted', grant: GrantNotice, outcome: CadfOutcome = 'success'): Promise<void> {
    const eventType = `${SERVICE}.role_assignment.${operation}`;
    await this.guard(eventType, async () => {
      const initiator = await this.withUsername(buildInitiator(currentRequestAudit()));
      const event = roleAssignmentCadfEvent({ operation, grant, outcome, initiator, observerId: await this.observerId() });
      await this.tellSubscribers({ service: SERVICE, eventType, resourceType: 'role_assignment', operation, resourceId: null, payload: event, public: true, outcome });
      if (!isOptedOut(this.settings.optOut, eventType, outcome)) await this.publish(eventType, event);
    });
  }

  /** What auth method plugins get as `ctx.services.notifications`. */
  serviceFacade(): NotificationServiceFacade {
    return {
      authenticationFailed: async (who, error) => {
        const initiator: Record<string, unknown> = {};
        if (who.userName !== undefined) initiator.user_name = who.userName;
        else if (who.userId !== undefined) initiator.user_id = who.userId;
        if (who.domainId) initiator.domain_id = who.domainId;
        if (who.domainName) initiator.domain_name = who.domainName;
        // No user resolved: the initiator is the anonymous caller, named by what was asked for.
        await this.authenticate('failure', { initiator, reason: failureReason(error) });
      },
    };
  }

  async close(): Promise<void> {
    for (const { name, driver } of this.drivers) {
      try {
        await driver.close?.();
      } catch (e) {
        this.log.warn(`Closing notification driver ${name} failed: ${(e as Error).message}`);
      }
    }
  }

  /** Keystone's Audit._emit: subscribers always; then the basic payload or a CADF event, unless opted out. */
  private async resource(operation: ResourceOperation, resourceType: string, resourceId: string | null, opts: ResourceNoticeOptions = {}, actor?: ActorChange): Promise<void> {
    const eventType = resourceEventType(resourceType, operation);
    await this.guard(eventType, async () => {
      const request = currentRequestAudit();
      const isPublic = opts.public !== false;
      const payload = basicPayload(resourceId, actor, request);
      await this.tellSubscribers({ service: SERVICE, eventType, resourceType, operation, resourceId, payload, public: isPublic });
      if (!isPublic || isOptedOut(this.settings.optOut, eventType)) return;
      if (this.settings.format === 'basic') {
        await this.publish(eventType, payload);
      } else if (resourceId !== ROOT_DOMAIN_ID) {
        const initiator = await this.withUsername(buildInitiator(request));
        await this.publish(eventType, resourceCadfEvent({ operation, resourceType, resourceId, outcome: 'success', initiator, observerId: await this.observerId(), reason: opts.reason }));
      }
    });
  }

  private async tellSubscribers(event: IdentityEvent): Promise<void> {
    for (const [pattern, callbacks] of this.subscribers) {
      if (!matches(pattern, event.eventType)) continue;
      for (const cb of [...callbacks]) {
        try {
          await cb(event);
        } catch (e) {
          this.log.error(`Subscriber of ${pattern} failed on ${event.eventType}: ${(e as Error).message}`);
        }
      }
    }
  }

  private async publish(eventType: string, payload: Record<string, unknown>): Promise<void> {
    if (this.drivers.length === 0) return;
    const message = notificationMessage(this.settings.publisherId, eventType, payload);
    for (const { name, driver } of this.drivers) {
      try {
        await driver.notify(message, this.settings.retry);
      } catch (e) {
        this.log.error(`Failed to send ${eventType} notification through ${name}: ${(e as Error).message}`);
      }
    }
  }

  private async guard(eventType: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (e) {
      this.log.error(`Failed to emit ${eventType} notification: ${(e as Error).message}`);
    }
  }

  /** Keystone's _add_username_to_initiator: the initiator's user name, when the user exists. */
  private async withUsername(initiator: CadfResource): Promise<CadfResource> {
    const userId = initiator.user_id;
    if (typeof userId !== 'string' || 'username' in initiator || !this.apis?.has('identity')) return initiator;
    try {
      return { ...initiator, username: (await this.apis.identity.getUser(userId)).name };
    } catch {
      return initiator;
    }
  }

  /** The observer is the identity service of the catalog (Keystone looks it up for every event; reused briefly here). */
  private async observerId(): Promise<string | null> {
    if (this.observer && this.observer.until > Date.now()) return this.observer.id;
    if (!this.apis?.has('catalog')) return null;
    try {
      const { refs } = await this.apis.catalog.listServices(new DriverHints().addFilter('type', SERVICE));
      const id = refs.find((s) => s.type === SERVICE)?.id ?? null;
      // Only a found service is reused: bootstrap registers it after its first events.
      if (id) this.observer = { id, until: Date.now() + OBSERVER_TTL_MS };
      return id;
    } catch {
      return null;
    }
  }
}

function matches(pattern: string, eventType: string): boolean {
  if (pattern === '*' || pattern === eventType) return true;
  return pattern.endsWith('*') && eventType.startsWith(pattern.slice(0, -1));
}
