/** Plugins shipped with keystone-ts, loaded through the same path as third-party packages. */
export const BUILTIN_PLUGIN_PACKAGES: readonly string[] = [
  '@keystone-ts/plugin-sql', '@keystone-ts/plugin-token-fernet', '@keystone-ts/plugin-auth-builtin',
  '@keystone-ts/plugin-catalog-templated',
  '@keystone-ts/plugin-cache-memcached',
  '@keystone-ts/plugin-cache-redis',
  '@keystone-ts/plugin-token-jws',
  '@keystone-ts/plugin-identity-ldap',
  '@keystone-ts/plugin-token-uuid',
];
