import { Controller, Delete, Get, HttpCode, Param, Patch, Put, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authorizer, ProviderApis } from '@keystone-ts/core';
import { DomainConfigManager } from '../domain-config.manager';

type Path = { domain_id: string; group?: string; option?: string };

/** The request's `config` member (Keystone: `request_body_json.get('config', {})`). */
function configOf(body: unknown): unknown {
  return body && typeof body === 'object' && !Array.isArray(body) ? ((body as Record<string, unknown>).config ?? {}) : {};
}

/**
 * /v3/domains/{domain_id}/config[/{group}[/{option}]] (Keystone's
 * DomainConfigResource family in api/domains.py). GET also answers HEAD.
 */
@Controller('v3/domains')
export class DomainConfigController {
  constructor(
    private readonly manager: DomainConfigManager,
    private readonly apis: ProviderApis,
    private readonly authz: Authorizer,
  ) {}

  @Put(':domain_id/config')
  async create(@Req() req: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply, @Param('domain_id') domainId: string) {
    await this.authz.enforce(req, 'identity:create_domain_config', { params: { domain_id: domainId } });
    await this.apis.resource.getDomain(domainId);
    const original = await this.manager.getConfigWithSensitiveInfo(domainId);
    const config = await this.manager.createConfig(domainId, configOf(req.body));
    // Replacing an existing configuration is a 200, creating one a 201.
    void reply.status(Object.keys(original).length ? 200 : 201);
    return { config };
  }

  @Get(':domain_id/config')
  showAll(@Req() req: FastifyRequest, @Param() p: Path) {
    return this.show(req, p);
  }

  @Get(':domain_id/config/:group')
  showGroup(@Req() req: FastifyRequest, @Param() p: Path) {
    return this.show(req, p);
  }

  @Get(':domain_id/config/:group/:option')
  showOption(@Req() req: FastifyRequest, @Param() p: Path) {
    return this.show(req, p);
  }

  @Patch(':domain_id/config')
  updateAll(@Req() req: FastifyRequest, @Param() p: Path) {
    return this.update(req, p);
  }

  @Patch(':domain_id/config/:group')
  updateGroup(@Req() req: FastifyRequest, @Param() p: Path) {
    return this.update(req, p);
  }

  @Patch(':domain_id/config/:group/:option')
  updateOption(@Req() req: FastifyRequest, @Param() p: Path) {
    return this.update(req, p);
  }

  @Delete(':domain_id/config')
  @HttpCode(204)
  deleteAll(@Req() req: FastifyRequest, @Param() p: Path): Promise<void> {
    return this.delete(req, p);
  }

  @Delete(':domain_id/config/:group')
  @HttpCode(204)
  deleteGroup(@Req() req: FastifyRequest, @Param() p: Path): Promise<void> {
    return this.delete(req, p);
  }

  @Delete(':domain_id/config/:group/:option')
  @HttpCode(204)
  deleteOption(@Req() req: FastifyRequest, @Param() p: Path): Promise<void> {
    return this.delete(req, p);
  }

  /**
   * Keystone looks the domain up first but reports its absence only after
   * the policy check and the config lookup, so an unauthorized caller
   * cannot probe which domains exist.
   */
  private async show(req: FastifyRequest, p: Path) {
    const missingDomain = await this.apis.resource.getDomain(p.domain_id).then(
      () => null,
      (e: unknown) => e,
    );
    let config: Record<string, unknown>;
    if (p.group === 'security_compliance') {
      await this.authz.enforce(req, 'identity:get_security_compliance_domain_config', { params: p });
      config = this.manager.getSecurityComplianceConfig(p.domain_id, p.group, p.option);
    } else {
      await this.authz.enforce(req, 'identity:get_domain_config', { params: p });
      config = await this.manager.getConfig(p.domain_id, p.group, p.option);
    }
    if (missingDomain) throw missingDomain;
    return { config };
  }

  private async update(req: FastifyRequest, p: Path) {
    await this.authz.enforce(req, 'identity:update_domain_config', { params: p });
    await this.apis.resource.getDomain(p.domain_id);
    return { config: await this.manager.updateConfig(p.domain_id, configOf(req.body), p.group, p.option) };
  }

  private async delete(req: FastifyRequest, p: Path): Promise<void> {
    await this.authz.enforce(req, 'identity:delete_domain_config', { params: p });
    await this.apis.resource.getDomain(p.domain_id);
    await this.manager.deleteConfig(p.domain_id, p.group, p.option);
  }
}
