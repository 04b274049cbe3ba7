import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { KEYSTONE_RUNTIME, Notifier, ProviderApis, type KeystoneRuntime, type TrustApi } from '@keystone-ts/core';
import { Forbidden, Namespaces, NotFound, isKeystoneError, type TrustDriver, type TrustListFilter, type TrustRecord } from '@keystone-ts/plugin-sdk';
import { checkRedelegation, settleRedelegationCount, type TrustRequest } from './redelegation';

export interface NewTrust extends TrustRequest {
  trustor_user_id: string;
  trustee_user_id: string;
  project_id: string | null;
  /** Attributes Keystone keeps in `extra`. */
  extra?: Record<string, unknown>;
}

/** The resource type of trust notifications. */
const TRUST = 'OS-TRUST:trust';

/** Trusts (Keystone's trust_api): delegation of a trustor's project roles to a trustee. */
@Injectable()
export class TrustManager implements TrustApi, OnModuleInit {
  private driver!: TrustDriver;

  constructor(
    @Inject(KEYSTONE_RUNTIME) private readonly runtime: KeystoneRuntime,
    private readonly apis: ProviderApis,
    @Optional() private readonly notifier?: Notifier,
  ) {
    apis.register('trust', this);
    // Keystone drops the trusts a deleted user gave or received.
    notifier?.subscribe('identity.user.deleted', (e) => (e.resourceId ? this.deleteTrustsForUser(e.resourceId) : undefined));
  }

  async onModuleInit(): Promise<void> {
    const cfg = this.runtime.config;
    this.driver = await this.runtime.drivers.createDriver<TrustDriver>(Namespaces.trust, cfg.get('trust', 'driver'), cfg);
  }

  private get maxRedelegation(): number {
    return this.runtime.config.get<number>('trust', 'max_redelegation_count');
  }

  /** @param redelegated the trust of the caller's trust-scoped token, when redelegating */
  async createTrust(req: NewTrust, redelegated: TrustRecord | null): Promise<TrustRecord> {
    const max = this.maxRedelegation;
    const redelegationCount = settleRedelegationCount(req, redelegated, max);
    let expiresAt = req.expires_at;
    if (redelegated) {
      for (const ancestor of await this.getTrustPedigree(redelegated.id)) {
        expiresAt = checkRedelegation(ancestor, { ...req, expires_at: expiresAt }, max).expires_at;
      }
    }
    const record: TrustRecord = {
      ...(req.extra ?? {}),
      id: randomUUID().replace(/-/g, ''),
      trustor_user_id: req.trustor_user_id,
      trustee_user_id: req.trustee_user_id,
      project_id: req.project_id,
      impersonation: req.impersonation,
      expires_at: expiresAt,
      remaining_uses: req.remaining_uses,
      redelegated_trust_id: redelegated?.id ?? null,
      redelegation_count: redelegationCount,
      deleted_at: null,
    };
    const created = await this.driver.createTrust(record, req.roles.map((r) => r.id));
    await this.notifier?.created(TRUST, created.id);
    return created;
  }

  async getTrust(trustId: string): Promise<TrustRecord> {
    const trust = await this.usable(trustId, true);
    if (trust.redelegated_trust_id) await this.checkChain(trustId);
    return trust;
  }

  async getTrustForToken(trustId: string): Promise<TrustRecord> {
    const trust = await this.usable(trustId, false);
    if (trust.redelegated_trust_id) await this.checkChain(trustId);
    return trust;
  }

  async getTrustPedigree(trustId: string): Promise<TrustRecord[]> {
    const chain = [await this.usable(trustId, true)];
    const seen = new Set([trustId]);
    for (let t = chain[0]; t.redelegated_trust_id; ) {
      if (seen.has(t.redelegated_trust_id)) throw new Forbidden('The trust redelegation chain loops.');
      seen.add(t.redelegated_trust_id);
      t = await this.usable(t.redelegated_trust_id, true);
      chain.push(t);
    }
    return chain;
  }

  listTrusts(filter: TrustListFilter): Promise<TrustRecord[]> {
    return this.driver.listTrusts(filter);
  }

  consumeUse(trustId: string): Promise<void> {
    return this.driver.consumeUse(trustId);
  }

  /** Deletes the trust and, first, every trust redelegated from it; their tokens are revoked. */
  async deleteTrust(trustId: string): Promise<void> {
    const trust = await this.driver.getTrust(trustId);
    for (const child of await this.driver.listTrusts({ trustorUserId: trust.trustor_user_id, redelegatedTrustId: trustId })) {
      try {
        await this.deleteTrust(child.id);
      } catch (e) {
        // Deleted meanwhile by someone else: the chain is gone either way.
        if (!(isKeystoneError(e) && e.code === 404)) throw e;
      }
    }
    await this.driver.deleteTrust(trustId);
    await this.apis.revoke.revokeByTrust?.(trustId);
    await this.notifier?.deleted(TRUST, trustId);
  }

  async deleteTrustsForUser(userId: string): Promise<void> {
    const trusts = [...(await this.driver.listTrusts({ trusteeUserId: userId })), ...(await this.driver.listTrusts({ trustorUserId: userId }))];
    for (const t of trusts) {
      try {
        await this.driver.deleteTrust(t.id);
        await this.apis.revoke.revokeByTrust?.(t.id);
      } catch (e) {
        if (!(isKeystoneError(e) && e.code === 404)) throw e;
      }
    }
  }

  /** Keystone's driver-level rule: an expired trust, or one without uses left, is not found. */
  private async usable(trustId: string, countUses: boolean): Promise<TrustRecord> {
    const trust = await this.driver.getTrust(trustId);
    if (trust.expires_at && trust.expires_at.getTime() < Date.now()) throw NotFound.entity('trust', trustId);
    if (countUses && trust.remaining_uses !== null && trust.remaining_uses <= 0) throw NotFound.entity('trust', trustId);
    return trust;
  }

  /** Every link of a redelegation chain must still hold, and every intermediate trustee be enabled. */
  private async checkChain(trustId: string): Promise<void> {
    const chain = await this.getTrustPedigree(trustId);
    for (let i = 1; i < chain.length; i++) {
      const parent = chain[i];
      checkRedelegation(parent, { ...chain[i - 1], roles: chain[i - 1].roles ?? [] }, this.maxRedelegation);
      let enabled = false;
      try {
        enabled = (await this.apis.identity.getUser(parent.trustee_user_id)).enabled;
      } catch (e) {
        if (!(isKeystoneError(e) && e.code === 404)) throw e;
      }
      if (!enabled) throw new Forbidden('One of the trust agents is disabled or deleted');
    }
  }
}
