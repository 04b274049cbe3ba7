import { Global, Module } from '@nestjs/common';
import { CatalogBackends } from './catalog-backends';
import { CatalogManager } from './catalog.manager';
import { EndpointFilterManager } from './endpoint-filter.manager';
import { EndpointPolicyManager } from './endpoint-policy.manager';
import { CatalogJsonHome } from './http/catalog-json-home';
import { EndpointGroupsController } from './http/endpoint-groups.controller';
import { EndpointsController } from './http/endpoints.controller';
import { PolicyAssociationsController } from './http/policy-associations.controller';
import { ProjectEndpointsController } from './http/project-endpoints.controller';
import { RegionsController } from './http/regions.controller';
import { ServicesController } from './http/services.controller';

/** Regions, services, endpoints, endpoint filter and endpoint policy (catalog_api). */
@Global()
@Module({
  providers: [CatalogBackends, CatalogManager, EndpointFilterManager, EndpointPolicyManager, CatalogJsonHome],
  controllers: [RegionsController, ServicesController, EndpointsController, EndpointGroupsController, ProjectEndpointsController, PolicyAssociationsController],
  exports: [CatalogManager, EndpointFilterManager, EndpointPolicyManager],
})
export class CatalogModule {}
