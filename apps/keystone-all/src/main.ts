#!/usr/bin/env node
import 'reflect-metadata';
import { ConfigurationError } from '@keystone-ts/plugin-sdk';
import { bootRuntime, createKeystoneApp, listen, configureLogging, getLogger } from '@keystone-ts/core';
import { AppModule } from './app.module';
import { BUILTIN_PLUGIN_PACKAGES } from './builtin-plugins';

async function main(): Promise<void> {
  const runtime = bootRuntime({ argv: process.argv.slice(2), builtinPackages: BUILTIN_PLUGIN_PACKAGES });
  configureLogging({ debug: runtime.config.get<boolean>('DEFAULT', 'debug') });
  const app = await createKeystoneApp(runtime, AppModule.forRuntime(runtime));
  const server = await listen(app, runtime);
  getLogger('keystone.server').info(`keystone-ts listening on ${server.urls.join(', ')}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((e: unknown) => {
  // A configuration problem is the operator's to fix: one line, no stack.
  if (e instanceof ConfigurationError) {
    process.stderr.write(`keystone-all: ${e.message}\n`);
  } else {
    process.stderr.write(`keystone-all: ${(e as Error)?.stack ?? String(e)}\n`);
  }
  process.exit(1);
});
