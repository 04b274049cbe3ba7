/**
 * The parsed form of a rule: oslo.policy's Check classes as a plain tagged
 * union. `checkToString` reproduces oslo's str(check) exactly, because oslo
 * compares rules by that string (redundant overrides, `rule:<new name>` aliases).
 */

export type Check =
  | { readonly type: 'true' }
  | { readonly type: 'false' }
  /** `rule:`, `role:`, `http(s):` and every other `kind:match` pair. */
  | { readonly type: 'rule' | 'role' | 'generic' | 'http'; readonly kind: string; readonly match: string }
  | { readonly type: 'not'; readonly rule: Check }
  | { readonly type: 'and' | 'or'; readonly rules: readonly Check[] }
  /**
   * oslo's parser returns a bare token value instead of a Check when a rule is a
   * single non-check token (`"not"`, `"'quoted'"`, `")"`); using it raises.
   */
  | { readonly type: 'bare'; readonly value: string };

export const TRUE_CHECK: Check = Object.freeze({ type: 'true' });
export const FALSE_CHECK: Check = Object.freeze({ type: 'false' });

export function checkToString(check: Check): string {
  switch (check.type) {
    case 'true':
      return '@';
    case 'false':
      return '!';
    case 'rule':
    case 'role':
    case 'generic':
    case 'http':
      return `${check.kind}:${check.match}`;
    case 'not':
      return `not ${checkToString(check.rule)}`;
    case 'and':
    case 'or':
      return `(${check.rules.map(checkToString).join(` ${check.type} `)})`;
    case 'bare':
      return check.value;
  }
}

/** Names referenced through `rule:` anywhere in the tree. */
export function referencedRules(check: Check): string[] {
  switch (check.type) {
    case 'rule':
      return [check.match];
    case 'not':
      return referencedRules(check.rule);
    case 'and':
    case 'or':
      return check.rules.flatMap(referencedRules);
    default:
      return [];
  }
}
