/**
 * Keystone's policy enforcement: registered defaults merged with the operator's
 * policy file and policy directories, evaluated with oslo.policy's semantics
 * (scope types, deprecated rules, default-rule fallback). Pure and synchronous:
 * files are read at construction and on reload(), never on the request path.
 */
import { ConfigurationError } from '@keystone-ts/plugin-sdk';
import { Check, checkToString } from './check-tree';
import { evaluateCheck } from './check-evaluator';
import { InvalidScope, PolicyFileError, PolicyNotAuthorized, PolicyNotRegistered } from './policy.errors';
import { fileStamp, listPolicyDirectory, readPolicyDocument, resolvePolicyPath } from './policy-file.loader';
import { flattenTarget, prepareCredentials, tokenScope } from './policy-input.util';
import type { Credentials, PolicyLogger, PolicyTarget, RuleDefault, ScopeType } from './policy.types';
import { parseRule } from './rule-parser';
import { RuleSet } from './rule-set';

export interface PolicyEnforcerOptions {
  /** Every rule the service may enforce (Keystone's list_rules()). */
  readonly defaults: readonly RuleDefault[];
  /** `[oslo_policy] policy_file`; relative names are searched in `configDir`. Absent file → defaults only. */
  readonly policyFile?: string;
  /** `[oslo_policy] policy_dirs`; missing directories are ignored. */
  readonly policyDirs?: readonly string[];
  /** Where relative paths are searched, in order (oslo_config's find_file); the working directory when absent. */
  readonly configDir?: string | readonly string[];
  readonly enforceScope?: boolean;
  readonly enforceNewDefaults?: boolean;
  /** `[oslo_policy] policy_default_rule`: used for `rule:` references to unknown rules, when defined. */
  readonly defaultRule?: string;
  /** oslo falls back to policy.json when the default policy.yaml is nowhere to be found. */
  readonly fallbackToJsonFile?: boolean;
  readonly logger?: PolicyLogger;
}

interface Registered {
  readonly rule: RuleDefault;
  readonly check: Check;
  readonly deprecatedCheck?: Check;
}

interface FileRule {
  readonly source: string;
  readonly check: Check;
}

interface LoadedRules {
  readonly rules: RuleSet;
  readonly files: readonly string[];
  /** Actions whose deprecated default or override is what is being enforced (for one warning). */
  readonly deprecatedInEffect: ReadonlySet<string>;
}

type Decision = { readonly outcome: 'allow' | 'deny' } | { readonly outcome: 'scope'; readonly scope: ScopeType };

const SILENT: PolicyLogger = { warn: () => undefined };
const MAX_SCOPE_WARNINGS = 1000;

export class PolicyEnforcer {
  private readonly registered = new Map<string, Registered>();
  private readonly configDirs: readonly string[];
  private readonly logger: PolicyLogger;
  private loaded: LoadedRules;
  private stamp: string;
  private deprecationWarned = false;
  private readonly scopeWarned = new Set<string>();

  constructor(private readonly options: PolicyEnforcerOptions) {
    this.logger = options.logger ?? SILENT;
    const dirs = options.configDir;
    this.configDirs = dirs === undefined ? [] : typeof dirs === 'string' ? [dirs] : dirs;
    for (const rule of options.defaults) this.register(rule);
    const { files, stamp } = this.locate();
    this.stamp = stamp;
    this.loaded = this.build(files);
  }

  /** True when the action is allowed. Scope mismatches deny only under enforce_scope. */
  enforce(action: string, target: PolicyTarget, credentials: Credentials | PolicyTarget): boolean {
    return this.decide(action, target, credentials).outcome === 'allow';
  }

  /** Throws PolicyNotAuthorized (InvalidScope for a scope mismatch), both 403s, unless allowed. */
  authorize(action: string, target: PolicyTarget, credentials: Credentials | PolicyTarget): void {
    const decision = this.decide(action, target, credentials);
    if (decision.outcome === 'allow') return;
    if (decision.outcome === 'scope') {
      throw new InvalidScope(action, this.registered.get(action)?.rule.scopeTypes ?? [], decision.scope);
    }
    throw new PolicyNotAuthorized(action);
  }

