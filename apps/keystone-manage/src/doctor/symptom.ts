import type { KeystoneConfig } from '@keystone-ts/core';

/**
 * One thing `keystone-manage doctor` looks for. `title` and `advice` are what
 * the operator reads when `present` is true; `present` must not change
 * anything and must not hang (network checks carry their own timeout).
 */
export interface Symptom {
  /** snake_case, as Keystone names its symptom_* checks. */
  name: string;
  title: string;
  advice: string;
  present(config: KeystoneConfig): boolean | Promise<boolean>;
}

/** An option's value, or undefined when no loaded module or plugin declares it. */
export function option<T>(config: KeystoneConfig, group: string, name: string): T | undefined {
  return config.registry.get(group, name) ? config.get<T>(group, name) : undefined;
}
