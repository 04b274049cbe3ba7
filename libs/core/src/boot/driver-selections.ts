import { Namespaces } from '@keystone-ts/plugin-sdk';

/**
 * Options that name a driver, checked when the server starts so an unknown
 * name fails before the first request. An entry applies once its option is
 * registered by the module owning it.
 */
export const DRIVER_SELECTIONS: readonly { group: string; option: string; namespace: string }[] = [
  { group: 'identity', option: 'driver', namespace: Namespaces.identity },
  { group: 'identity_mapping', option: 'driver', namespace: Namespaces.idMapping },
  { group: 'identity_mapping', option: 'generator', namespace: Namespaces.idGenerator },
  { group: 'resource', option: 'driver', namespace: Namespaces.resource },
  { group: 'domain_config', option: 'driver', namespace: Namespaces.resourceDomainConfig },
  { group: 'assignment', option: 'driver', namespace: Namespaces.assignment },
  { group: 'role', option: 'driver', namespace: Namespaces.role },
  { group: 'catalog', option: 'driver', namespace: Namespaces.catalog },
  { group: 'credential', option: 'driver', namespace: Namespaces.credential },
  { group: 'credential', option: 'provider', namespace: Namespaces.credentialProvider },
  { group: 'token', option: 'provider', namespace: Namespaces.tokenProvider },
  { group: 'trust', option: 'driver', namespace: Namespaces.trust },
  { group: 'revoke', option: 'driver', namespace: Namespaces.revoke },
  { group: 'policy', option: 'driver', namespace: Namespaces.policy },
  { group: 'federation', option: 'driver', namespace: Namespaces.federation },
  { group: 'oauth1', option: 'driver', namespace: Namespaces.oauth1 },
  { group: 'endpoint_filter', option: 'driver', namespace: Namespaces.endpointFilter },
  { group: 'endpoint_policy', option: 'driver', namespace: Namespaces.endpointPolicy },
  { group: 'unified_limit', option: 'driver', namespace: Namespaces.unifiedLimit },
  { group: 'application_credential', option: 'driver', namespace: Namespaces.applicationCredential },
  { group: 'cache', option: 'backend', namespace: Namespaces.cacheBackend },
  { group: 'oslo_messaging_notifications', option: 'driver', namespace: Namespaces.notificationDriver },
];
