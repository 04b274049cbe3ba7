import type { FastifyRequest } from 'fastify';

/**
 * The authenticated caller of a request, as the token subsystem validates it
 * from `X-Auth-Token`. Policy credentials and auth context derive from this.
 */
export interface Caller {
  tokenId: string;
  userId: string;
  userDomainId: string;
  projectId: string | null;
  projectDomainId: string | null;
  domainId: string | null;
  systemScope: 'all' | null;
  /** Effective role names (implied roles included), as policies match them. */
  roles: string[];
  roleIds: string[];
  isAdminProject: boolean;
  methods: string[];
  auditIds: string[];
  expiresAt: string;
  trustId: string | null;
  appCredId: string | null;
  /** The token as Keystone renders it; some policies read `token.*`. */
  tokenBody: Record<string, unknown>;
}

/**
 * Implemented by the token module: validates a caller's token. The request
 * is passed so token bind (`[token] enforce_token_bind`) can be checked
 * against the external authentication of that request.
 * @throws Unauthorized / NotFound
 */
export interface CallerResolver {
  resolveCaller(tokenId: string, request?: FastifyRequest): Promise<Caller>;
}

/** Implemented by the policy engine. @throws Forbidden */
export interface PolicyChecker {
  authorize(action: string, target: Record<string, unknown>, credentials: Record<string, unknown>): void;
}

export const CALLER_RESOLVER = Symbol('CALLER_RESOLVER');
export const POLICY_CHECKER = Symbol('POLICY_CHECKER');

/** oslo.context's policy values plus Keystone's `token` and `domain_id`. */
export function policyCredentials(c: Caller): Record<string, unknown> {
  return {
    user_id: c.userId,
    user_domain_id: c.userDomainId,
    system_scope: c.systemScope,
    domain_id: c.domainId,
    project_id: c.projectId,
    project_domain_id: c.projectDomainId,
    roles: c.roles,
    is_admin_project: c.isAdminProject,
    service_user_id: null,
    service_user_domain_id: null,
    service_project_id: null,
    service_project_domain_id: null,
    service_roles: [],
    token: c.tokenBody,
  };
}
