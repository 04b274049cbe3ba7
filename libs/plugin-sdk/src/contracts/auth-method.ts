/**
 * The `keystone.auth.<method>` contract (Keystone's AuthMethodHandler).
 *
 * All methods named in one request run in order; each must succeed and all
 * must agree on the user. A multi-step method (MFA, receipts) returns a
 * challenge instead of a user.
 */
export interface AuthRequestContext {
  /** Remote identity established by a trusted layer (TLS client cert, Kerberos, trusted proxy); never a raw client header. */
  remoteUser?: string;
  remoteDomain?: string;
  authType?: string;
  /** Bind data of the established identity ({kerberos: principal}, {x509: ...}). */
  bind?: Record<string, unknown>;
  /** The token used with the `token` method, already validated by core. */
  requestHeaders: Readonly<Record<string, string | string[] | undefined>>;
}

export type AuthMethodResult =
  | {
      kind: 'authenticated';
      userId: string;
      extras?: Record<string, unknown>;
      expiresAt?: Date;
      auditIds?: string[];
      /** External authentication this method relied on ({kerberos: name}, {x509: {subject, issuer}}); `[token] bind` picks from it. */
      bind?: Record<string, unknown>;
    }
  | { kind: 'challenge'; body: Record<string, unknown> };

export interface AuthMethod {
  /** @throws Unauthorized on failure (the message goes to the client: keep it generic). */
  authenticate(payload: Record<string, unknown>, ctx: AuthRequestContext): Promise<AuthMethodResult>;
}
