import { NestFactory } from '@nestjs/core';
import { KeystoneModule, runBootstrap } from '@keystone-ts/server';
import type { ManageCommand } from '../command';

/** Keystone's bootstrap: admin user, project, roles, grants and identity endpoints; safe to repeat. */
export const bootstrapCommand: ManageCommand = {
  name: 'bootstrap',
  help: 'Perform the basic bootstrap process.',
  flags: {
    'bootstrap-username': 'string',
    'bootstrap-password': 'string',
    'bootstrap-project-name': 'string',
    'bootstrap-role-name': 'string',
    'bootstrap-service-name': 'string',
    'bootstrap-admin-url': 'string',
    'bootstrap-public-url': 'string',
    'bootstrap-internal-url': 'string',
    'bootstrap-region-id': 'string',
    'immutable-roles': 'boolean',
    'no-immutable-roles': 'boolean',
  },
  async run({ runtime, flags, out, err }) {
    const password = (flags['bootstrap-password'] as string | undefined) ?? process.env.OS_BOOTSTRAP_PASSWORD;
    if (!password) {
      err('Either --bootstrap-password argument or OS_BOOTSTRAP_PASSWORD must be set.');
      return 1;
    }
    const app = await NestFactory.createApplicationContext(KeystoneModule.forRuntime(runtime), { logger: ['error', 'warn'] });
    try {
      await runBootstrap(app, {
        password,
        username: flags['bootstrap-username'] as string | undefined,
        projectName: flags['bootstrap-project-name'] as string | undefined,
        roleName: flags['bootstrap-role-name'] as string | undefined,
        serviceName: flags['bootstrap-service-name'] as string | undefined,
        adminUrl: (flags['bootstrap-admin-url'] as string | undefined) ?? null,
        publicUrl: (flags['bootstrap-public-url'] as string | undefined) ?? null,
        internalUrl: (flags['bootstrap-internal-url'] as string | undefined) ?? null,
        regionId: (flags['bootstrap-region-id'] as string | undefined) ?? null,
        immutableRoles: !flags['no-immutable-roles'],
      });
      out('Bootstrap complete.');
      return 0;
    } finally {
      await app.close();
    }
  },
};
