/**
 * Shapes shared by the policy engine, its defaults and the sample renderer.
 * They mirror oslo.policy's RuleDefault / DocumentedRuleDefault / DeprecatedRule
 * so Keystone's defaults translate field for field.
 */

/** The scopes a Keystone token can carry; a rule lists the ones it is meant for. */
export type ScopeType = 'system' | 'domain' | 'project';

/** One API operation a rule protects. Keystone writes a few methods as lists (`['HEAD', 'GET']`). */
export interface PolicyOperation {
  readonly method: string | readonly string[];
  readonly path: string;
}

/** The rule a default replaces: its old name and check string stay in force until enforce_new_defaults. */
export interface DeprecatedRule {
  readonly name: string;
  readonly checkStr: string;
  readonly deprecatedReason?: string;
  readonly deprecatedSince?: string;
}

/**
 * A default rule as registered in code. `operations` present means a documented
 * rule (oslo's DocumentedRuleDefault); `scopeTypes` absent means "no scope check"
 * (distinct from an empty list only in the sample output, as in oslo).
 */
export interface RuleDefault {
  readonly name: string;
  readonly checkStr: string;
  readonly description?: string;
  readonly operations?: readonly PolicyOperation[];
  readonly scopeTypes?: readonly ScopeType[];
  readonly deprecatedRule?: DeprecatedRule;
  readonly deprecatedForRemoval?: boolean;
  readonly deprecatedReason?: string;
  readonly deprecatedSince?: string;
}

/**
 * oslo's creds dict as Keystone builds it (RequestContext.to_policy_values):
 * every key below is present, unset ones as `null` (Python's None, which a
 * generic check renders as the string "None"). `token` is the rendered token
 * body (`token.domain.id`, `token.project.domain.id` are used by defaults).
 * Keystone never puts `is_admin` here (the admin_token bypass happens before
 * enforcement), so `is_admin:1` only matters for operator-supplied creds.
 */
export interface Credentials {
  user_id?: string | null;
  user_domain_id?: string | null;
  system_scope?: string | null;
  domain_id?: string | null;
  project_id?: string | null;
  project_domain_id?: string | null;
  roles?: readonly string[];
  is_admin_project?: boolean | null;
  service_user_id?: string | null;
  service_user_domain_id?: string | null;
  service_project_id?: string | null;
  service_project_domain_id?: string | null;
  service_roles?: readonly string[];
  token?: Readonly<Record<string, unknown>>;
  is_admin?: boolean;
  readonly [key: string]: unknown;
}

/** Target attributes: nested objects are flattened to dotted keys as Keystone does. */
export type PolicyTarget = Readonly<Record<string, unknown>>;

/** Pino-compatible subset; the engine only warns and, when asked, traces. */
export interface PolicyLogger {
  warn(message: string): void;
  debug?(message: string): void;
}
