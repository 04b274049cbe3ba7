#!/usr/bin/env node
import 'reflect-metadata';
import { ConfigurationError } from '@keystone-ts/plugin-sdk';
import { createKeystoneApp, listen, configureLogging, getLogger } from '@keystone-ts/core';
import { bootKeystone, KeystoneModule } from '@keystone-ts/server';

async function main(): Promise<void> {
  const runtime = bootKeystone(process.argv.slice(2));
  configureLogging({ debug: runtime.config.get<boolean>('DEFAULT', 'debug') });
  const app = await createKeystoneApp(runtime, KeystoneModule.forRuntime(runtime));
  const server = await listen(app, runtime);
  getLogger('keystone.server').info(`keystone-ts listening on ${server.urls.join(', ')}`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((e: unknown) => {
  // A configuration problem is the operator's to fix: one line, no stack.
  if (e instanceof ConfigurationError || (e as Error)?.name === 'ConfigurationError') {
    process.stderr.write(`keystone-all: ${(e as Error).message}\n`);
  } else {
    process.stderr.write(`keystone-all: ${(e as Error)?.stack ?? String(e)}\n`);
  }
  process.exit(1);
});
