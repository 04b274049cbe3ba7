import { Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query, Req } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { Authorizer, KeystoneConfig, PUBLIC_ENDPOINT, baseUrl, buildHints, collection, listLimit, validateBody, type Caller, type CredentialRef } from '@keystone-ts/core';
import { ValidationError, isKeystoneError } from '@keystone-ts/plugin-sdk';
import { CredentialManager, EC2 } from '../credential.manager';
import { hashAccessKey } from '../ec2/access-key-hash';
import { pythonJsonDumps } from '../python-json';
import { credentialCreateSchema, credentialUpdateSchema } from './credential.schemas';
import { ec2BlobOf, renderCredential } from './credential-render';
import { requirePrimaryAuth } from './primary-auth';

const FILTERS = ['user_id', 'type'];
/** Scope markers of an ec2 blob that an update may not change. */
const FIXED_EC2_KEYS = ['trust_id', 'app_cred_id', 'access_token_id', 'access_id'];

/** /v3/credentials */
@Controller('v3/credentials')
export class CredentialsController {
  constructor(
    private readonly credentials: CredentialManager,
    private readonly authz: Authorizer,
    private readonly config: KeystoneConfig,
    @Inject(PUBLIC_ENDPOINT) private readonly publicEndpoint: string | null,
  ) {}

  @Get()
  async list(@Req() req: FastifyRequest, @Query() query: Record<string, string>) {
    const caller = await this.authz.caller(req);
    // A user who is not system-scoped may list, but only ever sees their own.
    const target = caller.systemScope ? undefined : () => ({ credential: { user_id: caller.userId } });
    const filters = Object.fromEntries(FILTERS.filter((f) => query[f] !== undefined).map((f) => [f, query[f]]));
    await this.authz.enforce(req, 'identity:list_credentials', { filters, target });
    const { refs, truncated } = await this.credentials.listCredentials(buildHints(query, FILTERS, listLimit(this.config, 'credential')));
    const visible: CredentialRef[] = [];
    for (const ref of refs) {
      if (await this.mayRead(req, caller, ref)) visible.push(ref);
    }
    const base = baseUrl(req, this.publicEndpoint);
    return collection('credentials', visible.map((c) => renderCredential(c, base)), `${base}${req.url}`, truncated);
  }

  @Post()
  @HttpCode(201)
  async create(@Req() req: FastifyRequest) {
    const credential = bodyMember(req.body, 'credential');
    const caller = await this.authz.enforce(req, 'identity:create_credential', { target: () => ({ credential }) });
    validateBody(credentialCreateSchema, credential);
    await requirePrimaryAuth(req, caller, this.deps, credential.type);
    const ref = await this.credentials.createCredential(withId(credential, caller) as never);
    return { credential: renderCredential(ref, baseUrl(req, this.publicEndpoint)) };
  }

  @Get(':credential_id')
  async get(@Req() req: FastifyRequest, @Param('credential_id') id: string) {
    await this.authz.enforce(req, 'identity:get_credential', { params: { credential_id: id }, target: () => this.targetOf(id) });
    const ref = await this.credentials.getCredential(id);
    await requirePrimaryAuth(req, await this.authz.caller(req), this.deps, ref.type);
    return { credential: renderCredential(ref, baseUrl(req, this.publicEndpoint)) };
  }

  @Patch(':credential_id')
  async update(@Req() req: FastifyRequest, @Param('credential_id') id: string) {
    const params = { credential_id: id };
    await this.authz.enforce(req, 'identity:update_credential', { params, target: () => this.targetOf(id) });
    const patch = validateBody<{ blob: string }>(credentialUpdateSchema, bodyMember(req.body, 'credential'));
    const current = await this.credentials.getCredential(id);
    await requirePrimaryAuth(req, await this.authz.caller(req), this.deps, current.type);
    if (current.type.toLowerCase() === EC2) assertScopeUnchanged(current, patch.blob);
    // Checked again with the result, so the owner cannot be changed by the patch.
    await this.authz.enforce(req, 'identity:update_credential', { params, target: () => ({ credential: { ...current, ...patch } }) });
    const ref = await this.credentials.updateCredential(id, patch);
    return { credential: renderCredential(ref, baseUrl(req, this.publicEndpoint)) };
  }

