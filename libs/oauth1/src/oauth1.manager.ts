import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { randomInt, randomUUID } from 'node:crypto';
import { KEYSTONE_RUNTIME, ProviderApis, type KeystoneRuntime, type OAuth1Api } from '@keystone-ts/core';
import {
  Namespaces,
  Unauthorized,
  ValidationError,
  isKeystoneError,
  type AccessTokenRecord,
  type ConsumerRecord,
  type CoreServices,
  type OAuth1Driver,
  type OAuth1ServiceFacade,
  type RequestTokenRecord,
} from '@keystone-ts/plugin-sdk';
import { parseAuthorizationHeader, oauthUnescape } from './signature/rfc5849';
import { OAuthRequestError, VERIFIER_CHARS, isOAuthId, isVerifier, parseSignedRequest, verifySignature, type SignedRequest } from './signature/signed-request';

/** What a signed OAuth request carries, as the HTTP edge hands it over. */
export interface OAuthHttpRequest {
  httpMethod: string;
  /** The URLs the client may have signed (path and query included). */
  urls: readonly string[];
  query: string;
  headers: Readonly<Record<string, string | string[] | undefined>>;
}

const newId = (): string => randomUUID().replace(/-/g, '');

/**
 * OS-OAUTH1 (Keystone's oauth_api): consumers, the request → authorize →
 * access token dance with its signature checks, and what the `oauth1` auth
 * method and token validation need of access tokens.
 */
@Injectable()
export class OAuth1Manager implements OAuth1Api, OnModuleInit {
  private driver!: OAuth1Driver;

  constructor(
    @Inject(KEYSTONE_RUNTIME) private readonly runtime: KeystoneRuntime,
    private readonly apis: ProviderApis,
  ) {
    apis.register('oauth1', this);
  }

  async onModuleInit(): Promise<void> {
    const cfg = this.runtime.config;
    this.driver = await this.runtime.drivers.createDriver<OAuth1Driver>(Namespaces.oauth1, cfg.get('oauth1', 'driver'), cfg);
    // The `oauth1` auth method (a plugin) reaches us through this facade only.
    const facade: OAuth1ServiceFacade = { authenticateAccessToken: (r) => this.authenticateAccessToken(r) };
    (this.runtime.services as { -readonly [K in keyof CoreServices]: CoreServices[K] }).oauth1 = facade;
  }

  // --- consumers -----------------------------------------------------------

  /** The secret is generated here and shown in this answer only. */
  createConsumer(consumer: Record<string, unknown>): Promise<ConsumerRecord> {
    const { id: _id, secret: _secret, ...rest } = consumer;
    return this.driver.createConsumer({ ...rest, description: (rest.description as string | null | undefined) ?? null, id: newId(), secret: newId() });
  }

  getConsumer(consumerId: string): Promise<ConsumerRecord> {
    return this.driver.getConsumer(consumerId);
  }

  listConsumers(): Promise<ConsumerRecord[]> {
    return this.driver.listConsumers();
  }

  updateConsumer(consumerId: string, patch: Record<string, unknown>): Promise<ConsumerRecord> {
    const { id: _id, secret: _secret, ...rest } = patch;
    return this.driver.updateConsumer(consumerId, rest);
  }

  /** Its request and access tokens go with it, and so do the tokens issued with those. */
  async deleteConsumer(consumerId: string): Promise<void> {
    await this.driver.deleteConsumer(consumerId);
    await this.apis.token.invalidateCaches?.();
  }

  // --- the dance -------------------------------------------------------------

  /** POST /v3/OS-OAUTH1/request_token, signed with the consumer's secret. */
  async createRequestToken(req: OAuthHttpRequest, requestedProjectId: string | undefined): Promise<RequestTokenRecord> {
    const header = oauthHeaderParams(req.headers);
    const consumerId = header.oauth_consumer_key;
    if (!consumerId) throw ValidationError.missing('oauth_consumer_key', 'request');
    if (!requestedProjectId) throw ValidationError.missing('Requested-Project-Id', 'request');
    await this.apis.resource.getProject(requestedProjectId);
    await this.driver.getConsumer(consumerId);

    const signed = parseOrReject(req);
    if (!signed.callback) throw invalid('invalid_request', 'Missing callback URI.');
    const consumer = await this.consumerWithSecret(signed.consumerKey);
    if (!consumer || !verifySignature(signed, req.urls, consumer.secret, null)) throw new Unauthorized('Invalid signature');

    return this.driver.createRequestToken({
      id: newId(),
      request_secret: newId(),
      verifier: null,
      authorizing_user_id: null,
      requested_project_id: requestedProjectId,
      role_ids: null,
      consumer_id: consumerId,
      expires_at: this.expiry('request_token_duration'),
    });
  }

