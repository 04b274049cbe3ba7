import { dirname } from 'node:path';
import type { KeystoneConfig } from '../config/keystone-config';
import { getLogger } from '../logging/logger';
import { PolicyEnforcer, keystonePolicyDefaults } from '../policy';
import type { PolicyChecker } from './caller';

/** The request-path policy checker, built from `[oslo_policy]` and Keystone 22's defaults. */
export function createPolicyChecker(config: KeystoneConfig): PolicyChecker & { reload(): void } {
  const log = getLogger('keystone.policy');
  const configDirs = [...new Set([...config.files.map((f) => dirname(f)), '/etc/keystone'])];
  const enforcer = new PolicyEnforcer({
    defaults: keystonePolicyDefaults,
    policyFile: config.get<string>('oslo_policy', 'policy_file'),
    policyDirs: config.get<string[]>('oslo_policy', 'policy_dirs'),
    configDir: configDirs,
    enforceScope: config.get<boolean>('oslo_policy', 'enforce_scope'),
    enforceNewDefaults: config.get<boolean>('oslo_policy', 'enforce_new_defaults'),
    defaultRule: config.get<string>('oslo_policy', 'policy_default_rule'),
    logger: { warn: (m: string) => log.warn(m) },
  });
  return {
    authorize: (action, target, credentials) => enforcer.authorize(action, target, credentials),
    reload: () => enforcer.reload(),
  };
}
