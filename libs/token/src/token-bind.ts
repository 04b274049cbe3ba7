import { ConfigurationError, Unauthorized } from '@keystone-ts/plugin-sdk';
import { getLogger } from '@keystone-ts/core';

/**
 * Token binding (`[token] bind`, `[token] enforce_token_bind`), with the
 * semantics of the configuration guide and of Keystone's historical
 * `validate_token_bind` (kept today by keystonemiddleware):
 *
 * - disabled: never checked;
 * - permissive (default): an unbound token passes; known bind types must
 *   verify; unknown types are ignored;
 * - strict: as permissive, but an unknown bind type rejects the token;
 * - required: the token must carry some bind, and every bind must verify;
 * - <type> (e.g. kerberos): the token must carry that type, and every bind
 *   must verify.
 *
 * Known types: `kerberos` (the request's AUTH_TYPE is Negotiate and its
 * REMOTE_USER is the bound name) and `x509` (the request's verified client
 * certificate has the bound subject and issuer).
 */

const log = getLogger('keystone.token.bind');

export const BIND_MODES = ['disabled', 'permissive', 'strict', 'required'] as const;
export const KNOWN_BIND_TYPES = ['kerberos', 'x509'] as const;

/** The external authentication a trusted layer established for one request. */
export interface RequestIdentity {
  remoteUser?: string;
  authType?: string;
  bind?: Record<string, unknown>;
}

export interface X509Bind {
  subject: string;
  issuer: string;
}

const GENERIC = 'The request you have made requires authentication.';

function reject(reason: string): never {
  // The reason is logged, never sent: a 401 must not tell a token thief what is missing.
  log.info(reason);
  throw new Unauthorized(GENERIC);
}

/** @throws Unauthorized when the token may not be used by this request. */
export function enforceTokenBind(mode: string, bind: Record<string, unknown> | null | undefined, req: RequestIdentity): void {
  if (mode === 'disabled') return;
  const permissive = mode === 'permissive' || mode === 'strict';
  if (!bind || Object.keys(bind).length === 0) {
    if (permissive) return;
    reject('No bind information present in token.');
  }
  const named = permissive || mode === 'required' ? null : mode;
  if (named && !(named in bind)) reject(`Named bind mode ${named} not in bind information`);
  for (const [type, identifier] of Object.entries(bind)) {
    if (type === 'kerberos') {
      if ((req.authType ?? '').toLowerCase() !== 'negotiate') reject('Kerberos credentials required and not present.');
      if (req.remoteUser !== identifier) reject('Kerberos credentials do not match those in bind.');
    } else if (type === 'x509') {
      const want = identifier as Partial<X509Bind> | null;
      const have = req.bind?.x509 as Partial<X509Bind> | undefined;
      if (!have) reject('Client certificate required and not present.');
      if (!want || have.subject !== want.subject || have.issuer !== want.issuer) reject('Client certificate does not match the one in bind.');
    } else if (mode !== 'permissive') {
      reject(`Couldn't verify unknown bind: ${type}: ${JSON.stringify(identifier)}.`);
    }
  }
}

/**
 * The bind of a new token: for each type in `[token] bind`, what the request's
 * external authentication established (`established` comes from the auth
 * method that used it). null when nothing is bound.
 */
export function bindForNewToken(configured: readonly string[], established: Record<string, unknown> | undefined): Record<string, unknown> | null {
  if (!established) return null;
  const out: Record<string, unknown> = {};
  for (const type of configured) {
    if (established[type] !== undefined && established[type] !== null) out[type] = established[type];
  }
  return Object.keys(out).length > 0 ? out : null;
}

/**
 * Start-time check. Fernet (Keystone 22's only format) has no field for
 * bind, so a provider without `supportsBind` can neither record `[token]
 * bind` (tokens would silently be unbound, defeating the operator's
 * intent) nor satisfy `required`/<type> (every token would be refused).
 */
export function checkBindConfiguration(bind: readonly string[], mode: string, provider: string, supportsBind: boolean): void {
  if (mode === 'named') log.warn("[token] enforce_token_bind = named requires a bind type called 'named'; set the type itself, e.g. kerberos.");
  for (const type of bind) {
    if (!(KNOWN_BIND_TYPES as readonly string[]).includes(type)) log.warn(`[token] bind: unknown bind type '${type}' is never recorded.`);
  }
  if (supportsBind) return;
  if (bind.length > 0) {
    throw new ConfigurationError(
      `[token] bind = ${bind.join(', ')}: the '${provider}' token provider cannot carry bind information (fernet tokens have no field for it); ` +
        'leave [token] bind empty or use a token provider that stores tokens.',
    );
  }
  if (!(BIND_MODES as readonly string[]).includes(mode) || mode === 'required') {
    throw new ConfigurationError(
      `[token] enforce_token_bind = ${mode}: '${provider}' tokens are never bound, so every token would be refused; ` +
        'use disabled, permissive or strict, or a token provider that stores tokens.',
    );
  }
}
