import { ValidationError } from '@keystone-ts/plugin-sdk';

export interface ScopeRequest {
  project?: { id?: string; name?: string; domain?: { id?: string; name?: string } };
  domain?: { id?: string; name?: string };
  system?: { all?: boolean };
  'OS-TRUST:trust'?: { id?: string };
}

export interface AuthRequest {
  methods: string[];
  identity: Record<string, unknown>;
  scope: ScopeRequest | 'unscoped' | null;
}

/** Reads `{"auth": {"identity": {...}, "scope": ...}}` with Keystone's 400s. */
export function parseAuthRequest(body: unknown): AuthRequest {
  const auth = (body as { auth?: unknown } | null)?.auth;
  if (!auth || typeof auth !== 'object' || Array.isArray(auth)) throw ValidationError.field('auth', "'auth' is a required property");
  const identity = (auth as { identity?: unknown }).identity;
  if (!identity || typeof identity !== 'object' || Array.isArray(identity)) throw ValidationError.field('identity', "'identity' is a required property");
  const methods = (identity as { methods?: unknown }).methods;
  if (!Array.isArray(methods) || methods.length === 0 || !methods.every((m) => typeof m === 'string')) {
    throw ValidationError.field('identity.methods', 'must be a non-empty list of strings');
  }
  for (const m of methods as string[]) {
    const p = (identity as Record<string, unknown>)[m];
    if (m !== 'external' && (typeof p !== 'object' || p === null)) throw ValidationError.missing(`'${m}'`, "'identity'");
  }
  const scope = (auth as { scope?: unknown }).scope;
  if (scope !== undefined && scope !== 'unscoped' && (typeof scope !== 'object' || scope === null || Array.isArray(scope))) {
    throw ValidationError.field('scope', 'must be an object or "unscoped"');
  }
  const s = scope as ScopeRequest | undefined;
  if (s && typeof s === 'object') {
    const kinds = ['project', 'domain', 'system', 'OS-TRUST:trust'].filter((k) => k in s);
    if (kinds.length > 1) throw new ValidationError('Specifying more than one of project, domain, system or trust in a scope is not allowed.');
    if (s.system !== undefined && s.system?.all !== true) throw ValidationError.field('scope.system', "only {'all': true} is supported");
    const trust = s['OS-TRUST:trust'];
    if (trust !== undefined && (typeof trust !== 'object' || trust === null || Array.isArray(trust))) throw ValidationError.field('scope.OS-TRUST:trust', 'must be an object');
  }
  return { methods: [...new Set(methods as string[])], identity: identity as Record<string, unknown>, scope: (scope as AuthRequest['scope']) ?? null };
}
