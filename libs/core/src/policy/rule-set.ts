/**
 * A named set of parsed rules, as oslo's `Rules` dict: `rule:x` resolves here,
 * falling back to the default rule (`[oslo_policy] policy_default_rule`, named
 * `default`) when x is unknown and a rule by that name exists.
 */
import { Check, referencedRules } from './check-tree';
import { evaluateCheck } from './check-evaluator';
import { parseRule } from './rule-parser';
import { flattenTarget } from './policy-input.util';

export class RuleSet {
  constructor(
    private readonly rules: ReadonlyMap<string, Check>,
    readonly defaultRule: string | undefined = 'default',
  ) {}

  /** Parses a `{name: rule}` document, ignoring parse problems exactly as oslo does (they fail closed). */
  static fromDict(dict: Readonly<Record<string, unknown>>, defaultRule?: string): RuleSet {
    const rules = new Map<string, Check>();
    for (const [name, rule] of Object.entries(dict)) rules.set(name, parseRule(rule).check);
    return new RuleSet(rules, defaultRule);
  }

  has(name: string): boolean {
    return this.rules.has(name);
  }

  names(): string[] {
    return [...this.rules.keys()];
  }

  /** The rule by name, or the default rule when it is defined (oslo's Rules.__missing__). */
  get(name: string): Check | undefined {
    const rule = this.rules.get(name);
    if (rule !== undefined || this.defaultRule === undefined || this.defaultRule === '') return rule;
    return this.rules.get(this.defaultRule);
  }

  /** Evaluates a rule by name; an unknown name fails closed. Nested targets are flattened first. */
  check(name: string, target: Readonly<Record<string, unknown>>, credentials: Readonly<Record<string, unknown>>): boolean {
    const rule = this.get(name);
    return rule === undefined ? false : this.evaluate(rule, target, credentials);
  }

  evaluate(rule: Check, target: Readonly<Record<string, unknown>>, credentials: Readonly<Record<string, unknown>>): boolean {
    return evaluateCheck(rule, { target: flattenTarget(target), credentials, resolve: (n) => this.get(n) });
  }

  /** Rules that reference an undefined rule (oslo warns about them; they fail closed). */
  undefinedReferences(): string[] {
    return this.names().filter((name) => referencedRules(this.rules.get(name) as Check).some((ref) => !this.rules.has(ref)));
  }

  /** Rules whose `rule:` references loop back on themselves, following oslo's check_rules walk. */
  cyclicRules(): string[] {
    return this.names().filter((name) => this.hasCycle(this.rules.get(name) as Check, new Set()));
  }

  private hasCycle(check: Check, seen: Set<string>): boolean {
    if (check.type === 'rule') {
      if (seen.has(check.match)) return true;
      seen.add(check.match);
      const target = this.rules.get(check.match);
      return target !== undefined && this.hasCycle(target, seen);
    }
    if (check.type === 'not') return this.hasCycle(check.rule, seen);
    if (check.type === 'and' || check.type === 'or') {
      // Each branch gets its own copy of the path, so siblings do not look like a loop.
      return check.rules.some((rule) => this.hasCycle(rule, new Set(seen)));
    }
    return false;
  }
}
