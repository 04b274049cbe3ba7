import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JsonHomeRegistry, PARAM } from '@keystone-ts/core';

/** JSON-Home relations of the routes this module serves, named as Keystone names them. */
@Injectable()
export class ResourceJsonHome implements OnModuleInit {
  constructor(private readonly registry: JsonHomeRegistry) {}

  onModuleInit(): void {
    const r = this.registry;
    r.add('domains', { href: '/domains' });
    r.add('domain', { 'href-template': '/domains/{domain_id}', 'href-vars': { domain_id: PARAM('domain_id') } });
    r.add('projects', { href: '/projects' });
    r.add('project', { 'href-template': '/projects/{project_id}', 'href-vars': { project_id: PARAM('project_id') } });
    // Keystone maps both tag routes to one relation; the member route's entry is the one it keeps.
    r.add('project_tags', {
      'href-template': '/projects/{project_id}/tags/{value}',
      'href-vars': { project_id: PARAM('project_id'), value: PARAM('tag_value') },
    });
  }
}
