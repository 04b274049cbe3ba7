import { Global, Module } from '@nestjs/common';
import { ResourceManager } from './resource.manager';
import { DomainsController } from './http/domains.controller';
import { ProjectsController } from './http/projects.controller';
import { ProjectTagsController } from './http/project-tags.controller';
import { ResourceJsonHome } from './http/resource-json-home';

/** Domains, projects, project tags (resource_api). */
@Global()
@Module({
  providers: [ResourceManager, ResourceJsonHome],
  // The tag routes are registered before /v3/projects/:project_id so neither shadows the other.
  controllers: [ProjectTagsController, DomainsController, ProjectsController],
  exports: [ResourceManager],
})
export class ResourceModule {}
