/**
 * The policy engine: oslo.policy's rule language and enforcement semantics
 * plus Keystone 22's default rules. Framework-free; the server wires a
 * PolicyEnforcer built from `[oslo_policy]` options into its request path.
 */
export type { Check } from './check-tree';
export { checkToString } from './check-tree';
export { keystonePolicyDefaults } from './defaults';
export { PolicyEnforcer } from './policy-enforcer';
export type { PolicyEnforcerOptions } from './policy-enforcer';
export {
  InvalidScope,
  PolicyEvaluationError,
  PolicyFileError,
  PolicyNotAuthorized,
  PolicyNotRegistered,
} from './policy.errors';
export { renderPolicySample } from './policy-sample';
export type { SampleOptions } from './policy-sample';
export type {
  Credentials,
  DeprecatedRule,
  PolicyLogger,
  PolicyOperation,
  PolicyTarget,
  RuleDefault,
  ScopeType,
} from './policy.types';
export { parseCheck, parseRule } from './rule-parser';
export type { ParsedRule } from './rule-parser';
export { RuleSet } from './rule-set';
export { flattenTarget } from './policy-input.util';
