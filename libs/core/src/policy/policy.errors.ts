/**
 * Errors of the policy engine. Denials are Forbidden (403) with Keystone's
 * ForbiddenAction wording, so the edge renders them without knowing about
 * policy; load problems are ConfigurationErrors so the server refuses to start.
 */
import { ConfigurationError, Forbidden } from '@keystone-ts/plugin-sdk';
import type { ScopeType } from './policy.types';

/** The rule denied the request (oslo's PolicyNotAuthorized, Keystone's ForbiddenAction). */
export class PolicyNotAuthorized extends Forbidden {
  constructor(readonly action: string) {
    super(Forbidden.action(action).message);
  }
}

/**
 * The token's scope is not one the rule is meant for and enforce_scope is on.
 * Keystone answers exactly as for a denial, so this is a PolicyNotAuthorized.
 */
export class InvalidScope extends PolicyNotAuthorized {
  constructor(
    action: string,
    readonly scopeTypes: readonly ScopeType[],
    readonly tokenScope: ScopeType,
  ) {
    super(action);
  }

  /** oslo's wording, for logs. */
  get detail(): string {
    return `${this.action} requires a scope of [${this.scopeTypes.join(', ')}], request was made with ${this.tokenScope} scope.`;
  }
}

/**
 * An action with no registered default: a programming error. Keystone refuses it
 * with a 403 rather than a 500, and so do we; `action` keeps the name for logs.
 */
export class PolicyNotRegistered extends Forbidden {
  constructor(readonly action: string) {
    super('Internal RBAC enforcement error, invalid rule (action) name.');
  }

  /** oslo's wording, for logs. */
  get detail(): string {
    return `Policy ${this.action} has not been registered`;
  }
}

/** A policy file (or a default) that cannot be used; names the file and the rule. */
export class PolicyFileError extends ConfigurationError {
  constructor(
    readonly file: string,
    readonly rule: string | undefined,
    readonly reason: string,
  ) {
    super(rule === undefined ? `Policy file ${file}: ${reason}` : `Policy file ${file}: rule "${rule}": ${reason}`);
    this.name = 'PolicyFileError';
  }
}

/**
 * A check blew up while evaluating (where oslo would raise TypeError/ValueError
 * and Keystone would answer 500). Deliberately not a KeystoneError: the edge
 * renders it as an opaque 500.
 */
export class PolicyEvaluationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyEvaluationError';
  }
}
