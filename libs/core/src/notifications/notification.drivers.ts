import { defineDriver, Namespaces, type DriverDefinition, type Logger, type NotificationDriver, type NotificationMessage } from '@keystone-ts/plugin-sdk';
import { getLogger } from '../logging/logger';

/** oslo.messaging's log driver logs under this name plus the event type. */
export const NOTIFICATION_LOGGER_BASE = 'oslo.messaging.notification';

/** Key fragments oslo's mask_dict_password hides; Keystone's payloads never carry such keys, but a plugin's might. */
const SECRET_KEY = /pass|secret|token|private_key|fernetkey|sslkey|passphrase|cephxkey|encrypted_key|configdrive/i;

export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = SECRET_KEY.test(k) && (typeof v === 'string' || typeof v === 'number') ? '***' : maskSecrets(v);
  }
  return out;
}

/** `log`: each message as one JSON line, at its priority, on `oslo.messaging.notification.<event_type>`. */
export class LogNotificationDriver implements NotificationDriver {
  private readonly loggers = new Map<string, Logger>();

  constructor(private readonly loggerFor: (name: string) => Logger = getLogger) {}

  notify(message: NotificationMessage): void {
    const name = `${NOTIFICATION_LOGGER_BASE}.${message.event_type}`;
    let logger = this.loggers.get(name);
    if (!logger) {
      logger = this.loggerFor(name);
      // Event types are a small fixed set, so the cache stays small.
      this.loggers.set(name, logger);
    }
    const line = JSON.stringify(maskSecrets(message));
    switch (message.priority) {
      case 'DEBUG':
        return logger.debug(line);
      case 'WARN':
        return logger.warn(line);
      case 'ERROR':
      case 'CRITICAL':
        return logger.error(line);
      default:
        return logger.info(line);
    }
  }
}

/** `noop`: drops everything. */
export class NoopNotificationDriver implements NotificationDriver {
  notify(): void {}
}

/**
 * `messaging`/`messagingv2`: oslo.messaging publishes to `<topic>.<priority>`
 * over a message bus. keystone-ts has no AMQP/Kafka client, so these
 * announce that once and log each message (with its topics) as the log
 * driver does: consumers reading the bus see nothing.
 */
export class UndeliverableMessagingDriver implements NotificationDriver {
  private readonly log = new LogNotificationDriver();

  constructor(
    readonly name: string,
    readonly topics: readonly string[],
    logger: Logger,
    transportUrl: string | null,
  ) {
    logger.warn(
      `[oslo_messaging_notifications] driver = ${name}: no message bus transport is available in keystone-ts` +
        `${transportUrl ? '' : ' (and transport_url is unset)'}; notifications for topics ${topics.join(', ')} are logged instead.`,
    );
  }

  notify(message: NotificationMessage): void {
    this.log.notify(message);
  }
}

/** `test`: keeps messages in memory (oslo's test driver), for tests of the notifications themselves. */
export class InMemoryNotificationDriver implements NotificationDriver {
  /** Every message any instance received in this process, oldest first. */
  static readonly sent: NotificationMessage[] = [];

  notify(message: NotificationMessage): void {
    InMemoryNotificationDriver.sent.push(structuredClone(message));
  }

  static reset(): void {
    InMemoryNotificationDriver.sent.length = 0;
  }
}

/** The drivers core ships, named as oslo.messaging's entry points (`oslo.messaging.notify.drivers`). */
export const coreNotificationDrivers: readonly DriverDefinition[] = [
  defineDriver<NotificationDriver>({ namespace: Namespaces.notificationDriver, name: 'log', create: () => new LogNotificationDriver() }),
  defineDriver<NotificationDriver>({ namespace: Namespaces.notificationDriver, name: 'noop', create: () => new NoopNotificationDriver() }),
  defineDriver<NotificationDriver>({ namespace: Namespaces.notificationDriver, name: 'test', create: () => new InMemoryNotificationDriver() }),
  ...(['messaging', 'messagingv2'] as const).map((name) =>
    defineDriver<NotificationDriver>({
      namespace: Namespaces.notificationDriver,
      name,
      optionGroup: 'oslo_messaging_notifications',
      create: (ctx) => new UndeliverableMessagingDriver(name, (ctx.options.topics as string[] | null) ?? ['notifications'], ctx.logger, (ctx.options.transport_url as string | null) ?? null),
    }),
  ),
];
