import { Injectable, type OnModuleInit } from '@nestjs/common';
import { JsonHomeRegistry, PARAM } from '@keystone-ts/core';

/** JSON-Home relations of the domain config routes, as Keystone's DomainAPI names them. */
@Injectable()
export class DomainConfigJsonHome implements OnModuleInit {
  constructor(private readonly registry: JsonHomeRegistry) {}

  onModuleInit(): void {
    const r = this.registry;
    const domainId = PARAM('domain_id');
    const group = PARAM('config_group');
    const option = PARAM('config_option');
    r.add('domain_config', { 'href-template': '/domains/{domain_id}/config', 'href-vars': { domain_id: domainId } });
    r.add('domain_config_group', { 'href-template': '/domains/{domain_id}/config/{group}', 'href-vars': { domain_id: domainId, group } });
    r.add('domain_config_option', {
      'href-template': '/domains/{domain_id}/config/{group}/{option}',
      'href-vars': { domain_id: domainId, group, option },
    });
    r.add('domain_config_default', { href: '/domains/config/default' });
    r.add('domain_config_default_group', { 'href-template': '/domains/config/{group}/default', 'href-vars': { group } });
    r.add('domain_config_default_option', { 'href-template': '/domains/config/{group}/{option}/default', 'href-vars': { group, option } });
  }
}
