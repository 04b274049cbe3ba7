import { Controller, Get, Inject, Optional, Req, Res } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Authorizer } from '../authz/authorizer';
import { KeystoneConfig } from '../config/keystone-config';
import { Database } from '../database/database';
import { DATABASE } from '../http/tokens';
import { CacheRegions } from '../cache/cache-regions';
import { checkCache, checkDatabase, checkDisableFile, type HealthReason } from './health.checks';

/**
 * oslo.middleware's healthcheck. Anyone gets `OK` (200) or the failing
 * reason (503) as text: load balancers need no token. A caller whose token
 * passes `admin_required` and who asks for JSON gets every check with its
 * details; nobody else learns engine names, hosts or error messages.
 */
@Controller()
export class HealthController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    private readonly config: KeystoneConfig,
    private readonly authz: Authorizer,
    @Optional() private readonly moduleRef?: ModuleRef,
  ) {}

  @Get('/healthcheck')
  async health(@Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const disabled = checkDisableFile(this.config.get<string | null>('healthcheck', 'disable_by_file_path'));
    const reasons: HealthReason[] = disabled ? [disabled] : [await checkDatabase(this.db), checkCache(this.cacheRegions())];
    const healthy = reasons.every((r) => r.ok);
    const status = healthy ? 200 : 503;
    if (await this.mayShowDetails(req)) {
      void reply.status(status).send({
        detailed: true,
        healthy,
        now: new Date().toISOString(),
        pid: process.pid,
        uptime_seconds: Math.round(process.uptime()),
        node_version: process.version,
        memory_rss_bytes: process.memoryUsage.rss(),
        reasons: reasons.map((r) => ({ class: r.class, reason: r.reason, details: r.details ?? {} })),
      });
      return;
    }
    const failing = reasons.filter((r) => !r.ok).map((r) => r.reason);
    void reply
      .status(status)
      .header('content-type', 'text/plain; charset=UTF-8')
      .send(healthy ? 'OK' : failing.join('\n'));
  }

  private async mayShowDetails(req: FastifyRequest): Promise<boolean> {
    if (!this.config.get<boolean>('healthcheck', 'detailed')) return false;
    if (typeof req.headers['x-auth-token'] !== 'string') return false;
    if (!/application\/json/.test(req.headers.accept ?? '')) return false;
    try {
      await this.authz.enforce(req, 'admin_required');
      return true;
    } catch {
      // A bad or unprivileged token still gets the plain answer: health must not depend on auth.
      return false;
    }
  }

  private cacheRegions(): CacheRegions | null {
    try {
      return this.moduleRef?.get(CacheRegions, { strict: false }) ?? null;
    } catch {
      return null;
    }
  }
}
