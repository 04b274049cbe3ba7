import { Module, type DynamicModule } from '@nestjs/common';
import { CoreModule, type KeystoneRuntime } from '@keystone-ts/core';

/** The server: core plus every subsystem module plus the plugins' own modules. */
@Module({})
export class AppModule {
  static forRuntime(runtime: KeystoneRuntime): DynamicModule {
    const pluginModules = runtime.registry
      .loadedPlugins()
      .map(({ plugin }) => plugin.nestModule)
      .filter((m): m is NonNullable<typeof m> => m !== undefined);
    return {
      module: AppModule,
      imports: [CoreModule.forRoot(runtime), ...(pluginModules as never[])],
    };
  }
}
