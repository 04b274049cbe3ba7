import { defineOptionGroup, opt } from '@keystone-ts/plugin-sdk';

/**
 * `[oslo_messaging_notifications]`: oslo.messaging 14's names, deprecated
 * names and defaults, except `driver`, which defaults to `log` here (oslo's
 * empty default sends nothing anywhere). keystone-ts has no AMQP client:
 * `messaging`/`messagingv2` log the messages instead (see notification.drivers.ts).
 */
export const osloMessagingNotificationsOptions = defineOptionGroup({
  name: 'oslo_messaging_notifications',
  options: {
    driver: opt.multi({
      default: ['log'],
      deprecatedNames: ['DEFAULT.notification_driver'],
      help:
        'The driver(s) that deliver notifications (repeat the option for several): log (a JSON line per notification in the log), ' +
        'noop (nothing), messaging/messagingv2 (logged as well: no message bus transport is available in keystone-ts), test (kept in memory).',
    }),
    transport_url: opt.str({
      default: null,
      secret: true,
      deprecatedNames: ['DEFAULT.notification_transport_url'],
      help: 'Message bus URL of the messaging drivers; accepted, but no transport is available in keystone-ts.',
    }),
    topics: opt.list({
      default: ['notifications'],
      deprecatedNames: ['rpc_notifier2.topics', 'DEFAULT.notification_topics'],
      help: 'Topics (AMQP) the messaging drivers publish to, as `<topic>.<priority>`.',
    }),
    retry: opt.int({ default: -1, help: 'Attempts to re-send a notification that failed to be delivered: 0 none, -1 without limit.' }),
  },
});
