import type { OptionGroup } from '@keystone-ts/plugin-sdk';
import { defaultOptions } from './default.options';
import { eventletServerOptions, eventletServerSslOptions, osloMiddlewareOptions, pluginsOptions } from './server.options';
import { databaseOptions } from './database.options';
import { identityMappingOptions, identityOptions } from './identity.options';
import { osloPolicyOptions } from './oslo-policy.options';
import { cacheOptions } from '../../cache/cache.options';
import { osloMessagingNotificationsOptions } from '../../notifications/notification.options';
import { healthcheckOptions, metricsOptions, requestLogOptions } from '../../observability/observability.options';

/** Option groups core owns; subsystems and plugins register their own. */
export const CORE_OPTION_GROUPS: readonly OptionGroup[] = [
  defaultOptions,
  eventletServerOptions,
  eventletServerSslOptions,
  osloMiddlewareOptions,
  pluginsOptions,
  databaseOptions,
  identityOptions,
  identityMappingOptions,
  osloPolicyOptions,
  cacheOptions,
  osloMessagingNotificationsOptions,
  healthcheckOptions,
  metricsOptions,
  requestLogOptions,
];
