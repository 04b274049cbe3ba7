import { definePlugin, defineDriver, Namespaces, type DriverContext } from '@keystone-ts/plugin-sdk';
import { passwordHasherFromConfig } from './password/hasher-from-config';
import { SqlIdentityDriver } from './identity/sql-identity.driver';
import { readSecurityCompliance } from './identity/security-compliance.settings';
import { SqlIdMappingDriver } from './id-mapping/sql-id-mapping.driver';
import { sqlConnection } from './common/sql-connection';

/** Prefer importing from './common/sql-connection' (avoids a cycle with this file). */
export { sqlConnection };
import { resourceDrivers } from './resource';
import { assignmentDrivers } from './assignment';
import { catalogDrivers } from './catalog';
import { tokenDrivers } from './token';
import { policyDrivers } from './policy';
import { credentialDrivers } from './credential';
import { domainConfigDrivers } from './domain-config';
import { trustDrivers } from './trust';
import { federationDrivers } from './federation';
import { applicationCredentialDrivers } from './application-credential';
import { oauth1Drivers } from './oauth1';
import { keystoneSchema } from './schema-hook';

function identityDriver(ctx: DriverContext): SqlIdentityDriver {
  const { knex, dialect } = sqlConnection(ctx);
  const securityCompliance = readSecurityCompliance(ctx.config);
  return new SqlIdentityDriver(knex, dialect, passwordHasherFromConfig(ctx), { securityCompliance: () => securityCompliance });
}

export const sqlPlugin = definePlugin({
  id: 'sql',
  compatibility: '^1.0.0',
  persistence: { schema: keystoneSchema },
  drivers: [
    defineDriver({
      namespace: Namespaces.identity,
      name: 'sql',
      aliases: ['keystone.identity.backends.sql.Identity'],
      create: identityDriver,
    }),
    defineDriver({
      namespace: Namespaces.idMapping,
      name: 'sql',
      aliases: ['keystone.identity.mapping_backends.sql.Mapping'],
      create: (ctx) => new SqlIdMappingDriver(sqlConnection(ctx).knex),
    }),
    ...resourceDrivers,
    ...assignmentDrivers,
    ...catalogDrivers,
    ...tokenDrivers,
    ...policyDrivers,
    ...credentialDrivers,
    ...domainConfigDrivers,
    ...trustDrivers,
    ...federationDrivers,
    ...applicationCredentialDrivers,
    ...oauth1Drivers,
  ],
});
