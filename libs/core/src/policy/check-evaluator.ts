/**
 * Evaluates a parsed rule against a target and credentials with oslo.policy's
 * semantics (oslo_policy/_checks.py): short-circuit and/or, role names compared
 * case-insensitively, generic checks comparing str() forms, and a missing
 * `%(key)s` in the target failing only that check.
 */
import { Check } from './check-tree';
import { PolicyEvaluationError } from './policy.errors';
import { FormatKeyMissing, percentFormat } from './python-format.util';
import { classifyKind } from './python-literal.util';
import { isPyDict, ownValue, pyStr } from './python-value.util';

/** Resolves `rule:name` (with oslo's default-rule fallback); undefined fails the check. */
export type RuleResolver = (name: string) => Check | undefined;

export interface EvaluationInput {
  /** The flattened target (`target.user.id` → value). */
  readonly target: ReadonlyMap<string, unknown>;
  readonly credentials: Readonly<Record<string, unknown>>;
  readonly resolve: RuleResolver;
}

/** Python's recursion limit turns a `rule:` loop into an error; so do we, well before the stack. */
const MAX_RULE_DEPTH = 100;

export function evaluateCheck(check: Check, input: EvaluationInput, depth = 0): boolean {
  switch (check.type) {
    case 'true':
      return true;
    case 'false':
      return false;
    case 'not':
      return !evaluateCheck(check.rule, input, depth);
    case 'and':
      return check.rules.every((rule) => evaluateCheck(rule, input, depth));
    case 'or':
      return check.rules.some((rule) => evaluateCheck(rule, input, depth));
    case 'rule': {
      const referenced = input.resolve(check.match);
      if (referenced === undefined) return false;
      if (depth >= MAX_RULE_DEPTH) throw new PolicyEvaluationError(`rule:${check.match} recurses without end`);
      return evaluateCheck(referenced, input, depth + 1);
    }
    case 'role':
      return roleCheck(check.match, input);
    case 'generic':
      return genericCheck(check.kind, check.match, input);
    case 'http':
      throw new PolicyEvaluationError(`${check.kind} checks are not supported: ${check.kind}:${check.match}`);
    case 'bare':
      throw new PolicyEvaluationError(`"${check.value}" is not a check`);
  }
}

/** `role:x`: x (after substitution) among the credentials' roles, case-insensitively. */
function roleCheck(template: string, input: EvaluationInput): boolean {
  const wanted = substitute(template, input.target);
  if (wanted === undefined) return false;
  const roles = ownValue(input.credentials, 'roles');
  if (!roles.found) return false;
  // Python lowers the whole list before testing membership, so a bad entry fails even after a match.
  const held = pyIterable(roles.value, 'roles').map((role) => {
    if (typeof role !== 'string') throw new PolicyEvaluationError(`role ${pyStr(role)} is not a string`);
    return role.toLowerCase();
  });
  return held.includes(wanted.toLowerCase());
}

/** `kind:match`: a literal kind compares itself, otherwise the kind is a dotted path into the credentials. */
function genericCheck(kind: string, template: string, input: EvaluationInput): boolean {
  const match = substitute(template, input.target);
  if (match === undefined) return false;
  const meaning = classifyKind(kind);
  if (meaning.type === 'literal') return match === meaning.text;
  return findInCredentials(input.credentials, kind.split('.'), match);
}

/** oslo's _find_in_dict: a list on the way matches if any element matches the rest of the path. */
function findInCredentials(value: unknown, path: readonly string[], match: string): boolean {
  if (path.length === 0) return match === pyStr(value);
  if (!isPyDict(value)) {
    // Python would index a str/list/None with a str key and raise TypeError.
    throw new PolicyEvaluationError(`cannot look up "${path[0]}" in ${pyStr(value)}`);
  }
  const next = ownValue(value, path[0]);
  if (!next.found) return false;
  const rest = path.slice(1);
  if (Array.isArray(next.value)) return next.value.some((item) => findInCredentials(item, rest, match));
  return findInCredentials(next.value, rest, match);
}

function substitute(template: string, target: ReadonlyMap<string, unknown>): string | undefined {
  try {
    return percentFormat(template, target);
  } catch (e) {
    if (e instanceof FormatKeyMissing) return undefined;
    throw e;
  }
}

/** What Python's `for x in value` would walk (a str yields its characters). */
function pyIterable(value: unknown, what: string): readonly unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return Array.from(value);
  if (isPyDict(value)) return Object.keys(value);
  throw new PolicyEvaluationError(`${what} is not iterable: ${pyStr(value)}`);
}