  /**
   * PUT /v3/OS-OAUTH1/authorize/{id}: the caller delegates some of their roles on
   * the requested project. Roles by id are taken as given; by name, the global role.
   * @returns the verifier the consumer exchanges the request token with
   */
  async authorizeRequestToken(requestTokenId: string, userId: string, roles: { id?: string; name?: string }[]): Promise<string> {
    const token = await this.driver.getRequestToken(requestTokenId);
    assertNotExpired(token.expires_at, 'Request token is expired');
    const wanted = new Set<string>();
    for (const r of roles) wanted.add(r.id ? r.id : (await this.apis.assignment.getRoleByName(String(r.name), null)).id);
    const held = new Set((await this.apis.assignment.getRolesForUserOnProject(userId, token.requested_project_id)).map((r) => r.id));
    if (![...wanted].every((id) => held.has(id))) throw new Unauthorized('authorizing user does not have role required');
    const authorized = await this.driver.authorizeRequestToken(requestTokenId, { userId, roleIds: [...wanted], verifier: newVerifier() });
    return authorized.verifier as string;
  }

  /** POST /v3/OS-OAUTH1/access_token, signed with the consumer and request token secrets and the verifier. */
  async createAccessToken(req: OAuthHttpRequest): Promise<AccessTokenRecord> {
    const header = oauthHeaderParams(req.headers);
    const consumerId = header.oauth_consumer_key;
    const requestTokenId = header.oauth_token;
    const verifier = header.oauth_verifier;
    if (!consumerId) throw ValidationError.missing('oauth_consumer_key', 'request');
    if (!requestTokenId) throw ValidationError.missing('oauth_token', 'request');
    if (!verifier) throw ValidationError.missing('oauth_verifier', 'request');
    const requestToken = await this.driver.getRequestToken(requestTokenId);
    assertNotExpired(requestToken.expires_at, 'Request token is expired');

    const signed = parseOrReject(req);
    if (!signed.token) throw invalid('invalid_request', 'Missing resource owner.');
    if (!isOAuthId(signed.token)) throw invalid('invalid_request', 'Invalid resource owner key format.');
    if (!signed.verifier) throw invalid('invalid_request', 'Missing verifier.');
    if (!isVerifier(signed.verifier)) throw invalid('invalid_request', 'Invalid verifier format.');
    const consumer = await this.consumerWithSecret(signed.consumerKey);
    if (!consumer) throw new Unauthorized('Provided consumer does not exist.');
    if (requestToken.consumer_id !== signed.consumerKey || signed.token !== requestToken.id) {
      throw new Unauthorized('Provided consumer key does not match stored consumer key.');
    }
    const signatureOk = verifySignature(signed, req.urls, consumer.secret, requestToken.request_secret);
    if (requestToken.verifier !== signed.verifier) throw new Unauthorized('Provided verifier does not match stored verifier');
    if (!signatureOk) throw new Unauthorized('Invalid signature');
    if (!requestToken.authorizing_user_id) throw new Unauthorized('Request Token does not have an authorizing user id.');

    return this.driver.exchangeRequestToken(requestToken.id, {
      id: newId(),
      access_secret: newId(),
      authorizing_user_id: requestToken.authorizing_user_id,
      project_id: requestToken.requested_project_id,
      role_ids: requestToken.role_ids ?? [],
      consumer_id: requestToken.consumer_id,
      expires_at: this.expiry('access_token_duration'),
    });
  }

  /** The `oauth1` auth method: a request to /v3/auth/tokens signed with an access token. */
  async authenticateAccessToken(r: { httpMethod: string; path: string; headers: Readonly<Record<string, string | string[] | undefined>> }): Promise<{ userId: string; accessTokenId: string; projectId: string }> {
    const accessTokenId = oauthHeaderParams(r.headers).oauth_token;
    if (!accessTokenId) throw ValidationError.missing('oauth_token', 'request');
    const accessToken = await this.driver.getAccessToken(accessTokenId);
    assertNotExpired(accessToken.expires_at, 'Access token is expired');
    const fail = new Unauthorized('Could not validate the access token');
    let signed: SignedRequest;
    try {
      // The query of /v3/auth/tokens (nocatalog...) is not part of what the client signs.
      signed = parseSignedRequest({ httpMethod: r.httpMethod, authorization: headerValue(r.headers, 'authorization'), query: '' });
    } catch (e) {
      if (e instanceof OAuthRequestError) throw fail;
      throw e;
    }
    if (signed.token !== accessToken.id || signed.consumerKey !== accessToken.consumer_id) throw fail;
    const consumer = await this.consumerWithSecret(signed.consumerKey);
    if (!consumer) throw fail;
    if (!verifySignature(signed, this.candidateUrls(r.headers, r.path), consumer.secret, accessToken.access_secret)) throw fail;
    return { userId: accessToken.authorizing_user_id, accessTokenId: accessToken.id, projectId: accessToken.project_id };
  }

