import { Module, type DynamicModule } from '@nestjs/common';
import { CacheModule, CoreModule, NotificationModule, type KeystoneRuntime } from '@keystone-ts/core';
import { IdentityModule } from '@keystone-ts/identity';
import { ResourceModule } from '@keystone-ts/resource';
import { DomainConfigModule } from '@keystone-ts/domain-config';
import { AssignmentModule } from '@keystone-ts/assignment';
import { CatalogModule } from '@keystone-ts/catalog';
import { TokenModule } from '@keystone-ts/token';
import { AuthModule } from '@keystone-ts/auth';
import { PolicyModule } from '@keystone-ts/policy';
import { CredentialModule } from '@keystone-ts/credential';
import { TrustModule } from '@keystone-ts/trust';
import { FederationModule } from '@keystone-ts/federation';
import { ApplicationCredentialModule } from '@keystone-ts/application-credential';
import { OAuth1Module } from '@keystone-ts/oauth1';

/** The server: core, every subsystem module, then the plugins' own modules. */
@Module({})
export class KeystoneModule {
  static forRuntime(runtime: KeystoneRuntime): DynamicModule {
    const pluginModules = runtime.registry
      .loadedPlugins()
      .map(({ plugin }) => plugin.nestModule)
      .filter((m): m is NonNullable<typeof m> => m !== undefined);
    return {
      module: KeystoneModule,
      imports: [
        CoreModule.forRoot(runtime),
        CacheModule,
        NotificationModule,
        IdentityModule,
        ResourceModule,
        DomainConfigModule,
        AssignmentModule,
        CatalogModule,
        TokenModule,
        AuthModule,
        PolicyModule,
        CredentialModule,
        TrustModule,
        FederationModule,
        ApplicationCredentialModule,
        OAuth1Module,
        ...(pluginModules as never[]),
      ],
    };
  }
}
