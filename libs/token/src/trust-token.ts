import type { DomainRef, ProjectRef, ProviderApis, RoleRef } from '@keystone-ts/core';
import { Forbidden, Unauthorized, type TokenPayload, type UserRecord } from '@keystone-ts/plugin-sdk';

/** What a token body shows of the trust it is scoped to (`OS-TRUST:trust`). */
export interface TokenTrust {
  id: string;
  impersonation: boolean;
  trustorUserId: string;
  trusteeUserId: string;
}

/** The facts of a trust-scoped token: `user` is the trustor when the trust impersonates, else the trustee. */
export interface TrustScopedFacts {
  user: UserRecord;
  userDomain: DomainRef;
  project: ProjectRef | null;
  projectDomain: DomainRef | null;
  domain: null;
  system: false;
  roles: RoleRef[];
  trust: TokenTrust;
}

/**
 * Rebuilds a trust-scoped token (Keystone's TokenModel checks for trusts):
 * the token's user must be the trustee; trustor, trustee and their domains
 * enabled; the trust alive (deleted or expired: NotFound); and every role it
 * delegates, implied ones included, still held by the original trustor on
 * the project. The token carries those roles, domain-specific ones left out.
 */
export async function trustScopedFacts(apis: ProviderApis, payload: TokenPayload): Promise<TrustScopedFacts> {
  const trust = await apis.trust.getTrustForToken(payload.trustId!);
  if (payload.userId !== trust.trustee_user_id) throw new Forbidden('User is not a trustee.');
  const trustee = await apis.identity.getUser(trust.trustee_user_id);
  if (!trustee.enabled) throw new Unauthorized(`User ${trustee.id} is disabled.`);
  const trustor = await apis.identity.getUser(trust.trustor_user_id);
  const trustorDomain = await apis.resource.assertDomainEnabled(trustor.domain_id);
  const trusteeDomain = await apis.resource.assertDomainEnabled(trustee.domain_id);
  if (!trustor.enabled) throw new Forbidden('Trustor is disabled.');
  let project: ProjectRef | null = null;
  let projectDomain: DomainRef | null = null;
  let roles: RoleRef[] = [];
  if (trust.project_id) {
    project = await apis.resource.assertProjectEnabled(trust.project_id);
    projectDomain = await apis.resource.getDomain(project.domain_id);
    roles = await delegatedRoles(apis, trust.id, trust.redelegated_trust_id ? null : trust.trustor_user_id, trust.roles ?? [], project.id);
    if (roles.length === 0) throw new Unauthorized(`User ${trustee.id} has no access to project ${project.id}`);
  }
  const user = trust.impersonation ? trustor : trustee;
  return {
    user,
    userDomain: trust.impersonation ? trustorDomain : trusteeDomain,
    project,
    projectDomain,
    domain: null,
    system: false,
    roles,
    trust: { id: trust.id, impersonation: trust.impersonation, trustorUserId: trustor.id, trusteeUserId: trustee.id },
  };
}

/** @param trustorId null for a redelegated trust: the original trustor (end of the chain) is looked up */
async function delegatedRoles(apis: ProviderApis, trustId: string, trustorId: string | null, trustRoles: { id: string }[], projectId: string): Promise<RoleRef[]> {
  let original = trustorId;
  if (original === null) {
    const chain = await apis.trust.getTrustPedigree(trustId);
    original = chain[chain.length - 1].trustor_user_id;
  }
  const effective = await apis.assignment.expandImpliedRoleIds(trustRoles.map((r) => r.id));
  const held = new Map((await apis.assignment.getRolesForTrustorOnProject(original, projectId)).map((r) => [r.id, r]));
  const roles: RoleRef[] = [];
  for (const id of effective) {
    const role = held.get(id);
    if (!role) throw new Forbidden('Trustee has no delegated roles.');
    if (role.domain_id === null || role.domain_id === undefined) roles.push(role);
  }
  return roles;
}

/** The trust part of a token body (Keystone's render for trust-scoped tokens): no is_domain, no is_admin_project. */
export function renderTrustScope(t: { trust?: TokenTrust | null; project: ProjectRef | null; projectDomain: DomainRef | null; roles: RoleRef[] }): Record<string, unknown> {
  const trust = t.trust!;
  const out: Record<string, unknown> = {
    'OS-TRUST:trust': {
      id: trust.id,
      trustor_user: { id: trust.trustorUserId },
      trustee_user: { id: trust.trusteeUserId },
      impersonation: trust.impersonation,
    },
  };
  if (t.project && t.projectDomain) {
    out.project = { domain: { id: t.projectDomain.id, name: t.projectDomain.name }, id: t.project.id, name: t.project.name };
  }
  // Keystone puts the whole role here (domain_id, description, options), unlike other scopes.
  out.roles = t.roles.map((r) => ({ ...r }));
  return out;
}
