import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { KEYSTONE_RUNTIME, ProviderApis, type KeystoneRuntime, type RevokeApi } from '@keystone-ts/core';
import { Namespaces, type RevocationEvent, type RevokeDriver } from '@keystone-ts/plugin-sdk';
import { eventMatches, type TokenValues } from './revocation-matcher';

/**
 * Revocation events (Keystone's revoke_api). Events are kept until every
 * token they could match has expired, plus `[revoke] expiration_buffer`.
 */
@Injectable()
export class RevokeManager implements RevokeApi, OnApplicationBootstrap {
  private driver!: RevokeDriver;

  constructor(
    @Inject(KEYSTONE_RUNTIME) private readonly runtime: KeystoneRuntime,
    apis: ProviderApis,
  ) {
    apis.register('revoke', this);
  }

  async onApplicationBootstrap(): Promise<void> {
    const cfg = this.runtime.config;
    this.driver = await this.runtime.drivers.createDriver<RevokeDriver>(Namespaces.revoke, cfg.get('revoke', 'driver'), cfg);
  }

  listEvents(since: Date | null): Promise<RevocationEvent[]> {
    return this.driver.listEvents(since);
  }

  async isRevoked(token: TokenValues): Promise<boolean> {
    const events = await this.driver.listEvents(null);
    return events.some((e) => eventMatches(e, token));
  }

  revokeByUser(userId: string) {
    return this.record({ user_id: userId });
  }
  revokeByProject(projectId: string) {
    return this.record({ project_id: projectId });
  }
  revokeByDomain(domainId: string) {
    return this.record({ domain_id: domainId });
  }
  revokeByUserAndProject(userId: string, projectId: string) {
    return this.record({ user_id: userId, project_id: projectId });
  }
  revokeByAuditId(auditId: string) {
    return this.record({ audit_id: auditId });
  }
  revokeByAuditChainId(auditChainId: string) {
    return this.record({ audit_chain_id: auditChainId });
  }

  private async record(fields: Partial<RevocationEvent>): Promise<void> {
    // Second precision, as Keystone stores it; issued_before = revoked_at.
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const cfg = this.runtime.config;
    const keep = (cfg.get<number>('token', 'expiration') + cfg.get<number>('revoke', 'expiration_buffer')) * 1000;
    await this.driver.revoke({ ...fields, issued_before: now, revoked_at: now }, new Date(now.getTime() - keep));
  }
}
