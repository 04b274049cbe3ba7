import { Controller, Get, Inject, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Authorizer, PUBLIC_ENDPOINT, ProviderApis, baseUrl, collection, type Caller } from '@keystone-ts/core';
import { Forbidden } from '@keystone-ts/plugin-sdk';

/** What the caller's token can be scoped to: /v3/auth/{projects,domains,system,catalog} and the OS-FEDERATION aliases. */
@Controller()
export class AuthScopesController {
  constructor(
    private readonly authz: Authorizer,
    private readonly apis: ProviderApis,
    @Inject(PUBLIC_ENDPOINT) private readonly publicEndpoint: string | null,
  ) {}

  @Get(['v3/auth/projects', 'v3/OS-FEDERATION/projects'])
  async projects(@Req() req: FastifyRequest) {
    const caller = await this.authz.enforce(req, 'identity:get_auth_projects');
    const base = baseUrl(req, this.publicEndpoint);
    const ids = await this.apis.assignment.listProjectsForUser(caller.userId);
    const projects = [];
    for (const id of ids) {
      const p = await this.apis.resource.getProject(id).catch(() => null);
      if (p && p.enabled) projects.push({ ...p, links: { self: `${base}/v3/projects/${p.id}` } });
    }
    return collection('projects', projects, `${base}${req.url}`);
  }

  @Get(['v3/auth/domains', 'v3/OS-FEDERATION/domains'])
  async domains(@Req() req: FastifyRequest) {
    const caller = await this.authz.enforce(req, 'identity:get_auth_domains');
    const base = baseUrl(req, this.publicEndpoint);
    const ids = await this.apis.assignment.listDomainsForUser(caller.userId);
    const domains = [];
    for (const id of ids) {
      const d = await this.apis.resource.getDomain(id).catch(() => null);
      if (d && d.enabled) domains.push({ ...d, links: { self: `${base}/v3/domains/${d.id}` } });
    }
    return collection('domains', domains, `${base}${req.url}`);
  }

  @Get('v3/auth/system')
  async system(@Req() req: FastifyRequest) {
    const caller = await this.authz.enforce(req, 'identity:get_auth_system');
    const roles = await this.apis.assignment.getRolesForUserOnSystem(caller.userId);
    const base = baseUrl(req, this.publicEndpoint);
    return { system: roles.length > 0 ? [{ all: true }] : [], links: { self: `${base}${req.url}`, previous: null, next: null } };
  }

  @Get('v3/auth/catalog')
  async catalog(@Req() req: FastifyRequest) {
    const caller: Caller = await this.authz.enforce(req, 'identity:get_auth_catalog');
    if (!caller.projectId) throw new Forbidden('A project-scoped token is required to produce a service catalog.');
    const base = baseUrl(req, this.publicEndpoint);
    const catalog = this.apis.has('catalog') ? await this.apis.catalog.getCatalog(caller.userId, caller.projectId) : [];
    return { catalog, links: { self: `${base}${req.url}` } };
  }
}
