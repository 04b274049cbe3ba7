import { Inject, Injectable, Optional, type OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { KEYSTONE_RUNTIME, Notifier, applyLimit, applyRemainingFilters, type KeystoneRuntime } from '@keystone-ts/core';
import { Namespaces, type DriverHints, type PolicyDriver, type PolicyBlobRecord } from '@keystone-ts/plugin-sdk';

/** Policy blobs (Keystone's policy_api): stored and served, never enforced. */
@Injectable()
export class PolicyManager implements OnModuleInit {
  private driver!: PolicyDriver;

  constructor(
    @Inject(KEYSTONE_RUNTIME) private readonly runtime: KeystoneRuntime,
    @Optional() private readonly notifier?: Notifier,
  ) {}

  async onModuleInit(): Promise<void> {
    const cfg = this.runtime.config;
    this.driver = await this.runtime.drivers.createDriver<PolicyDriver>(Namespaces.policy, cfg.get('policy', 'driver'), cfg);
  }

  async createPolicy(policy: Omit<PolicyBlobRecord, 'id'> & { id?: string }): Promise<PolicyBlobRecord> {
    const created = await this.driver.createPolicy({ ...policy, id: randomUUID().replace(/-/g, '') } as PolicyBlobRecord);
    await this.notifier?.created('policy', created.id);
    return created;
  }

  async listPolicies(hints: DriverHints): Promise<{ refs: PolicyBlobRecord[]; truncated: boolean }> {
    return applyLimit(applyRemainingFilters(await this.driver.listPolicies(hints), hints), hints);
  }

  getPolicy(policyId: string): Promise<PolicyBlobRecord> {
    return this.driver.getPolicy(policyId);
  }

  async updatePolicy(policyId: string, patch: Partial<PolicyBlobRecord>): Promise<PolicyBlobRecord> {
    const { id: _id, ...rest } = patch;
    const updated = await this.driver.updatePolicy(policyId, rest);
    await this.notifier?.updated('policy', policyId);
    return updated;
  }

  async deletePolicy(policyId: string): Promise<void> {
    await this.driver.deletePolicy(policyId);
    await this.notifier?.deleted('policy', policyId);
  }
}
