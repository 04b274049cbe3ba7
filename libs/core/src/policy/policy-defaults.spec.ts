/**
 * Our default rules must be Keystone 22's, field for field and in the same
 * order: the spec asks the installed Keystone (Debian's python) for its
 * list_rules() and compares. Order matters because the sample file follows it.
 */
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { keystonePolicyDefaults } from './defaults';
import { PolicyEnforcer } from './policy-enforcer';
import type { RuleDefault } from './policy.types';
import { parseRule } from './rule-parser';
import { PYTHON } from './testing/oslo-oracle';

const DUMP_KEYSTONE_RULES = `
import json, warnings
warnings.simplefilter('ignore')
from keystone.common import policies
def dep(d):
    return None if not d else {'name': d.name, 'check_str': d.check_str,
        'deprecated_reason': d.deprecated_reason, 'deprecated_since': d.deprecated_since}
print(json.dumps([{
    'name': r.name, 'check_str': r.check_str, 'description': r.description,
    'scope_types': r.scope_types, 'operations': getattr(r, 'operations', None),
    'deprecated_rule': dep(r.deprecated_rule), 'deprecated_for_removal': r.deprecated_for_removal,
    'deprecated_reason': r.deprecated_reason, 'deprecated_since': r.deprecated_since,
} for r in policies.list_rules()]))
`;

function asKeystoneDump(rule: RuleDefault): unknown {
  const d = rule.deprecatedRule;
  return {
    name: rule.name,
    check_str: rule.checkStr,
    description: rule.description ?? null,
    scope_types: rule.scopeTypes ?? null,
    operations: rule.operations?.map((op) => ({ path: op.path, method: op.method })) ?? null,
    deprecated_rule: d === undefined ? null : {
      name: d.name, check_str: d.checkStr, deprecated_reason: d.deprecatedReason ?? null, deprecated_since: d.deprecatedSince ?? null,
    },
    deprecated_for_removal: rule.deprecatedForRemoval ?? false,
    deprecated_reason: rule.deprecatedReason ?? null,
    deprecated_since: rule.deprecatedSince ?? null,
  };
}

const suite = process.env.KEYSTONE_TS_SKIP_PYTHON === '1' ? describe.skip : describe;

suite("default rules vs Keystone 22's keystone.common.policies", () => {
  let keystone: unknown[];
  beforeAll(() => {
    const out = execFileSync(PYTHON, ['-c', DUMP_KEYSTONE_RULES], { cwd: tmpdir(), maxBuffer: 16 << 20 });
    keystone = JSON.parse(out.toString('utf8')) as unknown[];
  });

  it('has every rule, in the same order', () => {
    const names = (keystone as { name: string }[]).map((r) => r.name);
    expect(keystonePolicyDefaults.map((r) => r.name)).toEqual(names);
    expect(keystonePolicyDefaults).toHaveLength(202);
  });

  it('matches each rule field for field (check strings, scopes, operations, deprecations, descriptions)', () => {
    keystonePolicyDefaults.forEach((rule, i) => expect(asKeystoneDump(rule)).toEqual(keystone[i]));
  });
});

describe('default rules', () => {
  it('all parse cleanly, deprecated check strings included', () => {
    const problems = keystonePolicyDefaults.flatMap((rule) => [
      ...parseRule(rule.checkStr).problems.map((p) => `${rule.name}: ${p}`),
      ...(rule.deprecatedRule ? parseRule(rule.deprecatedRule.checkStr).problems.map((p) => `${rule.name} (deprecated): ${p}`) : []),
    ]);
    expect(problems).toEqual([]);
  });

  it('load without warnings: no undefined references, no cycles', () => {
    const warnings: string[] = [];
    const enforcer = new PolicyEnforcer({
      defaults: keystonePolicyDefaults,
      policyFile: '/nonexistent/policy.yaml',
      policyDirs: [],
      logger: { warn: (m) => warnings.push(m) },
    });
    expect(warnings).toEqual([]);
    expect(enforcer.effectiveRule('identity:get_user')).toBe(
      '((rule:admin_required or (role:reader and system_scope:all) or (role:reader and ' +
        'token.domain.id:%(target.user.domain_id)s) or user_id:%(target.user.id)s) or rule:admin_or_owner)',
    );
  });
});