  /**
   * Re-reads the policy file and directories when any of them changed (mtime,
   * size, appearance). Returns whether the rules were rebuilt. A broken file
   * throws and leaves the previous rules in force until the files change again.
   */
  reload(): boolean {
    const { files, stamp } = this.locate();
    if (stamp === this.stamp) return false;
    this.stamp = stamp;
    this.loaded = this.build(files);
    return true;
  }

  isRegistered(action: string): boolean {
    return this.registered.has(action);
  }

  /** The policy files currently applied, in the order they were merged. */
  get policyFiles(): readonly string[] {
    return this.loaded.files;
  }

  /** The check string in force for a rule (oslo's rendering), e.g. for `oslopolicy-policy-generator`-style output. */
  effectiveRule(name: string): string | undefined {
    const check = this.loaded.rules.get(name);
    return check === undefined ? undefined : checkToString(check);
  }

  private decide(action: string, target: PolicyTarget, credentials: Credentials | PolicyTarget): Decision {
    const registered = this.registered.get(action);
    if (registered === undefined) throw new PolicyNotRegistered(action);
    const creds = prepareCredentials(credentials);
    const scopeTypes = registered.rule.scopeTypes;
    if (scopeTypes !== undefined && scopeTypes.length > 0) {
      const scope = tokenScope(creds);
      if (!scopeTypes.includes(scope)) {
        if (this.options.enforceScope) return { outcome: 'scope', scope };
        this.warnScope(action, scope, scopeTypes);
      }
    }
    if (this.loaded.deprecatedInEffect.has(action)) this.warnDeprecated();
    const rules = this.loaded.rules;
    const check = rules.get(action) as Check;
    const allowed = evaluateCheck(check, { target: flattenTarget(target), credentials: creds, resolve: (n) => rules.get(n) });
    return { outcome: allowed ? 'allow' : 'deny' };
  }

  private register(rule: RuleDefault): void {
    if (this.registered.has(rule.name)) throw new ConfigurationError(`Policy default "${rule.name}" is registered twice`);
    const scopes = rule.scopeTypes ?? [];
    if (new Set(scopes).size !== scopes.length) {
      throw new ConfigurationError(`Policy default "${rule.name}": scope types must be unique`);
    }
    const parsed = parseRule(rule.checkStr);
    const deprecated = rule.deprecatedRule ? parseRule(rule.deprecatedRule.checkStr) : undefined;
    const problems = [...parsed.problems, ...(deprecated?.problems ?? [])];
    if (problems.length > 0) throw new ConfigurationError(`Policy default "${rule.name}": ${problems.join('; ')}`);
    this.registered.set(rule.name, { rule, check: parsed.check, deprecatedCheck: deprecated?.check });
  }

  /** The policy file, then each policy directory's files; plus a stamp that changes when any of them does. */
  private locate(): { files: string[]; stamp: string } {
    const files: string[] = [];
    const name = this.options.policyFile ?? 'policy.yaml';
    let main = resolvePolicyPath(name, this.configDirs);
    if (main === undefined && name === 'policy.yaml' && this.options.fallbackToJsonFile !== false) {
      main = resolvePolicyPath('policy.json', this.configDirs);
    }
    if (main !== undefined) files.push(main);
    const dirStamps: string[] = [];
    for (const dir of this.options.policyDirs ?? ['policy.d']) {
      const path = resolvePolicyPath(dir, this.configDirs);
      if (path === undefined) continue;
      dirStamps.push(fileStamp(path));
      files.push(...listPolicyDirectory(path));
    }
    return { files, stamp: [...dirStamps, ...files.map(fileStamp)].join('\n') };
  }

