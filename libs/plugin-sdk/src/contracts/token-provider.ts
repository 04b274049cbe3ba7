/**
 * The `keystone.token.provider` contract. A provider turns the facts of a
 * token into a string and back; core rebuilds the full token body from them.
 */
export interface TokenPayload {
  userId: string;
  methods: string[];
  /** Seconds since the epoch, with sub-second precision. */
  expiresAt: number;
  /** Seconds since the epoch; set by validate (Fernet takes it from the token's timestamp). */
  issuedAt?: number;
  /** [audit id] or [audit id, parent audit id] (rescoped tokens), 22-char urlsafe base64. */
  auditIds: string[];
  systemScope?: 'all' | null;
  domainId?: string | null;
  projectId?: string | null;
  trustId?: string | null;
  federatedGroupIds?: string[] | null;
  identityProviderId?: string | null;
  protocolId?: string | null;
  accessTokenId?: string | null;
  appCredId?: string | null;
  thumbprint?: string | null;
  /**
   * `[token] bind`: the external authentication the token is bound to
   * ({kerberos: "alice"}, {x509: {subject, issuer}}). Only providers with
   * `supportsBind` receive it; Fernet has no field for it.
   */
  bind?: Record<string, unknown> | null;
}

export interface TokenProvider {
  /** Whether issued token ids must be stored (uuid) or are self-contained (fernet, jws). */
  readonly needsPersistence: boolean;
  /** True when `validate` returns the `bind` that `issue` was given (a provider that stores the payload). */
  readonly supportsBind?: boolean;
  issue(payload: TokenPayload): Promise<string> | string;
  /**
   * `stored`: for a provider with `needsPersistence`, the payload core found
   * stored under `storageKey(token)` (core checks presence and validity first).
   * @throws NotFound (invalid or unknown token) or Unauthorized
   */
  validate(token: string, stored?: TokenPayload): Promise<TokenPayload> | TokenPayload;
  /** Where a persisted token is stored (PKI hashes its long ids); the id itself when absent. */
  storageKey?(token: string): string;
}
