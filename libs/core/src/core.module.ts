import { Global, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { Inject } from '@nestjs/common';
import type { KeystoneRuntime } from './boot/boot-runtime';
import { KeystoneConfig } from './config/keystone-config';
import { PluginRegistry } from './plugins/plugin-registry';
import { DriverFactory } from './plugins/driver-factory';
import { Database } from './database/database';
import { parseConnectionUrl } from './database/connection-url';
import { JsonHomeRegistry } from './http/json-home';
import { DiscoveryController } from './http/discovery.controller';
import { HealthController } from './observability/health.controller';
import { DATABASE, KEYSTONE_RUNTIME, PUBLIC_ENDPOINT } from './http/tokens';
import { ProviderApis } from './apis/provider-apis';
import { Authorizer } from './authz/authorizer';
import { POLICY_CHECKER } from './authz/caller';
import { createPolicyChecker } from './authz/policy-checker.factory';

/** Providers every subsystem module needs: config, plugins, database, JSON-Home. */
@Global()
@Module({})
export class CoreModule implements OnApplicationShutdown {
  constructor(@Inject(DATABASE) private readonly db: Database) {}

  static forRoot(runtime: KeystoneRuntime): DynamicModule {
    return {
      module: CoreModule,
      controllers: [DiscoveryController, HealthController],
      providers: [
        { provide: KEYSTONE_RUNTIME, useValue: runtime },
        { provide: KeystoneConfig, useValue: runtime.config },
        { provide: PluginRegistry, useValue: runtime.registry },
        { provide: DriverFactory, useValue: runtime.drivers },
        { provide: PUBLIC_ENDPOINT, useValue: runtime.config.get<string | null>('DEFAULT', 'public_endpoint') },
        { provide: JsonHomeRegistry, useValue: new JsonHomeRegistry() },
        {
          provide: DATABASE,
          useFactory: async () => {
            const db = await openDatabase(runtime.config);
            runtime.services.database = db;
            return db;
          },
        },
        { provide: Database, useExisting: DATABASE },
        ProviderApis,
        Authorizer,
        { provide: POLICY_CHECKER, useFactory: () => createPolicyChecker(runtime.config) },
      ],
      exports: [ProviderApis, Authorizer, POLICY_CHECKER, KEYSTONE_RUNTIME, KeystoneConfig, PluginRegistry, DriverFactory, PUBLIC_ENDPOINT, JsonHomeRegistry, DATABASE, Database],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.db.close();
  }
}

export function openDatabase(config: KeystoneConfig): Promise<Database> {
  const target = parseConnectionUrl(
    config.get<string | null>('database', 'connection'),
    config.get<string>('DEFAULT', 'state_path'),
  );
  return Database.open(target, { poolSize: config.get<number>('database', 'max_pool_size') });
}