  private build(files: readonly string[]): LoadedRules {
    const fileRules = new Map<string, FileRule>();
    for (const file of files) {
      const doc = readPolicyDocument(file);
      if (doc.json) this.logger.warn(`Policy file ${file} is JSON; JSON policy files are deprecated, convert it to YAML`);
      for (const [name, raw] of doc.rules) {
        const { check, problems } = parseRule(raw);
        if (problems.length > 0) throw new PolicyFileError(file, name, problems.join('; '));
        fileRules.set(name, { source: file, check });
      }
    }
    const merged = new Map<string, Check>([...fileRules].map(([name, rule]) => [name, rule.check]));
    const deprecatedInEffect = new Set<string>();
    for (const reg of this.registered.values()) {
      if (reg.rule.deprecatedForRemoval && fileRules.has(reg.rule.name)) {
        this.logger.warn(`Policy "${reg.rule.name}" was deprecated for removal in ${reg.rule.deprecatedSince}; its override may be ignored in the future`);
        deprecatedInEffect.add(reg.rule.name);
      }
      if (merged.has(reg.rule.name)) continue;
      const check = this.defaultCheck(reg, fileRules);
      if (check !== reg.check) deprecatedInEffect.add(reg.rule.name);
      merged.set(reg.rule.name, check);
    }
    const rules = new RuleSet(merged, this.options.defaultRule ?? 'default');
    const cyclic = rules.cyclicRules();
    if (cyclic.length > 0) {
      const culprit = cyclic.find((name) => fileRules.has(name)) ?? cyclic[0];
      throw new PolicyFileError(fileRules.get(culprit)?.source ?? '(defaults)', culprit, 'is part of a cycle of rule: references');
    }
    const undefinedRefs = rules.undefinedReferences();
    if (undefinedRefs.length > 0) {
      this.logger.warn(`Policies ${undefinedRefs.join(', ')} reference a rule that is not defined (they fail closed)`);
    }
    return { rules, files, deprecatedInEffect };
  }

  /**
   * oslo's _handle_deprecated_rule: an override of a renamed rule's old name wins
   * (unless it merely aliases the new name); otherwise, while enforce_new_defaults
   * is off, a changed default is `new or old`.
   */
  private defaultCheck(reg: Registered, fileRules: ReadonlyMap<string, FileRule>): Check {
    const { rule, check, deprecatedCheck } = reg;
    const deprecated = rule.deprecatedRule;
    if (deprecated === undefined || deprecatedCheck === undefined) return check;
    const oldOverride = deprecated.name !== rule.name ? fileRules.get(deprecated.name) : undefined;
    // oslo compares the override to the old default by object identity, so an
    // override equal to the old default still replaces the new default.
    if (oldOverride !== undefined && checkToString(oldOverride.check) !== `rule:${rule.name}` && !fileRules.has(rule.name)) {
      return oldOverride.check;
    }
    if (!this.options.enforceNewDefaults && deprecated.checkStr !== rule.checkStr && !fileRules.has(rule.name)) {
      return { type: 'or', rules: [check, deprecatedCheck] };
    }
    return check;
  }

  private warnScope(action: string, scope: ScopeType, scopeTypes: readonly ScopeType[]): void {
    const key = `${action}\n${scope}`;
    if (this.scopeWarned.has(key) || this.scopeWarned.size >= MAX_SCOPE_WARNINGS) return;
    this.scopeWarned.add(key);
    this.logger.warn(
      `Policy ${action} failed scope check: the token is ${scope} scoped but the policy requires ` +
        `[${scopeTypes.join(', ')}] scope (not refused because [oslo_policy] enforce_scope is false)`,
    );
  }

  private warnDeprecated(): void {
    if (this.deprecationWarned) return;
    this.deprecationWarned = true;
    this.logger.warn(
      'Deprecated policy rules are in effect; use oslopolicy-policy-generator and oslopolicy-policy-upgrade ' +
        'to find and resolve them in your configuration',
    );
  }
}
