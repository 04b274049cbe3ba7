import { ValidationError, type ConfigView } from '@keystone-ts/plugin-sdk';
import { getLogger } from '@keystone-ts/core';

const log = getLogger('keystone.identity');
const compiled = new Map<string, RegExp | null>();

/**
 * Keystone's `validators.validate_password`: with `[security_compliance]
 * password_regex` set, a new password must match it from its first
 * character (Python's `re.match`, hence the sticky flag), or the request is
 * a 400 carrying `password_regex_description`.
 */
export function validatePassword(config: ConfigView, password: unknown): void {
  if (!config.has('security_compliance')) return;
  const pattern = config.get<string | null>('security_compliance', 'password_regex');
  if (!pattern) return;
  if (typeof password !== 'string') throw new ValidationError('Password validation error: Password must be a string type.');
  const re = compile(pattern);
  if (!re) {
    log.error(`Unable to validate password due to invalid regular expression - password_regex: ${pattern}`);
    throw new ValidationError('Password validation error: Unable to validate password due to invalid configuration.');
  }
  re.lastIndex = 0;
  if (!re.test(password)) {
    const description = config.get<string | null>('security_compliance', 'password_regex_description');
    throw new ValidationError(`The password does not match the requirements: ${description ?? 'None'}.`);
  }
}

/** Python's named-group syntax is the one common difference from JavaScript's; translate it. */
function compile(pattern: string): RegExp | null {
  if (!compiled.has(pattern)) {
    const js = pattern.replace(/\(\?P</g, '(?<').replace(/\(\?P=(\w+)\)/g, '\\k<$1>');
    try {
      compiled.set(pattern, new RegExp(js, 'uy'));
    } catch {
      try {
        compiled.set(pattern, new RegExp(js, 'y'));
      } catch {
        compiled.set(pattern, null);
      }
    }
  }
  return compiled.get(pattern) ?? null;
}
