import { Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { KEYSTONE_RUNTIME, ProviderApis, type KeystoneRuntime } from '@keystone-ts/core';
import { Unauthorized, ValidationError } from '@keystone-ts/plugin-sdk';
import { TokenManager, type TokenModel } from '@keystone-ts/token';
import { CredentialManager, EC2 } from '../credential.manager';
import { ec2BlobOf } from '../http/credential-render';
import { hashAccessKey } from './access-key-hash';
import { SignatureComputationError, ec2Signature, type SignedRequest } from './ec2-signer';
import { checkTimestamp } from './ec2-timestamp';

/**
 * POST /v3/ec2tokens: a request signed with an ec2 credential's secret
 * (forwarded by a service) becomes a token scoped to the credential's
 * project, as Keystone's EC2 resource does.
 */
@Injectable()
export class Ec2Authenticator {
  constructor(
    @Inject(KEYSTONE_RUNTIME) private readonly runtime: KeystoneRuntime,
    private readonly credentials: CredentialManager,
    private readonly apis: ProviderApis,
    private readonly tokens: TokenManager,
  ) {}

  async authenticate(body: unknown): Promise<TokenModel> {
    const request = signedRequestOf(body);
    if (typeof request.access !== 'string') throw new Unauthorized('EC2 Signature not supplied');
    const cred = await this.credentials.getCredential(hashAccessKey(request.access));
    if (cred.type !== EC2) throw new Unauthorized('EC2 access key not found.');
    const blob = ec2BlobOf(cred);
    checkSignature(typeof blob.secret === 'string' ? blob.secret : String(blob.secret ?? ''), request);

    const project = await this.apis.resource.getProject(String(cred.project_id));
    const user = await this.apis.identity.getUser(cred.user_id);
    if (!user.enabled) throw new Unauthorized();
    try {
      await this.apis.resource.assertProjectEnabled(project.id);
    } catch {
      throw new Unauthorized();
    }
    checkTimestamp(request, this.runtime.config.get<number>('credential', 'auth_ttl'));

    let appCredId: string | null = null;
    let roleIds: string[];
    if (blob.trust_id || blob.access_token_id) {
      // Such credentials can only be made with the deprecated insecure escape hatch; no token of that kind here yet.
      throw new Unauthorized('EC2 credentials created with a trust or an OAuth1 access token are not supported.');
    } else if (blob.app_cred_id) {
      if (!this.apis.has('applicationCredential')) throw new Unauthorized('EC2 access key not found.');
      const appCred = await this.apis.applicationCredential.getApplicationCredential(String(blob.app_cred_id));
      if (cred.project_id !== appCred.project_id) throw new Unauthorized('EC2 credential project does not match the application credential project.');
      roleIds = appCred.roleIds;
      appCredId = appCred.id;
    } else {
      roleIds = (await this.apis.assignment.getRolesForUserOnProject(user.id, project.id)).map((r) => r.id);
    }
    if (roleIds.length === 0) throw new Unauthorized('User not valid for project.');
    for (const roleId of roleIds) await this.apis.assignment.getRole(roleId);

    return this.tokens.issue({ userId: user.id, methods: ['ec2credential'], projectId: project.id, ...(appCredId ? { appCredId } : {}) });
  }
}

/** Keystone accepts the signed request under `credentials`, `credential` or `ec2Credentials`. */
function signedRequestOf(body: unknown): SignedRequest & { access?: unknown; signature?: unknown } {
  if (!body || typeof body !== 'object' || Array.isArray(body) || Object.keys(body).length === 0) {
    throw new ValidationError('request must include a request body');
  }
  const b = body as Record<string, unknown>;
  const found = [b.credentials, b.credential, b.ec2Credentials].find((c) => c && typeof c === 'object' && !Array.isArray(c) && Object.keys(c).length > 0);
  return (found ?? {}) as SignedRequest;
}

/** The signature as given, else the same without the port in the host (some clients sign that way). */
function checkSignature(secret: string, request: SignedRequest & { signature?: unknown }): void {
  const given = request.signature;
  if (typeof given !== 'string' || given === '') throw new Unauthorized('EC2 signature not supplied.');
  if (matches(secret, request, given)) return;
  if (typeof request.host === 'string' && request.host.includes(':')) {
    const host = hostnameOf(request.host);
    if (host !== null && matches(secret, { ...request, host }, given)) return;
  }
  throw new Unauthorized('Invalid EC2 signature.');
}

function matches(secret: string, request: SignedRequest, given: string): boolean {
  let expected: string;
  try {
    expected = ec2Signature(secret, request);
  } catch (e) {
    if (e instanceof SignatureComputationError) return false;
    throw e;
  }
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `urlsplit('//' + host).hostname`: brackets of an IPv6 literal and the port dropped, lower-cased. */
function hostnameOf(host: string): string | null {
  const info = host.slice(host.lastIndexOf('@') + 1);
  const name = info.startsWith('[') ? info.slice(1, info.indexOf(']') < 0 ? undefined : info.indexOf(']')) : info.split(':')[0];
  return name === '' ? null : name.toLowerCase();
}
