/**
 * Notification drivers (`[oslo_messaging_notifications] driver`, namespace
 * `keystone.notification.driver`) receive oslo.messaging's notification
 * envelope, already built and filtered; they only deliver it.
 */
export type NotificationPriority = 'AUDIT' | 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'CRITICAL' | 'SAMPLE';

/** oslo.messaging's message: what consumers of Keystone's notifications parse. */
export interface NotificationMessage {
  message_id: string;
  /** `identity.<host>` */
  publisher_id: string;
  /** e.g. `identity.user.created`, `identity.authenticate` */
  event_type: string;
  priority: NotificationPriority;
  payload: Record<string, unknown>;
  /** UTC, Python's `str(datetime)`: `2026-01-31 12:00:00.123456` */
  timestamp: string;
}

export interface NotificationDriver {
  /**
   * Delivers one message. May throw or reject: the notifier logs the failure
   * and goes on, a notification never fails the request that caused it.
   * `retry` is `[oslo_messaging_notifications] retry` (-1: retry forever).
   */
  notify(message: NotificationMessage, retry: number): void | Promise<void>;
  close?(): Promise<void>;
}
