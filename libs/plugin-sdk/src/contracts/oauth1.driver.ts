/**
 * The `keystone.oauth1` contract: OS-OAUTH1 consumers and the request and
 * access tokens delegated to them. Ids, secrets, verifiers and expiries are
 * chosen by the manager; a driver stores them.
 */

/** A consumer; `secret` is present only where the contract says so. */
export interface ConsumerRecord {
  id: string;
  description: string | null;
  secret?: string;
  [extra: string]: unknown;
}

export interface RequestTokenRecord {
  id: string;
  request_secret: string;
  verifier: string | null;
  authorizing_user_id: string | null;
  requested_project_id: string;
  /** Role ids the authorizing user delegated; null until authorized. */
  role_ids: string[] | null;
  consumer_id: string;
  /** Keystone stores it as an ISO 8601 string (`2026-01-02T03:04:05.000000Z`); null: never expires. */
  expires_at: string | null;
}

export interface AccessTokenRecord {
  id: string;
  access_secret: string;
  authorizing_user_id: string;
  project_id: string;
  role_ids: string[];
  consumer_id: string;
  expires_at: string | null;
}

export interface OAuth1Driver {
  /** @returns the consumer with its secret. @throws Conflict when the id exists */
  createConsumer(consumer: ConsumerRecord & { secret: string }): Promise<ConsumerRecord>;
  /** Without the secret. @throws NotFound ("Consumer not found") */
  getConsumer(consumerId: string): Promise<ConsumerRecord>;
  /** With the secret (signature checks only). @throws NotFound */
  getConsumerWithSecret(consumerId: string): Promise<ConsumerRecord & { secret: string }>;
  /** Without secrets. */
  listConsumers(): Promise<ConsumerRecord[]>;
  /** `description` and extra attributes; never the secret. @throws NotFound */
  updateConsumer(consumerId: string, patch: Record<string, unknown>): Promise<ConsumerRecord>;
  /** The consumer with its request and access tokens. @throws NotFound */
  deleteConsumer(consumerId: string): Promise<void>;

  createRequestToken(token: RequestTokenRecord): Promise<RequestTokenRecord>;
  /** @throws NotFound ("Request token not found") */
  getRequestToken(requestTokenId: string): Promise<RequestTokenRecord>;
  /** Records who authorized it, with which roles, and the verifier. @throws NotFound */
  authorizeRequestToken(requestTokenId: string, authorization: { userId: string; roleIds: string[]; verifier: string }): Promise<RequestTokenRecord>;
  /** Stores the access token and deletes the request token it came from, atomically. @throws NotFound */
  exchangeRequestToken(requestTokenId: string, accessToken: AccessTokenRecord): Promise<AccessTokenRecord>;

  /** With its secret. @throws NotFound ("Access token not found") */
  getAccessToken(accessTokenId: string): Promise<AccessTokenRecord>;
  /** The user's access tokens, with their secrets. */
  listAccessTokens(userId: string): Promise<AccessTokenRecord[]>;
  /** @throws NotFound */
  deleteAccessToken(accessTokenId: string): Promise<void>;
}

/** What the `oauth1` auth method asks of the OAuth1 subsystem (`ctx.services.oauth1`). */
export interface OAuth1ServiceFacade {
  /**
   * Checks a request signed with an access token (OAuth Authorization header).
   * @throws Unauthorized (bad signature, unknown or expired token), ValidationError (no oauth_token), NotFound
   */
  authenticateAccessToken(request: {
    httpMethod: string;
    path: string;
    headers: Readonly<Record<string, string | string[] | undefined>>;
  }): Promise<{ userId: string; accessTokenId: string; projectId: string }>;
}
