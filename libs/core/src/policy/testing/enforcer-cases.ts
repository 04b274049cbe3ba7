/**
 * Enforcer-level differential cases: generated defaults with scope types and
 * deprecated rules (same name and renamed), operator overrides (of the new
 * name, the old name, the `rule:<new>` alias), under every combination of
 * enforce_scope and enforce_new_defaults; and Keystone's own defaults against
 * Keystone-shaped credentials for each persona.
 */
import type { Credentials, RuleDefault, ScopeType } from '../policy.types';
import { parseRule } from '../rule-parser';
import { Picker, randomRule, rng } from './case-generator';
import type { EnforcerCase } from './oslo-oracle';

const FLAGS = [
  { enforceScope: false, enforceNewDefaults: false },
  { enforceScope: true, enforceNewDefaults: false },
  { enforceScope: false, enforceNewDefaults: true },
  { enforceScope: true, enforceNewDefaults: true },
];
const SCOPE_SETS: readonly (readonly ScopeType[] | undefined)[] = [
  undefined, [], ['system'], ['project'], ['domain'], ['system', 'project'], ['system', 'domain', 'project'],
];

/** One policy-file line; JSON quoting is valid YAML and survives any rule text. */
const entry = (name: string, rule: string | undefined): string => `${JSON.stringify(name)}: ${JSON.stringify(rule)}`;

/** Keystone-shaped credentials (RequestContext.to_policy_values plus the token body). */
export function persona(scope: 'system' | 'domain' | 'project' | 'unscoped', roles: string[], extra: Credentials = {}): Credentials {
  const token: Record<string, unknown> = { user: { id: 'u1', domain: { id: 'd1' } }, roles: roles.map((name) => ({ name })) };
  if (scope === 'project') token.project = { id: 'p1', domain: { id: 'd1' } };
  if (scope === 'domain') token.domain = { id: 'd1' };
  if (scope === 'system') token.system = { all: true };
  return {
    user_id: 'u1', user_domain_id: 'd1',
    system_scope: scope === 'system' ? 'all' : null,
    domain_id: scope === 'domain' ? 'd1' : null,
    project_id: scope === 'project' ? 'p1' : null,
    project_domain_id: scope === 'project' ? 'd1' : null,
    roles, is_admin_project: scope === 'project',
    service_user_id: null, service_user_domain_id: null, service_project_id: null,
    service_project_domain_id: null, service_roles: [], token, ...extra,
  };
}

const SCOPES = ['system', 'domain', 'project', 'unscoped'] as const;
const ROLE_SETS = [['admin', 'member', 'reader'], ['reader'], []];
export const PERSONAS: readonly Credentials[] = [
  ...SCOPES.flatMap((scope) => ROLE_SETS.map((roles) => persona(scope, roles))),
  persona('project', ['member', 'reader']),
  persona('project', ['service']),
];

export const KEYSTONE_TARGETS: readonly Record<string, unknown>[] = [
  {
    user_id: 'u1', domain_id: 'd1',
    target: {
      user: { id: 'u1', domain_id: 'd1' }, project: { id: 'p1', domain_id: 'd1' }, domain: { id: 'd1' }, domain_id: 'd1',
      credential: { user_id: 'u1' }, trust: { trustor_user_id: 'u1', trustee_user_id: 'u1' }, token: { user_id: 'u1' },
      group: { domain_id: 'd1' }, role: { domain_id: 'd1' }, limit: { domain_id: 'd1' },
    },
  },
  { user_id: 'u9', target: { user: { id: 'u9', domain_id: 'd9' }, project: { id: 'p9', domain_id: 'd9' }, domain: { id: 'd9' } } },
];

/**
 * Every Keystone rule x persona x target under each flag combination, plus one
 * operator override file. The second target (someone else's objects) is run
 * under the default flags only: it exercises the same code paths.
 */
export function keystoneCases(actions: readonly string[]): EnforcerCase[] {
  const overrides = [
    entry('identity:get_user', 'role:admin'),
    entry('identity:list_projects', 'rule:admin_required or project_id:%(target.project.id)s'),
    entry('admin_required', 'role:admin and system_scope:all'),
    entry('identity:create_user', ''),
  ].join('\n');
  const mine = { actions, creds: PERSONAS, targets: KEYSTONE_TARGETS.slice(0, 1) };
  return [
    ...FLAGS.map((flags) => ({ defaults: 'keystone' as const, ...flags, matrix: mine })),
    { defaults: 'keystone' as const, matrix: { ...mine, targets: KEYSTONE_TARGETS.slice(1) } },
    { defaults: 'keystone' as const, policyFile: overrides, matrix: mine },
  ];
}

/** A generated rule our strict loader accepts (oslo would fail the others closed; that is tested elsewhere). */
function cleanRule(p: Picker, names: readonly string[], depth: number): string {
  for (;;) {
    const rule = randomRule(p, names, depth, false);
    if (parseRule(rule).problems.length === 0) return rule;
  }
}

/** Generated defaults with deprecated rules, overridden in assorted ways, under every flag combination. */
export function generatedEnforcerCases(seed: number, count: number): EnforcerCase[] {
  const p = new Picker(rng(seed));
  const cases: EnforcerCase[] = [];
  for (let n = 0; n < count; n++) {
    const defaults: RuleDefault[] = [
      { name: 'base0', checkStr: 'role:admin' },
      { name: 'base1', checkStr: cleanRule(p, [], 1) },
    ];
    const renamed: string[] = [];
    for (const letter of ['a', 'b', 'c', 'd', 'e']) {
      const name = `svc:${letter}`;
      const checkStr = cleanRule(p, ['base0', 'base1'], 2);
      const r = p.random();
      const oldName = r < 0.3 ? `svc:old_${letter}` : name;
      if (oldName !== name) renamed.push(oldName);
      const deprecatedRule = r < 0.8
        ? { name: oldName, checkStr: p.chance(0.2) ? checkStr : cleanRule(p, ['base0', 'base1'], 2), deprecatedReason: 'x', deprecatedSince: 'Z' }
        : undefined;
      defaults.push({ name, checkStr, scopeTypes: p.pick(SCOPE_SETS), deprecatedRule });
    }
    const lines: string[] = [];
    for (const d of defaults.slice(2)) {
      if (p.chance(0.2)) lines.push(entry(d.name, cleanRule(p, ['base0', 'base1', 'helper'], 1)));
      const old = d.deprecatedRule?.name;
      if (old !== undefined && old !== d.name && p.chance(0.6)) {
        const override = p.chance(0.3) ? `rule:${d.name}` : p.chance(0.3) ? d.deprecatedRule?.checkStr : cleanRule(p, ['base0', 'helper'], 1);
        lines.push(entry(old, override));
      }
    }
    if (p.chance(0.5)) lines.push(entry('helper', cleanRule(p, [], 1)));
    if (p.chance(0.2)) lines.push(entry('base1', 'role:reader'));
    const policyFile = lines.length === 0 && p.chance(0.5) ? undefined : lines.join('\n');
    const actions = [...defaults.map((d) => d.name), ...renamed, 'svc:unknown'];
    const checks = Array.from({ length: 12 }, () => ({
      action: p.pick(actions),
      target: p.pick([{}, { target: { user: { id: 'u1' } } }]),
      creds: p.chance(0.7) ? p.pick(PERSONAS) : persona('project', ['admin'], { is_admin: true }),
    }));
    for (const flags of FLAGS) cases.push({ defaults, policyFile, ...flags, checks });
  }
  return cases;
}