  // --- access tokens -----------------------------------------------------------

  getAccessToken(accessTokenId: string): Promise<AccessTokenRecord> {
    return this.driver.getAccessToken(accessTokenId);
  }

  listAccessTokens(userId: string): Promise<AccessTokenRecord[]> {
    return this.driver.listAccessTokens(userId);
  }

  /** Revokes it: tokens issued with it stop validating. */
  async deleteAccessToken(userId: string, accessTokenId: string): Promise<void> {
    const token = await this.driver.getAccessToken(accessTokenId);
    if (token.authorizing_user_id !== userId) throw new Unauthorized('User IDs do not match');
    await this.driver.deleteAccessToken(accessTokenId);
    await this.apis.token.invalidateCaches?.();
  }

  /**
   * Where a client may have signed a request for `path` to: `[DEFAULT] public_endpoint`
   * when set, and this request's Host under either scheme (a TLS front end may hide the scheme).
   */
  candidateUrls(headers: Readonly<Record<string, string | string[] | undefined>>, pathAndQuery: string): string[] {
    const urls: string[] = [];
    const pub = this.runtime.config.get<string | null>('DEFAULT', 'public_endpoint');
    if (pub) urls.push(pub.replace(/\/+$/, '') + pathAndQuery);
    const host = headerValue(headers, 'host');
    if (host) urls.push(`http://${host}${pathAndQuery}`, `https://${host}${pathAndQuery}`);
    return urls;
  }

  private async consumerWithSecret(consumerId: string): Promise<(ConsumerRecord & { secret: string }) | null> {
    try {
      return await this.driver.getConsumerWithSecret(consumerId);
    } catch (e) {
      if (isKeystoneError(e) && e.code === 404) return null;
      throw e;
    }
  }

  private expiry(option: 'request_token_duration' | 'access_token_duration'): string | null {
    const seconds = this.runtime.config.get<number>('oauth1', option);
    if (!seconds || seconds <= 0) return null;
    return new Date(Date.now() + seconds * 1000).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
  }
}

function headerValue(headers: Readonly<Record<string, string | string[] | undefined>>, name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The Authorization header's parameters, values decoded (Keystone's get_oauth_headers). */
function oauthHeaderParams(headers: Readonly<Record<string, string | string[] | undefined>>): Record<string, string> {
  const auth = headerValue(headers, 'authorization');
  if (!auth) throw new ValidationError('No Authorization headers found, cannot proceed with OAuth related calls.');
  const params = parseAuthorizationHeader(auth);
  if (!params) throw new ValidationError('Malformed OAuth Authorization header.');
  return Object.fromEntries(params.map(([k, v]) => [k, oauthUnescape(v)]));
}

function parseOrReject(req: OAuthHttpRequest): SignedRequest {
  try {
    return parseSignedRequest({ httpMethod: req.httpMethod, authorization: headerValue(req.headers, 'authorization'), query: req.query });
  } catch (e) {
    if (e instanceof OAuthRequestError) throw invalid(e.error, e.description);
    throw e;
  }
}

/** How Keystone reports what oauthlib found malformed. */
function invalid(error: string, description: string): ValidationError {
  return new ValidationError(`Validation failed with errors: ${error}, detail message is: ${description}.`);
}

function assertNotExpired(expiresAt: string | null, message: string): void {
  if (!expiresAt) return;
  const t = Date.parse(expiresAt);
  if (Number.isFinite(t) && Date.now() > t) throw new Unauthorized(message);
}

/** 8 distinct characters of the verifier alphabet (Keystone's random.sample). */
function newVerifier(): string {
  const pool = [...VERIFIER_CHARS];
  let out = '';
  for (let i = 0; i < 8; i++) out += pool.splice(randomInt(pool.length), 1)[0];
  return out;
}

