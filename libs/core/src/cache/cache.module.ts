import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { KeystoneRuntime } from '../boot/boot-runtime';
import { KEYSTONE_RUNTIME } from '../http/tokens';
import { CacheRegions } from './cache-regions';

/**
 * Provides CacheRegions to every module (import once, next to CoreModule).
 * Managers inject it with `@Optional()`, so a server (or a test) without
 * this module simply runs uncached.
 */
@Global()
@Module({
  providers: [
    {
      provide: CacheRegions,
      inject: [KEYSTONE_RUNTIME],
      useFactory: (runtime: KeystoneRuntime) => CacheRegions.create({ config: runtime.config, registry: runtime.registry, drivers: runtime.drivers }),
    },
  ],
  exports: [CacheRegions],
})
export class CacheModule implements OnApplicationShutdown {
  constructor(@Inject(CacheRegions) private readonly regions: CacheRegions) {}

  async onApplicationShutdown(): Promise<void> {
    await this.regions.close();
  }
}
