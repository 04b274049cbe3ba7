import { Inject, Injectable, Optional, type OnApplicationBootstrap } from '@nestjs/common';
import { CacheRegions, KEYSTONE_RUNTIME, ProviderApis, type KeystoneRuntime, type RevokeApi } from '@keystone-ts/core';
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
    @Optional() private readonly cache?: CacheRegions,
  ) {
    apis.register('revoke', this);
  }

  async onApplicationBootstrap(): Promise<void> {
    const cfg = this.runtime.config;
    this.driver = await this.runtime.drivers.createDriver<RevokeDriver>(Namespaces.revoke, cfg.get('revoke', 'driver'), cfg);
  }

  /** Cached in the revoke region (Keystone's list_events memoization); every new event drops it. */
  listEvents(since: Date | null): Promise<RevocationEvent[]> {
    const region = this.cache?.region('revoke');
    if (!region) return this.driver.listEvents(since);
    return region.getOrSet(['events', since ? since.getTime() : null], () => this.driver.listEvents(since));
  }

  async isRevoked(token: TokenValues): Promise<boolean> {
    const events = await this.listEvents(null);
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
  revokeByTrust(trustId: string) {
    return this.record({ trust_id: trustId });
  }

  private async record(fields: Partial<RevocationEvent>): Promise<void> {
    // Second precision, as Keystone stores it; issued_before = revoked_at.
    const now = new Date(Math.floor(Date.now() / 1000) * 1000);
    const cfg = this.runtime.config;
    const keep = (cfg.get<number>('token', 'expiration') + cfg.get<number>('revoke', 'expiration_buffer')) * 1000;
    await this.driver.revoke({ ...fields, issued_before: now, revoked_at: now }, new Date(now.getTime() - keep));
    // A new revocation generation, everywhere: drops the cached event list and, since token keys
    // embed it, every cached token validation. If the cache cannot take the write, the cache is
    // bypassed until it can (see CacheGuard), so no worker trusts a validation made before this.
    await this.cache?.region('revoke').invalidateAll();
  }
}
