import { Inject, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Authorizer, PUBLIC_ENDPOINT, baseUrl, collection } from '@keystone-ts/core';
import { AssignmentManager, type GrantSpec } from '../assignment.manager';
import type { GrantParams } from './grant-targets';
import { renderRole, selfUrl } from './render';

type TargetBuilder = () => Promise<Record<string, unknown>>;

/**
 * The four grant operations every grant URL family shares (list, check,
 * create, revoke), each: enforce with the family's target → manager →
 * Keystone's answer (a role collection, or 204).
 */
@Injectable()
export class GrantHandlers {
  constructor(
    private readonly assignment: AssignmentManager,
    private readonly authz: Authorizer,
    @Inject(PUBLIC_ENDPOINT) private readonly publicEndpoint: string | null,
  ) {}

  async list(req: FastifyRequest, p: GrantParams, inherited: boolean, target: TargetBuilder) {
    await this.authz.enforce(req, 'identity:list_grants', { params: viewArgs(p), target });
    const roles = await this.assignment.listGrants(spec(p, inherited));
    const base = baseUrl(req, this.publicEndpoint);
    return collection('roles', roles.map((r) => renderRole(r, base)), selfUrl(req, base));
  }

  async check(req: FastifyRequest, p: GrantParams, inherited: boolean, target: TargetBuilder): Promise<void> {
    await this.authz.enforce(req, 'identity:check_grant', { params: viewArgs(p), target });
    await this.assignment.getGrant(p.roleId!, spec(p, inherited));
  }

  async create(req: FastifyRequest, p: GrantParams, inherited: boolean, target: TargetBuilder): Promise<void> {
    await this.authz.enforce(req, 'identity:create_grant', { params: viewArgs(p), target });
    await this.assignment.createGrant(p.roleId!, spec(p, inherited));
  }

  async revoke(req: FastifyRequest, p: GrantParams, inherited: boolean, target: TargetBuilder): Promise<void> {
    await this.authz.enforce(req, 'identity:revoke_grant', { params: viewArgs(p), target });
    await this.assignment.deleteGrant(p.roleId!, spec(p, inherited));
  }
}

function spec(p: GrantParams, inherited: boolean): GrantSpec {
  return { userId: p.userId, groupId: p.groupId, projectId: p.projectId, domainId: p.domainId, inheritedToProjects: inherited };
}

/** Keystone's view_args, available to rules as `%(user_id)s` and the like. */
function viewArgs(p: GrantParams): Record<string, string> {
  const out: Record<string, string> = {};
  if (p.domainId !== undefined) out.domain_id = p.domainId;
  if (p.projectId !== undefined) out.project_id = p.projectId;
  if (p.userId !== undefined) out.user_id = p.userId;
  if (p.groupId !== undefined) out.group_id = p.groupId;
  if (p.roleId !== undefined) out.role_id = p.roleId;
  return out;
}
