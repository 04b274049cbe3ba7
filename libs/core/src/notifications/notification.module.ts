import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { KeystoneRuntime } from '../boot/boot-runtime';
import { KEYSTONE_RUNTIME } from '../http/tokens';
import { ProviderApis } from '../apis/provider-apis';
import { Notifier } from './notifier';

/**
 * Provides the Notifier to every module (import once, next to CoreModule).
 * Managers inject it with `@Optional()`, so a server or test built without
 * this module simply sends no notifications.
 */
@Global()
@Module({
  providers: [
    {
      provide: Notifier,
      inject: [KEYSTONE_RUNTIME, ProviderApis],
      useFactory: async (runtime: KeystoneRuntime, apis: ProviderApis) => {
        const notifier = await Notifier.create(runtime.config, runtime.drivers, apis);
        runtime.services.notifications = notifier.serviceFacade();
        return notifier;
      },
    },
  ],
  exports: [Notifier],
})
export class NotificationModule implements OnApplicationShutdown {
  constructor(@Inject(Notifier) private readonly notifier: Notifier) {}

  async onApplicationShutdown(): Promise<void> {
    await this.notifier.close();
  }
}
