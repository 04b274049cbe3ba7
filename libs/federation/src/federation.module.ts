import { Global, Module } from '@nestjs/common';
import { FederationManager } from './federation.manager';
import { IdentityProvidersController } from './http/identity-providers.controller';
import { ProtocolsController } from './http/protocols.controller';
import { MappingsController } from './http/mappings.controller';
import { ServiceProvidersController } from './http/service-providers.controller';
import { FederationJsonHome } from './http/federation-json-home';

/** OS-FEDERATION management: identity providers, protocols, mappings, service providers. */
@Global()
@Module({
  providers: [FederationManager, FederationJsonHome],
  controllers: [IdentityProvidersController, ProtocolsController, MappingsController, ServiceProvidersController],
  exports: [FederationManager],
})
export class FederationModule {}
