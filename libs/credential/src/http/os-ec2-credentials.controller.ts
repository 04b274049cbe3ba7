import { Controller, Delete, Get, HttpCode, Inject, Param, Post, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { Authorizer, KeystoneConfig, PUBLIC_ENDPOINT, ProviderApis, baseUrl, collection, type CredentialRef } from '@keystone-ts/core';
import { Unauthorized } from '@keystone-ts/plugin-sdk';
import { CredentialManager, EC2 } from '../credential.manager';
import { hashAccessKey } from '../ec2/access-key-hash';
import { pythonJsonDumps } from '../python-json';
import { ec2BlobOf } from './credential-render';
import { requirePrimaryAuth } from './primary-auth';

/** The OS-EC2 view of a credential: its blob's keys at the top level, `tenant_id` for the project. */
function renderEc2(cred: CredentialRef, base: string): Record<string, unknown> {
  const blob = ec2BlobOf(cred);
  const access = blob.access ?? null;
  return {
    user_id: cred.user_id,
    tenant_id: cred.project_id ?? null,
    access,
    secret: blob.secret ?? null,
    trust_id: blob.trust_id ?? null,
    links: { self: `${base}/v3/users/${cred.user_id}/credentials/OS-EC2/${String(access)}` },
  };
}

/** /v3/users/{user_id}/credentials/OS-EC2: ec2 credentials of a user, by access key. */
@Controller('v3/users/:user_id/credentials/OS-EC2')
export class OsEc2CredentialsController {
  constructor(
    private readonly credentials: CredentialManager,
    private readonly apis: ProviderApis,
    private readonly authz: Authorizer,
    private readonly config: KeystoneConfig,
    @Inject(PUBLIC_ENDPOINT) private readonly publicEndpoint: string | null,
  ) {}

  private get deps() {
    return { authz: this.authz, config: this.config };
  }

  @Get()
  async list(@Req() req: FastifyRequest, @Param('user_id') userId: string) {
    const caller = await this.authz.enforce(req, 'identity:ec2_list_credentials', { params: { user_id: userId } });
    await requirePrimaryAuth(req, caller, this.deps, EC2, { ec2Escape: false });
    await this.apis.identity.getUser(userId);
    const refs = await this.credentials.listCredentialsForUser(userId, EC2);
    const base = baseUrl(req, this.publicEndpoint);
    return collection('credentials', refs.map((c) => renderEc2(c, base)), `${base}${req.url}`);
  }

  @Post()
  @HttpCode(201)
  async create(@Req() req: FastifyRequest, @Param('user_id') userId: string) {
    const caller = await this.authz.enforce(req, 'identity:ec2_create_credential', { params: { user_id: userId }, target: () => ({ credential: { user_id: userId } }) });
    await this.apis.identity.getUser(userId);
    const body = req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};
    const tenantId = typeof body.tenant_id === 'string' ? body.tenant_id : String(body.tenant_id ?? 'None');
    await this.apis.resource.getProject(tenantId);
    await requirePrimaryAuth(req, caller, this.deps, EC2, { ec2Escape: false });
    const blob = { access: randomHex(), secret: randomHex(), trust_id: caller.trustId };
    const ref = await this.credentials.createCredential({
      id: hashAccessKey(blob.access),
      user_id: userId,
      project_id: tenantId,
      type: EC2,
      blob: pythonJsonDumps(blob),
    });
    return { credential: renderEc2(ref, baseUrl(req, this.publicEndpoint)) };
  }

  @Get(':credential_id')
  async get(@Req() req: FastifyRequest, @Param('user_id') userId: string, @Param('credential_id') access: string) {
    const cred = await this.authorized(req, 'identity:ec2_get_credential', userId, access);
    return { credential: renderEc2(cred, baseUrl(req, this.publicEndpoint)) };
  }

  @Delete(':credential_id')
  @HttpCode(204)
  async delete(@Req() req: FastifyRequest, @Param('user_id') userId: string, @Param('credential_id') access: string): Promise<void> {
    const cred = await this.authorized(req, 'identity:ec2_delete_credential', userId, access);
    await this.credentials.deleteCredential(cred.id);
  }

  /** Keystone's order: policy on the credential (404 if unknown), the user, the type, then delegation. */
  private async authorized(req: FastifyRequest, rule: string, userId: string, access: string): Promise<CredentialRef> {
    const id = hashAccessKey(access);
    const caller = await this.authz.enforce(req, rule, {
      params: { user_id: userId, credential_id: access },
      target: async () => ({ credential: await this.credentials.getCredential(id) }),
    });
    await this.apis.identity.getUser(userId);
    const cred = await this.credentials.getCredential(id);
    if (cred.type !== EC2) throw new Unauthorized('EC2 access key not found.');
    await requirePrimaryAuth(req, caller, this.deps, EC2, { ec2Escape: false });
    return cred;
  }
}

function randomHex(): string {
  return randomUUID().replace(/-/g, '');
}
