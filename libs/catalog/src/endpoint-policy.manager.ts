import { Injectable } from '@nestjs/common';
import { getLogger } from '@keystone-ts/core';
import { DriverHints, Forbidden, NotFound, type EndpointRecord, type PolicyAssociationTarget, type PolicyRecord, type RegionRecord } from '@keystone-ts/plugin-sdk';
import { CatalogBackends } from './catalog-backends';
import { CatalogManager } from './catalog.manager';

type Target = { endpointId?: string; serviceId?: string; regionId?: string };

/**
 * The OS-ENDPOINT-POLICY API: which policy blob applies to an endpoint,
 * associated with the endpoint itself, its service in a region (inherited
 * by child regions), or its service anywhere.
 */
@Injectable()
export class EndpointPolicyManager {
  private readonly log = getLogger('keystone.endpoint_policy');

  constructor(
    private readonly backends: CatalogBackends,
    private readonly catalog: CatalogManager,
  ) {}

  /** Checks the policy and the catalog entities exist (404s in Keystone's order), then the association's shape. */
  async checkTarget(policyId: string, t: Target): Promise<PolicyAssociationTarget> {
    await this.getPolicy(policyId);
    if (t.endpointId !== undefined) await this.catalog.getEndpoint(t.endpointId);
    if (t.serviceId !== undefined) await this.catalog.getService(t.serviceId);
    if (t.regionId !== undefined) await this.catalog.getRegion(t.regionId);
    const target = { endpoint_id: t.endpointId ?? null, service_id: t.serviceId ?? null, region_id: t.regionId ?? null };
    assertValidAssociation(target);
    return target;
  }

  async createAssociation(policyId: string, t: Target): Promise<void> {
    await this.backends.policy.createPolicyAssociation(policyId, await this.checkTarget(policyId, t));
  }

  async checkAssociation(policyId: string, t: Target): Promise<void> {
    await this.backends.policy.checkPolicyAssociation(policyId, await this.checkTarget(policyId, t));
  }

  async deleteAssociation(policyId: string, t: Target): Promise<void> {
    await this.backends.policy.deletePolicyAssociation(policyId, await this.checkTarget(policyId, t));
  }

  getPolicy(policyId: string): Promise<PolicyRecord> {
    return this.backends.policy.getPolicy(policyId);
  }

  /**
   * Keystone's precedence: the endpoint's own association, then its service
   * in its region or the nearest ancestor region, then its service anywhere.
   */
  async getPolicyForEndpoint(endpointId: string): Promise<PolicyRecord> {
    const policy = this.backends.policy;
    const own = await policy.getPolicyAssociation({ endpoint_id: endpointId, service_id: null, region_id: null });
    if (own) return this.getPolicy(own);
    const endpoint = await this.catalog.getEndpoint(endpointId);
    const seen = new Set<string>();
    for (let regionId = endpoint.region_id; regionId; ) {
      const found = await policy.getPolicyAssociation({ endpoint_id: null, service_id: endpoint.service_id, region_id: regionId });
      if (found) return this.getPolicy(found);
      seen.add(regionId);
      regionId = (await this.catalog.getRegion(regionId)).parent_region_id;
      if (regionId && seen.has(regionId)) {
        this.log.error(`Circular reference or a repeated entry found in region tree - ${regionId}.`);
        break;
      }
    }
    const forService = await policy.getPolicyAssociation({ endpoint_id: null, service_id: endpoint.service_id, region_id: null });
    if (forService) return this.getPolicy(forService);
    throw new NotFound(`No policy is associated with endpoint ${endpointId}.`);
  }

  /** Every endpoint a policy reaches, duplicates included when two associations reach one (as Keystone lists them). */
  async listEndpointsForPolicy(policyId: string): Promise<EndpointRecord[]> {
    await this.getPolicy(policyId);
    const [associations, endpoints, regions] = await Promise.all([
      this.backends.policy.listAssociationsForPolicy(policyId),
      this.backends.catalog.listEndpoints(new DriverHints()),
      this.backends.catalog.listRegions(new DriverHints()),
    ]);
    const out: EndpointRecord[] = [];
    for (const a of associations) {
      if (a.endpoint_id !== null) {
        const endpoint = endpoints.find((e) => e.id === a.endpoint_id);
        if (!endpoint) {
          this.log.warn(`Endpoint ${a.endpoint_id} referenced in association for policy ${policyId} not found.`);
          throw NotFound.entity('endpoint', a.endpoint_id);
        }
        out.push(endpoint);
      } else if (a.service_id !== null && a.region_id === null) {
        out.push(...endpoints.filter((e) => e.service_id === a.service_id));
      } else if (a.service_id !== null && a.region_id !== null) {
        out.push(...endpointsDownRegionTree(a.service_id, a.region_id, endpoints, regions));
      } else {
        this.log.warn(`Unsupported policy association found - Policy ${policyId}, Endpoint ${a.endpoint_id}, Service ${a.service_id}, Region ${a.region_id}, `);
      }
    }
    return out;
  }
}

/** The service's endpoints in a region and, depth first, in every region below it. */
function endpointsDownRegionTree(serviceId: string, regionId: string, endpoints: EndpointRecord[], regions: RegionRecord[]): EndpointRecord[] {
  const found: EndpointRecord[] = [];
  const examined = new Set<string>();
  const visit = (id: string) => {
    if (examined.has(id)) return;
    examined.add(id);
    found.push(...endpoints.filter((e) => e.service_id === serviceId && e.region_id === id));
    for (const r of regions) if (r.parent_region_id === id) visit(r.id);
  };
  visit(regionId);
  return found;
}

/** Keystone's `_assert_valid_association`: endpoint alone, service alone, or service with region. */
function assertValidAssociation(t: PolicyAssociationTarget): void {
  const endpointOnly = t.endpoint_id !== null && t.service_id === null && t.region_id === null;
  const service = t.endpoint_id === null && t.service_id !== null;
  if (endpointOnly || service) return;
  throw new Forbidden(
    `Invalid mix of entities for policy association: only Endpoint, Service, or Region+Service allowed. Request was - Endpoint: ${t.endpoint_id ?? 'None'}, Service: ${t.service_id ?? 'None'}, Region: ${t.region_id ?? 'None'}.`,
  );
}