  @Delete(':credential_id')
  @HttpCode(204)
  async delete(@Req() req: FastifyRequest, @Param('credential_id') id: string): Promise<void> {
    await this.authz.enforce(req, 'identity:delete_credential', { params: { credential_id: id }, target: () => this.targetOf(id) });
    const ref = await this.credentials.getCredential(id);
    await requirePrimaryAuth(req, await this.authz.caller(req), this.deps, ref.type);
    await this.credentials.deleteCredential(id);
  }

  private get deps() {
    return { authz: this.authz, config: this.config };
  }

  /** The credential when it exists; its absence is reported after authorization. */
  private async targetOf(id: string): Promise<Record<string, unknown>> {
    try {
      return { credential: await this.credentials.getCredential(id) };
    } catch (e) {
      if (isKeystoneError(e) && e.code === 404) return {};
      throw e;
    }
  }

  /** Each listed credential is checked as if read alone (owner, system reader, or a custom rule). */
  private async mayRead(req: FastifyRequest, caller: Caller, ref: CredentialRef): Promise<boolean> {
    try {
      await this.authz.enforce(req, 'identity:get_credential', { target: () => ({ credential: ref }) });
      await requirePrimaryAuth(req, caller, this.deps, ref.type);
      return true;
    } catch (e) {
      if (isKeystoneError(e) && e.code === 403) return false;
      throw e;
    }
  }
}

/** `body[key]`, or {} when absent, as Keystone reads it before validating. */
function bodyMember(body: unknown, key: string): Record<string, unknown> {
  const value = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>)[key] : undefined;
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw ValidationError.field(key, `${pythonJsonDumps(value)} is not of type 'object'`);
  return value as Record<string, unknown>;
}

/** The blob of an ec2 credential, which must be a JSON object with an access key. */
function ec2Blob(blob: unknown): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(String(blob));
  } catch {
    throw new ValidationError('Invalid blob in credential');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || Object.keys(parsed).length === 0) throw ValidationError.missing('blob', 'credential');
  const access = (parsed as Record<string, unknown>).access;
  if (access === undefined || access === null) throw ValidationError.missing('access', 'credential');
  if (typeof access !== 'string') throw ValidationError.field('blob', 'the access key must be a string');
  return parsed as Record<string, unknown>;
}

/**
 * Keystone's `_assign_unique_id`: an ec2 credential is named by the sha256
 * of its access key and remembers the delegation that made it (so ec2tokens
 * gives back a token of the same kind); any other gets a random id.
 */
function withId(credential: Record<string, unknown>, caller: Caller): Record<string, unknown> {
  if (typeof credential.type !== 'string' || credential.type.toLowerCase() !== EC2) return { ...credential, id: randomUUID().replace(/-/g, '') };
  const blob = ec2Blob(credential.blob);
  const ref: Record<string, unknown> = { ...credential, id: hashAccessKey(blob.access as string) };
  const scope: Record<string, string | null> = { trust_id: caller.trustId, app_cred_id: caller.appCredId };
  for (const [key, value] of Object.entries(scope)) {
    if (value) {
      blob[key] = value;
      ref.blob = pythonJsonDumps(blob);
    }
  }
  return ref;
}

function assertScopeUnchanged(current: CredentialRef, newBlob: string): void {
  const next = ec2Blob(newBlob);
  const old = ec2BlobOf(current);
  for (const key of FIXED_EC2_KEYS) {
    if (JSON.stringify(old[key] ?? null) !== JSON.stringify(next[key] ?? null)) throw new ValidationError(`${key} can not be updated for credential`);
  }
}
