import { Controller, Get, Param, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Authorizer } from '@keystone-ts/core';
import { DomainConfigManager } from '../domain-config.manager';

/**
 * /v3/domains/config[/{group}[/{option}]]/default: what a domain without its
 * own configuration gets (Keystone's Default*ConfigResource). GET also
 * answers HEAD. These static `config/...` paths win over
 * /v3/domains/{domain_id}/... in the router, as in Keystone.
 */
@Controller('v3/domains/config')
export class DomainConfigDefaultsController {
  constructor(
    private readonly manager: DomainConfigManager,
    private readonly authz: Authorizer,
  ) {}

  @Get('default')
  async all(@Req() req: FastifyRequest) {
    await this.authz.enforce(req, 'identity:get_domain_config_default');
    return { config: this.manager.getConfigDefault() };
  }

  @Get(':group/default')
  async group(@Req() req: FastifyRequest, @Param('group') group: string) {
    await this.authz.enforce(req, 'identity:get_domain_config_default', { params: { group } });
    return { config: this.manager.getConfigDefault(group) };
  }

  @Get(':group/:option/default')
  async option(@Req() req: FastifyRequest, @Param('group') group: string, @Param('option') option: string) {
    await this.authz.enforce(req, 'identity:get_domain_config_default', { params: { group, option } });
    return { config: this.manager.getConfigDefault(group, option) };
  }
}
